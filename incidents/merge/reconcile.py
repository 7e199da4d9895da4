"""Reconcile the figures that several reports give for one incident (UCDP style).

Every source's figure is kept; the canonical record adds, per outcome and group:

* **best**: the figure of the most recent well-sourced report: status ``reported`` or
  ``attributed`` (never hedged, speculative, claimed or negated), later publications
  first; among one article's figures an exact count wins over "at least"/"about";
* **low**: the lowest credible figure (``reported``/``attributed``), its lower bound;
* **high**: the highest figure from a credible or ``claimed`` source, its upper bound;
  never from a hedged or speculative source.

Negated figures ("reports of ten dead are false") are kept with their sources and never
used. When no credible figure exists, low, best and high stay empty rather than invented.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

CREDIBLE = frozenset({"reported", "attributed"})
FOR_HIGH = CREDIBLE | {"claimed"}
QUALIFIER_RANK = {"exact": 0, "range": 1, "about": 2, "at_least": 3, "at_most": 4}


@dataclass(frozen=True, slots=True)
class SourceFigure:
    """One article's figure for one outcome and group."""

    outcome: str
    group: str
    value: int | None
    min: int | None
    max: int | None
    qualifier: str
    status: str
    published: dt.date | None
    order: int  # insertion order: later-stored reports break publication-date ties
    ref: int | None = None  # the casualty row id
    article: str = ""

    @property
    def lower(self) -> int | None:
        return self.min if self.min is not None else self.value

    @property
    def upper(self) -> int | None:
        return self.max if self.max is not None else self.point

    @property
    def point(self) -> int | None:
        return self.value if self.value is not None else self.lower


@dataclass(frozen=True, slots=True)
class Reconciled:
    outcome: str
    group: str
    low: int | None
    best: int | None
    high: int | None
    best_ref: int | None
    n_figures: int
    reasons: tuple[str, ...]


def reconcile(figures: Iterable[SourceFigure]) -> list[Reconciled]:
    """Reconcile the figures of one incident, one result per (outcome, group)."""
    grouped: dict[tuple[str, str], list[SourceFigure]] = defaultdict(list)
    for figure in figures:
        grouped[(figure.outcome, figure.group)].append(figure)
    return [reconcile_one(key, items) for key, items in sorted(grouped.items())]


def reconcile_one(key: tuple[str, str], figures: list[SourceFigure]) -> Reconciled:
    outcome, group = key
    credible = [f for f in figures if f.status in CREDIBLE and f.point is not None]
    reasons: list[str] = []
    best_figure = max(credible, key=_recency, default=None)
    best = best_figure.point if best_figure else None
    if best_figure is not None:
        when = best_figure.published.isoformat() if best_figure.published else "undated"
        reasons.append(
            f"best {best} from {best_figure.article or 'a report'} ({when}, "
            f"{best_figure.status}, {best_figure.qualifier})"
        )
    lows = [f.lower for f in credible if f.lower is not None]
    low = min(lows) if lows else None
    highs = [f.upper for f in figures if f.status in FOR_HIGH and f.upper is not None]
    high = max(highs) if highs else None
    if best is not None:
        low = min(low, best) if low is not None else best
        high = max(high, best) if high is not None else best
    ignored = [f for f in figures if f.status not in FOR_HIGH]
    if ignored:
        statuses = sorted({f.status for f in ignored})
        reasons.append(f"{len(ignored)} figure(s) not used: {', '.join(statuses)}")
    return Reconciled(
        outcome=outcome,
        group=group,
        low=low,
        best=best,
        high=high,
        best_ref=best_figure.ref if best_figure else None,
        n_figures=len(figures),
        reasons=tuple(reasons),
    )


def _recency(figure: SourceFigure) -> tuple[dt.date, int, int]:
    return (
        figure.published or dt.date.min,
        -QUALIFIER_RANK.get(figure.qualifier, 9),
        figure.order,
    )
