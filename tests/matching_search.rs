//! German matching as a user checks it (issue 3 §1 query side, §2): name variants, actor
//! aliases, whole words above compound parts, compounds in the query, fuzzy fallback with a
//! suggestion.

use pressespiegel::analysis::{analyze, analyze_with_variants, normalize, TokenKind};
use pressespiegel::index::NewsIndex;
use pressespiegel::search::{SearchRequest, SearchResults};
use pressespiegel::Article;

fn index(articles: &[(&str, &str, &str)]) -> NewsIndex {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut w = index.writer().unwrap();
    for (id, title, text) in articles {
        w.add(Article {
            id: (*id).into(),
            title: (*title).into(),
            text: (*text).into(),
            ..Default::default()
        })
        .unwrap();
    }
    w.commit().unwrap();
    index
}

fn search(index: &NewsIndex, query: &str) -> SearchResults {
    index.search(&SearchRequest::new(query).limit(50)).unwrap()
}

fn ids(index: &NewsIndex, query: &str) -> Vec<String> {
    search(index, query)
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect()
}

fn sorted_ids(index: &NewsIndex, query: &str) -> Vec<String> {
    let mut v = ids(index, query);
    v.sort();
    v
}

/// Every spelling of a group finds the articles written in every other spelling.
#[test]
fn name_spellings_find_each_other() {
    let groups: &[&[&str]] = &[
        &["Selenskyj", "Selenski", "Zelensky", "Zelenskyy"],
        &["Wladimir", "Vladimir"],
        &["Mischustin", "Mishustin"],
        &["Lawrow", "Lavrov"],
        &["Nawalny", "Navalny"],
        &["Chodorkowski", "Khodorkovsky"],
        &["Gorbatschow", "Gorbachev"],
        &["Ahmadinedschad", "Ahmadinejad"],
    ];
    for group in groups {
        let articles: Vec<(String, String)> = group
            .iter()
            .enumerate()
            .map(|(i, name)| {
                (
                    format!("{i}"),
                    format!("Am Montag sprach {name} in der Hauptstadt über die Lage."),
                )
            })
            .collect();
        let refs: Vec<(&str, &str, &str)> = articles
            .iter()
            .map(|(id, text)| (id.as_str(), "Meldung", text.as_str()))
            .collect();
        let index = index(&refs);
        for name in *group {
            assert_eq!(
                sorted_ids(&index, name).len(),
                group.len(),
                "{name} must find every spelling of {group:?}"
            );
        }
    }
}

#[test]
fn hyphenated_and_genitive_names() {
    let index = index(&[
        ("a", "Besuch", "Xi Jin-ping empfing die Delegation."),
        ("b", "Besuch", "Xi Jinping empfing die Delegation."),
        ("c", "Kritik", "Putins Sprecher wies die Kritik zurück."),
    ]);
    assert_eq!(sorted_ids(&index, "Xi Jinping"), ["a", "b"]);
    assert_eq!(sorted_ids(&index, "Xi Jin-ping"), ["a", "b"]);
    assert_eq!(sorted_ids(&index, "Putin"), ["c"]);
}

#[test]
fn the_typed_spelling_ranks_first_and_variants_are_highlighted() {
    let index = index(&[
        ("direct", "Rede", "Selenskyj sprach vor dem Parlament."),
        ("variant", "Rede", "Zelensky sprach vor dem Parlament."),
    ]);
    assert_eq!(ids(&index, "Selenskyj"), ["direct", "variant"]);
    assert_eq!(ids(&index, "Zelensky"), ["variant", "direct"]);
    let results = search(&index, "Zelensky");
    let direct = results.hits.iter().find(|h| h.id == "direct").unwrap();
    assert_eq!(direct.snippets[0].highlighted_texts(), ["Selenskyj"]);
}

#[test]
fn ordinary_words_are_not_conflated() {
    let index = index(&[
        ("wien", "Stadt", "In Wien regnet es."),
        ("bien", "Fremdwort", "Das Wort Bien steht hier."),
        ("kiev", "Stadt", "In Kiev regnet es."),
        ("burg", "Bau", "Die Burg ist alt."),
        ("buerger", "Stadt", "Die Bürger wählen."),
        ("wein", "Getränk", "Der Wein ist alt."),
    ]);
    assert_eq!(ids(&index, "Wien"), ["wien"]);
    assert_eq!(ids(&index, "Bien"), ["bien"]);
    assert_eq!(ids(&index, "Wein"), ["wein"]);
    assert_eq!(ids(&index, "Kiew"), ["kiev"]);
    assert_eq!(ids(&index, "Burg"), ["burg"]);
    assert_eq!(ids(&index, "Bürger"), ["buerger"]);
    // A name not in the index finds nothing (and suggests nothing far away).
    let r = search(&index, "Nawalny");
    assert_eq!((r.total, r.suggestion.as_deref()), (0, None));
}

/// German capitalises every noun: common nouns whose name keys coincide (z/s, doubled
/// letters) must not find each other, while names keep finding their spellings.
#[test]
fn common_nouns_with_equal_name_keys_stay_apart() {
    let index = index(&[
        ("ziege", "Bauernhof", "Die Ziege frisst Gras."),
        ("siege", "Fußball", "Drei Siege in Folge für den Verein."),
        ("ratten", "Stadt", "Ratten im Keller des Hauses."),
        ("raten", "Kredit", "Die Raten sind monatlich fällig."),
        ("lawrow", "Diplomatie", "Lawrow traf den Gesandten."),
    ]);
    assert_eq!(ids(&index, "Ziege"), ["ziege"]);
    assert_eq!(ids(&index, "Siege"), ["siege"]);
    assert_eq!(ids(&index, "Ratten"), ["ratten"]);
    assert_eq!(ids(&index, "Raten"), ["raten"]);
    assert_eq!(ids(&index, "Lavrov"), ["lawrow"]);
}

/// Bürger and bürgen are not Burg, also in compounds and derived forms.
#[test]
fn buerger_compounds_and_buergen_are_not_burg() {
    let index = index(&[
        ("burg", "Bau", "Die Burg ist alt."),
        (
            "bundesbuerger",
            "Umfrage",
            "Viele Bundesbürger sind zufrieden.",
        ),
        ("buergerlich", "Politik", "Das bürgerliche Lager gewinnt."),
        ("buergen", "Kredit", "Die Eltern bürgen für den Kredit."),
    ]);
    assert_eq!(ids(&index, "Burg"), ["burg"]);
    assert_eq!(ids(&index, "Bundesbürgern"), ["bundesbuerger"]);
    assert_eq!(ids(&index, "bürgt"), ["buergen"]);
}

#[test]
fn actor_alias_finds_articles_about_the_actor() {
    let index = index(&[
        (
            "putin",
            "Kreml",
            "Wladimir Putin sprach am Montag. Putin sagte, Russland sei bereit.",
        ),
        ("other", "Kreml", "Der Kreml schwieg am Montag."),
    ]);
    // "Vladimir Putin" is an alias of the gazetteer actor "Wladimir Putin".
    assert_eq!(ids(&index, "Vladimir Putin"), ["putin"]);
    assert_eq!(ids(&index, "\"Vladimir Putin\""), ["putin"]);
}

#[test]
fn whole_words_rank_above_compound_parts() {
    let index = index(&[
        (
            "part",
            "Bericht",
            "Der Angriffskrieg dauert an, sagte der Minister.",
        ),
        (
            "whole",
            "Bericht",
            "Der Krieg dauert an, sagte der Minister.",
        ),
    ]);
    assert_eq!(ids(&index, "Krieg"), ["whole", "part"]);
    let index = index_inflected();
    assert_eq!(ids(&index, "Krieg"), ["whole", "part"]);
}

fn index_inflected() -> NewsIndex {
    index(&[
        (
            "part",
            "Bericht",
            "Das Ende des Angriffskrieges ist nicht in Sicht.",
        ),
        (
            "whole",
            "Bericht",
            "Das Ende des Krieges ist nicht in Sicht.",
        ),
    ])
}

/// `articles` after `n` articles about something else (`filler` with a number), so that
/// words of `articles` are rare in the index as they are in real news.
fn index_among(n: usize, filler: &str, articles: &[(&str, &str, &str)]) -> NewsIndex {
    let fill: Vec<(String, String)> = (0..n)
        .map(|i| (format!("filler-{i}"), format!("{filler} {i}.")))
        .collect();
    let mut all: Vec<(&str, &str, &str)> = fill
        .iter()
        .map(|(id, text)| (id.as_str(), "Meldung", text.as_str()))
        .collect();
    all.extend_from_slice(articles);
    index(&all)
}

/// A compound in the query also finds articles with all its parts (below the whole word)
/// when every part is rare (in at most 2 % of the articles).
#[test]
fn a_query_compound_matches_the_word_first_then_both_parts() {
    let index = index_among(
        200,
        "Morgen regnet es in Berlin, Meldung",
        &[
            (
                "parts",
                "Bericht",
                "Der Frieden hält, das Abkommen gilt seit Montag.",
            ),
            (
                "one-part",
                "Bericht",
                "Das Abkommen gilt seit Montag, sagte sie.",
            ),
            (
                "whole",
                "Bericht",
                "Das Friedensabkommen gilt seit Montag, sagte sie.",
            ),
        ],
    );
    assert_eq!(ids(&index, "Friedensabkommen"), ["whole", "parts"]);
}

/// A compound one of whose parts is in a large share of the articles (`Tag` in
/// `Friedenstag`) finds only the whole word: "Frieden and Tag somewhere" would be nearly
/// every article with `Frieden`. The part is then not highlighted on its own either.
#[test]
fn a_compound_with_a_common_part_does_not_match_by_its_parts() {
    let articles = [
        (
            "parts",
            "Bericht",
            "Der Frieden hält seit einem Tag, sagte sie.",
        ),
        (
            "whole",
            "Bericht",
            "Am Tag danach feierten sie den Friedenstag.",
        ),
    ];
    let index = index_among(200, "Am Tag danach regnet es in Berlin, Meldung", &articles);
    let results = search(&index, "Friedenstag");
    let hits: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(hits, ["whole"]);
    assert_eq!(
        results.hits[0].snippets[0].highlighted_texts(),
        ["Friedenstag"]
    );
    // With a rare `Tag` the same query matches by the parts and highlights them.
    let index = index_among(200, "Morgen regnet es in Berlin, Meldung", &articles);
    let results = search(&index, "Friedenstag");
    let hits: Vec<&str> = results.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(hits, ["whole", "parts"]);
    assert_eq!(
        results.hits[0].snippets[0].highlighted_texts(),
        ["Tag", "Friedenstag"]
    );
}

#[test]
fn tokens_show_their_kind() {
    let kinds: Vec<(String, TokenKind)> = analyze_with_variants("Angriffskrieg gegen Selenskyj")
        .into_iter()
        .map(|t| (t.text, t.kind))
        .collect();
    assert!(
        kinds.contains(&("krieg".into(), TokenKind::Part)),
        "{kinds:?}"
    );
    assert!(
        kinds.iter().any(|(_, k)| *k == TokenKind::Variant),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("geg".into(), TokenKind::Word)),
        "{kinds:?}"
    );
}

#[test]
fn no_hits_falls_back_to_the_closest_words() {
    let index = index(&[
        (
            "a",
            "Erdbeben in Japan",
            "Ein schweres Erdbeben erschütterte die Küste.",
        ),
        ("b", "Flughafen", "Der Flughafen bleibt geschlossen."),
    ]);
    let r = search(&index, "Erdbebne");
    assert_eq!(r.suggestion.as_deref(), Some("Erdbeben"));
    assert!(r.fuzzy);
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].id, "a");
    // Only the word without postings is corrected; the casing of the query is kept.
    let r = search(&index, "erdbebne Küste");
    assert_eq!(r.suggestion.as_deref(), Some("erdbeben Küste"));
    // A query with hits gets no suggestion.
    let r = search(&index, "Erdbeben");
    assert_eq!((r.suggestion, r.fuzzy), (None, false));
    // Nothing close: no suggestion, no hits.
    let r = search(&index, "Quallenplage");
    assert_eq!((r.total, r.suggestion, r.fuzzy), (0, None, false));
    // Existing words that just do not co-occur are not "corrected".
    let r = search(&index, "Erdbeben Flughafen");
    assert_eq!((r.total, r.suggestion), (0, None));
    // Deterministic, and in the JSON.
    let a = serde_json::to_value(search(&index, "Flughafn")).unwrap();
    let b = serde_json::to_value(search(&index, "Flughafn")).unwrap();
    assert_eq!(a, b);
    assert_eq!(a["suggestion"], "Flughafen");
    assert_eq!(a["fuzzy"], true);
    let none = serde_json::to_value(search(&index, "Flughafen")).unwrap();
    assert_eq!(none["suggestion"], serde_json::Value::Null);
    assert_eq!(none["fuzzy"], false);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Variant keys never disturb the indexed tokens and keep offsets well-formed.
    #[test]
    fn variant_tokens_are_well_formed(s in "[A-Za-zÄÖÜäöüßčšžłĳ' \\-.0-9Jj]{0,60}|\\PC{0,40}") {
        let text = normalize(&s);
        let all = analyze_with_variants(&text);
        let main: Vec<_> = all.iter().filter(|t| t.kind != TokenKind::Variant).cloned().collect();
        proptest::prop_assert_eq!(main, analyze(&text));
        let mut last = (0, 0);
        for t in &all {
            proptest::prop_assert!(t.byte_start < t.byte_end && t.byte_end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(t.byte_start) && text.is_char_boundary(t.byte_end));
            proptest::prop_assert!((t.position, t.byte_start) >= last, "{t:?}");
            proptest::prop_assert!(!t.text.is_empty());
            last = (t.position, t.byte_start);
        }
    }
}

/// A capitalised surname in -er is not the common noun its stem belongs to (Strasser ≠ Straße,
/// Hofer ≠ Hof), in any spelling of the query, while the noun still finds all its forms and
/// transcriptions, and a demonym of a place name still finds the place (Frankfurter).
#[test]
fn er_surnames_do_not_find_the_common_noun() {
    let index = index(&[
        (
            "name",
            "Anklage",
            "Der frühere Innenminister Ernst Strasser stand vor Gericht. Strassers Anwalt schwieg.",
        ),
        (
            "street",
            "Umbau",
            "Die Straße wird gesperrt, auch zwei Strassen in der Nähe.",
        ),
        ("hofer", "Wahl", "Norbert Hofer trat zur Stichwahl an."),
        (
            "hof",
            "Bauern",
            "Auf dem Hof leben drei Kühe, die Höfe sind alt.",
        ),
        ("messe", "Messe", "Die Frankfurter Messe öffnet am Montag."),
    ]);
    assert_eq!(ids(&index, "Frankfurt"), ["messe"]);
    for q in ["Strasser", "Straßer", "Strassers"] {
        assert_eq!(ids(&index, q), ["name"], "{q}");
    }
    for q in ["Straße", "Strasse", "Straßen", "strassen"] {
        assert_eq!(ids(&index, q), ["street"], "{q}");
    }
    assert_eq!(ids(&index, "Hofer"), ["hofer"]);
    assert_eq!(ids(&index, "Hof"), ["hof"]);
    assert_eq!(ids(&index, "Höfe"), ["hof"]);
}

/// Compound parts are indexed apart from whole words: a word finds compounds that contain it
/// (below the word), a phrase and a prefix only match whole words (and hyphen parts).
#[test]
fn compound_parts_match_words_not_phrases_or_prefixes() {
    let index = index(&[
        (
            "part",
            "Bericht",
            "Der Angriffskrieg dauert an. Der Angriffskrieg hat Folgen.",
        ),
        (
            "whole",
            "Bericht",
            "Der Krieg dauert an, sagte der Minister.",
        ),
        ("hyphen", "Bericht", "Der Ukraine-Krieg dauert an."),
    ]);
    // The part-only article is found, and ranks below both whole-word articles.
    let found = ids(&index, "Krieg");
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(found[2], "part", "{found:?}");
    // A decompound part is no word of a phrase; a hyphen part is.
    assert_eq!(sorted_ids(&index, "\"Krieg dauert\""), ["hyphen", "whole"]);
    // Prefixes run over whole words and hyphen parts.
    assert_eq!(sorted_ids(&index, "Krie*"), ["hyphen", "whole"]);
    assert_eq!(sorted_ids(&index, "Angriffs*"), ["part"]);
    // Snippets still highlight the part inside the compound.
    let r = search(&index, "Krieg");
    let part = r.hits.iter().find(|h| h.id == "part").expect("part hit");
    let marked: Vec<&str> = part
        .snippets
        .iter()
        .flat_map(|s| s.highlighted_texts())
        .collect();
    assert!(marked.contains(&"krieg"), "{marked:?}");
}

/// A prefix marks what it found: whole words and hyphen parts, never a compound part inside a
/// word (the search does not match those either).
#[test]
fn prefix_highlights_skip_compound_parts() {
    let index = index(&[(
        "mixed",
        "Bericht",
        "Der Krieg und der Angriffskrieg dauern an. Der Ukraine-Krieg auch.",
    )]);
    let marked = |q: &str| -> Vec<String> {
        search(&index, q).hits[0]
            .snippets
            .iter()
            .flat_map(|s| s.highlighted_texts())
            .map(str::to_string)
            .collect()
    };
    assert_eq!(marked("Krie*"), ["Krieg", "Krieg"]);
    // The compound itself is marked as a whole by a prefix of the whole word.
    assert_eq!(marked("Angriffs*"), ["Angriffskrieg"]);
}

#[test]
fn prefixes_find_words_whose_stem_is_shorter_than_the_prefix() {
    let index = index(&[
        ("a", "Bericht", "Die Regierung tagt am Montag."),
        ("b", "Bericht", "Der Regierungssprecher äußerte sich nicht."),
        ("c", "Bericht", "Der Präsident reiste ab."),
        ("d", "Bericht", "Die Opposition kritisiert den Plan."),
    ]);
    assert_eq!(sorted_ids(&index, "Regier*"), ["a", "b"]);
    // `Regierung` stems to `regier`, shorter than the prefix.
    assert_eq!(sorted_ids(&index, "Regierung*"), ["a", "b"]);
    // A linking s asks for compounds only: Regierung itself is no match.
    assert_eq!(sorted_ids(&index, "Regierungs*"), ["b"]);
    // Folded like the index: Präs* and Praes* find Präsident.
    assert_eq!(sorted_ids(&index, "Präs*"), ["c"]);
    assert_eq!(sorted_ids(&index, "Praes*"), ["c"]);
    // The snippet marks what the search found, also when the prefix is transcribed.
    for prefix in ["Präs*", "Praes*", "präs*"] {
        let marked: Vec<String> = search(&index, prefix).hits[0]
            .snippets
            .iter()
            .flat_map(|s| s.highlighted_texts())
            .map(str::to_string)
            .collect();
        assert_eq!(marked, ["Präsident"], "{prefix}");
    }
}

#[test]
fn suggestions_are_words_as_written_in_the_articles() {
    let index = index(&[
        ("a", "Gespräche", "Die Verhandlungen laufen seit Montag."),
        ("b", "Bericht", "Die Bundesregierung schweigt."),
    ]);
    // The index holds the stems (`verhandl`, `bundesregier`); the suggestion is the surface.
    let r = search(&index, "Verhandlngen");
    assert_eq!(r.suggestion.as_deref(), Some("Verhandlungen"));
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].id, "a");
    // A compound of common words has no name-variant key: the fuzzy fallback corrects it.
    let r = search(&index, "Bundesregirung");
    assert_eq!(r.suggestion.as_deref(), Some("Bundesregierung"));
    assert_eq!(r.hits[0].id, "b");
    // A typo in the part the stemmer removes (`bundesregier` + `ung`).
    let r = search(&index, "Bundesregierugn");
    assert_eq!(r.suggestion.as_deref(), Some("Bundesregierung"));
    assert_eq!(r.hits[0].id, "b");
}
