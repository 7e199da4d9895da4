"""Epistemic status of a clause: reported, attributed, claimed, hedged, speculative or negated.

The status of a fact is read off the words that govern the clause stating it:
- a reporting verb with a speaker above it ("police said ...") makes it *attributed*,
  "claimed" makes it *claimed*, "denied" *negated*, "alleged"/"suspected" *hedged*;
- a hedge inside the clause ("likely", "reportedly", "may have") makes it *hedged*;
- an author's inference cue ("everything indicates", "it is logical to assume") with no
  speaker makes it *speculative*;
- a negation of the event itself ("no one was hurt") makes it *negated*.
Otherwise the article states it as fact: *reported*.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from incidents.extractors.lexicon import HEDGE_WORDS, NEGATION_WORDS, REPORTING_VERBS, SPECULATION_CUES
from incidents.model import Status

# Statuses ordered from strongest to weakest claim to truth; combining two keeps the weaker.
_STRENGTH = {
    Status.REPORTED: 0,
    Status.ATTRIBUTED: 1,
    Status.CLAIMED: 2,
    Status.HEDGED: 3,
    Status.SPECULATIVE: 4,
    Status.NEGATED: 5,
}


def weaker(a: Status, b: Status) -> Status:
    """The weaker of two statuses (negated > speculative > hedged > claimed > attributed)."""
    return a if _STRENGTH[a] >= _STRENGTH[b] else b


def is_negated(token: Token) -> bool:
    """True if the token (a verb or noun) is negated by a direct dependent."""
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.lower_ in ("no", "never") and child.dep_ in ("det", "advmod", "neg"):
            return True
    return False


def _hedged_locally(token: Token) -> bool:
    for child in token.children:
        if child.lower_ in HEDGE_WORDS and child.dep_ in ("aux", "advmod", "amod", "acomp"):
            return True
    return False


def speculative_sentence(sent: Span) -> bool:
    """True if the sentence carries an author's inference cue."""
    low = sent.text.lower()
    return any(cue in low for cue in SPECULATION_CUES)


def reporting_governor(token: Token) -> Token | None:
    """The nearest reporting verb that governs ``token``'s clause (through ccomp/xcomp)."""
    node = token
    for _ in range(8):
        if node.head.i == node.i:
            return None
        dep = node.dep_
        parent = node.head
        if dep in ("ccomp", "xcomp", "advcl", "parataxis", "conj") and parent.lemma_.lower() in REPORTING_VERBS:
            if dep == "conj":
                node = parent
                continue
            return parent
        if dep in ("ccomp", "parataxis") and parent.pos_ in ("VERB", "AUX"):
            node = parent
            continue
        if dep in ("relcl", "acl", "advcl", "conj", "xcomp", "dobj", "nsubj", "nsubjpass", "pobj", "prep", "attr", "npadvmod", "appos", "amod", "compound", "nummod", "det", "poss", "advmod", "auxpass", "aux"):
            node = parent
            continue
        return None
    return None


def according_to(sent: Span) -> bool:
    low = sent.text.lower()
    return "according to" in low or low.startswith("per ")


def clause_status(token: Token) -> Status:
    """The status of the fact whose head word is ``token``."""
    status = Status.REPORTED
    sent = token.sent
    if is_negated(token):
        return Status.NEGATED
    if _hedged_locally(token) or any(_hedged_locally(a) for a in list(token.ancestors)[:2]):
        status = weaker(status, Status.HEDGED)
    verb = reporting_governor(token)
    if verb is not None:
        verb_status = Status(REPORTING_VERBS[verb.lemma_.lower()])
        if is_negated(verb) and verb_status == Status.ATTRIBUTED:
            verb_status = Status.HEDGED
        if _hedged_locally(verb):
            verb_status = weaker(verb_status, Status.HEDGED)
        status = weaker(status, verb_status)
    elif according_to(sent):
        status = weaker(status, Status.ATTRIBUTED)
    if speculative_sentence(sent):
        status = weaker(status, Status.SPECULATIVE)
    return status


def negated_quantity(token: Token) -> bool:
    """True for 'no one', 'nobody', 'no casualties', 'none' as the patient of an outcome."""
    if token.lower_ in ("nobody", "none", "noone"):
        return True
    if token.lower_ == "one" and any(c.lower_ == "no" for c in token.children):
        return True
    return any(c.lower_ in NEGATION_WORDS and c.dep_ in ("det", "neg", "advmod") for c in token.children)
