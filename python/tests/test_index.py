"""Creating, opening, adding: reports, upserts, bad records, storage errors."""

from __future__ import annotations

import datetime as dt

import pytest

import pressespiegel as ps


def art(i, **kw):
    base = {"id": f"a{i}", "title": f"Titel {i}", "text": f"Text über Sanktionen Nummer {i}."}
    base.update(kw)
    return base


def test_in_memory_index_counts_and_reports():
    index = ps.Index.create()
    assert index.path is None
    report = index.add([art(1), art(2), art(3)])
    assert (report.read, report.indexed, report.updated, report.rejected) == (3, 3, 0, 0)
    assert report.ok and report.errors == []
    assert len(index) == 3
    assert "a2" in index and "zz" not in index


def test_same_id_replaces_the_article_and_counts_as_updated():
    index = ps.Index.create()
    index.add([art(1, title="alt")])
    report = index.add([art(1, title="neu"), art(2)])
    assert (report.indexed, report.updated) == (2, 1)
    assert len(index) == 2
    assert [h.title for h in index.search("title:neu")] == ["neu"]
    assert index.search("title:alt").total == 0


def test_bad_records_are_reported_and_the_rest_is_indexed():
    index = ps.Index.create()
    records = [
        art(0),
        {"id": "no-text", "title": "leer"},
        "kein dict",
        art(3, date="gestern"),
        {"id": 4, "text": "id ist eine Zahl"},
        art(5, tags=5),
        art(6),
    ]
    report = index.add(records)
    assert (report.read, report.indexed, report.rejected) == (7, 2, 5)
    by_record = {e.record: e for e in report.errors}
    assert sorted(by_record) == [1, 2, 3, 4, 5]
    assert "missing text" in by_record[1].error and by_record[1].id == "no-text"
    assert "expected a mapping" in by_record[2].error and "str" in by_record[2].error
    assert "gestern" in by_record[3].error and by_record[3].id == "a3"
    assert by_record[4].id is None
    assert sorted(h.id for h in index.search("")) == ["a0", "a6"]


def test_dates_accept_date_datetime_and_german_strings():
    index = ps.Index.create()
    index.add(
        [
            art(1, date=dt.date(2025, 10, 30)),
            art(2, date=dt.datetime(2025, 11, 24, 20, 21)),
            art(3, date="24.11.2025, 20:21 Uhr"),
            art(4),
        ]
    )
    hits = {h.id: h for h in index.search("", limit=10)}
    assert hits["a1"].date == dt.date(2025, 10, 30) and hits["a1"].time is None
    assert hits["a2"].date == dt.date(2025, 11, 24) and hits["a2"].time == dt.time(20, 21)
    assert hits["a2"].datetime == dt.datetime(2025, 11, 24, 20, 21)
    assert hits["a3"].datetime == hits["a2"].datetime
    assert hits["a4"].date is None and hits["a4"].datetime is None


def test_single_mapping_and_missing_values_from_pandas_rows():
    index = ps.Index.create()
    assert index.add(art(1)).indexed == 1
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        [
            art(2, source="ntv.de", date=pd.Timestamp("2025-11-01")),
            art(3, source=None, date=pd.NaT),
        ]
    )
    report = index.add(frame)
    assert report.ok, report.errors
    hits = {h.id: h for h in index.search("", limit=10)}
    assert hits["a2"].source == "ntv.de" and hits["a2"].date == dt.date(2025, 11, 1)
    assert hits["a3"].source is None and hits["a3"].date is None


def test_on_disk_index_persists_and_reopens(tmp_path):
    path = tmp_path / "idx"
    index = ps.Index.create(path)
    assert index.path == str(path)
    index.add([art(1), art(2)])
    del index
    reopened = ps.Index.open(path)
    assert len(reopened) == 2
    assert reopened.search("Nummer").total == 2
    assert reopened.stats()["path"] == str(path)


def test_creating_over_an_existing_index_is_a_storage_error(tmp_path):
    ps.Index.create(tmp_path / "idx")
    with pytest.raises(ps.StorageError) as e:
        ps.Index.create(tmp_path / "idx")
    assert isinstance(e.value, OSError) and isinstance(e.value, ps.Error)
    assert "already holds an index" in str(e.value)
    assert e.value.filename == str(tmp_path / "idx")


def test_missing_directory_is_an_oserror_naming_the_path(tmp_path):
    missing = tmp_path / "nowhere"
    with pytest.raises(OSError) as e:
        ps.Index.open(missing)
    assert isinstance(e.value, ps.StorageError)
    assert str(missing) in str(e.value)
    assert "no such index directory" in str(e.value)
    assert not missing.exists()


def test_a_directory_without_index_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("hallo")
    with pytest.raises(ps.StorageError, match="not an index"):
        ps.Index.open(tmp_path)


def test_an_exception_from_the_iterable_commits_nothing():
    index = ps.Index.create()

    def records():
        yield art(1)
        yield art(2)
        raise RuntimeError("Quelle kaputt")

    with pytest.raises(RuntimeError, match="Quelle kaputt"):
        index.add(records())
    assert len(index) == 0


def test_add_files_reads_json_lines_and_reports_bad_lines(tmp_path):
    data = tmp_path / "news"
    data.mkdir()
    (data / "a.jsonl").write_text(
        '{"id": "j1", "title": "Eins", "text": "Sanktionen gegen Russland.", "date": "2025-11-04"}\n'
        "{kaputt\n"
        '{"id": "j3", "text": "Zölle auf Stahl."}\n',
        encoding="utf-8",
    )
    (data / "b.txt").write_text("Peking (Reuters) - China und Russland rücken zusammen.")
    index = ps.Index.create()
    report = index.add_files(data)
    assert (report.read, report.indexed, report.rejected) == (4, 3, 1)
    (err,) = report.errors
    assert "a.jsonl:2" in err.error and err.record is None
    assert sorted(h.id for h in index.search("", limit=10)) == ["b", "j1", "j3"]
    (hit,) = index.search("Reuters OR rücken").hits
    assert hit.agency == "Reuters"


def test_add_files_with_a_missing_path_raises_and_indexes_nothing(tmp_path):
    good = tmp_path / "ok.txt"
    good.write_text("Ein kurzer Artikel über Wahlen.")
    index = ps.Index.create()
    with pytest.raises(OSError) as e:
        index.add_files([good, tmp_path / "fehlt.jsonl"])
    assert isinstance(e.value, ps.StorageError)
    assert "fehlt.jsonl" in str(e.value) and e.value.errno == 2
    assert len(index) == 0
