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

pub use facets::{Cooccurrence, FacetCount, FacetField, Facets, MonthCount, TimeSeries};
pub use query::{parse_query, FieldScope, QueryAst};
pub use request::{FacetMatch, Hit, SearchRequest, SearchResults, Sort};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DateTime, DocAddress, Order, Searcher, TantivyDocument, Term};

use crate::error::{Error, Result};
use crate::index::{read_article, NewsIndex};
use crate::snippet::{self, HighlightSpec, SnippetOptions};

/// Largest page size accepted.
pub const MAX_LIMIT: usize = 10_000;

/// A compiled search: the tantivy query and what to highlight.
pub(crate) struct Prepared {
    pub query: Box<dyn Query>,
    pub highlight: HighlightSpec,
}

impl NewsIndex {
    /// Compile a request into a tantivy query (user query + filters) and a highlight spec.
    pub(crate) fn prepare(&self, request: &SearchRequest, searcher: &Searcher) -> Result<Prepared> {
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
        let mut compiler = compile::Compiler {
            fields,
            highlight: HighlightSpec::default(),
        };
        let user = compiler.user_query(&ast)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Must, user),
            (Occur::Must, compile::articles_only(fields)),
        ];
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
            compile::values_filter(fields.quoted_actor, request.quoted.as_slice(), true),
        ]
        .into_iter()
        .flatten()
        {
            clauses.push((Occur::Must, filter));
        }
        let mut highlight = compiler.highlight;
        // Rarer terms weigh more when picking fragments.
        let total = searcher.num_docs().max(1) as f32;
        for (term, weight) in highlight.terms.iter_mut() {
            let df = searcher
                .doc_freq(&Term::from_field_text(fields.text, term))
                .unwrap_or(0) as f32;
            *weight = (1.0 + total / (1.0 + df)).ln();
        }
        Ok(Prepared {
            query: Box::new(BooleanQuery::new(clauses)),
            highlight,
        })
    }

    /// Run a search.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        if request.limit > MAX_LIMIT {
            return Err(Error::InvalidArgument {
                field: "limit",
                message: format!("{} is larger than the maximum {MAX_LIMIT}", request.limit),
            });
        }
        let searcher = self.searcher();
        let prepared = self.prepare(request, &searcher)?;
        let total = searcher.search(&*prepared.query, &Count)? as u64;
        let page: Vec<(f32, DocAddress)> = if request.limit == 0 {
            Vec::new()
        } else {
            let top = TopDocs::with_limit(request.limit).and_offset(request.offset);
            match request.sort {
                Sort::Relevance => searcher.search(&*prepared.query, &top.order_by_score())?,
                Sort::Date => searcher
                    .search(
                        &*prepared.query,
                        &top.order_by_fast_field::<DateTime>("date", Order::Desc),
                    )?
                    .into_iter()
                    .map(|(_, addr)| (0.0, addr))
                    .collect(),
            }
        };
        let options = SnippetOptions {
            max_fragments: request.snippets,
            max_chars: request.snippet_chars,
        };
        let fields = self.fields();
        let mut hits = Vec::with_capacity(page.len());
        for (score, addr) in page {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let article = read_article(fields, &doc);
            let snippets = snippet::snippets(&article.text, &prepared.highlight, &options);
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
                actor: crate::index::all_str(&doc, fields.actor),
                country: crate::index::all_str(&doc, fields.country),
            });
        }
        if request.sort == Sort::Relevance {
            // Deterministic order among equal scores.
            hits.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        }
        let facets = if request.facets > 0 {
            Some(facets::facet_counts(
                &searcher,
                &*prepared.query,
                request.facets,
            )?)
        } else {
            None
        };
        Ok(SearchResults {
            total,
            hits,
            facets,
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
        let searcher = self.searcher();
        let prepared = self.prepare(request, &searcher)?;
        facets::cooccurrence(&searcher, &*prepared.query, a, b, k)
    }

    /// Monthly article counts over the articles matching `request`: one series overall
    /// (`field = None`) or one per top-`top` value of `field`.
    pub fn time_series(
        &self,
        request: &SearchRequest,
        field: Option<FacetField>,
        top: usize,
    ) -> Result<Vec<TimeSeries>> {
        let searcher = self.searcher();
        let prepared = self.prepare(request, &searcher)?;
        facets::time_series(&searcher, &*prepared.query, field, top)
    }
}
