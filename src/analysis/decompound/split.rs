//! The splitting algorithm: candidate boundaries at hyphenation points, linking elements stripped
//! from the modifier, both parts scored by word evidence (vocabulary), attestation as compound
//! parts, and n-gram plausibility; best binary split first, then recursion into both parts.

use std::ops::Range;

use super::affixes::{
    has_adjective_ending, is_blocked_head, is_blocked_modifier, is_particle_verb, needs_linking,
    splits_feminine_suffix, starts_with_suffix, ADJECTIVE_ENDINGS, CONFIXES, INFLECTIONS, LINKING,
    SHORT_MODIFIERS, SHORT_WORDS,
};
use super::hyphen;
use super::lexicon::{Lookup, MAX_NGRAM, MIN_NGRAM};

/// Evidence of a confix (*öko*, *exo*) as the modifier of a known head.
const CONFIX_EVIDENCE: f32 = 0.7;

/// Tuning knobs of the splitter (defaults are the measured configuration).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Params {
    /// Words shorter than this (in chars) are never split.
    pub min_word_chars: usize,
    /// A split is accepted when its score reaches this.
    pub threshold: f32,
    /// Maximum nesting depth.
    pub max_depth: usize,
    /// A 3-letter part counts as a known word only from this frequency on (filters names, typos).
    pub min_freq_short: u32,
    /// A part attested in this many compounds of the vocabulary counts as known.
    pub min_attested: u32,
    /// A part of a vocabulary word attested in this many compounds counts as known.
    pub min_attested_known: u32,
    /// An unknown part needs at least this many letters.
    pub min_unknown_chars: usize,
    /// An unknown part needs at least this n-gram plausibility.
    pub min_ngram: f32,
    /// Score factor of a split with one unknown part.
    pub unknown_factor: f32,
    /// Evidence the known part of a split with one unknown part needs.
    pub min_solid: f32,
    /// Factor on the score of an unknown part's own split into known parts (0: off).
    pub compound_factor: f32,
    /// Evidence both parts of a split of a vocabulary word need.
    pub min_known_ev: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            min_word_chars: 6,
            threshold: 0.18,
            max_depth: 4,
            min_freq_short: 5,
            min_attested: 2,
            min_attested_known: 5,
            min_unknown_chars: 4,
            min_ngram: 0.03,
            unknown_factor: 0.5,
            min_solid: 0.65,
            compound_factor: 0.0,
            min_known_ev: 0.6,
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

/// Scores candidate parts against the built-in lexicon and an optional user vocabulary.
pub(crate) struct Scorer<'a> {
    lexicons: [Option<&'a dyn Lookup>; 2],
    params: Params,
    /// Memo of [`Scorer::compound_evidence`] for the substrings of the word being split.
    memo: std::cell::RefCell<std::collections::BTreeMap<String, f32>>,
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// An unknown modifier that ends in an inseparable prefix has taken the head's prefix
/// (*blinddarm-ent|zündung*): the prefix belongs to the head.
fn ends_with_prefix(modifier: &str) -> bool {
    ["ent", "ver", "zer", "emp"]
        .iter()
        .any(|p| modifier.len() > p.len() && modifier.ends_with(p))
}

/// Verb forms in *-ieren* (*exer|zieren*) are not heads of a compound with an unknown modifier.
fn is_ieren_verb(head: &str) -> bool {
    ["ieren", "iert", "ierte", "ierten", "ierst", "ierend"]
        .iter()
        .any(|e| head.ends_with(e))
}

fn ln1p(x: u32) -> f32 {
    (1.0 + x as f32).ln()
}

impl<'a> Scorer<'a> {
    pub(crate) fn new(
        builtin: Option<&'a dyn Lookup>,
        extra: Option<&'a dyn Lookup>,
        params: Params,
    ) -> Self {
        Scorer {
            lexicons: [builtin, extra],
            params,
            memo: Default::default(),
        }
    }

    fn lexicons(&self) -> impl Iterator<Item = &'a dyn Lookup> + '_ {
        self.lexicons.iter().flatten().copied()
    }

    fn freq(&self, s: &str) -> u32 {
        self.lexicons()
            .map(|l| l.freq(s))
            .fold(0, u32::saturating_add)
    }

    fn ngram_counts(&self, s: &str) -> [u32; 3] {
        let mut out = [0u32; 3];
        for l in self.lexicons() {
            let c = l.ngram_counts(s);
            for (o, c) in out.iter_mut().zip(c) {
                *o = o.saturating_add(c);
            }
        }
        out
    }

    fn attested(&self, s: &str, head: bool) -> u32 {
        self.lexicons()
            .map(|l| l.attested(s)[usize::from(head)])
            .fold(0, u32::saturating_add)
    }

    /// Summed frequency of the inflected forms of `s` (*import*, *importe*, *importen*, …):
    /// forms `base + ending` where `base` is `s` or `s` minus an inflection ending.
    fn family_freq(&self, s: &str) -> u32 {
        let base_freq = |b: &str| {
            self.lexicons()
                .map(|l| l.base_freq(b))
                .fold(0, u32::saturating_add)
        };
        let mut total = base_freq(s);
        for e in INFLECTIONS {
            if let Some(b) = s.strip_suffix(e) {
                if chars(b) >= 3 {
                    total = total.saturating_add(base_freq(b));
                }
            }
        }
        total
    }

    /// Evidence that `s` is a word of its own: 0 (unknown) to about 1.3 (very frequent).
    fn word_evidence(&self, s: &str) -> f32 {
        let n = chars(s);
        let mut f = self.freq(s);
        if n <= 3 && SHORT_WORDS.contains(&s) {
            f = f.max(self.params.min_freq_short);
        }
        let need = if n <= 3 {
            self.params.min_freq_short
        } else {
            1
        };
        if f >= need {
            return (0.6 + 0.1 * ln1p(f)).min(1.3);
        }
        if n <= 3 {
            return 0.0;
        }
        let family = self.family_freq(s);
        if family > 0 {
            return (0.5 + 0.1 * ln1p(family)).min(0.9);
        }
        0.0
    }

    /// Evidence that `s` is a part because compounds of the vocabulary contain it. Parts of a
    /// word that is itself in the vocabulary need more attestations.
    fn attested_evidence(&self, s: &str, head: bool, known_word: bool) -> f32 {
        if chars(s) < 4 {
            return 0.0;
        }
        // ver|ur|teilt: an unknown string behind an inseparable prefix is a verb stem, not a part
        if !head
            && ["ver", "zer", "ent", "emp", "be", "ge", "er"]
                .iter()
                .any(|p| s.starts_with(p))
        {
            return 0.0;
        }
        let a = self.attested(s, head);
        let need = if known_word {
            self.params.min_attested_known
        } else {
            self.params.min_attested
        };
        if a >= need {
            (0.5 + 0.1 * ln1p(a)).min(0.9)
        } else {
            0.0
        }
    }

    /// N-gram plausibility that `s` begins like a word (head role) or ends like one (modifier
    /// role): of the word types that contain the longest such n-gram, the share that begin (end)
    /// with it, weighted by how much of `s` the n-gram covers.
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
                return positional as f32 / (any as f32 + 1.0) * cover;
            }
        }
        0.0
    }

    /// Evidence that an unknown `s` is itself a compound of known parts (*maß|stab* in
    /// *abbildungs|maßstab*): the score of its best split into known parts, slightly discounted.
    fn compound_evidence(&self, s: &str) -> f32 {
        if chars(s) < self.params.min_word_chars || self.params.compound_factor <= 0.0 {
            return 0.0;
        }
        if let Some(ev) = self.memo.borrow().get(s) {
            return *ev;
        }
        let ev = self
            .best_split_as(s, true)
            .filter(|b| b.score >= self.params.threshold)
            .map_or(0.0, |b| (self.params.compound_factor * b.score).min(0.9));
        self.memo.borrow_mut().insert(s.to_owned(), ev);
        ev
    }

    /// Score of one reading: 0 when it is not acceptable.
    fn reading_score(&self, known_word: bool, modifier: &str, head: &str, head_ev: f32) -> f32 {
        let p = &self.params;
        let exact = self.freq(modifier) > 0;
        let mut mod_ev = self.word_evidence(modifier);
        if mod_ev == 0.0 {
            // dropped -e: kirch|turm → kirche
            mod_ev = (self.word_evidence(&format!("{modifier}e")) - 0.05).max(0.0);
        }
        if mod_ev == 0.0 {
            mod_ev = self.attested_evidence(modifier, false, known_word);
        }
        if mod_ev == 0.0 {
            mod_ev = self.compound_evidence(modifier);
        }
        if mod_ev == 0.0
            && CONFIXES.contains(&modifier)
            && head_ev >= p.min_solid
            && chars(head) >= 4
        {
            // öko|steuer, exo|planet: a confix before a known head
            mod_ev = CONFIX_EVIDENCE;
        }
        // an attested word form beats a reading through inflection (klein|planet, not klei|n)
        let bonus = if exact { 0.1 } else { 0.0 };
        if known_word && mod_ev.min(head_ev) < p.min_known_ev {
            // a word of the vocabulary is split only into well-attested parts (not tur|nier)
            return 0.0;
        }
        if mod_ev > 0.0 && head_ev > 0.0 {
            return mod_ev.min(head_ev) + 0.1 * mod_ev + 0.01 * head_ev + bonus;
        }
        if known_word {
            // A word of the vocabulary is split only into known words.
            return 0.0;
        }
        let (m_chars, h_chars) = (chars(modifier), chars(head));
        let share = |n: usize| (n as f32 / (m_chars + h_chars) as f32).sqrt();
        let solid = |ev: f32, part: &str| ev >= p.min_solid && chars(part) >= 4;
        if solid(head_ev, head)
            && m_chars >= p.min_unknown_chars
            && !ends_with_prefix(modifier)
            && !is_ieren_verb(head)
            && self.ngram_evidence(modifier, false) >= p.min_ngram
        {
            return p.unknown_factor * head_ev * share(h_chars);
        }
        if solid(mod_ev, modifier)
            && h_chars >= p.min_unknown_chars
            && !starts_with_suffix(head)
            && self.ngram_evidence(head, true) >= p.min_ngram
        {
            // prefer a known head over a known modifier: the modifier may be complex
            return 0.9 * p.unknown_factor * (mod_ev + bonus) * share(m_chars);
        }
        0.0
    }

    /// Whether `head`, a known word with an adjective ending (*-ig, -isch, -lich*), is not
    /// derived with that suffix: no word of 3+ letters remains when the ending is removed
    /// (*fl-eisch*, *f-isch*, *käf-ig* are nouns; *säch-lich* ← *Sache*, *zeit-ig* ← *Zeit* are
    /// derivations and stay blocked).
    fn is_underived(&self, head: &str) -> bool {
        if self.word_evidence(head) < self.params.min_solid {
            return false;
        }
        let unlaut = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    'ä' => 'a',
                    'ö' => 'o',
                    'ü' => 'u',
                    c => c,
                })
                .collect()
        };
        !ADJECTIVE_ENDINGS.iter().any(|e| {
            head.strip_suffix(e).is_some_and(|base| {
                chars(base) >= 3
                    && [base.to_owned(), unlaut(base)].iter().any(|b| {
                        self.word_evidence(b) > 0.0
                            || (chars(b) >= 4 && self.word_evidence(&format!("{b}e")) > 0.0)
                    })
            })
        })
    }

    /// The best split of `word` at a hyphenation point, if any candidate is valid.
    pub(crate) fn best_split(&self, word: &str) -> Option<Split> {
        self.best_split_as(word, self.freq(word) > 0)
    }

    /// [`Scorer::best_split`]; with `known_word`, only splits into two known parts count.
    fn best_split_as(&self, word: &str, known_word: bool) -> Option<Split> {
        let mut best: Option<Split> = None;
        for b in hyphen::breaks(word) {
            let (modifier, head) = word.split_at(b);
            let adjective_head = has_adjective_ending(head);
            if chars(head) < 3
                || is_blocked_head(head)
                || (adjective_head && !self.is_underived(head))
                || is_blocked_modifier(modifier)
                || is_particle_verb(modifier, head)
                || splits_feminine_suffix(modifier, head)
            {
                continue;
            }
            let mut head_ev = self.word_evidence(head);
            if head_ev == 0.0 {
                head_ev = self.attested_evidence(head, true, known_word);
            }
            if head_ev == 0.0 {
                head_ev = self.compound_evidence(head);
            }
            let mut variants: Vec<(usize, f32)> = Vec::with_capacity(LINKING.len() + 1);
            let linked_only = needs_linking(head);
            if !linked_only {
                variants.push((modifier.len(), 0.0));
            }
            for link in LINKING {
                if linked_only && !link.ends_with('s') {
                    continue;
                }
                if let Some(stripped) = modifier.strip_suffix(link) {
                    variants.push((stripped.len(), 0.02 * link.len() as f32));
                }
            }
            for (len, penalty) in variants {
                let part = &modifier[..len];
                if (chars(part) < 3 && !SHORT_MODIFIERS.contains(&part))
                    || is_blocked_modifier(part)
                {
                    continue;
                }
                // a noun like -fisch, -fleisch only after a known modifier (not monarchis|tisch)
                if adjective_head
                    && self.word_evidence(part) == 0.0
                    && self.word_evidence(&format!("{part}e")) == 0.0
                {
                    continue;
                }
                let score = self.reading_score(known_word, part, head, head_ev) - penalty;
                if score > 0.0 && best.as_ref().is_none_or(|s| score > s.score) {
                    best = Some(Split {
                        modifier: 0..len,
                        head: b..word.len(),
                        score,
                    });
                }
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

    /// Add spans of 2–3 adjacent innermost parts that are known words themselves, so the
    /// bracketing of a nested compound does not hide a part (*land|wirtschafts|minister* →
    /// also `landwirtschaft`, `wirtschaftsminister`).
    pub(crate) fn add_known_spans(&self, word: &str, out: &mut Vec<Range<usize>>) {
        let mut leaves: Vec<Range<usize>> = out
            .iter()
            .filter(|r| {
                !out.iter()
                    .any(|o| o != *r && r.start <= o.start && o.end <= r.end)
            })
            .cloned()
            .collect();
        leaves.sort_by_key(|r| (r.start, r.end));
        leaves.dedup();
        let mut extra = Vec::new();
        for i in 0..leaves.len() {
            for j in i + 1..leaves.len().min(i + 3) {
                let span = leaves[i].start..leaves[j].end;
                if span.len() == word.len() || out.contains(&span) || extra.contains(&span) {
                    continue;
                }
                if self.freq(&word[span.clone()]) > 0 {
                    extra.push(span);
                }
            }
        }
        out.extend(extra);
    }
}
