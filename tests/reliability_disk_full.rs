//! Full disk: ingest into an index on a small tmpfs until the disk is full. The writer must fail
//! with a clear error (no panic, no hang); after space is freed the index opens at its last
//! commit, every committed article is searchable, and writing can go on.
//!
//! Needs `mount -t tmpfs` (root, or a sandbox that allows it). Where mounting is impossible the
//! test prints `SKIPPED: …` with the reason and passes, also under `CI=true` (the machine, not
//! the code, decides whether a small file system can be made).
//!
//! `cargo test --test reliability_disk_full -- --nocapture`

mod reliability_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use pressespiegel::index::{NewsIndex, WriterOptions};
use pressespiegel::search::SearchRequest;
use pressespiegel::Article;
use reliability_support::{id_counts, stored_articles, Rng};

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
    let index = NewsIndex::open(&dir).expect("reopen after the disk was full");
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

    // Writing goes on once there is space again.
    let mut writer = index.writer().expect("writer after freeing space");
    writer.add(article(committed)).expect("add");
    writer.commit().expect("commit after freeing space");
    assert_eq!(
        index.stats().expect("stats").articles as usize,
        committed + 1
    );

    println!(
        "full disk: {TMPFS_MB} MB tmpfs filled after {committed} committed articles \
         ({} attempted); {failed_in} failed with: {message}",
        next
    );
    println!(
        "  after freeing {BALLAST_MB} MB: index opens at the last commit, {committed} articles searchable, writing continues"
    );
}
