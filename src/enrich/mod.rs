//! Enrichment: what an article is about (actors, countries, organisations) and who said what
//! (quotations). Runs on the normalised article text after ingest, before indexing.
//!
//! ```
//! use pressespiegel::enrich::Enricher;
//! use pressespiegel::Article;
//!
//! let enricher = Enricher::builtin()?;
//! let article = Article {
//!     id: "a".into(),
//!     title: "Gipfel in Busan".into(),
//!     text: "„Wir haben lange darüber gesprochen“, sagte US-Präsident Donald Trump nach dem Treffen mit Xi Jinping.".into(),
//!     ..Default::default()
//! };
//! let e = enricher.enrich(&article);
//! assert!(e.entities.actors.iter().any(|a| a.name == "Xi Jinping"));
//! assert!(e.entities.countries.iter().any(|c| c.code == "US"));
//! assert_eq!(e.quotes[0].speaker.as_ref().and_then(|s| s.actor.as_deref()), Some("Donald Trump"));
//! # Ok::<(), pressespiegel::Error>(())
//! ```

mod calendar;
pub mod entities;
pub mod quotes;

use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::error::{Error, Result};
use entities::{Entities, EntityExtractor, Gazetteer};
use quotes::{Quote, QuoteExtractor};

/// What kind of thing a [`Mention`] refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// A person (from the gazetteer or discovered from a role apposition).
    Actor,
    /// A country (ISO 3166-1 alpha-2 key).
    Country,
    /// An organisation (EU, NATO, UN, …).
    Organisation,
}

/// A span of the article text that refers to an actor, country or organisation.
///
/// Offsets are UTF-8 byte offsets into the (normalised) text that was analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Byte offset where the mention starts.
    pub start: usize,
    /// Byte offset where the mention ends (exclusive).
    pub end: usize,
    /// What is mentioned.
    pub kind: MentionKind,
    /// Canonical key: the actor's canonical name, the ISO code, the organisation's name.
    pub key: String,
}

/// Entities and quotations of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enrichment {
    /// Actors, countries and organisations (title and body; mentions are body offsets).
    pub entities: Entities,
    /// Quotations found in the body (byte spans into the body text).
    pub quotes: Vec<Quote>,
}

/// Runs entity recognition and quotation extraction; pronoun speakers are resolved with the
/// gazetteer's genders.
pub struct Enricher {
    entities: EntityExtractor,
    quotes: QuoteExtractor,
}

impl std::fmt::Debug for Enricher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Enricher").finish_non_exhaustive()
    }
}

impl Enricher {
    /// An enricher over a gazetteer (e.g. the built-in one extended with a research group's
    /// own actor file, see [`Gazetteer::extend_actors_from_file`]).
    pub fn new(gazetteer: Gazetteer) -> Result<Self> {
        let genders: std::collections::HashMap<String, entities::Gender> = gazetteer
            .actors()
            .filter_map(|a| Some((a.name.clone(), a.gender?)))
            .collect();
        Ok(Enricher {
            entities: EntityExtractor::new(gazetteer)?,
            quotes: QuoteExtractor::new().with_gender(move |key| genders.get(key).copied()),
        })
    }

    /// The enricher over the built-in gazetteer, built once per process and shared.
    pub fn builtin() -> Result<Arc<Enricher>> {
        static BUILTIN: OnceLock<std::result::Result<Arc<Enricher>, String>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                Enricher::new(Gazetteer::builtin())
                    .map(Arc::new)
                    .map_err(|e| e.to_string())
            })
            .clone()
            .map_err(|message| Error::InvalidArgument {
                field: "gazetteer",
                message,
            })
    }

    /// The entity extractor.
    pub fn entity_extractor(&self) -> &EntityExtractor {
        &self.entities
    }

    /// Entities of `text` and its quotations.
    pub fn enrich_text(&self, text: &str) -> Enrichment {
        let entities = self.entities.extract(text);
        let quotes = self.quotes.extract(text, &entities.mentions);
        Enrichment { entities, quotes }
    }

    /// Entities of the title and body, quotations of the body.
    pub fn enrich(&self, article: &Article) -> Enrichment {
        let mut e = self.enrich_text(&article.text);
        if !article.title.trim().is_empty() {
            let title = self.entities.extract(&article.title);
            e.entities.merge_counts(title);
        }
        e
    }
}
