"""A large batch: 5,000 generated articles in one add() call."""

from __future__ import annotations

import datetime as dt

import pressespiegel as ps

N = 5_000
TOPICS = ["Sanktionen", "Zölle", "Wahlen", "Ölpreise", "Grenzkontrollen"]


def generate(n):
    start = dt.date(2020, 1, 1)
    for i in range(n):
        topic = TOPICS[i % len(TOPICS)]
        yield {
            "id": f"gen-{i:05d}",
            "title": f"Meldung {i}: {topic}",
            "text": f"Artikel {i} berichtet über {topic} und die Folgen für Europa. "
            f"Die Regierung äußerte sich am Tag {i % 28 + 1} dazu.",
            "date": start + dt.timedelta(days=i % 1500),
            "source": f"quelle{i % 7}.de",
        }


def test_five_thousand_articles_in_one_batch():
    index = ps.Index.create()
    report = index.add(generate(N))
    assert (report.read, report.indexed, report.rejected) == (N, N, 0)
    assert len(index) == N
    assert index.search("").total == N
    assert index.search("Zoll").total == N // len(TOPICS)
    last = index.search("", sort="date", limit=1).hits[0]
    assert last.date == dt.date(2020, 1, 1) + dt.timedelta(days=1499)
    (series,) = index.monthly("")
    assert sum(p["count"] for p in series["points"]) == N


def test_reindexing_the_batch_updates_every_article():
    index = ps.Index.create()
    index.add(generate(1_200))
    report = index.add(generate(1_200))
    assert (report.indexed, report.updated) == (1_200, 1_200)
    assert len(index) == 1_200


def test_bad_records_scattered_in_a_large_batch_are_each_reported():
    def records():
        for i, r in enumerate(generate(3_000)):
            if i % 500 == 499:
                r = dict(r, text="   ")
            yield r

    index = ps.Index.create()
    report = index.add(records())
    assert (report.indexed, report.rejected) == (2_994, 6)
    assert [e.record for e in report.errors] == [499, 999, 1499, 1999, 2499, 2999]
