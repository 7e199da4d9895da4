"""Domain objects of the ``incidents/v1`` output format.

Every object is a frozen dataclass; ``to_dict()`` returns exactly the contract's JSON
shape (see ``incidents/schema/incidents-v1.json``).  Unknown values are ``None`` or empty
tuples, never guesses.  spaCy objects never reach this module: the extraction stage turns
every span into an :class:`Evidence` before building these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA = "incidents/v1"


class Status(StrEnum):
    """How the article knows a fact."""

    REPORTED = "reported"
    ATTRIBUTED = "attributed"
    CLAIMED = "claimed"
    HEDGED = "hedged"
    SPECULATIVE = "speculative"
    NEGATED = "negated"


class Stage(StrEnum):
    """MUC-4's STAGE OF EXECUTION."""

    ACCOMPLISHED = "accomplished"
    ATTEMPTED = "attempted"
    THREATENED = "threatened"
    PLANNED = "planned"


class Precision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class Outcome(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    KIDNAPPED = "kidnapped"
    MISSING = "missing"
    ARRESTED = "arrested"


class Qualifier(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    ABOUT = "about"
    RANGE = "range"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the article text: ``text == article_text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


def _evidence(spans: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    return [e.to_dict() for e in spans]


@dataclass(frozen=True, slots=True)
class DateValue:
    start: str
    end: str
    precision: Precision
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "precision": str(self.precision),
            "evidence": _evidence(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved location; ``precision`` is site, city, admin2, admin1 or country."""

    name: str
    country: str | None
    country_code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    precision: str
    evidence: tuple[Evidence, ...]
    admin2: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "lat": self.lat,
            "lon": self.lon,
            "geonames_id": self.geonames_id,
            "precision": self.precision,
            "evidence": _evidence(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class EventTypes:
    gtd: tuple[str, ...] = ()
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    muc: str | None = None

    def to_dict(self) -> dict[str, Any]:
        acled = None
        if self.acled_event_type:
            acled = {"event_type": self.acled_event_type, "sub_event_type": self.acled_sub_event_type}
        return {"gtd": list(self.gtd), "acled": acled, "muc": self.muc}


@dataclass(frozen=True, slots=True)
class Perpetrator:
    text: str
    kind: str  # organization | individual | unknown
    status: Status
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "status": str(self.status),
            "evidence": _evidence(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Entity:
    """A target (physical target or institution) or a victim (people harmed or aimed at)."""

    text: str
    category: str | None
    count: int | None
    evidence: tuple[Evidence, ...]
    status: Status = Status.REPORTED

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "category": self.category,
            "count": self.count,
            "status": str(self.status),
            "evidence": _evidence(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Weapon:
    text: str
    category: str | None
    evidence: tuple[Evidence, ...]
    subcategory: str | None = None
    implied: bool = False  # inferred from the event word ("shot", "set on fire"), not named

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "category": self.category,
            "subcategory": self.subcategory,
            "implied": self.implied,
            "evidence": _evidence(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Casualty:
    outcome: Outcome
    group: str
    value: int | None
    min: int | None
    max: int | None
    qualifier: Qualifier
    status: Status
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": str(self.outcome),
            "group": self.group,
            "value": self.value,
            "min": self.min,
            "max": self.max,
            "qualifier": str(self.qualifier),
            "status": str(self.status),
            "evidence": _evidence(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Incident:
    id: str
    main: bool
    summary: str
    status: Status
    stage: Stage
    confidence: float
    date: DateValue | None
    locations: tuple[Place, ...]
    types: EventTypes
    perpetrators: tuple[Perpetrator, ...] = ()
    targets: tuple[Entity, ...] = ()
    victims: tuple[Entity, ...] = ()
    weapons: tuple[Weapon, ...] = ()
    casualties: tuple[Casualty, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "main": self.main,
            "summary": self.summary,
            "status": str(self.status),
            "stage": str(self.stage),
            "confidence": round(self.confidence, 2),
            "date": self.date.to_dict() if self.date else None,
            "locations": [p.to_dict() for p in self.locations],
            "types": self.types.to_dict(),
            "perpetrators": [p.to_dict() for p in self.perpetrators],
            "targets": [t.to_dict() for t in self.targets],
            "victims": [v.to_dict() for v in self.victims],
            "weapons": [w.to_dict() for w in self.weapons],
            "casualties": [c.to_dict() for c in self.casualties],
            "evidence": _evidence(self.evidence),
        }

    def total(self, outcome: Outcome, group: str = "total") -> Casualty | None:
        """The casualty figure for one outcome and group, if the article gives one."""
        for casualty in self.casualties:
            if casualty.outcome == outcome and casualty.group == group:
                return casualty
        return None


@dataclass(frozen=True, slots=True)
class Statement:
    speaker: str
    speaker_role: str | None
    date: str | None
    text: str
    status: Status
    incident: str | None
    evidence: tuple[Evidence, ...]
    cue: str | None = None
    quote: str = "indirect"  # direct | indirect

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "speaker_role": self.speaker_role,
            "date": self.date,
            "text": self.text,
            "status": str(self.status),
            "incident": self.incident,
            "cue": self.cue,
            "quote": self.quote,
            "evidence": _evidence(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Article:
    """One input article after ingest: ``text`` is what every offset refers to."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date
    author: str | None = None
    language: str = "en"
    source: str | None = None  # file path or feed the article came from
    meta: dict[str, Any] = field(default_factory=dict)

    def metadata(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "language": self.language,
            "author": self.author,
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """What ``incidents extract`` prints for one article."""

    article: Article
    incidents: tuple[Incident, ...]
    statements: tuple[Statement, ...]
    extractor_version: str = ""

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def main(self) -> Incident | None:
        for incident in self.incidents:
            if incident.main:
                return incident
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.article.id,
            "article": self.article.metadata(),
            "text": self.article.text,
            "incidents": [i.to_dict() for i in self.incidents],
            "statements": [s.to_dict() for s in self.statements],
            "extractor": {"name": "incidents", "version": self.extractor_version},
        }


@dataclass(frozen=True, slots=True)
class Failure:
    """An article that could not be processed: the contract's ``{"id", "error"}`` line."""

    id: str
    error: str
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "id": self.id, "error": self.error}
