"""Evaluation against labelled datasets: the library behind ``incidents eval``.

    from incidents.evaluate import evaluate, render_text
    report = evaluate("gva", "../shared/data/gva", limit=100, workers=2)
    print(render_text(report))
    report.figure("killed_exact").value      # 0..1
    report.to_dict()                          # what ``--json`` writes

Datasets: ``muc4``, ``gva``, ``rand``, ``gtd``, ``acled`` (see ``docs/evaluation.md``).
Every reader takes the dataset folder or its file, and raises
:class:`~incidents.errors.EvaluationError` on a missing path or a file of the wrong shape.
"""

from __future__ import annotations

from incidents.evaluate.datasets import DATASETS, Dataset, Example, get_dataset
from incidents.evaluate.metrics import PRF, Figure
from incidents.evaluate.report import Report, render_text
from incidents.evaluate.runner import evaluate, load_examples, run

__all__ = [
    "DATASETS",
    "PRF",
    "Dataset",
    "Example",
    "Figure",
    "Report",
    "evaluate",
    "get_dataset",
    "load_examples",
    "render_text",
    "run",
]
