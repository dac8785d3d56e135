//! Adding articles from Python: dicts in, a report with one entry per rejected record out.

use std::path::PathBuf;

use pressespiegel::index::{IngestSummary, NewsIndex, NewsWriter, Upsert};
use pressespiegel::{ingest, Article, Error};
use pyo3::prelude::*;
use serde::Serialize;

use crate::errors::{to_py, IntoPyResult};

/// Records converted per GIL round trip; the GIL is released while a chunk is indexed.
const CHUNK: usize = 1_000;

/// What `Index.add` did. Always `read == indexed + rejected`; `updated <= indexed`.
#[derive(Debug, Default, Serialize)]
pub struct AddReport {
    /// Records read from the iterable.
    pub read: u64,
    /// Records indexed (new or replacing an article with the same id).
    pub indexed: u64,
    /// Of the indexed records, how many replaced an article with the same id.
    pub updated: u64,
    /// Records rejected.
    pub rejected: u64,
    /// One entry per rejected record, in input order.
    pub errors: Vec<RecordProblem>,
}

/// A rejected record.
#[derive(Debug, Serialize)]
pub struct RecordProblem {
    /// 0-based position of the record in the input.
    pub record: Option<u64>,
    /// The record's id, when it had a string id.
    pub id: Option<String>,
    /// What is wrong.
    pub error: String,
}

impl From<IngestSummary> for AddReport {
    fn from(s: IngestSummary) -> Self {
        AddReport {
            read: s.read,
            indexed: s.indexed,
            updated: s.updated,
            rejected: s.rejected,
            errors: s
                .errors
                .into_iter()
                .map(|e| RecordProblem {
                    record: None,
                    id: None,
                    error: e.error,
                })
                .collect(),
        }
    }
}

/// A record converted under the GIL, waiting to be indexed without it.
struct Pending {
    record: u64,
    id: Option<String>,
    article: Result<Article, String>,
}

fn convert(record: u64, item: &Bound<'_, PyAny>) -> Pending {
    let id = item
        .get_item("id")
        .ok()
        .and_then(|v| v.extract::<String>().ok());
    let article = pythonize::depythonize::<Article>(item).map_err(|e| {
        if item.cast::<pyo3::types::PyMapping>().is_err() {
            format!(
                "expected a mapping (dict) with article fields, got {}",
                item.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            )
        } else {
            e.to_string()
        }
    });
    Pending {
        record,
        id,
        article,
    }
}

/// Index a chunk; only engine failures are errors, bad records go into the report.
fn index_chunk(
    writer: &mut NewsWriter,
    report: &mut AddReport,
    chunk: &mut Vec<Pending>,
) -> Result<(), Error> {
    for p in chunk.drain(..) {
        report.read += 1;
        let outcome = match p.article {
            Ok(article) => writer.add(article).map_err(|e| match e {
                Error::Tantivy(_) => Err(e),
                other => Ok(other.to_string()),
            }),
            Err(message) => Err(Ok(message)),
        };
        match outcome {
            Ok(upsert) => {
                report.indexed += 1;
                if upsert == Upsert::Updated {
                    report.updated += 1;
                }
            }
            Err(Err(fatal)) => return Err(fatal),
            Err(Ok(message)) => {
                report.rejected += 1;
                report.errors.push(RecordProblem {
                    record: Some(p.record),
                    id: p.id,
                    error: message,
                });
            }
        }
    }
    Ok(())
}

/// Convert and index every record of `records`, then commit once.
///
/// A Python exception from the iterable (or Ctrl-C) aborts the call and nothing of it is
/// committed.
pub fn add_records(
    py: Python<'_>,
    index: &NewsIndex,
    records: &Bound<'_, PyAny>,
) -> PyResult<AddReport> {
    let mut writer = py.detach(|| index.writer()).py_err(py)?;
    let mut report = AddReport::default();
    let mut chunk = Vec::with_capacity(CHUNK);
    for (n, item) in records.try_iter()?.enumerate() {
        chunk.push(convert(n as u64, &item?));
        if chunk.len() >= CHUNK {
            py.detach(|| index_chunk(&mut writer, &mut report, &mut chunk))
                .py_err(py)?;
            py.check_signals()?;
        }
    }
    py.detach(|| {
        index_chunk(&mut writer, &mut report, &mut chunk)?;
        writer.commit()
    })
    .py_err(py)?;
    Ok(report)
}

/// Ingest files and directories (recursively) with [`ingest::read_paths`], without the GIL.
///
/// A path that does not exist is an error before anything is indexed; an unreadable or
/// malformed file (or JSON line) is a rejected record naming file and line.
pub fn add_files(py: Python<'_>, index: &NewsIndex, paths: Vec<PathBuf>) -> PyResult<AddReport> {
    for path in &paths {
        if let Err(source) = std::fs::metadata(path) {
            return Err(to_py(py, Error::io(path, source)));
        }
    }
    let summary = py
        .detach(|| index.writer()?.ingest(ingest::read_paths(&paths), |_| {}))
        .py_err(py)?;
    Ok(summary.into())
}
