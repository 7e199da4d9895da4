"""Table-driven scoring of per-document fields, with trivial baselines.

A dataset declares its figures as :class:`Field` rows: how to read the gold value, how
to read the predicted value, how to compare them, and which trivial predictors to score
on the same documents.  :func:`score_fields` turns them into
:class:`~incidents.evaluate.metrics.Figure` objects and per-document marks.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from incidents.evaluate.metrics import Figure, most_frequent, ratio

GoldDoc = Mapping[str, Any]
PredDoc = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Baseline:
    """A trivial predictor: one constant prediction chosen from the gold values.

    ``predict`` gets the gold values of the scored documents and returns the constant
    prediction; ``show`` renders it for the report.
    """

    name: str
    predict: Callable[[Sequence[Any]], Any]
    show: Callable[[Any], str] | None = None

    def label(self, guess: Any) -> str:
        """The report's name for this baseline, with its constant when it was chosen."""
        return f"{self.name} ({self.show(guess)})" if self.show else self.name


def constant(value: Any, name: str | None = None) -> Baseline:
    """The baseline that always predicts ``value``."""
    return Baseline(name or f"always {value}", lambda _golds: value)


def modal(
    name: str = "most frequent",
    to_pred: Callable[[Any], Any] = lambda v: v,
    show: Callable[[Any], str] = str,
) -> Baseline:
    """The baseline that always predicts the most frequent gold value of the scored set."""
    return Baseline(name, lambda golds: to_pred(most_frequent(golds)), show)


@dataclass(frozen=True, slots=True)
class Field:
    """One per-document figure.

    ``gold(gold_doc)`` returns the gold value, or ``None`` when the document does not
    take part in this figure (no gold value, or outside the figure's subset);
    ``pred(pred_doc)`` returns the predicted value; ``match(gold, pred)`` decides.
    """

    name: str
    label: str
    gold: Callable[[GoldDoc], Any]
    pred: Callable[[PredDoc], Any]
    match: Callable[[Any, Any], bool] = operator.eq
    baselines: tuple[Baseline, ...] = ()
    headline: bool = True
    note: str = ""


def key(name: str) -> Callable[[Mapping[str, Any]], Any]:
    """A reader for one key of a gold or predicted document."""
    return lambda doc: doc.get(name)


def field_scorer(
    fields: Sequence[Field],
) -> Callable[[Sequence[GoldDoc], Sequence[PredDoc]], tuple[list[Figure], list[dict[str, Any]]]]:
    """A dataset's ``score`` function for a table of fields."""

    def score(golds: Sequence[GoldDoc], preds: Sequence[PredDoc]) -> tuple[list[Figure], list[dict[str, Any]]]:
        figures, marks = score_fields(fields, golds, preds)
        return figures, [dict(m) for m in marks]

    return score


def score_fields(
    fields: Sequence[Field], golds: Sequence[GoldDoc], preds: Sequence[PredDoc]
) -> tuple[list[Figure], list[dict[str, bool]]]:
    """Score every field over aligned gold and predicted documents.

    Returns:
        The figures (one per field, in order) and, per document, ``{field name: correct}``
        for the fields that document takes part in.
    """
    if len(golds) != len(preds):
        raise ValueError(f"{len(golds)} gold documents but {len(preds)} predictions")
    marks: list[dict[str, bool]] = [{} for _ in golds]
    figures = []
    for field in fields:
        gold_values, pred_values, correct = [], [], 0
        for i, (gold_doc, pred_doc) in enumerate(zip(golds, preds)):
            gold = field.gold(gold_doc)
            if gold is None:
                continue
            pred = field.pred(pred_doc)
            hit = bool(field.match(gold, pred))
            marks[i][field.name] = hit
            correct += hit
            gold_values.append(gold)
            pred_values.append(pred)
        n = len(gold_values)
        baselines: dict[str, float | None] = {}
        for baseline in field.baselines:
            if not n:
                continue
            guess = baseline.predict(gold_values)
            hits = sum(bool(field.match(g, guess)) for g in gold_values)
            baselines[baseline.label(guess)] = ratio(hits, n)
        figures.append(
            Figure(
                name=field.name,
                label=field.label,
                value=ratio(correct, n),
                n=n,
                correct=correct,
                baselines=baselines,
                headline=field.headline,
                note=field.note,
            )
        )
    return figures, marks
