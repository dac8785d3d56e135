//! Search behaviour a user checks first: query syntax, filters, paging, upserts, snippets.

use pressespiegel::index::NewsIndex;
use pressespiegel::search::{SearchRequest, Sort};
use pressespiegel::{Article, Error};

fn article(id: &str, date: &str, title: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        text: text.into(),
        date: Some(date.parse().unwrap()),
        ..Default::default()
    }
}

fn fixture() -> NewsIndex {
    let index = NewsIndex::create_in_ram().unwrap();
    let mut w = index.writer().unwrap();
    for a in [
        article("a", "2025-10-30", "Trump trifft Xi", "Trump und Xi Jinping sprachen in Busan über Zölle. „Wir haben lange darüber gesprochen“, sagte Trump."),
        article("b", "2025-11-04", "Sanktionen gegen Russland", "China und Russland wehren sich gegen einseitige Sanktionen. Die Linke kritisiert die Regierung."),
        article("c", "2025-11-24", "Telefonat", "Xi Jinping telefonierte mit Donald Trump über die Ukraine."),
        article("d", "2024-01-21", "Videokonferenz", "Putin und Xi sprachen über Öl und Gas."),
    ] {
        w.add(a).unwrap();
    }
    w.commit().unwrap();
    index
}

fn ids(index: &NewsIndex, req: SearchRequest) -> Vec<String> {
    let mut v: Vec<String> = index
        .search(&req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    v.sort();
    v
}

#[test]
fn and_by_default_or_not_phrase() {
    let index = fixture();
    assert_eq!(ids(&index, SearchRequest::new("Trump Xi")), ["a", "c"]);
    assert_eq!(
        ids(&index, SearchRequest::new("Busan OR Putin")),
        ["a", "d"]
    );
    assert_eq!(ids(&index, SearchRequest::new("Xi -Trump")), ["d"]);
    assert_eq!(ids(&index, SearchRequest::new("„Xi Jinping“")), ["a", "c"]);
    assert_eq!(
        ids(&index, SearchRequest::new("\"Jinping Xi\"")),
        Vec::<String>::new()
    );
    assert_eq!(ids(&index, SearchRequest::new("title:Sanktionen")), ["b"]);
    assert_eq!(ids(&index, SearchRequest::new("telefon*")), ["c"]);
}

#[test]
fn negative_only_query_matches_everything_else() {
    let index = fixture();
    assert_eq!(ids(&index, SearchRequest::new("-Xi")), ["b"]);
}

#[test]
fn stop_words_are_dropped_but_phrases_keep_them() {
    let index = fixture();
    assert_eq!(ids(&index, SearchRequest::new("die Sanktionen")), ["b"]);
    assert_eq!(ids(&index, SearchRequest::new("\"Die Linke\"")), ["b"]);
}

#[test]
fn empty_query_matches_all_and_filters_apply() {
    let index = fixture();
    let r = index.search(&SearchRequest::new("")).unwrap();
    assert_eq!(r.total, 4);
    let req = SearchRequest::new("")
        .from_date("2025-11-01")
        .unwrap()
        .to_date("2025-11-30")
        .unwrap();
    assert_eq!(ids(&index, req), ["b", "c"]);
    // Inclusive bounds on single days.
    let req = SearchRequest::new("")
        .from_date("2025-10-30")
        .unwrap()
        .to_date("2025-10-30")
        .unwrap();
    assert_eq!(ids(&index, req), ["a"]);
}

#[test]
fn date_sort_and_paging() {
    let index = fixture();
    let all: Vec<String> = index
        .search(&SearchRequest::new("").sort(Sort::Date))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(all, ["c", "b", "a", "d"]);
    let page: Vec<String> = index
        .search(&SearchRequest::new("").sort(Sort::Date).limit(2).offset(1))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(page, ["b", "a"]);
    let r = index.search(&SearchRequest::new("").limit(1)).unwrap();
    assert_eq!((r.total, r.hits.len()), (4, 1));
}

#[test]
fn bad_queries_are_typed_errors() {
    let index = fixture();
    for q in ["(Xi", "Xi AND", "\"offen", "foo:bar"] {
        match index.search(&SearchRequest::new(q)) {
            Err(Error::Query { .. }) => {}
            other => panic!("{q}: expected Error::Query, got {other:?}"),
        }
    }
    let bad = SearchRequest::new("Xi")
        .from_date("2025-12-01")
        .unwrap()
        .to_date("2025-01-01")
        .unwrap();
    assert!(matches!(
        index.search(&bad),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(SearchRequest::new("").from_date("2025-13-01").is_err());
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let index = fixture();
    let mut w = index.writer().unwrap();
    let up = w
        .add(article(
            "a",
            "2025-10-31",
            "Neu",
            "Ganz anderer Text über Wahlen.",
        ))
        .unwrap();
    assert_eq!(up, pressespiegel::index::Upsert::Updated);
    w.commit().unwrap();
    assert_eq!(index.stats().unwrap().articles, 4);
    assert_eq!(
        ids(&index, SearchRequest::new("Busan")),
        Vec::<String>::new()
    );
    assert_eq!(ids(&index, SearchRequest::new("Wahlen")), ["a"]);
    w.delete("a");
    w.commit().unwrap();
    assert_eq!(index.stats().unwrap().articles, 3);
    assert!(!index.contains("zzz").unwrap());
}

#[test]
fn snippets_highlight_stemmed_matches_not_negated_ones() {
    let index = fixture();
    let r = index
        .search(&SearchRequest::new("Sanktion -Trump"))
        .unwrap();
    let s = &r.hits[0].snippets[0];
    assert_eq!(s.highlighted_texts(), ["Sanktionen"]);
    let r = index.search(&SearchRequest::new("Xi -Trump")).unwrap();
    for s in &r.hits[0].snippets {
        assert!(!s.highlighted_texts().iter().any(|t| t.contains("Trump")));
    }
    // JSON carries code point offsets.
    let r = index.search(&SearchRequest::new("Zölle")).unwrap();
    let json = serde_json::to_value(&r.hits[0].snippets[0]).unwrap();
    let text = json["text"].as_str().unwrap();
    let [s, e] = [
        json["highlights"][0][0].as_u64().unwrap() as usize,
        json["highlights"][0][1].as_u64().unwrap() as usize,
    ];
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[s..e].iter().collect::<String>(), "Zölle");
}

#[test]
fn snippets_keep_quotations_whole() {
    let index = fixture();
    let r = index.search(&SearchRequest::new("gesprochen")).unwrap();
    let s = &r.hits[0].snippets[0];
    assert!(
        s.text()
            .contains("„Wir haben lange darüber gesprochen“, sagte Trump."),
        "{}",
        s.text()
    );
}
