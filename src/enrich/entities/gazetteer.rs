//! The gazetteer: countries, organisations and actors, loaded from tab-separated files.
//!
//! The built-in data lives in `data/gazetteer/` and is compiled into the crate with
//! `include_str!`; users can replace or extend the actor list at run time from their own file
//! in the same format (see [`Gazetteer::from_actor_file`]).

use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const COUNTRIES_TSV: &str = include_str!("../../../data/gazetteer/countries.tsv");
const ORGANISATIONS_TSV: &str = include_str!("../../../data/gazetteer/organisations.tsv");
const ACTORS_TSV: &str = include_str!("../../../data/gazetteer/actors.tsv");

/// Grammatical/social gender of an actor, used for pronoun resolution ("er"/"sie").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    /// Male ("er").
    Male,
    /// Female ("sie").
    Female,
}

/// A person in the gazetteer.
///
/// ```
/// use pressespiegel::enrich::entities::{Gazetteer, Gender};
/// let g = Gazetteer::builtin();
/// let putin = g.actor("Wladimir Putin").unwrap();
/// assert_eq!(putin.country.as_deref(), Some("RU"));
/// assert_eq!(putin.gender, Some(Gender::Male));
/// assert!(putin.aliases.iter().any(|a| a == "Vladimir Putin"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// Canonical German name ("Wladimir Putin"); the facet value and the mention key.
    pub name: String,
    /// ISO 3166-1 alpha-2 code of the actor's country, if any.
    pub country: Option<String>,
    /// Offices and roles, with years ("Präsident Russlands (2000–2008, seit 2012)").
    pub roles: Vec<String>,
    /// Gender, for pronoun resolution.
    pub gender: Option<Gender>,
    /// Other names that always identify the actor: spellings, transliterations, distinctive
    /// surnames ("Vladimir Putin", "Putin"). Genitives are generated.
    pub aliases: Vec<String>,
    /// Short forms that identify the actor only after a full mention in the same article and
    /// only when no other mentioned actor shares them. Empty: the last word of the name.
    #[serde(default)]
    pub surnames: Vec<String>,
}

/// A country (UN member state, or Taiwan, Kosovo, Palästina, Vatikanstadt).
///
/// ```
/// use pressespiegel::enrich::entities::Gazetteer;
/// let g = Gazetteer::builtin();
/// let cn = g.country("CN").unwrap();
/// assert_eq!(cn.name, "China");
/// assert!(cn.capitals.iter().any(|c| c == "Peking"));
/// assert_eq!(g.countries().count(), 197);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code (`XK` for Kosovo).
    pub code: String,
    /// German short name as used in the news ("Russland", "USA").
    pub name: String,
    /// Name forms: short, official and long forms, abbreviations, dative plurals.
    pub forms: Vec<String>,
    /// Adjective stems ("chinesisch"); all endings are generated.
    pub adjectives: Vec<String>,
    /// Demonyms, all forms ("Chinese", "Chinesin", "Chinesen").
    pub demonyms: Vec<String>,
    /// Capitals and government metonyms ("Peking", "Kreml", "Weißes Haus").
    pub capitals: Vec<String>,
}

/// An organisation in the organisation facet (EU, NATO, UN, …).
///
/// ```
/// use pressespiegel::enrich::entities::Gazetteer;
/// let g = Gazetteer::builtin();
/// assert!(g.organisations().any(|o| o.name == "NATO"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Canonical name (facet value).
    pub name: String,
    /// Surface forms ("EU", "Europäischen Union", "Brüssel").
    pub forms: Vec<String>,
    /// `true` for names that only block a shorter match ("Deutsche Presse-Agentur" is no
    /// mention of Germany) and are not reported themselves.
    pub ignore: bool,
}

/// Countries, organisations and actors known to the [`EntityExtractor`](super::EntityExtractor).
///
/// ```
/// use pressespiegel::enrich::entities::Gazetteer;
/// let g = Gazetteer::builtin();
/// assert!(g.actors().count() >= 300);
/// assert_eq!(g.actor("Angela Merkel").unwrap().country.as_deref(), Some("DE"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gazetteer {
    countries: Vec<Country>,
    organisations: Vec<Organisation>,
    actors: Vec<Actor>,
}

impl Gazetteer {
    /// The built-in gazetteer (197 countries, organisations, 770+ actors).
    pub fn builtin() -> Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Gazetteer {
                countries: parse_countries(COUNTRIES_TSV, "countries.tsv"),
                organisations: parse_organisations(ORGANISATIONS_TSV, "organisations.tsv"),
                actors: parse_actors(ACTORS_TSV, "actors.tsv").unwrap_or_default(),
            })
            .clone()
    }

    /// The built-in countries and organisations with the actors of `path` instead of the
    /// built-in actors. The file has the format of `data/gazetteer/actors.tsv`: one actor a
    /// line, tab-separated `name, country, gender (m/f), roles, aliases, surnames`, lists
    /// separated by `|`; trailing columns may be left out; `#` starts a comment line.
    ///
    /// # Errors
    /// [`Error::Io`] if the file cannot be read, [`Error::Record`] (with `file:line`) for a
    /// malformed line.
    pub fn from_actor_file(path: impl AsRef<Path>) -> Result<Gazetteer> {
        let mut g = Gazetteer::builtin();
        g.actors = read_actor_file(path.as_ref())?;
        Ok(g)
    }

    /// Adds the actors of `path` (format as in [`Gazetteer::from_actor_file`]); an actor with
    /// the name of an existing one replaces it.
    ///
    /// # Errors
    /// As [`Gazetteer::from_actor_file`]; on error the gazetteer is unchanged.
    pub fn extend_actors_from_file(&mut self, path: impl AsRef<Path>) -> Result<()> {
        for actor in read_actor_file(path.as_ref())? {
            self.add_actor(actor);
        }
        Ok(())
    }

    /// Adds an actor; an actor with the same name is replaced.
    pub fn add_actor(&mut self, actor: Actor) {
        match self.actors.iter_mut().find(|a| a.name == actor.name) {
            Some(existing) => *existing = actor,
            None => self.actors.push(actor),
        }
    }

    /// The actor with this canonical name.
    pub fn actor(&self, name: &str) -> Option<&Actor> {
        self.actors.iter().find(|a| a.name == name)
    }

    /// The country with this ISO 3166-1 alpha-2 code (case-insensitive).
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(code))
    }

    /// All actors.
    pub fn actors(&self) -> impl Iterator<Item = &Actor> {
        self.actors.iter()
    }

    /// All countries, sorted by code.
    pub fn countries(&self) -> impl Iterator<Item = &Country> {
        self.countries.iter()
    }

    /// All organisations (including blocking entries, see [`Organisation::ignore`]).
    pub fn organisations(&self) -> impl Iterator<Item = &Organisation> {
        self.organisations.iter()
    }

    pub(crate) fn actor_list(&self) -> &[Actor] {
        &self.actors
    }

    pub(crate) fn country_list(&self) -> &[Country] {
        &self.countries
    }

    pub(crate) fn organisation_list(&self) -> &[Organisation] {
        &self.organisations
    }
}

fn read_actor_file(path: &Path) -> Result<Vec<Actor>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_actors(&text, &path.display().to_string())
}

fn list(field: Option<&str>) -> Vec<String> {
    field
        .unwrap_or("")
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

/// Parses actor lines (see [`Gazetteer::from_actor_file`]).
pub(crate) fn parse_actors(text: &str, origin: &str) -> Result<Vec<Actor>> {
    let mut out: Vec<Actor> = Vec::new();
    for (line_no, line) in data_lines(text) {
        let mut cols = line.split('\t');
        let record = |message: String| Error::Record {
            origin: format!("{origin}:{line_no}"),
            message,
        };
        let name = cols.next().unwrap_or("").trim().to_string();
        if name.is_empty() {
            return Err(record("empty actor name in the first column".into()));
        }
        let country = cols
            .next()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| {
                if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) {
                    Ok(c.to_ascii_uppercase())
                } else {
                    Err(record(format!(
                        "country must be an ISO 3166-1 alpha-2 code, got {c:?}"
                    )))
                }
            })
            .transpose()?;
        let gender = match cols.next().map(str::trim).unwrap_or("") {
            "" => None,
            "m" | "M" | "male" => Some(Gender::Male),
            "f" | "F" | "w" | "female" => Some(Gender::Female),
            other => {
                return Err(record(format!(
                    "gender must be m, f or empty, got {other:?}"
                )))
            }
        };
        let roles = list(cols.next());
        let aliases = list(cols.next());
        let surnames = list(cols.next());
        let actor = Actor {
            name,
            country,
            roles,
            gender,
            aliases,
            surnames,
        };
        match out.iter_mut().find(|a| a.name == actor.name) {
            Some(existing) => *existing = actor,
            None => out.push(actor),
        }
    }
    Ok(out)
}

fn parse_countries(text: &str, _origin: &str) -> Vec<Country> {
    let mut out: Vec<Country> = data_lines(text)
        .filter_map(|(_, line)| {
            let cols: Vec<&str> = line.split('\t').collect();
            let code = cols.first()?.trim();
            let name = cols.get(1)?.trim();
            if code.is_empty() || name.is_empty() {
                return None;
            }
            Some(Country {
                code: code.to_string(),
                name: name.to_string(),
                forms: list(cols.get(2).copied()),
                adjectives: list(cols.get(3).copied()),
                demonyms: list(cols.get(4).copied()),
                capitals: list(cols.get(5).copied()),
            })
        })
        .collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

fn parse_organisations(text: &str, _origin: &str) -> Vec<Organisation> {
    data_lines(text)
        .filter_map(|(_, line)| {
            let cols: Vec<&str> = line.split('\t').collect();
            let name = cols.first()?.trim();
            if name.is_empty() {
                return None;
            }
            Some(Organisation {
                name: name.to_string(),
                ignore: cols.get(1).map(|k| k.trim()) == Some("ignore"),
                forms: list(cols.get(2).copied()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_parses_completely() {
        let g = Gazetteer::builtin();
        assert_eq!(g.countries().count(), 197);
        assert!(parse_actors(ACTORS_TSV, "actors.tsv").is_ok());
        assert!(g.actors().count() >= 300);
        for code in ["TW", "XK", "PS", "VA", "US", "DE"] {
            assert!(g.country(code).is_some(), "{code}");
        }
        assert!(g.organisations().any(|o| o.name == "Vereinte Nationen"));
    }

    #[test]
    fn malformed_actor_lines_are_reported_with_line_numbers() {
        let err = parse_actors("# c\nA B\tXYZ\n", "x.tsv").unwrap_err();
        assert!(err.to_string().contains("x.tsv:2"), "{err}");
        let err = parse_actors("A B\tDE\tq\n", "x.tsv").unwrap_err();
        assert!(err.to_string().contains("gender"), "{err}");
        let ok = parse_actors("Erika Muster\tde\tf\tBürgermeisterin\tE. Muster\n", "x").unwrap();
        assert_eq!(ok[0].country.as_deref(), Some("DE"));
        assert_eq!(ok[0].gender, Some(Gender::Female));
        assert_eq!(ok[0].aliases, vec!["E. Muster"]);
    }
}
