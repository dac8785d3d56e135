//! Co-occurrence ("who appears with whom") and monthly time series ("and when") over a result
//! set.
//!
//! Both read each matching article's facet values from the combined `facet` column — from the
//! index's in-memory copy ([`FacetCache`]) when it holds the segment — and its month from the
//! `month` column, count by ordinal per segment and merge the segments by value. The counts
//! are exact: every pair and every value is counted, not only the values that are frequent
//! within one segment.

use std::collections::BTreeMap;
use std::ops::Range;

use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

use super::facets::{ArticleFacets, FacetCache};
use super::{Cooccurrence, FacetField, MonthCount, TimeSeries};
use crate::error::Result;

/// How often values of `a` and `b` occur in the same matching article: the top `k` pairs by
/// count, ties by `a`, then `b`. For `a == b` each unordered pair appears once (`a < b`) and
/// no value is paired with itself.
pub(crate) fn cooccurrence(
    searcher: &Searcher,
    query: &dyn Query,
    cache: Option<&FacetCache>,
    a: FacetField,
    b: FacetField,
    k: usize,
) -> Result<Vec<Cooccurrence>> {
    let counts = searcher.search(query, &PairCounts { a, b, cache })?;
    let mut pairs: Vec<Cooccurrence> = counts
        .into_iter()
        .map(|((a, b), count)| Cooccurrence { a, b, count })
        .collect();
    pairs.sort_by(|x, y| {
        y.count
            .cmp(&x.count)
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
    pairs.truncate(k);
    Ok(pairs)
}

/// Monthly counts of the matching articles: one series for all of them (`field = None`), or
/// one per value of `field` for its `top` values by number of matching articles (ties by
/// value). Months without articles are omitted; articles without a date count towards a
/// value's rank but have no month.
pub(crate) fn time_series(
    searcher: &Searcher,
    query: &dyn Query,
    cache: Option<&FacetCache>,
    field: Option<FacetField>,
    top: usize,
) -> Result<Vec<TimeSeries>> {
    let mut counts = searcher.search(query, &MonthCounts { field, cache })?;
    if field.is_none() {
        // One overall series, even when no matching article is dated.
        counts.entry(None).or_default();
    }
    let mut series: Vec<(u64, TimeSeries)> = counts
        .into_iter()
        .map(|(value, (articles, months))| {
            let points = months
                .into_iter()
                .map(|(ym, count)| MonthCount {
                    month: format!("{:04}-{:02}", ym / 100, ym % 100),
                    count,
                })
                .collect();
            (articles, TimeSeries { value, points })
        })
        .collect();
    series.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.value.cmp(&y.1.value)));
    Ok(series
        .into_iter()
        .take(top.max(1))
        .map(|(_, s)| s)
        .collect())
}

/// The ordinals of one dimension's values in a segment's combined dictionary and the length
/// of their prefix (`dimension` + U+001F).
fn dimension(facets: &ArticleFacets, field: FacetField) -> (Range<u32>, usize) {
    let (range, strip) = facets.dimension(field.field_name());
    (range.start as u32..range.end as u32, strip)
}

/// Counts of value pairs: (value of `a`, value of `b`) → matching articles with both.
type PairFruit = BTreeMap<(String, String), u64>;

/// Collector of [`cooccurrence`].
struct PairCounts<'a> {
    a: FacetField,
    b: FacetField,
    cache: Option<&'a FacetCache>,
}

/// One segment of [`PairCounts`]; `facets` is `None` for a segment without facet values.
struct SegmentPairs {
    facets: Option<ArticleFacets>,
    a: (Range<u32>, usize),
    b: (Range<u32>, usize),
    same: bool,
    counts: FxHashMap<(u32, u32), u64>,
}

impl Collector for PairCounts<'_> {
    type Fruit = PairFruit;
    type Child = SegmentPairs;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let facets = ArticleFacets::open(reader, self.cache)?;
        let (a, b) = match &facets {
            Some(f) => (dimension(f, self.a), dimension(f, self.b)),
            None => ((0..0, 0), (0..0, 0)),
        };
        Ok(SegmentPairs {
            facets,
            a,
            b,
            same: self.a == self.b,
            counts: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<PairFruit>) -> tantivy::Result<PairFruit> {
        let mut merged = PairFruit::new();
        for fruit in fruits {
            for (pair, count) in fruit {
                *merged.entry(pair).or_insert(0) += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for SegmentPairs {
    type Fruit = PairFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(facets) = self.facets.as_mut() else {
            return;
        };
        // Ascending and distinct, so each dimension's values are one run.
        let ords = facets.ordinals(doc);
        let run = |range: &Range<u32>| {
            let lo = ords.partition_point(|o| *o < range.start);
            let hi = ords.partition_point(|o| *o < range.end);
            ords.get(lo..hi).unwrap_or_default()
        };
        let (xs, ys) = (run(&self.a.0), run(&self.b.0));
        for &x in xs {
            for &y in ys {
                if !self.same || x < y {
                    *self.counts.entry((x, y)).or_insert(0) += 1;
                }
            }
        }
    }

    fn harvest(self) -> PairFruit {
        let Some(facets) = self.facets else {
            return PairFruit::new();
        };
        self.counts
            .into_iter()
            .map(|((x, y), count)| {
                let pair = (
                    facets.value(x, self.a.1).to_string(),
                    facets.value(y, self.b.1).to_string(),
                );
                (pair, count)
            })
            .collect()
    }
}

/// Per series (`None`: all matching articles) the number of matching articles and their
/// count per month (`YYYYMM`).
type MonthFruit = BTreeMap<Option<String>, (u64, BTreeMap<u64, u64>)>;

/// Collector of [`time_series`].
struct MonthCounts<'a> {
    field: Option<FacetField>,
    cache: Option<&'a FacetCache>,
}

/// One segment of [`MonthCounts`]: per series key (a value's ordinal; 0 for the overall
/// series) its articles and months.
struct SegmentMonths {
    /// The segment's facet values and the dimension's ordinals, when counting per value.
    facets: Option<(ArticleFacets, Range<u32>, usize)>,
    per_value: bool,
    month: Option<Column<u64>>,
    counts: FxHashMap<u32, (u64, FxHashMap<u64, u64>)>,
}

impl Collector for MonthCounts<'_> {
    type Fruit = MonthFruit;
    type Child = SegmentMonths;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let facets = match self.field {
            Some(field) => ArticleFacets::open(reader, self.cache)?.map(|f| {
                let (range, strip) = dimension(&f, field);
                (f, range, strip)
            }),
            None => None,
        };
        Ok(SegmentMonths {
            facets,
            per_value: self.field.is_some(),
            month: reader.fast_fields().u64("month").ok(),
            counts: FxHashMap::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<MonthFruit>) -> tantivy::Result<MonthFruit> {
        let mut merged = MonthFruit::new();
        for fruit in fruits {
            for (value, (articles, months)) in fruit {
                let entry = merged.entry(value).or_default();
                entry.0 += articles;
                for (month, count) in months {
                    *entry.1.entry(month).or_insert(0) += count;
                }
            }
        }
        Ok(merged)
    }
}

/// Count one matching article under series `key`, with its month if it has one.
fn add_article(
    counts: &mut FxHashMap<u32, (u64, FxHashMap<u64, u64>)>,
    key: u32,
    month: Option<u64>,
) {
    let entry = counts.entry(key).or_default();
    entry.0 += 1;
    if let Some(month) = month {
        *entry.1.entry(month).or_insert(0) += 1;
    }
}

impl SegmentCollector for SegmentMonths {
    type Fruit = MonthFruit;

    fn collect(&mut self, doc: DocId, _: Score) {
        let month = self.month.as_ref().and_then(|c| c.first(doc));
        if !self.per_value {
            // The overall series counts only dated articles (quotation documents have no
            // month either).
            if month.is_some() {
                add_article(&mut self.counts, 0, month);
            }
            return;
        }
        let Some((facets, range, _)) = self.facets.as_mut() else {
            return;
        };
        for &key in facets.ordinals(doc).iter().filter(|o| range.contains(o)) {
            add_article(&mut self.counts, key, month);
        }
    }

    fn harvest(self) -> MonthFruit {
        let value = |key: u32| {
            let (facets, _, strip) = self.facets.as_ref()?;
            Some(facets.value(key, *strip).to_string())
        };
        let mut fruit = MonthFruit::new();
        for (&key, (articles, months)) in &self.counts {
            let months = months.iter().map(|(&m, &c)| (m, c)).collect();
            fruit.insert(value(key), (*articles, months));
        }
        fruit
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use tantivy::collector::DocSetCollector;
    use tantivy::schema::Value as _;
    use tantivy::TantivyDocument;

    use super::*;
    use crate::index::NewsIndex;
    use crate::search::SearchRequest;

    /// The demo corpus in several segments with deletions.
    fn index() -> &'static NewsIndex {
        static INDEX: std::sync::OnceLock<NewsIndex> = std::sync::OnceLock::new();
        INDEX.get_or_init(|| crate::search::segmented_demo_index(5, 400, 90, 23))
    }

    const QUERIES: [&str; 6] = [
        "",
        "Regierung",
        "Präsident",
        "Krieg OR Frieden",
        "Merkel",
        "zzzunbekannt",
    ];
    const FIELDS: [FacetField; 3] = [
        FacetField::Actor,
        FacetField::Country,
        FacetField::Organisation,
    ];

    /// Per matching document: its stored values of every dimension and its month (the
    /// reference reads the stored fields, not the combined column).
    fn matching(index: &NewsIndex, q: &str) -> Vec<([BTreeSet<String>; 3], Option<u64>)> {
        let searcher = index.searcher();
        let prepared = index
            .prepare(&SearchRequest::new(q), &searcher, false)
            .expect("prepare");
        let docs = searcher
            .search(&*prepared.query, &DocSetCollector)
            .expect("search");
        let f = index.fields();
        let mut out = Vec::new();
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr).expect("doc");
            let values = |field| -> BTreeSet<String> {
                doc.get_all(field)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            };
            let reader = searcher.segment_reader(addr.segment_ord);
            let month = reader
                .fast_fields()
                .u64("month")
                .expect("month")
                .first(addr.doc_id);
            out.push((
                [values(f.actor), values(f.country), values(f.organisation)],
                month,
            ));
        }
        out
    }

    fn dim(field: FacetField) -> usize {
        FIELDS.iter().position(|f| *f == field).unwrap_or(0)
    }

    /// Every pair and its count, as counting the stored values of every matching article
    /// gives them, in the order of [`cooccurrence`]; the top k are its prefix. From the
    /// in-memory facets and from the column.
    #[test]
    fn cooccurrence_counts_every_pair_of_the_stored_values() {
        let index = index();
        let searcher = index.searcher();
        let mut nonempty = 0;
        for q in QUERIES {
            let docs = matching(index, q);
            let prepared = index
                .prepare(&SearchRequest::new(q), &searcher, false)
                .expect("prepare");
            for a in FIELDS {
                for b in FIELDS {
                    let mut expected = BTreeMap::<(String, String), u64>::new();
                    for (values, _) in &docs {
                        for x in &values[dim(a)] {
                            for y in &values[dim(b)] {
                                if a != b || x < y {
                                    *expected.entry((x.clone(), y.clone())).or_insert(0) += 1;
                                }
                            }
                        }
                    }
                    let mut expected: Vec<Cooccurrence> = expected
                        .into_iter()
                        .map(|((a, b), count)| Cooccurrence { a, b, count })
                        .collect();
                    expected.sort_by(|x, y| {
                        y.count
                            .cmp(&x.count)
                            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
                    });
                    for cache in [Some(&**index.facet_cache()), None] {
                        let all =
                            cooccurrence(&searcher, &*prepared.query, cache, a, b, usize::MAX)
                                .expect("pairs");
                        assert_eq!(all, expected, "{q:?} {a:?} × {b:?}");
                        let top = cooccurrence(&searcher, &*prepared.query, cache, a, b, 5)
                            .expect("pairs");
                        assert_eq!(top, expected.iter().take(5).cloned().collect::<Vec<_>>());
                        nonempty += usize::from(!all.is_empty());
                    }
                }
            }
        }
        assert!(nonempty >= 20, "only {nonempty} non-empty co-occurrences");
    }

    /// The overall series and the series of the top values, as counting the stored values
    /// and the months of every matching article gives them.
    #[test]
    fn time_series_count_every_matching_article() {
        let index = index();
        let searcher = index.searcher();
        let month = |ym: u64| format!("{:04}-{:02}", ym / 100, ym % 100);
        let points = |months: &BTreeMap<u64, u64>| -> Vec<MonthCount> {
            months
                .iter()
                .map(|(&m, &count)| MonthCount {
                    month: month(m),
                    count,
                })
                .collect()
        };
        let mut points_seen = 0;
        for q in QUERIES {
            let docs = matching(index, q);
            let prepared = index
                .prepare(&SearchRequest::new(q), &searcher, false)
                .expect("prepare");
            let cache = Some(&**index.facet_cache());
            let mut overall = BTreeMap::<u64, u64>::new();
            for (_, m) in &docs {
                if let Some(m) = m {
                    *overall.entry(*m).or_insert(0) += 1;
                }
            }
            let got = time_series(&searcher, &*prepared.query, cache, None, 3).expect("series");
            assert_eq!(
                got,
                vec![TimeSeries {
                    value: None,
                    points: points(&overall)
                }],
                "{q:?}"
            );
            points_seen += overall.len();
            for field in FIELDS {
                let mut per_value = BTreeMap::<String, (u64, BTreeMap<u64, u64>)>::new();
                for (values, m) in &docs {
                    for v in &values[dim(field)] {
                        let e = per_value.entry(v.clone()).or_default();
                        e.0 += 1;
                        if let Some(m) = m {
                            *e.1.entry(*m).or_insert(0) += 1;
                        }
                    }
                }
                let mut expected: Vec<(u64, TimeSeries)> = per_value
                    .into_iter()
                    .map(|(v, (n, months))| {
                        (
                            n,
                            TimeSeries {
                                value: Some(v),
                                points: points(&months),
                            },
                        )
                    })
                    .collect();
                expected.sort_by(|x, y| y.0.cmp(&x.0).then_with(|| x.1.value.cmp(&y.1.value)));
                for (top, cache) in [
                    (1, cache),
                    (4, None),
                    (usize::MAX, cache),
                    (usize::MAX, None),
                ] {
                    let want: Vec<TimeSeries> =
                        expected.iter().take(top).map(|(_, s)| s.clone()).collect();
                    let got = time_series(&searcher, &*prepared.query, cache, Some(field), top)
                        .expect("series");
                    assert_eq!(got, want, "{q:?} {field:?} top {top}");
                }
            }
        }
        assert!(points_seen >= 10, "only {points_seen} months seen");
    }
}
