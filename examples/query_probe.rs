//! Where a query's time goes: runs each request of a query class in several variants on an
//! existing index and prints, per request, the median and maximum of the full request and the
//! medians of the cheaper variants (so the slow requests and their cause stand out).
//!
//! `cargo run --release --example query_probe -- DIR [REPS] [CLASS…]`
//!
//! Columns (ms): `full p50` / `full max` — the request as the harness runs it (10 hits, 2
//! snippets per hit, facet counts where the class asks for them); `no_snip` — the same without
//! snippets (search, page, total, facets, stored documents); `count+f` — no page, only the
//! total and the facet counts; `count` — only the total; `matches` — the total. The variants of
//! one request run interleaved (full, no_snip, count+f, count, full, …) so that load from
//! other processes hits them alike.

#[path = "../benches/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::QueryClass;
use pressespiegel::index::NewsIndex;
use pressespiegel::search::SearchRequest;

fn once(index: &NewsIndex, class: QueryClass, req: &SearchRequest) -> (Duration, u64) {
    let t = Instant::now();
    let total = match class {
        QueryClass::QuoteSpeaker => index.search_quotes(req).expect("quote search").total,
        _ => index.search(req).expect("search").total,
    };
    (t.elapsed(), total)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> pressespiegel::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("index dir");
    let reps: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let only: Vec<String> = args.collect();
    let opening = Instant::now();
    let index = NewsIndex::open(&dir)?;
    eprintln!(
        "opened in {:.3} s; in-memory article facets {:.1} MB",
        opening.elapsed().as_secs_f64(),
        index.facet_memory_bytes() as f64 / 1e6
    );
    eprintln!("{:?}", index.stats()?);
    println!(
        "{:<20} {:<36} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "class", "request", "full p50", "full max", "no_snip", "count+f", "count", "matches"
    );
    for class in QueryClass::ALL {
        if !only.is_empty() && !only.iter().any(|o| o == class.name()) {
            continue;
        }
        let mut class_full = Vec::new();
        for req in class.requests() {
            let variants = [
                req.clone(),
                req.clone().snippets(0),
                req.clone().limit(0),
                req.clone().limit(0).facets(0),
            ];
            let mut times: Vec<Vec<Duration>> = vec![Vec::new(); variants.len()];
            let mut total = 0;
            // Warm-up: postings and doc store pages.
            for v in &variants {
                once(&index, class, v);
            }
            for _ in 0..reps {
                for (v, t) in variants.iter().zip(times.iter_mut()) {
                    let (d, n) = once(&index, class, v);
                    t.push(d);
                    total = n;
                }
            }
            class_full.extend(times[0].iter().copied());
            let max = times[0].iter().max().copied().unwrap_or_default();
            let label = match (&req.speaker, req.actors.first()) {
                (Some(s), _) => format!("speaker {s}"),
                (None, Some(a)) => format!("{} +actor {a}", req.query),
                _ => req.query.clone(),
            };
            let med: Vec<f64> = times.into_iter().map(|t| ms(median(t))).collect();
            println!(
                "{:<20} {:<36} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>9}",
                class.name(),
                label,
                med[0],
                ms(max),
                med[1],
                med[2],
                med[3],
                total
            );
        }
        let n = class_full.len();
        class_full.sort();
        println!(
            "{:<20} {:<36} {:>9.3} {:>9.3}   (all requests: p50, p99 of the full request)",
            class.name(),
            "= class",
            ms(class_full[n / 2]),
            ms(class_full[((n * 99).div_ceil(100)).clamp(1, n) - 1]),
        );
    }
    Ok(())
}
