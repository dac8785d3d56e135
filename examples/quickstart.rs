//! Quickstart: index the bundled demo corpus (German Wikinews, CC BY 2.5) into a temporary
//! directory and run a few searches with highlighted, quote-aware snippets.
//!
//! ```text
//! cargo run --release --example quickstart
//! ```

use std::io::IsTerminal;
use std::path::Path;

use pressespiegel::index::NewsIndex;
use pressespiegel::ingest;
use pressespiegel::search::{SearchRequest, Sort};
use pressespiegel::snippet::render::to_ansi;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo/wikinews-de.jsonl");
    let dir = tempfile::tempdir()?;
    let index = NewsIndex::create(dir.path())?;
    let mut writer = index.writer()?;
    let summary = writer.ingest(ingest::read_paths(&[&corpus]), |_| {})?;
    println!(
        "Indexed {} of {} demo articles into {} ({} rejected)\n",
        summary.indexed,
        summary.read,
        dir.path().display(),
        summary.rejected
    );

    let color = std::io::stdout().is_terminal();
    let searches = [
        SearchRequest::new("Sanktion"),
        SearchRequest::new("„Angela Merkel“"),
        SearchRequest::new("Krieg"),
        SearchRequest::new("Präsident -Bush").sort(Sort::Date),
        SearchRequest::new("Wahl*")
            .from_date("2008-01-01")?
            .to_date("2012-12-31")?,
    ];
    for request in searches {
        let results = index.search(&request.clone().limit(3))?;
        println!("━━ {:?}: {} articles", request.query, results.total);
        for hit in &results.hits {
            let date = hit.date.map(|d| d.to_string()).unwrap_or_default();
            println!("  {}  {}", date, hit.title);
            for snippet in &hit.snippets {
                let text = if color {
                    to_ansi(snippet)
                } else {
                    // Without a terminal, mark matches with [brackets].
                    let mut s = snippet.text().to_string();
                    for r in snippet.highlights().iter().rev() {
                        s.insert(r.end, ']');
                        s.insert(r.start, '[');
                    }
                    s
                };
                println!("      {text}");
            }
        }
        println!();
    }

    // Who is the corpus about, and who is quoted most?
    let all = index.search(&SearchRequest::new("").facets(5).limit(0))?;
    if let Some(f) = &all.facets {
        let list = |v: &[pressespiegel::search::FacetCount]| {
            v.iter()
                .map(|c| format!("{} ({})", c.value, c.count))
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!("━━ actors: {}", list(&f.actor));
        println!("━━ countries: {}\n", list(&f.country));
    }
    let speakers = index.search_quotes(&SearchRequest::new("").facets(3).limit(0))?;
    for speaker in speakers.speakers.unwrap_or_default().iter().take(2) {
        let quotes =
            index.search_quotes(&SearchRequest::new("").speaker(&speaker.value).limit(2))?;
        println!(
            "━━ {} is quoted {} times, e.g.:",
            speaker.value, quotes.total
        );
        for q in &quotes.hits {
            let date = q.date.map(|d| d.to_string()).unwrap_or_default();
            println!("  {date}  {}", q.text);
        }
    }
    Ok(())
}
