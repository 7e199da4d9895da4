"""Event mentions: the words that say an attack (or a riot, a kidnapping ...) happened.

Each mention carries its event class (see ``lexicon.EVENT_CLASSES``), its stage of
execution (accomplished / attempted / threatened / planned), its status, and the weapon
type the trigger itself implies ("shot" -> Firearms).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from incidents.extractors.casualties import FINDING_VERBS, found_bodies
from incidents.extractors.lexicon import EVENT_NOUNS, EVENT_VERBS, IMPLIED_WEAPONS, WEAPONS
from incidents.extractors.mentions import EventMention
from incidents.extractors.status import clause_status
from incidents.model import Stage, Status

# Compound modifiers that say what kind of attack a noun like "attack" is.
_MODIFIER_CLASS = {
    "bomb": "bombing",
    "car": "bombing",
    "suicide": "bombing",
    "grenade": "bombing",
    "rocket": "shelling",
    "missile": "shelling",
    "mortar": "shelling",
    "artillery": "shelling",
    "arson": "arson",
    "knife": "unarmed_assault",
    "gun": "armed_assault",
    "armed": "armed_assault",
    "terrorist": "attack",
    "air": "airstrike",
    "drone": "airstrike",
    "acid": "unarmed_assault",
}

_ATTEMPT_WORDS = {
    "discover",
    "discovered",
    "find",
    "found",
    "detect",
    "detected",
    "attempt",
    "attempted",
    "try",
    "fail",
    "failed",
    "foil",
    "foiled",
    "thwart",
    "thwarted",
    "defuse",
    "defused",
    "disarm",
    "disarmed",
    "dispose",
    "disposed",
    "deactivate",
    "deactivated",
    "dismantle",
    "dismantled",
    "unexploded",
    "frustrate",
    "frustrated",
    "prevent",
    "prevented",
}
_THREAT_WORDS = {"threaten", "threatened", "threat", "warn", "vow"}
_PLAN_WORDS = {"plan", "planned", "plot", "plotting", "prepare", "preparing", "intend", "conspire", "conspiracy", "approve", "authorize", "authorise", "order"}

# Nouns that only name an event in the right company.
_WEAK_NOUNS = {"fire", "incident", "strike", "march", "rally", "offensive", "bomb"}
_WEAK_VERBS = {"fire", "set", "blow", "destroy", "damage", "march", "rally", "fight", "beat", "hack", "steal", "burn", "execute", "strike"}


def find_events(doc: Doc) -> list[EventMention]:
    """Every event mention in the document, in text order."""
    found: list[EventMention] = []
    for token in doc:
        cls = _event_class(token)
        if cls is None:
            continue
        noun = token.pos_ in ("NOUN", "PROPN")
        start, end = token.idx, token.idx + len(token.text)
        if not noun:
            for child in token.children:
                if child.dep_ == "prt":
                    end = max(end, child.idx + len(child.text))
            if cls == "arson" and token.lemma_.lower() == "set":
                for t in token.subtree:
                    if t.i > token.i and t.lower_ in ("fire", "ablaze", "alight"):
                        end = max(end, t.idx + len(t.text))
        found.append(
            EventMention(
                trigger=token.i,
                cls=cls,
                sent=token.sent.start,
                start=start,
                end=end,
                stage=_stage(token),
                status=_status(token),
                noun=noun,
                weapon_hint=_implied_weapon(token) if not _has_weapon_object(token) else None,
            )
        )
    return found


def _event_class(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    low = token.lower_
    if token.ent_type_ in ("DATE", "TIME", "PERSON", "GPE", "LOC"):
        return None
    if lemma == "life" and token.dep_ == "dobj" and token.head.lemma_.lower() in ("take", "claim", "cost"):
        return "killing"
    if token.pos_ == "VERB":
        if lemma == "open" and any(c.lower_ == "fire" for c in token.children):
            return "armed_assault"
        if lemma == "launch" and (weapon := _weapon_event(token, "throw")):
            return "shelling" if weapon == "bombing" else weapon  # "launched a rocket at a kibbutz"
        if lemma in FINDING_VERBS and found_bodies(token):
            return "killing"  # "the bodies of three men were found": someone killed them
        if lemma == "carry" or lemma == "launch" or lemma == "stage":
            return None  # the object noun ("carried out an attack") is the trigger
        if lemma == "set" and any(c.dep_ == "prt" and c.lower_ == "off" for c in token.children):
            return _weapon_event(token, "throw")  # "set off three bombs"
        if lemma in _WEAPON_VERBS:
            found = _weapon_event(token, lemma)
            if found is not None or lemma not in ("injure", "wound", "hurt", "kill"):
                return found
            return "attack" if lemma != "kill" else EVENT_VERBS.get(lemma)  # "gunmen injured a cable operator"
        if lemma not in EVENT_VERBS:
            return None
        if lemma == "set":
            objs = {c.lower_ for c in token.subtree}
            return "arson" if "fire" in objs or "ablaze" in objs or "alight" in objs else None
        if lemma == "blow":
            return "bombing" if any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children) else None
        if lemma == "go":
            # "the device went off"
            if any(c.dep_ == "prt" and c.lower_ == "off" for c in token.children):
                subjects = [c for c in token.children if c.dep_ == "nsubj"]
                return "bombing" if any(_weapon_category(c) == "Explosives" or c.lemma_.lower() in ("device", "charge") for c in subjects) else None
            return None
        if lemma == "knock":
            return "facility_attack" if any(c.dep_ == "prt" and c.lower_ == "down" for c in token.children) else None
        if lemma == "fire":
            objs = [c for c in token.children if c.dep_ in ("dobj", "prep")]
            if not objs:
                return "armed_assault" if token.tag_ in ("VBD", "VBN") else None
            texts = {t.lower_ for o in objs for t in o.subtree}
            if texts & {"rocket", "rockets", "missile", "missiles", "mortar", "mortars", "shell", "shells"}:
                return "shelling"
            return "armed_assault"
        if lemma in ("destroy", "damage"):
            return None
        if lemma in ("march", "rally", "fight", "beat", "hack", "steal", "strike") and token.dep_ == "amod":
            return None
        return EVENT_VERBS[lemma]
    if low == "shot" and _verb_shot(token):
        return "armed_assault"  # "a sniper shot dead two policemen", tagged as a noun
    if token.pos_ in ("NOUN", "PROPN"):
        key = lemma if lemma in EVENT_NOUNS else low
        if key not in EVENT_NOUNS:
            return None
        if token.dep_ == "compound" and token.head.lemma_.lower() in EVENT_NOUNS:
            return None  # "bomb attack": the head carries the event
        if token.dep_ == "compound":
            return None  # "shooting victim", "protest leader"
        cls = EVENT_NOUNS[key]
        if key == "fire":
            head = token.head
            if head.lemma_.lower() in ("open", "set", "exchange") or (head.dep_ == "prep" and head.head.lemma_.lower() == "set"):
                return None  # handled on the verb
            return "arson" if any(c.lower_ in ("set", "arson") for c in token.children) else None
        if key == "bomb":
            return None  # a bomb is a weapon; the verb ("exploded") is the event
        if key == "sit":
            nxt = token.doc[token.i + 1 : token.i + 3]
            return "protest" if len(nxt) == 2 and nxt[0].text == "-" and nxt[1].lower_ == "in" else None
        if key in ("demonstrator", "protester", "protestor"):
            return cls if token.dep_ in ("nsubj", "nsubjpass", "dobj") else None
        if key == "operation":
            mods = {c.lemma_.lower() for c in token.subtree}
            return "battle" if mods & {"military", "army", "joint", "security", "offensive", "counterinsurgency", "fardc", "monusco", "troop", "soldier", "against"} else None
        if key == "strike":
            mods = {c.lower_ for c in token.children}
            head = token.head
            if head.lemma_.lower() in ("go", "stage", "hold", "call", "launch", "begin", "start", "observe", "continue") or (head.lower_ == "on" and head.head.lemma_.lower() == "go"):
                return "strike"
            if mods & {"air", "drone", "missile", "rocket", "artillery"}:
                return "airstrike"
            if mods & {"armed", "general", "national", "labor", "labour", "workers", "hunger"}:
                return "strike"
            return None
        if key in ("march", "rally"):
            return cls if token.dep_ in ("nsubj", "dobj", "pobj", "nsubjpass") else None
        for child in token.children:
            if child.dep_ in ("compound", "amod", "nmod"):
                mod = child.lemma_.lower()
                if mod in _MODIFIER_CLASS:
                    return _MODIFIER_CLASS[mod]
                if child.lower_ in WEAPONS:
                    return "bombing" if WEAPONS[child.lower_][0] == "Explosives" else cls
        return cls
    return None


# Verbs that are an event only with a weapon as object or subject: "threw a grenade",
# "a rocket struck a house", "planted a bomb", "defused an explosive device".
_WEAPON_VERBS = {"throw", "hurl", "lob", "plant", "place", "leave", "send", "deliver", "disarm", "dispose", "strike", "hit", "land", "defuse", "discover", "find", "detect", "dismantle", "deactivate", "use", "damage", "destroy", "cause", "shatter", "injure", "wound", "kill", "hurt"}
# verbs whose *subject* (or agent) is the weapon: "a bomb damaged the office"
_WEAPON_SUBJECT_VERBS = {"strike", "hit", "land", "damage", "destroy", "cause", "shatter", "injure", "wound", "kill", "hurt"}
_WEAPON_CLASS = {"Explosives": "bombing", "Incendiary": "arson", "Firearms": "armed_assault", "Melee": "armed_assault"}


def _implied_weapon(token: Token) -> str | None:
    """The weapon type an event word implies: "shot" firearms, "opened fire" firearms,
    "blew up" explosives."""
    lemma = token.lemma_.lower()
    if lemma == "open" and any(c.lower_ == "fire" for c in token.children):
        return "Firearms"
    if lemma == "blow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children):
        return "Explosives"
    return IMPLIED_WEAPONS.get(lemma)


def _weapon_event(token: Token, lemma: str) -> str | None:
    deps = ("nsubj", "agent") if lemma in _WEAPON_SUBJECT_VERBS else ("dobj", "nsubjpass")
    children = []
    for child in token.children:
        if child.dep_ == "agent":
            children.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in deps:
            children.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of" and lemma == "dispose":
            children.extend(c for c in child.children if c.dep_ == "pobj")  # "disposed of a bomb"
    if token.dep_ == "acl" and lemma not in _WEAPON_SUBJECT_VERBS:
        children.append(token.head)  # "a bomb found in front of a radio station"
    for child in children:
        category = _weapon_category(child)
        if category in _WEAPON_CLASS:
            if lemma in _WEAPON_SUBJECT_VERBS and category == "Explosives":
                return "shelling" if _weapon_key(child) in _PROJECTILES else "bombing"
            return _WEAPON_CLASS[category]
    return None


_PROJECTILES = {"rocket", "rockets", "missile", "missiles", "mortar", "mortars", "shell", "shells", "mortar shell", "mortar shells"}


def _weapon_key(token: Token) -> str:
    words = [c.lower_ for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i] + [token.lower_]
    return " ".join(words)


def _weapon_category(token: Token) -> str | None:
    key = _weapon_key(token)
    words = key.split()
    candidates = [" ".join(words[i:]) for i in range(len(words))] + [token.lemma_.lower()]
    for candidate in candidates:
        if candidate in WEAPONS:
            return WEAPONS[candidate][0]
    return None


def _has_weapon_object(token: Token) -> bool:
    """'fired rockets', 'rockets were fired': the weapon is named, the event word implies none
    ('a police vehicle was fired on' names no weapon)."""
    return any(t.lower_ in WEAPONS and WEAPONS[t.lower_][0] != _VEHICLE for t in token.children)


_VEHICLE = WEAPONS["vehicle"][0]


def _verb_shot(token: Token) -> bool:
    """'shot' the tagger read as a noun where it is the verb: 'shot dead', 'shot and killed'."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    after = [t.lower_ for t in token.doc[token.i + 1 : token.i + 3]]
    return bool(after) and (after[0] in ("dead", "down") or after[:1] == ["and"] and len(after) > 1 and after[1] in ("killed", "wounded", "injured"))


def _stage(token: Token) -> Stage:
    if token.pos_ == "VERB" and token.lemma_.lower() in FINDING_VERBS and found_bodies(token):
        return Stage.ACCOMPLISHED  # a killing told by its bodies, not a bomb found in time
    words = {token.lemma_.lower()}
    for anc in list(token.ancestors)[:3]:
        words.add(anc.lemma_.lower())
        words.add(anc.lower_)
    for child in token.children:
        words.add(child.lemma_.lower())
        words.add(child.lower_)
    if token.head.lower_ == "to" or any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        words.add(token.head.head.lemma_.lower())
    if words & _ATTEMPT_WORDS:
        return Stage.ATTEMPTED
    if words & _THREAT_WORDS:
        return Stage.THREATENED
    if words & _PLAN_WORDS:
        return Stage.PLANNED
    return Stage.ACCOMPLISHED


def _status(token: Token) -> Status:
    return clause_status(token)
