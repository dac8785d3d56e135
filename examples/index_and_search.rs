//! The library API in about 40 lines: create an index, add articles, search, read snippets.
//!
//! ```text
//! cargo run --example index_and_search
//! ```

use pressespiegel::index::NewsIndex;
use pressespiegel::search::{SearchRequest, Sort};
use pressespiegel::{Article, ArticleDate};

fn main() -> pressespiegel::Result<()> {
    // In RAM here; `NewsIndex::create("path")` / `NewsIndex::open("path")` for an index on disk.
    let index = NewsIndex::create_in_ram()?;
    let mut writer = index.writer()?;
    writer.add(Article {
        id: "busan-1".into(),
        title: "Trump und Xi treffen sich in Busan".into(),
        text: "„Wir haben lange darüber gesprochen“, sagte US-Präsident Donald Trump nach dem \
               Treffen mit Xi Jinping. China soll weniger Öl aus Russland kaufen."
            .into(),
        date: Some("2025-10-30".parse::<ArticleDate>()?),
        agency: Some("dpa-AFX".into()),
        ..Default::default()
    })?;
    writer.add(Article {
        id: "peking-1".into(),
        title: "China und Russland gegen Sanktionen".into(),
        text: "Peking und Moskau wollen sich gemeinsam gegen einseitige Sanktionen wehren.".into(),
        date: Some("2025-11-04".parse::<ArticleDate>()?),
        ..Default::default()
    })?;
    writer.commit()?; // changes become visible to searches

    // German query syntax: stemming (Sanktion → Sanktionen), phrases, OR, -not, dates.
    let request = SearchRequest::new("Sanktion OR \"Xi Jinping\"")
        .from_date("2025-10-01")?
        .sort(Sort::Date)
        .limit(10);
    let results = index.search(&request)?;
    println!("{} hits", results.total);
    for hit in &results.hits {
        println!("{} ({:?})", hit.title, hit.date.map(|d| d.to_string()));
        for snippet in &hit.snippets {
            println!(
                "  {}  highlights: {:?}",
                snippet.text(),
                snippet.highlighted_texts()
            );
        }
    }
    // Everything serialises to stable JSON (offsets in code points there).
    println!(
        "{}",
        serde_json::to_string_pretty(&results).expect("results serialise")
    );
    Ok(())
}
