//! `analyze` and `normalize`: what the indexing analyzer makes of a text.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use crate::offsets::CharOffsets;

/// NFC-normalise `text` and remove soft hyphens and zero-width characters, as done before a
/// text is stored and indexed.
#[pyfunction]
pub fn normalize(py: Python<'_>, text: &str) -> String {
    py.detach(|| pressespiegel::analysis::normalize(text).into_owned())
}

/// Tokens of the indexing analyzer as dicts (`term`, `surface`, `start`, `end`, `position`,
/// `kind`); `start`/`end` are code point offsets into `normalize(text)`.
#[pyfunction]
pub fn analyze<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
    let (normalized, tokens) = py.detach(|| {
        let normalized = pressespiegel::analysis::normalize(text).into_owned();
        let tokens = pressespiegel::analysis::analyze(&normalized);
        (normalized, tokens)
    });
    let offsets = CharOffsets::new(&normalized);
    let out = PyList::empty(py);
    for t in tokens {
        let d = PyDict::new(py);
        d.set_item("term", &t.text)?;
        d.set_item(
            "surface",
            normalized.get(t.byte_start..t.byte_end).unwrap_or(""),
        )?;
        d.set_item("start", offsets.of(t.byte_start))?;
        d.set_item("end", offsets.of(t.byte_end))?;
        d.set_item("position", t.position)?;
        d.set_item("kind", pythonize::pythonize(py, &t.kind)?)?;
        out.append(d)?;
    }
    Ok(out)
}

fn enricher(py: Python<'_>) -> PyResult<std::sync::Arc<pressespiegel::enrich::Enricher>> {
    use crate::errors::IntoPyResult;
    pressespiegel::enrich::Enricher::builtin().py_err(py)
}

/// Actors, countries and organisations of `text` with mention counts, plus every mention as
/// `{"start", "end", "kind", "key"}` with **code point** offsets into `normalize(text)`.
#[pyfunction]
pub fn entities<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let enricher = enricher(py)?;
    let (normalized, e) = py.detach(|| {
        let normalized = pressespiegel::analysis::normalize(text).into_owned();
        let e = enricher.entity_extractor().extract(&normalized);
        (normalized, e)
    });
    let offsets = CharOffsets::new(&normalized);
    let mentions: Vec<serde_json::Value> = e
        .mentions
        .iter()
        .map(|m| {
            serde_json::json!({
                "start": offsets.of(m.start),
                "end": offsets.of(m.end),
                "kind": m.kind,
                "key": m.key,
            })
        })
        .collect();
    let out = serde_json::json!({
        "actors": e.actors,
        "countries": e.countries,
        "organisations": e.organisations,
        "mentions": mentions,
    });
    Ok(pythonize::pythonize(py, &out)?)
}

/// Quotations of `text` with speakers: a list of `{"kind", "text", "spans", "partial",
/// "speaker": {"text", "spans", "actor"} | None, "cue": {…} | None, "frame": {…} | None,
/// "addressee": {"text", "spans"} | None}` with
/// **code point** spans into `normalize(text)`. Unattributed short fragments (scare quotes)
/// are included, flagged `partial`, only with `all=True`.
#[pyfunction]
#[pyo3(signature = (text, all=false))]
pub fn extract_quotes<'py>(py: Python<'py>, text: &str, all: bool) -> PyResult<Bound<'py, PyAny>> {
    let enricher = enricher(py)?;
    let json = py.detach(|| {
        let normalized = pressespiegel::analysis::normalize(text).into_owned();
        let mut quotes = enricher.enrich_text(&normalized).quotes;
        if !all {
            quotes.retain(pressespiegel::index::is_indexed_quote);
        }
        quotes
            .iter()
            .map(|q| pressespiegel::enrich::quotes::QuoteJson::from_quote(q, &normalized))
            .collect::<Vec<_>>()
    });
    Ok(pythonize::pythonize(py, &json)?)
}
