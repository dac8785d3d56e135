//! The foundation's acceptance checks over the five seed articles in ../shared/seeds.

mod common;

use pressespiegel::index::NewsIndex;
use pressespiegel::ingest;
use pressespiegel::search::SearchRequest;

fn seed_index() -> Option<(NewsIndex, Vec<std::path::PathBuf>)> {
    let seeds: Vec<_> = common::seeds()?.into_iter().map(|(_, p)| p).collect();
    assert_eq!(seeds.len(), 5, "expected five seed articles");
    let index = NewsIndex::create_in_ram().unwrap();
    let mut w = index.writer().unwrap();
    let summary = w.ingest(ingest::read_paths(&seeds), |_| {}).unwrap();
    assert_eq!(
        (summary.read, summary.indexed, summary.rejected),
        (5, 5, 0),
        "{summary:?}"
    );
    Some((index, seeds))
}

fn ids(index: &NewsIndex, req: &SearchRequest) -> Vec<String> {
    let mut v: Vec<String> = index
        .search(req)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id[..3].to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn sanktion_finds_003_and_004_with_sanktionen_highlighted() {
    let Some((index, _)) = seed_index() else {
        return;
    };
    let results = index.search(&SearchRequest::new("Sanktion")).unwrap();
    let mut found: Vec<&str> = results.hits.iter().map(|h| &h.id[..3]).collect();
    found.sort();
    assert_eq!(found, ["003", "004"]);
    for hit in &results.hits {
        let marked: Vec<&str> = hit
            .snippets
            .iter()
            .flat_map(|s| s.highlighted_texts())
            .collect();
        assert!(marked.contains(&"Sanktionen"), "{}: {marked:?}", hit.id);
    }
}

#[test]
fn oel_and_oel_with_umlaut_return_the_same_articles() {
    let Some((index, _)) = seed_index() else {
        return;
    };
    let a = ids(&index, &SearchRequest::new("Öl"));
    let b = ids(&index, &SearchRequest::new("Oel"));
    assert!(!a.is_empty());
    assert_eq!(a, b);
}

#[test]
fn november_range_returns_exactly_001_and_003() {
    let Some((index, _)) = seed_index() else {
        return;
    };
    let req = SearchRequest::new("")
        .from_date("2025-11-01")
        .unwrap()
        .to_date("2025-11-30")
        .unwrap();
    assert_eq!(ids(&index, &req), ["001", "003"]);
}

#[test]
fn indexing_the_seeds_twice_leaves_five_articles() {
    let Some((index, seeds)) = seed_index() else {
        return;
    };
    let mut w = index.writer().unwrap();
    let again = w.ingest(ingest::read_paths(&seeds), |_| {}).unwrap();
    assert_eq!((again.read, again.indexed, again.updated), (5, 5, 5));
    assert_eq!(index.stats().unwrap().articles, 5);
    assert_eq!(index.search(&SearchRequest::new("")).unwrap().total, 5);
}

#[test]
fn on_disk_index_reopens_with_the_same_results() {
    let Some(seeds) = common::seeds() else { return };
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = seeds.into_iter().map(|(_, p)| p).collect();
    {
        let index = NewsIndex::create(dir.path()).unwrap();
        let mut w = index.writer().unwrap();
        w.ingest(ingest::read_paths(&paths), |_| {}).unwrap();
    }
    let index = NewsIndex::open(dir.path()).unwrap();
    assert_eq!(index.stats().unwrap().articles, 5);
    assert_eq!(ids(&index, &SearchRequest::new("Sanktion")), ["003", "004"]);
}
