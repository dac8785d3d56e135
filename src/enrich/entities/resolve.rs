//! From raw matches to mentions: ambiguity, surname-only references, discovered actors.

use std::collections::BTreeSet;

use super::discover::{discover, follows_other_first_name, Discovered};
use super::gazetteer::Gazetteer;
use super::matcher::{is_word_end, is_word_start, Hit, Matcher, Target};
use crate::enrich::{Mention, MentionKind};

/// A mention plus whether its actor was discovered (not in the gazetteer).
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub mention: Mention,
    pub discovered: bool,
}

/// Capitalised words that may stand before "Washington" when it means the city.
const BEFORE_CITY: &[&str] = &[
    "In", "Nach", "Aus", "Von", "Vor", "Über", "Für", "Mit", "Und", "Auch", "Doch", "Aber", "Laut",
    "Zu", "Bei", "Gegen", "Seit", "Dass", "Wie", "Denn", "Während", "Auf",
];

/// "Washington" after a capitalised word that is not a preposition/conjunction is a person's
/// name ("Booker T. Washington", "Präsident Washington").
fn is_person_washington(text: &str, hit: &Hit) -> bool {
    let surface = text.get(hit.start..hit.end).unwrap_or("");
    if !surface.starts_with("Washington") {
        return false;
    }
    let before = text.get(..hit.start).unwrap_or("");
    let Some(prev) = before.strip_suffix(' ') else {
        return false;
    };
    let prev_word: String = prev
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let sentence_start = prev[..prev.len() - prev_word.len()]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '"' | '„' | '“'));
    prev_word.chars().next().is_some_and(char::is_uppercase)
        && !BEFORE_CITY.contains(&prev_word.as_str())
        && !sentence_start
}

/// Nouns that, hyphenated to a surname, name a government or an era ("Franco-Herrschaft",
/// "Merkel-Regierung", "Putin-Regime").
const ERA_NOUNS: &[&str] = &[
    "Regierung",
    "Regierungen",
    "Administration",
    "Regime",
    "Regimes",
    "Herrschaft",
    "Diktatur",
    "Ära",
    "Jahre",
    "Kabinett",
    "Kabinetts",
];

/// `true` if the surname ending at `end` is the first part of an era compound.
fn names_an_era(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|r| r.strip_prefix('-'))
        .is_some_and(|r| {
            ERA_NOUNS.iter().any(|n| {
                r.strip_prefix(n)
                    .is_some_and(|t| t.chars().next().is_none_or(|c| !c.is_alphanumeric()))
            })
        })
}

/// A capital in a treaty name is no mention of the country ("Vertrag von Lissabon").
fn in_treaty_name(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    [
        "Vertrag von ",
        "Vertrags von ",
        "Vertrages von ",
        "Abkommen von ",
        "Abkommens von ",
        "Protokoll von ",
        "Protokolls von ",
        "Konvention von ",
    ]
    .iter()
    .any(|p| before.ends_with(p))
}

pub(crate) fn resolve(text: &str, gazetteer: &Gazetteer, matcher: &Matcher) -> Vec<Resolved> {
    let hits = matcher.find(text);
    let actors = gazetteer.actor_list();
    let countries = gazetteer.country_list();
    let organisations = gazetteer.organisation_list();

    let mut out: Vec<Resolved> = Vec::new();
    let mut deferred_actor: Vec<(Hit, Vec<usize>)> = Vec::new();
    let mut deferred_country: Vec<(Hit, Vec<usize>)> = Vec::new();
    let mut fallback_country: Vec<(Hit, Vec<usize>)> = Vec::new();
    let mut occupied: Vec<(usize, usize)> = Vec::new();
    let push = |out: &mut Vec<Resolved>, hit: &Hit, kind: MentionKind, key: &str| {
        out.push(Resolved {
            mention: Mention {
                start: hit.start,
                end: hit.end,
                kind,
                key: key.to_string(),
            },
            discovered: false,
        });
    };

    let all_spans: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
    for hit in &hits {
        let targets = matcher.targets(hit);
        let surface = text.get(hit.start..hit.end).unwrap_or("");
        // A genitive ("Unterstützer Putins") is no name-internal surname.
        let genitive = matcher.is_genitive(hit);
        let single_actor_word = !surface.contains(' ')
            && !genitive
            && targets
                .iter()
                .all(|t| matches!(t, Target::Actor(_) | Target::Surname(_)));
        if single_actor_word && follows_other_first_name(text, hit.start, &all_spans) {
            // "Jose Luis Guterres" is not António Guterres: leave it to discovery.
            continue;
        }
        occupied.push((hit.start, hit.end));
        if targets.contains(&Target::Ignore) {
            continue;
        }
        let full: Vec<usize> = pick(targets, |t| match t {
            Target::Actor(i) => Some(i),
            _ => None,
        });
        let surname: Vec<usize> = pick(targets, |t| match t {
            Target::Surname(i) => Some(i),
            _ => None,
        });
        let country: Vec<usize> = pick(targets, |t| match t {
            Target::Country(i) => Some(i),
            _ => None,
        });
        let organisation = targets.iter().find_map(|t| match t {
            Target::Organisation(i) => Some(*i),
            _ => None,
        });
        if let [a] = full.as_slice() {
            if let Some(actor) = actors.get(*a) {
                push(&mut out, hit, MentionKind::Actor, &actor.name);
            }
            continue;
        }
        if full.len() > 1 {
            deferred_actor.push((*hit, full));
            continue;
        }
        if !surname.is_empty() {
            // A surname that is also a country/organisation name: the actor only if fully
            // mentioned (decided later), otherwise the place.
            deferred_actor.push((*hit, surname));
            if !country.is_empty() {
                fallback_country.push((*hit, country));
            }
            continue;
        }
        if let Some(o) = organisation {
            if let Some(org) = organisations.get(o) {
                push(&mut out, hit, MentionKind::Organisation, &org.name);
            }
            continue;
        }
        match country.as_slice() {
            [] => {}
            [c] => {
                if !is_person_washington(text, hit) && !in_treaty_name(text, hit.start) {
                    if let Some(country) = countries.get(*c) {
                        push(&mut out, hit, MentionKind::Country, &country.code);
                    }
                }
            }
            _ => deferred_country.push((*hit, country)),
        }
    }

    // Surnames: the actor must be fully mentioned in the article, and be the only fully
    // mentioned actor with this surname.
    let fully_mentioned: BTreeSet<String> = out
        .iter()
        .filter(|r| r.mention.kind == MentionKind::Actor)
        .map(|r| r.mention.key.clone())
        .collect();
    let mut unresolved_surnames: Vec<Hit> = Vec::new();
    for (hit, candidates) in deferred_actor {
        let mentioned: Vec<&str> = candidates
            .iter()
            .filter_map(|&i| actors.get(i))
            .map(|a| a.name.as_str())
            .filter(|n| fully_mentioned.contains(*n))
            .collect();
        if let [name] = mentioned.as_slice() {
            push(&mut out, &hit, MentionKind::Actor, name);
        } else if let (true, [only]) = (names_an_era(text, hit.end), candidates.as_slice()) {
            // "Franco-Herrschaft", "Merkel-Regierung": the one actor with this surname.
            if let Some(actor) = actors.get(*only) {
                push(&mut out, &hit, MentionKind::Actor, &actor.name);
            }
        } else if let Some((_, cs)) = fallback_country.iter().find(|(h, _)| h.start == hit.start) {
            if let [c] = cs.as_slice() {
                if let Some(country) = countries.get(*c) {
                    push(&mut out, &hit, MentionKind::Country, &country.code);
                }
            }
        } else {
            unresolved_surnames.push(hit);
        }
    }

    // Ambiguous country forms (Kongo, Korea): the one candidate named unambiguously.
    let named: BTreeSet<String> = out
        .iter()
        .filter(|r| r.mention.kind == MentionKind::Country)
        .map(|r| r.mention.key.clone())
        .collect();
    for (hit, candidates) in deferred_country {
        let in_text: Vec<&str> = candidates
            .iter()
            .filter_map(|&i| countries.get(i))
            .map(|c| c.code.as_str())
            .filter(|code| named.contains(*code))
            .collect();
        if let [code] = in_text.as_slice() {
            push(&mut out, &hit, MentionKind::Country, code);
        }
    }

    // Discovered actors and their later surname-only references.
    occupied.retain(|&(s, e)| {
        !unresolved_surnames
            .iter()
            .any(|h| h.start == s && h.end == e)
    });
    let country_spans: Vec<(usize, usize)> = out
        .iter()
        .filter(|r| r.mention.kind == MentionKind::Country)
        .map(|r| (r.mention.start, r.mention.end))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let discovered = discover(text, &occupied, &country_spans);
    for d in &discovered {
        out.push(Resolved {
            mention: Mention {
                start: d.start,
                end: d.end,
                kind: MentionKind::Actor,
                key: d.name.clone(),
            },
            discovered: true,
        });
    }
    out.extend(discovered_surnames(text, &discovered, &out));

    out.sort_by(|a, b| {
        (
            a.mention.start,
            a.mention.end,
            a.mention.kind,
            &a.mention.key,
        )
            .cmp(&(
                b.mention.start,
                b.mention.end,
                b.mention.kind,
                &b.mention.key,
            ))
    });
    out.dedup_by(|a, b| a.mention == b.mention);
    out
}

fn pick(targets: &[Target], f: impl Fn(Target) -> Option<usize>) -> Vec<usize> {
    targets.iter().filter_map(|&t| f(t)).collect()
}

/// Later references to a discovered actor by surname ("Sun", "Medeiros"), unless two
/// discovered actors share it.
fn discovered_surnames(text: &str, discovered: &[Discovered], taken: &[Resolved]) -> Vec<Resolved> {
    let mut out = Vec::new();
    let mut names: Vec<&str> = discovered.iter().map(|d| d.name.as_str()).collect();
    names.sort();
    names.dedup();
    for name in &names {
        let Some(surname) = name.rsplit(' ').next() else {
            continue;
        };
        if surname.chars().count() < 3 || surname.ends_with('.') {
            continue;
        }
        let shared = names
            .iter()
            .filter(|n| n.rsplit(' ').next() == Some(surname))
            .count()
            > 1;
        if shared {
            continue;
        }
        for (start, m) in text.match_indices(surname) {
            let end = start + m.len();
            if !is_word_start(text, start) || !is_word_end(text, end) {
                continue;
            }
            let overlaps = taken
                .iter()
                .any(|r| r.mention.start < end && start < r.mention.end);
            if overlaps {
                continue;
            }
            out.push(Resolved {
                mention: Mention {
                    start,
                    end,
                    kind: MentionKind::Actor,
                    key: (*name).to_string(),
                },
                discovered: true,
            });
        }
    }
    out
}
