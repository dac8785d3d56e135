#!/usr/bin/env python3
"""Pick the bundled demo corpus (data/demo/wikinews-de.jsonl) from the German Wikinews quotation data.

Deterministic: the same input file always gives the same selection, byte for byte.
Python 3.11, standard library only.

    python3 tools/pick_demo_corpus.py [--input ../shared/data/wikinews-quotes/train.jsonl] [--out data/demo]

Only article texts are written (CC BY 2.5, attributed in data/demo/ATTRIBUTION.md); the annotations
(`quotes`, `tokens`; CC BY-NC-SA 4.0) are never read for the selection and never written.

Selection:
1. Eligible: a real date (2004-12-01 .. 2022-12-31), 600..6000 bytes of text, at least 4 sentences.
2. Score (text only): politics / international keywords (each distinct keyword once, frequent ones
   capped), quotation marks with a speech verb nearby, well-known actors and countries.
3. For every actor in MUST_ACTORS, the best-scoring eligible article mentioning them is taken first
   (so demo searches for Merkel, Putin, Bush, Obama, ... find something).
4. The rest is filled by score (ties: id), at most PER_YEAR_CAP articles per year so dates spread.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
from pathlib import Path

TARGET = 100
PER_YEAR_CAP = 14
MIN_BYTES, MAX_BYTES = 600, 6000
SIZE_LIMIT = 1_000_000  # data/demo/wikinews-de.jsonl must stay below 1 MB

POLITICS = [
    "Präsident", "Regierung", "Minister", "Ministerin", "Kanzler", "Kanzlerin", "Wahl", "Wahlen",
    "Parlament", "Bundestag", "Partei", "Opposition", "Krieg", "Konflikt", "Truppen", "Armee",
    "Soldaten", "Anschlag", "Verhandlungen", "Abkommen", "Vertrag", "Gipfel", "Sanktionen",
    "Vereinte Nationen", "UN", "NATO", "EU", "Europäische Union", "Botschafter", "Außenminister",
    "Regierungschef", "Premierminister", "Abgeordnete", "Koalition", "Demokratie", "Proteste",
    "Demonstranten", "Polizei", "Gericht", "Flüchtlinge", "Atom", "Wirtschaft", "Sicherheit",
]
SPEECH_VERBS = [
    "sagte", "erklärte", "betonte", "kritisierte", "forderte", "warnte", "teilte mit", "sagt",
    "meinte", "äußerte", "bezeichnete", "kündigte an", "so der", "so die", "laut",
]
COUNTRIES = [
    "Deutschland", "USA", "Vereinigten Staaten", "China", "Russland", "Frankreich", "Großbritannien",
    "Irak", "Iran", "Israel", "Afghanistan", "Türkei", "Ukraine", "Polen", "Italien", "Spanien",
    "Österreich", "Schweiz", "Japan", "Nordkorea", "Südkorea", "Indien", "Pakistan", "Syrien",
    "Libanon", "Ägypten", "Brasilien", "Venezuela", "Kuba", "Palästin", "Georgien", "Serbien",
    "Kosovo", "Griechenland", "Niederlande", "Belgien", "Mexiko", "Kanada", "Sudan", "Somalia",
]
MUST_ACTORS = [
    "Merkel", "Putin", "Bush", "Obama", "Schröder", "Sarkozy", "Steinmeier", "Trump", "Chirac",
    "Blair", "Medwedew", "Ahmadinedschad", "Erdoğan", "Steinbrück", "Westerwelle", "Gabriel",
    "Köhler", "Wulff", "Gauck", "Seehofer", "Hollande", "Berlusconi", "Hu Jintao", "Kim Jong",
    "Annan", "Ban Ki-moon", "Barroso", "Juncker", "Netanjahu", "Abbas", "Karsai",
]
QUOTE_RE = re.compile(r"„[^“„]{12,}“|»[^«»]{12,}«|\"[^\"]{12,}\"")
SENTENCE_END_RE = re.compile(r"[.!?][“\"«]?\s")


def word_count(text: str, word: str) -> int:
    return len(re.findall(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text))


def score(article: dict) -> int:
    text = article["title"] + "\n" + article["text"]
    s = 0
    for kw in POLITICS:
        s += 2 * min(word_count(text, kw), 3)
    countries = sum(1 for c in COUNTRIES if c in text)
    s += 3 * min(countries, 5)
    actors = sum(1 for a in MUST_ACTORS if word_count(text, a) > 0)
    s += 5 * min(actors, 4)
    quotes = QUOTE_RE.findall(text)
    s += 4 * min(len(quotes), 5)
    s += 2 * min(sum(word_count(text, v) for v in SPEECH_VERBS), 5)
    return s


def eligible(article: dict) -> bool:
    date = article.get("date") or ""
    size = len(article["text"].encode("utf-8"))
    return (
        "2004-12-01" <= date <= "2022-12-31"
        and MIN_BYTES <= size <= MAX_BYTES
        and len(SENTENCE_END_RE.findall(article["text"] + " ")) >= 4
    )


def wikinews_url(title: str) -> str:
    path = urllib.parse.quote(title.replace(" ", "_"), safe="/(),!:'-_.~")
    return "https://de.wikinews.org/wiki/" + path


def numeric_id(article: dict) -> tuple[int, str]:
    tail = article["id"].rsplit("-", 1)[-1]
    return (int(tail) if tail.isdigit() else sys.maxsize, article["id"])


def select(articles: list[dict]) -> list[dict]:
    pool = sorted((a for a in articles if eligible(a)), key=lambda a: (-a["_score"], numeric_id(a)))
    chosen: dict[str, dict] = {}
    per_year: dict[str, int] = {}

    def take(a: dict) -> None:
        chosen[a["id"]] = a
        per_year[a["date"][:4]] = per_year.get(a["date"][:4], 0) + 1

    for actor in MUST_ACTORS:
        if any(word_count(a["text"], actor) for a in chosen.values()):
            continue
        for a in pool:
            if a["id"] not in chosen and word_count(a["title"] + "\n" + a["text"], actor):
                take(a)
                break
    for a in pool:
        if len(chosen) >= TARGET:
            break
        if a["id"] in chosen or per_year.get(a["date"][:4], 0) >= PER_YEAR_CAP:
            continue
        take(a)
    return sorted(chosen.values(), key=lambda a: (a["date"], numeric_id(a)))


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--input", type=Path,
                        default=root.parent / "shared" / "data" / "wikinews-quotes" / "train.jsonl")
    parser.add_argument("--out", type=Path, default=root / "data" / "demo")
    args = parser.parse_args()

    articles = []
    with args.input.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                raw = json.loads(line)
                # Texts and metadata only: the annotations are never used.
                a = {k: raw[k] for k in ("id", "title", "text", "date", "source") if k in raw}
                a["_score"] = score(a)
                articles.append(a)

    picked = select(articles)
    args.out.mkdir(parents=True, exist_ok=True)
    lines = []
    for a in picked:
        record = {
            "id": a["id"],
            "title": a["title"],
            "text": a["text"],
            "date": a["date"],
            "source": "de.wikinews.org",
            "url": wikinews_url(a["title"]),
        }
        lines.append(json.dumps(record, ensure_ascii=False))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    if len(data) > SIZE_LIMIT:
        print(f"selection is {len(data)} bytes, over the {SIZE_LIMIT} byte limit", file=sys.stderr)
        return 1
    (args.out / "wikinews-de.jsonl").write_bytes(data)

    rows = "\n".join(
        f"| {a['id']} | {a['date']} | [{a['title'].replace('|', '&#124;')}]({wikinews_url(a['title'])}) |"
        for a in picked
    )
    attribution = f"""# Attribution: bundled demo corpus

`wikinews-de.jsonl` holds {len(picked)} articles from German Wikinews (de.wikinews.org).

- **License:** Creative Commons Attribution 2.5 (CC BY 2.5),
  https://creativecommons.org/licenses/by/2.5/
- **Authors:** Wikinews contributors (see each article's history on de.wikinews.org).
- **Modifications:** none except selection. Titles, texts and dates are as published in the
  source data; the `url` field is derived from the title.
- **Obtained from:** the article texts of the German Wikinews quotation attribution dataset
  (Petersen-Frey and Biemann, LREC-COLING 2024). Its annotations are not included.
- **Selection:** `tools/pick_demo_corpus.py` (deterministic; rerun it to reproduce the file).

| id | date | title |
|---|---|---|
{rows}
"""
    (args.out / "ATTRIBUTION.md").write_text(attribution, encoding="utf-8")
    years = sorted({a["date"][:4] for a in picked})
    print(f"wrote {len(picked)} articles, {len(data)} bytes, years {years[0]}..{years[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
