//! Plain-text news formats: agency copy, web pages, scraped markdown copies and bare text.
//!
//! [`parse_text`] recognises the header (rubric, kicker, headline, date line, agency
//! dateline, `## headline`), the footer (`Quelle: …`, `Source: […](…)`, a run of tags)
//! and hands the body to the cleaning rules in [`super::clean`].

use std::sync::LazyLock;

use regex::Regex;
use time::{Date, Month, Time};

use super::clean::{self, Para};
use super::origin::record_error;
use crate::analysis::normalize;
use crate::article::{Article, ArticleDate};
use crate::error::Result;

/// Known news agencies and the name to record for them (keys lowercase).
const AGENCIES: &[(&str, &str)] = &[
    ("dpa", "dpa"),
    ("dpa-afx", "dpa-AFX"),
    ("afx", "dpa-AFX"),
    ("reuters", "Reuters"),
    ("rts", "Reuters"),
    ("afp", "AFP"),
    ("ap", "AP"),
    ("dj", "Dow Jones"),
    ("dow jones", "Dow Jones"),
    ("kna", "KNA"),
    ("epd", "epd"),
    ("apa", "APA"),
    ("sda", "SDA"),
    ("ddp", "ddp"),
    ("dts", "dts"),
    ("sid", "SID"),
    ("bloomberg", "Bloomberg"),
    ("efe", "EFE"),
    ("ansa", "ANSA"),
    ("xinhua", "Xinhua"),
];

fn agency_name(code: &str) -> Option<&'static str> {
    let c = code.trim().to_lowercase();
    AGENCIES.iter().find(|(k, _)| *k == c).map(|&(_, v)| v)
}

/// Whether a dateline parenthesis names an agency: `dpa-AFX`, `Reuters`, `dpa/AFP`.
fn is_agency(s: &str) -> bool {
    agency_name(s).is_some() || s.split(['/', ',', ' ']).any(|p| agency_name(p).is_some())
}

/// Metadata collected while reading the text.
#[derive(Default)]
struct Meta {
    title: Option<String>,
    date: Option<ArticleDate>,
    place: Option<String>,
    agency: Option<String>,
    /// From `Source: …` (wins over `Quelle`).
    source_explicit: Option<String>,
    /// From `Quelle: …`.
    source_quelle: Option<String>,
    /// Agencies named in a `Quelle:` line.
    quelle_agencies: Vec<&'static str>,
    url: Option<String>,
    tags: Vec<String>,
}

/// Parse one plain-text article in any of the supported formats.
///
/// Recognised:
/// - **agency copy**: ` date 2025-10-30 BUSAN (dpa-AFX) - …` or `Peking (Reuters) - …`
///   → `date`, `place`, `agency`; trailing editor codes (`…ab./jon/DP/mis`) removed;
/// - **web pages**: rubric line, kicker glued to the headline, a date line
///   (`24.11.2025, 20:21 Uhr`), photo file names and `(Foto: …)` captions,
///   `Quelle: ntv.de, mpa/dpa/rts/DJ` (→ `source`, `agency`), a glued run of tags;
/// - **scraped markdown**: `## headline`, truncated teasers repeated in full later,
///   HTML entities, ad markers, paragraphs broken mid-sentence, link footers
///   (`Source: [die-nachrichten.at](…)` → `source`), sub-headings kept as paragraphs;
/// - **bare text**: title from a headline-like first line, else the first sentence.
///
/// When no headline is given the title is derived from the first sentence, which stays
/// in the body. Title and text are normalised with [`crate::analysis::normalize`].
/// An empty `id` is replaced by a content hash.
///
/// # Errors
/// [`Error::Record`](crate::Error::Record) (origin = `id`) when no article text remains.
///
/// # Example
/// ```
/// let a = pressespiegel::ingest::parse_text(
///     " date 2025-10-30 BUSAN (dpa-AFX) - Trump und Xi trafen sich. Sie sprachen lange./jon/DP/mis",
///     "busan",
/// ).unwrap();
/// assert_eq!(a.place.as_deref(), Some("BUSAN"));
/// assert_eq!(a.agency.as_deref(), Some("dpa-AFX"));
/// assert_eq!(a.date.unwrap().to_string(), "2025-10-30");
/// assert_eq!(a.title, "Trump und Xi trafen sich");
/// assert_eq!(a.text, "Trump und Xi trafen sich. Sie sprachen lange.");
/// ```
pub fn parse_text(raw: &str, id: &str) -> Result<Article> {
    parse_text_at(raw, id, id)
}

/// [`parse_text`] with errors reported at `origin`.
pub(crate) fn parse_text_at(raw: &str, id: &str, origin: &str) -> Result<Article> {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let decoded = clean::decode_entities(raw);
    let unified = decoded.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<Option<String>> = unified
        .split('\n')
        .map(|l| {
            let t = l.trim();
            (!t.is_empty()).then(|| t.to_string())
        })
        .collect();

    let mut meta = Meta::default();
    read_web_header(&mut lines, &mut meta);
    read_dateline(&mut lines, &mut meta);
    read_markdown_title(&mut lines, &mut meta);
    read_footer(&mut lines, &mut meta);

    let paras = body_paragraphs(&lines);
    let paras = clean::dedup(paras);
    let mut paras = clean::rejoin(paras);
    strip_editor_codes(&mut paras);

    if meta.title.is_none() {
        meta.title = title_from_body(&mut paras);
    }

    let text = paras
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let text = normalize(&text).trim().to_string();
    if text.is_empty() {
        return Err(record_error(
            origin,
            "no article text found (the input is empty or only boilerplate); \
             provide the article body as plain text or as JSON Lines with a \"text\" field",
        ));
    }
    let title = clean::collapse_ws(&normalize(meta.title.as_deref().unwrap_or_default()));

    let agency = meta
        .agency
        .or_else(|| (!meta.quelle_agencies.is_empty()).then(|| meta.quelle_agencies.join(", ")));
    let mut article = Article {
        id: id.to_string(),
        title,
        text,
        date: meta.date,
        source: meta.source_explicit.or(meta.source_quelle),
        agency,
        place: meta.place,
        url: meta.url,
        tags: meta.tags,
    };
    if article.id.is_empty() {
        article.id = super::jsonl::content_id(&article.title, &article.text);
    }
    Ok(article)
}

/// Indices of the first `n` non-blank lines still present.
fn first_lines(lines: &[Option<String>], n: usize) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.is_some())
        .map(|(i, _)| i)
        .take(n)
        .collect()
}

/// A line that is only a date, possibly with a label: `24.11.2025, 20:21 Uhr`,
/// `Stand: 24. November 2025, 20:21 Uhr`, `2025-11-24`.
pub(crate) fn date_line(line: &str) -> Option<ArticleDate> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:stand|veröffentlicht|aktualisiert|erstellt|datum|publiziert|zuletzt aktualisiert)(?:\s+am)?\s*:?\s*",
        )
        .expect("valid regex")
    });
    let t = line.trim();
    if t.chars().count() > 60 || !t.starts_with(|c: char| c.is_ascii_digit() || c.is_alphabetic()) {
        return None;
    }
    let t = LABEL.replace(t, "");
    let t = t.trim();
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    t.parse::<ArticleDate>()
        .ok()
        .or_else(|| german_long_date(t))
}

/// `24. November 2025[, 20:21 Uhr]`.
fn german_long_date(s: &str) -> Option<ArticleDate> {
    static LONG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(\d{1,2})\.\s*(Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)\s+(\d{4})(?:\s*[,\-–|]?\s*(?:um\s+)?(\d{1,2})[:.](\d{2})(?:\s*Uhr)?)?$",
        )
        .expect("valid regex")
    });
    let c = LONG.captures(s)?;
    let day: u8 = c.get(1)?.as_str().parse().ok()?;
    let month = match c.get(2)?.as_str() {
        "Januar" | "Jänner" => Month::January,
        "Februar" => Month::February,
        "März" => Month::March,
        "April" => Month::April,
        "Mai" => Month::May,
        "Juni" => Month::June,
        "Juli" => Month::July,
        "August" => Month::August,
        "September" => Month::September,
        "Oktober" => Month::October,
        "November" => Month::November,
        _ => Month::December,
    };
    let year: i32 = c.get(3)?.as_str().parse().ok()?;
    let date = Date::from_calendar_date(year, month, day).ok()?;
    let time = match (c.get(4), c.get(5)) {
        (Some(h), Some(m)) => {
            Some(Time::from_hms(h.as_str().parse().ok()?, m.as_str().parse().ok()?, 0).ok()?)
        }
        _ => None,
    };
    Some(ArticleDate { date, time })
}

/// Header-like: short, no sentence end (headlines may end in `?` or `!`).
fn is_headline_like(line: &str) -> bool {
    let t = line.trim();
    let n = t.chars().count();
    (3..=200).contains(&n)
        && !t.ends_with(['.', ':', ',', ';'])
        && t.split_whitespace().count() <= 30
        && !t.starts_with(|c: char| c.is_lowercase())
}

/// Split a kicker glued to the headline: `Telefonat mit Donald TrumpXi Jinping will …`
/// → (`Telefonat mit Donald Trump`, `Xi Jinping will …`).
pub(crate) fn split_kicker(headline: &str) -> (Option<&str>, &str) {
    for b in clean::glue_boundaries(headline) {
        let (left, right) = headline.split_at(b);
        let prev_lower = left.chars().next_back().is_some_and(char::is_lowercase);
        let left_ok = left.contains(' ') || left.chars().count() >= 6;
        if prev_lower && left_ok && right.split_whitespace().count() >= 2 {
            return (Some(left.trim()), right.trim());
        }
    }
    (None, headline)
}

/// Web page header: `[rubric] [kicker] headline` followed by a date line.
fn read_web_header(lines: &mut [Option<String>], meta: &mut Meta) {
    let idx = first_lines(lines, 6);
    let Some(pos) = idx
        .iter()
        .position(|&i| lines[i].as_deref().and_then(date_line).is_some())
    else {
        return;
    };
    let date_idx = idx[pos];
    meta.date = lines[date_idx].as_deref().and_then(date_line);
    lines[date_idx] = None;

    let pre = &idx[..pos];
    if pre.is_empty()
        || !pre
            .iter()
            .all(|&i| lines[i].as_deref().is_some_and(is_headline_like))
    {
        return;
    }
    // Everything before the date line is header: an optional rubric (`Politik`),
    // optional kicker lines and, last, the headline (possibly with the kicker glued on).
    let headline_idx = pre[pre.len() - 1];
    if let Some(h) = lines[headline_idx].as_deref() {
        let h = clean::markdown_heading(h).unwrap_or(h);
        let h = clean::strip_inline_markdown(h);
        let (_kicker, title) = split_kicker(&h);
        meta.title = Some(title.to_string());
    }
    for &i in pre {
        lines[i] = None;
    }
}

/// Agency dateline: ` date 2025-10-30 BUSAN (dpa-AFX) - …`, `Peking (Reuters) - …`.
///
/// Looked for in the first body line, or the second when the first is a headline.
fn read_dateline(lines: &mut [Option<String>], meta: &mut Meta) {
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:date\s+(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?)\s+)?(?P<place>\p{Lu}[^()]{0,59}?)\s*\((?P<agency>[^()]{2,40})\)\s*[-–—]+\s*(?P<rest>.*)$",
        )
        .expect("valid regex")
    });
    static DATE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^date\s+(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?)(?:\s+(?P<rest>.*))?$")
            .expect("valid regex")
    });
    let idx = first_lines(lines, 2);
    for (n, &i) in idx.iter().enumerate() {
        let Some(line) = lines[i].clone() else {
            continue;
        };
        if let Some(c) = DATELINE.captures(&line) {
            let has_date = c.name("date").is_some();
            let place = c.name("place").map_or("", |m| m.as_str());
            let place = place.split(',').next().unwrap_or(place).trim();
            let agency = c.name("agency").map_or("", |m| m.as_str()).trim();
            let place_ok = !place.is_empty()
                && place.split_whitespace().count() <= 4
                && !clean::ends_sentence(place);
            if place_ok && (has_date || is_agency(agency)) {
                if let Some(d) = c.name("date") {
                    meta.date = d.as_str().parse().ok().or(meta.date);
                }
                meta.place = Some(place.to_string());
                meta.agency = Some(agency.to_string());
                let rest = c.name("rest").map_or("", |m| m.as_str()).trim().to_string();
                lines[i] = (!rest.is_empty()).then_some(rest);
                if n == 1 {
                    take_title_line(lines, idx[0], meta);
                }
                return;
            }
        }
        if let Some(c) = DATE_ONLY.captures(&line) {
            meta.date = c.name("date").and_then(|d| d.as_str().parse().ok());
            let rest = c.name("rest").map_or("", |m| m.as_str()).trim().to_string();
            lines[i] = (!rest.is_empty()).then_some(rest);
            if n == 1 {
                take_title_line(lines, idx[0], meta);
            }
            return;
        }
        // Only the first line, or a headline followed by the dateline.
        if !lines[i].as_deref().is_some_and(is_headline_like) || meta.title.is_some() {
            return;
        }
    }
}

fn take_title_line(lines: &mut [Option<String>], i: usize, meta: &mut Meta) {
    if meta.title.is_none() {
        if let Some(l) = lines[i].take() {
            let h = clean::markdown_heading(&l).unwrap_or(&l);
            meta.title = Some(clean::strip_inline_markdown(h).into_owned());
        }
    }
}

/// `# headline` / `## headline` as the first line → title.
fn read_markdown_title(lines: &mut [Option<String>], meta: &mut Meta) {
    if meta.title.is_some() {
        return;
    }
    let Some(&first) = first_lines(lines, 1).first() else {
        return;
    };
    let Some(line) = lines[first].as_deref() else {
        return;
    };
    let heading = clean::markdown_heading(line).or_else(|| clean::bold_line(line));
    if let Some(h) = heading {
        if !clean::is_boilerplate(line) {
            meta.title = Some(clean::strip_inline_markdown(h).into_owned());
            lines[first] = None;
        }
    }
}

/// `Quelle: ntv.de, mpa/dpa/rts/DJ`, `Source: [x](url)`, `Schlagworte: a, b`, a final
/// run of glued tags after the source line, bare URL lines.
fn read_footer(lines: &mut [Option<String>], meta: &mut Meta) {
    let mut last_source_line = None;
    for (i, slot) in lines.iter_mut().enumerate() {
        let Some(line) = slot.as_deref() else {
            continue;
        };
        match footer_line(line, meta) {
            FooterLine::Body => {}
            FooterLine::Meta => *slot = None,
            FooterLine::Source => {
                *slot = None;
                last_source_line = Some(i);
            }
        }
    }

    // A run of tags after the source line: the only remaining prose-free line.
    if let Some(s) = last_source_line {
        let after: Vec<usize> = (s + 1..lines.len())
            .filter(|&i| {
                lines[i]
                    .as_deref()
                    .is_some_and(|l| !clean::is_boilerplate(l) && !clean::is_editor_code_line(l))
            })
            .collect();
        if let [only] = after[..] {
            if let Some(l) = lines[only].as_deref() {
                if l.chars().count() <= 600 && !clean::ends_sentence(l) && !l.contains(". ") {
                    meta.tags.extend(split_tag_list(l));
                    lines[only] = None;
                }
            }
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    meta.tags.retain(|t| seen.insert(t.clone()));
}

enum FooterLine {
    Body,
    Meta,
    Source,
}

/// Read metadata from one line: a source line, a tag list or a bare URL.
fn footer_line(raw_line: &str, meta: &mut Meta) -> FooterLine {
    static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:details zur meldung\s*)?(?P<key>quelle|quellen|source|via)(?P<colon>\s*:)?\s*(?P<value>.+)$")
            .expect("valid regex")
    });
    static TAGS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:schlagworte|schlagwörter|stichworte|stichwörter|themen|tags)\s*:\s*(?P<value>.+)$")
            .expect("valid regex")
    });
    static URL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(?:URL:\s*)?(?P<url>https?://\S+)$").expect("valid regex"));

    let line = raw_line.trim_matches('*').trim();
    if line.chars().count() > 200 {
        return FooterLine::Body;
    }
    if let Some(c) = SOURCE.captures(line) {
        let value = c.name("value").map_or("", |m| m.as_str()).trim();
        if c.name("colon").is_some() || value.starts_with('[') {
            read_source_value(c.name("key").map_or("", |m| m.as_str()), value, meta);
            return FooterLine::Source;
        }
    }
    if let Some(c) = TAGS.captures(line) {
        meta.tags
            .extend(split_tag_list(c.name("value").map_or("", |m| m.as_str())));
        return FooterLine::Meta;
    }
    if let Some(c) = URL.captures(line) {
        if meta.url.is_none() {
            meta.url = c.name("url").map(|m| m.as_str().to_string());
        }
        return FooterLine::Meta;
    }
    FooterLine::Body
}

/// `a, b, c` / `a | b` / `a · b` → list; otherwise a glued run → split at word seams.
fn split_tag_list(value: &str) -> Vec<String> {
    let seps: &[char] = &[',', '|', '·', ';', '•'];
    if value.contains(seps) {
        value
            .split(seps)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    } else {
        clean::split_glued(value)
    }
}

fn read_source_value(key: &str, value: &str, meta: &mut Meta) {
    let explicit = key.eq_ignore_ascii_case("source");
    // `[die-nachrichten.at](https://die-nachrichten.at)`: the link text names the outlet.
    let name = clean::markdown_link(value).map_or(value, |(text, _)| text);
    let mut parts = name.split(',').map(str::trim).filter(|p| !p.is_empty());
    let first = parts.next().unwrap_or_default().to_string();
    let mut agencies: Vec<&'static str> = Vec::new();
    let mut outlet = None;
    if first.split('/').all(|p| agency_name(p).is_some()) {
        agencies.extend(first.split('/').filter_map(agency_name));
    } else if !first.is_empty() {
        outlet = Some(first);
    }
    for p in parts {
        agencies.extend(p.split(['/', ' ']).filter_map(agency_name));
    }
    for a in agencies {
        if !meta.quelle_agencies.contains(&a) {
            meta.quelle_agencies.push(a);
        }
    }
    if let Some(o) = outlet {
        let slot = if explicit {
            &mut meta.source_explicit
        } else {
            &mut meta.source_quelle
        };
        if slot.is_none() {
            *slot = Some(o);
        }
    }
}

/// Classify the remaining lines and group them into paragraphs.
fn body_paragraphs(lines: &[Option<String>]) -> Vec<Para> {
    let mut paras = Vec::new();
    let mut block: Vec<String> = Vec::new();
    let flush = |block: &mut Vec<String>, paras: &mut Vec<Para>| {
        paras.extend(group_block(block).into_iter().map(Para::text));
        block.clear();
    };
    for line in lines {
        let Some(line) = line.as_deref() else {
            flush(&mut block, &mut paras);
            continue;
        };
        if clean::is_boilerplate(line)
            || clean::is_photo_line(line)
            || clean::is_image_file_name(line)
            || clean::is_editor_code_line(line)
        {
            flush(&mut block, &mut paras);
            continue;
        }
        if let Some(h) = clean::markdown_heading(line).or_else(|| clean::bold_line(line)) {
            flush(&mut block, &mut paras);
            let h = clean::strip_inline_markdown(h).trim().to_string();
            if !h.is_empty() {
                paras.push(Para::heading(h));
            }
            continue;
        }
        let text = clean::strip_inline_markdown(line);
        let text = text.trim();
        if !text.is_empty() {
            block.push(text.to_string());
        }
    }
    flush(&mut block, &mut paras);
    paras
}

/// Lines separated by single newlines: one paragraph each, unless the block is
/// hard-wrapped prose (all lines but the last 30–100 characters), which is joined.
fn group_block(block: &[String]) -> Vec<String> {
    if block.len() < 2 {
        return block.to_vec();
    }
    let wrapped = block[..block.len() - 1].iter().all(|l| {
        let n = l.chars().count();
        (30..=100).contains(&n) && !l.starts_with(['-', '*', '•'])
    }) && block[..block.len() - 1]
        .iter()
        .any(|l| !clean::ends_sentence(l));
    if !wrapped {
        return block.to_vec();
    }
    let mut out = String::new();
    for l in block {
        if out.is_empty() {
            out.push_str(l);
            continue;
        }
        let next_lower = l.chars().next().is_some_and(char::is_lowercase);
        let next_word = l.split_whitespace().next().unwrap_or_default();
        let conj = matches!(next_word, "und" | "oder" | "bis" | "sowie" | "als" | "wie");
        let hyphen_break = out.ends_with('-')
            && out.chars().rev().nth(1).is_some_and(char::is_alphabetic)
            && !conj;
        if hyphen_break && next_lower {
            out.pop(); // Ver-\nhandlung → Verhandlung
        } else if !hyphen_break {
            out.push(' ');
        }
        out.push_str(l);
    }
    vec![out]
}

/// Editor codes glued to the end of the last paragraph (`…ab./jon/DP/mis`).
fn strip_editor_codes(paras: &mut Vec<Para>) {
    if let Some(last) = paras.last_mut() {
        if let Some(stripped) = clean::strip_trailing_editor_codes(&last.text) {
            last.text = stripped;
        }
    }
    paras.retain(|p| !p.text.trim().is_empty());
}

/// Title when none is given: a headline-like first paragraph (removed from the body),
/// else the first sentence (kept in the body).
fn title_from_body(paras: &mut Vec<Para>) -> Option<String> {
    let first = paras.first()?;
    if paras.len() >= 2
        && is_headline_like(&first.text)
        && first.text.chars().count() <= 150
        && !first.text.ends_with(['!', '?'])
    {
        let t = paras.remove(0).text;
        return Some(t);
    }
    Some(headline_from_text(&first.text))
}

/// A headline from running text: its first sentence without the final period. A
/// sentence longer than 160 characters is cut at its last clause boundary (comma) or
/// word boundary before that and marked with `…`.
pub(crate) fn headline_from_text(text: &str) -> String {
    const MAX: usize = 160;
    let s = first_sentence(text).trim();
    // Drop the final period (also a doubled one), but keep an ellipsis.
    let s = if s.ends_with("...") {
        s
    } else {
        s.trim_end_matches('.').trim_end()
    };
    if s.chars().count() <= MAX {
        return s.to_string();
    }
    let head: String = s.chars().take(MAX).collect();
    let cut = match head.rfind(',') {
        Some(i) if head[..i].chars().count() >= 60 => &head[..i],
        _ => head.rfind(' ').map_or(head.as_str(), |i| &head[..i]),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '-', '–']))
}

/// Abbreviations after which a period does not end a sentence (lowercase).
const ABBREVIATIONS: &[&str] = &[
    "dr", "prof", "nr", "st", "bzw", "ca", "vgl", "z.b", "u.a", "d.h", "usw", "etc", "mio", "mrd",
    "abs", "art", "bzgl", "ggf", "inkl", "jh", "jr", "sen", "hl", "str", "tel", "geb", "gest",
    "min", "max", "evtl", "allg", "u.s", "z", "v", "o", "u", "s", "i", "jan", "feb", "mär", "apr",
    "jun", "jul", "aug", "sep", "sept", "okt", "nov", "dez", "bzw", "ehem",
];

/// The first sentence of `text` (or all of it), looked for in the first 1000 characters.
pub(crate) fn first_sentence(text: &str) -> &str {
    let text = match text.char_indices().nth(1000) {
        Some((end, _)) => &text[..end],
        None => text,
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Skip closing quotes and brackets after the punctuation.
        let mut m = n + 1;
        while m < chars.len() && clean_closer(chars[m].1) {
            m += 1;
        }
        if m >= chars.len() {
            break;
        }
        if !chars[m].1.is_whitespace() {
            continue;
        }
        let next = chars[m..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !c.is_whitespace());
        if !next.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_opening_quote(c)) {
            continue;
        }
        if c == '.' {
            let word_start = text[..i]
                .char_indices()
                .rev()
                .find(|&(_, ch)| ch.is_whitespace() || ch == '(')
                .map_or(0, |(p, ch)| p + ch.len_utf8());
            let word = &text[word_start..i];
            let lower = word.to_lowercase();
            if word.ends_with(|ch: char| ch.is_ascii_digit())
                || ABBREVIATIONS.contains(&lower.as_str())
                || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
            {
                continue;
            }
        }
        let end = chars.get(m).map_or(text.len(), |&(p, _)| p);
        return &text[..end];
    }
    text
}

fn clean_closer(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '»' | '«' | '’' | '\'' | ')')
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '"' | '„' | '»' | '«' | '‚' | '(')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multibyte_space_before_a_sentence_end_is_not_a_panic() {
        // Found by scripts/fuzz-long.sh (seed 20261121): U+2000 is a 3-byte space.
        let raw = "24.11.2025, 20:21 Uhr\n\u{cbc}\u{2000}. \"";
        assert!(parse_text(raw, "x").is_ok());
        let raw = "24.11.2025, 20:21 Uhr\nDer Satz\u{2005}Ab. Noch ein Satz.";
        assert!(parse_text(raw, "x").is_ok());
    }

    #[test]
    fn kicker_is_split_from_headline() {
        let (k, t) =
            split_kicker("Telefonat mit Donald TrumpXi Jinping will bei Friedensdeal mitreden");
        assert_eq!(k, Some("Telefonat mit Donald Trump"));
        assert_eq!(t, "Xi Jinping will bei Friedensdeal mitreden");
        assert_eq!(split_kicker("YouTube sperrt Kanal").0, None);
        assert_eq!(split_kicker("AfD gewinnt Wahl").0, None);
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date_line("24.11.2025, 20:21 Uhr").unwrap().to_string(),
            "2025-11-24T20:21:00"
        );
        assert_eq!(
            date_line("Stand: 24. November 2025, 20:21 Uhr")
                .unwrap()
                .to_string(),
            "2025-11-24T20:21:00"
        );
        assert!(date_line("24 Menschen starben").is_none());
    }

    #[test]
    fn first_sentence_skips_abbreviations_and_ordinals() {
        assert_eq!(
            first_sentence("Am 3. Oktober feiert Dr. Müller. Danach nicht."),
            "Am 3. Oktober feiert Dr. Müller."
        );
        assert_eq!(first_sentence("Ohne Punkt"), "Ohne Punkt");
        assert_eq!(headline_from_text("Doppelt.. Wien – Text."), "Doppelt");
        assert_eq!(
            headline_from_text("Er sagte: „Nein.“ Dann ging er."),
            "Er sagte: „Nein.“"
        );
    }

    #[test]
    fn source_line_with_agencies() {
        let mut m = Meta::default();
        read_source_value("Quelle", "ntv.de, mpa/dpa/rts/DJ", &mut m);
        assert_eq!(m.source_quelle.as_deref(), Some("ntv.de"));
        assert_eq!(m.quelle_agencies, ["dpa", "Reuters", "Dow Jones"]);
    }

    #[test]
    fn agency_variants() {
        let a = parse_text(
            "Koalition einigt sich\n\nBerlin (dpa) - Die Koalition hat sich geeinigt.",
            "x",
        )
        .unwrap();
        assert_eq!(a.title, "Koalition einigt sich");
        assert_eq!(
            (a.place.as_deref(), a.agency.as_deref()),
            (Some("Berlin"), Some("dpa"))
        );
        assert_eq!(a.text, "Die Koalition hat sich geeinigt.");

        let a = parse_text(
            "BERLIN, 30. Okt (Reuters) - Die Bundesregierung plant Neues.",
            "x",
        )
        .unwrap();
        assert_eq!(
            (a.place.as_deref(), a.agency.as_deref()),
            (Some("BERLIN"), Some("Reuters"))
        );

        // A parenthesis that is no agency is not a dateline.
        let a = parse_text("Die Partei (SPD) - so heißt es - will mehr.", "x").unwrap();
        assert_eq!(a.agency, None);
        assert!(a.text.starts_with("Die Partei (SPD)"));
    }

    #[test]
    fn hard_wrapped_lines_become_one_paragraph() {
        let raw = "Titel der Meldung\n\nDie Verhandlungen zwischen den Parteien dauerten bis\n\
                   in die Nacht, ein Ergebnis der langen Ver-\nhandlungen gibt es noch nicht. Die\n\
                   Öl- und Gasfrage bleibt offen.\n\nZweiter Absatz.";
        let a = parse_text(raw, "x").unwrap();
        assert_eq!(a.title, "Titel der Meldung");
        assert_eq!(
            a.text,
            "Die Verhandlungen zwischen den Parteien dauerten bis in die Nacht, ein Ergebnis der \
             langen Verhandlungen gibt es noch nicht. Die Öl- und Gasfrage bleibt offen.\n\nZweiter Absatz."
        );
    }

    #[test]
    fn empty_input_is_an_error_naming_the_origin() {
        let e = parse_text("\n  \n", "leer").unwrap_err();
        assert!(e.to_string().starts_with("leer: "), "{e}");
    }
}
