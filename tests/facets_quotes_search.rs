//! Facets and quotations end to end over the seed articles: filters, counts, co-occurrence,
//! monthly series, quote search by speaker, article search limited to articles quoting someone.

mod common;

use pressespiegel::index::NewsIndex;
use pressespiegel::ingest;
use pressespiegel::search::{FacetField, FacetMatch, SearchRequest};

fn seed_index() -> Option<NewsIndex> {
    let seeds: Vec<_> = common::seeds()?.into_iter().map(|(_, p)| p).collect();
    let index = NewsIndex::create_in_ram().unwrap();
    let mut w = index.writer().unwrap();
    w.ingest(ingest::read_paths(&seeds), |_| {}).unwrap();
    Some(index)
}

fn prefixes(ids: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = ids.into_iter().map(|id| id[..3].to_string()).collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn facet_counts_over_the_result_set() {
    let Some(index) = seed_index() else { return };
    let r = index
        .search(&SearchRequest::new("").facets(5).limit(0))
        .unwrap();
    let f = r.facets.expect("facets requested");
    let count = |list: &[pressespiegel::search::FacetCount], v: &str| {
        list.iter().find(|c| c.value == v).map(|c| c.count)
    };
    // Every seed is about Xi Jinping and China (Peking, chinesische, Xis …).
    assert_eq!(count(&f.actor, "Xi Jinping"), Some(5));
    assert_eq!(count(&f.country, "CN"), Some(5));
    assert!(f.actor.windows(2).all(|w| w[0].count >= w[1].count));
    // Counts follow the query: "Sanktion" matches 003 and 004 only.
    let r = index
        .search(&SearchRequest::new("Sanktion").facets(5))
        .unwrap();
    let f = r.facets.unwrap();
    assert_eq!(count(&f.country, "CN"), Some(2));
    let json =
        serde_json::to_value(index.search(&SearchRequest::new("").facets(3)).unwrap()).unwrap();
    assert!(json["facets"]["actor"][0]["value"].is_string());
    assert!(json["facets"]["country"][0]["count"].is_u64());
}

#[test]
fn actor_and_country_filters_any_and_all() {
    let Some(index) = seed_index() else { return };
    let all = index
        .search(&SearchRequest::new("").actor("Howard Lutnick").country("CN"))
        .unwrap();
    assert_eq!(prefixes(all.hits.into_iter().map(|h| h.id)), ["001"]);
    let none = index
        .search(
            &SearchRequest::new("")
                .actor("Howard Lutnick")
                .actor("Sergej Lawrow"),
        )
        .unwrap();
    assert_eq!(none.total, 0);
    let any = index
        .search(
            &SearchRequest::new("")
                .actor("Howard Lutnick")
                .actor("Sergej Lawrow")
                .facet_match(FacetMatch::Any),
        )
        .unwrap();
    assert_eq!(prefixes(any.hits.into_iter().map(|h| h.id)), ["001", "002"]);
    // Hits carry their actors and countries.
    let r = index.search(&SearchRequest::new("Lutnick")).unwrap();
    assert!(r.hits[0].actor.contains(&"Howard Lutnick".to_string()));
    assert!(r.hits[0].country.contains(&"US".to_string()));
}

#[test]
fn cooccurrence_and_monthly_series() {
    let Some(index) = seed_index() else { return };
    let pairs = index
        .cooccurrence(
            &SearchRequest::new(""),
            FacetField::Actor,
            FacetField::Country,
            50,
        )
        .unwrap();
    let xi_cn = pairs
        .iter()
        .find(|p| p.a == "Xi Jinping" && p.b == "CN")
        .expect("Xi × CN");
    assert_eq!(xi_cn.count, 5);
    let actor_pairs = index
        .cooccurrence(
            &SearchRequest::new(""),
            FacetField::Actor,
            FacetField::Actor,
            50,
        )
        .unwrap();
    assert!(actor_pairs.iter().all(|p| p.a < p.b));
    assert!(actor_pairs
        .iter()
        .any(|p| p.a == "Donald Trump" && p.b == "Xi Jinping" && p.count == 5));
    let series = index.time_series(&SearchRequest::new(""), None, 1).unwrap();
    let months: Vec<(&str, u64)> = series[0]
        .points
        .iter()
        .map(|p| (p.month.as_str(), p.count))
        .collect();
    assert_eq!(months, [("2025-10", 1), ("2025-11", 2)]);
}

#[test]
fn quote_search_by_speaker_and_articles_quoting_someone() {
    let Some(index) = seed_index() else { return };
    let trump = index
        .search_quotes(&SearchRequest::new("gesprochen").speaker("Donald Trump"))
        .unwrap();
    assert!(trump.total >= 2, "{trump:?}");
    for hit in &trump.hits {
        assert_eq!(hit.actor.as_deref(), Some("Donald Trump"));
        let chars: Vec<char> = hit.text.chars().collect();
        for [s, e] in &hit.highlights {
            let marked: String = chars[*s..*e].iter().collect();
            assert!(marked.to_lowercase().starts_with("gesproch"), "{marked}");
        }
    }
    assert!(trump
        .hits
        .iter()
        .any(|h| h.text.contains("Wir haben lange darüber gesprochen")));
    // Articles in which Yun Sun is quoted.
    let r = index
        .search(&SearchRequest::new("").speaker("Yun Sun"))
        .unwrap();
    assert_eq!(prefixes(r.hits.into_iter().map(|h| h.id)), ["001"]);
    // Speaker counts over quote hits.
    let r = index
        .search_quotes(&SearchRequest::new("").facets(3).limit(0))
        .unwrap();
    assert!(r
        .speakers
        .unwrap()
        .iter()
        .any(|c| c.value == "Donald Trump"));
}

#[test]
fn snippets_showing_a_quotation_carry_its_speaker() {
    let Some(index) = seed_index() else { return };
    let r = index
        .search(&SearchRequest::new("\"lange darüber gesprochen\""))
        .unwrap();
    let s = &r.hits[0].snippets[0];
    assert!(
        s.text()
            .contains("\"Wir haben lange darüber gesprochen\", sagte Trump"),
        "{}",
        s.text()
    );
    assert_eq!(s.speaker(), Some("Donald Trump"));
    let json = serde_json::to_value(s).unwrap();
    assert_eq!(json["speaker"], "Donald Trump");
}

/// Quote search filters on the facets of the quote's article (actor, country, any or all),
/// and facet counts of article searches count articles only.
#[test]
fn quote_search_filters_on_the_facets_of_the_article() {
    let Some(index) = seed_index() else { return };
    let all = index
        .search_quotes(&SearchRequest::new("").limit(0))
        .unwrap();
    let every = index
        .search_quotes(&SearchRequest::new("").limit(500))
        .unwrap();
    assert_eq!(every.hits.len() as u64, all.total);
    for (request, articles) in [
        (
            SearchRequest::new("").country("KR"),
            SearchRequest::new("").country("KR"),
        ),
        (
            SearchRequest::new("").actor("Wladimir Putin"),
            SearchRequest::new("").actor("Wladimir Putin"),
        ),
        (
            SearchRequest::new("")
                .actor("Wladimir Putin")
                .actor("Xi Jinping")
                .facet_match(FacetMatch::All),
            SearchRequest::new("")
                .actor("Wladimir Putin")
                .actor("Xi Jinping")
                .facet_match(FacetMatch::All),
        ),
    ] {
        let quotes = index.search_quotes(&request.clone().limit(100)).unwrap();
        assert!(quotes.total > 0, "{request:?}");
        assert!(quotes.total < all.total, "{request:?} filters nothing");
        let tagged: Vec<String> = index
            .search(&articles.limit(100))
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id)
            .collect();
        for hit in &quotes.hits {
            assert!(tagged.contains(&hit.article_id), "{request:?}: {hit:?}");
        }
        // Every quotation of a tagged article is found.
        let expected = every
            .hits
            .iter()
            .filter(|h| tagged.contains(&h.article_id))
            .count();
        assert_eq!(quotes.total, expected as u64, "{request:?}");
    }
    // Article facet counts: Xi Jinping is in 5 seed articles, whatever their quotations.
    let r = index
        .search(&SearchRequest::new("").facets(50).limit(0))
        .unwrap();
    let xi = r
        .facets
        .unwrap()
        .actor
        .into_iter()
        .find(|c| c.value == "Xi Jinping")
        .map(|c| c.count);
    assert_eq!(xi, Some(5));
}
