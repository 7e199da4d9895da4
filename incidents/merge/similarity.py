"""Do two reports describe the same incident? A scored, explained comparison.

:func:`compare` looks at five things and returns a :class:`Comparison` with a score, the
reasons behind it, and a veto when the two reports cannot be the same event:

* dates: overlapping ranges after precision (a month-precision date is compatible with any
  day of that month); an undated report is placed by its publication date instead;
* places: within ``MAX_DISTANCE_KM`` when both are resolved to a city or a site, else the
  same place name or the same admin1; a different country or admin1, or a greater distance,
  counts against (``PLACE_CONFLICT``) rather than vetoing, because place resolution errs;
* types: GTD attack types must be compatible (an Unknown type is compatible with any);
* named entities: perpetrators' and victims' proper names in common;
* text: the cosine similarity of the two reports' words (summary, evidence, headline and,
  for a main incident, the proper nouns of its article's lead), each word weighted by its
  inverse document frequency among the stored incidents when ``idf`` is given.

Two incidents of the same article are never the same event (the extraction keeps them apart).
The weights are plain constants below, tuned on the GVA development slice (see
``docs/database.md``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass

from incidents.merge.profile import PUBLICATION_LOOKBACK_DAYS, MergeProfile, PlaceKey

THRESHOLD = 0.7
MAX_DISTANCE_KM = 50.0
FINE_PRECISIONS = frozenset({"site", "city"})

SAME_DAY = 0.25
NEXT_DAY = 0.2
COMPATIBLE_DATES = 0.1
IN_PUBLICATION_WINDOW = 0.05
CLOSE_PUBLICATION = 0.1
NEAR_PLACE = 0.3
SAME_ADMIN1 = 0.05
ONE_NAME = 0.3
MORE_NAMES = 0.4
PLACE_CONFLICT = -0.4
TEXT_WEIGHT = 3.0
STAGE_MISMATCH = -0.2
#: IDF smoothing: a word seen in every stored incident still weighs something while the
#: database is small (as if this many more incidents lacked it).
PRIOR_DOCUMENTS = 100

Weight = Callable[[str], float]

#: GTD attack types that reports of one event mix up; "Unknown" goes with anything.
TYPE_FAMILIES = (
    frozenset(
        {
            "Armed Assault",
            "Assassination",
            "Bombing/Explosion",
            "Facility/Infrastructure Attack",
            "Unarmed Assault",
        }
    ),
    frozenset({"Hostage Taking (Barricade Incident)", "Hostage Taking (Kidnapping)", "Hijacking"}),
    frozenset({"Armed Assault", "Hostage Taking (Barricade Incident)", "Hijacking"}),
)
PLANNED_STAGES = frozenset({"threatened", "planned"})


@dataclass(frozen=True, slots=True)
class Comparison:
    score: float
    reasons: tuple[str, ...]
    veto: str | None = None

    @property
    def same(self) -> bool:
        return self.veto is None and self.score >= THRESHOLD


@dataclass(frozen=True, slots=True)
class _Part:
    score: float = 0.0
    reason: str | None = None
    veto: str | None = None


def compare(a: MergeProfile, b: MergeProfile, weight: Weight | None = None) -> Comparison:
    """Score whether ``a`` and ``b`` report the same incident, with the reasons why.

    ``weight`` gives each word's weight in the text similarity (see :func:`idf`); all words
    weigh the same without it.
    """
    if a.article == b.article:
        return Comparison(0.0, (), veto="same article")
    parts = (
        compare_dates(a, b),
        compare_places(a.places, b.places),
        compare_types(a, b),
        compare_names(a.names, b.names),
        compare_text(a.terms, b.terms, weight),
    )
    for part in parts:
        if part.veto:
            return Comparison(0.0, tuple(p.reason for p in parts if p.reason), veto=part.veto)
    score = round(sum(p.score for p in parts), 3)
    return Comparison(score, tuple(p.reason for p in parts if p.reason))


def compare_dates(a: MergeProfile, b: MergeProfile) -> _Part:
    if a.dated and b.dated:
        wa, wb = a.window(), b.window()
        assert wa is not None and wb is not None
        if not (wa[0] <= wb[1] and wb[0] <= wa[1]):
            return _Part(veto=f"dates differ: {_span(a)} vs {_span(b)}")
        if a.precision == b.precision == "day":
            if a.date_start == b.date_start:
                return _Part(SAME_DAY, f"same day {_span(a)}")
            return _Part(NEXT_DAY, f"a day apart: {_span(a)} / {_span(b)}")
        return _Part(COMPATIBLE_DATES, f"compatible dates: {_span(a)} / {_span(b)}")
    if a.dated or b.dated:
        dated, other = (a, b) if a.dated else (b, a)
        if other.published is None:
            return _Part()
        assert dated.date_start is not None and dated.date_end is not None
        if dated.date_start > other.published + dt.timedelta(days=1):
            return _Part(
                veto=f"dated {_span(dated)}, after the other report's publication "
                f"{other.published.isoformat()}"
            )
        if dated.date_end >= other.published - dt.timedelta(days=PUBLICATION_LOOKBACK_DAYS):
            return _Part(
                IN_PUBLICATION_WINDOW,
                f"dated {_span(dated)}, the other report published {other.published.isoformat()}",
            )
        return _Part(reason=f"dated {_span(dated)}, long before the other report")
    if a.published and b.published:
        days = abs((a.published - b.published).days)
        if days <= 2:
            return _Part(CLOSE_PUBLICATION, f"undated, published {days} day(s) apart")
        if days <= 7:
            return _Part(CLOSE_PUBLICATION / 2, f"undated, published {days} days apart")
        return _Part(reason=f"undated, published {days} days apart")
    return _Part()


def _span(profile: MergeProfile) -> str:
    assert profile.date_start is not None and profile.date_end is not None
    if profile.precision == "month":
        return profile.date_start.isoformat()[:7]
    if profile.precision == "year":
        return str(profile.date_start.year)
    if profile.date_start == profile.date_end:
        return profile.date_start.isoformat()
    return f"{profile.date_start.isoformat()}..{profile.date_end.isoformat()}"


def compare_places(a: tuple[PlaceKey, ...], b: tuple[PlaceKey, ...]) -> _Part:
    if not a or not b:
        return _Part()
    near: list[str] = []
    same_region: list[str] = []
    conflicts: list[str] = []
    for pa in a:
        for pb in b:
            relation, text = _place_relation(pa, pb)
            {"near": near, "region": same_region, "conflict": conflicts}.get(relation, []).append(
                text
            )
    if near:
        return _Part(NEAR_PLACE, near[0])
    if same_region:
        return _Part(SAME_ADMIN1, same_region[0])
    if conflicts:
        return _Part(PLACE_CONFLICT, conflicts[0])
    return _Part()


def _place_relation(a: PlaceKey, b: PlaceKey) -> tuple[str, str]:
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return "conflict", f"different countries: {a.country_code} vs {b.country_code}"
    region_a, region_b = _region(a), _region(b)
    if region_a and region_b and region_a != region_b:
        return "conflict", f"different admin1: {region_a} vs {region_b}"
    if (
        a.precision in FINE_PRECISIONS
        and b.precision in FINE_PRECISIONS
        and None not in (a.lat, a.lon, b.lat, b.lon)
    ):
        km = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
        if km <= MAX_DISTANCE_KM:
            return "near", f"{km:.0f} km apart ({a.name} / {b.name})"
        return "conflict", f"{km:.0f} km apart ({a.name} / {b.name})"
    if a.name and a.name == b.name and a.precision not in ("admin1", "country"):
        return "near", f"same place: {a.name}"
    if region_a and region_a == region_b:
        return "region", f"same admin1: {region_a}"
    return "unknown", ""


def _region(place: PlaceKey) -> str | None:
    if place.admin1:
        return place.admin1
    if place.precision == "admin1":
        return place.name
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def compare_types(a: MergeProfile, b: MergeProfile) -> _Part:
    stage = _Part()
    if (a.stage in PLANNED_STAGES) != (b.stage in PLANNED_STAGES):
        stage = _Part(STAGE_MISMATCH, f"stages differ: {a.stage} / {b.stage}")
    if not a.types or not b.types or "Unknown" in a.types or "Unknown" in b.types:
        return stage
    if a.types & b.types or any(a.types & f and b.types & f for f in TYPE_FAMILIES):
        return stage
    return _Part(veto=f"types differ: {', '.join(sorted(a.types))} vs {', '.join(sorted(b.types))}")


def compare_names(a: frozenset[str], b: frozenset[str]) -> _Part:
    shared = a & b
    if not shared:
        # "Smith" and "John Smith": the same surname counts once.
        surnames_a = {n.split()[-1] for n in a if len(n.split()[-1]) > 3}
        surnames_b = {n.split()[-1] for n in b if len(n.split()[-1]) > 3}
        surnames = surnames_a & surnames_b
        if not surnames:
            return _Part()
        return _Part(ONE_NAME / 2, f"shared surname: {', '.join(sorted(surnames))}")
    weight = ONE_NAME if len(shared) == 1 else MORE_NAMES
    return _Part(weight, f"shared names: {', '.join(sorted(shared))}")


def idf(document_frequency: int, documents: int) -> float:
    """Inverse document frequency of a word found in ``document_frequency`` of ``documents``."""
    return math.log((documents + PRIOR_DOCUMENTS) / (document_frequency + 1))


def compare_text(a: frozenset[str], b: frozenset[str], weight: Weight | None = None) -> _Part:
    if not a or not b:
        return _Part()
    shared = a & b
    if not shared:
        return _Part(reason="no words in common")
    w = weight or _uniform
    numerator = sum(w(t) ** 2 for t in shared)
    denominator = math.sqrt(sum(w(t) ** 2 for t in a) * sum(w(t) ** 2 for t in b))
    similarity = numerator / denominator if denominator else 0.0
    best = sorted(shared, key=lambda t: (-w(t), t))[:6]
    return _Part(
        round(TEXT_WEIGHT * similarity, 3),
        f"text similarity {similarity:.2f} ({', '.join(best)})",
    )


def _uniform(_: str) -> float:
    return 1.0
