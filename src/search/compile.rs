//! Compiling a [`QueryAst`] into a tantivy query and a highlight specification.

use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RangeQuery, RegexQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Term};
use time::{Date, Duration, PrimitiveDateTime, Time};

use crate::analysis::{self, QueryToken};
use crate::error::Result;
use crate::index::Fields;
use crate::search::query::{FieldScope, QueryAst};
use crate::snippet::HighlightSpec;

/// Weight of a title match relative to a body match.
const TITLE_BOOST: f32 = 2.0;
/// Extra weight when the surface form matches exactly (unstemmed, whole word).
const EXACT_BOOST: f32 = 0.3;

fn term_query(field: Field, text: &str, record: IndexRecordOption) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), record))
}

fn boosted(q: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if (boost - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, boost))
    }
}

fn any_of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if clauses.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(BooleanQuery::new(
        clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// The (stemmed field, exact field, boost) pairs a literal is searched in.
fn targets(f: &Fields, scope: Option<FieldScope>, quotes: bool) -> Vec<(Field, Field, f32)> {
    if quotes {
        // Quotations have no title and no exact field; prefixes run on the stemmed terms.
        return vec![(f.quote_text, f.quote_text, 1.0)];
    }
    match scope {
        Some(FieldScope::Title) => vec![(f.title, f.title_exact, 1.0)],
        Some(FieldScope::Text) => vec![(f.text, f.text_exact, 1.0)],
        None => vec![
            (f.text, f.text_exact, 1.0),
            (f.title, f.title_exact, TITLE_BOOST),
        ],
    }
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

fn prefix_pattern(word: &str) -> String {
    let lower = analysis::normalize(word).to_lowercase();
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
    pub highlight: HighlightSpec,
    /// Search quotation documents (the `quote_text` field) instead of articles.
    pub quotes: bool,
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
                let mut clauses = Vec::new();
                for (_, exact, boost) in targets(self.fields, *field, self.quotes) {
                    let q = RegexQuery::from_pattern(&pattern, exact)?;
                    clauses.push(boosted(Box::new(q), boost));
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
                let mut clauses = Vec::new();
                for (stemmed, exact_field, boost) in targets(self.fields, *field, self.quotes) {
                    clauses.push(boosted(sequence_query(stemmed, &seq), boost));
                    if seq.len() == 1 && exact_field != stemmed {
                        clauses.push(boosted(
                            term_query(exact_field, &exact, IndexRecordOption::WithFreqs),
                            boost * EXACT_BOOST,
                        ));
                    }
                }
                if positive && *field != Some(FieldScope::Title) {
                    self.highlight.add_sequence(seq);
                }
                Some(any_of(clauses))
            }
            QueryAst::Phrase { field, text } => {
                let seq = words(&analysis::analyze_query(text));
                if seq.is_empty() {
                    return Ok(None);
                }
                let clauses = targets(self.fields, *field, self.quotes)
                    .into_iter()
                    .map(|(stemmed, _, boost)| boosted(sequence_query(stemmed, &seq), boost))
                    .collect();
                if positive && *field != Some(FieldScope::Title) {
                    self.highlight.add_sequence(seq);
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
