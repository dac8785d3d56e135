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

use super::char_at;
use std::sync::OnceLock;

/// A word of the text: byte span and its (precomputed) classification.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: usize,
    end: usize,
    /// A role noun ("Außenminister", "Sprecherin").
    role: bool,
    /// A possible name word ("Howard", "W.", "al-Zarqawi").
    name: bool,
}

impl Token {
    /// The token `start..end`; `hyphen` if it contains a hyphen.
    fn new(text: &str, start: usize, end: usize, hyphen: bool) -> Token {
        let w = text.get(start..end).unwrap_or("");
        // A word starting with an ASCII lower-case letter or digit and without a hyphen is
        // neither a role (which is capitalised or has a capitalised part after a hyphen) nor
        // a name word (capitalised, or "al-…"): most words of a text, decided here.
        if !hyphen
            && w.as_bytes()
                .first()
                .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        {
            return Token {
                start,
                end,
                role: false,
                name: false,
            };
        }
        let role = is_role(w);
        Token {
            start,
            end,
            role,
            name: !role && is_name_word(w),
        }
    }
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
    "vertreter",
    "mitglied",
    "vorstand",
    "intendant",
    "moderator",
    "repräsentant",
    "herausforderer",
    "rechtler",
    "insider",
    "iker",
    "ist",
    "star",
    "demokrat",
    "machthaber",
    "rat",
];

/// Words ending in a role suffix that are no roles.
const NOT_ROLES: &[&str] = &[
    "apparat", "vorrat", "heirat", "unrat", "hausrat", "zierrat", "quadrat", "karat",
];

/// Capitalised words that are never part of a name.
const STOP_WORDS: &[&str] = &[
    "Der",
    "Die",
    "Das",
    "Den",
    "Dem",
    "Des",
    "Ein",
    "Eine",
    "Einer",
    "Eines",
    "Am",
    "Im",
    "In",
    "Auf",
    "Aus",
    "Bei",
    "Mit",
    "Nach",
    "Von",
    "Vom",
    "Zum",
    "Zur",
    "Für",
    "Über",
    "Unter",
    "Vor",
    "Laut",
    "Auch",
    "Doch",
    "Aber",
    "Und",
    "Oder",
    "Wie",
    "So",
    "Als",
    "Wenn",
    "Dass",
    "Da",
    "Dies",
    "Diese",
    "Dieser",
    "Er",
    "Sie",
    "Es",
    "Wir",
    "Ihr",
    "Man",
    "Nun",
    "Jetzt",
    "Heute",
    "Gestern",
    "Morgen",
    "Herr",
    "Frau",
    "Dr",
    "Prof",
    "Gegen",
    "Seit",
    "Bis",
    "Um",
    "Ohne",
    "Zwischen",
    "Während",
    "Wegen",
    "Trotz",
    "Nachdem",
    "Weil",
    "Ob",
    "Sein",
    "Seine",
    "Ihre",
    "Ihren",
    "Seinen",
    "Alle",
    "Beide",
    "Andere",
    "Hier",
    "Dort",
    "Zwei",
    "Drei",
    "Vier",
    "Fünf",
    "Sechs",
    "Sieben",
    "Acht",
    "Neun",
    "Zehn",
    "Viele",
    "Mehrere",
    "Einige",
    "Namentlich",
    "Sohn",
    "Tochter",
    "Vater",
    "Mutter",
    "Bruder",
    "Schwester",
    "Ehefrau",
    "Ehemann",
    "Witwe",
    "Enkel",
    "Neffe",
    "Neben",
    "Außer",
    "Unterdessen",
    "Damit",
];

/// Titles that may stand between a role and a name ("Oberbürgermeister Dr. Albrecht Schröter").
const TITLES: &[&str] = &["Dr", "Prof", "Professor", "Sir", "Scheich", "Ajatollah"];

/// Party abbreviations that mark a politician in "Name (SPD)".
const PARTIES: &[&str] = &[
    "CDU",
    "CSU",
    "SPD",
    "FDP",
    "Grüne",
    "Grünen",
    "Linke",
    "AfD",
    "PDS",
    "BSW",
    "NPD",
    "ÖVP",
    "SPÖ",
    "FPÖ",
    "NEOS",
    "SVP",
    "FDP.Die",
    "VVD",
    "PvdA",
    "CDA",
    "UMP",
    "PS",
    "Labour",
    "Republikaner",
    "Demokraten",
    "ödp",
    "ÖDP",
    "Piraten",
];

/// German and Austrian states that mark a politician in "Heide Simonis (Schleswig-Holstein)".
const STATES: &[&str] = &[
    "Baden-Württemberg",
    "Bayern",
    "Berlin",
    "Brandenburg",
    "Bremen",
    "Hamburg",
    "Hessen",
    "Mecklenburg-Vorpommern",
    "Niedersachsen",
    "Nordrhein-Westfalen",
    "Rheinland-Pfalz",
    "Saarland",
    "Sachsen",
    "Sachsen-Anhalt",
    "Schleswig-Holstein",
    "Thüringen",
    "Burgenland",
    "Kärnten",
    "Niederösterreich",
    "Oberösterreich",
    "Salzburg",
    "Steiermark",
    "Tirol",
    "Vorarlberg",
];

/// Prepositions and articles that open the complement of a role noun ("Vorsitzende des
/// Haushaltsausschusses", "Ministerin für Strafvollzug").
const COMPLEMENT_OPENERS: &[&str] = &["des", "der", "für", "im", "vom", "beim"];

/// Lower-case name particles allowed between name words.
const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "da", "di", "du", "dos", "zu", "bin", "ibn", "al", "el",
    "le", "la", "ten", "ter",
];

const DETERMINERS: &[&str] = &[
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
];

/// The words of `text` in one pass over its bytes: runs of letters and digits, joined by an
/// inner `-`, `'` or `’` followed by a letter or digit; an initial keeps its period.
fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 6);
    let mut start: Option<usize> = None;
    // Whether the current word has an inner hyphen.
    let mut hyphen = false;
    let mut i = 0;
    while i < bytes.len() {
        // Skip the ASCII bytes outside and inside words without any other test.
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                if start.is_none() {
                    start = Some(i);
                    hyphen = false;
                }
                // The rest of the word's ASCII letters and digits at once.
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                continue;
            }
            if start.is_none() {
                // Punctuation or space between words: only letters and digits start one.
                i += 1;
                continue;
            }
        }
        let Some((alnum, len, c)) = char_at(text, i) else {
            break;
        };
        if alnum {
            if start.is_none() {
                start = Some(i);
                hyphen = false;
            }
            i += len;
            continue;
        }
        let inner = matches!(c, '-' | '\'' | '’')
            && start.is_some()
            && char_at(text, i + len).is_some_and(|(n, _, _)| n);
        if inner {
            hyphen |= c == '-';
            i += len;
            continue;
        }
        if let Some(s) = start.take() {
            // An initial keeps its period: "George W. Bush".
            let end = if c == '.' && text[s..i].chars().count() == 1 {
                i + 1
            } else {
                i
            };
            out.push(Token::new(text, s, end, hyphen));
        }
        i += len;
    }
    if let Some(s) = start {
        out.push(Token::new(text, s, text.len(), hyphen));
    }
    out
}

fn word<'a>(text: &'a str, t: &Token) -> &'a str {
    text.get(t.start..t.end).unwrap_or("")
}

fn is_capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Role suffixes grouped by their last two bytes (fast rejection of ordinary words), sorted
/// by those bytes for binary search.
fn role_suffixes_by_tail() -> &'static [([u8; 2], Vec<&'static str>)] {
    static MAP: OnceLock<Vec<([u8; 2], Vec<&'static str>)>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: Vec<([u8; 2], Vec<&'static str>)> = Vec::new();
        for s in ROLE_SUFFIXES {
            if let [.., a, b] = s.as_bytes() {
                match map.iter_mut().find(|(k, _)| *k == [*a, *b]) {
                    Some((_, v)) => v.push(s),
                    None => map.push(([*a, *b], vec![s])),
                }
            }
        }
        map.sort_by_key(|(k, _)| *k);
        map
    })
}

/// One bit per pair of last two bytes: whether some role suffix ends with it (a word whose
/// pair has no bit is rejected without the binary search).
fn role_tail_bits() -> &'static [u64; 1024] {
    static BITS: OnceLock<Box<[u64; 1024]>> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = Box::new([0u64; 1024]);
        for (k, _) in role_suffixes_by_tail() {
            let i = usize::from(u16::from_be_bytes(*k));
            bits[i / 64] |= 1 << (i % 64);
        }
        bits
    })
}

/// The role suffixes (as bytes) that end in the same three bytes.
type SuffixGroup = ([u8; 3], Vec<&'static [u8]>);

/// Role suffixes grouped by their last three bytes (every suffix has at least three), sorted
/// by those bytes for binary search: a word ending in "-er" is compared with the few
/// suffixes ending in its last three bytes, not with all thirty ending in "er".
fn role_suffixes_by_tail3() -> &'static [SuffixGroup] {
    static MAP: OnceLock<Vec<SuffixGroup>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: Vec<SuffixGroup> = Vec::new();
        for s in ROLE_SUFFIXES {
            if let [.., x, a, b] = s.as_bytes() {
                match map.iter_mut().find(|(k, _)| *k == [*x, *a, *b]) {
                    Some((_, v)) => v.push(s.as_bytes()),
                    None => map.push(([*x, *a, *b], vec![s.as_bytes()])),
                }
            }
        }
        map.sort_by_key(|(k, _)| *k);
        map
    })
}

/// `true` if the (lower-case) bytes `t` end with a role suffix.
fn ends_with_role_suffix(t: &[u8]) -> bool {
    let [.., x, a, b] = t else {
        // Every suffix has at least three bytes.
        return false;
    };
    let i = usize::from(u16::from_be_bytes([*a, *b]));
    if role_tail_bits()[i / 64] & (1 << (i % 64)) == 0 {
        return false;
    }
    let map = role_suffixes_by_tail3();
    map.binary_search_by_key(&[*x, *a, *b], |(k, _)| *k)
        .is_ok_and(|i| map[i].1.iter().any(|s| t.ends_with(s)))
}

pub(crate) fn is_role(w: &str) -> bool {
    // The part after the last hyphen ("EU-Kommissarin" → "Kommissarin"); a word without a
    // hyphen must itself be capitalised.
    let raw_tail = match w.as_bytes().iter().rposition(|&b| b == b'-') {
        Some(h) => w.get(h + 1..).unwrap_or(""),
        None => w,
    };
    if raw_tail.len() < 4 || !is_capitalised(raw_tail) {
        return false;
    }
    // The tail with its first letter in lower case, as bytes (the suffixes are compared
    // bytewise), without allocating for ordinary words.
    let mut buf = [0u8; 64];
    let owned;
    let tail: &[u8] = match raw_tail.as_bytes() {
        // ASCII capital: lower-case one byte.
        [first @ b'A'..=b'Z', rest @ ..] if raw_tail.len() + 4 <= buf.len() => {
            buf[0] = first.to_ascii_lowercase();
            buf[1..raw_tail.len()].copy_from_slice(rest);
            &buf[..raw_tail.len()]
        }
        _ if raw_tail.len() + 4 <= buf.len() => {
            let mut chars = raw_tail.chars();
            let mut n = 0;
            if let Some(first) = chars.next() {
                for c in first.to_lowercase() {
                    n += c.encode_utf8(&mut buf[n..]).len();
                }
            }
            let rest = chars.as_str();
            buf[n..n + rest.len()].copy_from_slice(rest.as_bytes());
            &buf[..n + rest.len()]
        }
        _ => {
            owned = raw_tail.to_lowercase();
            owned.as_bytes()
        }
    };
    // Feminine (-in), genitive (-s, -es) and weak/adjectival (-en, -n) forms.
    let without = |e: &[u8]| tail.strip_suffix(e).is_some_and(ends_with_role_suffix);
    let found = ends_with_role_suffix(tail)
        || without(b"in")
        || without(b"s")
        || without(b"es")
        || without(b"en")
        || without(b"n")
        || without(b"nen");
    found && !NOT_ROLES.iter().any(|n| tail.ends_with(n.as_bytes()))
}

/// Capitalised function words, weekdays and months (one set, one lookup).
fn is_stop_word(w: &str) -> bool {
    static SET: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        STOP_WORDS
            .iter()
            .chain(crate::enrich::calendar::CALENDAR_WORDS)
            .copied()
            .collect()
    })
    .contains(w)
}

fn is_name_word(w: &str) -> bool {
    // Arabic names: "al-Zarqawi", "as-Sadat", "el-Baradei".
    let arabic = || {
        matches!(w.as_bytes().first(), Some(b'a' | b'e'))
            && ["al-", "as-", "el-", "ad-", "ar-", "an-", "at-", "asch-"]
                .iter()
                .any(|p| w.strip_prefix(p).is_some_and(is_capitalised))
    };
    if !is_capitalised(w) && !arabic() {
        return false;
    }
    // Letters (counted up to two: only 0, 1 or "two or more" matters), digits, and whether
    // every character after the first is upper case (usually decided by the second).
    let (letters, digit, upper_after_first) = if w.is_ascii() {
        // ASCII only (most words): bytes are characters.
        let bytes = w.as_bytes();
        (
            bytes
                .iter()
                .filter(|b| b.is_ascii_alphabetic())
                .take(2)
                .count(),
            bytes.iter().any(u8::is_ascii_digit),
            bytes.iter().skip(1).all(u8::is_ascii_uppercase),
        )
    } else {
        (
            w.chars().filter(|c| c.is_alphabetic()).take(2).count(),
            w.bytes().any(|b| b.is_ascii_digit()),
            w.chars().skip(1).all(char::is_uppercase),
        )
    };
    let initial = letters == 1 && w.ends_with('.');
    (letters >= 2 || initial)
        && !digit
        && !upper_after_first
        && !is_stop_word(w.trim_end_matches('.'))
}

/// A gap of spaces only (Wikinews texts often have double spaces).
fn is_space(g: &str) -> bool {
    !g.is_empty() && g.chars().all(|c| c == ' ' || c == '\u{a0}')
}

/// A comma followed by spaces.
fn is_comma(g: &str) -> bool {
    g.strip_prefix(',').is_some_and(is_space)
}

fn gap<'a>(text: &'a str, a: &Token, b: &Token) -> &'a str {
    text.get(a.end..b.start).unwrap_or("")
}

fn gap_is_space(text: &str, a: &Token, b: &Token) -> bool {
    is_space(gap(text, a, b))
}

/// Last words of organisation names that may follow "von der"/"vom" after a person's name
/// ("Mayra Veliz von der Staatsanwaltschaft", "Ronny Tong von der Civic Party").
const ORGANISATION_TAILS: &[&str] = &[
    "partei",
    "party",
    "behörde",
    "staatsanwaltschaft",
    "watch",
    "international",
    "organisation",
    "organization",
    "universität",
    "university",
    "hochschule",
    "institut",
    "institute",
    "stiftung",
    "foundation",
    "gewerkschaft",
    "polizei",
    "regierung",
    "ministerium",
    "kommission",
    "agentur",
    "verband",
    "vereinigung",
    "bewegung",
    "allianz",
    "liga",
    "komitee",
    "gericht",
    "bank",
    "zentrum",
    "center",
    "centre",
    "amt",
    "fraktion",
    "kammer",
    "programm",
];

/// The words that follow `von der`/`vom`/`von` at token `from` name an organisation: within
/// four words, a word ending in an organisation noun, a party, or an abbreviation (UNMIK).
fn organisation_follows(
    text: &str,
    toks: &[Token],
    from: usize,
    is_country: &dyn Fn(&Token) -> bool,
) -> bool {
    for k in from..toks.len().min(from + 4) {
        if k > from && !gap_is_space(text, &toks[k - 1], &toks[k]) {
            return false;
        }
        let w = word(text, &toks[k]);
        if is_country(&toks[k]) {
            return false;
        }
        let lower = w.to_lowercase();
        let abbreviation = w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase());
        if PARTIES.contains(&w)
            || abbreviation
            || ORGANISATION_TAILS.iter().any(|t| lower.ends_with(t))
        {
            return true;
        }
        if !is_capitalised(w) && !DETERMINERS.contains(&w) {
            return false;
        }
    }
    false
}

/// Found actor: the span of the name and the name itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Discovered {
    pub start: usize,
    pub end: usize,
    pub name: String,
}

/// `true` if a span of `spans` (sorted by start, non-overlapping, as the matcher produces
/// them) overlaps `s..e`.
fn overlaps_any(spans: &[(usize, usize)], s: usize, e: usize) -> bool {
    let idx = spans.partition_point(|&(a, _)| a < e);
    idx > 0 && spans[idx - 1].1 > s
}

/// Names introduced with a role, not overlapping any of the `occupied` byte spans;
/// `countries` are the spans of country mentions (a country in parentheses marks a
/// politician: "Alan García (Peru)").
pub(crate) fn discover(
    text: &str,
    occupied: &[(usize, usize)],
    countries: &[(usize, usize)],
) -> Vec<Discovered> {
    let toks = tokens(text);
    let mut occupied_sorted = occupied.to_vec();
    occupied_sorted.sort_unstable();
    let mut country_sorted = countries.to_vec();
    country_sorted.sort_unstable();
    let free = |s: usize, e: usize| !overlaps_any(&occupied_sorted, s, e);
    let is_country = |t: &Token| overlaps_any(&country_sorted, t.start, t.end);
    let mut out: Vec<Discovered> = Vec::new();
    // Surnames introduced alone with a role ("Celebi, die Anwältin der Frau").
    let mut lone_surnames: Vec<&str> = Vec::new();
    let push = |first: usize, last: usize, out: &mut Vec<Discovered>| {
        let (s, e) = (toks[first].start, toks[last].end);
        let name_words = (first..=last).filter(|&k| toks[k].name).count();
        if !(2..=4).contains(&name_words) || !free(s, e) {
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
    // A name from token `i` forwards: name words; particles only after the given name
    // ("Ursula von der Leyen", not "Sathit Wongnongtoey von der Kanzlei").
    let name_forward = |i: usize| -> Option<usize> {
        let mut last = None;
        let mut words = 0;
        for k in i..toks.len().min(i + 6) {
            if k > i && !gap_is_space(text, &toks[k - 1], &toks[k]) {
                break;
            }
            let w = word(text, &toks[k]);
            if toks[k].name && free(toks[k].start, toks[k].end) {
                last = Some(k);
                words += 1;
            } else if !(words == 1 && PARTICLES.contains(&w)) {
                break;
            }
        }
        last
    };
    // A name ending at token `i` backwards (at most four words), if the word before it
    // does not continue a longer capitalised phrase and is no article ("des Landes Bremen").
    let name_backward = |i: usize| -> Option<usize> {
        if !toks[i].name {
            return None;
        }
        let mut first = i;
        while first > 0
            && first + 3 > i
            && gap_is_space(text, &toks[first - 1], &toks[first])
            && toks[first - 1].name
            && free(toks[first - 1].start, toks[first - 1].end)
        {
            first -= 1;
        }
        if first == 0 || !gap_is_space(text, &toks[first - 1], &toks[first]) {
            return Some(first);
        }
        let prev = word(text, &toks[first - 1]);
        if DETERMINERS.contains(&prev) {
            return None;
        }
        let before_ok = !is_capitalised(prev)
            || is_stop_word(prev)
            || toks[first - 1].role
            || !free(toks[first - 1].start, toks[first - 1].end);
        before_ok.then_some(first)
    };
    for i in 0..toks.len() {
        // Every pattern below starts at a role noun or ends a name at token `i`
        // (`name_backward(i)` needs a name word): other tokens are skipped.
        if !toks[i].role && !toks[i].name {
            continue;
        }
        if toks[i].role {
            // Role before the name: "Handelsminister Howard Lutnick", "Oberbürgermeister Dr. …".
            let mut k = i + 1;
            while k < toks.len() && TITLES.contains(&word(text, &toks[k])) {
                k += 1;
            }
            // ". " only after a title abbreviation ("Dr. Albrecht Schröter"), never after the
            // role itself (a sentence end).
            let adjacent = k < toks.len() && {
                let g = gap(text, &toks[k - 1], &toks[k]);
                is_space(g) || (k > i + 1 && g.strip_prefix('.').is_some_and(is_space))
            };
            if adjacent {
                if let Some(last) = name_forward(k) {
                    push(k, last, &mut out);
                    if last == k && name_is_closed(text, &toks, last) {
                        lone_surnames.push(word(text, &toks[k]));
                    }
                }
            }
            // Role, complement, name: "Der Vorsitzende des Haushaltsausschusses des Parlaments
            // Alain Lamassoure erklärte", "Die Ministerin für Strafvollzug Chatuna Kalmachelidse".
            if let Some((first, last)) = complement_then_name(text, &toks, i) {
                if (first..=last).all(|k| free(toks[k].start, toks[k].end)) {
                    push(first, last, &mut out);
                }
            }
            // Role phrase, comma, name: "Der Sprecher des Ministeriums, Hans Meier, sagte".
            let attribute_follows = toks
                .get(i + 1)
                .is_none_or(|n| is_comma(gap(text, &toks[i], n)) || !is_capitalised(word(text, n)));
            if let Some(first) = comma_name_after_role(text, &toks, i).filter(|_| attribute_follows)
            {
                if let Some(last) = name_forward(first) {
                    if name_is_closed(text, &toks, last) {
                        push(first, last, &mut out);
                    }
                }
            }
        }
        let next_gap = toks.get(i + 1).map_or("", |n| gap(text, &toks[i], n));
        // Apposition: "Yun Sun, Direktorin des …", "Jutta Steinruck, als die … Oberbürgermeisterin".
        if is_comma(next_gap) && apposition_role_follows(text, &toks, i + 1, &free) {
            if let Some(first) = name_backward(i) {
                push(first, i, &mut out);
                if first == i && free(toks[i].start, toks[i].end) {
                    lone_surnames.push(word(text, &toks[i]));
                }
            }
        }
        // Organisation after the name: "John Sifton von Human Rights Watch",
        // "Mayra Veliz von der Staatsanwaltschaft".
        if is_space(next_gap)
            && toks
                .get(i + 1)
                .is_some_and(|n| matches!(word(text, n), "von" | "vom"))
        {
            let mut k = i + 2;
            if k < toks.len() && matches!(word(text, &toks[k]), "der" | "den") {
                k += 1;
            }
            if k < toks.len() && toks[i].name && organisation_follows(text, &toks, k, &is_country) {
                if let Some(first) = name_backward(i) {
                    if first < i {
                        push(first, i, &mut out);
                    }
                }
            }
        }
        // Party or country in parentheses: "Sebastian Edathy (SPD)", "Alan García (Peru)".
        let rest = text.get(toks[i].end..).unwrap_or("");
        if let Some(inner) = rest.strip_prefix(" (") {
            if let Some(k) = (i + 1 < toks.len()).then_some(i + 1) {
                let w2 = word(text, &toks[k]);
                let closes = text.get(toks[k].end..).is_some_and(|r| r.starts_with(')'));
                let marker = PARTIES.contains(&w2) || STATES.contains(&w2) || is_country(&toks[k]);
                if inner.starts_with(w2) && closes && marker {
                    if let Some(first) = name_backward(i) {
                        push(first, i, &mut out);
                    }
                }
            }
        }
    }
    // A surname introduced alone with a role and given in full elsewhere ("Celebi, die
    // Anwältin …" … "Gülsen Celebi"): the full name.
    lone_surnames.sort_unstable();
    lone_surnames.dedup();
    if !lone_surnames.is_empty() {
        for k in 1..toks.len() {
            let w = word(text, &toks[k]);
            if lone_surnames.contains(&w)
                && toks[k - 1].name
                && gap_is_space(text, &toks[k - 1], &toks[k])
                && !is_role(word(text, &toks[k - 1]))
            {
                if let Some(first) = name_backward(k - 1) {
                    if first + 1 >= k {
                        push(first, k, &mut out);
                    }
                }
            }
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

/// After a role noun: up to eight words of attributes without punctuation, then ", " and
/// the first token of a name.
fn comma_name_after_role(text: &str, toks: &[Token], role: usize) -> Option<usize> {
    let mut k = role;
    while k + 1 < toks.len() && k < role + 8 {
        let g = gap(text, &toks[k], &toks[k + 1]);
        // An abbreviation in parentheses belongs to the attribute: "der Afrikanischen Union
        // (AU), Alpha Omar Konaré".
        let g = g.strip_prefix(')').unwrap_or(g);
        if is_comma(g) {
            return Some(k + 1);
        }
        let g = g.trim_end_matches('(');
        if !(g.is_empty() || is_space(g)) {
            return None;
        }
        k += 1;
    }
    None
}

/// After a role noun: a complement opened by a preposition or article (up to seven words,
/// no punctuation), whose last run of capitalised words is the complement's noun followed by a
/// name of two or three words that ends the clause. Capitalised adjectives ("Auswärtigen
/// Amtes") belong to the complement. Returns the name's first and last token.
fn complement_then_name(text: &str, toks: &[Token], role: usize) -> Option<(usize, usize)> {
    let opener = toks.get(role + 1)?;
    if !COMPLEMENT_OPENERS.contains(&word(text, opener)) || !gap_is_space(text, &toks[role], opener)
    {
        return None;
    }
    // The end of the clause: the last token before a boundary, within seven words.
    let mut end = role + 1;
    while end + 1 < toks.len() && end < role + 8 && gap_is_space(text, &toks[end], &toks[end + 1]) {
        if name_is_closed(text, toks, end) && toks[end].name && end > role + 3 {
            break;
        }
        end += 1;
    }
    if !name_is_closed(text, toks, end) || !toks[end].name {
        return None;
    }
    // The run of capitalised tokens ending at `end`.
    let mut start = end;
    while start > role + 2 && is_capitalised(word(text, &toks[start - 1])) {
        start -= 1;
    }
    // The complement's noun (and capitalised adjectives before it) comes first.
    let mut first = start;
    while first < end && is_adjective_like(word(text, &toks[first])) {
        first += 1;
    }
    first += 1;
    let words = end + 1 - first;
    ((2..=3).contains(&words) && (first..=end).all(|k| toks[k].name)).then_some((first, end))
}

/// A capitalised word with an adjective ending ("Auswärtigen", "Demokratischen").
fn is_adjective_like(w: &str) -> bool {
    [
        "ischen", "ischer", "ischem", "ische", "igen", "igem", "iger", "igten", "lichen", "licher",
    ]
    .iter()
    .any(|e| w.ends_with(e))
}

/// The name ends at a clause boundary: ",", ".", ")", ";", ":", " (" or before a
/// lower-case word.
fn name_is_closed(text: &str, toks: &[Token], last: usize) -> bool {
    let rest = text.get(toks[last].end..).unwrap_or("");
    if rest.is_empty() || rest.starts_with([',', '.', ')', ';', ':']) || rest.starts_with(" (") {
        return true;
    }
    let after = rest.trim_start_matches([' ', '\u{a0}']);
    after.len() < rest.len()
        && (after.starts_with('(') || after.chars().next().is_some_and(char::is_lowercase))
}

/// After ", ": optional determiner, up to five lower-case words, then a role noun that is
/// not itself followed by an unknown capitalised word ("Northrop Grumman, General Dynamics").
fn apposition_role_follows(
    text: &str,
    toks: &[Token],
    from: usize,
    free: &dyn Fn(usize, usize) -> bool,
) -> bool {
    let mut k = from;
    // "…, als die linksrheinische Oberbürgermeisterin"
    if k < toks.len() && word(text, &toks[k]) == "als" {
        k += 1;
    }
    let determiner = k < toks.len() && DETERMINERS.contains(&word(text, &toks[k]));
    if determiner {
        k += 1;
    }
    // Without a determiner the role comes right after the comma ("Yun Sun, Direktorin …").
    let limit = if determiner { k + 5 } else { k };
    while k < toks.len() && k <= limit {
        let w = word(text, &toks[k]);
        if toks[k].role {
            let next_is_unknown_name = toks.get(k + 1).is_some_and(|n| {
                gap_is_space(text, &toks[k], n)
                    && is_capitalised(word(text, n))
                    && free(n.start, n.end)
            });
            return !next_is_unknown_name;
        }
        // Known names may stand in the attribute: "der für das Kosovo zuständige Minister".
        let known = determiner && !free(toks[k].start, toks[k].end);
        if is_capitalised(w) && !known {
            return false;
        }
        k += 1;
    }
    false
}

/// `true` if the single word at `start..end` follows an unknown first name
/// ("Jose Luis Guterres", "Melania Trump"): then it is somebody else's surname.
pub(crate) fn follows_other_first_name(
    text: &str,
    start: usize,
    occupied: &[(usize, usize)],
) -> bool {
    let Some(before) = text.get(..start).and_then(|b| b.strip_suffix(' ')) else {
        return false;
    };
    let prev_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '-')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let prev = &before[prev_start..];
    if is_role(prev)
        || !is_name_word(prev)
        || occupied
            .iter()
            .any(|&(a, b)| a < before.len() && prev_start < b)
    {
        return false;
    }
    // A capitalised word at the start of a sentence is not a first name.
    let sentence_start = before[..prev_start]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '„' | '“' | '»' | '«'));
    !sentence_start
}

#[cfg(test)]
mod tests {
    /// `ends_with_role_suffix` without the bit filter (the binary search alone).
    fn ends_with_role_suffix_reference(t: &str) -> bool {
        let map = role_suffixes_by_tail();
        match t.as_bytes() {
            [.., a, b] => map
                .binary_search_by_key(&[*a, *b], |(k, _)| *k)
                .is_ok_and(|i| map[i].1.iter().any(|s| t.ends_with(s))),
            _ => false,
        }
    }

    #[test]
    fn role_suffix_filter_agrees_with_the_search() {
        // The three-byte groups hold every suffix.
        assert!(ROLE_SUFFIXES.iter().all(|s| s.len() >= 3));
        let mut words: Vec<String> = ["", "a", "Ä", "in", "chef", "Chef"]
            .map(String::from)
            .to_vec();
        for s in ROLE_SUFFIXES.iter().chain(NOT_ROLES) {
            for e in ["", "in", "s", "es", "en", "n", "nen", "e", "x"] {
                words.push(format!("{s}{e}"));
                words.push(format!("vize{s}{e}"));
            }
        }
        let generator = crate::corpus::CorpusGenerator::demo(3).expect("demo generator");
        for a in generator.articles(60) {
            words.extend(a.text.split_whitespace().map(|w| w.to_lowercase()));
        }
        let mut found = 0;
        for w in &words {
            assert_eq!(
                ends_with_role_suffix(w.as_bytes()),
                ends_with_role_suffix_reference(w),
                "{w:?}"
            );
            found += usize::from(ends_with_role_suffix(w.as_bytes()));
        }
        assert!(found > 100, "{found}");
    }

    use super::*;

    fn names(text: &str) -> Vec<String> {
        discover(text, &[], &[])
            .into_iter()
            .map(|d| d.name)
            .collect()
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
    fn organisation_after_name() {
        assert_eq!(
            names("Mayra Veliz von der Staatsanwaltschaft bezeichnete die Angaben"),
            vec!["Mayra Veliz"]
        );
        assert_eq!(
            names("Ronny Tong von der Civic Party nannte es"),
            vec!["Ronny Tong"]
        );
        // A place after "von" is no organisation.
        assert!(names("Hans Meier von der Insel kam").is_empty());
    }

    #[test]
    fn role_complement_then_name() {
        assert_eq!(
            names(
                "Der Vorsitzende des Haushaltsausschusses des Parlaments Alain Lamassoure erklärte"
            ),
            vec!["Alain Lamassoure"]
        );
        assert_eq!(
            names("Die Ministerin für Strafvollzug Chatuna Kalmachelidse und der Minister"),
            vec!["Chatuna Kalmachelidse"]
        );
        assert_eq!(
            names("sagte der Sprecher des Auswärtigen Amtes Martin Schäfer heute"),
            vec!["Martin Schäfer"]
        );
    }

    #[test]
    fn lone_surname_with_role_then_full_name() {
        assert_eq!(
            names("Celebi, die Anwältin der Frau, sagte. Später erklärte Gülsen Celebi, dass"),
            vec!["Gülsen Celebi"]
        );
    }

    #[test]
    fn spacing_states_and_abbreviations() {
        assert_eq!(
            names("Mitabgeordnete in der Versammlung Hongkongs,  Claudia Mo, urteilte"),
            vec!["Claudia Mo"]
        );
        assert_eq!(
            names("mit Heide Simonis (Schleswig-Holstein) und"),
            vec!["Heide Simonis"]
        );
        assert_eq!(
            names(
                "Der Kommissionspräsident der Afrikanischen Union (AU), Alpha Omar Konaré, nannte"
            ),
            vec!["Alpha Omar Konaré"]
        );
    }

    #[test]
    fn rejects_sentence_ends_articles_and_kin_words() {
        assert!(
            names("Er war Berater des UNIDO-Chefs. Berufliche Erfahrungen machte er").is_empty()
        );
        assert!(names("den Ministerpräsidenten des Landes Bremen, den Bürgermeister").is_empty());
        assert_eq!(
            names("ernannte Eyadémas Sohn Faure Gnassingbé, den bisherigen Minister, zum"),
            vec!["Faure Gnassingbé"]
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
