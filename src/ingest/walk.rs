//! Reading inputs: files, directories (recursive) and readers such as stdin, as one
//! lazy stream of records.

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use super::jsonl::{finish, parse_json_line, too_large_message};
use super::origin::{line_of_byte, of_line, of_path, record_error};
use super::text::parse_text_at;
use super::MAX_RECORD_BYTES;
use crate::article::Article;
use crate::error::Result;

/// A lazy stream of articles read from files, directories or a reader.
///
/// Created by [`read_paths`] and [`read_reader`]. Files are opened only when the stream
/// reaches them; JSON Lines are read line by line with bounded memory. Every bad record
/// (unreadable file, invalid UTF-8, empty file, malformed JSON, missing text, a record
/// over [`MAX_RECORD_BYTES`]) is one `Err` item naming file and line; reading continues
/// with the next record.
///
/// # Example
/// ```
/// use pressespiegel::ingest::read_reader;
///
/// let input = "{\"id\": \"a\", \"text\": \"Erster Artikel.\"}\n{kaputt\n{\"id\": \"b\", \"text\": \"Zweiter.\"}\n";
/// let results: Vec<_> = read_reader(std::io::Cursor::new(input), "<stdin>").collect();
/// assert_eq!(results.len(), 3);
/// assert_eq!(results[0].as_ref().unwrap().id, "a");
/// assert!(results[1].as_ref().unwrap_err().to_string().starts_with("<stdin>:2: "));
/// assert_eq!(results[2].as_ref().unwrap().id, "b");
/// ```
pub struct Records {
    pending: VecDeque<Input>,
    current: Option<Current>,
}

impl fmt::Debug for Records {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Records")
            .field("pending_inputs", &self.pending.len())
            .finish_non_exhaustive()
    }
}

enum Input {
    /// A path given by the caller or found in a directory.
    Path { path: PathBuf, from_walk: bool },
    /// A reader (stdin): JSON Lines or one text article.
    Reader {
        reader: Box<dyn BufRead + Send>,
        origin: String,
    },
}

enum Current {
    Lines(LineSource),
    Queue(VecDeque<Result<Article>>),
}

impl Current {
    fn next_item(&mut self) -> Option<Result<Article>> {
        match self {
            Current::Lines(src) => src.next_item(),
            Current::Queue(q) => q.pop_front(),
        }
    }
}

/// Read articles from files and directories.
///
/// - a directory is walked recursively in sorted order; hidden files and directories
///   (`.name`) are skipped, symbolic links to directories are not followed;
/// - `*.jsonl` and `*.ndjson` are JSON Lines; `*.json` is a JSON array of articles, one
///   article object, or JSON Lines; every other file is one plain-text article whose id
///   is the file stem (see [`parse_text`](super::parse_text));
/// - a path that cannot be read is one `Err` item.
///
/// ```no_run
/// for record in pressespiegel::ingest::read_paths(&["news/", "extra.jsonl"]) {
///     match record {
///         Ok(article) => println!("{} {}", article.id, article.title),
///         Err(e) => eprintln!("rejected: {e}"),
///     }
/// }
/// ```
pub fn read_paths<P: AsRef<Path>>(paths: &[P]) -> Records {
    Records {
        pending: paths
            .iter()
            .map(|p| Input::Path {
                path: p.as_ref().to_path_buf(),
                from_walk: false,
            })
            .collect(),
        current: None,
    }
}

/// Read articles from a reader such as stdin.
///
/// When the first non-blank character is `{` the input is JSON Lines (errors at
/// `origin:line`), otherwise it is one plain-text article with a content-hash id.
///
/// ```
/// let text = "Peking (Reuters) - China und Russland rücken zusammen.";
/// let mut records = pressespiegel::ingest::read_reader(text.as_bytes(), "<stdin>");
/// let article = records.next().unwrap().unwrap();
/// assert_eq!(article.agency.as_deref(), Some("Reuters"));
/// assert!(records.next().is_none());
/// ```
pub fn read_reader<R: BufRead + Send + 'static>(reader: R, origin: &str) -> Records {
    Records {
        pending: VecDeque::from([Input::Reader {
            reader: Box::new(reader),
            origin: origin.to_string(),
        }]),
        current: None,
    }
}

impl Iterator for Records {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(cur) = &mut self.current {
                match cur.next_item() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            let input = self.pending.pop_front()?;
            if let Some(item) = self.open(input) {
                return Some(item);
            }
        }
    }
}

impl Records {
    /// Start reading one input: returns an item directly (a text article or an error),
    /// or sets up `current` / queues directory entries and returns `None`.
    fn open(&mut self, input: Input) -> Option<Result<Article>> {
        match input {
            Input::Reader { reader, origin } => self.open_reader(reader, origin),
            Input::Path { path, from_walk } => self.open_path(path, from_walk),
        }
    }

    fn open_path(&mut self, path: PathBuf, from_walk: bool) -> Option<Result<Article>> {
        let origin = of_path(&path);
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => return Some(Err(io_record_error(&origin, &e))),
        };
        if meta.is_dir() {
            if from_walk
                && std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink())
            {
                return None; // do not follow directory links while walking (no cycles)
            }
            return self.open_dir(&path, &origin);
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "jsonl" | "ndjson" => match File::open(&path) {
                Ok(f) => {
                    let reader = BufReader::with_capacity(64 * 1024, f);
                    self.current =
                        Some(Current::Lines(LineSource::new(Box::new(reader), origin, 0)));
                    None
                }
                Err(e) => Some(Err(io_record_error(&origin, &e))),
            },
            "json" => self.open_json(&path, origin, meta.len()),
            _ => {
                let id = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Some(read_text_file(&path, &origin).and_then(|raw| {
                    let raw = decode_utf8(raw, &origin)?;
                    parse_text_at(&raw, &id, &origin)
                }))
            }
        }
    }

    fn open_dir(&mut self, dir: &Path, origin: &str) -> Option<Result<Article>> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return Some(Err(io_record_error(origin, &e))),
        };
        let mut errors = VecDeque::new();
        let mut children = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => {
                    if entry.file_name().to_string_lossy().starts_with('.') {
                        continue;
                    }
                    children.push(entry.path());
                }
                Err(e) => errors.push_back(Err(io_record_error(origin, &e))),
            }
        }
        children.sort();
        for child in children.into_iter().rev() {
            self.pending.push_front(Input::Path {
                path: child,
                from_walk: true,
            });
        }
        if !errors.is_empty() {
            self.current = Some(Current::Queue(errors));
        }
        None
    }

    /// `.json`: an array of articles, one article, or JSON Lines.
    fn open_json(&mut self, path: &Path, origin: String, len: u64) -> Option<Result<Article>> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) => return Some(Err(io_record_error(&origin, &e))),
        };
        if len > MAX_RECORD_BYTES as u64 {
            // Too big for one document: stream it as JSON Lines.
            let reader = BufReader::with_capacity(64 * 1024, file);
            self.current = Some(Current::Lines(LineSource::new(Box::new(reader), origin, 0)));
            return None;
        }
        let mut bytes = Vec::new();
        if let Err(e) = file
            .take(MAX_RECORD_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
        {
            return Some(Err(io_record_error(&origin, &e)));
        }
        match serde_json::from_slice::<serde_json::Value>(&bytes) {
            Ok(serde_json::Value::Array(items)) => {
                let queue = items
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let at = format!("{origin}[{i}]");
                        serde_json::from_value::<Article>(v)
                            .map_err(|e| {
                                record_error(
                                    &at,
                                    format!("not an article object: {e}; array elements must be objects with a \"text\" field"),
                                )
                            })
                            .and_then(|a| finish(a, &at))
                    })
                    .collect();
                self.current = Some(Current::Queue(queue));
                None
            }
            Ok(value @ serde_json::Value::Object(_)) => {
                let at = of_line(&origin, 1);
                Some(
                    serde_json::from_value::<Article>(value)
                        .map_err(|e| record_error(&at, format!("not an article object: {e}")))
                        .and_then(|a| finish(a, &at)),
                )
            }
            _ => {
                let reader = Cursor::new(bytes);
                self.current = Some(Current::Lines(LineSource::new(Box::new(reader), origin, 0)));
                None
            }
        }
    }

    fn open_reader(
        &mut self,
        mut reader: Box<dyn BufRead + Send>,
        origin: String,
    ) -> Option<Result<Article>> {
        let (first, newlines) = match sniff(&mut reader) {
            Ok(x) => x,
            Err(e) => return Some(Err(io_record_error(&origin, &e))),
        };
        match first {
            None => Some(Err(record_error(
                &origin,
                "no input (empty or only whitespace); pipe JSON Lines or one plain-text article",
            ))),
            Some(b'{') => {
                // Line numbers continue after the skipped blank lines.
                self.current = Some(Current::Lines(LineSource::new(reader, origin, newlines)));
                None
            }
            Some(_) => {
                let mut bytes = Vec::new();
                if let Err(e) = reader
                    .take(MAX_RECORD_BYTES as u64 + 1)
                    .read_to_end(&mut bytes)
                {
                    return Some(Err(io_record_error(&origin, &e)));
                }
                if bytes.len() > MAX_RECORD_BYTES {
                    return Some(Err(record_error(&origin, too_large_message(bytes.len()))));
                }
                Some(decode_utf8(bytes, &origin).and_then(|raw| parse_text_at(&raw, "", &origin)))
            }
        }
    }
}

/// Skip leading whitespace (and a UTF-8 byte order mark); return the first other byte
/// (not consumed) and the number of newlines skipped.
fn sniff(reader: &mut dyn BufRead) -> io::Result<(Option<u8>, usize)> {
    let mut newlines = 0;
    let mut at_start = true;
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok((None, newlines));
        }
        if at_start && buf.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
            at_start = false;
            continue;
        }
        at_start = false;
        let skip = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        newlines += buf[..skip].iter().filter(|&&b| b == b'\n').count();
        if skip < buf.len() {
            let first = buf[skip];
            reader.consume(skip);
            return Ok((Some(first), newlines));
        }
        reader.consume(skip);
    }
}

/// JSON Lines from a reader, one record per line, each line at most
/// [`MAX_RECORD_BYTES`] in memory.
struct LineSource {
    reader: Box<dyn BufRead + Send>,
    origin: String,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl LineSource {
    fn new(reader: Box<dyn BufRead + Send>, origin: String, line: usize) -> Self {
        LineSource {
            reader,
            origin,
            line,
            buf: Vec::new(),
            done: false,
        }
    }

    fn next_item(&mut self) -> Option<Result<Article>> {
        while !self.done {
            self.buf.clear();
            let read = read_line_limited(&mut *self.reader, &mut self.buf, MAX_RECORD_BYTES);
            let at = of_line(&self.origin, self.line + 1);
            match read {
                Err(e) => {
                    self.done = true;
                    return Some(Err(record_error(
                        at,
                        format!("read error: {e}; the rest of this input was skipped"),
                    )));
                }
                Ok(LineRead::Eof) => self.done = true,
                Ok(LineRead::TooLong(n)) => {
                    self.line += 1;
                    return Some(Err(record_error(at, too_large_message(n))));
                }
                Ok(LineRead::Line) => {
                    self.line += 1;
                    if self.buf.ends_with(b"\r") {
                        self.buf.pop();
                    }
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(match std::str::from_utf8(&self.buf) {
                        Ok(s) => parse_json_line(s, &at),
                        Err(e) => Err(record_error(
                            at,
                            format!(
                                "line is not valid UTF-8 (invalid byte at column {}); \
                                 re-encode the file as UTF-8",
                                e.valid_up_to() + 1
                            ),
                        )),
                    });
                }
            }
        }
        None
    }
}

#[derive(Debug, PartialEq, Eq)]
enum LineRead {
    Eof,
    Line,
    /// The line was longer than the limit (its byte length); it was skipped.
    TooLong(usize),
}

/// Read one line (without the `\n`) into `buf`, keeping at most `limit` bytes: a longer
/// line is consumed up to its newline without being buffered.
fn read_line_limited(
    reader: &mut dyn BufRead,
    buf: &mut Vec<u8>,
    limit: usize,
) -> io::Result<LineRead> {
    let mut total = 0usize;
    let mut any = false;
    let mut over = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(match (any, over) {
                (false, _) => LineRead::Eof,
                (true, true) => LineRead::TooLong(total),
                (true, false) => LineRead::Line,
            });
        }
        any = true;
        let newline = memchr::memchr(b'\n', available);
        let take = newline.unwrap_or(available.len());
        if !over {
            if buf.len() + take > limit {
                over = true;
                buf.clear();
                buf.shrink_to(64 * 1024);
            } else {
                buf.extend_from_slice(&available[..take]);
            }
        }
        total += take;
        let consumed = newline.map_or(available.len(), |i| i + 1);
        reader.consume(consumed);
        if newline.is_some() {
            return Ok(if over {
                LineRead::TooLong(total)
            } else {
                LineRead::Line
            });
        }
    }
}

/// Read a text file, at most [`MAX_RECORD_BYTES`].
fn read_text_file(path: &Path, origin: &str) -> Result<Vec<u8>> {
    let file = File::open(path).map_err(|e| io_record_error(origin, &e))?;
    let mut bytes = Vec::new();
    file.take(MAX_RECORD_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_record_error(origin, &e))?;
    if bytes.len() > MAX_RECORD_BYTES {
        let size = std::fs::metadata(path).map_or(bytes.len(), |m| m.len() as usize);
        return Err(record_error(origin, too_large_message(size)));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(record_error(
            origin,
            "file is empty; remove it or put the article text into it",
        ));
    }
    Ok(bytes)
}

fn decode_utf8(bytes: Vec<u8>, origin: &str) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = line_of_byte(e.as_bytes(), at);
        record_error(
            of_line(origin, line),
            format!(
                "not valid UTF-8 (invalid byte at offset {at}); re-encode the file as UTF-8, \
                 e.g. `iconv -f WINDOWS-1252 -t UTF-8`"
            ),
        )
    })
}

fn io_record_error(origin: &str, e: &io::Error) -> crate::Error {
    let hint = match e.kind() {
        io::ErrorKind::NotFound => "; check the path",
        io::ErrorKind::PermissionDenied => "; check the file permissions",
        _ => "",
    };
    record_error(origin, format!("cannot read: {e}{hint}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_without_buffering() {
        let mut input = vec![b'x'; 100];
        input.push(b'\n');
        input.extend_from_slice(b"ok\nlast");
        let mut r = BufReader::with_capacity(16, Cursor::new(input));
        let mut buf = Vec::new();
        assert_eq!(
            read_line_limited(&mut r, &mut buf, 50).unwrap(),
            LineRead::TooLong(100)
        );
        assert!(buf.len() <= 50);
        buf.clear();
        assert_eq!(
            read_line_limited(&mut r, &mut buf, 50).unwrap(),
            LineRead::Line
        );
        assert_eq!(buf, b"ok");
        buf.clear();
        assert_eq!(
            read_line_limited(&mut r, &mut buf, 50).unwrap(),
            LineRead::Line
        );
        assert_eq!(buf, b"last");
        buf.clear();
        assert_eq!(
            read_line_limited(&mut r, &mut buf, 50).unwrap(),
            LineRead::Eof
        );
    }

    #[test]
    fn stdin_line_numbers_count_skipped_blank_lines() {
        let input = "\n\n{\"text\": \"a\"}\n{bad\n";
        let items: Vec<_> = read_reader(Cursor::new(input), "<stdin>").collect();
        assert_eq!(items.len(), 2);
        let e = items[1].as_ref().unwrap_err().to_string();
        assert!(e.starts_with("<stdin>:4: "), "{e}");
    }

    #[test]
    fn records_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<Records>();
    }
}
