#!/usr/bin/env python3
"""Count cue words in the training split of the German Wikinews quotation data.

Usage: python3 data/quotes/mine_cues.py ../shared/data/wikinews-quotes/train.jsonl [MIN_COUNT]

Prints `count<TAB>cue form<TAB>quote types` for every lower-cased cue token and every multi-token
cue phrase (e.g. "teilte mit"), most frequent first. `cues.tsv` beside this script was curated from
this output (train split only; the dev split is held out). The annotations themselves are
CC BY-NC-SA 4.0 and are not part of this repository; only the derived word list is.
"""
import collections
import json
import sys


def main():
    path = sys.argv[1]
    min_count = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    tokens = collections.Counter()
    phrases = collections.Counter()
    types = collections.defaultdict(collections.Counter)
    for line in open(path, encoding="utf-8"):
        doc = json.loads(line)
        text = doc["text"]
        for q in doc["quotes"]:
            cue = q.get("cue")
            if not cue:
                continue
            words = []
            for span in cue["spans"]:
                b, e = span["chars"]
                words += text[b:e].lower().split()
            for w in words:
                tokens[w] += 1
                types[w][q["type"]] += 1
            if len(words) > 1:
                p = " ".join(words)
                phrases[p] += 1
                types[p][q["type"]] += 1
    for counter in (tokens, phrases):
        for form, n in counter.most_common():
            if n < min_count:
                break
            t = ",".join(f"{k}:{v}" for k, v in types[form].most_common())
            print(f"{n}\t{form}\t{t}")
        print()


if __name__ == "__main__":
    main()
