"""Statements: who said what, when, and how firmly.

A statement is a reporting cue with a speaker and a content:
- a reporting verb ("Russian Foreign Minister Sergei Lavrov said on June 25 that ...",
  "sources attributed the attack to the Taliban", "the attack was claimed by X", "Police
  described him as ..."), its speaker the subject (or the agent of a passive), resolved
  through pronouns ("they believe", "it claimed") and nominal anaphora ("the news station",
  "the group", "the statement") to the name the article gives, and split from a title or
  description beside it ("Hills' grandfather, Dana Buck" -> Dana Buck);
- "according to X, ...";
- the author's own inference ("Everything indicates that ...", speaker ``author``);
- a hedge on a sentence's main clause that no speaker governs: the author's ("the attack
  may have had ...", "he apparently died", "it is unclear whether", speaker ``author``) or
  unnamed others' ("it is alleged that", "the attacks were said to be", "reportedly",
  "no casualties were reported", speaker ``unattributed``).

The status comes from the cue (said -> attributed; claimed responsibility, claimed the
attack, admitted, accepted responsibility -> claimed; denied -> negated; believe, suspect,
blame, attribute ... to -> hedged), weakened by an unnamed speaker ("sources said") and by
what governs the content's main clause: a negation ("no charges have been filed") or a hedge
("likely", "may", "appeared to").  A hedge inside a noun phrase ("the suspected gunmen")
does not weaken the statement.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from incidents.extractors.context import entities, source, span_text
from incidents.extractors.lexicon import EVENT_NOUNS, EVENT_VERBS, REPORTING_VERBS
from incidents.extractors.status import (
    CONFIRM_VERBS,
    anonymous_source,
    barrier,
    clause_hedge,
    clause_marks,
    has_agent,
    is_negated,
    is_passive,
    preposed_content,
    speculation_cue,
    unquoted_text,
    weaker,
)
from incidents.model import Evidence, Incident, Statement, Status
from incidents.resolve.dates import resolve_date

AUTHOR = "author"
UNATTRIBUTED = "unattributed"
AUTHOR_HEDGE_CUES = ("one cannot rule out", "cannot be ruled out", "can not be ruled out", "it is possible that", "it is likely that", "it seems", "it appears")
_AUTHOR_HEDGE_RE = re.compile(r"\b(" + "|".join(re.escape(c) for c in AUTHOR_HEDGE_CUES) + r")\b")
_QUOTES = "\"“”«»"

#: verbs whose direct object (with its "to/for/of/on/as" phrases) is what they report
_OBJECT_CONTENT = {
    "claim", "deny", "admit", "confirm", "report", "suspect", "blame", "accuse", "attribute", "describe",
    "dispute", "allege", "announce", "reveal", "acknowledge", "reject", "dismiss", "refute", "estimate",
    "disclose", "document", "accept", "take", "assume", "call", "point",
}
#: verbs whose infinitive complement is an order, not a report ("told him to leave")
_NO_XCOMP = {"tell", "warn", "inform", "call", "point", "accept", "take", "assume", "attribute", "blame", "accuse"}
_RESPONSIBILITY = {"responsibility", "credit"}
_CLAIMED_OBJECTS = _RESPONSIBILITY | set(EVENT_NOUNS) | {"attacks", "operation", "act"}
_PERSONAL = {"he", "she", "him", "her"}
_PLURAL = {"they", "them"}
_RELATIVE = {"who", "which", "that", "whom"}
_SKIP_PRONOUNS = {"i", "we", "you", "me", "us", "this", "there", "what", "one", "someone", "anyone", "everyone"}
_QUANTIFIERS = {"the", "a", "an", "all", "some", "several", "both", "many", "other", "one", "another", "these", "those", "this", "that"}
#: findings and figures are not speakers ("an investigation revealed", "the autopsy showed")
_NOT_SPEAKERS = {
    "investigation", "autopsy", "figure", "datum", "statistic", "evidence", "footage", "analysis", "test", "result",
    "study", "probe", "inquiry", "examination", "review", "search", "count", "tally", "toll", "estimate", "record",
    "photo", "image", "picture", "map", "survey", "poll",
}
_ISSUED_DOCUMENTS = {"statement", "communique", "release", "announcement", "message"}
_DOCUMENT_NOUNS = {"statement", "report", "communique", "release", "message", "letter", "video", "post", "announcement", "bulletin", "complaint", "warrant", "affidavit", "document", "documents", "testimony"}
#: nouns that stand for an organisation named earlier ("the group claims", "the news station reported")
_ORG_ANAPHORS = {"group", "organization", "organisation", "movement", "outfit", "newspaper", "paper", "station", "channel", "broadcaster", "agency", "daily", "outlet", "network", "website"}
_COLLECTIVE = {"police", "government", "army", "military", "authority", "official", "force", "people", "family", "agency", "ministry", "prosecutor", "investigator", "source", "group"}
#: nouns with which a title or description is given for a name beside it
_NAME_VERBS = {"identify", "name", "call"}


def find_statements(doc: Doc, article_id: str, incidents: list[Incident], anchor: dt.date | None) -> list[Statement]:
    out: list[Statement] = []
    heads: dict[int, int] = {}  # statement index -> token heading its content's main clause
    by_cue: dict[int, int] = {}  # cue token -> statement index
    for token in doc:
        if _cue_lemma(token) is None:
            continue
        found = _reported(doc, token, incidents, anchor, out)
        if found is not None:
            statement, root = found
            by_cue[token.i] = len(out)
            heads[len(out)] = root.i
            out.append(statement)
    for sent in doc.sents:
        found_according = _according_to(doc, sent, incidents)
        if found_according is not None:
            according, clause = found_according
            if clause is not None:
                heads[len(out)] = clause.i
            out.append(according)
    _nest(out, heads, by_cue)
    for sent in doc.sents:
        author = _author(doc, sent, incidents, out)
        if author is not None:
            out.append(author)
    for sent in doc.sents:
        out.extend(_unspoken_hedges(doc, sent, incidents, out))
    out.sort(key=lambda s: s.evidence[0].start if s.evidence else 0)
    return out


def _nest(statements: list[Statement], heads: dict[int, int], by_cue: dict[int, int]) -> None:
    """'X denies the claims, according to Y', 'the newspaper reported that Kenny said ...':
    the outer statement reports the inner one, so the weaker status of the two governs the
    fact both pass on."""
    for _ in range(3):
        for index, head in heads.items():
            inner = by_cue.get(head)
            if inner is None or inner == index:
                continue
            outer = statements[index]
            status = weaker(outer.status, statements[inner].status)
            if status != outer.status:
                statements[index] = replace(outer, status=status)


# --- reporting cues --------------------------------------------------------------------------

def _cue_lemma(token: Token) -> str | None:
    """The reporting lemma of a verb token, or None: 'said' -> say, 'pointed out' -> point,
    'accepted responsibility' -> accept, 'called the blast an attack' -> call."""
    if token.pos_ != "VERB":
        return None
    lemma = token.lemma_.lower()
    if lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("life", "live") for c in token.children):
        return None  # "the blast claimed the lives of ..."
    if lemma in REPORTING_VERBS:
        return lemma
    if lemma == "point" and any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children):
        return lemma
    if lemma in ("accept", "take", "assume") and any(c.dep_ == "dobj" and c.lemma_.lower() in _RESPONSIBILITY for c in token.children):
        return lemma
    if lemma == "call" and any(c.dep_ == "oprd" for c in token.children):
        return lemma
    if lemma == "plead" and any(c.lower_ in ("guilty", "innocent") for c in token.subtree):
        return lemma
    return None


def _reported(doc: Doc, verb: Token, incidents: list[Incident], anchor: dt.date | None, before: list[Statement]) -> tuple[Statement, Token] | None:
    lemma = _cue_lemma(verb) or verb.lemma_.lower()
    if verb.dep_ == "amod" and not _verb_as_modifier(verb) or (verb.tag_ == "VBN" and verb.dep_ in ("acl",) and not has_agent(verb)):
        return None  # "the suspected gunmen", "a man believed to be ..."
    speaker_tok = _subject(verb)
    if speaker_tok is None:
        return None
    if any(c.dep_ == "det" and c.lower_ in ("no", "neither") for c in speaker_tok.children) or speaker_tok.lower_ in ("nobody", "none", "nothing"):
        return None
    if speaker_tok.lemma_.lower() in _NOT_SPEAKERS and speaker_tok.pos_ != "PROPN":
        return None
    speaker_tok = _source_of_document(speaker_tok)
    content = _content(verb, lemma)
    if content is None:
        return None
    span, root = content
    if speaker_tok.i >= span.start and speaker_tok.i < span.end:
        return None
    found = _speaker(doc, speaker_tok, before)
    if found is None:
        return None
    speaker, role, name_start = found
    status = _status(verb, lemma, speaker_tok, span, root)
    cue_start = verb.idx
    cue_end = _cue_end(verb, lemma)
    beside = speaker_tok.head.i == verb.i or speaker_tok.head.dep_ == "agent" or verb.i - speaker_tok.right_edge.i <= 3
    if speaker_tok.i < verb.i and beside and name_start < cue_start:
        head = Evidence(name_start, cue_end, source(doc, name_start, cue_end))
    else:
        head = Evidence(cue_start, cue_end, source(doc, cue_start, cue_end))
    return Statement(
        speaker=speaker,
        speaker_role=role,
        date=_statement_date(verb, anchor),
        text=span_text(span),
        status=status,
        incident=_incident_of(span, incidents),
        evidence=(head, Evidence(span.start_char, span.end_char, span_text(span))),
        cue=source(doc, cue_start, cue_end),
        quote="direct" if _quoted(doc, span) else "indirect",
    ), root


def _verb_as_modifier(verb: Token) -> bool:
    """'sources suspected Taliban involvement' parsed as an adjective before its object:
    a past-tense verb with a subject of its own."""
    return verb.dep_ == "amod" and verb.tag_ == "VBD" and any(c.dep_ == "nsubj" for c in verb.children) and verb.head.i > verb.i


def _cue_end(verb: Token, lemma: str) -> int:
    end = verb.idx + len(verb.text)
    if lemma == "point":
        prt = next((c for c in verb.children if c.dep_ == "prt"), None)
        if prt is not None:
            end = max(end, prt.idx + len(prt.text))
    return end


def _subject(verb: Token, depth: int = 0, via: str = "") -> Token | None:
    """Who speaks: the subject, the agent of a passive, the subject shared with the verb
    this one is coordinated with or depends on ('claimed responsibility and stated that',
    'tried to blame', 'issued a statement denying'), or, when the parse lost it, the noun
    phrase right before the verb."""
    for child in verb.children:
        if child.dep_ == "agent":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    if is_passive(verb):
        if via == "conj":
            # "ETA was taken aback ... and issued a statement denying ...": the same actor
            return next((c for c in verb.children if c.dep_ == "nsubjpass" and c.pos_ != "PRON"), None)
        return None
    doc = verb.doc
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # a subject across a line break is a headline or page furniture the parse ran into
    subjects = [c for c in subjects if not _barrier(doc, min(c.i, verb.i), max(c.i, verb.i))]
    if subjects:
        # "said Metro Lt. Jeff Goodwin" parsed with two subjects: the name
        return next((s for s in subjects if s.ent_type_ in ("PERSON", "ORG")), subjects[0])
    if any(c.dep_ == "nsubj" for c in verb.children):
        return _adjacent_subject(verb)
    if depth < 3 and verb.dep_ in ("conj", "xcomp") and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i:
        if _barrier(doc, verb.head.i, verb.i) or verb.dep_ == "conj" and verb.head.dep_ in ("ccomp", "advcl", "relcl", "acl", "pcomp") and _cue_lemma(verb.head) is None:
            # '... said the girl was injured by a firearm, but did not say how': the parse
            # hung the second verb on the reported clause; its subject is not that clause's
            return _adjacent_subject(verb)
        return _subject(verb.head, depth + 1, verb.dep_)
    if depth < 3 and verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBG":
        head = verb.head
        if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("dobj",):
            head = head.head  # "issued a statement denying ..."
        if head.pos_ in ("VERB", "AUX") and head.i < verb.i:
            return _subject(head, depth + 1, verb.dep_)
    if verb.dep_ in ("ROOT", "conj", "ccomp", "parataxis"):
        return _adjacent_subject(verb)
    return None


def _line_start(doc: Doc, i: int) -> int:
    """The first token after the last line break before token ``i``."""
    j = i
    while j > 0:
        prev = doc[j - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            break
        j -= 1
    return j


def _adjacent_subject(verb: Token) -> Token | None:
    """'A police source said ...' parsed with the noun phrase hung elsewhere: the noun
    phrase that ends right before the verb, within its line."""
    doc = verb.doc
    start = max(verb.sent.start, _line_start(doc, verb.i))
    i = verb.i - 1
    if i >= start and doc[i].text == ",":
        i -= 1
    if i < start:
        return None
    node = doc[i]
    if node.pos_ not in ("NOUN", "PROPN") or node.dep_ not in ("pobj", "compound", "appos", "conj", "npadvmod", "dobj", "nsubj"):
        return None
    while True:
        head = node.head
        if head.i == node.i or head.i < start or head.i >= verb.i:
            break
        if (node.dep_ in ("compound", "flat") or node.dep_ == "appos" and node.pos_ == "NOUN") and head.pos_ in ("NOUN", "PROPN"):
            node = head
        elif node.dep_ == "pobj" and head.lower_ in ("of", "for") and head.head.pos_ in ("NOUN", "PROPN") and head.head.i >= start:
            node = head.head
        else:
            break
    return node


def _source_of_document(token: Token) -> Token:
    """'a statement by the YGBL' -> the YGBL; 'a statement issued by X' -> X; 'the group's
    statement' -> the group."""
    if token.lemma_.lower() not in _DOCUMENT_NOUNS:
        return token
    for child in token.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
        if child.dep_ == "acl" and child.lemma_.lower() in ("issue", "release", "publish", "post", "send", "sign"):
            for agent in child.children:
                if agent.dep_ == "agent":
                    for obj in agent.children:
                        if obj.dep_ == "pobj":
                            return obj
    return token


# --- content -----------------------------------------------------------------------------------

_barrier = barrier


def _content(verb: Token, lemma: str) -> tuple[Span, Token] | None:
    """What the cue reports, and the head of its main clause (or its object)."""
    doc = verb.doc
    if _verb_as_modifier(verb):
        head = verb.head
        if lemma in _OBJECT_CONTENT:
            return doc[verb.i + 1 : head.right_edge.i + 1], head
        return None
    if is_passive(verb):
        # "The attack was claimed by X": the claimed thing is the passive subject
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        if clauses:
            return _clause_span(clauses[0]), clauses[0]
        if subjects and lemma in _OBJECT_CONTENT:
            subj = subjects[0]
            return doc[subj.left_edge.i : subj.right_edge.i + 1], subj
        return None
    for child in verb.children:
        if child.dep_ == "xcomp" and lemma in _NO_XCOMP:
            continue
        if child.dep_ in ("ccomp", "xcomp") or (child.dep_ == "parataxis" and child.i < verb.i):
            if child.i < verb.i and not _preposed(verb, child):
                continue
            if child.i > verb.i and _barrier(doc, verb.i, child.left_edge.i):
                continue
            span = _clause_span(child)
            if child.i > verb.i and span.start <= verb.i:
                span = doc[verb.i + 1 : span.end]  # "that al-Qaeda is claiming to have kidnapped"
            if len(span) >= 2 or (span and lemma in _OBJECT_CONTENT):
                return span, child
    if verb.dep_ == "parataxis" or verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        around = _interrupted(verb)
        if around is not None:
            return around
    for child in verb.children:
        # '..., killing the three on the spot," the police said': a quoted clause parsed as a modifier
        if child.dep_ == "advcl" and child.i < verb.i and preposed_content(verb, child) and any(
            t.text in ("\"", "”") for t in doc[child.right_edge.i : verb.i]
        ):
            return _clause_span(child), child
    if lemma in _OBJECT_CONTENT or lemma == "plead":
        objs = [c for c in verb.children if c.dep_ in ("dobj", "oprd") and c.i > verb.i]
        preps = [c for c in verb.children if c.dep_ in ("prep", "oprd", "acomp", "advmod", "dative") and c.i > verb.i and (c.lower_ in ("to", "for", "of", "on", "as", "not", "guilty", "innocent") or c.dep_ == "oprd")]
        if lemma == "plead":
            parts = [c for c in verb.children if c.i > verb.i and c.dep_ not in ("punct", "cc", "conj")]
            if parts:
                start = min(p.left_edge.i for p in parts)
                end = max(p.right_edge.i for p in parts)
                return doc[start : end + 1], parts[0]
            return None
        if lemma in ("accept", "take", "assume"):
            objs = [o for o in objs if o.lemma_.lower() in _RESPONSIBILITY]
        elif lemma == "claim":
            objs = [o for o in objs if o.lemma_.lower() in _CLAIMED_OBJECTS]  # not "claimed the lives of"
        if lemma == "point" or (lemma == "call" and not any(c.dep_ == "oprd" for c in verb.children)):
            return None
        if objs:
            obj = objs[0]
            end = obj.right_edge.i
            if lemma in ("attribute", "blame", "accuse", "describe", "call", "suspect"):
                for p in preps:
                    if p.i > obj.i and not _barrier(doc, obj.i, p.i):
                        end = max(end, p.right_edge.i)
            span = doc[obj.left_edge.i : end + 1]
            return _trim_span(span), obj
        if lemma in ("blame", "accuse", "suspect", "describe") and preps:
            p = preps[0]
            return doc[p.i : p.right_edge.i + 1], p
    # "X denied it", relative "which the group denied": the object before the verb
    if lemma in ("deny", "claim", "confirm", "dispute", "reject", "admit"):
        for child in verb.children:
            if child.dep_ == "dobj":
                return doc[child.left_edge.i : child.right_edge.i + 1], child
    return None


def _interrupted(verb: Token) -> tuple[Span, Token] | None:
    """'While ..., he said, "we do have reason to believe ..."', 'As the WSWS has documented,
    the attack had ...': the cue interrupts or introduces the clause it depends on; the
    content is that clause's part after the cue (or before it, when nothing follows)."""
    doc = verb.doc
    head = verb.head
    if head.pos_ not in ("VERB", "AUX") or head.i == verb.i:
        return None
    inside = {t.i for t in verb.subtree}
    tokens = [t.i for t in head.subtree if t.i not in inside]
    after = [i for i in tokens if i > verb.right_edge.i]
    before = [i for i in tokens if i < verb.left_edge.i]
    part = after if len(after) >= 3 else before
    if len(part) < 3 or _barrier(doc, min(part + [verb.i]), max(part + [verb.i])):
        return None
    span = _trim_span(doc[min(part) : max(part) + 1])
    return span, head


def _preposed(verb: Token, clause: Token) -> bool:
    """'Two people died, police said': a clause before the verb is its content only when
    nothing but a comma, a quotation mark or the speaker stands between them."""
    doc = verb.doc
    end = clause.right_edge.i
    if not preposed_content(verb, clause):
        return False
    while end > clause.i and doc[end].is_punct:
        end -= 1
    between = doc[end + 1 : verb.i]
    subject_tokens: set[int] = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "agent", "advmod", "aux", "neg", "npadvmod"):
            subject_tokens.update(t.i for t in child.subtree)
    return all(t.is_punct or t.i in subject_tokens for t in between) and any(t.text in (",", "\"", "”", "’", "'", "—", "--") for t in between)


def _clause_span(head: Token) -> Span:
    doc = head.doc
    left = head.left_edge.i
    right = head.right_edge.i
    while left < right and (doc[left].dep_ in ("mark", "punct") or doc[left].is_punct):
        left += 1
    while right > left and (doc[right].is_punct or doc[right].is_space):
        right -= 1
    return doc[left : right + 1]


def _trim_span(span: Span) -> Span:
    doc = span.doc
    start, end = span.start, span.end
    while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


# --- status ------------------------------------------------------------------------------------

def _status(verb: Token, lemma: str, speaker: Token, content: Span, root: Token) -> Status:
    base = REPORTING_VERBS.get(lemma, "attributed")
    if lemma in ("accept", "take", "assume"):
        status = Status.CLAIMED
    elif lemma == "plead":
        words = {t.lower_ for t in content}
        status = Status.NEGATED if words & {"not", "innocent"} else Status.CLAIMED
    elif base == "claimed":
        status = Status.CLAIMED if lemma == "admit" or _own_claim(verb, root, content) else Status.ATTRIBUTED
    else:
        status = Status(base)
    if _claim_of_responsibility(verb):
        status = weaker(status, Status.CLAIMED)  # "in their claim of responsibility, X says ..."
    if status in (Status.ATTRIBUTED, Status.HEDGED) and verb.dep_ == "conj" and _claims_responsibility(verb.head) and not any(c.dep_ == "nsubj" for c in verb.children):
        status = Status.CLAIMED  # "X claimed responsibility ... and stated that ...": part of the claim
    if is_negated(verb):
        if status == Status.NEGATED:
            status = Status.ATTRIBUTED  # "did not deny"
        elif lemma in ("say", "confirm", "report", "state") and lemma not in CONFIRM_VERBS:
            status = Status.HEDGED
        else:
            status = Status.HEDGED
    if status in (Status.ATTRIBUTED, Status.CLAIMED) and anonymous_source(speaker):
        status = Status.HEDGED
    if status == Status.ATTRIBUTED and any(c.dep_ in ("aux", "advmod") and c.lower_ in ("may", "might", "reportedly", "allegedly", "apparently", "likely") for c in verb.children):
        status = Status.HEDGED  # "US security services reportedly believe", "police may have said"
    if root.pos_ in ("VERB", "AUX") and root.dep_ in ("ccomp", "xcomp", "parataxis", "conj", "ROOT") and root.i != verb.i:
        marks = clause_marks(root, could=True)
        if marks == Status.SPECULATIVE:
            marks = Status.HEDGED  # another speaker's "presumably" is a hedge, not the author's inference
        if marks != Status.REPORTED:
            status = weaker(status, marks)
    elif root.dep_ in ("dobj", "nsubjpass") and status == Status.ATTRIBUTED and any(c.dep_ == "det" and c.lower_ == "no" for c in root.children):
        status = Status.NEGATED  # "reported no casualties"
    return status


def _own_claim(verb: Token, root: Token, content: Span) -> bool:
    """'claimed responsibility', 'claimed the attack', 'the attack was claimed by X',
    'claimed to have hit three gunmen', 'claimed they were responsible', 'the group claims
    that it attacks ...': a claim of one's own act, not about other facts."""
    if root.lemma_.lower() in _CLAIMED_OBJECTS and root.dep_ in ("dobj", "nsubjpass"):
        return True
    if root.dep_ == "xcomp":
        return True
    if any(t.lemma_.lower() in ("responsible", "responsibility") for t in content):
        return True
    if root.dep_ == "ccomp" and (root.lemma_.lower() in EVENT_VERBS or root.lemma_.lower() in ("carry", "conduct", "launch", "stage", "perpetrate", "commit")):
        # "the group claims that it attacked ...": the speaker's own act
        subjects = [c for c in root.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ in ("it", "they", "we", "he", "she", "i"):
            return True
    return False


def _claims_responsibility(verb: Token) -> bool:
    """'claimed responsibility', 'accepted responsibility', 'claimed the attack'."""
    lemma = verb.lemma_.lower()
    if lemma not in ("claim", "accept", "take", "assume", "admit"):
        return False
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _CLAIMED_OBJECTS for c in verb.children)


def _claim_of_responsibility(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() == "claim" and any(t.lemma_.lower() in _RESPONSIBILITY for t in obj.subtree):
                    return True
    return False


def _quoted(doc: Doc, span: Span) -> bool:
    before = source(doc, max(0, span.start_char - 3), span.start_char)
    after = source(doc, span.end_char, span.end_char + 3)
    return any(q in before for q in _QUOTES) and any(q in after for q in _QUOTES)


# --- speakers ----------------------------------------------------------------------------------

def _speaker(doc: Doc, token: Token, before: list[Statement]) -> tuple[str, str | None, int] | None:
    """The speaker's name and role ("Sergei Lavrov", "Russian Foreign Minister") and where
    the speaker's words start, or None when there is no one to name."""
    low = token.lower_
    if low in _RELATIVE and token.head.dep_ == "relcl":
        antecedent = token.head.head
        found = _speaker(doc, antecedent, before) if antecedent.pos_ in ("NOUN", "PROPN") else None
        return (found[0], found[1], token.idx) if found else None
    if token.pos_ == "PRON" or low in _PERSONAL | _PLURAL | {"it"}:
        if low in _PERSONAL:
            name = _previous_person(doc, token.i)
        elif low in _PLURAL:
            name = _previous_group(doc, token.i, plural=True)
        elif low == "it":
            name = _previous_group(doc, token.i, plural=False)
        else:
            name = None
        return (name, None, token.idx) if name else None
    if token.lower_ in _SKIP_PRONOUNS:
        return None
    lemma = token.lemma_.lower()
    start = max(token.left_edge.i, _line_start(doc, token.i))
    # a title or description with the name beside it
    named = _name_beside(token)
    if named is not None:
        name_span, description = named
        described = _strip(description)
        return span_text(name_span), (span_text(described) if described is not None else None), doc[start].idx
    phrase = _strip(doc[start : _phrase_end(token) + 1])
    if phrase is None:
        return None
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
    if definite and token.pos_ == "NOUN" and not any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in token.children):
        if lemma in _ORG_ANAPHORS:
            spoke = frozenset(st.speaker for st in before)
            name = _previous_group(doc, token.i, plural=False, exclude=(phrase.start, phrase.end), speakers=spoke)
            if name:
                return name, None, phrase.start_char
        if lemma in _ISSUED_DOCUMENTS and before:
            # "the statement said" after "the police said in a statement"
            previous = before[-1]
            said_in = source(doc, previous.evidence[0].start, previous.evidence[0].end + 40).lower()
            if previous.speaker not in (AUTHOR, UNATTRIBUTED) and token.lower_ in said_in:
                return previous.speaker, previous.speaker_role, phrase.start_char
    if token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON")):
        ent = next((e for e in entities(doc) if e.start <= token.i < e.end and e.label_ == "PERSON"), None)
        if ent is not None and ent.start >= phrase.start:
            role_span = _strip(doc[phrase.start : ent.start]) if ent.start > phrase.start else None
            role = span_text(role_span) if role_span is not None else _appositive_role(token)
            return span_text(ent), role or None, phrase.start_char
    return span_text(phrase), _appositive_role(token), phrase.start_char


def _name_beside(token: Token) -> tuple[Span, Span] | None:
    """'Hills' grandfather, Dana Buck', 'France's counter-terrorism prosecutor, Remy Heitz',
    'An individual, identified as Ayanle Hassan Ali', 'a group calling itself X': the name
    and the description (role) beside it."""
    doc = token.doc
    title = token.pos_ == "PROPN" and token.ent_type_ not in ("PERSON", "ORG", "NORP", "GPE")
    if token.pos_ != "NOUN" and not title:
        return None
    start = max(token.left_edge.i, _line_start(doc, token.i))
    role = doc[start : token.i + 1]
    for child in token.children:
        if child.i < token.i:
            continue
        if child.dep_ == "appos" and _is_name(child) and doc[child.left_edge.i - 1].text != "(" and (not title or child.ent_type_ == "PERSON"):
            return _name_span(child), role
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _NAME_VERBS:
            for g in child.children:
                if g.dep_ == "prep" and g.lower_ == "as":
                    for obj in g.children:
                        if obj.dep_ == "pobj" and _is_name(obj):
                            return _name_span(obj), role
                if g.dep_ in ("oprd", "dobj", "attr") and _is_name(g) and g.lower_ not in ("itself", "themselves"):
                    return _name_span(g), role
                if g.dep_ == "dobj" and g.lower_ in ("itself", "themselves"):
                    for h in child.children:
                        if h.dep_ in ("oprd", "xcomp", "ccomp", "attr") and _is_name(h):
                            return _name_span(h), role
    return None


def _is_name(token: Token) -> bool:
    return token.pos_ == "PROPN" or token.ent_type_ in ("PERSON", "ORG", "NORP")


def _name_span(token: Token) -> Span:
    doc = token.doc
    for ent in entities(doc):
        if ent.start <= token.i < ent.end and ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
            return _strip(ent) or ent
    left = token.i
    while left > token.left_edge.i and doc[left - 1].dep_ in ("compound", "flat") and doc[left - 1].head.i >= left - 1:
        left -= 1
    span = doc[left : token.i + 1]
    # quoted names: "the 'Knights of the Torched Bank'"
    end = token.i
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.i == end + 1:
            end = child.right_edge.i
    span = doc[left : end + 1]
    return _strip(span) or span


def _phrase_end(token: Token) -> int:
    """The end of the speaker's noun phrase: the head, compounds after it, an "of/for X"
    naming whose it is ('spokesman for the Belfast Brigade'), and coordinated heads
    ('Hamas and PIJ')."""
    end = token.i
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nummod") and child.i == end + 1 or child.dep_ == "prep" and child.lower_ in ("of", "for", "in") and child.i == end + 1 and any(
            t.pos_ == "PROPN" or t.ent_type_ in ("ORG", "NORP", "GPE") for t in child.subtree
        ) and not any(t.text in (",", "(", ";") or "\n" in t.text for t in child.subtree):
            end = child.right_edge.i
        elif child.dep_ == "conj" and token.pos_ == child.pos_ == "PROPN" and not any(t.text in (",", ";") for t in child.doc[end : child.i]):
            end = max(end, _phrase_end(child))
    return end


def _strip(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in _QUANTIFIERS or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in ("the", "a", "an")):
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _appositive_role(token: Token) -> str | None:
    for child in token.children:
        if child.dep_ == "appos" and child.i > token.i:
            span = _strip(token.doc[child.left_edge.i : child.right_edge.i + 1])
            if span is not None:
                return span_text(span)
    return None


def _furniture(ent: Span) -> bool:
    """An entity on a line of its own (a byline, a headline word) or in capitals."""
    doc = ent.doc
    text = span_text(ent)
    if "\n" in text or text.isupper():
        return True
    start = _line_start(doc, ent.start)
    end = ent.end
    while end < len(doc) and not ("\n" in doc[end - 1].whitespace_ or "\n" in doc[end].text):
        end += 1
        if end - ent.end > 3:
            return False
    return ent.start - start <= 1 and end - ent.end <= 1


def _previous_person(doc: Doc, before: int) -> str | None:
    best = None
    for ent in entities(doc):
        if ent.label_ == "PERSON" and ent.end <= before and not _furniture(ent):
            best = span_text(ent)
    return best


def _previous_group(doc: Doc, before: int, plural: bool, exclude: tuple[int, int] | None = None, speakers: frozenset[str] = frozenset()) -> str | None:
    """The organisation (or, for 'they', the group of people acting) named last before
    token ``before``, within the last few sentences: one that already spoke first (for
    'the news station reported'), then subjects, then any mention."""
    window_start = doc[before].sent.start
    for _ in range(4):
        if window_start == 0:
            break
        window_start = doc[window_start - 1].sent.start
    pronoun = doc[before]
    if pronoun.head.dep_ == "relcl":
        # "killed three Indians who they accused of ...": not the noun the clause describes
        antecedent = pronoun.head.head
        exclude = (antecedent.left_edge.i, antecedent.i + 1)
    candidates = [doc[i] for i in range(before - 1, window_start - 1, -1) if not (exclude and exclude[0] <= i < exclude[1])]
    if speakers:
        for t in candidates:
            ent = next((e for e in entities(doc) if e.start <= t.i < e.end and e.label_ in ("ORG", "NORP")), None)
            span = _strip(ent) if ent is not None else None
            if span is not None and span_text(span) in speakers:
                return span_text(span)
    for subjects_only in (True, False):
        for t in candidates:
            if t.pos_ not in ("NOUN", "PROPN"):
                continue
            deps = ("nsubj", "nsubjpass") if subjects_only else ("nsubj", "nsubjpass", "pobj", "dobj", "appos", "conj")
            if t.dep_ not in deps:
                continue
            if t.ent_type_ in ("ORG", "NORP") and t.pos_ == "PROPN" or (plural and t.ent_type_ == "NORP"):
                ent = next((e for e in entities(doc) if e.start <= t.i < e.end), None)
                if ent is not None:
                    span = _strip(ent)
                    if span is not None and not _furniture(ent):
                        return span_text(span)
            if subjects_only and not plural and t.pos_ == "PROPN" and t.ent_type_ in ("", "ORG") and t.dep_ == "nsubj" and t.head.pos_ == "VERB":
                # "The Provisional IRA accepted responsibility ... It claimed ...": a named
                # subject the entity recogniser left unlabelled
                start = max(t.left_edge.i, _line_start(doc, t.i))
                span = _strip(doc[start : t.i + 1])
                if span is not None and not any(x.ent_type_ in ("PERSON", "GPE", "LOC") for x in span):
                    return span_text(span)
            if plural and t.dep_ in ("nsubj", "nsubjpass") and (t.tag_ in ("NNS", "NNPS") or t.lemma_.lower() in _COLLECTIVE) and t.lemma_.lower() not in _NOT_SPEAKERS:
                start = max(t.left_edge.i, _line_start(doc, t.i))
                span = _strip(doc[start : t.i + 1])
                if span is not None:
                    return span_text(span)
    return None


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


def _cued_statement(
    doc: Doc, speaker: str, content: Span, status: Status, cue_start: int, cue_end: int, incidents: list[Incident],
    role: str | None = None, cue: str | None = None,
) -> Statement:
    """A statement known by its cue span and content (no date); ``cue`` defaults to the
    cue span's text."""
    return Statement(
        speaker=speaker,
        speaker_role=role,
        date=None,
        text=span_text(content),
        status=status,
        incident=_incident_of(content, incidents),
        evidence=(
            Evidence(cue_start, cue_end, source(doc, cue_start, cue_end)),
            Evidence(content.start_char, content.end_char, span_text(content)),
        ),
        cue=cue or source(doc, cue_start, cue_end),
    )


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

def _according_to(doc: Doc, sent: Span, incidents: list[Incident]) -> tuple[Statement, Token | None] | None:
    for token in sent:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        if not objs:
            continue
        origin = objs[0]
        if origin.lemma_.lower() in _NOT_SPEAKERS or origin.lemma_.lower() in ("figure", "datum", "statistic", "estimate", "count", "tally"):
            return None
        speaker_tok = _source_of_document(origin)
        found = _speaker(doc, speaker_tok, [])
        if found is None:
            return None
        speaker, role, _ = found
        phrase_end = origin.right_edge.i + 1
        if phrase_end < sent.end and doc[phrase_end].is_punct:
            phrase_end += 1
        rest = doc[phrase_end : sent.end] if token.i <= sent.start + 1 else doc[sent.start : token.i]
        if token.i > sent.start + 1 and ";" in rest.text:
            # "...; however, according to X, ...": only the clause the phrase is in
            semi = max(t.i for t in rest if t.text == ";")
            rest = doc[semi + 1 : token.i]
        trimmed = _trim(rest)
        if trimmed is None:
            return None
        rest = trimmed
        status = Status.ATTRIBUTED
        if anonymous_source(origin):
            status = Status.HEDGED
        heads = [t for t in rest if t.head.i == t.i or t.head.i < rest.start or t.head.i >= rest.end]
        verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
        if verbs:
            marks = clause_marks(verbs[0], could=True)
            if marks != Status.REPORTED:
                status = weaker(status, Status.HEDGED if marks == Status.SPECULATIVE else marks)
        end = origin.right_edge.idx + len(origin.right_edge.text)
        statement = _cued_statement(doc, speaker, rest, status, token.idx, end, incidents, role=role, cue="according to")
        return statement, (verbs[0] if verbs else None)
    return None


def _trim(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end - start < 3:
        return None
    return doc[start:end]


# --- the author's own inferences --------------------------------------------------------------

def _covered(doc: Doc, start: int, end: int, statements: list[Statement], content_only: bool = False) -> bool:
    for st in statements:
        spans = st.evidence[1:] if content_only else st.evidence
        if any(e.start < end and start < e.end for e in spans):
            return True
    return False


def _author(doc: Doc, sent: Span, incidents: list[Incident], before: list[Statement]) -> Statement | None:
    match = speculation_cue(sent)
    status = Status.SPECULATIVE
    if match is None:
        match = _AUTHOR_HEDGE_RE.search(unquoted_text(sent))
        status = Status.HEDGED
    if match is None:
        return None
    cue_start = sent.start_char + match.start()
    cue_end = sent.start_char + match.end()
    if _covered(doc, cue_start, cue_end, before, content_only=True):
        return None  # a speaker's words ("... we believe", police said)
    content = doc.char_span(cue_end, sent.end_char, alignment_mode="expand")
    if content is None:
        return None
    content = _trim(_after_that(content))
    if content is None:
        content = _trim(doc.char_span(sent.start_char, cue_start, alignment_mode="expand") or sent)
    if content is None:
        return None
    return _cued_statement(doc, AUTHOR, content, status, cue_start, cue_end, incidents)


def _after_that(span: Span) -> Span:
    doc = span.doc
    start = span.start
    while start < span.end and doc[start].lower_ in ("that", ",", "to"):
        start += 1
    return doc[start : span.end]


# --- hedges that no speaker governs -----------------------------------------------------------

def _clause_heads(sent: Span) -> list[Token]:
    """The heads of a sentence's main clauses: its root and the clauses joined to it that
    have a subject of their own ('...; however, X ...', '..., but X ...')."""
    root = sent.root
    heads = [root]
    for child in root.children:
        if child.dep_ in ("conj", "parataxis") and child.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in child.children
        ):
            heads.append(child)
    return heads


def _clause_extent(head: Token) -> Span:
    """The clause headed by ``head`` without the clauses joined to it."""
    doc = head.doc
    skip: set[int] = set()
    for child in head.children:
        if child.i < head.i and _barrier(doc, child.right_edge.i, head.i) or child.i > head.i and _barrier(doc, head.i, child.left_edge.i):
            skip.update(t.i for t in child.subtree)  # the clause across a semicolon is another unit
            continue
        if child.dep_ in ("conj", "parataxis") and child.pos_ in ("VERB", "AUX") and child.i > head.i:
            skip.update(t.i for t in child.subtree)
            skip.update(c.i for c in head.children if c.dep_ == "cc" and c.i < child.i and c.i > head.i)
        if child.dep_ in ("cc",) and child.i < head.i:
            skip.add(child.i)
        if child.dep_ == "advmod" and child.i < head.i and child.lower_ in ("however", "but", "meanwhile"):
            skip.add(child.i)
    tokens = [t.i for t in head.subtree if t.i not in skip]
    start, end = min(tokens), max(tokens)
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        start += 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return doc[start : end + 1]


def _unspoken_hedges(doc: Doc, sent: Span, incidents: list[Incident], before: list[Statement]) -> list[Statement]:
    out: list[Statement] = []
    for head in _clause_heads(sent):
        if head.pos_ not in ("VERB", "AUX"):
            continue
        extent = _clause_extent(head)
        if _covered(doc, head.idx, head.idx + len(head.text), before + out):
            continue
        found = _unspoken(head)
        if found is None:
            continue
        cue, speaker, status, content = found
        if content is None or len(content) < 2:
            content = extent
        cue_start, cue_end = cue[0].idx, cue[-1].idx + len(cue[-1].text)
        if _covered(doc, cue_start, cue_end, before + out):
            continue
        out.append(_cued_statement(doc, speaker, content, status, cue_start, cue_end, incidents))
    return out


def _unspoken(head: Token) -> tuple[Span, str, Status, Span | None] | None:
    """A hedge on the clause headed by ``head`` with no speaker above it: its cue words,
    whose hedge it is (``author`` or ``unattributed``), the status and the content."""
    doc = head.doc
    hedge = clause_hedge(head)
    negated = head.lemma_.lower() not in CONFIRM_VERBS and _negated_content(head)
    if hedge is None:
        return _no_reported(head)
    word, kind = hedge
    if kind == "belief":
        return None  # a belief with a speaker is a reporting cue; without one, nothing to say
    speaker = UNATTRIBUTED if kind == "source" else AUTHOR
    status = Status.SPECULATIVE if kind == "speculative" else Status.HEDGED
    if negated:
        status = Status.NEGATED
    content: Span | None = None
    if word.i == head.i and kind == "source":
        # "It is believed that X" / "X is said to Y" / "No casualties were reported"
        parts = [c for c in head.children if c.dep_ in ("auxpass", "aux", "expl", "nsubjpass", "neg") and c.i < head.i]
        cue_start = min([c.i for c in parts if c.dep_ in ("auxpass", "aux", "neg")] + [head.i])
        expl = [c for c in head.children if c.dep_ in ("nsubjpass", "expl") and c.lower_ == "it"]
        if expl:
            cue_start = expl[0].i
        cue = doc[cue_start : head.i + 1]
        clauses = [c for c in head.children if c.dep_ in ("ccomp", "xcomp")]
        subjects = [c for c in head.children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
        if expl and clauses:
            content = _clause_span(clauses[0])
            if clause_marks(clauses[0]) == Status.NEGATED:
                status = Status.NEGATED
        elif subjects:
            subj = subjects[0]
            if any(c.dep_ == "det" and c.lower_ == "no" for c in subj.children) or subj.lower_ in ("nobody", "none", "nothing"):
                status = Status.NEGATED
            content = doc[subj.left_edge.i : subj.right_edge.i + 1]
            if clauses:
                content = doc[subj.left_edge.i : max(subj.right_edge.i, clauses[0].right_edge.i) + 1]
        return cue, speaker, status, content
    if word.i == head.i:
        cue = doc[head.i : head.i + 1]
        expl = [c for c in head.children if c.dep_ in ("nsubj", "expl") and c.lower_ == "it"]
        if expl:
            cue = doc[expl[0].i : head.i + 1]
            clauses = [c for c in head.children if c.dep_ in ("ccomp",)]
            if clauses:
                content = _clause_span(clauses[0])
        return cue, speaker, status, content
    if word.dep_ in ("acomp", "attr"):
        # "It is unclear whether ...": the cue runs from the subject to the adjective
        its = [c for c in head.children if c.dep_ in ("nsubj", "expl") and c.i < word.i]
        start = its[0].i if its and its[0].lower_ == "it" else word.i
        cue = doc[start : word.i + 1]
        clauses = [c for c in list(word.children) + list(head.children) if c.dep_ in ("ccomp", "xcomp", "advcl") and c.i > word.i]
        if clauses and start != word.i:
            content = _clause_span(clauses[0])
        return cue, speaker, status, content
    if word.lower_ == "could" or word.lower_ == "would":
        aux = [c for c in head.children if c.dep_ in ("aux", "neg") and c.i > word.i and c.i < head.i]
        end = max([c.i for c in aux] + [word.i])
        return doc[word.i : end + 1], speaker, status, content
    if word.lower_ in ("may", "might"):
        aux = [c for c in head.children if c.dep_ in ("aux",) and c.lower_ == "have" and c.i > word.i]
        end = aux[0].i if aux else word.i
        return doc[word.i : end + 1], speaker, status, content
    return doc[word.i : word.i + 1], speaker, status, content


def _negated_content(head: Token) -> bool:
    return clause_marks(head) == Status.NEGATED


def _no_reported(head: Token) -> tuple[Span, str, Status, Span | None] | None:
    """'There were no reported casualties', 'no reported injuries': unnamed reports of
    nothing."""
    doc = head.doc
    for child in head.children:
        if child.dep_ not in ("attr", "nsubj", "dobj", "nsubjpass"):
            continue
        if not any(c.dep_ == "det" and c.lower_ == "no" for c in child.children):
            continue
        for mod in child.children:
            if mod.dep_ == "amod" and mod.lower_ in ("reported", "confirmed"):
                det = next(c for c in child.children if c.dep_ == "det" and c.lower_ == "no")
                return doc[det.i : mod.i + 1], UNATTRIBUTED, Status.NEGATED, doc[child.left_edge.i : child.right_edge.i + 1]
    return None
