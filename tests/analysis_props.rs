//! Property tests: arbitrary Unicode never panics and yields well-formed tokens.

use pressespiegel::analysis::{
    analyze, analyze_exact, analyze_query, analyze_with_variants, normalize, AnalyzedToken,
    TokenKind, COMPOUND_PART_MARKER, VARIANT_KEY_MARKER,
};
use proptest::prelude::*;
use tantivy::tokenizer::TokenizerManager;

/// What the registered TEXT analyzer emits through tantivy's own API.
fn via_tantivy(text: &str) -> Vec<(String, usize, usize, usize)> {
    let manager = TokenizerManager::default();
    pressespiegel::analysis::register(&manager);
    let mut analyzer = manager
        .get(pressespiegel::analysis::TEXT)
        .expect("registered");
    let mut out = Vec::new();
    analyzer
        .token_stream(text)
        .process(&mut |t| out.push((t.text.clone(), t.position, t.offset_from, t.offset_to)));
    out
}

fn check_tokens(text: &str, tokens: &[AnalyzedToken]) -> Result<(), TestCaseError> {
    let mut last_position = 0;
    let mut last_start = 0;
    for t in tokens {
        prop_assert!(t.byte_start < t.byte_end, "{t:?}");
        prop_assert!(t.byte_end <= text.len(), "{t:?}");
        prop_assert!(text.is_char_boundary(t.byte_start), "{t:?}");
        prop_assert!(text.is_char_boundary(t.byte_end), "{t:?}");
        prop_assert!(t.position >= last_position, "{t:?}");
        prop_assert!(t.byte_start >= last_start, "{t:?}");
        prop_assert!(!t.text.is_empty(), "{t:?}");
        prop_assert!(t.text.chars().count() <= 2 * 64, "{t:?}");
        last_position = t.position;
        last_start = t.byte_start;
    }
    Ok(())
}

/// News-like text: words, umlauts, joiners, quotes, digits and some arbitrary characters.
fn newsish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Zölle",
        "US",
        "Präsident",
        "geht",
        "s",
        "24",
        "11",
        "2025",
        "3",
        "5",
        "ẞ",
        "İ",
        "a",
        "www.",
        "https://",
        "x@y.de",
        "@",
        "-",
        "-",
        ".",
        ",",
        "’",
        "'",
        "´",
        "&",
        " ",
        " ",
        "„",
        "“",
        "»",
        "«",
        "\u{00AD}",
        "\u{200B}",
        "\u{0308}",
        "(",
        ")",
        "Öl",
        "ue",
        "ß",
        "\u{1}",
        "Angriffs",
        "krieg",
        "Bundes",
        "tag",
    ]);
    prop::collection::vec(
        prop_oneof![
            pieces.prop_map(String::from),
            any::<char>().prop_map(String::from)
        ],
        0..40,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)))]

    #[test]
    fn arbitrary_unicode_gives_valid_tokens(s in any::<String>()) {
        let text = normalize(&s);
        check_tokens(&text, &analyze(&text))?;
        check_tokens(&text, &analyze_exact(&text))?;
        let q = analyze_query(&s);
        prop_assert!(q.windows(2).all(|w| w[0].position <= w[1].position));
        prop_assert!(q.iter().all(|t| !t.term.is_empty()));
    }

    #[test]
    fn newsish_text_gives_valid_tokens(s in newsish()) {
        let text = normalize(&s);
        check_tokens(&text, &analyze(&text))?;
        check_tokens(&text, &analyze_exact(&text))?;
        let q = analyze_query(&s);
        prop_assert!(q.windows(2).all(|w| w[0].position <= w[1].position));
        // The query analyzer emits exactly the TEXT analyzer's whole words.
        let words: Vec<(String, usize)> = analyze(&text)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| (t.text, t.position))
            .collect();
        let query: Vec<(String, usize)> = q.into_iter().map(|t| (t.term, t.position)).collect();
        prop_assert_eq!(query, words);
    }

    #[test]
    fn analyze_equals_the_registered_tantivy_analyzer(s in newsish()) {
        let text = normalize(&s);
        let ours: Vec<_> = analyze(&text)
            .into_iter()
            .map(|t| (t.text, t.position, t.byte_start, t.byte_end))
            .collect();
        // tantivy gets the compound parts as marked terms and the variant keys as other
        // marked terms; without the keys and unmarked it is `analyze`.
        let unmarked: Vec<_> = via_tantivy(&text)
            .into_iter()
            .filter(|t| !t.0.starts_with(VARIANT_KEY_MARKER))
            .map(|mut t| {
                t.0 = t.0.trim_start_matches(COMPOUND_PART_MARKER).to_string();
                t
            })
            .collect();
        prop_assert_eq!(ours, unmarked);
    }

    #[test]
    fn only_compound_parts_start_with_the_marker(s in prop_oneof![any::<String>(), newsish()]) {
        let text = normalize(&s);
        // No word, hyphen part, URL, e-mail, query term or variant key starts with a marker
        // (or contains one), so a marked term can only be a compound part or a variant key.
        let markers = [COMPOUND_PART_MARKER, VARIANT_KEY_MARKER];
        for t in analyze_with_variants(&text).iter().chain(&analyze_exact(&text)) {
            prop_assert!(!t.text.contains(markers), "{t:?}");
        }
        for t in analyze_query(&s) {
            prop_assert!(!t.term.contains(markers), "{t:?}");
        }
        // What tantivy indexes: a marked term is the marker plus an alphabetic stem, and it is
        // a compound part of `analyze` at the same place; or the other marker plus a variant
        // key of `analyze_with_variants` at the same place.
        let tokens = analyze_with_variants(&text);
        let of_kind = |kind: TokenKind| -> Vec<_> {
            tokens
                .iter()
                .filter(|t| t.kind == kind)
                .map(|t| (t.text.clone(), t.position, t.byte_start, t.byte_end))
                .collect()
        };
        let (parts, keys) = (of_kind(TokenKind::Part), of_kind(TokenKind::Variant));
        let mut indexed_keys = Vec::new();
        for (term, position, start, end) in via_tantivy(&text) {
            if let Some(stem) = term.strip_prefix(COMPOUND_PART_MARKER) {
                prop_assert!(!stem.is_empty() && stem.chars().all(char::is_alphabetic), "{term:?}");
                prop_assert!(
                    parts.contains(&(stem.to_string(), position, start, end)),
                    "{term:?} at {position} is no compound part"
                );
            } else if let Some(key) = term.strip_prefix(VARIANT_KEY_MARKER) {
                prop_assert!(!key.is_empty() && !key.contains(markers), "{term:?}");
                indexed_keys.push((key.to_string(), position, start, end));
            } else {
                prop_assert!(!term.contains(markers), "{term:?}");
            }
        }
        prop_assert_eq!(indexed_keys, keys);
    }

    #[test]
    fn unnormalized_input_does_not_panic(s in any::<String>()) {
        check_tokens(&s, &analyze(&s))?;
    }

    #[test]
    fn normalize_is_idempotent(s in any::<String>()) {
        let once = normalize(&s).into_owned();
        let twice = normalize(&once).into_owned();
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn normalize_is_idempotent_on_newsish(s in newsish()) {
        let once = normalize(&s).into_owned();
        let twice = normalize(&once).into_owned();
        prop_assert_eq!(twice, once);
    }
}
