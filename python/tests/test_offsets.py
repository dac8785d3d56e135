"""Offsets are code point offsets: slicing Python strings with them gives the matched words."""

from __future__ import annotations

import pressespiegel as ps

TEXT = (
    "Größere Übergänge für Ölförderländer: Bürgerinnen 😀🇩🇪 und Außenminister "
    "beschließen Sanktionen gegen Rußland. Später folgten weitere Sanktionen."
)


def test_snippet_highlights_after_umlauts_and_emoji_slice_the_matched_word():
    index = ps.Index.create()
    index.add([{"id": "u", "title": "Ölpreis", "text": TEXT}])
    (hit,) = index.search("Sanktion", snippets=3).hits
    marked = [s.text[a:b] for s in hit.snippets for a, b in s.highlights]
    assert marked == ["Sanktionen", "Sanktionen"]
    # The UTF-8 byte offsets would have pointed elsewhere: the text has many multi-byte chars.
    s = hit.snippets[0]
    a, _ = s.highlights[0]
    assert len(s.text[:a].encode("utf-8")) != a


def test_analyze_offsets_index_the_python_string():
    tokens = ps.analyze(TEXT)
    assert tokens, "no tokens"
    for t in tokens:
        assert TEXT[t["start"] : t["end"]] == t["surface"]
    sanktionen = [t for t in tokens if t["surface"] == "Sanktionen"]
    assert len(sanktionen) == 2
    assert {t["term"] for t in sanktionen} == {"sanktion"}
    assert all(t["kind"] in ("word", "part", "variant") for t in tokens)


def test_analyze_offsets_refer_to_the_normalized_text():
    # combining diaeresis, soft hyphen, zero-width joiner (removed by normalisation)
    decomposed = "Mu\u0308ller und Sanktio\u00adnen 👩\u200d👧 heute"
    normalized = ps.normalize(decomposed)
    assert normalized == "Müller und Sanktionen 👩👧 heute"
    for t in ps.analyze(decomposed):
        assert normalized[t["start"] : t["end"]] == t["surface"]
