//! Property tests for the snippet engine: arbitrary text and queries never panic, highlights are
//! valid ranges, quotation marks stay balanced when a quotation is cut.

use pressespiegel::snippet::{
    quotes::quotation_spans, snippets, snippets_reference, HighlightSpec, SnippetOptions,
};
use proptest::prelude::*;

fn newsish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("Sanktionen".to_string()),
            Just("„".to_string()),
            Just("“".to_string()),
            Just("»".to_string()),
            Just("«".to_string()),
            Just("\"".to_string()),
            Just(". ".to_string()),
            Just("\n\n".to_string()),
            Just(" sagte er, ".to_string()),
            Just("Öl-Importe".to_string()),
            "\\PC{1,12}",
        ],
        0..40,
    )
    .prop_map(|v| v.join(" "))
}

/// Pieces that stress sentence, paragraph and word boundaries and the folded forms the
/// snippet pre-filter searches for.
fn tricky() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("Sanktionen".to_string()),
            Just("Angriffskrieg".to_string()),
            Just("Kriege".to_string()),
            Just("Selenski".to_string()),
            Just("Selenskyjs".to_string()),
            Just("Straße".to_string()),
            Just("Muellerstrasse".to_string()),
            Just("Oelpreise".to_string()),
            Just("Bürgern".to_string()),
            Just("US-Präsidentin".to_string()),
            Just("Max.Mustermann@polizei.de".to_string()),
            Just("www.example.de/Seite.Html".to_string()),
            Just("Dr.".to_string()),
            Just("z.B.".to_string()),
            Just("3.".to_string()),
            Just("„".to_string()),
            Just("“".to_string()),
            Just("\"".to_string()),
            Just(".".to_string()),
            Just(". ".to_string()),
            Just("?".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("\r\n".to_string()),
            Just("\r".to_string()),
            Just("\u{2029}".to_string()),
            Just(" sagte er, ".to_string()),
            Just("Vereinten Nationen".to_string()),
            "[a-zäöüßA-ZÄÖÜ]{1,8}",
            "\\PC{1,6}",
        ],
        0..60,
    )
    .prop_map(|v| v.concat())
}

fn spec_for(words: &[&str], prefix: Option<&str>, phrase: bool) -> HighlightSpec {
    let mut spec = HighlightSpec::from_query_text(&words.join(" "));
    for w in words {
        if let Some(k) = pressespiegel::analysis::name_key(w) {
            spec.terms.entry(k).or_insert(0.5);
        }
    }
    if let Some(p) = prefix {
        spec.prefixes.push(p.to_string());
    }
    if phrase {
        spec.add_sequence(
            pressespiegel::analysis::analyze_query("Vereinten Nationen")
                .into_iter()
                .map(|t| (t.position, t.term))
                .collect(),
        );
    }
    spec
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

    /// The pre-filtered snippets (only candidate sentences analysed) are exactly those of a
    /// full analysis.
    #[test]
    fn prefiltered_snippets_equal_full_analysis(
        text in prop_oneof![tricky(), newsish()],
        words in proptest::sample::subsequence(
            vec!["Sanktion", "Krieg", "Selenskyj", "Straße", "Öl", "Bürger", "Präsident", "Polizei", "e", "de"],
            0..3,
        ),
        prefix in proptest::option::of(prop_oneof![Just("präs"), Just("max."), Just("www"), Just("ö"), Just("s")]),
        phrase in any::<bool>(),
        max in 20usize..300,
        fragments in 1usize..4,
    ) {
        let text = pressespiegel::analysis::normalize(&text).into_owned();
        let spec = spec_for(&words, prefix, phrase);
        let opts = SnippetOptions { max_fragments: fragments, max_chars: max };
        prop_assert_eq!(snippets(&text, &spec, &opts), snippets_reference(&text, &spec, &opts));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

    #[test]
    fn snippets_never_panic(text in prop_oneof![any::<String>(), newsish()], q in "\\PC{0,12}", max in 1usize..300) {
        let spec = HighlightSpec::from_query_text(&format!("Sanktion Öl {q}"));
        let opts = SnippetOptions { max_fragments: 3, max_chars: max };
        for s in snippets(&text, &spec, &opts) {
            for r in s.highlights() {
                prop_assert!(r.start < r.end && r.end <= s.text().len());
                prop_assert!(s.text().is_char_boundary(r.start) && s.text().is_char_boundary(r.end));
            }
            for [a, b] in s.char_highlights() {
                prop_assert!(a < b && b <= s.text().chars().count());
            }
        }
    }

    #[test]
    fn quotation_spans_are_valid(text in prop_oneof![any::<String>(), newsish()]) {
        let mut last_end = 0;
        for r in quotation_spans(&text) {
            prop_assert!(r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            prop_assert!(r.start >= last_end);
            last_end = r.end;
        }
    }
}

#[test]
fn long_quotation_is_cut_inside_with_balanced_marks() {
    let long = "sehr ".repeat(80);
    let text = format!(
        "Vorher. „Wir werden {long} die Sanktionen beenden und {long} weitermachen.“, sagte er."
    );
    let spec = HighlightSpec::from_query_text("Sanktion");
    let s = &snippets(
        &text,
        &spec,
        &SnippetOptions {
            max_fragments: 1,
            max_chars: 120,
        },
    )[0];
    assert!(s.text().starts_with("„…"), "{}", s.text());
    assert!(s.text().ends_with("…“"), "{}", s.text());
    assert_eq!(s.highlighted_texts(), ["Sanktionen"]);
    assert!(s.text().chars().count() <= 126);
}

#[test]
fn sentence_inside_an_overlong_quotation_gets_balanced_marks() {
    let long = "Wir bleiben dabei. ".repeat(30);
    let text = format!("Er sagte: „Die Sanktionen wirken. {long}Das ist klar.“ Danach ging er.");
    let spec = HighlightSpec::from_query_text("Sanktion");
    let s = &snippets(
        &text,
        &spec,
        &SnippetOptions {
            max_fragments: 1,
            max_chars: 120,
        },
    )[0];
    let opens = s.text().matches('„').count();
    let closes = s.text().matches('“').count();
    assert_eq!(opens, closes, "{}", s.text());
    assert!(s.text().ends_with("…“"), "{}", s.text());
    assert_eq!(s.highlighted_texts(), ["Sanktionen"]);
}
