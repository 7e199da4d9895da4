"""Incident segmentation: the main incident and the others an article mentions."""

from __future__ import annotations

import incidents


def test_grouping_background_incident_by_date_and_place() -> None:
    text = (
        "Gunmen attacked a police station in Kandahar on Monday, killing four officers.\n\n"
        "The attackers fled. Police said they were searching the area.\n\n"
        "In March 2019, a suicide bombing in Kabul killed 12 people."
    )
    result = incidents.extract(text, published="2020-05-13")
    assert len(result.incidents) == 2
    main, other = result.incidents
    assert main.main and not other.main
    assert main.date is not None and main.date.start == "2020-05-11"
    assert other.date is not None and other.date.start.startswith("2019-03") and str(other.date.precision) == "month"
    assert [p.name for p in other.locations] == ["Kabul"]
    assert main.total(incidents.model.Outcome.KILLED).value == 4
    assert other.total(incidents.model.Outcome.KILLED).value == 12
    assert other.types.gtd[0] == "Bombing/Explosion"


def test_grouping_follow_up_sentences_stay_with_the_main_incident() -> None:
    text = (
        "A bomb exploded at a market in Peshawar on Friday. "
        "The blast killed seven people and wounded 20 others, officials said. "
        "The explosion damaged several shops."
    )
    result = incidents.extract(text, published="2020-05-10")
    assert len(result.incidents) == 1
    (main,) = result.incidents
    assert main.total(incidents.model.Outcome.KILLED).value == 7
    assert main.total(incidents.model.Outcome.INJURED).value == 20


def test_grouping_no_event_no_incident() -> None:
    result = incidents.extract("The city council approved a new budget for schools on Tuesday.", published="2020-05-10")
    assert result.incidents == ()


def test_grouping_truecased_wire_text_keeps_offsets() -> None:
    text = "BOGOTA, 9 NOV 89 (EFE) -- [TEXT] URBAN GUERRILLAS BOMBED A POWER TOWER IN MEDELLIN YESTERDAY, POLICE SAID."
    result = incidents.extract(text)
    main = result.main
    assert main is not None
    assert main.types.muc == "bombing"
    assert main.date is not None and main.date.start == "1989-11-08"
    for weapon in main.weapons:
        for ev in weapon.evidence:
            assert text[ev.start : ev.end] == ev.text
    for target in main.targets:
        assert text[target.evidence[0].start : target.evidence[0].end] == target.text
