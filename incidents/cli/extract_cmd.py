"""``incidents extract``: articles in, one incidents/v1 JSON object per article out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO, Any

import click

from incidents.cli.common import field_option, open_output, progress
from incidents.errors import IncidentsError
from incidents.model import Extraction, Failure


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", default="-", metavar="FILE", help="Write here instead of standard output.")
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "table"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one object per line (the contract); json: one JSON array; table: a readable summary.",
)
@field_option
@click.option("--summary", is_flag=True, help="Also print a table of the incidents found (to stdout when -o is a file).")
@click.option("--progress/--no-progress", "show_progress", default=None, help="Progress bar on stderr (default: when stderr is a terminal).")
def extract(inputs: tuple[str, ...], output: str, workers: int, fmt: str, fields: dict[str, str], summary: bool, show_progress: bool | None) -> None:
    """Extract incidents from INPUT files, directories or '-' (standard input).

    INPUT may be .txt, .html/.htm, RSS/Atom (.xml, .rss, .atom) or .jsonl files, or
    directories of these.  Output is one incidents/v1 JSON object per article, in input
    order; an article that cannot be processed yields {"id": ..., "error": ...} and the
    command exits with status 1 at the end.
    """
    from incidents.ingest import read_inputs
    from incidents.pipeline import extract_articles

    failed = 0
    articles = 0
    incidents_found = 0
    rows: list[str] = []
    try:
        items = read_inputs(list(inputs), fields=fields or None)
        results = extract_articles(items, workers=workers)
        with open_output(output) as out:
            writer = ResultWriter(out, fmt)
            for result in progress(results, enabled=show_progress, label="extracting"):
                if isinstance(result, Failure):
                    failed += 1
                    click.echo(f"incidents: {result.id}: {result.error}", err=True)
                writer.write(result)
                if isinstance(result, Extraction):
                    articles += 1
                    incidents_found += len(result.incidents)
                if summary:
                    rows.extend(table_rows(result.to_dict()))
            writer.close()
    except IncidentsError as exc:
        raise click.ClickException(str(exc)) from exc
    if summary:
        to_stderr = output == "-"
        click.echo(_TABLE_HEADER, err=to_stderr)
        for row in rows:
            click.echo(row, err=to_stderr)
        where = "standard output" if output == "-" else output
        click.echo(f"\n{articles} article(s), {incidents_found} incident(s); JSON written to {where}", err=to_stderr)
    if failed:
        click.echo(f"incidents: {failed} article(s) could not be processed", err=True)
        sys.exit(1)


_TABLE_HEADER = (
    "article / incident (* = main)\n"
    "    " + f"  {'date':<10}  {'place':<34}  {'type':<28}  {'killed':<13} {'injured':<14}  perpetrator [status]"
)


class ResultWriter:
    """Writes results as JSON Lines, one JSON array, or a readable table."""

    def __init__(self, out: IO[str], fmt: str):
        self.out = out
        self.fmt = fmt
        self.count = 0

    def write(self, result: Extraction | Failure) -> None:
        data = result.to_dict()
        if self.fmt == "jsonl":
            self.out.write(json.dumps(data, ensure_ascii=False) + "\n")
        elif self.fmt == "json":
            self.out.write(("[\n" if self.count == 0 else ",\n") + json.dumps(data, ensure_ascii=False, indent=2))
        else:
            for row in table_rows(data):
                self.out.write(row + "\n")
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.out.write("[]\n" if self.count == 0 else "\n]\n")


def table_rows(data: dict[str, Any]) -> Iterator[str]:
    """A readable block for one article: one line per incident."""
    if "error" in data:
        yield f"{data['id']}: ERROR {data['error']}"
        return
    title = (data.get("article") or {}).get("title") or ""
    yield f"{data['id']}  {title}".rstrip()
    if not data["incidents"]:
        yield "    (no incident found)"
    for inc in data["incidents"]:
        yield "    " + format_incident(inc)


def format_incident(inc: dict[str, Any]) -> str:
    date = inc["date"]["start"] if inc.get("date") else "?"
    if inc.get("date") and inc["date"]["precision"] == "month":
        date = date[:7]
    elif inc.get("date") and inc["date"]["precision"] == "year":
        date = date[:4]
    place = ", ".join(p["name"] for p in inc["locations"][:2]) or "?"
    country = next((p["country"] for p in inc["locations"] if p.get("country")), None)
    if country and country not in place:
        place += f" ({country})"
    acled = (inc["types"].get("acled") or {}).get("event_type")
    kind = (inc["types"]["gtd"] or [acled or inc["types"].get("muc") or "?"])[0]
    killed = _count(inc, "killed")
    injured = _count(inc, "injured")
    perps = [p for p in inc["perpetrators"] if p["status"] != "speculative"]
    perp = "; ".join(f"{p['text']} [{p['status']}]" for p in perps[:2]) or "-"
    marker = "*" if inc["main"] else " "
    return f"{marker} {date:<10}  {place[:34]:<34}  {kind[:28]:<28}  killed {killed:<6} injured {injured:<6}  perpetrator: {perp}"


def _count(inc: dict[str, Any], outcome: str) -> str:
    for c in inc["casualties"]:
        if c["outcome"] == outcome and c["group"] == "total":
            prefix = {"at_least": "≥", "about": "~", "at_most": "≤"}.get(c["qualifier"], "")
            return f"{prefix}{c['value']}"
    return "-"
