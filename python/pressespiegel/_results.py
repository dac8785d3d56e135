"""Search results: :class:`Results`, :class:`Hit`, :class:`Snippet`.

All offsets are **code point** offsets into Python strings: ``snippet.text[start:end]`` is the
highlighted word, whatever umlauts or emoji precede it.
"""

from __future__ import annotations

import datetime as _dt
import html as _html
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence, Tuple, overload

#: Columns of :meth:`Results.to_records` and :meth:`Results.to_pandas`, in this order.
COLUMNS: Tuple[str, ...] = (
    "id",
    "title",
    "date",
    "source",
    "agency",
    "place",
    "url",
    "score",
    "snippet",
    "actors",
    "countries",
)


def _esc(value: Any) -> str:
    return _html.escape("" if value is None else str(value), quote=True)


@dataclass(frozen=True)
class Snippet:
    """A fragment of an article that shows why it matched.

    Attributes:
        text: the fragment (may start or end with "…", or „… …“ when a quotation was cut).
        highlights: ``(start, end)`` code point ranges of the matches in ``text``, sorted and
            non-overlapping.
        speaker: who is quoted in the fragment, when known.
    """

    text: str
    highlights: Tuple[Tuple[int, int], ...] = ()
    speaker: Optional[str] = None

    @classmethod
    def _from_raw(cls, raw: Mapping[str, Any]) -> "Snippet":
        return cls(
            text=raw["text"],
            highlights=tuple((int(s), int(e)) for s, e in raw.get("highlights", ())),
            speaker=raw.get("speaker"),
        )

    def marked(self) -> List[str]:
        """The highlighted substrings, in order."""
        return [self.text[s:e] for s, e in self.highlights]

    def html(self, tag: str = "mark") -> str:
        """The fragment as HTML: text escaped, matches wrapped in ``<mark>…</mark>``."""
        out: List[str] = []
        at = 0
        for s, e in self.highlights:
            out.append(_html.escape(self.text[at:s], quote=False))
            out.append(f"<{tag}>{_html.escape(self.text[s:e], quote=False)}</{tag}>")
            at = e
        out.append(_html.escape(self.text[at:], quote=False))
        return "".join(out)

    def __str__(self) -> str:
        return self.text


def _parse_date(value: Optional[str]) -> Tuple[Optional[_dt.date], Optional[_dt.time]]:
    if not value:
        return None, None
    if "T" in value:
        moment = _dt.datetime.fromisoformat(value)
        return moment.date(), moment.time()
    return _dt.date.fromisoformat(value), None


def _join_fragments(texts: Sequence[str]) -> str:
    out = ""
    for t in texts:
        if not out:
            out = t
        elif out.endswith("…") or t.startswith("…"):
            out += " " + t
        else:
            out += " … " + t
    return out


@dataclass(frozen=True)
class Hit:
    """One matching article.

    Attributes:
        id: article id.
        title: headline.
        date: publication day, or ``None``.
        time: time of day when the source gives one, else ``None``.
        source, agency, place, url: metadata, ``None`` when unknown.
        score: relevance score (0 when sorted by date).
        snippets: the best fragments with highlights.
        actors: canonical names of the actors the article is about.
        countries: ISO codes of the countries the article is about.
    """

    id: str
    title: str
    date: Optional[_dt.date]
    time: Optional[_dt.time]
    source: Optional[str]
    agency: Optional[str]
    place: Optional[str]
    url: Optional[str]
    score: float
    snippets: Tuple[Snippet, ...] = field(default=())
    actors: Tuple[str, ...] = field(default=())
    countries: Tuple[str, ...] = field(default=())

    @classmethod
    def _from_raw(cls, raw: Mapping[str, Any]) -> "Hit":
        day, time = _parse_date(raw.get("date"))
        return cls(
            id=raw["id"],
            title=raw.get("title", ""),
            date=day,
            time=time,
            source=raw.get("source"),
            agency=raw.get("agency"),
            place=raw.get("place"),
            url=raw.get("url"),
            score=float(raw.get("score", 0.0)),
            snippets=tuple(Snippet._from_raw(s) for s in raw.get("snippets", ())),
            actors=tuple(raw.get("actor", ())),
            countries=tuple(raw.get("country", ())),
        )

    @property
    def datetime(self) -> Optional[_dt.datetime]:
        """Publication moment (midnight when no time of day is known), or ``None``."""
        if self.date is None:
            return None
        return _dt.datetime.combine(self.date, self.time or _dt.time())

    def to_record(self) -> Dict[str, Any]:
        """The hit as a flat, JSON-serialisable dict with the keys of :data:`COLUMNS`.

        ``date`` is an ISO string (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``), ``snippet`` the
        fragment texts joined with " … ", ``actors`` and ``countries`` lists of str.
        """
        if self.date is None:
            date = None
        elif self.time is None:
            date = self.date.isoformat()
        else:
            date = _dt.datetime.combine(self.date, self.time).isoformat()
        return {
            "id": self.id,
            "title": self.title,
            "date": date,
            "source": self.source,
            "agency": self.agency,
            "place": self.place,
            "url": self.url,
            "score": self.score,
            "snippet": _join_fragments([s.text for s in self.snippets]),
            "actors": list(self.actors),
            "countries": list(self.countries),
        }


def _safe_href(url: Optional[str]) -> Optional[str]:
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


class Results(Sequence[Hit]):
    """One page of search results: a sequence of :class:`Hit` plus the total count.

    In Jupyter, a ``Results`` value renders as a table with highlighted snippets.

    Attributes:
        total: exact number of matching articles (all pages).
        hits: the hits of this page.
        request: the request that produced them (query, filters, sort, page).
        facets: with ``search(..., facets=k)``, the top-k counts over all matching articles:
            ``{"actor": [{"value": "Xi Jinping", "count": 3}, …], "country": […],
            "organisation": […]}``; ``None`` otherwise.
        suggestion: "Meinten Sie …?" — when the query as typed found nothing and some of its
            words occur nowhere in the index, the corrected query (closest indexed words, edit
            distance ≤ 2); the hits are then those of the suggestion. ``None`` otherwise.
        fuzzy: ``True`` when the hits come from :attr:`suggestion`.
    """

    __slots__ = ("total", "hits", "request", "facets", "suggestion", "fuzzy", "_raw")

    def __init__(self, raw: Mapping[str, Any], request: Mapping[str, Any]):
        self._raw = raw
        self.total: int = int(raw["total"])
        self.hits: List[Hit] = [Hit._from_raw(h) for h in raw["hits"]]
        self.request: Dict[str, Any] = dict(request)
        self.facets: Optional[Dict[str, List[Dict[str, Any]]]] = raw.get("facets")
        self.suggestion: Optional[str] = raw.get("suggestion")
        self.fuzzy: bool = bool(raw.get("fuzzy", False))

    # -- sequence protocol -------------------------------------------------------------
    @overload
    def __getitem__(self, i: int) -> Hit: ...

    @overload
    def __getitem__(self, i: slice) -> List[Hit]: ...

    def __getitem__(self, i: Any) -> Any:
        return self.hits[i]

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    # -- conversions ---------------------------------------------------------------------
    def to_records(self) -> List[Dict[str, Any]]:
        """The hits as flat, JSON-serialisable dicts (see :meth:`Hit.to_record`)."""
        return [h.to_record() for h in self.hits]

    def to_pandas(self) -> "Any":
        """The hits as a ``pandas.DataFrame`` with the columns of :data:`COLUMNS`.

        ``date`` becomes a ``datetime64`` column (midnight when no time is known, ``NaT`` when
        unknown). Requires pandas (``pip install pandas``).
        """
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover - exercised via monkeypatch in tests
            raise ImportError(
                "Results.to_pandas() needs pandas, which is not installed: "
                "`pip install pandas` (or `pip install 'pressespiegel[pandas]'`); "
                "Results.to_records() gives the same rows as plain dicts."
            ) from e
        frame = pd.DataFrame.from_records(self.to_records(), columns=list(COLUMNS))
        frame["date"] = pd.to_datetime(frame["date"], format="ISO8601")
        frame["score"] = frame["score"].astype("float64")
        return frame

    # -- display -------------------------------------------------------------------------
    def __repr__(self) -> str:
        suggestion = f" suggestion={self.suggestion!r}" if self.suggestion else ""
        return (
            f"<Results query={self.request.get('query', '')!r} total={self.total} "
            f"hits={len(self.hits)}{suggestion}>"
        )

    def _repr_html_(self) -> str:
        offset = int(self.request.get("offset", 0))
        query = self.request.get("query", "")
        if self.hits:
            shown = f"showing {offset + 1}–{offset + len(self.hits)}"
        else:
            shown = "no hits on this page"
        rows: List[str] = []
        for n, hit in enumerate(self.hits, start=offset + 1):
            href = _safe_href(hit.url)
            title = _esc(hit.title) or "<i>(untitled)</i>"
            if href:
                title = f'<a href="{_esc(href)}" target="_blank" rel="noopener">{title}</a>'
            meta = " · ".join(_esc(v) for v in (hit.source, hit.agency, hit.place) if v)
            about = ", ".join(_esc(v) for v in hit.actors + hit.countries)
            if about:
                meta += f"<br>{about}"
            snippets = "".join(
                "<div class='ps-snippet'>"
                + s.html()
                + (f" <span class='ps-speaker'>— {_esc(s.speaker)}</span>" if s.speaker else "")
                + "</div>"
                for s in hit.snippets
            )
            date = ""
            if hit.date is not None:
                date = hit.date.isoformat()
                if hit.time is not None:
                    date += " " + hit.time.strftime("%H:%M")
            rows.append(
                "<tr>"
                f"<td>{n}</td>"
                f"<td style='white-space:nowrap'>{_esc(date)}</td>"
                f"<td><b>{title}</b><br><small>{meta}</small>"
                f"<br><small><code>{_esc(hit.id)}</code></small></td>"
                f"<td style='text-align:left'>{snippets}</td>"
                f"<td>{hit.score:.2f}</td>"
                "</tr>"
            )
        facets = ""
        for name, counts in (self.facets or {}).items():
            if counts:
                values = ", ".join(f"{_esc(c['value'])} ({int(c['count'])})" for c in counts)
                facets += f"<br><small><b>{_esc(name)}:</b> {values}</small>"
        if self.suggestion and self.fuzzy:
            facets = f"<br><small>Meinten Sie: <i>{_esc(self.suggestion)}</i></small>" + facets
        return (
            "<div class='pressespiegel-results'>"
            f"<p><b>{self.total}</b> hits for <code>{_esc(query)}</code> · {shown}{facets}</p>"
            "<table><thead><tr><th>#</th><th>date</th><th>article</th>"
            "<th style='text-align:left'>snippets</th><th>score</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )


__all__ = ["COLUMNS", "Hit", "Results", "Snippet"]


#: Columns of :meth:`QuoteResults.to_pandas`.
QUOTE_COLUMNS = ("article_id", "title", "date", "kind", "speaker", "actor", "text", "score")


def _marked_html(text: str, highlights: Sequence[Sequence[int]]) -> str:
    """``text`` HTML-escaped with ``<mark>`` around the code point ranges ``highlights``."""
    out: List[str] = []
    at = 0
    for start, end in highlights:
        out.append(_esc(text[at:start]))
        out.append("<mark>" + _esc(text[start:end]) + "</mark>")
        at = end
    out.append(_esc(text[at:]))
    return "".join(out)


class QuoteResults(Sequence[Dict[str, Any]]):
    """One page of quotation hits (``Index.search(..., quotes=True)``).

    Each hit is a dict ``{"article_id", "title", "kind", "text", "speaker", "actor", "date",
    "score", "highlights"}``; ``highlights`` are **code point** ranges into ``text``.

    Attributes:
        total: exact number of matching quotations.
        hits: the hits of this page.
        speakers: with ``facets=k``, the top-k speakers ``[{"value", "count"}]``; else ``None``.
        request: the request that produced them.
    """

    __slots__ = ("total", "hits", "speakers", "request")

    def __init__(self, raw: Mapping[str, Any], request: Mapping[str, Any]):
        self.total: int = int(raw["total"])
        self.hits: List[Dict[str, Any]] = [dict(h) for h in raw["hits"]]
        self.speakers: Optional[List[Dict[str, Any]]] = raw.get("speakers")
        self.request: Dict[str, Any] = dict(request)

    def __getitem__(self, i: Any) -> Any:
        return self.hits[i]

    def __len__(self) -> int:
        return len(self.hits)

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return iter(self.hits)

    def to_records(self) -> List[Dict[str, Any]]:
        """The hits as JSON-serialisable dicts."""
        return [dict(h) for h in self.hits]

    def to_pandas(self) -> "Any":
        """The hits as a ``pandas.DataFrame`` with the columns of :data:`QUOTE_COLUMNS`."""
        try:
            import pandas as pd
        except ImportError as e:  # pragma: no cover
            raise ImportError(
                "QuoteResults.to_pandas() needs pandas: `pip install pandas`; "
                "QuoteResults.to_records() gives the same rows as plain dicts."
            ) from e
        frame = pd.DataFrame.from_records(
            [{c: h.get(c) for c in QUOTE_COLUMNS} for h in self.hits], columns=list(QUOTE_COLUMNS)
        )
        frame["date"] = pd.to_datetime(frame["date"], format="ISO8601")
        return frame

    def __repr__(self) -> str:
        return f"<QuoteResults query={self.request.get('query', '')!r} total={self.total} hits={len(self.hits)}>"

    def _repr_html_(self) -> str:
        rows = []
        for h in self.hits:
            who = h.get("actor") or h.get("speaker") or "?"
            rows.append(
                "<tr>"
                f"<td style='white-space:nowrap'>{_esc(h.get('date') or '')}</td>"
                f"<td><b>{_esc(who)}</b><br><small>{_esc(h.get('kind'))}</small></td>"
                f"<td style='text-align:left'>{_marked_html(h['text'], h.get('highlights') or [])}"
                f"<br><small>{_esc(h.get('title'))} · <code>{_esc(h.get('article_id'))}</code></small></td>"
                "</tr>"
            )
        return (
            f"<div><b>{self.total}</b> quotations for <code>{_esc(self.request.get('query', ''))}</code>"
            "<table><tr><th>date</th><th>speaker</th><th>quotation</th></tr>"
            + "".join(rows)
            + "</table></div>"
        )
