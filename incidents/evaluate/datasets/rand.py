"""RAND Database of Worldwide Terrorism Incidents: analysts' narratives (1998-2006 dev)
against the coded date, city, perpetrator, weapon, injuries and fatalities."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from incidents.evaluate import predict as p
from incidents.evaluate.datasets.base import Dataset, Example, find_file, parse_int, read_csv
from incidents.evaluate.mappings import (
    GROUP_STATUSES,
    GROUP_STATUSES_WITH_HEDGED,
    rand_weapon,
    rand_weapon_coarse,
)
from incidents.evaluate.names import (
    group_matches,
    is_known_place,
    is_unknown_group,
    place_matches,
)
from incidents.evaluate.scoring import Field, constant, field_scorer, key, modal
from incidents.model import Article

NAME = "rand"
FILE = "rand_1998_2006.csv"
COLUMNS = ("Date", "City", "Country", "Perpetrator", "Weapon", "Injuries", "Fatalities",
           "Description")


def read(path: Path) -> Iterator[Example]:
    """One example per row with a Description; ids are ``rand-<row number>`` (the first
    data row is 1)."""
    data_file = find_file(NAME, path, [FILE], "rand_*.csv")
    for number, row in read_csv(data_file, NAME, COLUMNS):
        if not row["Description"]:
            continue
        article = Article(
            id=f"rand-{number}",
            text=row["Description"],
            published=row["Date"] or None,
            source=str(data_file),
        )
        yield Example(article, {
            "date": row["Date"] or None,
            "city": row["City"] or None,
            "country": row["Country"] or None,
            "perpetrator": row["Perpetrator"] or "Unknown",
            "weapon": row["Weapon"] or "Unknown",
            "injuries": parse_int(row["Injuries"]),
            "fatalities": parse_int(row["Fatalities"]),
        })


#: RAND's Perpetrator names groups: a lone "gunman" is not one.
GROUP_KINDS = ("organization",)


def _name(perp: Mapping[str, Any] | None) -> str | None:
    return perp["text"] if perp else None


def predict(doc: Mapping[str, Any] | None) -> dict[str, Any]:
    incident = p.main_incident(doc)
    weapon = p.first_weapon(incident)
    perp = p.perpetrator(incident, GROUP_STATUSES, kinds=GROUP_KINDS)
    return {
        "fatalities": p.count(incident, "killed"),
        "injuries": p.count(incident, "injured"),
        # RAND codes the city (a neighbourhood or district named first is inside it)
        "location": p.first_location(incident, precision=("city",)),
        "weapon": rand_weapon(weapon["category"], weapon["subcategory"]) if weapon else "Unknown",
        "weapon_ours": weapon,
        "perpetrator": _name(perp),
        "perpetrator_status": perp["status"] if perp else None,
        "perpetrator_with_hedged": _name(
            p.perpetrator(incident, GROUP_STATUSES_WITH_HEDGED, kinds=GROUP_KINDS)
        ),
    }


COUNT_BASELINES = (constant(0), modal())
NO_PERPETRATOR = constant(None, "no perpetrator")

FIELDS = (
    Field("fatalities_exact", "fatalities: exact", key("fatalities"), key("fatalities"),
          baselines=COUNT_BASELINES),
    Field("injuries_exact", "injuries: exact", key("injuries"), key("injuries"),
          baselines=COUNT_BASELINES),
    Field("city", "city", lambda g: g["city"] if is_known_place(g.get("city")) else None,
          key("location"), place_matches, baselines=(modal(),)),
    Field("weapon", "weapon (RAND category)", key("weapon"), key("weapon"),
          baselines=(modal(),)),
    Field("weapon_coarse", "weapon, remote-detonated = explosives",
          lambda g: rand_weapon_coarse(g.get("weapon")),
          lambda d: rand_weapon_coarse(d.get("weapon")), baselines=(modal(),), headline=False),
    Field("perpetrator", "perpetrator (reported/attributed/claimed)", key("perpetrator"),
          key("perpetrator"), group_matches, baselines=(NO_PERPETRATOR, modal())),
    Field("perpetrator_with_hedged", "perpetrator, suspected ones too", key("perpetrator"),
          key("perpetrator_with_hedged"), group_matches, baselines=(NO_PERPETRATOR,),
          headline=False),
    Field("perpetrator_known", "perpetrator, rows naming one",
          lambda g: None if is_unknown_group(g["perpetrator"]) else g["perpetrator"],
          key("perpetrator"), group_matches, baselines=(modal(),), headline=False),
)


score = field_scorer(FIELDS)


DATASET = Dataset(
    name=NAME,
    title="RAND Database of Worldwide Terrorism Incidents (1998-2006 dev)",
    expects=f"the rand folder or {FILE}",
    read=read,
    predict=predict,
    score=score,
)
