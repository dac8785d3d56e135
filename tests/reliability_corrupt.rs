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

/// Scramble a run of 16 bytes of a file's contents, keeping the last 64 bytes (footers).
/// Returns whether anything changed (too short a file, or random bytes equal to the old ones).
fn scramble(bytes: &mut [u8], rng: &mut reliability_support::Rng) -> bool {
    let body = bytes.len().saturating_sub(64);
    if body < 16 {
        return false;
    }
    let start = rng.below((body - 16) as u64) as usize;
    let before = bytes[start..start + 16].to_vec();
    for b in &mut bytes[start..start + 16] {
        *b = rng.next_u64() as u8;
    }
    bytes[start..start + 16] != before[..]
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
/// checks pass). tantivy does not checksum on open, and on a scrambled `.term` file it can
/// panic inside a search (`term_info_store::extract_bits`). Every search entry point turns
/// such a panic into `Error::Corrupt`, and `NewsIndex::verify` (CLI: `pressespiegel verify`)
/// finds every scrambled file by its checksum and names it.
#[test]
fn scrambled_segment_files_never_panic_and_verify_finds_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let good = tmp.path().join("good");
    build_index(&good);
    let report = NewsIndex::open(&good)
        .expect("open")
        .verify()
        .expect("the intact index verifies");
    assert_eq!(report.articles, 300);
    assert!(report.files >= 5 && report.bytes > 0, "{report:?}");
    let mut segment_files: Vec<String> = std::fs::read_dir(&good)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && !n.ends_with(".json") && !n.ends_with(".lock"))
        .collect();
    // By extension: segment names are random, the order of the scrambles must not be.
    segment_files.sort_by_key(|n| n.rsplit('.').next().unwrap_or("").to_string());
    let mut rng = reliability_support::Rng::new(7);
    let (mut errors, mut silent, mut cases) = (0, 0, 0);
    let mut example = String::new();
    for name in &segment_files {
        for round in 0..32 {
            let dir = tmp.path().join(format!("s-{name}-{round}"));
            copy_dir(&good, &dir);
            let path = dir.join(name);
            let mut bytes = std::fs::read(&path).expect("read");
            if !scramble(&mut bytes, &mut rng) {
                continue;
            }
            cases += 1;
            std::fs::write(&path, bytes).expect("write");
            // Using the damaged index: an error or (undetected) results, never a panic.
            match open_and_use(&dir) {
                Err(e) => {
                    assert!(
                        e.contains("re-index"),
                        "{name} round {round}: {e} should say what to do"
                    );
                    errors += 1;
                }
                Ok(()) => silent += 1,
            }
            // verify always finds the damage and names the file.
            let err = NewsIndex::open(&dir)
                .and_then(|index| index.verify())
                .expect_err("verify detects a scrambled file");
            assert!(
                matches!(err, pressespiegel::Error::Corrupt { .. }),
                "{name}: {err:?}"
            );
            let msg = err.to_string();
            if msg.contains("(missing)") || !msg.contains(name.as_str()) {
                panic!("{name} round {round}: verify should name the damaged file: {msg}");
            }
            assert!(msg.contains("re-index"), "{msg}");
            if example.is_empty() {
                example = msg;
            }
        }
    }
    assert!(cases >= 100, "only {cases} scrambles");
    println!(
        "scrambled segment files: {cases} cases; searching gave {errors} errors and \
         {silent} unnoticed, 0 panics; verify detected {cases} of {cases}"
    );
    println!("  e.g. {example}");
}

/// A search that makes tantivy panic on a damaged `.term` file returns `Error::Corrupt`
/// pointing to `pressespiegel verify`.
#[test]
fn panic_inside_tantivy_becomes_a_corrupt_error() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let good = tmp.path().join("good");
    build_index(&good);
    let term_files: Vec<String> = std::fs::read_dir(&good)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".term"))
        .collect();
    // Find scrambles that make a search panic inside tantivy (seeded, so the same every run).
    let mut rng = reliability_support::Rng::new(11);
    let mut found = 0;
    for round in 0..200 {
        let dir = tmp.path().join(format!("p-{round}"));
        copy_dir(&good, &dir);
        for name in &term_files {
            let path = dir.join(name);
            let mut bytes = std::fs::read(&path).expect("read");
            if scramble(&mut bytes, &mut rng) {
                std::fs::write(&path, bytes).expect("write");
            }
        }
        let Ok(index) = NewsIndex::open(&dir) else {
            continue;
        };
        for q in [
            "Regierung",
            "Bundestag Kanzler",
            "\"neue Sanktionen\"",
            "Wahl*",
        ] {
            if let Err(e @ pressespiegel::Error::Corrupt { .. }) =
                index.search(&SearchRequest::new(q).limit(20))
            {
                let msg = e.to_string();
                if msg.contains("failed inside the search engine") {
                    assert!(msg.contains("pressespiegel verify"), "{msg}");
                    assert!(msg.contains(&dir.display().to_string()), "{msg}");
                    if found == 0 {
                        println!("panic turned into an error: {msg}");
                    }
                    found += 1;
                }
            }
        }
        if found >= 3 {
            break;
        }
    }
    println!("{found} searches panicked inside tantivy and returned Error::Corrupt");
    assert!(
        found > 0,
        "no scramble made tantivy panic: the reproducer needs new seeds"
    );
}

/// `pressespiegel verify DIR` (needs the `cli` feature): exit 0 and a summary on an intact
/// index, exit 1 naming the damaged file otherwise.
#[test]
fn cli_verify_names_damaged_files() {
    let Some(exe) = option_env!("CARGO_BIN_EXE_pressespiegel") else {
        println!("SKIPPED cli_verify_names_damaged_files: built without the `cli` feature");
        return;
    };
    let tmp = tempfile::tempdir().expect("tempdir");
    let good = tmp.path().join("good");
    build_index(&good);
    let out = std::process::Command::new(exe)
        .args(["verify", "--json"])
        .arg(&good)
        .output()
        .expect("run cli");
    assert!(out.status.success(), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    assert_eq!(report["articles"], 300);

    let store = std::fs::read_dir(&good)
        .expect("read_dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .find(|n| n.ends_with(".store"))
        .expect("a store file");
    let path = good.join(&store);
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[10] ^= 0xff;
    std::fs::write(&path, bytes).expect("write");
    let out = std::process::Command::new(exe)
        .arg("verify")
        .arg(&good)
        .output()
        .expect("run cli");
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&store), "{stderr}");
    assert!(stderr.contains("checksum mismatch"), "{stderr}");
    println!("pressespiegel verify on a damaged index: {}", stderr.trim());
}
