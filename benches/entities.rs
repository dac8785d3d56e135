//! Entity extraction throughput (MB/s of normalized text → actors, countries, organisations)
//! on German Wikinews texts (train split of the shared data), one thread, so the reported
//! throughput is per core.
//!
//! `cargo bench --bench entities`; criterion prints `thrpt` in MiB/s; the bench also prints
//! the corpus size and a plain MB/s (10^6 bytes) figure after a timed warm pass. Skipped with
//! a message when ../shared is missing.
use std::path::PathBuf;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pressespiegel::analysis::normalize;
use pressespiegel::enrich::entities::{EntityExtractor, Gazetteer};

/// The texts, normalized as the indexer stores them (NFC, no soft hyphens).
fn texts() -> Option<Vec<String>> {
    let dir = std::env::var_os("PRESSESPIEGEL_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let path = dir.join("data/wikinews-quotes/train.jsonl");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!(
            "SKIPPED: {} not found (set PRESSESPIEGEL_SHARED)",
            path.display()
        );
        return None;
    };
    Some(
        data.lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("text")?.as_str().map(|t| normalize(t).into_owned()))
            .collect(),
    )
}

/// Nanoseconds this thread has run on a CPU (Linux), `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn extract_all(extractor: &EntityExtractor, texts: &[String]) -> usize {
    texts
        .iter()
        .map(|t| extractor.extract(t).mentions.len())
        .sum()
}

fn bench(c: &mut Criterion) {
    let Some(texts) = texts() else { return };
    let bytes: usize = texts.iter().map(String::len).sum();
    let extractor = EntityExtractor::new(Gazetteer::builtin()).expect("builtin gazetteer");
    // A plain figure next to criterion's MiB/s: 10 passes after one warm-up pass, per
    // wall-clock second and per second on the CPU (this thread's run time from
    // /proc/thread-self/schedstat, so the per-core figure holds on a busy machine too).
    let mentions = extract_all(&extractor, &texts);
    let cpu0 = thread_cpu_ns();
    let start = Instant::now();
    for _ in 0..10 {
        std::hint::black_box(extract_all(&extractor, &texts));
    }
    let wall = start.elapsed().as_secs_f64() / 10.0;
    let mb = bytes as f64 / 1e6;
    let per_cpu = match (cpu0, thread_cpu_ns()) {
        (Some(a), Some(b)) if b > a => format!("{:.1}", mb / ((b - a) as f64 / 1e9 / 10.0)),
        _ => "n/a".to_string(),
    };
    eprintln!(
        "entities: {} texts, {mb:.2} MB, {mentions} mentions; one thread: {:.1} MB/s wall, \
         {per_cpu} MB/s per CPU second",
        texts.len(),
        mb / wall,
    );

    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("extract_wikinews_train", |b| {
        b.iter(|| extract_all(&extractor, &texts))
    });
    group.finish();
    c.bench_function("entities/build_extractor", |b| {
        b.iter(|| EntityExtractor::new(Gazetteer::builtin()).expect("builtin"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
