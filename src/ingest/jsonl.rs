//! JSON Lines records: one [`Article`] JSON object per line.

use sha2::{Digest, Sha256};

use super::origin::record_error;
use super::text::headline_from_text;
use super::MAX_RECORD_BYTES;
use crate::analysis::normalize;
use crate::article::Article;
use crate::error::Result;

/// Deterministic id of an article without one: the first 16 hex digits of the SHA-256
/// of title and text.
pub(crate) fn content_id(title: &str, text: &str) -> String {
    let mut h = Sha256::new();
    h.update(title.as_bytes());
    h.update([0u8]);
    h.update(text.as_bytes());
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Parse one JSON Lines record into an [`Article`].
///
/// The line is one JSON object in the serde shape of [`Article`]; unknown fields are
/// ignored and `date` may be in any format [`ArticleDate`](crate::ArticleDate) parses.
/// Title and text are normalised ([`crate::analysis::normalize`]) and trimmed, a missing
/// title is taken from the first sentence of the text, and a missing `id` becomes a
/// deterministic content hash (16 hex digits of SHA-256 over title and text).
///
/// # Errors
/// [`Error::Record`](crate::Error::Record) at `origin` when the line is not a JSON
/// object of that shape, has no or an empty `text`, or is longer than
/// [`MAX_RECORD_BYTES`](super::MAX_RECORD_BYTES).
///
/// # Example
/// ```
/// use pressespiegel::ingest::parse_json_line;
///
/// let a = parse_json_line(
///     r#"{"text": "Peking und Moskau rücken zusammen. Mehr folgt.", "date": "04.11.2025", "ressort": "Politik"}"#,
///     "news.jsonl:1",
/// ).unwrap();
/// assert_eq!(a.title, "Peking und Moskau rücken zusammen");
/// assert_eq!(a.id.len(), 16);
///
/// let err = parse_json_line(r#"{"title": "ohne Text"}"#, "news.jsonl:2").unwrap_err();
/// assert!(err.to_string().starts_with("news.jsonl:2: "));
/// ```
pub fn parse_json_line(line: &str, origin: &str) -> Result<Article> {
    if line.len() > MAX_RECORD_BYTES {
        return Err(record_error(origin, too_large_message(line.len())));
    }
    let line = line.strip_prefix('\u{feff}').unwrap_or(line).trim();
    let article: Article = serde_json::from_str(line).map_err(|e| {
        record_error(
            origin,
            format!(
                "malformed JSON record: {e}; each line must be one JSON object with at least \
                 a \"text\" field (fields: id, title, text, date, source, agency, place, url, tags)"
            ),
        )
    })?;
    finish(article, origin)
}

/// Normalise a deserialised record and fill in title and id.
pub(crate) fn finish(mut article: Article, origin: &str) -> Result<Article> {
    article.text = normalize(&article.text).trim().to_string();
    if article.text.is_empty() {
        return Err(record_error(
            origin,
            "record has no article text: \"text\" is missing or empty; put the article body \
             into the \"text\" field",
        ));
    }
    article.title = normalize(&article.title).trim().to_string();
    if article.title.is_empty() {
        article.title = headline_from_text(&article.text);
    }
    article.id = article.id.trim().to_string();
    if article.id.is_empty() {
        article.id = content_id(&article.title, &article.text);
    }
    Ok(article)
}

pub(crate) fn too_large_message(bytes: usize) -> String {
    format!(
        "record is too large ({} bytes, limit {} bytes = 10 MB); split the article or \
         shorten its text",
        bytes, MAX_RECORD_BYTES
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_is_given_or_a_stable_hash() {
        let a = parse_json_line(r#"{"id": " a1 ", "text": "x"}"#, "o").unwrap();
        assert_eq!(a.id, "a1");
        let b = parse_json_line(r#"{"title": "T", "text": "Text."}"#, "o").unwrap();
        let c = parse_json_line(r#"{"text": "Text.", "title": "T", "extra": [1]}"#, "o").unwrap();
        assert_eq!(b.id, c.id);
        assert_eq!(b.id, content_id("T", "Text."));
        assert!(b.id.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let e = parse_json_line("{not json", "f.jsonl:3")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("f.jsonl:3: malformed JSON"), "{e}");
        let e = parse_json_line(r#"{"text": "  "}"#, "f.jsonl:4")
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"text\" is missing or empty"), "{e}");
        let e = parse_json_line(r#"{"text": "x", "date": "gestern"}"#, "o")
            .unwrap_err()
            .to_string();
        assert!(e.contains("gestern"), "{e}");
    }

    #[test]
    fn dates_in_german_format() {
        let a = parse_json_line(r#"{"text": "x", "date": "24.11.2025, 20:21 Uhr"}"#, "o").unwrap();
        assert_eq!(a.date.unwrap().to_string(), "2025-11-24T20:21:00");
    }
}
