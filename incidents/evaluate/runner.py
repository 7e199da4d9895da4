"""Run an evaluation: read a dataset, select documents, extract, score, report."""

from __future__ import annotations

import importlib.util
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from incidents.evaluate.datasets import Dataset, Example, get_dataset, select
from incidents.evaluate.report import Report
from incidents.model import Extraction, Failure
from incidents.pipeline import extract_articles

log = logging.getLogger(__name__)


def load_examples(
    dataset: str | Dataset,
    data: str | Path,
    offset: int = 0,
    limit: int | None = None,
    every: int = 1,
) -> list[Example]:
    """The selected examples of a dataset, in file order.

    Args:
        dataset: a dataset name (``muc4``, ``gva``, ``rand``, ``gtd``, ``acled``) or object.
        data: the dataset folder or file.
        offset, limit, every: skip ``offset`` usable documents, then take every
            ``every``-th, at most ``limit``.

    Raises:
        EvaluationError: unknown dataset, missing path, or a file of the wrong shape.
    """
    spec = get_dataset(dataset) if isinstance(dataset, str) else dataset
    return list(select(spec.read(Path(data)), offset=offset, limit=limit, every=every))


def _parallel_available() -> bool:
    return importlib.util.find_spec("incidents.batch") is not None


def run(
    dataset: str | Dataset,
    examples: Sequence[Example],
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    data: str = "",
    selection: Mapping[str, Any] | None = None,
) -> Report:
    """Extract every example's article, score the predictions and build the report.

    ``progress(n)`` is called after each document with the number just finished.
    Articles that fail extraction are scored as empty predictions and listed in the
    report's failures.
    """
    spec = get_dataset(dataset) if isinstance(dataset, str) else dataset
    notes: list[str] = []
    if workers > 1 and not _parallel_available():
        notes.append(f"parallel extraction unavailable (no incidents.batch): ran 1 worker, not {workers}")
        workers = 1
    records = []
    preds = []
    version = ""
    start = time.perf_counter()
    results = extract_articles((e.article for e in examples), workers=workers)
    for example, result in zip(examples, results, strict=True):
        record: dict[str, object] = {"id": example.article.id}
        if isinstance(result, Extraction):
            version = version or result.extractor_version
            pred = spec.predict(result.to_dict())
        else:
            assert isinstance(result, Failure)
            pred = spec.predict(None)
            record["error"] = result.error
        record["gold"] = example.gold
        record["pred"] = pred
        records.append(record)
        preds.append(pred)
        if progress is not None:
            progress(1)
    seconds = time.perf_counter() - start
    figures, marks = spec.score([e.gold for e in examples], preds)
    for record, mark in zip(records, marks, strict=True):
        record["marks"] = mark
    return Report(
        dataset=spec.name,
        title=spec.title,
        data=data,
        selection=dict(selection or {}),
        figures=figures,
        records=records,
        words=sum(len(e.article.text.split()) for e in examples),
        seconds=seconds,
        workers=workers,
        extractor_version=version,
        notes=notes,
    )


def evaluate(
    dataset: str,
    data: str | Path,
    offset: int = 0,
    limit: int | None = None,
    every: int = 1,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
) -> Report:
    """Read, select, extract and score in one call (see :func:`load_examples`, :func:`run`)."""
    examples = load_examples(dataset, data, offset=offset, limit=limit, every=every)
    selection = {"offset": offset, "limit": limit, "every": every}
    return run(dataset, examples, workers=workers, progress=progress, data=str(data),
               selection=selection)
