//! Python bindings of pressespiegel: the native module `pressespiegel._native`.
//!
//! The public Python API lives in the pure-Python package `pressespiegel` (python/pressespiegel),
//! which wraps this module: keyword arguments, dates, result objects, DataFrames and HTML.
//! This layer moves data between Python and the Rust library with serde ([`pythonize`]) and
//! releases the GIL while tantivy indexes or searches.
//!
//! Offsets handed to Python are **code point** offsets (what `str` slicing uses), never UTF-8
//! byte offsets; [`offsets::CharOffsets`] does the conversion.

mod analysis;
mod errors;
mod index;
mod offsets;
mod records;

use pyo3::prelude::*;

/// The native part of the `pressespiegel` package. Use `import pressespiegel` instead.
#[pymodule(name = "_native", gil_used = false)]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<index::PyIndex>()?;
    m.add_function(wrap_pyfunction!(analysis::analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::normalize, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::entities, m)?)?;
    m.add_function(wrap_pyfunction!(analysis::extract_quotes, m)?)?;
    m.add(
        "ANALYZER_VERSION",
        pressespiegel::analysis::ANALYZER_VERSION,
    )?;
    m.add("SCHEMA_VERSION", pressespiegel::index::SCHEMA_VERSION)?;
    m.add("MAX_LIMIT", pressespiegel::search::MAX_LIMIT)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
