"""Results: DataFrame and records, HTML rendering and escaping."""

from __future__ import annotations

import builtins
import json

import pytest

import pressespiegel as ps


@pytest.fixture()
def hostile_index():
    index = ps.Index.create()
    index.add(
        [
            {
                "id": "x<1>",
                "title": "Angriff <script>alert('t')</script> & Co",
                "text": "Die Sanktionen <script>alert(1)</script> treffen \"Firmen\" & Banken.",
                "source": "<b>quelle</b>",
                "url": "javascript:alert(2)",
                "date": "2025-11-04",
            },
            {
                "id": "ok",
                "title": "Normal",
                "text": "Neue Sanktionen gegen Russland.",
                "url": "https://example.org/a?x=1&y=2",
            },
        ]
    )
    return index


def test_to_pandas_has_the_documented_columns_and_types(demo_index):
    pd = pytest.importorskip("pandas")
    frame = demo_index.search("Regierung", limit=15).to_pandas()
    assert list(frame.columns) == list(ps.COLUMNS)
    assert len(frame) == min(15, demo_index.search("Regierung").total)
    assert pd.api.types.is_datetime64_any_dtype(frame["date"])
    assert frame["score"].dtype == "float64"
    assert (frame["score"].diff().dropna() <= 0).all()
    assert frame["snippet"].str.len().gt(0).all()


def test_to_pandas_of_no_hits_is_an_empty_frame_with_columns(demo_index):
    pytest.importorskip("pandas")
    frame = demo_index.search("Xylophonquartett").to_pandas()
    assert frame.empty and list(frame.columns) == list(ps.COLUMNS)


def test_to_pandas_without_pandas_says_how_to_install(demo_index, monkeypatch):
    real_import = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match="pip install pandas"):
        demo_index.search("").to_pandas()


def test_to_records_is_json_serialisable(demo_index):
    records = demo_index.search("", limit=5).to_records()
    assert len(records) == 5
    assert all(list(r) == list(ps.COLUMNS) for r in records)
    back = json.loads(json.dumps(records))
    assert back == records


def test_html_escapes_article_content_and_marks_matches(hostile_index):
    html = hostile_index.search("Sanktion")._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(&#x27;t&#x27;)&lt;/script&gt;" in html
    assert "&lt;b&gt;quelle&lt;/b&gt;" in html
    assert "<mark>Sanktionen</mark>" in html
    # Only http(s) URLs become links; the href is escaped.
    assert "javascript:" not in html
    assert 'href="https://example.org/a?x=1&amp;y=2"' in html
    assert "x&lt;1&gt;" in html


def test_snippet_html_escapes_inside_and_outside_marks():
    s = ps.Snippet(text="a<b & <Sanktionen>", highlights=((7, 17),))
    assert s.marked() == ["Sanktionen"]
    assert s.html() == "a&lt;b &amp; &lt;<mark>Sanktionen</mark>&gt;"
    s = ps.Snippet(text="x <y> z", highlights=((2, 5),))
    assert s.html() == "x <mark>&lt;y&gt;</mark> z"


def test_results_behave_like_a_sequence(demo_index):
    results = demo_index.search("", limit=3)
    assert len(results) == 3
    assert results[0] is results.hits[0]
    assert [h.id for h in results] == [h.id for h in results.hits]
    assert "total=" in repr(results)
    assert "3 hits" not in results._repr_html_()  # total is all matches, not the page
    assert f"<b>{results.total}</b> hits" in results._repr_html_()
