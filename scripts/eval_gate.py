#!/usr/bin/env python
"""CI quality gate: evaluate on fixed subsets and compare headline figures with floors.

    python scripts/eval_gate.py                       # run all five, compare with eval/gates.json
    python scripts/eval_gate.py --only gva,gtd        # some datasets
    python scripts/eval_gate.py --from-json out/eval  # read `incidents eval --json` outputs
    python scripts/eval_gate.py --update              # raise floors to what was measured

Subsets are in eval/subsets.json, floors in eval/gates.json ({dataset: {figure: floor}}).
Exit status: 0 all figures at or above their floors, 1 a figure under its floor (or
missing, or too many failed articles), 2 a usage or data error.  ``--update`` writes each
measured headline figure rounded down a little (floor(100 * (value - 0.005)) / 100);
it never lowers an existing floor unless ``--allow-regression`` is given.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_GATES = ROOT / "eval" / "gates.json"
DEFAULT_SUBSETS = ROOT / "eval" / "subsets.json"
EPSILON = 1e-9


class GateError(Exception):
    """A usage or data problem (exit status 2)."""


def load_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GateError(f"{path} not found") from None
    except json.JSONDecodeError as exc:
        raise GateError(f"{path} is not valid JSON: {exc}") from None


def proposed_floor(value: float) -> float:
    """The floor ``--update`` writes for a measured value: a little under it."""
    return max(0.0, math.floor(100 * (value - 0.005) + EPSILON) / 100)


def selection(subset: dict[str, Any]) -> dict[str, Any]:
    return {"offset": subset.get("offset", 0), "limit": subset.get("limit"),
            "every": subset.get("every", 1)}


def measure(name: str, subset: dict[str, Any], data: Path, workers: int,
            out: Path | None) -> dict[str, Any]:
    """Run one evaluation in-process; returns its JSON report."""
    from incidents.evaluate import evaluate, render_text

    sel = selection(subset)
    if name == "statements":
        # the annotated sentences of eval/statements/, read against the whole data folder
        from incidents.evaluate.statements import evaluate_statements, render

        report = evaluate_statements(data, workers=workers)
        print(render(report), end="\n\n", flush=True)
    else:
        report = evaluate(name, data / subset.get("data", name), workers=workers, **sel)
        print(render_text(report), end="\n\n", flush=True)
    result: dict[str, Any] = report.to_dict(documents=out is not None)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / f"{name}.json").write_text(json.dumps(result, ensure_ascii=False, indent=1),
                                          encoding="utf-8")
    return result


def read_report(name: str, subset: dict[str, Any], folder: Path) -> dict[str, Any]:
    """A saved ``incidents eval --json`` report, checked against the gate's subset."""
    report = load_json(folder / f"{name}.json")
    if report.get("dataset") != name:
        raise GateError(f"{folder / (name + '.json')} is a report on {report.get('dataset')!r}")
    wanted = selection(subset)
    if report.get("selection") != wanted:
        raise GateError(
            f"{folder / (name + '.json')} was run with {report.get('selection')}, "
            f"but the gate subset is {wanted}: rerun with "
            f"--offset {wanted['offset']} --every {wanted['every']}"
            + (f" --limit {wanted['limit']}" if wanted["limit"] is not None else "")
        )
    return report


#: figures gated although not headline ones: issue 4's status and stage accuracies
GATED_DIAGNOSTICS = {"muc4": {"perp_org_status_accuracy", "stage_accuracy"}, "gtd": {"group_status"}}


def headline(report: dict[str, Any], dataset: str = "") -> dict[str, float | None]:
    extra = GATED_DIAGNOSTICS.get(dataset, set())
    return {name: fig.get("value") for name, fig in report.get("figures", {}).items()
            if fig.get("headline") or name in extra}


def compare(measured: dict[str, dict[str, float | None]], gates: dict[str, dict[str, float]],
            failures: dict[str, int], max_failures: int) -> list[tuple[str, str, str, str, bool]]:
    """Rows (dataset, figure, value, floor, passed) for every gated or measured figure."""
    rows = []
    for dataset, figures in measured.items():
        floors = gates.get(dataset, {})
        for figure in sorted(set(figures) | set(floors), key=lambda f: (f not in floors, f)):
            value = figures.get(figure)
            floor = floors.get(figure)
            shown = "missing" if figure not in figures else (
                "n/a" if value is None else f"{value:.4f}")
            if floor is None:
                rows.append((dataset, figure, shown, "-", True))
            else:
                ok = value is not None and value + EPSILON >= floor
                rows.append((dataset, figure, shown, f"{floor:.2f}", ok))
        count = failures.get(dataset, 0)
        rows.append((dataset, "failed articles", str(count), f"<= {max_failures}",
                     count <= max_failures))
    return rows


def update(gates: dict[str, dict[str, float]], measured: dict[str, dict[str, float | None]],
           allow_regression: bool) -> dict[str, dict[str, float]]:
    """New floors: measured values rounded down; never lower unless allowed."""
    new = {d: dict(f) for d, f in gates.items() if not d.startswith("_")}
    for dataset, figures in measured.items():
        floors = new.setdefault(dataset, {})
        for figure, value in figures.items():
            if value is None:
                continue
            floor = proposed_floor(value)
            old = floors.get(figure)
            floors[figure] = floor if old is None or allow_regression else max(old, floor)
    return new


def print_table(rows: list[tuple[str, str, str, str, bool]]) -> None:
    print(f"{'dataset':<8} {'figure':<28} {'value':>8} {'floor':>7}  result")
    for dataset, figure, value, floor, ok in rows:
        result = "pass" if ok else "FAIL"
        if floor == "-":
            result = "(no floor)"
        print(f"{dataset:<8} {figure:<28} {value:>8} {floor:>7}  {result}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder holding the datasets (default: ../shared/data)")
    parser.add_argument("--gates", type=Path, default=DEFAULT_GATES)
    parser.add_argument("--subsets", type=Path, default=DEFAULT_SUBSETS)
    parser.add_argument("--only", help="comma-separated datasets (default: all in subsets)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--from-json", type=Path, metavar="DIR",
                        help="read DIR/<dataset>.json written by `incidents eval --json`")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="also write each report to DIR/<dataset>.json")
    parser.add_argument("--update", action="store_true", help="raise the floors to the measured figures")
    parser.add_argument("--allow-regression", action="store_true",
                        help="with --update: let floors go down")
    parser.add_argument("--max-failures", type=int, default=0,
                        help="articles that may fail extraction per dataset (default 0)")
    args = parser.parse_args(argv)
    try:
        return run_gate(args)
    except GateError as exc:
        print(f"eval_gate: {exc}", file=sys.stderr)
        return 2


def run_gate(args: argparse.Namespace) -> int:
    subsets = load_json(args.subsets).get("datasets", {})
    names = list(subsets) if not args.only else [n.strip() for n in args.only.split(",") if n.strip()]
    unknown = [n for n in names if n not in subsets]
    if unknown:
        raise GateError(f"no subset for {', '.join(unknown)} in {args.subsets}")
    gates = load_json(args.gates) if args.gates.exists() else {}
    if args.from_json is None and not args.data.is_dir():
        raise GateError(f"data folder {args.data} not found (give --data)")
    measured: dict[str, dict[str, float | None]] = {}
    failures: dict[str, int] = {}
    timings: dict[str, float] = {}
    for name in names:
        start = time.perf_counter()
        if args.from_json is not None:
            report = read_report(name, subsets[name], args.from_json)
        else:
            from incidents.errors import IncidentsError

            try:
                report = measure(name, subsets[name], args.data, args.workers, args.out)
            except IncidentsError as exc:
                raise GateError(str(exc)) from None
        timings[name] = time.perf_counter() - start
        measured[name] = headline(report, name)
        failures[name] = int(report.get("n_failures", 0))
    if args.update:
        gates = update(gates, measured, args.allow_regression)
        args.gates.parent.mkdir(parents=True, exist_ok=True)
        args.gates.write_text(json.dumps(gates, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors written to {args.gates}")
    rows = compare(measured, gates, failures, args.max_failures)
    print_table(rows)
    print("time: " + ", ".join(f"{n} {t:.0f} s" for n, t in timings.items())
          + f"; total {sum(timings.values()):.0f} s")
    failed = [r for r in rows if not r[4]]
    if failed:
        print(f"{len(failed)} figure(s) under their floor", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
