//! `_native.Index`: create/open, add, search, stats.

use std::path::PathBuf;

use pressespiegel::index::NewsIndex;
use pressespiegel::search::{FacetField, SearchRequest};
use pyo3::prelude::*;

use crate::errors::{invalid_argument, IntoPyResult};
use crate::records::{add_files, add_records};

/// A `SearchRequest` from a mapping of its serde fields (unknown keys are ignored by serde, so
/// the Python layer validates its own keyword arguments).
fn to_request(py: Python<'_>, request: &Bound<'_, PyAny>) -> PyResult<SearchRequest> {
    pythonize::depythonize(request).map_err(|e| invalid_argument(py, "request", e.to_string()))
}

/// A pressespiegel index on disk or in memory (native part; use `pressespiegel.Index`).
#[pyclass(name = "Index", module = "pressespiegel._native", frozen)]
pub struct PyIndex {
    inner: NewsIndex,
}

#[pymethods]
impl PyIndex {
    /// Create a new index in directory `path` (created if missing), or in memory when `None`.
    #[staticmethod]
    #[pyo3(signature = (path=None))]
    fn create(py: Python<'_>, path: Option<PathBuf>) -> PyResult<Self> {
        let inner = py
            .detach(|| match &path {
                Some(p) => NewsIndex::create(p),
                None => NewsIndex::create_in_ram(),
            })
            .py_err(py)?;
        Ok(PyIndex { inner })
    }

    /// Open the existing index in directory `path`.
    #[staticmethod]
    fn open(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let inner = py.detach(|| NewsIndex::open(&path)).py_err(py)?;
        Ok(PyIndex { inner })
    }

    /// Add (or replace, by id) the article mappings of an iterable; returns the report as a
    /// dict (`read`, `indexed`, `updated`, `rejected`, `errors`).
    fn add<'py>(
        &self,
        py: Python<'py>,
        records: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let report = add_records(py, &self.inner, records)?;
        Ok(pythonize::pythonize(py, &report)?)
    }

    /// Ingest files and directories (text articles, JSON Lines, JSON); returns the report as
    /// a dict like `add`, with errors naming file and line.
    fn add_files<'py>(&self, py: Python<'py>, paths: Vec<PathBuf>) -> PyResult<Bound<'py, PyAny>> {
        let report = add_files(py, &self.inner, paths)?;
        Ok(pythonize::pythonize(py, &report)?)
    }

    /// Run a search. `request` is a mapping with the fields of the Rust `SearchRequest`
    /// (`query`, `from`, `to`, `sort`, `limit`, `offset`, `snippets`, `snippet_chars`);
    /// returns the results as the stable JSON shape (dicts and lists, code point offsets).
    fn search<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = to_request(py, request)?;
        let results = py.detach(|| self.inner.search(&request)).py_err(py)?;
        Ok(pythonize::pythonize(py, &results)?)
    }

    /// Search quotations (`query` runs on the quotation text, `speaker` filters by the speaker's
    /// canonical actor); returns `{"total", "hits": [{"article_id", "title", "kind", "text",
    /// "speaker", "actor", "date", "score", "highlights"}], "speakers"}` with code point
    /// highlights into each quotation's `text`.
    fn search_quotes<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = to_request(py, request)?;
        let results = py
            .detach(|| self.inner.search_quotes(&request))
            .py_err(py)?;
        Ok(pythonize::pythonize(py, &results)?)
    }

    /// How often values of `a` and `b` (`actor`, `country`, `organisation`) occur in the same
    /// matching article: a list of `{"a", "b", "count"}`, top `k` by count.
    #[pyo3(signature = (request, a, b, k=20))]
    fn cooccurrence<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
        a: &str,
        b: &str,
        k: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = to_request(py, request)?;
        let a = a.parse::<FacetField>().py_err(py)?;
        let b = b.parse::<FacetField>().py_err(py)?;
        let pairs = py
            .detach(|| self.inner.cooccurrence(&request, a, b, k))
            .py_err(py)?;
        Ok(pythonize::pythonize(py, &pairs)?)
    }

    /// Monthly article counts over the articles matching `request` (paging ignored): one series
    /// overall (`field=None`) or one per top-`top` value of `field` (`actor`, `country`,
    /// `organisation`). Returns a list of `{"value", "points": [{"month", "count"}]}`.
    #[pyo3(signature = (request, field=None, top=10))]
    fn time_series<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
        field: Option<&str>,
        top: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        let request = to_request(py, request)?;
        let field = field.map(str::parse::<FacetField>).transpose().py_err(py)?;
        let series = py
            .detach(|| self.inner.time_series(&request, field, top))
            .py_err(py)?;
        Ok(pythonize::pythonize(py, &series)?)
    }

    /// Counts and versions as a dict.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let stats = py.detach(|| self.inner.stats()).py_err(py)?;
        Ok(pythonize::pythonize(py, &stats)?)
    }

    /// Whether an article with this id is indexed.
    fn contains(&self, py: Python<'_>, id: &str) -> PyResult<bool> {
        py.detach(|| self.inner.contains(id)).py_err(py)
    }

    /// Pick up commits made by other processes or `Index` objects since the last reload.
    fn reload(&self, py: Python<'_>) -> PyResult<()> {
        py.detach(|| self.inner.reload()).py_err(py)
    }

    /// The index directory, `None` in memory.
    #[getter]
    fn path(&self) -> Option<String> {
        self.inner.path().map(|p| p.to_string_lossy().into_owned())
    }
}
