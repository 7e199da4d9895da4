"""The incident database: SQLAlchemy tables, Alembic migrations, ingest and queries.

from incidents.store import open_store, Filters
with open_store("sqlite:///incidents.db") as store:
    for record in store.list_incidents(Filters(country="Russia", min_killed=5)):
        print(record.id, record.date_text, record.place, record.killed)
"""

from __future__ import annotations

from incidents.store.engine import DEFAULT_URL, resolve_url
from incidents.store.ingest import IngestSummary, ingest_items
from incidents.store.queries import Filters
from incidents.store.records import CanonicalRecord, FigureRecord, MemberRecord
from incidents.store.repository import BatchResult, Store, open_store

__all__ = [
    "DEFAULT_URL",
    "BatchResult",
    "CanonicalRecord",
    "FigureRecord",
    "Filters",
    "IngestSummary",
    "MemberRecord",
    "Store",
    "ingest_items",
    "open_store",
    "resolve_url",
]
