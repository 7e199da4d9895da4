"""Who did it, to whom, to what, with what: perpetrators, victims, targets and weapons.

Roles are read off the dependency parse around each event mention (subject and agent of
an attack verb, its object, "attack on X", "bomb exploded near X"), off responsibility
language ("X claimed responsibility", "sources attributed the attack to X", "no group
claimed responsibility") and off a weapon lexicon.  Each role mention keeps the token of
the event it belongs to, so the incident builder can put it in the right incident.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from incidents.extractors.context import entities, source
from incidents.extractors.lexicon import (
    EVENT_VERBS,
    GROUP_MODIFIERS,
    NON_TARGET_HEADS,
    PEOPLE_GROUPS,
    PERPETRATOR_NOUNS,
    PERPETRATOR_WEAPONS,
    REPORTING_VERBS,
    STATE_FORCE_NOUNS,
    TARGET_NOUNS,
    VICTIM_CATEGORIES,
    WEAPONS,
)
from incidents.extractors.mentions import ArgMention, CasualtyMention, EventMention
from incidents.extractors.status import clause_status, is_negated, weaker
from incidents.model import Status

_PRONOUNS = {"he", "she", "they", "them", "him", "her", "it", "who", "which", "that", "we", "i", "you"}
_RESPONSIBILITY_VERBS = {"claim", "accept", "admit", "assume", "take"}
_ATTRIBUTION_VERBS = {"attribute", "blame", "suspect", "accuse", "link", "tie", "hold"}
_DENIAL_VERBS = {"deny", "reject"}
_INVOLVEMENT = {"involvement", "role", "participation", "hand", "complicity"}
_LOCATIVE_PREPS = {"at", "near", "outside", "in", "inside", "on", "against", "into", "targeting", "toward", "towards"}
_PERSON_ENTS = {"PERSON"}
_GROUP_ENTS = {"ORG", "NORP"}
_MAX_WEAPON_WORDS = 5


def find_roles(doc: Doc, events: list[EventMention], casualties: list[CasualtyMention]) -> list[ArgMention]:
    """Perpetrator, victim, target and weapon mentions, each tied to an event where possible."""
    out: list[ArgMention] = []
    for event in events:
        token = doc[event.trigger]
        out.extend(_event_roles(token, event))
    out.extend(_responsibility(doc))
    out.extend(_among_perpetrators(doc))
    out.extend(_victims_from_casualties(doc, casualties))
    out.extend(_weapons(doc, events))
    return _dedupe([_own_account(doc, a) for a in _with_learned(doc, out)])


_FIRST_PERSON = {"our", "we", "us"}


def _own_account(doc: Doc, arg: ArgMention) -> ArgMention:
    """A group telling of its own act claims it: "THE FMLN REPORTS THAT URBAN COMMANDO
    UNITS STAGED ATTACKS", "Hamas said it fired the rockets", "OUR UNITS SABOTAGED ...".
    (A denial stays a denial; a claim stays a claim.)"""
    if arg.role != "perpetrator" or arg.status in (Status.NEGATED, Status.CLAIMED, Status.SPECULATIVE):
        return arg
    span = doc.char_span(arg.start, arg.end, alignment_mode="expand")
    if span is None:
        return arg
    root = span.root
    while root.dep_ == "appos" and root.head.i != root.i:  # "THE FARABUNDO ... FRONT (FMLN) REPORTS"
        root = root.head
    first_person = any(t.lower_ in _FIRST_PERSON for t in span) or any(
        c.lower_ in _FIRST_PERSON and c.dep_ == "poss" for c in root.children
    )
    contents = []
    if root.dep_ == "nsubj":
        # what the group says: its clause ("announced ... that it would attack"), else its
        # infinitive ("claimed to have hit")
        contents = [c for c in root.head.children if c.dep_ == "ccomp"] or [c for c in root.head.children if c.dep_ == "xcomp"]
    speaker = bool(contents) and root.head.lemma_.lower() in REPORTING_VERBS
    if speaker and all(_future(c) for c in contents):
        # "the FPMR announced that it would attack U.S. interests": a threat makes the group
        # a suspect of such attacks, not their claimant; "will lay down their weapons" is
        # no claim at all
        threat = any(c.lemma_.lower() in EVENT_VERBS for c in contents)
        return replace(arg, status=weaker(arg.status, Status.HEDGED)) if threat else arg
    if first_person or speaker:
        return replace(arg, status=Status.CLAIMED)
    return arg


def _future(verb: Token) -> bool:
    """'would attack', 'will release': a clause about what is to come."""
    return any(c.dep_ == "aux" and c.lower_ in ("would", "will", "shall", "'ll") for c in verb.children)


def _with_learned(doc: Doc, out: list[ArgMention]) -> list[ArgMention]:
    """The trained role tagger's mentions with the rules': in the wire copy it reads (the
    ALL-CAPS articles it was trained on), they replace the rules' for most roles."""
    try:
        from incidents.extractors import learned
    except ImportError:
        return out
    return learned.merge(doc, out)


# --- around one event ------------------------------------------------------------------------

def _event_roles(token: Token, event: EventMention) -> list[ArgMention]:
    out: list[ArgMention] = []
    status = event.status
    if token.pos_ == "VERB":
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
        agents: list[Token] = []
        patients: list[Token] = []
        for child in token.children:
            if child.dep_ == "nsubj" and not passive:
                agents.append(child)
            elif child.dep_ == "agent":
                agents.extend(c for c in child.children if c.dep_ == "pobj")
            elif child.dep_ in ("dobj",) or (child.dep_ == "nsubjpass"):
                patients.append(child)
            elif child.dep_ == "prep" and child.lower_ in _LOCATIVE_PREPS | {"to"}:
                patients.extend(c for c in child.children if c.dep_ == "pobj" and _is_target_like(c))
            elif child.dep_ == "advcl" and child.lemma_ == "target":
                patients.extend(c for c in child.children if c.dep_ == "dobj")
        if not agents and token.dep_ in ("conj", "xcomp", "advcl") and not passive:
            # "gunmen stormed the hotel and killed ..." / "Assailants ... , killing"
            head = token.head
            if head.pos_ == "VERB" and not any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
                agents.extend(c for c in head.children if c.dep_ == "nsubj")
        if not agents and token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN") and not passive:
            agents.append(token.head)
        if token.lemma_.lower() in ("explode", "detonate") and not passive:
            agents = [a for a in agents if a.lower_ not in WEAPONS and a.lemma_.lower() not in WEAPONS]
        for agent in agents:
            for person in _coordinated(agent):
                arg = _perpetrator(person, token, event.sent, status)
                if not arg and passive and agent.head.dep_ == "agent":
                    arg = _named_agent(person, token, status)  # "was kidnapped by the MRTA"
                if arg:
                    out.extend(arg)
        for patient in patients:
            for obj in _coordinated(patient):
                arg = _patient(obj, token, event.sent)
                if arg:
                    out.append(arg)
    else:
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        for person in _coordinated(obj):
                            out.extend(_perpetrator(person, token, event.sent, status) or [])
            elif child.dep_ == "prep" and child.lower_ in ("on", "against", "at", "of", "targeting", "near", "outside", "in"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        for target in _coordinated(obj):
                            if child.lower_ == "in" and not _is_target_like(target):
                                continue
                            arg = _patient(target, token, event.sent)
                            if arg:
                                out.append(arg)
            elif child.dep_ in ("compound", "poss") and child.ent_type_ in _GROUP_ENTS:
                out.extend(_perpetrator(child, token, event.sent, status) or [])
        # "an attack carried out by X", "the attack, which X carried out"
        head = token.head
        if token.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in ("carry", "launch", "stage", "mount", "perpetrate", "commit"):
            passive = any(c.dep_ in ("auxpass",) for c in head.children)
            for child in head.children:
                if (child.dep_ == "nsubj" and not passive):
                    for person in _coordinated(child):
                        out.extend(_perpetrator(person, token, event.sent, clause_status(head)) or [])
                elif child.dep_ == "agent":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            for person in _coordinated(obj):
                                status = clause_status(head)
                                out.extend(_perpetrator(person, token, event.sent, status) or _named_agent(person, token, status))
    return out


def _coordinated(head: Token, depth: int = 0) -> list[Token]:
    """A phrase and the phrases listed with it: conjuncts, and list items the parser took
    for appositions ("two Orthodox churches, two synagogues, ... and a traffic post")."""
    out = [head]
    if depth > 6:
        return out
    for child in head.children:
        if child.i <= head.i:
            continue
        if child.dep_ == "conj" or (child.dep_ == "appos" and _list_item(child)):
            out.extend(_coordinated(child, depth + 1))
    return out


def _list_item(token: Token) -> bool:
    lemma = token.lemma_.lower()
    has_number = any(c.dep_ == "nummod" for c in token.children)
    return has_number and (lemma in TARGET_NOUNS or lemma in PEOPLE_GROUPS)


def _is_person(token: Token) -> bool:
    lemma = token.lemma_.lower()
    if token.ent_type_ in _PERSON_ENTS:
        return True
    if lemma in PEOPLE_GROUPS or token.lower_ in PEOPLE_GROUPS or lemma in VICTIM_CATEGORIES:
        return True
    return lemma in ("president", "minister", "priest", "leader", "commander", "candidate", "son", "daughter", "wife", "husband", "brother", "father", "mother")


def _is_target_like(token: Token) -> bool:
    lemma = token.lemma_.lower()
    return lemma in TARGET_NOUNS or token.lower_ in TARGET_NOUNS or _is_person(token)


# --- perpetrators ---------------------------------------------------------------------------

def _perpetrator(token: Token, trigger: Token, sent: int, status: Status) -> list[ArgMention] | None:
    """A perpetrator mention for ``token`` (and the organisation inside it, if named)."""
    lemma = token.lemma_.lower()
    if token.lower_ in _PRONOUNS or token.pos_ == "PRON":
        return None
    if token.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL", "FAC"):
        return None
    is_group_ent = token.ent_type_ in _GROUP_ENTS
    if not (lemma in PERPETRATOR_NOUNS or is_group_ent or token.ent_type_ == "PERSON" or _known_group(token)):
        return None
    if lemma in ("member", "group", "individual", "unit", "force") and not _has_qualifying_modifier(token):
        return None
    out: list[ArgMention] = []
    span = _phrase(token)
    kind = "organization" if (is_group_ent or _known_group(token)) and lemma not in PERPETRATOR_NOUNS else "individual"
    if token.ent_type_ == "NORP" and lemma not in PERPETRATOR_NOUNS:
        kind = "organization"
    text = _strip_determiners(span)
    if text is None:
        return None
    out.append(
        ArgMention(
            role="perpetrator",
            text=text.text,
            start=text.start_char,
            end=text.end_char,
            sent=sent,
            trigger=trigger.i,
            kind=kind,
            status=status,
            extra={"state": lemma in STATE_FORCE_NOUNS},
        )
    )
    # "FMLN guerrillas", "members of the Shining Path": the organisation inside the phrase.
    if kind == "individual":
        org = _organisation_in(token)
        if org is not None:
            out.append(
                ArgMention(
                    role="perpetrator",
                    text=org.text,
                    start=org.start_char,
                    end=org.end_char,
                    sent=sent,
                    trigger=trigger.i,
                    kind="organization",
                    status=status,
                )
            )
    return out


def _known_group(token: Token) -> bool:
    """A proper-noun group name that NER missed: 'Shining Path', 'Boko Haram', 'al-Shabaab'."""
    if token.pos_ != "PROPN":
        return False
    span = _phrase(token)
    return len(span) >= 1 and any(t.ent_type_ in _GROUP_ENTS for t in span)


def _has_qualifying_modifier(token: Token) -> bool:
    return any(
        c.dep_ in ("compound", "amod", "nmod", "prep") and (c.ent_type_ in _GROUP_ENTS or c.lower_ in ("armed", "unidentified", "unknown", "masked", "suspected", "heavily", "of"))
        for c in token.children
    )


def _organisation_in(token: Token) -> Span | None:
    doc = token.doc
    for child in token.children:
        if child.dep_ in ("compound", "nmod", "amod") and child.ent_type_ in _GROUP_ENTS:
            return _entity_span(child)
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (obj.ent_type_ in _GROUP_ENTS or _known_group(obj)):
                    return _entity_span(obj)
    del doc
    return None


def _entity_span(token: Token) -> Span:
    doc = token.doc
    for ent in entities(doc):
        if ent.start <= token.i < ent.end:
            span = ent
            while len(span) > 1 and span[0].lower_ in ("the", "a", "an"):
                span = doc[span.start + 1 : span.end]
            return span
    return doc[token.i : token.i + 1]


# --- victims and targets ---------------------------------------------------------------------

def _patient(token: Token, trigger: Token, sent: int) -> ArgMention | None:
    lemma = token.lemma_.lower()
    if token.lower_ in _PRONOUNS or token.pos_ in ("PRON", "NUM") or lemma in NON_TARGET_HEADS:
        return None
    if token.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
        return None
    if lemma in WEAPONS or token.lower_ in WEAPONS:
        return None
    if (PEOPLE_GROUPS.get(lemma) or PEOPLE_GROUPS.get(token.lower_)) == "perpetrators" or _perpetrator_modified(token):
        return None
    span = _strip_determiners(_phrase(token))
    if span is None:
        return None
    status = clause_status(trigger)
    count = _count(token)
    if _is_person(token):
        role, category, span = "victim", _victim_category(token), _person_name(span)
    elif lemma in TARGET_NOUNS or token.lower_ in TARGET_NOUNS or token.ent_type_ in ("FAC", "ORG"):
        role, category = "target", _target_category(token)
    else:
        return None
    return ArgMention(
        role=role,
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        sent=sent,
        trigger=trigger.i,
        category=category,
        status=status,
        count=count,
    )


def _perpetrator_modified(token: Token) -> bool:
    return any(c.dep_ in ("amod", "compound") and GROUP_MODIFIERS.get(c.lower_) == "perpetrators" for c in token.children)


def _victim_category(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.lower_ in GROUP_MODIFIERS:
            group = GROUP_MODIFIERS[child.lower_]
            if group in VICTIM_CATEGORIES:
                return VICTIM_CATEGORIES[group]
    if lemma in VICTIM_CATEGORIES:
        return VICTIM_CATEGORIES[lemma]
    group = PEOPLE_GROUPS.get(lemma) or PEOPLE_GROUPS.get(token.lower_)
    if group in ("perpetrators",):
        return None
    return VICTIM_CATEGORIES.get(group or "total")


def _target_category(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    mods = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    mods |= {c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod", "nmod")}
    if mods & {"police", "traffic", "patrol"} and lemma not in ("church", "school"):
        return "Police"
    if mods & {"army", "military", "security"}:
        return "Military"
    if mods & {"government", "municipal", "state", "public"} and lemma in ("office", "offices", "building", "headquarters"):
        return "Government (General)"
    if mods & {"power", "electric", "electricity", "energy"}:
        return "Utilities"
    if mods & {"radio", "television", "tv"}:
        return "Journalists & Media"
    if lemma == "station" and mods & {"gas", "petrol", "fuel"}:
        return "Business"
    if lemma == "station" and mods & {"bus", "train", "railway", "metro", "subway"}:
        return "Transportation"
    return TARGET_NOUNS.get(lemma) or TARGET_NOUNS.get(token.lower_)


def _count(token: Token) -> int | None:
    from incidents.resolve.numbers import parse_quantity

    for child in token.children:
        if child.dep_ == "nummod":
            q = parse_quantity(child.text)
            return q.value if q else None
        if child.dep_ == "det" and child.lower_ in ("a", "an", "one"):
            return 1
    if token.tag_ in ("NN", "NNP"):
        return 1 if token.ent_type_ == "PERSON" or any(c.dep_ == "det" for c in token.children) else None
    return None


def _victims_from_casualties(doc: Doc, casualties: list[CasualtyMention]) -> list[ArgMention]:
    out = []
    for mention in casualties:
        if mention.group == "perpetrators" or mention.outcome == "arrested" or mention.status == Status.NEGATED:
            continue
        if mention.value == 0:
            continue
        span = mention.spans[0]
        phrase = doc.char_span(span.start, span.end, alignment_mode="expand")
        if phrase is None:
            continue
        head = phrase.root
        counted = head.pos_ == "NUM" or head.lemma_.lower() in ("other", "people", "person") and head.pos_ != "PROPN"
        if counted and (head.lemma_.lower() != "people" or len(phrase) < 2):
            continue  # "26 others", "at least 21 people": a count, not a victim description
        if head.pos_ == "PRON" or head.lower_ in _PRONOUNS:
            continue
        text = _strip_determiners(phrase)
        if text is None:
            continue
        text = _person_name(text)
        out.append(
            ArgMention(
                role="victim",
                text=text.text,
                start=text.start_char,
                end=text.end_char,
                sent=mention.sent,
                trigger=mention.trigger,
                category=_victim_category(head),
                status=mention.status,
                count=mention.value,
            )
        )
    return out


# --- responsibility language ------------------------------------------------------------------

def _responsibility(doc: Doc) -> list[ArgMention]:
    out: list[ArgMention] = []
    for token in doc:
        lemma = token.lemma_.lower()
        if token.lower_ == "responsible" and token.dep_ == "acomp" and token.head.lemma_ == "be":
            out.extend(_said_responsible(token))
        if token.pos_ != "VERB":
            continue
        objs = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
        misparsed = token.dep_ == "amod" and token.tag_ == "VBD" and token.head.i > token.i and any(c.dep_ == "nsubj" for c in token.children)
        if misparsed:
            objs.append(token.head)  # "X claimed responsibility ..." parsed with the noun as the root
        obj_lemmas = {o.lemma_.lower() for o in objs}
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if any(c.dep_ == "nsubjpass" for c in token.children):
            # "the attack was claimed by X", "responsibility was accepted by X": the agent claims
            subjects = [o for c in token.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if lemma in _RESPONSIBILITY_VERBS and obj_lemmas & {"responsibility", "credit", "attack", "bombing", "killing", "assassination", "kidnapping"}:
            status = Status.CLAIMED
            if is_negated(token):
                status = Status.NEGATED
            subjects = [c for c in subjects if c.ent_type_ not in ("DATE", "TIME")]  # "... (MRTA) TODAY CLAIMED"
            if not subjects and status == Status.CLAIMED:
                subjects = _claimant_before(token)
            for subj in subjects:
                if subj.lower_ in ("no", "none", "nobody") or any(c.lower_ in ("no", "none") and c.dep_ == "det" for c in subj.children):
                    out.append(_unknown_perpetrator(token, subj))
                    continue
                for person in _coordinated(subj):
                    found = _perpetrator(person, token, token.sent.start, weaker(status, _outer_status(token)))
                    if not found:
                        # "the Peruvian guerrilla movement Tupac Amaru Revolutionary Movement"
                        for appos in (c for c in person.children if c.dep_ == "appos"):
                            found = _perpetrator(appos, token, token.sent.start, weaker(status, _outer_status(token)))
                            if found:
                                break
                    if not found and status == Status.CLAIMED:
                        found = _named_agent(person, token, weaker(status, _outer_status(token)))
                    out.extend(found or [])
        elif lemma in _ATTRIBUTION_VERBS:
            # "sources attributed the attack to X", "police blamed X", "X is suspected"
            candidates: list[Token] = []
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("to", "on"):
                    candidates.extend(c for c in child.children if c.dep_ == "pobj")
                elif child.dep_ in ("dobj", "nsubjpass") and lemma in ("blame", "suspect", "accuse"):
                    candidates.append(child)
                elif child.dep_ == "dobj" and lemma == "hold" and any(t.lower_ == "responsible" for t in token.subtree):
                    candidates.append(child)  # "the president holds the FMLN responsible for ..."
                elif child.dep_ in ("ccomp", "xcomp", "oprd") and child.lower_ == "responsible" and lemma == "hold":
                    candidates.extend(c for c in child.children if c.dep_ == "nsubj")  # the same, parsed as a small clause
                elif child.dep_ == "ccomp" and lemma == "suspect":
                    candidates.extend(c for c in child.children if c.dep_ == "nsubj")
            if misparsed and lemma in ("blame", "suspect", "accuse"):
                candidates.append(token.head)
            # "suspected Taliban involvement", "suspected the involvement of X": whose involvement
            for cand in list(candidates):
                if cand.lemma_.lower() in _INVOLVEMENT:
                    candidates.remove(cand)
                    for child in cand.children:
                        if child.dep_ in ("compound", "poss", "nmod") and child.i < cand.i:
                            candidates.append(child)
                        elif child.dep_ == "prep" and child.lower_ == "of":
                            candidates.extend(c for c in child.children if c.dep_ == "pobj")
            for cand in candidates:
                for person in _coordinated(cand):
                    if person.lemma_.lower() in ("attack", "incident", "bombing", "explosion", "killing"):
                        continue
                    out.extend(_perpetrator(person, token, token.sent.start, Status.HEDGED) or [])
        elif lemma in _DENIAL_VERBS and obj_lemmas & {"responsibility", "involvement", "role", "participation", "link"}:
            for subj in subjects:
                for person in _coordinated(subj):
                    out.extend(_perpetrator(person, token, token.sent.start, Status.NEGATED) or [])
    return out


def _said_responsible(adjective: Token) -> list[ArgMention]:
    """'The armed forces said that the FMLN is responsible for these attacks': an accusation
    (hedged) when someone says it, the article's own report when it does not."""
    copula = adjective.head
    status = clause_status(copula)
    if is_negated(copula):
        status = Status.NEGATED
    elif status in (Status.ATTRIBUTED, Status.REPORTED) and copula.dep_ == "ccomp":
        status = Status.HEDGED
    out: list[ArgMention] = []
    for subj in (c for c in copula.children if c.dep_ == "nsubj"):
        for person in _coordinated(subj):
            out.extend(_perpetrator(person, copula, copula.sent.start, status) or [])
    return out


def _named_agent(token: Token, verb: Token, status: Status) -> list[ArgMention]:
    """'THE MRTA HAS CLAIMED RESPONSIBILITY', 'the attacks were carried out by the Shining Path'
    with the name unknown to the entity recogniser: a proper name (not a place, a person or
    a date) that claims an attack or carries it out is a group."""
    if token.pos_ != "PROPN" or token.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME", "PERSON", "CARDINAL"):
        return []
    text = _strip_determiners(_phrase(token))
    if text is None:
        return []
    return [
        ArgMention(
            role="perpetrator", text=text.text, start=text.start_char, end=text.end_char,
            sent=verb.sent.start, trigger=verb.i, kind="organization", status=status,
        )
    ]


def _claimant_before(verb: Token) -> list[Token]:
    """The group before 'claimed responsibility' when the parser lost the verb's subject
    ('IN A COMMUNIQUE ..., THE ... MOVEMENT (MRTA) TODAY CLAIMED RESPONSIBILITY')."""
    names = []
    for token in reversed(verb.doc[verb.sent.start : verb.i]):
        if token.head.i == token.i or token.dep_ in ("compound", "amod", "nmod") or token.dep_ == "pobj" and token.head.lower_ == "by":
            continue
        if token.pos_ == "PROPN" and _perpetrator(token, verb, verb.sent.start, Status.CLAIMED):
            return [token]
        if token.pos_ == "PROPN" and token.ent_type_ not in ("GPE", "LOC", "FAC", "DATE", "TIME", "PERSON", "CARDINAL", "NORP"):
            names.append(token)
    # a name the entity recogniser split (a line break inside it): the caller reads it as a
    # group that claims (``_named_agent``)
    return names[:1]


def _among_perpetrators(doc: Doc) -> list[ArgMention]:
    """'Among the attackers were the sons and two nephews of X': the people named are
    perpetrators (individuals), and X, named only to identify them, is not."""
    out: list[ArgMention] = []
    for token in doc:
        if token.lower_ != "among" or token.dep_ != "prep" or token.head.lemma_ != "be":
            continue
        objs = [c for c in token.children if c.dep_ == "pobj"]
        if not objs or objs[0].lemma_.lower() not in PERPETRATOR_NOUNS:
            continue
        copula = token.head
        for item in copula.children:
            if item.dep_ not in ("attr", "nsubj") or item.i == token.i:
                continue
            span = doc[item.left_edge.i : item.right_edge.i + 1]
            for t in span:
                if t.text in (",", "(", "--") and t.i > item.i:
                    span = doc[span.start : t.i]
                    break
            span = _strip_determiners(span) or span
            out.append(
                ArgMention(
                    role="perpetrator",
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    sent=token.sent.start,
                    trigger=copula.i,
                    kind="individual",
                    status=clause_status(copula),
                )
            )
    return out


def _outer_status(token: Token) -> Status:
    status = clause_status(token)
    return Status.REPORTED if status == Status.CLAIMED else status


def _unknown_perpetrator(verb: Token, subject: Token) -> ArgMention:
    """'No organization has claimed responsibility': an unknown perpetrator, negated claim."""
    doc = verb.doc
    start = subject.left_edge.idx
    subject_end = subject.idx + len(subject.text)
    end_tok = max((t for t in verb.subtree if t.dep_ != "punct"), key=lambda t: t.i)
    end = end_tok.idx + len(end_tok.text)
    return ArgMention(
        role="perpetrator",
        text=source(doc, start, subject_end),
        start=start,
        end=subject_end,
        sent=verb.sent.start,
        trigger=verb.i,
        kind="unknown",
        status=Status.NEGATED,
        extra={"claim_denied": True, "evidence": (start, end)},
    )


# --- weapons ---------------------------------------------------------------------------------

def _weapons(doc: Doc, events: list[EventMention]) -> list[ArgMention]:
    out: list[ArgMention] = []
    event_sents = {e.sent for e in events}
    lower = [t.lower_ for t in doc]
    n = len(lower)
    i = 0
    while i < n:
        matched = 0
        if lower[i][:1].isalpha() or lower[i][:1].isdigit():
            for size in range(min(_MAX_WEAPON_WORDS, n - i), 0, -1):
                key = " ".join(lower[i : i + size]).replace(" - ", "-").replace(" -", "-")
                if key in WEAPONS and _weapon_at(doc, i, size, key, event_sents, out):
                    matched = size
                    break
        i += matched or 1
    out.extend(_perpetrator_weapons(doc, events))
    for event in events:
        if event.weapon_hint:
            token = doc[event.trigger]
            out.append(
                ArgMention(
                    role="weapon",
                    text=source(doc, event.start, event.end),
                    start=event.start,
                    end=event.end,
                    sent=event.sent,
                    trigger=event.trigger,
                    category=event.weapon_hint,
                    status=event.status,
                    extra={"implied": True, "lemma": token.lemma_.lower()},
                )
            )
    return out


def _perpetrator_weapons(doc: Doc, events: list[EventMention]) -> list[ArgMention]:
    """'Gunmen killed three ...': the perpetrator's name implies the weapon type."""
    out = []
    event_sents = {e.sent for e in events}
    for token in doc:
        category = PERPETRATOR_WEAPONS.get(token.lemma_.lower()) or PERPETRATOR_WEAPONS.get(token.lower_)
        if category is None and token.lower_ == "armed" and token.dep_ == "amod" and token.head.lemma_.lower() in PERPETRATOR_NOUNS:
            category = "Firearms"  # "three armed men", "armed militants"
        if category is None or not event_sents or token.pos_ not in ("NOUN", "ADJ", "VERB"):
            continue
        out.append(
            ArgMention(
                role="weapon",
                text=token.text,
                start=token.idx,
                end=token.idx + len(token.text),
                sent=token.sent.start,
                trigger=token.i,
                category=category,
                status=clause_status(token),
                extra={"implied": True, "lemma": token.lemma_.lower()},
            )
        )
    return out


def _weapon_at(doc: Doc, i: int, size: int, key: str, event_sents: set[int], out: list[ArgMention]) -> bool:
    words = doc[i : i + size]
    head = words[-1]
    if head.pos_ not in ("NOUN", "PROPN", "ADJ") and size == 1:
        return False
    if not event_sents:
        return False
    if key in ("mine", "mines") and not _explosive_context(head):
        return False
    if key in ("shell", "shells") and not _projectile_context(head):
        return False
    if key in ("vehicle", "club", "stick", "sticks", "fire") and size == 1:
        return False
    category, sub = WEAPONS[key]
    out.append(
        ArgMention(
            role="weapon",
            text=words.text,
            start=words.start_char,
            end=words.end_char,
            sent=head.sent.start,
            trigger=head.i,  # the owner lookup walks up from the weapon word
            category=category,
            subcategory=sub,
            status=clause_status(head),
        )
    )
    return True


def _projectile_context(token: Token) -> bool:
    """'shells were fired', 'a shell exploded' (not a company's or a snail's shell)."""
    words = {t.lemma_.lower() for t in token.sent}
    return bool(words & {"fire", "explode", "fall", "land", "hit", "lob", "launch", "strike", "mortar", "artillery", "tank", "shelling"})


def _explosive_context(token: Token) -> bool:
    words = {t.lemma_.lower() for t in token.sent}
    return bool(words & {"explode", "explosion", "blast", "detonate", "step", "land", "plant", "defuse"})


# --- helpers --------------------------------------------------------------------------------

def _phrase(token: Token) -> Span:
    """The noun phrase headed by ``token`` without relative clauses, appositions or trailing
    prepositional phrases other than 'of'."""
    doc = token.doc
    left = token.left_edge.i
    right = token.i
    for child in token.rights:
        if child.dep_ == "amod" and any(c.dep_ == "prep" for c in child.children):
            break  # "holds the Front responsible for the assassination"
        if child.dep_ in ("compound", "amod", "nummod", "flat") or child.dep_ == "prep" and child.lower_ == "of" and child.i == right + 1:
            right = max(right, child.right_edge.i)
    while left < token.i and doc[left].dep_ in ("punct", "cc", "prep", "mark", "advmod", "case") and doc[left].lower_ not in ("at",):
        left += 1
    span = doc[left : right + 1]
    # cut at a comma or a relative pronoun inside the span
    for t in span:
        if t.i > token.i and t.text in (",", "(", "--", "—"):
            span = doc[span.start : t.i]
            break
    return span


def _person_name(span: Span) -> Span:
    """A named person without the titles before the name: 'Antioquia department governor
    Antonio Roldan Betancur' -> 'Antonio Roldan Betancur' (the title is a description)."""
    for ent in entities(span.doc):
        if ent.label_ == "PERSON" and span.start <= ent.start and ent.end <= span.end and ent.end == span.end:
            return ent
    return span


def _strip_determiners(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    while start < end and (doc[start].lower_ in ("the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those") or doc[start].is_punct):
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def _dedupe(args: list[ArgMention]) -> list[ArgMention]:
    seen: dict[tuple[str, int, int], ArgMention] = {}
    out = []
    for arg in args:
        key = (arg.role, arg.start, arg.end)
        if key in seen:
            prev = seen[key]
            if arg.role == "perpetrator" and arg.status != prev.status and arg.status in (Status.CLAIMED, Status.NEGATED):
                prev.status = arg.status  # keep the stronger claim: 'claimed' over a generic 'reported'
            continue
        seen[key] = arg
        out.append(arg)
    return out
