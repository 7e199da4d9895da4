"""Mention-level records the extractors produce and the incident builder groups.

These live only inside ``incidents.extractors``: they hold token indices into the spaCy Doc,
which never leaves the extraction stage.  ``incidents.extractors.document`` turns them into
``incidents.model`` objects with Evidence spans.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from incidents.model import Stage, Status


@dataclass(slots=True)
class Span_:
    """Character offsets into the article text."""

    start: int
    end: int


@dataclass(slots=True)
class EventMention:
    trigger: int  # token index
    cls: str  # event class, see lexicon.EVENT_CLASSES
    sent: int  # sentence index
    start: int
    end: int
    stage: Stage = Stage.ACCOMPLISHED
    status: Status = Status.REPORTED
    noun: bool = False
    weapon_hint: str | None = None  # GTD weapon type implied by the trigger


@dataclass(slots=True)
class CasualtyMention:
    outcome: str  # killed | injured | kidnapped | missing | arrested
    group: str  # total | civilians | police | military | perpetrators | ...
    value: int | None
    min: int | None
    max: int | None
    qualifier: str
    status: Status
    sent: int
    trigger: int  # token index of the outcome word
    spans: list[Span_]
    clause: int  # id shared by the mentions of one coordinated phrase
    role: str = "item"  # item | total | breakdown | included
    text: str = ""  # the noun phrase of the people counted
    hit: bool = False  # "shot"/"stabbed": wounded or killed, the text does not say which
    more: bool = False  # told as more people than those counted before ("were also killed")


@dataclass(slots=True)
class ArgMention:
    role: str  # perpetrator | target | victim | weapon
    text: str
    start: int
    end: int
    sent: int
    trigger: int | None  # token index of the event it belongs to, if known
    category: str | None = None
    subcategory: str | None = None
    kind: str = "unknown"  # perpetrators: organization | individual | unknown
    status: Status = Status.REPORTED
    count: int | None = None
    extra: dict[str, object] = field(default_factory=dict)
