"""GTD attack types (GTD Codebook, 2021 revision, section "Attack Type").

GTD codes the attack types present and orders them by its hierarchy: Assassination,
Hijacking, Kidnapping, Barricade Incident, Bombing/Explosion, Armed Assault, Unarmed
Assault, Facility/Infrastructure Attack, Unknown.
"""

from __future__ import annotations

from collections.abc import Sequence

VERSION = "gtd-attack-types.v1"

HIERARCHY = (
    "Assassination",
    "Hijacking",
    "Hostage Taking (Kidnapping)",
    "Hostage Taking (Barricade Incident)",
    "Bombing/Explosion",
    "Armed Assault",
    "Unarmed Assault",
    "Facility/Infrastructure Attack",
    "Unknown",
)

# our event class -> GTD attack type (None: decided by the weapon)
CLASS_TO_ATTACK: dict[str, str | None] = {
    "bombing": "Bombing/Explosion",
    "shelling": "Bombing/Explosion",
    "airstrike": "Bombing/Explosion",
    "armed_assault": "Armed Assault",
    "battle": "Armed Assault",
    "assassination": "Assassination",
    "kidnapping": "Hostage Taking (Kidnapping)",
    "hostage": "Hostage Taking (Barricade Incident)",
    "hijacking": "Hijacking",
    "arson": "Facility/Infrastructure Attack",
    "facility_attack": "Facility/Infrastructure Attack",
    "unarmed_assault": "Unarmed Assault",
    "robbery": None,
    "killing": None,
    "attack": None,
    "riot": None,
    "protest": None,
    "strike": None,
}

# GTD weapon type -> the attack type it implies when the event word does not say
WEAPON_TO_ATTACK: dict[str, str] = {
    "Explosives": "Bombing/Explosion",
    "Firearms": "Armed Assault",
    "Melee": "Armed Assault",
    "Incendiary": "Facility/Infrastructure Attack",
    "Chemical": "Unarmed Assault",
    "Biological": "Unarmed Assault",
    "Vehicle (not to include vehicle-borne explosives, i.e., car or truck bombs)": "Unarmed Assault",
}


# Events GTD does not code as terrorist attacks: when one of these leads, no GTD type.
NOT_ATTACKS = {"riot", "protest", "strike"}


def attack_types(classes: Sequence[str], weapons: Sequence[str], prominent_victim: bool = False, named_target: bool = False) -> list[str]:
    if classes and classes[0] in NOT_ATTACKS:
        return []
    found: set[str] = set()
    for cls in classes:
        mapped = CLASS_TO_ATTACK.get(cls)
        if mapped:
            found.add(mapped)
    if not found or found <= {"Facility/Infrastructure Attack"}:
        for weapon in weapons:
            mapped = WEAPON_TO_ATTACK.get(weapon)
            if mapped:
                found.add(mapped)
                break
    kidnap = found & {"Hostage Taking (Kidnapping)", "Hijacking", "Hostage Taking (Barricade Incident)"}
    if prominent_victim and not kidnap and (found & {"Armed Assault", "Unknown"} or "killing" in classes):
        # GTD: an attack aimed at a specific prominent person is an assassination
        found.add("Assassination")
    elif named_target and not kidnap and "Bombing/Explosion" in found:
        # a bomb aimed at one named office holder ("detonated targeting Colonel X")
        found.add("Assassination")
    if not found and any(c in ("attack", "killing", "robbery") for c in classes):
        found.add("Unknown")
    return [t for t in HIERARCHY if t in found]
