"""ACLED event and sub-event types (ACLED Codebook 2023: six event types, 25 sub-event types)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

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


# --- fatalities --------------------------------------------------------------------------------
# ACLED codes a death toll a report gives only in words: "tens" 10, "dozens" 12, "hundreds"
# 100 (the words' own values in our figures), and, in the coding of the 2016 data, 10 for
# "several", "many", "a number of" or an unknown number of dead.  Our figures keep the words' lower bounds
# ("several" is at least 3); this table is where ACLED's convention applies.
UNCOUNTED_FATALITIES = 10
_UNCOUNTED_WORDS = frozenset({"number", "several", "many", "numerous", "some", "unknown", "unspecified", "undetermined", "undisclosed"})
_COUNTED_GROUPS = ("total", "perpetrators")


def fatalities(casualties: Sequence[Mapping[str, Any]]) -> int:
    """ACLED's FATALITIES for an incident's casualty figures (contract form): the killed
    victims and perpetrators, with a figure given only in words coded as ACLED codes it."""
    total = 0
    for group in _COUNTED_GROUPS:
        figure = next((c for c in casualties if c.get("outcome") == "killed" and c.get("group") == group), None)
        if figure is None:
            continue
        value = figure.get("value")
        value = int(value if value is not None else figure.get("min") or 0)
        if _uncounted(figure) and value < UNCOUNTED_FATALITIES:
            value = UNCOUNTED_FATALITIES
        total += value
    return total


def _uncounted(figure: Mapping[str, Any]) -> bool:
    """The figure's words give no number: 'several Al-Shabab fighters', 'an unknown number of soldiers'."""
    text = " ".join(str(e.get("text") or "") for e in figure.get("evidence") or []).lower()
    words = re.findall(r"[\w-]+", text)
    return bool(_UNCOUNTED_WORDS.intersection(words)) and not any(w.isdigit() or _NUMBER_WORD.match(w) for w in words)


_NUMBER_WORD = re.compile(r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty)$")
