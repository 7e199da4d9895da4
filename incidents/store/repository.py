"""The incident database's public face: :class:`Store`.

    store = open_store("sqlite:///incidents.db")     # or postgresql://..., or a file path
    result = store.save([extraction, failure, ...])  # one transaction; merges new incidents
    store.list_incidents(Filters(country="Russia"))  # canonical incidents
    store.get("12")                                   # one, with every source and evidence
    store.merge("12", ["15"]); store.split("12")      # manual decisions, kept in history

Every method raises :class:`~incidents.errors.StoreError` (never a driver exception) with a
message that names the database and the problem.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Self

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from incidents import __version__
from incidents.errors import StoreError
from incidents.model import Extraction, Failure
from incidents.store import merging, queries, terms
from incidents.store.engine import display_url, open_engine, short_error
from incidents.store.records import CanonicalRecord
from incidents.store.save import (
    NewIncident,
    SourceCache,
    content_hash,
    insert_new,
    is_newer,
    reextract,
    save_failure,
    stored_versions,
)
from incidents.store.tables import (
    ArticleRow,
    CanonicalIncident,
    CanonicalMember,
    ExtractionRow,
    FailureRow,
    HistoryEntry,
    IncidentRow,
    MergeDecision,
)

log = logging.getLogger(__name__)


@dataclass
class BatchResult:
    """What one :meth:`Store.save` call did."""

    new: int = 0
    updated: int = 0
    skipped: int = 0
    failed: int = 0
    canonical_new: set[int] = field(default_factory=set)
    canonical_updated: set[int] = field(default_factory=set)
    failures: list[Failure] = field(default_factory=list)

    def add(self, other: BatchResult) -> None:
        self.new += other.new
        self.updated += other.updated
        self.skipped += other.skipped
        self.failed += other.failed
        self.canonical_new |= other.canonical_new
        self.canonical_updated |= other.canonical_updated - self.canonical_new
        self.failures += other.failures


class Store:
    """A connection to one incident database (SQLite or PostgreSQL)."""

    def __init__(self, url: str | None = None, create: bool = True) -> None:
        self.engine = open_engine(url, create=create)
        self.url = display_url(self.engine.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._sources = SourceCache()
        self._profiles = merging.ProfileCache()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except SQLAlchemyError as exc:
            self._forget()
            raise StoreError(f"database {self.url}: {short_error(exc)}") from exc
        except BaseException:
            self._forget()
            raise
        finally:
            session.close()

    def _forget(self) -> None:
        """After a rollback: rows created in it are gone, and their ids may come back."""
        self._sources.forget()
        self._profiles.clear()

    # -- writing -------------------------------------------------------------------------

    def stored_versions(self, hashes: Iterable[str]) -> dict[str, str]:
        """Extractor version of each already stored article, by content hash."""
        with self.transaction() as session:
            found = stored_versions(session, hashes)
        return {digest: version for digest, (_, version) in found.items()}

    def save(self, items: Sequence[Extraction | Failure], merge: bool = True) -> BatchResult:
        """Store a batch in one transaction; merge its new incidents into canonical ones.

        If the batch fails, its items are retried one by one, and an item the database
        refuses is recorded as a failure, so one bad article never costs the others.

        Raises:
            StoreError: the database is unreachable or refuses even the failure record.
        """
        try:
            with self.transaction() as session:
                return self._save(session, items, merge)
        except StoreError as exc:
            if len(items) > 1:
                log.warning("batch failed (%s); storing its articles one by one", exc)
                total = BatchResult()
                for item in items:
                    total.add(self.save([item], merge))
                return total
            item = items[0]
            failure = Failure(id=item.id, error=f"could not store: {exc}", source=_source(item))
            with self.transaction() as session:
                save_failure(session, failure, __version__)
            return BatchResult(failed=1, failures=[failure])

    def _save(
        self, session: Session, items: Sequence[Extraction | Failure], merge: bool
    ) -> BatchResult:
        result = BatchResult()
        touched: set[int] = set()
        deltas: Counter[str] = Counter()
        hashes = [content_hash(i.article.text) if isinstance(i, Extraction) else "" for i in items]
        stored = stored_versions(session, filter(None, hashes))
        new: list[Extraction] = []
        updated: list[NewIncident] = []
        seen: set[str] = set()
        for item, digest in zip(items, hashes, strict=True):
            if isinstance(item, Failure):
                save_failure(session, item, __version__)
                result.failed += 1
                result.failures.append(item)
            elif digest in seen:
                result.skipped += 1
            elif digest not in stored:
                new.append(item)
            elif not is_newer(item.extractor_version, stored[digest][1]):
                result.skipped += 1
            else:
                saved = reextract(session, item, stored[digest][0])
                result.updated += 1
                touched |= saved.touched_canonicals
                deltas.update(saved.term_deltas)
                updated += saved.new_incidents
            seen.add(digest)
        fresh, added = insert_new(session, new, self._sources)
        result.new += len(new)
        deltas.update(added)
        terms.apply(session, deltas)
        if result.updated:
            self._profiles.clear()
        if merge and (fresh or updated):
            assigner = merging.Assigner(session, terms.TermWeights(session), self._profiles)
            for incident in fresh + updated:
                assignment = assigner.assign(incident)
                if assignment.created:
                    result.canonical_new.add(assignment.canonical_id)
                else:
                    touched.add(assignment.canonical_id)
            assigner.finish()
        merging.refresh(session, result.canonical_new | touched)
        result.canonical_updated = touched - result.canonical_new
        return result

    def assign_pending(self) -> BatchResult:
        """Merge every stored incident that has no canonical incident yet."""
        result = BatchResult()
        with self.transaction() as session:
            pending = [
                NewIncident(*row)
                for row in session.execute(
                    select(
                        IncidentRow.id, IncidentRow.key, IncidentRow.summary, IncidentRow.profile
                    )
                    .outerjoin(CanonicalMember, CanonicalMember.incident_id == IncidentRow.id)
                    .where(CanonicalMember.id.is_(None))
                    .order_by(IncidentRow.id)
                )
            ]
            touched: set[int] = set()
            assigner = merging.Assigner(session, terms.TermWeights(session), self._profiles)
            for incident in pending:
                assignment = assigner.assign(incident)
                target = result.canonical_new if assignment.created else touched
                target.add(assignment.canonical_id)
            assigner.finish()
            merging.refresh(session, result.canonical_new | touched)
            result.canonical_updated = touched - result.canonical_new
        return result

    # -- manual decisions ----------------------------------------------------------------

    def merge(self, target: str, others: Sequence[str], note: str = "") -> int:
        """Merge canonical incidents ``others`` into ``target`` by hand; returns its id."""
        with self.transaction() as session:
            return merging.merge_canonicals(session, target, others, note)

    def split(self, reference: str, members: Sequence[str] = (), note: str = "") -> list[int]:
        """Split members off a canonical incident by hand; returns the new ids."""
        with self.transaction() as session:
            return merging.split_canonical(session, reference, members, note)

    # -- reading -------------------------------------------------------------------------

    def get(self, reference: str) -> CanonicalRecord:
        """One canonical incident (id, or a member's incident key) with every source."""
        with self.transaction() as session:
            return queries.get_record(session, reference)

    def list_incidents(self, filters: queries.Filters | None = None) -> list[CanonicalRecord]:
        with self.transaction() as session:
            return queries.list_records(session, filters or queries.Filters())

    def iter_records(self, filters: queries.Filters | None = None) -> Iterator[CanonicalRecord]:
        with self.transaction() as session:
            yield from queries.iter_records(session, filters or queries.Filters())

    def canonicals_by_content(self) -> dict[str, list[int]]:
        """Article content hash -> canonical ids of its incidents, the main incident first."""
        query = (
            select(ArticleRow.content_hash, CanonicalMember.canonical_id)
            .join(IncidentRow, IncidentRow.article_id == ArticleRow.id)
            .join(CanonicalMember, CanonicalMember.incident_id == IncidentRow.id)
            .order_by(ArticleRow.id, IncidentRow.main.desc(), IncidentRow.position)
        )
        found: dict[str, list[int]] = {}
        with self.transaction() as session:
            for digest, canonical_id in session.execute(query):
                found.setdefault(digest, []).append(canonical_id)
        return found

    def counts(self) -> dict[str, int]:
        with self.transaction() as session:

            def count(model: Any, *where: Any) -> int:
                return int(
                    session.scalar(select(func.count()).select_from(model).where(*where)) or 0
                )

            return {
                "articles": count(ArticleRow),
                "extractions": count(ExtractionRow),
                "incidents": count(IncidentRow),
                "canonical": count(CanonicalIncident, CanonicalIncident.active.is_(True)),
                "decisions": count(MergeDecision),
                "failures": count(FailureRow, FailureRow.resolved_at.is_(None)),
                "history": count(HistoryEntry),
            }

    def history(self, entity_id: int | None = None) -> list[dict[str, Any]]:
        """The audit trail, oldest first (optionally of one article or canonical incident)."""
        query = select(HistoryEntry).order_by(HistoryEntry.id)
        if entity_id is not None:
            query = query.where(HistoryEntry.entity_id == entity_id)
        with self.transaction() as session:
            return [
                {
                    "at": h.at.isoformat(timespec="seconds"),
                    "action": h.action,
                    "entity": h.entity,
                    "entity_id": h.entity_id,
                    "details": h.details,
                }
                for h in session.scalars(query)
            ]

    def failures(self) -> list[dict[str, Any]]:
        """Unresolved failures: articles that could not be read, extracted or stored."""
        query = select(FailureRow).where(FailureRow.resolved_at.is_(None)).order_by(FailureRow.id)
        with self.transaction() as session:
            return [
                {"id": f.key, "source": f.source or None, "error": f.error, "attempts": f.attempts}
                for f in session.scalars(query)
            ]


def _source(item: Extraction | Failure) -> str | None:
    return item.source if isinstance(item, Failure) else item.article.source


def open_store(url: str | None = None, create: bool = True) -> Store:
    """Open (creating or upgrading) the incident database at ``url``.

    ``url``: ``sqlite:///FILE``, a file path, ``postgresql://USER@HOST:PORT/DB``; default
    ``$INCIDENTS_DB`` or ``incidents.db`` in the current directory. ``create=False``
    refuses a SQLite file that does not exist (for reading commands).

    Raises:
        StoreError: bad URL, unreachable server, or a schema newer than this package.
    """
    return Store(url, create=create)
