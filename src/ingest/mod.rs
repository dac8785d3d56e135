//! Ingestion: German news as it really arrives → [`Article`](crate::Article).
//!
//! - [`parse_text`]: one plain-text article — agency copy (` date 2025-10-30 BUSAN
//!   (dpa-AFX) - …`), web pages (rubric, kicker, headline, date line, captions,
//!   `Quelle: …`, tags), scraped markdown copies (`## headline`, repeated teasers,
//!   HTML entities, ad markers, broken paragraphs, link footers) and bare text;
//! - [`parse_json_line`]: one JSON Lines record in the serde shape of `Article`;
//! - [`read_paths`] / [`read_reader`]: files, directories and stdin as a lazy
//!   [`Records`] stream in which every bad record is one `Err` naming file and line.
//!
//! Cleaning only removes lines that are not article prose and paragraphs repeated
//! elsewhere in the body; it never drops an article sentence.
//!
//! ```
//! use pressespiegel::ingest;
//!
//! let page = "Politik\n\nGipfel in BusanTrump trifft Xi am Rande der Apec\n\n30.10.2025, 08:15 Uhr\n\n\
//!             Trump und Xi trafen sich in Busan.\n\nQuelle: ntv.de, dpa\n\nChinaUSA";
//! let a = ingest::parse_text(page, "busan").unwrap();
//! assert_eq!(a.title, "Trump trifft Xi am Rande der Apec");
//! assert_eq!(a.date.unwrap().to_string(), "2025-10-30T08:15:00");
//! assert_eq!(a.source.as_deref(), Some("ntv.de"));
//! assert_eq!(a.agency.as_deref(), Some("dpa"));
//! assert_eq!(a.tags, ["China", "USA"]);
//! assert_eq!(a.text, "Trump und Xi trafen sich in Busan.");
//! ```

mod clean;
mod jsonl;
mod origin;
mod text;
mod walk;

pub use jsonl::parse_json_line;
pub use text::parse_text;
pub use walk::{read_paths, read_reader, Records};

/// Largest accepted record: one JSON line or one text file (10 MB). Longer records are
/// rejected with an [`Error::Record`](crate::Error::Record) without being buffered.
pub const MAX_RECORD_BYTES: usize = 10 * 1024 * 1024;
