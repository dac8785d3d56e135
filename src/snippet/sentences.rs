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
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut join_next = false;
    for (start, seg) in text.split_sentence_bound_indices() {
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
    let mut units = sentences(text);
    for q in quotes {
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
