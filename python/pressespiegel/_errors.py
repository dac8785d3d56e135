"""Exceptions raised by pressespiegel.

Every exception derives from :class:`Error`, and also from the built-in exception a Python user
would catch for that kind of problem: :class:`ValueError` for bad input, :class:`OSError` for
file and index-directory problems. The message is the Rust library's message.
"""

from __future__ import annotations

from typing import Optional


class Error(Exception):
    """Base class of all pressespiegel errors (also raised as is for search-engine failures)."""


class QueryError(Error, ValueError):
    """The search query could not be parsed.

    Attributes:
        position: code point offset into the query where the problem was found
            (``query[position:]`` is the rest of the query from there).
    """

    position: Optional[int] = None


class InvalidArgumentError(Error, ValueError):
    """A parameter has an invalid value (``limit``, ``sort``, a date, …).

    Attributes:
        field: the parameter's name.
    """

    field: Optional[str] = None


class RecordError(Error, ValueError):
    """An article record is invalid (missing id or text, bad date, wrong type)."""


class StorageError(Error, OSError):
    """A file or index directory cannot be used: missing, not an index, locked by another
    writer, built by an incompatible version, or an I/O failure.

    Attributes:
        filename: the path involved.
        errno: the operating system's error number for I/O failures, else ``None``.
    """

    def __str__(self) -> str:
        # OSError's own __str__ would render "[Errno None] None: 'path'" once filename is set;
        # the Rust message already names the path and says what to do.
        return str(self.args[0]) if self.args else super().__str__()


__all__ = ["Error", "QueryError", "InvalidArgumentError", "RecordError", "StorageError"]
