//! [`SearchRequest`] and [`SearchResults`]: what goes into a search and what comes out (stable JSON).

use serde::{Deserialize, Serialize};
use time::Date;

use crate::article::ArticleDate;
use crate::error::Result;
use crate::search::facets::Facets;
use crate::snippet::Snippet;

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Best match first (BM25, title matches weigh double).
    #[default]
    Relevance,
    /// Newest first; articles without a date last.
    Date,
}

impl std::str::FromStr for Sort {
    type Err = crate::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "relevance" => Ok(Sort::Relevance),
            "date" => Ok(Sort::Date),
            other => Err(crate::Error::InvalidArgument {
                field: "sort",
                message: format!("{other:?}; use relevance or date"),
            }),
        }
    }
}

/// A search: query text, filters, order, page and snippet settings.
///
/// Build it with the chained setters or deserialize it from JSON; every field has a default.
///
/// ```
/// use pressespiegel::search::{SearchRequest, Sort};
///
/// let req = SearchRequest::new("Sanktion")
///     .from_date("2025-11-01")?
///     .to_date("2025-11-30")?
///     .sort(Sort::Date)
///     .limit(5);
/// assert_eq!(serde_json::to_value(&req).unwrap()["from"], "2025-11-01");
/// # Ok::<(), pressespiegel::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    /// Query text in the German query syntax (see [`crate::search::parse_query`]); empty = all.
    pub query: String,
    /// First day (inclusive).
    #[serde(with = "day_opt", skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    /// Last day (inclusive).
    #[serde(with = "day_opt", skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// Result order.
    pub sort: Sort,
    /// Number of hits to return.
    pub limit: usize,
    /// Number of hits to skip.
    pub offset: usize,
    /// Snippet fragments per hit (0 = none).
    pub snippets: usize,
    /// Maximum length of a snippet fragment in characters (a quotation may be cut with „… …“).
    pub snippet_chars: usize,
    /// Only articles about these actors (canonical names, e.g. `Xi Jinping`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    /// Only articles about these countries (ISO 3166-1 alpha-2 codes, e.g. `CN`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    /// Whether every listed actor/country must occur (`all`, default) or one suffices (`any`).
    pub facet_match: FacetMatch,
    /// Return the top-k actor, country and organisation counts over all matching articles (0 = none).
    pub facets: usize,
    /// Speaker filter (canonical actor name): articles quoting this actor, or in
    /// [`NewsIndex::search_quotes`](crate::index::NewsIndex::search_quotes) quotations by them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
}

/// How several actor/country filters combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacetMatch {
    /// Every listed value must occur.
    #[default]
    All,
    /// At least one listed value must occur.
    Any,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            from: None,
            to: None,
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            snippets: 2,
            snippet_chars: 240,
            actors: Vec::new(),
            countries: Vec::new(),
            facet_match: FacetMatch::All,
            facets: 0,
            speaker: None,
        }
    }
}

impl SearchRequest {
    /// A request for `query` with default settings.
    pub fn new(query: impl Into<String>) -> Self {
        SearchRequest {
            query: query.into(),
            ..Default::default()
        }
    }
    /// First day (inclusive), `YYYY-MM-DD`.
    pub fn from_date(mut self, day: &str) -> Result<Self> {
        self.from = Some(ArticleDate::parse_day(day)?);
        Ok(self)
    }
    /// Last day (inclusive), `YYYY-MM-DD`.
    pub fn to_date(mut self, day: &str) -> Result<Self> {
        self.to = Some(ArticleDate::parse_day(day)?);
        Ok(self)
    }
    /// Result order.
    pub fn sort(mut self, sort: Sort) -> Self {
        self.sort = sort;
        self
    }
    /// Number of hits.
    pub fn limit(mut self, limit: usize) -> Self {
        self.limit = limit;
        self
    }
    /// Hits to skip.
    pub fn offset(mut self, offset: usize) -> Self {
        self.offset = offset;
        self
    }
    /// Snippet fragments per hit.
    pub fn snippets(mut self, n: usize) -> Self {
        self.snippets = n;
        self
    }
    /// Add an actor filter (canonical name).
    pub fn actor(mut self, name: impl Into<String>) -> Self {
        self.actors.push(name.into());
        self
    }
    /// Add a country filter (ISO code).
    pub fn country(mut self, code: impl Into<String>) -> Self {
        self.countries.push(code.into());
        self
    }
    /// How several actor/country filters combine.
    pub fn facet_match(mut self, m: FacetMatch) -> Self {
        self.facet_match = m;
        self
    }
    /// Ask for top-k facet counts.
    pub fn facets(mut self, k: usize) -> Self {
        self.facets = k;
        self
    }
    /// Only articles quoting this actor (or, for quote search, quotations by them).
    pub fn speaker(mut self, actor: impl Into<String>) -> Self {
        self.speaker = Some(actor.into());
        self
    }
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// Article id.
    pub id: String,
    /// Headline.
    pub title: String,
    /// Publication date.
    pub date: Option<ArticleDate>,
    /// Outlet.
    pub source: Option<String>,
    /// Agency.
    pub agency: Option<String>,
    /// Dateline place.
    pub place: Option<String>,
    /// URL.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub url: Option<String>,
    /// Relevance score (0 when sorted by date without a text query).
    pub score: f32,
    /// Best fragments with highlights.
    pub snippets: Vec<Snippet>,
    /// Canonical names of the actors the article is about.
    #[serde(default)]
    pub actor: Vec<String>,
    /// ISO codes of the countries the article is about.
    #[serde(default)]
    pub country: Vec<String>,
}

/// What a search returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Exact number of matching articles.
    pub total: u64,
    /// The requested page of hits.
    pub hits: Vec<Hit>,
    /// Facet counts over all matching articles, when requested.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub facets: Option<Facets>,
    /// "Meinten Sie …?": set when the query as typed found nothing and some of its words
    /// occur nowhere in the index — the query with those words replaced by the closest
    /// indexed words (edit distance ≤ 2), in surface form. The hits, total and facets are
    /// then those of this corrected query, and [`fuzzy`](Self::fuzzy) is `true`.
    #[serde(default)]
    pub suggestion: Option<String>,
    /// Whether the results come from the [`suggestion`](Self::suggestion) (fuzzy fallback)
    /// instead of the query as typed.
    #[serde(default)]
    pub fuzzy: bool,
}

mod day_opt {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::Date;

    use crate::article::ArticleDate;

    pub fn serialize<S: Serializer>(d: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(&ArticleDate::from_date(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        s.map(|s| ArticleDate::parse_day(&s).map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// One quotation matching a quote search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteHit {
    /// Id of the article the quotation is in.
    pub article_id: String,
    /// Headline of that article.
    pub title: String,
    /// `direct`, `indirect`, `free_indirect`, `indirect_free_indirect` or `reported`.
    pub kind: String,
    /// The quotation text.
    pub text: String,
    /// The speaker as written in the article (`er`, `der Kremlchef`, `Trump`).
    pub speaker: Option<String>,
    /// The speaker's canonical actor name, when resolved.
    pub actor: Option<String>,
    /// Publication date of the article.
    pub date: Option<ArticleDate>,
    /// Relevance score.
    pub score: f32,
    /// Matches as **code point** ranges into `text`.
    pub highlights: Vec<[usize; 2]>,
}

/// What a quote search returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteResults {
    /// Exact number of matching quotations.
    pub total: u64,
    /// The requested page.
    pub hits: Vec<QuoteHit>,
    /// Top speakers over all matching quotations, when `facets > 0` was requested.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub speakers: Option<Vec<crate::search::FacetCount>>,
}
