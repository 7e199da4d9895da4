"""``--format csv-gtd``: one row per canonical incident in Global Terrorism Database columns.

GTD conventions kept: ``imonth``/``iday`` are 0 when unknown; ``nkill`` and ``nwound``
include perpetrators (``nkillter``/``nwoundte`` are the perpetrators' own); unknown counts
are blank; ``gname`` is ``Unknown`` without a credible perpetrator; ``claimed`` is 1, 0 or
-9 (unknown). Codes follow the GTD codebook (attack, target and weapon types). Columns after
``dbsource`` are ours: reconciled low/high figures, the number of sources, and the GeoNames
credit (``source_note``). See docs/exports.md.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from incidents.export.attribution import attribution
from incidents.export.columns import (
    best,
    blank,
    citations,
    claimed,
    most_common_category,
    total_with_perpetrators,
)
from incidents.store.records import CanonicalRecord

ATTACK_TYPES = {
    "Assassination": 1,
    "Armed Assault": 2,
    "Bombing/Explosion": 3,
    "Hijacking": 4,
    "Hostage Taking (Barricade Incident)": 5,
    "Hostage Taking (Kidnapping)": 6,
    "Facility/Infrastructure Attack": 7,
    "Unarmed Assault": 8,
    "Unknown": 9,
}
TARGET_TYPES = {
    "Business": 1,
    "Government (General)": 2,
    "Police": 3,
    "Military": 4,
    "Abortion Related": 5,
    "Airports & Aircraft": 6,
    "Government (Diplomatic)": 7,
    "Educational Institution": 8,
    "Food or Water Supply": 9,
    "Journalists & Media": 10,
    "Maritime": 11,
    "NGO": 12,
    "Other": 13,
    "Private Citizens & Property": 14,
    "Religious Figures/Institutions": 15,
    "Telecommunication": 16,
    "Terrorists/Non-State Militia": 17,
    "Tourists": 18,
    "Transportation": 19,
    "Unknown": 20,
    "Utilities": 21,
    "Violent Political Party": 22,
}
WEAPON_TYPES = {
    "Biological": 1,
    "Chemical": 2,
    "Radiological": 3,
    "Nuclear": 4,
    "Firearms": 5,
    "Explosives": 6,
    "Fake Weapons": 7,
    "Incendiary": 8,
    "Melee": 9,
    "Vehicle": 10,
    "Sabotage Equipment": 11,
    "Other": 12,
    "Unknown": 13,
}
#: GTD ``specificity``: 1 exact city/site, 3 an admin2 centroid, 4 an admin1 centroid, 5 unknown.
SPECIFICITY = {"site": 1, "city": 1, "admin2": 3, "admin1": 4, "country": 5}

COLUMNS = [
    "eventid",
    "iyear",
    "imonth",
    "iday",
    "approxdate",
    "extended",
    "country_txt",
    "provstate",
    "city",
    "latitude",
    "longitude",
    "specificity",
    "summary",
    "success",
    "attacktype1",
    "attacktype1_txt",
    "targtype1",
    "targtype1_txt",
    "target1",
    "gname",
    "claimed",
    "weaptype1",
    "weaptype1_txt",
    "nkill",
    "nkillter",
    "nwound",
    "nwoundte",
    "nhostkid",
    "scite1",
    "scite2",
    "scite3",
    "dbsource",
    "nkill_low",
    "nkill_high",
    "nwound_low",
    "nwound_high",
    "nsources",
    "incident_id",
    "source_note",
]


def write(records: Iterable[CanonicalRecord], stream: TextIO) -> int:
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    note = attribution()
    count = 0
    for record in records:
        writer.writerow(row(record, note))
        count += 1
    return count


def row(record: CanonicalRecord, note: str) -> dict[str, object]:
    year, month, day = _date_parts(record)
    target, target_text = most_common_category(record, "target", "victim")
    weapon, _ = most_common_category(record, "weapon")
    killed = record.figure("killed")
    injured = record.figure("injured")
    cites = citations(record)
    return {
        "eventid": f"{year:04d}{month:02d}{day:02d}{record.id:04d}",
        "iyear": blank(year or None),
        "imonth": month,
        "iday": day,
        "approxdate": _approxdate(record),
        "extended": int(
            record.precision == "day"
            and record.date_end is not None
            and record.date_start is not None
            and record.date_end > record.date_start
        ),
        "country_txt": blank(record.country),
        "provstate": blank(record.admin1),
        "city": blank(record.city),
        "latitude": blank(record.lat),
        "longitude": blank(record.lon),
        "specificity": SPECIFICITY.get(record.place_precision or "", 5),
        "summary": record.summary,
        "success": blank({"accomplished": 1, "attempted": 0}.get(record.stage or "")),
        "attacktype1": blank(ATTACK_TYPES.get(record.gtd_type or "")),
        "attacktype1_txt": record.gtd_type or "Unknown",
        "targtype1": blank(TARGET_TYPES.get(target or "")),
        "targtype1_txt": target or "Unknown",
        "target1": blank(target_text),
        "gname": record.perpetrator or "Unknown",
        "claimed": claimed(record),
        "weaptype1": blank(_weapon_code(weapon)),
        "weaptype1_txt": weapon or "Unknown",
        "nkill": blank(total_with_perpetrators(record, "killed")),
        "nkillter": blank(best(record, "killed", "perpetrators")),
        "nwound": blank(total_with_perpetrators(record, "injured")),
        "nwoundte": blank(best(record, "injured", "perpetrators")),
        "nhostkid": blank(best(record, "kidnapped")),
        "scite1": cites[0] if len(cites) > 0 else "",
        "scite2": cites[1] if len(cites) > 1 else "",
        "scite3": cites[2] if len(cites) > 2 else "",
        "dbsource": "incidents",
        "nkill_low": blank(killed.low if killed else None),
        "nkill_high": blank(killed.high if killed else None),
        "nwound_low": blank(injured.low if injured else None),
        "nwound_high": blank(injured.high if injured else None),
        "nsources": record.n_sources,
        "incident_id": record.id,
        "source_note": note,
    }


def _date_parts(record: CanonicalRecord) -> tuple[int, int, int]:
    if record.date_start is None:
        return 0, 0, 0
    year = record.date_start.year
    if record.precision == "year":
        return year, 0, 0
    month = record.date_start.month
    if record.precision == "month":
        return year, month, 0
    return year, month, record.date_start.day


def _approxdate(record: CanonicalRecord) -> str:
    if record.date_start is None or record.precision == "day":
        return ""
    if record.precision == "month":
        return record.date_start.strftime("%B %Y")
    if record.precision == "year":
        return str(record.date_start.year)
    end = record.date_end or record.date_start
    return f"{record.date_start.isoformat()} to {end.isoformat()}"


def _weapon_code(category: str | None) -> int | None:
    if not category:
        return None
    for name, code in WEAPON_TYPES.items():
        if category.startswith(name):
            return code
    return None
