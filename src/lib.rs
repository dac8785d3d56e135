//! # pressespiegel
//!
//! Full-text search over German news, built on [tantivy](https://docs.rs/tantivy).
//!
//! The modules follow the data:
//! [`ingest`] → [`analysis`] → [`enrich`] (entities, quotes) → [`index`] → [`search`] → [`snippet`].
//!
//! Offsets in the Rust API are UTF-8 **byte** offsets unless a field says otherwise; the JSON
//! output of the CLI and the Python wrapper use **code point** offsets.
#![deny(missing_docs)]

pub mod analysis;
pub mod article;
pub mod corpus;
pub mod enrich;
pub mod error;
pub mod index;
pub mod ingest;
pub mod search;
pub mod snippet;

pub use article::{Article, ArticleDate};
pub use error::{Error, Result};
