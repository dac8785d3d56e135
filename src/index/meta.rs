//! The `pressespiegel.json` stamp next to tantivy's files: which schema and analyzer built an index.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analysis::ANALYZER_VERSION;
use crate::error::{Error, Result};
use crate::index::schema::SCHEMA_VERSION;

/// File name of the stamp inside the index directory.
pub const META_FILE: &str = "pressespiegel.json";

/// What built an index. Stored as `pressespiegel.json` in the index directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexMeta {
    /// Always `"pressespiegel"`.
    pub format: String,
    /// Schema layout version ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// Analyzer chain version ([`ANALYZER_VERSION`]).
    pub analyzer_version: String,
    /// Crate version that created the index (informational).
    pub created_by: String,
}

impl IndexMeta {
    /// The stamp this build of the crate writes.
    pub fn current() -> Self {
        IndexMeta {
            format: "pressespiegel".into(),
            schema_version: SCHEMA_VERSION,
            analyzer_version: ANALYZER_VERSION.into(),
            created_by: concat!("pressespiegel ", env!("CARGO_PKG_VERSION")).into(),
        }
    }

    pub(crate) fn write(&self, dir: &Path) -> Result<()> {
        write_json_atomically(dir, META_FILE, self, "index stamp")
    }

    /// Read the stamp of the index in `dir` and check that this build can use it.
    pub(crate) fn check(dir: &Path) -> Result<IndexMeta> {
        let path = dir.join(META_FILE);
        let raw = std::fs::read_to_string(&path).map_err(|e| Error::IndexMismatch {
            path: dir.to_path_buf(),
            message: format!(
                "not a pressespiegel index ({META_FILE} is missing or unreadable: {e}); \
                 build one with `pressespiegel index {} <INPUT>...`",
                dir.display()
            ),
        })?;
        let meta: IndexMeta = serde_json::from_str(&raw).map_err(|e| Error::IndexMismatch {
            path: path.clone(),
            message: format!("corrupt index stamp: {e}; re-index into a new directory"),
        })?;
        let current = IndexMeta::current();
        if meta.format != current.format || meta.schema_version != current.schema_version {
            return Err(Error::IndexMismatch {
                path: dir.to_path_buf(),
                message: format!(
                    "index has schema version {} but this pressespiegel uses {}; \
                     re-index into a new directory",
                    meta.schema_version, current.schema_version
                ),
            });
        }
        if meta.analyzer_version != current.analyzer_version {
            return Err(Error::IndexMismatch {
                path: dir.to_path_buf(),
                message: format!(
                    "index was built with analyzer {:?} but this pressespiegel uses {:?}: \
                     terms would not match; re-index into a new directory",
                    meta.analyzer_version, current.analyzer_version
                ),
            });
        }
        Ok(meta)
    }
}

/// Write `value` as pretty JSON to `dir/name` through a temporary file and a rename, so a
/// crash never leaves a half-written file. `what` names the content in errors.
pub(crate) fn write_json_atomically(
    dir: &Path,
    name: &str,
    value: &impl Serialize,
    what: &str,
) -> Result<()> {
    let path = dir.join(name);
    let json = serde_json::to_string_pretty(value).map_err(|e| Error::IndexMismatch {
        path: path.clone(),
        message: format!("cannot serialise the {what}: {e}"),
    })?;
    let tmp = dir.join(format!("{name}.tmp"));
    std::fs::write(&tmp, json).map_err(|e| Error::io(&tmp, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))
}
