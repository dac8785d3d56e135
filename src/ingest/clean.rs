//! Cleaning rules for plain-text news: what is boilerplate, how broken paragraphs are
//! re-joined, how repeated teasers are removed, how glued tag runs are split.
//!
//! Every rule here works on whole lines or whole paragraphs and only ever *removes*
//! lines that are not article prose (ads, captions, link footers, editor codes) or
//! paragraphs whose every sentence also appears elsewhere in the body. Article
//! sentences are never dropped.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// One paragraph of the body under construction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para {
    /// The paragraph text (one line, no markup).
    pub text: String,
    /// Whether it was a markdown sub-heading (`## …`): never merged with neighbours.
    pub heading: bool,
}

impl Para {
    pub(crate) fn text(text: impl Into<String>) -> Self {
        Para {
            text: text.into(),
            heading: false,
        }
    }

    pub(crate) fn heading(text: impl Into<String>) -> Self {
        Para {
            text: text.into(),
            heading: true,
        }
    }
}

/// Decode HTML entities (`&hellip;`, `&amp;`, `&#8222;`, …) with the `html-escape` crate.
pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    if s.contains('&') {
        html_escape::decode_html_entities(s)
    } else {
        Cow::Borrowed(s)
    }
}

/// Lines that are navigation, ads or link footers when they stand alone (compared
/// lowercase, without markdown emphasis, `#`s and trailing colons).
const BOILERPLATE_LINES: &[&str] = &[
    "kurze werbeeinblendung",
    "werbeeinblendung",
    "werbung",
    "anzeige",
    "advertisement",
    "weiterlesen nach der anzeige",
    "artikel weiterlesen",
    "details zur meldung",
    "details",
    "mehr zum thema",
    "teilen",
    "artikel teilen",
    "zur startseite",
    "lesen sie auch",
    "auch interessant",
    "das könnte sie auch interessieren",
    "empfehlungen",
    "kommentare",
    "newsletter",
    "drucken",
    "merken",
];

/// Short lines starting like this are calls to action or link footers.
const BOILERPLATE_PREFIXES: &[&str] = &[
    "besuchen sie uns",
    "folgen sie uns",
    "abonnieren sie",
    "jetzt abonnieren",
    "details zur meldung",
    "lesen sie auch:",
    "lesen sie mehr:",
    "mehr zum thema:",
    "hier klicken",
    "weitere nachrichten",
    "melden sie sich",
];

/// Strip emphasis markers, heading hashes and trailing colons for boilerplate comparison.
fn bare(line: &str) -> String {
    line.trim()
        .trim_matches(|c: char| matches!(c, '#' | '*' | '_' | ':' | '>') || c.is_whitespace())
        .to_lowercase()
}

/// Ads, navigation, calls to action, separators and byline rules: never body text.
pub(crate) fn is_boilerplate(line: &str) -> bool {
    static RULE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,})\s*$").expect("valid regex"));
    static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*-{2,}\s*Von\s[^\n]{1,120}?-{2,}\s*$").expect("valid regex")
    });
    if RULE.is_match(line) || BYLINE.is_match(line) {
        return true;
    }
    let b = bare(line);
    if BOILERPLATE_LINES.contains(&b.as_str()) {
        return true;
    }
    b.chars().count() <= 160 && BOILERPLATE_PREFIXES.iter().any(|p| b.starts_with(p))
}

/// Photo captions (`… (Foto: AP Photo/Mark Schiefelbein)`), credit lines (`Foto: dpa`,
/// `© Reuters`) and markdown images.
pub(crate) fn is_photo_line(line: &str) -> bool {
    static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\((?:foto|fotos|bild|bilder|archivfoto|archivbild|symbolbild|symbolfoto|grafik|video|quelle\s+foto)\s*:[^()]*(?:\([^()]*\)[^()]*)*\)\s*$",
        )
        .expect("valid regex")
    });
    static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\s*(?:(?:foto|fotos|bild|bilder|bildquelle|bildrechte|symbolbild|archivbild|titelbild)\s*:|©|\(c\)\s).{0,100}$",
        )
        .expect("valid regex")
    });
    static IMAGE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$").expect("valid regex"));
    CAPTION.is_match(line) || CREDIT.is_match(line) || IMAGE.is_match(line)
}

/// An image file name left over from a web page
/// (`President-Donald-Trump-left-and-Chinese-President-…-2025`, `foto_123.jpg`).
pub(crate) fn is_image_file_name(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.chars().any(char::is_whitespace) {
        return false;
    }
    let lower = t.to_lowercase();
    if [".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif"]
        .iter()
        .any(|ext| lower.ends_with(ext))
    {
        return true;
    }
    let separators = t.chars().filter(|c| matches!(c, '-' | '_')).count();
    t.chars().count() >= 30
        && separators >= 4
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A line consisting only of agency editor codes (`/jon/DP/mis`).
pub(crate) fn is_editor_code_line(line: &str) -> bool {
    static CODES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:(?:/\p{L}{1,6}){2,}/?|\p{L}{1,6}(?:/\p{L}{1,6}){2,}/?)\s*$")
            .expect("valid regex")
    });
    CODES.is_match(line)
}

/// Remove editor codes glued to the end of the last sentence: `… bereits ab./jon/DP/mis`.
pub(crate) fn strip_trailing_editor_codes(text: &str) -> Option<String> {
    static TAIL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"([.!?…"“”»«)’'])\s*(?:/\p{L}{1,6}){2,}/?\s*$"#).expect("valid regex")
    });
    let m = TAIL.captures(text)?;
    let whole = m.get(0)?;
    let keep = m.get(1)?;
    Some(format!("{}{}", &text[..whole.start()], keep.as_str()))
}

/// The text of a markdown heading line (`## Beziehungen …` → `Beziehungen …`).
pub(crate) fn markdown_heading(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let hashes = t.len() - t.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &t[hashes..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim().trim_end_matches('#').trim();
    (!rest.is_empty()).then_some(rest)
}

/// A whole line in bold (`**Zwischentitel**`): a sub-heading.
pub(crate) fn bold_line(line: &str) -> Option<&str> {
    let t = line.trim();
    let inner = t.strip_prefix("**")?.strip_suffix("**")?.trim();
    (!inner.is_empty() && !inner.contains("**")).then_some(inner)
}

/// Replace markdown links by their text, drop inline images and emphasis markers.
pub(crate) fn strip_inline_markdown(line: &str) -> Cow<'_, str> {
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(!?)\[([^\]\n]*)\]\(([^)\s]*)\)").expect("valid regex"));
    static BOLD: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\*\*([^*\n]+?)\*\*|__([^_\n]+?)__").expect("valid regex"));
    if !line.contains("](") && !line.contains("**") && !line.contains("__") {
        return Cow::Borrowed(line);
    }
    let linked = LINK.replace_all(line, |c: &regex::Captures<'_>| {
        if c.get(1).is_some_and(|m| !m.as_str().is_empty()) {
            String::new()
        } else {
            c.get(2).map_or(String::new(), |m| m.as_str().to_string())
        }
    });
    let bolded = BOLD.replace_all(&linked, |c: &regex::Captures<'_>| {
        c.get(1)
            .or_else(|| c.get(2))
            .map_or(String::new(), |m| m.as_str().to_string())
    });
    Cow::Owned(bolded.into_owned())
}

/// If `value` is a markdown link `[text](url)`, its text and url.
pub(crate) fn markdown_link(value: &str) -> Option<(&str, &str)> {
    let v = value.trim();
    let rest = v.strip_prefix('[')?;
    let close = rest.find("](")?;
    let text = &rest[..close];
    let url = rest[close + 2..].strip_suffix(')')?;
    Some((text.trim(), url.trim()))
}

/// Collapse every whitespace run to one space and trim.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

const CLOSERS: &[char] = &['"', '\'', '“', '”', '„', '»', '«', '’', '‘', ')', ']', '*'];

/// Whether a paragraph ends like a finished sentence (`.`, `!`, `?`, `…`, `:`, `;`,
/// possibly followed by closing quotes or brackets).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(CLOSERS);
    t.ends_with(['.', '!', '?', '…', ':', ';'])
}

fn starts_lowercase(s: &str) -> bool {
    s.trim_start()
        .trim_start_matches(CLOSERS)
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

fn starts_letter(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_alphabetic)
}

/// A short line without sentence punctuation: a sub-heading in plain text.
pub(crate) fn looks_like_heading(s: &str) -> bool {
    s.chars().count() <= 100 && !ends_sentence(s)
}

/// Re-join paragraphs broken mid-sentence.
///
/// A paragraph that does not end like a sentence is merged with the next one when the
/// next starts lowercase (`getrennt` + `werden können“`), or when it is long prose ending
/// in a lowercase word or comma and the next is prose, not a sub-heading
/// (`… einzubeziehen, die` + `Kämpfe in der Ukraine …`). Markdown headings are never merged.
pub(crate) fn rejoin(paras: Vec<Para>) -> Vec<Para> {
    let mut out: Vec<Para> = Vec::with_capacity(paras.len());
    for p in paras {
        if let Some(prev) = out.last_mut() {
            if !prev.heading && !p.heading && !ends_sentence(&prev.text) {
                let prev_tail_lower = prev
                    .text
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_lowercase() || c == ',');
                let join = starts_lowercase(&p.text)
                    || (prev.text.chars().count() >= 80
                        && prev_tail_lower
                        && starts_letter(&p.text)
                        && !looks_like_heading(&p.text));
                if join {
                    prev.text = format!("{} {}", prev.text.trim_end(), p.text.trim_start());
                    continue;
                }
            }
        }
        out.push(p);
    }
    out
}

/// The comparison key of a paragraph for duplicate detection.
fn key(p: &Para) -> String {
    collapse_ws(&p.text)
}

/// Strip a trailing ellipsis (`…`, `...`, `[…]`) marking a truncated teaser, plus the
/// possibly cut last word. Returns `None` when the text is not truncated.
fn truncated_prefix(k: &str) -> Option<&str> {
    let t = k.trim_end();
    let stripped = t
        .strip_suffix("[…]")
        .or_else(|| t.strip_suffix("[...]"))
        .or_else(|| t.strip_suffix('…'))
        .or_else(|| t.strip_suffix("..."))?
        .trim_end();
    // The last word may be cut ("Verhandl…"): compare only up to the word before it.
    match stripped.rfind(' ') {
        Some(i) => Some(stripped[..i].trim_end()),
        None => Some(stripped),
    }
}

/// Drop paragraphs whose whole content is repeated later or earlier.
///
/// - A paragraph (often a teaser truncated with `…`) whose text is the beginning of the
///   text that follows from some later paragraph on is dropped: the full copy stays.
/// - A paragraph equal to an earlier kept paragraph is dropped.
///
/// Only paragraphs of at least 40 characters are considered, so short repeated lines
/// ("Ja.") are never touched.
pub(crate) fn dedup(paras: Vec<Para>) -> Vec<Para> {
    const MIN_CHARS: usize = 40;
    let keys: Vec<String> = paras.iter().map(key).collect();
    let mut keep = vec![true; paras.len()];
    for i in 0..paras.len() {
        let (probe, truncated) = match truncated_prefix(&keys[i]) {
            Some(p) => (p, true),
            None => (keys[i].as_str(), false),
        };
        if probe.chars().count() < MIN_CHARS {
            continue;
        }
        if !truncated && (0..i).any(|j| keep[j] && keys[j] == keys[i]) {
            keep[i] = false;
            continue;
        }
        'later: for j in i + 1..paras.len() {
            let mut joined = String::new();
            for k in &keys[j..] {
                if !joined.is_empty() {
                    joined.push(' ');
                }
                joined.push_str(k);
                if joined.len() >= probe.len() {
                    break;
                }
            }
            if joined.starts_with(probe) {
                keep[i] = false;
                break 'later;
            }
        }
    }
    paras
        .into_iter()
        .zip(keep)
        .filter_map(|(p, k)| k.then_some(p))
        .collect()
}

/// Byte offsets where a run of glued words splits: `TrumpXi` → before `Xi`,
/// `ChinaUSAUkraine` → before `USA` and before `Ukraine`. Mixed-case words such as
/// `AfD`, `iPhone`, `McDonald` and `GmbH` are not split.
pub(crate) fn glue_boundaries(s: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut word_start = 0usize; // index into `chars`
    for i in 0..chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() || c == '-' || c == '/' {
            word_start = i + 1;
            continue;
        }
        if i == 0 {
            continue;
        }
        let prev = chars[i - 1].1;
        let next = chars.get(i + 1).map(|&(_, c)| c);
        if prev.is_lowercase() && c.is_uppercase() {
            let left: String = chars[word_start..i].iter().map(|&(_, c)| c).collect();
            if left.chars().count() < 2 || left == "Mc" || left == "Mac" {
                continue;
            }
            let run = chars[i..]
                .iter()
                .take_while(|&&(_, c)| c.is_uppercase())
                .count();
            let after = chars.get(i + run).map(|&(_, c)| c);
            if (run == 1 && after.is_some_and(char::is_lowercase)) || run >= 2 {
                out.push(chars[i].0);
                word_start = i;
            }
        } else if prev.is_uppercase()
            && c.is_uppercase()
            && next.is_some_and(char::is_lowercase)
            && i >= 2
            && chars[i - 2].1.is_uppercase()
            && i - word_start >= 2
        {
            // End of an acronym glued to the next word: USA|Ukraine.
            out.push(chars[i].0);
            word_start = i;
        }
    }
    out
}

/// Split a run of glued tags: `RusslandKünstliche IntelligenzTaiwan` →
/// `["Russland", "Künstliche Intelligenz", "Taiwan"]`.
pub(crate) fn split_glued(s: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut last = 0;
    for b in glue_boundaries(s) {
        parts.push(s[last..b].trim().to_string());
        last = b;
    }
    parts.push(s[last..].trim().to_string());
    parts.retain(|p| !p.is_empty());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_glued_tags_but_not_mixed_case_words() {
        assert_eq!(
            split_glued("RusslandKünstliche IntelligenzTaiwanDonald TrumpAngriff auf die UkraineChinaUSAUkraine-KonfliktNvidiaXi Jinping"),
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
        assert_eq!(split_glued("AfD"), ["AfD"]);
        assert_eq!(split_glued("iPhone"), ["iPhone"]);
        assert_eq!(split_glued("McDonald"), ["McDonald"]);
        assert_eq!(split_glued("GmbH"), ["GmbH"]);
        assert_eq!(split_glued("AfDThüringen"), ["AfD", "Thüringen"]);
    }

    #[test]
    fn editor_codes() {
        assert_eq!(
            strip_trailing_editor_codes("reiste Trump bereits ab./jon/DP/mis").as_deref(),
            Some("reiste Trump bereits ab.")
        );
        assert_eq!(strip_trailing_editor_codes("und/oder ist gut."), None);
        assert!(is_editor_code_line("/jon/DP/mis"));
        assert!(!is_editor_code_line("und/oder"));
    }

    #[test]
    fn boilerplate_and_captions() {
        assert!(is_boilerplate("## Kurze Werbeeinblendung"));
        assert!(is_boilerplate("Kurze Werbeeinblendung"));
        assert!(is_boilerplate(
            "**Besuchen Sie uns auf: [n-ag.de](https://n-ag.de)**"
        ));
        assert!(is_boilerplate("---"));
        assert!(is_boilerplate("Details"));
        assert!(!is_boilerplate("Details der Einigung sind noch unklar."));
        assert!(is_photo_line(
            "Trump und Xi hatten im Oktober Einigungen erzielt. (Foto: AP Photo/Mark Schiefelbein)"
        ));
        assert!(!is_photo_line("Das Foto zeigt Trump."));
        assert!(is_image_file_name(
            "President-Donald-Trump-left-and-Chinese-President-Xi-Jinping-2025"
        ));
        assert!(!is_image_file_name("Ukraine-Konflikt"));
    }

    #[test]
    fn rejoins_broken_paragraphs_but_not_headings() {
        let out = rejoin(vec![
            Para::text("betonte Xi, dass China und Russland „nicht voneinander getrennt"),
            Para::text("werden können“. Diese Äußerungen erfolgten."),
            Para::text("USA bauen Druck auf"),
            Para::text("Die USA machen Druck."),
        ]);
        assert_eq!(out.len(), 3);
        assert!(out[0].text.contains("getrennt werden können"));
        assert_eq!(out[1].text, "USA bauen Druck auf");
    }

    #[test]
    fn drops_truncated_teaser_repeated_later() {
        let full = "Am Montag telefonierte der chinesische Präsident Xi Jinping mit dem russischen Präsidenten.";
        let out = dedup(vec![
            Para::text(format!(
                "{full} Beziehungen zwischen China und Russland Der Anruf fand statt. Xi …"
            )),
            Para::text(full),
            Para::heading("Beziehungen zwischen China und Russland"),
            Para::text("Der Anruf fand statt. Xi erklärte etwas."),
        ]);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].text, full);
    }

    #[test]
    fn markdown_helpers() {
        assert_eq!(
            markdown_heading("## Fazit und Ausblick"),
            Some("Fazit und Ausblick")
        );
        assert_eq!(markdown_heading("#hashtag"), None);
        assert_eq!(
            strip_inline_markdown("Quelle [edition.cnn.com](https://edition.cnn.com) und **fett**"),
            "Quelle edition.cnn.com und fett"
        );
        assert_eq!(
            markdown_link("[die-nachrichten.at](https://die-nachrichten.at)"),
            Some(("die-nachrichten.at", "https://die-nachrichten.at"))
        );
    }
}
