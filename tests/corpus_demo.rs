//! The bundled demo corpus: parses, is attributed, carries no annotations, and has the material
//! the demo searches need.

use std::collections::BTreeSet;
use std::path::PathBuf;

use pressespiegel::corpus::{demo_articles, DEMO_ATTRIBUTION};

fn demo_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/demo")
}

#[test]
fn demo_corpus_parses_into_about_100_wikinews_articles() {
    let articles = demo_articles().unwrap();
    assert!(
        (90..=110).contains(&articles.len()),
        "{} articles",
        articles.len()
    );
    let ids: BTreeSet<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), articles.len(), "ids are unique");
    for a in &articles {
        assert!(a.id.starts_with("wikinews-"), "{}", a.id);
        assert!(
            !a.title.trim().is_empty() && a.text.len() >= 500,
            "{}",
            a.id
        );
        assert_eq!(a.source.as_deref(), Some("de.wikinews.org"));
        let url = a.url.as_deref().unwrap();
        assert!(url.starts_with("https://de.wikinews.org/wiki/"), "{url}");
        assert!(!url.contains(' '), "{url}");
        assert!(a.date.is_some(), "{} has a date", a.id);
    }
}

#[test]
fn demo_corpus_is_small_and_carries_texts_only() {
    let raw = std::fs::read_to_string(demo_dir().join("wikinews-de.jsonl")).unwrap();
    assert!(raw.len() <= 1_000_000, "{} bytes", raw.len());
    for (n, line) in raw.lines().enumerate() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        let keys: BTreeSet<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let allowed: BTreeSet<&str> = ["id", "title", "text", "date", "source", "url"].into();
        assert!(
            keys.is_subset(&allowed),
            "line {}: unexpected fields {keys:?}",
            n + 1
        );
    }
}

#[test]
fn license_and_attribution_cover_every_article() {
    let license = std::fs::read_to_string(demo_dir().join("LICENSE.md")).unwrap();
    let attribution = std::fs::read_to_string(demo_dir().join("ATTRIBUTION.md")).unwrap();
    for doc in [&license, &attribution] {
        assert!(doc.contains("CC BY 2.5"));
        assert!(doc.contains("https://creativecommons.org/licenses/by/2.5/"));
        assert!(doc.contains("Wikinews contributors"));
    }
    assert!(DEMO_ATTRIBUTION.contains("CC BY 2.5"));
    for a in demo_articles().unwrap() {
        assert!(
            attribution.contains(&format!("| {} |", a.id)),
            "{} not listed",
            a.id
        );
    }
}

#[test]
fn demo_corpus_has_material_for_demo_searches() {
    let articles = demo_articles().unwrap();
    let all: String = articles
        .iter()
        .map(|a| format!("{}\n{}\n", a.title, a.text))
        .collect();
    for actor in ["Merkel", "Putin", "Bush", "Obama", "Schröder", "Sarkozy"] {
        assert!(all.contains(actor), "no article mentions {actor}");
    }
    for country in ["USA", "China", "Russland", "Frankreich", "Irak", "Iran"] {
        assert!(all.contains(country), "no article mentions {country}");
    }
    let with_quote = articles
        .iter()
        .filter(|a| {
            a.text.contains('„') && (a.text.contains("sagte") || a.text.contains("erklärte"))
        })
        .count();
    assert!(
        with_quote * 2 >= articles.len(),
        "only {with_quote} articles quote someone"
    );
    let years: BTreeSet<i32> = articles
        .iter()
        .filter_map(|a| a.date)
        .map(|d| d.date.year())
        .collect();
    assert!(years.len() >= 10, "years {years:?}");
    for compound in ["Bundesregierung", "Außenminister", "Präsident"] {
        assert!(all.contains(compound), "{compound}");
    }
}
