"""Cross-article merging: blocking, similarity, reconciliation of figures, evaluation.

Pure functions over small records (:class:`~incidents.merge.profile.MergeProfile`,
:class:`~incidents.merge.reconcile.SourceFigure`); the database side lives in
``incidents.store.merging``.
"""

from __future__ import annotations

from incidents.merge.profile import MergeProfile, build_profile
from incidents.merge.reconcile import Reconciled, SourceFigure, reconcile
from incidents.merge.similarity import Comparison, compare

__all__ = [
    "Comparison",
    "MergeProfile",
    "Reconciled",
    "SourceFigure",
    "build_profile",
    "compare",
    "reconcile",
]
