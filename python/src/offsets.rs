//! UTF-8 byte offsets (Rust) to code point offsets (Python `str` indices).

/// Maps byte offsets of one text to code point offsets in O(1) per lookup.
pub struct CharOffsets {
    /// `chars[b]` = number of code points before byte `b`, for every byte index `0..=len`.
    chars: Vec<usize>,
}

impl CharOffsets {
    /// Build the map for `text`.
    pub fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.chars().enumerate() {
            chars.extend(std::iter::repeat_n(i, c.len_utf8()));
        }
        chars.push(text.chars().count());
        CharOffsets { chars }
    }

    /// Code point offset of byte offset `byte` (clamped to the end of the text; a byte inside a
    /// character maps to that character's start).
    pub fn of(&self, byte: usize) -> usize {
        let last = self.chars.len() - 1;
        self.chars[byte.min(last)]
    }
}
