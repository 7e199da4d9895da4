"""MUC-4 incident types (slot 4, INCIDENT: TYPE).

MUC-4 codes ATTACK, BOMBING, KIDNAPPING, ARSON, ROBBERY, FORCED WORK STOPPAGE (plus
DEATH THREAT / BOMB THREAT, folded into the first six by the GTT/GRIT processing).
"""

from __future__ import annotations

from collections.abc import Sequence

VERSION = "muc4-incident-types.v1"

CLASS_TO_MUC: dict[str, str] = {
    "bombing": "bombing",
    "kidnapping": "kidnapping",
    "hijacking": "kidnapping",
    "hostage": "kidnapping",
    "arson": "arson",
    "robbery": "robbery",
    "strike": "forced work stoppage",
    "shelling": "attack",
    "airstrike": "attack",
    "armed_assault": "attack",
    "assassination": "attack",
    "killing": "attack",
    "attack": "attack",
    "battle": "attack",
    "unarmed_assault": "attack",
    "facility_attack": "attack",
    "riot": "attack",
}

# When the words say "attack" but the weapon says more.
_PRIORITY = ("kidnapping", "bombing", "arson", "robbery", "forced work stoppage", "attack")


def incident_type(classes: Sequence[str], weapons: Sequence[str]) -> str | None:
    if not classes:
        return None
    first = CLASS_TO_MUC.get(classes[0])
    mapped = [CLASS_TO_MUC[c] for c in classes if c in CLASS_TO_MUC]
    if not mapped:
        return None
    if first in ("kidnapping", "bombing", "arson", "robbery", "forced work stoppage"):
        return first
    if first == "attack" and classes[0] in ("attack", "killing") and weapons and weapons[0] == "Explosives" and "bombing" in mapped:
        return "bombing"
    return first or mapped[0]
