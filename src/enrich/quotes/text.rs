//! A light tokenizer and sentence splitter for the quote rules: words, numbers, punctuation and
//! quotation marks with byte offsets, plus sentence and paragraph boundaries.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (with inner hyphens, dots and apostrophes).
    Word,
    /// Starts with a digit.
    Number,
    /// A quotation mark character.
    Quote(char),
    /// Any other non-space character.
    Punct(char),
}

/// A token with byte offsets into the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// A line break precedes this token.
    pub nl_before: bool,
    /// Whitespace precedes this token.
    pub ws_before: bool,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokKind::Punct(c)
    }
}

pub(crate) fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '„' | '“' | '”' | '"' | '»' | '«' | '‚' | '‘' | '’' | '›' | '‹'
    )
}

fn joins_word(c: char) -> bool {
    matches!(c, '-' | '.' | '\'' | '’' | '‐' | '_' | '/' | '&')
}

/// Splits `text` into tokens.
///
/// Runs of ASCII letters and digits are consumed byte by byte (for ASCII,
/// `char::is_alphanumeric` is `u8::is_ascii_alphanumeric`); other characters are decoded.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let bytes = text.as_bytes();
    let mut toks = Vec::with_capacity(text.len() / 5);
    let mut pos = 0;
    let mut nl = false;
    let mut ws = true;
    while pos < bytes.len() {
        let b = bytes[pos];
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            match text.get(pos..).and_then(|r| r.chars().next()) {
                Some(c) => c,
                None => break,
            }
        };
        if c.is_whitespace() {
            ws = true;
            if c == '\n' || c == '\u{2029}' {
                nl = true;
            }
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        let mut end = pos + c.len_utf8();
        let kind = if c.is_alphanumeric() {
            // consume the word: alphanumerics, and joiners followed by an alphanumeric
            loop {
                while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    end += 1;
                }
                let Some(d) = text.get(end..).and_then(|r| r.chars().next()) else {
                    break;
                };
                if d.is_alphanumeric() {
                    end += d.len_utf8();
                    continue;
                }
                if !joins_word(d) {
                    break;
                }
                let j = end;
                let mut next = text[j + d.len_utf8()..].chars();
                let after = next.next();
                // a missing space after a sentence end: "sagte Merkel.Als …"
                let sentence_gap = d == '.'
                    && after.is_some_and(char::is_uppercase)
                    && next.next().is_some_and(char::is_lowercase)
                    && text[start..j].chars().count() > 2
                    && text[start..j].chars().all(char::is_alphabetic)
                    && text[..j]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_lowercase);
                if after.is_some_and(|a| a.is_alphanumeric()) && !sentence_gap {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            if c.is_numeric() {
                TokKind::Number
            } else {
                TokKind::Word
            }
        } else if is_quote_char(c) {
            TokKind::Quote(c)
        } else {
            TokKind::Punct(c)
        };
        toks.push(Tok {
            start,
            end,
            kind,
            nl_before: nl,
            ws_before: ws,
        });
        nl = false;
        ws = false;
        pos = end;
    }
    toks
}

/// Abbreviations after which a period does not end a sentence (lower case, without the dot).
const ABBREV: &[&str] = &[
    "dr", "prof", "nr", "st", "bzw", "ca", "vgl", "mio", "mrd", "z", "b", "u", "a", "usw", "etc",
    "sog", "inkl", "evtl", "ggf", "hl", "jh", "jr", "mr", "mrs", "abs", "art", "str", "tel",
    "bzgl", "gen", "min", "max", "dipl", "ing", "o", "s", "v", "chr",
];

/// Sentences as half-open token index ranges. A sentence ends at `.`, `!`, `?` (optionally
/// followed by closing quotation marks) when the next token starts a new sentence, and at every
/// line break.
pub(crate) fn sentences(text: &str, toks: &[Tok]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let n = toks.len();
    let mut i = 0;
    while i < n {
        if i > start && toks[i].nl_before {
            out.push((start, i));
            start = i;
        }
        let t = toks[i];
        let ends = matches!(t.kind, TokKind::Punct('.' | '!' | '?'));
        if ends {
            // include closing marks / further punctuation directly attached
            let mut j = i + 1;
            while j < n
                && !toks[j].ws_before
                && matches!(
                    toks[j].kind,
                    TokKind::Quote(_) | TokKind::Punct('.' | '!' | '?' | ')')
                )
            {
                j += 1;
            }
            let boundary = if j >= n || toks[j].nl_before {
                true
            } else {
                let next = toks[j];
                let first = text[next.start..].chars().next().unwrap_or(' ');
                let next_starts = first.is_uppercase()
                    || first.is_numeric()
                    || matches!(next.kind, TokKind::Quote(_))
                    || matches!(next.kind, TokKind::Punct('(' | '[' | '–' | '-'));
                let prev_abbrev = t.kind == TokKind::Punct('.')
                    && i > 0
                    && !t.ws_before
                    && match toks[i - 1].kind {
                        TokKind::Word => {
                            let w = &text[toks[i - 1].start..toks[i - 1].end];
                            (w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()))
                                || ABBREV.iter().any(|a| w.eq_ignore_ascii_case(a))
                        }
                        // "am 10. Januar", "16. Jahrhundert": an ordinal, not an end
                        TokKind::Number => toks[i - 1].end - toks[i - 1].start <= 2,
                        _ => false,
                    };
                next_starts && !prev_abbrev
            };
            if boundary {
                out.push((start, j));
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < n {
        out.push((start, n));
    }
    out
}
