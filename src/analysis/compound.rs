//! Hook for German compound splitting (decompounding) in the indexing analyzer.
//!
//! **Status: not implemented yet — [`split`] returns no parts.** The real splitter is being
//! built separately (`src/analysis/decompound/`); wiring it in means replacing the body of
//! [`split`] (and bumping [`super::ANALYZER_VERSION`]). Nothing else has to change: the
//! [`TEXT`](super::TEXT) chain already calls [`split`] for every purely alphabetic word and
//! every purely alphabetic hyphen part of at most [`MAX_SPLIT_CHARS`] characters, and emits
//! each returned range as a [`Part`](super::TokenKind::Part) token
//!
//! - at the **same position** as the word (additive: the whole word is always kept),
//! - with its **own byte offsets** (the sub-span of the word in the text, so highlighting
//!   marks only the matching part),
//! - folded and stemmed like any other term,
//! - dropped if it is empty, not on char boundaries, the whole word, longer than 64
//!   characters, or a duplicate of a term already emitted at that position.
//!
//! The QUERY and EXACT analyzers never call it (query words stay whole; see
//! `german-analysis.md` §1.5 on why compound expansion belongs at index time only).

use std::ops::Range;

/// Longest word (in characters) handed to the splitter.
pub(crate) const MAX_SPLIT_CHARS: usize = 128;

/// Byte ranges of the compound parts inside `word`, a lowercase (unfolded, NFC) alphabetic
/// word, e.g. `bundeskanzlerin` → `[0..6, 6..15]`. Empty when the word is not split.
///
/// Currently always empty; see the module documentation.
pub(crate) fn split(word: &str) -> Vec<Range<usize>> {
    let _ = word;
    Vec::new()
}
