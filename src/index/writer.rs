//! Writing articles: upserts by id, deletes, batched commits, ingest summaries.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, Occur, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, TantivyError, Term};

use crate::article::Article;
use crate::enrich::{Enricher, Enrichment};
use crate::error::{Error, Result};
use crate::index::document::{article_document, normalize_article, quote_documents};
use crate::index::schema::DOC_ARTICLE;
use crate::index::NewsIndex;

/// How a [`NewsWriter`] indexes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WriterOptions {
    /// tantivy indexing threads. 1 keeps document order and segment layout deterministic.
    pub threads: usize,
    /// Total memory budget of the tantivy writer in bytes (at least 15 MB per thread).
    pub memory_budget: usize,
    /// Commit automatically after this many added articles during [`NewsWriter::ingest`]
    /// (0 = only at the end), so a crash loses at most one batch.
    pub commit_every: usize,
    /// Extract actors, countries, organisations and quotations while indexing (default on).
    /// Without it, facet filters and quote search find nothing.
    pub enrich: bool,
}

impl Default for WriterOptions {
    fn default() -> Self {
        WriterOptions {
            threads: 1,
            memory_budget: 256 << 20,
            commit_every: 10_000,
            enrich: true,
        }
    }
}

/// Whether an added article was new or replaced one with the same id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Upsert {
    /// No article with this id existed.
    Inserted,
    /// An article with this id existed and was replaced.
    Updated,
}

/// A record that could not be indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRecord {
    /// The error message, naming file and line.
    pub error: String,
}

/// What an ingest run did. Always `read == indexed + rejected`; `updated <= indexed`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestSummary {
    /// Records read from the input.
    pub read: u64,
    /// Records indexed (new or replacing an article with the same id).
    pub indexed: u64,
    /// Of the indexed records, how many replaced an existing article.
    pub updated: u64,
    /// Records rejected with an error.
    pub rejected: u64,
    /// One entry per rejected record.
    pub errors: Vec<RejectedRecord>,
}

/// Adds, replaces and deletes articles. Changes become visible to searches after [`commit`](Self::commit).
///
/// Only one writer can be open on an index directory at a time (in any process); a second one
/// gets an error naming the lock and the process id of the holder. While open, a writer on a
/// directory index records its process id in [`WRITER_PID_FILE`].
pub struct NewsWriter {
    index: NewsIndex,
    writer: IndexWriter,
    /// Ids added since the last commit (to tell updates within a batch from inserts).
    pending: HashSet<String>,
    options: WriterOptions,
    /// Entity and quotation extraction (the built-in gazetteer unless replaced).
    enricher: Option<Arc<Enricher>>,
    /// Our pid file, removed on drop.
    pid_file: Option<PathBuf>,
}

/// Longest accepted article id in bytes. tantivy silently drops terms longer than 65,530
/// bytes, so a longer id could never be looked up, replaced or deleted.
pub const MAX_ID_BYTES: usize = 4096;

/// File in the index directory holding the process id of the open writer (informational: the
/// lock itself is tantivy's `.tantivy-writer.lock`; a file left behind by a killed process is
/// harmless and overwritten by the next writer).
pub const WRITER_PID_FILE: &str = "pressespiegel.writer.pid";

/// Who holds the writer lock on `dir`, as far as the pid file tells.
fn lock_holder(dir: Option<&Path>) -> String {
    let pid = dir
        .and_then(|d| std::fs::read_to_string(d.join(WRITER_PID_FILE)).ok())
        .and_then(|s| s.trim().parse::<u32>().ok());
    match pid {
        Some(pid) if pid == std::process::id() => format!("pid {pid}, this process"),
        Some(pid) => format!("pid {pid}"),
        None => "pid unknown".to_string(),
    }
}

impl NewsWriter {
    pub(crate) fn new(index: &NewsIndex, options: WriterOptions) -> Result<Self> {
        let threads = options.threads.max(1);
        let budget = options.memory_budget.max(threads * (15 << 20) + (1 << 20));
        let writer = index
            .tantivy_index()
            .writer_with_num_threads(threads, budget)
            .map_err(|e| match e {
                TantivyError::LockFailure(..) => Error::IndexMismatch {
                    path: index.path().map(|p| p.to_path_buf()).unwrap_or_default(),
                    message: format!(
                        "index is locked by another writer ({}); wait for it to finish \
                         or stop it, then retry",
                        lock_holder(index.path())
                    ),
                },
                other => Error::Tantivy(other),
            })?;
        // Best effort: the pid only makes the lock error more helpful, so failing to write it
        // (read-only or full disk) must not stop the writer.
        let pid_file = index
            .path()
            .map(|d| d.join(WRITER_PID_FILE))
            .filter(|p| std::fs::write(p, format!("{}\n", std::process::id())).is_ok());
        let enricher = if options.enrich {
            Some(Enricher::builtin()?)
        } else {
            None
        };
        Ok(NewsWriter {
            index: index.clone(),
            writer,
            pending: HashSet::new(),
            options,
            enricher,
            pid_file,
        })
    }

    fn exists_committed(&self, id: &str) -> Result<bool> {
        let f = self.index.fields();
        let q = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.article_id, id),
                    IndexRecordOption::Basic,
                )),
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.doc_type, DOC_ARTICLE),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        Ok(self.index.searcher().search(&q, &Count)? > 0)
    }

    /// Add an article, replacing any article with the same id.
    ///
    /// Rejects an article without id, with an id longer than [`MAX_ID_BYTES`], or without
    /// text (a [`Error::Record`] naming the id).
    pub fn add(&mut self, article: Article) -> Result<Upsert> {
        self.validate(&article)?;
        let article = normalize_article(article);
        let enrichment = match &self.enricher {
            Some(enricher) => enricher.enrich(&article),
            None => Enrichment::default(),
        };
        self.add_normalized(article, &enrichment)
    }

    fn validate(&self, article: &Article) -> Result<()> {
        if article.id.trim().is_empty() {
            return Err(Error::Record {
                origin: "article".into(),
                message: "missing id".into(),
            });
        }
        if article.id.len() > MAX_ID_BYTES {
            let head: String = article.id.chars().take(40).collect();
            return Err(Error::Record {
                origin: format!("article {head:?}…"),
                message: format!(
                    "id is {} bytes long; ids of at most {MAX_ID_BYTES} bytes can be found, \
                     replaced and deleted",
                    article.id.len()
                ),
            });
        }
        if article.text.trim().is_empty() {
            return Err(Error::Record {
                origin: format!("article {:?}", article.id),
                message: "missing text".into(),
            });
        }
        Ok(())
    }

    /// Add an article with entities and quotations computed elsewhere (your own NER, say).
    /// The article is normalised first; offsets in `enrichment` must refer to the normalised
    /// body ([`crate::analysis::normalize`]).
    pub fn add_enriched(&mut self, article: Article, enrichment: &Enrichment) -> Result<Upsert> {
        self.validate(&article)?;
        self.add_normalized(normalize_article(article), enrichment)
    }

    /// Use another enricher (e.g. over an extended gazetteer) for the following articles.
    pub fn set_enricher(&mut self, enricher: Option<Arc<Enricher>>) {
        self.enricher = enricher;
    }

    fn add_normalized(&mut self, article: Article, enrichment: &Enrichment) -> Result<Upsert> {
        let f = self.index.fields();
        let existed = self.pending.contains(&article.id) || self.exists_committed(&article.id)?;
        // Deleting by article id removes the article and its quote documents.
        self.writer
            .delete_term(Term::from_field_text(f.article_id, &article.id));
        self.writer
            .add_document(article_document(f, &article, enrichment))?;
        for quote in quote_documents(f, &article, enrichment) {
            self.writer.add_document(quote)?;
        }
        self.pending.insert(article.id);
        Ok(if existed {
            Upsert::Updated
        } else {
            Upsert::Inserted
        })
    }

    /// Delete the article with this id (and its quotes). Takes effect at the next commit.
    pub fn delete(&mut self, id: &str) {
        let f = self.index.fields();
        self.writer
            .delete_term(Term::from_field_text(f.article_id, id));
        self.pending.remove(id);
    }

    /// Make all changes durable and visible to searchers.
    ///
    /// A failed commit (e.g. a full disk: [`Error::Io`] with kind `StorageFull`) leaves the index
    /// at its last successful commit; drop this writer, fix the cause, open a new writer and
    /// add the lost articles again.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit().map_err(|e| self.commit_error(e))?;
        self.pending.clear();
        self.index.reload()
    }

    /// An I/O failure during commit as an [`Error::Io`] on the index directory that says what
    /// state the index is in and what to do.
    fn commit_error(&self, e: TantivyError) -> Error {
        match e {
            TantivyError::IoError(io) => Error::Io {
                path: self.index.path().map(Path::to_path_buf).unwrap_or_default(),
                source: std::io::Error::new(
                    os_error_kind(&io),
                    format!(
                        "commit failed: {io}; the index keeps its last successful commit: \
                         free space (or fix the file system), then open a new writer and \
                         ingest again (articles are replaced by id, so re-running is safe)"
                    ),
                ),
            },
            other => Error::Tantivy(other),
        }
    }

    /// Index a stream of records (as produced by [`crate::ingest`]), committing every
    /// [`WriterOptions::commit_every`] articles and at the end. Bad records are counted and
    /// reported, never fatal; `progress` is called after each record with the running summary.
    pub fn ingest<I>(
        &mut self,
        records: I,
        mut progress: impl FnMut(&IngestSummary),
    ) -> Result<IngestSummary>
    where
        I: IntoIterator<Item = Result<Article>>,
    {
        let mut summary = IngestSummary::default();
        let mut since_commit = 0usize;
        for record in records {
            summary.read += 1;
            match record.and_then(|a| self.add(a)) {
                Ok(upsert) => {
                    summary.indexed += 1;
                    if upsert == Upsert::Updated {
                        summary.updated += 1;
                    }
                    since_commit += 1;
                }
                Err(Error::Tantivy(e)) => return Err(Error::Tantivy(e)),
                Err(e) => {
                    summary.rejected += 1;
                    summary.errors.push(RejectedRecord {
                        error: e.to_string(),
                    });
                }
            }
            if self.options.commit_every > 0 && since_commit >= self.options.commit_every {
                self.commit()?;
                since_commit = 0;
            }
            progress(&summary);
        }
        self.commit()?;
        Ok(summary)
    }
}

/// The kind of the OS error inside `e` (tantivy may wrap it in an `Other` error, or pass it on
/// as text), else `e`'s kind.
fn os_error_kind(e: &std::io::Error) -> std::io::ErrorKind {
    let mut current = e;
    loop {
        if let Some(code) = current.raw_os_error() {
            return std::io::Error::from_raw_os_error(code).kind();
        }
        match current
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<std::io::Error>())
        {
            Some(inner) => current = inner,
            None => break,
        }
    }
    // tantivy passes some errors between threads as text: recover "(os error N)".
    let text = e.to_string();
    text.find("os error ")
        .map(|i| &text[i + "os error ".len()..])
        .map(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap_or("")
        })
        .and_then(|code| code.parse::<i32>().ok())
        .map(|code| std::io::Error::from_raw_os_error(code).kind())
        .unwrap_or(e.kind())
}

impl Drop for NewsWriter {
    fn drop(&mut self) {
        // Runs before the tantivy writer (and its lock) is dropped, so a writer that takes the
        // lock next cannot have its pid file removed by us.
        if let Some(p) = &self.pid_file {
            let _ = std::fs::remove_file(p);
        }
    }
}
