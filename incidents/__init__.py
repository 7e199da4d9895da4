"""incidents: news reports of political violence -> a structured, source-linked incident database.

Public API::

    import incidents
    result = incidents.extract("At least 21 people were killed ...", published="2024-06-27")
    result.to_dict()          # the incidents/v1 JSON object
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

from incidents.errors import (
    EvaluationError,
    ExtractionError,
    IncidentsError,
    InputError,
    ResourceError,
    StoreError,
)

if TYPE_CHECKING:
    from incidents.store import Store

from incidents.model import (
    Article,
    Casualty,
    DateValue,
    Entity,
    EventTypes,
    Evidence,
    Extraction,
    Failure,
    Incident,
    Perpetrator,
    Place,
    Stage,
    Statement,
    Status,
    Weapon,
)
from incidents.pipeline import extract, extract_articles


def open_store(url: str | None = None, **kwargs: object) -> Store:
    """Open (and migrate) the incident database: SQLite by default, or a PostgreSQL URL.
    See :func:`incidents.store.open_store`."""
    from incidents.store import open_store as _open

    return _open(url, **kwargs)  # type: ignore[arg-type]

__all__ = [
    "Article",
    "Casualty",
    "DateValue",
    "Entity",
    "EvaluationError",
    "EventTypes",
    "Evidence",
    "Extraction",
    "ExtractionError",
    "Failure",
    "Incident",
    "IncidentsError",
    "InputError",
    "Perpetrator",
    "Place",
    "ResourceError",
    "Stage",
    "Statement",
    "Status",
    "StoreError",
    "Weapon",
    "__version__",
    "extract",
    "extract_articles",
    "open_store",
]
