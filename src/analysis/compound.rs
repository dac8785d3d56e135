//! German compound splitting in the indexing analyzer.
//!
//! The [`TEXT`](super::TEXT) chain calls [`split`] for every purely alphabetic word and every
//! purely alphabetic hyphen part of at most [`MAX_SPLIT_CHARS`] characters, and emits each
//! returned range as a [`Part`](super::TokenKind::Part) token
//!
//! - at the **same position** as the word (additive: the whole word is always kept),
//! - with its **own byte offsets** (the sub-span of the word in the text, so highlighting
//!   marks only the matching part: "Krieg" marks "…krieg" in "Angriffskrieg"),
//! - folded and stemmed like any other term,
//! - dropped if it is empty, not on char boundaries, the whole word, longer than 64
//!   characters, or a duplicate of a term already emitted at that position.
//!
//! The splitting itself lives in [`super::decompound`]; results are cached per word, per thread
//! and process-wide, because news vocabulary is Zipfian and splitting costs far more than a
//! lookup.
//!
//! The QUERY and EXACT analyzers never call it (query words stay whole; see
//! `german-analysis.md` §1.5 on why compound expansion belongs at index time only).

use std::ops::Range;

use super::cache::{insert_local, SharedMemo};

/// Longest word (in characters) handed to the splitter.
pub(crate) const MAX_SPLIT_CHARS: usize = 128;

/// Byte ranges of the compound parts inside `word`, a lowercase (unfolded, NFC) alphabetic
/// word, e.g. `bundeskanzlerin` → `[0..6, 6..15]`. Empty when the word is not split.
///
/// Cached per thread; see the module documentation.
pub(crate) fn split(word: &str) -> Vec<Range<usize>> {
    // Short words are never compounds worth splitting (parts have 3+ letters each).
    if word.len() < 6 {
        return Vec::new();
    }
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(parts) = cache.get(word) {
            return parts.clone();
        }
        let parts = shared_split(word);
        insert_local(&mut cache, MAX_CACHED_WORDS, word, parts.clone());
        parts
    })
}

/// Splits of words any thread has computed (about 10–20 MB when full); see
/// [`super::cache`].
static SHARED: SharedMemo<Vec<Range<usize>>> = SharedMemo::new(200_000);

/// The split of `word` from the process-wide memo, computing and adding it on a miss.
fn shared_split(word: &str) -> Vec<Range<usize>> {
    SHARED.get_or_insert_with(word, || super::decompound::split_compound(word))
}

/// Words whose split is cached per thread before the cache is cleared.
const MAX_CACHED_WORDS: usize = 100_000;

thread_local! {
    static CACHE: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Vec<Range<usize>>>> =
        std::cell::RefCell::new(rustc_hash::FxHashMap::default());
}
