//! Query latency per query class, and the cost of snippets per hit.
//!
//! `cargo bench --bench query` — on an index of the first 20,000 articles of
//! `CorpusGenerator::demo(42)`; `PRESSESPIEGEL_BENCH_DOCS=100000 cargo bench --bench query`
//! for 100,000 (issue 6). `cargo bench --bench query -- --test` runs each query once on a
//! 1,000-article index (CI smoke mode: it only proves the bench still runs).
//!
//! The index is built once per run in a temporary directory (`NewsWriter`, 2 threads) and
//! merged into one segment. Every class (see `benches/common/mod.rs`) runs one fixed,
//! representative request with 10 hits and 2 quote-aware snippet fragments per hit. The
//! `snippets/*` group isolates the snippet cost: the same term query with snippets off
//! (`snippets(0)`) and on, and the snippet builder alone on the stored text of 10 hits
//! (criterion's elements/s there are hits/s), once as search runs it (pre-filtered: only the
//! sentences that can match are analysed) and once analysing the whole text.

#[path = "common/mod.rs"]
mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::QueryClass;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pressespiegel::search::SearchRequest;
use pressespiegel::snippet::{snippets, snippets_reference, HighlightSpec, SnippetOptions};

fn docs() -> usize {
    let smoke = std::env::args().any(|a| a == "--test");
    std::env::var("PRESSESPIEGEL_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if smoke { 1_000 } else { 20_000 })
}

fn bench(c: &mut Criterion) {
    let n = docs();
    let dir = tempfile::tempdir().expect("tempdir");
    let start = Instant::now();
    let index = common::build_merged(dir.path(), n, 2);
    let stats = index.stats().expect("stats");
    eprintln!("query: corpus {}", common::generator().1);
    eprintln!(
        "query: {} articles, {} quotes, {} segment(s), {:.1} MB on disk, built in {:.1} s",
        stats.articles,
        stats.quotes,
        stats.segments,
        stats.size_bytes as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );

    let mut g = c.benchmark_group(format!("query_{n}"));
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for class in QueryClass::ALL {
        let req = class.requests().swap_remove(0);
        let label = req
            .speaker
            .clone()
            .or(req.actors.first().map(|a| format!("{} {a}", req.query)))
            .unwrap_or_else(|| req.query.clone());
        eprintln!(
            "  {:<20} {:<32} {} hit(s) on the page",
            class.name(),
            label,
            common::run(&index, class, &req)
        );
        g.bench_function(class.name(), |b| {
            b.iter(|| black_box(common::run(&index, class, &req)))
        });
    }
    g.finish();

    // Snippet cost: the same query without and with snippets, and the builder alone.
    let query = common::TERMS[0];
    let mut g = c.benchmark_group(format!("snippets_{n}"));
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    let off = SearchRequest::new(query).snippets(0);
    let on = SearchRequest::new(query);
    g.bench_function("term_10_hits_no_snippets", |b| {
        b.iter(|| black_box(index.search(&off).expect("search")))
    });
    g.bench_function("term_10_hits_2_snippets", |b| {
        b.iter(|| black_box(index.search(&on).expect("search")))
    });
    // The stored texts of the 10 hits, fetched once; then only the snippet builder runs.
    let ids: Vec<String> = index
        .search(&off)
        .expect("search")
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    let (generator, _) = common::generator();
    let texts: Vec<String> = ids
        .iter()
        .filter_map(|id| id.strip_prefix("gen-")?.parse::<usize>().ok())
        .map(|k| pressespiegel::index::normalize_article(generator.article(k - 1)).text)
        .collect();
    let spec = HighlightSpec::from_query_text(query);
    let options = SnippetOptions::default();
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("builder_only_per_hit", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(snippets(t, &spec, &options));
            }
        })
    });
    // The same without the pre-filter: the whole stored text analysed (the session-3 path).
    g.bench_function("builder_full_analysis_per_hit", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(snippets_reference(t, &spec, &options));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
