"""Dates and places in the text, resolved, with the tokens they attach to.

An *anchor* is a date or place expression that can tell two incidents apart ("In March",
"in Sevastopol").  Dates are found by spaCy's DATE entities plus a regex fallback (spaCy
misses many on wire copy), resolved against the publication date; a date governed by a
reporting verb ("Lavrov said on June 25") dates the statement, not the event.  Places are
spaCy GPE/LOC/FAC entities resolved through the offline gazetteer.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from spacy.tokens import Doc, Token

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
    """Resolved place mentions, in text order."""
    try:
        from incidents.resolve import places as places_module
    except ImportError:  # the gazetteer is optional for very small installs
        return []
    mentions = [(span_text(ent), ent.start_char, ent.end_char, ent.label_) for ent in entities(doc) if ent.label_ in _PLACE_LABELS]
    mentions.extend(_candidate_places(doc, {(m[1], m[2]) for m in mentions}))
    if not mentions:
        return []
    resolved = places_module.resolve_places(mentions, text=source_text(doc), country_hint=country_hint)
    out = []
    for item in resolved:
        if item.qualifier:
            continue  # "N.C." in "Rocky Mount, N.C." only locates the other mention
        start, end = item.mention.start, item.mention.end
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        out.append(
            PlaceAnchor(
                start=start,
                end=end,
                text=source(doc, start, end),
                place=item.place,
                head=span.root.i,
                sent=span.root.sent.start,
            )
        )
    out.sort(key=lambda a: a.start)
    return out


def _candidate_places(doc: Doc, taken: set[tuple[int, int]]) -> list[tuple[str, int, int, str]]:
    """Capitalised words after 'in'/'near'/'of the city of' that NER did not label."""
    out = []
    for token in doc:
        if token.dep_ != "pobj" or token.head.lower_ not in ("in", "near", "of", "outside", "at"):
            continue
        if token.pos_ != "PROPN" or token.ent_type_ not in ("", "NORP"):
            continue
        left = token.left_edge.i
        while left < token.i and not doc[left].pos_ == "PROPN":
            left += 1
        span = doc[left : token.i + 1]
        if any(not t.is_title and not t.is_upper for t in span):
            continue
        key = (span.start_char, span.end_char)
        if key in taken:
            continue
        out.append((span_text(span), span.start_char, span.end_char, "CANDIDATE"))
    return out
