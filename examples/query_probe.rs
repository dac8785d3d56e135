//! Where a query's time goes: runs each request of a query class in several variants
//! (full; without snippets; count + facets only) on an existing index and prints mean ms.
//!
//! `cargo run --release --example query_probe -- DIR [REPS] [CLASS…]`

#[path = "../benches/common/mod.rs"]
mod common;

use std::time::Instant;

use common::QueryClass;
use pressespiegel::index::NewsIndex;
use pressespiegel::search::SearchRequest;

fn time(index: &NewsIndex, class: QueryClass, reqs: &[SearchRequest], reps: usize) -> f64 {
    for r in reqs {
        common::run(index, class, r);
    }
    let t = Instant::now();
    for _ in 0..reps {
        for r in reqs {
            common::run(index, class, r);
        }
    }
    t.elapsed().as_secs_f64() * 1e3 / (reps * reqs.len()) as f64
}

fn main() -> pressespiegel::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("index dir");
    let reps: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let only: Vec<String> = args.collect();
    let index = NewsIndex::open(&dir)?;
    eprintln!("{:?}", index.stats()?);
    println!(
        "{:<20} {:>9} {:>9} {:>9} {:>9}",
        "class", "full", "no_snip", "count+f", "count"
    );
    for class in QueryClass::ALL {
        if !only.is_empty() && !only.iter().any(|o| o == class.name()) {
            continue;
        }
        let reqs = class.requests();
        let full = time(&index, class, &reqs, reps);
        let nosnip: Vec<_> = reqs.iter().map(|r| r.clone().snippets(0)).collect();
        let count_f: Vec<_> = reqs.iter().map(|r| r.clone().limit(0)).collect();
        let count: Vec<_> = reqs.iter().map(|r| r.clone().limit(0).facets(0)).collect();
        println!(
            "{:<20} {:>9.3} {:>9.3} {:>9.3} {:>9.3}",
            class.name(),
            full,
            time(&index, class, &nosnip, reps),
            time(&index, class, &count_f, reps),
            time(&index, class, &count, reps),
        );
    }
    Ok(())
}
