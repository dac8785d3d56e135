"""Searching the bundled demo corpus (100 German Wikinews articles): queries, filters, sort,
paging, facets, monthly counts, errors."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

import pressespiegel as ps


def test_empty_query_matches_every_article(demo_index, demo_articles):
    results = demo_index.search("")
    assert results.total == len(demo_articles)
    assert len(results) == 10


def test_stemmed_query_highlights_inflected_forms(demo_index):
    results = demo_index.search("Wahl", limit=50)
    assert results.total > 0
    marked = [m.lower() for h in results for s in h.snippets for m in s.marked()]
    assert marked, "no highlight in any snippet"
    # Folding and stemming: Wahl, Wahlen, Wähler, wählen all index as "wahl…".
    assert all(m.replace("ä", "a").startswith("wahl") for m in marked), marked
    assert "wahlen" in marked or "wähler" in marked


def test_phrase_query_matches_the_phrase(demo_index):
    for hit in demo_index.search('"Europäische Union"', limit=20):
        texts = [m for s in hit.snippets for m in s.marked()]
        assert any("Europäische Union" in t or "Europäischen Union" in t for t in texts), texts


def test_date_filter_accepts_dates_and_strings_and_is_inclusive(demo_index, demo_articles):
    days = sorted(a["date"][:10] for a in demo_articles if a.get("date"))
    lo, hi = days[10], days[30]
    expected = sum(lo <= d <= hi for d in days)
    a = demo_index.search("", date_from=lo, date_to=hi, limit=100)
    b = demo_index.search(
        "", date_from=dt.date.fromisoformat(lo), date_to=dt.datetime.fromisoformat(hi), limit=100
    )
    assert a.total == b.total == expected
    assert all(lo <= h.date.isoformat() <= hi for h in a)


def test_sort_by_date_is_newest_first(demo_index):
    hits = demo_index.search("", sort="date", limit=30).hits
    dates = [h.date for h in hits]
    assert dates == sorted(dates, reverse=True)


def test_paging_walks_the_result_list_without_overlap(demo_index):
    whole = [h.id for h in demo_index.search("", sort="date", limit=40)]
    pages = [
        h.id for off in (0, 20) for h in demo_index.search("", sort="date", limit=20, offset=off)
    ]
    assert pages == whole
    assert len(set(whole)) == 40


def test_same_search_gives_the_same_results(demo_index):
    a = demo_index.search("Regierung", limit=20).to_records()
    b = demo_index.search("Regierung", limit=20).to_records()
    assert a == b


def test_bad_query_is_a_valueerror_with_position(demo_index):
    with pytest.raises(ValueError) as e:
        demo_index.search('Merkel "Bundestag')
    err = e.value
    assert isinstance(err, ps.QueryError) and isinstance(err, ps.Error)
    assert err.position == 7  # code points: where the unclosed phrase starts
    assert "character 7" in str(err) and "closing quote" in str(err)


def test_bad_query_position_counts_code_points(demo_index):
    query = 'Österreich Übergröße "offen'
    with pytest.raises(ps.QueryError) as e:
        demo_index.search(query)
    assert query[e.value.position] == '"'


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"limit": -1}, "limit"),
        ({"limit": ps.MAX_LIMIT + 1}, "limit"),
        ({"sort": "alphabetisch"}, "sort"),
        ({"date_from": "30.10.2025x"}, None),
        ({"date_from": 20251030}, "date_from"),
        ({"date_from": "2025-12-01", "date_to": "2025-11-01"}, "from"),
        ({"match": "some"}, "match"),
    ],
)
def test_bad_arguments_are_valueerrors(demo_index, kwargs, field):
    with pytest.raises(ValueError) as e:
        demo_index.search("", **kwargs)
    assert isinstance(e.value, ps.InvalidArgumentError)
    if field is not None:
        assert e.value.field == field


def test_facet_counts_come_back_as_dicts(demo_index):
    results = demo_index.search("", facets=5)
    assert set(results.facets) >= {"actor", "country", "organisation"}
    for counts in results.facets.values():
        assert len(counts) <= 5
        assert all(isinstance(c["value"], str) and c["count"] > 0 for c in counts)
    assert demo_index.search("").facets is None


def test_monthly_counts_add_up_to_the_total(demo_index, demo_articles):
    (series,) = demo_index.monthly("")
    assert series["value"] is None
    months = [p["month"] for p in series["points"]]
    assert months == sorted(months)
    dated = sum(1 for a in demo_articles if a.get("date"))
    assert sum(p["count"] for p in series["points"]) == dated
    with pytest.raises(ps.InvalidArgumentError):
        demo_index.monthly(by="Partei")


def test_concurrent_searches_from_threads_agree(demo_index):
    expected = demo_index.search("Regierung", limit=20).to_records()
    out = []

    def run():
        for _ in range(5):
            out.append(demo_index.search("Regierung", limit=20).to_records())

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(out) == 20 and all(r == expected for r in out)


def test_misspelled_word_falls_back_to_a_suggestion(demo_index):
    exact = demo_index.search("Bundesregierung")
    assert exact.total > 0
    assert exact.suggestion is None and not exact.fuzzy
    # A swap of two letters: no spelling variant covers it, the fuzzy fallback does.
    # (Compounds of common words get no name-variant key, so a dropped "e" as in
    # "Bundesregirung" goes through the same fallback.)
    typed = demo_index.search("Bundesregierugn")
    assert typed.fuzzy
    assert typed.suggestion == "Bundesregierung"
    assert typed.total == exact.total
    assert "Meinten Sie" in typed._repr_html_()
