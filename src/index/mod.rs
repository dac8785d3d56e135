//! The on-disk (or in-RAM) index: schema, analyzers, writing, upserts.
//!
//! ```
//! use pressespiegel::{Article, index::NewsIndex};
//!
//! let index = NewsIndex::create_in_ram()?;
//! let mut writer = index.writer()?;
//! writer.add(Article { id: "a1".into(), title: "Gipfel".into(), text: "Trump traf Xi in Busan.".into(), ..Default::default() })?;
//! writer.commit()?;
//! assert_eq!(index.stats()?.articles, 1);
//! # Ok::<(), pressespiegel::Error>(())
//! ```

mod actors;
mod directory;
mod document;
mod meta;
mod schema;
mod writer;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};
use tantivy::collector::Count;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{Index, IndexReader, ReloadPolicy, Searcher, Term};

pub(crate) use actors::ActorAliases;
pub use actors::ACTORS_FILE;
pub(crate) use document::all_str;
pub use document::{
    article_document, is_indexed_quote, normalize_article, quote_documents, read_article,
};
pub use meta::{IndexMeta, META_FILE};
pub(crate) use schema::facet_prefix;
pub use schema::{Fields, DOC_ARTICLE, DOC_QUOTE, SCHEMA_VERSION};
pub use writer::{
    IngestSummary, NewsWriter, RejectedRecord, Upsert, WriterOptions, MAX_ID_BYTES, WRITER_PID_FILE,
};

use crate::analysis;
use crate::error::{Error, Result};

/// A pressespiegel index: a tantivy index with the German analyzers registered and the
/// pressespiegel schema, on disk or in RAM.
///
/// Opening always re-registers the analyzers (tantivy only stores their names) and refuses an
/// index built by another schema or analyzer version with [`Error::IndexMismatch`].
#[derive(Clone)]
pub struct NewsIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    path: Option<PathBuf>,
    /// Actor names and aliases for query expansion (built-in plus own actor files), shared
    /// by all clones of this handle and its writers.
    actors: Arc<RwLock<Arc<ActorAliases>>>,
    /// The article facets of every segment in memory, filled by the reader's warmer when the
    /// index opens and reloads (see `search::facets::FacetCache`).
    facet_cache: Arc<crate::search::FacetCache>,
}

/// Counts describing an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexStats {
    /// Number of articles.
    pub articles: u64,
    /// Number of extracted quotations.
    pub quotes: u64,
    /// Number of segments (fewer is faster to search).
    pub segments: usize,
    /// Schema version.
    pub schema_version: u32,
    /// Analyzer version.
    pub analyzer_version: String,
    /// Index directory, `null` for an in-RAM index.
    pub path: Option<PathBuf>,
    /// Total size of the index files in bytes (0 in RAM).
    pub size_bytes: u64,
}

/// The segments of a commit with their delete generations (equal iff the same files).
fn commit_files(
    metas: &tantivy::index::IndexMeta,
) -> Vec<(tantivy::index::SegmentId, Option<u64>)> {
    metas
        .segments
        .iter()
        .map(|s| (s.id(), s.delete_opstamp()))
        .collect()
}

/// What [`NewsIndex::verify`] checked: all counts refer to the latest commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    /// Number of segments.
    pub segments: usize,
    /// Segment files whose checksum was verified.
    pub files: usize,
    /// Bytes checksummed.
    pub bytes: u64,
    /// Number of articles.
    pub articles: u64,
    /// Number of extracted quotations.
    pub quotes: u64,
}

impl NewsIndex {
    /// Create a new index in `dir` (created if missing; must not already hold an index).
    pub fn create(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        if dir.is_file() {
            return Err(Error::IndexMismatch {
                path: dir.to_path_buf(),
                message: "is a file, not a directory; choose a directory for the index".into(),
            });
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        if dir.join("meta.json").exists() || dir.join(META_FILE).exists() {
            return Err(Error::IndexMismatch {
                path: dir.to_path_buf(),
                message: "already holds an index; open it instead of creating one".into(),
            });
        }
        let (schema, fields) = schema::build();
        let index = Index::create_in_dir(dir, schema)?;
        IndexMeta::current().write(dir)?;
        Self::from_index(index, fields, Some(dir.to_path_buf()))
    }

    /// Create an index that lives in memory only.
    pub fn create_in_ram() -> Result<Self> {
        let (schema, fields) = schema::build();
        Self::from_index(Index::create_in_ram(schema), fields, None)
    }

    /// Open an existing index directory.
    pub fn open(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        if !dir.exists() {
            return Err(Error::IndexMismatch {
                path: dir.to_path_buf(),
                message: "no such index directory; create it with `pressespiegel index`".into(),
            });
        }
        if !dir.is_dir() {
            return Err(Error::IndexMismatch {
                path: dir.to_path_buf(),
                message: "is a file, not an index directory; give the index directory, \
                          or a new path to create an index there"
                    .into(),
            });
        }
        if !dir.join("meta.json").exists() {
            return Err(Error::IndexMismatch {
                path: dir.to_path_buf(),
                message: "not an index (tantivy's meta.json is missing); \
                          if this is an index, restore meta.json or re-index"
                    .into(),
            });
        }
        IndexMeta::check(dir)?;
        let index = Index::open_in_dir(dir).map_err(|e| Error::IndexMismatch {
            path: dir.to_path_buf(),
            message: format!("cannot open index: {e}; the files may be corrupt, re-index"),
        })?;
        let fields = Fields::from_schema(&index.schema()).ok_or_else(|| Error::IndexMismatch {
            path: dir.to_path_buf(),
            message: "the index schema lacks pressespiegel fields; re-index".into(),
        })?;
        // Opening the reader opens every segment file: a truncated or damaged file shows here,
        // as an error or (damaged offsets inside a file) as a panic inside tantivy.
        let damaged = |cause: String| Error::Corrupt {
            path: dir.to_path_buf(),
            message: format!(
                "cannot read the index files ({cause}); they are damaged or incomplete: run \
                 `pressespiegel verify {}` to name them, then restore the directory from a \
                 backup or re-index into a new directory",
                dir.display()
            ),
        };
        match catch_unwind(AssertUnwindSafe(|| {
            Self::from_index(index, fields, Some(dir.to_path_buf()))
        })) {
            Ok(Ok(opened)) => Ok(opened),
            Ok(Err(Error::Tantivy(e))) => Err(damaged(e.to_string())),
            Ok(Err(other)) => Err(other),
            Err(payload) => Err(damaged(format!(
                "the search engine panicked: {}",
                panic_message(payload.as_ref())
            ))),
        }
    }

    /// Open `dir` if it holds an index, create one otherwise.
    pub fn open_or_create(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        let empty = !dir.exists()
            || (dir.is_dir()
                && std::fs::read_dir(dir)
                    .map_err(|e| Error::io(dir, e))?
                    .next()
                    .is_none());
        if empty {
            Self::create(dir)
        } else {
            Self::open(dir)
        }
    }

    fn from_index(index: Index, fields: Fields, path: Option<PathBuf>) -> Result<Self> {
        analysis::register(index.tokenizers());
        let actors = match &path {
            Some(dir) => ActorAliases::load(dir)?,
            None => ActorAliases::builtin(),
        };
        let facet_cache = Arc::new(crate::search::FacetCache::default());
        let warmer: Arc<dyn tantivy::Warmer> = facet_cache.clone();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .warmers(vec![Arc::downgrade(&warmer)])
            .try_into()?;
        Ok(NewsIndex {
            index,
            reader,
            fields,
            path,
            actors: Arc::new(RwLock::new(actors)),
            facet_cache,
        })
    }

    /// The actor names and aliases queries expand (a snapshot).
    pub(crate) fn actor_aliases(&self) -> Arc<ActorAliases> {
        match self.actors.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Add the actors of `gazetteer` that are not built in to the names queries expand.
    /// Returns whether anything changed (the writer then saves [`ACTORS_FILE`] at commit).
    pub(crate) fn learn_actors(&self, gazetteer: &crate::enrich::entities::Gazetteer) -> bool {
        let mut guard = match self.actors.write() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        match guard.with_gazetteer(gazetteer) {
            Some(merged) => {
                *guard = Arc::new(merged);
                true
            }
            None => false,
        }
    }

    /// A writer with default options (one indexing thread, 256 MB budget).
    ///
    /// Memory: the writer's heap is its budget plus the preparation pipeline (a few MB) plus
    /// what tantivy allocates while merging segments in the background (grows with segment
    /// size). On a directory index the writer reads segments through its own memory maps and
    /// a background thread drops their resident pages whenever the process's file-backed
    /// resident set has grown by 32 MB (`madvise(MADV_DONTNEED)`; the data stays in the page
    /// cache), so a merge of gigabytes of segments does not show up as gigabytes of RSS.
    pub fn writer(&self) -> Result<NewsWriter> {
        self.writer_with_options(WriterOptions::default())
    }

    /// A writer with explicit options.
    pub fn writer_with_options(&self, options: WriterOptions) -> Result<NewsWriter> {
        NewsWriter::new(self, options)
    }

    /// The underlying tantivy index.
    pub fn tantivy_index(&self) -> &Index {
        &self.index
    }

    /// The tantivy index a writer writes through: for a directory index a second handle on
    /// the same files whose reads (background merges) release their mapped pages as they go
    /// (see `directory`), so merging large segments does not grow the resident set by the
    /// size of the segments; in RAM the index itself. Searches keep using [`Self::searcher`].
    pub(crate) fn writer_index(&self) -> Result<Index> {
        let Some(dir) = &self.path else {
            return Ok(self.index.clone());
        };
        let index = Index::open(directory::TrimmedMmapDirectory::open(dir)?)?;
        analysis::register(index.tokenizers());
        Ok(index)
    }

    /// Field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The directory, `None` in RAM.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A searcher over the latest loaded commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// The in-memory article facets of the index's segments (facet counting reads them).
    pub(crate) fn facet_cache(&self) -> &Arc<crate::search::FacetCache> {
        &self.facet_cache
    }

    /// Heap bytes held by the in-memory article facets that facet counts read: per segment of
    /// the loaded searchers, a bit over 1 byte per document plus 2 bytes per actor, country and
    /// organisation value. They are read when the index opens and, for new segments only,
    /// when it reloads after a commit or merge.
    ///
    /// ```
    /// use pressespiegel::{Article, index::NewsIndex};
    ///
    /// let index = NewsIndex::create_in_ram()?;
    /// let mut w = index.writer()?;
    /// w.add(Article { id: "1".into(), title: "Merkel in Paris".into(),
    ///     text: "Angela Merkel trifft Emmanuel Macron in Paris.".into(), ..Default::default() })?;
    /// w.commit()?;
    /// index.reload()?;
    /// assert!(index.facet_memory_bytes() > 0);
    /// # Ok::<(), pressespiegel::Error>(())
    /// ```
    pub fn facet_memory_bytes(&self) -> usize {
        self.facet_cache.heap_bytes()
    }

    /// Pick up commits made since the last reload (by this or another process).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Number of documents of a type (`article` / `quote`).
    fn count_type(&self, searcher: &Searcher, doc_type: &str) -> Result<u64> {
        let q = TermQuery::new(
            Term::from_field_text(self.fields.doc_type, doc_type),
            IndexRecordOption::Basic,
        );
        Ok(searcher.search(&q, &Count)? as u64)
    }

    /// Counts and versions.
    pub fn stats(&self) -> Result<IndexStats> {
        self.guard("reading the index statistics", || self.stats_unguarded())
    }

    fn stats_unguarded(&self) -> Result<IndexStats> {
        let searcher = self.searcher();
        let size_bytes = match &self.path {
            Some(p) => std::fs::read_dir(p)
                .map_err(|e| Error::io(p, e))?
                .filter_map(|e| e.ok()?.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum(),
            None => 0,
        };
        Ok(IndexStats {
            articles: self.count_type(&searcher, DOC_ARTICLE)?,
            quotes: self.count_type(&searcher, DOC_QUOTE)?,
            segments: searcher.segment_readers().len(),
            schema_version: SCHEMA_VERSION,
            analyzer_version: analysis::ANALYZER_VERSION.to_string(),
            path: self.path.clone(),
            size_bytes,
        })
    }

    /// Whether an article with this id is in the latest loaded commit.
    pub fn contains(&self, id: &str) -> Result<bool> {
        self.guard("looking up an id", || {
            let searcher = self.searcher();
            // Count live documents: doc_freq would still count deleted ones until a merge.
            let q = TermQuery::new(
                Term::from_field_text(self.fields.article_id, id),
                IndexRecordOption::Basic,
            );
            Ok(searcher.search(&q, &Count)? > 0)
        })
    }

    /// Check every file of the latest commit against its checksum and read the counts.
    ///
    /// Opening an index only checks that its files exist and have intact footers; bytes
    /// damaged *inside* a file (a bad disk sector, a partial copy, a bit flip) go unnoticed
    /// until a search reads them, and may then give wrong results or a panic inside tantivy
    /// (which searches turn into [`Error::Corrupt`]). `verify` reads every byte of every
    /// segment file of the latest commit once (I/O bound: about the time to read the
    /// directory) and returns [`Error::Corrupt`] naming each damaged or missing file.
    /// The CLI runs it as `pressespiegel verify DIR`.
    ///
    /// ```
    /// use pressespiegel::{Article, index::NewsIndex};
    ///
    /// let dir = tempfile::tempdir()?;
    /// let index = NewsIndex::create(dir.path())?;
    /// let mut w = index.writer()?;
    /// w.add(Article { id: "a1".into(), text: "Der Bundestag tagt.".into(), ..Default::default() })?;
    /// w.commit()?;
    /// let report = index.verify()?;
    /// assert_eq!(report.articles, 1);
    /// assert!(report.files >= 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn verify(&self) -> Result<VerifyReport> {
        // A writer in another process may commit (and delete merged-away files) while we read:
        // a file that vanished is only reported when the commit did not change meanwhile.
        let mut attempts = 0;
        loop {
            attempts += 1;
            let metas = self
                .index
                .load_metas()
                .map_err(|e| self.corrupt(format!("cannot read meta.json ({e})")))?;
            let (report, damaged) = self.check_files(&metas);
            if damaged.is_empty() {
                self.reload()?;
                let stats = self.stats()?;
                return Ok(VerifyReport {
                    articles: stats.articles,
                    quotes: stats.quotes,
                    ..report
                });
            }
            let unchanged = self
                .index
                .load_metas()
                .map(|now| commit_files(&now) == commit_files(&metas))
                .unwrap_or(true);
            if unchanged || attempts >= 3 {
                return Err(self.corrupt(format!(
                    "{} of {} index files damaged: {}; searches may fail or miss articles: \
                     restore the directory from a backup, or re-index into a new directory",
                    damaged.len(),
                    report.files,
                    damaged.join(", ")
                )));
            }
        }
    }

    /// Checksums of the segment files of `metas`: the report and a description of each
    /// damaged file, in file-name order.
    fn check_files(&self, metas: &tantivy::index::IndexMeta) -> (VerifyReport, Vec<String>) {
        let dir = self.index.directory();
        let mut files: Vec<PathBuf> = metas.list_segment_files().into_iter().collect();
        let with_deletes: Vec<PathBuf> = metas
            .segments
            .iter()
            .filter(|s| s.has_deletes())
            .map(|s| s.relative_path(tantivy::index::SegmentComponent::Delete))
            .collect();
        files.sort();
        let mut report = VerifyReport {
            segments: metas.segments.len(),
            files: 0,
            bytes: 0,
            articles: 0,
            quotes: 0,
        };
        let mut damaged = Vec::new();
        for path in files {
            let name = path.display().to_string();
            let exists = tantivy::Directory::exists(dir, &path).unwrap_or(false);
            if !exists {
                // A segment without deletes has no delete file; the temp store is optional.
                let optional = (name.ends_with(".del") && !with_deletes.contains(&path))
                    || name.ends_with(".store.temp");
                if !optional {
                    report.files += 1;
                    damaged.push(format!("{name} (missing)"));
                }
                continue;
            }
            report.files += 1;
            report.bytes += tantivy::Directory::open_read(dir, &path)
                .map(|f| tantivy::HasLen::len(&f) as u64)
                .unwrap_or(0);
            match dir.validate_checksum(&path) {
                Ok(true) => {}
                Ok(false) => damaged.push(format!("{name} (checksum mismatch)")),
                Err(e) => damaged.push(format!("{name} ({e})")),
            }
        }
        (report, damaged)
    }

    /// An [`Error::Corrupt`] on this index.
    fn corrupt(&self, message: String) -> Error {
        Error::Corrupt {
            path: self
                .path
                .clone()
                .unwrap_or_else(|| PathBuf::from("(in RAM)")),
            message,
        }
    }

    /// Run `f`, turning a panic (tantivy panics on some kinds of damaged segment files) and
    /// tantivy's read errors on an opened index (damaged bytes, a column missing from a damaged
    /// fast-field file, a poisoned lock after such a panic) into an [`Error::Corrupt`] that
    /// says what to do.
    pub(crate) fn guard<T>(&self, what: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
        use tantivy::TantivyError as T;
        let verify = || match &self.path {
            Some(p) => format!("run `pressespiegel verify {}`", p.display()),
            None => "run `NewsIndex::verify`".to_string(),
        };
        match catch_unwind(AssertUnwindSafe(f)) {
            Ok(Err(Error::Tantivy(
                e @ (T::OpenReadError(_)
                | T::IoError(_)
                | T::DataCorruption(_)
                | T::Poisoned
                | T::FieldNotFound(_)
                | T::SchemaError(_)
                | T::InternalError(_)
                | T::DeserializeError(_)),
            ))) => Err(self.corrupt(format!(
                "{what} failed reading the index ({e}); the index files are probably \
                     damaged: {} to find them, then restore the directory from a backup or \
                     re-index",
                verify()
            ))),
            Ok(result) => result,
            Err(payload) => {
                let cause = panic_message(payload.as_ref());
                Err(self.corrupt(format!(
                    "{what} failed inside the search engine ({cause}); the index files are \
                     probably damaged: {} to find them, then restore the directory from a \
                     backup or re-index (if verify finds nothing, please report this as a bug)",
                    verify()
                )))
            }
        }
    }
}

/// The message of a caught panic (`panic!` payloads are a `String` or a `&str`).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic")
}
