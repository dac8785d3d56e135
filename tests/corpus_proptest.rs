//! The generator never panics, whatever the base corpus contains.

use pressespiegel::corpus::{vocabulary_growth, CorpusGenerator};
use pressespiegel::Article;
use proptest::prelude::*;

/// Text with German letters, quotation marks, punctuation and line breaks, plus arbitrary chars.
fn newsish_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Die ".to_string()),
        Just("Bundesregierung".to_string()),
        Just("Friedensabkommen".to_string()),
        Just("Frieden".to_string()),
        Just("Abkommen".to_string()),
        Just("Irak-Krieg".to_string()),
        Just("Krieg".to_string()),
        Just("Merkel".to_string()),
        Just("„".to_string()),
        Just("“".to_string()),
        Just("\"".to_string()),
        Just("»".to_string()),
        Just(". ".to_string()),
        Just("! ".to_string()),
        Just(", sagte ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(" z. B. ".to_string()),
        Just("5. ".to_string()),
        "[a-zäöüßA-ZÄÖÜ]{1,12} ",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64)))]

    #[test]
    fn arbitrary_base_never_panics(texts in prop::collection::vec(newsish_text(), 1..5), seed in any::<u64>()) {
        let base: Vec<Article> = texts
            .into_iter()
            .enumerate()
            .map(|(i, text)| Article { id: i.to_string(), text, ..Default::default() })
            .collect();
        if let Ok(generator) = CorpusGenerator::new(base, seed) {
            let articles: Vec<Article> = generator.articles(20).collect();
            prop_assert_eq!(articles.len(), 20);
            for a in &articles {
                prop_assert!(!a.title.is_empty());
                prop_assert!(!a.text.is_empty());
            }
            let points = vocabulary_growth(articles, &[20]);
            prop_assert_eq!(points.len(), 1);
        }
    }
}
