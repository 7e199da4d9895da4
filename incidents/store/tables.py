"""SQLAlchemy 2 models of the incident database.

What an ingest writes, per article::

    sources ─< articles ─1 extractions ─< incidents ─< locations, casualties, perpetrators,
                                       │                entities (targets, victims), weapons
                                       └─< statements

and, across articles, what merging writes::

    canonical_incidents ─< canonical_members >─ incidents
                        ─< canonical_figures        (low / best / high per outcome and group)
    merge_decisions                                 (every automatic or manual decision, reasons)
    history                                         (audit trail: re-extractions, merges, splits)
    term_counts                                     (word document frequencies, for merging)
    failures                                        (articles that could not be processed)

``extractions.record`` keeps the full ``incidents/v1`` object of the article (the contract);
the other per-article tables normalise the parts that queries, merging and exports need.
Evidence spans are kept with each field as a JSON list of ``{"start", "end", "text"}``.

The schema is created and upgraded by the Alembic migrations in ``migrations/``; a test
checks that the migrations and these models agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Evidence = list[dict[str, Any]]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads it as a class attribute
        dict[str, Any]: JSON,
        list[Any]: JSON,
        Evidence: JSON,
        dt.datetime: DateTime(timezone=True),
        dt.date: Date,
    }


class Source(Base):
    """Where articles came from: a file, a directory, a feed, a URL's site, or stdin."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(String(16))


class ArticleRow(Base):
    """One distinct article text (``content_hash`` is the SHA-256 of the text)."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(Text, index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(Text)
    published_date: Mapped[dt.date | None]
    author: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    raw: Mapped[str | None] = mapped_column(Text)
    meta: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    source: Mapped[Source | None] = relationship()
    extraction: Mapped[ExtractionRow | None] = relationship(
        back_populates="article", cascade="all, delete-orphan", uselist=False
    )


class ExtractionRow(Base):
    """The current extraction of an article: the full incidents/v1 object and its version."""

    __tablename__ = "extractions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), unique=True
    )
    extractor_version: Mapped[str] = mapped_column(String(40))
    record: Mapped[dict[str, Any]]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    article: Mapped[ArticleRow] = relationship(back_populates="extraction")
    incidents: Mapped[list[IncidentRow]] = relationship(
        back_populates="extraction",
        cascade="all, delete-orphan",
        order_by="IncidentRow.position",
    )
    statements: Mapped[list[StatementRow]] = relationship(
        cascade="all, delete-orphan", order_by="StatementRow.position"
    )


class FailureRow(Base):
    """An article that could not be read or extracted; ``resolved_at`` once it succeeds."""

    __tablename__ = "failures"
    __table_args__ = (UniqueConstraint("key", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64))
    extractor_version: Mapped[str] = mapped_column(String(40))
    attempts: Mapped[int] = mapped_column(default=1)
    first_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[dt.datetime | None]


class IncidentRow(Base):
    """One incident as one article reports it (the contract's INCIDENT)."""

    __tablename__ = "incidents"
    __table_args__ = (UniqueConstraint("extraction_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    extraction_id: Mapped[int] = mapped_column(ForeignKey("extractions.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(Text)
    position: Mapped[int]
    main: Mapped[bool] = mapped_column(Boolean)
    summary: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    stage: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float)
    date_start: Mapped[dt.date | None]
    date_end: Mapped[dt.date | None]
    date_precision: Mapped[str | None] = mapped_column(String(8))
    date_evidence: Mapped[Evidence]
    country: Mapped[str | None] = mapped_column(Text)
    country_code: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    place_precision: Mapped[str | None] = mapped_column(String(16))
    gtd_type: Mapped[str | None] = mapped_column(Text)
    acled_event_type: Mapped[str | None] = mapped_column(Text)
    acled_sub_event_type: Mapped[str | None] = mapped_column(Text)
    muc: Mapped[str | None] = mapped_column(Text)
    killed: Mapped[int | None]
    injured: Mapped[int | None]
    profile: Mapped[dict[str, Any]]
    evidence: Mapped[Evidence]

    extraction: Mapped[ExtractionRow] = relationship(back_populates="incidents")
    article: Mapped[ArticleRow] = relationship()
    locations: Mapped[list[LocationRow]] = relationship(
        cascade="all, delete-orphan", order_by="LocationRow.position"
    )
    casualties: Mapped[list[CasualtyRow]] = relationship(
        cascade="all, delete-orphan", order_by="CasualtyRow.position"
    )
    perpetrators: Mapped[list[PerpetratorRow]] = relationship(
        cascade="all, delete-orphan", order_by="PerpetratorRow.position"
    )
    entities: Mapped[list[EntityRow]] = relationship(
        cascade="all, delete-orphan", order_by="EntityRow.position"
    )
    weapons: Mapped[list[WeaponRow]] = relationship(
        cascade="all, delete-orphan", order_by="WeaponRow.position"
    )
    membership: Mapped[CanonicalMember | None] = relationship(
        back_populates="incident", cascade="all, delete-orphan", uselist=False
    )


class LocationRow(Base):
    __tablename__ = "locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    name: Mapped[str] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text)
    country_code: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    geonames_id: Mapped[int | None]
    precision: Mapped[str | None] = mapped_column(String(16))
    evidence: Mapped[Evidence]


class CasualtyRow(Base):
    """One source's figure: kept with its article (via the incident), qualifier and status."""

    __tablename__ = "casualties"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    outcome: Mapped[str] = mapped_column(String(16))
    casualty_group: Mapped[str] = mapped_column(Text)
    value: Mapped[int | None]
    min_value: Mapped[int | None]
    max_value: Mapped[int | None]
    qualifier: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[Evidence]


class PerpetratorRow(Base):
    __tablename__ = "perpetrators"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[Evidence]


class EntityRow(Base):
    """A target (``role='target'``) or a victim (``role='victim'``)."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    role: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(Text)
    count: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[Evidence]


class WeaponRow(Base):
    __tablename__ = "weapons"

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(Text)
    subcategory: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[Evidence]


class StatementRow(Base):
    __tablename__ = "statements"

    id: Mapped[int] = mapped_column(primary_key=True)
    extraction_id: Mapped[int] = mapped_column(
        ForeignKey("extractions.id", ondelete="CASCADE"), index=True
    )
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int]
    speaker: Mapped[str] = mapped_column(Text)
    speaker_role: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str | None] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(String(16))
    evidence: Mapped[Evidence]


class CanonicalIncident(Base):
    """One real-world incident, built from every member incident that reports it.

    A canonical incident merged into another by hand stays as a row with ``active=False``
    and ``merged_into`` set, so that its id keeps pointing somewhere.
    """

    __tablename__ = "canonical_incidents"
    __table_args__ = (
        Index("ix_canonical_incidents_window", "active", "window_start", "window_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("canonical_incidents.id"))
    date_start: Mapped[dt.date | None]
    date_end: Mapped[dt.date | None]
    date_precision: Mapped[str | None] = mapped_column(String(8))
    window_start: Mapped[dt.date | None]
    window_end: Mapped[dt.date | None]
    country: Mapped[str | None] = mapped_column(Text)
    country_code: Mapped[str | None] = mapped_column(String(8))
    admin1: Mapped[str | None] = mapped_column(Text)
    admin2: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(Text)
    place_precision: Mapped[str | None] = mapped_column(String(16))
    place_key: Mapped[str | None] = mapped_column(Text, index=True)  # normalised city name
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    gtd_type: Mapped[str | None] = mapped_column(Text)
    acled_event_type: Mapped[str | None] = mapped_column(Text)
    acled_sub_event_type: Mapped[str | None] = mapped_column(Text)
    muc: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text, default="")
    stage: Mapped[str | None] = mapped_column(String(16))
    perpetrator: Mapped[str | None] = mapped_column(Text)
    killed: Mapped[int | None]
    injured: Mapped[int | None]
    n_sources: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    members: Mapped[list[CanonicalMember]] = relationship(
        back_populates="canonical", order_by="CanonicalMember.id"
    )
    figures: Mapped[list[CanonicalFigure]] = relationship(
        cascade="all, delete-orphan", order_by="CanonicalFigure.id"
    )


class CanonicalMember(Base):
    """Links one article's incident to its canonical incident (an incident has at most one)."""

    __tablename__ = "canonical_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    canonical_id: Mapped[int] = mapped_column(
        ForeignKey("canonical_incidents.id", ondelete="CASCADE"), index=True
    )
    incident_id: Mapped[int] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), unique=True
    )
    method: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    canonical: Mapped[CanonicalIncident] = relationship(back_populates="members")
    incident: Mapped[IncidentRow] = relationship(back_populates="membership")


class CanonicalFigure(Base):
    """The reconciled figure of one outcome and group (UCDP-style low / best / high)."""

    __tablename__ = "canonical_figures"
    __table_args__ = (UniqueConstraint("canonical_id", "outcome", "casualty_group"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    canonical_id: Mapped[int] = mapped_column(
        ForeignKey("canonical_incidents.id", ondelete="CASCADE")
    )
    outcome: Mapped[str] = mapped_column(String(16))
    casualty_group: Mapped[str] = mapped_column(Text)
    low: Mapped[int | None]
    best: Mapped[int | None]
    high: Mapped[int | None]
    best_casualty_id: Mapped[int | None] = mapped_column(
        ForeignKey("casualties.id", ondelete="SET NULL")
    )
    n_figures: Mapped[int]
    reasons: Mapped[list[Any]]


class MergeDecision(Base):
    """Why an incident joined (or started) a canonical incident, or a manual merge/split."""

    __tablename__ = "merge_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    method: Mapped[str] = mapped_column(String(16))  # auto | manual
    action: Mapped[str] = mapped_column(String(16))  # join | new | merge | split
    canonical_id: Mapped[int | None] = mapped_column(
        ForeignKey("canonical_incidents.id"), index=True
    )
    other_canonical_id: Mapped[int | None] = mapped_column(ForeignKey("canonical_incidents.id"))
    incident_id: Mapped[int | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="SET NULL"), index=True
    )
    incident_key: Mapped[str | None] = mapped_column(Text)
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[Any]]


class HistoryEntry(Base):
    """The audit trail: what changed, when, and the previous state where one was replaced."""

    __tablename__ = "history"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    action: Mapped[str] = mapped_column(String(32))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[int | None] = mapped_column(index=True)
    details: Mapped[dict[str, Any]]


class TermCount(Base):
    """How many stored incidents use each word, for the IDF weights of text similarity.

    The row whose ``term`` is the empty string counts the incidents themselves.
    """

    __tablename__ = "term_counts"

    term: Mapped[str] = mapped_column(Text, primary_key=True)
    incidents: Mapped[int]
