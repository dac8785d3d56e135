//! Where in a text a highlight can be, found without analysing the text.
//!
//! Snippets used to analyse the whole stored article for every hit. The pre-filter finds the
//! byte spans where a token matching the [`HighlightSpec`] can lie; only the sentences around
//! them are analysed. It never misses a match (the snippets are exactly those of a full
//! analysis) because every test is implied by a match:
//!
//! - **Terms and parts** (TEXT tokens): a term is the stem of the lowercased, German-folded
//!   surface of a word, hyphen chunk or compound part, and the stemmer only removes endings,
//!   so the term is a prefix of the folded surface — except for the *Bürger* overrides of
//!   `analysis::stem` (`burger`, `burgerlich`, `burgt`), whose surfaces all contain *burg*.
//!   Folding only maps single characters (ä→a, ß→ss, é→e) and drops some `e`s (ae→a, ue→u).
//!   So both the text and the term are mapped by the same per-character function — lowercase,
//!   fold the character, drop every `e` and every character that is not alphanumeric — and
//!   the mapped term (or `burg`) must occur in the mapped text inside the token's span.
//! - **Prefixes** (`präsid*`): the lowercased surface starts with the prefix; the same
//!   mapping applies (a final `ς` counts as `σ`).
//! - **Name-variant keys**: a term that can be a key (no `c j q w x y z`, no doubled letter,
//!   letters only) may match the variant token of a capitalised word whose key is the term.
//!   Keys are far from the surface, so the variant tokens of the whole text are computed
//!   (the cheap half of the analysis: one key lookup per capitalised word).
//! - **Phrases** need every one of their terms in the sentence.
//!
//! Only tokens inside one snippet unit can ever be highlighted or scored, so a unit none of
//! whose spans overlap is skipped without changing anything.

use std::ops::Range;

use super::HighlightSpec;
use crate::analysis;

/// Terms that the stemmer's override table produces, and the text every surface of theirs
/// contains (see the module documentation).
const OVERRIDE_TERMS: [&str; 3] = ["burger", "burgerlich", "burgt"];
const OVERRIDE_NEEDLE: &str = "burg";

/// Spans where a spec may match in one text.
pub(crate) struct Candidates {
    /// Per required literal (term or prefix): the sorted byte spans where it may occur.
    spans: Vec<Vec<Range<usize>>>,
    /// Ways to match: each a list of indices into `spans` that must all occur in a unit.
    clauses: Vec<Vec<usize>>,
}

impl Candidates {
    /// The candidate spans of `spec` in `text`, or `None` when the spec can match anywhere
    /// (a literal that maps to nothing, such as a single `e`).
    pub(crate) fn find(text: &str, spec: &HighlightSpec) -> Option<Candidates> {
        let mut literals: Vec<Literal> = Vec::new();
        let mut clauses: Vec<Vec<usize>> = Vec::new();
        let literal = |l: Literal, literals: &mut Vec<Literal>| -> usize {
            match literals.iter().position(|x| *x == l) {
                Some(i) => i,
                None => {
                    literals.push(l);
                    literals.len() - 1
                }
            }
        };
        for term in spec.terms.keys() {
            let i = literal(Literal::Term(term.clone()), &mut literals);
            clauses.push(vec![i]);
        }
        for prefix in &spec.prefixes {
            let i = literal(Literal::Prefix(prefix.clone()), &mut literals);
            clauses.push(vec![i]);
        }
        for phrase in &spec.phrases {
            let clause = phrase
                .iter()
                .map(|(_, t)| literal(Literal::Term(t.clone()), &mut literals))
                .collect();
            clauses.push(clause);
        }
        let mapped = Mapped::new(text);
        let mut spans = Vec::with_capacity(literals.len());
        for l in &literals {
            let needle = match l {
                Literal::Term(t) if OVERRIDE_TERMS.contains(&t.as_str()) => {
                    map_str(OVERRIDE_NEEDLE)
                }
                Literal::Term(t) | Literal::Prefix(t) => map_str(t),
            };
            if needle.is_empty() {
                return None;
            }
            spans.push(mapped.find(&needle));
        }
        let keys: Vec<usize> = literals
            .iter()
            .enumerate()
            .filter(|(_, l)| matches!(l, Literal::Term(t) if can_be_key(t)))
            .map(|(i, _)| i)
            .collect();
        if !keys.is_empty() {
            for token in analysis::analyze_variants(text) {
                for &i in &keys {
                    if matches!(&literals[i], Literal::Term(t) if *t == token.text) {
                        spans[i].push(token.byte_start..token.byte_end);
                    }
                }
            }
            for &i in &keys {
                spans[i].sort_by_key(|r| (r.start, r.end));
            }
        }
        Some(Candidates { spans, clauses })
    }

    /// Whether a match of the spec can lie inside `range`.
    pub(crate) fn may_match(&self, range: &Range<usize>) -> bool {
        self.clauses.iter().any(|clause| {
            clause.iter().all(|&i| {
                let spans = &self.spans[i];
                // Sorted by start: only spans starting before the range's end can overlap.
                let n = spans.partition_point(|s| s.start < range.end);
                spans[..n].iter().any(|s| s.end > range.start)
            })
        })
    }
}

#[derive(PartialEq)]
enum Literal {
    Term(String),
    Prefix(String),
}

/// Whether `term` can be a name-variant key: keys consist of letters only, have no doubled
/// letter and none of `c j q w x y z` (`analysis::variant` maps them to other letters).
fn can_be_key(term: &str) -> bool {
    let mut prev = None;
    term.chars().all(|c| {
        let ok = c.is_alphabetic()
            && !matches!(c, 'c' | 'j' | 'q' | 'w' | 'x' | 'y' | 'z')
            && prev != Some(c);
        prev = Some(c);
        ok
    })
}

/// Append the mapped form of one character (see the module documentation).
fn map_char(c: char, out: &mut String, mut each: impl FnMut(usize)) {
    if c.is_ascii() {
        let b = c.to_ascii_lowercase();
        if b.is_ascii_alphanumeric() && b != 'e' {
            out.push(b);
            each(1);
        }
        return;
    }
    let mut folded = String::new();
    for lower in c.to_lowercase() {
        let lower = if lower == 'ς' { 'σ' } else { lower };
        let mut buf = [0u8; 4];
        folded.clear();
        analysis::fold_lowercase_into(lower.encode_utf8(&mut buf), &mut folded);
        for f in folded.chars() {
            if f.is_alphanumeric() && f != 'e' {
                out.push(f);
                each(f.len_utf8());
            }
        }
    }
}

/// The mapped form of a string.
fn map_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        map_char(c, &mut out, |_| {});
    }
    out
}

/// The mapped text and, per mapped byte, the byte span of the text character it came from.
struct Mapped {
    text: String,
    from: Vec<(u32, u32)>,
}

impl Mapped {
    fn new(text: &str) -> Self {
        let mut mapped = String::with_capacity(text.len());
        let mut from = Vec::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            let span = (i as u32, (i + c.len_utf8()) as u32);
            map_char(c, &mut mapped, |n| {
                from.extend(std::iter::repeat_n(span, n));
            });
        }
        Mapped { text: mapped, from }
    }

    /// Text byte spans of all occurrences of `needle` (non-empty), overlapping ones included
    /// (`nn` twice in `nnn`), sorted by start.
    fn find(&self, needle: &str) -> Vec<Range<usize>> {
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let haystack = self.text.as_bytes();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(at) = haystack.get(from..).and_then(|h| finder.find(h)) {
            let at = from + at;
            if let (Some(first), Some(last)) =
                (self.from.get(at), self.from.get(at + needle.len() - 1))
            {
                out.push(first.0 as usize..last.1 as usize);
            }
            from = at + 1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze_with_variants, decompound, TokenKind};

    /// The property the pre-filter rests on, over the whole vocabulary of the compound
    /// splitter (capitalised and lowercase): the needle of every TEXT token of a word occurs
    /// in the mapped word inside the token's span, and every variant key is recognised as a
    /// possible key.
    #[test]
    fn every_token_of_the_vocabulary_is_found() {
        let mut words = 0;
        for word in decompound::common_words() {
            let mut chars = word.chars();
            let capitalised: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            for w in [word.to_string(), capitalised, format!("{}s", word)] {
                words += 1;
                let mapped = Mapped::new(&w);
                for t in analyze_with_variants(&w) {
                    if t.kind == TokenKind::Variant {
                        assert!(can_be_key(&t.text), "{w}: key {} not a key", t.text);
                        continue;
                    }
                    let needle = if OVERRIDE_TERMS.contains(&t.text.as_str()) {
                        map_str(OVERRIDE_NEEDLE)
                    } else {
                        map_str(&t.text)
                    };
                    let found = needle.is_empty()
                        || mapped
                            .find(&needle)
                            .iter()
                            .any(|s| s.start >= t.byte_start && s.end <= t.byte_end);
                    assert!(found, "{w}: term {} ({needle}) not found", t.text);
                }
            }
        }
        assert!(words > 90_000, "{words} words");
    }

    #[test]
    fn overrides_and_folding() {
        for (text, term) in [
            ("Die Bürgern", "burger"),
            ("Sie bürgen dafür", "burgt"),
            ("bürgerliche Mitte", "burgerlich"),
            ("Die Strasse", "strass"),
            ("Die Straße", "strass"),
            ("Oelpreise", "ol"),
            ("Muenchen", "munch"),
            ("Érdoğan", "erdogan"),
        ] {
            let spec = HighlightSpec {
                terms: [(term.to_string(), 1.0)].into_iter().collect(),
                ..HighlightSpec::default()
            };
            let c = Candidates::find(text, &spec).expect("needle");
            assert!(c.may_match(&(0..text.len())), "{text}: {term}");
            assert!(!c.may_match(&(0..0)), "{text}: {term}");
        }
    }

    #[test]
    fn keys() {
        assert!(can_be_key("iran"));
        assert!(can_be_key(&analysis::name_key("Selenskyj").unwrap()));
        assert!(!can_be_key("polizei"));
        assert!(!can_be_key("terror"));
        assert!(!can_be_key("24.11.2025"));
    }
}
