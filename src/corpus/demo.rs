//! The bundled demo corpus and a minimal JSON Lines reader for base corpora.

use std::path::Path;

use crate::article::Article;
use crate::error::{Error, Result};

/// The bundled JSON Lines file (100 German Wikinews articles, CC BY 2.5).
const DEMO_JSONL: &str = include_str!("../../data/demo/wikinews-de.jsonl");
const DEMO_ORIGIN: &str = "data/demo/wikinews-de.jsonl";

/// Attribution to show wherever the demo corpus, or text generated from it, is shown or shipped.
pub const DEMO_ATTRIBUTION: &str = "Texts from German Wikinews (de.wikinews.org), \
    Wikinews contributors, CC BY 2.5, https://creativecommons.org/licenses/by/2.5/";

/// The bundled demo corpus: about 100 German Wikinews articles (politics and international news,
/// 2005–2021) with id, title, text, date, source `de.wikinews.org` and url. No annotations.
///
/// The texts are CC BY 2.5 ([`DEMO_ATTRIBUTION`]); `data/demo/ATTRIBUTION.md` lists every article.
///
/// ```
/// let articles = pressespiegel::corpus::demo_articles()?;
/// assert!(articles.len() >= 90);
/// assert!(articles.iter().all(|a| a.source.as_deref() == Some("de.wikinews.org")));
/// # Ok::<(), pressespiegel::Error>(())
/// ```
pub fn demo_articles() -> Result<Vec<Article>> {
    parse_jsonl(DEMO_JSONL, DEMO_ORIGIN)
}

/// Read a JSON Lines file of [`Article`]s (unknown fields such as annotations are ignored), e.g. a
/// larger base corpus for [`CorpusGenerator::new`](super::CorpusGenerator::new).
///
/// This is a strict reader for base corpora: the first malformed line is an error naming the file
/// and line. Use the `ingest` module to read news input with rejection summaries.
///
/// ```no_run
/// let base = pressespiegel::corpus::read_jsonl("../shared/data/wikinews-quotes/train.jsonl")?;
/// let generator = pressespiegel::corpus::CorpusGenerator::new(base, 42)?;
/// # Ok::<(), pressespiegel::Error>(())
/// ```
pub fn read_jsonl(path: impl AsRef<Path>) -> Result<Vec<Article>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_jsonl(&text, &path.display().to_string())
}

fn parse_jsonl(text: &str, origin: &str) -> Result<Vec<Article>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| {
            serde_json::from_str::<Article>(line).map_err(|e| Error::Record {
                origin: format!("{origin}:{}", n + 1),
                message: e.to_string(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_line_names_origin_and_line() {
        let err = parse_jsonl("{\"id\":\"a\",\"text\":\"x\"}\n\n{oops\n", "f.jsonl").unwrap_err();
        assert!(err.to_string().starts_with("f.jsonl:3:"), "{err}");
    }

    #[test]
    fn missing_file_is_an_io_error_with_the_path() {
        let err = read_jsonl("/nonexistent/base.jsonl").unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
        assert!(err.to_string().contains("/nonexistent/base.jsonl"));
    }
}
