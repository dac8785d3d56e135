//! Snippets analyse only the sentences a pre-filter lets through (src/snippet/prefilter.rs).
//! These tests pin the highlights of the cases it must not miss — compound parts, name
//! variants, stemmed forms, umlaut/ß transcriptions, prefixes, phrases — and compare the
//! pre-filtered snippets with a full analysis (`snippets_reference`) on real articles.

mod common;

use pressespiegel::analysis::{analyze_query, name_key, normalize};
use pressespiegel::corpus::read_jsonl;
use pressespiegel::index::{normalize_article, NewsIndex};
use pressespiegel::search::SearchRequest;
use pressespiegel::snippet::{snippets, snippets_reference, HighlightSpec, SnippetOptions};
use pressespiegel::Article;

const TEXT: &str = "Der Tag begann ruhig in der Hauptstadt.\n\n\
    Am Abend sprach Wolodymyr Selenski über den Angriffskrieg. „Die Sanktionen wirken“, \
    sagte er in der Muellerstrasse.\n\n\
    Die Oelpreise stiegen, die Bürger protestierten auf der Straße. Präsidentin Müller \
    schwieg.\n\nZum Schluss ein Satz ohne Treffer.";

fn index() -> NewsIndex {
    let index = NewsIndex::create_in_ram().expect("index");
    let mut w = index.writer().expect("writer");
    w.add(Article {
        id: "a".into(),
        title: "Ein Tag".into(),
        text: TEXT.into(),
        ..Default::default()
    })
    .expect("add");
    // A second article so that terms are not in every document.
    w.add(Article {
        id: "b".into(),
        title: "Wetter".into(),
        text: "Es regnet in Hamburg. Morgen scheint die Sonne.".into(),
        ..Default::default()
    })
    .expect("add");
    w.commit().expect("commit");
    index
}

/// The highlighted substrings of all snippets of the hit `a` for `query`.
fn highlighted(index: &NewsIndex, query: &str) -> Vec<String> {
    let results = index
        .search(&SearchRequest::new(query).snippets(3))
        .expect("search");
    let hit = results
        .hits
        .iter()
        .find(|h| h.id == "a")
        .unwrap_or_else(|| panic!("{query}: article a not found"));
    hit.snippets
        .iter()
        .flat_map(|s| s.highlighted_texts())
        .map(str::to_string)
        .collect()
}

#[test]
fn pinned_highlights_of_forms_the_prefilter_must_find() {
    let index = index();
    for (query, expected) in [
        // compound part (head of Angriffskrieg)
        ("Krieg", vec!["krieg"]),
        // name variant: the transliteration key of Selenskyj meets Selenski
        ("Selenskyj", vec!["Selenski"]),
        // stemmed form
        ("Sanktion", vec!["Sanktionen"]),
        // umlaut / ß written as transcriptions, in a compound
        ("Ölpreis", vec!["Oelpreise"]),
        ("Straße", vec!["strasse", "Straße"]),
        // the Bürger override term
        ("Bürger", vec!["Bürger"]),
        // prefix on an umlaut word
        ("präsid*", vec!["Präsidentin"]),
        // phrases (punctuation between the words does not break one)
        ("\"wirken sagte\"", vec!["wirken“, sagte"]),
        ("\"Sanktionen wirken\"", vec!["Sanktionen wirken"]),
    ] {
        let got = highlighted(&index, query);
        assert_eq!(got, expected, "{query}");
    }
}

#[test]
fn pinned_snippet_texts() {
    let index = index();
    let results = index
        .search(&SearchRequest::new("Oelpreis"))
        .expect("search");
    let hit = results.hits.iter().find(|h| h.id == "a").expect("hit");
    assert_eq!(
        hit.snippets[0].text(),
        "Die Oelpreise stiegen, die Bürger protestierten auf der Straße."
    );
    assert_eq!(hit.snippets[0].highlighted_texts(), ["Oelpreise"]);
    // Without any match the lead is shown.
    let spec = HighlightSpec::from_query_text("Zeppelin");
    let s = snippets(TEXT, &spec, &SnippetOptions::default());
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].text(), "Der Tag begann ruhig in der Hauptstadt.");
    assert!(s[0].highlights().is_empty());
}

/// Specs like the query compiler builds them: stems, compound parts, name keys, phrases and
/// prefixes.
fn specs() -> Vec<HighlightSpec> {
    let mut specs = Vec::new();
    let words = [
        "Regierung",
        "Präsident",
        "Krieg",
        "Wahl",
        "Polizei",
        "Sanktion",
        "Bürger",
        "Straße",
        "Strasse",
        "Öl",
        "Muenchen",
        "Selenskyj",
        "Putin",
        "Merkel",
        "China",
        "Iran",
        "Frieden",
        "Minister",
        "sagte",
        "e",
        "2020",
        "Bundestag",
        "Gipfel",
        "Abkommen",
        "Krise",
        "Europäischen",
    ];
    for w in words {
        let mut spec = HighlightSpec::from_query_text(w);
        if let Some(key) = name_key(w) {
            spec.terms.entry(key).or_insert(0.5);
        }
        specs.push(spec);
    }
    for phrase in [
        "Vereinten Nationen",
        "Europäischen Union",
        "sagte er",
        "Weißen Haus",
    ] {
        let mut spec = HighlightSpec::default();
        spec.add_sequence(
            analyze_query(phrase)
                .into_iter()
                .map(|t| (t.position, t.term))
                .collect(),
        );
        specs.push(spec);
    }
    for prefix in ["präsid", "regier", "us-", "ö", "e"] {
        specs.push(HighlightSpec {
            prefixes: vec![normalize(prefix).to_lowercase()],
            ..HighlightSpec::default()
        });
    }
    let mut mixed = HighlightSpec::from_query_text("Regierung Krieg");
    mixed.prefixes.push("sankt".into());
    specs.push(mixed);
    specs.push(HighlightSpec::default());
    specs
}

fn compare(texts: &[String]) -> usize {
    let specs = specs();
    let mut compared = 0;
    for options in [
        SnippetOptions::default(),
        SnippetOptions {
            max_fragments: 3,
            max_chars: 60,
        },
    ] {
        for text in texts {
            for spec in &specs {
                assert_eq!(
                    snippets(text, spec, &options),
                    snippets_reference(text, spec, &options),
                    "{spec:?} {options:?}\n{text}"
                );
                compared += 1;
            }
        }
    }
    compared
}

#[test]
fn prefiltered_snippets_equal_a_full_analysis_on_the_demo_corpus() {
    let texts: Vec<String> = pressespiegel::corpus::demo_articles()
        .expect("demo corpus")
        .into_iter()
        .map(|a| normalize_article(a).text)
        .collect();
    let n = compare(&texts);
    eprintln!("demo corpus: {n} snippet sets equal");
}

#[test]
fn prefiltered_snippets_equal_a_full_analysis_on_real_articles() {
    let Some(dir) = common::shared_dir() else {
        return;
    };
    let mut texts = Vec::new();
    for file in [
        "data/wikinews-quotes/train.jsonl",
        "data/10kgnad/articles.jsonl",
    ] {
        let articles = read_jsonl(dir.join(file)).expect("read articles");
        // Every eighth article keeps the debug-build run short.
        texts.extend(
            articles
                .into_iter()
                .step_by(8)
                .map(|a| normalize_article(a).text),
        );
    }
    let n = compare(&texts);
    eprintln!("real articles: {n} snippet sets equal");
}
