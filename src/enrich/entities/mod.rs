//! Actor, country and organisation recognition from inflected German news text.
//!
//! A [`Gazetteer`] (197 countries with names, inflections, adjectives, demonyms, capitals and
//! government metonyms; organisations; 770+ actors with aliases and transliterations) is
//! compiled into one Aho-Corasick automaton; [`EntityExtractor::extract`] runs it over the text
//! in a single pass, resolves ambiguous and surname-only references and adds people who are
//! introduced with a role ("Yun Sun, Direktorin des …") as `discovered` actors.
//!
//! ```
//! use pressespiegel::enrich::entities::{EntityExtractor, Gazetteer};
//!
//! let extractor = EntityExtractor::new(Gazetteer::builtin())?;
//! let e = extractor.extract("Putins Sprecher reagierte auf die Kritik Pekings. Chinas \
//!     Staatschef Xi Jinping telefonierte mit US-Präsident Donald Trump. Xi sagte …");
//! assert_eq!(e.actors[0].name, "Xi Jinping"); // 2 mentions: "Xi Jinping", "Xi"
//! assert_eq!(e.actors[0].count, 2);
//! assert!(e.actors.iter().any(|a| a.name == "Wladimir Putin"));
//! assert_eq!(e.countries[0].code, "CN");
//! assert!(e.countries.iter().any(|c| c.code == "US"));
//! # Ok::<(), pressespiegel::Error>(())
//! ```

mod discover;
mod forms;
mod gazetteer;
mod matcher;
mod resolve;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use gazetteer::{Actor, Country, Gazetteer, Gender, Organisation};

use crate::enrich::{Mention, MentionKind};
use crate::error::Result;
use matcher::Matcher;

/// Finds actors, countries and organisations in German text.
///
/// Building compiles every surface form of the gazetteer into one automaton (a few
/// milliseconds); build once and reuse. `extract` never panics and is deterministic.
///
/// ```
/// use pressespiegel::enrich::entities::{EntityExtractor, Gazetteer};
/// let x = EntityExtractor::new(Gazetteer::builtin())?;
/// let e = x.extract("Die Deutsche Bank verlässt Russland.");
/// assert_eq!(e.countries.len(), 1);
/// assert_eq!(e.countries[0].code, "RU");
/// assert_eq!(e.organisations[0].name, "Deutsche Bank");
/// # Ok::<(), pressespiegel::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct EntityExtractor {
    gazetteer: Gazetteer,
    matcher: Matcher,
}

impl EntityExtractor {
    /// An extractor for this gazetteer.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) if the automaton cannot be
    /// built (an extremely large user gazetteer).
    pub fn new(gazetteer: Gazetteer) -> Result<EntityExtractor> {
        let matcher = Matcher::new(&gazetteer)?;
        Ok(EntityExtractor { gazetteer, matcher })
    }

    /// The gazetteer this extractor uses.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Actors, countries and organisations of `text`, with counts and one [`Mention`] per
    /// recognised occurrence (byte offsets into `text`, sorted by start).
    pub fn extract(&self, text: &str) -> Entities {
        let resolved = resolve::resolve(text, &self.gazetteer, &self.matcher);
        let mut actors: BTreeMap<&str, (usize, bool)> = BTreeMap::new();
        let mut countries: BTreeMap<&str, usize> = BTreeMap::new();
        let mut organisations: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &resolved {
            let key = r.mention.key.as_str();
            match r.mention.kind {
                MentionKind::Actor => {
                    let e = actors.entry(key).or_insert((0, r.discovered));
                    e.0 += 1;
                }
                MentionKind::Country => *countries.entry(key).or_default() += 1,
                MentionKind::Organisation => *organisations.entry(key).or_default() += 1,
            }
        }
        let mut actors: Vec<ActorCount> = actors
            .into_iter()
            .map(|(name, (count, discovered))| ActorCount {
                name: name.to_string(),
                count,
                discovered,
            })
            .collect();
        actors.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        let mut countries: Vec<CountryCount> = countries
            .into_iter()
            .map(|(code, count)| CountryCount {
                code: code.to_string(),
                name: self
                    .gazetteer
                    .country(code)
                    .map_or_else(|| code.to_string(), |c| c.name.clone()),
                count,
            })
            .collect();
        countries.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
        let mut organisations: Vec<OrganisationCount> = organisations
            .into_iter()
            .map(|(name, count)| OrganisationCount {
                name: name.to_string(),
                count,
            })
            .collect();
        organisations.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        Entities {
            actors,
            countries,
            organisations,
            mentions: resolved.into_iter().map(|r| r.mention).collect(),
        }
    }
}

/// The entities of one text.
///
/// ```
/// use pressespiegel::enrich::entities::{EntityExtractor, Gazetteer, Entities};
/// let x = EntityExtractor::new(Gazetteer::builtin())?;
/// let e: Entities = x.extract("Merkel traf Sarkozy in Paris.");
/// let json = serde_json::to_string(&e).unwrap();
/// let back: Entities = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, e);
/// assert_eq!(e.mentions.len(), 3);
/// # Ok::<(), pressespiegel::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entities {
    /// Actors by mention count (descending), then name.
    pub actors: Vec<ActorCount>,
    /// Countries by mention count (descending), then code.
    pub countries: Vec<CountryCount>,
    /// Organisations by mention count (descending), then name.
    pub organisations: Vec<OrganisationCount>,
    /// Every recognised occurrence, sorted by start (byte offsets).
    pub mentions: Vec<Mention>,
}

impl Entities {
    /// Add the counts of `other` (e.g. the title's entities) to these; mentions are not merged
    /// because their offsets refer to another text. Orders stay count-descending, then by key.
    pub fn merge_counts(&mut self, other: Entities) {
        for a in other.actors {
            match self.actors.iter_mut().find(|x| x.name == a.name) {
                Some(x) => {
                    x.count += a.count;
                    x.discovered &= a.discovered;
                }
                None => self.actors.push(a),
            }
        }
        for c in other.countries {
            match self.countries.iter_mut().find(|x| x.code == c.code) {
                Some(x) => x.count += c.count,
                None => self.countries.push(c),
            }
        }
        for o in other.organisations {
            match self.organisations.iter_mut().find(|x| x.name == o.name) {
                Some(x) => x.count += o.count,
                None => self.organisations.push(o),
            }
        }
        self.actors
            .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        self.countries
            .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
        self.organisations
            .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    }
}

/// An actor and how often the text mentions them.
///
/// ```
/// use pressespiegel::enrich::entities::ActorCount;
/// let a = ActorCount { name: "Angela Merkel".into(), count: 2, discovered: false };
/// assert_eq!(serde_json::to_string(&a).unwrap(),
///            r#"{"name":"Angela Merkel","count":2,"discovered":false}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorCount {
    /// Canonical name (gazetteer) or the name as introduced in the text (discovered).
    pub name: String,
    /// Number of mentions.
    pub count: usize,
    /// `true` if the actor is not in the gazetteer but was introduced with a role.
    pub discovered: bool,
}

/// A country and how often the text mentions it.
///
/// ```
/// use pressespiegel::enrich::entities::CountryCount;
/// let c = CountryCount { code: "CN".into(), name: "China".into(), count: 3 };
/// assert_eq!(c.code, "CN");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountryCount {
    /// ISO 3166-1 alpha-2 code.
    pub code: String,
    /// German short name.
    pub name: String,
    /// Number of mentions (names, adjectives, demonyms, capitals, metonyms).
    pub count: usize,
}

/// An organisation and how often the text mentions it.
///
/// ```
/// use pressespiegel::enrich::entities::OrganisationCount;
/// let o = OrganisationCount { name: "NATO".into(), count: 1 };
/// assert_eq!(o.count, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationCount {
    /// Canonical name.
    pub name: String,
    /// Number of mentions.
    pub count: usize,
}

/// The character starting at byte `i` of `text`: whether it is a letter or digit, its length
/// in bytes and the character (`None` at the end). ASCII bytes are classified without
/// decoding.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<(bool, usize, char)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b.is_ascii_alphanumeric(), 1, char::from(b)));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c.is_alphanumeric(), c.len_utf8(), c))
}
