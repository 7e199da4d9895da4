"""Measure merging: B-cubed precision, recall and F1 of article clusters against gold.

On the GVA development slice (``gva_2013_2015.jsonl``), several articles report the same
Gun Violence Archive incident (``incident_id``). :func:`evaluate_merge` ingests the
articles into a database (a throwaway SQLite file unless ``db_url`` is given), takes each
article's main incident's canonical incident as its cluster (an article with no incident
is a cluster of its own), and scores the clusters against the gold incident ids.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import defaultdict
from collections.abc import Hashable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any

from incidents.errors import EvaluationError
from incidents.model import Article, Failure

GVA_FILE = "gva_2013_2015.jsonl"
GVA_FIELDS = {"id": "doc_id", "published": "dct", "url": "uri"}


def bcubed(predicted: Mapping[str, Hashable], gold: Mapping[str, Hashable]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against gold.

    Every gold item must have a predicted cluster.

    Raises:
        EvaluationError: an item of ``gold`` is missing from ``predicted``.
    """
    missing = [item for item in gold if item not in predicted]
    if missing:
        raise EvaluationError(f"{len(missing)} item(s) have no predicted cluster: {missing[:3]}")
    if not gold:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    by_predicted: dict[Hashable, set[str]] = defaultdict(set)
    by_gold: dict[Hashable, set[str]] = defaultdict(set)
    for item in gold:
        by_predicted[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        mine = by_predicted[predicted[item]]
        truth = by_gold[gold[item]]
        correct = len(mine & truth)
        precision += correct / len(mine)
        recall += correct / len(truth)
    precision /= len(gold)
    recall /= len(gold)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def gva_file(data_path: str | Path) -> Path:
    """The GVA JSONL file: ``data_path`` itself, or ``gva_2013_2015.jsonl`` inside it.

    Raises:
        EvaluationError: no such file.
    """
    path = Path(data_path)
    if path.is_dir():
        path = path / GVA_FILE
    if not path.is_file():
        raise EvaluationError(
            f"GVA data not found at {data_path}: pass the gva folder or {GVA_FILE}"
        )
    return path


def read_gold(path: Path, limit: int | None = None) -> dict[str, str]:
    """doc_id -> gold incident_id, in file order.

    Raises:
        EvaluationError: a line is not JSON or lacks ``doc_id``/``incident_id``.
    """
    gold: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if limit is not None and len(gold) >= limit:
                break
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                gold[str(row["doc_id"])] = str(row["incident_id"])
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise EvaluationError(f"{path}, line {number}: not a GVA record ({exc})") from None
    return gold


def read_articles(path: Path, limit: int | None = None) -> Iterator[Article | Failure]:
    """The GVA articles through the regular ingest reader (id=doc_id, published=dct)."""
    from incidents.ingest import read_inputs

    return islice(read_inputs([str(path)], fields=GVA_FIELDS), limit)


def evaluate_merge(
    data_path: str | Path,
    limit: int | None = None,
    db_url: str | None = None,
    workers: int = 1,
) -> dict[str, Any]:
    """Ingest the GVA slice and score its merged clusters (B-cubed over articles).

    Args:
        data_path: the ``gva`` folder or its ``gva_2013_2015.jsonl``.
        limit: only the first ``limit`` articles (in file order).
        db_url: a database to ingest into (kept); a temporary SQLite file by default.
        workers: extraction worker processes.

    Returns:
        ``precision``, ``recall``, ``f1`` and the same for the all-singletons baseline,
        with counts of articles, articles with an incident, and clusters.

    Raises:
        EvaluationError: missing or malformed data. StoreError: database problems.
    """
    from incidents.store import ingest_items, open_store
    from incidents.store.save import content_hash

    path = gva_file(data_path)
    gold = read_gold(path, limit)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="incidents-merge-eval-") as tmp:
        url = db_url or f"sqlite:///{Path(tmp) / 'merge-eval.db'}"
        with open_store(url) as store:
            hashes: dict[str, str] = {}

            def remember(items: Iterator[Article | Failure]) -> Iterator[Article | Failure]:
                for item in items:
                    if isinstance(item, Article):
                        hashes[item.id] = content_hash(item.text)
                    yield item

            summary = ingest_items(store, remember(read_articles(path, limit)), workers=workers)
            clusters = store.canonicals_by_content()
    predicted: dict[str, Hashable] = {}
    with_incident = 0
    for doc in gold:
        found = clusters.get(hashes.get(doc, ""), [])
        if found:
            with_incident += 1
            predicted[doc] = ("canonical", found[0])
        else:
            predicted[doc] = ("alone", doc)
    scores = bcubed(predicted, gold)
    baseline = bcubed({doc: ("alone", doc) for doc in gold}, gold)
    return {
        "dataset": str(path),
        "articles": len(gold),
        "articles_with_incident": with_incident,
        "gold_clusters": len(set(gold.values())),
        "predicted_clusters": len(set(predicted.values())),
        **{k: round(v, 4) for k, v in scores.items()},
        "singleton_baseline": {k: round(v, 4) for k, v in baseline.items()},
        "ingest": summary.line(),
        "seconds": round(time.monotonic() - started, 1),
    }
