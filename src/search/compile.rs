//! Compiling a [`QueryAst`] into a tantivy query and a highlight specification.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostWeight, ConstScoreQuery, EmptyQuery, EnableScoring, Occur,
    PhraseQuery, Query, RangeQuery, RegexQuery, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Searcher, Term};
use time::{Date, Duration, PrimitiveDateTime, Time};

use crate::analysis::{self, decompound, QueryToken};
use crate::error::Result;
use crate::index::ActorAliases;
use crate::index::Fields;
use crate::search::query::{FieldScope, QueryAst};
use crate::snippet::HighlightSpec;

/// Weight of a title match relative to a body match.
const TITLE_BOOST: f32 = 2.0;
/// Extra weight when a whole word (not only a compound part) matches: the unmarked term of the
/// query word weighs `1 + EXACT_BOOST`, its marked compound-part term
/// ([`analysis::COMPOUND_PART_MARKER`]) 1.
const EXACT_BOOST: f32 = 0.3;
/// Weight of a name-variant match (transliteration key) relative to a direct match.
const VARIANT_BOOST: f32 = 0.25;
/// Weight of "all parts of a query compound occur" relative to the whole compound.
const COMPOUND_PARTS_BOOST: f32 = 0.3;
/// A query compound also matches articles with all its parts only when every part is
/// selective: in at most this share of the searched documents (see [`Compiler::selective_parts`]).
pub(crate) const SELECTIVE_PART_SHARE: f64 = 0.02;
/// Weight of "the article is about the actor this query literal names" (actor facet).
const ALIAS_BOOST: f32 = 0.5;
fn term_query(field: Field, text: &str, record: IndexRecordOption) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), record))
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(Boosted { query: q, boost })
    }
}

/// tantivy's `BoostQuery` (the same weight: `BoostWeight`), but with its parts readable, so that
/// [`flat_terms`] can see through it.
#[derive(Debug)]
struct Boosted {
    query: Box<dyn Query>,
    boost: f32,
}

impl Clone for Boosted {
    fn clone(&self) -> Self {
        Boosted {
            query: self.query.box_clone(),
            boost: self.boost,
        }
    }
}

impl Query for Boosted {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weight = self.query.weight(enable_scoring)?;
        Ok(if enable_scoring.is_scoring_enabled() {
            Box::new(BoostWeight::new(weight, self.boost))
        } else {
            weight
        })
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.query.query_terms(visitor)
    }
}

/// The query as a flat list of weighted terms when it is nothing but a (nested, boosted)
/// union of term queries on `fields` — all of which the compiler builds with frequencies.
/// Such a query matches the same documents, with the same per-term scores, as one
/// `BooleanQuery` of boosted `TermQuery`s, for which tantivy prunes the top-k search with
/// block-max WAND. `None` for anything else (phrases, intersections, exclusions, filters).
pub(crate) fn flat_terms(query: &dyn Query, fields: &[Field]) -> Option<Vec<(Term, f32)>> {
    fn walk(q: &dyn Query, boost: f32, fields: &[Field], out: &mut Vec<(Term, f32)>) -> bool {
        if let Some(b) = q.downcast_ref::<Boosted>() {
            return walk(&*b.query, boost * b.boost, fields, out);
        }
        if let Some(t) = q.downcast_ref::<TermQuery>() {
            out.push((t.term().clone(), boost));
            return fields.contains(&t.term().field());
        }
        if let Some(b) = q.downcast_ref::<BooleanQuery>() {
            return b.get_minimum_number_should_match() <= 1
                && b.clauses()
                    .iter()
                    .all(|(occur, c)| *occur == Occur::Should && walk(&**c, boost, fields, out));
        }
        q.downcast_ref::<EmptyQuery>().is_some()
    }
    let mut out = Vec::new();
    (walk(query, 1.0, fields, &mut out) && !out.is_empty()).then_some(out)
}

/// Whether every document `query` matches has one of `fields` (so a document-type filter on
/// top of it changes nothing): terms and phrases on `fields`, and boolean combinations whose
/// positive clauses all are such. Anything it cannot see into (match-all, prefixes, ranges)
/// answers `false`.
pub(crate) fn only_on_fields(query: &dyn Query, fields: &[Field]) -> bool {
    if let Some(b) = query.downcast_ref::<Boosted>() {
        return only_on_fields(&*b.query, fields);
    }
    if let Some(t) = query.downcast_ref::<TermQuery>() {
        return fields.contains(&t.term().field());
    }
    if let Some(p) = query.downcast_ref::<PhraseQuery>() {
        return fields.contains(&p.field());
    }
    if let Some(b) = query.downcast_ref::<BooleanQuery>() {
        let mut positive = b
            .clauses()
            .iter()
            .filter(|(occur, _)| *occur != Occur::MustNot)
            .peekable();
        return positive.peek().is_some() && positive.all(|(_, c)| only_on_fields(&**c, fields));
    }
    query.downcast_ref::<EmptyQuery>().is_some()
}

/// One `BooleanQuery` of boosted term queries (see [`flat_terms`]).
pub(crate) fn term_union(terms: Vec<(Term, f32)>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        terms
            .into_iter()
            .map(|(t, b)| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs));
                (Occur::Should, boosted(q, b))
            })
            .collect(),
    ))
}

fn any_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if clauses.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(BooleanQuery::new(
        clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// The fields one part of a document is searched in.
#[derive(Clone, Copy)]
struct Target {
    /// The [`analysis::TEXT`] field: whole words and hyphen parts as plain stemmed terms,
    /// compound parts as marked terms.
    stemmed: Field,
    boost: f32,
}

/// The fields a literal is searched in.
fn targets(f: &Fields, scope: Option<FieldScope>, quotes: bool) -> Vec<Target> {
    let t = |stemmed, boost| Target { stemmed, boost };
    if quotes {
        // Quotations have no title.
        return vec![t(f.quote_text, 1.0)];
    }
    match scope {
        Some(FieldScope::Title) => vec![t(f.title, 1.0)],
        Some(FieldScope::Text) => vec![t(f.text, 1.0)],
        None => vec![t(f.text, 1.0), t(f.title, TITLE_BOOST)],
    }
}

/// The name-variant keys of a query literal as the marked terms the [`analysis::TEXT`]
/// analyzer indexes ([`analysis::VARIANT_KEY_MARKER`] + key).
fn marked_keys(keys: &[(usize, String)]) -> Vec<(usize, String)> {
    keys.iter()
        .map(|(p, k)| (*p, format!("{}{k}", analysis::VARIANT_KEY_MARKER)))
        .collect()
}

/// The marked compound-part term of a stemmed query term (see
/// [`analysis::COMPOUND_PART_MARKER`]); `None` for terms no compound part can have (compound
/// parts are alphabetic).
fn marked_part(term: &str) -> Option<String> {
    if term.is_empty() || !term.chars().all(char::is_alphabetic) {
        return None;
    }
    let mut marked = String::with_capacity(term.len() + 1);
    marked.push(analysis::COMPOUND_PART_MARKER);
    marked.push_str(term);
    Some(marked)
}

/// BM25's inverse document frequency (as tantivy computes it).
fn idf(doc_freq: u64, docs: u64) -> f32 {
    let docs = docs.max(doc_freq);
    let x = ((docs - doc_freq) as f32 + 0.5) / (doc_freq as f32 + 0.5);
    (1.0 + x).ln()
}

/// A term and its document frequency.
type TermFreq = (Term, u64);

/// A stemmed term as a whole word and its document frequency, and its marked compound-part
/// term with its document frequency when that has postings.
fn word_and_part_freqs(
    searcher: &Searcher,
    field: Field,
    term: &str,
) -> tantivy::Result<(Term, u64, Option<TermFreq>)> {
    let word_term = Term::from_field_text(field, term);
    let word_df = searcher.doc_freq(&word_term)?;
    let part = match marked_part(term) {
        Some(marked) => {
            let part_term = Term::from_field_text(field, &marked);
            let df = searcher.doc_freq(&part_term)?;
            (df > 0).then_some((part_term, df))
        }
        None => None,
    };
    Ok((word_term, word_df, part))
}

/// A stemmed term as a whole word (`whole` times the weight) or as a marked compound part
/// (weight 1), each clause left out when its term has no postings.
///
/// Both clauses are scored with the rarity of the stem in either role: a clause's weight is
/// multiplied by `idf(whole or part) / idf(its own term)` (document frequencies summed, an
/// upper bound of the union). Else a stem that is rare as a compound part but common as a
/// word would rank articles with only the compound above articles with the word.
fn word_or_part(
    searcher: &Searcher,
    field: Field,
    term: &str,
    whole: f32,
) -> Result<Vec<Box<dyn Query>>> {
    let docs = searcher.num_docs();
    let (word_term, word_df, part) = word_and_part_freqs(searcher, field, term)?;
    let either = idf(word_df + part.as_ref().map_or(0, |p| p.1), docs);
    let mut out = Vec::new();
    if word_df > 0 || part.is_none() {
        let scale = if word_df > 0 {
            either / idf(word_df, docs)
        } else {
            1.0
        };
        let q = Box::new(TermQuery::new(word_term, IndexRecordOption::WithFreqs));
        out.push(boosted(q, whole * scale));
    }
    if let Some((part_term, df)) = part {
        let q = Box::new(TermQuery::new(part_term, IndexRecordOption::WithFreqs));
        out.push(boosted(q, either / idf(df, docs)));
    }
    Ok(out)
}

/// The parts of a query compound that cover it (`friedensabkommen` → `frieden`,
/// `abkommen`), as stemmed terms; empty for a word that is not split.
fn compound_parts(lower: &str) -> Vec<String> {
    if !lower.chars().all(char::is_alphabetic) {
        return Vec::new();
    }
    let mut ranges = decompound::split_compound(lower);
    ranges.retain(|r| {
        r.start < r.end
            && r.end <= lower.len()
            && lower.is_char_boundary(r.start)
            && lower.is_char_boundary(r.end)
            && r.len() < lower.len()
    });
    // Greedy cover from the left with the longest part at each step (the top-level split).
    ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
    let mut cover = Vec::new();
    let mut at = 0;
    for r in &ranges {
        if r.start >= at && (cover.is_empty() || r.start <= at + 3) {
            cover.push(r.clone());
            at = r.end;
        }
    }
    if cover.len() < 2 {
        return Vec::new();
    }
    let mut terms: Vec<String> = Vec::new();
    for r in cover {
        match analysis::analyze_query(&lower[r]).as_slice() {
            [t] if !t.term.is_empty() => {
                if !terms.contains(&t.term) {
                    terms.push(t.term.clone());
                }
            }
            _ => return Vec::new(),
        }
    }
    if terms.len() < 2 {
        return Vec::new();
    }
    terms
}

fn words(tokens: &[QueryToken]) -> Vec<(usize, String)> {
    tokens
        .iter()
        .filter(|t| !t.term.is_empty())
        .map(|t| (t.position, t.term.clone()))
        .collect()
}

fn sequence_query(field: Field, seq: &[(usize, String)]) -> Box<dyn Query> {
    if seq.len() == 1 {
        return term_query(field, &seq[0].1, IndexRecordOption::WithFreqs);
    }
    let base = seq[0].0;
    Box::new(PhraseQuery::new_with_offset(
        seq.iter()
            .map(|(p, t)| (p - base, Term::from_field_text(field, t)))
            .collect(),
    ))
}

/// Whether a folded word ends in a linking s after a feminine noun suffix (`regierungs`,
/// `sicherheits`, `universitats`): a form that only occurs as the first part of a compound,
/// since these nouns take no -s when inflected.
fn ends_in_linking_s(folded: &str) -> bool {
    ["ungs", "heits", "keits", "schafts", "ions", "tats"]
        .iter()
        .any(|suffix| folded.ends_with(suffix))
}

/// The regular expression of a prefix query over the [`analysis::TEXT`] terms: the lowercase,
/// German-folded prefix (`Präs` → `pras.*`). Marked compound-part terms never match (they
/// start with [`analysis::COMPOUND_PART_MARKER`]).
fn prefix_pattern(word: &str) -> String {
    let lower = analysis::fold_term(word);
    let mut pattern = String::with_capacity(lower.len() + 2);
    for c in lower.chars() {
        if c.is_alphanumeric() {
            pattern.push(c);
        } else {
            pattern.push('\\');
            pattern.push(c);
        }
    }
    pattern.push_str(".*");
    pattern
}

/// Compiles ASTs for one index.
pub(crate) struct Compiler<'a> {
    pub fields: &'a Fields,
    /// Actor names and aliases of the index (query words naming an actor add a facet clause).
    pub actors: &'a ActorAliases,
    pub highlight: HighlightSpec,
    /// Search quotation documents (the `quote_text` field) instead of articles.
    pub quotes: bool,
    /// Document frequencies of the searched index: whole words are weighed against compound
    /// parts ([`word_or_part`]) and [`Self::selective_parts`] gates the compound-parts clause.
    pub doc_freqs: DocFreqs<'a>,
}

/// Document frequencies of one searcher (one index state, so the answers are deterministic).
pub(crate) struct DocFreqs<'a> {
    /// The searcher the query will run on.
    pub searcher: &'a Searcher,
    /// Number of documents of the searched type (articles or quotations).
    pub searched: u64,
}

impl Compiler<'_> {
    /// `None` when the node analyses to nothing (punctuation, dropped stop word).
    fn node(
        &mut self,
        ast: &QueryAst,
        drop_stop: bool,
        positive: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        Ok(match ast {
            QueryAst::Term {
                field,
                text,
                prefix: true,
            } => {
                let pattern = prefix_pattern(text);
                // The stem of the prefix itself: `Regierung*` → `regier`, the stem of
                // Regierung, which is shorter than the prefix. Not for a prefix that ends in
                // a linking s (`Regierungs*` asks for compounds, not for Regierung).
                let folded = analysis::fold_term(text);
                let stem = match analysis::analyze_query(text).as_slice() {
                    [t] if !t.term.is_empty()
                        && !t.term.starts_with(&folded)
                        && !ends_in_linking_s(&folded) =>
                    {
                        Some(t.term.clone())
                    }
                    _ => None,
                };
                let mut clauses = Vec::new();
                for t in targets(self.fields, *field, self.quotes) {
                    let q: Box<dyn Query> =
                        Box::new(RegexQuery::from_pattern(&pattern, t.stemmed)?);
                    let q = match &stem {
                        Some(stem) => any_of(vec![
                            q,
                            term_query(t.stemmed, stem, IndexRecordOption::WithFreqs),
                        ]),
                        None => q,
                    };
                    clauses.push(boosted(q, t.boost));
                }
                if positive && *field != Some(FieldScope::Title) {
                    self.highlight
                        .prefixes
                        .push(analysis::normalize(text).to_lowercase());
                }
                Some(any_of(clauses))
            }
            QueryAst::Term { field, text, .. } => {
                let tokens = analysis::analyze_query(text);
                if tokens.is_empty() || (drop_stop && tokens.iter().all(|t| t.stop)) {
                    return Ok(None);
                }
                let seq = words(&tokens);
                if seq.is_empty() {
                    return Ok(None);
                }
                let exact = analysis::normalize(text).to_lowercase();
                let keys = analysis::variant_query_keys(text);
                let targets = targets(self.fields, *field, self.quotes);
                let mut clauses = Vec::new();
                for t in &targets {
                    match seq.as_slice() {
                        // One word: the whole word (with its inflected forms: they share the
                        // stem) above the same stem as a compound part.
                        [(_, term)] => {
                            let whole = 1.0 + EXACT_BOOST;
                            for q in word_or_part(self.doc_freqs.searcher, t.stemmed, term, whole)?
                            {
                                clauses.push(boosted(q, t.boost));
                            }
                        }
                        _ => clauses.push(boosted(sequence_query(t.stemmed, &seq), t.boost)),
                    }
                    if !keys.is_empty() {
                        clauses.push(boosted(
                            sequence_query(t.stemmed, &marked_keys(&keys)),
                            t.boost * VARIANT_BOOST,
                        ));
                    }
                }
                // A compound in the query: articles with all its parts, below the whole word.
                let parts = if seq.len() == 1 {
                    self.selective_parts(compound_parts(&exact), &targets)
                } else {
                    Vec::new()
                };
                if !parts.is_empty() {
                    let mut all_parts = Vec::new();
                    for p in &parts {
                        let mut anywhere = Vec::new();
                        for t in &targets {
                            anywhere.extend(word_or_part(
                                self.doc_freqs.searcher,
                                t.stemmed,
                                p,
                                1.0,
                            )?);
                        }
                        all_parts.push((Occur::Must, any_of(anywhere)));
                    }
                    clauses.push(boosted(
                        Box::new(BooleanQuery::new(all_parts)),
                        COMPOUND_PARTS_BOOST,
                    ));
                }
                if !self.quotes {
                    clauses.extend(self.actor_clause(text));
                }
                if positive && *field != Some(FieldScope::Title) {
                    self.highlight.add_sequence(seq);
                    if keys.len() == 1 {
                        self.variant_highlight(&keys);
                    }
                    for p in parts {
                        self.highlight.terms.entry(p).or_insert(1.0);
                    }
                }
                Some(any_of(clauses))
            }
            QueryAst::Phrase { field, text } => {
                let seq = words(&analysis::analyze_query(text));
                if seq.is_empty() {
                    return Ok(None);
                }
                let keys = analysis::variant_query_keys(text);
                let mut clauses = Vec::new();
                for t in targets(self.fields, *field, self.quotes) {
                    clauses.push(boosted(sequence_query(t.stemmed, &seq), t.boost));
                    if !keys.is_empty() {
                        clauses.push(boosted(
                            sequence_query(t.stemmed, &marked_keys(&keys)),
                            t.boost * VARIANT_BOOST,
                        ));
                    }
                }
                if !self.quotes {
                    clauses.extend(self.actor_clause(text));
                }
                if positive && *field != Some(FieldScope::Title) {
                    self.highlight.add_sequence(seq);
                    self.variant_highlight(&keys);
                }
                Some(any_of(clauses))
            }
            // A lone exclusion: everything except it (documented behaviour).
            QueryAst::Not(inner) => self.node(inner, false, false)?.map(all_except),
            QueryAst::And(children) => {
                // Stop words are dropped when something else carries the query.
                let has_content = children.iter().any(|c| match c {
                    QueryAst::Term { text, prefix, .. } => {
                        *prefix || analysis::analyze_query(text).iter().any(|t| !t.stop)
                    }
                    QueryAst::Not(_) => false,
                    _ => true,
                });
                let mut must = Vec::new();
                let mut must_not = Vec::new();
                for child in children {
                    match child {
                        QueryAst::Not(inner) => {
                            if let Some(q) = self.node(inner, false, false)? {
                                must_not.push(q);
                            }
                        }
                        _ => {
                            if let Some(q) = self.node(child, has_content, positive)? {
                                must.push(q);
                            }
                        }
                    }
                }
                if must.is_empty() && must_not.is_empty() {
                    return Ok(None);
                }
                // `Vladimir Putin` typed without quotes still names the actor.
                let actor = if must_not.is_empty() && !self.quotes {
                    self.actor_clause_for_words(children)
                } else {
                    None
                };
                if let Some(actor) = actor {
                    let all: Box<dyn Query> = Box::new(BooleanQuery::new(
                        must.into_iter().map(|q| (Occur::Must, q)).collect(),
                    ));
                    return Ok(Some(any_of(vec![all, actor])));
                }
                if must.is_empty() {
                    // Only exclusions: everything except them (documented behaviour).
                    must.push(Box::new(AllQuery));
                }
                if must.len() == 1 && must_not.is_empty() {
                    return Ok(must.pop());
                }
                let mut clauses: Vec<(Occur, Box<dyn Query>)> =
                    must.into_iter().map(|q| (Occur::Must, q)).collect();
                clauses.extend(must_not.into_iter().map(|q| (Occur::MustNot, q)));
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            QueryAst::Or(children) => {
                let mut clauses = Vec::new();
                for child in children {
                    let q = match child {
                        QueryAst::Not(inner) => self.node(inner, false, false)?.map(all_except),
                        _ => self.node(child, false, positive)?,
                    };
                    clauses.extend(q);
                }
                if clauses.is_empty() {
                    None
                } else {
                    Some(any_of(clauses))
                }
            }
        })
    }

    /// The parts of a query compound for the "all parts occur" clause, or none: every part must
    /// be selective, in at most [`SELECTIVE_PART_SHARE`] of the searched documents (its largest
    /// document frequency over the searched stemmed fields, as a whole word plus as a marked
    /// compound part). A conjunction with a part that is in
    /// a large share of all documents (`bund` ∧ `tag` for *Bundestag*) is nearly the other part
    /// alone — it finds articles that are not about the compound — and intersects two huge
    /// posting lists.
    fn selective_parts(&self, parts: Vec<String>, targets: &[Target]) -> Vec<String> {
        let stats = &self.doc_freqs;
        let limit = stats.searched as f64 * SELECTIVE_PART_SHARE;
        let selective = parts.iter().all(|p| {
            targets.iter().all(|t| {
                // The part as a whole word or inside a compound (an upper bound of the union).
                // An unreadable dictionary counts as unselective: no clause is the safe side.
                word_and_part_freqs(stats.searcher, t.stemmed, p).is_ok_and(|(_, word, part)| {
                    (word + part.map_or(0, |(_, df)| df)) as f64 <= limit
                })
            })
        });
        if selective {
            parts
        } else {
            Vec::new()
        }
    }

    /// A lower-weighted actor-facet clause when `text` is a gazetteer name or alias.
    fn actor_clause(&self, text: &str) -> Option<Box<dyn Query>> {
        let actors = self.actors.named(text);
        if actors.is_empty() {
            return None;
        }
        let clauses = actors
            .iter()
            .map(|a| term_query(self.fields.actor, a, IndexRecordOption::Basic))
            .collect();
        Some(boosted(any_of(clauses), ALIAS_BOOST))
    }

    /// [`Self::actor_clause`] for an AND of plain words (`Vladimir Putin` without quotes).
    fn actor_clause_for_words(&self, children: &[QueryAst]) -> Option<Box<dyn Query>> {
        if children.len() < 2 {
            return None;
        }
        let mut words = Vec::new();
        for c in children {
            match c {
                QueryAst::Term {
                    field: None,
                    text,
                    prefix: false,
                } => words.push(text.as_str()),
                _ => return None,
            }
        }
        self.actor_clause(&words.join(" "))
    }

    /// Highlight the words whose variant keys match.
    fn variant_highlight(&mut self, keys: &[(usize, String)]) {
        match keys {
            [(_, key)] => {
                self.highlight.terms.entry(key.clone()).or_insert(1.0);
            }
            [] => {}
            _ => self.highlight.phrases.push(keys.to_vec()),
        }
    }

    /// The user query (match-all when empty) as one clause.
    pub fn user_query(&mut self, ast: &QueryAst) -> Result<Box<dyn Query>> {
        Ok(match self.node(ast, true, true)? {
            Some(q) => q,
            None if ast.is_match_all() => Box::new(AllQuery),
            // Everything analysed away (only stop words or punctuation): match nothing.
            None => Box::new(EmptyQuery),
        })
    }
}

/// Every document except those matching `q`.
fn all_except(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
        (Occur::MustNot, q),
    ]))
}

/// A filter clause that does not influence scores.
pub(crate) fn filter(q: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(q, 0.0))
}

/// Filter to one document type (`article` or `quote`).
pub(crate) fn doc_type(f: &Fields, doc_type: &str) -> Box<dyn Query> {
    filter(term_query(f.doc_type, doc_type, IndexRecordOption::Basic))
}

fn day_start(d: Date) -> DateTime {
    DateTime::from_timestamp_secs(
        PrimitiveDateTime::new(d, Time::MIDNIGHT)
            .assume_utc()
            .unix_timestamp(),
    )
}

/// Inclusive day range on the date field.
pub(crate) fn date_range(
    f: &Fields,
    from: Option<Date>,
    to: Option<Date>,
) -> Option<Box<dyn Query>> {
    if from.is_none() && to.is_none() {
        return None;
    }
    let lower = match from {
        Some(d) => Bound::Included(Term::from_field_date(f.date, day_start(d))),
        None => Bound::Included(Term::from_field_date(f.date, DateTime::MIN)),
    };
    let upper = match to.map(|d| d.checked_add(Duration::days(1))) {
        Some(Some(next)) => Bound::Excluded(Term::from_field_date(f.date, day_start(next))),
        _ => Bound::Included(Term::from_field_date(f.date, DateTime::MAX)),
    };
    Some(filter(Box::new(RangeQuery::new(lower, upper))))
}

/// Filter on a STRING field: every value (`all`) or any value must be present.
pub(crate) fn values_filter(field: Field, values: &[String], all: bool) -> Option<Box<dyn Query>> {
    if values.is_empty() {
        return None;
    }
    let clauses: Vec<(Occur, Box<dyn Query>)> = values
        .iter()
        .map(|v| {
            (
                if all { Occur::Must } else { Occur::Should },
                term_query(field, v.trim(), IndexRecordOption::Basic),
            )
        })
        .collect();
    Some(filter(Box::new(BooleanQuery::new(clauses))))
}
