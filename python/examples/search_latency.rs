//! Rust side of `python/bench_overhead.py`: µs per search through the Rust API, on the same
//! corpus and queries as the Python side.
//!
//! ```text
//! cargo run -p pressespiegel-python --example search_latency -- data/demo/wikinews-de.jsonl 2000
//! ```

use std::time::Instant;

use pressespiegel::index::NewsIndex;
use pressespiegel::search::SearchRequest;

/// The queries `bench_overhead.py` uses too.
const QUERIES: [&str; 4] = [
    "Wahl Regierung",
    "\"Europäische Union\"",
    "Parlament OR Wahl",
    "",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = args
        .next()
        .unwrap_or_else(|| "data/demo/wikinews-de.jsonl".into());
    let rounds: usize = args.next().map(|s| s.parse()).transpose()?.unwrap_or(2000);
    let articles = pressespiegel::corpus::read_jsonl(&corpus)?;
    let index = NewsIndex::create_in_ram()?;
    let mut writer = index.writer()?;
    for a in articles {
        writer.add(a)?;
    }
    writer.commit()?;
    for query in QUERIES {
        let request = SearchRequest::new(query).limit(10);
        let mut hits = 0;
        for _ in 0..rounds / 10 {
            hits += index.search(&request)?.hits.len(); // warm-up
        }
        let start = Instant::now();
        for _ in 0..rounds {
            hits += index.search(&request)?.hits.len();
        }
        let us = start.elapsed().as_secs_f64() * 1e6 / rounds as f64;
        println!("{query:?}\t{us:.1}\t{hits}");
    }
    Ok(())
}
