//! Word statistics the splitter scores candidate parts with: word-form frequencies, parts attested
//! in compounds of the vocabulary, and CharSplit-style counts of how many word types begin or end
//! with an n-gram.
//!
//! Two implementations of [`Lookup`]: [`Lexicon`] (hash maps, built at run time from a user
//! vocabulary) and [`Compiled`] (the built-in statistics, precomputed by
//! `cargo run --example decompound_train` into `data/decompound/lexicon.bin`: four FSTs that are
//! used in place, so loading costs nothing).

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use fst::Map;

use super::affixes::{
    is_blocked_head, is_blocked_modifier, starts_with_suffix, INFLECTIONS, LINKING,
};
use super::hyphen;

/// The built-in statistics, compiled from `data/decompound/wikinews-vocab.tsv` (word frequencies
/// of the German Wikinews article texts, CC BY 2.5) by `cargo run --example decompound_train`;
/// see `data/decompound/SOURCES.md`. A test checks that it matches a fresh build.
static BUILTIN_DATA: &[u8] = include_bytes!("../../../data/decompound/lexicon.bin");

/// Magic bytes and format version of [`BUILTIN_DATA`].
const MAGIC: &[u8; 8] = b"PSDCMP01";

/// Word statistics the scorer asks for.
pub(crate) trait Lookup: Sync {
    /// Token frequency of the exact word form.
    fn freq(&self, word: &str) -> u32;
    /// Summed frequency of the word forms `base + ending` (ending empty or in [`INFLECTIONS`]).
    fn base_freq(&self, base: &str) -> u32;
    /// How often `part` was seen as a modifier (`[0]`) and as a head (`[1]`) of a compound whose
    /// other part is a known word.
    fn attested(&self, part: &str) -> [u32; 2];
    /// Number of word types that begin with, end with, and contain `ngram`.
    fn ngram_counts(&self, ngram: &str) -> [u32; 3];
}

/// Longest n-gram (in chars) counted at word starts and ends.
pub(crate) const MAX_NGRAM: usize = 8;
/// Shortest n-gram counted.
pub(crate) const MIN_NGRAM: usize = 3;

/// Frequencies of words and word-initial / word-final n-grams, and parts attested in compounds.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    words: HashMap<String, u32>,
    /// base → summed frequency of `base + ending` word forms (inflection families)
    bases: HashMap<String, u32>,
    /// part → [word types where it is a modifier, word types where it is a head]
    attested: HashMap<String, [u32; 2]>,
    /// n-gram → word types that begin with it, end with it, contain it anywhere.
    ngrams: HashMap<String, [u32; 3]>,
}

impl Lexicon {
    /// Build the lexicon of `word<TAB>count` vocabularies (see [`parse_tsv`]), with attested
    /// parts.
    pub(crate) fn from_tsv(sources: &[&str]) -> Lexicon {
        let mut lexicon = Lexicon::default();
        for text in sources {
            lexicon.extend(parse_tsv(text));
        }
        lexicon.attest();
        lexicon
    }

    /// Serialize the lexicon into the [`Compiled`] format.
    pub(crate) fn compile(&self) -> Result<Vec<u8>, fst::Error> {
        fn build<V: Copy>(
            map: &HashMap<String, V>,
            value: impl Fn(V) -> u64,
        ) -> Result<Vec<u8>, fst::Error> {
            let sorted: BTreeMap<&str, V> = map.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let mut builder = fst::MapBuilder::memory();
            for (k, v) in sorted {
                builder.insert(k, value(v))?;
            }
            builder.into_inner()
        }
        let tables = [
            build(&self.words, u64::from)?,
            build(&self.bases, u64::from)?,
            build(&self.attested, |[m, h]| u64::from(m) | (u64::from(h) << 32))?,
            build(&self.ngrams, |c| {
                c.iter()
                    .enumerate()
                    .map(|(i, n)| u64::from((*n).min(NGRAM_MAX)) << (21 * i))
                    .sum()
            })?,
        ];
        let mut out = MAGIC.to_vec();
        for t in &tables {
            out.extend_from_slice(&(t.len() as u64).to_le_bytes());
        }
        for t in &tables {
            out.extend_from_slice(t);
        }
        Ok(out)
    }

    /// Add words with their frequencies (lowercase; non-alphabetic words are ignored).
    pub(crate) fn extend<'a>(&mut self, words: impl IntoIterator<Item = (&'a str, u64)>) {
        for (word, freq) in words {
            if freq == 0 || word.is_empty() || !word.chars().all(char::is_alphabetic) {
                continue;
            }
            let freq = u32::try_from(freq).unwrap_or(u32::MAX);
            let entry = self.words.entry(word.to_owned()).or_insert(0);
            let new_type = *entry == 0;
            *entry = entry.saturating_add(freq);
            for base in std::iter::once(word).chain(
                INFLECTIONS
                    .iter()
                    .filter_map(|e| word.strip_suffix(e))
                    .filter(|b| b.chars().count() >= 3),
            ) {
                let entry = self.bases.entry(base.to_owned()).or_insert(0);
                *entry = entry.saturating_add(freq);
            }
            if !new_type {
                continue;
            }
            let bounds: Vec<usize> = word
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(word.len()))
                .collect();
            let chars = bounds.len() - 1;
            for n in MIN_NGRAM..=MAX_NGRAM.min(chars) {
                self.count_ngram(&word[..bounds[n]], 0);
                self.count_ngram(&word[bounds[chars - n]..], 1);
            }
        }
        self.count_containing();
    }

    /// Count, for every n-gram that begins or ends some word, the word types that contain it
    /// anywhere (only those n-grams are ever looked up, so no other substring is stored).
    fn count_containing(&mut self) {
        for counts in self.ngrams.values_mut() {
            counts[2] = 0;
        }
        let mut seen: Vec<&str> = Vec::new();
        for word in self.words.keys() {
            let bounds: Vec<usize> = word
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(word.len()))
                .collect();
            let chars = bounds.len() - 1;
            seen.clear();
            for n in MIN_NGRAM..=MAX_NGRAM.min(chars) {
                for i in 0..=chars - n {
                    seen.push(&word[bounds[i]..bounds[i + n]]);
                }
            }
            seen.sort_unstable();
            seen.dedup();
            for ngram in &seen {
                if let Some(counts) = self.ngrams.get_mut(*ngram) {
                    counts[2] += 1;
                }
            }
        }
    }

    fn count_ngram(&mut self, ngram: &str, slot: usize) {
        match self.ngrams.get_mut(ngram) {
            Some(counts) => counts[slot] += 1,
            None => {
                let mut counts = [0; 3];
                counts[slot] = 1;
                self.ngrams.insert(ngram.to_owned(), counts);
            }
        }
    }

    fn known(&self, word: &str) -> u32 {
        self.words.get(word).copied().unwrap_or(0)
    }

    /// Learn compound parts from the vocabulary itself: split every word at its hyphenation points;
    /// where one side is a known word (frequency ≥ 2, 4+ letters), the other side is attested as
    /// a modifier or head (Haupt|stadt, Haupt|quartier → `haupt` is a modifier).
    pub(crate) fn attest(&mut self) {
        let mut attested: HashMap<String, [u32; 2]> = HashMap::new();
        let known = |s: &str| self.known(s) >= 2 && s.chars().count() >= 4;
        let mut words: Vec<&String> = self.words.keys().collect();
        words.sort_unstable();
        for word in words {
            for b in hyphen::breaks(word) {
                let (x, y) = word.split_at(b);
                if y.chars().count() < 3 || is_blocked_head(y) || starts_with_suffix(y) {
                    continue;
                }
                let variants = std::iter::once(x).chain(
                    LINKING
                        .iter()
                        .filter_map(|l| x.strip_suffix(l))
                        .filter(|v| v.chars().count() >= 3),
                );
                let variants: Vec<&str> = variants.filter(|v| !is_blocked_modifier(v)).collect();
                if known(y) {
                    for v in &variants {
                        attested.entry((*v).to_owned()).or_default()[0] += 1;
                    }
                }
                if variants.iter().any(|v| known(v)) {
                    attested.entry(y.to_owned()).or_default()[1] += 1;
                }
            }
        }
        self.attested = attested;
    }
}

impl Lookup for Lexicon {
    fn freq(&self, word: &str) -> u32 {
        self.known(word)
    }
    fn base_freq(&self, base: &str) -> u32 {
        self.bases.get(base).copied().unwrap_or(0)
    }
    fn attested(&self, part: &str) -> [u32; 2] {
        self.attested.get(part).copied().unwrap_or_default()
    }
    fn ngram_counts(&self, ngram: &str) -> [u32; 3] {
        self.ngrams.get(ngram).copied().unwrap_or_default()
    }
}

/// Largest n-gram count stored in the compiled format (21 bits per count).
const NGRAM_MAX: u32 = (1 << 21) - 1;

/// The compiled lexicon: the tables of a [`Lexicon`] as FSTs over a byte slice, used in place.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    words: Map<&'static [u8]>,
    bases: Map<&'static [u8]>,
    attested: Map<&'static [u8]>,
    ngrams: Map<&'static [u8]>,
}

impl Compiled {
    /// Open compiled data (header check only: O(1)). `None` if the data is malformed.
    pub(crate) fn open(data: &'static [u8]) -> Option<Compiled> {
        let rest = data.strip_prefix(MAGIC.as_slice())?;
        let mut lens = [0usize; 4];
        for (i, len) in lens.iter_mut().enumerate() {
            let bytes: [u8; 8] = rest.get(8 * i..8 * i + 8)?.try_into().ok()?;
            *len = usize::try_from(u64::from_le_bytes(bytes)).ok()?;
        }
        let mut body = rest.get(32..)?;
        let mut maps = Vec::with_capacity(4);
        for len in lens {
            let (table, tail) = (body.get(..len)?, body.get(len..)?);
            maps.push(Map::new(table).ok()?);
            body = tail;
        }
        let mut maps = maps.into_iter();
        Some(Compiled {
            words: maps.next()?,
            bases: maps.next()?,
            attested: maps.next()?,
            ngrams: maps.next()?,
        })
    }

    /// The embedded data.
    pub(crate) fn builtin_data() -> &'static [u8] {
        BUILTIN_DATA
    }

    /// The built-in lexicon (Wikinews); `None` only if the embedded data is corrupt (a test
    /// checks that it opens and matches a fresh build).
    pub(crate) fn builtin() -> Option<&'static Compiled> {
        static BUILTIN: OnceLock<Option<Compiled>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Compiled::open(BUILTIN_DATA))
            .as_ref()
    }
}

fn to_u32(v: Option<u64>) -> u32 {
    v.map_or(0, |v| u32::try_from(v).unwrap_or(u32::MAX))
}

impl Lookup for Compiled {
    fn freq(&self, word: &str) -> u32 {
        to_u32(self.words.get(word))
    }
    fn base_freq(&self, base: &str) -> u32 {
        to_u32(self.bases.get(base))
    }
    fn attested(&self, part: &str) -> [u32; 2] {
        let v = self.attested.get(part).unwrap_or(0);
        [(v & 0xffff_ffff) as u32, (v >> 32) as u32]
    }
    fn ngram_counts(&self, ngram: &str) -> [u32; 3] {
        let v = self.ngrams.get(ngram).unwrap_or(0);
        let mask = u64::from(NGRAM_MAX);
        [0, 1, 2].map(|i| ((v >> (21 * i)) & mask) as u32)
    }
}

/// Parse `word<TAB>count` lines (a line without a tab is a word with count 1); `#` lines are
/// comments, malformed lines are skipped.
pub(crate) fn parse_tsv(text: &str) -> impl Iterator<Item = (&str, u64)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|line| match line.split_once('\t') {
            Some((word, count)) => Some((word, count.trim().parse().ok()?)),
            None => Some((line.trim(), 1)),
        })
}
