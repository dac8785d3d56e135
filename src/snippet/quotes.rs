//! Where the quotations are, so that fragments never cut one in half.
//!
//! A light scan for paired quotation marks in every German convention („…“, »…«, «…», ‚…‘,
//! ›…‹, "…", “…”). It only needs the outer extent of each quotation; speaker attribution lives in
//! [`crate::enrich::quotes`].

use std::ops::Range;

/// Longest span (bytes) that is still taken as one quotation; an opener without a close mark
/// within this distance is ignored.
const MAX_QUOTE_BYTES: usize = 4000;

fn closes(open: char, c: char) -> bool {
    matches!(
        (open, c),
        ('„', '“')
            | ('„', '”')
            | ('“', '”')
            | ('»', '«')
            | ('«', '»')
            | ('"', '"')
            | ('‚', '‘')
            | ('›', '‹')
            | ('‹', '›')
    )
}

fn opens(c: char) -> bool {
    matches!(c, '„' | '“' | '»' | '«' | '"' | '‚' | '›' | '‹')
}

/// Byte ranges of the outermost quotations in `text`, marks included, in text order.
///
/// ```
/// use pressespiegel::snippet::quotes::quotation_spans;
///
/// let text = "„Wir werden“, sagte er, „zusammenarbeiten.“";
/// let spans = quotation_spans(text);
/// assert_eq!(&text[spans[0].clone()], "„Wir werden“");
/// assert_eq!(spans.len(), 2);
/// ```
pub fn quotation_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut stack: Vec<(char, usize)> = Vec::new();
    for (i, c) in text.char_indices() {
        // Drop openers that never closed within reach.
        while stack.first().is_some_and(|(_, s)| i - s > MAX_QUOTE_BYTES) {
            stack.remove(0);
        }
        if let Some(pos) = stack.iter().rposition(|(o, _)| closes(*o, c)) {
            let (_, start) = stack[pos];
            stack.truncate(pos);
            if stack.is_empty() {
                out.push(start..i + c.len_utf8());
            }
        } else if opens(c) {
            // A straight quote or guillemet right after a letter is more likely a closer of
            // something we missed than an opener; still take it as an opener only at a word start.
            let prev = text[..i].chars().next_back();
            if c == '"' && prev.is_some_and(char::is_alphanumeric) {
                continue;
            }
            stack.push((c, i));
        }
    }
    // Nested spans may have been pushed before their parent closed; keep outermost only.
    out.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut outer: Vec<Range<usize>> = Vec::new();
    for r in out {
        if outer.last().is_some_and(|l| r.start < l.end) {
            continue;
        }
        outer.push(r);
    }
    outer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventions() {
        for text in [
            "Er sagte: „Ja.“ Gut.",
            "Er sagte: »Ja.« Gut.",
            "Er sagte: «Ja.» Gut.",
            "Er sagte: \"Ja.\" Gut.",
        ] {
            let s = quotation_spans(text);
            assert_eq!(s.len(), 1, "{text}");
            assert!(text[s[0].clone()].contains("Ja."), "{text}");
        }
    }

    #[test]
    fn nested_is_one_outer_span() {
        let text = "„Er nannte es ‚Rückkehr‘ und ging.“ Danach.";
        let s = quotation_spans(text);
        assert_eq!(s.len(), 1);
        assert!(text[s[0].clone()].ends_with("ging.“"));
    }

    #[test]
    fn unclosed_is_ignored() {
        assert!(quotation_spans("Ein „offenes Zitat ohne Ende.").is_empty());
    }
}
