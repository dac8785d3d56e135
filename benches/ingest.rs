//! Ingestion throughput: plain-text parsing of the seeds and of 10kGNAD texts, and
//! JSON Lines streaming. Needs ../shared (or `PRESSESPIEGEL_SHARED`); skips otherwise.
//!
//! `cargo bench --bench ingest`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pressespiegel::ingest;

fn shared() -> Option<PathBuf> {
    let dir = std::env::var_os("PRESSESPIEGEL_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    dir.join("seeds").is_dir().then_some(dir)
}

fn bench(c: &mut Criterion) {
    let Some(dir) = shared() else {
        eprintln!("SKIPPED: shared data folder not found (set PRESSESPIEGEL_SHARED)");
        return;
    };
    let mut seeds: Vec<(String, String)> = std::fs::read_dir(dir.join("seeds"))
        .expect("seeds dir")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let id = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (id, std::fs::read_to_string(&p).expect("seed"))
        })
        .collect();
    seeds.sort();
    let seed_bytes: usize = seeds.iter().map(|(_, t)| t.len()).sum();
    let mut g = c.benchmark_group("ingest");
    g.throughput(Throughput::Bytes(seed_bytes as u64));
    g.bench_function("parse_text/seeds", |b| {
        b.iter(|| {
            for (id, raw) in &seeds {
                black_box(ingest::parse_text(raw, id).expect("seed parses"));
            }
        })
    });

    let gnad = dir.join("data/10kgnad/articles.jsonl");
    if gnad.exists() {
        let bytes = std::fs::metadata(&gnad).map_or(0, |m| m.len());
        g.throughput(Throughput::Bytes(bytes));
        g.bench_function("read_paths/10kgnad_jsonl", |b| {
            b.iter(|| black_box(ingest::read_paths(&[&gnad]).filter(|r| r.is_ok()).count()))
        });
        let texts: Vec<_> = ingest::read_paths(&[&gnad])
            .filter_map(Result::ok)
            .collect();
        let text_bytes: usize = texts.iter().map(|a| a.text.len()).sum();
        g.throughput(Throughput::Bytes(text_bytes as u64));
        g.bench_function("parse_text/10kgnad_texts", |b| {
            b.iter(|| {
                for a in &texts {
                    black_box(ingest::parse_text(&a.text, &a.id).expect("parses"));
                }
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
