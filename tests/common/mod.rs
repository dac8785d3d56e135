//! Shared helpers for integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The `../shared` folder beside the repository (or `$PRESSESPIEGEL_SHARED`).
///
/// Returns `None` (after printing why) when it is missing, so the calling test can skip;
/// under `CI=true` a missing folder is a failure, never a silent skip.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PRESSESPIEGEL_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("seeds").is_dir() {
        return Some(dir);
    }
    if std::env::var("CI")
        .map(|v| v == "true" || v == "1")
        .unwrap_or(false)
    {
        panic!(
            "CI=true but the shared data folder is missing: {} (set PRESSESPIEGEL_SHARED)",
            dir.display()
        );
    }
    eprintln!(
        "SKIPPED: shared data folder {} not found (set PRESSESPIEGEL_SHARED to run this test)",
        dir.display()
    );
    None
}

/// Path of a file under the shared folder, or `None` with a printed skip reason.
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = shared_dir()?.join(relative);
    assert!(path.exists(), "missing shared file {}", path.display());
    Some(path)
}

/// The five seed articles: `(file stem, path)`, sorted by name.
pub fn seeds() -> Option<Vec<(String, PathBuf)>> {
    let dir = shared_dir()?.join("seeds");
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("read seeds dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    Some(out)
}

/// The seed whose file name starts with `prefix` (`"000"` … `"004"`).
pub fn seed(prefix: &str) -> Option<PathBuf> {
    seeds()?
        .into_iter()
        .find(|(stem, _)| stem.starts_with(prefix))
        .map(|(_, p)| p)
}
