//! Own actor files are searchable: a query with an own actor's alias finds the articles about
//! that actor, in the same process, after reopening the index, and through the CLI.

use std::sync::Arc;

use pressespiegel::enrich::entities::Gazetteer;
use pressespiegel::enrich::Enricher;
use pressespiegel::index::{NewsIndex, ACTORS_FILE};
use pressespiegel::search::SearchRequest;
use pressespiegel::Article;

const ACTORS: &str = "# own list\n\
Erika Beispiel\tCH\tf\tBürgermeisterin von Bern\tEBI\n";

fn article() -> Article {
    Article {
        id: "bern-1".into(),
        title: "Neue Tramlinie".into(),
        text: "Erika Beispiel eröffnete am Montag die neue Tramlinie. \
               Beispiel sagte, die Stadt investiere weiter in den Verkehr."
            .into(),
        ..Default::default()
    }
}

fn own_enricher(dir: &std::path::Path) -> Arc<Enricher> {
    let file = dir.join("own.tsv");
    std::fs::write(&file, ACTORS).expect("write actor file");
    let mut gazetteer = Gazetteer::builtin();
    gazetteer
        .extend_actors_from_file(&file)
        .expect("valid actor file");
    Arc::new(Enricher::new(gazetteer).expect("enricher"))
}

fn hit_ids(index: &NewsIndex, query: &str) -> (Vec<String>, bool) {
    let results = index
        .search(&SearchRequest {
            query: query.into(),
            ..Default::default()
        })
        .expect("search");
    (
        results.hits.into_iter().map(|h| h.id).collect(),
        results.fuzzy,
    )
}

#[test]
fn an_own_alias_finds_the_actor_in_ram() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let index = NewsIndex::create_in_ram().expect("index");
    let mut writer = index.writer().expect("writer");

    // With the built-in actors only, the alias is an unknown word.
    writer.add(article()).expect("add");
    writer.commit().expect("commit");
    let (ids, fuzzy) = hit_ids(&index, "EBI");
    assert!(ids.is_empty() || fuzzy, "no exact match before: {ids:?}");

    writer.set_enricher(Some(own_enricher(tmp.path())));
    writer.add(article()).expect("re-add with the own actor");
    writer.commit().expect("commit");
    assert_eq!(hit_ids(&index, "EBI"), (vec!["bern-1".to_string()], false));
    // Built-in aliases keep working next to the own ones.
    assert!(hit_ids(&index, "Putin").0.is_empty());
}

#[test]
fn own_actors_survive_reopening_the_index() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("idx");
    {
        let index = NewsIndex::create(&dir).expect("create");
        let mut writer = index.writer().expect("writer");
        writer.set_enricher(Some(own_enricher(tmp.path())));
        writer.add(article()).expect("add");
        writer.commit().expect("commit");
    }
    assert!(dir.join(ACTORS_FILE).is_file(), "actor list stored");
    let reopened = NewsIndex::open(&dir).expect("open");
    assert_eq!(
        hit_ids(&reopened, "EBI"),
        (vec!["bern-1".to_string()], false)
    );

    // A damaged list is an error that names the file, not a silent fallback.
    std::fs::write(dir.join(ACTORS_FILE), "[").expect("damage");
    let err = NewsIndex::open(&dir).err().expect("damaged actor list");
    assert!(err.to_string().contains(ACTORS_FILE), "{err}");
}

#[cfg(feature = "cli")]
#[test]
fn cli_index_with_own_actors_then_search() {
    use std::process::Command;
    let tmp = tempfile::tempdir().expect("temp dir");
    let input = tmp.path().join("a.txt");
    std::fs::write(
        &input,
        "Neue Tramlinie\n\nErika Beispiel eröffnete am Montag die neue Tramlinie. \
         Beispiel sagte, die Stadt investiere weiter.\n",
    )
    .expect("write article");
    let actors = tmp.path().join("own.tsv");
    std::fs::write(&actors, ACTORS).expect("write actor file");
    let dir = tmp.path().join("idx");
    let bin = env!("CARGO_BIN_EXE_pressespiegel");
    let out = Command::new(bin)
        .arg("index")
        .arg(&dir)
        .arg(&input)
        .arg("--actors")
        .arg(&actors)
        .arg("--json")
        .output()
        .expect("run index");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(bin)
        .arg("search")
        .arg(&dir)
        .arg("EBI")
        .arg("--json")
        .output()
        .expect("run search");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("search prints one JSON document");
    let hits = v["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{v}");
    assert_eq!(v["fuzzy"], serde_json::Value::Bool(false), "{v}");
}
