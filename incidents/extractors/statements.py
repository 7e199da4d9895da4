"""Statements: who said what, when, and how firmly.

A statement is a reporting verb with a speaker and a content clause ("Russian Foreign
Minister Sergei Lavrov said on June 25 that ..."), an "according to X" clause, or an
author's own inference ("Everything indicates that ...", speaker ``author``).  The status
comes from the cue (said -> attributed, claimed -> claimed, denied -> negated,
alleged -> hedged) weakened by hedges inside the content ("likely", "may").
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from incidents.extractors.context import entities, source, span_text
from incidents.extractors.lexicon import HEDGE_WORDS, REPORTING_VERBS, SPECULATION_CUES
from incidents.extractors.status import is_negated, weaker
from incidents.model import Evidence, Incident, Statement, Status
from incidents.resolve.dates import resolve_date

AUTHOR_HEDGE_CUES = ("one cannot rule out", "cannot be ruled out", "can not be ruled out", "it is possible that", "it is likely that")
_QUOTES = "\"“”«»"
_SPEAKER_STOP = {"it", "there", "this", "that", "which", "what", "who"}
_ROLE_WORDS = re.compile(r"^[A-Z]")


def find_statements(doc: Doc, article_id: str, incidents: list[Incident], anchor: dt.date | None) -> list[Statement]:
    out: list[Statement] = []
    taken: set[int] = set()
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in REPORTING_VERBS:
            continue
        statement = _reported(doc, token, incidents, anchor)
        if statement is not None:
            out.append(statement)
            taken.add(token.sent.start)
    for sent in doc.sents:
        statement = _according_to(doc, sent, incidents)
        if statement is not None:
            out.append(statement)
            taken.add(sent.start)
    for sent in doc.sents:
        statement = _author(doc, sent, incidents)
        if statement is not None:
            out.append(statement)
    out.sort(key=lambda s: s.evidence[0].start if s.evidence else 0)
    return out


# --- "X said that ..." ------------------------------------------------------------------------

def _reported(doc: Doc, verb: Token, incidents: list[Incident], anchor: dt.date | None) -> Statement | None:
    speaker_tok = None
    for child in verb.children:
        if child.dep_ == "nsubj":
            speaker_tok = child
        elif child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                speaker_tok = objs[0]
    if speaker_tok is None or speaker_tok.lower_ in _SPEAKER_STOP:
        return None
    if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in speaker_tok.children) or speaker_tok.lower_ in ("nobody", "none"):
        return None
    speaker_tok = _source_of_document(speaker_tok)
    content = _content(verb)
    if content is None:
        return None
    lemma = verb.lemma_.lower()
    if lemma == "claim" and any(t.lemma_.lower() == "responsibility" for t in content):
        status = Status.CLAIMED
    else:
        status = Status(REPORTING_VERBS[lemma])
        if status == Status.CLAIMED:
            status = Status.ATTRIBUTED  # "X claimed that ...": a claim about facts, attributed
    if is_negated(verb):
        status = Status.NEGATED if lemma in ("confirm", "say") else Status.HEDGED
    if _hedged(content):
        status = weaker(status, Status.HEDGED)
    speaker, role = _speaker(doc, speaker_tok)
    if not speaker:
        return None
    cue_end = verb.idx + len(verb.text)
    evidence = (
        Evidence(speaker_tok.left_edge.idx, cue_end, source(doc, speaker_tok.left_edge.idx, cue_end))
        if speaker_tok.i < verb.i
        else Evidence(verb.idx, cue_end, source(doc, verb.idx, cue_end)),
        Evidence(content.start_char, content.end_char, span_text(content)),
    )
    return Statement(
        speaker=speaker,
        speaker_role=role,
        date=_statement_date(verb, anchor),
        text=span_text(content),
        status=status,
        incident=_incident_of(content, incidents),
        evidence=evidence,
        cue=source(doc, verb.idx, cue_end),
        quote="direct" if _quoted(doc, content) else "indirect",
    )


_DOCUMENT_NOUNS = {"statement", "report", "communique", "release", "message", "letter", "video", "post", "announcement", "bulletin"}


def _source_of_document(token: Token) -> Token:
    """'a statement by the YGBL' -> the YGBL; 'the group's statement' -> the group."""
    if token.lemma_.lower() not in _DOCUMENT_NOUNS:
        return token
    for child in token.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return token


def _content(verb: Token) -> Span | None:
    doc = verb.doc
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp") or (child.dep_ == "parataxis" and child.i < verb.i):
            left = child.left_edge.i
            right = child.right_edge.i
            while left < right and doc[left].dep_ in ("mark", "punct"):
                left += 1
            while right > left and doc[right].is_punct:
                right -= 1
            span = doc[left : right + 1]
            if len(span) >= 3:
                return span
    if verb.lemma_.lower() in ("deny", "claim", "confirm", "report"):
        for child in verb.children:
            if child.dep_ == "dobj" and len(list(child.subtree)) >= 2:
                return doc[child.left_edge.i : child.right_edge.i + 1]
    return None


def _hedged(span: Span) -> bool:
    return any(t.lower_ in HEDGE_WORDS for t in span)


def _quoted(doc: Doc, span: Span) -> bool:
    before = source(doc, max(0, span.start_char - 3), span.start_char)
    after = source(doc, span.end_char, span.end_char + 3)
    return any(q in before for q in _QUOTES) and any(q in after for q in _QUOTES)


def _speaker(doc: Doc, token: Token) -> tuple[str | None, str | None]:
    """The speaker's name and role ("Sergei Lavrov", "Russian Foreign Minister")."""
    if token.pos_ == "PRON":
        if token.lower_ in ("he", "she"):
            name = _previous_person(doc, token.i)
            return name, None
        return None, None
    left = token.left_edge.i
    while left < token.i and (doc[left].lower_ in ("the", "a", "an", "all", "some", "several", "both") or doc[left].is_punct):
        left += 1
    right = token.i
    phrase = doc[left : right + 1]
    if token.ent_type_ == "PERSON":
        ent = next((e for e in entities(doc) if e.start <= token.i < e.end), None)
        if ent is not None:
            role_span = doc[left : ent.start]
            role = span_text(role_span).strip(" ,") or _appositive_role(token)
            return span_text(ent), role or None
    return span_text(phrase), _appositive_role(token)


def _appositive_role(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "appos":
            span = token.doc[child.left_edge.i : child.right_edge.i + 1]
            return span_text(span).strip(" ,")
    return None


def _previous_person(doc: Doc, before: int) -> str | None:
    best = None
    for ent in entities(doc):
        if ent.label_ == "PERSON" and ent.end <= before:
            best = span_text(ent)
    return best


def _statement_date(verb: Token, anchor: dt.date | None) -> str | None:
    doc = verb.doc
    for ent in entities(doc):
        if ent.label_ != "DATE":
            continue
        if ent.root.head.i == verb.i or ent.root.head.head.i == verb.i and ent.root.head.dep_ == "prep":
            resolved = resolve_date(span_text(ent), anchor)
            if resolved is not None and resolved.precision.value == "day":
                return resolved.start.isoformat()
    return None


def _incident_of(span: Span, incidents: list[Incident]) -> str | None:
    for incident in incidents:
        for ev in incident.evidence:
            if span.start_char <= ev.start < span.end_char:
                return incident.id
    for incident in incidents:
        if incident.main:
            return incident.id
    return None


# --- "according to X, ..." --------------------------------------------------------------------

def _according_to(doc: Doc, sent: Span, incidents: list[Incident]) -> Statement | None:
    for token in sent:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        origin = objs[0]
        if origin.lemma_.lower() in ("figure", "datum", "statistic", "estimate", "count", "tally"):
            return None
        speaker, role = _speaker(doc, origin)
        if not speaker:
            return None
        phrase_end = origin.right_edge.i + 1
        if phrase_end < sent.end and doc[phrase_end].is_punct:
            phrase_end += 1
        rest = doc[phrase_end : sent.end] if token.i == sent.start else doc[sent.start : token.i]
        rest = _trim(rest)
        if rest is None:
            return None
        status = Status.HEDGED if _hedged(rest) else Status.ATTRIBUTED
        return Statement(
            speaker=speaker,
            speaker_role=role,
            date=None,
            text=span_text(rest),
            status=status,
            incident=_incident_of(rest, incidents),
            evidence=(
                Evidence(token.idx, origin.right_edge.idx + len(origin.right_edge.text), source(doc, token.idx, origin.right_edge.idx + len(origin.right_edge.text))),
                Evidence(rest.start_char, rest.end_char, span_text(rest)),
            ),
            cue="according to",
        )
    return None


def _trim(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if end - start < 3:
        return None
    return doc[start:end]


# --- the author's own inferences --------------------------------------------------------------

def _author(doc: Doc, sent: Span, incidents: list[Incident]) -> Statement | None:
    low = sent.text.lower()
    cue = next((c for c in SPECULATION_CUES if c in low), None)
    status = Status.SPECULATIVE
    if cue is None:
        cue = next((c for c in AUTHOR_HEDGE_CUES if c in low), None)
        status = Status.HEDGED
    if cue is None:
        return None
    offset = low.index(cue)
    cue_start = sent.start_char + offset
    cue_end = cue_start + len(cue)
    content = doc.char_span(cue_end, sent.end_char, alignment_mode="expand")
    if content is None:
        return None
    content = _trim(_after_that(content))
    if content is None:
        return None
    return Statement(
        speaker="author",
        speaker_role=None,
        date=None,
        text=span_text(content),
        status=status,
        incident=_incident_of(content, incidents),
        evidence=(
            Evidence(cue_start, cue_end, source(doc, cue_start, cue_end)),
            Evidence(content.start_char, content.end_char, span_text(content)),
        ),
        cue=source(doc, cue_start, cue_end),
    )


def _after_that(span: Span) -> Span:
    doc = span.doc
    start = span.start
    if start < span.end and doc[start].lower_ in ("that", ","):
        start += 1
    return doc[start : span.end]
