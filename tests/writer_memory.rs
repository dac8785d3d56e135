//! A commit gives the heap memory freed since the last one back to the operating system.
//!
//! tantivy indexes on threads it starts anew after every commit; glibc keeps the memory a
//! thread frees (its segment's indexing buffers) in that thread's heap, where the next
//! threads need not reuse it, so without this the resident set of a long ingest grew by tens
//! of MB per commit cycle while the live data did not (see BENCHMARKS.md, "Indexing memory").
//! One test per binary: the resident set of the whole process is measured.
#![cfg(all(target_os = "linux", target_env = "gnu"))]

use pressespiegel::index::NewsIndex;
use pressespiegel::Article;

/// `RssAnon` of this process in MB.
fn rss_anon_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kib: u64 = status
        .lines()
        .find(|l| l.starts_with("RssAnon:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .expect("RssAnon line");
    kib / 1024
}

#[test]
fn commit_returns_memory_freed_by_other_threads() {
    let index = NewsIndex::create_in_ram().expect("index");
    let mut writer = index.writer().expect("writer");
    writer
        .add(Article {
            id: "a1".into(),
            title: "Haushalt".into(),
            text: "Der Bundestag beschließt den Haushalt.".into(),
            ..Article::default()
        })
        .expect("add");
    let baseline = rss_anon_mb();
    // A thread fills its heap with many small buffers and frees all but every 128th, as an
    // indexing thread does with its segment's buffers: the survivors keep the free space
    // from merging into the top of the heap, so the allocator does not release it by itself.
    let survivors = std::thread::spawn(|| {
        let all: Vec<Vec<u8>> = (0..200_000u32).map(|i| vec![i as u8; 1000]).collect();
        all.into_iter().step_by(128).collect::<Vec<_>>()
    })
    .join()
    .expect("allocating thread");
    let retained = rss_anon_mb();
    assert!(
        retained >= baseline + 150,
        "precondition: the freed buffers stay resident ({baseline} MB -> {retained} MB)"
    );
    writer.commit().expect("commit");
    let after = rss_anon_mb();
    println!(
        "RssAnon: {baseline} MB before, {retained} MB with 190 MB freed by another thread, \
         {after} MB after the commit ({} live buffers of 1 kB)",
        survivors.len()
    );
    assert!(
        after + 150 <= retained,
        "the commit gave back only {} MB of the ~195 MB freed",
        retained.saturating_sub(after)
    );
    assert_eq!(index.stats().expect("stats").articles, 1);
}
