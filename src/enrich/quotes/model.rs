//! The quotation types: [`Quote`], [`Speaker`], [`Cue`], [`QuoteKind`] and their JSON shape
//! ([`QuoteJson`], [`ArticleQuotesJson`]) with code point offsets.

use serde::{Deserialize, Serialize};

/// How a quotation is rendered in the text (the categories of the German Wikinews quotation data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Direct speech in quotation marks: `„Wir haben lange darüber gesprochen“, sagte Trump.`
    Direct,
    /// Indirect speech with a frame: `Xi betonte, dass …`, `Laut Trump waren …`.
    Indirect,
    /// Reported speech without any frame, marked only by the mood (`Er soll … haben.`).
    FreeIndirect,
    /// A sentence in Konjunktiv that continues a preceding attributed quote.
    IndirectFreeIndirect,
    /// A speech act told as an event (`X kritisierte die Entscheidung.`).
    Reported,
}

impl QuoteKind {
    /// The snake_case name used in JSON (`"direct"`, `"free_indirect"`, …).
    ///
    /// ```
    /// use pressespiegel::enrich::quotes::QuoteKind;
    /// assert_eq!(QuoteKind::IndirectFreeIndirect.as_str(), "indirect_free_indirect");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::FreeIndirect => "free_indirect",
            QuoteKind::IndirectFreeIndirect => "indirect_free_indirect",
            QuoteKind::Reported => "reported",
        }
    }
}

/// Who said it: the speaker noun phrase as found in the text, and the canonical actor it refers to.
///
/// Spans are UTF-8 byte offsets into the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The speaker phrase (`"der russische Präsident Wladimir Putin"`, `"er"`, `"Angaben der Polizei"`).
    pub text: String,
    /// Byte spans `[start, end)` of the phrase in the article text.
    pub spans: Vec<(usize, usize)>,
    /// Canonical actor name (a [`crate::enrich::Mention`] key) when the phrase names an actor or a
    /// pronoun / role noun could be resolved to one.
    pub actor: Option<String>,
}

/// The words that mark the quotation as speech (`sagte`, `teilte … mit`, `laut`, `hieß es`).
///
/// Spans are UTF-8 byte offsets into the article text; separable verbs have two spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// The cue words joined with a space.
    pub text: String,
    /// Byte spans `[start, end)` of the cue words.
    pub spans: Vec<(usize, usize)>,
}

/// The frame of a quotation: the words around it that introduce it, speaker and cue included
/// (`sagte Trump nach dem Treffen`, `Laut Trump`, `Xi betonte,`).
///
/// Spans are UTF-8 byte offsets into the article text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    /// The frame words.
    pub text: String,
    /// Byte spans `[start, end)`.
    pub spans: Vec<(usize, usize)>,
}

/// Whom the speaker addressed, where the frame names it (`sagte er der „Bild“-Zeitung`,
/// `sagte sie gegenüber Reportern`, `teilte … dem Parlament mit`, `in einem Interview mit X`).
///
/// Spans are UTF-8 byte offsets into the article text.
///
/// ```
/// use pressespiegel::enrich::quotes::extract_quotes;
/// let text = "„Das ist ein Fehler“, sagte sie gegenüber Reportern.";
/// let q = &extract_quotes(text, &[])[0];
/// let addressee = q.addressee.as_ref().unwrap();
/// assert_eq!(addressee.text, "Reportern");
/// let (start, end) = addressee.spans[0];
/// assert_eq!(&text[start..end], "Reportern");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Addressee {
    /// The addressee phrase (without its preposition).
    pub text: String,
    /// Byte spans `[start, end)`.
    pub spans: Vec<(usize, usize)>,
}

/// One quotation found in an article.
///
/// ```
/// use pressespiegel::enrich::quotes::{extract_quotes, QuoteKind};
/// let text = "„Wir haben lange darüber gesprochen“, sagte Trump.";
/// let quotes = extract_quotes(text, &[]);
/// assert_eq!(quotes[0].kind, QuoteKind::Direct);
/// assert_eq!(quotes[0].speaker.as_ref().map(|s| s.text.as_str()), Some("Trump"));
/// let (start, end) = quotes[0].spans[0];
/// assert_eq!(&text[start..end], "„Wir haben lange darüber gesprochen“");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// How the quotation is rendered.
    pub kind: QuoteKind,
    /// The quoted text (the spans joined with a space; direct quotes include their marks).
    pub text: String,
    /// Byte spans `[start, end)` into the article text; an interrupted quote has several.
    pub spans: Vec<(usize, usize)>,
    /// A fragment that is likely not someone's words: a single quoted word or a short
    /// capitalised phrase (a scare quote `„Rückkehr“`, a title or name such as
    /// `die „Berliner Zeitung“`). Short lower-case phrases (`„völlig unrealistisch“`) are quoted
    /// words and not partial.
    pub partial: bool,
    /// Who said it, when the text tells.
    pub speaker: Option<Speaker>,
    /// The cue words that frame the quote.
    pub cue: Option<Cue>,
    /// The whole frame (speaker, cue and the words between), when there is one.
    pub frame: Option<Frame>,
    /// Whom the quote was addressed to, when the frame names it.
    #[serde(default)]
    pub addressee: Option<Addressee>,
}

impl Quote {
    /// `true` unless this is an unattributed short fragment (a scare quote or a title in
    /// quotation marks such as `„Rückkehr“`): partial and without speaker or cue.
    ///
    /// ```
    /// use pressespiegel::enrich::quotes::extract_quotes;
    /// let quotes = extract_quotes("Xi will Taiwans „Rückkehr“.", &[]);
    /// assert!(quotes[0].partial);
    /// assert!(!quotes[0].is_attributed());
    /// ```
    pub fn is_attributed(&self) -> bool {
        !self.partial || self.speaker.is_some() || self.cue.is_some()
    }
}

/// Converts byte spans into Unicode code point spans of `text` (what Python indexes).
///
/// Offsets beyond the text or inside a character are clamped to the nearest valid position.
///
/// ```
/// use pressespiegel::enrich::quotes::to_char_spans;
/// let text = "„Ja“, sagte er.";
/// assert_eq!(to_char_spans(text, &[(0, 8)]), vec![(0, 4)]); // „Ja“ is 8 bytes, 4 characters
/// ```
pub fn to_char_spans(text: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    spans
        .iter()
        .map(|&(s, e)| (char_offset(text, s), char_offset(text, e)))
        .collect()
}

fn char_offset(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while b > 0 && !text.is_char_boundary(b) {
        b -= 1;
    }
    text[..b].chars().count()
}

/// A speaker in the JSON output (spans in code points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerJson {
    /// The speaker phrase.
    pub text: String,
    /// Code point spans `[start, end)` into the article text.
    pub spans: Vec<(usize, usize)>,
    /// Canonical actor name, if resolved.
    pub actor: Option<String>,
}

/// A cue or frame in the JSON output (spans in code points).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CueJson {
    /// The cue words.
    pub text: String,
    /// Code point spans `[start, end)` into the article text.
    pub spans: Vec<(usize, usize)>,
}

/// A quote in the JSON shape of the `quotes --json` CLI contract: spans are Unicode code point
/// offsets into the article text, serialised as `[[start, end], …]`.
///
/// ```
/// use pressespiegel::enrich::quotes::{extract_quotes, QuoteJson};
/// let text = "„Wir werden“, sagte er, „zusammenarbeiten.“";
/// let q = &extract_quotes(text, &[])[0];
/// let json = serde_json::to_string(&QuoteJson::from_quote(q, text)).unwrap();
/// assert!(json.starts_with(r#"{"kind":"direct","text":"#));
/// assert!(json.contains(r#""spans":[[0,12],[24,43]]"#));
/// assert!(json.ends_with(r#""addressee":null}"#));
///
/// // the addressee, when the frame names one
/// let text = "„Das ist ein Fehler“, sagte sie gegenüber Reportern.";
/// let q = &extract_quotes(text, &[])[0];
/// let json = serde_json::to_string(&QuoteJson::from_quote(q, text)).unwrap();
/// assert!(json.contains(r#""addressee":{"text":"Reportern","spans":[[42,51]]}"#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteJson {
    /// `direct|indirect|free_indirect|indirect_free_indirect|reported`.
    pub kind: QuoteKind,
    /// The quoted text.
    pub text: String,
    /// Code point spans.
    pub spans: Vec<(usize, usize)>,
    /// Short fragment flag.
    pub partial: bool,
    /// The speaker or `null`.
    pub speaker: Option<SpeakerJson>,
    /// The cue or `null`.
    pub cue: Option<CueJson>,
    /// The frame or `null` (an addition to the issue's contract; scored by the reference metric).
    pub frame: Option<CueJson>,
    /// The addressee (`{"text", "spans"}`) or `null` (scored by the reference metric).
    #[serde(default)]
    pub addressee: Option<CueJson>,
}

impl QuoteJson {
    /// Converts a [`Quote`] found in `text` (byte spans) to its JSON form (code point spans).
    pub fn from_quote(quote: &Quote, text: &str) -> Self {
        QuoteJson {
            kind: quote.kind,
            text: quote.text.clone(),
            spans: to_char_spans(text, &quote.spans),
            partial: quote.partial,
            speaker: quote.speaker.as_ref().map(|s| SpeakerJson {
                text: s.text.clone(),
                spans: to_char_spans(text, &s.spans),
                actor: s.actor.clone(),
            }),
            cue: quote.cue.as_ref().map(|c| CueJson {
                text: c.text.clone(),
                spans: to_char_spans(text, &c.spans),
            }),
            frame: quote.frame.as_ref().map(|c| CueJson {
                text: c.text.clone(),
                spans: to_char_spans(text, &c.spans),
            }),
            addressee: quote.addressee.as_ref().map(|c| CueJson {
                text: c.text.clone(),
                spans: to_char_spans(text, &c.spans),
            }),
        }
    }
}

/// One output line of `pressespiegel quotes --json`: `{"id", "quotes": [...]}`.
///
/// ```
/// use pressespiegel::enrich::quotes::{extract_quotes, ArticleQuotesJson};
/// let text = "Er sagte, China sei bereit.";
/// let line = ArticleQuotesJson::new("a1", text, &extract_quotes(text, &[]));
/// let json = serde_json::to_string(&line).unwrap();
/// assert!(json.starts_with(r#"{"id":"a1","quotes":[{"kind":"indirect""#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleQuotesJson {
    /// The article id.
    pub id: String,
    /// Its quotes.
    pub quotes: Vec<QuoteJson>,
}

impl ArticleQuotesJson {
    /// Builds the line for article `id` with `text` and the quotes extracted from it.
    pub fn new(id: impl Into<String>, text: &str, quotes: &[Quote]) -> Self {
        ArticleQuotesJson {
            id: id.into(),
            quotes: quotes
                .iter()
                .map(|q| QuoteJson::from_quote(q, text))
                .collect(),
        }
    }
}
