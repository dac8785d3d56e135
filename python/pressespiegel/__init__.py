"""pressespiegel — full-text search over German news, for research notebooks.

A thin, typed Python layer over the Rust library (tantivy inside)::

    import pressespiegel as ps

    index = ps.Index.create()                      # in memory; ps.Index.create("dir") on disk
    index.add([{"id": "a1", "title": "Gipfel in Busan", "date": "2025-10-30",
                "text": "Trump traf Xi Jinping im südkoreanischen Busan."}])
    results = index.search("Südkorea OR Busan", date_from="2025-10-01")
    results                      # a table with highlighted snippets in Jupyter
    results.to_pandas()          # one row per hit

German analysis (normalisation, folding, stemming) is the index's own: ``ps.analyze(text)``
shows what it makes of a text.

**Offsets are code point offsets** (Python ``str`` indices) everywhere in this package —
``snippet.text[start:end]`` and ``text[token["start"]:token["end"]]`` are the matched words,
also after umlauts, ß or emoji. The Rust API uses UTF-8 byte offsets; the conversion happens in
the native layer. Offsets point into the text *as stored*: NFC-normalised, without soft hyphens
and zero-width characters (``normalize(text)``); for ordinary NFC text that is the text itself.

Errors are Python exceptions deriving from :class:`Error`: :class:`QueryError` and
:class:`InvalidArgumentError` are also ``ValueError``; :class:`StorageError` is also ``OSError``.
"""

from __future__ import annotations

from typing import Any, Dict, List

from . import _native
from ._errors import Error, InvalidArgumentError, QueryError, RecordError, StorageError
from ._index import Index, RejectedRecord, Report
from ._results import COLUMNS, QUOTE_COLUMNS, Hit, QuoteResults, Results, Snippet

__version__: str = _native.__version__
#: Version of the analysis chain an index was built with (indexes record it).
ANALYZER_VERSION: str = _native.ANALYZER_VERSION
#: Version of the index schema.
SCHEMA_VERSION: int = _native.SCHEMA_VERSION
#: Largest ``limit`` accepted by :meth:`Index.search`.
MAX_LIMIT: int = _native.MAX_LIMIT


def normalize(text: str) -> str:
    """NFC-normalise ``text`` and remove soft hyphens and zero-width characters — what the index
    does to every title and text before storing it."""
    return _native.normalize(text)


def analyze(text: str) -> List[Dict[str, Any]]:
    """The tokens the indexing analyzer makes of ``text``, one dict per token:

    - ``term``: the indexed term (folded, stemmed),
    - ``surface``: the text it comes from,
    - ``start``, ``end``: **code point** offsets into ``normalize(text)`` (the same as into
      ``text`` when it is NFC and has no soft hyphens / zero-width characters such as the
      joiner inside emoji sequences),
    - ``position``: word position (parts of a compound share their word's position),
    - ``kind``: ``"word"``, ``"part"`` (of a compound or hyphenated word) or ``"variant"``.

    >>> [t["term"] for t in analyze("Neue Sanktionen")]  # doctest: +SKIP
    ['neu', 'sanktion']
    """
    return _native.analyze(text)


def entities(text: str) -> Dict[str, Any]:
    """Actors, countries and organisations of ``text`` (built-in gazetteer): ``{"actors":
    [{"name", "count", "discovered"}], "countries": [{"code", "name", "count"}],
    "organisations": [{"name", "count"}], "mentions": [{"start", "end", "kind", "key"}]}`` with
    **code point** offsets into ``normalize(text)``."""
    return _native.entities(text)


def extract_quotes(text: str, all: bool = False) -> List[Dict[str, Any]]:
    """Quotations of ``text`` with speakers: ``[{"kind", "text", "spans", "partial",
    "speaker": {"text", "spans", "actor"} | None, "cue": … | None, "frame": … | None,
    "addressee": {"text", "spans"} | None}]`` with
    **code point** spans into ``normalize(text)``. Scare quotes (short, unattributed) only with
    ``all=True``."""
    return _native.extract_quotes(text, all)


__all__ = [
    "ANALYZER_VERSION",
    "COLUMNS",
    "Error",
    "QUOTE_COLUMNS",
    "QuoteResults",
    "entities",
    "extract_quotes",
    "Hit",
    "Index",
    "InvalidArgumentError",
    "MAX_LIMIT",
    "QueryError",
    "RecordError",
    "RejectedRecord",
    "Report",
    "Results",
    "SCHEMA_VERSION",
    "Snippet",
    "StorageError",
    "analyze",
    "normalize",
]
