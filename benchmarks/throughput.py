"""Throughput of the full extraction against bare spaCy on the same texts, in one run.

    .venv/bin/python benchmarks/throughput.py [--data ../shared/data] [--n 300] [--repeat 1]

Texts: GVA news pages and GTD summaries from ../shared/data when present (read at run
time, never stored), else the bundled examples repeated.  Prints articles/s and words/s
for (a) bare ``nlp.pipe`` of the same spaCy model (batch size 32) and (b) ``incidents``
extraction with ``incidents.extract_articles`` (what ``incidents extract`` runs in one
process), the ratio (b)/(a), and each side's
peak resident memory.  Each side runs in its own process after a warm-up; the gazetteer
index must have been built before (any earlier run builds it).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
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


def measure(mode: str, data: Path, n: int, repeat: int) -> dict[str, float]:
    """One measurement in this process: 'bare' (nlp.pipe) or 'extract' (incidents)."""
    import incidents
    from incidents.ingest.text import make_article
    from incidents.nlp.pipeline import analysis_text, get_nlp
    from incidents.resolve.gazetteer import Gazetteer

    texts = load_texts(data, n)
    words = sum(len(t.split()) for t, _ in texts)
    nlp = get_nlp()
    if mode == "extract":
        Gazetteer.default()
        incidents.extract(texts[0][0], published=texts[0][1])  # warm-up: lazy tables, dateparser
    else:
        for _doc in nlp.pipe([analysis_text(texts[0][0])]):
            pass
    loaded = peak_mb()
    start = time.perf_counter()
    for _ in range(repeat):
        if mode == "bare":
            for _doc in nlp.pipe((analysis_text(t) for t, _ in texts), batch_size=32):
                pass
        else:
            articles = [make_article(id=str(i), text=t, published=p) for i, (t, p) in enumerate(texts)]
            for _result in incidents.extract_articles(articles):
                pass
    seconds = time.perf_counter() - start
    return {"articles": len(texts) * repeat, "words": words * repeat, "seconds": seconds, "peak_mb": peak_mb(), "loaded_mb": loaded}


def run_child(mode: str, args: argparse.Namespace) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", mode, "--data", str(args.data), "--n", str(args.n), "--repeat", str(args.repeat)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--n", type=int, default=300, help="number of articles")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", choices=["bare", "extract"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child, args.data, args.n, args.repeat)))
        return 0

    # each side in its own process, so neither's memory or caches flatter the other
    bare = run_child("bare", args)
    full = run_child("extract", args)
    from incidents.nlp.pipeline import get_nlp

    meta = get_nlp().meta
    print(f"texts: {int(full['articles'] / args.repeat)} articles, {int(full['words'] / args.repeat):,} words (x{args.repeat}); model {meta['name']} {meta['version']}")
    for label, r in (("bare nlp.pipe     ", bare), ("incidents.extract ", full)):
        print(f"{label} : {r['articles'] / r['seconds']:8.1f} articles/s  {r['words'] / r['seconds']:9,.0f} words/s  peak {r['peak_mb']:6.0f} MB (loaded {r['loaded_mb']:.0f} MB)")
    print(f"ratio (extract / bare spaCy): {bare['seconds'] / full['seconds']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
