"""Global Terrorism Database: GTD's own incident summaries (2016 dev) against the coded
attack type, casualties, city, group, target type and weapon type.

GTD stores a blank count as 0 in this copy, so a gold 0 may mean "unknown"; ``nkill``
includes dead perpetrators (``nkillter``), which is why our count adds them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from incidents.evaluate import predict as p
from incidents.evaluate.datasets.base import (
    Dataset,
    Example,
    date_from_mdy,
    find_file,
    iso_date,
    parse_int,
    read_csv,
)
from incidents.evaluate.mappings import GROUP_STATUSES_WITH_HEDGED, gtd_weapon_type
from incidents.evaluate.names import (
    group_matches,
    is_known_place,
    is_unknown_group,
    normalize_name,
    place_matches,
)
from incidents.evaluate.scoring import Field, constant, field_scorer, key, modal
from incidents.model import Article

NAME = "gtd"
FILE = "gtd_2016.csv"
COLUMNS = ("eventid", "iyear", "imonth", "summary", "attacktype1_txt", "nkill", "nwound",
           "city", "gname", "weaptype1_txt", "targtype1_txt")

_NO_GROUP = re.compile(r"\bno (other )?group (has )?claimed\b", re.IGNORECASE)

#: GTD's attribution sentences -> the perpetrator statuses that agree with them.
GROUP_STATUS_AGREES = {"claimed": ("claimed",), "attributed": ("attributed", "hedged")}


def summary_group_status(summary: str, gname: str) -> str | None:
    """How the summary knows the group: ``"claimed"`` ("X claimed responsibility"),
    ``"attributed"`` ("No group claimed responsibility; however, sources attributed the
    attack to X"), or ``None``."""
    if is_unknown_group(gname):
        return None
    if re.search(r"\battributed\b", summary, re.IGNORECASE):
        return "attributed"
    if re.search(r"\bclaimed responsibility\b", summary, re.IGNORECASE) and not _NO_GROUP.search(summary):
        return "claimed"
    return None


def read(path: Path) -> Iterator[Example]:
    """One example per row with a summary (rows without one are skipped)."""
    data_file = find_file(NAME, path, [FILE], "gtd_*.csv")
    for _, row in read_csv(data_file, NAME, COLUMNS):
        summary = row["summary"]
        if not summary:
            continue
        published = date_from_mdy(summary) or iso_date(
            row["iyear"], row["imonth"], row.get("iday_from_eventid") or row.get("iday")
        )
        article = Article(id=f"gtd-{row['eventid']}", text=summary, published=published,
                          source=str(data_file))
        gname = row["gname"] or "Unknown"
        yield Example(article, {
            "attack_type": row["attacktype1_txt"] or None,
            "nkill": parse_int(row["nkill"]),
            "nkillter": parse_int(row.get("nkillter")),
            "nwound": parse_int(row["nwound"]),
            "city": row["city"] or None,
            "provstate": row.get("provstate") or None,
            "country": row.get("country_txt") or None,
            "group": gname,
            "group_status": summary_group_status(summary, gname),
            "target_type": row["targtype1_txt"] or None,
            "weapon_type": gtd_weapon_type(row["weaptype1_txt"]),
        })


def predict(doc: Mapping[str, Any] | None) -> dict[str, Any]:
    incident = p.main_incident(doc)
    weapon = p.first_weapon(incident)
    # GTD codes suspected groups in gname too ("sources attributed the attack to X")
    perp = p.perpetrator(incident, GROUP_STATUSES_WITH_HEDGED, kinds=("organization",))
    return {
        "attack_type": p.gtd_attack_type(incident) or "Unknown",
        "nkill": p.count(incident, "killed"),
        "nwound": p.count(incident, "injured"),
        # GTD's city column holds the district where that is the finest unit named (Afghan, Pakistani districts)
        "location": p.first_location(incident, precision=("city", "admin2")),
        "group": perp["text"] if perp else None,
        "group_status": perp["status"] if perp else None,
        "target_type": p.first_target_category(incident) or "Unknown",
        "weapon_type": gtd_weapon_type(weapon["category"]) if weapon else "Unknown",
    }


def same_label(gold: str, pred: str | None) -> bool:
    return pred is not None and normalize_name(gold) == normalize_name(pred)


def _group_and_status(gold: tuple[str, str], pred: tuple[str | None, str | None]) -> bool:
    name, status = gold
    return group_matches(name, pred[0]) and pred[1] in GROUP_STATUS_AGREES[status]


COUNT_BASELINES = (constant(0), modal())

FIELDS = (
    Field("attack_type", "attack type (first)", key("attack_type"), key("attack_type"),
          same_label, baselines=(modal(),)),
    Field("nkill_exact", "killed: exact (nkill)", key("nkill"), key("nkill"),
          baselines=COUNT_BASELINES),
    Field("nwound_exact", "wounded: exact (nwound)", key("nwound"), key("nwound"),
          baselines=COUNT_BASELINES),
    Field("city", "city", lambda g: g["city"] if is_known_place(g.get("city")) else None,
          key("location"), place_matches, baselines=(modal(),)),
    Field("group", "group name (gname)", key("group"), key("group"), group_matches,
          baselines=(constant(None, "no group"), modal())),
    Field("group_status", "group and how it is known (claimed / attributed)",
          lambda g: (g["group"], g["group_status"]) if g.get("group_status") else None,
          lambda d: (d.get("group"), d.get("group_status")), _group_and_status,
          headline=False),
    Field("target_type", "target type (first)", key("target_type"), key("target_type"),
          same_label, baselines=(modal(),), headline=False),
    Field("weapon_type", "weapon type (first)", key("weapon_type"), key("weapon_type"),
          same_label, baselines=(modal(),), headline=False),
)


score = field_scorer(FIELDS)


DATASET = Dataset(
    name=NAME,
    title="Global Terrorism Database summaries (2016 dev)",
    expects=f"the gtd folder or {FILE}",
    read=read,
    predict=predict,
    score=score,
)
