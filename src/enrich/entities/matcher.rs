//! One Aho-Corasick pass over the text finds every surface form of every gazetteer entry.
//!
//! All forms of all countries, organisations and actors go into one automaton
//! (leftmost-longest, case-sensitive, so "Deutsche Bank" wins over "Deutsche" and "Niger" does
//! not fire inside "Nigeria"). A match counts only on word boundaries; a hyphen is a boundary,
//! so "US-Präsident" and "China-Russland-Beziehungen" yield their country prefixes.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use super::forms::{adjective_forms, default_surname, with_genitives};
use super::gazetteer::Gazetteer;
use crate::error::{Error, Result};

/// What a surface form can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Target {
    /// A country (index into the gazetteer's country list).
    Country(usize),
    /// An organisation (index into the organisation list).
    Organisation(usize),
    /// A blocking name: no mention.
    Ignore,
    /// An actor's full name or alias (index into the actor list).
    Actor(usize),
    /// An actor's surname: valid only after a full mention.
    Surname(usize),
}

/// A raw match: byte span and the targets of the matched form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// The automaton and, per pattern, its targets (sorted, deduplicated).
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    automaton: AhoCorasick,
    targets: Vec<Vec<Target>>,
    /// Per pattern: `true` if it is only a generated genitive ("Putins"), no base form.
    genitive_only: Vec<bool>,
}

impl Matcher {
    pub(crate) fn new(gazetteer: &Gazetteer) -> Result<Matcher> {
        let mut table: BTreeMap<String, (Vec<Target>, bool)> = BTreeMap::new();
        let mut bases: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        let mut add = |form: &str, target: Target| {
            let form = form.trim();
            if form.is_empty() {
                return;
            }
            let entry = table.entry(form.to_string()).or_default();
            if !entry.0.contains(&target) {
                entry.0.push(target);
            }
        };
        for (i, c) in gazetteer.country_list().iter().enumerate() {
            let t = Target::Country(i);
            for f in c.forms.iter().chain(&c.capitals) {
                for g in with_genitives(f) {
                    add(&g, t);
                }
            }
            for d in &c.demonyms {
                add(d, t);
                // Genitive singular of -er demonyms: "des Argentiniers", "eines Niederländers".
                if d.ends_with("er") {
                    add(&format!("{d}s"), t);
                }
            }
            for stem in &c.adjectives {
                for a in adjective_forms(stem) {
                    add(&a, t);
                }
            }
        }
        for (i, o) in gazetteer.organisation_list().iter().enumerate() {
            let t = if o.ignore {
                Target::Ignore
            } else {
                Target::Organisation(i)
            };
            for f in &o.forms {
                add(f, t);
            }
        }
        for (i, a) in gazetteer.actor_list().iter().enumerate() {
            for f in std::iter::once(&a.name).chain(&a.aliases) {
                for v in name_variants(f) {
                    bases.insert(v.clone());
                    for g in with_genitives(&v) {
                        add(&g, Target::Actor(i));
                    }
                }
            }
            let surnames: Vec<String> = if a.surnames.is_empty() {
                default_surname(&a.name).into_iter().collect()
            } else {
                a.surnames.clone()
            };
            for s in surnames {
                bases.insert(s.clone());
                for g in with_genitives(&s) {
                    add(&g, Target::Surname(i));
                }
            }
        }
        // A form that is an actor's full name or alias is never also that actor's surname.
        let mut patterns = Vec::with_capacity(table.len());
        let mut targets = Vec::with_capacity(table.len());
        let mut genitive_only = Vec::with_capacity(table.len());
        for (form, (mut ts, _)) in table {
            genitive_only.push(!bases.contains(&form));
            let full: Vec<usize> = ts
                .iter()
                .filter_map(|t| match t {
                    Target::Actor(i) => Some(*i),
                    _ => None,
                })
                .collect();
            ts.retain(|t| !matches!(t, Target::Surname(i) if full.contains(i)));
            ts.sort();
            patterns.push(form);
            targets.push(ts);
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // A full DFA (~40 MB for the built-in data) is ~1.5x faster than the default
            // contiguous NFA on news text.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&patterns)
            .map_err(|e| Error::InvalidArgument {
                field: "gazetteer",
                message: format!("cannot build the name automaton: {e}"),
            })?;
        Ok(Matcher {
            automaton,
            targets,
            genitive_only,
        })
    }

    pub(crate) fn targets(&self, hit: &Hit) -> &[Target] {
        self.targets.get(hit.pattern).map_or(&[], Vec::as_slice)
    }

    /// `true` if the hit is a generated genitive of an actor name ("Putins"), not a base form.
    pub(crate) fn is_genitive(&self, hit: &Hit) -> bool {
        self.genitive_only
            .get(hit.pattern)
            .copied()
            .unwrap_or(false)
    }

    /// All matches on word boundaries, in text order, non-overlapping.
    pub(crate) fn find(&self, text: &str) -> Vec<Hit> {
        self.automaton
            .find_iter(text)
            .filter(|m| is_word_start(text, m.start()) && is_word_end(text, m.end()))
            .map(|m| Hit {
                start: m.start(),
                end: m.end(),
                pattern: m.pattern().as_usize(),
            })
            .collect()
    }
}

/// A name and its spelling variant with hyphenated given names ("Jan Peter Balkenende" →
/// "Jan-Peter Balkenende").
fn name_variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let words: Vec<&str> = name.split(' ').collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    if words.len() >= 3 && words[..2].iter().all(capitalised) && !words[1].ends_with('.') {
        out.push(format!(
            "{}-{} {}",
            words[0],
            words[1],
            words[2..].join(" ")
        ));
    }
    out
}

/// `true` if a word may start at byte `i` (no letter or digit directly before it).
pub(crate) fn is_word_start(text: &str, i: usize) -> bool {
    text.get(..i)
        .and_then(|s| s.chars().next_back())
        .is_none_or(|c| !c.is_alphanumeric())
}

/// `true` if a word may end at byte `i` (no letter or digit directly after it).
pub(crate) fn is_word_end(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_none_or(|c| !c.is_alphanumeric())
}
