//! Enrichment: what an article is about (actors, countries, organisations) and who said what
//! (quotations). Runs on the normalised article text after ingest, before indexing.

pub mod entities;
pub mod quotes;

use serde::{Deserialize, Serialize};

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
