//! Compound splitting throughput on the words of the German Wikinews texts, and the one-time cost
//! of opening the embedded data: `cargo bench --bench decompound`. The throughput benches skip
//! (with a message) when ../shared is missing.
use std::path::PathBuf;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hyphenation::Load;
use pressespiegel::analysis::decompound::split_compound;

fn wikinews_words() -> Option<Vec<String>> {
    let shared = std::env::var_os("PRESSESPIEGEL_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let path = shared.join("data/wikinews-quotes/dev.jsonl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("SKIPPED: {} not found", path.display());
        return None;
    };
    let mut words = Vec::new();
    for line in text.lines() {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let body = value.get("text").and_then(|t| t.as_str()).unwrap_or("");
        words.extend(
            body.split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        );
    }
    Some(words)
}

/// The embedded hyphenation patterns, as the library embeds them.
static DE_1996: &[u8] = include_bytes!("../data/decompound/de-1996.standard.bincode");

fn bench(c: &mut Criterion) {
    let start = Instant::now();
    split_compound("angriffskrieg");
    eprintln!(
        "first call (opens the hyphenation patterns and the compiled statistics): {:?}",
        start.elapsed()
    );
    c.bench_function("decompound/deserialize_hyphenation_patterns", |b| {
        b.iter(|| {
            let mut reader = DE_1996;
            hyphenation::Standard::from_reader(hyphenation::Language::German1996, &mut reader)
                .map(|d| d.minima)
                .ok()
        })
    });
    let Some(tokens) = wikinews_words() else {
        return;
    };

    let mut group = c.benchmark_group("decompound");
    group.throughput(Throughput::Elements(tokens.len() as u64));
    group.bench_function("running_text_tokens", |b| {
        b.iter(|| {
            tokens
                .iter()
                .map(|w| split_compound(w).len())
                .sum::<usize>()
        })
    });
    let mut long: Vec<&String> = tokens.iter().filter(|w| w.chars().count() >= 6).collect();
    long.sort();
    long.dedup();
    group.throughput(Throughput::Elements(long.len() as u64));
    group.bench_function("distinct_words_6_plus_chars", |b| {
        b.iter(|| long.iter().map(|w| split_compound(w).len()).sum::<usize>())
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = bench
}
criterion_main!(benches);
