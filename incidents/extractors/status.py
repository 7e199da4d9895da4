"""Epistemic status of a clause: reported, attributed, claimed, hedged, speculative or negated.

The status of a fact is read off the words that govern the clause stating it:
- a reporting verb with a speaker above it ("police said ...") makes it *attributed*,
  "claimed" makes it *claimed*, "denied" *negated*, "alleged"/"suspected"/"blamed" *hedged*;
  a reporting verb with no identified speaker ("it is believed", "were said to be",
  "sources said") makes it *hedged*;
- a hedge governing the clause ("likely", "reportedly", "may have", "appears to") makes it
  *hedged*; inside a noun phrase ("the suspected gunmen") it qualifies only that phrase;
- an author's inference cue ("everything indicates", "it is logical to assume") with no
  speaker makes it *speculative*;
- a negation of the event itself ("no one was hurt") makes it *negated*.
Otherwise the article states it as fact: *reported*.

``clause_marks`` reads the main clause of a statement's content (or of a sentence) the same
way, for the statement extractor.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from incidents.extractors.lexicon import (
    HEDGE_WORDS,
    NEGATION_WORDS,
    REPORTING_VERBS,
    SPECULATION_CUES,
)
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

#: adverbs by which the article passes on what unnamed others say
SOURCE_ADVERBS = frozenset({"reportedly", "allegedly", "purportedly", "supposedly"})
#: adverbs and adjectives by which the author hedges a clause
AUTHOR_ADVERBS = frozenset({"likely", "probably", "possibly", "perhaps", "apparently", "seemingly", "presumably"})
HEDGE_ADJECTIVES = frozenset({"likely", "unlikely", "possible", "probable", "unclear", "uncertain"})
MODALS = frozenset({"may", "might", "could"})
#: verbs whose complement is held, not known ("police believe ...", "she feared ...")
BELIEF_VERBS = frozenset({"believe", "suspect", "think", "fear", "feel", "suppose", "presume", "assume", "speculate", "guess", "doubt", "suggest", "expect"})
#: verbs of reporting that, passive and without an agent, leave the source unnamed
PASSIVE_REPORTING = frozenset({"say", "believe", "think", "report", "allege", "expect", "presume", "suspect", "rumor", "rumour", "understand", "fear", "accuse", "blame", "consider", "estimate", "suppose", "assume", "describe"})
#: verbs that, negated, leave a fact open rather than deny it ("could not be confirmed")
CONFIRM_VERBS = frozenset({"confirm", "verify", "determine", "establish", "ascertain", "corroborate"})
#: predicates that deny harm or truth ("the governor was unharmed")
NEGATED_PREDICATES = frozenset({"unharmed", "unhurt", "uninjured", "unscathed", "untrue", "false", "baseless", "unfounded"})
#: nouns that name a source only when something says whose ("police sources")
ANONYMOUS_SOURCES = frozenset({"source", "report", "rumor", "rumour"})
_AFFILIATION_WORDS = frozenset(
    {"police", "military", "army", "security", "intelligence", "government", "official", "hospital", "medical",
     "diplomatic", "media", "news", "press", "party", "family", "court", "judicial", "rebel", "militant", "palestinian",
     "israeli", "u.s.", "us", "american", "western", "taliban", "insurgent", "tribal", "ministry", "defense", "defence"}
)


def weaker(a: Status, b: Status) -> Status:
    """The weaker of two statuses (negated > speculative > hedged > claimed > attributed)."""
    return a if _STRENGTH[a] >= _STRENGTH[b] else b


def is_negated(token: Token) -> bool:
    """True if the token (a verb or noun) is negated by a direct dependent (on the same
    line: a 'NOT' in a headline above is not this clause's)."""
    for child in token.children:
        if barrier(token.doc, min(child.i, token.i), max(child.i, token.i)):
            continue
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


def _counterfactual(token: Token) -> bool:
    aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
    return "would" in aux and "have" in aux


def _appears(token: Token) -> bool:
    """'appears to have been', 'seemed to be': the clause below is hedged."""
    return token.lemma_.lower() in ("appear", "seem") and any(c.dep_ in ("xcomp", "ccomp", "acomp", "attr") for c in token.children)


def unquoted(text: str) -> str:
    """The text with quoted passages blanked out (same length); a quotation runs to its
    closing mark or to the end of the paragraph."""
    out = []
    inside = False
    for ch in text:
        if ch == "\n":
            inside = False
        if ch in "“”\"":
            inside = (ch == "“") or (ch == '"' and not inside)
            out.append(" ")
            continue
        out.append(" " if inside else ch)
    return "".join(out)


_UNQUOTED = "incidents.unquoted"


def unquoted_text(sent: Span) -> str:
    """The sentence's text, lower case, with what the article quotes blanked out (read on
    the whole document, so a quotation that began in an earlier sentence counts)."""
    doc = sent.doc
    text = doc.user_data.get(_UNQUOTED)
    if text is None:
        text = unquoted(doc.text).lower()
        doc.user_data[_UNQUOTED] = text
    return str(text)[sent.start_char : sent.end_char]


_SPECULATION_RE = re.compile(r"\b(" + "|".join(re.escape(c) for c in SPECULATION_CUES) + r")\b")


def speculation_cue(sent: Span) -> re.Match[str] | None:
    """An author's inference cue in the sentence, outside quotations."""
    return _SPECULATION_RE.search(unquoted_text(sent))


def speculative_sentence(sent: Span) -> bool:
    """True if the sentence carries an author's inference cue."""
    return speculation_cue(sent) is not None


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def has_agent(verb: Token) -> bool:
    return any(c.dep_ == "agent" for c in verb.children)


def anonymous_source(token: Token) -> bool:
    """'sources', 'one source, who declined to be named', 'reports': a source the text does
    not identify ('police sources', 'Palestinian sources', 'media reports' are identified)."""
    if token.lemma_.lower() not in ANONYMOUS_SOURCES and token.lower_ not in ("sources", "reports"):
        return False
    if token.lemma_.lower() != "source" and any(
        c.dep_ in ("compound", "nmod", "poss") or c.ent_type_ in ("ORG", "NORP", "GPE") for c in token.children
    ):
        return False  # "media reports", "television reports" (not "initial reports")
    for child in token.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and (
            child.ent_type_ in ("ORG", "NORP", "GPE") or child.lemma_.lower() in _AFFILIATION_WORDS or child.lower_ in _AFFILIATION_WORDS
        ):
            return False
        if child.dep_ == "amod" and child.lower_ == "close":
            return False
        if child.dep_ == "prep" and child.lower_ in ("in", "within", "at", "inside", "from"):
            return False
    return True


def barrier(doc: Doc, a: int, b: int) -> bool:
    """A semicolon or a line break between tokens a and b (a < b): what lies on either side
    belongs to different sentences of the article, whatever the parse says."""
    for t in doc[a:b]:
        if t.text == ";" or "\n" in t.text or "\n" in t.whitespace_:
            return True
    return False


def preposed_content(verb: Token, clause: Token) -> bool:
    """'Two people died, police said': a clause before its reporting verb is that verb's
    content only when no semicolon or line break parts them and the verb has no complement
    of its own after it ('X claimed responsibility, this one is thought to be ...';
    'X claimed ..., however did not mention the bombing')."""
    if clause.i > verb.i:
        return True
    if barrier(verb.doc, clause.right_edge.i, verb.i):
        return False
    addressee = verb.lemma_.lower() in ("tell", "inform", "warn", "assure", "brief")  # "..., the governor told AFP"
    return not any(c.dep_ in ("dobj", "xcomp", "ccomp", "attr", "oprd") and c.i > verb.i and not (addressee and c.dep_ == "dobj") for c in verb.children)


def reporting_governor(token: Token) -> Token | None:
    """The nearest reporting verb that governs ``token``'s clause (through ccomp/xcomp)."""
    node = token
    for _ in range(8):
        if node.head.i == node.i:
            return None
        dep = node.dep_
        parent = node.head
        if dep in ("ccomp", "parataxis") and not preposed_content(parent, node):
            return None
        if dep in ("ccomp", "xcomp", "advcl", "parataxis", "conj") and parent.lemma_.lower() in REPORTING_VERBS:
            if dep == "conj":
                node = parent
                continue
            return parent
        if dep == "nsubjpass" and parent.lemma_.lower() in PASSIVE_REPORTING and any(c.dep_ == "xcomp" for c in parent.children):
            return parent  # "X is believed to have ...", "the attacks were said to be ..."
        if dep in ("ccomp", "parataxis") and parent.pos_ in ("VERB", "AUX"):
            node = parent
            continue
        if dep in ("relcl", "acl", "advcl", "conj", "xcomp", "dobj", "nsubj", "nsubjpass", "pobj", "prep", "agent", "nmod", "attr", "npadvmod", "appos", "amod", "compound", "nummod", "det", "poss", "advmod", "auxpass", "aux"):
            node = parent
            continue
        return None
    return None


def governor_status(verb: Token) -> Status:
    """The status a reporting verb gives the clause it governs."""
    lemma = verb.lemma_.lower()
    status = Status(REPORTING_VERBS.get(lemma, "attributed"))
    if status == Status.NEGATED:
        return status
    if is_negated(verb) and status == Status.ATTRIBUTED:
        return Status.HEDGED
    if _hedged_locally(verb):
        status = weaker(status, Status.HEDGED)
    if status in (Status.ATTRIBUTED, Status.CLAIMED) and lemma in PASSIVE_REPORTING and is_passive(verb) and not has_agent(verb):
        status = Status.HEDGED  # "were said to be", "is reported to"
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if status == Status.ATTRIBUTED and subjects and anonymous_source(subjects[0]):
        status = Status.HEDGED
    return status


def according_to(sent: Span) -> bool:
    low = sent.text.lower()
    return "according to" in low or low.startswith("per ")


def clause_status(token: Token) -> Status:
    """The status of the fact whose head word is ``token``."""
    status = Status.REPORTED
    sent = token.sent
    if is_negated(token):
        return Status.NEGATED
    if _counterfactual(token):
        return Status.SPECULATIVE  # "would have killed 100 people if it had not been found"
    near = list(token.ancestors)[:2]
    if token.pos_ not in ("VERB", "AUX"):
        # a name in a phrase: the verb it is an argument of ("could have been carried out
        # by the Maoist 'Shining Path' group")
        near += [a for a in list(token.ancestors)[2:5] if a.pos_ in ("VERB", "AUX")][:1]
    if _hedged_locally(token) or any(_hedged_locally(a) or _appears(a) for a in near):
        status = weaker(status, Status.HEDGED)
    verb = reporting_governor(token)
    if verb is not None:
        status = weaker(status, governor_status(verb))
    elif according_to(sent):
        status = weaker(status, Status.ATTRIBUTED)
    if speculative_sentence(sent):
        status = weaker(status, Status.SPECULATIVE)
    return status


def negated_quantity(token: Token) -> bool:
    """True for 'no one', 'nobody', 'no casualties', 'none' as the patient of an outcome."""
    if token.lower_ in ("nobody", "none", "noone", "nothing"):
        return True
    if token.lower_ == "one" and any(c.lower_ == "no" for c in token.children):
        return True
    return any(c.lower_ in NEGATION_WORDS and c.dep_ in ("det", "neg", "advmod") for c in token.children)


# --- the main clause of a statement's content or of a sentence ----------------------------

_ARGUMENTS = ("nsubj", "nsubjpass", "attr", "dobj", "expl")


def clause_negated(verb: Token) -> bool:
    """The clause headed by ``verb`` says that something did not happen or is not so:
    'did not involve', 'was never a part of', 'no charges have been filed', 'there are no
    casualties', 'there's nothing', 'was unharmed'."""
    if is_negated(verb):
        return True
    for child in verb.children:
        if child.dep_ in _ARGUMENTS and negated_quantity(child):
            return True
        if child.dep_ in ("acomp", "attr", "oprd") and child.lower_ in NEGATED_PREDICATES and verb.lemma_.lower() == "be":
            return True
    return False


def clause_hedge(verb: Token, could: bool = False) -> tuple[Token, str] | None:
    """The word that hedges the clause headed by ``verb`` and how: ``source`` (someone
    unnamed says it: "reportedly", "is said to"), ``author`` (the author hedges: "may have",
    "likely", "appears to", "it is unclear whether"), ``belief`` (the clause is a belief:
    "she feared ...", "we have reason to believe ..."), ``speculative`` ("presumably",
    "would have been"); None when nothing governing the clause hedges it.  "could" hedges
    only with "have" or "not" ("could have been", "could not be confirmed") unless ``could``
    (in what a speaker says, "there could be a connection" is a hedge)."""
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    if lemma in CONFIRM_VERBS and is_negated(verb):
        return verb, "author"  # "could not be confirmed", "we can't confirm"
    if lemma in PASSIVE_REPORTING and is_passive(verb) and not has_agent(verb):
        complement = any(c.dep_ in ("ccomp", "xcomp", "oprd", "acomp") for c in children)
        nothing = any(c.dep_ == "nsubjpass" and negated_quantity(c) for c in children)
        if lemma != "report" or complement or nothing:
            # "it is believed that", "were said to be", "no injuries were reported"; not
            # "the shooting was reported at 1 a.m." (someone called it in)
            return verb, "source"
    for child in children:
        low = child.lower_
        if child.dep_ == "advmod" and low in SOURCE_ADVERBS:
            return child, "source"
        if child.dep_ == "advmod" and low == "presumably":
            return child, "speculative"
        if child.dep_ == "advmod" and low in AUTHOR_ADVERBS:
            return child, "author"
        if child.dep_ == "aux" and low in ("may", "might") and _epistemic(verb, children):
            return child, "author"
        if child.dep_ == "aux" and low == "could" and (could or any(c.dep_ == "aux" and c.lower_ == "have" for c in children)):
            return child, "author"
        if child.dep_ == "aux" and low == "would" and any(c.dep_ == "aux" and c.lower_ == "have" for c in children):
            return child, "speculative"  # "would have been", "would have killed 100 people if ..."
        if child.dep_ in ("acomp", "attr") and low in HEDGE_ADJECTIVES and any(c.dep_ in ("ccomp", "xcomp", "advcl") for c in list(child.children) + children):
            return child, "author"  # "it is unclear whether", "was likely to"
        if child.dep_ == "acomp" and low == "clear" and is_negated(verb):
            return child, "author"  # "it is not clear who"
        if child.dep_ == "dobj" and child.lemma_.lower() in ("reason", "indication", "sign") and any(
            g.lemma_.lower() in BELIEF_VERBS for g in child.children if g.dep_ in ("acl", "relcl")
        ):
            return child, "belief"  # "we do have reason to believe that ..."
    if lemma in ("appear", "seem") and any(c.dep_ in ("xcomp", "ccomp", "acomp", "attr") or c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in children):
        return verb, "author"  # "appeared to be isolated", "it appeared the gunshot was self-inflicted"
    if lemma in BELIEF_VERBS and not is_passive(verb) and any(c.dep_ in ("ccomp", "xcomp") for c in children):
        return verb, "belief"
    return None


def _epistemic(verb: Token, children: list[Token]) -> bool:
    """'may have had', 'may be related': a possibility, not a permission ('you may call',
    'this material may not be published')."""
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("you", "i", "we") for c in children):
        return False
    perfect = any(c.dep_ == "aux" and c.lower_ == "have" for c in children)
    if any(c.dep_ == "neg" for c in children) and not perfect:
        return False
    # "may have had", "may be related", "may be spreading": a possibility; "may call": a permission
    return perfect or verb.lemma_.lower() == "be" or any(c.dep_ in ("auxpass", "aux") and c.lower_ == "be" for c in children) or any(
        c.dep_ == "aux" and c.lower_ == "might" for c in children
    )


def clause_marks(verb: Token, could: bool = False) -> Status:
    """The status that the clause headed by ``verb`` gives its own fact: negated, hedged,
    speculative or reported (no reporting verb above it is considered)."""
    hedge = clause_hedge(verb, could)
    if hedge is not None and (hedge[0].lemma_.lower() in CONFIRM_VERBS or hedge[0].dep_ in ("acomp", "attr")):
        return Status.HEDGED  # "could not be confirmed", "it is not clear whether"
    if clause_negated(verb):
        return Status.NEGATED
    if hedge is not None:
        return Status.SPECULATIVE if hedge[1] == "speculative" else Status.HEDGED
    return Status.REPORTED
