//! Turning an [`Article`] into tantivy documents and back.

use tantivy::schema::Value;
use tantivy::{DateTime, TantivyDocument};
use time::{OffsetDateTime, Time};

use crate::analysis;
use crate::article::{Article, ArticleDate};
use crate::enrich::Enrichment;
use crate::index::schema::{Fields, DOC_ARTICLE, DOC_QUOTE};

/// Normalise an article's text fields the way the index stores them (NFC, no soft hyphens),
/// so that all offsets computed later point into the stored text.
pub fn normalize_article(mut article: Article) -> Article {
    // Usually already normalised (borrowed): then the text is kept, not copied.
    if let std::borrow::Cow::Owned(title) = analysis::normalize(&article.title) {
        article.title = title;
    }
    if let std::borrow::Cow::Owned(text) = analysis::normalize(&article.text) {
        article.text = text;
    }
    article
}

/// Which document [`add_common`] fills.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Article,
    Quote,
}

/// Fields shared by an article and its quotation documents: id, date, the actor and country
/// facets. Articles get them in the counted, stored `actor`/`country` fields; quotation
/// documents in the indexed-only `quote_actor`/`quote_country` (quote search filters on them,
/// nothing counts them). Only articles get the month (time series), the organisations
/// (counted and filtered on articles only) and the combined `facet` column (all three
/// dimensions, what facet counts read).
fn add_common(f: &Fields, doc: &mut TantivyDocument, a: &Article, e: &Enrichment, kind: Kind) {
    doc.add_text(f.article_id, &a.id);
    if let Some(d) = a.date {
        doc.add_date(f.date, DateTime::from_timestamp_secs(d.unix_seconds()));
        doc.add_u64(f.has_time, u64::from(d.time.is_some()));
        if kind == Kind::Article {
            let month = d.date.year().max(0) as u64 * 100 + u64::from(u8::from(d.date.month()));
            doc.add_u64(f.month, month);
        }
    }
    let (actor_field, country_field) = match kind {
        Kind::Article => (f.actor, f.country),
        Kind::Quote => (f.quote_actor, f.quote_country),
    };
    for actor in &e.entities.actors {
        doc.add_text(actor_field, &actor.name);
    }
    for country in &e.entities.countries {
        doc.add_text(country_field, &country.code);
    }
    if kind == Kind::Article {
        for org in &e.entities.organisations {
            doc.add_text(f.organisation, &org.name);
        }
        // The combined column facet counts read (one column per article instead of three).
        use crate::index::schema::facet_value;
        for actor in &e.entities.actors {
            doc.add_text(f.facet, facet_value("actor", &actor.name));
        }
        for country in &e.entities.countries {
            doc.add_text(f.facet, facet_value("country", &country.code));
        }
        for org in &e.entities.organisations {
            doc.add_text(f.facet, facet_value("organisation", &org.name));
        }
    }
}

/// Whether a quotation is worth a searchable quote document: everything except unattributed
/// short fragments (scare quotes, titles in quotation marks).
pub fn is_indexed_quote(q: &crate::enrich::quotes::Quote) -> bool {
    q.is_attributed()
}

/// The tantivy documents of the quotations of an (already normalised) article.
pub fn quote_documents(f: &Fields, a: &Article, e: &Enrichment) -> Vec<TantivyDocument> {
    let inside_another = |q: &crate::enrich::quotes::Quote| {
        e.quotes.iter().any(|other| {
            !std::ptr::eq(other, q)
                && q.spans.iter().all(|&(s, t)| {
                    other
                        .spans
                        .iter()
                        .any(|&(os, ot)| os <= s && t <= ot && (os, ot) != (s, t))
                })
        })
    };
    e.quotes
        .iter()
        // A short fragment inside a longer quotation is part of that quotation's hit.
        .filter(|q| is_indexed_quote(q) && !(q.partial && inside_another(q)))
        .map(|q| {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.doc_type, DOC_QUOTE);
            add_common(f, &mut doc, a, e, Kind::Quote);
            doc.add_text(f.article_title, &a.title);
            doc.add_text(f.quote_text, &q.text);
            doc.add_text(f.quote_kind, q.kind.as_str());
            if let Some(s) = &q.speaker {
                doc.add_text(f.speaker, &s.text);
                if let Some(actor) = &s.actor {
                    doc.add_text(f.speaker_actor, actor);
                }
            }
            doc
        })
        .collect()
}

/// The stored `entities_json` of an article: its actor, country and organisation counts and
/// where its indexed, attributed quotations are and who said them (snippets name the
/// speaker). Serialised from borrowed values (no `serde_json::Value` tree: a map and a string
/// per field, for every article).
#[derive(serde::Serialize)]
struct StoredEntities<'a> {
    actors: &'a [crate::enrich::entities::ActorCount],
    countries: &'a [crate::enrich::entities::CountryCount],
    organisations: &'a [crate::enrich::entities::OrganisationCount],
    quotes: Vec<StoredQuote<'a>>,
}

/// An indexed, attributed quotation in `entities_json`: its byte spans and its speaker.
#[derive(serde::Serialize)]
struct StoredQuote<'a> {
    spans: &'a [(usize, usize)],
    speaker: &'a str,
}

/// The indexed, attributed quotations of `e` as `entities_json` stores them: spans and the
/// speaker's canonical name (else the speaker as written).
fn stored_quotes(e: &Enrichment) -> impl Iterator<Item = StoredQuote<'_>> {
    e.quotes
        .iter()
        .filter(|q| is_indexed_quote(q))
        .filter_map(|q| {
            let speaker = q.speaker.as_ref()?;
            let name = speaker.actor.as_deref().unwrap_or(&speaker.text);
            Some(StoredQuote {
                spans: &q.spans,
                speaker: name,
            })
        })
}

fn entities_json(e: &Enrichment) -> String {
    let stored = StoredEntities {
        actors: &e.entities.actors,
        countries: &e.entities.countries,
        organisations: &e.entities.organisations,
        quotes: stored_quotes(e).collect(),
    };
    // Plain structs of strings and numbers always serialise.
    serde_json::to_string(&stored).unwrap_or_else(|_| String::from("{}"))
}

/// The tantivy document for an (already normalised) article with its enrichment.
pub fn article_document(f: &Fields, a: &Article, e: &Enrichment) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.doc_type, DOC_ARTICLE);
    add_common(f, &mut doc, a, e, Kind::Article);
    let mut quoted: Vec<&str> = e
        .quotes
        .iter()
        .filter_map(|q| q.speaker.as_ref()?.actor.as_deref())
        .collect();
    quoted.sort_unstable();
    quoted.dedup();
    for actor in quoted {
        doc.add_text(f.quoted_actor, actor);
    }
    doc.add_text(f.entities_json, entities_json(e));
    doc.add_text(f.title, &a.title);
    doc.add_text(f.text, &a.text);
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
        .map(|dt| {
            let utc: OffsetDateTime = dt.into_utc();
            let has_time = doc.get_first(f.has_time).and_then(|v| v.as_u64()) == Some(1);
            let time = has_time
                .then(|| Time::from_hms(utc.hour(), utc.minute(), utc.second()).ok())
                .flatten();
            ArticleDate {
                date: utc.date(),
                time,
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enrich::Enricher;

    /// `entities_json` built as a `serde_json::Value` tree, as sessions 1–5 wrote it.
    fn entities_json_reference(e: &Enrichment) -> String {
        let quotes: Vec<serde_json::Value> = stored_quotes(e)
            .map(|q| serde_json::json!({"spans": q.spans, "speaker": q.speaker}))
            .collect();
        serde_json::json!({
            "actors": e.entities.actors,
            "countries": e.entities.countries,
            "organisations": e.entities.organisations,
            "quotes": quotes,
        })
        .to_string()
    }

    #[test]
    fn entities_json_is_the_json_of_the_value_tree() {
        let parsed = |json: String| serde_json::from_str::<serde_json::Value>(&json).expect("json");
        let enricher = Enricher::builtin().expect("enricher");
        let generator = crate::corpus::CorpusGenerator::demo(11).expect("demo generator");
        let (mut quotes, mut actors) = (0, 0);
        for a in generator.articles(150) {
            let a = normalize_article(a);
            let e = enricher.enrich(&a);
            quotes += e.quotes.len();
            actors += e.entities.actors.len();
            assert_eq!(
                parsed(entities_json(&e)),
                parsed(entities_json_reference(&e)),
                "{}",
                a.id
            );
        }
        assert!(
            quotes > 100 && actors > 100,
            "{quotes} quotes, {actors} actors"
        );
        // Names that need escaping, and the empty case.
        let mut e = Enrichment::default();
        assert_eq!(
            parsed(entities_json(&e)),
            parsed(entities_json_reference(&e))
        );
        e.entities.actors.push(crate::enrich::entities::ActorCount {
            name: "O\"Brien \\ \u{1}\n Müller".into(),
            count: 2,
            discovered: true,
        });
        e.entities
            .organisations
            .push(crate::enrich::entities::OrganisationCount {
                name: "\u{2028}".into(),
                count: 1,
            });
        assert_eq!(
            parsed(entities_json(&e)),
            parsed(entities_json_reference(&e))
        );
    }
}
