//! Hyphenation points of German words (Knuth–Liang, `de-1996` patterns, MIT), the only places where
//! the splitter considers a compound boundary.

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

/// The `de-1996` dictionary of the `hyphenation` crate 0.8.4, built from hyph-utf8
/// `hyph-de-1996.tex` (MIT); see `data/decompound/SOURCES.md`.
static DE_1996: &[u8] = include_bytes!("../../../data/decompound/de-1996.standard.bincode");

/// The German hyphenation dictionary, loaded once. `None` only if the embedded data is corrupt
/// (a test checks that it loads).
pub(crate) fn dictionary() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| {
        let mut reader = DE_1996;
        Standard::from_reader(Language::German1996, &mut reader).ok()
    })
    .as_ref()
}

/// Byte offsets inside `word` (lowercase) where German hyphenation allows a break.
pub(crate) fn breaks(word: &str) -> Vec<usize> {
    match dictionary() {
        Some(dict) => dict
            .opportunities(word)
            .into_iter()
            .filter(|&i| i > 0 && i < word.len() && word.is_char_boundary(i))
            .collect(),
        None => Vec::new(),
    }
}
