"""Measure incidents.resolve.dates on the development data in ../shared/data.

Not a test: it reads data that may not be redistributed, at run time, and prints figures.

    .venv/bin/python scripts/measure_dates.py [--data ../shared/data] [--examples N]

1. MUC-4 (raw TST1 + TST2 texts and keys): datelines found and resolved (also on the 1300
   DEV texts, checked against the GRIT ``dateline`` field and text start), and slot 2
   INCIDENT: DATE against (a) the dateline date, (b) the first date expression of the body
   resolved against the dateline date, (c) the first expression that resolves, else the
   dateline; and how often the gold date is among all the resolved candidates.
2. GTD 2016: the "MM/DD/YYYY:" prefix of each summary through resolve_date (no anchor)
   against iyear/imonth/iday_from_eventid.
3. RAND 1998-2006: date expressions found in the Descriptions, resolved with the gold Date
   as the anchor, compared with that date.
4. GVA 2013-2015: datelines found on real local-news pages (no gold: counts and places).
"""

from __future__ import annotations

import argparse
import collections
import csv
import datetime as dt
import glob
import json
import re
import sys
import time
from pathlib import Path

from incidents.resolve.dates import find_date_expressions, find_dateline, resolve_date

MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}
_KEY_DATE = re.compile(r"(\d{1,2}) ([A-Z]{3}) (\d{2})")


def pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else f"{part}/0"


# --- MUC-4 ------------------------------------------------------------------------------

def muc_documents(paths: list[str]) -> dict[str, str]:
    docs: dict[str, str] = {}
    for path in paths:
        raw = Path(path).read_text(encoding="latin-1")
        for chunk in re.split(r"\n(?=(?:DEV|TST\d)-MUC\d-\d{4})", raw):
            header, _, body = chunk.strip("\n").partition("\n")
            docid = header.split()[0] if header.split() else ""
            if re.fullmatch(r"(?:DEV|TST\d)-MUC\d-\d{4}", docid):
                docs[docid] = body
    return docs


def key_date(text: str) -> dt.date:
    day, month, year = _KEY_DATE.fullmatch(text).groups()  # type: ignore[union-attr]
    return dt.date(1900 + int(year), MONTHS[month], int(day))


def parse_key_dates(fill: str) -> list[tuple[str, dt.date | None, dt.date]]:
    """'09 JAN 90' / '- 04 FEB 90' / '26 DEC 89 - 27 DEC 89' / '(A) / (B)' -> alternatives."""
    out: list[tuple[str, dt.date | None, dt.date]] = []
    for alternative in fill.split("/"):
        alternative = alternative.strip().strip("()").strip()
        dates = [key_date(m.group()) for m in _KEY_DATE.finditer(alternative)]
        if alternative.startswith("-") and len(dates) == 1:
            out.append(("before", None, dates[0]))
        elif len(dates) == 2:
            out.append(("range", dates[0], dates[1]))
        elif len(dates) == 1:
            out.append(("on", dates[0], dates[0]))
    return out


def muc_keys(paths: list[str]) -> list[tuple[str, str]]:
    """(docid, INCIDENT: DATE fill) for every template with an incident."""
    rows = []
    for path in paths:
        for block in Path(path).read_text(encoding="latin-1").split("\n\n"):
            docid = re.search(r"^0\.\s+MESSAGE: ID\s+(\S+)", block, re.MULTILINE)
            date = re.search(r"^2\.\s+INCIDENT: DATE\s+(.*)$", block, re.MULTILINE)
            if docid and date:
                rows.append((docid.group(1), date.group(1).strip()))
    return rows


def matches(predicted: dt.date | None, gold: list[tuple[str, dt.date | None, dt.date]]) -> bool:
    """Exact: our day equals the filler's day (form 1), its anchor (form 3) or lies in its range."""
    if predicted is None:
        return False
    for kind, start, end in gold:
        if kind == "on" and predicted == end:
            return True
        if kind == "before" and predicted == end:
            return True
        if kind == "range" and start is not None and start <= predicted <= end:
            return True
    return False


def compatible(predicted: dt.date | None, gold: list[tuple[str, dt.date | None, dt.date]]) -> bool:
    """Compatible: also counts any day on or before a form-3 ('on or before') anchor."""
    if matches(predicted, gold):
        return True
    return predicted is not None and any(
        kind == "before" and predicted <= end for kind, _, end in gold)


def first_resolved(body: str, anchor: dt.date | None) -> tuple[dt.date | None, str | None]:
    for start, end, text in find_date_expressions(body):
        resolved = resolve_date(text, anchor)
        if resolved is not None:
            return resolved.start, text
    return None, None


def measure_muc(data: Path, examples: int) -> None:
    corpora = data / "muc4/raw/TASK/CORPORA"
    print("== MUC-4 ==")
    all_docs = muc_documents(sorted(glob.glob(str(corpora / "dev/dev-muc3-*")))
                             + [str(corpora / "tst1/tst1-muc3"), str(corpora / "tst2/tst2-muc4")])
    grit = {}
    for name in ("doc_train", "doc_dev"):
        path = data / "muc4/grit_proc_output" / name
        if path.exists():
            for line in path.open(encoding="utf-8"):
                record = json.loads(line)
                grit[record["docid"]] = record
    found = with_date = resolved = agree_span = agree_body = compared = 0
    misses: list[str] = []
    for docid, text in all_docs.items():
        dateline = find_dateline(text)
        if dateline is None:
            misses.append(f"{docid}: {text.strip()[:90]!r}")
            continue
        found += 1
        if dateline.date_span is not None:
            with_date += 1
            resolved += dateline.date is not None
        if docid in grit and grit[docid].get("dateline"):
            compared += 1
            agree_span += text[dateline.start:dateline.end] == grit[docid]["dateline"]
            ours = re.sub(r"\W+", " ", text[dateline.body_start:dateline.body_start + 60]).strip()
            theirs = re.sub(r"\W+", " ", grit[docid]["text"][:60]).strip()
            agree_body += ours[:30] == theirs[:30]
    print(f"datelines found (DEV+TST1+TST2 texts): {pct(found, len(all_docs))}")
    print(f"  with a date: {pct(with_date, found)}; date resolved: {pct(resolved, with_date)}")
    print(f"  dateline text == GRIT 'dateline' field: {pct(agree_span, compared)}")
    print(f"  body start == GRIT text start (first 30 chars): {pct(agree_body, compared)}")
    for line in misses[:examples]:
        print("  not found:", line)

    docs = muc_documents([str(corpora / "tst1/tst1-muc3"), str(corpora / "tst2/tst2-muc4")])
    keys = muc_keys([str(corpora / "tst1/key-tst1.v7"), str(corpora / "tst2/key-tst2.v4")])
    templates = [(d, parse_key_dates(fill)) for d, fill in keys if fill not in {"*", "-"}]
    templates = [(d, gold) for d, gold in templates if gold and d in docs]
    kinds = collections.Counter(gold[0][0] for _, gold in templates)
    print(f"TST1+TST2 templates with a gold INCIDENT: DATE: {len(templates)} "
          f"(first alternative: {dict(kinds)})")
    scores = {name: [0, 0] for name in ("dateline", "first expression", "first, else dateline")}
    reachable = 0
    wrong: dict[str, str] = {}
    for docid, gold in templates:
        text = docs[docid]
        dateline = find_dateline(text)
        anchor = dateline.date.start if dateline and dateline.date else None
        body = text[dateline.body_start:] if dateline else text
        first, first_text = first_resolved(body, anchor)
        predictions = {"dateline": anchor, "first expression": first,
                       "first, else dateline": first or anchor}
        for name, predicted in predictions.items():
            scores[name][0] += matches(predicted, gold)
            scores[name][1] += compatible(predicted, gold)
        candidates = [anchor] + [
            r.start if r else None
            for r in (resolve_date(t, anchor) for _, _, t in find_date_expressions(body))]
        reachable += any(matches(c, gold) for c in candidates)
        if not matches(first, gold) and len(wrong) < examples:
            wrong.setdefault(docid, f"{docid}: gold {gold[0][0]} {gold[0][2]}, anchor {anchor}, "
                                    f"first {first_text!r} -> {first}")
    for name, (exact, compat) in scores.items():
        print(f"  {name:22s} exact {pct(exact, len(templates))}, "
              f"compatible {pct(compat, len(templates))}")
    print(f"  gold date among the dateline and the resolved expressions (an upper bound for "
          f"choosing): {pct(reachable, len(templates))}")
    for line in wrong.values():
        print("  e.g.", line)


# --- GTD --------------------------------------------------------------------------------

def measure_gtd(data: Path, examples: int) -> None:
    print("== GTD 2016 ==")
    path = data / "gtd/gtd_2016.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", errors="replace")))
    prefixed = parsed = agree = found_first = literal = 0
    disagree: list[str] = []
    gaps: collections.Counter[str] = collections.Counter()
    for row in rows:
        match = re.match(r"\s*(\d{2}/\d{2}/\d{4}):", row["summary"])
        if not match:
            continue
        prefixed += 1
        resolved = resolve_date(match.group(1), None)
        expressions = find_date_expressions(row["summary"])
        found_first += bool(expressions) and expressions[0][:2] == match.span(1)
        if resolved is None:
            continue
        parsed += 1
        month, day, year = (int(part) for part in match.group(1).split("/"))
        if day == 0:  # GTD's unknown day: the month, at month precision
            literal += resolved.precision == "month" and resolved.start == dt.date(year, month, 1)
        else:
            literal += resolved.start == resolved.end == dt.date(year, month, day)
        try:
            gold = dt.date(int(row["iyear"]), int(row["imonth"]), int(row["iday_from_eventid"]))
        except ValueError:
            continue
        if resolved.start == gold and resolved.precision == "day":
            agree += 1
        else:
            gap = (resolved.start - gold).days
            gaps["-1" if gap == -1 else "-2..-7" if -7 <= gap < -1 else "+1" if gap == 1
                 else "+2..+7" if 1 < gap <= 7 else "other"] += 1
            if len(disagree) < examples:
                disagree.append(f"{row['eventid']}: {match.group(1)} -> {resolved.start}, "
                                f"gold {gold}")
    print(f"rows {len(rows)}, with an MM/DD/YYYY: prefix {pct(prefixed, len(rows))}")
    print(f"  prefix found as the first date expression: {pct(found_first, prefixed)}")
    print(f"  resolved (no anchor): {pct(parsed, prefixed)}; "
          f"== gold iyear/imonth/iday_from_eventid: {pct(agree, parsed)}")
    print(f"  == the prefix itself read as MM/DD/YYYY (day 00 -> that month): "
          f"{pct(literal, parsed)}")
    print(f"  where the eventid date differs, summary date minus eventid date (days): "
          f"{dict(gaps.most_common())}")
    for line in disagree:
        print("  differs:", line)


# --- RAND -------------------------------------------------------------------------------

def literal_date(text: str) -> dt.date | None:
    """The date of a fully spelt-out expression, by strptime (independent of our parser)."""
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", re.sub(r"\s+", " ", text.strip()))
    for fmt in ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%b. %d, %Y", "%b %d, %Y"):
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def measure_rand(data: Path, examples: int) -> None:
    print("== RAND 1998-2006 ==")
    path = data / "rand/rand_1998_2006.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8", errors="replace")))
    outcome: collections.Counter[str] = collections.Counter()
    first_outcome: collections.Counter[str] = collections.Counter()
    with_expression = 0
    unresolved: collections.Counter[str] = collections.Counter()
    started = time.perf_counter()
    opening = opening_right = explicit = explicit_right = 0
    for row in rows:
        gold = dt.date.fromisoformat(row["Date"])
        expressions = find_date_expressions(row["Description"])
        if expressions:
            with_expression += 1
            start, _, text = expressions[0]
            if start <= 3:  # "On July 13, 2008, ..." opens the description
                opening += 1
                resolved = resolve_date(text, gold)
                opening_right += resolved is not None and resolved.start <= gold <= resolved.end
        for _, _, text in expressions:
            literal = literal_date(text)
            if literal is not None:
                explicit += 1
                resolved = resolve_date(text, None)
                explicit_right += resolved is not None and resolved.start == literal
        for index, (_, _, text) in enumerate(expressions):
            resolved = resolve_date(text, gold)
            if resolved is None:
                kind = "unresolved"
                unresolved[text.lower()] += 1
            elif resolved.start <= gold <= resolved.end:
                kind = "contains gold date" if resolved.precision != "day" else "== gold date"
            else:
                kind = "before gold date"
            outcome[kind] += 1
            if index == 0:
                first_outcome[kind] += 1
    elapsed = time.perf_counter() - started
    total = sum(outcome.values())
    print(f"rows {len(rows)}, with a date expression: {pct(with_expression, len(rows))}; "
          f"expressions {total} (this pass: {elapsed:.1f} s)")
    for kind in ("== gold date", "contains gold date", "before gold date", "unresolved"):
        print(f"  all expressions {kind:20s} {pct(outcome[kind], total)}   first expression "
              f"{pct(first_outcome[kind], with_expression)}")
    print(f"  explicit 'Month D, YYYY' / 'D Month YYYY' read (no anchor) == strptime: "
          f"{pct(explicit_right, explicit)}")
    print(f"  description opens with a date: {opening}; it contains the gold date: "
          f"{pct(opening_right, opening)}")
    print("  most frequent unresolved (later than the anchor, or not a date):",
          ", ".join(f"{t!r}x{n}" for t, n in unresolved.most_common(examples)))


# --- GVA --------------------------------------------------------------------------------

def measure_gva(data: Path, examples: int) -> None:
    print("== GVA 2013-2015 (local news pages) ==")
    path = data / "gva/gva_2013_2015.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    found = dated = same = 0
    places: collections.Counter[str] = collections.Counter()
    for row in rows:
        text = row.get("text") or ""
        dct = dt.date.fromisoformat(row["dct"][:10]) if row.get("dct") else None
        dateline = find_dateline(text, dct)
        if dateline is None:
            continue
        found += 1
        places[dateline.place.text if dateline.place else "(none)"] += 1
        if dateline.date is not None:
            dated += 1
            same += dct is not None and abs((dateline.date.start - dct).days) <= 1
    print(f"pages {len(rows)}, dateline found {pct(found, len(rows))}; with a date "
          f"{dated}, within a day of the page's dct {pct(same, dated)}")
    print("  most frequent places:", ", ".join(f"{p}x{n}" for p, n in places.most_common(examples)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path,
                        default=Path(__file__).resolve().parents[1].parent / "shared/data")
    parser.add_argument("--examples", type=int, default=8)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: no data folder at {args.data} (pass --data)", file=sys.stderr)
        return 2
    measure_muc(args.data, args.examples)
    measure_gtd(args.data, args.examples)
    measure_rand(args.data, args.examples)
    measure_gva(args.data, args.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
