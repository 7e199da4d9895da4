"""incidents: news reports of political violence -> a structured, source-linked incident database.

Public API::

    import incidents
    result = incidents.extract("At least 21 people were killed ...", published="2024-06-27")
    result.to_dict()          # the incidents/v1 JSON object
"""

from __future__ import annotations

__version__ = "0.1.0"

from incidents.errors import (
    EvaluationError,
    ExtractionError,
    IncidentsError,
    InputError,
    ResourceError,
    StoreError,
)
from incidents.model import (
    Article,
    Casualty,
    DateValue,
    Entity,
    Evidence,
    EventTypes,
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

__all__ = [
    "__version__",
    "extract",
    "extract_articles",
    "Article",
    "Casualty",
    "DateValue",
    "Entity",
    "Evidence",
    "EventTypes",
    "Extraction",
    "Failure",
    "Incident",
    "Perpetrator",
    "Place",
    "Stage",
    "Statement",
    "Status",
    "Weapon",
    "IncidentsError",
    "InputError",
    "ExtractionError",
    "ResourceError",
    "StoreError",
    "EvaluationError",
]
