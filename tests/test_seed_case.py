"""The seed case end to end: every fact of expected.json found, none of its must_not."""

from __future__ import annotations

from typing import Any

import pytest

from incidents.resolve.gazetteer import distance_km
from incidents.schema import validation_errors


def _incident_at(result: dict[str, Any], place: str) -> dict[str, Any]:
    for inc in result["incidents"]:
        if any(p["name"] == place for p in inc["locations"]):
            return inc
    raise AssertionError(f"no incident located in {place}: {[i['locations'] for i in result['incidents']]}")


def _overlaps(evidence: list[dict[str, Any]], text: str, needle: str) -> bool:
    start = text.index(needle)
    end = start + len(needle)
    return any(e["start"] < end and start < e["end"] for e in evidence)


def _casualty(inc: dict[str, Any], outcome: str, group: str) -> dict[str, Any] | None:
    return next((c for c in inc["casualties"] if c["outcome"] == outcome and c["group"] == group), None)


@pytest.fixture(scope="module")
def main(seed_result: dict[str, Any]) -> dict[str, Any]:
    mains = [i for i in seed_result["incidents"] if i["main"]]
    assert len(mains) == 1
    return mains[0]


def test_seed_output_is_valid_contract(seed_result: dict[str, Any]) -> None:
    assert validation_errors(seed_result) == []
    assert len(seed_result["incidents"]) == 4


def test_seed_main_incident_date_and_places(main: dict[str, Any], seed_expected: dict[str, Any], seed_result: dict[str, Any]) -> None:
    gold = seed_expected["incidents"][0]
    assert main["date"]["start"] == gold["date"]
    assert main["date"]["precision"] == gold["date_precision"]
    assert _overlaps(main["date"]["evidence"], seed_result["text"], gold["date_evidence"])
    for place in gold["places"]:
        found = [p for p in main["locations"] if p["name"] == place["name"]]
        assert found, place["name"]
        p = found[0]
        assert p["country_code"] == "RU" and p["admin1"] == gold["admin1"]
        assert distance_km(p["lat"], p["lon"], place["lat"], place["lon"]) <= gold["coordinate_tolerance_km"]


def test_seed_main_incident_types_targets_weapons(main: dict[str, Any], seed_expected: dict[str, Any], seed_result: dict[str, Any]) -> None:
    gold = seed_expected["incidents"][0]
    assert set(gold["attack_types_gtd"]) <= set(main["types"]["gtd"])
    assert main["types"]["gtd"][0] == gold["attack_types_gtd"][0]
    for target in gold["targets"]:
        found = [t for t in main["targets"] if target["text"].endswith(t["text"])]
        assert found, target["text"]
        assert found[0]["category"] == target["category_gtd"]
        assert found[0]["count"] == target["count"]
    for weapon in gold["weapons"]:
        found = [w for w in main["weapons"] if w["category"] == weapon["category_gtd"]]
        assert found, weapon
        assert _overlaps(found[0]["evidence"], seed_result["text"], weapon["evidence"])


def test_seed_main_incident_casualties(main: dict[str, Any], seed_expected: dict[str, Any]) -> None:
    gold = seed_expected["incidents"][0]
    killed = _casualty(main, "killed", "total")
    assert killed is not None
    assert (killed["value"], killed["qualifier"]) == (gold["killed"]["value"], "at_least")
    for part in gold["killed"]["breakdown"][:2]:
        found = _casualty(main, "killed", part["group"])
        assert found is not None and found["value"] == part["value"], part
    injured = _casualty(main, "injured", "total")
    assert injured is not None and injured["value"] == gold["injured"]["value"]
    perps = _casualty(main, "killed", "perpetrators")
    assert perps is not None and perps["value"] == gold["perpetrators_killed"]["value"]


def test_seed_main_incident_perpetrators(main: dict[str, Any], seed_expected: dict[str, Any], seed_result: dict[str, Any]) -> None:
    gold = seed_expected["incidents"][0]
    group = gold["perpetrator_group"]
    denied = [p for p in main["perpetrators"] if p["status"] == group["status"]]
    assert denied and _overlaps(denied[0]["evidence"], seed_result["text"], group["evidence"])
    for person in gold["perpetrator_individuals"]:
        found = [p for p in main["perpetrators"] if p["kind"] == "individual" and person["text"].endswith(p["text"])]
        assert found and found[0]["status"] == person["status"], person


def test_seed_must_not(seed_result: dict[str, Any]) -> None:
    forbidden = ("united states", "nato", "imperialist", "ukrain", "u.s.")
    for inc in seed_result["incidents"]:
        for perp in inc["perpetrators"]:
            low = perp["text"].lower()
            assert not any(f in low for f in forbidden), perp
            assert low not in ("magomed omarov", "omarov"), perp
    main = next(i for i in seed_result["incidents"] if i["main"])
    killed = _casualty(main, "killed", "total")
    assert killed is not None and killed["value"] != 26


@pytest.mark.parametrize(
    ("place", "date", "precision", "killed", "qualifier"),
    [
        ("Sevastopol", None, None, 4, "exact"),
        ("Moscow", "2024-03", "month", 145, "at_least"),
        ("Makhachkala", "2023-10", "month", None, None),
    ],
)
def test_seed_other_incidents(seed_result: dict[str, Any], place: str, date: str | None, precision: str | None, killed: int | None, qualifier: str | None) -> None:
    others = [i for i in seed_result["incidents"] if not i["main"]]
    inc = next(i for i in others if any(p["name"] == place for p in i["locations"]))
    if date is None:
        assert inc["date"] is None
    else:
        assert inc["date"]["start"].startswith(date) and inc["date"]["precision"] == precision
    total = _casualty(inc, "killed", "total")
    if killed is None:
        assert total is None
    else:
        assert total is not None and (total["value"], total["qualifier"]) == (killed, qualifier)


def test_seed_background_types(seed_result: dict[str, Any]) -> None:
    others = [i for i in seed_result["incidents"] if not i["main"]]
    strike = next(i for i in others if any(p["name"] == "Sevastopol" for p in i["locations"]))
    assert strike["types"]["gtd"][0] == "Bombing/Explosion"
    assert any(w["text"] == "missile" for w in strike["weapons"])
    riot = next(i for i in others if i["date"] and i["date"]["start"].startswith("2023-10"))
    assert riot["types"]["acled"]["event_type"] == "Riots"


@pytest.mark.parametrize(
    ("speaker", "statuses", "evidence"),
    [
        ("Lavrov", {"attributed", "hedged"}, "were likely synchronized"),
        ("media reports", {"attributed"}, "the attacks were well organized"),
        ("author", {"speculative"}, "the imperialist powers were involved"),
        ("author", {"speculative"}, "the attack of militants in Dagestan was in the interests of the United States"),
        ("Financial Times", {"attributed"}, "had helped incite the riot"),
        ("New York Times", {"attributed", "hedged"}, "Biden was unlikely to take such a step"),
        ("", {"attributed", "hedged"}, "Western special services were involved"),
    ],
)
def test_seed_statements(seed_result: dict[str, Any], speaker: str, statuses: set[str], evidence: str) -> None:
    text = seed_result["text"]
    found = [
        s
        for s in seed_result["statements"]
        if speaker in s["speaker"] and s["status"] in statuses and _overlaps(s["evidence"], text, evidence)
    ]
    assert found, [(s["speaker"], s["status"], s["text"][:60]) for s in seed_result["statements"]]


def test_seed_lavrov_statement_role_and_date(seed_result: dict[str, Any]) -> None:
    lavrov = next(s for s in seed_result["statements"] if "Lavrov" in s["speaker"])
    assert lavrov["speaker_role"] == "Russian Foreign Minister"
    assert lavrov["date"] == "2024-06-25"
    assert lavrov["status"] == "hedged"


def test_seed_speculation_fills_no_field(seed_result: dict[str, Any]) -> None:
    text = seed_result["text"]
    speculative = [s for s in seed_result["statements"] if s["status"] == "speculative"]
    assert speculative
    spans = [(e["start"], e["end"]) for s in speculative for e in s["evidence"]]
    for inc in seed_result["incidents"]:
        for key in ("perpetrators", "targets", "victims", "weapons"):
            for item in inc[key]:
                for ev in item["evidence"]:
                    inside = any(s <= ev["start"] and ev["end"] <= e for s, e in spans)
                    assert not inside, (key, item, text[ev["start"] : ev["end"]])
