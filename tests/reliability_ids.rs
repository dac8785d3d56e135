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

/// Within one uncommitted batch and across a reopened writer on disk (the writer only queues a
/// delete for ids that exist): every sequence of adds and deletes leaves exactly the last
/// version of each id.
#[test]
fn upserts_and_deletes_within_a_batch_and_after_reopening() {
    use pressespiegel::index::Upsert;
    let dir = tempfile::tempdir().expect("tempdir");
    let index = NewsIndex::create(dir.path()).expect("create");
    let mut w = index.writer().expect("writer");
    assert_eq!(
        w.add(article("x", "Alpha eins")).expect("add"),
        Upsert::Inserted
    );
    assert_eq!(
        w.add(article("x", "Alpha zwei")).expect("add"),
        Upsert::Updated
    );
    assert_eq!(
        w.add(article("y", "Beta eins")).expect("add"),
        Upsert::Inserted
    );
    w.delete("y");
    assert_eq!(
        w.add(article("y", "Beta zwei")).expect("add"),
        Upsert::Inserted
    );
    w.commit().expect("commit");
    drop(w);

    let total = |q: &str| {
        index
            .search(&SearchRequest::new(q).limit(10))
            .expect("search")
            .total
    };
    assert_eq!(total("eins"), 0, "first versions replaced");
    assert_eq!(total("zwei"), 2);

    // A new writer (as after a restart) still replaces and deletes committed articles.
    let mut w = index.writer().expect("writer");
    assert_eq!(
        w.add(article("x", "Alpha drei")).expect("add"),
        Upsert::Updated
    );
    w.delete("y");
    assert_eq!(
        w.add(article("y", "Beta drei")).expect("add"),
        Upsert::Updated
    );
    w.delete("y");
    w.commit().expect("commit");
    index.reload().expect("reload");
    assert_eq!(total("zwei"), 0);
    assert_eq!(total("drei"), 1);
    assert!(index.contains("x").expect("contains"));
    assert!(!index.contains("y").expect("contains"));
    assert_eq!(index.stats().expect("stats").articles, 1);
}
