//! German compound splitting for index-time, additive decompounding.
//!
//! [`split_compound`] returns the byte ranges of the parts of a compound (*Angriffs|krieg* →
//! `angriff`, `krieg`), so an analyzer can index the parts at the word's position with their own
//! offsets while keeping the whole word. The method:
//!
//! 1. candidate boundaries are the German hyphenation points (Knuth–Liang patterns `de-1996`,
//!    MIT, via the [`hyphenation`] crate), which contain almost every compound boundary and
//!    exclude most nonsense splits (*schn|eider*);
//! 2. a linking element (*-s-, -es-, -n-, -en-, -er-, -e-, -ens-*) may end the modifier and is
//!    left out of its range; a dropped *-e* (*Kirch|turm* → *Kirche*) leaves the range `kirch`;
//! 3. both parts are scored by how well they are attested as words (word forms and stems in a
//!    vocabulary of German Wikinews texts, CC BY 2.5) or, failing that, by CharSplit-style
//!    statistics of how word types begin (head) and end (modifier);
//! 4. particles, prefixes and function words are never modifiers (*Ab|kommen*, *Ver|brechen*,
//!    *ins|gesamt*), derivational suffixes never heads (*Halt|ung*, *Wissen|schaft*), and parts
//!    have at least 3 letters (2 for *Öl*, *Ei*);
//! 5. the best binary split above a threshold wins, and both parts are split again, so nested
//!    compounds yield all levels.
//!
//! The data (hyphenation patterns, precompiled vocabulary statistics) is embedded in the library;
//! the statistics are FSTs used in place, so the first call costs only deserialising the
//! hyphenation patterns (about 0.5 ms, `cargo bench --bench decompound -- deserialize`). See
//! `data/decompound/SOURCES.md` for origins and licenses, and
//! `tests/decompound_eval.rs` for the measured precision and recall.

mod affixes;
mod hyphen;
mod lexicon;
mod split;

use std::ops::Range;
use std::sync::Arc;

use lexicon::{Compiled, Lexicon, Lookup};
use split::{Params, Scorer};

/// A German compound splitter, optionally informed by the vocabulary of an index.
///
/// [`Decompounder::new`] uses only the built-in data (the same as [`split_compound`]);
/// [`Decompounder::with_vocabulary`] adds word frequencies, e.g. the terms of your own corpus,
/// so that splits whose parts occur there as words are preferred.
///
/// ```
/// use pressespiegel::analysis::decompound::Decompounder;
///
/// let splitter = Decompounder::new().with_vocabulary([("wallbox", 12), ("ladestation", 3)]);
/// let word = "wallboxladestation";
/// let parts: Vec<&str> = splitter.split(word).into_iter().map(|r| &word[r]).collect();
/// assert_eq!(parts[..2], ["wallbox", "ladestation"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct Decompounder {
    extra: Option<Arc<Lexicon>>,
    params: Params,
}

impl Decompounder {
    /// A splitter with the built-in data only.
    pub fn new() -> Self {
        Decompounder::default()
    }

    /// Add word frequencies (lowercase, NFC word forms with their counts) that parts may be
    /// matched against, in addition to the built-in vocabulary. Words that contain anything but
    /// letters are ignored. Calling it again adds to the previous vocabulary.
    pub fn with_vocabulary<I, S>(mut self, words: I) -> Self
    where
        I: IntoIterator<Item = (S, u64)>,
        S: AsRef<str>,
    {
        let mut lexicon = self.extra.as_deref().cloned().unwrap_or_default();
        let words: Vec<(S, u64)> = words.into_iter().collect();
        lexicon.extend(words.iter().map(|(w, f)| (w.as_ref(), *f)));
        self.extra = Some(Arc::new(lexicon));
        self
    }

    /// Words shorter than `chars` characters are never split (default 6).
    pub fn with_min_word_chars(mut self, chars: usize) -> Self {
        self.params.min_word_chars = chars;
        self
    }

    /// Accept a split when its score reaches `threshold` (default 0.18): higher is more precise,
    /// lower finds more compounds.
    pub fn with_threshold(mut self, threshold: f32) -> Self {
        self.params.threshold = threshold;
        self
    }

    /// Byte ranges (into `word`) of the compound parts of a lowercase word, outermost split first,
    /// nested parts after it; see [`split_compound`].
    pub fn split(&self, word: &str) -> Vec<Range<usize>> {
        let builtin = Compiled::builtin().map(|c| c as &dyn Lookup);
        let extra = self.extra.as_deref().map(|l| l as &dyn Lookup);
        let scorer = Scorer::new(builtin, extra, self.params);
        let mut out = Vec::new();
        if word.contains('-') {
            // Hyphenated compound (öl-importe): every segment is a part, and is split itself.
            let mut start = 0;
            let mut segments = Vec::new();
            for (i, _) in word
                .match_indices('-')
                .chain(std::iter::once((word.len(), "")))
            {
                if i > start {
                    segments.push(start..i);
                }
                start = i + 1;
            }
            if segments.len() < 2 && segments.first().is_some_and(|s| s.len() == word.len()) {
                return out;
            }
            out.extend(segments.iter().cloned());
            for segment in segments {
                let text = &word[segment.clone()];
                if is_splittable(text) {
                    scorer.split_into(text, segment.start, 0, &mut out);
                }
            }
            return out;
        }
        if is_splittable(word) {
            scorer.split_into(word, 0, 0, &mut out);
            scorer.add_known_spans(word, &mut out);
        }
        out
    }
}

/// Only runs of letters are decompounded (no digits, no punctuation).
fn is_splittable(word: &str) -> bool {
    !word.is_empty() && word.chars().all(char::is_alphabetic)
}

/// Byte ranges (into `word`) of the compound parts of a lowercase word, outermost split first,
/// nested parts too (*luftfahrtunternehmen* → `luftfahrt`, `unternehmen`, `luft`, `fahrt`).
///
/// Linking elements (*-s-, -es-, -n-, -en-, -er-, -e-*) are excluded from the part ranges; a
/// dropped *-e* (*kirchturm* → *kirch(e)*) gives the range `kirch`. Empty when the word is not a
/// compound. The input should be lowercase and NFC; any other input is safe (never panics) but
/// may not be split. Ranges always lie on char boundaries, with `start < end`. A hyphenated word
/// yields its segments and their parts.
///
/// ```
/// use pressespiegel::analysis::decompound::split_compound;
///
/// let word = "angriffskrieg";
/// let parts: Vec<&str> = split_compound(word).into_iter().map(|r| &word[r]).collect();
/// assert_eq!(parts, ["angriff", "krieg"]);
/// assert!(split_compound("haltung").is_empty());
/// ```
pub fn split_compound(word: &str) -> Vec<Range<usize>> {
    static DEFAULT: std::sync::OnceLock<Decompounder> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Decompounder::new).split(word)
}

/// The embedded compiled statistics (`data/decompound/lexicon.bin`). For the data build tool
/// (`examples/decompound_train.rs`) and its freshness test; not a stable API.
#[doc(hidden)]
pub fn builtin_data() -> &'static [u8] {
    Compiled::builtin_data()
}

/// Compile vocabularies (lines `word<TAB>count`, or just `word` for count 1; `#` lines are
/// comments) into the format of [`builtin_data`]. For the data build tool and its freshness
/// test; not a stable API.
#[doc(hidden)]
pub fn compile_vocabulary(sources: &[&str]) -> Result<Vec<u8>, crate::Error> {
    Lexicon::from_tsv(sources)
        .compile()
        .map_err(|e| crate::Error::Record {
            origin: "decompound vocabulary".to_owned(),
            message: format!("cannot compile: {e}"),
        })
}

/// The Snowball test vocabulary (`data/decompound/snowball-german-voc.txt`, BSD-3-Clause, see
/// `SOURCES.md`): lowercase German word forms from general text.
static SNOWBALL_VOC: &str = include_str!("../../../data/decompound/snowball-german-voc.txt");

/// The word forms of the Snowball vocabulary (lowercase, unfolded), in file order.
pub(crate) fn common_words() -> impl Iterator<Item = &'static str> {
    SNOWBALL_VOC
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Whether `lower` (a lowercase, unfolded word form such as `siege`, `raten`, `straße`) is a
/// known German common word form: one of the word forms of the Snowball vocabulary. That list
/// is general German text, so it has few proper names (some German place names such as
/// `berlin`), unlike the Wikinews vocabulary, which holds every lowercased name of the news.
/// Does not change splitting.
pub(crate) fn is_common_word(lower: &str) -> bool {
    // A hash set: this runs for every capitalised word of every text field (variant keys),
    // where a binary search over 35k strings was the hottest part of the analysis.
    static WORDS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| common_words().collect());
    words.contains(lower)
}
