"""The descriptive fields of a canonical incident, chosen from its members' reports.

* date: the most precise one given (day over week over month over year), the most
  frequent among those, the earliest on a tie;
* place: the most precise one (site over city over admin2, admin1, country), the most
  frequent name among those;
* types: the most frequent known type;
* summary: that of the most confident main-incident report;
* stage: accomplished if any report says so, else attempted, threatened, planned;
* perpetrator: the most frequent name from a reported, attributed or claimed mention,
  never a hedged, speculative or negated one, and never a generic one ("gunmen").

Figures are reconciled separately (:mod:`incidents.merge.reconcile`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from incidents.merge.profile import proper_names

DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
PLACE_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}
PERPETRATOR_STATUSES = frozenset({"reported", "attributed", "claimed"})

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PlaceFacts:
    name: str
    admin1: str | None
    admin2: str | None
    country: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    precision: str | None


@dataclass(frozen=True, slots=True)
class MemberFacts:
    main: bool
    confidence: float
    published: dt.date | None
    summary: str
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    precision: str | None = None
    place: PlaceFacts | None = None
    gtd_type: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    muc: str | None = None
    stage: str = "accomplished"
    perpetrators: tuple[tuple[str, str, str], ...] = ()  # (text, kind, status)


@dataclass(frozen=True, slots=True)
class CanonicalFacts:
    date_start: dt.date | None = None
    date_end: dt.date | None = None
    precision: str | None = None
    place: PlaceFacts | None = None
    gtd_type: str | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    muc: str | None = None
    summary: str = ""
    stage: str | None = None
    perpetrator: str | None = None
    reasons: tuple[str, ...] = field(default=())


def summarise(members: Sequence[MemberFacts]) -> CanonicalFacts:
    """Choose the canonical incident's date, place, types, summary and perpetrator."""
    if not members:
        return CanonicalFacts()
    dated = [m for m in members if m.date_start is not None and m.precision]
    date_member = _most_common(
        dated,
        rank=lambda m: DATE_RANK.get(m.precision or "", 9),
        key=lambda m: (m.date_start, m.date_end, m.precision),
        tiebreak=lambda m: m.date_start or dt.date.max,
    )
    placed = [m.place for m in members if m.place is not None]
    place = _most_common(
        placed,
        rank=lambda p: PLACE_RANK.get(p.precision or "", 5),
        key=lambda p: (p.name, p.admin1, p.country_code),
        tiebreak=lambda p: p.name,
    )
    typed = [m for m in members if m.gtd_type and m.gtd_type != "Unknown"] or [
        m for m in members if m.gtd_type
    ]
    type_member = _most_common(typed, rank=lambda m: 0, key=lambda m: m.gtd_type, tiebreak=_first)
    acled = [m for m in members if m.acled_event_type]
    acled_member = _most_common(
        acled,
        rank=lambda m: 0,
        key=lambda m: (m.acled_event_type, m.acled_sub_event_type),
        tiebreak=_first,
    )
    muc = Counter(m.muc for m in members if m.muc).most_common(1)
    lead = min(
        members,
        key=lambda m: (not m.main, -m.confidence, m.published or dt.date.max),
    )
    return CanonicalFacts(
        date_start=date_member.date_start if date_member else None,
        date_end=date_member.date_end if date_member else None,
        precision=date_member.precision if date_member else None,
        place=place,
        gtd_type=type_member.gtd_type if type_member else None,
        acled_event_type=acled_member.acled_event_type if acled_member else None,
        acled_sub_event_type=acled_member.acled_sub_event_type if acled_member else None,
        muc=muc[0][0] if muc else None,
        summary=lead.summary,
        stage=_stage(members),
        perpetrator=_perpetrator(members),
    )


def _first(_: object) -> int:
    return 0


def _most_common(
    items: Sequence[T],
    rank: Callable[[T], int],
    key: Callable[[T], object],
    tiebreak: Callable[[T], object],
) -> T | None:
    if not items:
        return None
    best_rank = min(rank(i) for i in items)
    finest = [i for i in items if rank(i) == best_rank]
    counts = Counter(key(i) for i in finest)
    top = max(counts.values())
    candidates = [i for i in finest if counts[key(i)] == top]
    return min(candidates, key=tiebreak)  # type: ignore[arg-type]


def _stage(members: Sequence[MemberFacts]) -> str:
    """Accomplished if any report says so (a later report may confirm an attempt's toll)."""
    stages = {m.stage for m in members}
    for stage in ("accomplished", "attempted", "threatened", "planned"):
        if stage in stages:
            return stage
    return members[0].stage


def _perpetrator(members: Sequence[MemberFacts]) -> str | None:
    counts: Counter[str] = Counter()
    kinds: dict[str, str] = {}
    for member in members:
        for text, kind, status in member.perpetrators:
            # Only named actors: "gunmen" or "a suspect" leaves the perpetrator unknown.
            if status in PERPETRATOR_STATUSES and kind != "unknown" and proper_names(text):
                counts[text] += 1
                kinds[text] = kind
    if not counts:
        return None
    return max(counts, key=lambda t: (counts[t], kinds[t] == "organization", -len(t)))
