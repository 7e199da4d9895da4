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
