//! Writing articles: upserts by id, deletes, batched commits, ingest summaries.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};

use serde::{Deserialize, Serialize};
use tantivy::indexer::UserOperation;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, IndexWriter, Searcher, TantivyDocument, TantivyError, Term, TERMINATED};

use crate::article::Article;
use crate::enrich::{Enricher, Enrichment};
use crate::error::{Error, Result};
use crate::index::document::{article_document, normalize_article, quote_documents};
use crate::index::schema::Fields;
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
    /// Own actors were added since the last commit: save [`crate::index::ACTORS_FILE`].
    actors_changed: bool,
    /// Our pid file, removed on drop.
    pid_file: Option<PathBuf>,
    /// The committed state ids are looked up in (refreshed at each commit).
    committed: Searcher,
}

/// An article turned into its tantivy documents (article first, then its quotations), ready
/// for the writer.
struct PreparedArticle {
    id: String,
    docs: Vec<TantivyDocument>,
}

/// Records in flight between reading and writing during [`NewsWriter::ingest`] (bounds the
/// memory of the pipeline).
const IN_FLIGHT: usize = 256;

/// Prepared records a worker hands to the writing thread at once (at most; fewer when it runs
/// out of records to prepare).
const RESULT_BATCH: usize = 16;

/// Validate, normalise, enrich and build the documents of one article. Pure: runs on any thread.
fn prepare(
    fields: &Fields,
    enricher: Option<&Enricher>,
    article: Article,
    enrichment: Option<&Enrichment>,
) -> Result<PreparedArticle> {
    validate(&article)?;
    let article = normalize_article(article);
    let computed;
    let enrichment = match (enrichment, enricher) {
        (Some(e), _) => e,
        (None, Some(enricher)) => {
            computed = enricher.enrich(&article);
            &computed
        }
        (None, None) => {
            computed = Enrichment::default();
            &computed
        }
    };
    let quotes = quote_documents(fields, &article, enrichment);
    let mut docs = Vec::with_capacity(1 + quotes.len());
    docs.push(article_document(fields, &article, enrichment));
    docs.extend(quotes);
    Ok(PreparedArticle {
        id: article.id,
        docs,
    })
}

fn validate(article: &Article) -> Result<()> {
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

/// Worker threads that prepare articles during [`NewsWriter::ingest`], beside tantivy's
/// indexing threads: the cores tantivy leaves free, at least one, at most four.
fn prepare_threads(tantivy_threads: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.saturating_sub(tantivy_threads).clamp(1, 4)
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
            .writer_index()?
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
            committed: index.searcher(),
            index: index.clone(),
            writer,
            pending: HashSet::new(),
            options,
            enricher,
            actors_changed: false,
            pid_file,
        })
    }

    /// Whether a live document (article or quotation) with this article id is committed. An
    /// article's quotation documents are added and deleted with it, so this is whether the
    /// article exists. A term lookup per segment: no query, no collector.
    fn exists_committed(&self, id: &str) -> Result<bool> {
        if self.committed.num_docs() == 0 {
            return Ok(false);
        }
        let term = Term::from_field_text(self.index.fields().article_id, id);
        for segment in self.committed.segment_readers() {
            let inverted = segment.inverted_index(term.field())?;
            let Some(mut postings) = inverted
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(TantivyError::from)?
            else {
                continue;
            };
            let alive = segment.alive_bitset();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|bits| bits.is_alive(doc)) {
                    return Ok(true);
                }
                doc = postings.advance();
            }
        }
        Ok(false)
    }

    /// Add an article, replacing any article with the same id.
    ///
    /// Rejects an article without id, with an id longer than [`MAX_ID_BYTES`], or without
    /// text (a [`Error::Record`] naming the id). For many articles [`ingest`](Self::ingest)
    /// is faster: it enriches on worker threads while tantivy indexes.
    pub fn add(&mut self, article: Article) -> Result<Upsert> {
        let prepared = prepare(self.index.fields(), self.enricher.as_deref(), article, None)?;
        self.write(prepared)
    }

    /// Add an article with entities and quotations computed elsewhere (your own NER, say).
    /// The article is normalised first; offsets in `enrichment` must refer to the normalised
    /// body ([`crate::analysis::normalize`]).
    pub fn add_enriched(&mut self, article: Article, enrichment: &Enrichment) -> Result<Upsert> {
        let prepared = prepare(self.index.fields(), None, article, Some(enrichment))?;
        self.write(prepared)
    }

    /// Use another enricher (e.g. over an extended gazetteer) for the following articles.
    ///
    /// The names and aliases of its actors that are not built in become searchable like the
    /// built-in ones (a query `EBI` also finds articles about the actor with that alias); for an
    /// index on disk they are stored in [`crate::index::ACTORS_FILE`] at the next commit.
    pub fn set_enricher(&mut self, enricher: Option<Arc<Enricher>>) {
        if let Some(e) = &enricher {
            self.actors_changed |= self.index.learn_actors(e.entity_extractor().gazetteer());
        }
        self.enricher = enricher;
    }

    /// Replace any article with the prepared one's id by it.
    fn write(&mut self, prepared: PreparedArticle) -> Result<Upsert> {
        let existed = self.pending.contains(&prepared.id) || self.exists_committed(&prepared.id)?;
        // Deleting by article id removes the article and its quote documents. A new id needs
        // no delete: tantivy keeps every queued delete until all segments (including those
        // in a running merge, which can take minutes on a large index) have applied it, and
        // applies each to every segment at commit.
        if existed {
            self.writer.delete_term(Term::from_field_text(
                self.index.fields().article_id,
                &prepared.id,
            ));
        }
        // One batch per article (the article, then its quotations): one hand-off to tantivy's
        // indexing threads instead of one per document.
        self.writer
            .run(prepared.docs.into_iter().map(UserOperation::Add))?;
        self.pending.insert(prepared.id);
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
    ///
    /// On Linux with glibc a commit also hands the memory freed since the last one (the
    /// flushed segments' indexing buffers, finished merges) back to the operating system, so
    /// the resident set of a long ingest stays near the writer budget instead of growing with
    /// every commit cycle.
    pub fn commit(&mut self) -> Result<()> {
        // Before tantivy's commit: a crash in between leaves names that match nothing yet,
        // never committed articles whose own actors a search cannot expand.
        if self.actors_changed {
            if let Some(dir) = self.index.path() {
                self.index.actor_aliases().save(dir)?;
            }
            self.actors_changed = false;
        }
        self.writer.commit().map_err(|e| self.commit_error(e))?;
        // The flushed segments' indexing buffers are free now: give them back.
        release_freed_memory();
        self.pending.clear();
        self.index.reload()?;
        self.committed = self.index.searcher();
        Ok(())
    }

    /// An I/O failure during commit as an [`Error::Io`] on the index directory that says what
    /// state the index is in and what to do.
    fn commit_error(&self, e: TantivyError) -> Error {
        // tantivy reports some I/O failures (a full disk while a segment is serialised) as an
        // internal error whose text carries the OS error: treat them as the I/O errors they are.
        let e = match e {
            TantivyError::InternalError(msg) if msg.contains("(os error ") => {
                TantivyError::IoError(std::sync::Arc::new(std::io::Error::other(msg)))
            }
            other => other,
        };
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
    ///
    /// Records are read on the calling thread and validated, normalised, enriched and turned
    /// into documents on worker threads while tantivy's threads index; they are written in
    /// input order, so results (upserts, errors, commit points) are exactly those of calling
    /// [`add`](Self::add) for each record in turn. At most 256 records are read ahead of the
    /// last written one (bounded memory). Workers hand prepared records over in batches of up
    /// to 16 (one wake-up of the writing thread per batch), and before they wait for more
    /// input, so a record is written at the latest when its worker has prepared 15 more or
    /// runs out of work.
    pub fn ingest<I>(
        &mut self,
        records: I,
        mut progress: impl FnMut(&IngestSummary),
    ) -> Result<IngestSummary>
    where
        I: IntoIterator<Item = Result<Article>>,
    {
        let workers = prepare_threads(self.options.threads.max(1));
        let mut state = IngestState::default();
        let fields = self.index.fields().clone();
        let enricher = self.enricher.clone();
        let (work_tx, work_rx) = mpsc::channel::<(u64, Result<Article>)>();
        let work_rx = Mutex::new(work_rx);
        let (done_tx, done_rx) = mpsc::channel::<Vec<(u64, Result<PreparedArticle>)>>();
        std::thread::scope(|scope| -> Result<IngestSummary> {
            // Owned by this closure: on an early return it is dropped before the scope joins
            // the workers, which then see the closed channel and stop.
            let work_tx = work_tx;
            for _ in 0..workers {
                let done_tx = done_tx.clone();
                let (work_rx, fields, enricher) = (&work_rx, &fields, enricher.as_deref());
                scope.spawn(move || {
                    // Results go to the writing thread in batches: one wake-up of that thread
                    // per batch instead of per record. A batch is sent when full or before
                    // this worker waits for more records, so nothing is held back.
                    let mut batch: Vec<(u64, Result<PreparedArticle>)> = Vec::new();
                    loop {
                        let next = {
                            let Ok(rx) = work_rx.lock() else { return };
                            if batch.is_empty() {
                                rx.recv().ok()
                            } else {
                                match rx.try_recv() {
                                    Ok(next) => Some(next),
                                    Err(mpsc::TryRecvError::Empty) => {
                                        drop(rx);
                                        if done_tx.send(std::mem::take(&mut batch)).is_err() {
                                            return;
                                        }
                                        continue;
                                    }
                                    Err(mpsc::TryRecvError::Disconnected) => None,
                                }
                            }
                        };
                        let Some((seq, record)) = next else {
                            let _ = done_tx.send(batch);
                            return;
                        };
                        let prepared = record.and_then(|a| prepare(fields, enricher, a, None));
                        batch.push((seq, prepared));
                        if batch.len() >= RESULT_BATCH
                            && done_tx.send(std::mem::take(&mut batch)).is_err()
                        {
                            return;
                        }
                    }
                });
            }
            drop(done_tx);
            let stopped = || Error::InvalidArgument {
                field: "ingest",
                message: "a preparation worker stopped unexpectedly".into(),
            };
            // Read up to IN_FLIGHT records ahead; write every result as soon as all records
            // before it are written.
            let mut records = records.into_iter();
            let (mut sent, mut written) = (0u64, 0u64);
            let mut exhausted = false;
            let mut ready: BTreeMap<u64, Result<PreparedArticle>> = BTreeMap::new();
            loop {
                // Write what is ready, without waiting.
                loop {
                    if let Some(r) = ready.remove(&written) {
                        written += 1;
                        self.ingest_one(&mut state, r, &mut progress)?;
                        continue;
                    }
                    match done_rx.try_recv() {
                        Ok(batch) => ready.extend(batch),
                        Err(mpsc::TryRecvError::Empty) => break,
                        Err(mpsc::TryRecvError::Disconnected) => {
                            if written < sent {
                                return Err(stopped());
                            }
                            break;
                        }
                    }
                }
                if !exhausted && sent - written < IN_FLIGHT as u64 {
                    match records.next() {
                        Some(record) => {
                            // Workers only stop when this channel closes: cannot fail here.
                            let _ = work_tx.send((sent, record));
                            sent += 1;
                        }
                        None => exhausted = true,
                    }
                    continue;
                }
                if written == sent {
                    break;
                }
                ready.extend(done_rx.recv().map_err(|_| stopped())?);
            }
            drop(work_tx);
            self.commit()?;
            Ok(std::mem::take(&mut state.summary))
        })
    }

    /// Write one prepared record of [`ingest`](Self::ingest) (in input order): what one
    /// [`add`](Self::add) call does, counted in the summary, with the automatic commits.
    fn ingest_one(
        &mut self,
        state: &mut IngestState,
        result: Result<PreparedArticle>,
        progress: &mut impl FnMut(&IngestSummary),
    ) -> Result<()> {
        let summary = &mut state.summary;
        summary.read += 1;
        match result.and_then(|p| self.write(p)) {
            Ok(upsert) => {
                summary.indexed += 1;
                if upsert == Upsert::Updated {
                    summary.updated += 1;
                }
                state.since_commit += 1;
            }
            Err(Error::Tantivy(e)) => return Err(Error::Tantivy(e)),
            Err(e) => {
                summary.rejected += 1;
                summary.errors.push(RejectedRecord {
                    error: e.to_string(),
                });
            }
        }
        if self.options.commit_every > 0 && state.since_commit >= self.options.commit_every {
            self.commit()?;
            state.since_commit = 0;
        }
        progress(&state.summary);
        Ok(())
    }
}

/// The running counts of an [`NewsWriter::ingest`] call.
#[derive(Default)]
struct IngestState {
    summary: IngestSummary,
    /// Articles added since the last commit.
    since_commit: usize,
}

/// Return the memory the allocator holds free to the operating system (glibc only; elsewhere
/// a no-op).
///
/// A commit frees the indexing buffers of the segments it writes (up to the whole writer
/// budget), and merges free their working memory when they end. glibc keeps freed memory in
/// the heap of the thread that freed it and raises its `mmap` threshold after large frees, so
/// those buffers stay resident; tantivy starts new indexing threads after every commit, whose
/// allocations can land in another heap — the resident set then grows by up to a budget per
/// commit cycle while the live data does not. `malloc_trim` hands the free pages of all heaps
/// back (the addresses stay valid; the next allocation faults fresh zero pages). It changes
/// nothing in the index.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> std::os::raw::c_int;
        }
        // SAFETY: glibc's malloc_trim takes its own arena locks and only releases pages of
        // free chunks; it is safe to call from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
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
