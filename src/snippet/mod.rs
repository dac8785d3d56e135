//! Snippets: the fragments of an article that show why it matched.
//!
//! The engine re-analyses the stored text with the indexing analyzer, so stemmed, compound-part
//! and hyphen-part matches are highlighted on the original surface text ("Sanktion" marks
//! "Sanktionen", "Krieg" marks "…krieg" in "Angriffskrieg"). Fragments are cut at sentence
//! boundaries ([`sentences`]) and never cut a quotation in half ([`quotes`]): a fragment grows to
//! the whole quotation up to the length limit, or cuts inside it with „… …“ so the marks stay
//! balanced. Negated query terms are never highlighted.
//!
//! ```
//! use pressespiegel::snippet::{HighlightSpec, SnippetOptions, snippets};
//!
//! let text = "Die EU beschließt neue Sanktionen. Das Wetter bleibt gut.";
//! let spec = HighlightSpec::from_query_text("Sanktion");
//! let s = snippets(text, &spec, &SnippetOptions::default());
//! assert_eq!(s[0].text(), "Die EU beschließt neue Sanktionen.");
//! assert_eq!(s[0].highlighted_texts(), vec!["Sanktionen"]);
//! ```

mod prefilter;
pub mod quotes;
pub mod render;
pub mod sentences;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::analysis::{self, AnalyzedToken, TokenKind};

/// What to highlight: analysed query terms, phrases (term sequences) and prefixes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HighlightSpec {
    /// Single terms (as indexed) with their weight (rarer terms weigh more).
    pub terms: BTreeMap<String, f32>,
    /// Phrases: `(relative position, term)` sequences.
    pub phrases: Vec<Vec<(usize, String)>>,
    /// Lowercase surface prefixes (`präsid*`); a token is marked when its German-folded
    /// surface starts with the folded prefix (`praes*` marks *Präsident*).
    pub prefixes: Vec<String>,
}

impl HighlightSpec {
    /// Add an analysed literal: one term, or a phrase of several.
    pub fn add_sequence(&mut self, seq: Vec<(usize, String)>) {
        match seq.len() {
            0 => {}
            1 => {
                self.terms.entry(seq[0].1.clone()).or_insert(1.0);
            }
            _ => self.phrases.push(seq),
        }
    }

    /// Highlight every word of a plain text (no query syntax) — handy in examples and tests.
    pub fn from_query_text(text: &str) -> Self {
        let mut spec = HighlightSpec::default();
        for t in analysis::analyze_query(text) {
            spec.terms.entry(t.term).or_insert(1.0);
        }
        spec
    }

    /// Whether nothing would be highlighted.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.phrases.is_empty() && self.prefixes.is_empty()
    }

    fn weight(&self, term: &str) -> f32 {
        self.terms.get(term).copied().unwrap_or(1.0)
    }
}

/// Snippet settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnippetOptions {
    /// Maximum number of fragments.
    pub max_fragments: usize,
    /// Maximum fragment length in characters (code points).
    pub max_chars: usize,
}

impl Default for SnippetOptions {
    fn default() -> Self {
        SnippetOptions {
            max_fragments: 2,
            max_chars: 240,
        }
    }
}

/// One fragment of an article with highlight ranges.
///
/// In Rust, [`highlights`](Self::highlights) are **byte** ranges into [`text`](Self::text).
/// The JSON form (serde) carries **code point** ranges: `{"text", "highlights": [[start, end], …],
/// "speaker"}` — what Python and JavaScript index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    text: String,
    highlights: Vec<Range<usize>>,
    speaker: Option<String>,
    start: usize,
    end: usize,
}

impl Snippet {
    /// The fragment text (may begin or end with "…", or „… …“ when a quotation was cut).
    pub fn text(&self) -> &str {
        &self.text
    }
    /// Byte ranges of the highlighted matches inside [`text`](Self::text).
    pub fn highlights(&self) -> &[Range<usize>] {
        &self.highlights
    }
    /// Code point ranges of the highlighted matches inside [`text`](Self::text).
    pub fn char_highlights(&self) -> Vec<[usize; 2]> {
        let text = &self.text;
        let to_char = |b: usize| text[..b].chars().count();
        self.highlights
            .iter()
            .map(|r| [to_char(r.start), to_char(r.end)])
            .collect()
    }
    /// The highlighted substrings (for tests and quick looks).
    pub fn highlighted_texts(&self) -> Vec<&str> {
        self.highlights
            .iter()
            .map(|r| &self.text[r.clone()])
            .collect()
    }
    /// Speaker of the quotation this fragment shows, when known.
    pub fn speaker(&self) -> Option<&str> {
        self.speaker.as_deref()
    }
    /// Set the speaker (done by search when quotations are known).
    pub fn set_speaker(&mut self, speaker: Option<String>) {
        self.speaker = speaker;
    }
    /// Byte offset in the article text where the fragment's own text begins.
    pub fn article_offset(&self) -> usize {
        self.start
    }
    /// Byte range of the article text this fragment shows (without added "…" marks).
    pub fn article_range(&self) -> Range<usize> {
        self.start..self.end
    }
}

#[derive(Serialize, Deserialize)]
struct SnippetJson {
    text: String,
    highlights: Vec<[usize; 2]>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    speaker: Option<String>,
}

impl Serialize for Snippet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SnippetJson {
            text: self.text.clone(),
            highlights: self.char_highlights(),
            speaker: self.speaker.clone(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Snippet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let j = SnippetJson::deserialize(d)?;
        let byte_of = |c: usize| {
            j.text
                .char_indices()
                .nth(c)
                .map(|(b, _)| b)
                .unwrap_or(j.text.len())
        };
        let highlights = j
            .highlights
            .iter()
            .filter(|[a, b]| a <= b)
            .map(|[a, b]| byte_of(*a)..byte_of(*b))
            .collect();
        Ok(Snippet {
            highlights,
            text: j.text,
            speaker: j.speaker,
            start: 0,
            end: 0,
        })
    }
}

/// A highlighted match in the article text.
#[derive(Debug, Clone)]
pub(crate) struct Match {
    range: Range<usize>,
    key: String,
    weight: f32,
}

/// Whether a prefix query can have found `t`: a whole word or a piece of a hyphenated or
/// apostrophe-joined word, as the search matches prefixes against unmarked terms only. Variant
/// keys are not, nor are compound parts inside a word (`wahlen` in *Parlamentswahlen*: the
/// index marks compound parts, so `Wahl*` does not find them and must not mark them).
fn prefix_matchable(text: &str, t: &AnalyzedToken) -> bool {
    match t.kind {
        TokenKind::Word => true,
        TokenKind::Variant => false,
        TokenKind::Part => !text
            .get(..t.byte_start)
            .and_then(|before| before.chars().next_back())
            .is_some_and(char::is_alphanumeric),
    }
}

fn find_matches(text: &str, tokens: &[AnalyzedToken], spec: &HighlightSpec) -> Vec<Match> {
    let mut out = Vec::new();
    // Prefixes compare folded, as the search does (`Praes*` finds and marks *Präsident*).
    let folded_prefixes: Vec<String> = spec
        .prefixes
        .iter()
        .map(|p| analysis::fold_term(p))
        .collect();
    for t in tokens {
        if spec.terms.contains_key(&t.text) {
            out.push(Match {
                range: t.byte_start..t.byte_end,
                key: t.text.clone(),
                weight: spec.weight(&t.text),
            });
        } else if !spec.prefixes.is_empty() && prefix_matchable(text, t) {
            let surface = analysis::fold_term(&text[t.byte_start..t.byte_end]);
            if let Some((p, _)) = spec
                .prefixes
                .iter()
                .zip(&folded_prefixes)
                .find(|(_, f)| surface.starts_with(f.as_str()))
            {
                out.push(Match {
                    range: t.byte_start..t.byte_end,
                    key: format!("{p}*"),
                    weight: 1.0,
                });
            }
        }
    }
    if !spec.phrases.is_empty() {
        let mut by_pos: HashMap<(usize, &str), &AnalyzedToken> = HashMap::new();
        for t in tokens {
            by_pos.entry((t.position, t.text.as_str())).or_insert(t);
        }
        for phrase in &spec.phrases {
            let base = phrase[0].0;
            let key = phrase
                .iter()
                .map(|(_, t)| t.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            for first in tokens.iter().filter(|t| t.text == phrase[0].1) {
                let found: Option<Vec<&AnalyzedToken>> = phrase
                    .iter()
                    .map(|(p, term)| {
                        by_pos
                            .get(&(first.position + p - base, term.as_str()))
                            .copied()
                    })
                    .collect();
                if let Some(found) = found {
                    let start = found
                        .iter()
                        .map(|t| t.byte_start)
                        .min()
                        .unwrap_or(first.byte_start);
                    let end = found
                        .iter()
                        .map(|t| t.byte_end)
                        .max()
                        .unwrap_or(first.byte_end);
                    out.push(Match {
                        range: start..end,
                        key: key.clone(),
                        weight: 2.0 * phrase.len() as f32,
                    });
                }
            }
        }
    }
    out.sort_by_key(|m| (m.range.start, m.range.end));
    out
}

/// Merge overlapping ranges (sorted input).
fn collapse(ranges: impl IntoIterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

fn score(matches: &[Match], unit: &Range<usize>) -> f32 {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    let mut total = 0.0;
    for m in matches
        .iter()
        .filter(|m| m.range.start >= unit.start && m.range.end <= unit.end)
    {
        let n = seen.entry(m.key.as_str()).or_insert(0);
        total += if *n == 0 { m.weight } else { m.weight * 0.2 };
        *n += 1;
    }
    total
}

/// Build up to `options.max_fragments` snippets of `text` (already normalised, as stored).
///
/// Without any match the lead of the article is returned (one fragment, no highlights).
///
/// Only the sentences that can contain a match are analysed: a pre-filter on the folded
/// characters of the text finds where the spec's terms, compound parts, prefixes and name
/// keys can occur, and sentences are split only in the paragraphs around them. The result is
/// exactly that of analysing the whole text.
pub fn snippets(text: &str, spec: &HighlightSpec, options: &SnippetOptions) -> Vec<Snippet> {
    if options.max_fragments == 0 || text.trim().is_empty() {
        return Vec::new();
    }
    let quote_spans = quotes::quotation_spans(text);
    let blocks = sentences::blocks(text, &quote_spans);
    // `None`: the spec matches nothing; `Some(None)`: it may match anywhere.
    let candidates = (!spec.is_empty()).then(|| prefilter::Candidates::find(text, spec));
    let may_match = |r: &Range<usize>| match &candidates {
        None => false,
        Some(None) => true,
        Some(Some(c)) => c.may_match(r),
    };
    let mut units: Vec<Range<usize>> = Vec::new();
    let mut matches: Vec<Match> = Vec::new();
    for block in blocks.iter().filter(|b| may_match(b)) {
        for unit in sentences::units_in(text, block.clone(), &quote_spans, options.max_chars) {
            if may_match(&unit) {
                matches.extend(matches_in_unit(text, &unit, spec));
            }
            units.push(unit);
        }
    }
    let mut chosen: Vec<Range<usize>> = best_units(&units, &matches, options.max_fragments)
        .into_iter()
        .filter_map(|i| units.get(i).cloned())
        .collect();
    if chosen.is_empty() {
        // The lead: the first unit of the text.
        let first = blocks.iter().find_map(|b| {
            sentences::units_in(text, b.clone(), &quote_spans, options.max_chars)
                .into_iter()
                .next()
        });
        chosen.extend(first);
    }
    chosen.sort_unstable_by_key(|u| u.start);
    chosen
        .into_iter()
        .map(|unit| render::fragment(text, unit, &matches, &quote_spans, options.max_chars))
        .collect()
}

/// Indices of the `max` best-scoring units that contain a match, best first (ties: earlier
/// unit first).
fn best_units(units: &[Range<usize>], matches: &[Match], max: usize) -> Vec<usize> {
    let mut scored: Vec<(f32, usize)> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (score(matches, u), i))
        .filter(|(s, _)| *s > 0.0)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().take(max).map(|(_, i)| i).collect()
}

/// The matches inside `unit`, from an analysis of the unit alone.
///
/// The analysed window is the unit widened to whitespace (or the text's ends) on both sides:
/// the tokenizer finds words from one whitespace to the next and a word's tokens depend only
/// on the word, so the window's tokens are exactly the tokens of the whole text in it, with
/// positions shifted by a constant (phrases compare positions only relative to each other).
fn matches_in_unit(text: &str, unit: &Range<usize>, spec: &HighlightSpec) -> Vec<Match> {
    let start = text[..unit.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    let end = text[unit.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| unit.end + i);
    let mut tokens = analysis::analyze_with_variants(&text[start..end]);
    for t in &mut tokens {
        t.byte_start += start;
        t.byte_end += start;
    }
    let mut matches = find_matches(text, &tokens, spec);
    matches.retain(|m| m.range.start >= unit.start && m.range.end <= unit.end);
    matches
}

/// [`snippets`] computed the straightforward way: the whole text analysed and split into
/// sentences. The result is the same; it exists to test that.
#[doc(hidden)]
pub fn snippets_reference(
    text: &str,
    spec: &HighlightSpec,
    options: &SnippetOptions,
) -> Vec<Snippet> {
    if options.max_fragments == 0 || text.trim().is_empty() {
        return Vec::new();
    }
    let matches = if spec.is_empty() {
        Vec::new()
    } else {
        find_matches(text, &analysis::analyze_with_variants(text), spec)
    };
    let quote_spans = quotes::quotation_spans(text);
    let units = sentences::units(text, &quote_spans, options.max_chars);
    let mut chosen = best_units(&units, &matches, options.max_fragments);
    if chosen.is_empty() {
        chosen.push(0);
    }
    chosen.sort_unstable();
    chosen
        .into_iter()
        .filter_map(|i| units.get(i))
        .map(|unit| {
            render::fragment(
                text,
                unit.clone(),
                &matches,
                &quote_spans,
                options.max_chars,
            )
        })
        .collect()
}

/// Byte ranges of every match of `spec` in `text` (merged where they overlap), without cutting
/// fragments — used for short texts such as quotations.
pub fn highlights(text: &str, spec: &HighlightSpec) -> Vec<Range<usize>> {
    if spec.is_empty() {
        return Vec::new();
    }
    let matches = find_matches(text, &analysis::analyze_with_variants(text), spec);
    highlight_ranges(&matches, &(0..text.len()))
}

pub(crate) fn highlight_ranges(matches: &[Match], window: &Range<usize>) -> Vec<Range<usize>> {
    collapse(
        matches
            .iter()
            .filter(|m| m.range.start >= window.start && m.range.end <= window.end)
            .map(|m| m.range.clone()),
    )
}

pub(crate) fn new_snippet(
    text: String,
    highlights: Vec<Range<usize>>,
    range: Range<usize>,
) -> Snippet {
    Snippet {
        text,
        highlights,
        speaker: None,
        start: range.start,
        end: range.end,
    }
}
