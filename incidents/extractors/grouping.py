"""Group event mentions into incidents: the main one and the others an article mentions.

Walks the event mentions in text order.  A mention with no date or place of its own
belongs to the incident the text is currently talking about; one whose own date or place
conflicts with every incident so far starts a new incident ("In March, a major terrorist
attack at ... Crocus ..." in an article about a June attack).  A mention inside another
event's phrase ("the attack, which killed four") shares that event's incident.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from incidents.extractors.anchors import DateAnchor, PlaceAnchor
from incidents.extractors.mentions import EventMention
from incidents.model import Precision, Stage, Status

# Events that can start an incident on their own (the rest only join one).
_WEAK_CLASSES = {"killing"}
_SAME_EVENT_DEPS = {"relcl", "acl", "advcl", "xcomp", "pcomp", "pobj", "prep", "dobj", "nsubj", "nsubjpass", "agent"}
_MAX_SAME_PLACE_KM = 60.0
_RECENT_DAYS = 10


@dataclass(slots=True)
class Cluster:
    index: int
    events: list[EventMention] = field(default_factory=list)
    dates: list[DateAnchor] = field(default_factory=list)
    places: list[PlaceAnchor] = field(default_factory=list)
    sents: set[int] = field(default_factory=set)

    @property
    def first(self) -> EventMention:
        return self.events[0]


def group_events(
    doc: Doc,
    events: list[EventMention],
    dates: list[DateAnchor],
    places: list[PlaceAnchor],
    published: dt.date | None,
) -> tuple[list[Cluster], dict[int, int]]:
    """Clusters of event mentions, and a map from event trigger token to cluster index."""
    clusters: list[Cluster] = []
    assignment: dict[int, int] = {}
    current: Cluster | None = None
    by_trigger = {e.trigger: e for e in events}
    for event in events:
        if event.status in (Status.SPECULATIVE,) and current is not None:
            assignment[event.trigger] = current.index
            continue
        parent = _enclosing_event(doc[event.trigger], by_trigger)
        if parent is not None and parent.trigger in assignment:
            cluster = clusters[assignment[parent.trigger]]
            _add(cluster, event, doc, dates, places)
            assignment[event.trigger] = cluster.index
            current = cluster
            continue
        own_dates = _own_dates(doc, event, dates)
        own_places = _own_places(doc, event, places)
        target = None
        if current is None:
            if event.cls in _WEAK_CLASSES and not (own_dates or own_places) and event.noun:
                pass
        elif not own_dates and not own_places:
            target = current
        else:
            best = -1
            for cluster in [current] + [c for c in clusters if c is not current]:
                score = _match(cluster, own_dates, own_places, published, is_main=cluster.index == 0)
                if score is not None and score > best:
                    target, best = cluster, score
        if target is None:
            target = Cluster(index=len(clusters))
            clusters.append(target)
        _add(target, event, doc, dates, places, own_dates, own_places)
        assignment[event.trigger] = target.index
        current = target
    return clusters, assignment


def _add(
    cluster: Cluster,
    event: EventMention,
    doc: Doc,
    dates: list[DateAnchor],
    places: list[PlaceAnchor],
    own_dates: list[DateAnchor] | None = None,
    own_places: list[PlaceAnchor] | None = None,
) -> None:
    cluster.events.append(event)
    cluster.sents.add(event.sent)
    if own_dates is None:
        own_dates = _own_dates(doc, event, dates)
    if own_places is None:
        own_places = _own_places(doc, event, places)
    for anchor in own_dates:
        if anchor not in cluster.dates:
            cluster.dates.append(anchor)
    for anchor in own_places:
        if anchor not in cluster.places:
            cluster.places.append(anchor)


def _enclosing_event(token: Token, by_trigger: dict[int, EventMention]) -> EventMention | None:
    """The event whose phrase contains this one ("the attack, which killed four")."""
    node = token
    for _ in range(4):
        if node.dep_ not in _SAME_EVENT_DEPS or node.head.i == node.i:
            return None
        node = node.head
        if node.i in by_trigger:
            return by_trigger[node.i]
        if node.dep_ in ("ccomp", "ROOT"):
            return None
    return None


def _clause_tokens(doc: Doc, event: EventMention) -> set[int]:
    """Tokens whose date or place applies to this event: the trigger's own phrase (without
    the phrases coordinated with it, which may be other events), and, for a noun trigger,
    the adverbial modifiers of the verb that governs it ("attacks were carried out *in
    Makhachkala* *on June 23*")."""
    token = doc[event.trigger]
    out = _own_phrase(token)
    if token.pos_ in ("NOUN", "PROPN"):
        node = token
        verb = None
        for _ in range(3):
            if node.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "pobj", "prep") or node.head.i == node.i:
                break
            arg = node
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                verb = node
                break
        if verb is not None:
            node = arg  # the verb's argument on the path to the trigger
            while node.dep_ in ("pobj", "prep") and node.head.i != verb.i:
                node = node.head
            out.add(verb.i)
            if verb.lemma_ == "be" and node.lemma_.lower() in ("site", "scene", "venue", "target", "location"):
                # "Makhachkala airport was the site of riots"
                for child in verb.children:
                    if child.dep_ in ("nsubj", "nsubjpass"):
                        out |= _subtree_ids(child)
            for child in verb.children:
                if token.i in _subtree_ids(child):
                    continue
                if child.dep_ in ("prep", "npadvmod", "advmod", "agent"):
                    out |= _subtree_ids(child)
                elif child.dep_ == "nsubj" and node.dep_ in ("dobj", "attr"):
                    # "a terrorist at the Crocus hall took the lives of ..."
                    out |= _subtree_ids(child)
    return out


def _own_phrase(token: Token) -> set[int]:
    out: set[int] = set()
    stack = [token]
    while stack:
        node = stack.pop()
        out.add(node.i)
        for child in node.children:
            if child.dep_ in ("ccomp", "parataxis"):
                continue
            if child.dep_ == "conj" and node.i == token.i:
                continue  # a coordinated phrase: another event, or another clause
            stack.append(child)
    return out


def _subtree_ids(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _own_dates(doc: Doc, event: EventMention, dates: list[DateAnchor]) -> list[DateAnchor]:
    tokens = _clause_tokens(doc, event)
    return [d for d in dates if d.head in tokens and not d.statement]


def _own_places(doc: Doc, event: EventMention, places: list[PlaceAnchor]) -> list[PlaceAnchor]:
    tokens = _clause_tokens(doc, event)
    # "a flight from Tel Aviv", "fighters from Chad": an origin, not where it happened
    return [p for p in places if p.head in tokens and doc[p.head].head.lower_ != "from"]


def _match(
    cluster: Cluster,
    dates: list[DateAnchor],
    places: list[PlaceAnchor],
    published: dt.date | None,
    is_main: bool,
) -> int | None:
    """How well a mention's own dates and places fit an incident: None on a conflict, else
    the number of anchors (dates, places) that positively agree."""
    score = 0
    place_match = bool(places and cluster.places and any(_places_compatible(a, b) for a in places for b in cluster.places))
    if places and cluster.places and not place_match:
        return None
    score += int(place_match)
    if dates:
        if cluster.dates:
            if not any(_dates_overlap(a.date, b.date) for a in dates for b in cluster.dates):
                return None
            score += 1
        elif is_main:
            # an undated main incident is assumed recent relative to the publication date
            if published is not None and not any((published - d.date.end).days <= _RECENT_DAYS for d in dates):
                return None
        elif not place_match:
            # an undated background incident takes a dated mention only on a place match
            return None
    return score


def _dates_overlap(a: object, b: object) -> bool:
    from incidents.resolve.dates import ResolvedDate

    assert isinstance(a, ResolvedDate) and isinstance(b, ResolvedDate)
    slack = dt.timedelta(days=2 if a.precision == Precision.DAY and b.precision == Precision.DAY else 0)
    return a.start - slack <= b.end and b.start - slack <= a.end


def _places_compatible(a: PlaceAnchor, b: PlaceAnchor) -> bool:
    pa, pb = a.place, b.place
    if pa.geonames_id is not None and pa.geonames_id == pb.geonames_id:
        return True
    if pa.name.lower() == pb.name.lower():
        return True
    if pa.geonames_id is None or pb.geonames_id is None:
        # a street, a building or a village the gazetteer lacks: it can lie anywhere in its
        # country ("the Chalmers Community Hall" in a story about Detroit)
        return not (pa.country_code and pb.country_code and pa.country_code != pb.country_code)
    levels = ("country", "admin1", "admin2")
    if pa.precision in levels or pb.precision in levels:
        # a region and a place in it
        if pa.country_code and pa.country_code != pb.country_code:
            return False
        if "country" in (pa.precision, pb.precision):
            return True
        if pa.admin1 and pb.admin1:
            return pa.admin1 == pb.admin1
        return True
    if pa.lat is not None and pb.lat is not None and pa.lon is not None and pb.lon is not None:
        from incidents.resolve.gazetteer import distance_km

        return distance_km(pa.lat, pa.lon, pb.lat, pb.lon) <= _MAX_SAME_PLACE_KM
    return False


def cluster_stage(cluster: Cluster) -> Stage:
    stages = [e.stage for e in cluster.events]
    if Stage.ACCOMPLISHED in stages:
        return Stage.ACCOMPLISHED
    for stage in (Stage.ATTEMPTED, Stage.THREATENED, Stage.PLANNED):
        if stage in stages:
            return stage
    return Stage.ACCOMPLISHED


def cluster_status(cluster: Cluster) -> Status:
    order = [Status.REPORTED, Status.ATTRIBUTED, Status.CLAIMED, Status.HEDGED, Status.NEGATED, Status.SPECULATIVE]
    present = {e.status for e in cluster.events}
    for status in order:
        if status in present:
            return status
    return Status.REPORTED
