//! `NewsWriter::ingest` prepares records on worker threads: results must be exactly those of
//! adding the records one by one, in input order (upserts, rejections, commit points).

use pressespiegel::corpus::CorpusGenerator;
use pressespiegel::index::{NewsIndex, Upsert, WriterOptions};
use pressespiegel::{Article, Error};

fn records() -> Vec<pressespiegel::Result<Article>> {
    let g = CorpusGenerator::demo(5).unwrap();
    let mut out: Vec<pressespiegel::Result<Article>> = g.articles(600).map(Ok).collect();
    // A repeated id (update within the run), a record without text, a read error.
    out.insert(100, Ok(g.article(10)));
    out.insert(
        200,
        Ok(Article {
            id: "empty".into(),
            ..Default::default()
        }),
    );
    out.insert(
        300,
        Err(Error::Record {
            origin: "input.jsonl:301".into(),
            message: "broken line".into(),
        }),
    );
    out
}

#[test]
fn ingest_equals_adding_one_by_one_and_is_idempotent() {
    let options = WriterOptions {
        commit_every: 50,
        ..WriterOptions::default()
    };

    // Reference: one add per record.
    let reference = NewsIndex::create_in_ram().unwrap();
    let mut w = reference.writer_with_options(options.clone()).unwrap();
    let mut expected = Vec::new();
    for r in records() {
        expected.push(match r.and_then(|a| w.add(a)) {
            Ok(u) => Ok(u),
            Err(e) => Err(e.to_string()),
        });
    }
    w.commit().unwrap();

    let index = NewsIndex::create_in_ram().unwrap();
    let mut w = index.writer_with_options(options).unwrap();
    let mut progress = Vec::new();
    let summary = w
        .ingest(records(), |s| {
            progress.push((s.read, s.indexed, s.rejected))
        })
        .unwrap();
    assert_eq!(summary.read, expected.len() as u64);
    assert_eq!(summary.read, summary.indexed + summary.rejected);
    assert_eq!(summary.rejected, 2);
    assert_eq!(summary.updated, 1);
    let expected_errors: Vec<String> = expected.iter().filter_map(|r| r.clone().err()).collect();
    let errors: Vec<String> = summary.errors.iter().map(|e| e.error.clone()).collect();
    assert_eq!(errors, expected_errors, "errors in input order");
    assert!(errors[0].contains("missing text") && errors[1].contains("input.jsonl:301"));
    // Progress is reported once per record, in order.
    assert_eq!(progress.len(), expected.len());
    assert!(progress.windows(2).all(|p| p[1].0 == p[0].0 + 1));
    let updated = expected
        .iter()
        .filter(|r| matches!(r, Ok(Upsert::Updated)))
        .count();
    assert_eq!(updated, 1);

    let (a, b) = (reference.stats().unwrap(), index.stats().unwrap());
    assert_eq!((a.articles, a.quotes), (b.articles, b.quotes));
    assert_eq!(b.articles, 600);

    // Re-running the same input replaces every article: nothing new, all updates.
    let again = w.ingest(records(), |_| {}).unwrap();
    assert_eq!(again.indexed, summary.indexed);
    assert_eq!(again.updated, again.indexed);
    assert_eq!(index.stats().unwrap().articles, 600);
    assert_eq!(index.stats().unwrap().quotes, b.quotes);
}
