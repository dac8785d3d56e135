//! Property tests: the ingest parsers never panic, and every accepted article has text.

use std::io::Cursor;

use pressespiegel::ingest;
use proptest::prelude::*;

/// Fragments of the real formats, so that generated inputs reach the format rules.
const FRAGMENTS: &[&str] = &[
    " date 2025-10-30 ",
    "BUSAN (dpa-AFX) - ",
    "Peking (Reuters) - ",
    "## ",
    "### ",
    "**",
    "Politik\n",
    "24.11.2025, 20:21 Uhr\n",
    "Telefonat mit Donald TrumpXi Jinping will ",
    "(Foto: AP Photo/x)",
    "President-Donald-Trump-left-and-Chinese-President\n",
    "Quelle: ntv.de, mpa/dpa/rts/DJ\n",
    "Source: [die-nachrichten.at](https://die-nachrichten.at)\n",
    "Details zur MeldungQuelle [edition.cnn.com](https://edition.cnn.com)\n",
    "Kurze Werbeeinblendung\n",
    "**Besuchen Sie uns auf: [n-ag.de](https://n-ag.de)**",
    "RusslandKünstliche IntelligenzTaiwanUSAUkraine",
    "&hellip;",
    "&amp;",
    "&#x;",
    "…",
    "./jon/DP/mis",
    "---\n",
    "\n",
    "\n\n",
    "\r\n",
    ". ",
    "„Zitat“ ",
    "getrennt",
    "werden können. ",
    "Der Text. ",
    "ä",
    "ß",
    "\u{ad}",
    "\u{200b}",
    "\u{feff}",
    "e\u{301}",
    "[",
    "](",
    ")",
    "{",
    "\"",
    "1.",
    "Dr. ",
];

fn seedish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
            1 => "\\PC{0,12}",
        ],
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

fn check_article(a: &pressespiegel::Article) {
    assert!(!a.text.trim().is_empty(), "accepted article without text");
    assert_eq!(a.text.trim(), a.text);
    assert!(!a.title.contains('\n'));
    assert!(!a.id.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)))]

    #[test]
    fn parse_text_never_panics_on_arbitrary_unicode(s in "\\PC*") {
        if let Ok(a) = ingest::parse_text(&s, "p") {
            check_article(&a);
        }
    }

    #[test]
    fn parse_text_never_panics_on_format_fragments(s in seedish()) {
        if let Ok(a) = ingest::parse_text(&s, "") {
            check_article(&a);
        }
    }

    #[test]
    fn parse_json_line_never_panics_on_arbitrary_unicode(s in "\\PC*") {
        if let Ok(a) = ingest::parse_json_line(&s, "p:1") {
            check_article(&a);
        }
    }

    #[test]
    fn json_line_accepts_any_text_that_is_not_blank(text in "\\PC*", title in "\\PC{0,20}") {
        let line = serde_json::json!({"title": title, "text": text}).to_string();
        match ingest::parse_json_line(&line, "p:1") {
            Ok(a) => check_article(&a),
            Err(e) => {
                let normalized = pressespiegel::analysis::normalize(&text);
                prop_assert!(normalized.trim().is_empty(), "rejected {text:?}: {e}");
            }
        }
    }

    #[test]
    fn read_reader_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let items: Vec<_> = ingest::read_reader(Cursor::new(bytes), "<stdin>").take(1000).collect();
        prop_assert!(!items.is_empty(), "every input yields an article or an error");
        for a in items.iter().flatten() {
            check_article(a);
        }
    }
}
