"""Metric primitives: figures, precision/recall/F1, accuracy, distance and assignment.

Everything here is dataset-agnostic and works on plain Python values, so the tests can
check the arithmetic on hand-built examples.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class PRF:
    """Micro-averaged precision, recall and F1 from raw counts.

    ``p_num``/``p_den``: correct predicted fillers / all predicted fillers;
    ``r_num``/``r_den``: matched gold entities / all gold entities.
    """

    p_num: int = 0
    p_den: int = 0
    r_num: int = 0
    r_den: int = 0

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: PRF) -> PRF:
        return PRF(
            self.p_num + other.p_num,
            self.p_den + other.p_den,
            self.r_num + other.r_num,
            self.r_den + other.r_den,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "p_num": self.p_num,
            "p_den": self.p_den,
            "r_num": self.r_num,
            "r_den": self.r_den,
        }


def sum_prf(items: Iterable[PRF]) -> PRF:
    total = PRF()
    for item in items:
        total = total + item
    return total


@dataclass(frozen=True, slots=True)
class Figure:
    """One reported number.

    ``kind`` is ``accuracy`` (``value = correct / n``) or ``f1`` (``value`` is the F1 of
    ``prf``; ``n`` is the number of gold items).  ``baselines`` maps a trivial predictor's
    name to the value it gets on the same items.  ``headline`` figures are the ones the
    CI gate may pin; the others are extras for diagnosis.
    """

    name: str
    label: str
    value: float | None
    n: int
    kind: str = "accuracy"
    correct: int | None = None
    prf: PRF | None = None
    baselines: dict[str, float | None] = field(default_factory=dict)
    headline: bool = True
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label,
            "kind": self.kind,
            "value": None if self.value is None else round(self.value, 4),
            "n": self.n,
            "headline": self.headline,
            "baselines": {k: None if v is None else round(v, 4) for k, v in self.baselines.items()},
        }
        if self.correct is not None:
            out["correct"] = self.correct
        if self.prf is not None:
            out.update(self.prf.to_dict())
        if self.note:
            out["note"] = self.note
        return out


def ratio(correct: int, n: int) -> float | None:
    """``correct / n``, or ``None`` when there is nothing to measure."""
    return correct / n if n else None


def most_frequent(values: Iterable[Hashable]) -> Any:
    """The most frequent value (ties: the one seen first); ``None`` for no values."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    best = max(counts.values())
    for value, count in counts.items():  # Counter keeps first-seen order
        if count == best:
            return value
    return None  # pragma: no cover


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def within_km(gold: Sequence[float], pred: Mapping[str, Any] | None, max_km: float) -> bool:
    """Whether a predicted place (``lat``/``lon`` keys) lies within ``max_km`` of the
    gold point ``(lat, lon)``; a place without coordinates is not."""
    if not pred or pred.get("lat") is None or pred.get("lon") is None:
        return False
    return haversine_km(gold[0], gold[1], float(pred["lat"]), float(pred["lon"])) <= max_km


def max_bipartite_matching(edges: Sequence[Sequence[int]], n_right: int) -> list[tuple[int, int]]:
    """Maximum-cardinality matching (Kuhn's augmenting paths).

    Args:
        edges: ``edges[i]`` lists the right-hand nodes that left node ``i`` may match.
        n_right: the number of right-hand nodes.

    Returns:
        The matched ``(left, right)`` pairs, sorted by left node.
    """
    match_right: list[int] = [-1] * n_right

    def augment(left: int, seen: list[bool]) -> bool:
        for right in edges[left]:
            if seen[right]:
                continue
            seen[right] = True
            if match_right[right] == -1 or augment(match_right[right], seen):
                match_right[right] = left
                return True
        return False

    for left in range(len(edges)):
        augment(left, [False] * n_right)
    return sorted((left, right) for right, left in enumerate(match_right) if left != -1)


def max_weight_assignment(scores: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """One-to-one assignment of rows to columns maximising the summed score (Hungarian).

    Works for rectangular matrices; rows or columns left over stay unassigned.  Pairs
    whose score is not positive are dropped from the result, so a caller can read the
    result as "the aligned pairs".  O(n^2 m); our matrices are a handful of templates.
    """
    n_rows = len(scores)
    n_cols = len(scores[0]) if n_rows else 0
    if not n_rows or not n_cols:
        return []
    transpose = n_rows > n_cols
    if transpose:
        matrix = [[scores[r][c] for r in range(n_rows)] for c in range(n_cols)]
    else:
        matrix = [list(row) for row in scores]
    n, m = len(matrix), len(matrix[0])
    # Minimise cost = -score with potentials (e-maxx formulation, 1-based).
    inf = float("inf")
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                cur = -matrix[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j], way[j] = cur, j0
                if minv[j] < delta:
                    delta, j1 = minv[j], j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = []
    for j in range(1, m + 1):
        if p[j]:
            row, col = p[j] - 1, j - 1
            if transpose:
                row, col = col, row
            if scores[row][col] > 0:
                pairs.append((row, col))
    return sorted(pairs)
