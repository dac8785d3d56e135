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
//!   The key rules (`analysis::variant`) rewrite most letters, but never touch `a b g l m n r
//!   u` (nor produce them from others; `ł` counts as `l`): the key's letters among these,
//!   with repeats collapsed, occur the same way in the word. So in the whitespace-separated
//!   parts of the text that contain an uppercase letter, these letters (folded, repeats
//!   collapsed) must contain those of the term. The parts where they do are then analysed
//!   for their variant tokens (one key lookup per capitalised word), which gives the exact
//!   spans; a term without such letters has the variant tokens of the whole text computed.
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
        let skeleton = Mapped::skeleton(text);
        let mut spans = Vec::with_capacity(literals.len());
        let mut keys: Vec<usize> = Vec::new();
        let mut windows: Vec<Range<usize>> = Vec::new();
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
            if let Literal::Term(t) = l {
                if can_be_key(t) {
                    keys.push(spans.len());
                    let letters = skeleton_str(t);
                    if letters.is_empty() {
                        windows = std::iter::once(0..text.len()).collect();
                    } else if windows.first() != Some(&(0..text.len())) {
                        windows.extend(skeleton.find(&letters).into_iter().map(|r| {
                            // Widened to whitespace: the variant tokens of the window are
                            // those of the whole text there.
                            let start = text[..r.start]
                                .rfind(char::is_whitespace)
                                .map_or(0, |i| i + whitespace_len(text, i));
                            let end = text[r.end..]
                                .find(char::is_whitespace)
                                .map_or(text.len(), |i| r.end + i);
                            start..end
                        }));
                    }
                }
            }
            spans.push(mapped.find(&needle));
        }
        if !keys.is_empty() {
            windows.sort_by_key(|r| (r.start, r.end));
            let mut merged: Vec<Range<usize>> = Vec::with_capacity(windows.len());
            for w in windows {
                match merged.last_mut() {
                    Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                    _ => merged.push(w),
                }
            }
            for window in merged {
                for token in analysis::analyze_variants(&text[window.clone()]) {
                    for &i in &keys {
                        if matches!(&literals[i], Literal::Term(t) if *t == token.text) {
                            spans[i].push(
                                window.start + token.byte_start..window.start + token.byte_end,
                            );
                        }
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
    for_each_folded(
        c,
        |l| if l == 'ς' { 'σ' } else { l },
        |f| {
            if f.is_alphanumeric() && f != 'e' {
                out.push(f);
                each(f.len_utf8());
            }
        },
    );
}

/// The folded characters of the lowercase form of a non-ASCII `c`, each lowercase character
/// first passed through `substitute`.
fn for_each_folded(c: char, substitute: impl Fn(char) -> char, mut each: impl FnMut(char)) {
    let mut folded = String::new();
    for lower in c.to_lowercase() {
        let mut buf = [0u8; 4];
        folded.clear();
        analysis::fold_lowercase_into(substitute(lower).encode_utf8(&mut buf), &mut folded);
        folded.chars().for_each(&mut each);
    }
}

/// Byte length of the (whitespace) character at `i`.
fn whitespace_len(text: &str, i: usize) -> usize {
    text[i..].chars().next().map_or(1, char::len_utf8)
}

/// Letters the name-key rules keep as they are and never produce from other letters.
fn is_key_stable(c: char) -> bool {
    matches!(c, 'a' | 'b' | 'g' | 'l' | 'm' | 'n' | 'r' | 'u')
}

/// The key-stable letters of one character (lowercased, `ł` as `l`, folded).
fn skeleton_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        let c = c.to_ascii_lowercase();
        if is_key_stable(c) {
            push(c);
        }
        return;
    }
    for_each_folded(
        c,
        |l| if l == 'ł' { 'l' } else { l },
        |f| {
            if is_key_stable(f) {
                push(f);
            }
        },
    );
}

/// The key-stable letters of a term, repeats collapsed.
fn skeleton_str(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        skeleton_char(c, |k| {
            if !out.ends_with(k) {
                out.push(k);
            }
        });
    }
    out
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
        let bytes = text.as_bytes();
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                // ASCII, most of the text: no decoding.
                let b = b.to_ascii_lowercase();
                if b.is_ascii_alphanumeric() && b != b'e' {
                    mapped.push(char::from(b));
                    from.push((i as u32, i as u32 + 1));
                }
                i += 1;
                continue;
            }
            let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            let span = (i as u32, (i + c.len_utf8()) as u32);
            map_char(c, &mut mapped, |n| {
                from.extend(std::iter::repeat_n(span, n));
            });
            i += c.len_utf8();
        }
        Mapped { text: mapped, from }
    }

    /// The key-stable letters (repeats collapsed) of the whitespace-separated parts of `text`
    /// that contain an uppercase letter, each part followed by a space; a collapsed letter
    /// maps to the span of its whole run.
    fn skeleton(text: &str) -> Self {
        let mut mapped = String::new();
        let mut from: Vec<(u32, u32)> = Vec::new();
        for (start, part) in text
            .split_whitespace()
            .map(|p| (p.as_ptr() as usize - text.as_ptr() as usize, p))
        {
            if !part.chars().any(char::is_uppercase) {
                continue;
            }
            let mut last: Option<char> = None;
            for (i, c) in part.char_indices() {
                let end = (start + i + c.len_utf8()) as u32;
                skeleton_char(c, |k| {
                    if last == Some(k) {
                        if let Some(span) = from.last_mut() {
                            span.1 = end;
                        }
                    } else {
                        mapped.push(k);
                        from.push(((start + i) as u32, end));
                        last = Some(k);
                    }
                });
            }
            mapped.push(' ');
            from.push((0, 0));
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
                        let letters = skeleton_str(&t.text);
                        let found = letters.is_empty()
                            || Mapped::skeleton(&w)
                                .find(&letters)
                                .iter()
                                .any(|s| s.start >= t.byte_start && s.end <= t.byte_end);
                        assert!(found, "{w}: key {} ({letters}) not found", t.text);
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

    /// Transcribed names: the key-stable letters of each variant key are found in the name.
    #[test]
    fn name_keys_are_found() {
        let text = "Gorbatschow, Gorbachev, Chodorkowski, Khodorkovsky, Ahmadinedschad, \
            Ahmadinejad, Tschaikowski, Medwedew, Łukaszenka, Jin-Ping, Mohammed, Dschihad, \
            Selenskyj, Zelenskyy, Selenskyjs, Romanoff, Kyjiw, Xi-Jinping, Schtschedrin, \
            Müllers, Straßburg, Žižek, Ćosić, Bloomberg, Lagarde.";
        let skeleton = Mapped::skeleton(text);
        let mut keys = 0;
        for t in analyze_with_variants(text) {
            if t.kind != TokenKind::Variant {
                continue;
            }
            keys += 1;
            assert!(can_be_key(&t.text), "{}", t.text);
            let letters = skeleton_str(&t.text);
            let found = letters.is_empty()
                || skeleton
                    .find(&letters)
                    .iter()
                    .any(|s| s.start < t.byte_end && t.byte_start < s.end);
            assert!(
                found,
                "{} ({letters}) not found",
                &text[t.byte_start..t.byte_end]
            );
        }
        assert!(keys >= 25, "{keys}");
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
