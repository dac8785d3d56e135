//! The actors an index knows by name: where query-side alias expansion looks names up.
//!
//! A query word that names an actor (`Putin`, `Vladimir Putin`, `Selenskyj`) also matches the
//! articles whose actor facet holds that actor, at a lower weight (see `search::compile`). The
//! names and aliases come from the built-in gazetteer plus every own actor file a writer of
//! this index enriched with ([`NewsWriter::set_enricher`](crate::index::NewsWriter::set_enricher),
//! `pressespiegel index --actors FILE`). Own actors are stored in [`ACTORS_FILE`] beside
//! tantivy's files, written before each commit, and read when the index is opened, so a search
//! in a later process expands them too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use crate::analysis;
use crate::enrich::entities::{Actor, Gazetteer};
use crate::error::{Error, Result};
use crate::index::meta::write_json_atomically;

/// File name of the own-actor list inside an index directory.
pub const ACTORS_FILE: &str = "actors.json";

/// Stable on-disk shape of [`ACTORS_FILE`].
#[derive(Debug, Default, Serialize, Deserialize)]
struct ActorsFile {
    /// Always `"pressespiegel-actors/1"`.
    format: String,
    /// Actors that are not built in (or differ from the built-in entry), sorted by name.
    actors: Vec<Actor>,
}

const FORMAT: &str = "pressespiegel-actors/1";

/// Lowercase actor names and aliases → canonical names, for one index.
#[derive(Debug, Clone, Default)]
pub(crate) struct ActorAliases {
    by_key: BTreeMap<String, BTreeSet<String>>,
    /// Actors beyond the built-in gazetteer, by name (what [`ACTORS_FILE`] stores).
    own: BTreeMap<String, Actor>,
}

impl ActorAliases {
    /// The built-in gazetteer's names and aliases (built once per process).
    pub(crate) fn builtin() -> Arc<ActorAliases> {
        static BUILTIN: OnceLock<Arc<ActorAliases>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let mut aliases = ActorAliases::default();
                for actor in Gazetteer::builtin().actors() {
                    aliases.insert_keys(actor);
                }
                Arc::new(aliases)
            })
            .clone()
    }

    /// The built-in aliases plus the own actors stored in `dir` (if any).
    ///
    /// # Errors
    /// [`Error::IndexMismatch`] naming the file when it exists but cannot be read or parsed.
    pub(crate) fn load(dir: &Path) -> Result<Arc<ActorAliases>> {
        let path = dir.join(ACTORS_FILE);
        let raw = match std::fs::read_to_string(&path) {
            Ok(raw) => raw,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::builtin()),
            Err(e) => return Err(Error::io(&path, e)),
        };
        let bad = |message: String| Error::IndexMismatch {
            path: path.clone(),
            message: format!(
                "{message}; delete the file to search with the built-in actors only, or index \
                 again with the actor file (`pressespiegel index --actors FILE`)"
            ),
        };
        let file: ActorsFile =
            serde_json::from_str(&raw).map_err(|e| bad(format!("unreadable actor list: {e}")))?;
        if file.format != FORMAT {
            return Err(bad(format!(
                "unknown actor list format {:?} (expected {FORMAT:?})",
                file.format
            )));
        }
        let mut aliases = (*Self::builtin()).clone();
        for actor in file.actors {
            aliases.add_own(actor);
        }
        Ok(Arc::new(aliases))
    }

    /// Write the own actors to `dir` (temporary file + rename: never half-written).
    pub(crate) fn save(&self, dir: &Path) -> Result<()> {
        let file = ActorsFile {
            format: FORMAT.into(),
            actors: self.own.values().cloned().collect(),
        };
        write_json_atomically(dir, ACTORS_FILE, &file, "actor list")
    }

    /// These aliases plus the actors of `gazetteer` that are not built in; `None` when
    /// `gazetteer` adds nothing new.
    pub(crate) fn with_gazetteer(&self, gazetteer: &Gazetteer) -> Option<ActorAliases> {
        let builtin = Gazetteer::builtin();
        let new: Vec<&Actor> = gazetteer
            .actors()
            .filter(|a| builtin.actor(&a.name) != Some(*a) && self.own.get(&a.name) != Some(*a))
            .collect();
        if new.is_empty() {
            return None;
        }
        let mut merged = self.clone();
        for actor in new {
            merged.add_own(actor.clone());
        }
        Some(merged)
    }

    /// The canonical actors a query literal names exactly (`Putin`, `Vladimir Putin`).
    pub(crate) fn named(&self, text: &str) -> Vec<String> {
        self.by_key
            .get(&alias_key(text))
            .map(|names| names.iter().cloned().collect())
            .unwrap_or_default()
    }

    fn add_own(&mut self, actor: Actor) {
        self.insert_keys(&actor);
        self.own.insert(actor.name.clone(), actor);
    }

    fn insert_keys(&mut self, actor: &Actor) {
        for alias in std::iter::once(&actor.name).chain(&actor.aliases) {
            self.by_key
                .entry(alias_key(alias))
                .or_default()
                .insert(actor.name.clone());
        }
    }
}

/// The lookup form of an actor alias or query literal: normalised, lowercase, single spaces.
fn alias_key(text: &str) -> String {
    analysis::normalize(text)
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str, aliases: &[&str]) -> Actor {
        let mut a = Gazetteer::builtin()
            .actors()
            .next()
            .cloned()
            .expect("built-in gazetteer has actors");
        a.name = name.into();
        a.aliases = aliases.iter().map(|s| s.to_string()).collect();
        a
    }

    #[test]
    fn builtin_names_and_aliases_resolve() {
        let b = ActorAliases::builtin();
        assert_eq!(b.named("putin"), vec!["Wladimir Putin".to_string()]);
        assert_eq!(
            b.named("  Wladimir   PUTIN "),
            vec!["Wladimir Putin".to_string()]
        );
        assert!(b.named("Erika Beispiel").is_empty());
    }

    #[test]
    fn own_actors_round_trip_through_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut g = Gazetteer::builtin();
        g.add_actor(actor("Erika Beispiel", &["EBI"]));
        let merged = ActorAliases::builtin()
            .with_gazetteer(&g)
            .expect("one new actor");
        assert_eq!(merged.named("ebi"), vec!["Erika Beispiel".to_string()]);
        assert!(
            merged.with_gazetteer(&g).is_none(),
            "nothing new the second time"
        );
        merged.save(dir.path()).expect("save");
        let loaded = ActorAliases::load(dir.path()).expect("load");
        assert_eq!(loaded.named("EBI"), vec!["Erika Beispiel".to_string()]);
        assert_eq!(loaded.named("Putin"), vec!["Wladimir Putin".to_string()]);
    }

    #[test]
    fn a_damaged_file_is_named_in_the_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(ACTORS_FILE), "{not json").expect("write");
        let err = ActorAliases::load(dir.path()).expect_err("damaged file");
        assert!(err.to_string().contains(ACTORS_FILE), "{err}");
    }
}
