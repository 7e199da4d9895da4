"""Write extractions into the tables (inside the caller's transaction).

An article is identified by the SHA-256 of its text: the same text twice is stored once.
New articles, the common case, go in with a few multi-row INSERTs per batch
(:func:`insert_new`). A stored article is extracted again only by a newer extractor
version (:func:`reextract`): the new results replace the old ones in place (incidents
matched by their contract id keep their row and their canonical incident), and the previous
record goes to the history table.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from incidents.merge.profile import build_profile, date_range, parse_date
from incidents.model import Article, Extraction, Failure, Incident, Outcome
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
from incidents.store.terms import profile_terms

RAW_META_KEYS = ("raw", "html")
CHILD_TABLES: dict[str, Any] = {
    "locations": LocationRow,
    "casualties": CasualtyRow,
    "perpetrators": PerpetratorRow,
    "entities": EntityRow,
    "weapons": WeaponRow,
}


def content_hash(text: str) -> str:
    """The article's identity in the store: SHA-256 of its text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Orderable form of a version string: ``0.10.0`` sorts after ``0.9.2``."""
    parts = re.split(r"[.+-]", version or "")
    return tuple((int(p), "") if p.isdigit() else (-1, p) for p in parts)


def is_newer(candidate: str, stored: str) -> bool:
    return version_key(candidate) > version_key(stored)


@dataclass(frozen=True, slots=True)
class NewIncident:
    """A just-stored incident, as merging needs it."""

    id: int
    key: str
    summary: str
    profile: dict[str, Any]


@dataclass
class Saved:
    """What re-extracting one article did."""

    new_incidents: list[NewIncident] = field(default_factory=list)
    touched_canonicals: set[int] = field(default_factory=set)
    term_deltas: Counter[str] = field(default_factory=Counter)


def stored_versions(session: Session, hashes: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Content hash -> (article id, extractor version) of the stored ones among ``hashes``."""
    wanted = sorted(set(hashes))
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(wanted), 500):
        rows = session.execute(
            select(ArticleRow.content_hash, ArticleRow.id, ExtractionRow.extractor_version)
            .join(ExtractionRow, ExtractionRow.article_id == ArticleRow.id)
            .where(ArticleRow.content_hash.in_(wanted[start : start + 500]))
        )
        found.update({digest: (article_id, version) for digest, article_id, version in rows})
    return found


def insert_new(
    session: Session, extractions: Sequence[Extraction], sources: SourceCache
) -> tuple[list[NewIncident], Counter[str]]:
    """Insert articles not yet stored, with everything extracted from them.

    Returns the new incidents (in order) and the word counts they add.
    """
    if not extractions:
        return [], Counter()
    source_ids = sources.ids_for(session, [x.article for x in extractions])
    article_ids = _insert(
        session,
        ArticleRow,
        [
            _article_values(x.article, content_hash(x.article.text), source_id)
            for x, source_id in zip(extractions, source_ids, strict=True)
        ],
    )
    extraction_ids = _insert(
        session,
        ExtractionRow,
        [
            {
                "article_id": article_id,
                "extractor_version": x.extractor_version[:40],
                "record": x.to_dict(),
            }
            for x, article_id in zip(extractions, article_ids, strict=True)
        ],
    )
    values, owners = [], []
    for x, article_id, extraction_id in zip(extractions, article_ids, extraction_ids, strict=True):
        for position, incident in enumerate(x.incidents):
            values.append(
                _incident_values(incident, x.article, position, article_id)
                | {"extraction_id": extraction_id}
            )
            owners.append(incident)
    incident_ids = _insert(session, IncidentRow, values)
    children: dict[str, list[dict[str, Any]]] = {name: [] for name in CHILD_TABLES}
    for incident, incident_id in zip(owners, incident_ids, strict=True):
        for name, rows in child_values(incident).items():
            children[name] += [row | {"incident_id": incident_id} for row in rows]
    for name, rows in children.items():
        if rows:
            session.execute(insert(CHILD_TABLES[name]), rows)
    ids_by_key = {i.id: n for i, n in zip(owners, incident_ids, strict=True)}
    statements = [
        row | {"extraction_id": extraction_id}
        for x, extraction_id in zip(extractions, extraction_ids, strict=True)
        for row in statement_values(x, ids_by_key)
    ]
    if statements:
        session.execute(insert(StatementRow), statements)
    resolve_failures(session, [x.article for x in extractions])
    new = [
        NewIncident(n, v["key"], v["summary"], v["profile"])
        for v, n in zip(values, incident_ids, strict=True)
    ]
    deltas: Counter[str] = Counter()
    for stored in new:
        deltas.update(profile_terms(stored.profile))
    return new, deltas


def _insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` in one multi-row statement; their new ids, in order."""
    if not rows:
        return []
    statement = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(session.scalars(statement, rows).all())


def reextract(session: Session, extraction: Extraction, article_id: int) -> Saved:
    """Replace a stored article's results by a newer extractor version's, keeping history."""
    row = session.get(ArticleRow, article_id)
    assert row is not None and row.extraction is not None
    current = row.extraction
    touched = {i.membership.canonical_id for i in current.incidents if i.membership is not None}
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
    stored = {i.key: i for i in current.incidents}
    wanted = {i.id for i in extraction.incidents}
    deltas: Counter[str] = Counter()
    for key, old in stored.items():
        deltas.subtract(profile_terms(old.profile))
        if key not in wanted:
            session.delete(old)
    current.statements.clear()
    session.flush()
    new: list[IncidentRow] = []
    by_key: dict[str, int] = {}
    for position, incident in enumerate(extraction.incidents):
        target = stored.get(incident.id) or IncidentRow()
        for name, value in _incident_values(incident, extraction.article, position, row.id).items():
            setattr(target, name, value)
        for name, rows in child_values(incident).items():
            setattr(target, name, [CHILD_TABLES[name](**values) for values in rows])
        if incident.id not in stored:
            current.incidents.append(target)
            new.append(target)
        deltas.update(profile_terms(target.profile))
    session.flush()
    by_key = {i.key: i.id for i in current.incidents}
    current.statements.extend(StatementRow(**v) for v in statement_values(extraction, by_key))
    resolve_failures(session, [extraction.article])
    return Saved(
        new_incidents=[NewIncident(i.id, i.key, i.summary, i.profile) for i in new],
        touched_canonicals=touched,
        term_deltas=deltas,
    )


def _article_values(article: Article, digest: str, source_id: int | None) -> dict[str, Any]:
    meta = dict(article.meta)
    raw = next((meta.pop(k) for k in RAW_META_KEYS if isinstance(meta.get(k), str)), None)
    return {
        "key": article.id,
        "content_hash": digest,
        "source_id": source_id,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "published_date": parse_date(article.published),
        "author": article.author,
        "language": article.language or "en",
        "text": article.text,
        "raw": raw,
        "meta": _jsonable(meta),
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _incident_values(
    incident: Incident, article: Article, position: int, article_id: int
) -> dict[str, Any]:
    start = end = precision = None
    if incident.date is not None:
        precision = str(incident.date.precision)
        start, end = date_range(incident.date.start, incident.date.end, precision)
    place = incident.locations[0] if incident.locations else None
    killed = incident.total(Outcome.KILLED)
    injured = incident.total(Outcome.INJURED)
    return {
        "article_id": article_id,
        "key": incident.id,
        "position": position,
        "main": incident.main,
        "summary": incident.summary,
        "status": str(incident.status),
        "stage": str(incident.stage),
        "confidence": float(incident.confidence),
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "date_evidence": _spans(incident.date.evidence) if incident.date else [],
        "country": place.country if place else None,
        "country_code": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "admin2": place.admin2 if place else None,
        "city": place.name if place else None,
        "place_precision": place.precision if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "gtd_type": incident.types.gtd[0] if incident.types.gtd else None,
        "acled_event_type": incident.types.acled_event_type,
        "acled_sub_event_type": incident.types.acled_sub_event_type,
        "muc": incident.types.muc,
        "killed": _point(killed.value, killed.min) if killed else None,
        "injured": _point(injured.value, injured.min) if injured else None,
        "profile": build_profile(incident, article).to_dict(),
        "evidence": _spans(incident.evidence),
    }


def child_values(incident: Incident) -> dict[str, list[dict[str, Any]]]:
    """The rows of the per-field tables of one incident (without ``incident_id``)."""
    roles = [("target", t) for t in incident.targets] + [("victim", v) for v in incident.victims]
    return {
        "locations": [
            {
                "position": i,
                "name": p.name,
                "country": p.country,
                "country_code": p.country_code,
                "admin1": p.admin1,
                "admin2": p.admin2,
                "lat": p.lat,
                "lon": p.lon,
                "geonames_id": p.geonames_id,
                "precision": p.precision,
                "evidence": _spans(p.evidence),
            }
            for i, p in enumerate(incident.locations)
        ],
        "casualties": [
            {
                "position": i,
                "outcome": str(c.outcome),
                "casualty_group": c.group,
                "value": c.value,
                "min_value": c.min,
                "max_value": c.max,
                "qualifier": str(c.qualifier),
                "status": str(c.status),
                "evidence": _spans(c.evidence),
            }
            for i, c in enumerate(incident.casualties)
        ],
        "perpetrators": [
            {
                "position": i,
                "text": p.text,
                "kind": p.kind,
                "status": str(p.status),
                "evidence": _spans(p.evidence),
            }
            for i, p in enumerate(incident.perpetrators)
        ],
        "entities": [
            {
                "position": i,
                "role": role,
                "text": e.text,
                "category": e.category,
                "count": e.count,
                "status": str(e.status),
                "evidence": _spans(e.evidence),
            }
            for i, (role, e) in enumerate(roles)
        ],
        "weapons": [
            {
                "position": i,
                "text": w.text,
                "category": w.category,
                "subcategory": w.subcategory,
                "evidence": _spans(w.evidence),
            }
            for i, w in enumerate(incident.weapons)
        ],
    }


def statement_values(extraction: Extraction, incident_ids: dict[str, int]) -> list[dict[str, Any]]:
    """The statement rows of one extraction (without ``extraction_id``)."""
    return [
        {
            "incident_id": incident_ids.get(s.incident or ""),
            "position": position,
            "speaker": s.speaker,
            "speaker_role": s.speaker_role,
            "date": s.date,
            "text": s.text,
            "status": str(s.status),
            "cue": s.cue,
            "quote": s.quote,
            "evidence": _spans(s.evidence),
        }
        for position, s in enumerate(extraction.statements)
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


def resolve_failures(session: Session, articles: Sequence[Article]) -> None:
    """Mark earlier failures of these articles (same id and source) as resolved."""
    wanted = {(a.id, a.source or "") for a in articles}
    keys = sorted({key for key, _ in wanted})
    ids = []
    for start in range(0, len(keys), 500):
        rows = session.execute(
            select(FailureRow.id, FailureRow.key, FailureRow.source).where(
                FailureRow.key.in_(keys[start : start + 500]), FailureRow.resolved_at.is_(None)
            )
        )
        ids += [row_id for row_id, key, source in rows if (key, source) in wanted]
    if ids:
        session.execute(
            update(FailureRow).where(FailureRow.id.in_(ids)).values(resolved_at=utcnow())
        )


class SourceCache:
    """Source ids by name, created on first use (one per web site, file or feed)."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}

    def ids_for(self, session: Session, articles: Sequence[Article]) -> list[int | None]:
        """The source id of each article (None when it has none), creating new sources."""
        named = [source_name(a) for a in articles]
        kinds = {name: kind for name, kind in named if name is not None}
        missing = sorted(kinds.keys() - self._ids.keys())
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            rows = session.execute(select(Source.name, Source.id).where(Source.name.in_(chunk)))
            self._ids.update(dict(rows.tuples().all()))
        new = [name for name in missing if name not in self._ids]
        if new:
            ids = _insert(session, Source, [{"name": n, "kind": kinds[n]} for n in new])
            self._ids.update(zip(new, ids, strict=True))
        return [self._ids[name] if name is not None else None for name, _ in named]

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
