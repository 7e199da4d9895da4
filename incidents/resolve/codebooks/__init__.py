"""Thin, table-driven maps from what was extracted to the GTD, ACLED and MUC-4 codebooks.

Each module owns one codebook and one versioned table; ``classify()`` here combines them.
The input is codebook-neutral: our own event classes (``incidents.extractors.lexicon``), the
GTD weapon types named, and the victims' groups.
"""

from __future__ import annotations

from collections.abc import Sequence

from incidents.model import EventTypes
from incidents.resolve.codebooks import acled, gtd, muc


def classify(
    classes: Sequence[str], weapons: Sequence[str], victim_groups: Sequence[str], prominent_victim: bool = False, named_target: bool = False
) -> EventTypes:
    """Event types in all three codebooks.

    Args:
        classes: event classes of the incident's mentions, most salient first.
        weapons: GTD weapon types named or implied, most salient first.
        victim_groups: casualty/victim groups ("civilians", "police", "military" ...).
        prominent_victim: a named official or public figure was the target.
        named_target: the target is a named person whose office the text gives.
    """
    gtd_types = gtd.attack_types(classes, weapons, prominent_victim, named_target)
    event_type, sub_event_type = acled.event_type(classes, weapons, victim_groups)
    return EventTypes(
        gtd=tuple(gtd_types),
        acled_event_type=event_type,
        acled_sub_event_type=sub_event_type,
        muc=muc.incident_type(classes, weapons),
    )
