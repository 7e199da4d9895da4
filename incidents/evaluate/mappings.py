"""Codebook tables that translate our output into each dataset's vocabulary.

One table per translation, documented in ``docs/evaluation.md``.  Keys are compared
case-insensitively after :func:`incidents.evaluate.names.normalize_name`.
"""

from __future__ import annotations

import re

from incidents.evaluate.names import normalize_name

# --- GTD weapon types -> RAND weapon values ----------------------------------------------

#: Our weapon ``category`` (a GTD weapon type) -> RAND's ``Weapon`` value.
RAND_WEAPON_BY_GTD = {
    "Explosives": "Explosives",
    "Firearms": "Firearms",
    "Incendiary": "Fire or Firebomb",
    "Melee": "Knives & sharp objects",
    "Chemical": "Chemical Agent",
    "Biological": "Biological Agent",
    "Radiological": "Other",
    "Nuclear": "Other",
    "Fake Weapons": "Other",
    "Vehicle": "Other",
    "Sabotage Equipment": "Other",
    "Other": "Other",
    "Unknown": "Unknown",
}

#: GTD weapon sub-types that change the RAND value of their type.
RAND_WEAPON_BY_GTD_SUBTYPE = {
    ("Explosives", "Remote Device (trigger, control, etc.)"): "Remote-detonated explosive",
    ("Explosives", "Remote Trigger"): "Remote-detonated explosive",
    ("Melee", "Blunt Object"): "Other",
    ("Melee", "Hands, Feet, Fists"): "Other",
    ("Melee", "Rope or Other Strangling Device"): "Other",
    ("Melee", "Suffocation"): "Other",
}

#: RAND values merged for the coarse weapon figure.
RAND_WEAPON_COARSE = {"Remote-detonated explosive": "Explosives"}


def gtd_weapon_type(name: str | None) -> str | None:
    """The short GTD weapon type: ``"Explosives/Bombs/Dynamite"`` -> ``"Explosives"``,
    ``"Vehicle (not to include vehicle-borne explosives, ...)"`` -> ``"Vehicle"``."""
    if not name:
        return None
    short = re.split(r"[/(]", name, maxsplit=1)[0].strip()
    return short or None


def rand_weapon(category: str | None, subcategory: str | None = None) -> str:
    """RAND's ``Weapon`` value for one of our weapons; no weapon -> ``"Unknown"``."""
    short = gtd_weapon_type(category)
    if short is None:
        return "Unknown"
    by_key = {normalize_name(k): v for k, v in RAND_WEAPON_BY_GTD.items()}
    value = by_key.get(normalize_name(short), "Other")
    for (gtd, sub), rand in RAND_WEAPON_BY_GTD_SUBTYPE.items():
        if normalize_name(gtd) == normalize_name(short) and subcategory and (
            normalize_name(sub) == normalize_name(subcategory)
        ):
            return rand
    return value


def rand_weapon_coarse(value: str | None) -> str | None:
    if value is None:
        return None
    return RAND_WEAPON_COARSE.get(value, value)


# --- ACLED: old (v6, 2016) event types -> the current taxonomy ---------------------------

#: Old ACLED ``EVENT_TYPE`` -> current event types that count as the same.
ACLED_EVENT_TYPE_V6 = {
    "Riots/Protests": ("Protests", "Riots"),
    "Violence against civilians": ("Violence against civilians",),
    "Battle-No change of territory": ("Battles",),
    "Battle-Government regains territory": ("Battles",),
    "Battle-Non-state actor overtakes territory": ("Battles",),
    "Remote violence": ("Explosions/Remote violence",),
    "Strategic development": ("Strategic developments",),
    "Non-violent transfer of territory": ("Strategic developments",),
    "Headquarters or base established": ("Strategic developments",),
}

#: Old event types that name a current sub-event type.
ACLED_SUB_EVENT_TYPE_V6 = {
    "Battle-Government regains territory": "Government regains territory",
    "Battle-Non-state actor overtakes territory": "Non-state actor overtakes territory",
    "Non-violent transfer of territory": "Non-violent transfer of territory",
    "Headquarters or base established": "Headquarters or base established",
    "Remote violence": None,  # current sub-events: Air/drone strike, Shelling/artillery/missile ...
}


def acled_current_types(old: str) -> tuple[str, ...]:
    """The current event types an old (v6) event type corresponds to; unknown -> itself."""
    for key, value in ACLED_EVENT_TYPE_V6.items():
        if normalize_name(key) == normalize_name(old):
            return value
    return (old,)


def acled_type_matches(gold_v6: str, pred: str | None) -> bool:
    if not pred:
        return False
    return normalize_name(pred) in {normalize_name(t) for t in acled_current_types(gold_v6)}


# --- MUC-4 raw keys: stage of execution and perpetrator confidence -----------------------

#: MUC-4 STAGE OF EXECUTION -> our incident ``stage``.
MUC_STAGE = {
    "ACCOMPLISHED": "accomplished",
    "ATTEMPTED": "attempted",
    "THREATENED": "threatened",
}

#: MUC-4 PERP: ORGANIZATION CONFIDENCE -> our perpetrator statuses that agree with it.
MUC_CONFIDENCE = {
    "REPORTED AS FACT": ("reported", "attributed"),
    "CLAIMED OR ADMITTED": ("claimed",),
    "SUSPECTED OR ACCUSED": ("hedged", "attributed"),
    "SUSPECTED OR ACCUSED BY AUTHORITIES": ("hedged", "attributed"),
    "POSSIBLE": ("hedged", "speculative"),
    "ACQUITTED": ("negated",),
}

# --- perpetrator statuses that make a perpetrator "given" ---------------------------------

#: Statuses of a perpetrator the MUC-4 templates take (everything but the author's
#: speculation and denials).
MUC_PERP_STATUSES = frozenset({"reported", "attributed", "claimed", "hedged"})

#: Statuses of a perpetrator that count as naming the group for GTD ``gname`` and RAND
#: ``Perpetrator``: asserted, claimed, or attributed to a source (GTD codes "sources
#: attributed the attack to X" as X).
GROUP_STATUSES = frozenset({"reported", "attributed", "claimed"})

#: The extra, lenient figure also accepts hedged ("suspected") perpetrators.
GROUP_STATUSES_WITH_HEDGED = GROUP_STATUSES | {"hedged"}
