"""Throughput of the full extraction against bare spaCy on the same texts, in one run.

    .venv/bin/python benchmarks/throughput.py [--data ../shared/data] [--n 300] [--repeat 1]

Texts: GVA news pages and GTD summaries from ../shared/data when present (read at run
time, never stored), else the bundled examples repeated.  Prints articles/s and words/s
for (a) bare ``nlp.pipe`` of the same spaCy model and (b) ``incidents`` extraction, the
ratio (b)/(a), and the peak resident memory of the process.  Both run in this process,
one after the other, after a warm-up; the gazetteer index is built beforehand.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_texts(data: Path, n: int) -> list[tuple[str, str | None]]:
    texts: list[tuple[str, str | None]] = []
    gva = data / "gva" / "gva_2013_2015.jsonl"
    gtd = data / "gtd" / "gtd_2016.csv"
    if gva.exists():
        with gva.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if row.get("text"):
                    texts.append((row["text"], row.get("dct")))
                if len(texts) >= n // 2:
                    break
    if gtd.exists():
        with gtd.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row.get("summary"):
                    texts.append((row["summary"], None))
                if len(texts) >= n:
                    break
    if not texts:
        example = (ROOT / "examples" / "dagestan-2024-06-23.txt").read_text(encoding="utf-8")
        texts = [(example, "2024-06-27")] * max(1, n // 10)
    return texts


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--n", type=int, default=300, help="number of articles")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()

    import incidents
    from incidents.nlp.pipeline import analysis_text, get_nlp
    from incidents.resolve.gazetteer import Gazetteer

    texts = load_texts(args.data, args.n)
    words = sum(len(t.split()) for t, _ in texts)
    nlp = get_nlp()
    Gazetteer.default()
    incidents.extract(texts[0][0], published=texts[0][1])  # warm-up: lazy tables, dateparser
    mem_before = peak_mb()

    start = time.perf_counter()
    for _ in range(args.repeat):
        for _doc in nlp.pipe(analysis_text(t) for t, _ in texts):
            pass
    bare = time.perf_counter() - start

    start = time.perf_counter()
    for _ in range(args.repeat):
        for text, published in texts:
            incidents.extract(text, published=published)
    full = time.perf_counter() - start

    n = len(texts) * args.repeat
    w = words * args.repeat
    print(f"texts: {len(texts)} articles, {words:,} words (x{args.repeat}); model {nlp.meta['name']} {nlp.meta['version']}")
    print(f"bare nlp.pipe      : {n / bare:8.1f} articles/s  {w / bare:9,.0f} words/s")
    print(f"incidents.extract  : {n / full:8.1f} articles/s  {w / full:9,.0f} words/s")
    print(f"ratio (extract / bare spaCy): {bare / full:.2f}x")
    print(f"peak memory: {peak_mb():.0f} MB (after model + gazetteer load: {mem_before:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
