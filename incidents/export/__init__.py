"""Exports of canonical incidents: JSON, GTD-style CSV, ACLED-style CSV and GeoJSON.

Each format is one module with a ``write(records, stream)`` function over
:class:`~incidents.store.records.CanonicalRecord` objects (it never sees the database);
``docs/exports.md`` documents every column. Every export credits GeoNames.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TextIO

from incidents.errors import StoreError
from incidents.export import csv_acled, csv_gtd, geojson, json_export
from incidents.store.records import CanonicalRecord

Writer = Callable[[Iterable[CanonicalRecord], TextIO], int]

FORMATS: dict[str, Writer] = {
    "json": json_export.write,
    "csv-gtd": csv_gtd.write,
    "csv-acled": csv_acled.write,
    "geojson": geojson.write,
}


def export(records: Iterable[CanonicalRecord], format: str, stream: TextIO) -> int:
    """Write ``records`` to ``stream`` in ``format``; returns the number written.

    Raises:
        StoreError: unknown format.
    """
    writer = FORMATS.get(format)
    if writer is None:
        raise StoreError(f"unknown export format {format!r}: use one of {', '.join(FORMATS)}")
    return writer(records, stream)


__all__ = ["FORMATS", "export"]
