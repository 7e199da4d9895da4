"""ACLED event and sub-event types (ACLED Codebook 2023: six event types, 25 sub-event types)."""

from __future__ import annotations

from collections.abc import Sequence

VERSION = "acled-event-types.v1"

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

# our event class -> (event type, sub-event type)
CLASS_TO_ACLED: dict[str, tuple[str, str]] = {
    "battle": (BATTLES, "Armed clash"),
    "bombing": (REMOTE, "Remote explosive/landmine/IED"),
    "shelling": (REMOTE, "Shelling/artillery/missile attack"),
    "airstrike": (REMOTE, "Air/drone strike"),
    "kidnapping": (VAC, "Abduction/forced disappearance"),
    "hijacking": (VAC, "Abduction/forced disappearance"),
    "hostage": (VAC, "Abduction/forced disappearance"),
    "armed_assault": (VAC, "Attack"),
    "assassination": (VAC, "Attack"),
    "killing": (VAC, "Attack"),
    "unarmed_assault": (VAC, "Attack"),
    "attack": (VAC, "Attack"),
    "arson": (STRATEGIC, "Looting/property destruction"),
    "facility_attack": (STRATEGIC, "Looting/property destruction"),
    "robbery": (STRATEGIC, "Looting/property destruction"),
    "riot": (RIOTS, "Violent demonstration"),
    "protest": (PROTESTS, "Peaceful protest"),
    "strike": (PROTESTS, "Peaceful protest"),
}

_ARMED_GROUPS = {"police", "military", "security", "perpetrators"}


def event_type(classes: Sequence[str], weapons: Sequence[str], victim_groups: Sequence[str]) -> tuple[str | None, str | None]:
    if not classes:
        return None, None
    for cls in classes:
        if cls in ("bombing", "shelling", "airstrike"):
            event, sub = CLASS_TO_ACLED[cls]
            if cls == "bombing" and "Grenade" in weapons:
                sub = "Grenade"
            return event, sub
    cls = classes[0]
    if cls not in CLASS_TO_ACLED:
        return None, None
    event, sub = CLASS_TO_ACLED[cls]
    if event == VAC and sub == "Attack" and victim_groups and set(victim_groups) <= _ARMED_GROUPS:
        # an attack on armed forces is a battle in ACLED's terms
        return BATTLES, "Armed clash"
    if event in (PROTESTS,) and any(c in ("riot", "armed_assault", "killing") for c in classes):
        return RIOTS, "Violent demonstration"
    return event, sub
