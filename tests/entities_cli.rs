//! `pressespiegel entities --actors FILE`: a research group's own actor list at run time.
#![cfg(feature = "cli")]

use std::process::Command;

fn run(args: &[&std::ffi::OsStr]) -> (String, String, bool) {
    let out = Command::new(env!("CARGO_BIN_EXE_pressespiegel"))
        .args(args)
        .output()
        .expect("run pressespiegel");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

fn actor_names(line: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(line).expect("one JSON line");
    v["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .map(|a| a["name"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn entities_with_own_actor_file() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Titel\n\nErika Mustermann traf Wladimir Putin. Mustermann sagte, Putin schweige.\n",
    )
    .unwrap();
    let actors = dir.path().join("own.tsv");
    std::fs::write(
        &actors,
        "# own list\nErika Mustermann\tDE\tf\tBürgermeisterin von Musterstadt\n",
    )
    .unwrap();

    // Built-in only: Putin, and Mustermann is no known actor without a role.
    let (out, err, ok) = run(&["entities".as_ref(), article.as_os_str(), "--json".as_ref()]);
    assert!(ok, "{err}");
    assert_eq!(actor_names(out.trim()), vec!["Wladimir Putin"]);

    // Extended: both, with the surname-only reference counted.
    let (out, err, ok) = run(&[
        "entities".as_ref(),
        article.as_os_str(),
        "--actors".as_ref(),
        actors.as_os_str(),
    ]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let erika = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Erika Mustermann")
        .expect("own actor found");
    assert_eq!(erika["count"], 2);
    assert_eq!(erika["discovered"], false);
    assert!(actor_names(out.trim()).contains(&"Wladimir Putin".to_string()));

    // Replaced: only the own list.
    let (out, err, ok) = run(&[
        "entities".as_ref(),
        article.as_os_str(),
        "--actors".as_ref(),
        actors.as_os_str(),
        "--own-actors-only".as_ref(),
    ]);
    assert!(ok, "{err}");
    assert_eq!(actor_names(out.trim()), vec!["Erika Mustermann"]);

    // A malformed file is an error with file and line, not a panic.
    std::fs::write(&actors, "Kaputt\tDeutschland\n").unwrap();
    let (_, err, ok) = run(&[
        "entities".as_ref(),
        article.as_os_str(),
        "--actors".as_ref(),
        actors.as_os_str(),
    ]);
    assert!(!ok);
    assert!(err.contains("own.tsv:1"), "{err}");
}
