//! Real corpora from ../shared/data: every record reads, and cleaning loses no sentence.

mod common;

use pressespiegel::{analysis::normalize, ingest, Article};

fn ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Sentence fragments of a text: each line split after `.`, `!`, `?` before a space.
fn fragments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        let mut start = 0;
        let chars: Vec<(usize, char)> = t.char_indices().collect();
        for (n, &(i, c)) in chars.iter().enumerate() {
            if matches!(c, '.' | '!' | '?') && chars.get(n + 1).is_some_and(|&(_, c)| c == ' ') {
                out.push(t[start..=i].trim().to_string());
                start = i + 1;
            }
        }
        if !t[start..].trim().is_empty() {
            out.push(t[start..].trim().to_string());
        }
    }
    out
}

fn read_all(rel: &str) -> Option<Vec<Article>> {
    let path = common::shared_file(rel)?;
    let articles: Vec<Article> = ingest::read_paths(&[path])
        .collect::<Result<_, _>>()
        .expect("every record of the corpus is accepted");
    Some(articles)
}

/// Lines that are not prose: horizontal rules and image captions (`Bild: …`).
fn is_non_prose(fragment: &str) -> bool {
    fragment.chars().all(|c| c == '-')
        || fragment.starts_with("Bild: ")
        || fragment.starts_with("Foto: ")
}

/// Parse each record's text as a plain-text article and report the sentences it lost
/// (a headline-like first line may move into the title).
fn lost_sentences(articles: &[Article]) -> Vec<(String, String)> {
    let mut lost = Vec::new();
    for a in articles {
        let parsed = ingest::parse_text(&a.text, &a.id).expect("text parses");
        let kept = format!("{} {}", ws(&parsed.title), ws(&parsed.text));
        for f in fragments(&a.text) {
            let f = ws(&normalize(&html_escape::decode_html_entities(&f)));
            if !kept.contains(&f) && !is_non_prose(&f) {
                lost.push((a.id.clone(), f));
            }
        }
    }
    lost
}

#[test]
fn wikinews_jsonl_reads_completely_and_cleaning_keeps_every_sentence() {
    let Some(articles) = read_all("data/wikinews-quotes/train.jsonl") else {
        return;
    };
    assert_eq!(articles.len(), 700);
    let lost = lost_sentences(&articles);
    assert!(
        lost.is_empty(),
        "{} sentences lost, first: {:?}",
        lost.len(),
        &lost[..lost.len().min(10)]
    );
}

#[test]
fn tenkgnad_jsonl_reads_completely_and_cleaning_keeps_every_sentence() {
    let Some(articles) = read_all("data/10kgnad/articles.jsonl") else {
        return;
    };
    assert_eq!(articles.len(), 1028);
    let lost = lost_sentences(&articles);
    assert!(
        lost.is_empty(),
        "{} sentences lost, first: {:?}",
        lost.len(),
        &lost[..lost.len().min(10)]
    );
}
