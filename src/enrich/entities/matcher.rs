//! One Aho-Corasick pass over the text finds every surface form of every gazetteer entry.
//!
//! All forms of all countries, organisations and actors go into one automaton
//! (leftmost-longest, case-sensitive, probed anchored at each word start, so "Deutsche Bank"
//! wins over "Deutsche" and "Niger" does not fire inside "Nigeria"). A match counts only on
//! word boundaries; a hyphen is a boundary, so "US-Präsident" and "China-Russland-Beziehungen"
//! yield their country prefixes.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

use super::forms::{adjective_forms, default_surname, with_genitives};
use super::gazetteer::Gazetteer;
use crate::error::{Error, Result};

/// What a surface form can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Target {
    /// A country (index into the gazetteer's country list).
    Country(usize),
    /// An organisation (index into the organisation list).
    Organisation(usize),
    /// A blocking name: no mention.
    Ignore,
    /// An actor's full name or alias (index into the actor list).
    Actor(usize),
    /// An actor's surname: valid only after a full mention.
    Surname(usize),
}

/// A raw match: byte span and the targets of the matched form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// The automaton and, per pattern, its targets (sorted, deduplicated).
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    targets: Vec<Vec<Target>>,
    /// Per pattern: `true` if it is only a generated genitive ("Putins"), no base form.
    genitive_only: Vec<bool>,
    /// `true` for every byte that starts some pattern.
    first_bytes: [bool; 256],
    /// One bit per pair of first two bytes of some pattern (a word start whose pair has no
    /// bit cannot start a match: no automaton probe).
    first_pairs: Box<[u64; 1024]>,
    /// One bit per pair of bytes that is a whole (two-byte) pattern ("EU").
    short_pairs: Box<[u64; 1024]>,
    /// A Bloom filter (one hash, 2^20 bits) of the first three bytes of the longer patterns:
    /// a word start whose three bytes have no bit starts no such pattern.
    first_triples: Box<[u64; TRIPLE_WORDS]>,
    /// `true` for a byte that is a whole (one-byte) pattern: probed without the pair filter.
    single_bytes: [bool; 256],
}

/// Size of the three-byte filter in 64-bit words (2^20 bits, 128 KiB).
const TRIPLE_WORDS: usize = 1 << 14;

/// The bit of the three-byte filter for `a b c`.
#[inline]
fn triple_bit(a: u8, b: u8, c: u8) -> usize {
    let k = u32::from_be_bytes([0, a, b, c]);
    (k.wrapping_mul(0x9E37_79B1) >> 12) as usize
}

/// Set bit `i` of a bit table.
fn set_bit(bits: &mut [u64], i: usize) {
    bits[i / 64] |= 1 << (i % 64);
}

/// Whether bit `i` of a bit table is set.
#[inline]
fn has_bit(bits: &[u64], i: usize) -> bool {
    bits.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
}

impl Matcher {
    pub(crate) fn new(gazetteer: &Gazetteer) -> Result<Matcher> {
        let mut table: BTreeMap<String, (Vec<Target>, bool)> = BTreeMap::new();
        let mut bases: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        let mut add = |form: &str, target: Target| {
            let form = form.trim();
            if form.is_empty() {
                return;
            }
            let entry = table.entry(form.to_string()).or_default();
            if !entry.0.contains(&target) {
                entry.0.push(target);
            }
        };
        for (i, c) in gazetteer.country_list().iter().enumerate() {
            let t = Target::Country(i);
            for f in c.forms.iter().chain(&c.capitals) {
                for g in with_genitives(f) {
                    add(&g, t);
                }
            }
            for d in &c.demonyms {
                add(d, t);
                // Genitive singular of -er demonyms: "des Argentiniers", "eines Niederländers".
                if d.ends_with("er") {
                    add(&format!("{d}s"), t);
                }
            }
            for stem in &c.adjectives {
                for a in adjective_forms(stem) {
                    add(&a, t);
                }
            }
        }
        for (i, o) in gazetteer.organisation_list().iter().enumerate() {
            let t = if o.ignore {
                Target::Ignore
            } else {
                Target::Organisation(i)
            };
            for f in &o.forms {
                add(f, t);
            }
        }
        for (i, a) in gazetteer.actor_list().iter().enumerate() {
            for f in std::iter::once(&a.name).chain(&a.aliases) {
                for v in name_variants(f) {
                    bases.insert(v.clone());
                    for g in with_genitives(&v) {
                        add(&g, Target::Actor(i));
                    }
                }
            }
            let surnames: Vec<String> = if a.surnames.is_empty() {
                default_surname(&a.name).into_iter().collect()
            } else {
                a.surnames.clone()
            };
            for s in surnames {
                bases.insert(s.clone());
                for g in with_genitives(&s) {
                    add(&g, Target::Surname(i));
                }
            }
        }
        // A form that is an actor's full name or alias is never also that actor's surname.
        let mut patterns = Vec::with_capacity(table.len());
        let mut targets = Vec::with_capacity(table.len());
        let mut genitive_only = Vec::with_capacity(table.len());
        for (form, (mut ts, _)) in table {
            genitive_only.push(!bases.contains(&form));
            let full: Vec<usize> = ts
                .iter()
                .filter_map(|t| match t {
                    Target::Actor(i) => Some(*i),
                    _ => None,
                })
                .collect();
            ts.retain(|t| !matches!(t, Target::Surname(i) if full.contains(i)));
            ts.sort();
            patterns.push(form);
            targets.push(ts);
        }
        let mut first_bytes = [false; 256];
        let mut first_pairs = Box::new([0u64; 1024]);
        let mut short_pairs = Box::new([0u64; 1024]);
        let mut first_triples = Box::new([0u64; TRIPLE_WORDS]);
        let mut single_bytes = [false; 256];
        for p in &patterns {
            match p.as_bytes() {
                [] => {}
                [b] => {
                    first_bytes[usize::from(*b)] = true;
                    single_bytes[usize::from(*b)] = true;
                }
                [a, b, rest @ ..] => {
                    first_bytes[usize::from(*a)] = true;
                    let i = usize::from(u16::from_be_bytes([*a, *b]));
                    set_bit(&mut first_pairs[..], i);
                    match rest.first() {
                        None => set_bit(&mut short_pairs[..], i),
                        Some(c) => set_bit(&mut first_triples[..], triple_bit(*a, *b, *c)),
                    }
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // Names start at word starts only: the search runs anchored at each of them,
            // which skips the bytes inside ordinary words (most of the text).
            .start_kind(StartKind::Anchored)
            // With anchored probes at word starts the compact contiguous NFA beats the full
            // DFA (~40 MB, cache misses on every probe): 35 vs 28–30 MB/s per CPU second in
            // benches/entities.rs; it also builds faster and uses far less memory.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| Error::InvalidArgument {
                field: "gazetteer",
                message: format!("cannot build the name automaton: {e}"),
            })?;
        Ok(Matcher {
            automaton,
            targets,
            genitive_only,
            first_bytes,
            first_pairs,
            short_pairs,
            first_triples,
            single_bytes,
        })
    }

    pub(crate) fn targets(&self, hit: &Hit) -> &[Target] {
        self.targets.get(hit.pattern).map_or(&[], Vec::as_slice)
    }

    /// `true` if the hit is a generated genitive of an actor name ("Putins"), not a base form.
    pub(crate) fn is_genitive(&self, hit: &Hit) -> bool {
        self.genitive_only
            .get(hit.pattern)
            .copied()
            .unwrap_or(false)
    }

    /// `true` if some pattern may start at byte `i` (a word start with first byte `b`): it is a
    /// one-byte pattern, or the next byte completes a two-byte pattern, or the first three
    /// bytes may start a longer one (filters without false negatives; the automaton decides).
    #[inline]
    fn may_start_at(&self, bytes: &[u8], i: usize, b: u8) -> bool {
        if !self.first_bytes[usize::from(b)] {
            return false;
        }
        if self.single_bytes[usize::from(b)] {
            return true;
        }
        let Some(&c) = bytes.get(i + 1) else {
            return false;
        };
        let k = usize::from(u16::from_be_bytes([b, c]));
        if !has_bit(&self.first_pairs[..], k) {
            return false;
        }
        // A two-byte pattern, or a longer one whose first three bytes may be these.
        has_bit(&self.short_pairs[..], k)
            || bytes
                .get(i + 2)
                .is_some_and(|&d| has_bit(&self.first_triples[..], triple_bit(b, c, d)))
    }

    /// All matches on word boundaries, in text order, non-overlapping: at every word start
    /// (outside an earlier match), the longest form that ends at a word end.
    pub(crate) fn find(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        // `true` if the byte before `i` ends a word (or `i` is 0).
        let mut after_word = true;
        while i < bytes.len() {
            let b = bytes[i];
            let Some((alnum, len, _)) = super::char_at(text, i) else {
                break;
            };
            if alnum && after_word && self.may_start_at(bytes, i, b) {
                if let Some(hit) = self.find_at(text, i) {
                    out.push(hit);
                    i = hit.end;
                    after_word = true;
                    continue;
                }
            }
            i += len;
            if alnum {
                // Inside a word no match can start: skip its ASCII letters and digits at once.
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                after_word = false;
            } else {
                after_word = true;
            }
        }
        out
    }

    /// The longest form starting at byte `start` that ends at a word end.
    fn find_at(&self, text: &str, start: usize) -> Option<Hit> {
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        let m = self.automaton.find(input)?;
        if !is_word_end(text, m.end()) {
            return None;
        }
        Some(Hit {
            start: m.start(),
            end: m.end(),
            pattern: m.pattern().as_usize(),
        })
    }
}

/// A name and its spelling variant with hyphenated given names ("Jan Peter Balkenende" →
/// "Jan-Peter Balkenende").
fn name_variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let words: Vec<&str> = name.split(' ').collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    if words.len() >= 3 && words[..2].iter().all(capitalised) && !words[1].ends_with('.') {
        out.push(format!(
            "{}-{} {}",
            words[0],
            words[1],
            words[2..].join(" ")
        ));
    }
    out
}

/// `true` if a word may start at byte `i` (no letter or digit directly before it).
pub(crate) fn is_word_start(text: &str, i: usize) -> bool {
    text.get(..i)
        .and_then(|s| s.chars().next_back())
        .is_none_or(|c| !c.is_alphanumeric())
}

/// `true` if a word may end at byte `i` (no letter or digit directly after it).
pub(crate) fn is_word_end(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_none_or(|c| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts for the differential tests: generated articles, plus the Wikinews texts (train
    /// and dev, raw and normalized) and the seeds when the shared folder is present (skipped
    /// with a printed reason otherwise; a failure under `CI=true`).
    fn differential_texts() -> Vec<String> {
        let mut texts = Vec::new();
        for seed in [1, 7] {
            let generator = crate::corpus::CorpusGenerator::demo(seed).expect("demo generator");
            texts.extend(generator.articles(150).map(|a| a.text));
        }
        let dir = std::env::var_os("PRESSESPIEGEL_SHARED")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| {
                std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")
            });
        if !dir.join("seeds").is_dir() {
            assert!(
                !std::env::var("CI").is_ok_and(|v| v == "true" || v == "1"),
                "CI=true but the shared data folder {} is missing",
                dir.display()
            );
            eprintln!(
                "SKIPPED (Wikinews, seeds): shared folder {} not found (set PRESSESPIEGEL_SHARED)",
                dir.display()
            );
            return texts;
        }
        for split in ["train", "dev"] {
            let path = dir.join(format!("data/wikinews-quotes/{split}.jsonl"));
            let data = std::fs::read_to_string(&path).expect("read the Wikinews texts");
            for line in data.lines() {
                let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
                if let Some(t) = v.get("text").and_then(|t| t.as_str()) {
                    texts.push(t.to_string());
                    texts.push(crate::analysis::normalize(t).into_owned());
                }
            }
        }
        let mut seeds: Vec<_> = std::fs::read_dir(dir.join("seeds"))
            .expect("seeds dir")
            .map(|e| e.expect("dir entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        seeds.sort();
        for p in seeds {
            texts.push(std::fs::read_to_string(p).expect("read seed"));
        }
        texts
    }

    /// `Matcher::find` as it was before the pair filter and the word skip (commit 8df1fd8).
    fn find_reference(m: &Matcher, text: &str) -> Vec<(usize, usize, usize)> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        let mut after_word = true;
        while i < bytes.len() {
            let b = bytes[i];
            let (alnum, len) = if b < 0x80 {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                (c.is_alphanumeric(), c.len_utf8())
            };
            if alnum && after_word && m.first_bytes[usize::from(b)] {
                if let Some(hit) = m.find_at(text, i) {
                    out.push((hit.start, hit.end, hit.pattern));
                    i = hit.end;
                    after_word = true;
                    continue;
                }
            }
            after_word = !alnum;
            i += len;
        }
        out
    }

    /// The same hits as the previous scan on generated articles, the Wikinews texts and the
    /// seeds (and on texts with one-byte forms, non-ASCII letters and matches at the very
    /// end) with the built-in gazetteer.
    #[test]
    fn find_is_identical_to_the_reference() {
        let matcher = Matcher::new(&Gazetteer::builtin()).expect("matcher");
        let mut texts: Vec<String> = vec![
            String::new(),
            "X".into(),
            "Ä".into(),
            "USA".into(),
            "Chinas Präsident Xi Jinping traf US-Präsident Donald Trump in Peking".into(),
            "Öl, Äthiopien, Österreichs Kanzler; die ÖVP und Ägypten".into(),
            "Deutschland2 Deutschland-Russland Russland".into(),
        ];
        // Generated articles, the Wikinews texts and the seeds (when present).
        texts.extend(differential_texts());
        let mut hits = 0;
        for text in &texts {
            let new: Vec<(usize, usize, usize)> = matcher
                .find(text)
                .iter()
                .map(|h| (h.start, h.end, h.pattern))
                .collect();
            assert_eq!(new, find_reference(&matcher, text), "{text}");
            hits += new.len();
        }
        assert!(hits > 10_000, "{hits}");
    }
}
