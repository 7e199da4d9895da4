"""Write one article's extraction into the tables (inside the caller's transaction).

An article is identified by the SHA-256 of its text: the same text twice is stored once.
A stored article is extracted again only by a newer extractor version; the new results
replace the old ones in place (incidents matched by their contract id keep their row and
their canonical incident), and the previous record goes to the history table.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import select
from sqlalchemy.orm import Session

from incidents.merge.profile import build_profile, date_range, parse_date
from incidents.model import Article, Extraction, Failure, Incident, Outcome
from incidents.store.terms import profile_terms
from incidents.store.tables import (
    ArticleRow,
    CasualtyRow,
    EntityRow,
    ExtractionRow,
    FailureRow,
    HistoryEntry,
    IncidentRow,
    LocationRow,
    PerpetratorRow,
    Source,
    StatementRow,
    WeaponRow,
    utcnow,
)

RAW_META_KEYS = ("raw", "html")


def content_hash(text: str) -> str:
    """The article's identity in the store: SHA-256 of its text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Orderable form of a version string: ``0.10.0`` sorts after ``0.9.2``."""
    parts = re.split(r"[.+-]", version or "")
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


def is_newer(candidate: str, stored: str) -> bool:
    return version_key(candidate) > version_key(stored)


@dataclass
class Saved:
    """What saving one extraction did."""

    outcome: str  # new | updated | skipped
    article_id: int
    new_incidents: list[IncidentRow] = field(default_factory=list)
    touched_canonicals: set[int] = field(default_factory=set)
    term_deltas: Counter[str] = field(default_factory=Counter)


def save_extraction(session: Session, extraction: Extraction, sources: SourceCache) -> Saved:
    """Store ``extraction`` (new article, newer re-extraction, or a skip)."""
    article = extraction.article
    digest = content_hash(article.text)
    row = session.scalar(select(ArticleRow).where(ArticleRow.content_hash == digest))
    if row is None:
        row = _article_row(article, digest, sources.get(session, article))
        session.add(row)
        row.extraction = ExtractionRow(
            extractor_version=extraction.extractor_version[:40], record=extraction.to_dict()
        )
        session.flush()
        incidents, deltas = _sync_incidents(session, row, extraction)
        _resolve_failures(session, article)
        return Saved("new", row.id, new_incidents=incidents, term_deltas=deltas)
    current = row.extraction
    if current is not None and not is_newer(
        extraction.extractor_version, current.extractor_version
    ):
        return Saved("skipped", row.id)
    touched = _canonicals_of(row)
    if current is None:
        row.extraction = ExtractionRow(
            extractor_version=extraction.extractor_version[:40], record=extraction.to_dict()
        )
    else:
        session.add(
            HistoryEntry(
                action="reextract",
                entity="article",
                entity_id=row.id,
                details={
                    "article": row.key,
                    "from_version": current.extractor_version,
                    "to_version": extraction.extractor_version,
                    "previous": current.record,
                },
            )
        )
        current.extractor_version = extraction.extractor_version[:40]
        current.record = extraction.to_dict()
    session.flush()
    incidents, deltas = _sync_incidents(session, row, extraction)
    _resolve_failures(session, article)
    return Saved(
        "updated", row.id, new_incidents=incidents, touched_canonicals=touched, term_deltas=deltas
    )


def _canonicals_of(row: ArticleRow) -> set[int]:
    if row.extraction is None:
        return set()
    return {i.membership.canonical_id for i in row.extraction.incidents if i.membership is not None}


def _article_row(article: Article, digest: str, source: Source | None) -> ArticleRow:
    meta = dict(article.meta)
    raw = next((meta.pop(k) for k in RAW_META_KEYS if isinstance(meta.get(k), str)), None)
    return ArticleRow(
        key=article.id,
        content_hash=digest,
        source=source,
        title=article.title,
        url=article.url,
        published=article.published,
        published_date=parse_date(article.published),
        author=article.author,
        language=article.language or "en",
        text=article.text,
        raw=raw,
        meta=_jsonable(meta),
    )


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _sync_incidents(
    session: Session, row: ArticleRow, extraction: Extraction
) -> tuple[list[IncidentRow], Counter[str]]:
    """Make the article's incident rows match ``extraction``.

    Returns the new rows and the changes to the word counts (old profiles out, new in).
    """
    assert row.extraction is not None
    stored = {i.key: i for i in row.extraction.incidents}
    wanted = {i.id for i in extraction.incidents}
    deltas: Counter[str] = Counter()
    for key, old in stored.items():
        deltas.subtract(profile_terms(old.profile))
        if key not in wanted:
            session.delete(old)
    row.extraction.statements.clear()
    session.flush()
    new: list[IncidentRow] = []
    by_key: dict[str, IncidentRow] = {}
    for position, incident in enumerate(extraction.incidents):
        existing = stored.get(incident.id)
        target = existing if existing is not None else IncidentRow()
        _fill_incident(target, incident, extraction.article, position, row.id)
        if existing is None:
            row.extraction.incidents.append(target)
            new.append(target)
        deltas.update(profile_terms(target.profile))
        by_key[incident.id] = target
    session.flush()
    for position, statement in enumerate(extraction.statements):
        linked = by_key.get(statement.incident or "")
        row.extraction.statements.append(
            StatementRow(
                incident_id=linked.id if linked is not None else None,
                position=position,
                speaker=statement.speaker,
                speaker_role=statement.speaker_role,
                date=statement.date,
                text=statement.text,
                status=str(statement.status),
                cue=statement.cue,
                quote=statement.quote,
                evidence=_spans(statement.evidence),
            )
        )
    return new, deltas


def _fill_incident(
    row: IncidentRow, incident: Incident, article: Article, position: int, article_id: int
) -> None:
    start = end = precision = None
    if incident.date is not None:
        precision = str(incident.date.precision)
        start, end = date_range(incident.date.start, incident.date.end, precision)
    place = incident.locations[0] if incident.locations else None
    killed = incident.total(Outcome.KILLED)
    injured = incident.total(Outcome.INJURED)
    row.article_id = article_id
    row.key = incident.id
    row.position = position
    row.main = incident.main
    row.summary = incident.summary
    row.status = str(incident.status)
    row.stage = str(incident.stage)
    row.confidence = float(incident.confidence)
    row.date_start, row.date_end, row.date_precision = start, end, precision
    row.date_evidence = _spans(incident.date.evidence) if incident.date else []
    row.country = place.country if place else None
    row.country_code = place.country_code if place else None
    row.admin1 = place.admin1 if place else None
    row.admin2 = place.admin2 if place else None
    row.city = place.name if place else None
    row.place_precision = place.precision if place else None
    row.lat = place.lat if place else None
    row.lon = place.lon if place else None
    row.gtd_type = incident.types.gtd[0] if incident.types.gtd else None
    row.acled_event_type = incident.types.acled_event_type
    row.acled_sub_event_type = incident.types.acled_sub_event_type
    row.muc = incident.types.muc
    row.killed = _point(killed.value, killed.min) if killed else None
    row.injured = _point(injured.value, injured.min) if injured else None
    row.profile = build_profile(incident, article).to_dict()
    row.evidence = _spans(incident.evidence)
    row.locations = [
        LocationRow(
            position=i,
            name=p.name,
            country=p.country,
            country_code=p.country_code,
            admin1=p.admin1,
            admin2=p.admin2,
            lat=p.lat,
            lon=p.lon,
            geonames_id=p.geonames_id,
            precision=p.precision,
            evidence=_spans(p.evidence),
        )
        for i, p in enumerate(incident.locations)
    ]
    row.casualties = [
        CasualtyRow(
            position=i,
            outcome=str(c.outcome),
            casualty_group=c.group,
            value=c.value,
            min_value=c.min,
            max_value=c.max,
            qualifier=str(c.qualifier),
            status=str(c.status),
            evidence=_spans(c.evidence),
        )
        for i, c in enumerate(incident.casualties)
    ]
    row.perpetrators = [
        PerpetratorRow(
            position=i, text=p.text, kind=p.kind, status=str(p.status), evidence=_spans(p.evidence)
        )
        for i, p in enumerate(incident.perpetrators)
    ]
    row.entities = [
        EntityRow(
            position=i,
            role=role,
            text=e.text,
            category=e.category,
            count=e.count,
            status=str(e.status),
            evidence=_spans(e.evidence),
        )
        for i, (role, e) in enumerate(
            [("target", t) for t in incident.targets] + [("victim", v) for v in incident.victims]
        )
    ]
    row.weapons = [
        WeaponRow(
            position=i,
            text=w.text,
            category=w.category,
            subcategory=w.subcategory,
            evidence=_spans(w.evidence),
        )
        for i, w in enumerate(incident.weapons)
    ]


def _point(value: int | None, minimum: int | None) -> int | None:
    return value if value is not None else minimum


def _spans(evidence: Any) -> list[dict[str, Any]]:
    return [e.to_dict() for e in evidence]


def save_failure(session: Session, failure: Failure, extractor_version: str) -> None:
    """Record (or count again) an article that could not be processed."""
    source = failure.source or ""
    row = session.scalar(
        select(FailureRow).where(FailureRow.key == failure.id, FailureRow.source == source)
    )
    if row is None:
        session.add(
            FailureRow(
                key=failure.id,
                source=source,
                error=failure.error,
                extractor_version=extractor_version[:40],
            )
        )
        return
    row.error = failure.error
    row.attempts += 1
    row.last_at = utcnow()
    row.resolved_at = None
    row.extractor_version = extractor_version[:40]


def _resolve_failures(session: Session, article: Article) -> None:
    for row in session.scalars(
        select(FailureRow).where(
            FailureRow.key == article.id,
            FailureRow.source == (article.source or ""),
            FailureRow.resolved_at.is_(None),
        )
    ):
        row.resolved_at = utcnow()


class SourceCache:
    """Source rows by name, created on first use (one per file, feed or web site)."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def get(self, session: Session, article: Article) -> Source | None:
        name, kind = source_name(article)
        if name is None:
            return None
        known = self._ids.get(name)
        if known is not None:
            cached = session.get(Source, known)
            if cached is not None:
                return cached
        row = session.scalar(select(Source).where(Source.name == name))
        if row is None:
            row = Source(name=name, kind=kind)
            session.add(row)
            session.flush()
        self._ids[name] = row.id
        return row

    def forget(self) -> None:
        """Drop cached ids (after a rollback, rows created in it are gone)."""
        self._ids.clear()


def source_name(article: Article) -> tuple[str | None, str]:
    """The source of an article: its publisher's web site, else its input file or feed."""
    if article.url:
        url = article.url
        archived = re.match(r"https?://web\.archive\.org/web/[^/]+/(https?://.+)", url)
        if archived:  # an archive.org capture: the publisher is the captured site
            url = archived.group(1)
        host = urlparse(url).netloc.lower().removeprefix("www.")
        if host:
            return host, "site"
    if article.source:
        if article.source in ("-", "<stdin>"):
            return "<stdin>", "stdin"
        if article.source.startswith(("http://", "https://")):
            return article.source, "feed"
        return article.source, "file"
    return None, "unknown"
