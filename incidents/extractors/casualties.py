"""Casualty figures: who was killed, injured, kidnapped, missing or arrested, and how many.

Reads the dependency parse: an outcome word (``killed``, ``died``, ``dead``, ``wounded``,
``death toll``, ``abducted`` ...) and the people it applies to (passive subject, object,
subject of "die", the noun it modifies, "the death of X").  Each person phrase gives a
:class:`CasualtyMention` with its group (``police``, ``civilians``, ``perpetrators`` ...)
and quantity; coordinated phrases share a ``clause`` id so the incident builder can add up
subgroups without counting anyone twice.
"""

from __future__ import annotations

import itertools
import re

from spacy.tokens import Doc, Span, Token

from incidents.extractors.lexicon import (
    CASUALTY_ADJECTIVES,
    CASUALTY_NOUNS,
    CASUALTY_VERBS,
    EVENT_NOUNS,
    GROUP_MODIFIERS,
    NON_TARGET_HEADS,
    PEOPLE_GROUPS,
    PERPETRATOR_NOUNS,
    TARGET_NOUNS,
    WEAPONS,
)
from incidents.extractors.mentions import CasualtyMention, Span_
from incidents.extractors.status import clause_status, is_negated, negated_quantity
from incidents.model import Status
from incidents.resolve.numbers import parse_quantity

_clause_ids = itertools.count(1)

_KILL_MARKERS = {"dead", "fatally", "death", "kill", "killing", "died", "die"}
_PRONOUNS_ONE = {"he", "she", "him", "her"}
_NON_PERSON_NOUNS = {
    "leg", "arm", "head", "chest", "back", "foot", "hand", "face", "neck", "stomach", "shoulder",
    "knee", "thigh", "abdomen", "bullet", "shot", "round", "gunshot", "hospital", "condition",
    "scene", "animal", "dog", "cat", "horse", "cattle", "livestock", "deal", "bill", "plan", "engine",
    "time", "year", "week", "month", "hour", "minute", "process", "investigation", "case", "incident",
}
_NUMBER_WORDS = re.compile(r"^(a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d[\d,]*)$", re.IGNORECASE)


def extract_casualties(doc: Doc) -> list[CasualtyMention]:
    """Every casualty figure stated in the document, in text order."""
    found: list[CasualtyMention] = []
    seen: set[tuple[int, str]] = set()  # (person token, outcome) already counted
    for token in doc:
        lemma = token.lemma_.lower()
        low = token.lower_
        if token.pos_ in ("VERB", "AUX") and lemma in CASUALTY_VERBS:
            if _intended(token) or _told_of_other_attacks(token) or lemma == "gun" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children):
                continue
            outcome = _verb_outcome(token, lemma)
            patients, role = _verb_patients(token, lemma)
        elif token.pos_ == "ADJ" and (low in CASUALTY_ADJECTIVES or lemma in CASUALTY_ADJECTIVES):
            outcome = CASUALTY_ADJECTIVES.get(low) or CASUALTY_ADJECTIVES[lemma]
            patients, role = _adjective_patients(token)
        elif token.pos_ in ("NOUN", "PROPN") and lemma in CASUALTY_NOUNS:
            outcome = CASUALTY_NOUNS[lemma]
            patients, role = _noun_patients(token, lemma)
        elif lemma == "life" and token.dep_ == "dobj" and token.head.lemma_.lower() in ("claim", "take", "cost") and _number_tokens(token):
            # "the conflict claimed 10 lives"
            outcome = "killed"
            patients, role = [(token, None)], "item"
        elif token.pos_ == "VERB" and lemma in FINDING_VERBS and found_bodies(token):
            # "his body was found thirteen days later", "police found the bodies of three men"
            outcome = "killed"
            patients, role = [(b, None) for b in found_bodies(token)], "item"
        elif token.pos_ == "VERB" and lemma in ("slit", "cut", "slash") and _throats(token):
            # "insurgents slit the throats of eight fruit traders"
            outcome = "killed"
            patients, role = [(p, None) for p in _throats(token)], "item"
        elif token.pos_ == "VERB" and lemma in ("send", "put", "land") and _sent_to_hospital(token):
            # "a shooting that sent five people to the hospital"
            outcome = "injured"
            patients, role = [(c, None) for c in token.children if c.dep_ == "dobj"], "item"
        elif token.pos_ == "VERB" and lemma == "recover" and _recovering_from_violence(token):
            # "a Hopkinsville teen is recovering after an accidental shooting"
            outcome = "injured"
            patients, role = [(c, None) for c in token.children if c.dep_ in ("nsubj", "nsubjpass")], "item"
        elif token.pos_ == "ADJ" and low in ("fatal", "deadly", "lethal") and token.dep_ == "amod" and token.head.lemma_.lower() in _FATAL_EVENTS:
            # "the fatal shooting of Braylon Robinson"; "a deadly shooting": at least one dead
            outcome = "killed"
            patients, role = _noun_patients(token.head, "death")
            if not patients:
                patients, role = [(token, "implied")], "implied"
        else:
            continue
        if not patients or outcome == "casualties" or _motive_of_protest(token):
            continue
        clause = next(_clause_ids)
        status = clause_status(token)
        if outcome == "killed" and all(_the_taken(p) for p, _ in patients):
            # "abducted two police officers and a civilian before killing them", "eight
            # officers were kidnapped ... Their bodies were found": the dead are the taken
            taken = _taken_then_killed(found, token, patients[0][0], status, clause)
            if not taken and patients[0][0].lower_ == "them":
                # "opened fire on two Iraqi traffic policemen, killing them"
                counted = _counted_before(token)
                patients = [(counted, None)] if counted is not None else []
            elif taken or patients[0][0].lower_ == "them":
                found.extend(taken)
                continue
        for person, person_role in patients:
            key = (person.i, outcome)
            if key in seen:
                continue
            mention = _mention(person, token, outcome, status, clause, person_role or role)
            if mention is not None:
                # "shot" counts people hit, dead or alive; so does an injury told of people
                # already introduced ("the toddler", "all five had gunshot wounds")
                mention.hit = outcome == "injured" and (
                    lemma in ("shoot", "stab") or (_refers_back(person) and _after_a_death(found, mention))
                )
                seen.add(key)
                found.append(mention)
    _apply_fatally(doc, found)
    found = _without_aggregates(doc, found)
    found.extend(_stated_none(doc))
    found.extend(_perpetrators_besides(doc, found))
    _share_across_related(doc, found)
    return found


_AGGREGATE = re.compile(r"\b(?:in total|overall|altogether|in all|together|combined|a total of|so far this year|to date)\b", re.IGNORECASE)
_PLURAL_EVENTS = re.compile(r"\b(?:attacks|incidents|bombings|blasts|explosions|shootings|fighting|violence|clashes|events|raids)\b", re.IGNORECASE)


def _without_aggregates(doc: Doc, found: list[CasualtyMention]) -> list[CasualtyMention]:
    """'A car bomb ... killing one civilian. ... In total, the attacks killed at least
    five': a total over several attacks, told after this incident's own figure, is not
    this incident's."""
    from incidents.extractors.context import source_text

    text = source_text(doc)
    out = []
    for mention in found:
        sent = doc[mention.trigger].sent
        words = text[sent.start_char : sent.end_char]
        aggregate = bool(_AGGREGATE.search(words)) and bool(_PLURAL_EVENTS.search(words))
        if aggregate and any(m.outcome == mention.outcome and m.sent < mention.sent and m.value for m in out):
            continue
        out.append(mention)
    return out


def _the_taken(person: Token) -> bool:
    """'them', 'their bodies', 'his body': people told of before, counted there."""
    if person.lower_ == "them":
        return True
    return person.lemma_.lower() in ("body", "corpse") and any(c.dep_ == "poss" and c.lower_ in ("their", "his", "her") for c in person.children)


def _counted_before(trigger: Token) -> Token | None:
    """The nearest counted people before ``trigger`` in its sentence ('two policemen')."""
    for token in reversed(trigger.doc[trigger.sent.start : trigger.i]):
        if token.pos_ == "NOUN" and token.dep_ in ("dobj", "pobj") and _number_tokens(token) and _group(token) is not None:
            return token
    return None


def _taken_then_killed(found: list[CasualtyMention], trigger: Token, pronoun: Token, status: Status, clause: int) -> list[CasualtyMention]:
    """The people of the latest kidnapping figure (this sentence or the one before) as dead."""
    here = _sent_index(trigger)
    before = _sent_index(trigger.doc[here - 1]) if here > 0 else here
    taken = [m for m in found if m.outcome == "kidnapped" and before <= m.sent <= here and m.trigger < trigger.i]
    if not taken:
        return []
    latest = [m for m in taken if m.clause == taken[-1].clause]
    words = _phrase(pronoun)
    said = [Span_(words.start_char, words.end_char), Span_(trigger.idx, trigger.idx + len(trigger.text))]
    return [
        CasualtyMention(
            outcome="killed", group=m.group, value=m.value, min=m.min, max=m.max, qualifier=m.qualifier,
            # told with the kidnapping, so the dead join its incident
            status=status, sent=m.sent, trigger=m.trigger, spans=m.spans + said, clause=clause, role=m.role, text=m.text,
        )
        for m in latest
    ]


def _shares_people(verb: Token) -> bool:
    """'shot and killed', 'was identified and killed', 'left three men ... wounded' (parsed as
    two verbs): the first verb's people are the second's;
    not 'four gunmen came into the yard, shot ...' (the subject of 'came' is the agent)."""
    head = verb.head
    return head.lemma_.lower() in CASUALTY_VERBS or head.lemma_.lower() == "leave" or any(c.dep_ == "nsubjpass" for c in head.children)


_OTHER_ATTACKS = {"attack", "incident", "bombing", "blast", "explosion", "assault", "raid", "shooting", "clash"}
_SET_NOUNS = {"series", "wave", "string", "spate", "spree"}
_EARLIER = {"after", "following", "since"}


def _told_of_other_attacks(verb: Token) -> bool:
    """Dead and wounded of other incidents the article mentions: 'four other officers were
    killed in similar attacks that night', 'one of a series of attacks, which killed over
    ninety people', 'the attack came a day after five car bombs detonated, killing 215'."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("in", "during"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.tag_ == "NNS" and obj.lemma_.lower() in _OTHER_ATTACKS and any(
                    c.lower_ in ("similar", "other", "separate", "earlier", "previous") for c in obj.children
                ):
                    return True
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in _SET_NOUNS | _OTHER_ATTACKS and (
        verb.head.tag_ == "NNS" or verb.head.lemma_.lower() in _SET_NOUNS
    ):
        return True
    for anc in [verb, *list(verb.ancestors)[:3]]:
        if anc.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _EARLIER for c in anc.children) and anc.head.lemma_.lower() in ("come", "follow", "occur", "happen"):
            return True
    for subj in (c for c in verb.children if c.dep_ == "nsubj"):
        if subj.lemma_.lower() in _OTHER_ATTACKS | {"bomb", "gunship", "strike", "airstrike"} and any(
            c.lower_ in ("similar", "another", "earlier", "previous", "separate") for c in subj.children
        ):
            return True  # "hours after a similar blast near a military base killed eight soldiers"
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return _told_of_other_attacks(verb.head)  # "... which killed over ninety people and injured 250 more"
    return False


# (not "mourn" or "gather": a vigil mourns the incident's own dead)
_PROTEST_WORDS = {"protest", "demonstrate", "rally", "march", "denounce", "condemn", "demand", "riot"}
_REPRISAL_WORDS = {"retaliation", "revenge", "reprisal", "retribution", "response", "avenge", "retaliate"}


def _motive_of_protest(token: Token) -> bool:
    """A death a protest or a reprisal is about, not one it caused: 'truck drivers protest
    ... after a colleague was allegedly killed', 'demonstrated over the killed Italian
    student', 'in retaliation for the death of a 10-year-old girl'."""
    return any(anc.lemma_.lower() in _PROTEST_WORDS | _REPRISAL_WORDS for anc in list(token.ancestors)[:5])


_INTENT_HEADS = {"attempt", "intent", "intention", "try", "plot", "plan", "threaten", "fail", "vow", "want", "intend", "seek", "aim", "conspire", "order", "bid"}


def _intended(verb: Token) -> bool:
    """'an attempt to kill the governor', 'threatened to kill him', 'threatened that he would
    be killed': nobody was harmed (yet)."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) and verb.head.lemma_.lower() in _INTENT_HEADS:
        return True
    future = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll") for c in verb.children) and not any(
        c.dep_ == "aux" and c.lower_ == "have" for c in verb.children
    )
    return future and any(a.lemma_.lower() in ("threaten", "warn", "vow") for a in list(verb.ancestors)[:2])


def _after_a_death(found: list[CasualtyMention], mention: CasualtyMention) -> bool:
    """A death was told in an earlier sentence than this injury."""
    return any(m.outcome == "killed" and m.sent < mention.sent and m.value for m in found)


def _refers_back(person: Token) -> bool:
    """A person phrase that points at people the story has introduced: "the toddler",
    "Ilanye Price", "he", "all four victims"; not "two other officers", "his wife", nor
    one of several people coordinated."""
    if person.conjuncts:
        return False
    if person.pos_ == "PRON":
        return person.lower_ in ("he", "she", "him", "her", "they", "them")
    if person.pos_ == "PROPN" or person.ent_type_ == "PERSON":
        return True
    children = list(person.children)
    if any(c.lower_ in ("other", "another", "others") or c.dep_ == "poss" for c in children) or person.lower_ in ("others", "other"):
        return False
    if any(c.lower_ == "all" and c.dep_ in ("predet", "det") for c in children):
        return True  # "all four victims"
    if person.lower_ == "all" or (person.pos_ == "NUM" and any(c.lower_ == "all" for c in children)):
        return True  # "all five had gunshot wounds"
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in children) and not any(c.dep_ == "nummod" for c in children)


FINDING_VERBS = {"find", "discover", "recover", "dump"}


def found_bodies(verb: Token) -> list[Token]:
    """The bodies a finding verb is about, or the people whose bodies they are."""
    out = []
    bodies = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    if verb.tag_ == "VBN" and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in verb.children):
        # headline style: "Body of herder found dead in Muli", "Bodies of 2 Rwandans found"
        bodies += [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.dep_ == "acl":
            head = verb.head
            if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in ("body", "corpse"):
                return [head]  # "Bodies of 2 Rwandans found", the participle hung on the owners
            bodies.append(head)
    for child in bodies:
        if child.lemma_.lower() in ("body", "corpse"):
            owners = [o for p in child.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
            out.extend(owners or [child])
    return out


def _sent_to_hospital(verb: Token) -> bool:
    """'sent five people to the hospital', 'put four people in the hospital'."""
    preposition = {"send": "to", "put": "in", "land": "in"}.get(verb.lemma_.lower())
    return any(
        c.dep_ == "prep" and c.lower_ == preposition and any(o.lemma_.lower() == "hospital" for o in c.children if o.dep_ == "pobj")
        for c in verb.children
    ) and any(c.dep_ == "dobj" for c in verb.children)


def _throats(verb: Token) -> list[Token]:
    """The people whose throats a verb slit: 'the throats of eight traders', 'his throat'."""
    out = []
    for obj in verb.children:
        if obj.dep_ in ("dobj", "nsubjpass") and obj.lemma_.lower() == "throat":
            out += [o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
            owners = [c for c in obj.children if c.dep_ == "poss" and c.lower_ not in ("their", "its")]
            out += [obj if o.lower_ in ("his", "her") else o for o in owners]  # "slit his throat": one
    return out


_HARM_NOUNS = {"shooting", "stabbing", "attack", "assault", "wound", "injury", "gunshot", "bullet", "blast", "explosion", "bombing"}


def _recovering_from_violence(verb: Token) -> bool:
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in ("after", "from"):
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in _HARM_NOUNS:
                    return True
                if obj.dep_ == "pcomp" and obj.lemma_.lower() in ("shoot", "stab", "wound", "injure"):
                    return True  # "recovering after being shot": the passive verb counts already
    return False


# --- outcome words --------------------------------------------------------------------------

def _verb_outcome(verb: Token, lemma: str) -> str:
    outcome = CASUALTY_VERBS[lemma]
    if lemma in ("shoot", "stab", "beat", "torture", "hack", "stone"):
        for child in verb.children:
            if child.lower_ in ("dead", "fatally") or (child.dep_ == "prep" and "death" in {c.lower_ for c in child.children}):
                return "killed"
        for other in _conjuncts(verb):
            if other.lemma_.lower() in ("kill", "die") and not any(c.dep_ in ("nsubj", "nsubjpass") for c in other.children):
                return "killed"  # "shot and killed"; not "four men were shot and one was killed"
    return outcome


def _conjuncts(token: Token) -> list[Token]:
    out = list(token.conjuncts)
    return out


# --- who the outcome applies to ---------------------------------------------------------------

PersonRole = tuple[Token, str | None]


def _verb_patients(verb: Token, lemma: str) -> tuple[list[PersonRole], str]:
    heads = _verb_heads(verb, lemma)
    if len(heads) == 1 and heads[0].lower_ in ("those", "these") and heads[0].dep_ == "pobj":
        # "Among those killed were 16 policemen and five civilians"
        copula = heads[0].head.head
        if copula.lemma_ == "be":
            items = [c for c in copula.children if c.dep_ in ("attr", "nsubj") and c.i != heads[0].head.i]
            return [(p, "breakdown") for h in items for p in _coordinated(h)], "breakdown"
    return _with_included(heads), "item"


def _verb_heads(verb: Token, lemma: str, depth: int = 0) -> list[Token]:
    """The people an outcome verb applies to."""
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if passive and not any(c.dep_ == "nsubjpass" for c in verb.children) and any(c.dep_ == "dobj" for c in verb.children):
        passive = False  # "IS executed two young men": the group's name read as "is"
    heads: list[Token] = []
    if lemma in ("die", "succumb"):
        heads = [c for c in verb.children if c.dep_ in ("nsubj",)]
    elif passive:
        heads = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not heads:
            heads = [c for c in verb.children if c.dep_ == "nsubj"]
        if not heads:
            # "Between 43-49 people were killed": the parser hung the subject on the preposition
            heads = [
                g for c in verb.children if c.dep_ == "prep" and c.lower_ == "between" and c.i < verb.i
                for g in c.children if g.dep_ == "pobj" and _number_tokens(g)
            ]
    else:
        heads = [c for c in verb.children if c.dep_ in ("dobj",)]
        if heads and verb.dep_ != "conj":
            # "killing the police chief of Mahmudiyah, and his driver": the second object
            # hangs on the verb
            heads += [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "NUM") and c.i > heads[0].i]
        if not heads:
            # "Gunmen killed an American employee working as an advisor": the parser made the
            # object the subject of the participle after it
            heads = [
                g for c in verb.children
                if c.dep_ == "advcl" and c.tag_ == "VBG" and verb.tag_ != "VBN" and not any(m.dep_ in ("mark", "aux") for m in c.children)
                for g in c.children if g.dep_ == "nsubj" and g.pos_ in ("NOUN", "PROPN") and verb.i < g.i < c.i
            ]
        if not heads:
            # "killing over sixty-five people": the number's preposition heads the object
            heads = [
                g for c in verb.children if c.dep_ == "prep" and c.lower_ in _APPROXIMATE
                for g in c.children if g.dep_ == "pobj" and _number_tokens(g)
            ]
        if not heads and verb.tag_ in ("VBN", "VBD") and not any(c.dep_ in ("aux", "xcomp") for c in verb.children) and not any(
            c.dep_ == "conj" and any(g.dep_ == "dobj" for g in c.children) for c in verb.children
        ):  # (not "three gunmen shot and killed two policemen": the subject acts)
            # headline style: "one killed, two women kidnapped" (a passive without "was")
            heads = [
                c for c in verb.children
                if c.dep_ == "nsubj" and (c.pos_ == "NUM" or ((c.pos_ == "NOUN" and not _non_person(c) or c.pos_ == "PROPN" and c.ent_type_ != "PERSON") and _number_tokens(c)) or _bare_person(c))
            ]
            before = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
            if not heads and before is not None and before.pos_ == "NUM" and before.dep_ in ("meta", "appos", "nsubj", "npadvmod", "dep"):
                heads = [before]  # "SAF bomb Suni, 1 killed.", "3 killed."
        if not heads and verb.dep_ in ("conj", "oprd", "ccomp", "xcomp") and verb.tag_ == "VBN":
            # "were killed and 26 others injured", "left four men injured": spaCy makes the
            # people the subject of the participle
            heads = [c for c in verb.children if c.dep_ == "nsubj"]
    if not heads and verb.dep_ in ("acl", "relcl", "amod") and verb.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        # "21 people killed in the attack", "those killed", "a girl shot and killed"
        if verb.head.lemma_.lower() in EVENT_NOUNS:
            # "a shooting that left 17 people injured", parsed with "injured" on "shooting"
            for rel in verb.head.children:
                if rel.dep_ == "relcl" and rel.lemma_.lower() == "leave":
                    heads = [c for c in rel.children if c.dep_ == "dobj"]
        elif verb.dep_ == "acl" or passive or verb.tag_ == "VBN":
            heads = [verb.head]
    if not heads and verb.dep_ in ("oprd", "xcomp", "ccomp") and verb.head.lemma_.lower() in ("leave", "find", "report", "pronounce", "declare"):
        # "the shooting left five people wounded"
        heads = [c for c in verb.head.children if c.dep_ == "dobj"] or [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not heads and verb.tag_ in ("VBD", "VBN") and verb.dep_ in ("ccomp", "advcl") and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children):
        # "the father of a one year old girl shot and killed", "the teenager fatally shot
        # May 4": a participle after its noun, parsed as a clause of its own
        before = verb.doc[verb.i - 1] if verb.i > 0 else None
        while before is not None and before.pos_ == "ADV" and before.i > 0:
            before = verb.doc[before.i - 1]
        if before is not None and before.pos_ == "NOUN" and before.dep_ in ("dobj", "pobj") and not _non_person(before):
            heads = [before]
    if not heads and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and _shares_people(verb) and depth < 3:
        # "shot and killed": the second verb shares the first one's people
        heads = _verb_heads(verb.head, verb.head.lemma_.lower(), depth + 1)
    if not heads and passive and verb.dep_ in ("advcl", "pcomp", "xcomp") and depth < 3:
        # "a girl is recovering after being shot": the main clause's subject
        governor = verb.head if verb.head.pos_ in ("VERB", "AUX") else verb.head.head
        heads = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")]
    resolved = []
    for head in heads:
        if head.lower_ in ("who", "that", "whom") and verb.dep_ == "relcl":
            head = verb.head  # "a girl who was shot"
        elif head.lower_ in ("himself", "herself", "themselves"):
            subjects = [c for c in verb.children if c.dep_ == "nsubj"]
            if not subjects and verb.dep_ in ("advcl", "conj", "xcomp") and verb.head.pos_ == "VERB":
                subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]  # "attacked ..., killing himself"
            resolved.extend(c for c in head.conjuncts if c.i > head.i)  # "himself and two others"
            if not subjects:
                continue
            head = subjects[0]  # "a man ... shot himself"
        resolved.append(head)
    return resolved


_UNKNOWN = {"unknown", "unspecified", "undetermined", "undisclosed"}
_APPROXIMATE = {"over", "about", "around", "nearly", "almost", "approximately", "some"}


def _bare_person(token: Token) -> bool:
    """'Elderly woman killed ...', 'Soldier killed in an ambush': a headline's singular person
    noun, with no article."""
    return token.tag_ == "NN" and _people_word(token) and not any(c.dep_ in ("det", "poss") for c in token.children)


def _people_word(token: Token) -> bool:
    group = PEOPLE_GROUPS.get(token.lemma_.lower()) or PEOPLE_GROUPS.get(token.lower_)
    return group is not None and group != "perpetrators"


def _along_with(verb: Token) -> list[Token]:
    out = []
    for child in verb.children:
        if child.lower_ == "with" and child.dep_ == "prep" and child.i > 0 and child.doc[child.i - 1].lower_ == "along":
            out.append(child)
        elif child.lower_ == "along" and child.dep_ in ("prep", "advmod", "prt"):
            out.extend(w for w in child.children if w.lower_ == "with" and w.dep_ == "prep")
    return out


def _with_included(heads: list[Token]) -> list[PersonRole]:
    """Coordinated heads, plus the subgroups they include ("seven people, including four
    assailants and three soldiers")."""
    out: list[PersonRole] = []
    for head in heads:
        for person in _coordinated(head):
            out.append((person, None))
            for child in person.children:
                if child.dep_ == "prep" and child.lower_ in ("including", "among"):
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            out.extend((p, "included") for p in _coordinated(obj))
        # "X was killed along with a bodyguard and both assailants": spaCy hangs "with"
        # on the verb, on "along", or on "along" as a particle
        verb = head.head
        verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]  # "was shot and killed along with ..."
        for with_ in (w for v in verbs for w in _along_with(v)):
            for obj in with_.children:
                if obj.dep_ == "pobj":
                    out.extend((p, None) for p in _coordinated(obj))
    return out


def _adjective_patients(adj: Token) -> tuple[list[PersonRole], str]:
    # "21 dead", "two people dead", "left three dead", "were found dead"
    if adj.dep_ == "amod" and adj.head.lemma_.lower() in ("shot", "gunshot"):
        # "2 shot dead": the parser took "shot" for a noun
        nums = [c for c in adj.head.children if c.dep_ == "nummod"]
        return [(nums[0], None)] if nums else [], "item"
    if adj.dep_ == "amod" and adj.head.pos_ in ("NOUN", "PROPN", "NUM"):
        head = adj.head
        if head.dep_ == "conj" and adj.i > head.i:
            # "left two policemen and a passerby dead": "dead" closes the whole list
            while head.dep_ == "conj":
                head = head.head
        return [(p, None) for p in _coordinated(head)], "item"
    own = [c for c in adj.children if c.dep_ in ("nsubj", "nsubjpass")]
    if own:
        # "found Gonzalez dead" parsed as a small clause
        return [(p, None) for h in own for p in _coordinated(h)], "item"
    nums = [c for c in adj.children if c.dep_ in ("nummod", "quantmod", "nsubj", "npadvmod") and (c.pos_ == "NUM" or c.lower_ in ("one", "two", "three"))]
    if nums:
        return [(nums[0], None)], "item"  # "left one dead", "1 dead, 6 hurt"
    if adj.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "advcl", "conj"):
        verb = adj.head
        while verb.dep_ == "conj" and verb.pos_ == "ADJ":
            verb = verb.head
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        if len(objs) > 1 and any(o.i < adj.i for o in objs):
            # "leaving 58 people dead and over 78 others injured": the object before the word
            objs = [max((o for o in objs if o.i < adj.i), key=lambda o: o.i)]
        subj = objs or [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if verb.dep_ == "relcl" and subj and subj[0].lower_ in ("who", "that", "whom") and verb.head.pos_ in ("NOUN", "PROPN"):
            subj = [verb.head]  # "found Edmond-Gray and Buster, who were pronounced dead"
        if not subj and verb.dep_ == "conj":
            subj = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subj and verb.dep_ in ("pcomp", "advcl", "xcomp"):
            # "he was treated before being pronounced dead": the governing clause's subject
            governor = verb.head.head if verb.head.dep_ == "prep" else verb.head
            subj = [c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")]
        return [(p, None) for h in subj for p in _coordinated(h)], "item"
    if adj.dep_ in ("npadvmod", "appos", "conj") and adj.head.pos_ in ("NOUN", "NUM", "PROPN"):
        return [(adj.head, None)], "item"
    return [], "item"


def _noun_patients(noun: Token, lemma: str) -> tuple[list[PersonRole], str]:
    # "the death of a civilian", "21 deaths", "the death toll rose to 21", "claimed the lives of"
    if lemma == "life" and not (noun.dep_ == "dobj" and noun.head.lemma_.lower() in ("take", "claim", "cost")):
        return [], "item"
    if lemma in ("killing", "murder") and not _outcome_noun(noun):
        return [], "item"  # "in retaliation for the killing of", "charged with attempted murder"
    # "the death of X"; the parser sometimes hangs "of X" on the word before ("shooting death of")
    ofs = [c for c in noun.children if c.dep_ == "prep" and (c.lower_ == "of" or c.lower_ == "to" and lemma in ("injury", "wound"))]
    ofs += [c for c in noun.head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == noun.i + 1]
    for child in ofs:
        objs = [c for c in child.children if c.dep_ == "pobj"]
        return [(p, None) for o in objs for p in _coordinated(o)], "item"
    if lemma in ("death", "injury", "wound", "killing", "murder"):
        owners = [c for c in noun.children if c.dep_ == "poss" and c.lower_ not in ("his", "her", "their", "its")]
        if owners:  # "resulted in the guard's death"
            return [(p, None) for o in owners for p in _coordinated(o)], "item"
    if any(c.dep_ == "nummod" for c in noun.children):
        return [(noun, None)], "item"  # "two deaths and six injuries"
    if noun.dep_ == "pobj" and lemma in ("death", "fatality") and _number_tokens(noun):
        return [(noun, None)], "item"  # "an unknown number of fatalities"
    if lemma in ("injury", "wound"):
        if any(c.lower_ in ("fatal", "deadly", "mortal", "lethal") for c in noun.children):
            return [], "item"  # "fatal wounds" are a death, counted as one
        return _injury_bearers(noun), "item"
    if any(c.lower_ == "toll" for c in [noun.head] + list(noun.children)) or noun.head.lower_ == "toll":
        toll = noun.head if noun.head.lower_ == "toll" else noun
        number = _toll_number(toll)
        if number is not None:
            return [(number, "total")], "total"
    return [], "item"


# verbs (and their prepositions) whose object is what an event brought about
_OUTCOME_GOVERNORS = {
    ("lead", "to"), ("result", "in"), ("cause", None), ("responsibility", "for"),
    # "charged with the murder of her 4-year-old daughter": the charge says someone died
    ("charge", "with"), ("charge", "in"), ("arrest", "in"), ("arrest", "for"), ("convict", "of"), ("sentence", "for"),
}


def _outcome_noun(noun: Token) -> bool:
    """'clashes led to the killing of three persons', 'claimed responsibility for the murder of
    two soldiers': the killing is the event's outcome, not a motive or a charge."""
    if any(c.lower_ in ("attempted", "attempt", "alleged") for c in noun.children):
        return False
    if noun.dep_ == "dobj":
        return (noun.head.lemma_.lower(), None) in _OUTCOME_GOVERNORS
    if noun.dep_ == "pobj":
        return (noun.head.head.lemma_.lower(), noun.head.lower_) in _OUTCOME_GOVERNORS
    return False


_COLLECTIVES = {"police", "security", "personnel", "staff", "family", "crowd", "people", "military", "army", "force", "youth", "population", "community", "public", "group", "team", "crew", "class"}

_FATAL_EVENTS = {"shooting", "stabbing", "attack", "accident", "incident", "assault", "bombing", "blast", "explosion", "ambush", "crash", "clash", "fire", "gunfight", "shootout"}

_SUFFER_VERBS = {"suffer", "sustain", "receive", "have", "survive", "treat", "take", "transport", "rush", "hospitalize", "hospitalise", "airlift", "fly", "carry", "bring"}


def _injury_bearers(noun: Token) -> list[PersonRole]:
    """'Four people suffered injuries', 'were taken to hospitals with injuries',
    'treated for gunshot wounds': the people who bear the injury."""
    holder = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "with" else None
    if holder is not None and holder.pos_ in ("NOUN", "PROPN", "NUM") and not _non_person(holder) and _number_tokens(holder):
        return [(holder, None)]  # "found ... three others with gunshot wounds"
    node = noun
    for _ in range(4):  # "taken to hospitals with injuries": climb the prepositions
        if node.dep_ in ("pobj", "prep") and node.head.pos_ != "VERB":
            node = node.head
        else:
            break
    if node.dep_ not in ("dobj", "prep", "pobj") or node.head.pos_ != "VERB":
        return []
    verb = node.head
    if verb.lemma_.lower() not in _SUFFER_VERBS:
        return []
    people = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
    if not people and verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        people = [verb.head]
    return [(p, None) for h in people for p in _coordinated(h)]


def _toll_number(toll: Token) -> Token | None:
    """The figure a 'death toll' is said to be: 'rose to 21', 'stands at 21', 'is 21'."""
    verb = toll.head
    for tok in verb.subtree:
        if tok.pos_ == "NUM" and tok.i > toll.i and tok.dep_ in ("pobj", "attr", "dobj", "nummod", "npadvmod"):
            return tok
    return None


def _coordinated(head: Token) -> list[Token]:
    """A person phrase and the phrases coordinated with it ("16 policemen and five civilians");
    not two offices of one person ("an Iraqi journalist and editor-in-chief")."""
    out = [head]
    for conj in head.conjuncts:
        if conj.i > head.i and not _second_office(head, conj):
            out.append(conj)
    return out


_OFFICES = {
    "journalist", "editor", "publisher", "writer", "activist", "leader", "founder", "owner", "director", "chairman",
    "president", "member", "commander", "chief", "head", "official", "politician", "candidate", "lawyer", "businessman",
    "father", "husband", "mother", "wife", "teacher", "professor", "cleric", "imam", "preacher", "spokesman",
}


def _second_office(first: Token, conj: Token) -> bool:
    """'a journalist and editor-in-chief', 'a businessman and politician': one person's two
    offices (singular, one article for both)."""
    return (
        first.tag_ == "NN" and conj.tag_ == "NN"
        and first.lemma_.lower() in _OFFICES and conj.lemma_.lower() in _OFFICES
        and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in first.children)
        and not any(c.dep_ in ("det", "nummod", "poss") for c in conj.children)
    )


# --- a person phrase -> a mention -----------------------------------------------------------

def _mention(person: Token, trigger: Token, outcome: str, status: Status, clause: int, role: str) -> CasualtyMention | None:
    doc = person.doc
    if role == "implied":
        # "a deadly shooting": someone died; how many, the phrase does not say
        return CasualtyMention(
            outcome=outcome, group="total", value=1, min=1, max=None, qualifier="at_least", status=status,
            sent=_sent_index(person), trigger=trigger.i, spans=[Span_(person.idx, person.head.idx + len(person.head.text))],
            clause=clause, role="item", text=person.text,
        )
    group = _group(person)
    if group is None:
        return None
    number_tokens = _number_tokens(person)
    quantity = None
    if negated_quantity(person) or is_negated(trigger) and person.lower_ in ("one", "anyone", "anybody"):
        value, lo, hi, qualifier = 0, 0, 0, "exact"
        status = Status.NEGATED
    elif number_tokens:
        text = doc[number_tokens[0] : number_tokens[-1] + 1].text
        if person.dep_ == "pobj" and person.head.lower_ in _APPROXIMATE | {"between"} and person.head.i < number_tokens[0]:
            text = f"{person.head.text} {text}"  # "killing over sixty-five people"
        quantity = parse_quantity(text)
        if quantity is None or quantity.value is None:
            return None
        value, lo, hi, qualifier = quantity.value, quantity.min, quantity.max, str(quantity.qualifier)
        if quantity.value == 0:
            status = Status.NEGATED
    elif person.lower_ == "number":
        return None  # "the number of people killed rose": the count is elsewhere
    elif person.ent_type_ == "PERSON" or person.lower_ in _PRONOUNS_ONE or person.lower_ == "another":
        value, lo, hi, qualifier = 1, 1, 1, "exact"
    elif person.lemma_.lower() in ("pair", "couple") and any(c.dep_ == "det" for c in person.children):
        value, lo, hi, qualifier = 2, 2, 2, "exact"
    elif person.tag_ in ("NN", "NNP", "JJ") and any(
        (c.dep_ == "det" and c.lower_ in ("a", "an", "the", "one", "this", "that", "another")) or (c.dep_ == "poss") for c in person.children
    ) or person.tag_ == "NNP" and person.pos_ == "PROPN":
        value, lo, hi, qualifier = 1, 1, 1, "exact"
    elif person.tag_ == "NN" and person.lemma_.lower() not in _COLLECTIVES:
        value, lo, hi, qualifier = 1, 1, 1, "exact"  # "grandmother and ...", "the shooting of Larose teenager"
    else:
        return None
    if is_negated(trigger) and value:
        status = Status.NEGATED
    phrase = _phrase(person)
    if number_tokens and number_tokens[0] < phrase.start:
        phrase = doc[number_tokens[0] : phrase.end]  # "an unknown number of fatalities"
    spans = [Span_(phrase.start_char, phrase.end_char)]
    if not (phrase.start_char <= trigger.idx < phrase.end_char):
        spans.append(Span_(trigger.idx, trigger.idx + len(trigger.text)))
    return CasualtyMention(
        outcome=outcome,
        group=group,
        value=value,
        min=lo,
        max=hi,
        qualifier=qualifier,
        status=status,
        sent=_sent_index(person),
        trigger=trigger.i,
        spans=spans,
        clause=clause,
        role=role,
        text=phrase.text,
        more=_more(person, trigger),
    )


def _more(person: Token, trigger: Token) -> bool:
    """'A policeman was also killed', 'killing four more people': people besides those
    counted before."""
    if any(c.dep_ == "advmod" and c.lower_ in ("also", "too") for c in trigger.children):
        return True
    if trigger.lemma_.lower() in ("die", "succumb") and any(c.dep_ == "advmod" and c.lower_ in ("later", "subsequently") for c in trigger.children):
        # "Three people died later from their injuries" (not "two of them died later", nor
        # "he later died": the one told of before)
        return bool(_number_tokens(person)) and not any(c.dep_ == "prep" and c.lower_ == "of" for c in person.children)
    return any(c.lower_ == "more" and c.dep_ in ("amod", "advmod") for c in person.children)


def _sent_index(token: Token) -> int:
    return token.sent.start


def _dateline_place(token: Token) -> bool:
    """A place at the start of a sentence or a line followed by a dash or a bracket: a
    dateline ("JEFFERSON - A 3-year-old child has been killed")."""
    doc = token.doc
    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
    if token.ent_type_ in ("GPE", "LOC", "FAC") and ent is not None:
        start, end = ent.start, ent.end
    elif not token.ent_type_ and token.is_upper and len(token.text) > 2:
        start, end = token.i, token.i + 1  # a place name the recogniser missed
    else:
        return False
    line_start = start == doc[start].sent.start or (start > 0 and doc[start - 1].is_space and "\n" in doc[start - 1].text)
    if not line_start or end >= len(doc):
        return False
    return doc[end].text in ("--", "—", "–", "-", "(", ",") and doc[start:end].text.isupper()


def _group(person: Token) -> str | None:
    lemma = person.lemma_.lower()
    low = person.lower_
    if person.tag_ == "JJ" and low.endswith("old"):
        return "total"  # "a 9-month-old was killed"
    if lemma in ("death", "fatality", "casualty", "injury", "body", "corpse", "life") and person.pos_ == "NOUN":
        return "total"  # "two deaths and six injuries were reported"
    if person.pos_ == "NUM" or low in ("one", "dozens", "scores", "hundreds", "thousands", "number"):
        # "injuring at least two", "killing 21", "dozens of people"
        for child in person.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return _group(obj) or "total"
        return "total"
    if _dateline_place(person):
        return None  # "SAN FRANCISCO -- A man was killed": a dateline the parser made the subject
    if person.ent_type_ == "PERSON" or person.pos_ == "PROPN":
        return "total"
    if low in _PRONOUNS_ONE or low in ("nobody", "none", "anyone", "those", "these", "another", "both"):
        return "total"
    for child in person.children:
        if child.dep_ in ("compound", "amod") and child.lower_ in GROUP_MODIFIERS:
            modifier = GROUP_MODIFIERS[child.lower_]
            if child.lower_ == "suspected" and lemma not in PERPETRATOR_NOUNS and PEOPLE_GROUPS.get(lemma) != "perpetrators":
                continue  # "eight suspected collaborators were shot": suspected of something else
            if modifier == "perpetrators" or PEOPLE_GROUPS.get(lemma) in (None, "total", "security"):
                return modifier
    group = PEOPLE_GROUPS.get(lemma) or PEOPLE_GROUPS.get(low)
    if group:
        return group
    if person.ent_type_ in ("NORP",):
        return "total"
    if person.pos_ == "NOUN" and not _non_person(person):
        # the object of "killed"/"wounded" is a person unless the word says otherwise
        return "total"
    return None


def _non_person(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if lemma == "head" and any(c.dep_ == "prep" and c.lower_ == "of" or c.dep_ == "compound" for c in token.children):
        return False  # "the head of intelligence was shot dead", "a village head"
    return (
        lemma in TARGET_NOUNS
        or lemma in NON_TARGET_HEADS
        or lemma in WEAPONS
        or (lemma in CASUALTY_NOUNS and lemma != "hostage")
        or lemma in _NON_PERSON_NOUNS
        or token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "GPE", "LOC", "FAC")
    )


def _number_tokens(person: Token) -> list[int]:
    """Token indices of the number phrase counting ``person`` ("at least 21", "dozens of")."""
    if person.pos_ == "NUM" or person.lower_ in ("dozens", "scores", "hundreds", "thousands", "dozen"):
        idx = [t.i for t in person.subtree if t.i <= person.i and t.dep_ not in ("prep", "punct")]
        return sorted(idx) if idx else [person.i]
    if person.lemma_.lower() in ("family", "group", "party") and not any(c.dep_ == "nummod" for c in person.children):
        # "a family of five were gunned down"
        for prep in person.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                numbers = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NUM"]
                if numbers:
                    return sorted(t.i for t in numbers[0].subtree)
    if person.lower_ == "number" and any(c.lower_ in _UNKNOWN or c.dep_ == "det" and c.lower_ in ("a", "an") for c in person.children):
        # "an unknown number (of soldiers) died": the phrase is the count
        return sorted(t.i for t in person.subtree if t.i <= person.i or t.lower_ == "of" and t.head.i == person.i)
    if person.lower_ == "both" and person.pos_ in ("DET", "PRON"):
        return [person.i]  # "killing both of them"
    before = person.doc[person.left_edge.i - 1] if person.left_edge.i > person.sent.start else None
    if before is not None and before.dep_ == "meta" and before.tag_ in ("LS", "CD") and before.i == person.sent.start:
        return [before.i]  # "2 Mayi Mayi militiamen and one civilian were killed": "2" read as a list marker
    children = list(person.children)
    for child in list(children):
        if child.dep_ in ("compound", "amod", "nmod") and child.i < person.i and child.lemma_.lower() not in _AGE_UNITS:
            # "One police conscript", "4 vigilante militia members", "two Village Defense
            # Committee (VDC) members": the number hangs on a modifier
            for grand in child.children:
                if grand.dep_ == "nummod" and grand.i < child.i:
                    children.append(grand)
                elif grand.dep_ in ("compound", "amod"):
                    children.extend(g for g in grand.children if g.dep_ == "nummod" and g.i < grand.i)
    for child in children:
        if child.dep_ == "nummod" or (child.pos_ == "NUM" and child.dep_ in ("amod", "quantmod", "compound")):
            idx = sorted(t.i for t in child.subtree)
            return idx
        if child.dep_ in ("amod", "det", "advmod", "quantmod") and child.lower_ in ("several", "dozens", "numerous", "many", "few", "both", "no"):
            return sorted(t.i for t in child.subtree)
        if child.dep_ == "det" and child.lower_ in ("a", "an") and person.tag_ in ("NN", "NNP"):
            return [child.i]
    head = person.head
    if person.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in ("dozens", "scores", "hundreds", "thousands", "dozen"):
        return sorted(t.i for t in head.head.subtree if t.i < head.i)
    if person.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ == "number" and any(
        c.lower_ in _UNKNOWN or c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.head.children
    ):
        # "an unknown number of soldiers", "a number of civilians"
        return sorted(t.i for t in head.head.subtree if t.i <= head.i)
    return []


_AGE_UNITS = {"year", "month", "week", "day", "old"}  # "his three-year old son", "21-month old boy"


def _phrase(person: Token) -> Span:
    """The person phrase without relative clauses or trailing prepositions."""
    doc = person.doc
    left = person.left_edge.i
    right = person.i
    for child in person.rights:
        if child.dep_ in ("compound", "amod", "nummod") or (child.dep_ == "prep" and child.lower_ == "of" and (person.pos_ == "NUM" or person.lower_ == "number")):
            right = max(right, child.right_edge.i)
    while left < person.i and doc[left].dep_ in ("punct", "cc", "prep", "mark"):
        left += 1
    return doc[left : right + 1]


def _apply_fatally(doc: Doc, found: list[CasualtyMention]) -> None:
    """'Four people were shot, one fatally': move one of the four from injured to killed."""
    for token in doc:
        if token.lower_ != "fatally":
            continue
        prev = doc[token.i - 1] if token.i > 0 else None
        if prev is not None and prev.lower_ == "them" and token.i > 2:
            prev = doc[token.i - 3]  # "two of them fatally"
        if prev is None or not _NUMBER_WORDS.match(prev.text):
            continue
        quantity = parse_quantity(prev.text)
        if quantity is None or quantity.value is None:
            continue
        sent_start = token.sent.start
        injured = [m for m in found if m.sent == sent_start and m.outcome == "injured" and m.value and m.trigger < token.i]
        if not injured:
            continue
        mention = injured[-1]
        killed = min(quantity.value, mention.value or 0)
        if not mention.hit:
            mention.value = (mention.value or 0) - killed
            mention.min = mention.value
            mention.max = mention.value
        found.append(
            CasualtyMention(
                outcome="killed",
                group=mention.group,
                value=killed,
                min=killed,
                max=killed,
                qualifier="exact",
                status=mention.status,
                sent=mention.sent,
                trigger=token.i,
                spans=[Span_(prev.idx, token.idx + len(token.text))],
                clause=mention.clause,
                role=mention.role,
                text=prev.text,
            )
        )


# --- "there were no injuries", "the governor was unharmed" ----------------------------------

_NONE_NOUNS = {"injury": ("injured",), "casualty": ("killed", "injured"), "death": ("killed",), "fatality": ("killed",), "victim": ("killed", "injured")}
_UNHARMED = {"unharmed", "uninjured", "unhurt", "unscathed"}


def _stated_none(doc: Doc) -> list[CasualtyMention]:
    """Figures the text states are zero: negated, so they never outrank a positive figure."""
    out: list[CasualtyMention] = []
    for token in doc:
        lemma = token.lemma_.lower()
        outcomes: tuple[str, ...] = ()
        if token.pos_ == "NOUN" and lemma in _NONE_NOUNS and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
            outcomes = _NONE_NOUNS[lemma]
            group = "total"
            for child in token.children:
                if child.dep_ in ("amod", "compound") and child.lower_ in GROUP_MODIFIERS:
                    group = GROUP_MODIFIERS[child.lower_]
        elif token.lower_ in _UNHARMED and token.dep_ in ("acomp", "oprd", "amod"):
            outcomes = ("injured",)
            group = "total"
        if not outcomes:
            continue
        clause = next(_clause_ids)
        for outcome in outcomes:
            out.append(
                CasualtyMention(
                    outcome=outcome, group=group, value=0, min=0, max=0, qualifier="exact", status=Status.NEGATED,
                    sent=token.sent.start, trigger=token.i, spans=[Span_(token.idx, token.idx + len(token.text))],
                    clause=clause, text=token.text,
                )
            )
    return out


# --- perpetrators' own dead, and figures shared by related attacks ----------------------------

_BESIDES = re.compile(
    r"\b(?:in addition to|besides|apart from|aside from|other than|excluding|not including|not counting)\s+"
    r"(?:the\s+)?(?P<num>\w+\s+)?(?:suicide\s+)?(?P<who>assailants?|attackers?|bombers?|gunmen|gunman|militants?|perpetrators?)\b",
    re.IGNORECASE,
)
_SUICIDE = re.compile(
    r"\b(?P<num>)(?P<who>(?:blew|blowing|blown)\s+(?:himself|herself)(?:\s+up)?|detonated\s+(?:his|her)\s+(?:explosive\s+)?(?:vest|belt)"
    r"|killing\s+(?:only\s+)?(?:himself|herself)"
    # a murder-suicide: "before turning the gun on himself", "then took his own life"
    r"|(?:turned|turning|turns)\s+the\s+(?:gun|weapon|rifle|pistol)\s+on\s+(?:himself|herself)|(?:took|taking|takes)\s+(?:his|her)\s+own\s+life)\b",
    re.IGNORECASE,
)


def _perpetrators_besides(doc: Doc, found: list[CasualtyMention]) -> list[CasualtyMention]:
    """'In addition to the four assailants, five people were killed': the assailants died
    too.  'blew himself up', 'killing only herself': the bomber died.  A bomber's death
    that the text does not state is not inferred."""
    from incidents.extractors.context import source_text

    text = source_text(doc)
    out: list[CasualtyMention] = []
    if any(m.group == "perpetrators" and m.outcome == "killed" for m in found):
        return out
    for pattern in (_BESIDES, _SUICIDE):
        for match in pattern.finditer(text):
            who = match.group("who").lower()
            plural = (who.endswith("s") and not who.endswith(("himself", "herself"))) or who == "gunmen"
            number = (match.group("num") or "").strip()
            quantity = parse_quantity(number) if number else None
            value = quantity.value if quantity and quantity.value else (None if plural else 1)
            if value is None:
                value = _earlier_count(text, match.start(), match.group("who"))
            if value is None:
                continue
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            # "in addition to ...": the sentence must count this incident's dead (not injured
            # only, not the dead of another attack it mentions)
            if pattern is _BESIDES and not any(m.sent == span.sent.start and m.outcome == "killed" for m in found):
                    continue
            out.append(
                CasualtyMention(
                    outcome="killed",
                    group="perpetrators",
                    value=value,
                    min=value,
                    max=value,
                    qualifier="exact",
                    status=Status.REPORTED,
                    sent=span.sent.start,
                    trigger=span.root.i,
                    spans=[Span_(match.start(), match.end())],
                    clause=next(_clause_ids),
                    text=match.group(0),
                )
            )
            return out
    return out


def _earlier_count(text: str, before: int, who: str) -> int | None:
    """'Three suicide bombers attacked ... In addition to the assailants, ...': how many
    attackers the text counted before."""
    pattern = re.compile(r"\b(\w+)\s+(?:\w+\s+)?(?:suicide\s+)?(?:bombers|assailants|attackers|gunmen|militants|perpetrators)\b", re.IGNORECASE)
    found = None
    for match in pattern.finditer(text, 0, before):
        quantity = parse_quantity(match.group(1))
        if quantity is not None and quantity.value and quantity.value > 1:
            found = quantity.value
    return found


_ACROSS = re.compile(r"\bacross\s+(?:the\s+|all\s+|both\s+)*(?P<k>\w+\s+)?(?:related\s+|coordinated\s+)?(?:attacks|events|incidents|assaults|clashes|abductions|explosions|blasts)\b", re.IGNORECASE)
# "... were killed in the ensuing clashes", after "this was one of four related attacks"
_PLURAL_AFTERMATH = re.compile(r"\b(?:in|during)\s+the\s+(?:ensuing\s+)?(?P<k>)(?:clashes|attacks|assaults)\b", re.IGNORECASE)
_ONE_OF = re.compile(r"\bone of (?P<k>\w+) (?:related |coordinated |similar |simultaneous )?(?:attacks|events|incidents|assaults|abductions|explosions|blasts|bombings)\b", re.IGNORECASE)


def _count_of(words: str | None) -> int:
    words = (words or "").strip().lower()
    if words == "both":
        return 2
    quantity = parse_quantity(words) if words else None
    return quantity.value if quantity is not None and quantity.value else 0


def _share_across_related(doc: Doc, found: list[CasualtyMention]) -> None:
    """'This was one of four related attacks ... 12 assailants were killed across the four
    attacks': the figure covers all four; this incident's share is about a quarter (the
    convention GTD coders follow when they split such totals)."""
    from incidents.extractors.context import source_text

    text = source_text(doc)
    one_of = _ONE_OF.search(text)
    for mention in found:
        sent = doc[mention.trigger].sent
        across = _ACROSS.search(text, sent.start_char, sent.end_char)
        if across is None and one_of is not None:
            across = _PLURAL_AFTERMATH.search(text, sent.start_char, sent.end_char)
        if across is None or mention.value is None:
            continue
        k = _count_of(across.group("k")) or _count_of(one_of.group("k") if one_of else None)
        if k < 2:
            continue
        share = int(mention.value / k + 0.5)
        mention.value = share
        mention.min = None
        mention.max = None
        mention.qualifier = "about"
