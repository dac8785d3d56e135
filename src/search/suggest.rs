//! "Meinten Sie …?": when a query finds nothing, words that have no postings at all are
//! replaced by the closest indexed word (edit distance ≤ 2, transpositions count 1).
//!
//! Candidates are the whole-word terms of `text` and `title` (stemmed, folded; marked
//! compound parts and non-alphabetic terms are skipped), compared with the query word's stem
//! and with its folded surface (the smaller distance counts). Allowed distance grows with the
//! typed word: 1 for 4–5 letters, 2 from 6 letters; words of up to 3 letters are never
//! corrected. Among candidates the smallest distance wins, then the most articles, then the
//! alphabetically first (deterministic). The suggestion shown is a surface word as written
//! in an article: the first token with the chosen term in one stored document that contains
//! it (only queries with no hits get here, so the document read is affordable).

use std::collections::BTreeMap;

use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use crate::analysis;
use crate::error::Result;
use crate::index::Fields;
use crate::search::query::QueryAst;

/// Allowed edit distance for a word of `chars` characters.
fn max_distance(chars: usize) -> usize {
    match chars {
        0..=3 => 0,
        4..=5 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment distance of `a` and `b`, or `None` if it exceeds `max`.
fn osa_distance(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let n = b.len();
    let mut prev2 = vec![0usize; n + 1];
    let mut prev: Vec<usize> = (0..=n).collect();
    let mut cur = vec![0usize; n + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=n {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    (prev[n] <= max).then_some(prev[n])
}

/// Whether a word literal has postings in any searched field (stemmed term as a whole word
/// or a compound part, or variant key).
fn has_postings(searcher: &Searcher, f: &Fields, text: &str) -> Result<bool> {
    for t in analysis::analyze_query(text) {
        let marked = format!("{}{}", analysis::COMPOUND_PART_MARKER, t.term);
        for field in [f.text, f.title] {
            for term in [&t.term, &marked] {
                if searcher.doc_freq(&Term::from_field_text(field, term))? > 0 {
                    return Ok(true);
                }
            }
        }
    }
    for (_, key) in analysis::variant_query_keys(text) {
        let key = format!("{}{key}", analysis::VARIANT_KEY_MARKER);
        for field in [f.text, f.title] {
            if searcher.doc_freq(&Term::from_field_text(field, &key))? > 0 {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// The closest indexed whole-word term to the query word `text`, if any within the allowed
/// distance (see the module docs): the query word's stem and its folded surface are compared
/// with each term, the folded surface also with each term plus one of [`analysis::STEM_ENDINGS`].
fn closest(searcher: &Searcher, fields: &[Field], text: &str) -> Result<Option<String>> {
    let folded = analysis::fold_term(text);
    let max = max_distance(folded.chars().count());
    if max == 0 || !folded.chars().all(char::is_alphabetic) {
        return Ok(None);
    }
    let stem = match analysis::analyze_query(text).as_slice() {
        [t] if t.term.chars().all(char::is_alphabetic) => t.term.clone(),
        _ => return Ok(None),
    };
    let folded_chars: Vec<char> = folded.chars().collect();
    let mut targets: Vec<Vec<char>> = vec![stem.chars().collect()];
    if folded != stem {
        targets.push(folded.chars().collect());
    }
    let (min_len, max_len) = targets.iter().fold((usize::MAX, 0), |(lo, hi), t| {
        let bytes: usize = t.iter().map(|c| c.len_utf8()).sum();
        (lo.min(bytes), hi.max(bytes))
    });
    // candidate → (distance, document frequency summed over segments and fields)
    let mut found: BTreeMap<String, (usize, u64)> = BTreeMap::new();
    let mut chars = Vec::new();
    for segment in searcher.segment_readers() {
        for &field in fields {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while stream.advance() {
                let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                // Cheap length filter before decoding chars.
                if candidate.len() + 2 * max + analysis::LONGEST_STEM_ENDING < min_len
                    || candidate.len() > max_len + 4 * max
                {
                    continue;
                }
                chars.clear();
                chars.extend(candidate.chars());
                // (Marked compound parts start with a non-alphabetic marker.)
                if !chars.iter().all(|c| c.is_alphabetic()) {
                    continue;
                }
                let mut best = targets
                    .iter()
                    .filter_map(|t| osa_distance(t, &chars, max))
                    .min();
                let stem_len = chars.len();
                for ending in analysis::STEM_ENDINGS {
                    let len = stem_len + ending.len();
                    if len.abs_diff(folded_chars.len()) > max {
                        continue;
                    }
                    chars.truncate(stem_len);
                    chars.extend(ending.chars());
                    if let Some(d) = osa_distance(&folded_chars, &chars, max) {
                        best = Some(best.map_or(d, |b| b.min(d)));
                    }
                }
                if let Some(d) = best {
                    if d == 0 {
                        continue;
                    }
                    let entry = found.entry(candidate.to_string()).or_insert((d, 0));
                    entry.1 += u64::from(stream.value().doc_freq);
                }
            }
        }
    }
    Ok(found
        .into_iter()
        .min_by(|(wa, (da, fa)), (wb, (db, fb))| {
            da.cmp(db).then(fb.cmp(fa)).then_with(|| wa.cmp(wb))
        })
        .map(|(w, _)| w))
}

/// A surface form of the whole-word `term` as written in the articles: among the tokens with
/// that term in the first live document (body, then title) that contains it, the one closest to
/// the typed word `typed` (folded; the first on ties).
fn surface_of(
    searcher: &Searcher,
    fields: &[Field],
    term: &str,
    typed: &str,
) -> Result<Option<String>> {
    let typed: Vec<char> = analysis::fold_term(typed).chars().collect();
    for segment in searcher.segment_readers() {
        let alive = segment.alive_bitset();
        let store = segment
            .get_store_reader(1)
            .map_err(tantivy::TantivyError::from)?;
        for &field in fields {
            let inverted = segment.inverted_index(field)?;
            let key = Term::from_field_text(field, term);
            let Some(mut postings) = inverted
                .read_postings(&key, tantivy::schema::IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?
            else {
                continue;
            };
            let mut doc = tantivy::DocSet::doc(&postings);
            while doc != tantivy::TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    let stored: tantivy::TantivyDocument = store.get(doc)?;
                    for value in stored.get_all(field) {
                        let Some(text) = tantivy::schema::Value::as_str(&value) else {
                            continue;
                        };
                        let best = analysis::analyze_indexed(text)
                            .into_iter()
                            .filter(|t| t.text == term)
                            .min_by_key(|t| {
                                let surface = &text[t.byte_start..t.byte_end];
                                let folded: Vec<char> =
                                    analysis::fold_term(surface).chars().collect();
                                osa_distance(&typed, &folded, typed.len() + folded.len())
                            });
                        if let Some(t) = best {
                            return Ok(Some(text[t.byte_start..t.byte_end].to_string()));
                        }
                    }
                    // The stored text does not show the term (cannot happen for an index
                    // this version wrote): try the next document.
                }
                doc = tantivy::DocSet::advance(&mut postings);
            }
        }
    }
    Ok(None)
}

/// Write the surface word `candidate` with the capitalisation of `original`: all caps, all
/// lowercase, or a capital first letter (the rest as written in the article, unless it was
/// written in capitals: `McAllister` stays, `ERDBEBEN` becomes `Erdbeben`).
fn like_case(original: &str, candidate: &str) -> String {
    let all_caps = |s: &str| {
        let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
        letters.peek().is_some()
            && s.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
            && letters.all(char::is_uppercase)
    };
    if all_caps(original) {
        return candidate.to_uppercase();
    }
    if !original.chars().next().is_some_and(char::is_uppercase) {
        return candidate.to_lowercase();
    }
    let rest = if all_caps(candidate) {
        candidate.to_lowercase()
    } else {
        candidate.to_string()
    };
    let mut c = rest.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Replace whole-word occurrences of `old` in `query` (from byte `from` on) by `new`, once.
/// Returns the byte offset after the replacement.
fn replace_word(query: &mut String, from: usize, old: &str, new: &str) -> Option<usize> {
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut at = from;
    while let Some(i) = query.get(at..)?.find(old) {
        let start = at + i;
        let end = start + old.len();
        let before = query[..start].chars().next_back();
        let after = query[end..].chars().next();
        if !is_word(before) && !is_word(after) {
            query.replace_range(start..end, new);
            return Some(start + new.len());
        }
        at = end;
    }
    None
}

/// The corrected query string, if some positive word of `ast` has no postings and a close
/// indexed word exists. Prefix terms, phrases and negated words are left alone.
pub(crate) fn suggest(
    searcher: &Searcher,
    f: &Fields,
    query: &str,
    ast: &QueryAst,
) -> Result<Option<String>> {
    let mut literals = Vec::new();
    ast.positive_literals(&mut literals);
    let mut corrected = query.to_string();
    let mut at = 0;
    let mut changed = false;
    for literal in literals {
        let QueryAst::Term {
            text,
            prefix: false,
            ..
        } = &literal
        else {
            continue;
        };
        if analysis::analyze_query(text).iter().all(|t| t.stop) || has_postings(searcher, f, text)?
        {
            continue;
        }
        let fields = [f.text, f.title];
        let Some(best) = closest(searcher, &fields, text)? else {
            continue;
        };
        let Some(surface) = surface_of(searcher, &fields, &best, text)? else {
            continue;
        };
        let replacement = like_case(text, &surface);
        if let Some(next) = replace_word(&mut corrected, at, text, &replacement) {
            at = next;
            changed = true;
        }
    }
    Ok(changed.then_some(corrected))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        osa_distance(&a, &b, 2)
    }

    #[test]
    fn distances() {
        assert_eq!(d("selenksyj", "selenskyj"), Some(1));
        assert_eq!(d("kanzler", "kanzlerin"), Some(2));
        assert_eq!(d("kanzler", "kanzlerinnen"), None);
        assert_eq!(d("haus", "haus"), Some(0));
        assert_eq!(d("", "ab"), Some(2));
    }

    #[test]
    fn cases_and_replacement() {
        assert_eq!(like_case("Selenksyj", "selenskyj"), "Selenskyj");
        assert_eq!(like_case("NAOT", "nato"), "NATO");
        assert_eq!(like_case("kanzlr", "kanzler"), "kanzler");
        // The candidate is a surface word as written in an article.
        assert_eq!(like_case("kanzlr", "Kanzler"), "kanzler");
        assert_eq!(like_case("Erdbebne", "ERDBEBEN"), "Erdbeben");
        assert_eq!(like_case("Mcallistr", "McAllister"), "McAllister");
        assert_eq!(like_case("NAOT", "Nato"), "NATO");
        let mut q = "Kanzlr -Kanzlr title:Kanzlr".to_string();
        assert_eq!(replace_word(&mut q, 0, "Kanzlr", "Kanzler"), Some(7));
        assert_eq!(q, "Kanzler -Kanzlr title:Kanzlr");
        let mut q = "Xkanzlr kanzlr".to_string();
        replace_word(&mut q, 0, "kanzlr", "kanzler");
        assert_eq!(q, "Xkanzlr kanzler");
    }
}
