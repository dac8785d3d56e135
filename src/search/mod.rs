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

pub use facets::{Cooccurrence, FacetCount, FacetField, Facets, MonthCount, TimeSeries};
pub use query::{parse_query, FieldScope, QueryAst};
pub use request::{FacetMatch, Hit, QuoteHit, QuoteResults, SearchRequest, SearchResults, Sort};

use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument, Term};

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
    pub highlight: HighlightSpec,
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
        let mut compiler = compile::Compiler {
            fields,
            actors: &actors,
            highlight: HighlightSpec::default(),
            quotes,
            searcher,
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
        let own_type_only = compile::only_on_fields(&*user, &own_fields);
        let doc_type = if quotes { DOC_QUOTE } else { DOC_ARTICLE };
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
            compile::values_filter(fields.actor, &request.actors, all),
            compile::values_filter(fields.country, &countries, all),
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
        Ok(Prepared {
            query: Box::new(BooleanQuery::new(clauses)),
            flat,
            highlight,
        })
    }

    /// Exact total, the requested page of document addresses, and the fruit of `extra`
    /// (e.g. facet counts), all in one pass over the matching documents.
    ///
    /// A query with a flat form ([`Prepared::flat`]) sorted by relevance runs two passes: the
    /// page with block-max WAND (only documents that can still enter the top k are scored),
    /// then the total and `extra` without any scoring. Anything else runs one scored pass.
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
        if request.limit == 0 {
            let count_query = prepared.flat.as_deref().unwrap_or(query);
            let (total, fruit) = searcher.search(count_query, &(Count, extra))?;
            return Ok((total as u64, Vec::new(), fruit));
        }
        let top = TopDocs::with_limit(request.limit).and_offset(request.offset);
        Ok(match request.sort {
            Sort::Relevance if prepared.flat.is_some() && !extra.requires_scoring() => {
                let flat = prepared.flat.as_deref().unwrap_or(query);
                let page = searcher.search(flat, &top.order_by_score())?;
                let (total, fruit) = searcher.search(flat, &(Count, extra))?;
                (total as u64, page, fruit)
            }
            Sort::Relevance => {
                let (page, total, fruit) =
                    searcher.search(query, &(top.order_by_score(), Count, extra))?;
                (total as u64, page, fruit)
            }
            Sort::Date => {
                // Unscored: the flat form matches the same documents more cheaply.
                let (page, total, fruit) = searcher.search(
                    prepared.flat.as_deref().unwrap_or(query),
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
        let counts = (request.facets > 0).then(|| facets::ValueCounts::new(&facets::FACET_FIELDS));
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
            facets::cooccurrence(&searcher, &*prepared.query, a, b, k)
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
            facets::time_series(&searcher, &*prepared.query, field, top)
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
            "Friedensabkommen",
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
                } = prepared;
                let is_flat = flat.is_some();
                flat_seen += usize::from(is_flat);
                let single = Prepared {
                    query,
                    flat: None,
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
        // otherwise); prefixes, actor names and compounds do not.
        assert!(flat_seen >= 8, "flat path taken {flat_seen} times");
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
                highlight: HighlightSpec::default(),
            };
            let theirs = NewsIndex::collect(&searcher, &filtered, &request, counts()).unwrap();
            assert_eq!(ours.0, theirs.0, "{q}: total");
            if prepared.flat.is_some() {
                // Block-max WAND adds the same term scores in another order (last-bit
                // differences); the flat test above covers this case.
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
