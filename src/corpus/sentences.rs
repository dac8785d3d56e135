//! Splitting article text into sentence units that keep quotations whole.
//!
//! A unit ends at `.`, `!` or `?` followed by whitespace and an upper-case letter, a digit or an
//! opening quotation mark — but never inside a quotation („…“, »…«, "…"), never after a common
//! abbreviation (`z. B.`, `Dr.`), an initial (`George W. Bush`) or a day number (`5. August`).
//! A line break ends a unit unless it sits inside a sentence (after a lower-case letter or comma,
//! before a lower-case letter or parenthesis); units may then contain the line break. A quotation that spans several sentences therefore stays one
//! unit together with its speaker and cue (`„A. B.“, sagte sie.`), which is what the quote
//! extractor needs to find in generated text.

/// Abbreviations after which a period does not end a sentence (compared without the period).
const ABBREVIATIONS: &[&str] = &[
    "Abs", "Abt", "Art", "Bd", "bzw", "ca", "Chr", "Dr", "etc", "evtl", "ggf", "Hr", "Hrsg",
    "inkl", "Jh", "Jhd", "Kap", "Mio", "Mrd", "Nr", "Prof", "rd", "St", "Str", "usw", "vgl", "vs",
    "z", "B", "u", "a", "v", "d", "h", "o", "ä", "Mr", "Mrs", "Jr", "Sen", "Gen", "Lt", "Sgt",
    "Co", "Inc",
];

/// Split `text` into trimmed sentence units (sub-slices of `text`), in order.
pub(crate) fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for (at, _) in text.match_indices('\n') {
        if !soft_break(text, at) {
            split_line(text, line_start, at - line_start, &mut out);
            line_start = at + 1;
        }
    }
    split_line(text, line_start, text.len() - line_start, &mut out);
    out
}

/// A line break inside a sentence: after a lower-case letter or comma, before a lower-case letter
/// or an opening parenthesis (`Katastrophenhilfe\n(BBK) warnt`).
fn soft_break(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t']).chars().next_back();
    let after = text[at + 1..]
        .trim_start_matches([' ', '\t'])
        .chars()
        .next();
    matches!(before, Some(c) if c.is_lowercase() || c == ',')
        && matches!(after, Some(c) if c.is_lowercase() || c == '(')
}

/// Split the line `text[start..start + len]`, pushing trimmed non-empty units.
fn split_line<'a>(text: &'a str, start: usize, len: usize, out: &mut Vec<&'a str>) {
    let line = &text[start..start + len];
    let mut depth: u32 = 0; // „…“ and »…« nesting
    let mut straight = false; // inside "…"
    let mut unit_start = 0;
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let mut end_after: Option<usize> = None; // index into `chars` just past the terminator
        match c {
            '„' | '»' => depth += 1,
            '“' | '«' | '”' => {
                if depth > 0 {
                    depth -= 1;
                    let prev = i.checked_sub(1).map(|p| chars[p].1);
                    if depth == 0 && !straight && matches!(prev, Some('.' | '!' | '?')) {
                        end_after = Some(i + 1);
                    }
                } else if c == '“' && chars.get(i + 1).is_some_and(|n| !n.1.is_whitespace()) {
                    // English-style opening quotation mark.
                    depth += 1;
                }
            }
            '"' => straight = !straight,
            '.' | '!' | '?'
                if depth == 0 && !straight && (c != '.' || !protected_period(line, at)) =>
            {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | ')' | '…') {
                    j += 1;
                }
                end_after = Some(j);
            }
            _ => {}
        }
        if let Some(j) = end_after {
            if starts_new_sentence(&chars[j..]) {
                let end = chars.get(j).map_or(line.len(), |c| c.0);
                push_trimmed(&line[unit_start..end], out);
                unit_start = end;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push_trimmed(&line[unit_start..], out);
}

/// Whitespace, then an upper-case letter, a digit or an opening quotation mark.
fn starts_new_sentence(rest: &[(usize, char)]) -> bool {
    let mut it = rest.iter().map(|c| c.1);
    match it.next() {
        None => true,
        Some(c) if c.is_whitespace() => {
            let next = it.find(|c| !c.is_whitespace());
            match next {
                None => true,
                Some(n) => n.is_uppercase() || n.is_ascii_digit() || matches!(n, '„' | '»' | '"'),
            }
        }
        Some(_) => false,
    }
}

/// A period that belongs to an abbreviation, an initial or an ordinal day number.
fn protected_period(line: &str, at: usize) -> bool {
    let before = &line[..at];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '„' | '"' | '»' | '/'))
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    let last = word.rsplit('.').next().unwrap_or(word);
    if last.is_empty() {
        return false;
    }
    if ABBREVIATIONS.contains(&last) {
        return true;
    }
    let mut cs = last.chars();
    let single_upper = matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase());
    let day_number = last.len() <= 2 && last.bytes().all(|b| b.is_ascii_digit());
    single_upper || day_number
}

fn push_trimmed<'a>(s: &'a str, out: &mut Vec<&'a str>) {
    let t = s.trim();
    if !t.is_empty() {
        out.push(t);
    }
}

#[cfg(test)]
mod tests {
    use super::split_sentences;

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split_sentences("Die Wahl ist vorbei. Die SPD gewann! Wer regiert? 2006 folgt mehr."),
            vec![
                "Die Wahl ist vorbei.",
                "Die SPD gewann!",
                "Wer regiert?",
                "2006 folgt mehr."
            ]
        );
    }

    #[test]
    fn keeps_quotations_whole() {
        let text = "„Wir kommen. Wir bleiben.“, sagte Merkel am 5. August in Berlin. Er nickte. \
                    Sie erklärte: „Das ist gut.“ Danach ging sie.";
        assert_eq!(
            split_sentences(text),
            vec![
                "„Wir kommen. Wir bleiben.“, sagte Merkel am 5. August in Berlin.",
                "Er nickte.",
                "Sie erklärte: „Das ist gut.“",
                "Danach ging sie."
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let text = "Präsident George W. Bush traf z. B. Dr. Schmidt. Dann reiste er ab.";
        assert_eq!(
            split_sentences(text),
            vec![
                "Präsident George W. Bush traf z. B. Dr. Schmidt.",
                "Dann reiste er ab."
            ]
        );
    }

    #[test]
    fn line_breaks_end_units_and_unbalanced_quotes_do_not_leak() {
        let text = "Er sagte: „Nie wieder.\n\nHintergrund\nNeuer Absatz. Zweiter Satz.";
        assert_eq!(
            split_sentences(text),
            vec![
                "Er sagte: „Nie wieder.",
                "Hintergrund",
                "Neuer Absatz.",
                "Zweiter Satz."
            ]
        );
    }

    #[test]
    fn a_line_break_inside_a_sentence_does_not_split() {
        assert_eq!(
            split_sentences(
                "Das Amt für Katastrophenhilfe\n(BBK) warnt. SPD\nDer Vorsitzende sprach."
            ),
            vec![
                "Das Amt für Katastrophenhilfe\n(BBK) warnt.",
                "SPD",
                "Der Vorsitzende sprach."
            ]
        );
    }

    #[test]
    fn units_are_subslices_for_any_input() {
        for text in [
            "",
            ".",
            "„",
            "a. B",
            "ä.Ü. „x.“ Y",
            "\n\n",
            "Ein Satz ohne Ende",
        ] {
            for unit in split_sentences(text) {
                assert!(text.contains(unit));
                assert!(!unit.is_empty());
            }
        }
    }
}
