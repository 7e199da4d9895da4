"""Article + parsed Doc -> Extraction: runs the extractors and builds the incident records.

This is the extraction boundary: spaCy tokens go in, ``incidents.model`` objects with
Evidence spans come out.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token

from incidents import __version__
from incidents.extractors.anchors import DateAnchor, PlaceAnchor, find_dates, find_places
from incidents.extractors.casualties import extract_casualties
from incidents.extractors.context import set_source_text, source
from incidents.extractors.counts import Figure, reconcile
from incidents.extractors.furniture import furniture_spans, inside
from incidents.extractors.grouping import Cluster, cluster_stage, cluster_status, group_events
from incidents.extractors.mentions import ArgMention, CasualtyMention, EventMention, Span_
from incidents.extractors.outlets import claimed_through_outlet
from incidents.extractors.roles import find_roles
from incidents.extractors.statements import find_statements
from incidents.extractors.triggers import find_events
from incidents.model import (
    Article,
    Casualty,
    DateValue,
    Entity,
    Evidence,
    Extraction,
    Incident,
    Outcome,
    Perpetrator,
    Place,
    Qualifier,
    Stage,
    Status,
    Weapon,
)
from incidents.resolve.codebooks import classify
from incidents.resolve.dates import find_dateline

log = logging.getLogger(__name__)

_OUTCOME_ORDER = {"killed": 0, "injured": 1, "kidnapped": 2, "missing": 3, "arrested": 4}
_GROUP_ORDER = {"total": 0, "perpetrators": 9}
_FIELD_STATUSES = (Status.REPORTED, Status.ATTRIBUTED, Status.CLAIMED, Status.HEDGED)
_SUMMARY_CHARS = 240


def extract_document(article: Article, doc: Doc) -> Extraction:
    """Every incident and statement of one article."""
    text = article.text
    set_source_text(doc, text)
    published = _iso_date(article.published)
    dateline = find_dateline(text, published)
    anchor = published or (dateline.date.end if dateline and dateline.date else None) or _leading_date(text)

    furniture = furniture_spans(text)
    events = [e for e in find_events(doc) if not inside(furniture, e.start)]
    casualties = [m for m in extract_casualties(doc) if not inside(furniture, doc[m.trigger].idx)]
    roles = [r for r in find_roles(doc, events, casualties) if not inside(furniture, r.start)]
    if dateline is not None:
        roles = claimed_through_outlet(roles, dateline.source)
    dates = [d for d in find_dates(doc, anchor) if not inside(furniture, d.start)]
    country = article.meta.get("country") if article.meta else None
    hint = country.strip() if isinstance(country, str) and country.strip() else None
    places = [p for p in find_places(doc, country_hint=hint) if not inside(furniture, p.start)]
    dateline_places: list[PlaceAnchor] = []
    if dateline is not None:
        # the dateline says where the report was filed: not an anchor of any incident, only
        # the last resort for the main incident's place
        dates = [d for d in dates if not (dateline.start <= d.start < dateline.end)]
        dateline_places = [p for p in places if dateline.start <= p.start < dateline.end]
        places = [p for p in places if not (dateline.start <= p.start < dateline.end)]

    clusters, _ = group_events(doc, events, dates, places, anchor)
    clusters = [c for c in clusters if _worth_keeping(c)]
    clusters = _headline_first(doc, clusters, article.title)
    if not clusters:
        incidents: list[Incident] = []
    else:
        owner = _owner_map(doc, events, clusters)
        incidents = [
            _build_incident(article, doc, i, cluster, owner, casualties, roles, places, dateline_places)
            for i, cluster in enumerate(clusters)
        ]
    statements = find_statements(doc, article.id, incidents, anchor)
    return Extraction(
        article=article,
        incidents=tuple(incidents),
        statements=tuple(statements),
        extractor_version=__version__,
    )


def _iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _leading_date(text: str) -> dt.date | None:
    """A date standing alone on one of the first lines ("27 Jun 2024"): the publication
    date of a page saved as plain text."""
    from incidents.resolve.dates import resolve_date

    lines = [line.strip() for line in text[:400].splitlines() if line.strip()][:4]
    for line in lines:
        if len(line) > 40 or not any(c.isdigit() for c in line):
            continue
        resolved = resolve_date(line, None)
        if resolved is not None and str(resolved.precision) == "day":
            return resolved.start
    return None


_TITLE_STOP = {"the", "a", "an", "in", "on", "at", "of", "for", "to", "and", "after", "with", "by", "from", "is", "are", "was", "were", "be", "as", "into", "over", "says", "say", "said", "police", "news"}


def _headline_first(doc: Doc, clusters: list[Cluster], title: str | None) -> list[Cluster]:
    """The main incident is the one the headline is about: when a title is known and
    another incident's sentences share clearly more of its words than the first one's
    (a sidebar headline or a teaser can come first on a web page), that one leads."""
    if not title or len(clusters) < 2:
        return clusters
    words = {w for w in re.findall(r"[a-z0-9]+", title.lower()) if w not in _TITLE_STOP and len(w) > 1}
    if not words:
        return clusters
    def overlap(cluster: Cluster) -> float:
        text = " ".join(doc[s].sent.text.lower() for s in sorted(cluster.sents))
        found = set(re.findall(r"[a-z0-9]+", text))
        return len(words & found) / len(words)
    scores = [overlap(c) for c in clusters]
    best = max(range(len(clusters)), key=lambda i: (scores[i], -i))
    if best == 0 or scores[best] < scores[0] + 0.25:
        return clusters
    ordered = [clusters[best]] + [c for i, c in enumerate(clusters) if i != best]
    for index, cluster in enumerate(ordered):
        cluster.index = index
    return ordered


def _worth_keeping(cluster: Cluster) -> bool:
    """An incident needs a factual mention (not only speculation or denial)."""
    return any(e.status in _FIELD_STATUSES for e in cluster.events) or cluster.index == 0 and bool(cluster.events)


# --- which incident does a mention belong to ----------------------------------------------------

class _Owner:
    """Maps a token position to the incident whose text it is in."""

    def __init__(self, doc: Doc, events: list[EventMention], clusters: list[Cluster]):
        self.by_trigger: dict[int, int] = {}
        self.by_sent: dict[int, list[tuple[int, int]]] = {}
        for index, cluster in enumerate(clusters):
            for event in cluster.events:
                self.by_trigger[event.trigger] = index
                self.by_sent.setdefault(event.sent, []).append((event.trigger, index))
        self.order = sorted((e.trigger, i) for i, c in enumerate(clusters) for e in c.events)
        self.doc = doc

    def of_token(self, token_i: int | None, sent: int) -> int | None:
        if token_i is not None:
            if token_i in self.by_trigger:
                return self.by_trigger[token_i]
            token = self.doc[token_i]
            for anc in token.ancestors:
                if anc.i in self.by_trigger:
                    return self.by_trigger[anc.i]
            for child in token.children:
                if child.i in self.by_trigger:
                    return self.by_trigger[child.i]
        in_sent = self.by_sent.get(sent)
        if in_sent:
            if token_i is None:
                return in_sent[0][1]
            return min(in_sent, key=lambda p: abs(p[0] - token_i))[1]
        # the incident the text was last talking about
        position = token_i if token_i is not None else sent
        before = [i for trig, i in self.order if trig <= position]
        if before:
            return before[-1]
        # the opening words before the first event word belong to the first incident
        return self.order[0][1] if self.order else None


def _owner_map(doc: Doc, events: list[EventMention], clusters: list[Cluster]) -> _Owner:
    return _Owner(doc, events, clusters)


# --- one incident -------------------------------------------------------------------------------

def _build_incident(
    article: Article,
    doc: Doc,
    index: int,
    cluster: Cluster,
    owner: _Owner,
    casualties: list[CasualtyMention],
    roles: list[ArgMention],
    all_places: list[PlaceAnchor],
    dateline_places: list[PlaceAnchor],
) -> Incident:
    text = article.text
    mine_casualties = [m for m in casualties if owner.of_token(m.trigger, m.sent) == index]
    mine_roles = [r for r in roles if owner.of_token(r.trigger, r.sent) == index]
    figures = reconcile(mine_casualties)
    weapons = _weapons(text, mine_roles)
    perpetrators = _perpetrators(text, mine_roles)
    victims = _entities(text, [r for r in mine_roles if r.role == "victim"])
    targets = _entities(text, [r for r in mine_roles if r.role == "target"])
    classes = _classes(cluster, doc)
    victim_groups = [f.group for f in figures if f.group not in ("total", "perpetrators")]
    types = classify(
        classes,
        [w.category for w in weapons if w.category],
        victim_groups,
        prominent_victim=_prominent_target(doc, cluster, mine_roles),
        named_target=_named_target(doc, cluster, mine_roles),
    )
    places = _places(cluster, all_places if index == 0 else [], dateline_places if index == 0 else [], text)
    date = _date(cluster.dates)
    status = cluster_status(cluster)
    stage = cluster_stage(cluster)
    evidence = tuple(_evidence(text, e.start, e.end) for e in cluster.events[:8])
    incident = Incident(
        id=f"{article.id}/{index + 1}",
        main=index == 0,
        summary=_summary(doc, cluster),
        status=status,
        stage=stage,
        confidence=0.0,
        date=date,
        locations=tuple(places),
        types=types,
        perpetrators=tuple(perpetrators),
        targets=tuple(targets),
        victims=tuple(victims),
        weapons=tuple(_in_text_order(weapons)),
        casualties=tuple(_casualties(text, figures)),
        evidence=evidence,
    )
    return _with_confidence(incident)


_TITLES = {
    "commander", "chief", "governor", "mayor", "judge", "official", "leader", "elder", "minister",
    "politician", "head", "candidate", "lawmaker", "legislator", "councilor", "councillor", "prosecutor",
    "director", "president", "senator", "deputy", "cleric", "imam", "journalist", "activist", "colonel",
    "general", "ambassador", "diplomat", "chairman", "spokesman", "mullah", "sheikh", "tribal",
}


def _prominent_target(doc: Doc, cluster: Cluster, roles: list[ArgMention]) -> bool:
    """The lead names a specific person (or a person with a title) as the one attacked:
    'opened fire on Sharraf Uddin, an intelligence chief', 'the vehicle of Faizullah'."""
    return any(_titled_person(t) or _named_and_titled_later(t) for t in _lead_targets(doc, cluster, roles))


def _named_target(doc: Doc, cluster: Cluster, roles: list[ArgMention]) -> bool:
    """The lead's target is a named person whose office the text gives ('an explosive device
    detonated targeting Colonel Mohammada Jan ... Jan, an Afghan National Army official'):
    a bombing aimed at one person, which GTD codes as an assassination."""
    return any(
        t.ent_type_ == "PERSON" and (_titled_person(t) or _named_and_titled_later(t)) for t in _lead_targets(doc, cluster, roles)
    )


def _lead_targets(doc: Doc, cluster: Cluster, roles: list[ArgMention]) -> Iterable[Token]:
    """The heads of the victims and targets in the incident's lead sentence, and the owners
    after them ('the residence of Abdul Rasul Sayyaf')."""
    lead = cluster.events[0].sent
    for role in roles:
        if role.role not in ("victim", "target") or role.sent != lead:
            continue
        span = doc.char_span(role.start, role.end, alignment_mode="expand")
        if span is None:
            continue
        yield span.root
        for child in span.root.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                yield from (t for t in child.children if t.dep_ == "pobj")
    # "an explosive device attached to the vehicle of Faizullah": the owner of the vehicle
    # or home the lead names, whether or not it was taken as a target
    for token in doc[lead].sent:
        if token.lemma_.lower() in _OWNED_TARGETS:
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    yield from (t for t in child.children if t.dep_ == "pobj" and t.pos_ == "PROPN")


def _named_and_titled_later(token: Token) -> bool:
    """'opened fire on Sayed Abdul Wakel Pacha ... Pacha, a tribal elder, was killed': the
    person's office is told where the name comes again."""
    if token.ent_type_ != "PERSON":
        return False
    for other in token.doc:
        if other.i != token.i and other.lower_ == token.lower_ and other.ent_type_ == "PERSON" and _titled_person(other):
            return True
    return False


_OWNED_TARGETS = {"vehicle", "car", "convoy", "house", "home", "residence", "office", "motorcade"}


def _titled_person(token: Token) -> bool:
    """A named person with a title or office ('Sharraf Uddin, an intelligence chief'), or
    an office holder ('a deputy commander of the local police').  The name may be one the
    entity recogniser took for something else ('Focas Bakana, a ruling party official')."""
    if token.lemma_.lower() in _TITLES and token.pos_ == "NOUN":
        return True
    if token.ent_type_ != "PERSON" and not (token.pos_ == "PROPN" and token.ent_type_ in ("", "ORG", "GPE", "NORP")):
        return False
    for child in token.children:
        if child.dep_ in ("appos", "compound") and (child.lemma_.lower() in _TITLES or any(t.lemma_.lower() in _TITLES for t in child.subtree)):
            return True
    return False


# In GTD-style summaries, "killed in the ensuing clash" names the fight that followed, not
# the attack: nouns of that shape do not decide the type while the lead has a verb that does.
_AFTERMATH_NOUNS = {"assault", "attack", "incident"}


def _classes(cluster: Cluster, doc: Doc | None = None) -> list[str]:
    """Event classes, the most salient first: the lead sentence's before the rest,
    specific classes before generic ones."""
    events = [e for e in cluster.events if e.status in _FIELD_STATUSES] or cluster.events
    lead = events[0].sent
    def aftermath(e: EventMention) -> bool:
        if doc is None or not e.noun:
            return False
        token = doc[e.trigger]
        return token.lemma_.lower() in _AFTERMATH_NOUNS and token.dep_ == "pobj" and token.head.lower_ in ("in", "during")
    generic = {"attack", "killing"}
    first_seen: dict[str, tuple[int, int]] = {}
    for e in events:
        cls = "attack" if aftermath(e) else e.cls
        first_seen.setdefault(cls, (0 if e.sent == lead else 1, e.trigger))
    return sorted(first_seen, key=lambda c: (first_seen[c][0], c in generic, first_seen[c][1]))


def _evidence(text: str, start: int, end: int) -> Evidence:
    return Evidence(start, end, text[start:end])


def _spans(text: str, spans: Iterable[Span_]) -> tuple[Evidence, ...]:
    out = []
    seen = set()
    for s in spans:
        if (s.start, s.end) in seen:
            continue
        seen.add((s.start, s.end))
        out.append(_evidence(text, s.start, s.end))
    return tuple(out)


def _casualties(text: str, figures: list[Figure]) -> list[Casualty]:
    ordered = sorted(figures, key=lambda f: (_OUTCOME_ORDER.get(f.outcome, 9), _GROUP_ORDER.get(f.group, 5), f.group))
    out = []
    for f in ordered:
        out.append(
            Casualty(
                outcome=Outcome(f.outcome),
                group=f.group,
                value=f.value,
                min=f.min,
                max=f.max,
                qualifier=Qualifier(f.qualifier),
                status=f.status,
                evidence=_spans(text, f.spans),
            )
        )
    return out


def _perpetrators(text: str, roles: list[ArgMention]) -> list[Perpetrator]:
    out: list[Perpetrator] = []
    seen: dict[str, int] = {}
    for r in roles:
        if r.role != "perpetrator" or r.status == Status.SPECULATIVE:
            continue
        key = r.text.lower()
        start, end = r.extra.get("evidence", (r.start, r.end))  # type: ignore[misc]
        evidence = (_evidence(text, start, end),)
        if "outlet" in r.extra:  # told by the group's own outlet, named in the dateline
            evidence += (_evidence(text, *r.extra["outlet"]),)  # type: ignore[misc]
        perpetrator = Perpetrator(text=text[r.start : r.end], kind=r.kind, status=r.status, evidence=evidence)
        if key in seen:
            # a claim, then an accusation, outranks the bare mention of the same group
            if _TELLING_RANK.get(r.status, 9) < _TELLING_RANK.get(out[seen[key]].status, 9):
                out[seen[key]] = perpetrator
            continue
        seen[key] = len(out)
        out.append(perpetrator)
    return _aliases_share_status(text, out)


def _aliases_share_status(text: str, perpetrators: list[Perpetrator]) -> list[Perpetrator]:
    """'THE TUPAC AMARU REVOLUTIONARY MOVEMENT (MRTA) CLAIMED ...': a group and the acronym
    after it in brackets are one group, told the same way."""
    out = list(perpetrators)
    for i, a in enumerate(out):
        for j, b in enumerate(out):
            if i == j or a.kind != "organization" or b.kind != "organization":
                continue
            if re.search(re.escape(a.text) + r"[\"\u201d']?\s*\(\s*" + re.escape(b.text) + r"\s*\)", text):
                stronger = min((a, b), key=lambda p: _TELLING_RANK.get(p.status, 9))
                out[i] = replace(out[i], status=stronger.status)
                out[j] = replace(out[j], status=stronger.status)
    return out


_TELLING_RANK = {Status.CLAIMED: 0, Status.HEDGED: 1, Status.ATTRIBUTED: 2, Status.REPORTED: 3}


def _entities(text: str, roles: list[ArgMention]) -> list[Entity]:
    out = []
    seen = set()
    for r in roles:
        if r.status == Status.SPECULATIVE:
            continue
        key = r.text.lower()
        if key in seen:
            continue
        seen.add(key)
        out.append(Entity(text=text[r.start : r.end], category=r.category, count=r.count, evidence=(_evidence(text, r.start, r.end),), status=r.status))
    return out


def _weapons(text: str, roles: list[ArgMention]) -> list[Weapon]:
    named = [r for r in roles if r.role == "weapon" and not r.extra.get("implied") and r.status != Status.SPECULATIVE]
    implied = [r for r in roles if r.role == "weapon" and r.extra.get("implied") and r.status != Status.SPECULATIVE]
    out: list[Weapon] = []
    seen_text: set[str] = set()
    seen_categories: set[str] = set()
    for r in named:
        key = r.text.lower()
        if key in seen_text:
            continue
        seen_text.add(key)
        seen_categories.add(r.category or "")
        out.append(Weapon(text=text[r.start : r.end], category=r.category, evidence=(_evidence(text, r.start, r.end),), subcategory=r.subcategory))
    out = _same_device(out)
    for r in implied:
        if r.category in seen_categories:
            continue
        seen_categories.add(r.category or "")
        out.append(Weapon(text=text[r.start : r.end], category=r.category, evidence=(_evidence(text, r.start, r.end),), implied=True))
    return out


def _in_text_order(weapons: list[Weapon]) -> list[Weapon]:
    """"Opened fire and threw grenades": firearms first, as coders list them (the types
    are decided on named weapons first)."""
    return sorted(weapons, key=lambda w: w.evidence[0].start if w.evidence else 0)


_REMOTE = "Remote Device (trigger, control, etc.)"
_VAGUE_EXPLOSIVE = (None, "Unknown Explosive Type")


def _same_device(weapons: list[Weapon]) -> list[Weapon]:
    """"The bomb ... was detonated by remote control": one device, told twice; the bomb
    takes the trigger's sub-type (and its evidence), and the trigger is not a second weapon."""
    triggers = [w for w in weapons if w.category == "Explosives" and w.subcategory == _REMOTE and "remote" in w.text.lower() and len(w.text.split()) <= 2]
    devices = [w for w in weapons if w.category == "Explosives" and w.subcategory in _VAGUE_EXPLOSIVE]
    if not triggers or not devices:
        return weapons
    evidence = tuple(e for t in triggers for e in t.evidence)
    out = []
    for weapon in weapons:
        if weapon in triggers:
            continue
        if weapon in devices:
            weapon = replace(weapon, subcategory=_REMOTE, evidence=weapon.evidence + evidence)
        out.append(weapon)
    return out


def _places(cluster: Cluster, all_places: list[PlaceAnchor], dateline_places: list[PlaceAnchor], doc_text: str) -> list[Place]:
    """The incident's places: those of its own clauses; for a main incident with none, the
    places in its sentences, else the dateline's, else the article's opening places."""
    anchors = list(cluster.places)
    if not anchors and (all_places or dateline_places):
        anchors = [p for p in all_places if p.sent in cluster.sents]
        if not anchors:
            anchors = list(dateline_places)
        if not anchors:
            first_sent = min(e.sent for e in cluster.events)
            anchors = [p for p in all_places if p.sent <= first_sent] or all_places[:2]
    if all_places or dateline_places:
        anchors.extend(_settlement_for(anchors, all_places, dateline_places))
    merged: dict[tuple[str, int | None], list[PlaceAnchor]] = {}
    for anchor in anchors:
        key = (anchor.place.name.lower(), anchor.place.geonames_id)
        merged.setdefault(key, []).append(anchor)
    places = []
    for items in merged.values():
        place = items[0].place
        evidence = tuple(Evidence(a.start, a.end, a.text) for a in items)
        places.append(replace(place, evidence=evidence))
    return _most_specific(places, doc_text)


_LANDMARK = re.compile(r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _landmark(place: Place, text: str) -> bool:
    """'an explosion at a school east of Kabul in Sarobi': a place named only to say where
    another is (every mention of it after 'east of')."""
    return bool(text and place.evidence) and all(_LANDMARK.search(text[max(0, e.start - 40) : e.start]) for e in place.evidence)


def _settlement_for(anchors: list[PlaceAnchor], all_places: list[PlaceAnchor], dateline_places: list[PlaceAnchor]) -> list[PlaceAnchor]:
    """'A shooting on Colorado Avenue' in a story datelined KANSAS CITY: when the main
    incident's own places are only streets, buildings or regions, the town the article
    places them in (its dateline, else its first town in the same region) is where it
    happened."""
    def town(anchor: PlaceAnchor) -> bool:
        return anchor.place.precision == "city" and anchor.place.geonames_id is not None

    if any(town(a) for a in anchors):
        return []
    regions = {(a.place.country_code, a.place.admin1) for a in anchors if a.place.admin1}
    countries = {a.place.country_code for a in anchors if a.place.country_code}

    def fits(anchor: PlaceAnchor) -> bool:
        if regions:
            return (anchor.place.country_code, anchor.place.admin1) in regions
        return not countries or anchor.place.country_code in countries

    for candidate in [*dateline_places, *all_places]:
        if town(candidate) and fits(candidate):
            return [a for a in all_places if a.place.geonames_id == candidate.place.geonames_id] or [candidate]
    return []


_PRECISION_RANK = {"site": 0, "city": 1, "admin2": 2, "admin1": 3, "country": 4}


def _most_specific(places: list[Place], text: str = "") -> list[Place]:
    """Drop a region when a place inside it is also listed (Makhachkala makes Dagestan and
    Russia redundant); keep the order of first mention otherwise."""
    keep = []
    for place in places:
        rank = _PRECISION_RANK.get(place.precision, 1)
        covered = False
        for other in places:
            if other is place or _PRECISION_RANK.get(other.precision, 1) >= rank:
                continue
            if place.precision == "country" and other.country_code == place.country_code or place.precision == "admin1" and other.country_code == place.country_code and other.admin1 == place.admin1 or place.precision == "admin2" and other.country_code == place.country_code and other.admin2 == place.admin2:
                covered = True
        if not covered:
            keep.append(place)
    # where it happened, most useful first: settlements (first mentioned first), then sites
    # (streets, buildings), then regions
    def rank(place: Place) -> tuple[float, int]:
        start = place.evidence[0].start if place.evidence else 0
        if place.country_code is None and place.geonames_id is None:
            return (2.5, start)  # a name the text puts nowhere we know: after what we could place
        if place.precision in ("city", "admin2"):
            # "Khaniqa district, Jawzjan": the district is the most specific; a name the
            # gazetteer lacks and the text puts in no province comes after those placed
            located = place.geonames_id is not None or place.admin1 is not None
            if located and _landmark(place, text):
                return (0.25, start)  # "a school east of Kabul in Sarobi": Kabul only says where Sarobi is
            return (0 if located else 0.5, start)
        if place.precision == "site":
            return (2, start)
        return (3 + _PRECISION_RANK.get(place.precision, 1), start)

    keep.sort(key=rank)
    return keep


def _date(anchors: list[DateAnchor]) -> DateValue | None:
    if not anchors:
        return None
    rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    best = min(anchors, key=lambda a: (rank.get(str(a.date.precision), 9), a.start))
    return best.date.to_value((Evidence(best.start, best.end, best.text),))


def _summary(doc: Doc, cluster: Cluster) -> str:
    first = cluster.events[0]
    sent = doc[first.trigger].sent
    text = source(doc, sent.start_char, sent.end_char)
    # a sentence the parser ran across a heading: keep the line with the event in it
    line_start = text.rfind("\n", 0, first.start - sent.start_char) + 1
    line_end = text.find("\n", first.start - sent.start_char)
    text = text[line_start : line_end if line_end >= 0 else len(text)]
    text = " ".join(text.split())
    if len(text) > _SUMMARY_CHARS:
        text = text[: _SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text


def _with_confidence(incident: Incident) -> Incident:
    """A rough 0-1 score of how completely and firmly the article reports the incident."""
    score = 0.35
    if incident.status == Status.REPORTED:
        score += 0.15
    elif incident.status in (Status.ATTRIBUTED, Status.CLAIMED):
        score += 0.1
    if incident.date is not None:
        score += 0.1
    if incident.locations:
        score += 0.15
    if incident.casualties:
        score += 0.1
    if incident.perpetrators or incident.targets or incident.victims:
        score += 0.1
    if incident.stage != Stage.ACCOMPLISHED:
        score -= 0.05
    return replace(incident, confidence=min(score, 0.95))


