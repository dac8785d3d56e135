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
