"""Read models: what ``list``, ``show`` and the exports get from the database.

Plain frozen dataclasses, no SQLAlchemy objects: the exports and the CLI never see a
session. ``CanonicalRecord.to_dict()`` is the record of the JSON export.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class EvidenceRecord:
    start: int
    end: int
    text: str
    sentence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.sentence is not None:
            data["sentence"] = self.sentence
        return data


@dataclass(frozen=True, slots=True)
class FigureRecord:
    """A reconciled figure: low / best / high of one outcome and group."""

    outcome: str
    group: str
    low: int | None
    best: int | None
    high: int | None
    n_figures: int
    reasons: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "group": self.group,
            "low": self.low,
            "best": self.best,
            "high": self.high,
            "n_figures": self.n_figures,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class SourceFigureRecord:
    """One source's figure, as its article gives it."""

    outcome: str
    group: str
    value: int | None
    min: int | None
    max: int | None
    qualifier: str
    status: str
    evidence: tuple[EvidenceRecord, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "group": self.group,
            "value": self.value,
            "min": self.min,
            "max": self.max,
            "qualifier": self.qualifier,
            "status": self.status,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class FieldRecord:
    """A perpetrator, target, victim, weapon or place mention with its evidence."""

    kind: str  # perpetrator | target | victim | weapon | location
    text: str
    category: str | None = None
    status: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    evidence: tuple[EvidenceRecord, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "category": self.category,
            "status": self.status,
            **self.extra,
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class MemberRecord:
    """One source: an article's report of the incident."""

    incident_id: int
    incident_key: str
    main: bool
    summary: str
    status: str
    stage: str
    confidence: float
    method: str
    article_key: str
    title: str | None
    url: str | None
    published: str | None
    source: str | None
    extractor_version: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str | None
    gtd_type: str | None
    fields: tuple[FieldRecord, ...] = ()
    figures: tuple[SourceFigureRecord, ...] = ()
    date_evidence: tuple[EvidenceRecord, ...] = ()

    def fields_of(self, kind: str) -> list[FieldRecord]:
        return [f for f in self.fields if f.kind == kind]

    def to_dict(self) -> dict[str, Any]:
        return {
            "incident": self.incident_key,
            "main": self.main,
            "summary": self.summary,
            "status": self.status,
            "stage": self.stage,
            "confidence": self.confidence,
            "method": self.method,
            "article": {
                "id": self.article_key,
                "title": self.title,
                "url": self.url,
                "published": self.published,
                "source": self.source,
                "extractor_version": self.extractor_version,
            },
            "date": _date_dict(self.date_start, self.date_end, self.precision)
            | {"evidence": [e.to_dict() for e in self.date_evidence]},
            "locations": [f.to_dict() for f in self.fields_of("location")],
            "perpetrators": [f.to_dict() for f in self.fields_of("perpetrator")],
            "targets": [f.to_dict() for f in self.fields_of("target")],
            "victims": [f.to_dict() for f in self.fields_of("victim")],
            "weapons": [f.to_dict() for f in self.fields_of("weapon")],
            "casualties": [f.to_dict() for f in self.figures],
        }


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    at: dt.datetime
    method: str
    action: str
    canonical_id: int | None
    other_canonical_id: int | None
    incident_key: str | None
    score: float | None
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(timespec="seconds"),
            "method": self.method,
            "action": self.action,
            "canonical": self.canonical_id,
            "other": self.other_canonical_id,
            "incident": self.incident_key,
            "score": self.score,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True, slots=True)
class CanonicalRecord:
    """One real-world incident with its reconciled figures and (when loaded) its sources."""

    id: int
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str | None
    city: str | None
    admin1: str | None
    admin2: str | None
    country: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    place_precision: str | None
    gtd_type: str | None
    acled_event_type: str | None
    acled_sub_event_type: str | None
    muc: str | None
    summary: str
    stage: str | None
    perpetrator: str | None
    killed: int | None
    injured: int | None
    n_sources: int
    figures: tuple[FigureRecord, ...] = ()
    members: tuple[MemberRecord, ...] = ()
    decisions: tuple[DecisionRecord, ...] = ()
    redirected_from: int | None = None

    def figure(self, outcome: str, group: str = "total") -> FigureRecord | None:
        for figure in self.figures:
            if figure.outcome == outcome and figure.group == group:
                return figure
        return None

    @property
    def place(self) -> str:
        return ", ".join(p for p in (self.city, self.admin1, self.country) if p) or "-"

    @property
    def date_text(self) -> str:
        if self.date_start is None:
            return "-"
        if self.precision == "month":
            return self.date_start.isoformat()[:7]
        if self.precision == "year":
            return str(self.date_start.year)
        if self.date_end and self.date_end != self.date_start:
            return f"{self.date_start.isoformat()}..{self.date_end.isoformat()}"
        return self.date_start.isoformat()

    def to_dict(self) -> dict[str, Any]:
        acled = None
        if self.acled_event_type:
            acled = {
                "event_type": self.acled_event_type,
                "sub_event_type": self.acled_sub_event_type,
            }
        return {
            "id": self.id,
            "date": _date_dict(self.date_start, self.date_end, self.precision),
            "location": {
                "name": self.city,
                "admin1": self.admin1,
                "admin2": self.admin2,
                "country": self.country,
                "country_code": self.country_code,
                "lat": self.lat,
                "lon": self.lon,
                "precision": self.place_precision,
            },
            "types": {"gtd": self.gtd_type, "acled": acled, "muc": self.muc},
            "summary": self.summary,
            "stage": self.stage,
            "perpetrator": self.perpetrator,
            "killed": self.killed,
            "injured": self.injured,
            "figures": [f.to_dict() for f in self.figures],
            "n_sources": self.n_sources,
            "sources": [m.to_dict() for m in self.members],
            "decisions": [d.to_dict() for d in self.decisions],
        }


def _date_dict(start: dt.date | None, end: dt.date | None, precision: str | None) -> dict[str, Any]:
    return {
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
        "precision": precision,
    }


_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[\"“'A-Z0-9])|\n+")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) of ``text`` that contains ``text[start:end]``."""
    if not text or start < 0 or end > len(text) or start > end:
        return ""
    left = 0
    for match in _BOUNDARY.finditer(text, 0, start):
        left = match.end()
    right_match = _BOUNDARY.search(text, end)
    right = right_match.start() if right_match else len(text)
    return " ".join(text[left:right].split())
