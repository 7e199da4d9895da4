"""Tests of the evaluation harness: metrics on hand-built examples, dataset readers on
tiny made-up files in the real formats, the ``incidents eval`` command end to end, the
CI gate script, and (marked ``shared``) a few rows of each real dataset."""

from __future__ import annotations

import csv
import itertools
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from incidents.cli import cli
from incidents.errors import EvaluationError
from incidents.evaluate import DATASETS, evaluate, get_dataset, load_examples, render_text
from incidents.evaluate import predict as p
from incidents.evaluate.datasets import acled, gtd, gva, muc4, rand
from incidents.evaluate.datasets.base import select
from incidents.evaluate.mappings import acled_type_matches, rand_weapon
from incidents.evaluate.metrics import (
    PRF,
    haversine_km,
    max_bipartite_matching,
    max_weight_assignment,
    most_frequent,
    within_km,
)
from incidents.evaluate.names import (
    group_matches,
    normalize_filler,
    normalize_name,
    place_key,
    place_matches,
)
from incidents.evaluate.scoring import Field, constant, key, modal, score_fields
from incidents.evaluate.templates import (
    Template,
    gold_template,
    predicted_templates,
    score_corpus,
    score_document,
)

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
shared = [
    pytest.mark.shared,
    pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not present"),
]


# --- contract-shaped helpers -----------------------------------------------------------

def casualty(outcome: str, group: str, value: int | None, minimum: int | None = None) -> dict[str, Any]:
    return {"outcome": outcome, "group": group, "value": value, "min": minimum, "max": None,
            "qualifier": "exact", "status": "reported", "evidence": []}


def incident(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "a/1", "main": True, "status": "reported", "stage": "accomplished",
        "locations": [], "types": {"gtd": [], "acled": None, "muc": None},
        "perpetrators": [], "targets": [], "victims": [], "weapons": [], "casualties": [],
    }
    base.update(fields)
    return base


def doc(*incidents: dict[str, Any]) -> dict[str, Any]:
    return {"schema": "incidents/v1", "id": "a", "incidents": list(incidents)}


def perp(text: str, kind: str = "organization", status: str = "reported") -> dict[str, Any]:
    return {"text": text, "kind": kind, "status": status, "evidence": []}


def entity(text: str, start: int = 0, category: str | None = None) -> dict[str, Any]:
    return {"text": text, "category": category, "count": None,
            "evidence": [{"start": start, "end": start + len(text), "text": text}]}


# --- metrics ---------------------------------------------------------------------------

def test_metrics_prf_micro_arithmetic() -> None:
    total = PRF(2, 4, 2, 5) + PRF(1, 1, 1, 3)
    assert (total.p_num, total.p_den, total.r_num, total.r_den) == (3, 5, 3, 8)
    assert total.precision == pytest.approx(0.6)
    assert total.recall == pytest.approx(0.375)
    assert total.f1 == pytest.approx(2 * 0.6 * 0.375 / (0.6 + 0.375))
    assert PRF().f1 == 0.0 and PRF(0, 3, 0, 0).precision == 0.0


def test_metrics_assignment_maximises_total_score() -> None:
    scores = [[3, 1, 0], [3, 2, 0]]
    assert max_weight_assignment(scores) == [(0, 0), (1, 1)]
    # rectangular the other way round, and zero-score pairs are not reported
    assert max_weight_assignment([[0, 0], [0, 5], [4, 0]]) == [(1, 1), (2, 0)]
    assert max_weight_assignment([]) == [] and max_weight_assignment([[0]]) == []


def test_metrics_assignment_matches_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(200):
        rows, cols = rng.randint(1, 4), rng.randint(1, 4)
        scores = [[rng.randint(0, 5) for _ in range(cols)] for _ in range(rows)]
        best = 0
        for perm in itertools.permutations(range(max(rows, cols)), rows):
            best = max(best, sum(scores[r][c] for r, c in enumerate(perm) if c < cols))
        pairs = max_weight_assignment(scores)
        assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs})
        assert sum(scores[r][c] for r, c in pairs) == best


def test_metrics_bipartite_matching_is_one_to_one() -> None:
    # fillers 0 and 1 can only match entity 0; filler 2 matches 0 or 1
    assert max_bipartite_matching([[0], [0], [0, 1]], 2) == [(0, 0), (2, 1)]
    assert max_bipartite_matching([[], []], 0) == []


def test_metrics_haversine_distances() -> None:
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.6, abs=1.0)
    assert haversine_km(10.0, 20.0, 10.0, 20.0) == 0.0
    # one degree of latitude is about 111 km
    assert haversine_km(0.0, 30.0, 1.0, 30.0) == pytest.approx(111.2, abs=0.2)


def test_metrics_most_frequent_first_seen_on_ties() -> None:
    assert most_frequent(["b", "a", "a", "b", None, None, None]) == "b"
    assert most_frequent([]) is None


# --- names -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The Farabundo Marti National Liberation Front (FMLN)",
     "farabundo marti national liberation front fmln"),
    ('"SANTO TOMAS" PRESIDENTIAL FARM', "santo tomas presidential farm"),
    ("an  army   patrol.", "army patrol"),
    ("Bogotá", "bogota"),
])
def test_names_normalize_filler(text: str, expected: str) -> None:
    assert normalize_filler(text) == expected


def test_names_place_matching_counties_and_suffixes() -> None:
    assert place_key("Noble County") == "noble"
    assert place_matches("Noble County", {"name": "Noble", "admin2": None})
    assert place_matches("Madison County", {"name": "Canton", "admin2": "Madison County"})
    assert place_matches("Baghlani Jadid district", "Baghlani Jadid")
    assert place_matches("Rocky Mount", {"name": "rocky mount"})
    assert not place_matches("Chicago", {"name": "Evanston", "admin2": "Cook County"})
    assert not place_matches("Chicago", None)
    # GVA's "City (Neighbourhood)": either name; "(county)" only marks a county
    assert place_matches("Pittsburgh (Mount Oliver)", {"name": "Mount Oliver"})
    assert place_matches("Cincinnati (Fairmount)", {"name": "Cincinnati"})
    assert place_matches("Antrim (county)", {"name": "Bellaire", "admin2": "Antrim County"})
    assert not place_matches("Cincinnati (Fairmount)", {"name": "Dayton"})
    assert place_matches("Saint Louis", {"name": "St. Louis"})
    assert place_matches("Fort Worth", "Ft. Worth")
    assert not place_matches("Stockton", {"name": "St. Louis"})


@pytest.mark.parametrize(("gold", "pred", "expected"), [
    ("Tehrik-i-Taliban Pakistan (TTP)", "TTP", True),
    ("Tehrik-i-Taliban Pakistan (TTP)", "Taliban", True),
    ("Islamic State of Iraq and the Levant (ISIL)", "Islamic State", True),
    ("Islamic State of Iraq and the Levant (ISIL)", "Daesh", True),
    ("Hamas (Islamic Resistance Movement)", "Hamas", True),
    ("Revolutionary Armed Forces of Colombia (FARC)", "the FARC", True),
    ("Boko Haram", "Boko Haram militants", True),
    ("Boko Haram", "militants", False),
    ("Taliban", "Boko Haram", False),
    ("Unknown", None, True),
    ("Unknown", "Taliban", False),
    ("Taliban", None, False),
])
def test_names_group_matching(gold: str, pred: str | None, expected: bool) -> None:
    assert group_matches(gold, pred) is expected


def test_names_normalize_name_splits_hyphens() -> None:
    assert normalize_name("Tehrik-i-Taliban") == "tehrik i taliban"


# --- mappings ---------------------------------------------------------------------------

def test_mappings_rand_weapon_table() -> None:
    assert rand_weapon("Explosives") == "Explosives"
    assert rand_weapon("Explosives", "Remote Trigger") == "Remote-detonated explosive"
    assert rand_weapon("Explosives", "Remote Device (trigger, control, etc.)") == "Remote-detonated explosive"
    assert rand_weapon("Explosives/Bombs/Dynamite") == "Explosives"
    assert rand_weapon("Incendiary", "Molotov Cocktail/Petrol Bomb") == "Fire or Firebomb"
    assert rand_weapon("Melee", "Knife or Other Sharp Object") == "Knives & sharp objects"
    assert rand_weapon("Melee", "Blunt Object") == "Other"
    assert rand_weapon("Vehicle (not to include vehicle-borne explosives)") == "Other"
    assert rand_weapon(None) == "Unknown"


def test_mappings_acled_v6_types() -> None:
    assert acled_type_matches("Battle-No change of territory", "Battles")
    assert acled_type_matches("Riots/Protests", "Riots")
    assert acled_type_matches("Riots/Protests", "Protests")
    assert acled_type_matches("Remote violence", "Explosions/Remote violence")
    assert not acled_type_matches("Remote violence", "Battles")
    assert not acled_type_matches("Violence against civilians", None)


# --- predictions from contract objects --------------------------------------------------

def test_predict_count_adds_perpetrators_and_defaults_to_zero() -> None:
    inc = incident(casualties=[
        casualty("killed", "total", 21), casualty("killed", "police", 16),
        casualty("killed", "perpetrators", 5), casualty("injured", "total", None, 12),
    ])
    assert p.count(inc, "killed") == 26
    assert p.count(inc, "injured") == 12  # "at least a dozen": the lower bound
    assert p.count(inc, "kidnapped") == 0
    assert p.count(None, "killed") == 0


def test_predict_main_incident_and_fallback() -> None:
    first, second = incident(id="a/1", main=False), incident(id="a/2", main=True)
    assert p.main_incident(doc(first, second))["id"] == "a/2"
    assert p.main_incident(doc(incident(id="a/3", main=False)))["id"] == "a/3"
    assert p.main_incident(doc()) is None and p.main_incident(None) is None


def test_predict_perpetrator_status_and_kind_filters() -> None:
    inc = incident(perpetrators=[
        perp("gunmen", "individual"), perp("ISIS", status="speculative"),
        perp("Boko Haram", status="attributed"),
    ])
    chosen = p.perpetrator(inc, {"reported", "attributed", "claimed"})
    assert chosen == {"text": "Boko Haram", "kind": "organization", "status": "attributed"}
    assert p.perpetrator(inc, {"claimed"}) is None


def test_predict_first_target_category_by_position() -> None:
    inc = incident(targets=[entity("police station", 40, "Police")],
                   victims=[entity("two civilians", 10, "Private Citizens & Property")])
    assert p.first_target_category(inc) == "Private Citizens & Property"


# --- MUC-4 templates --------------------------------------------------------------------

def gold(kind: str, **roles: list[list[str]]) -> Template:
    return gold_template({"incident_type": kind, **roles})


def muc_incident(kind: str, **fields: Any) -> dict[str, Any]:
    return incident(types={"gtd": [], "acled": None, "muc": kind}, **fields)


def test_templates_alignment_and_micro_counts() -> None:
    golds = [
        gold("attack", PerpInd=[["guerrillas", "guerrilla column"]], Victim=[["cerezo"]]),
        gold("bombing", Target=[["bank"]], Weapon=[["dynamite"], ["bomb"]]),
    ]
    preds = predicted_templates(doc(
        muc_incident("bombing", targets=[entity("the bank")], weapons=[entity("bomb")]),
        muc_incident("attack", perpetrators=[perp("guerrilla column", "individual")],
                     victims=[entity("Cerezo"), entity("a peasant")]),
    ))
    result = score_document(golds, preds)
    assert result.alignment == [(0, 1), (1, 0)]
    micro = result.micro
    # type 2/2, PerpInd 1/1, Victim 1/2, Target 1/1, Weapon 1/1 predicted correct
    assert (micro.p_num, micro.p_den) == (6, 7)
    # gold: 2 types + PerpInd 1 + Victim 1 + Target 1 + Weapon 2 = 7, of which 6 matched
    assert (micro.r_num, micro.r_den) == (6, 7)
    assert result.roles["Weapon"] == PRF(1, 1, 1, 2)


def test_templates_types_must_agree() -> None:
    golds = [gold("kidnapping", Victim=[["mayor"]])]
    preds = predicted_templates(doc(muc_incident("attack", victims=[entity("the mayor")])))
    result = score_document(golds, preds)
    assert result.alignment == []
    assert result.micro == PRF(0, 2, 0, 2)


def test_templates_alternative_gold_types() -> None:
    golds = [gold("attack / bombing", Target=[["embassy"]])]
    preds = predicted_templates(doc(muc_incident("bombing", targets=[entity("embassy")])))
    assert score_document(golds, preds).micro == PRF(2, 2, 2, 2)


def test_templates_each_gold_entity_matched_once() -> None:
    golds = [gold("attack", PerpInd=[["guerrillas", "guerrilla column"]])]
    preds = predicted_templates(doc(muc_incident("attack", perpetrators=[
        perp("guerrillas", "individual"), perp("guerrilla column", "individual"),
        perp("GUERRILLAS", "individual"),  # same filler after normalisation: counted once
    ])))
    result = score_document(golds, preds)
    assert result.roles["PerpInd"] == PRF(1, 2, 1, 1)


def test_templates_empty_incident_only_when_sure() -> None:
    sure = predicted_templates(doc(muc_incident("bombing", confidence=0.8)))
    unsure = predicted_templates(doc(muc_incident("bombing", confidence=0.4)))
    assert [t.incident_type for t in sure] == ["bombing"]
    assert unsure == []


def test_templates_perpetrator_status_and_kind_mapping() -> None:
    templates = predicted_templates(doc(
        muc_incident("attack", perpetrators=[
            perp("FMLN"), perp("urban commandos", "unknown"), perp("gunmen", "individual"),
            perp("army", status="speculative"), perp("police", status="negated"),
        ]),
        incident(),  # no MUC type: not a template
        muc_incident("attack", confidence=0.5),  # nothing to fill, not sure of it: not a template
        muc_incident("bombing", status="speculative", targets=[entity("bank")]),
        muc_incident("attack", weapons=[dict(entity("shot"), implied=True)]),
    ))
    assert len(templates) == 1
    t = templates[0]
    assert t.roles["PerpOrg"] == (("fmln",),)
    assert t.roles["PerpInd"] == (("urban commandos",), ("gunmen",))
    assert Template.from_dict(t.to_dict()) == t


def test_templates_corpus_is_micro_averaged() -> None:
    golds = [[gold("attack", Victim=[["mayor"]])], []]
    preds = [predicted_templates(doc(muc_incident("attack", victims=[entity("mayor")]))),
             predicted_templates(doc(muc_incident("arson", targets=[entity("a bus")])))]
    total, per_doc = score_corpus(golds, preds)
    assert total.micro == PRF(2, 4, 2, 2)
    assert per_doc[1].micro == PRF(0, 2, 0, 0)


def test_muc4_score_reports_roles_and_baselines() -> None:
    golds = [{"templates": [gold("attack", Victim=[["mayor"]]).to_dict()]},
             {"templates": []}]
    preds = [muc4.predict(doc(muc_incident("attack", victims=[entity("the Mayor")]))),
             muc4.predict(None)]
    figures, marks = muc4.score(golds, preds)
    by_name = {f.name: f for f in figures}
    assert by_name["micro_f1"].value == pytest.approx(1.0)
    assert by_name["micro_f1"].baselines["empty"] == 0.0
    # one empty attack template per document: type right in doc 1, spurious in doc 2
    one = by_name["micro_f1"].baselines["one attack template, no fillers"]
    assert one == pytest.approx(PRF(1, 2, 1, 2).f1)
    assert by_name["Victim_f1"].prf == PRF(1, 1, 1, 1)
    assert marks[0]["alignment"] == [[0, 0]]


# --- generic field scoring --------------------------------------------------------------

def test_scoring_fields_with_baselines_and_subsets() -> None:
    fields = (
        Field("killed", "killed", key("killed"), key("killed"),
              baselines=(constant(0), modal())),
        Field("killed_flagged", "killed, flagged",
              lambda g: g["killed"] if g["flag"] else None, key("killed")),
    )
    golds = [{"killed": 0, "flag": True}, {"killed": 2, "flag": False},
             {"killed": 2, "flag": True}, {"killed": 1, "flag": True}]
    preds = [{"killed": 0}, {"killed": 2}, {"killed": 1}, {"killed": 1}]
    figures, marks = score_fields(fields, golds, preds)
    assert figures[0].value == pytest.approx(3 / 4) and figures[0].n == 4
    assert figures[0].baselines == {"always 0": 0.25, "most frequent (2)": 0.5}
    assert figures[1].n == 3 and figures[1].correct == 2
    assert marks[1] == {"killed": True}


def test_gva_score_counts_and_city() -> None:
    golds = [
        {"killed": 1, "injured": 3, "city": "Chicago", "killed_answerable": True,
         "injured_answerable": False},
        {"killed": 0, "injured": 0, "city": "Noble County", "killed_answerable": False,
         "injured_answerable": True},
    ]
    preds = [
        gva.predict(doc(incident(
            casualties=[casualty("killed", "total", 1), casualty("injured", "total", 2),
                        casualty("injured", "perpetrators", 1)],
            locations=[{"name": "Chicago", "admin2": "Cook County", "lat": 41.9, "lon": -87.6}],
        ))),
        gva.predict(doc(incident(locations=[{"name": "Kendallville", "admin2": "Noble County"}]))),
    ]
    golds[0]["point"] = [41.88, -87.63]  # downtown Chicago, ~3 km from the predicted point
    figures, _ = gva.score(golds, preds)
    values = {f.name: (f.value, f.n) for f in figures}
    assert values["killed_exact"] == (1.0, 2)
    assert values["injured_exact"] == (1.0, 2)
    assert values["killed_exact_answerable"] == (1.0, 1)
    assert values["city"] == (1.0, 2)
    assert values["location_25km"] == (1.0, 1)  # only the page whose incident has a point


def test_metrics_within_km() -> None:
    assert within_km([36.7525, 3.04197], {"lat": 36.80, "lon": 3.04}, 25.0)
    assert not within_km([36.7525, 3.04197], {"lat": 36.80, "lon": 3.04}, 1.0)
    assert not within_km([36.7525, 3.04197], {"name": "Algiers", "lat": None, "lon": None}, 25.0)


def test_acled_location_within_25_km() -> None:
    near = {"lat": 36.80, "lon": 3.04}  # ~5 km from the gold point
    far = {"lat": 35.70, "lon": -0.63}  # Oran, ~360 km
    assert acled.within_distance([36.7525, 3.04197], near)
    assert not acled.within_distance([36.7525, 3.04197], far)
    assert not acled.within_distance([36.7525, 3.04197], None)


def test_rand_score_weapon_and_perpetrator() -> None:
    golds = [
        {"fatalities": 0, "injuries": 2, "city": "Bilbao", "weapon": "Remote-detonated explosive",
         "perpetrator": "Basque Fatherland and Freedom (ETA)"},
        {"fatalities": 1, "injuries": 0, "city": "", "weapon": "Firearms",
         "perpetrator": "Unknown"},
    ]
    preds = [
        rand.predict(doc(incident(
            perpetrators=[perp("ETA", status="claimed")],
            weapons=[{"text": "car bomb", "category": "Explosives", "subcategory": "Remote Trigger"}],
            casualties=[casualty("injured", "total", 2)],
            locations=[{"name": "Bilbao"}],
        ))),
        rand.predict(doc(incident(
            perpetrators=[perp("ETA", status="hedged")],
            weapons=[{"text": "pistol", "category": "Firearms"}],
            casualties=[casualty("killed", "total", 1)],
        ))),
    ]
    assert preds[0]["weapon"] == "Remote-detonated explosive"
    figures, marks = rand.score(golds, preds)
    values = {f.name: (f.value, f.n) for f in figures}
    assert values["fatalities_exact"] == (1.0, 2) and values["injuries_exact"] == (1.0, 2)
    assert values["city"] == (1.0, 1)  # the row without a City is left out
    assert values["weapon"] == (1.0, 2)
    assert values["perpetrator"] == (1.0, 2)  # a merely suspected group is no perpetrator
    assert values["perpetrator_with_hedged"] == (0.5, 2)
    assert values["perpetrator_known"] == (1.0, 1)
    assert marks[1]["perpetrator_with_hedged"] is False


def test_gtd_summary_group_status() -> None:
    attributed = ("No group claimed responsibility; however, sources attributed the attack "
                  "to the Taliban.")
    assert gtd.summary_group_status(attributed, "Taliban") == "attributed"
    assert gtd.summary_group_status("The Taliban claimed responsibility.", "Taliban") == "claimed"
    assert gtd.summary_group_status("No group claimed responsibility.", "Unknown") is None


# --- dataset readers on made-up files ----------------------------------------------------

def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_csv(path: Path, rows: list[dict[str, Any]], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


MUC_KEY = """\
0.  MESSAGE: ID                     TST1-MUC3-0001
1.  MESSAGE: TEMPLATE               1
2.  INCIDENT: DATE                  02 FEB 90
4.  INCIDENT: TYPE                  BOMBING
5.  INCIDENT: STAGE OF EXECUTION    ATTEMPTED
10. PERP: ORGANIZATION ID           "PEOPLE'S FRONT" / "PF"
11. PERP: ORGANIZATION CONFIDENCE   CLAIMED OR ADMITTED: "PEOPLE'S FRONT" / "PF"
                                    POSSIBLE: "OTHER GROUP"

0.  MESSAGE: ID                     TST1-MUC3-0002
1.  MESSAGE: TEMPLATE               0
4.  INCIDENT: TYPE                  *
5.  INCIDENT: STAGE OF EXECUTION    *
"""


def make_muc4(root: Path) -> Path:
    write_jsonl(root / "gtt_processed" / "dev.json", [
        {"docid": "TST1-MUC3-0001", "doctext": "made-up text",
         "templates": [{"incident_type": "bombing", "PerpInd": [],
                        "PerpOrg": [[["people's front", 10], ["pf", 30]]],
                        "Target": [[["power pylon", 50]]], "Victim": [],
                        "Weapon": [[["dynamite", 70]]]}]},
        {"docid": "TST1-MUC3-0002", "doctext": "another", "templates": []},
    ])
    write_jsonl(root / "grit_proc_output" / "doc_dev", [
        {"docid": "TST1-MUC3-0001", "dateline": "LIMA, 3 FEB 90 (EFE)", "tags": ["text"],
         "text": "MEMBERS OF THE PEOPLE'S FRONT (PF) TRIED TO BLOW UP A POWER PYLON\n"
                 "WITH DYNAMITE YESTERDAY, POLICE SAID."},
        {"docid": "TST1-MUC3-0002", "dateline": "CLANDESTINE, NO DATE", "tags": ["text"],
         "text": "THE GOVERNMENT ANNOUNCED NEW ECONOMIC MEASURES TODAY."},
    ])
    key = root / "raw" / "TASK" / "CORPORA" / "tst1" / "key-tst1.v7"
    key.parent.mkdir(parents=True)
    key.write_text(MUC_KEY, encoding="utf-8")
    return root


def test_muc4_reader_builds_dateline_articles_and_gold(tmp_path: Path) -> None:
    examples = load_examples("muc4", make_muc4(tmp_path / "muc4"))
    assert [e.article.id for e in examples] == ["TST1-MUC3-0001", "TST1-MUC3-0002"]
    first = examples[0]
    assert first.article.text.startswith("LIMA, 3 FEB 90 (EFE) -- MEMBERS OF THE")
    assert first.article.published == "1990-02-03"
    assert examples[1].article.published is None
    template = first.gold["templates"][0]
    assert template["PerpOrg"] == [["peoples front", "pf"]]
    assert template["stage"] == ["attempted"]
    assert template["perp_org_confidence"] == [["claimed"]]
    assert examples[1].gold == {"templates": []}


def test_muc4_dateline_parsing() -> None:
    assert muc4.dateline_date("SAN SALVADOR, 18 FEB 90 (DPA)") == "1990-02-18"
    assert muc4.dateline_date("BUENOS AIRES, 25 JAN (NA)") is None
    assert muc4.article_text("LIMA, 3 FEB 90", "LIMA, 3 FEB 90 -- TEXT") == "LIMA, 3 FEB 90 -- TEXT"


def make_gva(folder: Path) -> Path:
    write_jsonl(folder / "gva_2013_2015.jsonl", [
        {"doc_id": "d1", "incident_id": "1", "title": "Man shot on Elm Street", "dct": "2014-02-06",
         "uri": "http://example.org/1", "text": "A man was shot and killed on Elm Street, police said.",
         "gold": {"date": "February 5, 2014", "state": "Ohio", "city_or_county": "Springfield",
                  "num_killed": 1, "num_injured": 0, "participants": []}},
        {"doc_id": "d2", "incident_id": "2", "title": "", "dct": "2015-03-01", "uri": "",
         "text": "Two people were wounded in a shooting.",
         "gold": {"state": "Ohio", "city_or_county": "Noble County", "num_killed": 0,
                  "num_injured": 2}},
    ])
    (folder / "all.lat_long.json").write_text(json.dumps({"1": [39.92, -83.81]}), encoding="utf-8")
    write_jsonl(folder / "answerable_2013_2015.jsonl", [
        {"doc_id": "d1", "killed_answerable": True, "injured_answerable": False},
        {"doc_id": "d2", "killed_answerable": False, "injured_answerable": True},
    ])
    return folder


def test_gva_reader(tmp_path: Path) -> None:
    examples = load_examples("gva", make_gva(tmp_path / "gva"))
    first = examples[0]
    assert first.article.title == "Man shot on Elm Street"
    assert first.article.published == "2014-02-06"
    assert first.gold["killed"] == 1 and first.gold["killed_answerable"] is True
    assert examples[1].gold["injured_answerable"] is True and examples[1].article.title is None
    assert first.gold["point"] == [39.92, -83.81] and examples[1].gold["point"] is None
    # the file itself works too
    assert len(load_examples("gva", tmp_path / "gva" / "gva_2013_2015.jsonl")) == 2


RAND_ROWS = [
    {"Date": "1999-05-02", "City": "Bilbao", "Country": "Spain",
     "Perpetrator": "Basque Fatherland and Freedom (ETA)", "Weapon": "Explosives",
     "Injuries": "2", "Fatalities": "0",
     "Description": "A bomb exploded outside a bank in Bilbao, injuring two passers-by."},
    {"Date": "1999-05-03", "City": "", "Country": "Spain", "Perpetrator": "Unknown",
     "Weapon": "Unknown", "Injuries": "0", "Fatalities": "0", "Description": ""},
    {"Date": "1999-05-04", "City": "Madrid", "Country": "Spain", "Perpetrator": "Unknown",
     "Weapon": "Fire or Firebomb", "Injuries": "0", "Fatalities": "0",
     "Description": "Unknown attackers threw a firebomb at a party office in Madrid."},
]


def test_rand_reader_skips_rows_without_text(tmp_path: Path) -> None:
    write_csv(tmp_path / "rand" / "rand_1998_2006.csv", RAND_ROWS)
    examples = load_examples("rand", tmp_path / "rand")
    assert [e.article.id for e in examples] == ["rand-1", "rand-3"]
    assert examples[0].article.published == "1999-05-02"
    assert examples[0].gold["injuries"] == 2
    assert examples[1].gold["perpetrator"] == "Unknown"


GTD_ROW = {
    "eventid": "201601010001", "iyear": "2016", "imonth": "1", "iday_from_eventid": "1",
    "country_txt": "Cameroon", "provstate": "Far North", "city": "Mora",
    "summary": "01/01/2016: Two suicide bombers detonated near a market in Mora, Cameroon. "
               "Aside from the bombers, three civilians were killed. No group claimed "
               "responsibility; however, sources attributed the attack to Boko Haram.",
    "attacktype1_txt": "Bombing/Explosion", "targtype1_txt": "Private Citizens & Property",
    "gname": "Boko Haram", "weaptype1_txt": "Explosives", "nkill": "5", "nkillter": "2",
    "nwound": "",
}


def make_gtd(folder: Path) -> Path:
    second = dict(GTD_ROW, eventid="201601020002", summary="", gname="Unknown")
    third = dict(GTD_ROW, eventid="201601030003", iday_from_eventid="3", nkill="0",
                 nwound="0", gname="Unknown", city="Kolofata",
                 summary="Assailants attacked a police post in Kolofata, Cameroon. "
                         "No one was hurt.")
    write_csv(folder / "gtd_2016.csv", [GTD_ROW, second, third])
    return folder


def test_gtd_reader_dates_and_blank_counts(tmp_path: Path) -> None:
    examples = load_examples("gtd", make_gtd(tmp_path / "gtd"))
    assert [e.article.id for e in examples] == ["gtd-201601010001", "gtd-201601030003"]
    assert examples[0].article.published == "2016-01-01"  # from the summary
    assert examples[1].article.published == "2016-01-03"  # from iyear/imonth/iday
    assert examples[0].gold["nwound"] is None  # blank: not scored
    assert examples[0].gold["group_status"] == "attributed"


ACLED_HEADER = ["GWNO", "EVENT_ID_CNTY", "EVENT_ID_NO_CNTY", "EVENT_DATE", "YEAR",
                "TIME_PRECISION", "EVENT_TYPE", "ACTOR1", "COUNTRY", "LOCATION", "LATITUDE",
                "LONGITUDE", "GEO_PRECISION", "SOURCE", "NOTES", "FATALITIES"]


def make_acled(folder: Path, encoding: str = "utf-8") -> Path:
    rows = [
        dict(zip(ACLED_HEADER, ["615", "1XYZ", "", "05/01/2016", "2016", "1", "Riots/Protests",
                                "Protesters", "Algeria", "Algiers", "36.75250", "3.04197", "1",
                                "El Watan", "Students protested in Algiers \u2013 peacefully.",
                                "0"])),
        dict(zip(ACLED_HEADER, ["615", "2XYZ", "", "17/02/2016", "2016", "1", "Remote violence",
                                "Unidentified", "Algeria", "Oran", "35.69", "-0.63", "1",
                                "APS", "A bomb killed two soldiers near Oran.", "2"])),
    ]
    write_csv(folder / "acled_africa_2016_jan_feb.csv", rows, encoding=encoding)
    return folder


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_acled_reader_encodings_and_dates(tmp_path: Path, encoding: str) -> None:
    examples = load_examples("acled", make_acled(tmp_path / "acled", encoding))
    assert examples[0].article.text == "Students protested in Algiers \u2013 peacefully."
    assert examples[0].article.published == "2016-01-05"
    assert examples[1].article.published == "2016-02-17"
    assert examples[1].gold["point"] == [35.69, -0.63]
    assert examples[1].gold["fatalities"] == 2


def test_readers_reject_wrong_shapes(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="no such file or folder"):
        load_examples("rand", tmp_path / "missing")
    bad = write_csv(tmp_path / "bad" / "rand_x.csv", [{"Date": "2000-01-01", "Text": "x"}])
    with pytest.raises(EvaluationError, match="missing column"):
        load_examples("rand", bad)
    (tmp_path / "gva").mkdir()
    (tmp_path / "gva" / "gva_1.jsonl").write_text("not json\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="line 1 is not JSON"):
        load_examples("gva", tmp_path / "gva")
    with pytest.raises(EvaluationError, match="muc4 folder"):
        load_examples("muc4", tmp_path)
    with pytest.raises(EvaluationError, match="known: muc4"):
        get_dataset("nope")


def test_select_offset_every_limit() -> None:
    items = list(range(20))
    assert list(select(iter(items), offset=2, every=5)) == [2, 7, 12, 17]
    assert list(select(iter(items), offset=1, limit=3, every=4)) == [1, 5, 9]
    assert list(select(iter(items), limit=0)) == []
    with pytest.raises(EvaluationError):
        list(select(iter(items), every=0))


# --- end to end -----------------------------------------------------------------------------

def test_evaluate_gtd_end_to_end(tmp_path: Path) -> None:
    report = evaluate("gtd", make_gtd(tmp_path / "gtd"))
    assert report.n_documents == 2 and not report.failures
    assert [f.name for f in report.figures][:5] == [
        "attack_type", "nkill_exact", "nwound_exact", "city", "group"]
    assert report.figure("nwound_exact").n == 1  # the blank nwound is left out
    text = render_text(report)
    assert "nkill_exact" in text and "baselines" in text
    data = report.to_dict()
    assert data["figures"]["group"]["baselines"]["no group"] == 0.5
    assert {d["id"] for d in data["documents"]} == {"gtd-201601010001", "gtd-201601030003"}


def test_cli_eval_writes_json_and_details(tmp_path: Path) -> None:
    folder = make_acled(tmp_path / "acled")
    out, details = tmp_path / "out" / "acled.json", tmp_path / "details.jsonl"
    result = CliRunner().invoke(cli, ["eval", "acled", "--data", str(folder), "--json", str(out),
                                      "--details", str(details)])
    assert result.exit_code == 0, result.output
    assert "incidents eval acled" in result.output
    assert "fatalities_exact" in result.output and "always 0" in result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["schema"] == "incidents-eval/v1" and report["n_documents"] == 2
    assert report["figures"]["fatalities_exact"]["n"] == 2
    assert report["figures"]["fatalities_exact"]["baselines"]["always 0"] == 0.5
    lines = [json.loads(line) for line in details.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["acled-1XYZ", "acled-2XYZ"]
    assert set(lines[1]) >= {"gold", "pred", "marks"}


def test_cli_eval_limit_offset(tmp_path: Path) -> None:
    folder = make_acled(tmp_path / "acled")
    out = tmp_path / "acled.json"
    result = CliRunner().invoke(cli, ["eval", "acled", "--data", str(folder), "--offset", "1",
                                      "--limit", "1", "--json", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in report["documents"]] == ["acled-2XYZ"]
    assert report["selection"] == {"offset": 1, "limit": 1, "every": 1}


@pytest.mark.parametrize(("args", "message"), [
    (["eval", "gva", "--data", "/no/such/folder"], "gva: no such file or folder: /no/such/folder"),
    (["eval", "nope", "--data", "."], "Invalid value for 'DATASET'"),
    (["eval", "gtd"], "Missing option '--data'"),
])
def test_cli_eval_errors_are_clear(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, (AttributeError, TypeError, KeyError))


def test_cli_eval_empty_selection_and_wrong_file(tmp_path: Path) -> None:
    folder = make_acled(tmp_path / "acled")
    result = CliRunner().invoke(cli, ["eval", "acled", "--data", str(folder), "--offset", "5"])
    assert result.exit_code != 0 and "selection holds no documents" in result.output
    gva_file = make_gva(tmp_path / "gva") / "gva_2013_2015.jsonl"
    result = CliRunner().invoke(cli, ["eval", "gtd", "--data", str(gva_file)])
    assert result.exit_code != 0 and "missing column(s)" in result.output


# --- the CI gate ---------------------------------------------------------------------------

def run_gate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "eval_gate.py"), *args],
                          capture_output=True, text=True, check=False)


def gate_setup(tmp_path: Path, value: float, floors: dict[str, float]) -> list[str]:
    subsets = {"datasets": {"gtd": {"data": "gtd", "offset": 0, "limit": None, "every": 1}}}
    (tmp_path / "subsets.json").write_text(json.dumps(subsets), encoding="utf-8")
    (tmp_path / "gates.json").write_text(json.dumps({"gtd": floors}), encoding="utf-8")
    (tmp_path / "reports").mkdir(exist_ok=True)
    report = {"dataset": "gtd", "selection": {"offset": 0, "limit": None, "every": 1},
              "n_failures": 0,
              "figures": {"group": {"value": value, "headline": True},
                          "target_type": {"value": 0.1, "headline": False}}}
    (tmp_path / "reports" / "gtd.json").write_text(json.dumps(report), encoding="utf-8")
    return ["--from-json", str(tmp_path / "reports"), "--gates", str(tmp_path / "gates.json"),
            "--subsets", str(tmp_path / "subsets.json")]


def test_gate_passes_and_fails_against_floors(tmp_path: Path) -> None:
    args = gate_setup(tmp_path, 0.62, {"group": 0.60})
    passed = run_gate(*args)
    assert passed.returncode == 0, passed.stderr
    assert "group" in passed.stdout and "pass" in passed.stdout
    args = gate_setup(tmp_path, 0.55, {"group": 0.60})
    failed = run_gate(*args)
    assert failed.returncode == 1 and "FAIL" in failed.stdout


def test_gate_update_never_lowers_without_permission(tmp_path: Path) -> None:
    args = gate_setup(tmp_path, 0.734, {"group": 0.60})
    assert run_gate(*args, "--update").returncode == 0
    assert json.loads((tmp_path / "gates.json").read_text())["gtd"] == {"group": 0.72}
    args = gate_setup(tmp_path, 0.50, {"group": 0.72})
    assert run_gate(*args, "--update").returncode == 1
    assert json.loads((tmp_path / "gates.json").read_text())["gtd"]["group"] == 0.72
    assert run_gate(*args, "--update", "--allow-regression").returncode == 0
    assert json.loads((tmp_path / "gates.json").read_text())["gtd"]["group"] == 0.49


def test_gate_rejects_reports_from_another_selection(tmp_path: Path) -> None:
    args = gate_setup(tmp_path, 0.5, {})
    report_path = tmp_path / "reports" / "gtd.json"
    report = json.loads(report_path.read_text())
    report["selection"]["limit"] = 10
    report_path.write_text(json.dumps(report))
    result = run_gate(*args)
    assert result.returncode == 2 and "gate subset" in result.stderr


def test_gate_files_are_consistent() -> None:
    subsets = json.loads((ROOT / "eval" / "subsets.json").read_text())["datasets"]
    gates = json.loads((ROOT / "eval" / "gates.json").read_text())
    gated = set(DATASETS) | {"statements"}  # statements: the annotated sentences of eval/statements/
    assert set(subsets) == gated
    assert set(gates) <= gated
    for figures in gates.values():
        assert all(0.0 <= floor <= 1.0 for floor in figures.values())


# --- real data (../shared/data) ------------------------------------------------------------

@pytest.mark.parametrize("name", list(DATASETS))
@pytest.mark.shared
@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not present")
def test_shared_first_rows_read(name: str) -> None:
    examples = load_examples(name, DATA / name, limit=5)
    assert len(examples) == 5
    for example in examples:
        assert example.article.id and example.article.text.strip()
        json.dumps(example.gold)  # gold stays JSON-serialisable for --details
    gold = examples[0].gold
    if name == "muc4":
        assert examples[0].article.text.startswith("GUATEMALA CITY, 4 FEB 90 (ACAN-EFE) -- ")
        assert gold["templates"][0]["stage"] == ["accomplished"]
    elif name == "gva":
        assert isinstance(gold["killed"], int) and gold["killed_answerable"] in (True, False)
    elif name == "rand":
        assert examples[0].article.published == "1998-01-01" and gold["weapon"]
    elif name == "gtd":
        assert gold["group"] and examples[0].article.published.startswith("2016-")
    else:
        assert len(gold["point"]) == 2 and gold["event_type"]


@pytest.mark.shared
@pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not present")
def test_shared_muc4_raw_keys_line_up_with_gtt() -> None:
    examples = load_examples("muc4", DATA / "muc4")
    templates = [t for e in examples for t in e.gold["templates"]]
    assert len(examples) == 200 and len(templates) == 183
    assert all(t["stage"] for t in templates)  # every template got its stage of execution


def test_predict_first_location_of_a_precision_keeps_mention_order() -> None:
    incident = {"locations": [
        {"name": "Beyoglu", "precision": "admin2"}, {"name": "Sadr", "precision": "site"},
        {"name": "Istanbul", "precision": "city"}, {"name": "Ankara", "precision": "city"},
    ]}
    assert p.first_location(incident)["name"] == "Beyoglu"
    assert p.first_location(incident, precision=("city",))["name"] == "Istanbul"
    assert p.first_location(incident, precision=("city", "admin2"))["name"] == "Beyoglu"
    assert p.first_location({"locations": [{"name": "Sadr", "precision": "site"}]}, precision=("city",))["name"] == "Sadr"
