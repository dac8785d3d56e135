//! One Aho-Corasick pass over the text finds every surface form of every gazetteer entry.
//!
//! All forms of all countries, organisations and actors go into one automaton
//! (leftmost-longest, case-sensitive, probed anchored at each word start, so "Deutsche Bank"
//! wins over "Deutsche" and "Niger" does not fire inside "Nigeria"). A match counts only on
//! word boundaries; a hyphen is a boundary, so "US-Präsident" and "China-Russland-Beziehungen"
//! yield their country prefixes.

use std::collections::BTreeMap;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};

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
    /// `true` for every byte that starts some pattern.
    first_bytes: [bool; 256],
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
        let mut first_bytes = [false; 256];
        for p in &patterns {
            if let Some(&b) = p.as_bytes().first() {
                first_bytes[usize::from(b)] = true;
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            // Names start at word starts only: the search runs anchored at each of them,
            // which skips the bytes inside ordinary words (most of the text).
            .start_kind(StartKind::Anchored)
            // With anchored probes at word starts the compact contiguous NFA beats the full
            // DFA (~40 MB, cache misses on every probe): 35 vs 28–30 MB/s per CPU second in
            // benches/entities.rs; it also builds faster and uses far less memory.
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .map_err(|e| Error::InvalidArgument {
                field: "gazetteer",
                message: format!("cannot build the name automaton: {e}"),
            })?;
        Ok(Matcher {
            automaton,
            targets,
            genitive_only,
            first_bytes,
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

    /// All matches on word boundaries, in text order, non-overlapping: at every word start
    /// (outside an earlier match), the longest form that ends at a word end.
    pub(crate) fn find(&self, text: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        // `true` if the byte before `i` ends a word (or `i` is 0).
        let mut after_word = true;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII fast path; a multi-byte character is decoded (UTF-8 boundaries are
            // guaranteed by `&str`).
            let (alnum, len) = if b < 0x80 {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
                    break;
                };
                (c.is_alphanumeric(), c.len_utf8())
            };
            if alnum && after_word && self.first_bytes[usize::from(b)] {
                if let Some(hit) = self.find_at(text, i) {
                    out.push(hit);
                    i = hit.end;
                    after_word = true;
                    continue;
                }
            }
            after_word = !alnum;
            i += len;
        }
        out
    }

    /// The longest form starting at byte `start` that ends at a word end.
    fn find_at(&self, text: &str, start: usize) -> Option<Hit> {
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        let m = self.automaton.find(input)?;
        if !is_word_end(text, m.end()) {
            return None;
        }
        Some(Hit {
            start: m.start(),
            end: m.end(),
            pattern: m.pattern().as_usize(),
        })
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
