//! Searching an index: the German query language, filters, ranking, paging and snippets.
//!
//! ```
//! use pressespiegel::{Article, index::NewsIndex, search::SearchRequest};
//!
//! let index = NewsIndex::create_in_ram()?;
//! let mut w = index.writer()?;
//! w.add(Article { id: "1".into(), title: "Neue Sanktionen".into(),
//!     text: "Die EU beschließt Sanktionen gegen Russland.".into(), ..Default::default() })?;
//! w.commit()?;
//! let results = index.search(&SearchRequest::new("Sanktion"))?;
//! assert_eq!(results.total, 1);
//! assert_eq!(results.hits[0].snippets[0].highlighted_texts(), ["Sanktionen"]);
//! # Ok::<(), pressespiegel::Error>(())
//! ```

mod compile;
mod facets;
mod query;
mod request;
mod suggest;
mod trends;

pub(crate) use facets::FacetCache;
pub use facets::{Cooccurrence, FacetCount, FacetField, Facets, MonthCount, TimeSeries};
pub use query::{parse_query, FieldScope, QueryAst};
pub use request::{FacetMatch, Hit, QuoteHit, QuoteResults, SearchRequest, SearchResults, Sort};

use std::collections::BinaryHeap;

use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DateTime, DocAddress, DocId, Order, Searcher, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::index::{all_str, read_article, NewsIndex, DOC_ARTICLE, DOC_QUOTE};
use crate::snippet::{self, HighlightSpec, SnippetOptions};

/// Exact total, page of (score, address), fruit of an extra collector.
type Collected<F> = (u64, Vec<(f32, DocAddress)>, F);

/// Largest page size accepted.
pub const MAX_LIMIT: usize = 10_000;

/// A compiled search: the tantivy query and what to highlight.
pub(crate) struct Prepared {
    pub query: Box<dyn Query>,
    /// The same query as one union of boosted terms, when it is one (a plain word or an OR of
    /// words on document-type-specific fields, no filters): it matches exactly the documents
    /// of `query` with the same per-term scores, and tantivy prunes its top-k with block-max
    /// WAND instead of scoring every match.
    pub flat: Option<Box<dyn Query>>,
    /// The same query as a conjunction whose score is a sum of term scores, when it is one (an
    /// AND of words, or words under filters): see [`Conjunction`].
    pub conjunction: Option<Conjunction>,
    pub highlight: HighlightSpec,
}

/// A query that is an intersection of parts (unions of terms, and filters that score 0) and
/// whose score on a match is the sum of the scores of its terms — `Regierung Präsident`, or
/// `Regierung` filtered by an actor. Its matches are found without scoring, by intersecting
/// bit sets of the parts' documents (each part read once, in blocks: a union of terms as one
/// flat union); then the matches are scored (see [`Scoring`]) and the page is their top k.
/// tantivy's scored intersection instead leapfrogs through the unions document by document
/// and scores every document of every union in the same pass.
pub(crate) struct Conjunction {
    /// Every match has each of these parts; a part is the union of its queries (one term query
    /// per distinct term of a word — read term by term straight into the part's bit set — or
    /// one filter).
    parts: Vec<Vec<Box<dyn Query>>>,
    /// The distinct terms of each of the first `words` parts: their postings are read
    /// straight into the part's bit set ([`read_term_bits`]).
    word_terms: Vec<Vec<Term>>,
    /// All scored terms of the query with their weights: a match's score is the sum of the
    /// scores of those it contains.
    terms: Vec<(Term, f32)>,
    /// The first `words` parts are the unions of scored terms (the rest are filters).
    words: usize,
    /// How the matches are scored.
    scoring: Scoring,
}

/// How the matches of a [`Conjunction`] are scored.
#[derive(Clone, Copy, Debug, PartialEq)]
// Searches always use `Select`; the other two exist in tests only, as references for it.
pub(crate) enum Scoring {
    /// Score only the matches, each term's postings read block by block (no skip-list walks,
    /// no union) and each posting's bit tested ([`score_matches_streamed`]); the same scores
    /// as `Scoring::Seek` (a test reference), bit for bit. On the 1M index it was as fast as or faster than the
    /// better of the other two for every AND of the harness (session 6, alternating A/B).
    Select,
    /// Score the union of all terms in one streaming pass and keep the matches.
    #[cfg(test)]
    Stream,
    /// Score only the matches, each term's postings skipping from match to match.
    #[cfg(test)]
    Seek,
}

/// The distinct terms of `terms`, in order of first occurrence.
fn distinct_terms(terms: &[(Term, f32)]) -> Vec<Term> {
    let mut distinct: Vec<Term> = Vec::new();
    for (t, _) in terms {
        if !distinct.contains(t) {
            distinct.push(t.clone());
        }
    }
    distinct
}

/// One unscored term query per distinct term of `terms`.
fn term_queries(terms: &[(Term, f32)]) -> Vec<Box<dyn Query>> {
    distinct_terms(terms)
        .into_iter()
        .map(|t| Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>)
        .collect()
}

/// Set the bit of every document of `term`'s postings in `reader` (deleted ones included, as
/// tantivy's unscored term scorer does): block by block from the postings file, without a
/// scorer, a weight or a callback per block.
fn read_term_bits(reader: &tantivy::SegmentReader, term: &Term, bits: &mut [u64]) -> Result<()> {
    let io = tantivy::TantivyError::from;
    let inverted = reader.inverted_index(term.field())?;
    let Some(info) = inverted.get_term_info(term).map_err(io)? else {
        return Ok(());
    };
    let mut block = inverted
        .read_block_postings_from_terminfo(&info, IndexRecordOption::Basic)
        .map_err(io)?;
    while !block.docs().is_empty() {
        for &d in block.docs() {
            if let Some(x) = bits.get_mut(d as usize / 64) {
                *x |= 1 << (d % 64);
            }
        }
        block.advance();
    }
    Ok(())
}

/// The parts and the scored terms of `user` if it is a union of terms (one part) or an AND of
/// unions of terms on `fields` (see [`compile::flat_terms`]); each union as one flat union.
fn conjunction_parts(user: &dyn Query, fields: &[tantivy::schema::Field]) -> Option<Conjunction> {
    if let Some(terms) = compile::flat_terms(user, fields) {
        return Some(Conjunction {
            parts: vec![term_queries(&terms)],
            word_terms: vec![distinct_terms(&terms)],
            terms,
            words: 1,
            scoring: Scoring::Select,
        });
    }
    let b = user.downcast_ref::<BooleanQuery>()?;
    let mut parts = Vec::new();
    let mut word_terms = Vec::new();
    let mut terms = Vec::new();
    for (occur, clause) in b.clauses() {
        if *occur != Occur::Must {
            return None;
        }
        let flat = compile::flat_terms(&**clause, fields)?;
        parts.push(term_queries(&flat));
        word_terms.push(distinct_terms(&flat));
        terms.extend(flat);
    }
    let words = parts.len();
    (words > 0).then_some(Conjunction {
        parts,
        word_terms,
        terms,
        words,
        scoring: Scoring::Select,
    })
}

/// The first document at or after `doc` whose bit is set, or `TERMINATED`.
#[cfg(test)]
fn next_match(bits: &[u64], doc: DocId) -> DocId {
    use tantivy::TERMINATED;
    let mut w = doc as usize / 64;
    let Some(&first) = bits.get(w) else {
        return TERMINATED;
    };
    let mut x = first & (u64::MAX << (doc % 64));
    loop {
        if x != 0 {
            return (w * 64) as DocId + x.trailing_zeros();
        }
        w += 1;
        match bits.get(w) {
            Some(&next) => x = next,
            None => return TERMINATED,
        }
    }
}

/// The position of a match among a segment's matches (`bits`, in document order): the
/// matches before each 64-document word, plus those before the document in its word.
struct MatchRanks {
    before: Vec<u32>,
}

impl MatchRanks {
    fn new(bits: &[u64]) -> Self {
        let mut before = Vec::with_capacity(bits.len());
        let mut count = 0u32;
        for x in bits {
            before.push(count);
            count += x.count_ones();
        }
        MatchRanks { before }
    }

    /// The rank of `doc`, a match of `bits`.
    fn rank(&self, bits: &[u64], doc: DocId) -> usize {
        let (w, b) = (doc as usize / 64, doc % 64);
        let below = bits
            .get(w)
            .map_or(0, |x| (x & ((1u64 << b) - 1)).count_ones());
        (self.before.get(w).copied().unwrap_or(0) + below) as usize
    }
}

/// The score of every match of a segment (`bits`, `n` of them; in document order): the sum of
/// the weighted scores of the terms it contains. Each term's postings skip from match to
/// match, so only matches are scored and blocks without a match are not decoded.
#[cfg(test)]
fn score_matches(
    terms: &[(Box<dyn tantivy::query::Weight>, f32)],
    reader: &tantivy::SegmentReader,
    bits: &[u64],
    n: usize,
) -> Result<Vec<f32>> {
    use tantivy::{DocSet, TERMINATED};
    let ranks = MatchRanks::new(bits);
    let mut scores = vec![0f32; n];
    for (weight, boost) in terms {
        let mut scorer = weight.scorer(reader, *boost)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            let target = next_match(bits, doc);
            if target == TERMINATED {
                break;
            }
            if target > doc {
                doc = scorer.seek(target);
                continue;
            }
            if let Some(s) = scores.get_mut(ranks.rank(bits, doc)) {
                *s += scorer.score();
            }
            doc = scorer.advance();
        }
    }
    Ok(scores)
}

/// [`Scoring::Stream`] and [`Scoring::Seek`]: the references the tests compare
/// [`Scoring::Select`] with. Pushes the matches (`bits`, listed in `docs`) with their scores
/// into `top`.
#[cfg(test)]
fn reference_top(
    mode: Scoring,
    conjunction: &Conjunction,
    searcher: &Searcher,
    reader: &tantivy::SegmentReader,
    bits: &[u64],
    docs: &[DocId],
    top: &mut TopK,
) -> Result<()> {
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    if mode == Scoring::Stream {
        let union = compile::term_union(conjunction.terms.clone()).weight(scoring)?;
        union.for_each(reader, &mut |doc, score| {
            let (w, b) = (doc as usize / 64, doc % 64);
            if bits.get(w).is_some_and(|x| x >> b & 1 == 1) {
                top.push(score, doc);
            }
        })?;
        return Ok(());
    }
    let terms = conjunction
        .terms
        .iter()
        .map(|(t, boost)| {
            let q = TermQuery::new(t.clone(), IndexRecordOption::WithFreqs);
            Ok((q.weight(scoring)?, *boost))
        })
        .collect::<tantivy::Result<Vec<_>>>()?;
    let scores = score_matches(&terms, reader, bits, docs.len())?;
    for (&doc, &score) in docs.iter().zip(&scores) {
        top.push(score, doc);
    }
    Ok(())
}

/// Postings per block of a posting list (tantivy's compression block; the last is shorter).
const BLOCK: usize = 128;

/// `score_matches` (the test reference) reading each term's postings block by block instead of skipping: each
/// posting's bit is tested (the matches of a block gathered without a branch per posting),
/// only matches are scored (term frequency and field length looked
/// up, tantivy's BM25 weight of the term with its boost). The same sums in the same order as
/// `score_matches`, so the same scores bit for bit.
fn score_matches_streamed(
    terms: &[(Term, tantivy::query::Bm25Weight)],
    reader: &tantivy::SegmentReader,
    bits: &[u64],
    n: usize,
) -> Result<Vec<f32>> {
    let io = tantivy::TantivyError::from;
    let ranks = MatchRanks::new(bits);
    let mut scores = vec![0f32; n];
    for (term, weight) in terms {
        let field = term.field();
        let inverted = reader.inverted_index(field)?;
        let Some(info) = inverted.get_term_info(term).map_err(io)? else {
            continue;
        };
        let norms = match reader.fieldnorms_readers().get_field(field)? {
            Some(norms) => norms,
            None => tantivy::fieldnorm::FieldNormReader::constant(reader.max_doc(), 1),
        };
        let mut block = inverted
            .read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)
            .map_err(io)?;
        // Positions in the block of the postings that are matches, gathered without a branch
        // per posting (about a third of a dense word's postings match: a branch on each is
        // often mispredicted), then scored.
        let mut hits = [0u8; BLOCK];
        while !block.docs().is_empty() {
            let (docs, freqs) = (block.docs(), block.freqs());
            // Blocks hold at most `BLOCK` postings; should one hold more, it is read in pieces.
            for start in (0..docs.len()).step_by(BLOCK) {
                let piece = docs.get(start..).unwrap_or_default();
                let mut m = 0usize;
                for (i, &doc) in piece.iter().take(BLOCK).enumerate() {
                    let x = bits.get(doc as usize / 64).copied().unwrap_or(0);
                    if let Some(h) = hits.get_mut(m) {
                        *h = i as u8;
                    }
                    m += (x >> (doc % 64) & 1) as usize;
                }
                for &i in hits.get(..m).unwrap_or_default() {
                    let at = start + i as usize;
                    let (Some(&doc), Some(&tf)) = (docs.get(at), freqs.get(at)) else {
                        continue;
                    };
                    if let Some(s) = scores.get_mut(ranks.rank(bits, doc)) {
                        *s += weight.score(norms.fieldnorm_id(doc), tf);
                    }
                }
            }
            block.advance();
        }
    }
    Ok(scores)
}

/// The best `k` (score, document) of one segment with tantivy's rule for ties: a later
/// document never displaces an earlier one with the same score.
struct TopK {
    k: usize,
    heap: BinaryHeap<std::cmp::Reverse<Ranked>>,
}

/// A scored document ordered by score, then earlier document first.
#[derive(PartialEq)]
struct Ranked(f32, DocId);

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0
            .total_cmp(&other.0)
            .then_with(|| other.1.cmp(&self.1))
    }
}

impl TopK {
    fn new(k: usize) -> Self {
        TopK {
            k,
            // Grows with the documents offered: a huge offset allocates nothing up front.
            heap: BinaryHeap::with_capacity(k.min(1024) + 1),
        }
    }

    /// Offer a document; returns the score a document must exceed to enter.
    fn push(&mut self, score: f32, doc: DocId) -> f32 {
        if self.heap.len() < self.k {
            self.heap.push(std::cmp::Reverse(Ranked(score, doc)));
        } else if let Some(mut worst) = self.heap.peek_mut() {
            if score > worst.0 .0 {
                *worst = std::cmp::Reverse(Ranked(score, doc));
            }
        }
        self.threshold()
    }

    fn threshold(&self) -> f32 {
        match self.heap.peek() {
            Some(worst) if self.heap.len() >= self.k => worst.0 .0,
            _ => f32::MIN,
        }
    }
}

/// A conjunction's words with at least this many postings in all run their segments on two
/// threads ([`NewsIndex::collect_conjunction`]).
const PARALLEL_POSTINGS: u64 = 50_000;

/// Whether the process may run two threads at once.
fn two_cores() -> bool {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get())) > 1
}

/// `job(i)` for every `i < sizes.len()` on the calling thread and one more, the largest
/// (`sizes`) first, each taking the next unclaimed one; the results in the order of `i`.
fn on_two_threads<R: Send>(sizes: &[u32], job: impl Fn(usize) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes.get(i).copied().unwrap_or(0)));
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
            done.push((i, job(i)));
        }
        done
    };
    let (mut done, other) = std::thread::scope(|scope| {
        let helper = scope.spawn(work);
        let mine = work();
        (mine, helper.join())
    });
    match other {
        Ok(theirs) => done.extend(theirs),
        // A panic on the helper thread is the caller's panic (searches catch it).
        Err(payload) => std::panic::resume_unwind(payload),
    }
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// `job` for every segment of `readers`, the results in segment order: on two threads
/// ([`on_two_threads`]) when the search reads at least [`PARALLEL_POSTINGS`] `postings` and the
/// index has several segments, else on the calling thread (starting a thread costs tens of
/// microseconds). Either way each segment's result is the same.
fn per_segment<R: Send>(
    readers: &[tantivy::SegmentReader],
    postings: u64,
    job: impl Fn(usize) -> R + Sync,
) -> Vec<R> {
    let parallel = postings >= PARALLEL_POSTINGS && readers.len() > 1 && two_cores();
    #[cfg(test)]
    let parallel = tests::TWO_THREADS.with(|t| t.get()).unwrap_or(parallel);
    if parallel {
        let sizes: Vec<u32> = readers.iter().map(|r| r.max_doc()).collect();
        on_two_threads(&sizes, job)
    } else {
        (0..readers.len()).map(job).collect()
    }
}

/// The number of postings of `terms` in the whole index.
fn postings_of_terms<'t>(searcher: &Searcher, terms: impl IntoIterator<Item = &'t Term>) -> u64 {
    terms
        .into_iter()
        .map(|t| searcher.doc_freq(t).unwrap_or(0))
        .fold(0, u64::saturating_add)
}

/// The live documents of a segment's matches (`bits`; the bits of deleted documents are
/// cleared), in document order, and the fruit of `extra` collecting them as one block.
fn live_matches<C: Collector>(
    ord: u32,
    reader: &tantivy::SegmentReader,
    bits: &mut [u64],
    extra: &C,
) -> Result<(Vec<DocId>, <C::Child as SegmentCollector>::Fruit)> {
    let mut docs: Vec<DocId> = Vec::new();
    let alive = reader.alive_bitset();
    for (w, x) in bits.iter_mut().enumerate() {
        let mut rest = *x;
        while rest != 0 {
            let b = rest.trailing_zeros();
            rest &= rest - 1;
            let doc = (w * 64) as DocId + b;
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                *x &= !(1u64 << b);
            } else {
                docs.push(doc);
            }
        }
    }
    let mut child = extra.for_segment(ord, reader)?;
    child.collect_block(&docs);
    Ok((docs, child.harvest()))
}

/// The distinct terms of `query`, in order of first occurrence.
fn query_terms_of(query: &dyn Query) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    query.query_terms(&mut |t, _| {
        if !terms.contains(t) {
            terms.push(t.clone());
        }
    });
    terms
}

/// What one segment of a flat search gives: its page collector's fruit, its number of live
/// matches and the fruit of the extra collector.
type FlatPart<P, F> = (Option<P>, u64, F);

/// [`NewsIndex::collect`] for a flat query ([`Prepared::flat`], a union of terms): per
/// segment, the page by `page`'s own `collect_segment` (tantivy's block-max WAND for a page
/// by relevance; `None` collects no page), and the matches as a bit set read straight from
/// the terms' postings (no union scorer), which give the total and `extra`'s fruit. The
/// pages are merged by `page.merge_fruits` in segment order, so the page is that of
/// `searcher.search(flat, page)`; total and fruit are those of an unscored pass.
///
/// When the terms have at least [`PARALLEL_POSTINGS`] postings in all (and the index several
/// segments), the segments run on two threads ([`on_two_threads`]); the results are the same.
fn collect_flat<P: Collector, C: Collector>(
    searcher: &Searcher,
    flat: &dyn Query,
    page: Option<&P>,
    extra: &C,
) -> Result<(Option<P::Fruit>, u64, C::Fruit)> {
    let terms = query_terms_of(flat);
    let weight = match page {
        Some(p) if p.requires_scoring() => {
            Some(flat.weight(EnableScoring::enabled_from_searcher(searcher))?)
        }
        Some(_) => Some(flat.weight(EnableScoring::disabled_from_searcher(searcher))?),
        None => None,
    };
    let readers = searcher.segment_readers();
    type SegmentFruit<X> = <<X as Collector>::Child as SegmentCollector>::Fruit;
    let job = |ord: usize| -> Result<FlatPart<SegmentFruit<P>, SegmentFruit<C>>> {
        let reader = readers.get(ord).ok_or_else(|| {
            Error::from(tantivy::TantivyError::InternalError(format!(
                "segment {ord} out of range"
            )))
        })?;
        let mut bits = vec![0u64; (reader.max_doc() as usize).div_ceil(64)];
        for term in &terms {
            read_term_bits(reader, term, &mut bits)?;
        }
        let (docs, fruit) = live_matches(ord as u32, reader, &mut bits, extra)?;
        let top = match (page, &weight) {
            (Some(p), Some(w)) => Some(p.collect_segment(&**w, ord as u32, reader)?),
            _ => None,
        };
        Ok((top, docs.len() as u64, fruit))
    };
    let parts = per_segment(readers, postings_of_terms(searcher, &terms), job);
    let mut total = 0u64;
    let mut pages = Vec::with_capacity(parts.len());
    let mut fruits = Vec::with_capacity(parts.len());
    for part in parts {
        let (top, n, fruit) = part?;
        pages.extend(top);
        total += n;
        fruits.push(fruit);
    }
    let merged = match page {
        Some(p) => Some(p.merge_fruits(pages)?),
        None => None,
    };
    Ok((merged, total, extra.merge_fruits(fruits)?))
}

/// The number of postings of `query`'s terms (each occurrence counted): a cheap measure of
/// how much a search reads, to decide whether it runs on two threads.
///
/// The document-type term (`doc_type`, on almost every query that is not a plain union of
/// words) is left out: as a filter it is intersected, and it would make every filtered
/// search look large.
fn postings_of(searcher: &Searcher, query: &dyn Query) -> u64 {
    let doc_type = searcher.schema().get_field("doc_type").ok();
    let mut total = 0u64;
    query.query_terms(&mut |term, _| {
        if Some(term.field()) != doc_type {
            total = total.saturating_add(searcher.doc_freq(term).unwrap_or(0));
        }
    });
    total
}

/// `searcher.search(query, collector)` with scoring as the collector requires, its segments on
/// two threads when `query` reads at least [`PARALLEL_POSTINGS`] postings (and the index has
/// several segments): each segment is collected by `collector.collect_segment` exactly as
/// tantivy does, and the segments' fruits are merged in segment order by
/// `collector.merge_fruits`, so the result is the one of `searcher.search`, whatever thread
/// collected which segment.
fn search_segments<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
) -> Result<C::Fruit> {
    let readers = searcher.segment_readers();
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    let fruits = per_segment(readers, postings_of(searcher, query), |ord| {
        match readers.get(ord) {
            Some(reader) => collector.collect_segment(&*weight, ord as u32, reader),
            None => Err(tantivy::TantivyError::InternalError(format!(
                "segment {ord} out of range"
            ))),
        }
    });
    let fruits = fruits.into_iter().collect::<tantivy::Result<Vec<_>>>()?;
    Ok(collector.merge_fruits(fruits)?)
}

/// What one segment of a conjunction gives: its number of matches, the fruit of the extra
/// collector, its top k as (score, address).
type SegmentPart<F> = (u64, Option<F>, Vec<(f32, DocAddress)>);

/// The per-request state [`ConjunctionSegment::run`] needs for any segment.
struct ConjunctionSegment<'a> {
    /// For the reference scorings of the tests.
    #[cfg(test)]
    searcher: &'a Searcher,
    conjunction: &'a Conjunction,
    /// The filter parts' weights (unscored).
    filters: &'a [Vec<Box<dyn tantivy::query::Weight>>],
    /// The scored terms with their BM25 weights ([`Scoring::Select`] with a page).
    select_terms: Option<&'a [(Term, tantivy::query::Bm25Weight)]>,
    /// Offset + limit.
    k: usize,
}

impl ConjunctionSegment<'_> {
    /// One segment: the matches as a bit set (each part's documents, unscored, kept where the
    /// previous parts matched), the total and `extra`'s fruit from them, and the segment's
    /// top k.
    fn run<C: Collector>(
        &self,
        ord: u32,
        reader: &tantivy::SegmentReader,
        extra: &C,
    ) -> Result<SegmentPart<<C::Child as SegmentCollector>::Fruit>> {
        let conjunction = self.conjunction;
        let words = (reader.max_doc() as usize).div_ceil(64);
        let mut bits: Vec<u64> = Vec::new();
        for i in 0..conjunction.parts.len() {
            let mut part_bits = vec![0u64; words];
            if let Some(terms) = conjunction
                .word_terms
                .get(i)
                .filter(|_| i < conjunction.words)
            {
                for term in terms {
                    read_term_bits(reader, term, &mut part_bits)?;
                }
            } else if let Some(part) = i
                .checked_sub(conjunction.words)
                .and_then(|j| self.filters.get(j))
            {
                for weight in part {
                    weight.for_each_no_score(reader, &mut |block| {
                        for &d in block {
                            if let Some(x) = part_bits.get_mut(d as usize / 64) {
                                *x |= 1 << (d % 64);
                            }
                        }
                    })?;
                }
            }
            if i == 0 {
                bits = part_bits;
            } else {
                for (m, p) in bits.iter_mut().zip(&part_bits) {
                    *m &= p;
                }
            }
            if bits.iter().all(|&x| x == 0) {
                break;
            }
        }
        let (docs, fruit) = live_matches(ord, reader, &mut bits, extra)?;
        let mut page = Vec::new();
        if self.k > 0 && !docs.is_empty() {
            let mut top = TopK::new(self.k);
            match conjunction.scoring {
                Scoring::Select => {
                    let weights = self.select_terms.unwrap_or_default();
                    let scores = score_matches_streamed(weights, reader, &bits, docs.len())?;
                    for (&doc, &score) in docs.iter().zip(&scores) {
                        top.push(score, doc);
                    }
                }
                #[cfg(test)]
                reference => reference_top(
                    reference,
                    conjunction,
                    self.searcher,
                    reader,
                    &bits,
                    &docs,
                    &mut top,
                )?,
            }
            page.extend(
                top.heap
                    .into_iter()
                    .map(|std::cmp::Reverse(Ranked(s, d))| (s, DocAddress::new(ord, d))),
            );
        }
        Ok((docs.len() as u64, Some(fruit), page))
    }
}

impl NewsIndex {
    /// Compile a request into a tantivy query (user query + filters) and a highlight spec.
    pub(crate) fn prepare(
        &self,
        request: &SearchRequest,
        searcher: &Searcher,
        quotes: bool,
    ) -> Result<Prepared> {
        if let (Some(from), Some(to)) = (request.from, request.to) {
            if from > to {
                return Err(Error::InvalidArgument {
                    field: "from",
                    message: format!("{from} is after to={to}"),
                });
            }
        }
        let ast = parse_query(&request.query)?;
        let fields = self.fields();
        let actors = self.actor_aliases();
        let doc_type = if quotes { DOC_QUOTE } else { DOC_ARTICLE };
        let searched = searcher.doc_freq(&Term::from_field_text(fields.doc_type, doc_type))?;
        let mut compiler = compile::Compiler {
            fields,
            actors: &actors,
            highlight: HighlightSpec::default(),
            quotes,
            doc_freqs: compile::DocFreqs { searcher, searched },
        };
        let user = compiler.user_query(&ast)?;
        // Fields only documents of the searched type have: a union of terms on them needs no
        // document-type filter.
        let own_fields = if quotes {
            vec![fields.quote_text]
        } else {
            vec![fields.text, fields.title]
        };
        let flat_terms = compile::flat_terms(&*user, &own_fields);
        let conjunction_parts = conjunction_parts(&*user, &own_fields);
        let own_type_only = compile::only_on_fields(&*user, &own_fields);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, user)];
        if !own_type_only {
            // The filter scores 0, so leaving it out where it is implied changes no score.
            clauses.push((Occur::Must, compile::doc_type(fields, doc_type)));
        }
        if let Some(range) = compile::date_range(fields, request.from, request.to) {
            clauses.push((Occur::Must, range));
        }
        let all = request.facet_match == FacetMatch::All;
        let countries: Vec<String> = request
            .countries
            .iter()
            .map(|c| c.trim().to_uppercase())
            .collect();
        for filter in [
            compile::values_filter(
                if quotes {
                    fields.quote_actor
                } else {
                    fields.actor
                },
                &request.actors,
                all,
            ),
            compile::values_filter(
                if quotes {
                    fields.quote_country
                } else {
                    fields.country
                },
                &countries,
                all,
            ),
            compile::values_filter(
                if quotes {
                    fields.speaker_actor
                } else {
                    fields.quoted_actor
                },
                request.speaker.as_slice(),
                true,
            ),
        ]
        .into_iter()
        .flatten()
        {
            clauses.push((Occur::Must, filter));
        }
        let mut highlight = compiler.highlight;
        // Rarer terms weigh more when picking fragments.
        let total = searcher.num_docs().max(1) as f32;
        let text_field = if quotes {
            fields.quote_text
        } else {
            fields.text
        };
        for (term, weight) in highlight.terms.iter_mut() {
            let df = searcher
                .doc_freq(&Term::from_field_text(text_field, term))
                .unwrap_or(0) as f32;
            *weight = (1.0 + total / (1.0 + df)).ln();
        }
        // Only the user query (its document type implied): the flat union is the same search.
        let flat = flat_terms
            .filter(|_| clauses.len() == 1)
            .map(compile::term_union);
        // Every clause but the user query is a filter scoring 0.
        let conjunction = conjunction_parts.and_then(|mut c| {
            c.parts
                .extend(clauses.iter().skip(1).map(|(_, q)| vec![q.box_clone()]));
            (c.parts.len() >= 2).then_some(c)
        });
        Ok(Prepared {
            query: Box::new(BooleanQuery::new(clauses)),
            flat,
            conjunction,
            highlight,
        })
    }

    /// Exact total, the requested page of document addresses, and the fruit of `extra`
    /// (e.g. facet counts).
    ///
    /// A [`Conjunction`] by relevance goes to [`Self::collect_conjunction`]. A query with a
    /// flat form ([`Prepared::flat`]) by relevance or without a page goes to [`collect_flat`]:
    /// per segment, the page with block-max WAND (only documents that can still enter the top
    /// k are scored) and the total and `extra` from the terms' bit set, unscored. Anything
    /// else (and a flat query by date) runs one pass of tantivy's collectors
    /// ([`search_segments`]). Large searches run their segments on two threads; the results
    /// are those of one thread.
    fn collect<C: Collector>(
        searcher: &Searcher,
        prepared: &Prepared,
        request: &SearchRequest,
        extra: C,
    ) -> Result<Collected<C::Fruit>> {
        let query = &*prepared.query;
        if request.limit > MAX_LIMIT {
            return Err(Error::InvalidArgument {
                field: "limit",
                message: format!("{} is larger than the maximum {MAX_LIMIT}", request.limit),
            });
        }
        if request.limit > 0 && request.offset as u64 >= searcher.num_docs() {
            // A page beyond every document is empty (and offset + limit could overflow in
            // tantivy's top-k collector): count only.
            let count_only = SearchRequest {
                limit: 0,
                ..request.clone()
            };
            return Self::collect(searcher, prepared, &count_only, extra);
        }
        if let (Some(conjunction), Sort::Relevance | Sort::Date, false) = (
            &prepared.conjunction,
            request.sort,
            extra.requires_scoring(),
        ) {
            if request.sort == Sort::Relevance || request.limit == 0 {
                return Self::collect_conjunction(searcher, conjunction, request, extra);
            }
        }
        let flat = prepared.flat.as_deref();
        if request.limit == 0 {
            if let (Some(flat), false) = (flat, extra.requires_scoring()) {
                let (_, total, fruit) = collect_flat::<Count, C>(searcher, flat, None, &extra)?;
                return Ok((total, Vec::new(), fruit));
            }
            let (total, fruit) = search_segments(searcher, query, &(Count, extra))?;
            return Ok((total as u64, Vec::new(), fruit));
        }
        let top = TopDocs::with_limit(request.limit).and_offset(request.offset);
        Ok(match (request.sort, flat, extra.requires_scoring()) {
            (Sort::Relevance, Some(flat), false) => {
                let by_score = top.order_by_score();
                let (page, total, fruit) = collect_flat(searcher, flat, Some(&by_score), &extra)?;
                (total, page.unwrap_or_default(), fruit)
            }
            (Sort::Relevance, _, _) => {
                let (page, total, fruit) =
                    search_segments(searcher, query, &(top.order_by_score(), Count, extra))?;
                (total as u64, page, fruit)
            }
            (Sort::Date, _, _) => {
                // Unscored: the flat form matches the same documents more cheaply. One pass
                // for page, total and counts (the date order reads every match anyway).
                let (page, total, fruit) = search_segments(
                    searcher,
                    flat.unwrap_or(query),
                    &(
                        top.order_by_fast_field::<DateTime>("date", Order::Desc),
                        Count,
                        extra,
                    ),
                )?;
                let page = page.into_iter().map(|(_, addr)| (0.0, addr)).collect();
                (total as u64, page, fruit)
            }
        })
    }

    /// [`Self::collect`] for a [`Conjunction`] sorted by relevance (or without a page): per
    /// segment ([`ConjunctionSegment::run`]), the matches as a bit set, the total and `extra`
    /// from them, and the segment's top k from the scores of the matches only
    /// ([`score_matches_streamed`]); the segments' top k are merged with ties broken by
    /// document address.
    ///
    /// A large conjunction (its words have at least [`PARALLEL_POSTINGS`] postings in all)
    /// runs its segments on two threads: each segment's work and result are the same on
    /// either thread and the results are merged in segment order, so the page, its scores,
    /// the total and the facet counts are identical to the one-thread run. Smaller ones stay
    /// on the calling thread (starting a thread costs tens of microseconds).
    fn collect_conjunction<C: Collector>(
        searcher: &Searcher,
        conjunction: &Conjunction,
        request: &SearchRequest,
        extra: C,
    ) -> Result<Collected<C::Fruit>> {
        let unscored = EnableScoring::disabled_from_searcher(searcher);
        // Filters through their weights; the words' terms are read directly.
        let filters = conjunction
            .parts
            .iter()
            .skip(conjunction.words)
            .map(|p| {
                p.iter()
                    .map(|q| q.weight(unscored))
                    .collect::<tantivy::Result<Vec<_>>>()
            })
            .collect::<tantivy::Result<Vec<_>>>()?;
        let k = request.offset.saturating_add(request.limit);
        let select_terms = match (k, conjunction.scoring) {
            (1.., Scoring::Select) => Some(
                conjunction
                    .terms
                    .iter()
                    .map(|(t, boost)| {
                        let w = tantivy::query::Bm25Weight::for_terms(
                            searcher,
                            std::slice::from_ref(t),
                        )?;
                        Ok((t.clone(), w.boost_by(*boost)))
                    })
                    .collect::<tantivy::Result<Vec<_>>>()?,
            ),
            _ => None,
        };
        let segment = ConjunctionSegment {
            #[cfg(test)]
            searcher,
            conjunction,
            filters: &filters,
            select_terms: select_terms.as_deref(),
            k,
        };
        let readers = searcher.segment_readers();
        let job = |ord: usize| match readers.get(ord) {
            Some(reader) => segment.run(ord as u32, reader, &extra),
            None => Ok((0, None, Vec::new())),
        };
        let postings = postings_of_terms(searcher, conjunction.word_terms.iter().flatten());
        let parts = per_segment(readers, postings, job);
        let mut total = 0u64;
        let mut fruits = Vec::with_capacity(parts.len());
        let mut page: Vec<(f32, DocAddress)> = Vec::new();
        for part in parts {
            let (n, fruit, top) = part?;
            total += n;
            fruits.extend(fruit);
            page.extend(top);
        }
        page.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let page = page
            .into_iter()
            .skip(request.offset)
            .take(request.limit)
            .collect();
        Ok((total, page, extra.merge_fruits(fruits)?))
    }

    /// Search articles.
    ///
    /// When nothing matches and some words of the query occur nowhere in the index, the
    /// search is repeated once with those words replaced by the closest indexed words (edit
    /// distance ≤ 2); if that finds something, its results are returned with
    /// [`SearchResults::suggestion`] set and [`SearchResults::fuzzy`] `true`.
    ///
    /// ```
    /// use pressespiegel::{Article, index::NewsIndex, search::SearchRequest};
    ///
    /// let index = NewsIndex::create_in_ram()?;
    /// let mut w = index.writer()?;
    /// w.add(Article { id: "1".into(), title: "Selenskyj in Berlin".into(),
    ///     text: "Der ukrainische Präsident besucht Berlin.".into(), ..Default::default() })?;
    /// w.commit()?;
    /// let results = index.search(&SearchRequest::new("Selenksyj Berlin"))?;
    /// assert_eq!(results.suggestion.as_deref(), Some("Selenskyj Berlin"));
    /// assert!(results.fuzzy);
    /// assert_eq!(results.total, 1);
    /// # Ok::<(), pressespiegel::Error>(())
    /// ```
    ///
    /// A panic inside tantivy (it can happen on damaged segment files) is returned as
    /// [`Error::Corrupt`], never propagated.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        self.guard("the search", || self.search_unguarded(request))
    }

    fn search_unguarded(&self, request: &SearchRequest) -> Result<SearchResults> {
        let results = self.search_as_typed(request)?;
        if results.total > 0 || request.query.trim().is_empty() {
            return Ok(results);
        }
        let searcher = self.searcher();
        let ast = parse_query(&request.query)?;
        let Some(suggestion) = suggest::suggest(&searcher, self.fields(), &request.query, &ast)?
        else {
            return Ok(results);
        };
        let retry = SearchRequest {
            query: suggestion.clone(),
            ..request.clone()
        };
        // The retry is a bonus: if it fails or finds nothing, the query as typed answers.
        let mut fuzzy = match self.search_as_typed(&retry) {
            Ok(fuzzy) if fuzzy.total > 0 => fuzzy,
            _ => return Ok(results),
        };
        fuzzy.suggestion = Some(suggestion);
        fuzzy.fuzzy = true;
        Ok(fuzzy)
    }

    fn search_as_typed(&self, request: &SearchRequest) -> Result<SearchResults> {
        let searcher = self.searcher();
        let prepared = self.prepare(request, &searcher, false)?;
        let counts = (request.facets > 0).then(|| {
            facets::ValueCounts::new(&facets::FACET_FIELDS)
                .with_cache(std::sync::Arc::clone(self.facet_cache()))
        });
        let (total, page, counts) = Self::collect(&searcher, &prepared, request, counts)?;
        let options = SnippetOptions {
            max_fragments: request.snippets,
            max_chars: request.snippet_chars,
        };
        let fields = self.fields();
        let mut hits = Vec::with_capacity(page.len());
        for (score, addr) in page {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let article = read_article(fields, &doc);
            let mut snippets = snippet::snippets(&article.text, &prepared.highlight, &options);
            attach_speakers(&doc, fields, &mut snippets);
            hits.push(Hit {
                id: article.id,
                title: article.title,
                date: article.date,
                source: article.source,
                agency: article.agency,
                place: article.place,
                url: article.url,
                score,
                snippets,
                actor: all_str(&doc, fields.actor),
                country: all_str(&doc, fields.country),
            });
        }
        if request.sort == Sort::Relevance {
            // Deterministic order among equal scores.
            hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        }
        let facets = counts.map(|c| facets::facets_from_counts(c, request.facets));
        Ok(SearchResults {
            total,
            hits,
            facets,
            suggestion: None,
            fuzzy: false,
        })
    }

    /// How often values of `a` and `b` occur in the same article, over the articles matching
    /// `request` (its paging and snippet settings are ignored). Top `k` pairs by count; for
    /// `a == b` each unordered pair appears once.
    pub fn cooccurrence(
        &self,
        request: &SearchRequest,
        a: FacetField,
        b: FacetField,
        k: usize,
    ) -> Result<Vec<Cooccurrence>> {
        self.guard("the co-occurrence count", || {
            let searcher = self.searcher();
            let prepared = self.prepare(request, &searcher, false)?;
            trends::cooccurrence(
                &searcher,
                &*prepared.query,
                Some(self.facet_cache()),
                a,
                b,
                k,
            )
        })
    }

    /// Monthly article counts over the articles matching `request`: one series overall
    /// (`field = None`) or one per top-`top` value of `field`.
    pub fn time_series(
        &self,
        request: &SearchRequest,
        field: Option<FacetField>,
        top: usize,
    ) -> Result<Vec<TimeSeries>> {
        self.guard("the time series", || {
            let searcher = self.searcher();
            let prepared = self.prepare(request, &searcher, false)?;
            trends::time_series(
                &searcher,
                &*prepared.query,
                Some(self.facet_cache()),
                field,
                top,
            )
        })
    }
}

impl NewsIndex {
    /// Search quotations: the query runs on the quotation text; `speaker` filters by the
    /// speaker's canonical actor; dates, actors and countries filter by the quoting article.
    /// With `facets > 0` the top speakers are counted.
    ///
    /// "What did Xi Jinping say about Taiwan?" is
    /// `SearchRequest::new("Taiwan").speaker("Xi Jinping")`.
    pub fn search_quotes(&self, request: &SearchRequest) -> Result<QuoteResults> {
        self.guard("the quotation search", || {
            self.search_quotes_unguarded(request)
        })
    }

    fn search_quotes_unguarded(&self, request: &SearchRequest) -> Result<QuoteResults> {
        let searcher = self.searcher();
        let prepared = self.prepare(request, &searcher, true)?;
        let counts = (request.facets > 0).then(|| facets::ValueCounts::new(&["speaker_actor"]));
        let (total, page, counts) = Self::collect(&searcher, &prepared, request, counts)?;
        let f = self.fields();
        let mut hits = Vec::with_capacity(page.len());
        for (score, addr) in page {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let first = |field| all_str(&doc, field).into_iter().next();
            let text = first(f.quote_text).unwrap_or_default();
            let char_of = |b: usize| text[..b].chars().count();
            let highlights = snippet::highlights(&text, &prepared.highlight)
                .into_iter()
                .map(|r| [char_of(r.start), char_of(r.end)])
                .collect();
            let article = read_article(f, &doc);
            hits.push(QuoteHit {
                article_id: article.id,
                title: first(f.article_title).unwrap_or_default(),
                kind: first(f.quote_kind).unwrap_or_default(),
                speaker: first(f.speaker),
                actor: first(f.speaker_actor),
                date: article.date,
                score,
                highlights,
                text,
            });
        }
        if request.sort == Sort::Relevance {
            hits.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then_with(|| a.article_id.cmp(&b.article_id))
                    .then_with(|| a.text.cmp(&b.text))
            });
        }
        let speakers =
            counts.map(|c| facets::top_k(c.into_iter().next().unwrap_or_default(), request.facets));
        Ok(QuoteResults {
            total,
            hits,
            speakers,
        })
    }
}

/// Give each snippet that shows (part of) an attributed quotation the quotation's speaker.
fn attach_speakers(
    doc: &TantivyDocument,
    fields: &crate::index::Fields,
    snippets: &mut [snippet::Snippet],
) {
    if snippets.is_empty() {
        return;
    }
    let Some(raw) = all_str(doc, fields.entities_json).into_iter().next() else {
        return;
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(&raw) else {
        return;
    };
    let Some(quotes) = value["quotes"].as_array() else {
        return;
    };
    for s in snippets.iter_mut() {
        let range = s.article_range();
        let speaker = quotes.iter().find_map(|q| {
            let overlaps = q["spans"].as_array()?.iter().any(|span| {
                let (a, b) = (
                    span[0].as_u64().unwrap_or(0) as usize,
                    span[1].as_u64().unwrap_or(0) as usize,
                );
                a < range.end && range.start < b
            });
            overlaps
                .then(|| q["speaker"].as_str().map(str::to_string))
                .flatten()
        });
        s.set_speaker(speaker);
    }
}

/// `articles` generated demo articles (seed `seed`) committed `per_commit` at a time, then
/// every `delete_every`-th of them deleted: an index with several segments and deletions, for
/// tests of the per-segment collection paths.
#[cfg(test)]
pub(crate) fn segmented_demo_index(
    seed: u64,
    articles: usize,
    per_commit: usize,
    delete_every: usize,
) -> NewsIndex {
    use crate::corpus::CorpusGenerator;
    let index = NewsIndex::create_in_ram().expect("index");
    let mut w = index.writer().expect("writer");
    let generator = CorpusGenerator::demo(seed).expect("generator");
    for (i, a) in generator.articles(articles).enumerate() {
        w.add(a).expect("add");
        if i % per_commit == per_commit - 1 {
            w.commit().expect("commit");
        }
    }
    for a in generator.articles(articles).step_by(delete_every) {
        w.delete(&a.id);
    }
    w.commit().expect("commit");
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::CorpusGenerator;

    fn index() -> NewsIndex {
        let index = NewsIndex::create_in_ram().expect("index");
        let mut w = index.writer().expect("writer");
        let generator = CorpusGenerator::demo(7).expect("generator");
        for a in generator.articles(400) {
            w.add(a).expect("add");
        }
        w.commit().expect("commit");
        index
    }

    /// The two-pass search of a flat query (block-max WAND page, unscored count and facets)
    /// returns what one scored pass over the full query returns.
    #[test]
    fn flat_two_pass_equals_one_scored_pass() {
        let index = index();
        let searcher = index.searcher();
        let mut flat_seen = 0;
        for q in [
            "Regierung",
            "Präsident",
            "Krieg",
            "Sanktionen",
            "Wahl OR Polizei",
            "Merkel",
            "Bundestag",
            "präsid*",
        ] {
            for offset in [0, 7] {
                let request = SearchRequest::new(q).facets(10).offset(offset);
                let prepared = index.prepare(&request, &searcher, false).expect("prepare");
                let counts = || Some(facets::ValueCounts::new(&facets::FACET_FIELDS));
                let two = NewsIndex::collect(&searcher, &prepared, &request, counts()).unwrap();
                let Prepared {
                    query,
                    flat,
                    highlight,
                    ..
                } = prepared;
                let is_flat = flat.is_some();
                flat_seen += usize::from(is_flat);
                let single = Prepared {
                    query,
                    flat: None,
                    conjunction: None,
                    highlight,
                };
                let one = NewsIndex::collect(&searcher, &single, &request, counts()).unwrap();
                assert_eq!(two.0, one.0, "{q}: total");
                assert!(
                    !is_flat || two.0 > 20,
                    "{q}: too few matches to test pruning"
                );
                let addrs = |p: &[(f32, DocAddress)]| p.iter().map(|(_, a)| *a).collect::<Vec<_>>();
                assert_eq!(addrs(&two.1), addrs(&one.1), "{q}: page");
                for ((s2, _), (s1, _)) in two.1.iter().zip(&one.1) {
                    assert!((s2 - s1).abs() <= 1e-4 * s1.abs(), "{q}: {s2} vs {s1}");
                }
                assert_eq!(two.2, one.2, "{q}: facet counts");
            }
        }
        // Plain words and ORs of words take the flat path (the test would prove nothing
        // otherwise); so does a compound whose parts are common (Bundestag: no parts clause); prefixes and
        // actor names do not.
        assert_eq!(flat_seen, 12, "flat path taken {flat_seen} times");
    }

    /// The conjunction path (bit-set matches, only matches scored) returns what one scored
    /// pass over the full query returns: total, page, scores (up to the order of float
    /// additions) and facet counts; on several segments with deletions.
    #[test]
    fn conjunction_equals_one_scored_pass() {
        let index = segmented_demo_index(5, 600, 150, 29);
        let searcher = index.searcher();
        assert!(searcher.segment_readers().len() >= 3);
        let mut taken = 0;
        let mut requests = Vec::new();
        for q in [
            "Regierung Präsident",
            "Regierung Wahl",
            "Krieg Frieden",
            "Präsident Minister Regierung",
            "Regierung",
            "Wahl OR Polizei",
        ] {
            requests.push(SearchRequest::new(q).facets(10));
            requests.push(SearchRequest::new(q).facets(10).offset(5).limit(7));
            requests.push(SearchRequest::new(q).limit(0).facets(5));
            requests.push(SearchRequest::new(q).actor("Angela Merkel").facets(10));
            requests.push(SearchRequest::new(q).country("DE").facets(3));
        }
        let modes = [Scoring::Select, Scoring::Stream, Scoring::Seek];
        for (request, mode) in requests
            .into_iter()
            .flat_map(|r| modes.map(|m| (r.clone(), m)))
        {
            let q = format!("{request:?} {mode:?}");
            let mut prepared = index.prepare(&request, &searcher, false).expect("prepare");
            if let Some(c) = &mut prepared.conjunction {
                c.scoring = mode;
            }
            let counts = || Some(facets::ValueCounts::new(&facets::FACET_FIELDS));
            let ours = NewsIndex::collect(&searcher, &prepared, &request, counts()).unwrap();
            taken += usize::from(prepared.conjunction.is_some() && mode == Scoring::Select);
            let single = Prepared {
                query: prepared.query.box_clone(),
                flat: None,
                conjunction: None,
                highlight: HighlightSpec::default(),
            };
            let theirs = NewsIndex::collect(&searcher, &single, &request, counts()).unwrap();
            assert_eq!(ours.0, theirs.0, "{q}: total");
            let addrs = |p: &[(f32, DocAddress)]| p.iter().map(|(_, a)| *a).collect::<Vec<_>>();
            assert_eq!(addrs(&ours.1), addrs(&theirs.1), "{q}: page");
            for ((a, _), (b, _)) in ours.1.iter().zip(&theirs.1) {
                assert!((a - b).abs() <= 1e-4 * b.abs(), "{q}: {a} vs {b}");
            }
            assert_eq!(ours.2, theirs.2, "{q}: facet counts");
            assert!(
                request.limit == 0 || ours.0 == 0 || !ours.1.is_empty(),
                "{q}"
            );
        }
        // ANDs of words (5 requests each), and a word or an OR of words under a filter (2
        // each; without a filter they take the flat path).
        assert_eq!(taken, 4 * 5 + 2 * 2, "conjunction path taken {taken} times");
    }

    thread_local! {
        /// Tests only: run a conjunction's segments on two threads (`Some(true)`) or on one
        /// (`Some(false)`) whatever its size.
        pub(super) static TWO_THREADS: std::cell::Cell<Option<bool>> =
            const { std::cell::Cell::new(None) };
    }

    /// `f` with a conjunction's segments on two threads or on one.
    fn with_threads<T>(two: bool, f: impl FnOnce() -> T) -> T {
        TWO_THREADS.with(|t| t.set(Some(two)));
        let out = f();
        TWO_THREADS.with(|t| t.set(None));
        out
    }

    /// The page of a conjunction scored with `Scoring::Select` (the search's mode; on one
    /// thread, and on two with facets counted from memory) and with `Scoring::Seek` (one
    /// thread): exactly the same documents in the same order with bit-identical scores, the
    /// same total and facet counts. Returns whether the request is a conjunction.
    fn assert_select_equals_seek(index: &NewsIndex, request: &SearchRequest) -> bool {
        let searcher = index.searcher();
        let mut prepared = index.prepare(request, &searcher, false).expect("prepare");
        let Some(c) = prepared.conjunction.as_mut() else {
            return false;
        };
        c.scoring = Scoring::Select;
        let counts = || Some(facets::ValueCounts::new(&facets::FACET_FIELDS));
        let select = with_threads(false, || {
            NewsIndex::collect(&searcher, &prepared, request, counts()).unwrap()
        });
        let cached = Some(
            facets::ValueCounts::new(&facets::FACET_FIELDS)
                .with_cache(std::sync::Arc::clone(index.facet_cache())),
        );
        let two = with_threads(true, || {
            NewsIndex::collect(&searcher, &prepared, request, cached).unwrap()
        });
        if let Some(c) = prepared.conjunction.as_mut() {
            c.scoring = Scoring::Seek;
        }
        let seek = with_threads(false, || {
            NewsIndex::collect(&searcher, &prepared, request, counts()).unwrap()
        });
        let q = format!("{request:?}");
        assert_eq!(select.0, seek.0, "{q}: total");
        let bits =
            |p: &[(f32, DocAddress)]| p.iter().map(|(s, a)| (s.to_bits(), *a)).collect::<Vec<_>>();
        assert_eq!(bits(&select.1), bits(&seek.1), "{q}: page and scores");
        assert_eq!(select.2, seek.2, "{q}: facet counts");
        assert_eq!(two.0, seek.0, "{q}: total on two threads");
        assert_eq!(
            bits(&two.1),
            bits(&seek.1),
            "{q}: page and scores on two threads"
        );
        assert_eq!(
            two.2, seek.2,
            "{q}: facet counts on two threads, from memory"
        );
        true
    }

    /// Demo indexes of different sizes and segmentations (with deletions), built once.
    fn random_indexes() -> &'static [NewsIndex] {
        static INDEXES: std::sync::OnceLock<Vec<NewsIndex>> = std::sync::OnceLock::new();
        INDEXES.get_or_init(|| {
            vec![
                segmented_demo_index(21, 120, 120, 1000),
                segmented_demo_index(22, 300, 40, 13),
                segmented_demo_index(23, 900, 300, 7),
            ]
        })
    }

    const RANDOM_WORDS: [&str; 14] = [
        "Regierung",
        "Präsident",
        "Wahl",
        "Krieg",
        "Frieden",
        "Minister",
        "Polizei",
        "Sanktionen",
        "Parlament",
        "Berlin",
        "Russland",
        "sagte",
        "Bundestag",
        "EU",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// Random ANDs of 1–3 words, optionally filtered, random pages, on indexes of one or
        /// several segments with deletions: the search's scoring (`Select`) gives exactly the
        /// page, scores and counts of skipping from match to match (`Seek`).
        #[test]
        fn select_scoring_equals_seek_scoring_on_random_queries(
            which in 0usize..3,
            words in proptest::collection::vec(0usize..RANDOM_WORDS.len(), 1..4),
            filter in 0usize..3,
            offset in 0usize..30,
            limit in 1usize..40,
        ) {
            let index = &random_indexes()[which];
            let query: Vec<&str> = words.iter().map(|&w| RANDOM_WORDS[w]).collect();
            let mut r = SearchRequest::new(query.join(" ")).facets(3).offset(offset).limit(limit);
            match filter {
                1 => r = r.actor("Angela Merkel"),
                2 => r = r.country("DE"),
                _ => {}
            }
            let conjunction = assert_select_equals_seek(index, &r);
            proptest::prop_assert!(conjunction || (words.len() == 1 && filter == 0));
        }
    }

    /// The flat path ([`collect_flat`]: page by tantivy's collector per segment, total and
    /// facet counts from the terms' bit sets, on one thread or two) against what the search
    /// did before it: `searcher.search` of the flat query with the page collector, then with
    /// `Count` and the facet counter. Same page, bit-identical scores, same total and counts.
    fn assert_flat_equals_tantivy(index: &NewsIndex, request: &SearchRequest) -> bool {
        let searcher = index.searcher();
        let prepared = index.prepare(request, &searcher, false).expect("prepare");
        let Some(flat) = prepared.flat.as_deref() else {
            return false;
        };
        let counts =
            || (request.facets > 0).then(|| facets::ValueCounts::new(&facets::FACET_FIELDS));
        let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
        let page: Vec<(f32, DocAddress)> = match (request.limit, request.sort) {
            (0, _) => Vec::new(),
            (_, Sort::Relevance) => searcher.search(flat, &top.order_by_score()).unwrap(),
            (_, Sort::Date) => searcher
                .search(
                    flat,
                    &top.order_by_fast_field::<DateTime>("date", Order::Desc),
                )
                .unwrap()
                .into_iter()
                .map(|(_, a)| (0.0, a))
                .collect(),
        };
        let (total, fruit) = searcher.search(flat, &(Count, counts())).unwrap();
        let bits =
            |p: &[(f32, DocAddress)]| p.iter().map(|(s, a)| (s.to_bits(), *a)).collect::<Vec<_>>();
        let q = format!("{request:?}");
        for two in [false, true] {
            let cached = (request.facets > 0).then(|| {
                facets::ValueCounts::new(&facets::FACET_FIELDS)
                    .with_cache(std::sync::Arc::clone(index.facet_cache()))
            });
            for extra in [counts(), cached] {
                let ours = with_threads(two, || {
                    NewsIndex::collect(&searcher, &prepared, request, extra).unwrap()
                });
                assert_eq!(ours.0, total as u64, "{q} two threads {two}: total");
                assert_eq!(bits(&ours.1), bits(&page), "{q} two threads {two}: page");
                assert_eq!(ours.2, fruit, "{q} two threads {two}: facet counts");
            }
        }
        true
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(40))]
        /// Random words and ORs of words, by relevance or date, random pages (none included)
        /// with or without facet counts, on indexes of one or several segments with
        /// deletions: the flat path on one thread and on two gives what tantivy's collectors
        /// give on the flat query.
        #[test]
        fn flat_path_equals_tantivy_search_on_random_queries(
            which in 0usize..3,
            words in proptest::collection::vec(0usize..RANDOM_WORDS.len(), 1..3),
            by_date in proptest::bool::ANY,
            facets in 0usize..2,
            offset in 0usize..30,
            limit in 0usize..40,
        ) {
            let index = &random_indexes()[which];
            let query: Vec<&str> = words.iter().map(|&w| RANDOM_WORDS[w]).collect();
            let sort = if by_date { Sort::Date } else { Sort::Relevance };
            let r = SearchRequest::new(query.join(" OR "))
                .facets(facets * 4)
                .offset(offset)
                .limit(limit)
                .sort(sort);
            let flat = assert_flat_equals_tantivy(index, &r);
            proptest::prop_assert!(flat, "{r:?} is not flat");
        }
    }

    /// Searches through tantivy's collectors (phrases, prefixes, exclusions, filters, by
    /// relevance and by date, with and without a page and facet counts) give exactly the same
    /// page, scores, total and counts with their segments on two threads as on one.
    #[test]
    fn searches_on_two_threads_equal_one_thread() {
        let mut seen = 0;
        for index in random_indexes() {
            let searcher = index.searcher();
            for q in [
                "\"Vereinten Nationen\"",
                "\"sagte er\"",
                "präsid*",
                "Regierung -Wahl",
                "Regierung OR \"Europäischen Union\"",
                "title:Krieg",
                "",
            ] {
                for sort in [Sort::Relevance, Sort::Date] {
                    for (offset, limit) in [(0, 10), (3, 7), (0, 0)] {
                        let r = SearchRequest::new(q)
                            .sort(sort)
                            .offset(offset)
                            .limit(limit)
                            .facets(5);
                        let prepared = index.prepare(&r, &searcher, false).expect("prepare");
                        let counts = || Some(facets::ValueCounts::new(&facets::FACET_FIELDS));
                        let [one, two] = [false, true].map(|t| {
                            with_threads(t, || {
                                NewsIndex::collect(&searcher, &prepared, &r, counts()).unwrap()
                            })
                        });
                        let bits = |p: &[(f32, DocAddress)]| {
                            p.iter().map(|(s, a)| (s.to_bits(), *a)).collect::<Vec<_>>()
                        };
                        assert_eq!(one.0, two.0, "{r:?}: total");
                        assert_eq!(bits(&one.1), bits(&two.1), "{r:?}: page");
                        assert_eq!(one.2, two.2, "{r:?}: facet counts");
                        seen += usize::from(one.0 > 0 && !one.1.is_empty());
                    }
                }
            }
        }
        assert!(seen > 60, "only {seen} searches with matches");
    }

    /// A page far beyond the matches is empty, with the exact total, on every path.
    #[test]
    fn a_huge_offset_gives_an_empty_page() {
        let index = index();
        for q in ["Regierung Präsident", "Regierung", "\"Vereinten Nationen\""] {
            let all = index.search(&SearchRequest::new(q)).expect("search");
            assert!(all.total > 0, "{q}");
            for request in [
                SearchRequest::new(q).offset(usize::MAX - 3),
                SearchRequest::new(q).offset(usize::MAX - 3).facets(5),
            ] {
                let far = index.search(&request).expect("search");
                assert!(far.hits.is_empty(), "{q}");
                assert_eq!(far.total, all.total, "{q}");
            }
        }
    }

    /// Leaving out the document-type filter where the query implies it changes neither the
    /// matches nor the scores.
    #[test]
    fn implied_document_type_filter_changes_nothing() {
        let index = index();
        let searcher = index.searcher();
        for q in [
            "Regierung Wahl",
            "\"Vereinten Nationen\"",
            "Regierung -Wahl",
            "Wahl OR Polizei",
            "Merkel",
            "präsid*",
            "title:Krieg",
            "-Regierung",
            "",
        ] {
            let request = SearchRequest::new(q).facets(5);
            let prepared = index.prepare(&request, &searcher, false).expect("prepare");
            let counts = || Some(facets::ValueCounts::new(&facets::FACET_FIELDS));
            let ours = NewsIndex::collect(&searcher, &prepared, &request, counts()).unwrap();
            let filtered = Prepared {
                query: Box::new(BooleanQuery::new(vec![
                    (Occur::Must, prepared.query.box_clone()),
                    (Occur::Must, compile::doc_type(index.fields(), DOC_ARTICLE)),
                ])),
                flat: None,
                conjunction: None,
                highlight: HighlightSpec::default(),
            };
            let theirs = NewsIndex::collect(&searcher, &filtered, &request, counts()).unwrap();
            assert_eq!(ours.0, theirs.0, "{q}: total");
            if prepared.flat.is_some() || prepared.conjunction.is_some() {
                // Block-max WAND and the conjunction path add the same term scores in another
                // order (last-bit differences); the tests above cover these cases.
                let addrs = |p: &[(f32, DocAddress)]| p.iter().map(|(_, a)| *a).collect::<Vec<_>>();
                assert_eq!(addrs(&ours.1), addrs(&theirs.1), "{q}: page");
            } else {
                assert_eq!(ours.1, theirs.1, "{q}: page and scores");
            }
            assert_eq!(ours.2, theirs.2, "{q}: facet counts");
        }
    }

    #[test]
    fn filters_and_phrases_are_not_flat() {
        let index = index();
        let searcher = index.searcher();
        let flat = |r: SearchRequest| {
            index
                .prepare(&r, &searcher, false)
                .expect("prepare")
                .flat
                .is_some()
        };
        assert!(flat(SearchRequest::new("Regierung")));
        assert!(!flat(
            SearchRequest::new("Regierung").actor("Angela Merkel")
        ));
        assert!(!flat(SearchRequest::new("\"Vereinten Nationen\"")));
        assert!(!flat(SearchRequest::new("Regierung -Wahl")));
        assert!(!flat(SearchRequest::new("Regierung Wahl")));
        assert!(!flat(SearchRequest::new("")));
    }
}
