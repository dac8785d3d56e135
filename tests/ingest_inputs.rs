//! Reading files, directories, JSON Lines and stdin; bad input never loses good records.

use std::fs;
use std::io::{Cursor, Write};

use pressespiegel::ingest::{self, MAX_RECORD_BYTES};
use pressespiegel::{Article, Error};

fn origin_of(e: &Error) -> &str {
    match e {
        Error::Record { origin, .. } => origin,
        other => panic!("expected a record error, got {other:?}"),
    }
}

fn message_of(e: &Error) -> &str {
    match e {
        Error::Record { message, .. } => message,
        other => panic!("expected a record error, got {other:?}"),
    }
}

const AGENCY: &str = " date 2025-11-04 Peking (Reuters) - China und Russland wollen sich gemeinsam gegen Sanktionen wehren. Dies kündigten beide Regierungen an.";

#[test]
fn bad_input_is_rejected_per_record_and_good_records_come_through() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("good.txt"), AGENCY).unwrap();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(
        root.join("sub/nested.txt"),
        "Eine Überschrift\n\nDer Text des Artikels.",
    )
    .unwrap();
    fs::write(root.join(".hidden.txt"), "Versteckt.").unwrap();
    fs::create_dir(root.join(".git")).unwrap();
    fs::write(root.join(".git/HEAD"), "ref: main").unwrap();
    fs::write(root.join("empty.txt"), "").unwrap();
    fs::write(
        root.join("latin1.txt"),
        b"Erste Zeile\nGr\xfc\xdfe aus K\xf6ln.\n",
    )
    .unwrap();

    let mut jsonl = fs::File::create(root.join("news.jsonl")).unwrap();
    writeln!(
        jsonl,
        r#"{{"id": "j1", "title": "Eins", "text": "Erster Text.", "date": "2025-11-04"}}"#
    )
    .unwrap();
    writeln!(jsonl, r#"{{"id": "j2", "text": "kaputt"#).unwrap(); // line 2: malformed
    writeln!(jsonl, r#"{{"id": "j3", "title": "ohne Text"}}"#).unwrap(); // line 3: no text
    writeln!(jsonl).unwrap(); // line 4: blank, skipped
    writeln!(
        jsonl,
        r#"{{"id": "j5", "text": "Fünfter Text.", "unbekannt": 1}}"#
    )
    .unwrap();
    // line 6: longer than MAX_RECORD_BYTES
    let huge = "x".repeat(MAX_RECORD_BYTES + 10);
    writeln!(jsonl, r#"{{"id": "j6", "text": "{huge}"}}"#).unwrap();
    writeln!(
        jsonl,
        "{{\"id\": \"j7\", \"text\": \"Gr\u{fc}\u{df}e.\"}}\r"
    )
    .unwrap(); // CRLF
    jsonl
        .write_all(b"{\"id\": \"j8\", \"text\": \"\xff\"}\n")
        .unwrap(); // line 8: bad UTF-8
    write!(jsonl, r#"{{"id": "j9", "text": "Ohne Zeilenende."}}"#).unwrap();
    drop(jsonl);

    let results: Vec<_> = ingest::read_paths(&[root]).collect();
    let ok: Vec<&Article> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    let errs: Vec<&Error> = results.iter().filter_map(|r| r.as_ref().err()).collect();

    let ids: Vec<&str> = ok.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["good", "j1", "j5", "j7", "j9", "nested"],
        "sorted, recursive, hidden skipped"
    );
    assert_eq!(ok[0].agency.as_deref(), Some("Reuters"));
    assert_eq!(ok[3].text, "Grüße.");
    assert_eq!(ok[5].title, "Eine Überschrift");

    let p = |rel: &str| root.join(rel).display().to_string();
    let origins: Vec<&str> = errs.iter().map(|e| origin_of(e)).collect();
    assert_eq!(
        origins,
        [
            p("empty.txt"),
            format!("{}:2", p("latin1.txt")),
            format!("{}:2", p("news.jsonl")),
            format!("{}:3", p("news.jsonl")),
            format!("{}:6", p("news.jsonl")),
            format!("{}:8", p("news.jsonl")),
        ]
    );
    assert!(message_of(errs[0]).contains("empty"));
    assert!(message_of(errs[1]).contains("UTF-8"));
    assert!(message_of(errs[2]).contains("malformed JSON"));
    assert!(message_of(errs[3]).contains("\"text\""));
    assert!(message_of(errs[4]).contains("too large"));
    assert!(message_of(errs[5]).contains("UTF-8"));
    // Every message says what to do, not only what is wrong.
    for e in &errs {
        let m = message_of(e);
        assert!(m.contains(';'), "message without advice: {m}");
    }
}

#[test]
fn missing_path_is_one_error_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Ein Artikel.").unwrap();
    let missing = dir.path().join("gibt-es-nicht.txt");
    let results: Vec<_> =
        ingest::read_paths(&[missing.clone(), dir.path().join("a.txt")]).collect();
    assert_eq!(results.len(), 2);
    let e = results[0].as_ref().unwrap_err();
    assert_eq!(origin_of(e), missing.display().to_string());
    assert!(message_of(e).contains("check the path"));
    assert_eq!(results[1].as_ref().unwrap().id, "a");
}

#[test]
fn oversized_text_file_is_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    fs::write(&big, "Wort ".repeat(MAX_RECORD_BYTES / 5 + 10)).unwrap();
    let results: Vec<_> = ingest::read_paths(&[&big]).collect();
    assert_eq!(results.len(), 1);
    assert!(message_of(results[0].as_ref().unwrap_err()).contains("too large"));
}

#[test]
fn json_files_as_array_object_or_lines() {
    let dir = tempfile::tempdir().unwrap();
    let arr = dir.path().join("arr.json");
    fs::write(
        &arr,
        r#"[{"id": "a", "text": "A."}, {"id": "b"}, {"id": "c", "text": "C."}]"#,
    )
    .unwrap();
    let obj = dir.path().join("obj.json");
    fs::write(&obj, "{\n  \"id\": \"o\",\n  \"text\": \"Objekt.\"\n}\n").unwrap();
    let lines = dir.path().join("lines.json");
    fs::write(
        &lines,
        "{\"id\": \"l1\", \"text\": \"L.\"}\n{\"id\": \"l2\", \"text\": \"M.\"}\n",
    )
    .unwrap();

    let r: Vec<_> = ingest::read_paths(&[&arr, &obj, &lines]).collect();
    let ids: Vec<String> = r
        .iter()
        .map(|x| match x {
            Ok(a) => a.id.clone(),
            Err(e) => format!("ERR {}", origin_of(e)),
        })
        .collect();
    assert_eq!(
        ids,
        [
            "a",
            format!("ERR {}[1]", arr.display()).as_str(),
            "c",
            "o",
            "l1",
            "l2"
        ]
    );
}

#[test]
fn stdin_json_lines() {
    let input = "\u{feff}{\"id\": \"x\", \"text\": \"Eins.\"}\n\n{\"text\": \"\"}\n{\"id\": \"y\", \"text\": \"Zwei.\"}";
    let r: Vec<_> = ingest::read_reader(Cursor::new(input), "<stdin>").collect();
    assert_eq!(r.len(), 3);
    assert_eq!(r[0].as_ref().unwrap().id, "x");
    assert_eq!(origin_of(r[1].as_ref().unwrap_err()), "<stdin>:3");
    assert_eq!(r[2].as_ref().unwrap().id, "y");
}

#[test]
fn stdin_text_article_gets_a_stable_content_id() {
    let read = || {
        let r: Vec<_> =
            ingest::read_reader(Cursor::new(format!("\n\n{AGENCY}\n")), "<stdin>").collect();
        assert_eq!(r.len(), 1);
        r.into_iter().next().unwrap().unwrap()
    };
    let a = read();
    assert_eq!(a.place.as_deref(), Some("Peking"));
    assert_eq!(a.id.len(), 16);
    assert!(a.id.chars().all(|c| c.is_ascii_hexdigit()));
    assert_eq!(a.id, read().id, "same input, same id");
}

#[test]
fn stdin_empty_or_invalid() {
    let r: Vec<_> = ingest::read_reader(Cursor::new("  \n "), "<stdin>").collect();
    assert_eq!(r.len(), 1);
    assert!(message_of(r[0].as_ref().unwrap_err()).contains("no input"));
    let r: Vec<_> =
        ingest::read_reader(Cursor::new(b"Text \xff\xfe".to_vec()), "<stdin>").collect();
    assert_eq!(origin_of(r[0].as_ref().unwrap_err()), "<stdin>:1");
}

#[test]
fn json_line_fields_and_dates() {
    let a = ingest::parse_json_line(
        r#"{"id": "n1", "title": "Gipfel", "text": "Trump traf Xi.", "date": "2025-10-30T08:15:00Z", "source": "ntv.de", "tags": ["China"], "extra": {"x": 1}}"#,
        "f.jsonl:1",
    )
    .unwrap();
    assert_eq!(a.date.unwrap().to_string(), "2025-10-30T08:15:00");
    assert_eq!(a.source.as_deref(), Some("ntv.de"));
    assert_eq!(a.tags, ["China"]);
    // soft hyphen and zero-width space removed, NFD → NFC
    let b = ingest::parse_json_line("{\"text\": \"Pra\u{308}si\u{ad}dent\u{200b}\"}", "o").unwrap();
    assert_eq!(b.text, "Präsident");
    let e = ingest::parse_json_line(r#"["not", "an", "object"]"#, "f.jsonl:9").unwrap_err();
    assert_eq!(origin_of(&e), "f.jsonl:9");
}
