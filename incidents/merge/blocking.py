"""Which incidents are worth comparing: overlapping date windows (blocking).

Each profile has a window of days the incident may have happened on: its own date range
(expanded to its precision: a month-precision date covers the whole month; a day-precision
date gets a day of slack either side), or, when the article gives no date, the
``PUBLICATION_LOOKBACK_DAYS`` before the article's publication. Two incidents are candidates
when their windows overlap. Profiles with no window at all (no date, no publication date)
are compared with every canonical incident in the same city.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from incidents.merge.profile import MergeProfile

Window = tuple[dt.date, dt.date]


def overlaps(a: Window | None, b: Window | None) -> bool:
    """Whether two windows share a day; an unknown window overlaps nothing."""
    if a is None or b is None:
        return False
    return a[0] <= b[1] and b[0] <= a[1]


def union(windows: Iterable[Window | None]) -> Window | None:
    """The smallest window covering every known window."""
    known = [w for w in windows if w is not None]
    if not known:
        return None
    return min(w[0] for w in known), max(w[1] for w in known)


def cities(profile: MergeProfile) -> set[str]:
    """The normalised place names of a profile (the fallback blocking key)."""
    return {p.name for p in profile.places if p.name}


def candidate_pairs(profiles: list[MergeProfile]) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) of profiles whose windows overlap or, undated, share a place.

    A sweep over windows sorted by start: O(n log n + pairs), for in-memory use.
    """
    dated = sorted(
        ((w, i) for i, p in enumerate(profiles) if (w := p.window()) is not None),
        key=lambda item: item[0][0],
    )
    active: list[tuple[Window, int]] = []
    for window, index in dated:
        active = [(w, j) for w, j in active if w[1] >= window[0]]
        for _, j in active:
            yield (min(j, index), max(j, index))
        active.append((window, index))
    undated = [i for i, p in enumerate(profiles) if p.window() is None]
    for i in undated:
        names = cities(profiles[i])
        if not names:
            continue
        for j, other in enumerate(profiles):
            if j != i and (j not in undated or j > i) and names & cities(other):
                yield (min(i, j), max(i, j))
