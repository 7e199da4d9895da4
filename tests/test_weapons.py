"""Weapons from real parses: named, implied by the event word, and one device told twice."""

from __future__ import annotations

import pytest

import incidents

REMOTE = "Remote Device (trigger, control, etc.)"


def _weapons(text: str) -> list[tuple[str | None, str | None]]:
    main = incidents.extract(text, published="2005-08-08").main
    assert main is not None, text
    return [(w.category, w.subcategory) for w in main.weapons]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Unknown assailants opened fire on a police officer in Nazran, killing him.", "Firearms"),
        ("Rebels blew up a bridge near Lakhimpur on Monday.", "Explosives"),
    ],
)
def test_weapon_implied_by_the_event_words(text: str, category: str) -> None:
    assert [c for c, _ in _weapons(text)] == [category]


def test_remote_trigger_told_apart_is_the_same_device() -> None:
    text = (
        "Two people were killed in a bomb blast at the railway station in Guwahati. "
        "The bomb was hidden in a piece of luggage and was detonated by remote control."
    )
    assert _weapons(text) == [("Explosives", REMOTE)]


def test_named_weapon_is_not_doubled_by_the_implied_one() -> None:
    weapons = _weapons("Gunmen shot dead a shopkeeper with an AK-47 rifle in Srinagar.")
    assert len(weapons) == 1 and weapons[0][0] == "Firearms" and weapons[0][1] is not None


def test_launching_a_rocket_is_an_attack() -> None:
    main = incidents.extract(
        "Militants launched a rocket at a kibbutz near the Israeli settlement of Sederot. No injuries were reported.",
        published="2005-08-08",
    ).main
    assert main is not None
    assert main.types.gtd == ("Bombing/Explosion",)
    assert [w.category for w in main.weapons] == ["Explosives"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # "shot" read as a noun by the tagger
        ("A sniper shot dead two policemen in Ambon. The officers were patrolling the Talake district.", "Firearms"),
        # a vehicle fired on is a target, not a named weapon
        ("A Border Police vehicle was fired on near Bet El in the West Bank. No one was hurt.", "Firearms"),
        ("Three shells were fired at the Neve Deqalim settlement. No injuries were reported.", "Explosives"),
        ("The National Liberation Army is presumed responsible for dynamiting the radio beacon of the airport in Cucuta.", "Explosives"),
        # the weapon is told in a sentence of its own, before the event word
        ("A suicide bomber drove into a group of policemen waiting for their salaries in Ramadi. Twelve people were killed.", "Explosives"),
        ("Members of the PKK killed one police officer when they attacked a checkpoint in Van Province with automatic weapons.", "Firearms"),
    ],
)
def test_weapon_found_where_the_event_words_do_not_name_it(text: str, category: str) -> None:
    assert [c for c, _ in _weapons(text)][:1] == [category]


def test_bomb_found_and_disposed_of_is_an_attempted_bombing() -> None:
    main = incidents.extract("A bomb squad disposed of a bomb found in front of a radio station in Cotabato.", published="2005-08-08").main
    assert main is not None
    assert [w.category for w in main.weapons] == ["Explosives"]
    assert str(main.stage) == "attempted"
