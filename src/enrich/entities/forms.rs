//! Surface forms: the inflected strings under which a gazetteer entry appears in German text.

/// Adjective endings generated for every stem (chinesisch → chinesische, chinesischen, …).
const ADJECTIVE_ENDINGS: [&str; 6] = ["", "e", "en", "er", "es", "em"];

/// Genitive forms of a name: "Russland" → "Russlands", "Scholz" → "Scholz'".
///
/// Names ending in `-e` or `-ei` (Ukraine, Türkei), abbreviations (USA) and names ending in a
/// period (Benedikt XVI.) get none.
pub(crate) fn genitives(name: &str) -> Vec<String> {
    let Some(last) = name.chars().last() else {
        return Vec::new();
    };
    let last_word = name.rsplit([' ', '-']).next().unwrap_or(name);
    let is_abbreviation =
        last_word.chars().count() > 1 && last_word.chars().all(|c| !c.is_lowercase());
    if !last.is_alphabetic() || is_abbreviation || name.ends_with('e') || name.ends_with("ei") {
        return Vec::new();
    }
    if matches!(last, 's' | 'x' | 'z' | 'ß') {
        vec![format!("{name}'"), format!("{name}’")]
    } else {
        vec![format!("{name}s")]
    }
}

/// A name with its genitives.
pub(crate) fn with_genitives(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    out.extend(genitives(name));
    out
}

/// All forms of an adjective stem: lower-case with every ending, capitalised with endings
/// (sentence start, "Chinesische Botschaft"); the bare capitalised stem ("Deutsch") is the
/// language, not the country, and is not generated.
pub(crate) fn adjective_forms(stem: &str) -> Vec<String> {
    let mut out = Vec::new();
    let capitalised = capitalise(stem);
    for ending in ADJECTIVE_ENDINGS {
        out.push(format!("{stem}{ending}"));
        if !ending.is_empty() && capitalised != stem {
            out.push(format!("{capitalised}{ending}"));
        }
    }
    out
}

/// The default surname of a name: its last word, unless that is an ordinal ("XVI."), a
/// suffix ("Jr.") or shorter than two letters.
pub(crate) fn default_surname(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let last = words.last()?;
    let letters = last.chars().filter(|c| c.is_alphabetic()).count();
    let starts_upper = last.chars().next().is_some_and(char::is_uppercase);
    if last.ends_with('.') || letters < 2 || !starts_upper {
        return None;
    }
    Some(last.to_string())
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genitive_rules() {
        assert_eq!(genitives("Russland"), vec!["Russlands"]);
        assert_eq!(genitives("Putin"), vec!["Putins"]);
        assert_eq!(genitives("Scholz"), vec!["Scholz'", "Scholz’"]);
        assert!(genitives("Ukraine").is_empty());
        assert!(genitives("Türkei").is_empty());
        assert!(genitives("USA").is_empty());
        assert!(genitives("Benedikt XVI.").is_empty());
    }

    #[test]
    fn adjective_endings() {
        let f = adjective_forms("chinesisch");
        for w in [
            "chinesisch",
            "chinesische",
            "chinesischen",
            "Chinesischer",
            "Chinesisches",
        ] {
            assert!(f.iter().any(|x| x == w), "{w}");
        }
        assert!(!f.iter().any(|x| x == "Chinesisch"));
        assert!(adjective_forms("US-amerikanisch").contains(&"US-amerikanischen".to_string()));
    }

    #[test]
    fn surnames() {
        assert_eq!(default_surname("Donald Trump").as_deref(), Some("Trump"));
        assert_eq!(default_surname("Elisabeth II."), None);
        assert_eq!(default_surname("Akihito"), None);
        assert_eq!(
            default_surname("Ursula von der Leyen").as_deref(),
            Some("Leyen")
        );
    }
}
