//! Quote extraction throughput (bytes of article text per second, one core).
//!
//! Uses the German Wikinews dev texts from `../shared` when present, else a synthetic corpus of
//! quote-heavy German sentences.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pressespiegel::enrich::quotes::extract_quotes;

fn corpus() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/wikinews-quotes/dev.jsonl");
    if let Ok(data) = std::fs::read_to_string(&path) {
        let texts: Vec<String> = data
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["text"].as_str().map(String::from))
            .collect();
        if !texts.is_empty() {
            return texts;
        }
    }
    let para = "„Wir haben lange darüber gesprochen“, sagte Trump nach dem Treffen. \
        Laut Trump waren sich beide einig, dass Russland und die Ukraine festhingen. \
        Xi betonte, dass China bereit sei. Man habe alles vorbereitet. \
        Nach Angaben der Polizei wurden drei Menschen verletzt.\n\n";
    (0..100).map(|_| para.repeat(20)).collect()
}

fn bench(c: &mut Criterion) {
    let texts = corpus();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut g = c.benchmark_group("quotes");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    g.bench_function("extract_quotes", |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                n += extract_quotes(t, &[]).len();
            }
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
