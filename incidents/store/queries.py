"""Queries behind ``incidents list``, ``show`` and ``export``: filters -> read models."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session, selectinload

from incidents.store.merging import find_canonical, follow
from incidents.store.records import (
    CanonicalRecord,
    DecisionRecord,
    EvidenceRecord,
    FieldRecord,
    FigureRecord,
    MemberRecord,
    SourceFigureRecord,
    sentence_around,
)
from incidents.store.tables import (
    ArticleRow,
    CanonicalIncident,
    CanonicalMember,
    ExtractionRow,
    IncidentRow,
    MergeDecision,
)


@dataclass(frozen=True, slots=True)
class Filters:
    """Which canonical incidents to list or export (every filter optional)."""

    since: dt.date | None = None
    until: dt.date | None = None
    country: str | None = None
    type: str | None = None
    min_killed: int | None = None
    text: str | None = None
    limit: int | None = None


def select_canonicals(filters: Filters) -> Select[Any]:
    """The active canonical incidents matching ``filters``, by date then id."""
    query = select(CanonicalIncident).where(CanonicalIncident.active.is_(True))
    if filters.since is not None:
        query = query.where(CanonicalIncident.date_end >= filters.since)
    if filters.until is not None:
        query = query.where(CanonicalIncident.date_start <= filters.until)
    if filters.country:
        wanted = filters.country.strip()
        query = query.where(
            or_(
                CanonicalIncident.country.ilike(wanted),
                CanonicalIncident.country_code.ilike(wanted),
            )
        )
    if filters.type:
        pattern = f"%{_escape(filters.type.strip())}%"
        query = query.where(
            or_(
                *(
                    column.ilike(pattern, escape="\\")
                    for column in (
                        CanonicalIncident.gtd_type,
                        CanonicalIncident.acled_event_type,
                        CanonicalIncident.acled_sub_event_type,
                        CanonicalIncident.muc,
                    )
                )
            )
        )
    if filters.min_killed is not None:
        query = query.where(CanonicalIncident.killed >= filters.min_killed)
    if filters.text:
        pattern = f"%{_escape(filters.text.strip())}%"
        in_members = (
            select(CanonicalMember.id)
            .join(IncidentRow, IncidentRow.id == CanonicalMember.incident_id)
            .join(ArticleRow, ArticleRow.id == IncidentRow.article_id)
            .where(
                CanonicalMember.canonical_id == CanonicalIncident.id,
                or_(
                    IncidentRow.summary.ilike(pattern, escape="\\"),
                    ArticleRow.title.ilike(pattern, escape="\\"),
                ),
            )
        )
        query = query.where(
            or_(CanonicalIncident.summary.ilike(pattern, escape="\\"), exists(in_members))
        )
    query = query.order_by(
        CanonicalIncident.date_start.is_(None), CanonicalIncident.date_start, CanonicalIncident.id
    )
    if filters.limit is not None:
        query = query.limit(filters.limit)
    return query


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def list_records(session: Session, filters: Filters) -> list[CanonicalRecord]:
    """Canonical incidents without their sources (fast: for tables)."""
    query = select_canonicals(filters).options(selectinload(CanonicalIncident.figures))
    return [to_record(c) for c in session.scalars(query)]


def iter_records(session: Session, filters: Filters, chunk: int = 200) -> Iterator[CanonicalRecord]:
    """Canonical incidents with every source, figure and evidence span, in chunks."""
    ids = list(session.scalars(select_canonicals(filters).with_only_columns(CanonicalIncident.id)))
    for start in range(0, len(ids), chunk):
        batch = ids[start : start + chunk]
        order = {canonical_id: n for n, canonical_id in enumerate(batch)}
        rows = session.scalars(
            _detailed(select(CanonicalIncident)).where(CanonicalIncident.id.in_(batch))
        ).all()
        for canonical in sorted(rows, key=lambda c: order[c.id]):
            yield detailed_record(session, canonical)
        session.expunge_all()


def get_record(session: Session, reference: str) -> CanonicalRecord:
    """One canonical incident with every source (follows manual merges).

    Raises:
        StoreError: no incident has that id or key.
    """
    found = find_canonical(session, reference)
    target = follow(session, found)
    record = detailed_record(session, target)
    if target.id != found.id:
        return _with_redirect(record, found.id)
    return record


def _with_redirect(record: CanonicalRecord, original: int) -> CanonicalRecord:
    return replace(record, redirected_from=original)


def _detailed(query: Select[Any]) -> Select[Any]:
    return query.options(
        selectinload(CanonicalIncident.figures),
        selectinload(CanonicalIncident.members)
        .selectinload(CanonicalMember.incident)
        .options(
            selectinload(IncidentRow.locations),
            selectinload(IncidentRow.casualties),
            selectinload(IncidentRow.perpetrators),
            selectinload(IncidentRow.entities),
            selectinload(IncidentRow.weapons),
            selectinload(IncidentRow.article).selectinload(ArticleRow.source),
            selectinload(IncidentRow.extraction).load_only(ExtractionRow.extractor_version),
        ),
    )


def to_record(canonical: CanonicalIncident) -> CanonicalRecord:
    return CanonicalRecord(
        id=canonical.id,
        date_start=canonical.date_start,
        date_end=canonical.date_end,
        precision=canonical.date_precision,
        city=canonical.city,
        admin1=canonical.admin1,
        admin2=canonical.admin2,
        country=canonical.country,
        country_code=canonical.country_code,
        lat=canonical.lat,
        lon=canonical.lon,
        place_precision=canonical.place_precision,
        gtd_type=canonical.gtd_type,
        acled_event_type=canonical.acled_event_type,
        acled_sub_event_type=canonical.acled_sub_event_type,
        muc=canonical.muc,
        summary=canonical.summary,
        stage=canonical.stage,
        perpetrator=canonical.perpetrator,
        killed=canonical.killed,
        injured=canonical.injured,
        n_sources=canonical.n_sources,
        figures=tuple(
            FigureRecord(
                outcome=f.outcome,
                group=f.casualty_group,
                low=f.low,
                best=f.best,
                high=f.high,
                n_figures=f.n_figures,
                reasons=tuple(f.reasons),
            )
            for f in canonical.figures
        ),
    )


def detailed_record(session: Session, canonical: CanonicalIncident) -> CanonicalRecord:
    decisions = session.scalars(
        select(MergeDecision)
        .where(
            or_(
                MergeDecision.canonical_id == canonical.id,
                MergeDecision.other_canonical_id == canonical.id,
            )
        )
        .order_by(MergeDecision.id)
    )
    members = sorted(
        canonical.members,
        key=lambda m: (m.incident.article.published_date or dt.date.max, m.incident.id),
    )
    return replace(
        to_record(canonical),
        members=tuple(_member(m) for m in members),
        decisions=tuple(
            DecisionRecord(
                at=d.at,
                method=d.method,
                action=d.action,
                canonical_id=d.canonical_id,
                other_canonical_id=d.other_canonical_id,
                incident_key=d.incident_key,
                score=d.score,
                reasons=tuple(d.reasons),
            )
            for d in decisions
        ),
    )


def _member(member: CanonicalMember) -> MemberRecord:
    incident = member.incident
    article = incident.article
    text = article.text

    def spans(evidence: list[dict[str, object]]) -> tuple[EvidenceRecord, ...]:
        out = []
        for span in evidence:
            start, end = int(span["start"]), int(span["end"])  # type: ignore[call-overload]
            out.append(
                EvidenceRecord(start, end, str(span["text"]), sentence_around(text, start, end))
            )
        return tuple(out)

    fields: list[FieldRecord] = []
    for place in incident.locations:
        fields.append(
            FieldRecord(
                kind="location",
                text=place.name,
                category=place.precision,
                extra={
                    "admin1": place.admin1,
                    "country": place.country,
                    "country_code": place.country_code,
                    "lat": place.lat,
                    "lon": place.lon,
                    "geonames_id": place.geonames_id,
                },
                evidence=spans(place.evidence),
            )
        )
    for perpetrator in incident.perpetrators:
        fields.append(
            FieldRecord(
                kind="perpetrator",
                text=perpetrator.text,
                category=perpetrator.kind,
                status=perpetrator.status,
                evidence=spans(perpetrator.evidence),
            )
        )
    for entity in incident.entities:
        fields.append(
            FieldRecord(
                kind=entity.role,
                text=entity.text,
                category=entity.category,
                status=entity.status,
                extra={"count": entity.count},
                evidence=spans(entity.evidence),
            )
        )
    for weapon in incident.weapons:
        fields.append(
            FieldRecord(
                kind="weapon",
                text=weapon.text,
                category=weapon.category,
                extra={"subcategory": weapon.subcategory},
                evidence=spans(weapon.evidence),
            )
        )
    return MemberRecord(
        incident_id=incident.id,
        incident_key=incident.key,
        main=incident.main,
        summary=incident.summary,
        status=incident.status,
        stage=incident.stage,
        confidence=incident.confidence,
        method=member.method,
        article_key=article.key,
        title=article.title,
        url=article.url,
        published=article.published,
        source=article.source.name if article.source else None,
        extractor_version=incident.extraction.extractor_version,
        date_start=incident.date_start,
        date_end=incident.date_end,
        precision=incident.date_precision,
        gtd_type=incident.gtd_type,
        fields=tuple(fields),
        figures=tuple(
            SourceFigureRecord(
                outcome=c.outcome,
                group=c.casualty_group,
                value=c.value,
                min=c.min_value,
                max=c.max_value,
                qualifier=c.qualifier,
                status=c.status,
                evidence=spans(c.evidence),
            )
            for c in incident.casualties
        ),
        date_evidence=spans(incident.date_evidence),
    )
