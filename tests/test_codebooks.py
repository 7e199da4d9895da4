"""Codebook tables: our event classes -> GTD, ACLED and MUC-4."""

from __future__ import annotations

import pytest

import incidents
from incidents.resolve.codebooks import acled, classify, gtd, muc


@pytest.mark.parametrize(
    ("classes", "weapons", "expected"),
    [
        (["attack"], ["Firearms"], ["Armed Assault"]),
        (["attack"], ["Explosives"], ["Bombing/Explosion"]),
        (["attack"], [], ["Unknown"]),
        (["attack", "arson"], ["Firearms", "Incendiary"], ["Armed Assault", "Facility/Infrastructure Attack"]),
        (["kidnapping", "killing"], ["Firearms"], ["Hostage Taking (Kidnapping)"]),
        (["riot"], [], []),
    ],
)
def test_codebooks_gtd_attack_types(classes: list[str], weapons: list[str], expected: list[str]) -> None:
    assert gtd.attack_types(classes, weapons) == expected


def test_codebooks_gtd_hierarchy_order() -> None:
    types = gtd.attack_types(["arson", "bombing", "assassination"], [])
    assert types == ["Assassination", "Bombing/Explosion", "Facility/Infrastructure Attack"]


def test_codebooks_gtd_assassination_needs_a_prominent_target() -> None:
    assert gtd.attack_types(["armed_assault"], ["Firearms"], prominent_victim=True)[0] == "Assassination"
    assert gtd.attack_types(["kidnapping"], [], prominent_victim=True) == ["Hostage Taking (Kidnapping)"]


def test_codebooks_gtd_bombing_of_a_named_office_holder_is_an_assassination() -> None:
    assert gtd.attack_types(["bombing"], ["Explosives"], prominent_victim=True) == ["Bombing/Explosion"]
    assert gtd.attack_types(["bombing"], ["Explosives"], named_target=True)[0] == "Assassination"


@pytest.mark.parametrize(
    "text",
    [
        # the office told where the name comes again
        "Assailants opened fire on Sayed Abdul Wakel Pacha in Klahi, Nangarhar, Afghanistan. Pacha, a tribal elder, was killed in the attack.",
        "A roadside bomb detonated targeting General Niamatullah, an Afghan National Army commander, in Basharan, Helmand, Afghanistan.",
        # the owner of the vehicle the bomb was attached to
        "An explosive device attached to the vehicle of Faizullah, a former mayor, detonated in Dawlatabad district, Faryab, Afghanistan. Faizullah was killed in the blast.",
        # a name the entity recogniser takes for an organisation
        "Assailants shot and killed Focas Bakana, a ruling party official, in his residence in Kajaga, Bujumbura Rural, Burundi.",
    ],
)
def test_attack_on_a_named_office_holder_is_an_assassination(text: str) -> None:
    main = incidents.extract(text, published="2016-06-04").main
    assert main is not None and main.types.gtd[:1] == ("Assassination",), main.types


@pytest.mark.parametrize(
    ("classes", "groups", "expected"),
    [
        (["bombing"], [], ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        (["shelling"], [], ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        (["armed_assault"], ["civilians"], ("Violence against civilians", "Attack")),
        (["armed_assault"], ["police", "perpetrators"], ("Battles", "Armed clash")),
        (["protest"], [], ("Protests", "Peaceful protest")),
        (["protest", "riot"], [], ("Riots", "Violent demonstration")),
        (["kidnapping"], [], ("Violence against civilians", "Abduction/forced disappearance")),
    ],
)
def test_codebooks_acled_event_types(classes: list[str], groups: list[str], expected: tuple[str, str]) -> None:
    assert acled.event_type(classes, [], groups) == expected


@pytest.mark.parametrize(
    ("classes", "weapons", "expected"),
    [
        (["killing"], ["Firearms"], "attack"),
        (["bombing"], ["Explosives"], "bombing"),
        (["kidnapping"], [], "kidnapping"),
        (["arson"], [], "arson"),
        (["strike"], [], "forced work stoppage"),
        ([], [], None),
    ],
)
def test_codebooks_muc_incident_types(classes: list[str], weapons: list[str], expected: str | None) -> None:
    assert muc.incident_type(classes, weapons) == expected


def test_codebooks_every_class_is_mapped() -> None:
    from incidents.extractors.lexicon import EVENT_CLASSES, EVENT_NOUNS, EVENT_VERBS

    used = set(EVENT_VERBS.values()) | set(EVENT_NOUNS.values())
    assert used <= set(EVENT_CLASSES)
    for cls in EVENT_CLASSES:
        assert cls in gtd.CLASS_TO_ATTACK, cls
        assert classify([cls], [], []).acled_event_type is not None, cls
    for cls in used:
        assert cls in muc.CLASS_TO_MUC or cls in ("protest",), cls
        assert cls in acled.CLASS_TO_ACLED, cls


def _killed(group: str, value: int, text: str) -> dict:
    return {"outcome": "killed", "group": group, "value": value, "min": value, "max": None, "evidence": [{"text": text}]}


@pytest.mark.parametrize(
    ("casualties", "expected"),
    [
        ([_killed("total", 1, "An unknown number of soldiers")], 10),
        ([_killed("perpetrators", 3, "several al Shabaab fighters")], 10),
        ([_killed("perpetrators", 3, 'several" Al-Shabab fighters')], 10),
        ([_killed("total", 2, 'A "number" of Kenyan soldiers')], 10),
        ([_killed("total", 12, "dozens of villagers")], 12),
        ([_killed("total", 4, "four, including two children")], 4),
        ([_killed("total", 2, "two policemen"), _killed("perpetrators", 1, "the attacker")], 3),
        ([], 0),
    ],
)
def test_codebooks_acled_fatalities_convention(casualties: list[dict], expected: int) -> None:
    assert acled.fatalities(casualties) == expected


def test_casualties_of_an_unknown_number() -> None:
    main = incidents.extract("OLA forces attacked government soldiers in Abba Moa. An unknown number of soldiers died.", published="2016-01-10").main
    assert main is not None
    killed = [c for c in main.casualties if str(c.outcome) == "killed" and c.group == "total"]
    assert killed and (killed[0].value, str(killed[0].qualifier)) == (1, "at_least"), main.casualties
