//! Character filter: the text normalisation applied *before* a text is stored and indexed.
//!
//! tantivy has no character filters (offsets must point into the text that is stored), so
//! this runs on the whole text once, and every later offset refers to its output.

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Characters that are invisible in running text and split or glue words by accident:
/// soft hyphen, zero-width space / non-joiner / joiner, word joiner, byte-order mark.
pub(crate) fn is_removed(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Characters that are never removed, have canonical combining class 0 and are NFC on their
/// own (quick check `Yes`): a text of only these is already normalised. Latin up to the
/// combining diacritics (U+0300) except the soft hyphen, the dashes, quotation marks and
/// other punctuation of U+2010–U+2027 and U+2030–U+205E, and the currency signs — what German
/// news is made of, checked per character without the normalisation tables (the unit test
/// `plain_characters_are_nfc_on_their_own` proves the property for every one of them).
fn is_plainly_nfc(c: char) -> bool {
    matches!(c, '\0'..='\u{AC}' | '\u{AE}'..='\u{2FF}' | '\u{2010}'..='\u{2027}'
        | '\u{2030}'..='\u{205E}' | '\u{20A0}'..='\u{20C0}')
}

/// Normalise a text for storage and indexing: remove soft hyphens (U+00AD), zero-width
/// characters (U+200B–U+200D), the word joiner (U+2060) and byte-order marks (U+FEFF), then
/// compose to Unicode NFC (so `u` + U+0308 becomes `ü`).
///
/// Everything else is kept as it is — in particular typographic quotes and apostrophes stay
/// in the stored text; the tokenizer treats `’` and `'` alike instead (see [`super::analyze`]).
/// Apply this before a text is stored *and* before it is indexed: all analysis offsets are
/// byte offsets into the normalised text. The function is idempotent and returns the input
/// unchanged (borrowed) when there is nothing to do.
///
/// ```
/// use pressespiegel::analysis::normalize;
///
/// assert_eq!(normalize("Kanz\u{00AD}lerin"), "Kanzlerin");
/// assert_eq!(normalize("Zo\u{0308}lle"), "Zölle");
/// assert!(matches!(normalize("schon normal"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn normalize(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || text.chars().all(is_plainly_nfc) {
        return Cow::Borrowed(text);
    }
    let has_removable = text.chars().any(is_removed);
    if !has_removable && is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(text);
    }
    // Remove first, compose second: a combining mark separated from its base by a soft
    // hyphen composes with the base once the hyphen is gone, and NFC never produces one of
    // the removed characters, so the result is a fixed point.
    let composed: String = if has_removable {
        text.chars().filter(|c| !is_removed(*c)).nfc().collect()
    } else {
        text.nfc().collect()
    };
    if composed == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(composed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_characters_are_nfc_on_their_own() {
        let plain: Vec<char> = (0..=0x20C0_u32)
            .filter_map(char::from_u32)
            .filter(|&c| is_plainly_nfc(c))
            .collect();
        assert!(plain.len() > 850, "{}", plain.len());
        for &c in &plain {
            assert!(!is_removed(c), "{c:?}");
            assert_eq!(
                unicode_normalization::char::canonical_combining_class(c),
                0,
                "{c:?}"
            );
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(std::iter::once(c).nfc().collect::<String>(), c.to_string());
        }
        // A text of them is normalised (the fast path agrees with the full check).
        let text: String = plain.iter().collect();
        assert_eq!(is_nfc_quick(text.chars()), IsNormalized::Yes);
        assert!(matches!(normalize(&text), Cow::Borrowed(_)));
        assert!(!is_plainly_nfc('\u{AD}') && !is_plainly_nfc('\u{300}'));
        assert!(!is_plainly_nfc('\u{2000}') && !is_plainly_nfc('\u{200B}'));
    }

    #[test]
    fn ascii_is_borrowed() {
        assert!(matches!(normalize("Die Linke"), Cow::Borrowed("Die Linke")));
    }

    #[test]
    fn removes_invisible_characters() {
        assert_eq!(
            normalize("a\u{00AD}b\u{200B}c\u{200C}d\u{200D}e\u{2060}f\u{FEFF}g"),
            "abcdefg"
        );
    }

    #[test]
    fn composes_nfd() {
        assert_eq!(normalize("Mu\u{0308}nchen"), "München");
        assert_eq!(normalize("Stra\u{00DF}e"), "Straße");
    }

    #[test]
    fn composes_across_removed_character() {
        // "u", soft hyphen, combining diaeresis: the mark belongs to the u.
        assert_eq!(normalize("Zu\u{00AD}\u{0308}ge"), "Züge");
    }

    #[test]
    fn keeps_quotes_and_apostrophes() {
        let s = "„Geht’s?“, fragte er.";
        assert!(matches!(normalize(s), Cow::Borrowed(_)));
    }

    #[test]
    fn idempotent_on_examples() {
        for s in [
            "Zo\u{0308}lle",
            "a\u{00AD}\u{0308}",
            "\u{FEFF}x",
            "Ω\u{0301}",
        ] {
            let once = normalize(s).into_owned();
            assert_eq!(normalize(&once), once.as_str());
        }
    }
}
