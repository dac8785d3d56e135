//! Speaker noun phrases around a cue (`sagte der russische Präsident Wladimir Putin`,
//! `Yun Sun, Direktorin des China-Programms, sagte`) and their resolution to canonical actors
//! (names, pronouns `er`/`sie`, role nouns `der Präsident`, `der Kreml`). A phrase keeps its
//! genitive attribute also after a possessive or a strong adjective (`Angaben seines Sprechers`,
//! `Berichten britischer Zeitungen`) and coordinated speakers (`Özcan Mutlu und Benedikt Lux`).

use super::text::{Tok, TokKind};
use crate::enrich::{Mention, MentionKind};

/// A gender lookup by actor key, as borrowed by the resolver.
pub(crate) type GenderFn<'a> = &'a dyn Fn(&str) -> Option<Gender>;

pub use crate::enrich::entities::Gender;

const DETERMINERS: &[&str] = &[
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "einem",
    "einen",
    "eines",
    "sein",
    "seine",
    "seiner",
    "seinem",
    "seinen",
    "seines",
    "ihr",
    "ihre",
    "ihrer",
    "ihrem",
    "ihren",
    "ihres",
    "dieser",
    "diese",
    "dieses",
    "diesem",
    "diesen",
    "jener",
    "jene",
    "mehrere",
    "viele",
    "einige",
    "beide",
    "beiden",
    "zwei",
    "drei",
    "alle",
    "unser",
    "unsere",
    "eigenen",
    "eigene",
    "offiziellen",
    "ersten",
    "vieler",
    "mehrerer",
    "einiger",
    "aller",
    "beider",
];

/// Articles that can open a genitive attribute after a noun (`Angaben der Polizei`); other
/// articles after a noun start a new phrase (`laut der Netzzeitung das Leben`).
const GENITIVE: &[&str] = &[
    "der", "des", "eines", "einer", "vieler", "mehrerer", "einiger", "aller", "beider",
];

/// Possessive determiners that open a genitive attribute after a noun
/// (`Angaben seines Sprechers`, `nach Angaben ihrer Anwälte`).
const POSSESSIVE_GENITIVE: &[&str] = &["seines", "seiner", "ihres", "ihrer", "unseres", "unserer"];

/// Function words ending in `-er` that are no genitive adjectives (`Merkel wieder Kanzlerin`).
const NOT_GENITIVE_ADJ: &[&str] = &[
    "aber", "oder", "über", "immer", "wieder", "weiter", "unter", "hinter", "später", "außer",
    "jeder", "dieser", "jener", "welcher", "unser", "euer", "mehr", "sicher", "bisher", "vorher",
    "nachher", "daher", "seither", "früher", "lieber", "eher", "ferner", "nieder", "wider",
];

/// Conjunctions joining two speakers into one phrase (`Özcan Mutlu und Benedikt Lux`).
const COORDINATORS: &[&str] = &["und", "sowie"];

/// Prepositions allowed inside a speaker phrase between nouns (`Jim DeMint aus South Carolina`).
const NP_PREPS: &[&str] = &["von", "aus", "vom", "für", "im", "am", "ohne"];

/// Demonstratives that stand for a speaker right before the verb (`Dieser behauptete, …`).
const DEMONSTRATIVES: &[&str] = &["dieser", "letzterer", "letztere", "jener"];

/// Personal pronouns that can be speakers.
const PRONOUNS: &[&str] = &["er", "sie", "wir", "ich", "man"];

/// Capitalised words that never start or continue a speaker phrase.
const NOT_NOUN: &[&str] = &[
    "Am",
    "Im",
    "In",
    "Nach",
    "Bei",
    "Auf",
    "Aus",
    "Vor",
    "Seit",
    "Zudem",
    "Dabei",
    "Doch",
    "Aber",
    "Und",
    "Auch",
    "Es",
    "Dies",
    "Das",
    "Dass",
    "Wie",
    "So",
    "Als",
    "Wenn",
    "Weil",
    "Während",
    "Laut",
    "Gestern",
    "Heute",
    "Jetzt",
    "Nun",
    "Dann",
    "Später",
    "Zuvor",
    "Danach",
    "Damit",
    "Daher",
    "Deshalb",
    "Trotzdem",
    "Allerdings",
    "Jedoch",
    "Außerdem",
    "Gleichzeitig",
    "Wochenende",
    "Interview",
    "Pressekonferenz",
    "Erklärung",
    "Mitteilung",
    "Ende",
    "Anfang",
    "Woche",
    "Abend",
    "Morgen",
    "Nachmittag",
    "Vormittag",
    "Rande",
    "Rahmen",
    "Ihr",
    "Ihre",
    "Diese",
    "Dieser",
    "Zur",
    "Zum",
    "Mit",
    "Über",
    "Um",
    "Gegenüber",
    "Angesichts",
    "Wir",
    "Ich",
    "Sie",
    "Er",
    "Man",
    "Demnach",
    "Zufolge",
    "Wonach",
    "Gemäß",
    "Bezug",
    "Hinblick",
    // sentence adverbs, capitalised only at the start of a sentence
    "Dazu",
    "Darauf",
    "Daraufhin",
    "Darüber",
    "Dagegen",
    "Dennoch",
    "Weiter",
    "Weiterhin",
    "Ferner",
    "Erstmals",
    "Zunächst",
    "Zuletzt",
    "Schließlich",
    "Anschließend",
    "Offiziell",
    "Inoffiziell",
    "Sinngemäß",
    "Wörtlich",
    "Ebenso",
    "Ebenfalls",
    "Bereits",
    "Erneut",
    "Damals",
    "Inzwischen",
    "Mittlerweile",
    "Offenbar",
    "Angeblich",
    "Vermutlich",
    "Wahrscheinlich",
    "Hier",
    "Dort",
    "Des",
    "Weiteren",
    "Zu",
    "Zwar",
    "Insbesondere",
    "Besonders",
    "Derzeit",
    "Bisher",
    "Bislang",
    "Ursprünglich",
    "Daraus",
    "Darin",
    "Hierzu",
    "Hierbei",
    "Hingegen",
    "Stattdessen",
    "Immerhin",
    "Vielmehr",
    "Zugleich",
    "Somit",
    "Folglich",
    "Demzufolge",
    "Jedenfalls",
    "Tatsächlich",
    "Eigentlich",
    "Sogar",
    "Kaum",
    "Künftig",
    "Aktuell",
    "Seither",
    "Seitdem",
    "Wiederum",
    "Was",
    "Ab",
    // finite verbs, capitalised only at the start of a question or a conditional clause
    "Hatte",
    "Hatten",
    "Hätte",
    "Hätten",
    "Wäre",
    "Wären",
    "Kämen",
    "Käme",
    "Ist",
    "War",
    "Wird",
    "Wurde",
];

fn word<'a>(text: &'a str, t: &Tok) -> &'a str {
    &text[t.start..t.end]
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn lower_in(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

pub(crate) fn is_determiner(w: &str) -> bool {
    lower_in(w, DETERMINERS)
}

pub(crate) fn is_pronoun(w: &str) -> bool {
    lower_in(w, PRONOUNS)
}

/// A noun-like word: capitalised, not a function word, not a reporting verb.
fn is_noun(w: &str) -> bool {
    // a capitalised verb form is a noun when it is also a source noun (`Berichten zufolge`)
    (is_cap(w)
        && !NOT_NOUN.contains(&w)
        && !crate::enrich::calendar::is_calendar_word(w)
        && !super::cues::lookup(w).is_some_and(|e| e.any_verb() && !e.nach_noun))
        || lower_name(w)
}

/// A lower-case name: an Arabic article before a capitalised name (`al-Dschasira`,
/// `el-Baradei`) or a name with an inner dot (`ver.di`, `tagesschau.de`).
fn lower_name(w: &str) -> bool {
    if w.chars().count() < 5 || is_cap(w) {
        return false;
    }
    let article = w.split_once('-').is_some_and(|(a, rest)| {
        ["al", "el", "ad", "as", "an", "ar", "at", "ash", "az"].contains(&a) && is_cap(rest)
    });
    let dotted = w.contains('.')
        && w.chars().last().is_some_and(char::is_alphabetic)
        && w.split('.').all(|p| p.chars().count() >= 2);
    article || dotted
}

/// A lower-case inflected adjective or participle (`russische`, `ehemaliger`, `zugehöriges`).
fn is_adjective(w: &str) -> bool {
    !is_cap(w)
        && w.chars().count() > 3
        && (w.ends_with('e')
            || w.ends_with("en")
            || w.ends_with("er")
            || w.ends_with("es")
            || w.ends_with("em"))
}

/// The noun phrase starting at token `i` (tokens `[i, end)` and the phrase end token), bounded by
/// `limit`. Accepts: pronoun; (determiner) (adjective)* noun+ with genitive/`von`/`aus`
/// continuations and one comma apposition.
pub(crate) fn np_after(text: &str, toks: &[Tok], i: usize, limit: usize) -> Option<(usize, usize)> {
    let limit = limit.min(toks.len());
    if i >= limit {
        return None;
    }
    let w0 = word(text, &toks[i]);
    if toks[i].is_word() && is_pronoun(w0) {
        return Some((i, i + 1));
    }
    let end = np_core(text, toks, i, limit)?;
    // apposition: ", Direktorin des China-Programms am Stimson Center,"
    let mut end = end;
    if end + 1 < limit && toks[end].is_punct(',') {
        if let Some(app) = apposition(text, toks, end + 1, limit) {
            end = app;
        }
    }
    Some((i, end))
}

/// The core NP from `i`: returns the end token (exclusive).
fn np_core(text: &str, toks: &[Tok], i: usize, limit: usize) -> Option<usize> {
    let mut j = i;
    let mut nouns = 0;
    let mut after_det = false;
    let mut last_noun_end = None;
    while j < limit {
        let t = &toks[j];
        let w = word(text, t);
        match t.kind {
            TokKind::Word | TokKind::Number => {
                if is_determiner(w)
                    && (j == i || (last_noun_end == Some(j) && lower_in(w, GENITIVE)))
                {
                    // genitive continuation only after a noun: "der Stadt Cottbus"
                    after_det = true;
                } else if last_noun_end == Some(j)
                    && (lower_in(w, POSSESSIVE_GENITIVE)
                        || (!is_cap(w)
                            && w.ends_with("er")
                            && !lower_in(w, NOT_GENITIVE_ADJ)
                            && is_adjective(w)
                            && toks
                                .get(j + 1)
                                .is_some_and(|n| n.is_word() && is_noun(word(text, n)))))
                    && j + 1 < limit
                {
                    // genitive attribute with a possessive or a strong adjective:
                    // "Angaben seines Sprechers", "Berichten britischer Zeitungen"
                    after_det = true;
                } else if nouns > 0
                    && last_noun_end == Some(j)
                    && lower_in(w, COORDINATORS)
                    && j + 1 < limit
                    && toks.get(j + 1).is_some_and(|n| {
                        n.is_word() && {
                            let nw = word(text, n);
                            is_cap(nw) && !is_pronoun(nw)
                        }
                    })
                    && np_core(text, toks, j + 1, limit).is_some()
                {
                    // coordinated speakers: "Özcan Mutlu und Benedikt Lux"
                    after_det = true;
                } else if !is_cap(w)
                    && is_adjective(w)
                    && (after_det
                        || (j == i
                            && toks.get(j + 1).is_some_and(|n| {
                                let nw = word(text, n);
                                is_noun(nw) || is_adjective(nw)
                            })))
                {
                    after_det = true;
                } else if is_noun(w)
                    || (t.kind == TokKind::Number
                        && nouns > 0
                        && !after_genitive(text, toks, i, j)
                        && !quantity(text, toks, j))
                {
                    nouns += 1;
                    after_det = false;
                    last_noun_end = Some(j + 1);
                } else if nouns > 0
                    && w == "in"
                    && j > i
                    && toks
                        .get(j + 1)
                        .is_some_and(|n| n.is_word() && is_noun(word(text, n)))
                    && (i..j).any(|x| is_determiner(word(text, &toks[x])))
                    && j + 1 < limit
                {
                    last_noun_end = Some(j + 1);
                } else if nouns > 0
                    && lower_in(w, NP_PREPS)
                    && toks.get(j + 1).is_some_and(|n| {
                        let nw = word(text, n);
                        is_noun(nw) || is_determiner(nw)
                    })
                    && j + 1 < limit
                {
                    after_det = true;
                    last_noun_end = Some(j + 1);
                } else {
                    break;
                }
            }
            TokKind::Quote(_)
                if (after_det || (nouns > 0 && last_noun_end == Some(j)))
                    && quoted_name_end(text, toks, j, limit).is_some() =>
            {
                // a quoted name inside the phrase: des Magazins „auto, motor und sport“
                let close = quoted_name_end(text, toks, j, limit).unwrap_or(j);
                nouns += 1;
                after_det = false;
                last_noun_end = Some(close + 1);
                j = close + 1;
                if j - i > 14 {
                    break;
                }
                continue;
            }
            TokKind::Punct('(') if nouns > 0 && last_noun_end == Some(j) => {
                // an abbreviation or party in brackets: Klaus Wowereit (SPD)
                if toks.get(j + 2).is_some_and(|t| t.is_punct(')'))
                    && toks.get(j + 1).is_some_and(|t| t.is_word())
                    && j + 2 < limit
                {
                    last_noun_end = Some(j + 3);
                    j += 3;
                    continue;
                }
                break;
            }
            TokKind::Punct('.')
                if nouns > 0
                    && last_noun_end == Some(j)
                    && j > i
                    && (["Prof", "Dr", "St"].contains(&word(text, &toks[j - 1]))
                        || initial(text, toks, j, limit))
                    && !t.ws_before =>
            {
                // a title abbreviation or an initial: Prof. Dr. Matthias W. Beckmann
                last_noun_end = Some(j + 1);
            }
            TokKind::Quote(_) => {
                // a quoted name inside the phrase: die „Computerwoche“
                if nouns == 0 && after_det {
                } else if nouns > 0 && last_noun_end == Some(j) {
                    last_noun_end = Some(j + 1);
                } else {
                    break;
                }
            }
            _ => break,
        }
        j += 1;
        if j - i > 14 {
            break;
        }
    }
    if nouns == 0 {
        return None;
    }
    let mut end = last_noun_end?;
    // do not end on an opening quote mark
    while end > i && matches!(toks[end - 1].kind, TokKind::Quote(_)) && end - 1 > i {
        let prev_is_word = toks[end - 2].is_word();
        if prev_is_word && !toks[end - 1].ws_before {
            break;
        }
        end -= 1;
    }
    Some(end)
}

/// Whether the period at `j` closes the initial of a name (`Matthias W. Beckmann`,
/// `Jürgen R. Thumann`): a single capital letter before it and a capitalised name after it.
fn initial(text: &str, toks: &[Tok], j: usize, limit: usize) -> bool {
    let mut letter = word(text, &toks[j - 1]).chars();
    letter.next().is_some_and(char::is_uppercase)
        && letter.next().is_none()
        && j + 1 < limit
        && toks
            .get(j + 1)
            .is_some_and(|n| n.is_word() && n.ws_before && is_noun(word(text, n)))
}

/// A number that counts the next noun (`502 Menschen`, `7.000 Einwohner`) starts a new phrase;
/// a number naming something stays in it (`Apollo 11`, `Flash 8`).
fn quantity(text: &str, toks: &[Tok], j: usize) -> bool {
    word(text, &toks[j]).contains(['.', ','])
        || toks
            .get(j + 1)
            .is_some_and(|n| n.is_word() && is_noun(word(text, n)))
}

/// A number after a genitive attribute starts a new phrase (`laut der Netzzeitung 40 Menschen`).
fn after_genitive(text: &str, toks: &[Tok], i: usize, j: usize) -> bool {
    (i + 1..j).any(|x| toks[x].is_word() && lower_in(word(text, &toks[x]), GENITIVE))
}

/// The closing mark of a short quoted name starting at the opening mark `j` (at most eight
/// tokens, no sentence punctuation inside), if any.
pub(crate) fn quoted_name_end(text: &str, toks: &[Tok], j: usize, limit: usize) -> Option<usize> {
    let _ = text;
    let mut k = j + 1;
    while k < limit.min(j + 10) {
        match toks[k].kind {
            TokKind::Quote(_) => return (k > j + 1).then_some(k),
            TokKind::Punct('.' | ';' | ':' | '!' | '?') => return None,
            _ => {}
        }
        k += 1;
    }
    None
}

/// Prepositions that attach an attribute to a person noun (`der Vorsitzende im Landtag`).
const ATTRIBUTE_PREPS: &[&str] = &[
    "im", "in", "am", "an", "beim", "bei", "von", "vom", "aus", "für", "zur", "zum",
];

/// Whether `i..j` is a noun phrase with prepositional attributes (`Der Fraktionsvorsitzende im
/// niedersächsischen Landtag`): at most twelve words, opening with a determiner or a noun,
/// ending with a noun, every lower-case word a determiner, preposition or adjective.
fn attributed_head(text: &str, toks: &[Tok], i: usize, j: usize) -> bool {
    if j <= i || j - i > 12 {
        return false;
    }
    let first = word(text, &toks[i]);
    let last = word(text, &toks[j - 1]);
    toks[i..j].iter().all(|t| t.is_word())
        && (is_determiner(first) || is_noun(first))
        && is_noun(last)
        && toks[i + 1..j].iter().all(|t| {
            let w = word(text, t);
            is_noun(w) || is_determiner(w) || lower_in(w, ATTRIBUTE_PREPS) || is_adjective(w)
        })
}

/// A comma apposition starting at `i` (after the comma): up to 14 tokens up to the next comma or
/// the clause end, starting with a determiner or noun and ending with a noun, without verbs.
/// Returns the end token (exclusive).
fn apposition(text: &str, toks: &[Tok], i: usize, limit: usize) -> Option<usize> {
    let w0 = word(text, toks.get(i)?);
    if !(toks[i].is_word() && (is_determiner(w0) || is_noun(w0))) {
        return None;
    }
    let mut j = i;
    while j < limit && j - i <= 16 {
        let t = &toks[j];
        match t.kind {
            TokKind::Punct(',')
            | TokKind::Punct('.')
            | TokKind::Punct(';')
            | TokKind::Punct(':') => break,
            TokKind::Quote(_) => {}
            TokKind::Punct(_) => return None,
            _ => {
                let w = word(text, t);
                if let Some(e) = super::cues::lookup(w) {
                    if e.any_verb() || e.konj {
                        return None;
                    }
                }
                if lower_in(w, &["dass", "der", "die", "das"]) && j > i && toks[j - 1].is_punct(',')
                {
                    return None;
                }
            }
        }
        j += 1;
    }
    if j == i || j - i > 16 {
        return None;
    }
    // must end on a capitalised word, a number or a closing quote (not a verb)
    let last = &toks[j - 1];
    let lw = word(text, last);
    let ok = match last.kind {
        TokKind::Word => is_cap(lw),
        TokKind::Number => true,
        TokKind::Quote(_) => true,
        _ => false,
    };
    // a relative clause ("der … hatte") ends in a lower-case verb; a pronoun subject
    // ("sagte Trump, er …") is not an apposition
    if !ok || is_pronoun(w0) {
        return None;
    }
    Some(j)
}

/// The noun phrase that ends right before token `k` (exclusive), not before `lo`.
/// Handles `Name, Apposition, sagte` and skips a relative clause `Deiss, der …, sagte`.
pub(crate) fn np_before(text: &str, toks: &[Tok], k: usize, lo: usize) -> Option<(usize, usize)> {
    if k <= lo {
        return None;
    }
    let last = &toks[k - 1];
    if last.is_punct(',') {
        // segment between the previous comma and this one
        let mut s = k - 1;
        while s > lo && !toks[s - 1].is_punct(',') {
            s -= 1;
        }
        if s > lo && toks[s - 1].is_punct(',') {
            let head = np_before(text, toks, s - 1, lo)?;
            // apposition? then the phrase covers it; a relative clause is skipped
            if apposition(text, toks, s, k - 1).is_some_and(|e| e == k - 1) {
                // the head phrase may hold a prepositional attribute: "Der Fraktionsvorsitzende
                // im niedersächsischen Landtag, Wolfgang Jüttner,"
                let mut hs = s - 1;
                while hs > lo && !toks[hs - 1].is_punct(',') {
                    hs -= 1;
                }
                let start = if hs == lo && hs < head.0 && attributed_head(text, toks, hs, s - 1) {
                    hs
                } else {
                    head.0
                };
                return Some((start, k - 1));
            }
            return Some(head);
        }
        return None;
    }
    if last.is_word()
        && (is_pronoun(word(text, last)) || lower_in(word(text, last), DEMONSTRATIVES))
    {
        return Some((k - 1, k));
    }
    // walk back over NP-ish tokens
    let mut s = k;
    while s > lo {
        let t = &toks[s - 1];
        let w = word(text, t);
        let ok = match t.kind {
            TokKind::Word => {
                is_noun(w)
                    || is_determiner(w)
                    || (is_adjective(w) && s - 1 > lo && {
                        let pw = word(text, &toks[s - 2]);
                        is_determiner(pw) || is_adjective(pw)
                    })
                    || ((lower_in(w, NP_PREPS) || w == "in")
                        && s < k
                        && is_noun(word(text, &toks[s]))
                        && s - 1 > lo
                        && is_noun(word(text, &toks[s - 2])))
            }
            TokKind::Number => false,
            // a quoted name may end the phrase: die Wochenzeitung „Die Zeit“ meldet
            TokKind::Quote(_) => s < k || (s - 1 > lo && toks[s - 2].is_word() && !t.ws_before),
            _ => false,
        };
        if !ok {
            break;
        }
        s -= 1;
        if k - s > 14 {
            break;
        }
    }
    // trim leading prepositions/quotes; must contain a noun
    while s < k
        && (matches!(toks[s].kind, TokKind::Quote(_)) || lower_in(word(text, &toks[s]), NP_PREPS))
    {
        s += 1;
    }
    if s >= k || !(s..k).any(|j| toks[j].is_word() && is_noun(word(text, &toks[j]))) {
        return None;
    }
    // coordinated speakers opening the clause: "Özcan Mutlu und Benedikt Lux sagten"
    if s > lo + 1 && toks[s - 1].is_word() && lower_in(word(text, &toks[s - 1]), COORDINATORS) {
        if let Some((s2, _)) = np_before(text, toks, s - 1, lo) {
            if s2 == lo {
                return Some((s2, k));
            }
        }
    }
    Some((s, k))
}

/// Role nouns of persons that refer back to an actor named earlier (`der Präsident`,
/// `der Kremlchef`), matched as word endings (`US-Präsident` ends in `präsident`).
const PERSON_ROLES: &[&str] = &[
    "premierministerin",
    "premierminister",
    "ministerpräsidentin",
    "ministerpräsident",
    "präsidentin",
    "präsident",
    "kanzlerin",
    "kanzler",
    "ministerin",
    "minister",
    "sprecherin",
    "sprecher",
    "chefin",
    "chef",
    "premier",
    "politikerin",
    "politiker",
    "amtskollegin",
    "amtskollege",
    "republikanerin",
    "republikaner",
    "demokratin",
    "demokrat",
    "senatorin",
    "senator",
    "königin",
    "könig",
    "papst",
    "diplomatin",
    "diplomat",
    "botschafterin",
    "botschafter",
    "vorsitzende",
    "vorsitzender",
    "gouverneurin",
    "gouverneur",
    "bürgermeisterin",
    "bürgermeister",
    "trainerin",
    "trainer",
    "direktorin",
    "direktor",
    "anwältin",
    "anwalt",
    "leiterin",
    "leiter",
    "abgeordnete",
    "abgeordneter",
    "sekretärin",
    "sekretär",
    "regierungschefin",
    "regierungschef",
    "staatschefin",
    "staatschef",
];

/// Institutions that speak in their own right (`der Kreml`, `die Staatsmedien`, `das Ministerium`):
/// never resolved to a person.
const INSTITUTIONS: &[&str] = &[
    "kreml",
    "medien",
    "regierung",
    "führung",
    "ministerium",
    "haus",
    "weißen",
    "weiße",
    "behörde",
    "behörden",
    "polizei",
    "staatsanwaltschaft",
    "agentur",
    "nachrichtenagentur",
    "gericht",
    "verband",
    "partei",
    "unternehmen",
    "konzern",
    "amt",
    "verwaltung",
    "kommission",
    "rat",
    "armee",
    "militär",
    "zeitung",
    "sender",
    "fernsehen",
    "rundfunk",
    "botschaft",
    "opposition",
    "ministerien",
    "pentagon",
];

/// The person role word ending `w` ends with (lower case), if any.
fn person_role(w: &str) -> Option<&'static str> {
    let l = w.to_lowercase();
    PERSON_ROLES.iter().copied().find(|r| l.ends_with(r))
}

/// The role of a possibly inflected role word (`Präsidenten`, `Kanzlers`, `Ministerinnen`).
fn inflected_role(w: &str) -> Option<&'static str> {
    person_role(w).or_else(|| {
        ["nen", "en", "n", "es", "s"]
            .iter()
            .filter_map(|suf| w.strip_suffix(suf))
            .find_map(person_role)
    })
}

fn is_institution(w: &str) -> bool {
    let l = w.to_lowercase();
    INSTITUTIONS.iter().any(|r| l.ends_with(r))
}

/// Words that may stand between the determiner and the head of a role phrase: lower-case
/// adjectives (`russische`), a role word, or an institution word.
fn role_phrase<'a>(words: &[&'a str]) -> Option<(bool, Vec<&'a str>)> {
    let (first, rest) = words.split_first()?;
    if !is_determiner(first) || rest.is_empty() {
        return None;
    }
    let head = *rest.last()?;
    let person = if person_role(head).is_some() {
        true
    } else if is_institution(head) || rest.iter().any(|w| is_institution(w)) {
        false
    } else {
        return None;
    };
    // the other words must be lower-case modifiers (or role / institution words)
    if rest[..rest.len() - 1]
        .iter()
        .any(|w| is_cap(w) && person_role(w).is_none() && !is_institution(w))
    {
        return None;
    }
    // qualifiers: adjectives and the prefix of a compound role word (`US-`, `Kreml`)
    let mut quals: Vec<&str> = rest[..rest.len() - 1].to_vec();
    if let Some(r) = person_role(head) {
        let l = head.to_lowercase();
        let prefix_len = l.len() - r.len();
        if prefix_len >= 2 {
            if let Some(p) = head.get(..prefix_len) {
                quals.push(p.trim_end_matches('-'));
            }
        }
    }
    Some((person, quals))
}

/// A qualifier matches a word when they share their first five letters (`russische` /
/// `russischen`, `Kreml` / `Kremlchef`).
fn qualifier_matches(q: &str, w: &str) -> bool {
    let q: String = q.to_lowercase().chars().take(5).collect();
    let w = w.to_lowercase();
    q.chars().count() >= 2 && w.starts_with(&q)
}

/// The actor that holds the role of a role phrase in this article: an Actor mention before the
/// phrase with the same role word right before it (`der russische Präsident Wladimir Putin`) or in
/// an apposition after it (`Wladimir Putin, der russische Präsident,`). Mentions whose context also
/// has the phrase's qualifiers (`russische`) win; then the nearest.
fn role_holder(
    text: &str,
    before: usize,
    role: &str,
    quals: &[&str],
    mentions: &[Mention],
    compatible: &dyn Fn(&str) -> bool,
) -> Option<String> {
    let mut best: Option<(usize, usize, &str)> = None;
    for m in mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Actor && m.end <= before && compatible(&m.key))
    {
        let mut lo = m.start.saturating_sub(60);
        while lo > 0 && !text.is_char_boundary(lo) {
            lo -= 1;
        }
        let mut hi = (m.end + 50).min(before);
        while hi < text.len() && !text.is_char_boundary(hi) {
            hi += 1;
        }
        let left = text.get(lo..m.start).unwrap_or("");
        // only the clause right before the name (after the last sentence end)
        let left = left.rsplit(['.', '!', '?', '\n']).next().unwrap_or("");
        let right = text.get(m.end..hi).unwrap_or("");
        let right = right
            .strip_prefix(',')
            .and_then(|r| r.split([',', '.', '(', '\n']).next())
            .unwrap_or("");
        let words = |s: &'_ str| -> Vec<String> {
            s.split(|c: char| !c.is_alphanumeric() && c != '-')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        let lw = words(left);
        // the role word must be among the last four words before the name
        let lw: Vec<String> = lw.iter().rev().take(4).cloned().collect();
        let rw = words(right);
        let ctx: Vec<&String> = lw.iter().chain(rw.iter()).collect();
        if !ctx.iter().any(|w| {
            inflected_role(w).is_some_and(|r| r == role || r.trim_end_matches("in") == role)
        }) {
            continue;
        }
        let qual_hits = quals
            .iter()
            .filter(|q| ctx.iter().any(|w| qualifier_matches(q, w)))
            .count();
        let key = (qual_hits, m.end);
        if best.is_none_or(|(q, e, _)| key > (q, e)) {
            best = Some((qual_hits, m.end, m.key.as_str()));
        }
    }
    best.map(|(_, _, k)| k.to_string())
}

/// Resolves a speaker phrase to a canonical actor: an Actor mention inside the phrase; an
/// Organisation mention inside an institution phrase (`der Kreml`); for a pronoun the salient or
/// nearest preceding compatible actor; for a person role phrase (`der russische Präsident`) the
/// actor named with that role earlier in the article, else the only actor mentioned so far.
pub(crate) fn resolve(
    text: &str,
    span: (usize, usize),
    mentions: &[Mention],
    gender: Option<GenderFn<'_>>,
    salient: Option<&str>,
) -> Option<String> {
    let (s, e) = span;
    if let Some(m) = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Actor && m.start < e && s < m.end)
        .min_by_key(|m| m.start)
    {
        return Some(m.key.clone());
    }
    let phrase = text.get(s..e)?;
    let words: Vec<&str> = phrase
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let first = *words.first()?;
    let pronoun = match (words.len(), first) {
        (1, "er" | "Er") => Some(Gender::Male),
        (1, "sie" | "Sie") => Some(Gender::Female),
        _ => None,
    };
    let compatible_with = |wanted: Option<Gender>, key: &str| match (wanted, gender) {
        (Some(g), Some(f)) => f(key).is_none_or(|mg| mg == g),
        _ => true,
    };
    if let Some(wanted) = pronoun {
        // the speaker of the quote just before (the salient actor), else the nearest preceding
        // actor mention of a compatible gender
        if let Some(key) = salient.filter(|k| compatible_with(Some(wanted), k)) {
            return Some(key.to_string());
        }
        return mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Actor && m.end <= s)
            .filter(|m| compatible_with(Some(wanted), &m.key))
            .max_by_key(|m| (m.end, m.start))
            .map(|m| m.key.clone());
    }
    let (person, quals) = role_phrase(&words)?;
    if !person {
        // an institution speaks for itself; an organisation mention inside names it
        return mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Organisation && m.start < e && s < m.end)
            .min_by_key(|m| m.start)
            .map(|m| m.key.clone());
    }
    let head = *words.last()?;
    let role = person_role(head)?;
    // every role word ending in -in is a feminine form; the masculine form names the role
    // generically (a female holder may be meant too)
    let wanted = role.ends_with("in").then_some(Gender::Female);
    let base = role
        .strip_suffix("in")
        .filter(|_| wanted.is_some())
        .unwrap_or(role);
    let compatible = |k: &str| compatible_with(wanted, k);
    if let Some(k) = role_holder(text, s, base, &quals, mentions, &compatible) {
        return Some(k);
    }
    // no holder named: only when the article so far mentions exactly one actor
    let mut keys = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Actor && m.end <= s && compatible(&m.key))
        .map(|m| m.key.as_str());
    let one = keys.next()?;
    keys.all(|k| k == one).then(|| one.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::text::tokenize;
    use super::*;

    fn after(text: &str, i: usize) -> Option<String> {
        let toks = tokenize(text);
        np_after(text, &toks, i, toks.len())
            .map(|(s, e)| text[toks[s].start..toks[e - 1].end].to_string())
    }

    fn before(text: &str, k: usize) -> Option<String> {
        let toks = tokenize(text);
        np_before(text, &toks, k, 0).map(|(s, e)| text[toks[s].start..toks[e - 1].end].to_string())
    }

    #[test]
    fn phrases_after_verb() {
        // a capitalised verb form that is also a source noun heads a phrase
        assert_eq!(
            after(
                "laut Berichten des schleswig-holsteinischen Sozialministeriums",
                1
            )
            .as_deref(),
            Some("Berichten des schleswig-holsteinischen Sozialministeriums")
        );
        // a number counting the next noun starts a new phrase; one naming something does not
        assert_eq!(
            after("laut Gefängnisdirektion 502 Menschen im Gebäude", 1).as_deref(),
            Some("Gefängnisdirektion")
        );
        assert_eq!(
            after("laut Behördenangaben 7.000 Menschen", 1).as_deref(),
            Some("Behördenangaben")
        );
        assert_eq!(
            after("sagte Kommandant Apollo 11 später", 1).as_deref(),
            Some("Kommandant Apollo 11")
        );
        assert_eq!(
            after("sagte Trump nach dem Treffen", 1).as_deref(),
            Some("Trump")
        );
        assert_eq!(
            after("sagte der russische Präsident Wladimir Putin am Montag", 1).as_deref(),
            Some("der russische Präsident Wladimir Putin")
        );
        assert_eq!(
            after("sagte Yun Sun, Direktorin des China-Programms am Stimson Center, einer Denkfabrik.", 1).as_deref(),
            Some("Yun Sun, Direktorin des China-Programms am Stimson Center")
        );
        assert_eq!(
            after("erklärte er auf dem Rückflug", 1).as_deref(),
            Some("er")
        );
    }

    #[test]
    fn phrases_before_verb() {
        // "Chinas Außenminister Wang Yi sagte"
        assert_eq!(
            before("Chinas Außenminister Wang Yi sagte", 4).as_deref(),
            Some("Chinas Außenminister Wang Yi")
        );
        assert_eq!(
            before(
                "Lothar Nicht, Ordnungsdezernent der Stadt Cottbus, sprach",
                8
            )
            .as_deref(),
            Some("Lothar Nicht, Ordnungsdezernent der Stadt Cottbus")
        );
        assert_eq!(
            before("Deiss, der sich entschlossen hatte, sagte", 7).as_deref(),
            Some("Deiss")
        );
    }

    #[test]
    fn resolution() {
        let text = "Donald Trump kam. Er sagte nichts. Der Präsident ging.";
        let m = vec![Mention {
            start: 0,
            end: 12,
            kind: MentionKind::Actor,
            key: "Donald Trump".into(),
        }];
        assert_eq!(
            resolve(text, (0, 12), &m, None, None).as_deref(),
            Some("Donald Trump")
        );
        assert_eq!(
            resolve(text, (18, 20), &m, None, None).as_deref(),
            Some("Donald Trump")
        );
        assert_eq!(
            resolve(text, (35, 49), &m, None, None).as_deref(),
            Some("Donald Trump")
        );
        // a role noun resolves to the actor holding that role, not to the nearest actor
        let t2 = "Der chinesische Präsident Xi Jinping telefonierte mit dem russischen \
            Präsidenten Wladimir Putin. Der russische Präsident sagte dies. Der chinesische \
            Präsident sagte das. Der Kreml sagte nichts.";
        let m2: Vec<Mention> = ["Xi Jinping", "Wladimir Putin"]
            .iter()
            .map(|k| {
                let start = t2.find(k).unwrap();
                Mention {
                    start,
                    end: start + k.len(),
                    kind: MentionKind::Actor,
                    key: k.to_string(),
                }
            })
            .collect();
        let span = |p: &str| {
            let s = t2.rfind(p).unwrap();
            (s, s + p.len())
        };
        assert_eq!(
            resolve(t2, span("Der russische Präsident"), &m2, None, None).as_deref(),
            Some("Wladimir Putin")
        );
        // the later "Der chinesische Präsident", after Putin was named
        assert_eq!(
            resolve(t2, span("Der chinesische Präsident"), &m2, None, None).as_deref(),
            Some("Xi Jinping")
        );
        // an institution speaks for itself, even with a person as salient speaker
        assert_eq!(
            resolve(t2, span("Der Kreml"), &m2, None, Some("Wladimir Putin")),
            None
        );
        let female = |_: &str| Some(Gender::Male);
        assert_eq!(
            resolve(
                "Donald Trump kam. Sie sagte",
                (18, 21),
                &m,
                Some(&female),
                None
            ),
            None
        );
    }

    #[test]
    fn genitives_and_coordination() {
        // "Laut Angaben seines Sprechers ..." → token 1 starts the phrase
        assert_eq!(
            after("Laut Angaben seines Sprechers kam er.", 1).as_deref(),
            Some("Angaben seines Sprechers")
        );
        assert_eq!(
            after("Nach Angaben britischer Behörden kam er.", 1).as_deref(),
            Some("Angaben britischer Behörden")
        );
        // a function word in -er is no genitive adjective
        assert_eq!(
            after("Laut Merkel wieder Kanzlerin.", 1).as_deref(),
            Some("Merkel")
        );
        assert_eq!(
            after("Laut Özcan Mutlu und Benedikt Lux kam er.", 1).as_deref(),
            Some("Özcan Mutlu und Benedikt Lux")
        );
        // np_before: coordination at the clause start, not inside the clause
        assert_eq!(
            before("Özcan Mutlu und Benedikt Lux sagten", 5).as_deref(),
            Some("Özcan Mutlu und Benedikt Lux")
        );
        assert_eq!(
            before("Er traf Merkel und Scholz sagte", 5).as_deref(),
            Some("Scholz")
        );
    }
}
