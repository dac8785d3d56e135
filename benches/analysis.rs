//! Throughput of the German analysis chain on real news text.
//!
//! Corpus: the `text` field of every article in
//! `../shared/data/wikinews-quotes/train.jsonl` (or `$PRESSESPIEGEL_SHARED/data/...`),
//! normalised once before measuring. Skipped with a message when the file is absent.
//!
//! Run: `cargo bench --bench analysis` — criterion prints the throughput in MB/s
//! (decimal megabytes of normalised UTF-8 text per second, one thread). The `*_cpu`
//! variants (Linux) time the thread's CPU time instead of wall time, i.e. MB/s per core
//! even on a loaded machine; the others are wall time.
//!
//! The group `analysis_stages` (all in thread CPU time) measures the chain stage by stage,
//! each over the same corpus bytes: `normalize`; `tokenize` (words + lowercase: the EXACT
//! analyzer); `fold` (German folding of every word, given the words); `fold_stem` (tokenize +
//! fold + stem: the QUERY analyzer); `compounds` (the splitter on every lowercase word, given
//! the words); `text` (tokenize + fold + stem + compound parts: the TEXT analyzer);
//! `variants` (the VARIANT analyzer: name keys of capitalised words); `full` (everything the
//! index runs on a text field: TEXT + EXACT + VARIANT).

use std::path::PathBuf;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pressespiegel::analysis::decompound::split_compound;
use pressespiegel::analysis::{
    analyze, analyze_exact, fold_term, normalize, register, EXACT, QUERY, TEXT, VARIANT,
};
use tantivy::tokenizer::TokenizerManager;

fn corpus() -> Option<Vec<String>> {
    let shared = std::env::var_os("PRESSESPIEGEL_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let path = shared.join("data/wikinews-quotes/train.jsonl");
    let Ok(content) = std::fs::read_to_string(&path) else {
        eprintln!("SKIPPED analysis bench: {} not found", path.display());
        return None;
    };
    let texts: Vec<String> = content
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v.get("text")?.as_str().map(|t| normalize(t).into_owned()))
        .collect();
    Some(texts)
}

/// CPU time consumed by the current thread.
#[cfg(target_os = "linux")]
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a Linux constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Wall time where thread CPU time is not available.
#[cfg(not(target_os = "linux"))]
fn thread_cpu_time() -> Duration {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

fn bench(c: &mut Criterion) {
    let Some(texts) = corpus() else { return };
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!(
        "analysis bench corpus: {} articles, {:.2} MB",
        texts.len(),
        bytes as f64 / 1e6
    );

    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::BytesDecimal(bytes as u64));
    group.sample_size(10);

    // What tantivy runs when indexing: the registered TEXT analyzer's token stream.
    let manager = TokenizerManager::default();
    register(&manager);
    let mut analyzer = manager.get(TEXT).expect("TEXT is registered");
    group.bench_function("text_tokenizer_wikinews", |b| {
        b.iter(|| {
            let mut tokens = 0usize;
            for text in &texts {
                analyzer.token_stream(text).process(&mut |_| tokens += 1);
            }
            tokens
        })
    });

    // Same work, timed in thread CPU time: throughput per core, independent of machine load.
    group.bench_function("text_tokenizer_wikinews_cpu", |b| {
        b.iter_custom(|iters| {
            let start = thread_cpu_time();
            let mut tokens = 0usize;
            for _ in 0..iters {
                for text in &texts {
                    analyzer.token_stream(text).process(&mut |_| tokens += 1);
                }
            }
            std::hint::black_box(tokens);
            thread_cpu_time() - start
        })
    });

    // The convenience function (allocates one String per token).
    group.bench_function("analyze_fn_wikinews", |b| {
        b.iter(|| texts.iter().map(|t| analyze(t).len()).sum::<usize>())
    });

    // Normalisation of the raw texts (NFC check + removal).
    group.bench_function("normalize_wikinews", |b| {
        b.iter(|| texts.iter().map(|t| normalize(t).len()).sum::<usize>())
    });
    group.finish();

    stages(c, &texts, bytes);
}

/// Time `f` over all texts in thread CPU time.
fn cpu_bench(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    mut f: impl FnMut() -> usize,
) {
    group.bench_function(name, |b| {
        b.iter_custom(|iters| {
            let start = thread_cpu_time();
            let mut n = 0usize;
            for _ in 0..iters {
                n = n.wrapping_add(f());
            }
            std::hint::black_box(n);
            thread_cpu_time() - start
        })
    });
}

fn stages(c: &mut Criterion, texts: &[String], bytes: usize) {
    let manager = TokenizerManager::default();
    register(&manager);
    let get = |name: &str| manager.get(name).expect("registered");
    let (mut text_a, mut exact_a, mut query_a, mut variant_a) =
        (get(TEXT), get(EXACT), get(QUERY), get(VARIANT));
    // Words of the corpus (surface, and lowercase letters-only for the splitter).
    let words: Vec<String> = texts
        .iter()
        .flat_map(|t| {
            analyze_exact(t)
                .into_iter()
                .map(|tok| t[tok.byte_start..tok.byte_end].to_string())
        })
        .collect();
    let lower_words: Vec<String> = words
        .iter()
        .map(|w| w.to_lowercase())
        .filter(|w| w.chars().all(char::is_alphabetic))
        .collect();

    let mut group = c.benchmark_group("analysis_stages");
    group.throughput(Throughput::BytesDecimal(bytes as u64));
    group.sample_size(10);
    let count = |a: &mut tantivy::tokenizer::TextAnalyzer| {
        let mut n = 0usize;
        for text in texts {
            a.token_stream(text).process(&mut |_| n += 1);
        }
        n
    };
    cpu_bench(&mut group, "normalize", || {
        texts.iter().map(|t| normalize(t).len()).sum()
    });
    cpu_bench(&mut group, "tokenize", || count(&mut exact_a));
    cpu_bench(&mut group, "fold", || {
        words.iter().map(|w| fold_term(w).len()).sum()
    });
    cpu_bench(&mut group, "fold_stem", || count(&mut query_a));
    cpu_bench(&mut group, "compounds", || {
        lower_words.iter().map(|w| split_compound(w).len()).sum()
    });
    cpu_bench(&mut group, "text", || count(&mut text_a));
    cpu_bench(&mut group, "variants", || count(&mut variant_a));
    let (mut text_b, mut exact_b, mut variant_b) = (get(TEXT), get(EXACT), get(VARIANT));
    cpu_bench(&mut group, "full", || {
        count(&mut text_b) + count(&mut exact_b) + count(&mut variant_b)
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
