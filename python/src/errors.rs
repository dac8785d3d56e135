//! Rust errors as Python exceptions.
//!
//! The exception classes are defined in Python (`pressespiegel/_errors.py`) so they can inherit
//! from both `pressespiegel.Error` and the matching built-in (`ValueError`, `OSError`).

use pressespiegel::Error;
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyType;
use pyo3::IntoPyObjectExt;

const ERRORS_MODULE: &str = "pressespiegel._errors";

/// The Python exception class `name` from `pressespiegel._errors`.
fn class<'py>(py: Python<'py>, name: &str) -> Option<Bound<'py, PyType>> {
    py.import(ERRORS_MODULE)
        .ok()?
        .getattr(name)
        .ok()?
        .cast_into::<PyType>()
        .ok()
}

/// Raise `name(message)` and set keyword attributes on the instance; fall back to the built-in
/// `B` when the Python package is not importable (the native module used on its own).
fn raise<B: pyo3::PyTypeInfo>(
    py: Python<'_>,
    name: &str,
    message: String,
    attrs: &[(&str, Py<PyAny>)],
) -> PyErr {
    let Some(ty) = class(py, name) else {
        return PyErr::from_type(B::type_object(py), message);
    };
    match ty.call1((message.clone(),)) {
        Ok(instance) => {
            for (k, v) in attrs {
                // Attributes are informative; a failure to set one must not hide the error.
                let _ = instance.setattr(*k, v);
            }
            PyErr::from_value(instance)
        }
        Err(_) => PyErr::from_type(B::type_object(py), message),
    }
}

/// Convert a library error to the matching Python exception.
///
/// | Rust | Python |
/// |---|---|
/// | `Query` | `QueryError(Error, ValueError)` with `.position` (code points) |
/// | `InvalidArgument`, `InvalidDate` | `InvalidArgumentError(Error, ValueError)` with `.field` |
/// | `Record` | `RecordError(Error, ValueError)` |
/// | `Io`, `IndexMismatch`, `Corrupt` | `StorageError(Error, OSError)` with `.filename` |
/// | `Tantivy` and anything else | `Error(Exception)` |
pub fn to_py(py: Python<'_>, err: Error) -> PyErr {
    let message = err.to_string();
    match err {
        Error::Query { position, .. } => raise::<PyValueError>(
            py,
            "QueryError",
            message,
            &[(
                "position",
                position.into_py_any(py).unwrap_or_else(|_| py.None()),
            )],
        ),
        Error::InvalidArgument { field, .. } => raise::<PyValueError>(
            py,
            "InvalidArgumentError",
            message,
            &[(
                "field",
                pyo3::types::PyString::new(py, field).into_any().unbind(),
            )],
        ),
        Error::InvalidDate { .. } => raise::<PyValueError>(
            py,
            "InvalidArgumentError",
            message,
            &[(
                "field",
                pyo3::types::PyString::new(py, "date").into_any().unbind(),
            )],
        ),
        Error::Record { .. } => raise::<PyValueError>(py, "RecordError", message, &[]),
        Error::Io {
            ref path,
            ref source,
        } => {
            let errno = match source.raw_os_error() {
                Some(n) => n.into_py_any(py).unwrap_or_else(|_| py.None()),
                None => py.None(),
            };
            raise::<PyOSError>(
                py,
                "StorageError",
                message,
                &[("filename", path_str(py, path)), ("errno", errno)],
            )
        }
        Error::IndexMismatch { ref path, .. } | Error::Corrupt { ref path, .. } => {
            raise::<PyOSError>(
                py,
                "StorageError",
                message,
                &[("filename", path_str(py, path))],
            )
        }
        _ => raise::<PyRuntimeError>(py, "Error", message, &[]),
    }
}

/// A bad parameter detected while converting Python input (not by the library).
pub fn invalid_argument(py: Python<'_>, field: &str, message: String) -> PyErr {
    raise::<PyValueError>(
        py,
        "InvalidArgumentError",
        message,
        &[(
            "field",
            pyo3::types::PyString::new(py, field).into_any().unbind(),
        )],
    )
}

fn path_str(py: Python<'_>, path: &std::path::Path) -> Py<PyAny> {
    pyo3::types::PyString::new(py, &path.to_string_lossy())
        .into_any()
        .unbind()
}

/// Extension for `Result<T, pressespiegel::Error>`.
pub trait IntoPyResult<T> {
    /// Map the error to a Python exception.
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, Error> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py(py, e))
    }
}
