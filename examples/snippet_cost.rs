//! scratch: snippet cost on the shared base corpus (callgrind driver)
use pressespiegel::corpus::read_jsonl;
use pressespiegel::index::normalize_article;
use pressespiegel::snippet::{snippets, snippets_reference, HighlightSpec, SnippetOptions};
fn main() {
    let base = read_jsonl("/work/shared/data/wikinews-quotes/dev.jsonl").unwrap();
    let texts: Vec<String> = base
        .into_iter()
        .take(60)
        .map(|a| normalize_article(a).text)
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    eprintln!("{} texts, {} bytes", texts.len(), bytes);
    let opts = SnippetOptions::default();
    let mut n = 0;
    let reps: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    for _ in 0..reps {
        for q in ["Regierung", "Iran", "Präsident Wahl", "Krieg"] {
            let spec = HighlightSpec::from_query_text(q);
            for t in &texts {
                n += if std::env::var_os("REF").is_some() {
                    snippets_reference(t, &spec, &opts).len()
                } else {
                    snippets(t, &spec, &opts).len()
                };
            }
        }
    }
    eprintln!("{n}");
}
