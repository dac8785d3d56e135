//! The crate's error type.

use std::path::PathBuf;

/// Everything that can go wrong in pressespiegel.
///
/// Each variant says what went wrong and, where it helps, what to do about it.
/// Messages name the file, line or field involved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A date could not be parsed.
    #[error("invalid date {value:?}: expected {expected}")]
    InvalidDate {
        /// The text that was given.
        value: String,
        /// The accepted formats.
        expected: &'static str,
    },

    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },

    /// An input record was rejected (bad encoding, malformed JSON, missing text, too large, …).
    #[error("{origin}: {message}")]
    Record {
        /// Where the record came from: `file:line`, `file` or `<stdin>:line`.
        origin: String,
        /// What is wrong with it.
        message: String,
    },

    /// The search query could not be parsed.
    #[error("invalid query at character {position}: {message}")]
    Query {
        /// What is wrong.
        message: String,
        /// Code-point offset into the query where the problem was found.
        position: usize,
    },

    /// A search request has an invalid parameter.
    #[error("invalid {field}: {message}")]
    InvalidArgument {
        /// The parameter (`limit`, `from`, `sort`, …).
        field: &'static str,
        /// What is wrong and what is accepted.
        message: String,
    },

    /// The index directory holds something this version cannot use.
    #[error("{}: {message}", path.display())]
    IndexMismatch {
        /// The index directory.
        path: PathBuf,
        /// What does not match and what to do (usually: re-index into a new directory).
        message: String,
    },

    /// The index files are damaged: a checksum does not match, a file cannot be read, or
    /// tantivy panicked while reading them. The message names the damaged files where known
    /// and says what to do (run `pressespiegel verify`, restore from a backup or re-index).
    #[error("{}: {message}", path.display())]
    Corrupt {
        /// The index directory (`(in RAM)` for an in-memory index).
        path: PathBuf,
        /// What is damaged and what to do.
        message: String,
    },

    /// An error from the tantivy search engine.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
}

/// Result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
