"""ACLED: coders' event notes (Africa, Jan-Feb 2016 dev, old v6 event types) against the
coded fatalities, coordinates and event type.

``FATALITIES`` is a total over everyone killed (perpetrators included) and codes vague
numbers conservatively.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from incidents.evaluate import predict as p
from incidents.evaluate.datasets.base import (
    Dataset,
    Example,
    find_file,
    iso_date,
    parse_int,
    read_csv,
)
from incidents.evaluate.mappings import (
    ACLED_SUB_EVENT_TYPE_V6,
    acled_current_types,
    acled_type_matches,
)
from incidents.evaluate.metrics import within_km
from incidents.evaluate.names import normalize_name, place_matches
from incidents.evaluate.scoring import Field, constant, field_scorer, key, modal
from incidents.model import Article
from incidents.resolve.codebooks import acled as acled_codebook

NAME = "acled"
FILE = "acled_africa_2016_jan_feb.csv"
COLUMNS = ("EVENT_ID_CNTY", "EVENT_DATE", "EVENT_TYPE", "COUNTRY", "LOCATION", "LATITUDE",
           "LONGITUDE", "NOTES", "FATALITIES")

#: A predicted location counts when it lies within this many kilometres of ACLED's point.
MAX_DISTANCE_KM = 25.0


def _float(value: str) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def acled_date(value: str) -> str | None:
    """``"05/01/2016"`` (day/month/year) -> ``"2016-01-05"``."""
    parts = (value or "").strip().split("/")
    return iso_date(parts[2], parts[1], parts[0]) if len(parts) == 3 else None


def read(path: Path) -> Iterator[Example]:
    """One example per row with NOTES, in file order."""
    data_file = find_file(NAME, path, [FILE], "acled_*.csv")
    for number, row in read_csv(data_file, NAME, COLUMNS):
        if not row["NOTES"]:
            continue
        lat, lon = _float(row["LATITUDE"]), _float(row["LONGITUDE"])
        article = Article(
            id=f"acled-{row['EVENT_ID_CNTY'] or number}",
            text=row["NOTES"],
            published=acled_date(row["EVENT_DATE"]),
            source=str(data_file),
        )
        yield Example(article, {
            "fatalities": parse_int(row["FATALITIES"]),
            "point": [lat, lon] if lat is not None and lon is not None else None,
            "location": row["LOCATION"] or None,
            "country": row["COUNTRY"] or None,
            "event_type": row["EVENT_TYPE"] or None,
            "geo_precision": parse_int(row.get("GEO_PRECISION")),
        })


def predict(doc: Mapping[str, Any] | None) -> dict[str, Any]:
    incident = p.main_incident(doc)
    event_type, sub_event_type = p.acled_types(incident)
    return {
        "fatalities": acled_codebook.fatalities((incident or {}).get("casualties") or []),
        "location": p.first_location(incident),
        "point": p.first_location(incident, with_coordinates=True, precision=("city",)),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
    }


def within_distance(gold: Sequence[float], pred: Mapping[str, Any] | None) -> bool:
    return within_km(gold, pred, MAX_DISTANCE_KM)


def _gold_point(gold: Mapping[str, Any]) -> tuple[float, float] | None:
    point = gold.get("point")
    return (point[0], point[1]) if point else None


def _sub_event(gold: Mapping[str, Any]) -> str | None:
    return ACLED_SUB_EVENT_TYPE_V6.get(gold.get("event_type") or "")


def _same(gold: str, pred: str | None) -> bool:
    return pred is not None and normalize_name(gold) == normalize_name(pred)


FIELDS = (
    Field("fatalities_exact", "fatalities: exact", key("fatalities"), key("fatalities"),
          baselines=(constant(0), modal())),
    Field("location_25km", f"location within {MAX_DISTANCE_KM:g} km", _gold_point, key("point"),
          within_distance,
          baselines=(modal(to_pred=lambda v: {"lat": v[0], "lon": v[1]} if v else None,
                           show=lambda v: f"{v['lat']:.2f},{v['lon']:.2f}" if v else "-"),)),
    Field("location_name", "location name = LOCATION", key("location"), key("location"),
          place_matches, baselines=(modal(),), headline=False),
    Field("event_type", "event type (v6 -> current)", key("event_type"), key("event_type"),
          acled_type_matches,
          baselines=(modal(to_pred=lambda v: acled_current_types(v)[0] if v else None),),
          headline=False),
    Field("sub_event_type", "sub-event type (rows whose v6 type names one)", _sub_event,
          key("sub_event_type"), _same, headline=False),
)


score = field_scorer(FIELDS)


DATASET = Dataset(
    name=NAME,
    title="ACLED Africa event notes (Jan-Feb 2016 dev)",
    expects=f"the acled folder or {FILE}",
    read=read,
    predict=predict,
    score=score,
)
