//! Indexing throughput: plain tantivy (the baseline) vs the German analyzer vs the full
//! pressespiegel pipeline, on the same generated articles, in the same run.
//!
//! `cargo bench --bench pipeline` (numbers in BENCHMARKS.md);
//! `cargo bench --bench pipeline -- --test` runs every variant once on 200 articles (CI smoke
//! mode: it only proves the bench still runs).
//!
//! Documents: the first `PRESSESPIEGEL_BENCH_PIPELINE_DOCS` (default 3,000) articles of the
//! bench generator (`common::generator`), generated once before measuring. One iteration creates an
//! in-RAM index, adds every article and commits. Throughput counts title + text bytes
//! (MB = 10^6 bytes; wall time).
//!
//! Variants:
//!
//! - `a_tantivy_default`: a schema a naive user would write — `title` and `text` as
//!   `TEXT | STORED` with tantivy's `default` tokenizer — 1 indexing thread, 256 MB budget.
//! - `b_german_analyzer`: the same two fields (stored, frequencies and positions) with the
//!   pressespiegel German analyzer (`pressespiegel::analysis::TEXT`), 1 thread, 256 MB.
//! - `c0_without_enrichment`: `NewsWriter::ingest` with default options but `enrich: false`
//!   (no entity facets, no quotation documents) — shows what enrichment costs.
//! - `c_full_pipeline_add_loop`: `NewsIndex` + `NewsWriter` with `WriterOptions::default()`
//!   (1 tantivy thread, 256 MB), one `NewsWriter::add` per article: normalisation and
//!   enrichment on the calling thread.
//! - `c_full_pipeline_default`: the same options through `NewsWriter::ingest`: normalisation,
//!   enrichment and document building on worker threads beside tantivy's indexing thread.
//! - `c_full_pipeline_2threads`: `ingest` with 2 tantivy indexing threads.
//!
//! Corpus: `PRESSESPIEGEL_BENCH_BASE=news` (default when `../shared/data` is present) or `demo`,
//! see `benches/common/mod.rs`.
//!
//! At the end a summary prints MB/s, docs/s and the ratio to the baseline for each variant,
//! and the CPU seconds per iteration (all threads of the process, `getrusage`) with their
//! ratio to the baseline: on a loaded machine that is the work a variant does, where MB/s
//! also measures the neighbours. Both include the warm-up iterations. Then (untimed; not in
//! smoke mode) the vocabulary of a full-pipeline index of the same articles: distinct terms per
//! text field (how many of them marked compound parts and name-variant keys), what each field
//! costs to serialise at commit.
//!
//! When both (a) and `c_full_pipeline_2threads` ran (not in smoke mode), alternating rounds
//! follow the summary: one iteration of (a), then one of (c), timed each, 7 times
//! (`PRESSESPIEGEL_BENCH_PIPELINE_ROUNDS`), with the median throughput and CPU ratios — less
//! exposed to a neighbour that starts or stops between criterion's blocks of one variant.

#[path = "common/mod.rs"]
mod common;

use std::sync::Mutex;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use pressespiegel::index::{NewsIndex, WriterOptions};
use pressespiegel::Article;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED, TEXT,
};
use tantivy::{doc, Index, IndexWriter};

const BUDGET: usize = 256 << 20;

/// Total wall time, iterations and CPU seconds (all threads of the process) per variant, for
/// the summary. In run order.
static TIMES: Mutex<Vec<(&'static str, Duration, u64, f64)>> = Mutex::new(Vec::new());

/// User + system CPU seconds of the whole process so far (every thread: tantivy's indexing
/// threads, the preparation workers and the caller). On a shared machine the CPU seconds per
/// iteration say how much work a variant does, where wall time also measures the neighbours.
fn process_cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return f64::NAN;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// Whether criterion runs in smoke mode (`-- --test`: every benchmark once, no numbers).
fn smoke() -> bool {
    std::env::args().any(|a| a == "--test")
}

fn docs() -> usize {
    std::env::var("PRESSESPIEGEL_BENCH_PIPELINE_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if smoke() { 200 } else { 3_000 })
}

/// A plain tantivy index with `title` and `text`; `tokenizer: None` = tantivy's `TEXT`.
fn plain_index(tokenizer: Option<&str>) -> (Index, Field, Field) {
    let mut b = Schema::builder();
    let options = match tokenizer {
        None => TEXT | STORED,
        Some(name) => TextOptions::default()
            .set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(name)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            )
            .set_stored(),
    };
    let title = b.add_text_field("title", options.clone());
    let text = b.add_text_field("text", options);
    let index = Index::create_in_ram(b.build());
    if tokenizer.is_some() {
        pressespiegel::analysis::register(index.tokenizers());
    }
    (index, title, text)
}

fn index_plain(articles: &[Article], tokenizer: Option<&str>) -> u64 {
    let (index, title, text) = plain_index(tokenizer);
    let mut writer: IndexWriter = index.writer_with_num_threads(1, BUDGET).expect("writer");
    for a in articles {
        writer
            .add_document(doc!(title => a.title.clone(), text => a.text.clone()))
            .expect("add");
    }
    writer.commit().expect("commit")
}

/// `NewsWriter::ingest` (enrichment on worker threads beside tantivy's), or with `add_loop`
/// one `NewsWriter::add` per article on the calling thread.
fn index_full(articles: &[Article], options: &WriterOptions, add_loop: bool) -> u64 {
    let index = NewsIndex::create_in_ram().expect("index");
    let mut writer = index.writer_with_options(options.clone()).expect("writer");
    if add_loop {
        for a in articles {
            writer.add(a.clone()).expect("add");
        }
        writer.commit().expect("commit");
    } else {
        writer
            .ingest(articles.iter().cloned().map(Ok), |_| {})
            .expect("ingest");
    }
    index.stats().expect("stats").articles
}

fn record(name: &'static str, elapsed: Duration, iters: u64, cpu: f64) {
    let mut times = TIMES.lock().expect("times");
    match times.iter_mut().find(|(n, _, _, _)| *n == name) {
        Some(e) => {
            e.1 += elapsed;
            e.2 += iters;
            e.3 += cpu;
        }
        None => times.push((name, elapsed, iters, cpu)),
    }
}

fn bench(c: &mut Criterion) {
    let n = docs();
    let (generator, corpus) = common::generator();
    eprintln!("pipeline: corpus {corpus}");
    let articles: Vec<Article> = generator.articles(n).collect();
    let bytes: u64 = articles.iter().map(common::article_bytes).sum();
    eprintln!(
        "pipeline: {n} articles, {:.2} MB title+text ({} bytes/article)",
        bytes as f64 / 1e6,
        bytes / n.max(1) as u64
    );

    let full_default = WriterOptions {
        commit_every: 0,
        ..WriterOptions::default()
    };
    let full_two = WriterOptions {
        threads: 2,
        ..full_default.clone()
    };
    let no_enrichment = WriterOptions {
        enrich: false,
        ..full_default.clone()
    };

    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::BytesDecimal(bytes));

    type Run<'a> = Box<dyn Fn() + 'a>;
    let variants: Vec<(&'static str, Run)> = vec![
        (
            "a_tantivy_default",
            Box::new(|| {
                index_plain(&articles, None);
            }),
        ),
        (
            "b_german_analyzer",
            Box::new(|| {
                index_plain(&articles, Some(pressespiegel::analysis::TEXT));
            }),
        ),
        (
            "c0_without_enrichment",
            Box::new(|| {
                index_full(&articles, &no_enrichment, false);
            }),
        ),
        (
            "c_full_pipeline_add_loop",
            Box::new(|| {
                index_full(&articles, &full_default, true);
            }),
        ),
        (
            "c_full_pipeline_default",
            Box::new(|| {
                index_full(&articles, &full_default, false);
            }),
        ),
        (
            "c_full_pipeline_2threads",
            Box::new(|| {
                index_full(&articles, &full_two, false);
            }),
        ),
    ];
    for (name, run) in &variants {
        g.bench_function(*name, |b| {
            b.iter_custom(|iters| {
                let (start, cpu) = (Instant::now(), process_cpu_seconds());
                for _ in 0..iters {
                    run();
                }
                let elapsed = start.elapsed();
                record(name, elapsed, iters, process_cpu_seconds() - cpu);
                elapsed
            })
        });
    }
    g.finish();
    summary(n, bytes);
    let measured = |name: &str| TIMES.lock().expect("times").iter().any(|t| t.0 == name);
    if !smoke() && measured("a_tantivy_default") && measured("c_full_pipeline_2threads") {
        alternating_rounds(
            bytes,
            || {
                index_plain(&articles, None);
            },
            || {
                index_full(&articles, &full_two, false);
            },
        );
    }
    if !smoke() {
        vocabulary(&articles, &full_default);
    }
}

/// Alternating rounds (`PRESSESPIEGEL_BENCH_PIPELINE_ROUNDS`, default 7): one iteration of
/// (a), then one of (c) with 2 tantivy threads, each timed (wall and process CPU); per round
/// the throughput ratio (c)/(a) and the CPU ratio, then their medians. The criterion summary
/// above measures each variant in its own block of seconds, so a neighbour starting or
/// stopping between two blocks moves the ratio; here (a) and (c) follow each other within a
/// round, and the median drops the rounds a neighbour disturbed.
fn alternating_rounds(bytes: u64, plain: impl Fn(), full: impl Fn()) {
    let rounds: usize = std::env::var("PRESSESPIEGEL_BENCH_PIPELINE_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(7);
    if rounds == 0 {
        return;
    }
    let timed = |run: &dyn Fn()| {
        let (start, cpu) = (Instant::now(), process_cpu_seconds());
        run();
        (start.elapsed().as_secs_f64(), process_cpu_seconds() - cpu)
    };
    eprintln!(
        "\nalternating rounds, (a) then (c) 2 tantivy threads ({:.2} MB each):",
        bytes as f64 / 1e6
    );
    eprintln!(
        "{:>5} {:>9} {:>9} {:>9} {:>9} {:>8} {:>11}",
        "round", "(a) MB/s", "(c) MB/s", "(a) CPU", "(c) CPU", "vs (a)", "CPU vs (a)"
    );
    let (mut ratios, mut cpu_ratios) = (Vec::new(), Vec::new());
    for round in 1..=rounds {
        let (wall_a, cpu_a) = timed(&plain);
        let (wall_c, cpu_c) = timed(&full);
        let mb = |wall: f64| bytes as f64 / 1e6 / wall;
        ratios.push(wall_a / wall_c);
        cpu_ratios.push(cpu_c / cpu_a);
        eprintln!(
            "{round:>5} {:>9.2} {:>9.2} {:>9.3} {:>9.3} {:>7.0}% {:>10.0}%",
            mb(wall_a),
            mb(wall_c),
            cpu_a,
            cpu_c,
            100.0 * wall_a / wall_c,
            100.0 * cpu_c / cpu_a
        );
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    eprintln!(
        "median of {rounds} rounds: (c) 2 threads {:.0}% of (a)'s MB/s at {:.0}% of (a)'s CPU",
        100.0 * median(&mut ratios),
        100.0 * median(&mut cpu_ratios)
    );
}

/// Distinct terms per text field of a full-pipeline index of `articles` (one segment: one
/// indexing thread and a budget the bench corpus fits in), untimed.
fn vocabulary(articles: &[Article], options: &WriterOptions) {
    let index = NewsIndex::create_in_ram().expect("index");
    let mut writer = index.writer_with_options(options.clone()).expect("writer");
    writer
        .ingest(articles.iter().cloned().map(Ok), |_| {})
        .expect("ingest");
    let searcher = index.searcher();
    let schema = index.tantivy_index().schema();
    eprintln!(
        "\nvocabulary of the full pipeline ({} articles, {} segment(s)): distinct terms per field",
        articles.len(),
        searcher.segment_readers().len()
    );
    // Terms starting with a marker character: compound parts, variant keys.
    let count_from = |inverted: &tantivy::InvertedIndexReader, marker: char| {
        let from = marker.to_string();
        let to = char::from_u32(marker as u32 + 1)
            .expect("next char")
            .to_string();
        let mut stream = inverted
            .terms()
            .range()
            .ge(from.as_bytes())
            .lt(to.as_bytes())
            .into_stream()
            .expect("term stream");
        let mut n = 0u64;
        while stream.advance() {
            n += 1;
        }
        n
    };
    for (field, entry) in schema.fields() {
        if !entry.is_indexed() || !matches!(entry.field_type(), tantivy::schema::FieldType::Str(_))
        {
            continue;
        }
        let (mut terms, mut parts, mut keys) = (0u64, 0u64, 0u64);
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field).expect("inverted index");
            terms += inverted.terms().num_terms() as u64;
            parts += count_from(&inverted, pressespiegel::analysis::COMPOUND_PART_MARKER);
            keys += count_from(&inverted, pressespiegel::analysis::VARIANT_KEY_MARKER);
        }
        match (terms, parts + keys) {
            (0, _) => {}
            (_, 0) => eprintln!("  {:<16} {terms:>9} terms", entry.name()),
            _ => eprintln!(
                "  {:<16} {terms:>9} terms ({parts} marked compound parts, {keys} marked variant keys)",
                entry.name()
            ),
        }
    }
}

/// MB/s, docs/s and ratio to the baseline over every timed iteration (warm-up included).
fn summary(n: usize, bytes: u64) {
    let times = TIMES.lock().expect("times");
    let rate = |name: &str| {
        times
            .iter()
            .find(|(n, _, _, _)| *n == name)
            .map(|(_, d, it, _)| *it as f64 / d.as_secs_f64())
            .unwrap_or(f64::NAN)
    };
    let base = rate("a_tantivy_default");
    eprintln!(
        "\npipeline summary ({n} articles, {:.2} MB per iteration{}):",
        bytes as f64 / 1e6,
        if smoke() {
            "; SMOKE MODE, one run: not a measurement"
        } else {
            ""
        }
    );
    let cpu_per_iter = |name: &str| {
        times
            .iter()
            .find(|(n, _, _, _)| *n == name)
            .map(|(_, _, it, cpu)| cpu / *it as f64)
            .unwrap_or(f64::NAN)
    };
    let base_cpu = cpu_per_iter("a_tantivy_default");
    eprintln!(
        "{:<26} {:>8} {:>9} {:>10} {:>11} {:>11}",
        "variant", "MB/s", "docs/s", "vs (a)", "CPU s/iter", "CPU vs (a)"
    );
    for (name, _, iters, _) in times.iter() {
        let r = rate(name);
        let cpu = cpu_per_iter(name);
        eprintln!(
            "{:<26} {:>8.2} {:>9.0} {:>9.0}% {:>11.3} {:>10.0}%   ({iters} iterations)",
            name,
            r * bytes as f64 / 1e6,
            r * n as f64,
            100.0 * r / base,
            cpu,
            100.0 * cpu / base_cpu
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
