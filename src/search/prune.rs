//! Top-k of a conjunction without scoring every match: block-max bounds per window of
//! documents, then only the windows that can still reach the top k are scored.
//!
//! While a segment's word parts are read into their bit sets ([`read_word_term`]), each
//! posting block of each scored term also adds an upper bound of the term's score in that
//! block (from the block's maximum stored in the skip list: no term frequencies are decoded)
//! to every window of [`WINDOW`] documents it has a posting in. A window's bound is then at
//! least the score of every match in it. [`top_k`] scores the matches of the windows with the
//! highest bounds first (a first threshold: the k-th best of them), then every other window
//! whose bound reaches the threshold — the rest cannot enter the top k. The scores are computed
//! exactly as [`super::Scoring::Seek`] does (term by term, in the query's order, with
//! tantivy's BM25 weights), so the page is the same, bit for bit.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, TermInfo};
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Searcher, SegmentReader, Term, TERMINATED};

use super::{next_match, TopK};
use crate::error::Result;

/// Documents per window (as a shift): 8 documents, about two articles with their quotations.
const WINDOW_SHIFT: u32 = 3;

/// Documents per window.
pub(crate) const WINDOW: usize = 1 << WINDOW_SHIFT;

/// Relative safety margin on a window's bound (float rounding of the bound's own arithmetic).
const MARGIN: f32 = 1e-4;

/// Postings per full (bit-packed) block; only those carry a block maximum in the skip list.
const FULL_BLOCK: usize = 128;

/// One distinct scored term of the query.
struct DistinctTerm {
    term: Term,
    /// The term's BM25 weight without boost (as tantivy computes it for the searcher).
    unit: Bm25Weight,
    /// The largest score `unit` gives (the weight: any term frequency factor is below 1).
    unit_max: f32,
    /// Sum of the boosts of the query's entries of this term (a bound scales with the boost).
    boost: f32,
    /// The searcher's average field length of the term's field (what `unit` uses).
    average: f32,
}

/// The scored terms of a conjunction, ready for bounds and scoring (built once per query).
pub(crate) struct PruneTerms {
    distinct: Vec<DistinctTerm>,
    /// Every (term, boost) of the query in its order: the distinct term and its boosted weight.
    entries: Vec<(usize, Bm25Weight)>,
}

impl PruneTerms {
    /// The distinct terms and weighted entries of `terms` (the query's scored terms with their
    /// boosts), with BM25 statistics from `searcher` — the same weights tantivy's term
    /// queries use.
    pub(crate) fn new(searcher: &Searcher, terms: &[(Term, f32)]) -> Result<Self> {
        let mut distinct: Vec<DistinctTerm> = Vec::new();
        let mut entries = Vec::with_capacity(terms.len());
        let total_docs = searcher.total_num_docs()?;
        for (term, boost) in terms {
            let i = match distinct.iter().position(|d| &d.term == term) {
                Some(i) => i,
                None => {
                    let unit = Bm25Weight::for_terms(searcher, std::slice::from_ref(term))?;
                    let tokens = searcher.total_num_tokens(term.field())?;
                    distinct.push(DistinctTerm {
                        term: term.clone(),
                        unit_max: unit.score(0, u32::MAX),
                        unit,
                        boost: 0.0,
                        average: tokens as f32 / total_docs as f32,
                    });
                    distinct.len() - 1
                }
            };
            if let Some(d) = distinct.get_mut(i) {
                d.boost += boost;
                entries.push((i, d.unit.boost_by(*boost)));
            }
        }
        Ok(PruneTerms { distinct, entries })
    }

    /// The index of `term` among the distinct terms.
    pub(crate) fn index_of(&self, term: &Term) -> Option<usize> {
        self.distinct.iter().position(|d| &d.term == term)
    }

    /// Number of distinct terms.
    pub(crate) fn len(&self) -> usize {
        self.distinct.len()
    }
}

/// What a segment's scoring needs of its terms: their dictionary entries (looked up once,
/// while the bit sets are read).
pub(crate) struct SegmentTerms {
    pub(crate) infos: Vec<Option<TermInfo>>,
}

/// An I/O error of tantivy's postings readers, as tantivy reports it.
fn io(e: std::io::Error) -> tantivy::TantivyError {
    tantivy::TantivyError::from(e)
}

#[cfg(test)]
thread_local! {
    /// Matches scored by [`score_selected`] on this thread (tests: pruning must skip some).
    pub(crate) static SCORED: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
    /// Full posting blocks bounded by their stored maximum on this thread.
    pub(crate) static FULL_BLOCKS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// The field-norm reader tantivy's term scorer uses for `field`.
fn fieldnorms(reader: &SegmentReader, field: Field) -> Result<FieldNormReader> {
    Ok(reader
        .fieldnorms_readers()
        .get_field(field)?
        .unwrap_or_else(|| FieldNormReader::constant(reader.max_doc(), 1)))
}

/// Read the postings of `term` in `reader` into `bits` (every document, deleted ones
/// included, as tantivy's unscored term scorer does). With `bounds` (the distinct term's
/// index, the query's terms and the window bounds), each block also adds the term's bound in
/// that block to the windows it has postings in. Returns the term's dictionary entry.
pub(crate) fn read_word_term(
    reader: &SegmentReader,
    term: &Term,
    bits: &mut [u64],
    bounds: Option<(usize, &PruneTerms, &mut [f32])>,
) -> Result<Option<TermInfo>> {
    let inverted = reader.inverted_index(term.field())?;
    let Some(info) = inverted.get_term_info(term).map_err(io)? else {
        return Ok(None);
    };
    // A short list (one partial block, no maximum in the skip list) is read with its term
    // frequencies: its bounds are the postings' own scores.
    let short = bounds.is_some() && (info.doc_freq as usize) < FULL_BLOCK;
    let option = match short {
        true => IndexRecordOption::WithFreqs,
        false => IndexRecordOption::Basic,
    };
    let mut block = inverted
        .read_block_postings_from_terminfo(&info, option)
        .map_err(io)?;
    let Some((i, terms, windows)) = bounds else {
        loop {
            let docs = block.docs();
            if docs.is_empty() {
                break;
            }
            for &d in docs {
                if let Some(x) = bits.get_mut(d as usize / 64) {
                    *x |= 1 << (d % 64);
                }
            }
            block.advance();
        }
        return Ok(Some(info));
    };
    let Some(t) = terms.distinct.get(i) else {
        return Ok(Some(info));
    };
    let norms = fieldnorms(reader, term.field())?;
    // The block maxima in the skip list were chosen with this segment's average field length;
    // `ratio` (≤ 1) widens them so that they bound the scores under the searcher's average.
    let segment_average = inverted.total_num_tokens() as f32 / norms.num_docs().max(1) as f32;
    let ratio = if segment_average > 0.0 && t.average > 0.0 {
        (segment_average / t.average).min(t.average / segment_average)
    } else {
        0.0
    };
    if short {
        // A window's bound gets the largest score of the term's postings in it.
        let (mut window, mut max) = (u32::MAX, 0f32);
        for (&d, &tf) in block.docs().iter().zip(block.freqs()) {
            if let Some(x) = bits.get_mut(d as usize / 64) {
                *x |= 1 << (d % 64);
            }
            let bound = t.unit.score(norms.fieldnorm_id(d), tf) * t.boost;
            let w = d >> WINDOW_SHIFT;
            if w != window {
                (window, max) = (w, 0.0);
            }
            if bound > max {
                if let Some(b) = windows.get_mut(w as usize) {
                    *b += bound - max;
                }
                max = bound;
            }
        }
        return Ok(Some(info));
    }
    loop {
        let len = block.docs().len();
        if len == 0 {
            break;
        }
        #[cfg(test)]
        FULL_BLOCKS.with(|n| n.set(n.get() + u64::from(len == FULL_BLOCK)));
        let unit_bound = if len == FULL_BLOCK {
            block_bound(block.block_max_score(&norms, &t.unit), t.unit_max, ratio)
        } else {
            t.unit_max
        };
        let bound = unit_bound * t.boost;
        let mut last = u32::MAX;
        for &d in block.docs() {
            if let Some(x) = bits.get_mut(d as usize / 64) {
                *x |= 1 << (d % 64);
            }
            let w = d >> WINDOW_SHIFT;
            if w != last {
                last = w;
                if let Some(b) = windows.get_mut(w as usize) {
                    *b += bound;
                }
            }
        }
        block.advance();
    }
    Ok(Some(info))
}

/// An upper bound of a term's (unboosted) score in a block whose stored maximum scores
/// `stored` under the searcher's weight (largest score `max`).
///
/// The stored (field length, term frequency) pair minimises `n(f) / tf` with the segment's
/// length normalisation `n(f) = c + d·f`; under the searcher's `n'(f) = c + d'·f`, every
/// posting of the block has `n'(f) / tf ≥ r · n'(f*) / tf*` with `r = min(d/d', d'/d)` — the
/// ratio of the two average lengths, `ratio` — so its score is at most
/// `max / (1 + r · (max / stored − 1))`.
fn block_bound(stored: f32, max: f32, ratio: f32) -> f32 {
    if !(stored > 0.0 && stored <= max && ratio > 0.0) {
        return max;
    }
    let m = (max / stored - 1.0).max(0.0);
    (max / (1.0 + ratio * m)).min(max)
}

/// Score the matches in `selected` (a subset of a segment's matches) and offer them to `top`:
/// per entry of the query, the term's postings skip from selected match to selected match;
/// a match's score is the sum over entries in query order (as [`super::Scoring::Seek`]).
fn score_selected(
    terms: &PruneTerms,
    segment: &SegmentTerms,
    reader: &SegmentReader,
    selected: &[u64],
    top: &mut TopK,
) -> Result<()> {
    let mut before = Vec::with_capacity(selected.len());
    let mut count = 0u32;
    for x in selected {
        before.push(count);
        count += x.count_ones();
    }
    if count == 0 {
        return Ok(());
    }
    #[cfg(test)]
    SCORED.with(|n| n.set(n.get() + u64::from(count)));
    let mut scores = vec![0f32; count as usize];
    for (i, weight) in &terms.entries {
        let Some(Some(info)) = segment.infos.get(*i) else {
            continue;
        };
        let Some(t) = terms.distinct.get(*i) else {
            continue;
        };
        let field = t.term.field();
        let mut postings = reader
            .inverted_index(field)?
            .read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)
            .map_err(io)?;
        let norms = fieldnorms(reader, field)?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            let target = next_match(selected, doc);
            if target == TERMINATED {
                break;
            }
            if target > doc {
                doc = postings.seek(target);
                continue;
            }
            let (w, b) = (doc as usize / 64, doc % 64);
            let rank = before.get(w).copied().unwrap_or(0)
                + selected
                    .get(w)
                    .map_or(0, |x| (x & ((1u64 << b) - 1)).count_ones());
            if let Some(s) = scores.get_mut(rank as usize) {
                *s += weight.score(norms.fieldnorm_id(doc), postings.term_freq());
            }
            doc = postings.advance();
        }
    }
    let mut rank = 0usize;
    for (w, &x) in selected.iter().enumerate() {
        let mut rest = x;
        while rest != 0 {
            let b = rest.trailing_zeros();
            rest &= rest - 1;
            if let Some(&s) = scores.get(rank) {
                top.push(s, (w * 64) as DocId + b);
            }
            rank += 1;
        }
    }
    Ok(())
}

/// The matches of `bits` in window `w`, as a mask of the window's 64-bit word.
fn window_mask(w: usize) -> u64 {
    0xff << ((w % (64 / WINDOW)) * WINDOW)
}

/// Offer every match of a segment (`bits`, deleted documents removed) that can enter the top
/// k to `top`, scored exactly; `windows` holds the bound of each window, `floor` a score the
/// k-th best document of the whole search is known to reach (from earlier segments; `f32::MIN`
/// if none). Windows are scored best bound first until `top` is full, then every window whose
/// bound reaches the k-th best score so far.
pub(crate) fn top_k(
    terms: &PruneTerms,
    segment: &SegmentTerms,
    reader: &SegmentReader,
    bits: &[u64],
    windows: &[f32],
    floor: f32,
    top: &mut TopK,
) -> Result<()> {
    // Windows with a match, and their bounds.
    let per_word = 64 / WINDOW;
    let mut candidates: Vec<(f32, u32)> = Vec::new();
    for (i, &x) in bits.iter().enumerate() {
        if x == 0 {
            continue;
        }
        for j in 0..per_word {
            if x & window_mask(j) != 0 {
                let w = i * per_word + j;
                let bound = windows.get(w).copied().unwrap_or(f32::MAX);
                if bound * (1.0 + MARGIN) >= floor {
                    candidates.push((bound, w as u32));
                }
            }
        }
    }
    if candidates.is_empty() {
        return Ok(());
    }
    let mut selected = vec![0u64; bits.len()];
    let select = |selected: &mut [u64], w: u32| {
        let w = w as usize;
        let i = w / per_word;
        if let (Some(s), Some(&x)) = (selected.get_mut(i), bits.get(i)) {
            *s |= x & window_mask(w % per_word);
        }
    };
    // First the k windows with the highest bounds (at least k matches).
    let seeds = top.k.min(candidates.len());
    let by_bound = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    if seeds < candidates.len() {
        candidates.select_nth_unstable_by(seeds - 1, by_bound);
    }
    for &(_, w) in &candidates[..seeds] {
        select(&mut selected, w);
    }
    score_selected(terms, segment, reader, &selected, top)?;
    // Then every other window that can still reach the top k.
    let threshold = top.threshold().max(floor);
    selected.iter_mut().for_each(|x| *x = 0);
    let mut more = false;
    for &(bound, w) in &candidates[seeds..] {
        if bound * (1.0 + MARGIN) >= threshold {
            select(&mut selected, w);
            more = true;
        }
    }
    if more {
        score_selected(terms, segment, reader, &selected, top)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The widened block bound is never below the stored maximum, equals it when the averages
    /// agree, and never exceeds the term's largest score.
    #[test]
    fn block_bound_widens_only_when_the_averages_differ() {
        assert_eq!(block_bound(2.0, 5.0, 1.0), 2.0);
        let wide = block_bound(2.0, 5.0, 0.9);
        assert!(wide > 2.0 && wide < 5.0, "{wide}");
        assert_eq!(block_bound(0.0, 5.0, 1.0), 5.0);
        assert_eq!(block_bound(2.0, 5.0, 0.0), 5.0);
        assert_eq!(block_bound(6.0, 5.0, 1.0), 5.0);
    }
}
