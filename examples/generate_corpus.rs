//! Generate a synthetic German news corpus from the bundled demo corpus (or a JSON Lines base),
//! report speed and vocabulary growth, and optionally write it as JSON Lines.
//!
//! ```text
//! cargo run --release --example generate_corpus -- [N] [--seed S] [--base FILE.jsonl]... [--out FILE.jsonl] [--show K]
//! ```
//!
//! Text generated from the demo corpus derives from German Wikinews (CC BY 2.5): keep the
//! attribution printed below with any copy you share.

use std::io::{BufWriter, Write};
use std::time::Instant;

use pressespiegel::corpus::{self, CorpusGenerator};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut n = 100_000usize;
    let mut seed = 42u64;
    let mut bases = Vec::new();
    let mut out = None;
    let mut show = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => seed = args.next().ok_or("--seed needs a value")?.parse()?,
            "--base" => bases.push(args.next().ok_or("--base needs a file")?),
            "--out" => out = Some(args.next().ok_or("--out needs a file")?),
            "--show" => show = args.next().ok_or("--show needs a number")?.parse()?,
            other => {
                n = other
                    .parse()
                    .map_err(|_| format!("unknown argument {other:?}"))?
            }
        }
    }

    let started = Instant::now();
    let generator = if bases.is_empty() {
        CorpusGenerator::demo(seed)?
    } else {
        let mut base = Vec::new();
        for b in &bases {
            base.extend(corpus::read_jsonl(b)?);
        }
        CorpusGenerator::new(base, seed)?
    };
    eprintln!(
        "base: {:?} (learned in {:.2?})",
        generator.stats(),
        started.elapsed()
    );

    for a in generator.articles(show) {
        println!("{}\n", serde_json::to_string_pretty(&a)?);
    }

    let mut writer = match &out {
        Some(path) => Some(BufWriter::new(std::fs::File::create(path)?)),
        None => None,
    };
    let started = Instant::now();
    let (mut bytes, mut count) = (0u64, 0usize);
    for article in generator.articles(n) {
        bytes += (article.title.len() + article.text.len()) as u64;
        count += 1;
        if let Some(w) = writer.as_mut() {
            serde_json::to_writer(&mut *w, &article)?;
            w.write_all(b"\n")?;
        }
    }
    if let Some(mut w) = writer {
        w.flush()?;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "generated {count} articles, {:.1} MB of title+text in {secs:.2} s: {:.0} articles/s, {:.1} MB/s{}",
        bytes as f64 / 1e6,
        count as f64 / secs,
        bytes as f64 / 1e6 / secs,
        out.as_deref().map(|p| format!(" (with JSON output to {p})")).unwrap_or_default()
    );

    let checkpoints: Vec<usize> = [1_000, 10_000, 100_000, 1_000_000]
        .into_iter()
        .filter(|&c| c <= n)
        .collect();
    let points = corpus::vocabulary_growth(generator.articles(n), &checkpoints);
    for (i, p) in points.iter().enumerate() {
        let beta = i
            .checked_sub(1)
            .map(|j| {
                let q = points[j];
                ((p.distinct_words as f64) / (q.distinct_words as f64)).ln()
                    / ((p.tokens as f64) / (q.tokens as f64)).ln()
            })
            .map(|b| format!(", Heaps exponent since previous point {b:.2}"))
            .unwrap_or_default();
        println!(
            "vocabulary after {:>9} articles: {:>9} tokens, {:>8} distinct words{beta}",
            p.documents, p.tokens, p.distinct_words
        );
    }
    println!("attribution: {}", corpus::DEMO_ATTRIBUTION);
    Ok(())
}
