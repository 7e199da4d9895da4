"""Ingest throughput against extraction alone, on the same articles, in the same run.

    python benchmarks/ingest.py                       # 300 synthetic articles, SQLite
    python benchmarks/ingest.py --articles 1000 --workers 2
    python benchmarks/ingest.py --gva ../shared/data/gva   # real GVA texts (read at run time)
    python benchmarks/ingest.py --db postgresql://user@host/db

Writes the articles as .txt files into a temporary directory, warms the model up, then
alternates ``extract`` (read_inputs + extract_articles, results discarded) and ``ingest``
(the same, stored into a fresh database, merged) ``--repeat`` times, and prints the median
rate of each and their ratio. The store must not be the bottleneck: the target is a ratio
of at least 0.8. Rates per CPU second (this process and its extraction workers) are
printed too: on a machine busy with other work they vary much less than wall-clock rates.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

CITIES = [
    ("Springfield", "Illinois"),
    ("Chicago", "Illinois"),
    ("Houston", "Texas"),
    ("Baltimore", "Maryland"),
    ("Memphis", "Tennessee"),
    ("Kandahar", "Kandahar"),
    ("Kabul", "Kabul"),
    ("Maiduguri", "Borno"),
    ("Kano", "Kano"),
    ("Aleppo", "Aleppo"),
    ("Homs", "Homs"),
    ("Mosul", "Nineveh"),
    ("Baghdad", "Baghdad"),
    ("Peshawar", "Khyber Pakhtunkhwa"),
    ("Quetta", "Balochistan"),
    ("Mogadishu", "Banaadir"),
    ("Makhachkala", "Dagestan"),
    ("Derbent", "Dagestan"),
    ("Sanaa", "Sanaa"),
    ("Benghazi", "Cyrenaica"),
]
MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
ACTORS = ["gunmen", "a suicide bomber", "militants", "unidentified attackers", "a lone attacker"]
TARGETS = ["a police checkpoint", "a market", "a mosque", "a bus station", "an army convoy"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    (
        "At least {killed} people were killed and {injured} injured when {actor} attacked "
        "{target} in {city} on {day}, {date}, officials said."
    ),
    "The attack in {city}, {region}, happened at about {hour} p.m., police said.",
    "A spokesman for the provincial government said {killed2} of the dead were civilians.",
    "No group has claimed responsibility for the attack.",
    "Witnesses said the attackers fled in a white car towards the outskirts of {city}.",
    "The wounded were taken to the main hospital, where {critical} were in critical condition.",
    "It was the {nth} attack in the region this month, according to local media.",
    "Security forces later cordoned off the area and searched nearby buildings.",
]


def synthetic_articles(folder: Path, count: int, seed: int = 5) -> None:
    """``count`` distinct news-like texts built from sentence templates."""
    rng = random.Random(seed)
    for n in range(count):
        city, region = rng.choice(CITIES)
        killed = rng.randint(1, 40)
        values = {
            "killed": killed,
            "killed2": rng.randint(0, killed),
            "injured": rng.randint(0, 80),
            "critical": rng.randint(1, 9),
            "actor": rng.choice(ACTORS),
            "target": rng.choice(TARGETS),
            "city": city,
            "region": region,
            "day": rng.choice(DAYS),
            "date": f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2014, 2016)}",
            "hour": rng.randint(1, 11),
            "nth": rng.choice(["second", "third", "fourth"]),
        }
        sentences = [TEMPLATES[0]] + rng.sample(TEMPLATES[1:], k=rng.randint(3, 6))
        text = " ".join(s.format(**values) for s in sentences)
        text += f" (Report {n}.)"
        (folder / f"article-{n:05d}.txt").write_text(text, encoding="utf-8")


def gva_articles(folder: Path, path: Path, count: int) -> int:
    """Up to ``count`` non-empty GVA article texts (read at run time, never kept)."""
    source = path / "gva_2013_2015.jsonl" if path.is_dir() else path
    written = 0
    seen: set[str] = set()
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            if written >= count:
                break
            text = json.loads(line).get("text") or ""
            if text.strip() and text not in seen:  # ingest would skip a repeated text
                seen.add(text)
                (folder / f"gva-{written:05d}.txt").write_text(text, encoding="utf-8")
                written += 1
    return written


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the extraction workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def time_extract(folder: Path, workers: int) -> tuple[int, float, float]:
    from incidents.ingest import read_inputs
    from incidents.pipeline import extract_articles

    start, cpu = time.perf_counter(), cpu_seconds()
    count = sum(1 for _ in extract_articles(read_inputs([str(folder)]), workers=workers))
    return count, time.perf_counter() - start, cpu_seconds() - cpu


def time_ingest(folder: Path, workers: int, url: str) -> tuple[int, float, float]:
    from incidents.ingest import read_inputs
    from incidents.store import ingest_items, open_store

    with open_store(url) as store:  # creating the schema is not part of the measure
        start, cpu = time.perf_counter(), cpu_seconds()
        summary = ingest_items(store, read_inputs([str(folder)]), workers=workers)
        elapsed, used = time.perf_counter() - start, cpu_seconds() - cpu
    if summary.articles_failed or summary.articles_skipped:
        print(f"warning: {summary.line()}", file=sys.stderr)
    return summary.processed, elapsed, used


def fresh_url(base: str | None, tmp: Path, run: int) -> str:
    if base is None:
        return f"sqlite:///{tmp / f'bench-{run}.db'}"
    if base.startswith("postgresql"):
        from sqlalchemy import create_engine, text

        name = f"incidents_bench_{uuid.uuid4().hex[:8]}"
        engine = create_engine(base.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return base.rsplit("/", 1)[0] + "/" + name
    return base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gva", type=Path, help="read article texts from this GVA folder/file")
    parser.add_argument("--db", help="benchmark this database (default: fresh SQLite files)")
    args = parser.parse_args(argv)

    from incidents import extract

    with tempfile.TemporaryDirectory(prefix="incidents-bench-") as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        if args.gva:
            count = gva_articles(folder, args.gva, args.articles)
            kind = "GVA"
        else:
            synthetic_articles(folder, args.articles)
            count, kind = args.articles, "synthetic"
        extract("Gunmen killed two people in Kabul on Monday.", published="2024-01-02")  # warm up
        rates: dict[str, list[float]] = {
            "extract": [],
            "ingest": [],
            "extract cpu": [],
            "ingest cpu": [],
        }
        for run in range(args.repeat):
            n, seconds, cpu = time_extract(folder, args.workers)
            rates["extract"].append(n / seconds)
            rates["extract cpu"].append(n / cpu)
            url = fresh_url(args.db, Path(tmp), run)
            n, seconds, cpu = time_ingest(folder, args.workers, url)
            rates["ingest"].append(n / seconds)
            rates["ingest cpu"].append(n / cpu)
    median = {name: statistics.median(values) for name, values in rates.items()}
    print(f"articles: {count} {kind}, workers: {args.workers}, runs: {args.repeat} (medians)")
    print(f"extract: {median['extract']:8.1f} articles/s")
    print(
        f"ingest:  {median['ingest']:8.1f} articles/s  (into {args.db or 'SQLite'}, with merging)"
    )
    print(f"ratio ingest/extract: {median['ingest'] / median['extract']:.2f}  (target >= 0.80)")
    print(
        f"per CPU second: extract {median['extract cpu']:.1f}, ingest {median['ingest cpu']:.1f} "
        f"articles, ratio {median['ingest cpu'] / median['extract cpu']:.2f} "
        "(steadier on a busy machine)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
