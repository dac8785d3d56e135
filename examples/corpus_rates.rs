//! How close generated articles come to real news: indexed quotations per article (our
//! extractor), the share of articles that match common query words, and the article length.
//!
//! ```text
//! cargo run --release --example corpus_rates -- [N]
//! ```
//!
//! Compares the real articles under `../shared/data` (when present) and the bundled demo corpus
//! with the first `N` (default 3,000) articles of the demo generator (`CorpusGenerator::demo(42)`)
//! and of the bench generator (`benches/common/mod.rs`). Numbers go to BENCHMARKS.md ("Corpus").

#[path = "../benches/common/mod.rs"]
mod common;

use pressespiegel::analysis::analyze;
use pressespiegel::corpus::{demo_articles, read_jsonl, CorpusGenerator};
use pressespiegel::enrich::Enricher;
use pressespiegel::index::{is_indexed_quote, normalize_article};
use pressespiegel::Article;

/// Query words whose article frequency we compare (their indexed, stemmed term).
const WORDS: &[&str] = &["Regierung", "Präsident", "Polizei", "Wahl"];

fn report(name: &str, articles: &[Article], enricher: &Enricher) {
    let n = articles.len().max(1) as f64;
    let mut quotes = 0usize;
    let mut bytes = 0usize;
    let terms: Vec<String> = WORDS
        .iter()
        .filter_map(|w| pressespiegel::analysis::analyze_query(w).into_iter().next())
        .map(|t| t.term)
        .collect();
    let mut hits = vec![0usize; terms.len()];
    for a in articles {
        let a = normalize_article(a.clone());
        bytes += a.title.len() + a.text.len();
        let e = enricher.enrich(&a);
        quotes += e.quotes.iter().filter(|q| is_indexed_quote(q)).count();
        let tokens = analyze(&format!("{}\n{}", a.title, a.text));
        for (i, t) in terms.iter().enumerate() {
            if tokens.iter().any(|tok| &tok.text == t) {
                hits[i] += 1;
            }
        }
    }
    let shares: Vec<String> = WORDS
        .iter()
        .zip(&hits)
        .map(|(w, h)| format!("{w} {:.1} %", 100.0 * *h as f64 / n))
        .collect();
    println!(
        "{name:<44} {:>6} articles  {:>5.0} bytes/article  {:>5.2} quotes/article  {}",
        articles.len(),
        bytes as f64 / n,
        quotes as f64 / n,
        shares.join(", ")
    );
}

fn main() -> pressespiegel::Result<()> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(3_000);
    let enricher = Enricher::builtin()?;
    let shared = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    for (name, file) in [
        ("real: Wikinews train+dev", "wikinews-quotes"),
        ("real: 10kGNAD", "10kgnad/articles.jsonl"),
    ] {
        let path = shared.join(file);
        let articles = if file == "wikinews-quotes" {
            match (
                read_jsonl(path.join("train.jsonl")),
                read_jsonl(path.join("dev.jsonl")),
            ) {
                (Ok(mut a), Ok(b)) => {
                    a.extend(b);
                    a
                }
                _ => continue,
            }
        } else {
            match read_jsonl(&path) {
                Ok(a) => a,
                Err(_) => continue,
            }
        };
        report(name, &articles, &enricher);
    }
    report("real: bundled demo corpus", &demo_articles()?, &enricher);
    let demo: Vec<Article> = CorpusGenerator::demo(42)?.articles(n).collect();
    report("generated: demo(42), quote boost 0.15", &demo, &enricher);
    let demo0: Vec<Article> = CorpusGenerator::demo(42)?
        .with_quote_boost(0.0)
        .articles(n)
        .collect();
    report("generated: demo(42), quote boost 0", &demo0, &enricher);
    let (g, desc) = common::generator();
    let bench: Vec<Article> = g.articles(n).collect();
    let short = desc.split(" (").next().unwrap_or(&desc);
    report(&format!("generated: bench, {short}"), &bench, &enricher);
    Ok(())
}
