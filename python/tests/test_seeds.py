"""The five seed articles from ../shared (skipped locally when missing, failing under CI=true)."""

from __future__ import annotations

import pytest

import pressespiegel as ps


@pytest.fixture(scope="module")
def seed_index(seeds):
    index = ps.Index.create()
    report = index.add({"id": k, "text": v} for k, v in seeds.items())
    assert (report.read, report.indexed, report.rejected) == (5, 5, 0), report.errors
    return index


def test_sanktion_finds_003_and_004_with_sanktionen_highlighted(seed_index, seeds):
    results = seed_index.search("Sanktion")
    assert sorted(h.id for h in results) == ["003", "004"]
    for hit in results:
        marked = [m for s in hit.snippets for m in s.marked()]
        assert "Sanktionen" in marked, (hit.id, marked)
        for s in hit.snippets:
            assert s.text.replace("…", "").strip()[:20] in seeds[hit.id] or s.text.startswith("…")


def test_oel_and_oel_with_umlaut_find_the_same_articles(seed_index):
    a = sorted(h.id for h in seed_index.search("Öl", limit=10))
    b = sorted(h.id for h in seed_index.search("Oel", limit=10))
    assert a and a == b


def test_xi_jinping_phrase_is_found_in_seed_texts(seed_index, seeds):
    results = seed_index.search('"Xi Jinping"', limit=10)
    expected = sorted(k for k, v in seeds.items() if "Xi Jinping" in v)
    assert sorted(h.id for h in results) == expected
    for hit in results:
        for s in hit.snippets:
            for a, b in s.highlights:
                assert s.text[a:b] == "Xi Jinping"


def test_seed_results_render_as_html_and_frames(seed_index):
    pytest.importorskip("pandas")
    results = seed_index.search("Trump", limit=5)
    assert results.total >= 2
    assert "<mark>Trump</mark>" in results._repr_html_()
    frame = results.to_pandas()
    assert list(frame["id"]) == [h.id for h in results]
