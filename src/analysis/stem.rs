//! From a lowercase word to its indexed term: German folding, then rust-stemmers' German
//! (Snowball) stemmer, with a per-thread cache.
//!
//! **Order: fold first, then stem.** Folding first makes the transcriptions meet before the
//! stemmer sees them (`muenchen` and `münchen` both reach the stemmer as `munchen`; stemming
//! `muenchen` unfolded would give `muench`). The stemmer removes umlauts itself at its end,
//! so inflected umlaut forms still conflate: Zölle/Zoll → `zoll`, Häuser/Haus → `haus`,
//! Präsidenten/Präsident → `prasident`, Sanktionen/Sanktion → `sanktion`.
//!
//! This is rust-stemmers' German algorithm (the pre-3.0 Snowball `german`), never tantivy's
//! own `Stemmer` (frostem, a different Snowball version: mixing the two breaks matching).
//!
//! **Overrides.** Snowball conflates Bürger with Burg (both `burg`). A small override table,
//! checked on the lowercase *unfolded* word before anything else, maps the inflected forms of
//! `bürger`/`buerger` to `burger`, a term no regular word stems to, the forms of
//! `bürgerlich` to `burgerlich` (Snowball: `burg`) and the verb forms `bürge`/`bürgen` to
//! `burgt` (the stem of *bürgt*, *bürgte*). Compounds with the head *Bürger* (Bundesbürger,
//! Mitbürgern) get the folded modifier plus `burger`. Compounds that begin with Bürger
//! (Bürgermeister) already stem differently.
//!
//! **Not stemmed:** words containing an ASCII digit (`24.11.2025`, `g7`, `1990er`) are folded
//! only.
//!
//! **Cache.** News vocabulary is Zipfian: a per-thread map from the lowercase word to its
//! term avoids most stemmer calls. It holds at most [`CACHE_CAPACITY`] entries and is cleared
//! when full. The cache is invisible in the output.

use std::cell::RefCell;

use rustc_hash::FxHashMap;

use rust_stemmers::{Algorithm, Stemmer};

use super::german::fold_into;

/// Maximal number of cached words per thread.
pub(crate) const CACHE_CAPACITY: usize = 50_000;

/// Lowercase unfolded word → term, sorted by word (binary search).
const OVERRIDES: &[(&str, &str)] = &[
    ("buerge", "burgt"),
    ("buergen", "burgt"),
    ("buerger", "burger"),
    ("buergerlich", "burgerlich"),
    ("buergerliche", "burgerlich"),
    ("buergerlichem", "burgerlich"),
    ("buergerlichen", "burgerlich"),
    ("buergerlicher", "burgerlich"),
    ("buergerliches", "burgerlich"),
    ("buergern", "burger"),
    ("buergers", "burger"),
    ("bürge", "burgt"),
    ("bürgen", "burgt"),
    ("bürger", "burger"),
    ("bürgerlich", "burgerlich"),
    ("bürgerliche", "burgerlich"),
    ("bürgerlichem", "burgerlich"),
    ("bürgerlichen", "burgerlich"),
    ("bürgerlicher", "burgerlich"),
    ("bürgerliches", "burgerlich"),
    ("bürgern", "burger"),
    ("bürgers", "burger"),
];

/// Endings of compounds whose head is *Bürger* (Bundesbürger, Mitbürgern): the modifier is
/// folded and stemmed as usual, then `burger` is appended instead of Snowball's `burg`.
const BUERGER_HEADS: &[&str] = &[
    "bürger", "bürgern", "bürgers", "buerger", "buergern", "buergers",
];

struct Cache {
    stemmer: Stemmer,
    terms: FxHashMap<Box<str>, Box<str>>,
    folded: String,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::new(Cache {
        stemmer: Stemmer::create(Algorithm::German),
        terms: FxHashMap::default(),
        folded: String::new(),
    });
}

/// Append the term of `lower` (a lowercased word or word part) to `out`:
/// override, else fold and (unless it contains a digit) stem.
pub(crate) fn term_into(lower: &str, out: &mut String) {
    // Every override starts with "b": skip the search for all other words.
    if lower.starts_with('b') {
        if let Ok(i) = OVERRIDES.binary_search_by(|(word, _)| (*word).cmp(lower)) {
            out.push_str(OVERRIDES[i].1);
            return;
        }
    }
    if lower.bytes().any(|b| b.is_ascii_digit()) {
        fold_into(lower, out);
        return;
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(term) = cache.terms.get(lower) {
            out.push_str(term);
            return;
        }
        let Cache {
            stemmer,
            terms,
            folded,
        } = &mut *cache;
        folded.clear();
        let head = BUERGER_HEADS
            .iter()
            .find_map(|h| lower.strip_suffix(h).filter(|m| m.chars().count() >= 2));
        if let Some(modifier) = head {
            fold_into(modifier, folded);
            folded.push_str("burger");
            out.push_str(folded);
            if terms.len() >= CACHE_CAPACITY {
                terms.clear();
            }
            terms.insert(lower.into(), folded.as_str().into());
            return;
        }
        fold_into(lower, folded);
        let stemmed = stemmer.stem(folded);
        out.push_str(&stemmed);
        if terms.len() >= CACHE_CAPACITY {
            terms.clear();
        }
        terms.insert(lower.into(), stemmed.as_ref().into());
    });
}

/// The term of `lower`; see [`term_into`].
#[cfg(test)]
fn term(lower: &str) -> String {
    let mut out = String::new();
    term_into(lower, &mut out);
    out
}

/// Number of words in this thread's cache (for tests).
#[cfg(test)]
fn cached_len() -> usize {
    CACHE.with(|c| c.borrow().terms.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_are_sorted_for_binary_search() {
        assert!(OVERRIDES.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(OVERRIDES.iter().all(|(w, _)| w.starts_with('b')));
    }

    #[test]
    fn inflected_umlaut_forms_conflate() {
        for (a, b) in [
            ("zölle", "zoll"),
            ("sanktionen", "sanktion"),
            ("präsidenten", "präsident"),
            ("häuser", "haus"),
            ("öl", "oel"),
            ("münchen", "muenchen"),
            ("straße", "strasse"),
            ("fußball", "fussball"),
        ] {
            assert_eq!(term(a), term(b), "{a} / {b}");
        }
        assert_eq!(term("zölle"), "zoll");
    }

    #[test]
    fn buerger_is_not_burg() {
        assert_ne!(term("bürger"), term("burg"));
        assert_eq!(term("bürgern"), term("bürger"));
        assert_eq!(term("buerger"), term("bürger"));
        assert_eq!(term("burgen"), term("burg"));
        for (word, other) in [
            ("bürgen", "bürgt"),
            ("bürge", "bürgte"),
            ("bürgerlichen", "bürgerlich"),
            ("bundesbürger", "bundesbürgern"),
            ("mitbuerger", "mitbürger"),
        ] {
            assert_ne!(term(word), term("burg"), "{word}");
            assert_eq!(term(word), term(other), "{word} / {other}");
        }
        assert_eq!(term("bundesbürger"), "bundesburger");
        assert_ne!(term("bundesbürger"), term("bundesburg"));
    }

    #[test]
    fn digits_are_not_stemmed() {
        assert_eq!(term("1990er"), "1990er");
        assert_eq!(term("24.11.2025"), "24.11.2025");
    }

    #[test]
    fn cache_is_transparent_and_bounded() {
        let first = term("regierungen");
        assert_eq!(term("regierungen"), first);
        for i in 0..(CACHE_CAPACITY + 10) {
            // Distinct alphabetic words.
            let w: String = format!("{i:x}")
                .chars()
                .map(|c| (b'g' + c.to_digit(16).unwrap_or(0) as u8) as char)
                .collect();
            term(&w);
        }
        assert!(cached_len() <= CACHE_CAPACITY);
        assert_eq!(term("regierungen"), first);
    }
}
