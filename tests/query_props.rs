//! Property tests: the query parser and the search never panic on arbitrary input.

use pressespiegel::index::NewsIndex;
use pressespiegel::search::{parse_query, SearchRequest};
use pressespiegel::{Article, Error};
use proptest::prelude::*;

fn query_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        // Query-ish strings: words, operators, quotes, parentheses, prefixes, fields.
        proptest::collection::vec(
            prop_oneof![
                Just("China".to_string()),
                Just("Öl".to_string()),
                Just("OR".to_string()),
                Just("AND".to_string()),
                Just("NOT".to_string()),
                Just("-".to_string()),
                Just("(".to_string()),
                Just(")".to_string()),
                Just("\"".to_string()),
                Just("„".to_string()),
                Just("“".to_string()),
                Just("title:".to_string()),
                Just("*".to_string()),
                Just("präsid*".to_string()),
                "\\PC{1,6}",
            ],
            0..12
        )
        .prop_map(|v| v.join(" ")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256), ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_and_errors_point_into_the_query(q in query_strategy()) {
        match parse_query(&q) {
            Ok(_) => {}
            Err(Error::Query { position, .. }) => prop_assert!(position <= q.chars().count()),
            Err(other) => prop_assert!(false, "unexpected error type: {other:?}"),
        }
    }
}

/// One small index shared by all cases (building an index per case made long runs slow).
fn small_index() -> &'static NewsIndex {
    static INDEX: std::sync::OnceLock<NewsIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let index = NewsIndex::create_in_ram().unwrap();
        let mut w = index.writer().unwrap();
        w.add(Article {
            id: "x".into(),
            title: "China und Öl".into(),
            text: "„Wir werden“, sagte er, „zusammenarbeiten.“ Präsident Xi über Öl-Importe aus Russland.".into(),
            ..Default::default()
        })
        .unwrap();
        w.commit().unwrap();
        index
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64), ..ProptestConfig::default() })]

    #[test]
    fn search_never_panics_and_highlights_are_valid(q in query_strategy()) {
        let index = small_index();
        if let Ok(results) = index.search(&SearchRequest::new(q)) {
            for hit in results.hits {
                for s in hit.snippets {
                    for r in s.highlights() {
                        prop_assert!(r.start < r.end && r.end <= s.text().len());
                        prop_assert!(s.text().is_char_boundary(r.start) && s.text().is_char_boundary(r.end));
                    }
                }
            }
        }
    }
}
