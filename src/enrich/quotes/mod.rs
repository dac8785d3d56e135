//! Quotation extraction and speaker attribution for German news.
//!
//! [`extract_quotes`] finds
//! * direct speech in every German convention („…“ "…" »…« «…» ‚…‘ ›…‹ “…”), over several
//!   sentences and paragraphs, nested, and interrupted by its frame
//!   (`„Wir werden“, sagte er, „zusammenarbeiten.“` is one quote with two spans); short fragments
//!   and scare quotes are kept with [`Quote::partial`] set;
//! * indirect speech: a reporting verb with `dass` or Konjunktiv (`Xi betonte, dass …`,
//!   `Er sagte, China sei …`), source frames (`laut X`, `nach Angaben von X`, `X zufolge`,
//!   `seiner Meinung nach`, `demnach`, `wonach`), and Konjunktiv sentences that continue an attributed quote
//!   ([`QuoteKind::IndirectFreeIndirect`]), `Dies bestätigte X.` after the reported sentence;
//! * hearsay without a frame (`Er soll … gefahren haben.`, [`QuoteKind::FreeIndirect`]) and speech
//!   acts told as events (`Die CDU forderte Aufklärung.`, [`QuoteKind::Reported`]);
//!
//! with the speaker noun phrase as a span, the cue words (`sagte`, `teilte … mit`, `hieß es`,
//! `laut`), and the speaker resolved to a canonical actor from the entity [`Mention`]s — directly;
//! for pronouns (`er`, `sie`) via the previous quote's speaker or the nearest compatible actor;
//! for role nouns (`der russische Präsident`) via the actor named with that role in the article
//! (`dem russischen Präsidenten Wladimir Putin`). Institutions (`der Kreml`, `die Staatsmedien`)
//! speak for themselves: their actor is an organisation mention inside the phrase or none.
//! Where the frame names whom it was said to, the quote carries an [`Addressee`]
//! (`sagte er der „Bild“-Zeitung`, `gegenüber Reportern`, `teilte dem Parlament mit`,
//! `Ihm wird vorgeworfen`). Any two quotes of an article are disjoint or nested (a quoted
//! fragment inside indirect speech, indirect speech inside a direct quote), never duplicates.
//!
//! All offsets in [`Quote`] are UTF-8 byte offsets into the text; [`QuoteJson`] converts to
//! code point offsets for JSON / Python.
//!
//! ```
//! use pressespiegel::enrich::{Mention, MentionKind};
//! use pressespiegel::enrich::quotes::{extract_quotes, QuoteKind};
//!
//! let text = "US-Präsident Donald Trump traf Xi. „Wir werden beide zusammenarbeiten“, erklärte er.";
//! let mentions = [Mention { start: 13, end: 25, kind: MentionKind::Actor, key: "Donald Trump".into() }];
//! let quotes = extract_quotes(text, &mentions);
//! let q = &quotes[0];
//! assert_eq!(q.kind, QuoteKind::Direct);
//! let speaker = q.speaker.as_ref().unwrap();
//! assert_eq!(speaker.text, "er");
//! assert_eq!(speaker.actor.as_deref(), Some("Donald Trump"));
//! assert_eq!(q.cue.as_ref().unwrap().text, "erklärte");
//! ```

mod addressee;
mod cues;
mod direct;
mod indirect;
mod model;
mod speaker;
mod text;

pub use model::{
    to_char_spans, Addressee, ArticleQuotesJson, Cue, CueJson, Frame, Quote, QuoteJson, QuoteKind,
    Speaker, SpeakerJson,
};
pub use speaker::Gender;

use crate::enrich::Mention;
use text::{Tok, TokKind};

/// Finds the quotations in `text` and attributes them, resolving speakers against the actor
/// `mentions` (byte offsets into the same `text`). Never panics; the result is sorted by position.
///
/// ```
/// use pressespiegel::enrich::quotes::{extract_quotes, QuoteKind};
/// let quotes = extract_quotes("Laut Trump waren sich beide einig.", &[]);
/// assert_eq!(quotes[0].kind, QuoteKind::Indirect);
/// assert_eq!(quotes[0].text, "waren sich beide einig");
/// assert_eq!(quotes[0].speaker.as_ref().unwrap().text, "Trump");
/// ```
pub fn extract_quotes(text: &str, mentions: &[Mention]) -> Vec<Quote> {
    QuoteExtractor::new().extract(text, mentions)
}

/// The boxed gender lookup of a [`QuoteExtractor`].
type GenderLookup = Box<dyn Fn(&str) -> Option<Gender> + Send + Sync>;

/// A configurable quote extractor (optional gender lookup for pronoun resolution).
///
/// ```
/// use pressespiegel::enrich::{Mention, MentionKind};
/// use pressespiegel::enrich::quotes::{Gender, QuoteExtractor};
///
/// let text = "Angela Merkel traf Olaf Scholz. Sie sagte, man sei sich einig.";
/// let mentions = [
///     Mention { start: 0, end: 13, kind: MentionKind::Actor, key: "Angela Merkel".into() },
///     Mention { start: 19, end: 30, kind: MentionKind::Actor, key: "Olaf Scholz".into() },
/// ];
/// let extractor = QuoteExtractor::new().with_gender(|actor: &str| {
///     Some(if actor == "Angela Merkel" { Gender::Female } else { Gender::Male })
/// });
/// let quotes = extractor.extract(text, &mentions);
/// assert_eq!(quotes[0].speaker.as_ref().unwrap().actor.as_deref(), Some("Angela Merkel"));
/// ```
#[derive(Default)]
pub struct QuoteExtractor {
    gender: Option<GenderLookup>,
}

impl std::fmt::Debug for QuoteExtractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QuoteExtractor")
            .field("gender", &self.gender.is_some())
            .finish()
    }
}

impl QuoteExtractor {
    /// An extractor without gender information (pronouns resolve to the nearest actor).
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses `lookup(actor key)` to resolve `er` / `sie` only to actors of the matching gender
    /// (`None` from the lookup means unknown, which matches both).
    pub fn with_gender(
        mut self,
        lookup: impl Fn(&str) -> Option<Gender> + Send + Sync + 'static,
    ) -> Self {
        self.gender = Some(Box::new(lookup));
        self
    }

    /// Finds and attributes the quotations of `text`; see [`extract_quotes`].
    pub fn extract(&self, text: &str, mentions: &[Mention]) -> Vec<Quote> {
        let toks = text::tokenize(text);
        let sents = text::sentences(text, &toks);
        let mut sent_of = vec![0usize; toks.len()];
        for (si, &(a, b)) in sents.iter().enumerate() {
            for s in sent_of.iter_mut().take(b).skip(a) {
                *s = si;
            }
        }
        let lex: Vec<Option<&'static cues::Entry>> = toks
            .iter()
            .map(|t| {
                if t.is_word() {
                    cues::lookup(&text[t.start..t.end])
                } else {
                    None
                }
            })
            .collect();
        let ctx = Ctx {
            text,
            lex: &lex,
            toks: &toks,
            sents: &sents,
            sent_of: &sent_of,
        };
        let mut found = direct::attribute(&ctx);
        let more = indirect::find(&ctx, &found);
        // a fragment in quotation marks inside an attributed indirect quote belongs to its speaker
        for f in found
            .iter_mut()
            .filter(|f| f.speaker.is_none() && !f.name_like)
        {
            let Some(&(a, b)) = f.spans.first() else {
                continue;
            };
            if let Some(host) = more
                .iter()
                .find(|m| m.speaker.is_some() && m.spans.iter().any(|&(s, e)| s <= a && b <= e))
            {
                f.speaker = host.speaker.clone();
                f.cue = host.cue.clone();
                f.frame = host.frame.clone();
            }
        }
        // names and titles in quotation marks are not speech: no speaker borrowed from a host
        // quote, flagged partial (unless used as a predicate of a framed quote)
        for f in found.iter_mut().filter(|f| f.name_like) {
            let attributed = f.speaker.is_some() || f.cue.is_some();
            if !attributed || (f.partial && !f.predicative) {
                f.partial = true;
                f.speaker = None;
                f.cue = None;
                f.frame = None;
            }
        }
        found.extend(more);
        found.sort_by_key(|f| (f.spans.first().copied(), f.kind));
        // a full direct quote opening a sentence without a frame continues the speaker of the
        // quote just before it (direct or indirect), up to two sentences back
        let mut prev: Option<(usize, Vec<(usize, usize)>)> = None;
        for f in found.iter_mut() {
            let first_sent = f
                .spans
                .first()
                .and_then(|s| sent_of.get(s.0))
                .copied()
                .unwrap_or(0);
            if f.kind == QuoteKind::Direct
                && f.speaker.is_none()
                && f.cue.is_none()
                && !f.partial
                && f.spans
                    .first()
                    .is_some_and(|s| sents.get(first_sent).is_some_and(|&(lo, _)| lo == s.0))
            {
                if let Some((ls, sp)) = &prev {
                    if first_sent <= ls + 2 {
                        f.speaker = Some(sp.clone());
                    }
                }
            } else if f.kind == QuoteKind::Direct && f.speaker.is_none() && !f.partial {
                // words quoted inside a sentence ("Der Kreml beschrieb das Gespräch als „warm
                // und freundlich“"): the sentence's subject, a phrase right before its verb when
                // that verb tells speech (not "Seine Zuversicht begründete …", a fronted object)
                if let Some(&(lo, _)) = sents.get(first_sent) {
                    let a = f.spans.first().map_or(lo, |s| s.0);
                    if let Some(np) = speaker::np_after(text, &toks, lo, a) {
                        let verb = toks.get(np.1).is_some_and(|t| {
                            t.is_word()
                                && text[t.start..t.end]
                                    .chars()
                                    .next()
                                    .is_some_and(char::is_lowercase)
                        });
                        let speech = lex
                            .get(np.1)
                            .copied()
                            .flatten()
                            .is_some_and(|e| e.any_verb() || e.reported);
                        if verb && speech && np.1 < a {
                            f.speaker = Some(vec![np]);
                        }
                    }
                }
            }
            // a short phrase in quotation marks that nothing marks as speech — no speaker, no
            // cue, no reporting word or Konjunktiv in its sentence — is a scare quote or a
            // name („geflügeltes Wort“, „safer Sex“): kept, but partial
            if f.kind == QuoteKind::Direct
                && !f.partial
                && f.speaker.is_none()
                && f.cue.is_none()
                && f.spans.len() == 1
            {
                let (a, b) = f.spans[0];
                let words = (a..b).filter(|&i| toks[i].is_word()).count();
                let marked = sents.get(first_sent).is_some_and(|&(lo, hi)| {
                    (lo..hi).any(|i| {
                        lex.get(i).copied().flatten().is_some_and(|e| {
                            e.konj
                                || e.any_verb()
                                || e.reported
                                || e.prep
                                || e.post
                                || e.adv
                                || e.nach_noun
                        })
                    })
                });
                // (an evaluation with `als` is someone's words: "wertete … als „…“")
                let als = a > 0
                    && toks[a - 1].is_word()
                    && text[toks[a - 1].start..toks[a - 1].end].eq_ignore_ascii_case("als");
                if words < SHORT_FRAGMENT_WORDS && !marked && !als {
                    f.partial = true;
                }
            }
            if let Some(sp) = &f.speaker {
                if !f.partial {
                    prev = Some((f.last_sent, sp.clone()));
                }
            }
        }
        let gender = self
            .gender
            .as_deref()
            .map(|g| g as &dyn Fn(&str) -> Option<Gender>);
        let mut out: Vec<Quote> = Vec::with_capacity(found.len());
        // the actor of the latest attributed speaker and where that speaker phrase ends
        let mut salient: Option<(usize, String)> = None;
        for f in found {
            let near = salient
                .as_ref()
                .filter(|(end, _)| {
                    f.spans
                        .first()
                        .and_then(|s| toks.get(s.0))
                        .is_some_and(|t| t.start >= *end && t.start - *end < SALIENCE_BYTES)
                })
                .map(|(_, k)| k.as_str());
            if let Some(q) = ctx.finish(f, mentions, gender, near) {
                if let Some(sp) = &q.speaker {
                    if let (Some(actor), Some(&(_, e))) = (&sp.actor, sp.spans.last()) {
                        salient = Some((e, actor.clone()));
                    }
                }
                out.push(q);
            }
        }
        without_overlaps(out)
    }
}

/// A quoted phrase with fewer words than this and no sign of speech around it is `partial`.
const SHORT_FRAGMENT_WORDS: usize = 4;

/// A byte span `[start, end)`.
type Span = (usize, usize);

/// Whether byte spans `a` and `b` share a byte.
fn overlaps(a: &[(usize, usize)], b: &[(usize, usize)]) -> bool {
    a.iter()
        .any(|&(s, e)| b.iter().any(|&(t, u)| s < u && t < e))
}

/// Whether every span of `inner` lies inside a span of `outer`.
fn contains(outer: &[(usize, usize)], inner: &[(usize, usize)]) -> bool {
    inner
        .iter()
        .all(|&(s, e)| outer.iter().any(|&(t, u)| t <= s && e <= u))
}

/// Ranks quotes competing for the same words: full direct quotes, then attributed ones, then
/// framed indirect speech before continuations, hearsay and reported speech acts.
fn rank(q: &Quote) -> (u8, u8, u8) {
    let kind = match q.kind {
        QuoteKind::Direct => 0,
        QuoteKind::Indirect => 1,
        QuoteKind::IndirectFreeIndirect => 2,
        QuoteKind::FreeIndirect => 3,
        QuoteKind::Reported => 4,
    };
    (
        u8::from(q.partial),
        u8::from(q.speaker.is_none() && q.cue.is_none()),
        kind,
    )
}

/// Removes quotes that compete for the same words, so that any two quotes of an article are
/// either disjoint or intentionally nested (a quoted fragment inside reported speech, indirect
/// speech reported inside a direct quote). Dropped: a quote with the same extent as a better one,
/// one that overlaps another without containing it or being contained, and indirect or reported
/// speech that contains a direct quote together with that quote's own cue (`So bezeichnete er es
/// als „ein neues Kapitel“.` is one direct quote, not also a reported one around it).
fn without_overlaps(quotes: Vec<Quote>) -> Vec<Quote> {
    if quotes.len() < 2 {
        return quotes;
    }
    // direct quotes with their cue: other speech containing both, or framed by the same cue
    // words, restates that quote
    let framed: Vec<(&[Span], &[Span])> = quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct)
        .filter_map(|q| Some((&q.spans[..], &q.cue.as_ref()?.spans[..])))
        .collect();
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    order.sort_by_key(|&i| (rank(&quotes[i]), quotes[i].spans.first().copied()));
    let mut keep = vec![false; quotes.len()];
    let mut kept: Vec<usize> = Vec::new();
    for i in order {
        let q = &quotes[i];
        let restates = |(d, c): &(&[Span], &[Span])| {
            (q.cue.is_none() && contains(&q.spans, d) && contains(&q.spans, c))
                || (overlaps(&q.spans, d)
                    && !contains(&q.spans, d)
                    && q.cue.as_ref().is_some_and(|qc| qc.spans == *c))
        };
        let same_extent = quotes
            .iter()
            .any(|d| d.kind == QuoteKind::Direct && d.spans == q.spans);
        if q.kind != QuoteKind::Direct && (same_extent || framed.iter().any(restates)) {
            continue;
        }
        let clash = kept.iter().any(|&k| {
            let o = &quotes[k];
            overlaps(&o.spans, &q.spans)
                && (o.spans == q.spans
                    || !(contains(&o.spans, &q.spans) || contains(&q.spans, &o.spans)))
        });
        if !clash {
            keep[i] = true;
            kept.push(i);
        }
    }
    quotes
        .into_iter()
        .zip(keep)
        .filter_map(|(q, k)| k.then_some(q))
        .collect()
}

/// A quote found by the rules, in token index spans (half-open).
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub kind: QuoteKind,
    pub spans: Vec<(usize, usize)>,
    pub partial: bool,
    pub speaker: Option<Vec<(usize, usize)>>,
    pub cue: Option<Vec<(usize, usize)>>,
    pub frame: Option<Vec<(usize, usize)>>,
    /// Sentence index of the quote's last token.
    pub last_sent: usize,
    /// Direct quotes only: the marks enclose what looks like a name or title (capitalised, no
    /// sentence punctuation inside, in the middle of a sentence: `die „Berliner Zeitung“`).
    pub name_like: bool,
    /// Direct quotes only: an indefinite article or `als` right before the opening mark
    /// (`nannte es einen „Militärputsch“`): a predicate in someone's words, not a name.
    pub predicative: bool,
}

/// The analysed article shared by the rule modules.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    /// Lexicon entry per token.
    pub lex: &'a [Option<&'static cues::Entry>],
    pub toks: &'a [Tok],
    pub sents: &'a [(usize, usize)],
    pub sent_of: &'a [usize],
}

impl<'a> Ctx<'a> {
    pub fn word(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .map(|t| &self.text[t.start..t.end])
            .unwrap_or("")
    }

    /// The cue lexicon entry of token `i`.
    pub fn lex(&self, i: usize) -> Option<&'static cues::Entry> {
        self.lex.get(i).copied().flatten()
    }

    /// Whether token `i` is a lower-case word in -en, an inflected adjective after a
    /// determiner: `der englischsprachigen Zeitung` (so `der` there is no nominative).
    pub fn is_adjective_en(&self, i: usize) -> bool {
        let w = self.word(i);
        w.ends_with("en") && w.chars().next().is_some_and(char::is_lowercase)
    }

    /// Whether token `i` is a word equal to `w` ignoring ASCII case. Compares bytes (what
    /// `str::eq_ignore_ascii_case` does), the length first.
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.is_word()
                && t.end.wrapping_sub(t.start) == w.len()
                && self
                    .text
                    .as_bytes()
                    .get(t.start..t.end)
                    .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
        })
    }

    pub fn punct(&self, i: usize, c: char) -> bool {
        self.toks.get(i).is_some_and(|t| t.is_punct(c))
    }

    pub fn is_quote(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| matches!(t.kind, TokKind::Quote(_)))
    }

    /// Byte span of tokens `[a, b)`.
    fn bytes(&self, (a, b): (usize, usize)) -> Option<(usize, usize)> {
        if a >= b || b > self.toks.len() {
            return None;
        }
        Some((self.toks[a].start, self.toks[b - 1].end))
    }

    fn join(&self, spans: &[(usize, usize)]) -> String {
        spans
            .iter()
            .map(|&(s, e)| &self.text[s..e])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn finish(
        &self,
        f: Found,
        mentions: &[Mention],
        gender: Option<speaker::GenderFn<'_>>,
        salient: Option<&str>,
    ) -> Option<Quote> {
        let spans: Vec<(usize, usize)> = f.spans.iter().filter_map(|&s| self.bytes(s)).collect();
        if spans.is_empty() {
            return None;
        }
        let mut f = f;
        // a passive frame names the addressee as its subject: "Ihm wird vorgeworfen, …"
        let passive = addressee::passive_subject(self, &f);
        if passive.is_some() {
            f.speaker = None;
        }
        let addressee = passive
            .or_else(|| addressee::find(self, &f))
            .and_then(|s| self.bytes(s))
            .map(|s| Addressee {
                text: self.text[s.0..s.1].to_string(),
                spans: vec![s],
            });
        let speaker = f.speaker.and_then(|sp| {
            let spans: Vec<(usize, usize)> = sp.iter().filter_map(|&s| self.bytes(s)).collect();
            let first = *spans.first()?;
            let actor = speaker::resolve(self.text, first, mentions, gender, salient);
            Some(Speaker {
                text: self.join(&spans),
                spans,
                actor,
            })
        });
        let cue = f.cue.and_then(|c| {
            let spans: Vec<(usize, usize)> = c.iter().filter_map(|&s| self.bytes(s)).collect();
            if spans.is_empty() {
                return None;
            }
            Some(Cue {
                text: self.join(&spans),
                spans,
            })
        });
        let frame = f.frame.and_then(|c| {
            let spans: Vec<(usize, usize)> = c.iter().filter_map(|&s| self.bytes(s)).collect();
            if spans.is_empty() {
                return None;
            }
            Some(Frame {
                text: self.join(&spans),
                spans,
            })
        });
        Some(Quote {
            kind: f.kind,
            text: self.join(&spans),
            spans,
            partial: f.partial,
            speaker,
            cue,
            frame,
            addressee,
        })
    }

    /// Cue found at token `v`: the verb and, for a separable verb, its particle before `limit`.
    /// Returns the cue token spans, or `None` if `v` is not a cue here.
    pub fn verb_cue(&self, v: usize, limit: usize) -> Option<Vec<(usize, usize)>> {
        let t = self.toks.get(v)?;
        if !t.is_word() {
            return None;
        }
        let e = self.lex(v)?;
        if e.imp {
            if self.is(v + 1, "es") {
                return Some(vec![(v, v + 2)]);
            }
            if v > 0 && self.is(v - 1, "es") {
                return Some(vec![(v - 1, v + 1)]);
            }
            return None;
        }
        if !e.particles.is_empty() {
            let mut j = v + 1;
            while j < limit.min(self.toks.len()) {
                let tj = &self.toks[j];
                if matches!(tj.kind, TokKind::Punct('.' | ',' | ';' | ':' | '!' | '?'))
                    || matches!(tj.kind, TokKind::Quote(_))
                {
                    break;
                }
                if tj.is_word() && e.particles.iter().any(|p| self.word(j) == *p) {
                    return Some(vec![(v, v + 1), (j, j + 1)]);
                }
                j += 1;
            }
        }
        if e.verb {
            return Some(vec![(v, v + 1)]);
        }
        None
    }

    /// The subject of the cue verb at `v` in the clause starting at `lo` and ending before `hi`:
    /// the phrase right before the verb (`Trump sagte`), else the one after it (`sagte Trump`,
    /// `Am Montag sagte er`). For `hieß es` the source in `in X` / `aus X`.
    pub fn subject(&self, v: usize, lo: usize, hi: usize) -> Option<(usize, usize)> {
        if self.lex(v).is_some_and(|e| e.imp) {
            let mut j = lo;
            while j + 1 < hi {
                if ["in", "im", "aus", "von", "vom", "bei", "seitens", "auf"]
                    .iter()
                    .any(|p| self.is(j, p))
                    && j != v
                {
                    if let Some(np) = speaker::np_after(self.text, self.toks, j + 1, hi) {
                        return Some(np);
                    }
                }
                j += 1;
            }
            return None;
        }
        // the agent of a passive speech act: "Von der Opposition wurde der Besuch kritisiert",
        // "Die Forderungen wurden von Minister Stolpe abgelehnt"
        if self.word(v).ends_with('t') {
            let clause = |i: usize| !self.punct(i, ',') && !self.is_quote(i);
            let aux = (lo..hi).any(|i| {
                i != v
                    && ["wird", "werden", "wurde", "wurden", "worden"]
                        .iter()
                        .any(|a| self.is(i, a))
            });
            if aux && (lo..hi).all(clause) {
                for j in lo..hi {
                    if !(self.is(j, "von") || self.is(j, "vom")) {
                        continue;
                    }
                    // "Joe Stork von HRW": a name attribute, not the agent
                    let after_noun = j > lo
                        && self.toks[j - 1].is_word()
                        && self
                            .word(j - 1)
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase);
                    if after_noun {
                        continue;
                    }
                    if let Some(np) = speaker::np_after(self.text, self.toks, j + 1, hi)
                        .filter(|np| np.0 == j + 1 && (np.1 <= v || np.0 > v))
                    {
                        return Some(np);
                    }
                }
            }
        }
        // a nominative pronoun right after the verb is its subject, whatever comes before
        // ("Die Tat bezeichnete er als sinnlos")
        let mut j = v + 1;
        while j < hi && FILLERS.iter().any(|f| self.is(j, f)) {
            j += 1;
        }
        if j < hi && v > lo && ["er", "ich", "wir", "man"].iter().any(|p| self.is(j, p)) {
            return Some((j, j + 1));
        }
        if let Some((s, e)) = speaker::np_before(self.text, self.toks, v, lo) {
            // a prepositional or predicative phrase before the verb is no subject
            // ("Im Interview sagte …", "Als Beispiel nannte der Berliner …")
            let pp = (s > lo
                && self.toks[s - 1].is_word()
                && (PREPOSITIONS
                    .iter()
                    .any(|p| self.word(s - 1).eq_ignore_ascii_case(p))
                    || self.word(s - 1).eq_ignore_ascii_case("als")))
                // the phrase itself opens with a preposition ("An die Regierung appellierte sie")
                || (e > s + 1
                    && ["an", "gegenüber", "über", "vor", "unter", "mit", "für", "gegen"]
                        .iter()
                        .any(|p| self.word(s).eq_ignore_ascii_case(p)));
            // a fronted object ("Den Vorschlag lehnte die Opposition ab") leaves the subject
            // after the verb
            // (`Der englischsprachigen Zeitung sagte Filep Karma …`: `der` + adjective in -en
            // is no nominative singular)
            let fem_dative = ["der", "einer"]
                .iter()
                .any(|d| self.word(s).eq_ignore_ascii_case(d))
                && s + 2 < e
                && self.is_adjective_en(s + 1);
            let object = fem_dative
                || ["den", "dem", "einen", "einem"]
                    .iter()
                    .any(|d| self.word(s).eq_ignore_ascii_case(d));
            let subject_after = object && {
                let mut j = v + 1;
                while j < hi && FILLERS.iter().any(|f| self.is(j, f)) {
                    j += 1;
                }
                j < hi
                    && !["den", "dem", "einen", "einem"]
                        .iter()
                        .any(|d| self.word(j).eq_ignore_ascii_case(d))
                    && speaker::np_after(self.text, self.toks, j, hi).is_some_and(|np| np.0 == j)
            };
            if !pp && !subject_after {
                return Some((s, e));
            }
        }
        // a lower-case name or a nominalised adjective after a determiner opening the clause:
        // "Die taz vermutet, …", "Die meisten sagten, …"
        if v == lo + 2
            && speaker::is_determiner(self.word(lo))
            && self.toks[lo + 1].is_word()
            && self
                .word(lo + 1)
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
            && self.lex(lo + 1).is_none()
            && !FILLERS.iter().any(|f| self.is(lo + 1, f))
        {
            return Some((lo, v));
        }
        let mut j = v + 1;
        while j < hi && FILLERS.iter().any(|f| self.is(j, f)) {
            j += 1;
        }
        speaker::np_after(self.text, self.toks, j, hi)
            // (not the addressee phrase "bekräftigte gegenüber mehreren Medien, …")
            .filter(|np| {
                !["gegenüber", "an", "vor", "über", "mit", "für", "gegen"]
                    .iter()
                    .any(|p| self.word(np.0).eq_ignore_ascii_case(p))
            })
            .or_else(|| {
                // coordinated verbs: "Xi ruft Trump an und erklärt, …" → the clause subject
                let und = (lo..v).rev().find(|&i| self.is(i, "und"))?;
                if und + 3 < v {
                    return None;
                }
                speaker::np_after(self.text, self.toks, lo, v).filter(|np| np.0 == lo)
            })
            .or_else(|| {
                // a participle after an auxiliary: "Fed-Chef Ben Bernanke hatte erst kürzlich
                // angekündigt, …" / "Am Montag hat die Polizei mitgeteilt, …"
                let aux = (lo..v).find(|&i| AUXILIARIES.iter().any(|a| self.is(i, a)))?;
                let before = speaker::np_before(self.text, self.toks, aux, lo).filter(|&(s, _)| {
                    !(s > lo
                        && self.toks[s - 1].is_word()
                        && PREPOSITIONS
                            .iter()
                            .any(|p| self.word(s - 1).eq_ignore_ascii_case(p)))
                });
                before.or_else(|| {
                    let mut j = aux + 1;
                    while j < v && FILLERS.iter().any(|f| self.is(j, f)) {
                        j += 1;
                    }
                    speaker::np_after(self.text, self.toks, j, v)
                })
            })
            .or_else(|| {
                // a second verb of the clause subject: "Die Vereinten Nationen bestätigten den
                // Zwischenfall, teilten jedoch mit, …", "Das FBI seinerseits versprach, …"
                let w = self.word(lo).to_lowercase();
                if PREPOSITIONS.contains(&w.as_str())
                    || [
                        "den", "dem", "einen", "einem", "als", "wie", "wenn", "während",
                    ]
                    .contains(&w.as_str())
                {
                    return None;
                }
                let np = speaker::np_after(self.text, self.toks, lo, v)?;
                let after = if self.punct(np.1, ',') {
                    np.1 + 1
                } else {
                    np.1
                };
                let finite = after < v
                    && self.toks[after].is_word()
                    && self
                        .word(after)
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase)
                    && !PREPOSITIONS
                        .iter()
                        .any(|p| self.word(after).eq_ignore_ascii_case(p));
                (np.0 == lo && finite).then_some(np)
            })
    }
}

/// Finite auxiliaries and modals that carry a participle or infinitive cue later in the clause.
const AUXILIARIES: &[&str] = &[
    "hat", "hatte", "haben", "hatten", "hätte", "hätten", "wird", "wurde", "werden", "wurden",
    "ist", "war", "sind", "waren", "will", "wollte", "wollen", "kann", "konnte", "muss", "musste",
];

/// How far (bytes) the speaker of one quote stays the referent of a pronoun in the next.
const SALIENCE_BYTES: usize = 600;

/// Prepositions that make a phrase before the verb an adverbial, not the subject.
pub(crate) const PREPOSITIONS: &[&str] = &[
    "in",
    "im",
    "am",
    "an",
    "auf",
    "nach",
    "bei",
    "vor",
    "seit",
    "mit",
    "über",
    "zu",
    "zum",
    "zur",
    "gegenüber",
    "während",
    "für",
    "um",
    "unter",
    "aus",
    "von",
    "vom",
    "durch",
];

/// Adverbs that may stand between a cue verb and its subject (`sagte jedoch Trump`).
pub(crate) const FILLERS: &[&str] = &[
    "auch",
    "jedoch",
    "aber",
    "dann",
    "weiter",
    "zudem",
    "nun",
    "später",
    "gestern",
    "heute",
    "damals",
    "außerdem",
    "abschließend",
    "ebenfalls",
    "dazu",
    "daraufhin",
    "zuvor",
    "bereits",
    "schon",
    "noch",
    "ferner",
    "darüber",
    "hinaus",
    "dagegen",
    "indes",
    "allerdings",
    "wiederum",
    "nämlich",
    "sich",
];

#[cfg(test)]
mod tests {
    use super::{extract_quotes, QuoteKind};

    #[test]
    fn a_direct_quote_is_not_restated_as_indirect_or_reported_speech() {
        // the frame after the quote is no indirect quote of the same words
        let q = extract_quotes("„Wir sind bereit“, sagte er der „Bild“-Zeitung.", &[]);
        let first = q.first().expect("a quote");
        assert_eq!(first.kind, QuoteKind::Direct);
        assert!(q.iter().all(|x| x.kind == QuoteKind::Direct));
        // a fragment with its own cue verb is not also a reported speech act around it
        let text = "So bezeichnete er es als eine Möglichkeit, „ein neues Kapitel“ in den \
                    Beziehungen der beiden Länder aufzuschlagen.";
        let q = extract_quotes(text, &[]);
        assert_eq!(q.len(), 1, "{q:?}");
        assert_eq!(q[0].text, "„ein neues Kapitel“");
        assert_eq!(
            q[0].cue.as_ref().map(|c| c.text.as_str()),
            Some("bezeichnete")
        );
    }

    fn speaker(text: &str) -> Option<String> {
        extract_quotes(text, &[])
            .into_iter()
            .find_map(|q| q.speaker)
            .map(|s| s.text)
    }

    #[test]
    fn speaker_names_with_initials_lower_case_parts_and_ohne() {
        assert_eq!(
            speaker("„Die Lage ist ernst“, sagte der BDI-Präsident Jürgen R. Thumann.").as_deref(),
            Some("der BDI-Präsident Jürgen R. Thumann")
        );
        assert_eq!(
            speaker("Der arabische Fernsehsender al-Dschasira berichtete, die Lage sei ruhig.")
                .as_deref(),
            Some("Der arabische Fernsehsender al-Dschasira")
        );
        assert_eq!(
            speaker("Die Gewerkschaft ver.di teilte mit, dass die Streiks weitergehen.").as_deref(),
            Some("Die Gewerkschaft ver.di")
        );
        assert_eq!(
            speaker("Die Hilfsorganisation Ärzte ohne Grenzen erklärte, die Lage sei ernst.")
                .as_deref(),
            Some("Die Hilfsorganisation Ärzte ohne Grenzen")
        );
        // a fronted object: the pronoun after the verb speaks
        assert_eq!(
            extract_quotes("Die Tat bezeichnete er als sinnlos.", &[])
                .into_iter()
                .find_map(|q| q.speaker)
                .map(|s| s.text)
                .as_deref(),
            Some("er")
        );
        // the agent of a passive speech act
        assert_eq!(
            extract_quotes(
                "Von der Opposition wurde die Art des Besuchs als unangemessen kritisiert.",
                &[]
            )
            .into_iter()
            .find_map(|q| q.speaker)
            .map(|s| s.text)
            .as_deref(),
            Some("der Opposition")
        );
        // sentence adverbs are no speakers
        assert_eq!(
            speaker("Zwar sei die Lage „weniger gut“, doch bleibe man zuversichtlich."),
            None
        );
    }

    #[test]
    fn short_unmarked_fragments_are_partial() {
        let partial = |text: &str| {
            extract_quotes(text, &[])
                .into_iter()
                .find(|q| q.kind == QuoteKind::Direct)
                .map(|q| q.partial)
        };
        // nothing in the sentence tells speech: a scare quote
        assert_eq!(
            partial("Hacker haben mit einer „virtuellen Bombe“ die Insel gesprengt."),
            Some(true)
        );
        // Konjunktiv, an evaluation with `als`, a source frame: someone's words
        assert_eq!(
            partial("Der Rücktritt sei ein „natürlicher Vorgang“."),
            Some(false)
        );
        assert_eq!(
            partial("Das Gericht wertete die Zahlungen als „grobe Verschwendung“."),
            Some(false)
        );
        assert_eq!(
            partial("Der Fall wird nach Angaben der Polizei „besonders sorgfältig“ geprüft."),
            Some(false)
        );
    }

    #[test]
    fn a_fragment_inside_indirect_speech_stays_nested() {
        let text = "Er sagte, die Pläne seien „völlig unrealistisch“ und müssten geändert werden.";
        let q = extract_quotes(text, &[]);
        let indirect = q
            .iter()
            .find(|x| x.kind == QuoteKind::Indirect)
            .expect("indirect");
        let direct = q
            .iter()
            .find(|x| x.kind == QuoteKind::Direct)
            .expect("fragment");
        let (s, e) = direct.spans[0];
        assert!(indirect.spans.iter().any(|&(a, b)| a <= s && e <= b));
    }
}
