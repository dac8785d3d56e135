//! The splitting algorithm: candidate boundaries at hyphenation points, linking elements stripped
//! from the modifier, both parts scored by word and n-gram evidence, best binary split first,
//! then recursion into both parts.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};

use super::affixes::{
    is_blocked_head, is_blocked_modifier, needs_linking, LINKING, SHORT_MODIFIERS,
};
use super::hyphen;
use super::lexicon::{Lexicon, MAX_NGRAM, MIN_NGRAM};

/// Tuning knobs of the splitter (defaults are the measured configuration).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Params {
    /// Words shorter than this (in chars) are never split.
    pub min_word_chars: usize,
    /// Parts shorter than this (in chars) are rejected (except [`SHORT_MODIFIERS`]).
    pub min_part_chars: usize,
    /// A split is accepted when its score reaches this.
    pub threshold: f32,
    /// Maximum nesting depth.
    pub max_depth: usize,
    /// Weight of n-gram evidence relative to word evidence.
    pub ngram_weight: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            min_word_chars: 6,
            min_part_chars: 3,
            threshold: 0.6,
            max_depth: 4,
            ngram_weight: 1.0,
        }
    }
}

/// One scored binary split of a word; ranges are relative to the word.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Split {
    pub modifier: Range<usize>,
    pub head: Range<usize>,
    pub score: f32,
}

/// Scores candidate parts against one or two lexicons.
pub(crate) struct Scorer<'a> {
    lexicons: [Option<&'a Lexicon>; 2],
    pub params: Params,
    stemmer: Stemmer,
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

fn ln1p(x: u32) -> f32 {
    (1.0 + x as f32).ln()
}

impl<'a> Scorer<'a> {
    pub(crate) fn new(builtin: &'a Lexicon, extra: Option<&'a Lexicon>, params: Params) -> Self {
        Scorer {
            lexicons: [Some(builtin), extra],
            params,
            stemmer: Stemmer::create(Algorithm::German),
        }
    }

    fn freq(&self, s: &str) -> u32 {
        self.lexicons
            .iter()
            .flatten()
            .map(|l| l.freq(s))
            .fold(0, u32::saturating_add)
    }

    fn stem_freq(&self, s: &str) -> u32 {
        let stem = self.stemmer.stem(s);
        self.lexicons
            .iter()
            .flatten()
            .map(|l| l.stem_freq(&stem))
            .fold(0, u32::saturating_add)
    }

    fn ngram_counts(&self, s: &str) -> [u32; 3] {
        let mut out = [0u32; 3];
        for l in self.lexicons.iter().flatten() {
            let c = l.ngram_counts(s);
            for i in 0..3 {
                out[i] = out[i].saturating_add(c[i]);
            }
        }
        out
    }

    /// Evidence that `s` is a word of its own: 0 (unknown) to about 1.3 (very frequent).
    fn word_evidence(&self, s: &str) -> f32 {
        let f = self.freq(s);
        if f > 0 {
            return (0.6 + 0.1 * ln1p(f)).min(1.3);
        }
        let sf = self.stem_freq(s);
        if sf > 0 {
            return (0.5 + 0.1 * ln1p(sf)).min(1.2);
        }
        0.0
    }

    /// N-gram evidence that `s` begins like a word (head role) or ends like one (modifier role):
    /// of the word types that contain the longest such n-gram, the share that begin (end) with it,
    /// weighted by how much of `s` the n-gram covers.
    fn ngram_evidence(&self, s: &str, head: bool) -> f32 {
        let bounds: Vec<usize> = s
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(s.len()))
            .collect();
        let n_chars = bounds.len() - 1;
        let top = n_chars.min(MAX_NGRAM);
        for n in (MIN_NGRAM..=top).rev() {
            let ngram = if head {
                &s[..bounds[n]]
            } else {
                &s[bounds[n_chars - n]..]
            };
            let [start, end, any] = self.ngram_counts(ngram);
            let positional = if head { start } else { end };
            if positional > 0 {
                let cover = n as f32 / top as f32;
                let p = positional as f32 / (any as f32 + 1.0);
                return self.params.ngram_weight * p * cover;
            }
        }
        0.0
    }

    fn head_score(&self, head: &str) -> f32 {
        self.word_evidence(head)
            .max(self.ngram_evidence(head, true))
    }

    /// Best linking-element reading of a modifier: (length in bytes of the part, score).
    fn modifier_score(&self, modifier: &str) -> Option<(usize, f32)> {
        if is_blocked_modifier(modifier) {
            return None;
        }
        let mut best: Option<(usize, f32)> = None;
        let mut consider = |len: usize, score: f32| {
            if best.is_none_or(|(_, s)| score > s) {
                best = Some((len, score));
            }
        };
        let min = self.params.min_part_chars;
        let mut variants: Vec<(usize, f32)> = vec![(modifier.len(), 0.0)];
        for link in LINKING {
            if let Some(stripped) = modifier.strip_suffix(link) {
                variants.push((stripped.len(), 0.02 * link.len() as f32));
            }
        }
        for (len, penalty) in variants {
            let part = &modifier[..len];
            let n = chars(part);
            if (n < min && !SHORT_MODIFIERS.contains(&part)) || is_blocked_modifier(part) {
                continue;
            }
            let mut score = self.word_evidence(part);
            if len == modifier.len() {
                // dropped -e: kirch|turm → kirche
                let with_e = format!("{part}e");
                score = score.max(self.word_evidence(&with_e) - 0.05);
            }
            score = score.max(self.ngram_evidence(part, false));
            consider(len, score - penalty);
        }
        best
    }

    /// The best split of `word` at a hyphenation point, if any candidate is valid.
    pub(crate) fn best_split(&self, word: &str) -> Option<Split> {
        let mut best: Option<Split> = None;
        for b in hyphen::breaks(word) {
            let (modifier, head) = word.split_at(b);
            if chars(head) < self.params.min_part_chars || is_blocked_head(head) {
                continue;
            }
            let Some((mod_len, mod_score)) = self.modifier_score(modifier) else {
                continue;
            };
            if needs_linking(head) && mod_len == modifier.len() {
                continue;
            }
            let head_score = self.head_score(head);
            let score = mod_score.min(head_score) + 0.05 * (mod_score + head_score);
            if best.as_ref().is_none_or(|s| score > s.score) {
                best = Some(Split {
                    modifier: 0..mod_len,
                    head: b..word.len(),
                    score,
                });
            }
        }
        best
    }

    /// Split `word` recursively; parts (offset by `base`) are appended to `out`, outer split first.
    pub(crate) fn split_into(
        &self,
        word: &str,
        base: usize,
        depth: usize,
        out: &mut Vec<Range<usize>>,
    ) {
        if depth >= self.params.max_depth || chars(word) < self.params.min_word_chars {
            return;
        }
        let Some(split) = self.best_split(word) else {
            return;
        };
        if split.score < self.params.threshold {
            return;
        }
        out.push(base + split.modifier.start..base + split.modifier.end);
        out.push(base + split.head.start..base + split.head.end);
        let modifier = &word[split.modifier.clone()];
        let head = &word[split.head.clone()];
        self.split_into(modifier, base + split.modifier.start, depth + 1, out);
        self.split_into(head, base + split.head.start, depth + 1, out);
    }
}
