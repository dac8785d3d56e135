//! Where a record came from, for error messages: `path`, `path:17`, `<stdin>:3`.

use std::path::Path;

use crate::error::Error;

/// The origin of a whole file.
pub(crate) fn of_path(path: &Path) -> String {
    path.display().to_string()
}

/// The origin of one line of a source (1-based line numbers).
pub(crate) fn of_line(source: &str, line: usize) -> String {
    format!("{source}:{line}")
}

/// A rejected record.
pub(crate) fn record_error(origin: impl Into<String>, message: impl Into<String>) -> Error {
    Error::Record {
        origin: origin.into(),
        message: message.into(),
    }
}

/// 1-based line number of byte offset `at` in `bytes`.
pub(crate) fn line_of_byte(bytes: &[u8], at: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &bytes[..at.min(bytes.len())]).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(of_line("<stdin>", 3), "<stdin>:3");
        assert_eq!(line_of_byte(b"a\nb\nc", 4), 3);
        assert_eq!(line_of_byte(b"abc", 99), 1);
        let e = record_error("x.jsonl:2", "bad");
        assert_eq!(e.to_string(), "x.jsonl:2: bad");
    }
}
