//! Concurrent use: while one writer ingests and commits, readers in another process and in
//! threads of the writer's process search continuously. No search may fail, totals never go
//! down (this test deletes nothing), and every total is one a commit produced (a multiple of the
//! batch size). A second writer on the same directory, from another process or from the same
//! one, gets a "locked by another writer (pid …)" error at once.
//!
//! Run with the figures printed:
//! `cargo test --test reliability_concurrent -- --nocapture`

mod reliability_support;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use pressespiegel::index::{NewsIndex, WriterOptions, WRITER_PID_FILE};
use pressespiegel::search::SearchRequest;
use reliability_support::{child_command, child_role, marker, Corpus};
use serde::{Deserialize, Serialize};

/// Articles the writer ingests (all distinct ids).
const RECORDS: usize = 8_000;
/// Commit batch size (even: every batch holds as many odd as even records).
const BATCH: usize = 200;

/// What one reader saw.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct Observed {
    searches: u64,
    errors: Vec<String>,
    /// Distinct totals seen, in order.
    totals: Vec<u64>,
    /// Totals that were not a multiple of the batch size, or went down.
    inconsistent: Vec<String>,
    /// Message of the second-writer attempt made while the writer was busy, if any.
    lock_error: Option<String>,
}

/// One search round: totals of all articles and of the odd records, checked against the commit
/// arithmetic and the previous round.
fn search_round(index: &NewsIndex, seen: &mut Observed, last: &mut (u64, u64)) {
    if let Err(e) = index.reload() {
        seen.errors.push(format!("reload: {e}"));
        return;
    }
    let all = index.search(&SearchRequest::new("").limit(0).snippets(0));
    let odd = index.search(&SearchRequest::new("Xylophon").limit(20).snippets(0));
    seen.searches += 2;
    match (all, odd) {
        (Ok(all), Ok(odd)) => {
            if !all.total.is_multiple_of(BATCH as u64) {
                seen.inconsistent
                    .push(format!("total {} is no commit", all.total));
            }
            if !odd.total.is_multiple_of(BATCH as u64 / 2) {
                seen.inconsistent
                    .push(format!("odd total {} is no commit", odd.total));
            }
            if all.total < last.0 || odd.total < last.1 {
                seen.inconsistent.push(format!(
                    "went down: {:?} -> {:?}",
                    last,
                    (all.total, odd.total)
                ));
            }
            for hit in &odd.hits {
                let n: usize = hit.id["art-".len()..].parse().unwrap_or(0);
                if n % 2 != 1 {
                    seen.inconsistent
                        .push(format!("{} matched Xylophon but is even", hit.id));
                }
            }
            if seen.totals.last() != Some(&all.total) {
                seen.totals.push(all.total);
            }
            *last = (all.total, odd.total);
        }
        (Err(e), _) | (_, Err(e)) => seen.errors.push(e.to_string()),
    }
}

/// Search until `stop` says so and the final total has been seen.
fn reader_loop(index: &NewsIndex, stop: impl Fn() -> bool, try_second_writer: bool) -> Observed {
    let mut seen = Observed::default();
    let mut last = (0, 0);
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        search_round(index, &mut seen, &mut last);
        if try_second_writer && seen.lock_error.is_none() && last.0 > 0 && last.0 < RECORDS as u64 {
            // The writer is mid-ingest: a second writer must be refused, not wait.
            let started = Instant::now();
            seen.lock_error = Some(match index.writer() {
                Ok(_) => "second writer was allowed".to_string(),
                Err(e) => format!("{e} [after {} ms]", started.elapsed().as_millis()),
            });
        }
        if (stop() && last.0 == RECORDS as u64) || Instant::now() > deadline {
            return seen;
        }
        std::thread::sleep(Duration::from_millis(3));
    }
}

fn stop_file(dir: &Path) -> std::path::PathBuf {
    dir.with_extension("stop")
}

/// Child process: a reader that also tries to open a second writer once.
#[test]
#[ignore = "child process entry point, spawned by readers_see_commits_only_while_writing"]
fn reader_child() {
    let Some((role, dir)) = child_role() else {
        return;
    };
    assert_eq!(role, "reader");
    let index = NewsIndex::open(&dir).expect("open index in reader child");
    println!("@@ ready");
    let stop = stop_file(&dir);
    let seen = reader_loop(&index, || stop.exists(), true);
    println!(
        "@@ observed {}",
        serde_json::to_string(&seen).expect("json")
    );
}

fn check(name: &str, seen: &Observed) {
    assert!(
        seen.errors.is_empty(),
        "{name}: search errors {:?}",
        seen.errors
    );
    assert!(
        seen.inconsistent.is_empty(),
        "{name}: inconsistent results {:?}",
        seen.inconsistent
    );
    assert_eq!(seen.totals.last(), Some(&(RECORDS as u64)), "{name}");
    // The readers really ran during the ingest: they saw intermediate commits.
    assert!(
        seen.totals.len() >= 3,
        "{name}: saw only totals {:?}",
        seen.totals
    );
}

#[test]
fn readers_see_commits_only_while_writing() {
    if child_role().is_some() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("index");
    let index = NewsIndex::create(&dir).expect("create");
    let corpus = Corpus::unique(RECORDS);

    // Reader in another process.
    let mut child = child_command("reader_child", "reader", &dir)
        .spawn()
        .expect("spawn reader");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    loop {
        let line = lines.next().expect("reader child output").expect("line");
        if marker(&line) == Some("ready") {
            break;
        }
    }

    // Readers in this process: one sharing the writer's index handle, one opening its own.
    let done = Arc::new(AtomicBool::new(false));
    let mut threads = Vec::new();
    for own in [false, true] {
        let done = done.clone();
        let index = if own {
            NewsIndex::open(&dir).expect("open in thread")
        } else {
            index.clone()
        };
        threads.push(std::thread::spawn(move || {
            reader_loop(&index, || done.load(Ordering::SeqCst), false)
        }));
    }

    let started = Instant::now();
    let mut writer = index
        .writer_with_options(WriterOptions {
            threads: 1,
            memory_budget: 50 << 20,
            commit_every: BATCH,
            // The storage layer is under test; enrichment only costs time here.
            enrich: false,
        })
        .expect("writer");
    let pid_file = dir.join(WRITER_PID_FILE);
    assert_eq!(
        std::fs::read_to_string(&pid_file).expect("pid file").trim(),
        std::process::id().to_string()
    );
    // A second writer in the same process is refused as well.
    let same_process = index.writer().err().expect("second writer refused");
    let same_process = same_process.to_string();
    assert!(
        same_process.contains("locked by another writer")
            && same_process.contains(&format!("pid {}", std::process::id())),
        "{same_process}"
    );
    let summary = writer
        .ingest(corpus.records(), |_| {})
        .expect("ingest while readers search");
    assert_eq!(summary.indexed as usize, RECORDS);
    let ingest_secs = started.elapsed().as_secs_f64();
    drop(writer);
    assert!(
        !pid_file.exists(),
        "pid file removed when the writer closes"
    );
    // The lock is released: a new writer opens.
    drop(index.writer().expect("writer after the first closed"));

    done.store(true, Ordering::SeqCst);
    std::fs::write(stop_file(&dir), "").expect("stop file");
    let mut observed: Vec<(String, Observed)> = threads
        .into_iter()
        .enumerate()
        .map(|(i, t)| (format!("thread {i}"), t.join().expect("reader thread")))
        .collect();
    let mut child_seen = None;
    for line in lines {
        let line = line.expect("line");
        if let Some(json) = marker(&line).and_then(|m| m.strip_prefix("observed ")) {
            child_seen = Some(serde_json::from_str::<Observed>(json).expect("json"));
        }
    }
    assert!(child.wait().expect("wait").success(), "reader child failed");
    let child_seen = child_seen.expect("reader child reported");
    observed.push(("other process".into(), child_seen.clone()));

    for (name, seen) in &observed {
        check(name, seen);
    }
    let lock_error = child_seen.lock_error.expect("child tried a second writer");
    assert!(
        lock_error.contains("locked by another writer")
            && lock_error.contains(&format!("pid {}", std::process::id())),
        "{lock_error}"
    );

    println!(
        "concurrency test: {RECORDS} articles ingested in batches of {BATCH} ({ingest_secs:.1} s) while 3 readers searched"
    );
    for (name, seen) in &observed {
        println!(
            "  {name}: {} searches, 0 errors, {} distinct totals, all multiples of {BATCH}, never decreasing",
            seen.searches,
            seen.totals.len()
        );
    }
    println!("  second writer, other process: {lock_error}");
    println!("  second writer, same process: {same_process}");
}
