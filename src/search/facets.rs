//! Facet counts, co-occurrence and monthly time series over a result set.
//!
//! Facet counts ([`ValueCounts`]) count term ordinals per segment into a `Vec<u32>`, reading
//! the ordinals of blocks of matching documents at once. The article facets (`actor`,
//! `country`, `organisation`) are read from one combined fast column, `facet`, whose values
//! are `dimension` + U+001F + value: its sorted dictionary holds each dimension in one
//! ordinal range, so one rank and one row range per matching article serve all three
//! (other fields, e.g. `speaker_actor`, are read from their own STRING|FAST column). Searches
//! read the combined column from memory: [`FacetCache`], a tantivy warmer on the index's
//! reader, holds each segment's values as distinct ordinals per document (a bit over 1 byte per
//! document plus 2 per value, read once when the index opens and for new segments when it
//! reloads), so counting a matching article is a few reads and increments instead of a rank in
//! the column's optional index, two start rows and bit-unpacking. The trade-off is memory for
//! as long as the index is open (see [`FacetCache`]; `NewsIndex::facet_memory_bytes` reports
//! it) and the time to read the column when opening. Segments are merged through a cached global
//! dictionary per set of segments (integer adds, no string comparisons), and only the
//! non-zero values are resolved to strings. The counts are exact. Co-occurrence and time series
//! ([`super::trends`]) read the same values through [`ArticleFacets`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::column_index::MultiValueIndex;
use tantivy::columnar::{ColumnIndex, StrColumn};
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::error::{Error, Result};

/// A facet value and the number of matching articles that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetCount {
    /// Actor name, ISO country code or organisation name.
    pub value: String,
    /// Number of matching articles.
    pub count: u64,
}

/// Top-k counts per facet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facets {
    /// Actors.
    pub actor: Vec<FacetCount>,
    /// Countries (ISO codes).
    pub country: Vec<FacetCount>,
    /// Organisations.
    #[serde(default)]
    pub organisation: Vec<FacetCount>,
}

/// A facet dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacetField {
    /// Actors (canonical names).
    Actor,
    /// Countries (ISO codes).
    Country,
    /// Organisations.
    Organisation,
}

impl FacetField {
    /// The index field name.
    pub fn field_name(self) -> &'static str {
        match self {
            FacetField::Actor => "actor",
            FacetField::Country => "country",
            FacetField::Organisation => "organisation",
        }
    }
}

impl std::str::FromStr for FacetField {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "actor" => Ok(FacetField::Actor),
            "country" => Ok(FacetField::Country),
            "organisation" | "organization" => Ok(FacetField::Organisation),
            other => Err(Error::InvalidArgument {
                field: "facet",
                message: format!("{other:?}; use actor, country or organisation"),
            }),
        }
    }
}

/// How often two facet values occur in the same matching article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cooccurrence {
    /// Value of the first dimension.
    pub a: String,
    /// Value of the second dimension.
    pub b: String,
    /// Number of matching articles with both.
    pub count: u64,
}

/// Number of matching articles in one calendar month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// Number of matching articles published that month.
    pub count: u64,
}

/// A monthly series for one facet value (or for the whole result set when `value` is `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeSeries {
    /// The facet value, `None` for all matching articles.
    pub value: Option<String>,
    /// Months in ascending order (months without articles are omitted).
    pub points: Vec<MonthCount>,
}

/// A collector counting, for each of a few STRING|FAST fields, how many matching documents
/// carry each value (a document with a value twice counts once). Exact; per segment it only
/// touches the matching documents' term ordinals, which it reads in blocks of
/// [`BLOCK_DOCS`] documents (row ids for the whole block, then all their ordinals in one
/// call), so that the memory reads of many documents overlap instead of waiting on each
/// other document by document.
pub(crate) struct ValueCounts {
    fields: Vec<&'static str>,
    /// The index's in-memory combined column, if counting should use it.
    cache: Option<Arc<FacetCache>>,
    /// Test only: read each document's ordinals on its own (the reference path).
    #[cfg(test)]
    per_doc: bool,
}

impl ValueCounts {
    pub(crate) fn new(fields: &[&'static str]) -> Self {
        ValueCounts {
            fields: fields.to_vec(),
            cache: None,
            #[cfg(test)]
            per_doc: false,
        }
    }

    /// Count the article facets from `cache` (the segments' combined columns in memory).
    pub(crate) fn with_cache(mut self, cache: Arc<FacetCache>) -> Self {
        self.cache = Some(cache);
        self
    }

    /// The reference collector: ordinals read document by document (`values_for_doc`), as
    /// before block reading; the differential tests compare it with [`ValueCounts::new`].
    #[cfg(test)]
    pub(crate) fn per_doc(fields: &[&'static str]) -> Self {
        ValueCounts {
            fields: fields.to_vec(),
            cache: None,
            per_doc: true,
        }
    }
}

/// Matching documents buffered per segment before their ordinals are read.
const BLOCK_DOCS: usize = 512;

/// Per field: the column (if the segment has one) and its counts; the buffered documents and
/// reusable buffers for the block reads.
pub(crate) struct SegmentValueCounts {
    columns: Vec<Option<ColumnCounts>>,
    /// The combined `facet` column, when the segment has it and some requested fields are
    /// its dimensions: its counts and, per requested field, the dimension it serves (those
    /// fields have no column of their own in `columns`).
    combined: Option<(ColumnCounts, Vec<Option<&'static str>>)>,
    segment: tantivy::index::SegmentId,
    fields: Vec<&'static str>,
    /// Matching documents not counted yet (ascending).
    pending: Vec<DocId>,
    buffers: BlockBuffers,
    #[cfg(test)]
    per_doc: bool,
}

/// Block read buffers: the document of each value row, the row ids, the ordinals.
#[derive(Default)]
struct BlockBuffers {
    row_docs: Vec<DocId>,
    rows: Vec<u32>,
    ords: Vec<u64>,
    scratch: RowScratch,
}

/// The combined fast column of the article facets (since schema 10).
const COMBINED_COLUMN: &str = "facet";

/// The dimensions of [`COMBINED_COLUMN`] (each value is dimension + U+001F + value).
const COMBINED_DIMENSIONS: [&str; 3] = FACET_FIELDS;

/// Buffers of [`rows_for_docs`].
#[derive(Default)]
struct RowScratch {
    docs: Vec<DocId>,
    ranks: Vec<u32>,
    starts: Vec<u32>,
    ends: Vec<u32>,
}

/// The value rows of `docs` (ascending) and the document of each row, appended to `row_docs`
/// and `rows` — what `ColumnIndex::docids_to_rowids` computes, but for a multi-valued column
/// in stages over the whole block: the ranks of the documents that have values (the
/// optional index, block by block), then all their start rows, then all their end rows. Each
/// stage is a run of independent reads, so their cache misses overlap; the library's
/// per-document loop waits for each document's rank before reading its rows.
fn rows_for_docs(
    index: &ColumnIndex,
    docs: &[DocId],
    row_docs: &mut Vec<DocId>,
    rows: &mut Vec<u32>,
    scratch: &mut RowScratch,
) {
    let ColumnIndex::Multivalued(MultiValueIndex::MultiValueIndexV2(multi)) = index else {
        index.docids_to_rowids(docs, row_docs, rows);
        return;
    };
    let RowScratch {
        docs: with_values,
        ranks,
        starts,
        ends,
    } = scratch;
    with_values.clear();
    ranks.clear();
    multi
        .optional_index
        .rank_if_exists_batch(docs, with_values, ranks);
    starts.clear();
    starts.resize(ranks.len(), 0);
    multi.start_index_column.get_vals(ranks, starts);
    for r in ranks.iter_mut() {
        *r += 1;
    }
    ends.clear();
    ends.resize(ranks.len(), 0);
    multi.start_index_column.get_vals(ranks, ends);
    for ((&doc, &start), &end) in with_values.iter().zip(starts.iter()).zip(ends.iter()) {
        for row in start..end {
            row_docs.push(doc);
            rows.push(row);
        }
    }
}

/// The combined `facet` column of one segment in memory: for each document the ordinals of
/// its values in the column's dictionary (ascending, each once), compactly: all ordinals in
/// document order as `u16`, each document's number of values as one byte, and per group of
/// [`GROUP`] documents the position of its first ordinal. A document's ordinals start at its
/// group's position plus the lengths before it in the group — 64 consecutive bytes of `lens`,
/// one or two cache lines — so counting a matching article reads those, one group position and
/// its ordinals, instead of a rank in the column's optional index, two start rows and the
/// bit-packed ordinals. Memory: a bit over 1 byte per document (quotation documents included:
/// they have no values but a doc id) plus 2 bytes per value.
pub(crate) struct SegmentFacets {
    /// Per group of [`GROUP`] documents: the index in `ords` of its first document's values.
    starts: Vec<u32>,
    /// Per document: its number of (distinct) values.
    lens: Vec<u8>,
    ords: Vec<u16>,
}

/// Documents per group of [`SegmentFacets::starts`] (64 bytes of lengths).
const GROUP: usize = 64;

/// Documents read per step while a [`SegmentFacets`] is built.
const BUILD_DOCS: u32 = 4096;

impl SegmentFacets {
    /// Read `col` of a segment with `max_doc` documents. `None` if its dictionary has more
    /// than 65,536 values, a document more than 255 distinct values or the segment more
    /// values than 32-bit positions address (the column is then read as before).
    fn build(col: &StrColumn, max_doc: DocId) -> Option<SegmentFacets> {
        if col.num_terms() > usize::from(u16::MAX) + 1 {
            return None;
        }
        let column = col.ords();
        let mut starts = Vec::with_capacity((max_doc as usize).div_ceil(GROUP));
        let mut lens = Vec::with_capacity(max_doc as usize);
        let mut ords: Vec<u16> = Vec::new();
        let mut buffers = BlockBuffers::default();
        let mut docs = Vec::with_capacity(BUILD_DOCS as usize);
        for first in (0..max_doc).step_by(BUILD_DOCS as usize) {
            docs.clear();
            docs.extend(first..max_doc.min(first.saturating_add(BUILD_DOCS)));
            let BlockBuffers {
                row_docs,
                rows,
                ords: values,
                scratch,
            } = &mut buffers;
            row_docs.clear();
            rows.clear();
            rows_for_docs(&column.index, &docs, row_docs, rows, scratch);
            values.clear();
            values.resize(rows.len(), 0);
            column.values.get_vals(rows, values);
            let mut next = row_docs.iter().zip(values.iter()).peekable();
            for &doc in &docs {
                if (doc as usize).is_multiple_of(GROUP) {
                    starts.push(u32::try_from(ords.len()).ok()?);
                }
                let begin = ords.len();
                while let Some((_, &ord)) = next.next_if(|(&d, _)| d == doc) {
                    ords.push(u16::try_from(ord).ok()?);
                }
                let own = ords.get_mut(begin..).unwrap_or_default();
                own.sort_unstable();
                let mut distinct = 0;
                for i in 0..own.len() {
                    if distinct == 0 || own.get(i) != own.get(distinct - 1) {
                        own.swap(distinct, i);
                        distinct += 1;
                    }
                }
                ords.truncate(begin + distinct);
                lens.push(u8::try_from(distinct).ok()?);
            }
        }
        u32::try_from(ords.len()).ok()?;
        ords.shrink_to_fit();
        Some(SegmentFacets { starts, lens, ords })
    }

    /// Where the ordinals of `doc` are in `ords` (empty for a document beyond the segment).
    #[inline]
    fn span(&self, doc: DocId) -> std::ops::Range<usize> {
        let d = doc as usize;
        let group = d / GROUP;
        let Some(&start) = self.starts.get(group) else {
            return 0..0;
        };
        let before: usize = self
            .lens
            .get(group * GROUP..d)
            .unwrap_or_default()
            .iter()
            .map(|&n| usize::from(n))
            .sum();
        let first = start as usize + before;
        first..first + self.lens.get(d).map_or(0, |&n| usize::from(n))
    }

    /// The ordinals of `doc` (ascending, distinct; empty for a document beyond the segment).
    #[cfg(test)]
    fn ordinals(&self, doc: DocId) -> Vec<u32> {
        let span = self.span(doc);
        self.ords
            .get(span)
            .unwrap_or_default()
            .iter()
            .map(|&o| u32::from(o))
            .collect()
    }

    /// Heap bytes held.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.starts.capacity() * 4 + self.lens.capacity() + self.ords.capacity() * 2
    }
}

/// The [`SegmentFacets`] of an index's segments, keyed by segment id. Registered as a tantivy
/// [`Warmer`](tantivy::Warmer) on the index's reader: opening the index and every reload
/// (after a commit or merge) read the combined column of the segments not cached yet — a
/// reload therefore reads only the new segments — before the new searcher answers its first
/// query, and segments no live searcher uses any more are dropped. A segment's values never
/// change (deletions only hide documents, and deleted documents are never counted), so the
/// segment id alone keys an entry. A searcher whose segment is missing (none in practice)
/// builds it on first use.
///
/// Why a warmer and not a cache filled by the first query: the first facet query after
/// opening the index would pay for reading every segment (about 0.2 s for a million
/// articles), an outlier of exactly the latency this is for; the warmer pays it while the
/// index opens or reloads.
///
/// Trade-off: memory. A bit over 1 byte per document of the index (articles and quotation
/// documents) plus 2 bytes per article facet value — for the 1M-article harness index (4.5 M
/// documents, 6.2 M values) about 17 MB, resident for as long as the index is open;
/// `FacetCache::heap_bytes` reports it.
#[derive(Default)]
pub(crate) struct FacetCache {
    /// `None` for a segment whose column is not kept in memory (no combined column, too many
    /// values for the compact form, or unreadable): it is not read again on every search.
    segments: Mutex<HashMap<tantivy::index::SegmentId, Option<Arc<SegmentFacets>>>>,
}

impl FacetCache {
    /// The in-memory ordinals of `reader`'s combined column, read now if not cached; `None`
    /// if the segment has no combined column or it cannot be read (counting then reads the
    /// column itself and reports the error).
    pub(crate) fn segment(&self, reader: &SegmentReader) -> Option<Arc<SegmentFacets>> {
        let id = reader.segment_id();
        if let Ok(map) = self.segments.lock() {
            if let Some(facets) = map.get(&id) {
                return facets.clone();
            }
        }
        let facets = match reader.fast_fields().str(COMBINED_COLUMN) {
            Ok(Some(col)) => SegmentFacets::build(&col, reader.max_doc()).map(Arc::new),
            _ => None,
        };
        if let Ok(mut map) = self.segments.lock() {
            map.insert(id, facets.clone());
        }
        facets
    }

    /// Heap bytes of every cached segment.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.segments
            .lock()
            .map(|map| map.values().flatten().map(|f| f.heap_bytes()).sum())
            .unwrap_or(0)
    }

    /// Number of cached segments.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.segments.lock().map(|map| map.len()).unwrap_or(0)
    }
}

impl tantivy::Warmer for FacetCache {
    fn warm(&self, searcher: &Searcher) -> tantivy::Result<()> {
        for reader in searcher.segment_readers() {
            self.segment(reader);
        }
        Ok(())
    }

    fn garbage_collect(&self, live_generations: &[&tantivy::SearcherGeneration]) {
        if let Ok(mut map) = self.segments.lock() {
            map.retain(|id, _| {
                live_generations
                    .iter()
                    .any(|g| g.segments().contains_key(id))
            });
        }
    }
}

/// Most column dictionaries kept decoded (segments × fields); the cache is emptied when full.
const MAX_CACHED_DICTIONARIES: usize = 512;

/// Decoded term dictionaries of facet columns per (segment, field): resolving ordinals to
/// strings would otherwise decompress dictionary blocks on every query. Segments are
/// immutable, so an entry never goes stale.
type DictionaryCache = std::collections::HashMap<
    (tantivy::index::SegmentId, &'static str),
    std::sync::Arc<Vec<String>>,
>;

fn decoded_terms(
    segment: tantivy::index::SegmentId,
    field: &'static str,
    col: &StrColumn,
) -> std::sync::Arc<Vec<String>> {
    static CACHE: std::sync::OnceLock<std::sync::Mutex<DictionaryCache>> =
        std::sync::OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Ok(map) = cache.lock() {
        if let Some(terms) = map.get(&(segment, field)) {
            return std::sync::Arc::clone(terms);
        }
    }
    let mut terms = Vec::with_capacity(col.num_terms());
    if let Ok(mut stream) = col.dictionary().stream() {
        while stream.advance() {
            terms.push(String::from_utf8_lossy(stream.key()).into_owned());
        }
    }
    let terms = std::sync::Arc::new(terms);
    if let Ok(mut map) = cache.lock() {
        if map.len() >= MAX_CACHED_DICTIONARIES {
            map.clear();
        }
        map.insert((segment, field), std::sync::Arc::clone(&terms));
    }
    terms
}

/// One column of one segment: counts per term ordinal, the last document counted per ordinal
/// (+1) to count multi-valued duplicates once, and the ordinals counted at least once (in
/// first-seen order), so that harvesting costs the number of values seen, not the size of the
/// segment's dictionary.
struct ColumnCounts {
    col: StrColumn,
    counts: Vec<u32>,
    last: Vec<DocId>,
    seen: Vec<u32>,
    /// The column's ordinals in memory ([`SegmentFacets`]), when the index's
    /// [`FacetCache`] holds the segment: counting then reads them instead of the column.
    memory: Option<Arc<SegmentFacets>>,
}

impl ColumnCounts {
    fn new(col: StrColumn) -> Self {
        let n = col.num_terms();
        ColumnCounts {
            col,
            counts: vec![0; n],
            last: vec![0; n],
            seen: Vec::new(),
            memory: None,
        }
    }

    /// Counts over `memory`, the column's ordinals in memory (each document's values are
    /// distinct there, so no last-document stamps are needed).
    fn in_memory(col: StrColumn, memory: Arc<SegmentFacets>) -> Self {
        ColumnCounts {
            counts: vec![0; col.num_terms()],
            col,
            last: Vec::new(),
            seen: Vec::new(),
            memory: Some(memory),
        }
    }

    /// Count every value of the (ascending) documents `docs`: from memory when the segment
    /// is cached (two offsets and the ordinals per document), otherwise their value rows in
    /// stages ([`rows_for_docs`]), then all their ordinals in one `get_vals` call.
    fn count_docs(&mut self, docs: &[DocId], buffers: &mut BlockBuffers) {
        if let Some(memory) = &self.memory {
            // In stages over the block, each a run of independent reads whose cache misses
            // overlap (the matches of a selective query are far apart in the segment): all
            // documents' spans, then all their ordinals, then the counts.
            // A branch-free touch of each document's cache line first (one independent load
            // per document: the misses overlap; the loops below branch on the lengths and
            // would wait for each miss in turn).
            let mut touched = 0u32;
            for &doc in docs {
                touched = touched.wrapping_add(u32::from(
                    memory.lens.get(doc as usize).copied().unwrap_or(0),
                ));
            }
            std::hint::black_box(touched);
            let RowScratch { starts, ends, .. } = &mut buffers.scratch;
            starts.clear();
            ends.clear();
            for &doc in docs {
                let span = memory.span(doc);
                starts.push(span.start as u32);
                ends.push(span.end as u32);
            }
            let mut touched = 0u16;
            for &a in starts.iter() {
                touched = touched.wrapping_add(memory.ords.get(a as usize).copied().unwrap_or(0));
            }
            std::hint::black_box(touched);
            let values = &mut buffers.rows;
            values.clear();
            for (&a, &b) in starts.iter().zip(ends.iter()) {
                for &ord in memory.ords.get(a as usize..b as usize).unwrap_or_default() {
                    values.push(u32::from(ord));
                }
            }
            let counts = &mut self.counts;
            let seen = &mut self.seen;
            for &ord in values.iter() {
                if let Some(c) = counts.get_mut(ord as usize) {
                    if *c == 0 {
                        seen.push(ord);
                    }
                    *c += 1;
                }
            }
            return;
        }
        let BlockBuffers {
            row_docs,
            rows,
            ords,
            scratch,
        } = buffers;
        let column = self.col.ords();
        row_docs.clear();
        rows.clear();
        rows_for_docs(&column.index, docs, row_docs, rows, scratch);
        ords.clear();
        ords.resize(rows.len(), 0);
        column.values.get_vals(rows, ords);
        for (&doc, &ord) in row_docs.iter().zip(ords.iter()) {
            self.add(doc, ord);
        }
    }

    /// `(ordinal, count)` for every ordinal counted, ascending (ordinals are in value order).
    fn counted(&mut self) -> Vec<(u32, u64)> {
        self.seen.sort_unstable();
        self.seen
            .iter()
            .filter_map(|&o| Some((o, u64::from(*self.counts.get(o as usize)?))))
            .collect()
    }

    #[inline]
    fn add(&mut self, doc: DocId, ord: u64) {
        let stamp = doc + 1;
        let ord = ord as usize;
        if let (Some(c), Some(l)) = (self.counts.get_mut(ord), self.last.get_mut(ord)) {
            if *l != stamp {
                *l = stamp;
                if *c == 0 {
                    self.seen.push(ord as u32);
                }
                *c += 1;
            }
        }
    }
}

/// The ordinals of dimension `dim`'s values in a combined dictionary `all` (one range: the
/// dictionary is sorted and they share a prefix) and the length of that prefix.
fn dimension_range(all: &[String], dim: &str) -> (std::ops::Range<usize>, usize) {
    let prefix = crate::index::facet_prefix(dim);
    let lo = all.partition_point(|t| t.as_str() < prefix.as_str());
    let len = all
        .get(lo..)
        .map_or(0, |rest| rest.partition_point(|t| t.starts_with(&prefix)));
    (lo..lo + len, prefix.len())
}

/// The article facet values of one segment's documents as ordinals of its combined `facet`
/// column, read from the index's in-memory copy ([`FacetCache`]) when it holds the segment,
/// else from the column; with the column's dictionary to resolve them (co-occurrence and time
/// series read it).
pub(crate) struct ArticleFacets {
    col: StrColumn,
    memory: Option<Arc<SegmentFacets>>,
    terms: Arc<Vec<String>>,
    buf: Vec<u32>,
}

impl ArticleFacets {
    /// The facets of `reader`'s segment; `None` if it has no combined column (no article).
    pub(crate) fn open(
        reader: &SegmentReader,
        cache: Option<&FacetCache>,
    ) -> tantivy::Result<Option<ArticleFacets>> {
        let Some(col) = reader.fast_fields().str(COMBINED_COLUMN)? else {
            return Ok(None);
        };
        let memory = cache.and_then(|c| c.segment(reader));
        let terms = decoded_terms(reader.segment_id(), COMBINED_COLUMN, &col);
        Ok(Some(ArticleFacets {
            col,
            memory,
            terms,
            buf: Vec::new(),
        }))
    }

    /// The ordinals of `doc`'s values, ascending and distinct.
    pub(crate) fn ordinals(&mut self, doc: DocId) -> &[u32] {
        self.buf.clear();
        match &self.memory {
            Some(m) => self.buf.extend(
                m.ords
                    .get(m.span(doc))
                    .unwrap_or_default()
                    .iter()
                    .map(|&o| u32::from(o)),
            ),
            None => {
                self.buf
                    .extend(self.col.ords().values_for_doc(doc).map(|o| o as u32));
                self.buf.sort_unstable();
                self.buf.dedup();
            }
        }
        &self.buf
    }

    /// The ordinals of dimension `dim` (`actor`, `country`, `organisation`) and the length
    /// of their prefix ([`ArticleFacets::value`] strips it).
    pub(crate) fn dimension(&self, dim: &str) -> (std::ops::Range<usize>, usize) {
        dimension_range(&self.terms, dim)
    }

    /// The value of ordinal `ord` without its `strip` prefix bytes ("" if out of range).
    pub(crate) fn value(&self, ord: u32, strip: usize) -> &str {
        self.terms
            .get(ord as usize)
            .and_then(|t| t.get(strip..))
            .unwrap_or_default()
    }
}

/// One dimension of the combined column's counts of a segment: the dimension's dictionary
/// (its values without the prefix; cached per segment) and its counts with ordinals rebased
/// to that dictionary. `all` is the combined dictionary, `counted` its `(ordinal, count)`
/// ascending.
fn dimension_counts(
    segment: tantivy::index::SegmentId,
    dim: &'static str,
    all: &Arc<Vec<String>>,
    counted: &[(u32, u64)],
) -> SegmentField {
    let (range, strip) = dimension_range(all, dim);
    let (lo32, hi32) = (range.start as u32, range.end as u32);
    let terms = dimension_terms(segment, dim, all, range, strip);
    let counts = counted
        .iter()
        .filter(|(o, _)| (lo32..hi32).contains(o))
        .map(|&(o, c)| (o - lo32, c))
        .collect();
    (terms, counts)
}

/// The values of one dimension of a segment's combined dictionary (`all[range]` without the
/// `strip` bytes of their prefix), cached like [`decoded_terms`].
fn dimension_terms(
    segment: tantivy::index::SegmentId,
    dim: &'static str,
    all: &[String],
    range: std::ops::Range<usize>,
    strip: usize,
) -> Arc<Vec<String>> {
    static CACHE: OnceLock<Mutex<DictionaryCache>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Ok(map) = cache.lock() {
        if let Some(terms) = map.get(&(segment, dim)) {
            return Arc::clone(terms);
        }
    }
    let terms: Arc<Vec<String>> = Arc::new(
        all.get(range)
            .unwrap_or_default()
            .iter()
            .map(|t| t.get(strip..).unwrap_or_default().to_string())
            .collect(),
    );
    if let Ok(mut map) = cache.lock() {
        if map.len() >= MAX_CACHED_DICTIONARIES {
            map.clear();
        }
        map.insert((segment, dim), Arc::clone(&terms));
    }
    terms
}

/// Per field: (value, count) for every value with a non-zero count, in value order.
type FieldCounts = Vec<Vec<(String, u64)>>;

/// What one segment counted: per field (`None` when the segment has no such column) the
/// segment's decoded dictionary and `(ordinal, count)` for every ordinal counted, ascending.
#[derive(Debug, PartialEq)]
pub(crate) struct SegmentCounts {
    segment: tantivy::index::SegmentId,
    fields: Vec<Option<SegmentField>>,
}

/// One field of [`SegmentCounts`]: the decoded dictionary, `(ordinal, count)` ascending.
type SegmentField = (Arc<Vec<String>>, Vec<(u32, u64)>);

/// One field of one segment for [`merge_field`]: segment id, dictionary, counts.
type FieldPart<'a> = (
    tantivy::index::SegmentId,
    &'a Arc<Vec<String>>,
    &'a Vec<(u32, u64)>,
);

/// The union of the dictionaries of one field over a set of segments, in value order, and per
/// segment (in the order of the key) the global position of each of its ordinals.
struct GlobalDictionary {
    names: Vec<String>,
    ordinals: Vec<Vec<u32>>,
}

/// Key of a [`GlobalDictionary`]: the field and the segments (in collection order) that have
/// the column.
type GlobalKey = (&'static str, Vec<tantivy::index::SegmentId>);

/// Most global dictionaries kept (one per field and searcher generation); emptied when full.
const MAX_CACHED_GLOBAL: usize = 16;

/// The global dictionary of `field` over `segments` (segment id and decoded dictionary), built
/// once per set of segments: merging per-segment counts is then an integer add per counted
/// ordinal, not a string comparison. Segments are immutable, so an entry never goes stale.
fn global_dictionary(
    field: &'static str,
    segments: &[(tantivy::index::SegmentId, &Arc<Vec<String>>)],
) -> Arc<GlobalDictionary> {
    static CACHE: OnceLock<Mutex<HashMap<GlobalKey, Arc<GlobalDictionary>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key: GlobalKey = (field, segments.iter().map(|(id, _)| *id).collect());
    if let Ok(map) = cache.lock() {
        if let Some(global) = map.get(&key) {
            return Arc::clone(global);
        }
    }
    let mut all: Vec<&str> = segments
        .iter()
        .flat_map(|(_, terms)| terms.iter().map(String::as_str))
        .collect();
    all.sort_unstable();
    all.dedup();
    let ordinals = segments
        .iter()
        .map(|(_, terms)| {
            terms
                .iter()
                // Every name is in `all`; `Err` cannot happen.
                .map(|t| all.binary_search(&t.as_str()).unwrap_or_else(|i| i) as u32)
                .collect()
        })
        .collect();
    let global = Arc::new(GlobalDictionary {
        names: all.into_iter().map(str::to_string).collect(),
        ordinals,
    });
    if let Ok(mut map) = cache.lock() {
        if map.len() >= MAX_CACHED_GLOBAL {
            map.clear();
        }
        map.insert(key, Arc::clone(&global));
    }
    global
}

/// Merge the counts of one field over segments: `(segment, dictionary, counts)`.
fn merge_field(field: &'static str, parts: &[FieldPart<'_>]) -> Vec<(String, u64)> {
    let counted: Vec<_> = parts.iter().filter(|p| !p.2.is_empty()).collect();
    if let [(_, terms, counts)] = counted.as_slice() {
        // One segment counted something: its ordinals are in value order already.
        return counts
            .iter()
            .filter_map(|&(o, c)| Some((terms.get(o as usize)?.clone(), c)))
            .collect();
    }
    if counted.is_empty() {
        return Vec::new();
    }
    let segments: Vec<_> = parts.iter().map(|(id, terms, _)| (*id, *terms)).collect();
    let global = global_dictionary(field, &segments);
    let mut totals = vec![0u64; global.names.len()];
    let mut touched = Vec::new();
    for ((_, _, counts), ordinals) in parts.iter().zip(&global.ordinals) {
        for &(o, c) in counts.iter() {
            if let Some(&g) = ordinals.get(o as usize) {
                if let Some(t) = totals.get_mut(g as usize) {
                    if *t == 0 {
                        touched.push(g);
                    }
                    *t += c;
                }
            }
        }
    }
    touched.sort_unstable();
    touched
        .into_iter()
        .filter_map(|g| {
            let g = g as usize;
            Some((global.names.get(g)?.clone(), *totals.get(g)?))
        })
        .collect()
}

impl Collector for ValueCounts {
    type Fruit = FieldCounts;
    type Child = SegmentValueCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentValueCounts> {
        let fast = reader.fast_fields();
        let dims: Vec<Option<&'static str>> = self
            .fields
            .iter()
            .map(|f| COMBINED_DIMENSIONS.contains(f).then_some(*f))
            .collect();
        let combined = match dims.iter().any(Option::is_some) {
            true => fast.str(COMBINED_COLUMN)?.map(|col| {
                match self.cache.as_ref().and_then(|c| c.segment(reader)) {
                    Some(memory) => ColumnCounts::in_memory(col, memory),
                    None => ColumnCounts::new(col),
                }
            }),
            false => None,
        };
        let mut columns = Vec::with_capacity(self.fields.len());
        for (field, dim) in self.fields.iter().zip(&dims) {
            // The article dimensions come from the combined column only (schema 11: they
            // have no columns of their own).
            if dim.is_some() {
                columns.push(None);
            } else {
                columns.push(fast.str(field)?.map(ColumnCounts::new));
            }
        }
        Ok(SegmentValueCounts {
            columns,
            combined: combined.map(|c| (c, dims)),
            segment: reader.segment_id(),
            fields: self.fields.clone(),
            pending: Vec::with_capacity(BLOCK_DOCS),
            buffers: BlockBuffers::default(),
            #[cfg(test)]
            per_doc: self.per_doc,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentCounts>) -> tantivy::Result<FieldCounts> {
        #[cfg(test)]
        if self.per_doc {
            return Ok(merge_by_value(fruits, self.fields.len()));
        }
        Ok(self
            .fields
            .iter()
            .enumerate()
            .map(|(i, field)| {
                let parts: Vec<_> = fruits
                    .iter()
                    .filter_map(|f| {
                        let (terms, counts) = f.fields.get(i)?.as_ref()?;
                        Some((f.segment, terms, counts))
                    })
                    .collect();
                merge_field(field, &parts)
            })
            .collect())
    }
}

/// The reference merge (before global dictionaries): values as strings, summed in a
/// `BTreeMap` per field.
#[cfg(test)]
fn merge_by_value(fruits: Vec<SegmentCounts>, fields: usize) -> FieldCounts {
    let mut merged = vec![std::collections::BTreeMap::<String, u64>::new(); fields];
    for fruit in fruits {
        for (map, field) in merged.iter_mut().zip(fruit.fields) {
            let Some((terms, counts)) = field else {
                continue;
            };
            for (o, c) in counts {
                *map.entry(terms[o as usize].clone()).or_insert(0) += c;
            }
        }
    }
    merged
        .into_iter()
        .map(|m| m.into_iter().collect())
        .collect()
}

impl SegmentValueCounts {
    /// Count the pending documents, column by column ([`ColumnCounts::count_docs`]).
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let SegmentValueCounts {
            columns,
            combined,
            pending,
            buffers,
            ..
        } = self;
        let combined = combined.as_mut().map(|(c, _)| c);
        for c in columns.iter_mut().flatten().chain(combined) {
            c.count_docs(pending, buffers);
        }
        pending.clear();
    }
}

impl SegmentCollector for SegmentValueCounts {
    type Fruit = SegmentCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        #[cfg(test)]
        if self.per_doc {
            let combined = self.combined.as_mut().map(|(c, _)| c);
            for c in self.columns.iter_mut().flatten().chain(combined) {
                let ords: Vec<u64> = c.col.ords().values_for_doc(doc).collect();
                for ord in ords {
                    c.add(doc, ord);
                }
            }
            return;
        }
        self.pending.push(doc);
        if self.pending.len() >= BLOCK_DOCS {
            self.flush();
        }
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        #[cfg(test)]
        if self.per_doc {
            for &doc in docs {
                self.collect(doc, 0.0);
            }
            return;
        }
        for chunk in docs.chunks(BLOCK_DOCS) {
            self.pending.extend_from_slice(chunk);
            if self.pending.len() >= BLOCK_DOCS {
                self.flush();
            }
        }
    }

    fn harvest(mut self) -> SegmentCounts {
        self.flush();
        let segment = self.segment;
        let mut fields: Vec<Option<SegmentField>> = self
            .columns
            .into_iter()
            .zip(&self.fields)
            .map(|(column, field)| {
                let mut c = column?;
                let terms = decoded_terms(segment, field, &c.col);
                Some((terms, c.counted()))
            })
            .collect();
        if let Some((mut c, dims)) = self.combined {
            let all = decoded_terms(segment, COMBINED_COLUMN, &c.col);
            let counted = c.counted();
            for (slot, dim) in fields.iter_mut().zip(dims) {
                if let Some(dim) = dim {
                    *slot = Some(dimension_counts(segment, dim, &all, &counted));
                }
            }
        }
        SegmentCounts { segment, fields }
    }
}

/// The top `k` of `(value, count)` pairs: by count, ties by value.
pub(crate) fn top_k(counts: Vec<(String, u64)>, k: usize) -> Vec<FacetCount> {
    let mut out: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount { value, count })
        .collect();
    let by_count =
        |a: &FacetCount, b: &FacetCount| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value));
    if out.len() > k && k > 0 {
        out.select_nth_unstable_by(k - 1, by_count);
        out.truncate(k);
    }
    out.sort_by(by_count);
    out.truncate(k);
    out
}

/// The facet fields counted for article searches ([`ValueCounts`]), in [`Facets`] order.
pub(crate) const FACET_FIELDS: [&str; 3] = ["actor", "country", "organisation"];

/// [`Facets`] from the fruit of `ValueCounts::new(&FACET_FIELDS)`.
pub(crate) fn facets_from_counts(counts: FieldCounts, k: usize) -> Facets {
    let mut it = counts.into_iter();
    let mut next = || top_k(it.next().unwrap_or_default(), k);
    Facets {
        actor: next(),
        country: next(),
        organisation: next(),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::AllQuery;

    use super::*;
    use crate::index::NewsIndex;
    use crate::search::SearchRequest;

    /// The demo corpus in several segments (one commit per 100 articles) with some deletions,
    /// so that merging over segments and the alive-bitset path are exercised.
    fn index() -> &'static NewsIndex {
        static INDEX: OnceLock<NewsIndex> = OnceLock::new();
        INDEX.get_or_init(|| crate::search::segmented_demo_index(11, 500, 100, 37))
    }

    const FIELDS: [&str; 4] = ["actor", "country", "organisation", "speaker_actor"];

    /// Block reading, counting from the in-memory combined column ([`FacetCache`]) and the
    /// global-dictionary merge count exactly what document-by-document reading of the three
    /// columns and a merge by value count, in the scored (per-document `collect`) and the
    /// unscored (`collect_block`) collection, for every query class of the harness.
    #[test]
    fn block_counts_equal_per_document_counts() {
        let index = index();
        let searcher = index.searcher();
        assert!(searcher.segment_readers().len() >= 4, "several segments");
        assert!(
            searcher.segment_readers().iter().any(|r| r.has_deletes()),
            "some deletions"
        );
        // Every path reads the combined column, the reference document by document
        // (`combined_column_holds_the_stored_values` checks the column's contents).
        for reader in searcher.segment_readers() {
            assert!(reader
                .fast_fields()
                .str(COMBINED_COLUMN)
                .expect("column")
                .is_some());
        }
        let mut nonzero = 0;
        for q in [
            "",
            "Regierung",
            "Präsident",
            "Regierung Präsident",
            "Krieg OR Frieden",
            "\"Vereinten Nationen\"",
            "Merkel",
            "präsid*",
            "Regierung -Wahl",
        ] {
            for actor in [None, Some("Angela Merkel")] {
                let mut request = SearchRequest::new(q).facets(10);
                if let Some(a) = actor {
                    request = request.actor(a);
                }
                let prepared = index.prepare(&request, &searcher, false).expect("prepare");
                let query = &*prepared.query;
                let new = ValueCounts::new(&FIELDS);
                let old = ValueCounts::per_doc(&FIELDS);
                let (n, unscored) = searcher.search(query, &(Count, new)).expect("search");
                let cached = ValueCounts::new(&FIELDS).with_cache(Arc::clone(index.facet_cache()));
                let (_, from_memory) = searcher.search(query, &(Count, cached)).expect("search");
                let (_, _, scored_from_memory) = searcher
                    .search(
                        query,
                        &(
                            TopDocs::with_limit(3).order_by_score(),
                            Count,
                            ValueCounts::new(&FIELDS).with_cache(Arc::clone(index.facet_cache())),
                        ),
                    )
                    .expect("search");
                let (_, _, scored) = searcher
                    .search(
                        query,
                        &(
                            TopDocs::with_limit(3).order_by_score(),
                            Count,
                            ValueCounts::new(&FIELDS),
                        ),
                    )
                    .expect("search");
                let reference = searcher.search(query, &old).expect("search");
                assert_eq!(unscored, reference, "{q} {actor:?}: unscored");
                assert_eq!(scored, reference, "{q} {actor:?}: scored");
                assert_eq!(from_memory, reference, "{q} {actor:?}: in memory");
                assert_eq!(
                    scored_from_memory, reference,
                    "{q} {actor:?}: scored, in memory"
                );
                let total: u64 = reference[0].iter().map(|(_, c)| c).sum();
                nonzero += usize::from(n > 0 && total > 0);
            }
        }
        assert!(nonzero >= 12, "only {nonzero} requests counted actors");
    }

    /// Every document's values in the combined column, split by dimension, are exactly its
    /// stored `actor`, `country` and `organisation` values (quotation documents: none).
    #[test]
    fn combined_column_holds_the_stored_values() {
        use std::collections::BTreeSet;
        use tantivy::schema::Value as _;
        let index = index();
        let searcher = index.searcher();
        let f = index.fields();
        let mut values = 0;
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let mut facets = ArticleFacets::open(reader, None)
                .expect("open")
                .expect("combined column");
            let dims: Vec<_> = FACET_FIELDS.iter().map(|d| facets.dimension(d)).collect();
            for doc in 0..reader.max_doc() {
                let stored: tantivy::TantivyDocument = searcher
                    .doc(tantivy::DocAddress::new(ord as u32, doc))
                    .expect("doc");
                let ords = facets.ordinals(doc).to_vec();
                for ((range, strip), field) in dims.iter().zip([f.actor, f.country, f.organisation])
                {
                    let column: BTreeSet<String> = ords
                        .iter()
                        .filter(|&&o| range.contains(&(o as usize)))
                        .map(|&o| facets.value(o, *strip).to_string())
                        .collect();
                    let expected: BTreeSet<String> = stored
                        .get_all(field)
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect();
                    assert_eq!(column, expected, "segment {ord} doc {doc}");
                    values += column.len();
                }
            }
        }
        assert!(values >= 500, "only {values} values");
    }

    /// Counts of one segment's documents, fed in the given pieces (`collect_block` for a
    /// piece of more than one document, `collect` otherwise).
    fn segment_counts(
        collector: &ValueCounts,
        reader: &SegmentReader,
        pieces: &[&[DocId]],
    ) -> SegmentCounts {
        let mut child = collector.for_segment(0, reader).expect("segment");
        for piece in pieces {
            match piece {
                [doc] => child.collect(*doc, 1.0),
                _ => child.collect_block(piece),
            }
        }
        child.harvest()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any ascending subset of a segment's documents, delivered in any pieces, counts the
        /// same with block reading and from memory as document by document, per segment and
        /// merged.
        #[test]
        fn block_counts_equal_per_document_counts_on_random_subsets(
            picks in prop::collection::vec(any::<prop::sample::Index>(), 0..700),
            cuts in prop::collection::vec(0usize..1200, 0..8),
            take_all in any::<bool>(),
        ) {
            let index = index();
            let searcher = index.searcher();
            let new = ValueCounts::new(&FIELDS);
            let cached = ValueCounts::new(&FIELDS).with_cache(Arc::clone(index.facet_cache()));
            let old = ValueCounts::per_doc(&FIELDS);
            let mut new_fruits = Vec::new();
            let mut cached_fruits = Vec::new();
            let mut old_fruits = Vec::new();
            for reader in searcher.segment_readers() {
                let max = reader.max_doc() as usize;
                let mut docs: Vec<DocId> = if take_all {
                    (0..max as DocId).collect()
                } else {
                    picks.iter().map(|p| p.index(max) as DocId).collect()
                };
                docs.sort_unstable();
                docs.dedup();
                let mut bounds: Vec<usize> = cuts.iter().map(|c| c % (docs.len() + 1)).collect();
                bounds.extend([0, docs.len()]);
                bounds.sort_unstable();
                let pieces: Vec<&[DocId]> = bounds.windows(2).map(|w| &docs[w[0]..w[1]]).collect();
                let a = segment_counts(&new, reader, &pieces);
                let b = segment_counts(&old, reader, &[&docs]);
                let c = segment_counts(&cached, reader, &pieces);
                prop_assert_eq!(&a, &b);
                prop_assert_eq!(&c, &b);
                new_fruits.push(a);
                cached_fruits.push(c);
                old_fruits.push(b);
            }
            let merged = new.merge_fruits(new_fruits).expect("merge");
            let merged_cached = cached.merge_fruits(cached_fruits).expect("merge");
            let reference = old.merge_fruits(old_fruits).expect("merge");
            prop_assert_eq!(&merged_cached, &reference);
            prop_assert_eq!(merged, reference);
        }
    }

    /// The global dictionary maps every segment ordinal to its own value.
    #[test]
    fn global_dictionary_maps_ordinals_to_their_values() {
        let a = Arc::new(vec!["Berlin".to_string(), "Wien".to_string()]);
        let b = Arc::new(vec![
            "Athen".to_string(),
            "Berlin".to_string(),
            "Zürich".to_string(),
        ]);
        let ids = [
            tantivy::index::SegmentId::generate_random(),
            tantivy::index::SegmentId::generate_random(),
        ];
        let global = global_dictionary("test", &[(ids[0], &a), (ids[1], &b)]);
        assert_eq!(global.names, ["Athen", "Berlin", "Wien", "Zürich"]);
        for (terms, ordinals) in [&a, &b].into_iter().zip(&global.ordinals) {
            for (t, g) in terms.iter().zip(ordinals) {
                assert_eq!(&global.names[*g as usize], t);
            }
        }
        let merged = merge_field(
            "test",
            &[
                (ids[0], &a, &vec![(0, 2), (1, 1)]),
                (ids[1], &b, &vec![(1, 3), (2, 5)]),
            ],
        );
        assert_eq!(
            merged,
            [
                ("Berlin".to_string(), 5),
                ("Wien".to_string(), 1),
                ("Zürich".to_string(), 5)
            ]
        );
        // AllQuery over the real index: the same counts both ways (every document).
        let searcher = index().searcher();
        let new = searcher
            .search(&AllQuery, &ValueCounts::new(&FIELDS))
            .expect("search");
        let old = searcher
            .search(&AllQuery, &ValueCounts::per_doc(&FIELDS))
            .expect("search");
        assert_eq!(new, old);
    }

    /// The warmer reads every segment when the index opens and, after a commit, only the new
    /// segment (the others' entries are the same allocations); segments merged away are
    /// dropped once no searcher uses them; each document's in-memory ordinals are its
    /// combined-column values.
    #[test]
    fn facet_cache_reads_new_segments_only_and_matches_the_column() {
        use crate::Article;
        let index = NewsIndex::create_in_ram().expect("index");
        let article = |i: usize| Article {
            id: format!("a{i}"),
            title: format!("Bericht {i}"),
            text: format!(
                "Angela Merkel trifft Emmanuel Macron in Paris. Die Vereinten Nationen \
                 beraten in Genf. Bericht Nummer {i}."
            ),
            ..Default::default()
        };
        let mut w = index.writer().expect("writer");
        for i in 0..5 {
            w.add(article(i)).expect("add");
        }
        w.commit().expect("commit");
        index.reload().expect("reload");
        let cache = index.facet_cache();
        let first_reader = index.searcher().segment_readers()[0].clone();
        let first = cache.segment(&first_reader).expect("cached");
        assert_eq!(cache.len(), 1);
        for i in 5..9 {
            w.add(article(i)).expect("add");
        }
        w.commit().expect("commit");
        index.reload().expect("reload");
        let searcher = index.searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        assert_eq!(cache.len(), 2, "the new segment was read when reloading");
        let old = searcher
            .segment_readers()
            .iter()
            .find(|r| r.segment_id() == first_reader.segment_id())
            .and_then(|r| cache.segment(r))
            .expect("the first segment is still searched");
        assert!(
            Arc::ptr_eq(&first, &old),
            "the old segment was not read again"
        );
        drop(first_reader);
        let mut values = 0;
        for reader in searcher.segment_readers() {
            let memory = cache.segment(reader).expect("cached");
            let col = reader
                .fast_fields()
                .str(COMBINED_COLUMN)
                .expect("column")
                .expect("column");
            for doc in 0..reader.max_doc() {
                let mut expected: Vec<u32> =
                    col.ords().values_for_doc(doc).map(|o| o as u32).collect();
                expected.sort_unstable();
                expected.dedup();
                assert_eq!(memory.ordinals(doc), expected, "doc {doc}");
                values += expected.len();
            }
        }
        assert!(values >= 18, "only {values} values");
        assert!(cache.heap_bytes() >= values * 2);
        drop(searcher);
        // One segment after a merge; the two old ones are dropped by the warmer's collection
        // (tantivy runs it in the background about every second, once their searchers are gone).
        let ids: Vec<_> = index
            .searcher()
            .segment_readers()
            .iter()
            .map(|r| r.segment_id())
            .collect();
        drop(w);
        let mut tw: tantivy::IndexWriter<tantivy::TantivyDocument> =
            index.tantivy_index().writer(20_000_000).expect("writer");
        tw.merge(&ids).wait().expect("merge");
        drop(tw);
        index.reload().expect("reload");
        let merged = index.searcher();
        assert_eq!(merged.segment_readers().len(), 1);
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while cache.len() > 1 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        assert_eq!(cache.len(), 1, "merged-away segments dropped");
        assert!(cache.segment(&merged.segment_readers()[0]).is_some());
    }
}
