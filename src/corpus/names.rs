//! A small list of well-known actors whose names the generator may swap, and the fixed lists of
//! sources, agencies and datelines it draws metadata from.

/// Grammatical gender, so a swap keeps pronouns (`sagte sie`) agreeing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Female,
    Male,
}

/// An actor: full name, the surname used alone in running text, gender.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Actor {
    pub full: &'static str,
    pub surname: &'static str,
    pub gender: Gender,
}

const fn actor(full: &'static str, surname: &'static str, gender: Gender) -> Actor {
    Actor {
        full,
        surname,
        gender,
    }
}

/// At most 32 entries: sentences keep the set of actors they mention in a `u32` bit mask.
pub(crate) const ACTORS: &[Actor] = &[
    actor("Angela Merkel", "Merkel", Gender::Female),
    actor("Ursula von der Leyen", "von der Leyen", Gender::Female),
    actor("Annalena Baerbock", "Baerbock", Gender::Female),
    actor("Kamala Harris", "Harris", Gender::Female),
    actor("Giorgia Meloni", "Meloni", Gender::Female),
    actor("Condoleezza Rice", "Rice", Gender::Female),
    actor("Julia Timoschenko", "Timoschenko", Gender::Female),
    actor("Christine Lagarde", "Lagarde", Gender::Female),
    actor("Wladimir Putin", "Putin", Gender::Male),
    actor("George W. Bush", "Bush", Gender::Male),
    actor("Barack Obama", "Obama", Gender::Male),
    actor("Donald Trump", "Trump", Gender::Male),
    actor("Joe Biden", "Biden", Gender::Male),
    actor("Gerhard Schröder", "Schröder", Gender::Male),
    actor("Frank-Walter Steinmeier", "Steinmeier", Gender::Male),
    actor("Olaf Scholz", "Scholz", Gender::Male),
    actor("Nicolas Sarkozy", "Sarkozy", Gender::Male),
    actor("Emmanuel Macron", "Macron", Gender::Male),
    actor("Jacques Chirac", "Chirac", Gender::Male),
    actor("Tony Blair", "Blair", Gender::Male),
    actor("Xi Jinping", "Xi", Gender::Male),
    actor("Recep Tayyip Erdoğan", "Erdoğan", Gender::Male),
    actor("Wolodymyr Selenskyj", "Selenskyj", Gender::Male),
    actor("Dmitri Medwedew", "Medwedew", Gender::Male),
];

/// Outlets of generated articles (reserved `.example` domains: the text is synthetic).
pub(crate) const SOURCES: &[&str] = &[
    "tagesblatt.example",
    "rundschau.example",
    "abendpost.example",
    "morgenecho.example",
    "landbote.example",
    "nachrichtenportal.example",
    "wochenkurier.example",
    "stadtanzeiger.example",
];

/// Agencies credited on generated articles.
pub(crate) const AGENCIES: &[&str] = &["dpa", "Reuters", "AFP", "AP", "KNA", "epd", "APA", "dts"];

/// Datelines of generated agency copy.
pub(crate) const PLACES: &[&str] = &[
    "BERLIN",
    "BRÜSSEL",
    "WASHINGTON",
    "MOSKAU",
    "PEKING",
    "PARIS",
    "LONDON",
    "WIEN",
    "GENF",
    "NEW YORK",
    "KIEW",
    "JERUSALEM",
    "ANKARA",
    "TOKIO",
    "ROM",
    "WARSCHAU",
    "FRANKFURT",
    "MÜNCHEN",
];

/// Bit mask of the actors whose full name or surname occurs in `text` as a whole word.
pub(crate) fn actor_mask(text: &str) -> u32 {
    ACTORS
        .iter()
        .enumerate()
        .filter(|(_, a)| find_word(text, a.surname, 0).is_some())
        .fold(0, |m, (i, _)| m | (1 << i))
}

/// Replace every whole-word occurrence of `from` in `text` with `to`.
pub(crate) fn replace_word(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    while let Some(at) = find_word(text, from, pos) {
        out.push_str(&text[pos..at]);
        out.push_str(to);
        pos = at + from.len();
    }
    out.push_str(&text[pos..]);
    out
}

/// Byte offset of the first whole-word occurrence of `word` in `text` at or after `from`.
fn find_word(text: &str, word: &str, from: usize) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let mut pos = from;
    while let Some(rel) = text.get(pos..)?.find(word) {
        let at = pos + rel;
        let end = at + word.len();
        let before_ok = !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let after_ok = !text[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        if before_ok && after_ok {
            return Some(at);
        }
        pos = at + word.chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_fits_the_mask_and_has_both_genders() {
        assert!(ACTORS.len() <= 32);
        assert!(ACTORS.iter().any(|a| a.gender == Gender::Female));
        assert!(ACTORS.iter().any(|a| a.gender == Gender::Male));
        assert!(ACTORS.iter().all(|a| a.full.contains(a.surname)));
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(
            replace_word("Bush traf Bushido und Bush.", "Bush", "Obama"),
            "Obama traf Bushido und Obama."
        );
        let m = actor_mask("Kanzlerin Merkel traf Putins Gast.");
        assert_eq!(
            m, 1,
            "Merkel only; the genitive Putins is not a whole-word match"
        );
    }
}
