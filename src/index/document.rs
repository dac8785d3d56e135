//! Turning an [`Article`] into tantivy documents and back.

use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};
use time::{OffsetDateTime, Time};

use crate::analysis;
use crate::article::{Article, ArticleDate};
use crate::index::schema::{Fields, DOC_ARTICLE};

/// Normalise an article's text fields the way the index stores them (NFC, no soft hyphens),
/// so that all offsets computed later point into the stored text.
pub fn normalize_article(mut article: Article) -> Article {
    article.title = analysis::normalize(&article.title).into_owned();
    article.text = analysis::normalize(&article.text).into_owned();
    article
}

/// The tantivy document for an (already normalised) article.
pub fn article_document(f: &Fields, a: &Article) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.doc_type, DOC_ARTICLE);
    doc.add_text(f.article_id, &a.id);
    doc.add_text(f.title, &a.title);
    doc.add_text(f.title_exact, &a.title);
    doc.add_text(f.text, &a.text);
    doc.add_text(f.text_exact, &a.text);
    if let Some(d) = a.date {
        doc.add_date(f.date, DateTime::from_timestamp_secs(d.unix_seconds()));
        doc.add_u64(f.has_time, u64::from(d.time.is_some()));
        let month = d.date.year().max(0) as u64 * 100 + u64::from(u8::from(d.date.month()));
        doc.add_u64(f.month, month);
    }
    for (field, value) in [
        (f.source, &a.source),
        (f.agency, &a.agency),
        (f.place, &a.place),
    ] {
        if let Some(v) = value {
            doc.add_text(field, v);
        }
    }
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    for tag in &a.tags {
        doc.add_text(f.tags, tag);
    }
    doc
}

fn first_str(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// All string values of a multi-valued field.
pub fn all_str(doc: &TantivyDocument, field: tantivy::schema::Field) -> Vec<String> {
    doc.get_all(field)
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// Read an article back from its stored document.
pub fn read_article(f: &Fields, doc: &TantivyDocument) -> Article {
    let date = doc
        .get_first(f.date)
        .and_then(|v| v.as_datetime())
        .and_then(|dt| {
            let utc: OffsetDateTime = dt.into_utc();
            let has_time = doc.get_first(f.has_time).and_then(|v| v.as_u64()) == Some(1);
            let time = has_time
                .then(|| Time::from_hms(utc.hour(), utc.minute(), utc.second()).ok())
                .flatten();
            Some(ArticleDate {
                date: utc.date(),
                time,
            })
        });
    Article {
        id: first_str(doc, f.article_id).unwrap_or_default(),
        title: first_str(doc, f.title).unwrap_or_default(),
        text: first_str(doc, f.text).unwrap_or_default(),
        date,
        source: first_str(doc, f.source),
        agency: first_str(doc, f.agency),
        place: first_str(doc, f.place),
        url: first_str(doc, f.url),
        tags: all_str(doc, f.tags),
    }
}
