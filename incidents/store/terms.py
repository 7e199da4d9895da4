"""Document frequencies of words among the stored incidents (the IDF of text similarity).

Saving an incident adds one to the count of each of its words (and to the total, the row
whose term is ``""``); replacing or deleting it takes its old words away again. Merging
reads the counts through :class:`TermWeights`, which fetches each word once per batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from incidents.merge.profile import MergeProfile
from incidents.merge.similarity import idf
from incidents.store.tables import TermCount

TOTAL = ""
CHUNK = 500


def profile_terms(profile: dict[str, Any]) -> Counter[str]:
    """The counts one stored incident profile contributes: each word once, and the total."""
    counts: Counter[str] = Counter(MergeProfile.from_dict(profile).terms)
    counts[TOTAL] += 1
    return counts


def apply(session: Session, deltas: Counter[str]) -> None:
    """Add ``deltas`` to the stored counts (an upsert; SQLite and PostgreSQL)."""
    rows = [{"term": term, "incidents": n} for term, n in sorted(deltas.items()) if n]
    if not rows:
        return
    statement: Any
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement = pg_insert(TermCount)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(TermCount)
    statement = statement.on_conflict_do_update(
        index_elements=[TermCount.term],
        set_={"incidents": TermCount.incidents + statement.excluded.incidents},
    )
    for start in range(0, len(rows), CHUNK):
        session.execute(statement, rows[start : start + CHUNK])


class TermWeights:
    """IDF weights from the stored counts, fetched on demand and kept for one batch."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._counts: dict[str, int] = {}
        self._documents = 0
        self.load([TOTAL])
        self._documents = self._counts.get(TOTAL, 0)

    def load(self, terms: Iterable[str]) -> None:
        missing = sorted({t for t in terms if t not in self._counts})
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            found = dict(
                self._session.execute(
                    select(TermCount.term, TermCount.incidents).where(TermCount.term.in_(chunk))
                ).all()
            )
            for term in chunk:
                self._counts[term] = int(found.get(term, 0))

    def __call__(self, term: str) -> float:
        return idf(self._counts.get(term, 0), self._documents)
