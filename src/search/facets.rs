//! Facet counts, co-occurrence and monthly time series over a result set.
//!
//! Facet counts ([`ValueCounts`]) count term ordinals of the `actor`, `country` and
//! `organisation` STRING|FAST columns per segment into a `Vec<u32>` and resolve only the
//! non-zero ordinals to strings; the counts are exact. Co-occurrence and time series use
//! tantivy terms aggregations (segment-level lists large enough to be exact for realistic
//! numbers of distinct values).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::{AggContextParams, AggregationCollector};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::query::Query;
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

const SEGMENT_SIZE: u32 = 100_000;

pub(crate) fn run_aggs(searcher: &Searcher, query: &dyn Query, request: Value) -> Result<Value> {
    let aggs: Aggregations =
        serde_json::from_value(request).map_err(|e| Error::InvalidArgument {
            field: "facets",
            message: format!("internal aggregation request invalid: {e}"),
        })?;
    let collector = AggregationCollector::from_aggs(aggs, AggContextParams::default());
    let result = searcher.search(query, &collector)?;
    serde_json::to_value(&result).map_err(|e| Error::InvalidArgument {
        field: "facets",
        message: format!("aggregation result not serialisable: {e}"),
    })
}

fn terms(field: &str, size: usize) -> Value {
    json!({"terms": {"field": field, "size": size.max(1), "segment_size": SEGMENT_SIZE}})
}

fn key_string(bucket: &Value) -> String {
    match &bucket["key"] {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

fn buckets(v: &Value) -> Vec<&Value> {
    v["buckets"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

/// A collector counting, for each of a few STRING|FAST fields, how many matching documents
/// carry each value (a document with a value twice counts once). Exact; per segment it only
/// touches the matching documents' term ordinals.
pub(crate) struct ValueCounts {
    fields: Vec<&'static str>,
}

impl ValueCounts {
    pub(crate) fn new(fields: &[&'static str]) -> Self {
        ValueCounts {
            fields: fields.to_vec(),
        }
    }
}

/// Per field: the column (if the segment has one), counts per term ordinal, and the last
/// document counted per ordinal (+1) to count multi-valued duplicates once.
pub(crate) struct SegmentValueCounts {
    columns: Vec<Option<ColumnCounts>>,
    segment: tantivy::index::SegmentId,
    fields: Vec<&'static str>,
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

/// A column, counts per term ordinal, last document counted per ordinal (+1), and the
/// ordinals counted at least once (in first-seen order), so that harvesting costs the number
/// of values seen, not the size of the segment's dictionary.
type ColumnCounts = (StrColumn, Vec<u32>, Vec<DocId>, Vec<u32>);

/// Per field: (value, count) for every value with a non-zero count, in value order.
type FieldCounts = Vec<Vec<(String, u64)>>;

impl Collector for ValueCounts {
    type Fruit = FieldCounts;
    type Child = SegmentValueCounts;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentValueCounts> {
        let fast = reader.fast_fields();
        let mut columns = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            columns.push(fast.str(field)?.map(|col| {
                let n = col.num_terms();
                (col, vec![0u32; n], vec![0 as DocId; n], Vec::new())
            }));
        }
        Ok(SegmentValueCounts {
            columns,
            segment: reader.segment_id(),
            fields: self.fields.clone(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<FieldCounts>) -> tantivy::Result<FieldCounts> {
        let mut fruits = fruits.into_iter();
        let Some(first) = fruits.next() else {
            return Ok(vec![Vec::new(); self.fields.len()]);
        };
        let rest: Vec<FieldCounts> = fruits.collect();
        if rest.is_empty() {
            return Ok(first);
        }
        let mut merged: Vec<std::collections::BTreeMap<String, u64>> = first
            .into_iter()
            .map(|counts| counts.into_iter().collect())
            .collect();
        for fruit in rest {
            for (map, counts) in merged.iter_mut().zip(fruit) {
                for (value, count) in counts {
                    *map.entry(value).or_insert(0) += count;
                }
            }
        }
        Ok(merged
            .into_iter()
            .map(|m| m.into_iter().collect())
            .collect())
    }
}

impl SegmentCollector for SegmentValueCounts {
    type Fruit = FieldCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let stamp = doc + 1;
        for (col, counts, last, seen) in self.columns.iter_mut().flatten() {
            for ord in col.ords().values_for_doc(doc) {
                if let (Some(c), Some(l)) =
                    (counts.get_mut(ord as usize), last.get_mut(ord as usize))
                {
                    if *l != stamp {
                        *l = stamp;
                        if *c == 0 {
                            seen.push(ord as u32);
                        }
                        *c += 1;
                    }
                }
            }
        }
    }

    fn harvest(self) -> FieldCounts {
        let segment = self.segment;
        self.columns
            .into_iter()
            .zip(self.fields)
            .map(|(column, field)| {
                let Some((col, counts, _, mut seen)) = column else {
                    return Vec::new();
                };
                if seen.is_empty() {
                    return Vec::new();
                }
                let terms = decoded_terms(segment, field, &col);
                // Ordinals are in value order.
                seen.sort_unstable();
                seen.iter()
                    .filter_map(|&o| {
                        let o = o as usize;
                        Some((terms.get(o)?.clone(), u64::from(*counts.get(o)?)))
                    })
                    .collect()
            })
            .collect()
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

/// The facet fields counted by [`facet_counts`], in [`Facets`] order.
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

/// Pairs of values of `a` and `b` occurring together in matching documents.
pub(crate) fn cooccurrence(
    searcher: &Searcher,
    query: &dyn Query,
    a: FacetField,
    b: FacetField,
    k: usize,
) -> Result<Vec<Cooccurrence>> {
    let mut outer = terms(a.field_name(), k.max(1) * 4);
    outer["aggs"] = json!({"inner": terms(b.field_name(), k.max(1) * 4)});
    let res = run_aggs(searcher, query, json!({"outer": outer}))?;
    let mut pairs = Vec::new();
    for ob in buckets(&res["outer"]) {
        let av = key_string(ob);
        for ib in buckets(&ob["inner"]) {
            let bv = key_string(ib);
            if a == b && av >= bv {
                // Same dimension: each unordered pair once, no self pairs.
                continue;
            }
            pairs.push(Cooccurrence {
                a: av.clone(),
                b: bv,
                count: ib["doc_count"].as_u64().unwrap_or(0),
            });
        }
    }
    pairs.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
    pairs.truncate(k);
    Ok(pairs)
}

fn month_points(v: &Value) -> Vec<MonthCount> {
    let mut points: Vec<(u64, u64)> = buckets(v)
        .into_iter()
        .filter_map(|b| Some((b["key"].as_f64()? as u64, b["doc_count"].as_u64()?)))
        .filter(|(_, c)| *c > 0)
        .collect();
    points.sort();
    points
        .into_iter()
        .map(|(ym, count)| MonthCount {
            month: format!("{:04}-{:02}", ym / 100, ym % 100),
            count,
        })
        .collect()
}

/// Monthly counts of matching documents, overall or per value of `field`.
pub(crate) fn time_series(
    searcher: &Searcher,
    query: &dyn Query,
    field: Option<FacetField>,
    top: usize,
) -> Result<Vec<TimeSeries>> {
    let months = json!({"terms": {"field": "month", "size": 10_000, "segment_size": SEGMENT_SIZE}});
    match field {
        None => {
            let res = run_aggs(searcher, query, json!({"months": months}))?;
            Ok(vec![TimeSeries {
                value: None,
                points: month_points(&res["months"]),
            }])
        }
        Some(f) => {
            let mut outer = terms(f.field_name(), top.max(1));
            outer["aggs"] = json!({"months": months});
            let res = run_aggs(searcher, query, json!({"outer": outer}))?;
            let mut series: Vec<(u64, TimeSeries)> = buckets(&res["outer"])
                .into_iter()
                .map(|b| {
                    (
                        b["doc_count"].as_u64().unwrap_or(0),
                        TimeSeries {
                            value: Some(key_string(b)),
                            points: month_points(&b["months"]),
                        },
                    )
                })
                .collect();
            series.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.value.cmp(&y.1.value)));
            Ok(series
                .into_iter()
                .take(top.max(1))
                .map(|(_, s)| s)
                .collect())
        }
    }
}
