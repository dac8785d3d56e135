//! The seeded article generator.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};
use time::macros::date;
use time::{Date, Duration, Time};

use super::compounds::{Lexicon, Site};
use super::names::{self, Gender, ACTORS, AGENCIES, PLACES, SOURCES};
use super::sentences::split_sentences;
use crate::article::{Article, ArticleDate};
use crate::error::{Error, Result};

/// First and last publication day of generated articles.
const FIRST_DAY: Date = date!(2005 - 01 - 01);
const LAST_DAY: Date = date!(2025 - 12 - 31);
/// Bounds on the sentence count of a generated article.
const MIN_SENTENCES: i64 = 3;
const MAX_SENTENCES: i64 = 40;
/// Probability that the next sentence continues the base article of the previous one.
const P_CONTINUE: f64 = 0.45;
/// Default probability that the next sentence is drawn from the sentences with a quotation
/// ([`CorpusGenerator::with_quote_boost`]).
const P_QUOTE: f64 = 0.15;
/// Probability that a compound site gets a new modifier, and that it gets two.
const P_COMPOUND: f64 = 0.15;
const P_SECOND_MODIFIER: f64 = 0.15;
/// Probability that an article mentioning a listed actor has one actor swapped for another.
const P_ACTOR_SWAP: f64 = 0.35;
/// Probabilities of a time of day, an agency and (with an agency) a dateline.
const P_TIME: f64 = 0.6;
const P_AGENCY: f64 = 0.7;
const P_PLACE: f64 = 0.8;
/// Longest title in words.
const MAX_TITLE_WORDS: usize = 12;
/// Words a title cut mid-sentence should not end with.
const DANGLING: &[&str] = &[
    "in",
    "im",
    "an",
    "am",
    "auf",
    "aus",
    "bei",
    "mit",
    "nach",
    "von",
    "vom",
    "zu",
    "zum",
    "zur",
    "für",
    "über",
    "unter",
    "vor",
    "gegen",
    "seit",
    "durch",
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einen",
    "einem",
    "einer",
    "eines",
    "und",
    "oder",
    "aber",
    "dass",
    "sich",
    "es",
    "er",
    "sie",
    "wir",
    "ist",
    "sind",
    "hat",
    "haben",
    "wird",
    "werden",
    "so",
    "als",
    "wie",
    "noch",
    "auch",
    "nicht",
    "bis",
    "um",
    "ganz",
    "sehr",
    "mehr",
    "erstmals",
    "erstmalig",
];

/// A sentence unit of the base corpus, analysed once.
#[derive(Debug, Clone)]
struct Unit {
    text: Box<str>,
    /// Index of the base article it comes from.
    article: u32,
    /// Contains a quotation.
    quote: bool,
    /// Bit mask over [`ACTORS`].
    actors: u32,
    /// Where new compounds can be formed.
    sites: Box<[Site]>,
}

/// What a generator learned from its base corpus.
///
/// ```
/// let stats = pressespiegel::corpus::CorpusGenerator::demo(1)?.stats();
/// assert!(stats.sentences > stats.quote_sentences && stats.quote_sentences > 0);
/// # Ok::<(), pressespiegel::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneratorStats {
    /// Base articles with at least one usable sentence.
    pub base_articles: usize,
    /// Usable sentence units.
    pub sentences: usize,
    /// Units that contain a quotation.
    pub quote_sentences: usize,
    /// Units that mention an actor of the built-in list.
    pub actor_sentences: usize,
    /// Places in the units where a new compound can be formed.
    pub compound_sites: usize,
    /// Learned compound modifier forms (`Friedens`, `Irak-`).
    pub modifiers: usize,
    /// Learned compound heads (`Abkommen`).
    pub heads: usize,
}

/// A deterministic generator of German news articles resampled from a base corpus.
///
/// Article `i` depends only on the base corpus (its content and order) and the seed, so
/// [`articles`](Self::articles) streams any number of articles in constant memory, shards can be
/// generated in parallel with [`article`](Self::article), and the same seed always yields
/// byte-identical articles. See the [module documentation](super) for how the text is made and how
/// it differs from real news.
///
/// ```
/// use pressespiegel::corpus::CorpusGenerator;
///
/// let generator = CorpusGenerator::demo(42)?;
/// let articles: Vec<_> = generator.articles(3).collect();
/// assert_eq!(articles[0].id, "gen-000001");
/// assert!(!articles[2].title.is_empty() && !articles[2].text.is_empty());
/// assert_eq!(articles, CorpusGenerator::demo(42)?.articles(3).collect::<Vec<_>>());
/// # Ok::<(), pressespiegel::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct CorpusGenerator {
    seed: u64,
    units: Vec<Unit>,
    /// First unit of each base article.
    leads: Vec<u32>,
    /// Units with a quotation.
    quotes: Vec<u32>,
    /// Unit count of each base article (the length distribution).
    lengths: Vec<u32>,
    lexicon: Lexicon,
    /// Probability that a sentence is drawn from the quotation sentences.
    quote_boost: f64,
}

impl CorpusGenerator {
    /// A generator over `base` articles with the given seed.
    ///
    /// Fails with [`Error::InvalidArgument`] when no base article has a usable sentence
    /// (4 to 150 words, ending in `.`, `!` or `?`).
    pub fn new(base: Vec<Article>, seed: u64) -> Result<Self> {
        let lexicon = Lexicon::learn(base.iter().map(|a| a.text.as_str()));
        let mut units = Vec::new();
        let mut leads = Vec::new();
        let mut lengths = Vec::new();
        for article in &base {
            let first = units.len();
            let index = u32::try_from(leads.len()).unwrap_or(u32::MAX);
            for s in split_sentences(&article.text)
                .into_iter()
                .filter(|s| usable(s))
            {
                let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
                let s = s.as_str();
                units.push(Unit {
                    text: s.into(),
                    article: index,
                    quote: has_quote(s),
                    actors: names::actor_mask(s),
                    sites: lexicon.sites(s).into(),
                });
            }
            if units.len() > first {
                leads.push(u32::try_from(first).unwrap_or(u32::MAX));
                lengths.push(u32::try_from(units.len() - first).unwrap_or(u32::MAX));
            }
        }
        if units.is_empty() || u32::try_from(units.len()).is_err() {
            return Err(Error::InvalidArgument {
                field: "base",
                message: format!(
                    "{} base articles give no usable sentence (need 4 to 150 words ending in . ! or ?); \
                     at most 2^32 sentences",
                    base.len()
                ),
            });
        }
        let quotes = (0..units.len())
            .filter(|&i| units[i].quote)
            .filter_map(|i| u32::try_from(i).ok())
            .collect();
        Ok(CorpusGenerator {
            seed,
            units,
            leads,
            quotes,
            lengths,
            lexicon,
            quote_boost: P_QUOTE,
        })
    }

    /// Set the probability (0 to 0.55, default 0.15) that a sentence after the lead is drawn
    /// from the base sentences that contain a quotation. The default enriches the demo corpus
    /// in quotations (quote search has something to find); `0.0` keeps the base corpus's own
    /// quotation density, which is what real news has (see the module documentation for the
    /// measured rates).
    ///
    /// ```
    /// use pressespiegel::corpus::CorpusGenerator;
    ///
    /// let boosted = CorpusGenerator::demo(1)?;
    /// let natural = CorpusGenerator::demo(1)?.with_quote_boost(0.0);
    /// let quotes = |g: &CorpusGenerator| -> usize {
    ///     g.articles(300).map(|a| a.text.matches('„').count()).sum()
    /// };
    /// assert!(quotes(&natural) < quotes(&boosted));
    /// # Ok::<(), pressespiegel::Error>(())
    /// ```
    pub fn with_quote_boost(mut self, probability: f64) -> Self {
        self.quote_boost = if probability.is_finite() {
            probability.clamp(0.0, 1.0 - P_CONTINUE)
        } else {
            P_QUOTE
        };
        self
    }

    /// A generator over the bundled demo corpus ([`demo_articles`](super::demo_articles)).
    pub fn demo(seed: u64) -> Result<Self> {
        Self::new(super::demo_articles()?, seed)
    }

    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// What was learned from the base corpus.
    pub fn stats(&self) -> GeneratorStats {
        GeneratorStats {
            base_articles: self.leads.len(),
            sentences: self.units.len(),
            quote_sentences: self.quotes.len(),
            actor_sentences: self.units.iter().filter(|u| u.actors != 0).count(),
            compound_sites: self.units.iter().map(|u| u.sites.len()).sum(),
            modifiers: self.lexicon.modifier_count(),
            heads: self.lexicon.head_count(),
        }
    }

    /// The first `n` articles, generated lazily one at a time (`gen-000001`, `gen-000002`, …).
    pub fn articles(&self, n: usize) -> impl Iterator<Item = Article> + '_ {
        (0..n).map(move |i| self.article(i))
    }

    /// Article number `index` (0-based; its id is `gen-` and `index + 1`, at least six digits).
    /// Independent of every other article, so ranges can be generated in parallel.
    pub fn article(&self, index: usize) -> Article {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        rng.set_stream(index as u64);

        let picked = self.pick_units(&mut rng);
        let mut text = String::new();
        let mut lead_len = 0;
        let mut in_paragraph = 0;
        let mut paragraph_len = rng.random_range(1..=4);
        for (k, &u) in picked.iter().enumerate() {
            if k > 0 {
                if in_paragraph >= paragraph_len {
                    text.push_str("\n\n");
                    in_paragraph = 0;
                    paragraph_len = rng.random_range(1..=4);
                } else {
                    text.push(' ');
                }
            }
            let start = text.len();
            self.render(&self.units[u as usize], &mut rng, &mut text);
            if k == 0 {
                lead_len = text.len() - start;
            }
            in_paragraph += 1;
        }
        let mut title = title_from(&text[..lead_len]);

        let mask = picked
            .iter()
            .fold(0, |m, &u| m | self.units[u as usize].actors);
        if mask != 0 && rng.random_bool(P_ACTOR_SWAP) {
            if let Some((from, to)) = pick_swap(mask, &mut rng) {
                text = swap_actor(&text, from, to);
                title = title_from(&swap_actor(&title, from, to));
            }
        }

        let id = format!("gen-{:06}", index as u64 + 1);
        let span = (LAST_DAY - FIRST_DAY).whole_days();
        let day = FIRST_DAY + Duration::days(rng.random_range(0..=span));
        let time = if rng.random_bool(P_TIME) {
            Time::from_hms(rng.random_range(5..24), rng.random_range(0..60), 0).ok()
        } else {
            None
        };
        let source = SOURCES[rng.random_range(0..SOURCES.len())];
        let agency = rng
            .random_bool(P_AGENCY)
            .then(|| AGENCIES[rng.random_range(0..AGENCIES.len())]);
        let place = (agency.is_some() && rng.random_bool(P_PLACE))
            .then(|| PLACES[rng.random_range(0..PLACES.len())]);
        Article {
            url: Some(format!("https://{source}/{}/{id}", day.year())),
            id,
            title,
            text,
            date: Some(ArticleDate { date: day, time }),
            source: Some(source.to_string()),
            agency: agency.map(str::to_string),
            place: place.map(str::to_string),
            tags: Vec::new(),
        }
    }

    /// The units of one article: a lead, then sentences that continue the previous one's base
    /// article, carry a quotation, or come from anywhere.
    fn pick_units(&self, rng: &mut ChaCha8Rng) -> Vec<u32> {
        let model_len = self.lengths[rng.random_range(0..self.lengths.len())];
        let target = (i64::from(model_len) + rng.random_range(-2..=2))
            .clamp(MIN_SENTENCES, MAX_SENTENCES) as usize;
        let lead = self.leads[rng.random_range(0..self.leads.len())];
        let mut picked = Vec::with_capacity(target);
        picked.push(lead);
        let mut current = lead as usize;
        let mut attempts = 0;
        while picked.len() < target && attempts < target * 4 {
            attempts += 1;
            let r: f64 = rng.random();
            let next = if r < P_CONTINUE
                && self
                    .units
                    .get(current + 1)
                    .is_some_and(|u| u.article == self.units[current].article)
            {
                current + 1
            } else if r < P_CONTINUE + self.quote_boost && !self.quotes.is_empty() {
                self.quotes[rng.random_range(0..self.quotes.len())] as usize
            } else {
                rng.random_range(0..self.units.len())
            };
            let next32 = next as u32; // units.len() fits in u32 (checked in `new`)
            if !picked.contains(&next32) {
                picked.push(next32);
                current = next;
            }
        }
        picked
    }

    /// Append `unit` to `out`, giving some compound sites new modifiers.
    fn render(&self, unit: &Unit, rng: &mut ChaCha8Rng, out: &mut String) {
        let s = &*unit.text;
        let mut pos = 0;
        for &site in unit.sites.iter() {
            if !rng.random_bool(P_COMPOUND) {
                continue;
            }
            let second = rng.random_bool(P_SECOND_MODIFIER);
            let Some(before) = s.get(pos..site.start as usize) else {
                continue;
            };
            let mark = out.len();
            out.push_str(before);
            if self.lexicon.synthesize(s, site, second, rng, out) {
                pos = site.end as usize;
            } else {
                out.truncate(mark);
            }
        }
        out.push_str(s.get(pos..).unwrap_or_default());
    }
}

/// A sentence worth resampling: starts like a sentence (upper-case letter, digit or opening
/// quotation mark), 4 to 150 words, ends like a sentence, has lower-case letters.
fn usable(s: &str) -> bool {
    let starts = s
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '„' | '»' | '"'));
    let words = s.split_whitespace().count();
    let ends = s
        .trim_end_matches(['“', '”', '«', '"', ')'])
        .ends_with(['.', '!', '?']);
    starts && (4..=150).contains(&words) && ends && s.chars().any(char::is_lowercase)
}

/// Contains a quotation of at least two words.
fn has_quote(s: &str) -> bool {
    [('„', '“'), ('»', '«'), ('"', '"'), ('“', '”')]
        .iter()
        .any(|&(open, close)| {
            s.split_once(open)
                .and_then(|(_, rest)| rest.split_once(close))
                .is_some_and(|(inner, _)| inner.split_whitespace().count() >= 2)
        })
}

/// A headline from the lead sentence: its first clause or first words, without final punctuation
/// and unbalanced quotation marks.
fn title_from(lead: &str) -> String {
    let words: Vec<&str> = lead.split_whitespace().collect();
    let mut take = words.len().min(MAX_TITLE_WORDS);
    for (i, w) in words.iter().enumerate().take(MAX_TITLE_WORDS) {
        if i >= 4 && w.ends_with([',', ':', ';']) {
            take = i + 1;
            break;
        }
    }
    let mut words = &words[..take];
    if take < lead.split_whitespace().count() {
        // Cut mid-sentence: do not end on a function word ("… erstmalig in").
        while let [rest @ .., last] = words {
            if rest.len() < 3 || !DANGLING.contains(last) {
                break;
            }
            words = rest;
        }
    }
    let joined = words.join(" ");
    let trimmed = joined.trim_end_matches([
        '.', ',', ';', ':', '!', '?', '“', '”', '«', '"', ' ', '–', '-',
    ]);
    let mut title = trimmed.to_string();
    for (open, close) in [('„', '“'), ('»', '«')] {
        if title.matches(open).count() != title.matches(close).count() {
            title.retain(|c| c != open && c != close);
        }
    }
    if title.matches('"').count() % 2 == 1 {
        title.retain(|c| c != '"');
    }
    let title = title.trim().to_string();
    if title.is_empty() {
        "Meldung".to_string()
    } else {
        title
    }
}

/// Pick one actor present in `mask` and a different actor of the same gender.
fn pick_swap(mask: u32, rng: &mut ChaCha8Rng) -> Option<(usize, usize)> {
    let present: Vec<usize> = (0..ACTORS.len()).filter(|i| mask & (1 << i) != 0).collect();
    let from = *present.get(rng.random_range(0..present.len().max(1)))?;
    let gender: Gender = ACTORS[from].gender;
    let others: Vec<usize> = (0..ACTORS.len())
        .filter(|&i| i != from && ACTORS[i].gender == gender)
        .collect();
    let to = *others.get(rng.random_range(0..others.len().max(1)))?;
    Some((from, to))
}

/// Replace actor `from` by actor `to`: full name, genitive surname, surname.
fn swap_actor(text: &str, from: usize, to: usize) -> String {
    let (a, b) = (ACTORS[from], ACTORS[to]);
    let genitive = |s: &str| {
        if s.ends_with(['s', 'x', 'z', 'ß']) {
            format!("{s}’")
        } else {
            format!("{s}s")
        }
    };
    let t = names::replace_word(text, a.full, b.full);
    let t = names::replace_word(&t, &format!("{}s", a.surname), &genitive(b.surname));
    names::replace_word(&t, a.surname, b.surname)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_short_clean_headlines() {
        assert_eq!(
            title_from("Bundeskanzlerin Angela Merkel hat am Montag in Berlin den Friedensplan vorgestellt, der viel verspricht."),
            "Bundeskanzlerin Angela Merkel hat am Montag in Berlin den Friedensplan vorgestellt"
        );
        assert_eq!(
            title_from("„Wir kommen nicht“, sagte er heute."),
            "„Wir kommen nicht“, sagte er heute"
        );
        assert_eq!(
            title_from("Er sagte „Ja und dann noch viel mehr als alle anderen wollten, ohne Ende"),
            "Er sagte Ja und dann noch viel mehr als alle anderen wollten"
        );
        assert_eq!(title_from("..."), "Meldung");
        assert_eq!(
            title_from("Ab sofort kann das Bundesamt für Bevölkerungsschutz und Katastrophenhilfe (BBK) erstmalig in ganz Deutschland warnen."),
            "Ab sofort kann das Bundesamt für Bevölkerungsschutz und Katastrophenhilfe (BBK)"
        );
    }

    #[test]
    fn quotes_are_recognised() {
        assert!(has_quote("„Das ist gut“, sagte sie."));
        assert!(!has_quote("Der „Spiegel“ berichtete."));
        assert!(!has_quote("Kein Zitat hier."));
    }

    #[test]
    fn actor_swap_keeps_gender_and_handles_genitive() {
        let merkel = ACTORS.iter().position(|a| a.surname == "Merkel").unwrap();
        let leyen = ACTORS
            .iter()
            .position(|a| a.surname == "von der Leyen")
            .unwrap();
        let t = swap_actor(
            "Angela Merkel kam. Merkels Rede: Merkel sprach.",
            merkel,
            leyen,
        );
        assert_eq!(
            t,
            "Ursula von der Leyen kam. von der Leyens Rede: von der Leyen sprach."
        );
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..50 {
            let (from, to) = pick_swap(1 << merkel, &mut rng).unwrap();
            assert_eq!(from, merkel);
            assert_ne!(to, merkel);
            assert_eq!(ACTORS[to].gender, Gender::Female);
        }
    }

    #[test]
    fn empty_base_is_an_invalid_argument() {
        let err = CorpusGenerator::new(Vec::new(), 1).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { field: "base", .. }));
        let junk = Article {
            text: "kurz".into(),
            ..Default::default()
        };
        assert!(CorpusGenerator::new(vec![junk], 1).is_err());
    }
}
