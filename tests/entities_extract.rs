//! Entity extraction: seeds, inflection, ambiguity, user gazetteers, robustness.
mod common;

use std::sync::OnceLock;

use pressespiegel::enrich::entities::{Entities, EntityExtractor, Gazetteer};
use pressespiegel::enrich::MentionKind;

fn extractor() -> &'static EntityExtractor {
    static X: OnceLock<EntityExtractor> = OnceLock::new();
    X.get_or_init(|| EntityExtractor::new(Gazetteer::builtin()).expect("builtin gazetteer builds"))
}

fn codes(e: &Entities) -> Vec<&str> {
    e.countries.iter().map(|c| c.code.as_str()).collect()
}

fn actor_names(e: &Entities) -> Vec<&str> {
    e.actors.iter().map(|a| a.name.as_str()).collect()
}

fn country_count(e: &Entities, code: &str) -> usize {
    e.countries
        .iter()
        .find(|c| c.code == code)
        .map_or(0, |c| c.count)
}

#[test]
fn seed_001_actors_and_countries() {
    let Some(path) = common::seed("001") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let e = extractor().extract(&text);
    let names = actor_names(&e);
    for a in [
        "Xi Jinping",
        "Donald Trump",
        "Wladimir Putin",
        "Howard Lutnick",
    ] {
        assert!(names.contains(&a), "missing actor {a}: {names:?}");
    }
    // "Putins" is the only reference to Putin in the text.
    let putin: Vec<_> = e
        .mentions
        .iter()
        .filter(|m| m.key == "Wladimir Putin")
        .collect();
    assert!(putin.iter().any(|m| &text[m.start..m.end] == "Putins"));
    for d in ["Yun Sun", "Evan Medeiros"] {
        let a = e
            .actors
            .iter()
            .find(|a| a.name == d)
            .unwrap_or_else(|| panic!("{d}: {names:?}"));
        assert!(a.discovered, "{d} must be flagged discovered");
    }
    assert!(
        !e.actors
            .iter()
            .find(|a| a.name == "Xi Jinping")
            .unwrap()
            .discovered
    );
    let cs = codes(&e);
    for c in ["CN", "US", "UA", "RU", "TW"] {
        assert!(cs.contains(&c), "missing country {c}: {cs:?}");
    }
    // CN comes from Peking, chinesische, Chinas, Chinesen, …
    let cn_surfaces: Vec<&str> = e
        .mentions
        .iter()
        .filter(|m| m.key == "CN")
        .map(|m| &text[m.start..m.end])
        .collect();
    for s in ["Peking", "chinesische", "Chinas", "Chinesen", "China"] {
        assert!(
            cn_surfaces.contains(&s),
            "{s} not counted for CN: {cn_surfaces:?}"
        );
    }
    assert_eq!(
        e.countries[0].code, "CN",
        "China is the main country: {:?}",
        e.countries
    );
    // Surname-only references to Trump and Xi are counted.
    let xi = e.actors.iter().find(|a| a.name == "Xi Jinping").unwrap();
    assert!(xi.count > 10, "{xi:?}");
}

#[test]
fn seed_004_chicago_is_not_china_and_demonyms_count() {
    let Some(path) = common::seed("004") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let e = extractor().extract(&text);
    for m in e.mentions.iter().filter(|m| m.kind == MentionKind::Country) {
        let surface = &text[m.start..m.end];
        assert!(
            !surface.starts_with("Chicago"),
            "{surface} counted as {}",
            m.key
        );
    }
    let x = extractor()
        .extract("In Chicago und Chicagos Vororten leben viele Chinesen. Ein Chinese sagte …");
    assert_eq!(country_count(&x, "CN"), 2, "{x:?}");
    assert_eq!(x.countries.len(), 1);
}

#[test]
fn every_seed_is_processed_and_offsets_are_valid() {
    let Some(seeds) = common::seeds() else { return };
    for (name, path) in seeds {
        let text = std::fs::read_to_string(path).unwrap();
        let e = extractor().extract(&text);
        assert!(!e.countries.is_empty(), "{name}: no country found");
        for w in e.mentions.windows(2) {
            assert!(w[0].start <= w[1].start, "{name}: mentions not sorted");
        }
        for m in &e.mentions {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
}

#[test]
fn inflections_adjectives_demonyms_and_metonyms() {
    let e = extractor().extract(
        "Russlands Armee griff in der Ukraine an. Den USA zufolge hat der Kreml gelogen. \
         Das Weiße Haus und Washington schwiegen, im Weißen Haus herrschte Ruhe. \
         Die russisch-chinesische Freundschaft und die China-Russland-Beziehungen; \
         der US-Präsident, ein US-amerikanischer Diplomat, die Chinesin, Kyjiw und Kiew, \
         Pjöngjang, Teheran, Downing Street und der Élysée-Palast.",
    );
    assert_eq!(
        country_count(&e, "RU"),
        4,
        "Russlands, Kreml, russisch-, Russland-: {e:?}"
    );
    assert_eq!(country_count(&e, "UA"), 3);
    assert_eq!(country_count(&e, "US"), 6);
    assert_eq!(country_count(&e, "CN"), 3);
    for c in ["KP", "IR", "GB", "FR"] {
        assert_eq!(country_count(&e, c), 1, "{c}");
    }
}

#[test]
fn organisations_are_not_countries() {
    let e = extractor().extract(
        "Die EU und die NATO berieten in Brüssel; die Vereinten Nationen und die UNO schwiegen. \
         Die Europäische Union sanktioniert.",
    );
    assert!(e.countries.is_empty(), "{:?}", e.countries);
    let orgs: Vec<(&str, usize)> = e
        .organisations
        .iter()
        .map(|o| (o.name.as_str(), o.count))
        .collect();
    assert_eq!(
        orgs,
        vec![
            ("Europäische Union", 3),
            ("Vereinte Nationen", 2),
            ("NATO", 1)
        ]
    );
}

#[test]
fn ambiguity_jordan_and_jordanien() {
    let e = extractor().extract("Michael Jordan spielte Basketball in den USA.");
    assert_eq!(codes(&e), vec!["US"]);
    let e = extractor()
        .extract("Der König von Jordanien reiste nach Amman, jordanische Truppen folgten.");
    assert_eq!(codes(&e), vec!["JO"]);
    assert_eq!(e.countries[0].count, 3);
}

#[test]
fn ambiguity_georgia_and_georgien() {
    let e = extractor().extract("Die Wahl im US-Bundesstaat Georgia war knapp.");
    assert!(!codes(&e).contains(&"GE"), "{e:?}");
    let e = extractor().extract("Georgien und die georgische Regierung in Tiflis protestierten.");
    assert_eq!(codes(&e), vec!["GE"]);
    assert_eq!(e.countries[0].count, 3);
}

#[test]
fn ambiguity_washington_capital_vs_person_or_state() {
    let e = extractor().extract("Eine Denkfabrik in Washington sieht das anders.");
    assert_eq!(codes(&e), vec!["US"]);
    let e = extractor()
        .extract("George Washington war der erste Präsident. Denzel Washington spielte mit.");
    assert!(e.countries.is_empty(), "{e:?}");
    let e = extractor().extract("Im Bundesstaat Washington brennen die Wälder.");
    assert!(e.countries.is_empty(), "{e:?}");
    let e = extractor().extract("Der Schriftsteller Booker Washington schrieb.");
    assert!(e.countries.is_empty(), "{e:?}");
}

#[test]
fn ambiguity_tuerkei_vs_tuerkis() {
    let e =
        extractor().extract("Das Meer war türkis, das Kleid türkisfarben und Türkis ist modern.");
    assert!(e.countries.is_empty(), "{e:?}");
    let e = extractor().extract("Die Türkei und die türkische Regierung in Ankara.");
    assert_eq!(codes(&e), vec!["TR"]);
    assert_eq!(e.countries[0].count, 3);
}

#[test]
fn ambiguity_deutsche_bank_and_bahn_are_not_germany() {
    let e = extractor().extract("Die Deutsche Bank zahlt, die Deutsche Bahn streikt.");
    assert!(e.countries.is_empty(), "{e:?}");
    let e = extractor().extract("Die deutsche Regierung und die Deutschen wählen.");
    assert_eq!(country_count(&e, "DE"), 2);
}

#[test]
fn ambiguity_niger_and_nigeria() {
    let e = extractor().extract("Nigeria und die nigerianische Armee.");
    assert_eq!(codes(&e), vec!["NG"]);
    let e = extractor().extract("Im Niger und in Niamey putschte das nigrische Militär.");
    assert_eq!(codes(&e), vec!["NE"]);
    assert_eq!(e.countries[0].count, 3);
}

#[test]
fn ambiguity_two_kongos() {
    let e = extractor()
        .extract("In der Demokratischen Republik Kongo kämpfen Rebellen; der Kongo leidet.");
    assert_eq!(codes(&e), vec!["CD"]);
    assert_eq!(e.countries[0].count, 2);
    let e = extractor().extract("Die Republik Kongo (Kongo-Brazzaville) wählt; Kongos Präsident …");
    assert_eq!(codes(&e), vec!["CG"]);
    // Without a disambiguating full name, bare "Kongo" is not guessed.
    let e = extractor().extract("Der Kongo ist reich an Rohstoffen.");
    assert!(e.countries.is_empty(), "{e:?}");
    let e = extractor().extract("Kinshasa und Brazzaville liegen am Fluss; Kongo …");
    assert_eq!(codes(&e), vec!["CD", "CG"]);
    assert_eq!(e.countries.iter().map(|c| c.count).sum::<usize>(), 2);
}

#[test]
fn ambiguity_guineas() {
    let e = extractor().extract("Guinea, Guinea-Bissau, Äquatorialguinea und Papua-Neuguinea.");
    assert_eq!(codes(&e), vec!["GN", "GQ", "GW", "PG"]);
    assert!(e.countries.iter().all(|c| c.count == 1), "{e:?}");
}

#[test]
fn actors_transliterations_and_genitives() {
    let e = extractor().extract(
        "Vladimir Putin traf Zelensky. Selenskyjs Berater und Sergey Lavrov sowie \
         Mikhail Mishustin und Xi Jin-ping. Merkels Nachfolger.",
    );
    let names = actor_names(&e);
    for a in [
        "Wladimir Putin",
        "Wolodymyr Selenskyj",
        "Sergej Lawrow",
        "Michail Mischustin",
        "Xi Jinping",
        "Angela Merkel",
    ] {
        assert!(names.contains(&a), "{a}: {names:?}");
    }
    let zelensky = e
        .actors
        .iter()
        .find(|a| a.name == "Wolodymyr Selenskyj")
        .unwrap();
    assert_eq!(zelensky.count, 2);
}

#[test]
fn surname_only_after_full_mention_and_not_when_ambiguous() {
    let e = extractor().extract("Hillary Clinton sprach. Clinton sagte, sie sei zufrieden.");
    let h = e
        .actors
        .iter()
        .find(|a| a.name == "Hillary Clinton")
        .unwrap();
    assert_eq!(h.count, 2);
    // Without a full mention, "Clinton" stays unresolved.
    let e = extractor().extract("Clinton sagte, sie sei zufrieden.");
    assert!(e.actors.is_empty(), "{e:?}");
    // Two Clintons mentioned: the bare surname is ambiguous.
    let e = extractor().extract("Bill Clinton und Hillary Clinton kamen. Clinton sagte nichts.");
    assert!(e.actors.iter().all(|a| a.count == 1), "{e:?}");
    // Trump counts after "Donald Trump"; and a standalone "Trump" is Donald Trump anyway.
    let e = extractor().extract("Donald Trump kam. Trump sagte, Trumps Plan sei gut.");
    assert_eq!(e.actors[0].name, "Donald Trump");
    assert_eq!(e.actors[0].count, 3);
}

#[test]
fn discovered_actor_surnames_count() {
    let e = extractor().extract(
        "\"Das ist neu\", sagte Yun Sun, Direktorin des China-Programms am Stimson Center. \
         Sun fügte hinzu, Peking sei vorsichtig.",
    );
    let sun = e.actors.iter().find(|a| a.name == "Yun Sun").unwrap();
    assert!(sun.discovered);
    assert_eq!(sun.count, 2);
}

#[test]
fn mentions_cover_each_occurrence_sorted() {
    let text = "Merkel traf Sarkozy in Paris. Merkel lächelte.";
    let e = extractor().extract(text);
    let spans: Vec<(&str, &str)> = e
        .mentions
        .iter()
        .map(|m| (&text[m.start..m.end], m.key.as_str()))
        .collect();
    assert_eq!(
        spans,
        vec![
            ("Merkel", "Angela Merkel"),
            ("Sarkozy", "Nicolas Sarkozy"),
            ("Paris", "FR"),
            ("Merkel", "Angela Merkel")
        ]
    );
}

#[test]
fn user_actor_file_replaces_and_extends() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("actors.tsv");
    std::fs::write(
        &path,
        "# own list\nErika Mustermann\tDE\tf\tBürgermeisterin von Musterstadt\tE. Mustermann\n",
    )
    .unwrap();
    let own = Gazetteer::from_actor_file(&path).unwrap();
    assert_eq!(own.actors().count(), 1);
    assert!(own.actor("Wladimir Putin").is_none());
    assert!(own.country("DE").is_some(), "countries stay built in");
    let x = EntityExtractor::new(own).unwrap();
    let e = x.extract("Erika Mustermann traf Putin. Mustermann sagte …");
    assert_eq!(actor_names(&e), vec!["Erika Mustermann"]);
    assert_eq!(e.actors[0].count, 2);

    let mut g = Gazetteer::builtin();
    let n = g.actors().count();
    g.extend_actors_from_file(&path).unwrap();
    assert_eq!(g.actors().count(), n + 1);
    assert!(g.actor("Wladimir Putin").is_some());

    std::fs::write(&path, "Kaputt\tDeutschland\n").unwrap();
    let err = g.extend_actors_from_file(&path).unwrap_err();
    assert!(err.to_string().contains("actors.tsv:1"), "{err}");
    assert!(Gazetteer::from_actor_file(dir.path().join("missing.tsv")).is_err());
}

#[test]
fn deterministic() {
    let text = "Kim Jong-un und Xi Jinping; Chinas und Nordkoreas Führer. Kim sagte …";
    let a = extractor().extract(text);
    let b = EntityExtractor::new(Gazetteer::builtin())
        .unwrap()
        .extract(text);
    assert_eq!(a, b);
}

#[test]
fn ambiguity_jordan_river_and_georgia_person() {
    // The river and the basketball player are not the country; "Jordaniens" is.
    let e = extractor().extract("Am Jordan protestierten Bauern; Jordaniens König schwieg.");
    assert_eq!(codes(&e), vec!["JO"]);
    assert_eq!(e.countries[0].count, 1, "{e:?}");
}

#[test]
fn treaty_names_regions_and_demonym_genitives() {
    // A capital inside a treaty name is no mention of the country.
    let e = extractor().extract("Seit dem Vertrag von Lissabon hat das Parlament mehr Rechte.");
    assert!(e.countries.is_empty(), "{e:?}");
    // "Zentralafrika" is a region, not the Central African Republic.
    let e = extractor().extract("Rund 2.000 Soldaten sind in Zentralafrika im Einsatz.");
    assert!(e.countries.is_empty(), "{e:?}");
    // Genitive singular of a demonym.
    let e = extractor().extract("Er folgt auf den Posten des Argentiniers.");
    assert_eq!(codes(&e), vec!["AR"]);
}

#[test]
fn surname_in_an_era_compound_when_unambiguous() {
    let e = extractor().extract("Seit dem Ende der Franco-Herrschaft in Spanien.");
    assert!(actor_names(&e).contains(&"Francisco Franco"), "{e:?}");
    // Two Bushes in the gazetteer: "Bush-Regierung" alone is not guessed.
    let e = extractor().extract("Die Bush-Regierung lehnte ab.");
    assert!(e.actors.is_empty(), "{e:?}");
}

#[test]
fn discovered_actors_from_session_2_patterns() {
    let e = extractor().extract(
        "John Sifton von Human Rights Watch sagte, es sei ein Verbrechen. \
         Der Vorsitzende des Haushaltsausschusses des Parlaments Alain Lamassoure erklärte, \
         man müsse sparen.",
    );
    for name in ["John Sifton", "Alain Lamassoure"] {
        let a = e.actors.iter().find(|a| a.name == name);
        assert!(a.is_some_and(|a| a.discovered), "{name}: {e:?}");
    }
}
