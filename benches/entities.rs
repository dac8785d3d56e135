//! Entity extraction throughput on German Wikinews texts (train split of the shared data).
//!
//! `cargo bench --bench entities`; skipped with a message when ../shared is missing.
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pressespiegel::enrich::entities::{EntityExtractor, Gazetteer};

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
            .filter_map(|v| v.get("text")?.as_str().map(str::to_string))
            .collect(),
    )
}

fn bench(c: &mut Criterion) {
    let Some(texts) = texts() else { return };
    let bytes: usize = texts.iter().map(String::len).sum();
    let extractor = EntityExtractor::new(Gazetteer::builtin()).expect("builtin gazetteer");
    let mut group = c.benchmark_group("entities");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("extract_wikinews_train", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                n += extractor.extract(t).mentions.len();
            }
            n
        })
    });
    group.finish();
    c.bench_function("entities/build_extractor", |b| {
        b.iter(|| EntityExtractor::new(Gazetteer::builtin()).expect("builtin"))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
