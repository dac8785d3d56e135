//! Ingestion of the five reference articles in ../shared/seeds: metadata and cleaning.
//!
//! The seed texts are read at run time (they may not be committed).

mod common;

use std::path::Path;

use pressespiegel::{ingest, Article};

fn load(prefix: &str) -> Option<(String, Article)> {
    let path = common::seed(prefix)?;
    let raw = std::fs::read_to_string(&path).expect("seed is UTF-8");
    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
    let article = ingest::parse_text(&raw, &id).expect("seed parses");
    assert_eq!(article.id, id, "text files get their file stem as id");
    Some((raw, article))
}

fn ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn paragraphs(text: &str) -> Vec<&str> {
    text.split("\n\n").collect()
}

/// Lines of the raw seeds that are not article prose (this list is the test's own
/// knowledge of the formats, independent of the implementation).
fn is_known_boilerplate(line: &str) -> bool {
    let t = line.trim();
    const EXACT: &[&str] = &[
        "Politik",
        "Kurze Werbeeinblendung",
        "## Kurze Werbeeinblendung",
        "---",
        "Details",
        "Details zur Meldung",
        "24.11.2025, 20:21 Uhr",
    ];
    EXACT.contains(&t)
        || t.starts_with("Details zur MeldungQuelle")
        || t.starts_with("Source:")
        || t.starts_with("Quelle:")
        || t.starts_with("**Besuchen Sie uns")
        || t.starts_with("Telefonat mit Donald Trump") // 001 kicker + headline
        || t.starts_with("RusslandKünstliche Intelligenz") // 001 tag run
        || t.starts_with("## Xi betont enge") // 002 headline
        || t.contains("(Foto:")
        || (t.len() > 30 && !t.contains(' ')) // image file name
        || t.ends_with("&hellip;") // 002 truncated teaser, repeated in full below
}

/// The article sentences (or sentence fragments, where a paragraph is broken) of a raw
/// seed, after removing its known boilerplate, dateline and editor codes.
fn raw_sentences(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in raw.lines() {
        if line.trim().is_empty() || is_known_boilerplate(line) {
            continue;
        }
        let mut t = line.trim();
        if t.starts_with("date ") {
            t = &t[t.find(") - ").expect("dateline") + 4..];
        }
        let t = t.strip_suffix("/jon/DP/mis").unwrap_or(t);
        let t = t.trim_start_matches('#').trim();
        let mut start = 0;
        let chars: Vec<(usize, char)> = t.char_indices().collect();
        for (n, &(i, c)) in chars.iter().enumerate() {
            let next_is_space = chars.get(n + 1).is_some_and(|&(_, c)| c == ' ');
            if matches!(c, '.' | '!' | '?') && next_is_space {
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

/// Every sentence of the raw text is in the cleaned body.
fn assert_no_sentence_lost(prefix: &str) {
    let Some((raw, a)) = load(prefix) else { return };
    let body = ws(&a.text);
    let sentences = raw_sentences(&raw);
    assert!(
        sentences.len() > 5,
        "{prefix}: too few sentences found in the raw seed"
    );
    for s in sentences {
        let s = ws(&pressespiegel::analysis::normalize(&s));
        assert!(
            body.contains(&s),
            "{prefix}: sentence lost by cleaning: {s:?}"
        );
    }
}

fn assert_well_formed(a: &Article) {
    assert!(!a.text.is_empty());
    assert_eq!(a.text.trim(), a.text, "body is trimmed");
    assert!(!a.text.contains("\n\n\n"), "no empty paragraphs");
    for p in paragraphs(&a.text) {
        assert_eq!(p.trim(), p, "paragraph is trimmed: {p:?}");
        assert!(!p.contains('\n'), "one line per paragraph: {p:?}");
    }
    assert!(
        !a.title.is_empty() && !a.title.contains('\n'),
        "title: {:?}",
        a.title
    );
}

#[test]
fn seed_000_agency_copy_dpa_afx() {
    let Some((_, a)) = load("000") else { return };
    assert_well_formed(&a);
    assert_eq!(a.date.unwrap().to_string(), "2025-10-30");
    assert_eq!(a.place.as_deref(), Some("BUSAN"));
    assert_eq!(a.agency.as_deref(), Some("dpa-AFX"));
    assert!(
        a.text.starts_with("China und die USA wollen"),
        "dateline removed from the body"
    );
    assert!(!a.text.contains("/jon/DP/mis") && !a.text.contains("dpa-AFX"));
    assert!(a
        .text
        .ends_with("reiste Trump nach seiner Asienreise bereits ab."));
    assert!(
        a.title.starts_with("China und die USA wollen") && a.title.ends_with("zusammenarbeiten"),
        "title is the first sentence: {:?}",
        a.title
    );
    assert!(
        paragraphs(&a.text).contains(&"USA bauen Druck auf"),
        "sub-heading kept"
    );
}

#[test]
fn seed_003_agency_copy_reuters() {
    let Some((_, a)) = load("003") else { return };
    assert_well_formed(&a);
    assert_eq!(a.date.unwrap().to_string(), "2025-11-04");
    assert_eq!(a.place.as_deref(), Some("Peking"));
    assert_eq!(a.agency.as_deref(), Some("Reuters"));
    assert_eq!(
        a.title,
        "China und Russland wollen sich gemeinsam gegen einseitige Sanktionen zur Wehr setzen"
    );
    assert!(a.text.starts_with("China und Russland wollen"));
}

#[test]
fn seed_001_web_page() {
    let Some((_, a)) = load("001") else { return };
    assert_well_formed(&a);
    assert_eq!(a.date.unwrap().to_string(), "2025-11-24T20:21:00");
    assert_eq!(a.source.as_deref(), Some("ntv.de"));
    assert!(
        a.title.starts_with("Xi Jinping will bei Friedensdeal"),
        "kicker not in the title: {:?}",
        a.title
    );
    assert!(!a.title.contains("Telefonat"));
    assert_eq!(
        a.tags,
        [
            "Russland",
            "Künstliche Intelligenz",
            "Taiwan",
            "Donald Trump",
            "Angriff auf die Ukraine",
            "China",
            "USA",
            "Ukraine-Konflikt",
            "Nvidia",
            "Xi Jinping"
        ]
    );
    let agency = a.agency.as_deref().unwrap_or_default();
    assert!(
        agency.contains("dpa") && agency.contains("Reuters"),
        "{agency}"
    );
    // The teaser stays; rubric, date line, photo file name and caption do not.
    assert!(a
        .text
        .starts_with("US-Präsident Trump legt einen 28-Punkte-Plan"));
    for gone in [
        "(Foto:",
        "President-Donald-Trump",
        "Quelle:",
        "20:21 Uhr",
        "RusslandKünstliche",
    ] {
        assert!(!a.text.contains(gone), "{gone:?} left in the body");
    }
    assert!(!paragraphs(&a.text).contains(&"Politik"), "rubric removed");
    assert!(a.text.ends_with("wie Xinhua aus dem Telefonat berichtete."));
}

#[test]
fn seed_002_scraped_copy() {
    let Some((_, a)) = load("002") else { return };
    assert_well_formed(&a);
    assert_eq!(
        a.title,
        "Xi betont enge Russland-Bindungen im Putin-Gespräch trotz US-Nähe"
    );
    assert_eq!(a.source.as_deref(), Some("die-nachrichten.at"));
    assert_eq!(a.date, None);
    assert_eq!(
        a.text.matches("Am Montag telefonierte").count(),
        1,
        "teaser appears once"
    );
    for gone in [
        "Werbeeinblendung",
        "Besuchen Sie",
        "Details zur Meldung",
        "Source:",
        "edition.cnn.com",
        "---",
        "&hellip;",
        "&",
        "#",
        "**",
    ] {
        assert!(!a.text.contains(gone), "{gone:?} left in the body");
    }
    assert!(!paragraphs(&a.text).contains(&"Details"));
    let rejoined = paragraphs(&a.text)
        .into_iter()
        .filter(|p| p.contains("getrennt werden können“"))
        .count();
    assert_eq!(rejoined, 1, "the broken paragraph is re-joined");
    assert!(a.text.contains("einzubeziehen, die Kämpfe in der Ukraine"));
    assert!(a.text.contains("wobei er sich mit dem russischen"));
    assert!(paragraphs(&a.text).contains(&"Beziehungen zwischen China und Russland"));
    assert!(paragraphs(&a.text).contains(&"Fazit und Ausblick"));
    assert!(a.text.ends_with("Ivana Kottasová unterstützt."));
}

#[test]
fn seed_004_no_metadata() {
    let Some((raw, a)) = load("004") else { return };
    assert_well_formed(&a);
    assert_eq!(a.date, None);
    assert_eq!(
        (a.source.as_ref(), a.agency.as_ref(), a.place.as_ref()),
        (None, None, None)
    );
    let first_line = raw.lines().find(|l| !l.trim().is_empty()).unwrap();
    let title = a.title.trim_end_matches('…');
    assert!(
        title.len() > 40 && first_line.starts_with(title),
        "title from the first line: {:?}",
        a.title
    );
    assert!(!a.text.contains("Details zur Meldung"));
    assert!(a.text.ends_with("Fred He mitverfasst."));
    assert!(paragraphs(&a.text).contains(&"Jährliche Dialoge und enge Beziehungen"));
}

#[test]
fn cleaning_never_drops_a_sentence() {
    for prefix in ["000", "001", "002", "003", "004"] {
        assert_no_sentence_lost(prefix);
    }
}

#[test]
fn all_seeds_through_read_paths_in_order() {
    let Some(dir) = common::shared_dir() else {
        return;
    };
    let seeds = dir.join("seeds");
    let articles: Vec<Article> = ingest::read_paths(&[&seeds])
        .collect::<Result<_, _>>()
        .expect("all seeds parse");
    let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "directory order is sorted");
    assert_eq!(ids.len(), 5);
    assert!(ids
        .iter()
        .all(|id| Path::new(&seeds).join(format!("{id}.txt")).exists()));
}
