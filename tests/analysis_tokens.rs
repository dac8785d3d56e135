//! User-visible behaviour of the German news analyzer.

use pressespiegel::analysis::{
    analyze, analyze_exact, analyze_query, fold_term, is_stop_word, normalize, AnalyzedToken,
    TokenKind,
};

/// `(surface, term, position, kind)` for every token of the TEXT analyzer.
fn view(text: &str) -> Vec<(String, String, usize, TokenKind)> {
    analyze(text)
        .into_iter()
        .map(|t| {
            (
                text[t.byte_start..t.byte_end].to_string(),
                t.text,
                t.position,
                t.kind,
            )
        })
        .collect()
}

fn terms(tokens: Vec<AnalyzedToken>) -> Vec<String> {
    tokens.into_iter().map(|t| t.text).collect()
}

/// The single TEXT term of a one-word query.
fn term(word: &str) -> String {
    let q = analyze_query(word);
    assert_eq!(q.len(), 1, "{word:?} should be one query word: {q:?}");
    q[0].term.clone()
}

fn owned(v: &[(&str, &str, usize, TokenKind)]) -> Vec<(String, String, usize, TokenKind)> {
    v.iter()
        .map(|(s, t, p, k)| (s.to_string(), t.to_string(), *p, *k))
        .collect()
}

use TokenKind::{Part, Word};

#[test]
fn us_praesident_whole_and_parts_at_one_position() {
    assert_eq!(
        view("Der US-Präsident"),
        owned(&[
            ("Der", "der", 0, Word),
            ("US-Präsident", "us-prasident", 1, Word),
            ("US", "us", 1, Part),
            ("Präsident", "prasident", 1, Part),
        ])
    );
    // A query for either part or the whole word finds it.
    let indexed = terms(analyze("US-Präsidenten"));
    for q in ["Präsident", "US-Präsident", "US"] {
        assert!(indexed.contains(&term(q)), "{q}: {indexed:?}");
    }
}

#[test]
fn dates_and_numbers_stay_whole() {
    assert_eq!(
        view("Am 24.11.2025 stiegen die Preise um 3,5 Prozent auf 1.500 Euro."),
        owned(&[
            ("Am", "am", 0, Word),
            ("24.11.2025", "24.11.2025", 1, Word),
            ("stiegen", "stieg", 2, Word),
            ("die", "die", 3, Word),
            ("Preise", "preis", 4, Word),
            ("um", "um", 5, Word),
            ("3,5", "3,5", 6, Word),
            ("Prozent", "prozent", 7, Word),
            ("auf", "auf", 8, Word),
            ("1.500", "1.500", 9, Word),
            ("Euro", "euro", 10, Word),
        ])
    );
    assert_eq!(
        view("28-Punkte-Plan"),
        owned(&[
            ("28-Punkte-Plan", "28-punkte-plan", 0, Word),
            ("28", "28", 0, Part),
            ("Punkte", "punkt", 0, Part),
            ("Plan", "plan", 0, Part),
        ])
    );
}

#[test]
fn german_quotes_are_punctuation() {
    for text in [
        "„Zitat“",
        "‚Zitat‘",
        "»Zitat«",
        "«Zitat»",
        "\"Zitat\"",
        "'Zitat'",
        "“Zitat”",
    ] {
        assert_eq!(view(text), owned(&[("Zitat", "zitat", 0, Word)]), "{text}");
    }
}

#[test]
fn geht_s_is_one_word_with_a_part() {
    let expected = |apostrophe: &str| {
        owned(&[
            (&format!("geht{apostrophe}s"), "geht's", 0, Word),
            ("geht", "geht", 0, Part),
        ])
    };
    for apostrophe in ["’", "'", "´"] {
        let text = format!("geht{apostrophe}s");
        assert_eq!(view(&text), expected(apostrophe), "{text}");
    }
    // All spellings meet in the query.
    assert_eq!(term("geht’s"), term("geht's"));
    assert_eq!(term("Geht´s"), "geht's");
}

#[test]
fn dangling_hyphen() {
    assert_eq!(
        view("Öl- und Energieverkauf"),
        owned(&[
            ("Öl", "ol", 0, Word),
            ("und", "und", 1, Word),
            ("Energieverkauf", "energieverkauf", 2, Word),
            // Compound parts at the same position, each with its own offsets.
            ("Energie", "energi", 2, Part),
            ("verkauf", "verkauf", 2, Part),
        ])
    );
}

#[test]
fn umlaut_transcriptions_give_the_same_term() {
    for (a, b) in [
        ("Öl", "Oel"),
        ("München", "Muenchen"),
        ("Straße", "Strasse"),
        ("Fußball", "Fussball"),
        ("Ärzte", "Aerzte"),
    ] {
        assert_eq!(term(a), term(b), "{a} / {b}");
    }
    // ue after a vowel stays (Lucene's exception): Steuer is not "Steur".
    assert_eq!(term("Steuer"), "steu");
    assert_ne!(term("Steuer"), term("Stur"));
}

#[test]
fn inflected_forms_conflate() {
    for (a, b) in [
        ("Sanktion", "Sanktionen"),
        ("Zoll", "Zölle"),
        ("Präsident", "Präsidenten"),
        ("Haus", "Häuser"),
        ("Regierung", "Regierungen"),
    ] {
        assert_eq!(term(a), term(b), "{a} / {b}");
    }
}

#[test]
fn buerger_is_not_burg() {
    assert_ne!(term("Bürger"), term("Burg"));
    assert_eq!(term("Bürger"), term("Bürgern"));
    assert_eq!(term("Bürger"), term("Buerger"));
}

#[test]
fn soft_hyphen_after_normalize_gives_one_token() {
    let text = normalize("Die Kanz\u{00AD}lerin");
    assert_eq!(
        view(&text),
        owned(&[("Die", "die", 0, Word), ("Kanzlerin", "kanzlerin", 1, Word)])
    );
}

#[test]
fn nfd_after_normalize_equals_nfc() {
    let nfd = normalize("Zo\u{0308}lle");
    assert_eq!(nfd, "Zölle");
    assert_eq!(analyze(&nfd), analyze("Zölle"));
    assert_eq!(terms(analyze(&nfd)), ["zoll"]);
}

#[test]
fn urls_and_emails_whole() {
    assert_eq!(
        view("Quelle: https://www.tagesschau.de/ausland/asien/china-101.html, Kontakt presse@example.org."),
        owned(&[
            ("Quelle", "quell", 0, Word),
            (
                "https://www.tagesschau.de/ausland/asien/china-101.html",
                "https://www.tagesschau.de/ausland/asien/china-101.html",
                1,
                Word
            ),
            ("www.tagesschau.de", "www.tagesschau.de", 1, Part),
            ("Kontakt", "kontakt", 2, Word),
            ("presse@example.org", "presse@example.org", 3, Word),
        ])
    );
}

#[test]
fn stop_words_are_flagged_not_removed() {
    let q = analyze_query("Die Linke");
    assert_eq!(q.len(), 2);
    assert!(q[0].stop && !q[1].stop);
    assert_eq!(terms(analyze("Die Linke")), ["die", "link"]);
    assert!(is_stop_word("dass") && is_stop_word("daß"));
}

#[test]
fn query_analyzer_keeps_hyphenated_words_whole() {
    let q: Vec<_> = analyze_query("US-Präsident Trump")
        .into_iter()
        .map(|t| (t.term, t.position))
        .collect();
    assert_eq!(
        q,
        [("us-prasident".to_string(), 0), ("trump".to_string(), 1)]
    );
}

#[test]
fn exact_analyzer_is_unstemmed_and_unfolded() {
    assert_eq!(
        terms(analyze_exact("Die Zölle für Öl-Importe")),
        ["die", "zölle", "für", "öl-importe", "öl", "importe"]
    );
}

#[test]
fn prefix_form_is_folded_not_stemmed() {
    let indexed = term("Präsidentin");
    assert!(indexed.starts_with(&fold_term("Präsid")), "{indexed}");
    assert!(term("Muenchen").starts_with(&fold_term("Münch")));
}

#[test]
fn very_long_words_are_dropped_without_panic() {
    let long = "x".repeat(100_000);
    let text = format!("vor {long} nach");
    let t = analyze(&text);
    let v: Vec<_> = t.iter().map(|t| (t.text.as_str(), t.position)).collect();
    assert_eq!(v, [("vor", 0), ("nach", 2)]);
    // 64 characters are kept, 65 are not.
    assert_eq!(analyze(&"ü".repeat(64)).len(), 1);
    assert!(analyze(&"ü".repeat(65)).is_empty());
}

#[test]
fn offsets_point_at_the_words() {
    let text = "„Die Zölle“, sagte der US-Präsident.";
    for t in analyze(text) {
        let surface = &text[t.byte_start..t.byte_end];
        assert!(
            surface.chars().all(|c| c.is_alphanumeric() || c == '-'),
            "{surface:?}"
        );
    }
}

/// A compound part with the same text as a part of the same word (`krieg` in
/// `krieg&Angriffskrieg`) is still a token: the index has both (one of them marked), and a
/// snippet must be able to mark the part inside the compound.
#[test]
fn a_compound_part_is_kept_beside_a_part_with_the_same_text() {
    let got = view("krieg&Angriffskrieg");
    let krieg: Vec<_> = got
        .iter()
        .filter(|(_, term, _, _)| term == "krieg")
        .map(|(surface, _, _, kind)| (surface.as_str(), *kind))
        .collect();
    assert_eq!(
        krieg,
        [("krieg", TokenKind::Part), ("krieg", TokenKind::Part)],
        "{got:?}"
    );
    let starts: Vec<usize> = analyze("krieg&Angriffskrieg")
        .iter()
        .filter(|t| t.text == "krieg")
        .map(|t| t.byte_start)
        .collect();
    assert_eq!(starts, [0, 14]);
}
