"""The :class:`Index`: create or open, add articles, search."""

from __future__ import annotations

import datetime as _dt
import math
import os
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from . import _native
from ._errors import InvalidArgumentError
from ._results import QuoteResults, Results

PathLike = Union[str, "os.PathLike[str]"]
DateLike = Union[str, _dt.date, None]

_SORTS = ("relevance", "date")


@dataclass(frozen=True)
class RejectedRecord:
    """A record that :meth:`Index.add` could not index.

    Attributes:
        record: 0-based position of the record in the input.
        id: the record's id when it had one.
        error: what is wrong with it.
    """

    record: Optional[int]
    id: Optional[str]
    error: str


@dataclass(frozen=True)
class Report:
    """What :meth:`Index.add` did. Always ``read == indexed + rejected``.

    Attributes:
        read: records read.
        indexed: records indexed (new, or replacing an article with the same id).
        updated: of the indexed records, how many replaced an existing article.
        rejected: records rejected.
        errors: one :class:`RejectedRecord` per rejected record, in input order.
    """

    read: int
    indexed: int
    updated: int
    rejected: int
    errors: List[RejectedRecord] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every record was indexed."""
        return self.rejected == 0

    @classmethod
    def _from_raw(cls, raw: Mapping[str, Any]) -> "Report":
        return cls(
            read=raw["read"],
            indexed=raw["indexed"],
            updated=raw["updated"],
            rejected=raw["rejected"],
            errors=[RejectedRecord(e.get("record"), e.get("id"), e["error"]) for e in raw["errors"]],
        )

    def __str__(self) -> str:
        return (
            f"read {self.read} · indexed {self.indexed} · updated {self.updated} · "
            f"rejected {self.rejected}"
        )


def _is_missing(value: Any) -> bool:
    # None, float NaN and pandas' NaT / NA (all compare unequal to themselves or are None).
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    if type(value).__name__ == "NAType":  # pandas.NA: bool(NA != NA) raises
        return True
    try:
        return bool(value != value)
    except (TypeError, ValueError):
        return False


def _prepare(record: Any) -> Any:
    """Make a record digestible for the native layer: ISO strings for date objects, and no
    keys for missing values (None, NaN, NaT) so pandas rows work as records."""
    if not isinstance(record, Mapping):
        return record  # rejected by the native layer with a message naming the type
    out: Dict[Any, Any] = {}
    for key, value in record.items():
        if _is_missing(value):
            continue
        if isinstance(value, _dt.datetime):
            value = value.replace(tzinfo=None).isoformat(timespec="seconds")
        elif isinstance(value, _dt.date):
            value = value.isoformat()
        elif key == "tags" and isinstance(value, str):
            value = [value]  # one tag, not a list of characters
        out[key] = value
    return out


def _records(articles: Any) -> Iterator[Any]:
    if isinstance(articles, Mapping):
        articles = [articles]
    elif hasattr(articles, "to_dict") and hasattr(articles, "columns"):
        articles = articles.to_dict("records")  # a pandas DataFrame
    for record in articles:
        yield _prepare(record)


def _day(value: DateLike, name: str) -> Optional[str]:
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    raise _invalid(
        name,
        f"invalid {name}: expected a datetime.date or a 'YYYY-MM-DD' string, "
        f"got {type(value).__name__}",
    )


def _invalid(field: str, message: str) -> InvalidArgumentError:
    error = InvalidArgumentError(message)
    error.field = field
    return error


def _count(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _invalid(name, f"invalid {name}: expected an int >= 0, got {value!r}")
    return value


def _strings(values: Iterable[str], name: str) -> List[str]:
    if isinstance(values, str):
        return [values]  # a single name, not its characters
    out = list(values)
    if not all(isinstance(v, str) for v in out):
        raise _invalid(name, f"invalid {name}: expected strings, got {out!r}")
    return out


_MATCHES = ("all", "any")


def _request(
    query: str,
    *,
    actors: Iterable[str],
    countries: Iterable[str],
    match: str,
    speaker: Optional[str],
    date_from: DateLike,
    date_to: DateLike,
) -> Dict[str, Any]:
    """The query and filter part of a native search request (the Rust SearchRequest's serde
    shape)."""
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, got {type(query).__name__}")
    if match not in _MATCHES:
        raise _invalid("match", f"invalid match: {match!r}; use 'all' or 'any'")
    if speaker is not None and not isinstance(speaker, str):
        raise _invalid("speaker", f"invalid speaker: expected a str, got {speaker!r}")
    request: Dict[str, Any] = {
        "query": query,
        "actors": _strings(actors, "actors"),
        "countries": _strings(countries, "countries"),
        "facet_match": match,
        "speaker": speaker,
    }
    day_from, day_to = _day(date_from, "date_from"), _day(date_to, "date_to")
    if day_from is not None:
        request["from"] = day_from
    if day_to is not None:
        request["to"] = day_to
    return request


class Index:
    """A pressespiegel index of German news articles, on disk or in memory.

    Create one with :meth:`create` or :meth:`open`::

        import pressespiegel as ps

        index = ps.Index.create()            # in memory; Index.create("dir") on disk
        report = index.add([{"id": "1", "title": "Gipfel", "text": "Trump traf Xi in Busan."}])
        results = index.search("Busan")
        results.to_pandas()

    The index releases the GIL while it indexes and searches, so other Python threads keep
    running. One index directory takes one writer at a time (across processes): a second
    concurrent :meth:`add` raises :class:`StorageError`.
    """

    __slots__ = ("_native",)

    def __init__(self, native: "_native.Index"):
        """Internal: use :meth:`create` or :meth:`open`."""
        self._native = native

    @classmethod
    def create(cls, path: Optional[PathLike] = None) -> "Index":
        """Create a new index in directory ``path`` (created when missing), or in memory when
        ``path`` is ``None``.

        Raises:
            StorageError: ``path`` is a file, already holds an index, or cannot be created.
        """
        return cls(_native.Index.create(None if path is None else os.fspath(path)))

    @classmethod
    def open(cls, path: PathLike) -> "Index":
        """Open the existing index in directory ``path``.

        Raises:
            StorageError: no such directory, not an index, or built by an incompatible version
                (the message says what to do).
        """
        return cls(_native.Index.open(os.fspath(path)))

    @property
    def path(self) -> Optional[str]:
        """The index directory, ``None`` for an in-memory index."""
        return self._native.path

    def add(self, articles: Union[Iterable[Mapping[str, Any]], Mapping[str, Any], Any]) -> Report:
        """Add articles, replacing articles with the same id, and commit.

        ``articles`` is an iterable of mappings with the article fields ``id`` and ``text``
        (required), ``title``, ``date`` (``datetime.date``/``datetime.datetime`` or a string:
        ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM[:SS]``, ``DD.MM.YYYY[, HH:MM Uhr]``), ``source``,
        ``agency``, ``place``, ``url``, ``tags`` (list of str, or one str). Other keys are ignored; a single
        mapping or a pandas DataFrame (one row per article) works too.

        A bad record (wrong type, missing id or text, bad date) does not stop the call: it is
        counted in :attr:`Report.rejected` and described in :attr:`Report.errors`; all other
        records are indexed. Changes are visible to searches when the call returns. If the
        iterable itself raises (or on Ctrl-C), nothing of this call is committed.
        """
        return Report._from_raw(self._native.add(_records(articles)))

    def add_files(self, paths: Union[PathLike, Iterable[PathLike]]) -> Report:
        """Read and index files and directories (recursively, in sorted order), then commit.

        Plain-text files are one article each (agency copy, web pages, scraped copies: the
        headline, date, dateline place, agency and source are recognised; the id is the file
        stem); ``*.jsonl``/``*.ndjson`` hold one article object per line; ``*.json`` a JSON
        array of articles. Hidden files are skipped.

        An unreadable or malformed file or line is a rejected record whose
        :attr:`RejectedRecord.error` names the file and line (``record`` and ``id`` are
        ``None``); the rest is indexed.

        Raises:
            StorageError: a given path does not exist (nothing is indexed then).
        """
        if isinstance(paths, (str, os.PathLike)):
            paths = [paths]
        return Report._from_raw(self._native.add_files([os.fspath(p) for p in paths]))

    def search(
        self,
        query: str = "",
        *,
        actors: Iterable[str] = (),
        countries: Iterable[str] = (),
        match: str = "all",
        speaker: Optional[str] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
        sort: str = "relevance",
        limit: int = 10,
        offset: int = 0,
        snippets: int = 2,
        snippet_chars: int = 240,
        facets: int = 0,
        quotes: bool = False,
    ) -> "Results | QuoteResults":
        """Search the index (articles, or quotations with ``quotes=True``).

        Args:
            query: German query syntax: words are AND-ed (``Sanktion Russland``),
                ``"a phrase"``, ``OR``, ``-not``, ``title:word``, ``präfix*``. Words are
                stemmed and folded, so ``Sanktion`` finds "Sanktionen". Empty: every article.
            actors: only articles about these actors (canonical names, e.g. ``"Xi Jinping"``).
            countries: only articles about these countries (ISO codes, e.g. ``"CN"``).
            match: ``"all"`` (every listed actor/country must occur) or ``"any"``.
            speaker: only articles quoting this actor (canonical name).
            date_from: first day (inclusive), ``datetime.date`` or ``"YYYY-MM-DD"``.
            date_to: last day (inclusive).
            sort: ``"relevance"`` (best first) or ``"date"`` (newest first).
            limit: hits per page (at most :data:`MAX_LIMIT`).
            offset: hits to skip (paging).
            snippets: fragments per hit (0 = none).
            snippet_chars: maximum fragment length in characters.
            facets: also count the top-``facets`` actors, countries and organisations over all
                matching articles (``Results.facets``); 0 = no counts. With ``quotes=True``:
                the top speakers (``QuoteResults.speakers``).
            quotes: search quotations instead of articles: the query runs on the quotation
                text and ``speaker`` selects quotations by that actor — "what did Xi Jinping say
                about Taiwan?" is ``search("Taiwan", speaker="Xi Jinping", quotes=True)``.

        Returns:
            :class:`Results` — ``.total``, ``.hits``, ``.facets``, ``.to_pandas()``, rendered
            as a table in Jupyter. Highlight offsets are code point offsets.

        Raises:
            QueryError: the query cannot be parsed (``.position`` says where).
            InvalidArgumentError: a parameter is out of range or a date is malformed.
        """
        request = _request(
            query,
            actors=actors,
            countries=countries,
            match=match,
            speaker=speaker,
            date_from=date_from,
            date_to=date_to,
        )
        if sort not in _SORTS:
            raise _invalid("sort", f"invalid sort: {sort!r}; use 'relevance' or 'date'")
        request.update(
            sort=sort,
            limit=_count(limit, "limit"),
            offset=_count(offset, "offset"),
            snippets=_count(snippets, "snippets"),
            snippet_chars=_count(snippet_chars, "snippet_chars"),
            facets=_count(facets, "facets"),
        )
        if quotes:
            return QuoteResults(self._native.search_quotes(request), request)
        return Results(self._native.search(request), request)

    def cooccurrence(
        self,
        query: str = "",
        *,
        a: str = "actor",
        b: str = "country",
        k: int = 20,
        actors: Iterable[str] = (),
        countries: Iterable[str] = (),
        match: str = "all",
        speaker: Optional[str] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
    ) -> List[Dict[str, Any]]:
        """How often values of facet ``a`` and facet ``b`` (``"actor"``, ``"country"``,
        ``"organisation"``) occur in the same matching article: a list of
        ``{"a", "b", "count"}``, the top ``k`` pairs by count. For ``a == b`` each unordered
        pair appears once."""
        request = _request(
            query,
            actors=actors,
            countries=countries,
            match=match,
            speaker=speaker,
            date_from=date_from,
            date_to=date_to,
        )
        return list(self._native.cooccurrence(request, a, b, _count(k, "k")))

    def monthly(
        self,
        query: str = "",
        *,
        by: Optional[str] = None,
        top: int = 10,
        actors: Iterable[str] = (),
        countries: Iterable[str] = (),
        match: str = "all",
        speaker: Optional[str] = None,
        date_from: DateLike = None,
        date_to: DateLike = None,
    ) -> List[Dict[str, Any]]:
        """Monthly counts of the articles matching a search (all of them, not one page).

        With ``by=None`` one series for all matching articles; with ``by="actor"``,
        ``"country"`` or ``"organisation"`` one series per top-``top`` value. Each series is
        ``{"value": str | None, "points": [{"month": "YYYY-MM", "count": int}, …]}``, months
        ascending; months without articles are omitted. Filters as in :meth:`search`.
        """
        request = _request(
            query,
            actors=actors,
            countries=countries,
            match=match,
            speaker=speaker,
            date_from=date_from,
            date_to=date_to,
        )
        return list(self._native.time_series(request, by, _count(top, "top")))

    def stats(self) -> Dict[str, Any]:
        """Counts and versions: ``articles``, ``quotes``, ``segments``, ``schema_version``,
        ``analyzer_version``, ``path``, ``size_bytes``."""
        return dict(self._native.stats())

    def reload(self) -> None:
        """Pick up articles committed by another process or ``Index`` object since opening."""
        self._native.reload()

    def __len__(self) -> int:
        """Number of articles."""
        return int(self._native.stats()["articles"])

    def __contains__(self, article_id: object) -> bool:
        """Whether an article with this id is indexed."""
        return isinstance(article_id, str) and self._native.contains(article_id)

    def __repr__(self) -> str:
        where = repr(self.path) if self.path is not None else "in memory"
        return f"<pressespiegel.Index {where}: {len(self)} articles>"


__all__ = ["Index", "Report", "RejectedRecord"]
