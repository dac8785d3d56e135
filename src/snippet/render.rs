//! Cutting a fragment out of a unit, and rendering snippets as HTML or ANSI text.

use std::ops::Range;

use super::{highlight_ranges, new_snippet, Match, Snippet};

fn char_floor(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Byte index `n` characters after `from` (or the end).
fn advance_chars(text: &str, from: usize, n: usize) -> usize {
    text[from..]
        .char_indices()
        .nth(n)
        .map(|(i, _)| from + i)
        .unwrap_or(text.len())
}

/// Byte index `n` characters before `from` (or the start).
fn retreat_chars(text: &str, from: usize, n: usize) -> usize {
    text[..from]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(0)
}

/// Cut the fragment for `unit`: the whole unit when it fits, otherwise a window of `max_chars`
/// around the first match, at word boundaries, marked with "…" (inside a quotation with the
/// quotation's own marks, so they stay balanced: „… …“).
pub(crate) fn fragment(
    text: &str,
    unit: Range<usize>,
    matches: &[Match],
    quotes: &[Range<usize>],
    max_chars: usize,
) -> Snippet {
    let max_chars = max_chars.max(20);
    let unit_chars = text[unit.clone()].chars().count();
    if unit_chars <= max_chars {
        return cut(text, unit.clone(), &unit, matches, quotes);
    }
    let anchor = matches
        .iter()
        .find(|m| m.range.start >= unit.start && m.range.end <= unit.end)
        .map(|m| m.range.start)
        .unwrap_or(unit.start);
    let mut start = retreat_chars(text, anchor, max_chars / 3).max(unit.start);
    if start > unit.start {
        // Move forward to the next word start.
        if let Some(ws) = text[start..anchor].find(char::is_whitespace) {
            start += ws;
            start += text[start..].len() - text[start..].trim_start().len();
        }
    }
    let mut end = advance_chars(text, start, max_chars).min(unit.end);
    if end < unit.end {
        if let Some(ws) = text[start..end].rfind(char::is_whitespace) {
            if start + ws > anchor {
                end = start + ws;
            }
        }
    }
    let end = char_floor(text, end);
    cut(text, start..end, &unit, matches, quotes)
}

/// The snippet showing `window` of `unit`. A cut inside a quotation (the window's own, or a
/// quotation too long to fit the unit) is marked with that quotation's marks, „… …“, so they stay
/// balanced; any other cut inside the unit gets a plain "…".
fn cut(
    text: &str,
    window: Range<usize>,
    unit: &Range<usize>,
    matches: &[Match],
    quotes: &[Range<usize>],
) -> Snippet {
    let inside = |i: usize| quotes.iter().find(|q| q.start < i && i < q.end);
    let mut prefix = String::new();
    match inside(window.start) {
        Some(q) => {
            prefix.extend(text[q.start..].chars().next());
            prefix.push_str("… ");
        }
        None if window.start > unit.start => prefix.push_str("… "),
        None => {}
    }
    let mut suffix = String::new();
    match inside(window.end) {
        Some(q) => {
            suffix.push_str(" …");
            suffix.extend(text[..q.end].chars().next_back());
        }
        None if window.end < unit.end => suffix.push_str(" …"),
        None => {}
    }
    let shift = |i: usize| i - window.start + prefix.len();
    let hl = highlight_ranges(matches, &window)
        .into_iter()
        .map(|r| shift(r.start)..shift(r.end))
        .collect();
    let body = text[window.clone()].trim_end();
    new_snippet(format!("{prefix}{body}{suffix}"), hl, window)
}

/// The snippet as HTML: text escaped, matches in `<mark>…</mark>`.
///
/// ```
/// use pressespiegel::snippet::{render::to_html, snippets, HighlightSpec, SnippetOptions};
///
/// let s = snippets("Zölle & <Sanktionen>.", &HighlightSpec::from_query_text("Sanktion"), &SnippetOptions::default());
/// assert_eq!(to_html(&s[0]), "Zölle &amp; &lt;<mark>Sanktionen</mark>&gt;.");
/// ```
pub fn to_html(snippet: &Snippet) -> String {
    wrap(snippet, "<mark>", "</mark>", |s, out| {
        html_escape::encode_text_to_string(s, out);
    })
}

/// The snippet with matches in bold yellow for a terminal.
pub fn to_ansi(snippet: &Snippet) -> String {
    wrap(snippet, "\x1b[1;33m", "\x1b[0m", |s, out| out.push_str(s))
}

fn wrap(snippet: &Snippet, open: &str, close: &str, push: impl Fn(&str, &mut String)) -> String {
    let text = snippet.text();
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for r in snippet.highlights() {
        push(&text[at..r.start], &mut out);
        out.push_str(open);
        push(&text[r.clone()], &mut out);
        out.push_str(close);
        at = r.end;
    }
    push(&text[at..], &mut out);
    out
}
