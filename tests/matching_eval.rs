//! Matching evaluation (issue 3 §4): German queries over the shared Wikinews (dev + train) and
//! 10kGNAD (DER STANDARD) articles, with hand-annotated expected hits
//! (`tests/fixtures/matching/queries.tsv`, see the README there), run with the full
//! pressespiegel analysis and with the plain baseline of the foundation issue (tantivy's
//! `default` tokenizer: split on non-alphanumerics, lowercase; all words must match).
//!
//! Per category it prints recall (expected articles found / expected) and precision (expected
//! articles found / articles returned, not counting articles marked "ignored"), both summed
//! over the queries of the category, and fails if pressespiegel drops below the committed
//! thresholds. Run: `cargo test --release --test matching_eval -- --nocapture`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use pressespiegel::index::NewsIndex;
use pressespiegel::search::{SearchRequest, MAX_LIMIT};
use pressespiegel::Article;
use tantivy::collector::DocSetCollector;
use tantivy::query::QueryParser;
use tantivy::schema::{Schema, Value, STORED, STRING, TEXT};
use tantivy::{Index, TantivyDocument};

const QUERIES: &str = include_str!("fixtures/matching/queries.tsv");

/// Committed minimums for pressespiegel: (category, recall, precision), a little below the
/// measured values (inflection 0.978/0.873, compound 0.966/0.901, variant 0.983/1.000,
/// transcription 1.000/0.847, conflation 1.000/0.818, typo 0.996/0.974). Variant keys are
/// made only for plausible names (not for known common words: Ziege ≠ Siege), Bürger
/// compounds and bürgen/bürgerlich stem apart from Burg, and *-er* surnames whose stem is that
/// of a common noun of another family keep their *-er* (`Strasser` → `strasser`, not `strass` =
/// `Straße`), which took conflation precision from 0.085 to 0.099 to 0.818; see the README.
const THRESHOLDS: [(&str, f64, f64); 7] = [
    ("inflection", 0.95, 0.85),
    ("compound", 0.95, 0.90),
    ("variant", 0.95, 0.98),
    ("transcription", 0.98, 0.83),
    ("conflation", 0.95, 0.80),
    ("negative", 1.0, 0.0),
    ("typo", 0.90, 0.95),
];

struct Case {
    category: String,
    query: String,
    expected: BTreeSet<String>,
    ignored: BTreeSet<String>,
}

fn ids(field: &str) -> BTreeSet<String> {
    if field == "-" {
        return BTreeSet::new();
    }
    field.split(',').map(str::to_string).collect()
}

fn cases() -> Vec<Case> {
    QUERIES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            assert!(cols.len() >= 4, "bad line: {l}");
            Case {
                category: cols[0].into(),
                query: cols[1].into(),
                expected: ids(cols[2]),
                ignored: ids(cols[3]),
            }
        })
        .collect()
}

fn articles(shared: &std::path::Path) -> Vec<Article> {
    let mut out = Vec::new();
    for file in [
        "data/wikinews-quotes/dev.jsonl",
        "data/wikinews-quotes/train.jsonl",
        "data/10kgnad/articles.jsonl",
    ] {
        let content = std::fs::read_to_string(shared.join(file)).expect("read corpus file");
        for line in content.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("json line");
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            out.push(Article {
                id: s("id"),
                title: s("title"),
                text: s("text"),
                ..Default::default()
            });
        }
    }
    out
}

/// The plain baseline: one field (title + text), tantivy's default tokenizer.
struct Baseline {
    index: Index,
    parser: QueryParser,
    id: tantivy::schema::Field,
}

impl Baseline {
    fn build(articles: &[Article]) -> Baseline {
        let mut b = Schema::builder();
        let id = b.add_text_field("id", STRING | STORED);
        let body = b.add_text_field("body", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer(50_000_000).expect("writer");
        for a in articles {
            let mut doc = TantivyDocument::default();
            doc.add_text(id, &a.id);
            doc.add_text(body, format!("{}\n{}", a.title, a.text));
            w.add_document(doc).expect("add");
        }
        w.commit().expect("commit");
        let mut parser = QueryParser::for_index(&index, vec![body]);
        parser.set_conjunction_by_default();
        Baseline { index, parser, id }
    }

    fn hits(&self, query: &str) -> BTreeSet<String> {
        let Ok(q) = self.parser.parse_query(query) else {
            return BTreeSet::new();
        };
        let searcher = self.index.reader().expect("reader").searcher();
        let docs = searcher.search(&q, &DocSetCollector).expect("search");
        docs.into_iter()
            .map(|addr| {
                let doc: TantivyDocument = searcher.doc(addr).expect("doc");
                doc.get_first(self.id)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            })
            .collect()
    }
}

/// The articles pressespiegel returns, and whether they come from the fuzzy fallback.
fn ours(index: &NewsIndex, query: &str) -> (BTreeSet<String>, bool) {
    let results = index
        .search(&SearchRequest::new(query).limit(MAX_LIMIT).snippets(0))
        .expect("search");
    assert!(results.total as usize <= MAX_LIMIT);
    let fuzzy = results.fuzzy;
    (results.hits.into_iter().map(|h| h.id).collect(), fuzzy)
}

#[derive(Default, Clone, Copy)]
struct Tally {
    queries: usize,
    expected: usize,
    found: usize,
    returned: usize,
    clean: usize,
    /// Queries answered by the fuzzy fallback (flagged as such, with a suggestion).
    fuzzy: usize,
}

impl Tally {
    fn add(&mut self, case: &Case, hits: &BTreeSet<String>, fuzzy: bool) {
        self.fuzzy += usize::from(fuzzy);
        let counted: BTreeSet<&String> = hits.difference(&case.ignored).collect();
        let found = case.expected.iter().filter(|e| hits.contains(*e)).count();
        self.queries += 1;
        self.expected += case.expected.len();
        self.found += found;
        self.returned += counted.len();
        if counted.len() == found {
            self.clean += 1;
        }
    }
    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.found as f64 / self.expected as f64
        }
    }
    fn precision(&self) -> f64 {
        if self.returned == 0 {
            1.0
        } else {
            self.found as f64 / self.returned as f64
        }
    }
}

#[test]
fn matching_eval() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let cases = cases();
    assert!(cases.len() >= 60, "the set has {} queries", cases.len());
    let articles = articles(&shared);
    let baseline = Baseline::build(&articles);
    let index = NewsIndex::create_in_ram().expect("index");
    let mut w = index.writer().expect("writer");
    for a in articles.iter().cloned() {
        w.add(a).expect("add");
    }
    w.commit().expect("commit");
    println!(
        "matching eval: {} queries over {} articles",
        cases.len(),
        articles.len()
    );

    let mut by_category: BTreeMap<&str, (Tally, Tally)> = BTreeMap::new();
    let mut total = (Tally::default(), Tally::default());
    println!(
        "{:<14} {:<18} {:>4} | {:>10} {:>5} | {:>10} {:>5}",
        "category", "query", "exp", "ours found", "extra", "base found", "extra"
    );
    for case in &cases {
        let (ours, fuzzy) = ours(&index, &case.query);
        let base = baseline.hits(&case.query);
        let entry = by_category.entry(case.category.as_str()).or_default();
        entry.0.add(case, &ours, fuzzy);
        entry.1.add(case, &base, false);
        total.0.add(case, &ours, fuzzy);
        total.1.add(case, &base, false);
        let show = |hits: &BTreeSet<String>| {
            let found = case.expected.iter().filter(|e| hits.contains(*e)).count();
            let extra = hits
                .iter()
                .filter(|h| !case.expected.contains(*h) && !case.ignored.contains(*h))
                .count();
            (found, extra)
        };
        if std::env::var("MATCHING_EVAL_SHOW").is_ok_and(|q| q == case.query) {
            let r = index
                .search(&SearchRequest::new(&case.query).limit(5).snippets(1))
                .expect("search");
            println!("suggestion: {:?} fuzzy: {}", r.suggestion, r.fuzzy);
            for h in &r.hits {
                println!(
                    "  {} {:?}",
                    h.id,
                    h.snippets.first().map(|s| s.highlighted_texts())
                );
            }
            let extra: Vec<_> = ours
                .iter()
                .filter(|h| !case.expected.contains(*h) && !case.ignored.contains(*h))
                .collect();
            let missed: Vec<_> = case.expected.difference(&ours).collect();
            println!("extra: {extra:?}\nmissed: {missed:?}");
        }
        let (of, oe) = show(&ours);
        let (bf, be) = show(&base);
        println!(
            "{:<14} {:<18} {:>4} | {:>10} {:>5} | {:>10} {:>5}",
            case.category,
            case.query,
            case.expected.len(),
            of,
            oe,
            bf,
            be
        );
    }
    println!(
        "\n{:<14} {:>7} | {:>12} {:>9} {:>6} {:>6} | {:>12} {:>9} {:>6}",
        "category",
        "queries",
        "ours recall",
        "precision",
        "clean",
        "fuzzy",
        "base recall",
        "precision",
        "clean"
    );
    let line = |name: &str, (o, b): (Tally, Tally)| {
        println!(
            "{:<14} {:>7} | {:>12.3} {:>9.3} {:>6} {:>6} | {:>12.3} {:>9.3} {:>6}",
            name,
            o.queries,
            o.recall(),
            o.precision(),
            o.clean,
            o.fuzzy,
            b.recall(),
            b.precision(),
            b.clean
        );
    };
    for (name, tallies) in &by_category {
        line(name, *tallies);
    }
    line("all", total);
    println!(
        "(clean = queries that returned nothing outside the expected and ignored articles; \
         fuzzy = queries answered by the fuzzy fallback, flagged with a suggestion)"
    );

    let mut failures = Vec::new();
    for (name, min_recall, min_precision) in THRESHOLDS {
        let Some((o, _)) = by_category.get(name) else {
            failures.push(format!("category {name} has no queries"));
            continue;
        };
        if o.recall() + 1e-9 < min_recall {
            failures.push(format!("{name}: recall {:.3} < {min_recall}", o.recall()));
        }
        if o.precision() + 1e-9 < min_precision {
            failures.push(format!(
                "{name}: precision {:.3} < {min_precision}",
                o.precision()
            ));
        }
    }
    // A negative query may fall back to a (flagged) suggestion, but nothing may match it
    // as typed.
    if let Some((o, _)) = by_category.get("negative") {
        if o.clean + o.fuzzy < o.queries {
            failures.push(format!(
                "negative: {} of {} queries matched articles as typed",
                o.queries - o.clean - o.fuzzy,
                o.queries
            ));
        }
    }
    assert!(failures.is_empty(), "regressions: {failures:#?}");
}
