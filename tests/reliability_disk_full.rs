//! Full disk: ingest until no more can be written. The writer must fail with a clear error
//! (no panic, no hang); after space is freed the index opens at its last commit, every
//! committed article is searchable, and writing can go on.
//!
//! Two ways to run out of space, so the guarantee is tested on every machine:
//! - `full_disk_keeps_last_commit`: a 12 MB tmpfs (needs `mount -t tmpfs`, i.e. root or a
//!   sandbox that allows it; prints `SKIPPED: …` with the reason where mounting is impossible);
//! - `file_size_limit_keeps_last_commit`: a child process whose writes are capped by
//!   `setrlimit(RLIMIT_FSIZE)` (no root needed, runs everywhere): writes past the cap fail
//!   with `EFBIG` exactly where a full disk fails with `ENOSPC`; the parent, without the cap,
//!   plays "space was freed".
//!
//! `cargo test --test reliability_disk_full -- --nocapture`

mod reliability_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use pressespiegel::index::{NewsIndex, WriterOptions};
use pressespiegel::search::SearchRequest;
use pressespiegel::Article;
use reliability_support::{child_command, child_role, id_counts, marker, stored_articles, Rng};

/// Size of the file system.
const TMPFS_MB: u64 = 12;
/// Size of the ballast file deleted to "free space".
const BALLAST_MB: usize = 3;
/// Articles per commit.
const BATCH: usize = 100;

/// Unmounts on drop, also when the test fails.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn mount_tmpfs(dir: &Path) -> Result<Mount, String> {
    let out = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={TMPFS_MB}m"), "tmpfs"])
        .arg(dir)
        .output()
        .map_err(|e| format!("cannot run mount: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "mount -t tmpfs failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(Mount(dir.to_path_buf()))
}

/// An article of about 3 KB of hardly compressible text.
fn article(i: usize) -> Article {
    let mut rng = Rng::new(i as u64);
    let mut text = String::from("Haushalt ");
    while text.len() < 3000 {
        // Random letters: new terms, poor compression, so the disk fills quickly.
        let len = 3 + rng.below(9) as usize;
        for _ in 0..len {
            text.push((b'a' + rng.below(26) as u8) as char);
        }
        text.push(' ');
    }
    Article {
        id: format!("voll-{i:06}"),
        title: format!("Meldung {i}"),
        text,
        ..Default::default()
    }
}

#[test]
fn full_disk_keeps_last_commit() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mnt = tmp.path().join("small-fs");
    std::fs::create_dir(&mnt).expect("mkdir");
    let _mount = match mount_tmpfs(&mnt) {
        Ok(m) => m,
        Err(reason) => {
            println!("SKIPPED full_disk_keeps_last_commit: {reason}");
            return;
        }
    };
    let ballast = mnt.join("ballast");
    std::fs::write(&ballast, vec![0u8; BALLAST_MB << 20]).expect("ballast");
    let dir = mnt.join("index");
    let index = NewsIndex::create(&dir).expect("create on tmpfs");

    let mut writer = index
        .writer_with_options(WriterOptions {
            threads: 1,
            memory_budget: 16 << 20,
            commit_every: 0,
            // The storage layer is under test; enrichment only costs time here.
            enrich: false,
        })
        .expect("writer");
    let mut committed = 0usize;
    let mut next = 0usize;
    let mut failed_in = "commit";
    let error = loop {
        let mut failed = None;
        for _ in 0..BATCH {
            if let Err(e) = writer.add(article(next)) {
                failed_in = "add";
                failed = Some(e);
                break;
            }
            next += 1;
        }
        if let Some(e) = failed {
            break e;
        }
        match writer.commit() {
            Ok(()) => committed = next,
            Err(e) => break e,
        }
        assert!(next < 200_000, "the disk never filled up");
    };
    let message = error.to_string();
    drop(writer);
    assert!(committed > 0, "nothing committed before the disk filled");
    assert!(
        matches!(&error, pressespiegel::Error::Io { source, .. }
            if source.kind() == std::io::ErrorKind::StorageFull),
        "a full disk is an Io error of kind StorageFull: {error:?}"
    );
    for needle in [
        "No space left on device",
        "last successful commit",
        "free space",
    ] {
        assert!(
            message.contains(needle),
            "{message:?} should mention {needle:?}"
        );
    }

    // Free space, then reopen: the index is at the last commit, fully searchable.
    std::fs::remove_file(&ballast).expect("free space");
    check_last_commit_and_go_on(&dir, committed);

    println!(
        "full disk: {TMPFS_MB} MB tmpfs filled after {committed} committed articles \
         ({} attempted); {failed_in} failed with: {message}",
        next
    );
    println!(
        "  after freeing {BALLAST_MB} MB: index opens at the last commit, {committed} articles searchable, writing continues"
    );
}

/// After space was freed: the index opens at the last commit (exactly the `committed` first
/// articles, once each), searches see them all, and a new writer commits more.
fn check_last_commit_and_go_on(dir: &Path, committed: usize) {
    let index = NewsIndex::open(dir).expect("reopen after the disk was full");
    let stats = index.stats().expect("stats");
    assert_eq!(stats.articles as usize, committed);
    let counts = id_counts(&stored_articles(&index));
    assert_eq!(counts.len(), committed);
    assert!(counts.values().all(|&n| n == 1));
    assert!((0..committed).all(|i| counts.contains_key(&format!("voll-{i:06}"))));
    let hits = index
        .search(&SearchRequest::new("Haushalt").limit(0))
        .expect("search after the disk was full");
    assert_eq!(hits.total as usize, committed);
    index.verify().expect("the last commit verifies");

    // Writing goes on once there is space again.
    let mut writer = index.writer().expect("writer after freeing space");
    writer.add(article(committed)).expect("add");
    writer.commit().expect("commit after freeing space");
    assert_eq!(
        index.stats().expect("stats").articles as usize,
        committed + 1
    );
}

/// Largest file the capped child may write.
const FSIZE_LIMIT_MB: u64 = 4;

/// Child process: cap the file size, then add ever larger batches (100, 200, 400, … articles
/// per commit) until a write fails; print what was committed and the error.
#[test]
#[ignore = "child process entry point, spawned by file_size_limit_keeps_last_commit"]
fn fsize_child() {
    let Some((role, dir)) = child_role() else {
        return;
    };
    assert_eq!(role, "fsize");
    let limit = FSIZE_LIMIT_MB << 20;
    // SAFETY: plain libc calls with valid arguments, made before any other thread of this
    // process writes files. Ignoring SIGXFSZ makes an over-limit write fail with EFBIG
    // instead of killing the process.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        let rl = libc::rlimit {
            rlim_cur: limit as libc::rlim_t,
            rlim_max: limit as libc::rlim_t,
        };
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &rl), 0, "setrlimit");
    }
    let index = NewsIndex::create(&dir).expect("create");
    let mut writer = index
        .writer_with_options(WriterOptions {
            threads: 1,
            memory_budget: 64 << 20,
            commit_every: 0,
            enrich: false,
        })
        .expect("writer");
    let (mut committed, mut next, mut batch) = (0usize, 0usize, 100usize);
    let (failed_in, error) = loop {
        let mut failed = None;
        for _ in 0..batch {
            if let Err(e) = writer.add(article(next)) {
                failed = Some(e);
                break;
            }
            next += 1;
        }
        if let Some(e) = failed {
            break ("add", e);
        }
        match writer.commit() {
            Ok(()) => committed = next,
            Err(e) => break ("commit", e),
        }
        assert!(next < 100_000, "the file size limit was never reached");
        batch *= 2;
    };
    let kind = match &error {
        pressespiegel::Error::Io { source, .. } => format!("{:?}", source.kind()),
        other => format!("not Io: {other:?}"),
    };
    println!("@@ full {committed} {next} {failed_in} {kind}");
    println!("@@ message {error}");
}

#[test]
fn file_size_limit_keeps_last_commit() {
    if child_role().is_some() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("index");
    let out = child_command("fsize_child", "fsize", &dir)
        .output()
        .expect("run capped child");
    assert!(out.status.success(), "capped child failed: {out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let full: Vec<&str> = stdout
        .lines()
        .find_map(|l| marker(l)?.strip_prefix("full "))
        .expect("child result")
        .split(' ')
        .collect();
    let message = stdout
        .lines()
        .find_map(|l| marker(l)?.strip_prefix("message "))
        .expect("child error message");
    let committed: usize = full[0].parse().expect("committed");
    let attempted: usize = full[1].parse().expect("attempted");
    let (failed_in, kind) = (full[2], full[3]);
    assert!(committed > 0, "nothing committed before the limit");
    assert_eq!(
        kind, "FileTooLarge",
        "a failed write is an Io error: {message}"
    );
    for needle in ["File too large", "last successful commit", "free space"] {
        assert!(
            message.contains(needle),
            "{message:?} should mention {needle:?}"
        );
    }
    check_last_commit_and_go_on(&dir, committed);
    println!(
        "file size limit: writes capped at {FSIZE_LIMIT_MB} MB per file (RLIMIT_FSIZE) failed after \
         {committed} committed articles ({attempted} attempted); {failed_in} failed with: {message}"
    );
    println!(
        "  without the cap: index opens at the last commit, {committed} articles searchable, \
         verify passes, writing continues"
    );
}
