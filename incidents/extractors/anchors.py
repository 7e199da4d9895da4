"""Dates and places in the text, resolved, with the tokens they attach to.

An *anchor* is a date or place expression that can tell two incidents apart ("In March",
"in Sevastopol").  Dates are found by spaCy's DATE entities plus a regex fallback (spaCy
misses many on wire copy), resolved against the publication date; a date governed by a
reporting verb ("Lavrov said on June 25") dates the statement, not the event.  Places are
spaCy GPE/LOC/FAC entities resolved through the offline gazetteer.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from incidents.extractors.context import entities, source, source_text, span_text
from incidents.extractors.lexicon import REPORTING_VERBS
from incidents.model import Place
from incidents.resolve.dates import ResolvedDate, find_date_expressions, resolve_date

log = logging.getLogger(__name__)


@dataclass(slots=True)
class DateAnchor:
    start: int
    end: int
    text: str
    date: ResolvedDate
    head: int  # token index the expression attaches to
    sent: int
    statement: bool  # dates a statement ("said on June 25"), not an event


@dataclass(slots=True)
class PlaceAnchor:
    start: int
    end: int
    text: str
    place: Place
    head: int
    sent: int


def find_dates(doc: Doc, anchor: dt.date | None) -> list[DateAnchor]:
    """Resolved date expressions, in text order, never later than ``anchor``."""
    spans: dict[tuple[int, int], str] = {}
    for ent in entities(doc):
        if ent.label_ == "DATE":
            spans[(ent.start_char, ent.end_char)] = span_text(ent)
    for start, end, text in find_date_expressions(source_text(doc)):
        if not any(s <= start < e or start <= s < end for (s, e) in spans):
            spans[(start, end)] = text
    out: list[DateAnchor] = []
    for (start, end), text in sorted(spans.items()):
        resolved = resolve_date(text, anchor)
        if resolved is None:
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        out.append(
            DateAnchor(
                start=start,
                end=end,
                text=source(doc, start, end),
                date=resolved,
                head=head.i,
                sent=head.sent.start,
                statement=_governed_by_reporting_verb(head),
            )
        )
    return out


def _governed_by_reporting_verb(token: Token) -> bool:
    node = token
    for _ in range(3):
        parent = node.head
        if parent.i == node.i:
            return False
        if parent.pos_ == "VERB":
            return parent.lemma_.lower() in REPORTING_VERBS
        node = parent
    return False


_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def find_places(doc: Doc, country_hint: str | None = None) -> list[PlaceAnchor]:
    """Place mentions, in text order: resolved through the gazetteer, or, for a named place
    the gazetteer lacks but the text locates ("in Puli Moemin area, Dashti Archi district,
    Kunduz province"), the name as written with the administrative units around it."""
    try:
        from incidents.resolve import places as places_module
    except ImportError:  # the gazetteer is optional for very small installs
        return []
    mentions = [(span_text(ent), ent.start_char, ent.end_char, ent.label_) for ent in entities(doc) if ent.label_ in _PLACE_LABELS]
    mentions.extend(_jurisdictions(doc))
    mentions.extend(_candidate_places(doc, {(m[1], m[2]) for m in mentions}))
    if not mentions:
        return []
    resolved = places_module.resolve_places(mentions, text=source_text(doc), country_hint=country_hint)
    out = []
    done: set[tuple[int, int]] = set()
    for item in resolved:
        start, end = item.mention.start, item.mention.end
        done.add((start, end))
        if item.qualifier:
            continue  # "N.C." in "Rocky Mount, N.C." only locates the other mention
        anchor = _anchor(doc, start, end, item.place)
        if anchor is not None:
            out.append(anchor)
    out.sort(key=lambda a: a.start)
    out.extend(_unresolved(doc, mentions, done, out))
    out.sort(key=lambda a: a.start)
    return out


def _anchor(doc: Doc, start: int, end: int, place: Place) -> PlaceAnchor | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    return PlaceAnchor(start=start, end=end, text=source(doc, start, end), place=place, head=span.root.i, sent=span.root.sent.start)


_UNIT_WORDS = {
    "area", "village", "town", "city", "district", "neighborhood", "neighbourhood", "locality", "region", "subdistrict",
    "municipality", "county", "province", "township", "governorate", "territory", "commune", "prefecture", "woreda",
    "zone", "suburb", "chiefdom", "kebele", "settlement", "kibbutz", "moshav",
}
# "Garowe residents", "Goma central prison": a place name modifying the people or the site
_PLACE_MODIFIED = {
    "resident", "residents", "villager", "villagers", "inhabitant", "inhabitants", "jail", "prison", "market", "hospital",
    "university", "campus", "airport", "port", "town", "municipality", "mayor", "governor", "youth", "youths",
}


def _unresolved(doc: Doc, mentions: list[tuple[str, int, int, str]], done: set[tuple[int, int]], resolved: list[PlaceAnchor]) -> list[PlaceAnchor]:
    """Named places the gazetteer does not know, located by the resolved place that
    follows them in a comma chain ("Kecha area, Maqur district, Badghis province")."""
    text = source_text(doc)
    out: list[PlaceAnchor] = []
    known = list(resolved)
    for name, start, end, label in sorted(mentions, key=lambda m: -m[1]):  # right to left
        if (start, end) in done or label not in ("GPE", "LOC", "FAC", "CANDIDATE"):
            continue
        clean = name.split(",")[0].strip()
        end = start + len(name.split(",")[0].rstrip())
        words = clean.split()
        if any(w.lower().strip(".") in _NOT_PLACE_WORDS for w in words):
            continue  # "Manicaland Provincial Affairs Minister", "Ministry of Interior"
        if not words or not all(w[:1].isupper() for w in words if w.lower() not in ("al", "de", "el", "i", "e")):
            continue
        container = _container_after(text, end, known)
        if container is None:
            if not _after_locative(text, start, allow_of=label != "CANDIDATE"):
                continue
            # "bomb exploded in Saidgai village": a named place we cannot locate; keep
            # the name, with the country the article's resolved places agree on
            container = _context_country(known) or _NOWHERE
        unit = _unit_after(text, end)
        place = Place(
            name=clean,
            country=container.country,
            country_code=container.country_code,
            admin1=container.admin1 if container.precision != "admin1" else container.name,
            admin2=container.name if container.precision == "admin2" else container.admin2 if container.precision == "city" else None,
            lat=None,
            lon=None,
            geonames_id=None,
            precision="admin2" if unit == "district" else "site" if label == "FAC" or _STREET.search(clean) or unit in _SITE_UNITS or _after_at(text, start) else "city",
            evidence=(),
        )
        anchor = _anchor(doc, start, end, place)
        if anchor is not None:
            out.append(anchor)
            known.append(anchor)
    return out


_NOT_PLACE_WORDS = {
    "deputy", "vice", "acting", "chief", "former", "minister", "ministry", "president", "governor", "commissioner", "secretary", "affairs", "police",
    "army", "forces", "force", "party", "movement", "front", "group", "council", "committee", "court",
    "university", "company", "corporation", "agency", "office", "department", "news", "radio", "tv",
    "television", "times", "post", "brigade", "battalion", "militia", "union", "association", "commission",
    "bank", "gazette", "herald", "tribune", "journal", "hospital", "medical", "health", "clinic", "inc",
    "llc", "co", "corp", "hotel", "restaurant", "club", "bar", "store", "mall", "spades", "lounge", "cafe",
}
_SITE_UNITS = {"neighborhood", "neighbourhood"}  # a part of a city, not the city
_STREET = re.compile(r"\b(street|st|road|rd|avenue|ave|boulevard|blvd|drive|dr|lane|ln|trail|highway|hwy|way|court|ct|place|parkway|pkwy|circle|terrace|square|bridge|park|mall|center|centre|hospital|school|church|station)\.?$", re.IGNORECASE)

_NOWHERE = Place(name="", country=None, country_code=None, admin1=None, lat=None, lon=None, geonames_id=None, precision="country", evidence=())


def _after_at(text: str, start: int) -> bool:
    """'at Ace of Spades', 'at the Chalmers Community Hall': a venue, not a town."""
    return bool(re.search(r"\bat\s+(the\s+)?$", text[max(0, start - 8) : start].lower()))


def _after_locative(text: str, start: int, allow_of: bool = True) -> bool:
    before = text[max(0, start - 40) : start].lower()
    preps = "in|at|near|outside|of" if allow_of else "in|at|near|outside"
    return bool(re.search(r"\b(" + preps + r")\s+(the\s+)?((town|city|village|settlement|kibbutz) of\s+)?$", before))


def _context_country(known: list[PlaceAnchor]) -> Place | None:
    """The country most of the article's resolved places are in, as a bare container."""
    from collections import Counter

    counts = Counter(a.place.country_code for a in known if a.place.country_code)
    if not counts:
        return None
    code, _ = counts.most_common(1)[0]
    sample = next(a.place for a in known if a.place.country_code == code)
    return Place(name=sample.country or code, country=sample.country, country_code=code, admin1=None, lat=None, lon=None, geonames_id=None, precision="country", evidence=())


def _unit_after(text: str, end: int) -> str | None:
    match = re.match(r"\s+([A-Za-z]+)", text[end : end + 20])
    if match and match.group(1).lower() in _UNIT_WORDS:
        return match.group(1).lower()
    return None


def _container_after(text: str, end: int, resolved: list[PlaceAnchor]) -> Place | None:
    """The resolved place named right after ``end``: ", X", " area, X", " district of X"."""
    window = text[end : end + 40]
    match = re.match(r"(?:\s+[A-Za-z]+)?\s*(?:,|\bof\b|\bin\b)\s*", window)
    if not match:
        return None
    next_start = end + match.end()
    for anchor in resolved:
        if anchor.start == next_start:
            return anchor.place
    return None


_AGENCY = re.compile(
    r"^(?P<place>.+?)\s+(?:city\s+|county\s+|metro\s+|metropolitan\s+|state\s+|municipal\s+)?"
    r"(?:police(?:\s+department|\s+dept\.?|\s+service|\s+force)?|pd|sheriff'?s?(?:\s+office|\s+department)?|"
    r"fire(?:\s+department|\s+rescue)?|district attorney'?s?(?:\s+office)?|prosecutor'?s?(?:\s+office)?|city council|school district)$",
    re.IGNORECASE,
)


def _jurisdictions(doc: Doc) -> list[tuple[str, int, int, str]]:
    """'Arlington police', 'the Greene County Sheriff's Office': the agency's place is where
    local news happens (spaCy tags the whole name ORG)."""
    out = []
    for ent in entities(doc):
        if ent.label_ != "ORG":
            continue
        text = span_text(ent)
        match = _AGENCY.match(text)
        if not match:
            continue
        place = match.group("place")
        if place.lower().startswith("the "):
            place = place[4:]
        start = ent.start_char + text.index(place)
        if place and place[0].isupper() and len(place.split()) <= 4:
            out.append((place, start, start + len(place), "GPE"))
    return out


_NAME_JOINERS = {"-", "i", "e", "al", "el", "ul", "os", "as", "ad", "ash", "de", "da", "do", "la"}


def _name_before(doc: Doc, end: int) -> Span | None:
    """The proper name that ends just before token ``end``, hyphenated parts included
    ("Nawa-i-Barakzayi", "Qala-e-Zaman Khan", "Tiri Hada")."""
    i = end - 1
    while i >= 0 and (doc[i].pos_ == "PROPN" or (doc[i].lower_ in _NAME_JOINERS and i > 0 and doc[i - 1].whitespace_ == "")
                      or (doc[i].text == "-" and doc[i].whitespace_ == "")):
        i -= 1
    start = i + 1
    while start < end and doc[start].text == "-":
        start += 1
    if start >= end or not doc[start].text[:1].isupper():
        return None
    return doc[start:end]


def _capitalised_before(doc: Doc, end: int) -> Span | None:
    """'in the Beni area', 'in Mugi town': one capitalised word the tagger did not call a
    proper noun (not a sentence's first word, not a nationality)."""
    if end < 1:
        return None
    token = doc[end - 1]
    if not token.is_title or token.is_sent_start or token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
        return None
    if token.i > 0 and doc[token.i - 1].is_title and doc[token.i - 1].pos_ != "PROPN":
        return None
    if token.lower_ in _demonyms():
        return None
    return doc[end - 1 : end]


@functools.lru_cache(maxsize=1)
def _demonyms() -> frozenset[str]:
    from incidents.resolve.gazetteer import Gazetteer

    return frozenset(w.lower() for w in Gazetteer.default().demonym_words())


_LOCATIVE_PREPOSITIONS = {"in", "near", "of", "outside", "at", "through", "across", "around", "inside"}
# nouns whose "of" names the place the event is in: "the center of Londonderry" (not "the
# mayor of X", an office, nor "south of X", a landmark)
_PARTS_OF_PLACES = {"center", "centre", "outskirts", "outskirt", "suburbs", "heart", "downtown", "streets", "edge", "residents"}


def _candidate_places(doc: Doc, taken: set[tuple[int, int]]) -> list[tuple[str, int, int, str]]:
    """Capitalised words after 'in'/'near'/'at' that NER did not label as places, and the
    names before 'area', 'district', 'village' ("in Kecha area", "Nawa-i-Barakzayi district")."""
    out = []
    for token in doc:
        if token.text == "," and token.i > 0 and token.i + 1 < len(doc) and doc[token.i - 1].pos_ == "PROPN" and doc[token.i + 1].ent_type_ == "GPE":
            # "Assailants attacked Mirza Awlang, Sari Pul, Afghanistan": a chain of places
            span = _name_before(doc, token.i)
            if span is not None and span[0].ent_type_ in ("", "GPE", "LOC", "ORG", "PERSON", "FAC"):
                key = (span.start_char, span.end_char)
                if key not in taken and not any(s <= span.start_char < e for s, e in taken):
                    out.append((span_text(span), span.start_char, span.end_char, "CANDIDATE"))
                    taken.add(key)
            continue
        if token.lemma_.lower() in _UNIT_WORDS and token.pos_ in ("NOUN", "PROPN"):
            span = _name_before(doc, token.i) or _capitalised_before(doc, token.i)
            if span is not None:
                key = (span.start_char, span.end_char)
                if key not in taken:
                    out.append((span_text(span), span.start_char, span.end_char, "CANDIDATE"))
                    taken.add(key)
            continue
        if token.lower_ in _PLACE_MODIFIED and token.i >= 1:
            # "Garowe residents", "Garowe central jail" (the name up to two words back)
            j = token.i - 1
            while j > 0 and token.i - j <= 2 and doc[j].is_lower and doc[j].pos_ in ("ADJ", "NOUN"):
                j -= 1
            span = _name_before(doc, j + 1) if doc[j].dep_ in ("compound", "nmod", "amod") and doc[j].is_title else None
            if span is not None and len(span) <= 3 and (span.start > span.sent.start or all(t.pos_ == "PROPN" for t in span)) and span[0].ent_type_ in ("", "GPE", "LOC", "NORP", "ORG", "PERSON"):
                key = (span.start_char, span.end_char)
                if key not in taken and not any(s <= span.start_char < e for s, e in taken):
                    out.append((span_text(span), span.start_char, span.end_char, "CANDIDATE"))
                    taken.add(key)
            continue
        if token.dep_ != "pobj" or token.pos_ != "PROPN":
            continue
        head = token.head.lower_
        # "the city of Mbres", "the center of Londonderry" (NER says PERSON): the word before
        # vouches for a place name
        unit_of = head == "of" and token.head.head.lemma_.lower() in _UNIT_WORDS | _PARTS_OF_PLACES
        allowed = ("",) if head == "of" and not unit_of else ("", "NORP", "PERSON", "ORG")
        if head not in _LOCATIVE_PREPOSITIONS or token.ent_type_ not in allowed:
            continue
        span = _name_before(doc, token.i + 1)
        if span is None or any(not t.is_title and not t.is_upper and t.text != "-" and t.lower_ not in _NAME_JOINERS for t in span):
            continue
        key = (span.start_char, span.end_char)
        if key in taken or any(s <= span.start_char < e for s, e in taken):
            continue
        out.append((span_text(span), span.start_char, span.end_char, "CANDIDATE"))
    return out
