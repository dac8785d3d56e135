//! The corpus generator: determinism, well-formed articles, quotes, actors, compounds and
//! Heaps-law vocabulary growth.

mod common;

use std::collections::BTreeSet;

use pressespiegel::corpus::{demo_articles, read_jsonl, vocabulary_growth, CorpusGenerator};
use pressespiegel::{Article, ArticleDate};

fn json(articles: impl Iterator<Item = Article>) -> Vec<String> {
    articles
        .map(|a| serde_json::to_string(&a).unwrap())
        .collect()
}

/// Lower-cased words as `vocabulary_growth` counts them.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

#[test]
fn same_seed_gives_byte_identical_articles_and_other_seeds_differ() {
    let a = json(CorpusGenerator::demo(42).unwrap().articles(300));
    let b = json(CorpusGenerator::demo(42).unwrap().articles(300));
    assert_eq!(a, b);
    let c = json(CorpusGenerator::demo(43).unwrap().articles(300));
    let same = a.iter().zip(&c).filter(|(x, y)| x == y).count();
    assert_eq!(same, 0, "seed 43 repeats {same} articles of seed 42");
}

#[test]
fn articles_are_independent_of_how_many_are_asked() {
    let g = CorpusGenerator::demo(5).unwrap();
    let first: Vec<Article> = g.articles(50).collect();
    let more: Vec<Article> = g.articles(120).collect();
    assert_eq!(first[..], more[..50]);
    assert_eq!(g.article(77), more[77]);
    assert_eq!(g.articles(0).count(), 0);
}

#[test]
fn articles_are_well_formed() {
    let g = CorpusGenerator::demo(1).unwrap();
    let articles: Vec<Article> = g.articles(2_000).collect();
    assert_eq!(articles.len(), 2_000);
    let first: ArticleDate = "2005-01-01".parse().unwrap();
    let last: ArticleDate = "2025-12-31T23:59:59".parse().unwrap();
    let mut years = BTreeSet::new();
    let mut sources = BTreeSet::new();
    let mut agencies = BTreeSet::new();
    for (i, a) in articles.iter().enumerate() {
        assert_eq!(a.id, format!("gen-{:06}", i + 1));
        assert!(
            !a.title.trim().is_empty() && !a.title.contains('\n'),
            "{}: {:?}",
            a.id,
            a.title
        );
        assert!(
            a.title.split_whitespace().count() <= 12,
            "{}: {:?}",
            a.id,
            a.title
        );
        assert!(
            a.text.split_whitespace().count() >= 12,
            "{}: {:?}",
            a.id,
            a.text
        );
        let date = a.date.unwrap();
        assert!(first <= date && date <= last, "{}: {date}", a.id);
        years.insert(date.date.year());
        sources.insert(a.source.clone().unwrap());
        agencies.insert(a.agency.clone());
        assert!(a.url.as_deref().unwrap().ends_with(&a.id));
    }
    assert_eq!(
        years,
        (2005..=2025).collect(),
        "dates spread over 2005–2025"
    );
    assert!(sources.len() >= 5, "{sources:?}");
    assert!(
        agencies.contains(&None) && agencies.len() >= 5,
        "{agencies:?}"
    );
    assert!(articles.iter().any(|a| a.date.unwrap().time.is_some()));
    assert!(articles.iter().any(|a| a.date.unwrap().time.is_none()));
}

#[test]
fn quotations_survive_resampling_intact() {
    let g = CorpusGenerator::demo(9).unwrap();
    let articles: Vec<Article> = g.articles(1_000).collect();
    let quoting = articles
        .iter()
        .filter(|a| a.text.contains('„') && a.text.contains("sagte"))
        .count();
    assert!(
        quoting >= 500,
        "only {quoting} of 1000 articles quote someone with 'sagte'"
    );
    // A quotation is never cut: every paragraph closes the „ it opens (the demo texts do).
    let (mut opened, mut unbalanced) = (0, 0);
    for a in &articles {
        for paragraph in a.text.split("\n\n") {
            let open = paragraph.matches('„').count();
            opened += open;
            if open != paragraph.matches('“').count() {
                unbalanced += 1;
            }
        }
    }
    assert!(opened > 1_000);
    assert!(
        unbalanced * 100 <= opened,
        "{unbalanced} unbalanced paragraphs for {opened} quotes"
    );
}

#[test]
fn actors_vary_beyond_the_base_corpus() {
    let demo: String = demo_articles()
        .unwrap()
        .into_iter()
        .map(|a| a.text)
        .collect();
    let absent: Vec<&str> = [
        "Scholz",
        "Macron",
        "Biden",
        "Selenskyj",
        "Meloni",
        "Baerbock",
        "Xi",
    ]
    .into_iter()
    .filter(|n| !words(&demo).any(|w| w == n.to_lowercase()))
    .collect();
    assert!(!absent.is_empty());
    let g = CorpusGenerator::demo(11).unwrap();
    let generated: BTreeSet<String> = g
        .articles(2_000)
        .flat_map(|a| words(&a.text).collect::<Vec<_>>())
        .collect();
    let introduced: Vec<&&str> = absent
        .iter()
        .filter(|n| generated.contains(&n.to_lowercase()))
        .collect();
    assert!(
        introduced.len() >= 2,
        "introduced only {introduced:?} of {absent:?}"
    );
}

#[test]
fn new_words_are_compounds_of_base_parts() {
    let base: BTreeSet<String> = demo_articles()
        .unwrap()
        .iter()
        .flat_map(|a| words(&a.text).collect::<Vec<_>>())
        .collect();
    let g = CorpusGenerator::demo(3).unwrap();
    let new: BTreeSet<String> = g
        .articles(500)
        .flat_map(|a| words(&a.text).collect::<Vec<_>>())
        .filter(|w| !base.contains(w))
        .collect();
    assert!(new.len() >= 200, "only {} new words", new.len());
    // New words are compounds: a base word (the head) preceded by at least three letters.
    // The only other new words are names brought in by actor swaps.
    let not_compounds: Vec<&String> = new
        .iter()
        .filter(|w| {
            !w.char_indices().skip(3).any(|(i, _)| {
                w[i..].chars().count() >= 3 && base.contains(w[i..].trim_start_matches('-'))
            })
        })
        .collect();
    assert!(
        not_compounds.len() * 50 <= new.len(),
        "{} of {} new words are no compounds: {not_compounds:?}",
        not_compounds.len(),
        new.len()
    );
}

#[test]
fn vocabulary_grows_sublinearly_but_keeps_growing() {
    let g = CorpusGenerator::demo(2024).unwrap();
    let points = vocabulary_growth(g.articles(10_000), &[1_000, 2_000, 5_000, 10_000]);
    assert_eq!(
        points.iter().map(|p| p.documents).collect::<Vec<_>>(),
        [1_000, 2_000, 5_000, 10_000]
    );
    for pair in points.windows(2) {
        assert!(pair[1].distinct_words > pair[0].distinct_words, "{pair:?}");
    }
    let (v1, v10) = (
        points[0].distinct_words as f64,
        points[3].distinct_words as f64,
    );
    let (t1, t10) = (points[0].tokens as f64, points[3].tokens as f64);
    let beta = (v10 / v1).ln() / (t10 / t1).ln();
    // Real news: Heaps exponent about 0.4–0.6. Grows (not saturated), but slower than the text.
    assert!(
        (0.2..0.8).contains(&beta),
        "Heaps exponent {beta:.2} from {points:?}"
    );
    // The growth has not flattened out: the last 5k articles still add many words.
    let late = points[3].distinct_words - points[2].distinct_words;
    assert!(late >= 2_000, "only {late} new words in articles 5k..10k");
}

#[test]
fn custom_base_corpus_and_bad_input() {
    let base = vec![Article {
        id: "x".into(),
        text: "Die Bundesregierung lehnte das Friedensabkommen ab. „Das ist ein guter Tag“, sagte \
               Angela Merkel in Berlin. Die Regierung tagte am Montag erneut."
            .into(),
        ..Default::default()
    }];
    let g = CorpusGenerator::new(base, 1).unwrap();
    assert_eq!(g.stats().base_articles, 1);
    assert_eq!(g.stats().quote_sentences, 1);
    for a in g.articles(20) {
        assert!(a.text.starts_with("Die "), "{}", a.text);
    }
    assert!(CorpusGenerator::new(Vec::new(), 1).is_err());
    let empty = Article {
        text: "   ".into(),
        ..Default::default()
    };
    assert!(CorpusGenerator::new(vec![empty], 1).is_err());
}

#[test]
fn scales_from_the_shared_data_when_present() {
    let Some(wikinews) = common::shared_file("data/wikinews-quotes/train.jsonl") else {
        return;
    };
    let Some(gnad) = common::shared_file("data/10kgnad/articles.jsonl") else {
        return;
    };
    let mut base = read_jsonl(&wikinews).unwrap();
    assert_eq!(base.len(), 700);
    base.extend(read_jsonl(&gnad).unwrap());
    let g = CorpusGenerator::new(base.clone(), 7).unwrap();
    let stats = g.stats();
    assert!(
        stats.base_articles > 1_500 && stats.sentences > 20_000,
        "{stats:?}"
    );
    let a = json(g.articles(200));
    assert_eq!(
        a,
        json(CorpusGenerator::new(base, 7).unwrap().articles(200))
    );
}
