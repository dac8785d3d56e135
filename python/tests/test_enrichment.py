"""Facets, quotations and entities from Python: filters, counts, quote search by speaker,
code point offsets."""

import pressespiegel as ps

TEXT = (
    "„Wir haben lange darüber gesprochen“, sagte US-Präsident Donald Trump nach dem Treffen "
    "mit dem chinesischen Präsidenten Xi Jinping in Busan. Peking äußerte sich zunächst nicht."
)


def _index():
    index = ps.Index.create()
    index.add(
        [
            {"id": "a", "title": "Gipfel in Busan", "date": "2025-10-30", "text": TEXT},
            {
                "id": "b",
                "title": "Sanktionen",
                "date": "2025-11-04",
                "text": "Der russische Präsident Wladimir Putin kritisierte die Sanktionen gegen Moskau.",
            },
        ]
    )
    return index


def test_entities_with_code_point_offsets():
    e = ps.entities(TEXT)
    names = {a["name"] for a in e["actors"]}
    assert {"Donald Trump", "Xi Jinping"} <= names
    codes = {c["code"] for c in e["countries"]}
    assert {"US", "CN"} <= codes
    for m in e["mentions"]:
        assert 0 <= m["start"] < m["end"] <= len(TEXT)
    peking = [m for m in e["mentions"] if TEXT[m["start"] : m["end"]] == "Peking"]
    assert peking and peking[0]["key"] == "CN"


def test_extract_quotes_with_speaker_and_code_point_spans():
    quotes = ps.extract_quotes(TEXT)
    q = quotes[0]
    assert q["kind"] == "direct"
    start, end = q["spans"][0]
    assert TEXT[start:end] == "„Wir haben lange darüber gesprochen“"
    assert q["speaker"]["actor"] == "Donald Trump"


def test_extract_quotes_addressee():
    text = "„Das ist ein großer Fehler“, sagte sie gegenüber Reportern."
    q = ps.extract_quotes(text)[0]
    start, end = q["addressee"]["spans"][0]
    assert text[start:end] == q["addressee"]["text"] == "Reportern"
    assert ps.extract_quotes("„Wir haben lange darüber gesprochen“, sagte Trump.")[0]["addressee"] is None


def test_facets_and_filters():
    index = _index()
    r = index.search(facets=5)
    actors = {f["value"]: f["count"] for f in r.facets["actor"]}
    assert actors["Donald Trump"] == 1 and actors["Wladimir Putin"] == 1
    assert [h.id for h in index.search(actors=["Wladimir Putin"])] == ["b"]
    assert [h.id for h in index.search(countries=["CN"])] == ["a"]
    assert {h.id for h in index.search(countries=["CN", "RU"], match="any")} == {"a", "b"}
    pairs = index.cooccurrence(a="actor", b="country")
    assert {"a": "Donald Trump", "b": "US", "count": 1} in pairs


def test_quote_search_by_speaker():
    index = _index()
    r = index.search("gesprochen", speaker="Donald Trump", quotes=True, facets=3)
    assert r.total == 1
    hit = r[0]
    assert hit["actor"] == "Donald Trump"
    s, e = hit["highlights"][0]
    assert hit["text"][s:e] == "gesprochen"
    assert r.speakers[0]["value"] == "Donald Trump"
    html = r._repr_html_()
    assert "<mark>gesprochen</mark>" in html
    frame = r.to_pandas()
    assert list(frame.columns) == list(ps.QUOTE_COLUMNS)
    assert index.search("gesprochen", speaker="Xi Jinping", quotes=True).total == 0
