//! The news tokenizer: finds words in running German news text.
//!
//! A *word* starts at a Unicode alphanumeric character and continues over alphanumerics and
//! combining marks. Inside a word, a few characters join what would otherwise be separate
//! words:
//!
//! | between | joiner | example | result |
//! |---|---|---|---|
//! | digit and digit | `.` `,` `:` | `24.11.2025`, `1.500`, `3,5`, `14.30`, `20:21` | one chunk (kept whole) |
//! | alphanumeric and alphanumeric | `-` U+2010 U+2011 | `US-Präsident`, `28-Punkte-Plan` | chunks `US`, `Präsident` |
//! | letter and letter | `'` `’` `ʼ` `‘` `´` `` ` `` | `geht’s`, `O'Brien` | chunks `geht`, `s` |
//! | letter and letter | `&` | `Procter&Gamble` | chunks `Procter`, `Gamble` |
//!
//! Everything else ends a word: spaces, sentence punctuation, all quotation marks („…“ ‚…‘
//! »…« "…" and apostrophes that are not between two letters), dashes (– —), slashes. A
//! hyphen not followed by an alphanumeric (`Öl- und Energieverkauf`) is not part of the word,
//! so the word is `Öl`. Dots between letters are not joiners (`z.B.` → `z`, `B`).
//!
//! URLs (`http://`, `https://`, `ftp://`, `www.`) and e-mail addresses are one word each,
//! without chunks; trailing sentence punctuation and unbalanced closing brackets are not part
//! of them.
//!
//! The scanner works on byte offsets into the text it is given and is linear in the text
//! length (also for pathological input such as 100 000 characters without a break).

use unicode_normalization::char::is_combining_mark;

/// What kind of character joined two chunks of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Joiner {
    /// `-`, U+2010 hyphen, U+2011 non-breaking hyphen.
    Hyphen,
    /// An apostrophe between two letters.
    Apostrophe,
    /// `&` between two letters.
    Ampersand,
}

/// A piece of a word between joiners. Byte offsets into the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chunk {
    pub start: usize,
    pub end: usize,
    /// The joiner before this chunk (`None` for the first one).
    pub before: Option<Joiner>,
    /// The joiner after this chunk (`None` for the last one).
    pub after: Option<Joiner>,
}

/// What a scanned word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Ordinary word, number or joined compound; see the word's chunks.
    Plain,
    /// URL, kept whole, no chunks.
    Url,
    /// E-mail address, kept whole, no chunks.
    Email,
}

/// One word: byte range and shape. Its chunks are in [`Scanner::chunks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub start: usize,
    pub end: usize,
    pub shape: Shape,
}

/// Iterates over the words of a text.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    chunks: Vec<Chunk>,
    /// E-mail detection scans ahead over ASCII address characters; a failed attempt from a
    /// start inside that run fails for every later start in the same run, so remember where
    /// the run ended (keeps scanning linear).
    email_fail_until: usize,
}

pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Characters used as apostrophes between two letters (`geht’s`, `geht´s`, `O'Brien`).
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}' | '\u{00B4}' | '`'
    )
}

fn is_word_start(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_word_continuation(c: char) -> bool {
    c.is_alphanumeric() || (!c.is_ascii() && is_combining_mark(c))
}

/// Byte offset of the first character at or after byte `from` for which `class(c) == want`.
/// `class` must agree with `is_ascii_alphanumeric` on ASCII characters (true for
/// [`is_word_start`] and [`is_word_continuation`]): ASCII bytes are classified without
/// decoding, which is most of the text.
#[inline]
fn find_char(text: &str, from: usize, class: fn(char) -> bool, want: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() == want {
                return Some(i);
            }
            i += 1;
        } else {
            let c = text.get(i..)?.chars().next()?;
            if class(c) == want {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

impl<'a> Scanner<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Scanner::with_buffer(text, Vec::new())
    }

    /// A scanner reusing an allocated chunk buffer.
    pub(crate) fn with_buffer(text: &'a str, mut chunks: Vec<Chunk>) -> Self {
        chunks.clear();
        Scanner {
            text,
            pos: 0,
            chunks,
            email_fail_until: 0,
        }
    }

    /// The chunks of the word last returned by [`Scanner::next_word`]
    /// (one chunk covering the whole word when it has no joiners).
    pub(crate) fn chunks(&self) -> &[Chunk] {
        &self.chunks
    }

    /// The next word, or `None` at the end of the text.
    pub(crate) fn next_word(&mut self) -> Option<Word> {
        let text = self.text;
        let start = find_char(text, self.pos, is_word_start, true)?;
        self.chunks.clear();

        if let Some(end) = url_at(text, start) {
            return Some(self.whole(start, end, Shape::Url));
        }
        if start >= self.email_fail_until {
            match email_at(text, start) {
                Ok(end) => return Some(self.whole(start, end, Shape::Email)),
                Err(run_end) => self.email_fail_until = run_end,
            }
        }

        let mut chunk_start = start;
        let mut before = None;
        let mut cur = start;
        loop {
            cur = find_char(text, cur, is_word_continuation, false).unwrap_or(text.len());
            let Some(c) = char_at(text, cur) else { break };
            // Most words end at a space or sentence punctuation: an ASCII character that joins
            // nothing ends the word without looking at its neighbours.
            if c.is_ascii() && !matches!(c, '.' | ',' | ':' | '-' | '\'' | '`' | '&') {
                break;
            }
            let next_at = cur + c.len_utf8();
            let next = char_at(text, next_at);
            let last = char_before(text, cur);
            let joiner = if matches!(c, '.' | ',' | ':')
                && last.is_some_and(|l| l.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit())
            {
                // 24.11.2025, 1.500, 3,5, 20:21: same chunk.
                cur = next_at;
                continue;
            } else if is_hyphen(c) && next.is_some_and(is_word_start) {
                Joiner::Hyphen
            } else if is_apostrophe(c)
                && last.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic)
            {
                Joiner::Apostrophe
            } else if c == '&'
                && last.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic)
            {
                Joiner::Ampersand
            } else {
                break;
            };
            self.chunks.push(Chunk {
                start: chunk_start,
                end: cur,
                before,
                after: Some(joiner),
            });
            before = Some(joiner);
            chunk_start = next_at;
            cur = next_at;
        }
        self.chunks.push(Chunk {
            start: chunk_start,
            end: cur,
            before,
            after: None,
        });
        self.pos = cur;
        Some(Word {
            start,
            end: cur,
            shape: Shape::Plain,
        })
    }

    fn whole(&mut self, start: usize, end: usize, shape: Shape) -> Word {
        self.chunks.push(Chunk {
            start,
            end,
            before: None,
            after: None,
        });
        self.pos = end;
        Word { start, end, shape }
    }
}

fn starts_with_ignore_ascii_case(haystack: &str, prefix: &str) -> bool {
    haystack
        .as_bytes()
        .get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// End of a URL starting at `start`, if one starts there.
fn url_at(text: &str, start: usize) -> Option<usize> {
    // Every prefix starts with h, f or w (either case): most words are rejected on one byte.
    if !matches!(text.as_bytes().get(start)? | 0x20, b'h' | b'f' | b'w') {
        return None;
    }
    let rest = &text[start..];
    let prefix_len = ["https://", "http://", "ftp://", "www."]
        .iter()
        .find(|p| starts_with_ignore_ascii_case(rest, p))?
        .len();
    let body_len = rest
        .char_indices()
        .find(|(_, c)| {
            c.is_whitespace()
                || c.is_control()
                || matches!(
                    c,
                    '<' | '>' | '"' | '«' | '»' | '„' | '“' | '”' | '‚' | '‘' | '’' | '\u{00A0}'
                )
        })
        .map_or(rest.len(), |(i, _)| i);
    let mut url = &rest[..body_len];
    // Trailing sentence punctuation and unbalanced closing brackets are not part of the URL.
    // Bracket balance is counted once and updated while stripping (linear time).
    let count = |c: char| url.chars().filter(|x| *x == c).count();
    let mut balance = [
        ('(', ')', count('('), count(')')),
        ('[', ']', count('['), count(']')),
        ('{', '}', count('{'), count('}')),
    ];
    while let Some(last) = url.chars().next_back() {
        let strip = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' => true,
            _ => match balance.iter_mut().find(|b| b.1 == last) {
                Some(b) if b.3 > b.2 => {
                    b.3 -= 1;
                    true
                }
                _ => false,
            },
        };
        if !strip {
            break;
        }
        url = &url[..url.len() - last.len_utf8()];
    }
    let has_body = url
        .get(prefix_len..)
        .is_some_and(|b| b.chars().any(char::is_alphanumeric));
    has_body.then_some(start + url.len())
}

/// End of an e-mail address starting at `start`, or `Err(end of the scanned run)`.
fn email_at(text: &str, start: usize) -> Result<usize, usize> {
    let bytes = text.as_bytes();
    let is_local =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut at = start;
    while at < bytes.len() && is_local(bytes[at]) {
        at += 1;
    }
    if at == start || bytes.get(at) != Some(&b'@') {
        return Err(at);
    }
    // Domain: labels of [A-Za-z0-9-] separated by single dots, at least two labels, the last
    // one alphabetic with two or more letters.
    let mut i = at + 1;
    let mut labels = 0;
    let mut end = at + 1;
    let mut last_label_ok = false;
    loop {
        let label_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
            i += 1;
        }
        if i == label_start {
            break;
        }
        labels += 1;
        end = i;
        let label = &bytes[label_start..i];
        last_label_ok = label.len() >= 2 && label.iter().all(u8::is_ascii_alphabetic);
        if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
            i += 1;
        } else {
            break;
        }
    }
    if labels >= 2 && last_label_ok {
        Ok(end)
    } else {
        Err(at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_char_agrees_with_char_classes() {
        let texts = [
            "",
            "  Größe, Ärger-Öl: 24.11. café\u{301} ½ x²  ",
            "«Zelenskyj» — 日本語 ١٢٣ naïve\u{0308}e",
            "abc",
            "!!!",
        ];
        for text in texts {
            for (from, _) in text.char_indices() {
                for (class, name) in [
                    (is_word_start as fn(char) -> bool, "start"),
                    (is_word_continuation, "continuation"),
                ] {
                    for want in [true, false] {
                        let slow = text[from..]
                            .char_indices()
                            .find(|(_, c)| class(*c) == want)
                            .map(|(i, _)| from + i);
                        assert_eq!(
                            find_char(text, from, class, want),
                            slow,
                            "{text:?} from {from} {name} {want}"
                        );
                    }
                }
            }
        }
    }

    /// `(word, [chunks])` as strings.
    fn words(text: &str) -> Vec<(String, Vec<String>)> {
        let mut s = Scanner::new(text);
        let mut out = Vec::new();
        while let Some(w) = s.next_word() {
            let chunks = s
                .chunks()
                .iter()
                .map(|c| text[c.start..c.end].to_string())
                .collect();
            out.push((text[w.start..w.end].to_string(), chunks));
        }
        out
    }

    fn surface(text: &str) -> Vec<String> {
        words(text).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn plain_words() {
        assert_eq!(surface("Die Zölle steigen."), ["Die", "Zölle", "steigen"]);
    }

    #[test]
    fn hyphenated_words_have_chunks() {
        assert_eq!(
            words("Der US-Präsident"),
            [
                ("Der".into(), vec!["Der".into()]),
                (
                    "US-Präsident".into(),
                    vec!["US".to_string(), "Präsident".to_string()]
                )
            ]
        );
        let w = words("28-Punkte-Plan");
        assert_eq!(w[0].1, ["28", "Punkte", "Plan"]);
    }

    #[test]
    fn dangling_hyphen_is_not_part_of_the_word() {
        assert_eq!(
            surface("Öl- und Energieverkauf"),
            ["Öl", "und", "Energieverkauf"]
        );
        assert_eq!(surface("Kreis- und -Stadt"), ["Kreis", "und", "Stadt"]);
    }

    #[test]
    fn numbers_and_dates_are_whole() {
        assert_eq!(
            surface("Am 24.11.2025 um 14.30 Uhr: 3,5 Prozent, 1.500 Euro."),
            [
                "Am",
                "24.11.2025",
                "um",
                "14.30",
                "Uhr",
                "3,5",
                "Prozent",
                "1.500",
                "Euro"
            ]
        );
        assert_eq!(
            surface("im Jahr 2025. Danach"),
            ["im", "Jahr", "2025", "Danach"]
        );
        assert_eq!(surface("Nr.5"), ["Nr", "5"]);
        assert_eq!(surface("Uhr:20"), ["Uhr", "20"]);
    }

    #[test]
    fn quotes_are_punctuation() {
        assert_eq!(
            surface("„Zitat“ ‚innen‘ »Titel« \"gerade\" 'einfach'"),
            ["Zitat", "innen", "Titel", "gerade", "einfach"]
        );
    }

    #[test]
    fn apostrophes_between_letters_join() {
        for s in ["geht’s", "geht's", "geht´s", "geht‘s"] {
            let w = words(s);
            assert_eq!(w.len(), 1, "{s}");
            assert_eq!(w[0].1, ["geht", "s"], "{s}");
        }
        assert_eq!(surface("Hans’ Haus"), ["Hans", "Haus"]);
    }

    #[test]
    fn dashes_and_dots_split() {
        assert_eq!(surface("Berlin–Paris"), ["Berlin", "Paris"]);
        assert_eq!(surface("z.B. so"), ["z", "B", "so"]);
    }

    #[test]
    fn urls_are_whole() {
        assert_eq!(
            surface("Siehe https://www.tagesschau.de/ausland/a-1.html. Oder (www.ntv.de)!"),
            [
                "Siehe",
                "https://www.tagesschau.de/ausland/a-1.html",
                "Oder",
                "www.ntv.de"
            ]
        );
        assert_eq!(
            surface("https://de.wikipedia.org/wiki/Foo_(Bar))"),
            ["https://de.wikipedia.org/wiki/Foo_(Bar)"]
        );
        assert_eq!(surface("www. und"), ["www", "und"]);
    }

    #[test]
    fn emails_are_whole() {
        assert_eq!(
            surface("Mail an presse.stelle@bundesregierung.de."),
            ["Mail", "an", "presse.stelle@bundesregierung.de"]
        );
        assert_eq!(surface("a@b"), ["a", "b"]);
    }

    #[test]
    fn combining_marks_continue_words() {
        assert_eq!(surface("Zo\u{0308}lle"), ["Zo\u{0308}lle"]);
    }

    #[test]
    fn long_runs_are_linear_and_safe() {
        let s = "a.".repeat(50_000);
        assert_eq!(surface(&s).len(), 50_000);
        let s = "ä-".repeat(50_000);
        let w = words(&s);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].1.len(), 50_000);
    }
}
