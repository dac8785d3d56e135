//! Sentence boundaries and snippet units (sentences joined so that no quotation is split).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Dr", "Prof", "Nr", "St", "bzw", "ca", "vgl", "etc", "Mio", "Mrd", "Jh", "Abs", "Art", "Hr",
    "Fr", "Str", "inkl", "evtl", "sog", "z.B", "u.a", "d.h", "v.a", "o.ä", "Jan", "Feb", "Aug",
    "Sept", "Okt", "Nov", "Dez", "Gen", "Min", "Bd", "usw",
];

fn ends_without_sentence_end(segment: &str) -> bool {
    let s = segment.trim_end();
    let Some(body) = s.strip_suffix('.') else {
        return false;
    };
    let last_word = body
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    // Ordinals like "am 3. Oktober", "den 80. Jahrestag".
    if !last_word.is_empty()
        && last_word.len() <= 2
        && last_word.chars().all(|c| c.is_ascii_digit())
    {
        return true;
    }
    ABBREVIATIONS.contains(&last_word)
}

/// Byte ranges of the sentences of `text`, without surrounding whitespace.
///
/// ```
/// use pressespiegel::snippet::sentences::sentences;
///
/// let text = "Am 3. Oktober kam Dr. Meier. Er blieb.\nNeuer Absatz";
/// let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(s, ["Am 3. Oktober kam Dr. Meier.", "Er blieb.", "Neuer Absatz"]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    sentences_in(text, 0..text.len())
}

/// [`sentences`] of `text[range]`, as byte ranges into `text`. Equal to the sentences of the
/// whole text that lie in `range` when `range` is a union of [`blocks`].
fn sentences_in(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let offset = range.start;
    let Some(part) = text.get(range) else {
        return Vec::new();
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut join_next = false;
    for (start, seg) in part.split_sentence_bound_indices() {
        let start = offset + start;
        let trimmed_start = start + (seg.len() - seg.trim_start().len());
        let trimmed_end = start + seg.trim_end().len();
        if trimmed_start >= trimmed_end {
            continue;
        }
        let paragraph_break = seg.ends_with('\n') || seg.ends_with('\r');
        match out.last_mut() {
            Some(last) if join_next => last.end = trimmed_end,
            _ => out.push(trimmed_start..trimmed_end),
        }
        join_next = !paragraph_break && ends_without_sentence_end(seg);
    }
    out
}

/// Snippet units: sentences, joined where a quotation spans several of them and the joined unit
/// still fits in `max_chars` characters.
pub fn units(text: &str, quotes: &[Range<usize>], max_chars: usize) -> Vec<Range<usize>> {
    units_in(text, 0..text.len(), quotes, max_chars)
}

/// The [`units`] of the whole text that lie in `block`, one of the [`blocks`] of `text` for
/// the same `quotes`.
pub(crate) fn units_in(
    text: &str,
    block: Range<usize>,
    quotes: &[Range<usize>],
    max_chars: usize,
) -> Vec<Range<usize>> {
    let mut units = sentences_in(text, block.clone());
    let first = quotes.partition_point(|q| q.start < block.start);
    for q in quotes[first..].iter().take_while(|q| q.start < block.end) {
        let first = units.iter().position(|u| u.end > q.start);
        let last = units.iter().rposition(|u| u.start < q.end);
        if let (Some(a), Some(b)) = (first, last) {
            if a < b {
                let joined = units[a].start..units[b].end;
                if text[joined.clone()].chars().count() <= max_chars {
                    units.splice(a..=b, std::iter::once(joined));
                }
            }
        }
    }
    units
}

/// Byte ranges covering `text` that no snippet unit crosses, in text order: paragraphs, each
/// ending after a line break (`\n`, or a `\r` not followed by `\n`), merged where one of the
/// `quotes` (sorted, disjoint, as [`quotation_spans`](super::quotes::quotation_spans) returns
/// them) spans a line break. Sentences never cross a line break (Unicode sentence
/// boundaries always break after one, rule SB4, and [`sentences`] joins no abbreviation
/// across one), so the units of a block can be found from the block alone ([`units_in`]).
///
/// Unicode also breaks sentences after the separators U+0085, U+2028 and U+2029, but
/// [`sentences`] may join an abbreviation across them and a following line break (the line
/// break is then a segment of its own): a text with one of them is a single block.
pub(crate) fn blocks(text: &str, quotes: &[Range<usize>]) -> Vec<Range<usize>> {
    if text.contains(['\u{85}', '\u{2028}', '\u{2029}']) {
        return std::iter::once(0..text.len()).collect();
    }
    let bytes = text.as_bytes();
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let mut q = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            continue;
        }
        let end = i + 1;
        // A quotation still open at the break keeps the block going.
        while q < quotes.len() && quotes[q].end <= end {
            q += 1;
        }
        if quotes.get(q).is_some_and(|r| r.start < end) {
            continue;
        }
        out.push(start..end);
        start = end;
    }
    if start < text.len() || out.is_empty() {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_over_two_sentences_is_one_unit() {
        let text = "Vorher. „Wir kommen. Wir bleiben“, sagte er. Nachher.";
        let q = crate::snippet::quotes::quotation_spans(text);
        let u: Vec<&str> = units(text, &q, 200).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            u,
            [
                "Vorher.",
                "„Wir kommen. Wir bleiben“, sagte er.",
                "Nachher."
            ]
        );
    }
}
