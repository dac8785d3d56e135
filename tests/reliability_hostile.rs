//! Huge and hostile input: every record is indexed correctly or rejected with its own error,
//! the run goes on, and `read == indexed + rejected` always; a large JSON Lines file is streamed
//! in bounded memory (peak RSS printed).
//!
//! The JSON Lines are read by `reliability_support::read_jsonl`, a stand-in with the contract of
//! `pressespiegel::ingest::read_reader` (which had not landed on main when this was written);
//! what is tested here is the writer side: `NewsWriter::ingest` / `add` on hostile articles.
//!
//! `cargo test --test reliability_hostile -- --nocapture` (streams 16 MB, which a debug build
//! on 2 cores does in about a minute; set `PRESSESPIEGEL_STREAM_MB` to change). The 200 MB and
//! 1 GB runs: `cargo test --release --test reliability_hostile -- --ignored huge --nocapture`.

mod reliability_support;

use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::Path;

use pressespiegel::index::{NewsIndex, WriterOptions, MAX_ID_BYTES};
use pressespiegel::search::SearchRequest;
use pressespiegel::Article;
use reliability_support::{
    child_command, child_role, marker, peak_rss_kib, read_jsonl, synthetic_article, MAX_LINE_BYTES,
};

fn json_line(id: &str, text: &str) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({"id": id, "title": "Titel", "text": text}))
        .expect("json")
}

fn total(index: &NewsIndex, q: &str) -> u64 {
    index
        .search(&SearchRequest::new(q).limit(5))
        .unwrap_or_else(|e| panic!("search {q:?}: {e}"))
        .total
}

#[test]
fn hostile_records_are_indexed_or_rejected_per_record() {
    // (case, line, indexed id or None for rejected)
    let mut cases: Vec<(&str, Vec<u8>, Option<&str>)> = vec![
        (
            "plain",
            json_line("ok-1", "Die Regierung tagt."),
            Some("ok-1"),
        ),
        (
            "escaped NUL bytes",
            json_line("nul", "Null\u{0}Byte Haushaltsdebatte \u{0}"),
            Some("nul"),
        ),
        (
            "raw NUL byte in a string",
            b"{\"id\":\"rawnul\",\"text\":\"a\x00b\"}".to_vec(),
            None,
        ),
        (
            "invalid UTF-8",
            b"{\"id\":\"badutf8\",\"text\":\"M\xfc\xfcnchen\"}".to_vec(),
            None,
        ),
        (
            "RTL scripts",
            json_line(
                "rtl",
                "Die Zeitung \u{202B}الحكومة الألمانية\u{202C} berichtet, ממשלת גרמניה schweigt.",
            ),
            Some("rtl"),
        ),
        (
            "combining characters",
            json_line(
                "comb",
                "Cafe\u{301} in Zu\u{308}rich, Z\u{337}\u{322}\u{31b}a\u{335}l\u{338}g\u{336}o\u{334} tanzt.",
            ),
            Some("comb"),
        ),
        (
            "100k-character word",
            json_line(
                "longword",
                &format!("Bundesrat {} Ende", "x".repeat(100_000)),
            ),
            Some("longword"),
        ),
        (
            "deeply nested JSON",
            format!(
                "{{\"id\":\"nest\",\"text\":{}1{}}}",
                "{\"a\":".repeat(50_000),
                "}".repeat(50_000)
            )
            .into_bytes(),
            None,
        ),
        (
            "deeply nested arrays",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            None,
        ),
        (
            "truncated JSON",
            b"{\"id\": \"cut\", \"text\": ".to_vec(),
            None,
        ),
        ("a number", b"42".to_vec(), None),
        ("null", b"null".to_vec(), None),
        ("a string", b"\"Text\"".to_vec(), None),
        (
            "wrong field type",
            b"{\"id\": 7, \"text\": [\"a\"]}".to_vec(),
            None,
        ),
        (
            "missing text",
            b"{\"id\": \"notext\"}".to_vec(),
            None,
        ),
        (
            "missing id",
            b"{\"text\": \"Ohne Kennung\"}".to_vec(),
            None,
        ),
        (
            "50 MB article",
            json_line("fifty", &"Wirtschaft ".repeat(50 << 20 >> 4)),
            None,
        ),
        (
            "12 MB line",
            json_line("twelve", &"Inflation ".repeat(12 << 20 >> 3)),
            None,
        ),
        (
            "plain after the hostile ones",
            json_line("ok-2", "Der Kanzler reist."),
            Some("ok-2"),
        ),
    ];
    // Last: a line of nearly 10 MB without a final newline.
    let big_text = "Energiewende ".repeat((MAX_LINE_BYTES - 200) / 13);
    cases.push((
        "10 MB line without newline",
        json_line("ten", &big_text),
        Some("ten"),
    ));

    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join("hostile.jsonl");
    {
        let mut f = BufWriter::new(File::create(&path).expect("create"));
        for (i, (_, line, _)) in cases.iter().enumerate() {
            f.write_all(line).expect("write");
            if i + 1 < cases.len() {
                // Blank and whitespace-only lines between records are no records.
                f.write_all(if i == 3 { b"\n\n  \t\n" } else { b"\n" })
                    .expect("write");
            }
        }
    }
    let index = NewsIndex::create(tmp.path().join("index")).expect("create");
    let mut writer = index.writer().expect("writer");
    let reader = BufReader::new(File::open(&path).expect("open"));
    let summary = writer
        .ingest(read_jsonl(reader, "hostile.jsonl"), |_| {})
        .expect("the run goes on past bad records");

    let expected_indexed = cases.iter().filter(|c| c.2.is_some()).count() as u64;
    assert_eq!(summary.read, cases.len() as u64);
    assert_eq!(summary.read, summary.indexed + summary.rejected);
    assert_eq!(summary.indexed, expected_indexed, "{:#?}", summary.errors);
    assert_eq!(summary.errors.len() as u64, summary.rejected);
    for (case, _, id) in &cases {
        if let Some(id) = id {
            assert!(
                index.contains(id).expect("contains"),
                "{case}: {id} missing"
            );
        }
    }
    // Each rejection names its line.
    for e in &summary.errors {
        assert!(
            e.error.contains("hostile.jsonl:") || e.error.contains("article"),
            "{e:?}"
        );
    }
    // Indexed correctly: searchable by their words, text stored as given (NFC).
    assert_eq!(total(&index, "Haushaltsdebatte"), 1);
    assert_eq!(total(&index, "الحكومة"), 1, "RTL word");
    assert_eq!(total(&index, "ממשלת"), 1, "Hebrew word");
    assert_eq!(
        total(&index, "Zürich"),
        1,
        "decomposed ü found by composed query"
    );
    assert_eq!(total(&index, "Café"), 1);
    assert_eq!(
        total(&index, "Bundesrat"),
        1,
        "article with a 100k-character word"
    );
    assert_eq!(total(&index, "Energiewende"), 1, "10 MB article");
    let stored = reliability_support::stored_articles(&index);
    let nul = stored.iter().find(|a| a.id == "nul").expect("nul stored");
    assert!(nul.text.contains('\0'));
    let ten = stored.iter().find(|a| a.id == "ten").expect("ten stored");
    assert_eq!(ten.text.trim(), big_text.trim(), "10 MB text stored intact");

    println!(
        "hostile input: read {} = indexed {} + rejected {}",
        summary.read, summary.indexed, summary.rejected
    );
    for (case, _, id) in &cases {
        println!(
            "  {case}: {}",
            if id.is_some() { "indexed" } else { "rejected" }
        );
    }
    for e in &summary.errors {
        let msg: String = e.error.chars().take(140).collect();
        println!("  error: {msg}");
    }
}

/// Through the Rust API (no line limit): a 50 MB article.
#[test]
#[ignore = "50 MB through the analyzer takes minutes in a debug build: run with `cargo test --release --test reliability_hostile -- --ignored huge`"]
fn huge_50mb_article_via_add() {
    huge_article_via_add(50);
}

/// Through the Rust API (no line limit): a 12 MB article (beyond the ingest line limit) and a
/// 100k-character id.
#[test]
fn huge_article_and_huge_id_via_add() {
    huge_article_via_add(12);
}

fn huge_article_via_add(mb: usize) {
    let index = NewsIndex::create_in_ram().expect("ram");
    let mut w = index.writer().expect("writer");
    let mut text = "Wirtschaft Wachstum Zölle ".repeat((mb << 20) / 26);
    text.push_str("Schlusswort");
    w.add(Article {
        id: "fifty".into(),
        title: "Riesig".into(),
        text,
        ..Default::default()
    })
    .expect("50 MB article");
    let long_id = "i".repeat(100_000);
    let long_id_result = w.add(Article {
        id: long_id.clone(),
        title: "Lange Kennung".into(),
        text: "Kennungstext".into(),
        ..Default::default()
    });
    w.commit().expect("commit");
    let hits = index
        .search(&SearchRequest::new("Schlusswort").limit(1))
        .expect("search in a 50 MB article");
    assert_eq!(hits.total, 1);
    assert!(
        !hits.hits[0].snippets.is_empty(),
        "snippet from the 50 MB text"
    );
    // A 100k-character id is longer than tantivy can index as one term: it must be rejected
    // (an id that cannot be looked up could never be replaced, so re-ingesting would duplicate).
    let err = long_id_result.expect_err("100k-character id rejected");
    assert!(matches!(err, pressespiegel::Error::Record { .. }), "{err}");
    assert!(err.to_string().contains("id is 100000 bytes long"), "{err}");
    // An id at the limit works like any other.
    let max_id = "j".repeat(MAX_ID_BYTES);
    w.add(Article {
        id: max_id.clone(),
        text: "Kennungstext".into(),
        ..Default::default()
    })
    .expect("id at the limit");
    w.commit().expect("commit");
    assert!(index.contains(&max_id).expect("contains"));
    w.add(Article {
        id: max_id.clone(),
        text: "Kennungstext neu".into(),
        ..Default::default()
    })
    .expect("replace");
    w.commit().expect("commit");
    assert_eq!(
        total(&index, "Kennungstext"),
        1,
        "replaced by id, not duplicated"
    );
    println!("100k-character id: rejected: {err}");
    println!("{mb} MB article: indexed, searchable, snippet built");
}

/// Write a JSON Lines file of about `mb` megabytes; returns the number of records.
fn write_corpus_file(path: &Path, mb: usize) -> usize {
    let mut f = BufWriter::new(File::create(path).expect("create"));
    let mut written = 0usize;
    let mut i = 0usize;
    while written < mb << 20 {
        let mut a = synthetic_article(i, format!("s-{i:08}"));
        // ~1 KB of text per record.
        a.text = format!("{} {} {}", a.text, a.text, a.text);
        let line = serde_json::to_string(&a).expect("json");
        f.write_all(line.as_bytes()).expect("write");
        f.write_all(b"\n").expect("write");
        written += line.len() + 1;
        i += 1;
    }
    f.flush().expect("flush");
    i
}

/// Child process: stream the file named by the role into an index, print summary and peak RSS.
#[test]
#[ignore = "child process entry point, spawned by the streaming tests"]
fn stream_child() {
    let Some((role, dir)) = child_role() else {
        return;
    };
    let file = role.strip_prefix("stream:").expect("role stream:FILE");
    let before = peak_rss_kib().unwrap_or(0);
    let index = NewsIndex::create(&dir).expect("create");
    let mut writer = index
        .writer_with_options(WriterOptions {
            threads: 1,
            memory_budget: 64 << 20,
            commit_every: 20_000,
            // The storage layer is under test; enrichment only costs time here.
            enrich: false,
        })
        .expect("writer");
    let reader = BufReader::with_capacity(1 << 16, File::open(file).expect("open"));
    let started = std::time::Instant::now();
    let summary = writer
        .ingest(read_jsonl(reader, file), |_| {})
        .expect("ingest");
    let secs = started.elapsed().as_secs_f64();
    let articles = index.stats().expect("stats").articles;
    println!(
        "@@ result {} {} {} {} {:.1} {}",
        summary.read,
        summary.indexed,
        summary.rejected,
        peak_rss_kib().unwrap_or(0),
        secs,
        before
    );
    assert_eq!(articles, summary.indexed);
}

fn stream_file(mb: usize) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("big.jsonl");
    let records = write_corpus_file(&file, mb);
    let size = std::fs::metadata(&file).expect("meta").len();
    let out = child_command(
        "stream_child",
        &format!("stream:{}", file.display()),
        &tmp.path().join("index"),
    )
    .output()
    .expect("run stream child");
    assert!(out.status.success(), "stream child failed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let result = stdout
        .lines()
        .find_map(|l| marker(l).and_then(|m| m.strip_prefix("result ")))
        .expect("child result");
    let v: Vec<f64> = result
        .split(' ')
        .map(|x| x.parse().expect("number"))
        .collect();
    let (read, indexed, rejected, peak_kib, secs, start_kib) = (
        v[0] as u64,
        v[1] as u64,
        v[2] as u64,
        v[3] as u64,
        v[4],
        v[5] as u64,
    );
    assert_eq!(read, records as u64);
    assert_eq!(read, indexed + rejected);
    assert_eq!(rejected, 0);
    let peak_mb = peak_kib as f64 / 1024.0;
    println!(
        "streamed {:.0} MB JSON Lines ({records} records) in {secs:.0} s: peak RSS {peak_mb:.0} MB \
         (at start {:.0} MB; writer memory budget 64 MB)",
        size as f64 / 1048576.0,
        start_kib as f64 / 1024.0
    );
    // Bounded: the peak does not grow with the file (well below its size for large files).
    assert!(
        peak_mb < 400.0,
        "peak RSS {peak_mb:.0} MB for a {mb} MB file is not bounded"
    );
}

#[test]
fn large_jsonl_streams_in_bounded_memory() {
    if child_role().is_some() {
        return;
    }
    let mb = std::env::var("PRESSESPIEGEL_STREAM_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16);
    stream_file(mb);
}

#[test]
#[ignore = "200 MB: run with `cargo test --release --test reliability_hostile -- --ignored huge`"]
fn huge_200mb_jsonl_streams_in_bounded_memory() {
    if child_role().is_some() {
        return;
    }
    stream_file(200);
}

#[test]
#[ignore = "1 GB: run with `cargo test --release --test reliability_hostile -- --ignored huge`"]
fn huge_1gb_jsonl_streams_in_bounded_memory() {
    if child_role().is_some() {
        return;
    }
    stream_file(1024);
}

#[test]
fn stand_in_reader_never_buffers_an_overlong_line() {
    // A 30 MB line followed by a normal one: the long one is one error, the next one is read.
    let mut data = vec![b'x'; 30 << 20];
    data.push(b'\n');
    data.extend_from_slice(&json_line("after", "Text danach"));
    let records: Vec<_> = read_jsonl(std::io::Cursor::new(data), "mem").collect();
    assert_eq!(records.len(), 2);
    assert!(records[0].is_err());
    assert_eq!(records[1].as_ref().expect("second").id, "after");
}
