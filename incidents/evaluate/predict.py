"""Read the figures a dataset scores out of one incidents/v1 article object.

The functions take the contract's JSON shape (``Extraction.to_dict()``), not the
dataclasses, so saved ``incidents extract`` output can be scored the same way.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

Doc = Mapping[str, Any]
IncidentDict = Mapping[str, Any]

#: Casualty groups added up into a dataset's count: every victim (``total``) plus the
#: perpetrators' own dead or wounded, which GVA, GTD, RAND and ACLED all include.
COUNTED_GROUPS = ("total", "perpetrators")


def main_incident(doc: Doc | None) -> IncidentDict | None:
    """The incident the article is about: the one flagged ``main``, else the first."""
    if not doc:
        return None
    incidents = doc.get("incidents") or []
    for incident in incidents:
        if incident.get("main"):
            return dict(incident)
    return dict(incidents[0]) if incidents else None


def casualty_figure(casualty: Mapping[str, Any]) -> int | None:
    """A casualty's best single number: ``value``, else its lower bound ``min``."""
    value = casualty.get("value")
    if value is None:
        value = casualty.get("min")
    return int(value) if value is not None else None


def count(incident: IncidentDict | None, outcome: str) -> int:
    """The number of people with ``outcome`` (killed, injured ...) in an incident:
    the ``total`` figure plus the ``perpetrators`` figure; no figure counts as 0."""
    if incident is None:
        return 0
    result = 0
    for group in COUNTED_GROUPS:
        for casualty in incident.get("casualties") or []:
            if casualty.get("outcome") == outcome and casualty.get("group") == group:
                result += casualty_figure(casualty) or 0
                break
    return result


def first_location(incident: IncidentDict | None, with_coordinates: bool = False, precision: Collection[str] | None = None) -> dict[str, Any] | None:
    """The incident's first location (or first with lat/lon; or first of ``precision``,
    else the first), reduced to what scoring needs."""
    if incident is None:
        return None
    places = list(incident.get("locations") or [])
    if precision is not None:
        places.sort(key=lambda place: place.get("precision") not in precision)  # stable: mention order kept
    for place in places:
        if with_coordinates and (place.get("lat") is None or place.get("lon") is None):
            continue
        reduced = {
            key: place.get(key)
            for key in ("name", "admin2", "admin1", "country", "lat", "lon", "precision")
        }
        # the place as the article spells it ("Tal Afar" for GeoNames' "Tall 'Afar")
        reduced["mentions"] = sorted({e.get("text") for e in place.get("evidence") or [] if e.get("text")})
        return reduced
    return None


def perpetrator(
    incident: IncidentDict | None,
    statuses: Collection[str],
    kinds: Collection[str] = ("organization", "unknown", "individual"),
) -> dict[str, Any] | None:
    """The first perpetrator whose status is in ``statuses``, preferring kinds in the
    order given (organisations first by default)."""
    if incident is None:
        return None
    candidates = [p for p in incident.get("perpetrators") or [] if p.get("status") in statuses]
    for kind in kinds:
        for perp in candidates:
            if perp.get("kind") == kind:
                return {"text": perp.get("text"), "kind": kind, "status": perp.get("status")}
    return None


def first_weapon(incident: IncidentDict | None) -> dict[str, Any] | None:
    """The first weapon with a category."""
    if incident is None:
        return None
    for weapon in incident.get("weapons") or []:
        if weapon.get("category"):
            return {
                "text": weapon.get("text"),
                "category": weapon.get("category"),
                "subcategory": weapon.get("subcategory"),
            }
    return None


def _first_start(entity: Mapping[str, Any]) -> int:
    spans = entity.get("evidence") or []
    return min((int(s.get("start", 0)) for s in spans), default=1 << 30)


def first_target_category(incident: IncidentDict | None) -> str | None:
    """The category of the earliest-mentioned target or victim that has one."""
    if incident is None:
        return None
    entities = [
        e for e in [*(incident.get("targets") or []), *(incident.get("victims") or [])]
        if e.get("category")
    ]
    if not entities:
        return None
    return str(min(entities, key=_first_start)["category"])


def gtd_attack_type(incident: IncidentDict | None) -> str | None:
    types = (incident or {}).get("types") or {}
    gtd = types.get("gtd") or []
    return gtd[0] if gtd else None


def acled_types(incident: IncidentDict | None) -> tuple[str | None, str | None]:
    types = (incident or {}).get("types") or {}
    acled = types.get("acled") or {}
    return acled.get("event_type"), acled.get("sub_event_type")
