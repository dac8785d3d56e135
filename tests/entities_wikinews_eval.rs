//! Document-level precision/recall of actor and country facets on 64 hand-annotated German
//! Wikinews dev articles (annotations: tests/fixtures/entities/wikinews-dev-gold.jsonl, rules in
//! tests/fixtures/entities/README.md; texts are read from the shared folder at run time), and
//! on a 24-article tuning set from the train split (wikinews-train-tuning-gold.jsonl).
mod common;

use std::collections::{BTreeMap, BTreeSet};

use pressespiegel::enrich::entities::{EntityExtractor, Gazetteer};
use serde::Deserialize;

#[derive(Deserialize)]
struct Gold {
    id: String,
    actors: Vec<String>,
    countries: Vec<String>,
}

#[derive(Deserialize)]
struct Article {
    id: String,
    text: String,
}

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    errors: Vec<String>,
}

impl Score {
    fn add(&mut self, id: &str, gold: &BTreeSet<String>, system: &BTreeSet<String>) {
        for x in system {
            if gold.contains(x) {
                self.tp += 1;
            } else {
                self.fp += 1;
                self.errors.push(format!("{id}: FP {x}"));
            }
        }
        for x in gold.difference(system) {
            self.fn_ += 1;
            self.errors.push(format!("{id}: FN {x}"));
        }
    }
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Scores of both facets on one annotated set (texts from `shared_jsonl`).
fn evaluate(shared_jsonl: &str, gold_jsonl: &str, min_articles: usize) -> Option<(Score, Score)> {
    let path = common::shared_file(shared_jsonl)?;
    let texts: BTreeMap<String, String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Article>(l).unwrap())
        .map(|a| (a.id, a.text))
        .collect();
    let gold: Vec<Gold> = gold_jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        gold.len() >= min_articles,
        "at least {min_articles} annotated articles"
    );

    let extractor = EntityExtractor::new(Gazetteer::builtin()).unwrap();
    let (mut countries, mut actors) = (Score::default(), Score::default());
    for g in &gold {
        let text = texts
            .get(&g.id)
            .unwrap_or_else(|| panic!("{} not in {shared_jsonl}", g.id));
        let e = extractor.extract(text);
        let sys_c: BTreeSet<String> = e.countries.iter().map(|c| c.code.clone()).collect();
        let sys_a: BTreeSet<String> = e.actors.iter().map(|a| norm(&a.name)).collect();
        let gold_c: BTreeSet<String> = g.countries.iter().cloned().collect();
        let gold_a: BTreeSet<String> = g.actors.iter().map(|a| norm(a)).collect();
        countries.add(&g.id, &gold_c, &sys_c);
        actors.add(&g.id, &gold_a, &sys_a);
    }
    for e in countries.errors.iter().chain(&actors.errors) {
        eprintln!("{e}");
    }
    Some((countries, actors))
}

fn report(name: &str, countries: &Score, actors: &Score) -> String {
    format!(
        "{name}: countries P {:.3} R {:.3} (tp {} fp {} fn {}); actors P {:.3} R {:.3} (tp {} fp {} fn {})",
        countries.precision(),
        countries.recall(),
        countries.tp,
        countries.fp,
        countries.fn_,
        actors.precision(),
        actors.recall(),
        actors.tp,
        actors.fp,
        actors.fn_
    )
}

#[test]
fn wikinews_dev_facet_precision_recall() {
    let Some((countries, actors)) = evaluate(
        "data/wikinews-quotes/dev.jsonl",
        include_str!("fixtures/entities/wikinews-dev-gold.jsonl"),
        60,
    ) else {
        return;
    };
    let report = report("dev (64 articles)", &countries, &actors);
    eprintln!("{report}");
    // Regression guard: the floors below are the measured values minus a small margin.
    assert!(countries.precision() >= COUNTRY_P, "{report}");
    assert!(countries.recall() >= COUNTRY_R, "{report}");
    assert!(actors.precision() >= ACTOR_P, "{report}");
    assert!(actors.recall() >= ACTOR_R, "{report}");
}

/// The 24 train articles annotated as a tuning set (see the fixtures README): printed for
/// comparison with dev, guarded by looser floors.
#[test]
fn wikinews_train_tuning_facet_precision_recall() {
    let Some((countries, actors)) = evaluate(
        "data/wikinews-quotes/train.jsonl",
        include_str!("fixtures/entities/wikinews-train-tuning-gold.jsonl"),
        20,
    ) else {
        return;
    };
    let report = report("train tuning (24 articles)", &countries, &actors);
    eprintln!("{report}");
    assert!(countries.precision() >= TUNING_COUNTRY_P, "{report}");
    assert!(countries.recall() >= TUNING_COUNTRY_R, "{report}");
    assert!(actors.precision() >= TUNING_ACTOR_P, "{report}");
    assert!(actors.recall() >= TUNING_ACTOR_R, "{report}");
}

// Floors: measured values (2026-11) minus a small margin; dev targets of issue 4 are
// countries P ≥ 0.97, R ≥ 0.95, actors P ≥ 0.95, R ≥ 0.90 (all met).
const COUNTRY_P: f64 = 0.98; // measured 1.000
const COUNTRY_R: f64 = 0.98; // measured 1.000
const ACTOR_P: f64 = 0.97; // measured 0.994
const ACTOR_R: f64 = 0.92; // measured 0.937 (164 of 175)
const TUNING_COUNTRY_P: f64 = 0.95; // measured 1.000
const TUNING_COUNTRY_R: f64 = 0.95; // measured 0.978
const TUNING_ACTOR_P: f64 = 0.95; // measured 0.986
const TUNING_ACTOR_R: f64 = 0.90; // measured 0.935
