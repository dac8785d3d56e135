//! Id bookkeeping under upserts and deletes: `contains` and `stats` agree with what a search
//! finds, also before segments are merged (tantivy's document frequencies still count deleted
//! documents until then).
//!
//! `cargo test --test reliability_ids`

use pressespiegel::index::NewsIndex;
use pressespiegel::search::SearchRequest;
use pressespiegel::Article;

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        text: text.into(),
        ..Default::default()
    }
}

#[test]
fn contains_follows_deletes_and_upserts() {
    let index = NewsIndex::create_in_ram().expect("ram");
    let mut w = index.writer().expect("writer");
    w.add(article("a", "Erste Fassung")).expect("add");
    w.add(article("b", "Andere Meldung")).expect("add");
    w.commit().expect("commit");
    assert!(index.contains("a").expect("contains"));

    w.delete("a");
    w.commit().expect("commit");
    assert!(
        !index.contains("a").expect("contains"),
        "deleted id still reported"
    );
    assert_eq!(index.stats().expect("stats").articles, 1);

    // Upsert twice: one article, found by id, with the last text.
    w.add(article("b", "Zweite Fassung")).expect("add");
    w.commit().expect("commit");
    w.add(article("b", "Dritte Fassung")).expect("add");
    w.commit().expect("commit");
    assert!(index.contains("b").expect("contains"));
    assert_eq!(index.stats().expect("stats").articles, 1);
    let r = index
        .search(&SearchRequest::new("Fassung").limit(10))
        .expect("search");
    assert_eq!(r.total, 1);
    assert_eq!(r.hits[0].id, "b");

    // Re-adding a deleted id inserts it again.
    w.add(article("a", "Wieder da")).expect("add");
    w.commit().expect("commit");
    assert!(index.contains("a").expect("contains"));
    assert_eq!(index.stats().expect("stats").articles, 2);
}
