//! Discovered actors: people outside the gazetteer who are introduced with a role.
//!
//! Two patterns, both anchored on a role noun (…minister, …präsident, Sprecher, Direktorin,
//! Professor, …beamter, …) and a name of two to four capitalised words:
//!
//! * role before the name: "Handelsminister Howard Lutnick";
//! * apposition after the name: "Yun Sun, Direktorin des China-Programms",
//!   "Evan Medeiros, ein ehemaliger hoher nationaler Sicherheitsbeamter".
//!
//! Precision matters more than recall: single-word names, names that overlap a gazetteer
//! match and capitalised function words, weekdays and months are rejected.

/// A word of the text: byte span.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
}

/// Masculine role nouns (and adjectival nouns); feminine `-in` forms are accepted too.
const ROLE_SUFFIXES: &[&str] = &[
    "minister",
    "präsident",
    "kanzler",
    "sprecher",
    "chef",
    "vorsitzende",
    "vorsitzender",
    "sekretär",
    "botschafter",
    "direktor",
    "professor",
    "bürgermeister",
    "abgeordnete",
    "abgeordneter",
    "kommissar",
    "gouverneur",
    "senator",
    "premier",
    "könig",
    "prinz",
    "richter",
    "anwalt",
    "anwältin",
    "leiter",
    "experte",
    "expertin",
    "analyst",
    "ökonom",
    "politiker",
    "diplomat",
    "beamter",
    "beamte",
    "beamtin",
    "berater",
    "gesandter",
    "gesandte",
    "funktionär",
    "führer",
    "kandidat",
    "ankläger",
    "forscher",
    "wissenschaftler",
    "journalist",
    "korrespondent",
    "aktivist",
    "gründer",
    "manager",
    "unternehmer",
    "befehlshaber",
    "kommandeur",
    "general",
    "admiral",
    "oberst",
    "bischof",
    "kardinal",
    "trainer",
    "vize",
];

/// Capitalised words that are never part of a name.
const STOP_WORDS: &[&str] = &[
    "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Eines", "Am", "Im", "In",
    "Auf", "Aus", "Bei", "Mit", "Nach", "Von", "Vom", "Zum", "Zur", "Für", "Über", "Unter", "Vor",
    "Laut", "Auch", "Doch", "Aber", "Und", "Oder", "Wie", "So", "Als", "Wenn", "Dass", "Da",
    "Dies", "Diese", "Dieser", "Er", "Sie", "Es", "Wir", "Ihr", "Man", "Nun", "Jetzt", "Heute",
    "Gestern", "Morgen", "Herr", "Frau", "Dr", "Prof", "Montag", "Dienstag", "Mittwoch",
    "Donnerstag", "Freitag", "Samstag", "Sonntag", "Januar", "Februar", "März", "April", "Mai",
    "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember", "Gegen", "Seit",
    "Bis", "Um", "Ohne", "Zwischen", "Während", "Wegen", "Trotz", "Nachdem", "Weil", "Ob",
    "Sein", "Seine", "Ihre", "Ihren", "Seinen", "Alle", "Beide", "Andere", "Hier", "Dort",
];

/// Lower-case name particles allowed between name words.
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "da", "di", "du", "dos", "zu", "bin", "ibn", "al", "el",
    "le", "la", "ten", "ter",
];

const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem",
];

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let inner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && iter.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            // An initial keeps its period: "George W. Bush".
            let end = if c == '.' && text[s..i].chars().count() == 1 {
                i + 1
            } else {
                i
            };
            out.push(Token { start: s, end });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
        });
    }
    out
}

fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    text.get(t.start..t.end).unwrap_or("")
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_role(w: &str) -> bool {
    if !is_capitalised(w) {
        return false;
    }
    let lower = w.to_lowercase();
    let tail = lower.rsplit('-').next().unwrap_or(&lower);
    ROLE_SUFFIXES.iter().any(|s| {
        tail.ends_with(s) || (tail.ends_with("in") && tail[..tail.len() - 2].ends_with(s))
    })
}

fn is_name_word(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let initial = letters == 1 && w.ends_with('.');
    is_capitalised(w)
        && (letters >= 2 || initial)
        && !w.chars().any(|c| c.is_ascii_digit())
        && !STOP_WORDS.contains(&w.trim_end_matches('.'))
        && !is_role(w)
        && !w.chars().skip(1).all(char::is_uppercase)
}

fn gap_is_space(text: &str, a: &Token, b: &Token) -> bool {
    text.get(a.end..b.start) == Some(" ")
}

/// Found actor: the span of the name and the name itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Discovered {
    pub start: usize,
    pub end: usize,
    pub name: String,
}

/// Names introduced with a role, not overlapping any of the `occupied` byte spans.
pub(crate) fn discover(text: &str, occupied: &[(usize, usize)]) -> Vec<Discovered> {
    let toks = tokens(text);
    let free = |s: usize, e: usize| !occupied.iter().any(|&(a, b)| s < b && a < e);
    let mut out: Vec<Discovered> = Vec::new();
    let push = |first: usize, last: usize, out: &mut Vec<Discovered>| {
        let (s, e) = (toks[first].start, toks[last].end);
        let name_words = (first..=last)
            .filter(|&k| is_name_word(word(text, &toks[k])))
            .count();
        if name_words < 2 || name_words > 4 || !free(s, e) {
            return;
        }
        if out.iter().any(|d| d.start < e && s < d.end) {
            return;
        }
        let name = (first..=last)
            .map(|k| word(text, &toks[k]))
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Discovered {
            start: s,
            end: e,
            name,
        });
    };
    // Extends a name from token `i` forwards: name words, particles between them.
    let name_forward = |i: usize| -> Option<usize> {
        let mut last = None;
        let mut k = i;
        while k < toks.len() && k < i + 5 {
            if k > i && !gap_is_space(text, &toks[k - 1], &toks[k]) {
                break;
            }
            let w = word(text, &toks[k]);
            if is_name_word(w) {
                last = Some(k);
            } else if !(last.is_some() && PARTICLES.contains(&w)) {
                break;
            }
            k += 1;
        }
        last
    };
    for i in 0..toks.len() {
        let w = word(text, &toks[i]);
        // Role before the name: "Handelsminister Howard Lutnick".
        if is_role(w) && i + 1 < toks.len() && gap_is_space(text, &toks[i], &toks[i + 1]) {
            if let Some(last) = name_forward(i + 1) {
                push(i + 1, last, &mut out);
            }
        }
        // Apposition: "Yun Sun, Direktorin des …".
        if text.get(toks[i].end..).is_some_and(|r| r.starts_with(", ")) && is_name_word(w) {
            let mut first = i;
            while first > 0
                && first + 3 > i
                && gap_is_space(text, &toks[first - 1], &toks[first])
                && is_name_word(word(text, &toks[first - 1]))
            {
                first -= 1;
            }
            if !apposition_role_follows(text, &toks, i + 1) {
                continue;
            }
            // The word before the name must not itself be capitalised (a longer noun phrase).
            let before_ok = first == 0
                || !gap_is_space(text, &toks[first - 1], &toks[first])
                || !is_capitalised(word(text, &toks[first - 1]))
                || STOP_WORDS.contains(&word(text, &toks[first - 1]))
                || is_role(word(text, &toks[first - 1]));
            if before_ok {
                push(first, i, &mut out);
            }
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

/// After ", ": optional determiner, up to five lower-case words, then a role noun.
fn apposition_role_follows(text: &str, toks: &[Token], from: usize) -> bool {
    let mut k = from;
    if k < toks.len() && DETERMINERS.contains(&word(text, &toks[k])) {
        k += 1;
    }
    let limit = k + 5;
    while k < toks.len() && k <= limit {
        let w = word(text, &toks[k]);
        if is_role(w) {
            return true;
        }
        if is_capitalised(w) {
            return false;
        }
        k += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        discover(text, &[]).into_iter().map(|d| d.name).collect()
    }

    #[test]
    fn role_before_name() {
        assert_eq!(
            names("Sein Handelsminister Howard Lutnick sagte der Agentur"),
            vec!["Howard Lutnick"]
        );
        assert_eq!(
            names("Präsident George W. Bush reiste ab."),
            vec!["George W. Bush"]
        );
        assert_eq!(
            names("Die EU-Kommissarin Margrethe Vestager erklärte"),
            vec!["Margrethe Vestager"]
        );
    }

    #[test]
    fn apposition() {
        assert_eq!(
            names("sagte Yun Sun, Direktorin des China-Programms am Stimson Center."),
            vec!["Yun Sun"]
        );
        assert_eq!(
            names("sagte Evan Medeiros, ein ehemaliger hoher nationaler Sicherheitsbeamter in der Obama-Regierung"),
            vec!["Evan Medeiros"]
        );
    }

    #[test]
    fn rejects_non_names() {
        assert!(names("Am Montag, der Minister sagte").is_empty());
        assert!(names("Der Sprecher der Polizei sagte").is_empty());
        assert!(names("Innenminister Schily sagte").is_empty());
        assert!(names("Die Deutsche Bahn, ein Konzern").is_empty());
    }
}
