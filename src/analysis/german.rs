//! German normalisation (folding) of a lowercase word.
//!
//! The rules of Lucene's `GermanNormalizationFilter` (the Snowball German2 heuristics),
//! re-implemented from its documented finite-state machine:
//!
//! - `ß` → `ss`
//! - `ä`, `ö`, `ü` → `a`, `o`, `u`
//! - `ae`, `oe` → `a`, `o`
//! - `ue` → `u`, **except after a vowel or `q`** (so `steuer`, `bauer`, `queue` keep their `ue`)
//!
//! so that Öl/Oel, München/Muenchen, Straße/Strasse and Fußball/Fussball become the same
//! string. Known harmless side effects (applied alike to documents and queries): `aktuell` →
//! `aktull`, `israel` → `isral`, `michael` → `michal`, `poet` → `pot`.
//!
//! In addition, and beyond Lucene's filter, other Latin letters with diacritics lose them
//! (`é` → `e`, `ğ` → `g`, `á` → `a`), so names match however they are typed (Erdoğan/Erdogan,
//! Sánchez/Sanchez). Letters without a canonical decomposition (`ł`, `ø`) and non-Latin
//! scripts are kept.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// After anything that is not a vowel (or at the start).
    N,
    /// After a vowel (or q) that blocks `ue` → `u`.
    V,
    /// After `a`, `o`, or a `u` that may start `ue`: a following `e` is dropped.
    U,
}

/// Append the folded form of `lower` (an already lowercased word) to `out`.
pub(crate) fn fold_into(lower: &str, out: &mut String) {
    let mut state = State::N;
    for c in lower.chars() {
        match c {
            'a' | 'o' => {
                out.push(c);
                state = State::U;
            }
            'u' => {
                out.push(c);
                state = if state == State::N {
                    State::U
                } else {
                    State::V
                };
            }
            'e' => {
                if state != State::U {
                    out.push('e');
                }
                state = State::V;
            }
            'i' | 'q' | 'y' => {
                out.push(c);
                state = State::V;
            }
            'ä' => {
                out.push('a');
                state = State::V;
            }
            'ö' => {
                out.push('o');
                state = State::V;
            }
            'ü' => {
                out.push('u');
                state = State::V;
            }
            'ß' => {
                out.push_str("ss");
                state = State::N;
            }
            c if c.is_ascii() => {
                out.push(c);
                state = State::N;
            }
            c => {
                push_without_diacritics(c, out);
                state = State::N;
            }
        }
    }
}

/// The folded form of `lower`.
pub(crate) fn fold(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    fold_into(lower, &mut out);
    out
}

/// Push `c`, or its ASCII base letter if `c` canonically decomposes into an ASCII letter
/// followed only by combining marks.
fn push_without_diacritics(c: char, out: &mut String) {
    let mut base = None;
    let mut only_marks_after_base = true;
    let mut first = true;
    decompose_canonical(c, |d| {
        if first {
            first = false;
            if d.is_ascii_alphabetic() {
                base = Some(d);
            }
        } else if !is_combining_mark(d) {
            only_marks_after_base = false;
        }
    });
    match base {
        Some(b) if only_marks_after_base => out.push(b),
        _ => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn umlauts_and_sharp_s() {
        assert_eq!(fold("zölle"), "zolle");
        assert_eq!(fold("häuser"), "hauser");
        assert_eq!(fold("fußball"), "fussball");
        assert_eq!(fold("straße"), "strasse");
    }

    #[test]
    fn transcriptions_match_umlauts() {
        assert_eq!(fold("oel"), fold("öl"));
        assert_eq!(fold("muenchen"), fold("münchen"));
        assert_eq!(fold("aerzte"), fold("ärzte"));
        assert_eq!(fold("gruesse"), fold("grüße"));
    }

    #[test]
    fn ue_after_vowel_or_q_is_kept() {
        assert_eq!(fold("steuer"), "steuer");
        assert_eq!(fold("bauer"), "bauer");
        assert_eq!(fold("queue"), "queue");
        assert_eq!(fold("neue"), "neue");
    }

    #[test]
    fn lucene_side_effects() {
        assert_eq!(fold("aktuell"), "aktull");
        assert_eq!(fold("israel"), "isral");
        assert_eq!(fold("poet"), "pot");
    }

    #[test]
    fn other_diacritics() {
        assert_eq!(fold("erdoğan"), "erdogan");
        assert_eq!(fold("sánchez"), "sanchez");
        assert_eq!(fold("café"), "cafe");
        assert_eq!(fold("łódź"), "łodz");
        assert_eq!(fold("москва"), "москва");
        assert_eq!(fold("ά"), "ά");
    }

    #[test]
    fn digits_and_punctuation_untouched() {
        assert_eq!(fold("24.11.2025"), "24.11.2025");
        assert_eq!(fold("us-präsident"), "us-prasident");
    }
}
