//! Property tests for the snippet engine: arbitrary text and queries never panic, highlights are
//! valid ranges, quotation marks stay balanced when a quotation is cut.

use pressespiegel::snippet::{quotes::quotation_spans, snippets, HighlightSpec, SnippetOptions};
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
