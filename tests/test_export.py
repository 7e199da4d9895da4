"""Exports: JSON, GTD-style CSV, ACLED-style CSV and GeoJSON, each crediting GeoNames."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest
from pg import casualty, extraction, incident, place

from incidents.errors import StoreError
from incidents.export import FORMATS, export
from incidents.export.attribution import GEONAMES
from incidents.export.csv_acled import COLUMNS as ACLED_COLUMNS
from incidents.export.csv_gtd import COLUMNS as GTD_COLUMNS
from incidents.model import Entity, Outcome, Perpetrator, Precision, Status, Weapon
from incidents.store import Filters, open_store

KABUL = (
    "A suicide bomber killed 12 people and wounded 30 at a mosque in Kabul on 4 March 2016; "
    "the bomber also died. The Taliban claimed responsibility."
)
SAHEL = "Gunmen attacked a village in Mopti region in February 2016, killing 5 villagers."


def kabul() -> object:
    base = incident(
        "kabul",
        KABUL,
        date="2016-03-04",
        date_text="4 March 2016",
        places=(place(KABUL, "Kabul", "Kabul", "Afghanistan", "AF", 34.53, 69.17),),
        gtd=("Bombing/Explosion",),
        acled=("Explosions/Remote violence", "Suicide bomb"),
        casualties=(
            casualty(KABUL, "killed 12 people", 12),
            casualty(KABUL, "wounded 30", 30, outcome=Outcome.INJURED),
            casualty(KABUL, "the bomber also died", 1, group="perpetrators"),
        ),
        perpetrators=(Perpetrator("The Taliban", "organization", Status.CLAIMED, ()),),
    )
    base = replace(
        base,
        targets=(Entity("a mosque", "Religious Figures/Institutions", 1, ()),),
        weapons=(Weapon("suicide bomber", "Explosives", ()),),
    )
    return extraction(
        "kabul",
        KABUL,
        (base,),
        published="2016-03-05",
        title="Mosque bombing in Kabul",
        url="https://www.example.org/kabul",
    )


def sahel() -> object:
    return extraction(
        "sahel",
        SAHEL,
        (
            incident(
                "sahel",
                SAHEL,
                date="2016-02",
                date_text="February 2016",
                precision=Precision.MONTH,
                places=(place(SAHEL, "Mopti", "Mopti", "Mali", "ML", precision="admin1"),),
                acled=("Violence against civilians", "Attack"),
                casualties=(casualty(SAHEL, "killing 5 villagers", 5),),
            ),
        ),
        published="2016-02-20",
    )


def exported(db_url: str, fmt: str, filters: Filters | None = None) -> str:
    with open_store(db_url) as store:
        store.save([kabul(), sahel()])
        stream = io.StringIO()
        export(store.iter_records(filters), fmt, stream)
    return stream.getvalue()


def test_export_json_has_every_source_and_the_attribution(db_url: str) -> None:
    data = json.loads(exported(db_url, "json"))
    assert data["schema"] == "incidents-db/v1" and data["count"] == 2
    assert GEONAMES in data["attribution"]
    sahel_record, kabul_record = data["incidents"]  # by date: February before March
    assert kabul_record["figures"][0] == {
        "outcome": "injured",
        "group": "total",
        "low": 30,
        "best": 30,
        "high": 30,
        "n_figures": 1,
        "reasons": ["best 30 from kabul (2016-03-05, reported, exact)"],
    }
    source = kabul_record["sources"][0]
    assert source["article"]["source"] == "example.org"
    assert source["casualties"][0]["evidence"][0] == {
        "start": 17,
        "end": 33,
        "text": "killed 12 people",
        "sentence": KABUL.split(" The Taliban")[0],
    }
    assert sahel_record["date"] == {
        "start": "2016-02-01",
        "end": "2016-02-29",
        "precision": "month",
    }


def test_export_gtd_columns_and_conventions(db_url: str) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(db_url, "csv-gtd"))))
    assert list(rows[0]) == GTD_COLUMNS
    sahel_row, kabul_row = rows
    assert kabul_row["eventid"] == f"20160304{int(kabul_row['incident_id']):04d}"
    assert (kabul_row["iyear"], kabul_row["imonth"], kabul_row["iday"]) == ("2016", "3", "4")
    assert (sahel_row["imonth"], sahel_row["iday"], sahel_row["approxdate"]) == (
        "2",
        "0",
        "February 2016",
    )
    assert kabul_row["nkill"] == "13" and kabul_row["nkillter"] == "1"  # GTD counts the bomber
    assert kabul_row["nwound"] == "30" and kabul_row["nwoundte"] == ""
    assert (kabul_row["attacktype1"], kabul_row["attacktype1_txt"]) == ("3", "Bombing/Explosion")
    assert (kabul_row["targtype1"], kabul_row["targtype1_txt"]) == (
        "15",
        "Religious Figures/Institutions",
    )
    assert (kabul_row["weaptype1"], kabul_row["weaptype1_txt"]) == ("6", "Explosives")
    assert kabul_row["gname"] == "The Taliban" and kabul_row["claimed"] == "1"
    assert sahel_row["gname"] == "Unknown" and sahel_row["claimed"] == "-9"
    assert (kabul_row["specificity"], sahel_row["specificity"]) == ("1", "4")
    assert kabul_row["country_txt"] == "Afghanistan" and kabul_row["provstate"] == "Kabul"
    assert (
        kabul_row["scite1"] == "Mosque bombing in Kabul. https://www.example.org/kabul (2016-03-05)"
    )
    assert all(GEONAMES in row["source_note"] for row in rows)


def test_export_acled_columns_and_conventions(db_url: str) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(db_url, "csv-acled"))))
    assert list(rows[0]) == ACLED_COLUMNS
    sahel_row, kabul_row = rows
    assert kabul_row["event_id_cnty"] == f"AFG{kabul_row['incident_id']}"
    assert kabul_row["iso"] == "4" and sahel_row["iso"] == "466"
    assert (kabul_row["event_date"], kabul_row["year"], kabul_row["time_precision"]) == (
        "2016-03-04",
        "2016",
        "1",
    )
    assert sahel_row["time_precision"] == "3" and sahel_row["geo_precision"] == "3"
    assert kabul_row["disorder_type"] == "Political violence"
    assert kabul_row["fatalities"] == "13"  # ACLED counts every death
    assert kabul_row["actor1"] == "The Taliban"
    assert sahel_row["actor1"] == "Unidentified Armed Group (Mali)"
    assert sahel_row["civilian_targeting"] == "Civilian targeting"
    assert kabul_row["notes"].startswith("On 4 March 2016, ")
    assert kabul_row["source"] == "example.org"
    assert all(GEONAMES in row["source_note"] for row in rows)


def test_export_geojson_points_with_attribution(db_url: str) -> None:
    data = json.loads(exported(db_url, "geojson"))
    assert data["type"] == "FeatureCollection"
    assert GEONAMES in data["properties"]["attribution"]
    assert data["properties"]["unlocated"] == 1  # Mopti region had no coordinates
    [feature] = data["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [69.17, 34.53]}
    properties = feature["properties"]
    assert (properties["killed_low"], properties["killed_best"], properties["killed_high"]) == (
        12,
        12,
        12,
    )
    assert GEONAMES in properties["attribution"]


def test_export_filters_apply(db_url: str) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(db_url, "csv-gtd", Filters(country="ML")))))
    assert [r["country_txt"] for r in rows] == ["Mali"]


def test_export_unknown_format() -> None:
    assert set(FORMATS) == {"json", "csv-gtd", "csv-acled", "geojson"}
    with pytest.raises(StoreError, match="unknown export format 'xml'"):
        export([], "xml", io.StringIO())


def test_export_empty_database_gives_valid_documents(db_url: str) -> None:
    with open_store(db_url) as store:
        outputs = {}
        for fmt in FORMATS:
            stream = io.StringIO()
            export(store.iter_records(), fmt, stream)
            outputs[fmt] = stream.getvalue()
    assert json.loads(outputs["json"])["incidents"] == []
    assert json.loads(outputs["geojson"])["features"] == []
    assert outputs["csv-gtd"].strip() == ",".join(GTD_COLUMNS)
