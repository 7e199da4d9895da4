"""``--format geojson``: a FeatureCollection of the located canonical incidents.

Each Feature is a Point (longitude, latitude) with the incident's fields as properties,
including ``attribution`` (the GeoNames credit), so that tools that drop foreign members
still carry it. The collection itself has ``properties.attribution`` and
``properties.unlocated`` (how many incidents had no coordinates and were left out).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

from incidents.export.attribution import attribution
from incidents.export.columns import sources
from incidents.store.records import CanonicalRecord


def write(records: Iterable[CanonicalRecord], stream: TextIO) -> int:
    note = attribution()
    stream.write('{"type": "FeatureCollection", "features": [')
    count = unlocated = 0
    for record in records:
        if record.lat is None or record.lon is None:
            unlocated += 1
            continue
        stream.write(",\n" if count else "\n")
        stream.write(json.dumps(feature(record, note), ensure_ascii=False))
        count += 1
    properties = {"attribution": note, "unlocated": unlocated}
    stream.write(f'\n], "properties": {json.dumps(properties, ensure_ascii=False)}}}\n')
    return count


def feature(record: CanonicalRecord, note: str) -> dict[str, Any]:
    killed = record.figure("killed")
    injured = record.figure("injured")
    return {
        "type": "Feature",
        "id": record.id,
        "geometry": {"type": "Point", "coordinates": [record.lon, record.lat]},
        "properties": {
            "id": record.id,
            "date_start": record.date_start.isoformat() if record.date_start else None,
            "date_end": record.date_end.isoformat() if record.date_end else None,
            "date_precision": record.precision,
            "location": record.city,
            "admin1": record.admin1,
            "country": record.country,
            "country_code": record.country_code,
            "geo_precision": record.place_precision,
            "gtd_type": record.gtd_type,
            "acled_event_type": record.acled_event_type,
            "acled_sub_event_type": record.acled_sub_event_type,
            "summary": record.summary,
            "perpetrator": record.perpetrator,
            "killed_low": killed.low if killed else None,
            "killed_best": killed.best if killed else None,
            "killed_high": killed.high if killed else None,
            "injured_low": injured.low if injured else None,
            "injured_best": injured.best if injured else None,
            "injured_high": injured.high if injured else None,
            "n_sources": record.n_sources,
            "sources": "; ".join(sources(record)),
            "attribution": note,
        },
    }
