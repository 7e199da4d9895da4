"""The datasets ``incidents eval`` knows, by name."""

from __future__ import annotations

from incidents.errors import EvaluationError
from incidents.evaluate.datasets import acled, gtd, gva, muc4, rand
from incidents.evaluate.datasets.base import Dataset, Example, select

DATASETS: dict[str, Dataset] = {
    d.name: d for d in (muc4.DATASET, gva.DATASET, rand.DATASET, gtd.DATASET, acled.DATASET)
}


def get_dataset(name: str) -> Dataset:
    """The dataset called ``name``; raises EvaluationError naming the known ones."""
    try:
        return DATASETS[name]
    except KeyError:
        raise EvaluationError(
            f"unknown dataset {name!r}; known: {', '.join(DATASETS)}"
        ) from None


__all__ = ["DATASETS", "Dataset", "Example", "get_dataset", "select"]
