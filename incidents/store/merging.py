"""Canonical incidents in the database: automatic assignment, refresh, manual merge and split.

Every newly stored incident is compared with the canonical incidents whose date window
overlaps its own (``incidents.merge.blocking``); it joins the best-scoring one above the
threshold (no member may veto), or starts a new canonical incident. Each decision is
stored with its score and reasons. After any change of membership the canonical record is
refreshed: descriptive fields (``incidents.merge.canonical``), reconciled figures
(``incidents.merge.reconcile``) and its blocking window.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, case, insert, or_, select, true, update
from sqlalchemy.orm import Session, selectinload

from incidents.errors import StoreError
from incidents.merge.blocking import cities, union
from incidents.merge.canonical import MemberFacts, PlaceFacts, summarise
from incidents.merge.profile import MergeProfile, normalise_name
from incidents.merge.reconcile import SourceFigure, reconcile
from incidents.merge.similarity import Comparison, compare
from incidents.store.save import NewIncident
from incidents.store.tables import (
    ArticleRow,
    CanonicalFigure,
    CanonicalIncident,
    CanonicalMember,
    HistoryEntry,
    IncidentRow,
    MergeDecision,
)
from incidents.store.terms import TermWeights


@dataclass(frozen=True, slots=True)
class Assignment:
    canonical_id: int
    created: bool


class ProfileCache:
    """Parsed merge profiles of stored incidents, by incident id (kept across batches).

    Clear it when a transaction rolls back (ids may be reused) or incidents are re-extracted.
    """

    def __init__(self, limit: int = 50_000) -> None:
        self._profiles: dict[int, MergeProfile] = {}
        self._limit = limit

    def get(self, session: Session, ids: Iterable[int]) -> dict[int, MergeProfile]:
        wanted = set(ids)
        missing = sorted(wanted - self._profiles.keys())
        if len(self._profiles) + len(missing) > self._limit:
            self._profiles.clear()
        for start in range(0, len(missing), 500):
            rows = session.execute(
                select(IncidentRow.id, IncidentRow.profile).where(
                    IncidentRow.id.in_(missing[start : start + 500])
                )
            )
            self._profiles.update({n: MergeProfile.from_dict(data) for n, data in rows})
        return {n: self._profiles[n] for n in wanted if n in self._profiles}

    def add(self, incident_id: int, profile: MergeProfile) -> None:
        if len(self._profiles) < self._limit:
            self._profiles[incident_id] = profile

    def clear(self) -> None:
        self._profiles.clear()


class Assigner:
    """Assigns one batch's new incidents to canonical incidents (plain SQL, no ORM flush).

    Memberships are written at once (later incidents of the batch must see them); the
    decisions are written together by :meth:`finish`.
    """

    def __init__(self, session: Session, weights: TermWeights, profiles: ProfileCache) -> None:
        self.session = session
        self.weights = weights
        self.profiles = profiles
        self.decisions: list[dict[str, object]] = []

    def assign(self, incident: NewIncident) -> Assignment:
        """Attach a stored incident to its canonical incident, creating one if none matches."""
        session = self.session
        profile = MergeProfile.from_dict(incident.profile)
        self.profiles.add(incident.id, profile)
        members = _candidates(session, profile)
        parsed = self.profiles.get(session, (m for ms in members.values() for m, _ in ms))
        candidates = {
            canonical_id: [(key, parsed[n]) for n, key in ms if n in parsed]
            for canonical_id, ms in members.items()
        }
        self.weights.load(
            profile.terms.union(*(p.terms for ms in candidates.values() for _, p in ms))
        )
        best: tuple[float, int, Comparison, str] | None = None
        for canonical_id, scored in candidates.items():
            outcome = _score(profile, scored, self.weights)
            if outcome is None or not outcome[0].same:
                continue
            comparison, member_key = outcome
            if best is None or (comparison.score, -canonical_id) > (best[0], -best[1]):
                best = (comparison.score, canonical_id, comparison, member_key)
        window = profile.window()
        if best is not None:
            score, canonical_id, comparison, member_key = best
            reasons = [f"matches {member_key}", *comparison.reasons]
            _widen(session, canonical_id, window)
        else:
            first = profile.places[0] if profile.places else None
            canonical_id = session.scalars(
                insert(CanonicalIncident).returning(CanonicalIncident.id),
                [
                    {
                        "active": True,
                        "summary": incident.summary,
                        "n_sources": 0,
                        "place_key": first.name if first else None,
                        "country_code": first.country_code if first else None,
                        "window_start": window[0] if window else None,
                        "window_end": window[1] if window else None,
                    }
                ],
            ).one()
            score = None
            reasons = [
                f"no match among {len(candidates)} candidate(s)"
                if candidates
                else "no candidate in window"
            ]
        session.execute(
            insert(CanonicalMember),
            [{"canonical_id": canonical_id, "incident_id": incident.id, "method": "auto"}],
        )
        self.decisions.append(
            {
                "method": "auto",
                "action": "new" if best is None else "join",
                "canonical_id": canonical_id,
                "incident_id": incident.id,
                "incident_key": incident.key,
                "score": score,
                "reasons": reasons,
            }
        )
        return Assignment(canonical_id, best is None)

    def finish(self) -> None:
        """Write the batch's decisions."""
        if self.decisions:
            self.session.execute(insert(MergeDecision), self.decisions)
            self.decisions = []


def _widen(session: Session, canonical_id: int, window: tuple[dt.date, dt.date] | None) -> None:
    """Widen the blocking window at once, so later incidents of the same batch find it."""
    if window is None:
        return
    start, end = window
    session.execute(
        update(CanonicalIncident)
        .where(CanonicalIncident.id == canonical_id)
        .values(
            window_start=case(
                (
                    or_(
                        CanonicalIncident.window_start.is_(None),
                        CanonicalIncident.window_start > start,
                    ),
                    start,
                ),
                else_=CanonicalIncident.window_start,
            ),
            window_end=case(
                (
                    or_(CanonicalIncident.window_end.is_(None), CanonicalIncident.window_end < end),
                    end,
                ),
                else_=CanonicalIncident.window_end,
            ),
        )
    )


def _candidates(session: Session, profile: MergeProfile) -> dict[int, list[tuple[int, str]]]:
    """Canonical id -> its members (incident id, key), for the canonicals worth comparing."""
    window = profile.window()
    names = sorted(cities(profile))
    clauses = []
    if window is not None:
        clauses.append(
            and_(
                CanonicalIncident.window_start <= window[1],
                CanonicalIncident.window_end >= window[0],
            )
        )
    if names:
        undated = CanonicalIncident.window_start.is_(None) if window is not None else true()
        clauses.append(and_(undated, CanonicalIncident.place_key.in_(names)))
    if not clauses:
        return {}
    query = (
        select(CanonicalMember.canonical_id, IncidentRow.id, IncidentRow.key)
        .join(IncidentRow, IncidentRow.id == CanonicalMember.incident_id)
        .join(CanonicalIncident, CanonicalIncident.id == CanonicalMember.canonical_id)
        .where(CanonicalIncident.active.is_(True), or_(*clauses))
    )
    codes = {p.country_code for p in profile.places}
    if codes and None not in codes:
        query = query.where(
            or_(CanonicalIncident.country_code.is_(None), CanonicalIncident.country_code.in_(codes))
        )
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for canonical_id, incident_id, key in session.execute(query):
        found[canonical_id].append((incident_id, key))
    return found


def _score(
    profile: MergeProfile, members: Sequence[tuple[str, MergeProfile]], weights: TermWeights
) -> tuple[Comparison, str] | None:
    """The best comparison with any member, or None if a member vetoes the match."""
    best: tuple[Comparison, str] | None = None
    for key, other in members:
        comparison = compare(profile, other, weights)
        if comparison.veto:
            return None
        if best is None or comparison.score > best[0].score:
            best = (comparison, key)
    return best


def refresh(session: Session, canonical_ids: Iterable[int]) -> None:
    """Recompute the fields, figures and window of canonical incidents from their members."""
    ids = sorted(set(canonical_ids))
    if not ids:
        return
    session.flush()
    canonicals = session.scalars(
        select(CanonicalIncident)
        .where(CanonicalIncident.id.in_(ids))
        .options(
            selectinload(CanonicalIncident.members)
            .selectinload(CanonicalMember.incident)
            .options(
                selectinload(IncidentRow.casualties),
                selectinload(IncidentRow.perpetrators),
                selectinload(IncidentRow.article).load_only(
                    ArticleRow.key, ArticleRow.published_date
                ),
            ),
            selectinload(CanonicalIncident.figures),
        )
    ).all()
    for canonical in canonicals:
        _refresh_one(session, canonical)


def _refresh_one(session: Session, canonical: CanonicalIncident) -> None:
    incidents = [m.incident for m in canonical.members]
    if not incidents:
        canonical.active = False
        canonical.figures = []
        canonical.n_sources = 0
        return
    facts = summarise([_facts(i) for i in incidents])
    canonical.date_start, canonical.date_end = facts.date_start, facts.date_end
    canonical.date_precision = facts.precision
    place = facts.place
    canonical.city = place.name if place else None
    canonical.place_key = normalise_name(place.name) if place else None
    canonical.admin1 = place.admin1 if place else None
    canonical.admin2 = place.admin2 if place else None
    canonical.place_precision = place.precision if place else None
    canonical.country = place.country if place else None
    canonical.country_code = place.country_code if place else None
    canonical.lat = place.lat if place else None
    canonical.lon = place.lon if place else None
    canonical.gtd_type = facts.gtd_type
    canonical.acled_event_type = facts.acled_event_type
    canonical.acled_sub_event_type = facts.acled_sub_event_type
    canonical.muc = facts.muc
    canonical.summary = facts.summary
    canonical.stage = facts.stage
    canonical.perpetrator = facts.perpetrator
    window = union(MergeProfile.from_dict(i.profile).window() for i in incidents)
    canonical.window_start, canonical.window_end = window if window else (None, None)
    canonical.n_sources = len({i.article_id for i in incidents})
    _refresh_figures(session, canonical, incidents)


def _facts(incident: IncidentRow) -> MemberFacts:
    place = None
    if incident.city:
        place = PlaceFacts(
            name=incident.city,
            admin1=incident.admin1,
            admin2=incident.admin2,
            country=incident.country,
            country_code=incident.country_code,
            lat=incident.lat,
            lon=incident.lon,
            precision=incident.place_precision,
        )
    return MemberFacts(
        main=incident.main,
        confidence=incident.confidence,
        published=incident.article.published_date,
        summary=incident.summary,
        date_start=incident.date_start,
        date_end=incident.date_end,
        precision=incident.date_precision,
        place=place,
        gtd_type=incident.gtd_type,
        acled_event_type=incident.acled_event_type,
        acled_sub_event_type=incident.acled_sub_event_type,
        muc=incident.muc,
        stage=incident.stage,
        perpetrators=tuple((p.text, p.kind, p.status) for p in incident.perpetrators),
    )


def _refresh_figures(
    session: Session, canonical: CanonicalIncident, incidents: Sequence[IncidentRow]
) -> None:
    figures = [
        SourceFigure(
            outcome=c.outcome,
            group=c.casualty_group,
            value=c.value,
            min=c.min_value,
            max=c.max_value,
            qualifier=c.qualifier,
            status=c.status,
            published=incident.article.published_date,
            order=c.id,
            ref=c.id,
            article=incident.article.key,
        )
        for incident in incidents
        for c in incident.casualties
    ]
    reconciled = reconcile(figures)
    existing = {(f.outcome, f.casualty_group): f for f in canonical.figures}
    keep = []
    for r in reconciled:
        row = existing.pop((r.outcome, r.group), None) or CanonicalFigure(
            outcome=r.outcome, casualty_group=r.group
        )
        row.low, row.best, row.high = r.low, r.best, r.high
        row.best_casualty_id = r.best_ref
        row.n_figures = r.n_figures
        row.reasons = list(r.reasons)
        keep.append(row)
    canonical.figures = keep  # rows left in ``existing`` are deleted (delete-orphan)
    totals = {(r.outcome, r.group): r.best for r in reconciled}
    canonical.killed = totals.get(("killed", "total"))
    canonical.injured = totals.get(("injured", "total"))


def find_canonical(session: Session, reference: str | int) -> CanonicalIncident:
    """A canonical incident by id, or the canonical incident of an incident key (``art/1``).

    Raises:
        StoreError: nothing has that id or key.
    """
    text = str(reference).strip()
    if text.isdigit():
        found = session.get(CanonicalIncident, int(text))
        if found is not None:
            return found
    else:
        member = session.scalar(
            select(CanonicalMember)
            .join(IncidentRow, IncidentRow.id == CanonicalMember.incident_id)
            .where(IncidentRow.key == text)
            .limit(1)
        )
        if member is not None:
            return member.canonical
    raise StoreError(
        f"no incident {text!r} in the database: `incidents list` shows the incident ids"
    )


def follow(session: Session, canonical: CanonicalIncident) -> CanonicalIncident:
    """The active canonical incident that ``canonical`` was (perhaps repeatedly) merged into."""
    seen = {canonical.id}
    while not canonical.active and canonical.merged_into is not None:
        nxt = session.get(CanonicalIncident, canonical.merged_into)
        if nxt is None or nxt.id in seen:
            break
        seen.add(nxt.id)
        canonical = nxt
    return canonical


def merge_canonicals(
    session: Session, target_ref: str, other_refs: Sequence[str], note: str
) -> int:
    """Merge canonical incidents into the first one, by hand. Returns the surviving id.

    Raises:
        StoreError: an id is unknown, inactive (already merged), or given twice.
    """
    target = _active(session, target_ref)
    others = [_active(session, ref) for ref in other_refs]
    ids = [target.id, *(o.id for o in others)]
    if len(set(ids)) != len(ids):
        raise StoreError(f"cannot merge an incident with itself: {' '.join(map(str, ids))}")
    for other in others:
        before = {"target_members": _member_keys(target), "other_members": _member_keys(other)}
        for member in list(other.members):
            member.canonical_id = target.id
            member.method = "manual"
        other.active = False
        other.merged_into = target.id
        session.add(
            MergeDecision(
                method="manual",
                action="merge",
                canonical_id=target.id,
                other_canonical_id=other.id,
                reasons=[note or "merged by hand"],
            )
        )
        session.add(
            HistoryEntry(
                action="merge",
                entity="canonical",
                entity_id=target.id,
                details={"merged": other.id, "note": note, **before},
            )
        )
        other.figures.clear()
        other.killed = other.injured = None
        other.n_sources = 0
        session.flush()
        session.expire(other, ["members"])
    session.expire(target, ["members"])
    refresh(session, [target.id])
    return target.id


def split_canonical(
    session: Session, reference: str, member_refs: Sequence[str], note: str
) -> list[int]:
    """Split members off a canonical incident, by hand. Returns the new canonical ids.

    With no ``member_refs`` every member but the first becomes a canonical incident of its
    own; otherwise the named members (incident keys or row ids) move together to one new
    canonical incident.

    Raises:
        StoreError: unknown incident, unknown member, or nothing left to split.
    """
    canonical = _active(session, reference)
    members = list(canonical.members)
    if len(members) < 2:
        raise StoreError(f"incident {canonical.id} has a single source: nothing to split")
    if member_refs:
        by_ref = {m.incident.key: m for m in members} | {str(m.incident_id): m for m in members}
        missing = [r for r in member_refs if r not in by_ref]
        if missing:
            raise StoreError(
                f"incident {canonical.id} has no member {', '.join(missing)}; its members are "
                + ", ".join(m.incident.key for m in members)
            )
        moving = list({id(by_ref[r]): by_ref[r] for r in member_refs}.values())
        if len(moving) == len(members):
            raise StoreError("cannot split every member off: leave at least one behind")
        groups = [moving]
    else:
        groups = [[m] for m in members[1:]]
    before = _member_keys(canonical)
    created = []
    for group in groups:
        new = CanonicalIncident(active=True, summary=group[0].incident.summary, n_sources=0)
        session.add(new)
        session.flush()
        for member in group:
            member.canonical_id = new.id
            member.method = "manual"
        session.add(
            MergeDecision(
                method="manual",
                action="split",
                canonical_id=canonical.id,
                other_canonical_id=new.id,
                reasons=[note or "split by hand", *(m.incident.key for m in group)],
            )
        )
        created.append(new.id)
    session.add(
        HistoryEntry(
            action="split",
            entity="canonical",
            entity_id=canonical.id,
            details={"members_before": before, "new": created, "note": note},
        )
    )
    session.flush()
    session.expire(canonical, ["members"])
    refresh(session, [canonical.id, *created])
    return created


def _active(session: Session, reference: str) -> CanonicalIncident:
    canonical = find_canonical(session, reference)
    if not canonical.active:
        raise StoreError(
            f"incident {canonical.id} was merged into {canonical.merged_into}: use that id"
        )
    return canonical


def _member_keys(canonical: CanonicalIncident) -> list[str]:
    return [m.incident.key for m in canonical.members]
