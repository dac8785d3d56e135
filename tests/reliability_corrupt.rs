//! Corrupt and foreign index directories: every case ends in an `Err` whose message names the
//! problem and says what to do — never a panic, never a silently wrong index.
//!
//! Run with the messages printed:
//! `cargo test --test reliability_corrupt -- --nocapture`

mod reliability_support;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use pressespiegel::index::{IndexMeta, NewsIndex, META_FILE};
use pressespiegel::search::{SearchRequest, Sort};
use reliability_support::{stored_articles, Corpus};

/// A committed index with a few hundred articles in `dir`.
fn build_index(dir: &Path) {
    let index = NewsIndex::create(dir).expect("create");
    let mut w = index.writer().expect("writer");
    let corpus = Corpus::unique(300);
    for i in 0..corpus.len() {
        w.add(corpus.article(i)).expect("add");
    }
    w.commit().expect("commit");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        if e.file_type().expect("type").is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
        }
    }
}

/// Open the index and use it the way a user would (stats, a search with snippets, every stored
/// article). Returns the first error; panics are caught and reported as test failures.
fn open_and_use(dir: &Path) -> Result<(), String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> pressespiegel::Result<()> {
        let index = NewsIndex::open(dir)?;
        index.stats()?;
        index.search(&SearchRequest::new("Regierung").limit(50))?;
        index.search(&SearchRequest::new("\"neue Sanktionen\"").limit(50))?;
        // Every stored article (hits are read from the doc store), sorted by the date fast field.
        index.search(&SearchRequest::new("").limit(1000))?;
        index.search(&SearchRequest::new("").sort(Sort::Date).limit(1000))?;
        Ok(())
    }));
    match outcome {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(e.to_string()),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("PANIC instead of an error on {}: {msg}", dir.display())
        }
    }
}

/// The error for `dir`, asserting it mentions every one of `needles`.
fn expect_error(case: &str, dir: &Path, needles: &[&str]) -> String {
    let err = open_and_use(dir).expect_err(case);
    for n in needles {
        assert!(err.contains(n), "{case}: {err:?} should mention {n:?}");
    }
    println!("  {case}: {err}");
    err
}

fn fresh(tmp: &Path, name: &str, good: &Path) -> PathBuf {
    let dir = tmp.join(name);
    copy_dir(good, &dir);
    dir
}

#[test]
fn corrupt_and_foreign_directories_give_clear_errors() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let good = tmp.path().join("good");
    build_index(&good);
    open_and_use(&good).expect("the intact index works");
    println!("corrupt/foreign index directories:");

    // Missing tantivy meta.json.
    let dir = fresh(tmp.path(), "no-meta", &good);
    std::fs::remove_file(dir.join("meta.json")).expect("rm");
    expect_error("missing meta.json", &dir, &["meta.json", "re-index"]);

    // Garbage and truncated meta.json.
    let dir = fresh(tmp.path(), "bad-meta", &good);
    std::fs::write(dir.join("meta.json"), b"{\"segments\": [").expect("write");
    expect_error("truncated meta.json", &dir, &["re-index"]);

    // Missing stamp.
    let dir = fresh(tmp.path(), "no-stamp", &good);
    std::fs::remove_file(dir.join(META_FILE)).expect("rm");
    expect_error(
        "missing pressespiegel.json",
        &dir,
        &["not a pressespiegel index", META_FILE, "build one"],
    );

    // Corrupt stamp.
    let dir = fresh(tmp.path(), "bad-stamp", &good);
    std::fs::write(dir.join(META_FILE), b"\0\0garbage").expect("write");
    expect_error("corrupt pressespiegel.json", &dir, &["stamp", "re-index"]);

    // Another schema version / analyzer version in the stamp.
    let current = IndexMeta::current();
    for (case, meta, needle) in [
        (
            "newer schema version",
            IndexMeta {
                schema_version: current.schema_version + 1,
                ..current.clone()
            },
            "schema version",
        ),
        (
            "other analyzer version",
            IndexMeta {
                analyzer_version: "de-0-test".into(),
                ..current.clone()
            },
            "analyzer",
        ),
    ] {
        let dir = fresh(tmp.path(), case, &good);
        std::fs::write(
            dir.join(META_FILE),
            serde_json::to_string(&meta).expect("json"),
        )
        .expect("write");
        expect_error(case, &dir, &[needle, "re-index"]);
    }

    // A plain tantivy index with another schema: without a stamp, and with our stamp copied in.
    let dir = tmp.path().join("foreign");
    {
        let mut builder = tantivy::schema::Schema::builder();
        let body = builder.add_text_field("body", tantivy::schema::TEXT);
        std::fs::create_dir(&dir).expect("mkdir");
        let index = tantivy::Index::create_in_dir(&dir, builder.build()).expect("foreign");
        let mut w: tantivy::IndexWriter = index.writer(15_000_000).expect("writer");
        w.add_document(tantivy::doc!(body => "fremd")).expect("add");
        w.commit().expect("commit");
    }
    expect_error(
        "plain tantivy index",
        &dir,
        &["not a pressespiegel index", "build one"],
    );
    std::fs::copy(good.join(META_FILE), dir.join(META_FILE)).expect("copy stamp");
    expect_error(
        "tantivy index with another schema under our stamp",
        &dir,
        &["schema", "re-index"],
    );

    // Empty directory: open refuses, open_or_create creates a working index.
    let dir = tmp.path().join("empty");
    std::fs::create_dir(&dir).expect("mkdir");
    expect_error("empty directory (open)", &dir, &["meta.json", "re-index"]);
    let index = NewsIndex::open_or_create(&dir).expect("open_or_create on an empty directory");
    let mut w = index.writer().expect("writer");
    w.add(Corpus::unique(1).article(0)).expect("add");
    w.commit().expect("commit");
    assert_eq!(index.stats().expect("stats").articles, 1);
    drop(w);
    open_and_use(&dir).expect("created index reopens");

    // Missing directory.
    let dir = tmp.path().join("missing");
    expect_error(
        "missing directory",
        &dir,
        &["no such index directory", "create"],
    );

    // A file instead of a directory: open, create and open_or_create all refuse.
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "not an index").expect("write");
    expect_error(
        "file instead of directory",
        &file,
        &["is a file", "create an index"],
    );
    for (what, res) in [
        ("create", NewsIndex::create(&file).err()),
        ("open_or_create", NewsIndex::open_or_create(&file).err()),
    ] {
        let msg = res.map(|e| e.to_string()).unwrap_or_default();
        assert!(msg.contains("is a file"), "{what} on a file: {msg:?}");
    }
    // create refuses to overwrite an existing index.
    let msg = NewsIndex::create(&good).err().map(|e| e.to_string());
    assert!(
        msg.as_deref()
            .unwrap_or("")
            .contains("already holds an index"),
        "{msg:?}"
    );
}

/// Every file of a segment, truncated to half and to zero bytes: opening and using the index
/// returns an error (at open or at first use) and never panics.
#[test]
fn truncated_segment_files_give_errors_not_panics() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let good = tmp.path().join("good");
    build_index(&good);
    let index = NewsIndex::open(&good).expect("open");
    assert_eq!(stored_articles(&index).len(), 300);
    drop(index);

    let mut segment_files: Vec<String> = std::fs::read_dir(&good)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".json") && !n.ends_with(".lock"))
        .collect();
    segment_files.sort();
    assert!(segment_files.len() >= 5, "{segment_files:?}");

    println!("truncated segment files:");
    let mut detected = 0;
    for name in &segment_files {
        let len = std::fs::metadata(good.join(name)).expect("meta").len();
        for keep in [len / 2, 0] {
            let case = format!("{name} truncated to {keep} of {len} bytes");
            let dir = tmp.path().join(format!("t-{name}-{keep}"));
            copy_dir(&good, &dir);
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(dir.join(name))
                .expect("open segment file");
            f.set_len(keep).expect("truncate");
            drop(f);
            match open_and_use(&dir) {
                Err(e) => {
                    assert!(e.contains("re-index"), "{case}: {e} should say what to do");
                    detected += 1;
                    println!("  {case}: {e}");
                }
                Ok(()) => panic!("{case}: not detected"),
            }
        }
    }
    println!(
        "  {detected} of {} truncations detected, 0 panics",
        segment_files.len() * 2
    );
}

/// Bytes overwritten in the middle of each segment file (footer intact, so tantivy's cheap open
/// checks pass): using the index should not panic. tantivy does not checksum on open, so such
/// damage may go unnoticed by searches.
///
/// KNOWN ISSUE (reproducer, hence ignored): tantivy 0.27 can panic at search time on a
/// scrambled `.term` file (`term_info_store::extract_bits`: "range start index … out of range").
/// Needs a checksum check (`Index::validate_checksum`) or `catch_unwind` around searches.
/// `cargo test --test reliability_corrupt -- --ignored scrambled`
#[test]
#[ignore = "known issue: tantivy can panic on scrambled .term files (see doc comment)"]
fn scrambled_segment_files_never_panic() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let good = tmp.path().join("good");
    build_index(&good);
    let mut segment_files: Vec<String> = std::fs::read_dir(&good)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".json") && !n.ends_with(".lock"))
        .collect();
    // By extension: segment names are random, the order of the scrambles must not be.
    segment_files.sort_by_key(|n| n.rsplit('.').next().unwrap_or("").to_string());
    let mut rng = reliability_support::Rng::new(7);
    let (mut errors, mut silent) = (0, 0);
    for name in &segment_files {
        for round in 0..32 {
            let dir = tmp.path().join(format!("s-{name}-{round}"));
            copy_dir(&good, &dir);
            let path = dir.join(name);
            let mut bytes = std::fs::read(&path).expect("read");
            // Keep the last 64 bytes (footers), scramble a run of 16 bytes before them.
            let body = bytes.len().saturating_sub(64);
            if body < 16 {
                continue;
            }
            let start = rng.below((body - 16) as u64) as usize;
            for b in &mut bytes[start..start + 16] {
                *b = rng.next_u64() as u8;
            }
            std::fs::write(&path, bytes).expect("write");
            match open_and_use(&dir) {
                Err(_) => errors += 1,
                Ok(()) => silent += 1,
            }
        }
    }
    println!("scrambled segment files: {errors} errors, {silent} unnoticed, 0 panics");
}
