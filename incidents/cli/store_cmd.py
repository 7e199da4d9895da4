"""The incident database commands: ``ingest``, ``list``, ``show``, ``merge``, ``split``,
``export`` and ``merge-eval``. Parsing and printing only; the work is in
:mod:`incidents.store`, :mod:`incidents.merge` and :mod:`incidents.export`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any, TypeVar

import click

from incidents.cli.common import field_option
from incidents.errors import IncidentsError
from incidents.store.ingest import IngestSummary
from incidents.store.records import CanonicalRecord, FigureRecord

F = TypeVar("F", bound=Callable[..., Any])

db_option = click.option(
    "--db",
    "db",
    envvar="INCIDENTS_DB",
    default=None,
    metavar="URL",
    help="Database: sqlite:///FILE, a file path, or postgresql://USER@HOST:PORT/DB "
    "(default: $INCIDENTS_DB, else incidents.db in the current directory).",
)


def handle_errors(command: F) -> F:
    """Typed errors become one-line messages and exit status 1; never a traceback.

    An unexpected error (a bug) is one line too, unless ``INCIDENTS_DEBUG`` is set.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except IncidentsError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("incidents: interrupted; everything stored so far is kept", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, SystemExit):
            raise
        except Exception as exc:
            if os.environ.get("INCIDENTS_DEBUG"):
                raise
            message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            raise click.ClickException(
                f"internal error ({message}); what was stored is kept. Please report it; "
                "INCIDENTS_DEBUG=1 shows the traceback"
            ) from None

    return wrapper  # type: ignore[return-value]


def _date(which: str) -> Callable[[click.Context, click.Parameter, str | None], dt.date | None]:
    def parse(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
        from incidents.merge.profile import date_range

        if value is None:
            return None
        first, last = date_range(value.strip(), value.strip(), None)
        if first is None or last is None:
            raise click.BadParameter(f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        return first if which == "first" else last

    return parse


def filter_options(command: F) -> F:
    options = [
        click.option(
            "--since",
            callback=_date("first"),
            metavar="DATE",
            help="From this date (YYYY[-MM[-DD]]).",
        ),
        click.option(
            "--until", callback=_date("last"), metavar="DATE", help="Up to this date (inclusive)."
        ),
        click.option("--country", metavar="NAME", help="Country name or ISO code."),
        click.option(
            "--type", "type_", metavar="TYPE", help="GTD, ACLED or MUC type (part of the name)."
        ),
        click.option(
            "--min-killed",
            type=click.IntRange(min=0),
            metavar="N",
            help="At least N killed (best).",
        ),
        click.option("--text", metavar="TEXT", help="Text in a summary or an article title."),
        click.option(
            "--limit", type=click.IntRange(min=1), metavar="N", help="At most N incidents."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(**kwargs: Any) -> Any:
    from incidents.store import Filters

    return Filters(
        since=kwargs.get("since"),
        until=kwargs.get("until"),
        country=kwargs.get("country"),
        type=kwargs.get("type_"),
        min_killed=kwargs.get("min_killed"),
        text=kwargs.get("text"),
        limit=kwargs.get("limit"),
    )


# -- ingest ----------------------------------------------------------------------------


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option(
    "--workers",
    "-w",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Extraction worker processes.",
)
@field_option
@click.option(
    "--batch-size",
    default=128,
    show_default=True,
    type=click.IntRange(1, 10000),
    help="Articles per transaction.",
)
@click.option(
    "--progress/--no-progress",
    "show_progress",
    default=None,
    help="Progress on stderr (default: when stderr is a terminal).",
)
@handle_errors
def ingest(
    inputs: tuple[str, ...],
    db: str | None,
    workers: int,
    fields: dict[str, str],
    batch_size: int,
    show_progress: bool | None,
) -> None:
    """Extract incidents from INPUT files or directories and store them in the database.

    Articles already stored (same text) are skipped, so re-running, or resuming an
    interrupted run, only extracts what is missing. New incidents are merged with the
    incidents other articles report. Exits with status 1 if any article failed.
    """
    from incidents.ingest import read_inputs
    from incidents.store import ingest_items, open_store

    show = sys.stderr.isatty() if show_progress is None else show_progress
    reporter = _ProgressLine() if show else None
    with open_store(db, create=True) as store:
        items = read_inputs(list(inputs), fields=fields or None)
        summary = ingest_items(
            store, items, workers=workers, batch_size=batch_size, progress=reporter
        )
        if reporter is not None:
            reporter.done(summary)
        for failure in summary.failures:
            click.echo(f"incidents: {failure.id}: {failure.error}", err=True)
        click.echo(summary.line())
    if summary.articles_failed:
        sys.exit(1)


class _ProgressLine:
    """A one-line progress report on stderr, redrawn at most five times a second."""

    def __init__(self) -> None:
        self.start = time.monotonic()
        self.shown = 0.0

    def __call__(self, summary: IngestSummary) -> None:
        now = time.monotonic()
        if now - self.shown < 0.2:
            return
        self.shown = now
        rate = summary.processed / max(now - self.start, 1e-6)
        sys.stderr.write(
            f"\ringesting: {summary.processed} articles ({summary.articles_new} new, "
            f"{summary.articles_skipped} skipped, {summary.articles_failed} failed) "
            f"{rate:.1f}/s "
        )
        sys.stderr.flush()

    def done(self, summary: IngestSummary) -> None:
        elapsed = time.monotonic() - self.start
        sys.stderr.write(
            f"\ringesting: {summary.processed} articles in {elapsed:.1f}s" + " " * 30 + "\n"
        )
        sys.stderr.flush()


# -- list / show -----------------------------------------------------------------------


@click.command(name="list")
@db_option
@filter_options
@click.option("--json", "as_json", is_flag=True, help="One JSON object per incident (JSON Lines).")
@handle_errors
def list_incidents(db: str | None, as_json: bool, **filters: Any) -> None:
    """List the incidents in the database, oldest first."""
    from incidents.store import open_store

    with open_store(db, create=False) as store:
        records = store.list_incidents(_filters(**filters))
    if as_json:
        for record in records:
            click.echo(json.dumps(record.to_dict(), ensure_ascii=False))
        return
    for line in incident_table(records):
        click.echo(line)


def incident_table(records: list[CanonicalRecord]) -> list[str]:
    """An aligned table: id, date, place, type, killed, injured, sources, summary."""
    header = ("ID", "DATE", "PLACE", "TYPE", "KILLED", "INJURED", "SRC", "SUMMARY")
    rows = [
        (
            str(r.id),
            r.date_text,
            _clip(_short_place(r), 32),
            _clip(r.gtd_type or r.acled_event_type or r.muc or "-", 24),
            _figure_text(r.figure("killed")),
            _figure_text(r.figure("injured")),
            str(r.n_sources),
            _clip(r.summary, 60),
        )
        for r in records
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    lines = []
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        lines.append("  ".join([*cells, row[-1]]).rstrip())
    if not rows:
        lines.append("(no incidents)")
    return lines


def _short_place(record: CanonicalRecord) -> str:
    parts = (record.city, record.admin1, record.country_code or record.country)
    return ", ".join(p for p in parts if p) or "-"


def _figure_text(figure: FigureRecord | None) -> str:
    if figure is None or figure.best is None:
        return "-"
    if figure.low is not None and figure.high is not None and figure.low != figure.high:
        return f"{figure.best} ({figure.low}-{figure.high})"
    return str(figure.best)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command()
@click.argument("incident_id", metavar="ID")
@db_option
@click.option("--json", "as_json", is_flag=True, help="The record as JSON.")
@handle_errors
def show(incident_id: str, db: str | None, as_json: bool) -> None:
    """Show one incident (its id, or a member's incident key such as ARTICLE/1) with every
    source, figure and evidence sentence."""
    from incidents.store import open_store

    with open_store(db, create=False) as store:
        record = store.get(incident_id)
    if as_json:
        click.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))
        return
    for line in describe(record):
        click.echo(line)


def describe(record: CanonicalRecord) -> list[str]:
    """The readable record of ``incidents show``."""
    lines = []
    if record.redirected_from is not None:
        lines.append(f"(incident {record.redirected_from} was merged into {record.id})")
    lines.append(f"Incident {record.id}  ({record.n_sources} source(s))")
    place = record.place
    if record.lat is not None and record.lon is not None:
        place += f"  ({record.lat:.4f}, {record.lon:.4f})"
    types = [record.gtd_type or "-"]
    if record.acled_event_type:
        types.append(f"ACLED {record.acled_event_type} / {record.acled_sub_event_type or '-'}")
    if record.muc:
        types.append(f"MUC {record.muc}")
    lines += [
        f"  date:        {record.date_text}"
        + (f" ({record.precision})" if record.precision else ""),
        f"  place:       {place}",
        f"  type:        {' | '.join(types)}",
        f"  stage:       {record.stage or '-'}",
        f"  perpetrator: {record.perpetrator or '-'}",
        f"  summary:     {record.summary}",
        "  figures (low / best / high):",
    ]
    if not record.figures:
        lines.append("    (none)")
    for figure in record.figures:
        lines.append(
            f"    {figure.outcome} {figure.group}: {_dash(figure.low)} / {_dash(figure.best)} / "
            f"{_dash(figure.high)}  from {figure.n_figures} figure(s)"
            + (f"; {'; '.join(figure.reasons)}" if figure.reasons else "")
        )
    lines.append("Sources:")
    for n, member in enumerate(record.members, start=1):
        origin = [member.article_key, member.published or "undated", member.source or ""]
        lines.append(
            f"  [{n}] {'  '.join(p for p in origin if p)}  (incident {member.incident_key}"
            f"{', main' if member.main else ''}, {member.status}, {member.method})"
        )
        if member.title:
            lines.append(f"      title: {member.title}")
        if member.url:
            lines.append(f"      url:   {member.url}")
        lines.append(f"      summary: {member.summary}")
        for source_figure in member.figures:
            value = source_figure.value if source_figure.value is not None else source_figure.min
            lines.append(
                f"      {source_figure.outcome} {source_figure.group}: {value} "
                f"({source_figure.qualifier}, {source_figure.status})"
            )
            lines += _sentences(source_figure.evidence)
        for item in member.fields:
            detail = ", ".join(p for p in (item.category, item.status) if p)
            lines.append(f"      {item.kind}: {item.text}" + (f" ({detail})" if detail else ""))
            lines += _sentences(item.evidence)
        if member.date_start is not None:
            lines.append(f"      date: {member.date_start.isoformat()} ({member.precision})")
            lines += _sentences(member.date_evidence)
    if record.decisions:
        lines.append("Decisions:")
        for decision in record.decisions:
            score = f" score {decision.score:.2f}" if decision.score is not None else ""
            subject = decision.incident_key or (
                f"incident {decision.other_canonical_id}" if decision.other_canonical_id else ""
            )
            lines.append(
                f"  {decision.at:%Y-%m-%d %H:%M} {decision.method} {decision.action} "
                f"{subject}{score}: {'; '.join(decision.reasons)}"
            )
    return lines


def _sentences(evidence: Any) -> list[str]:
    seen: list[str] = []
    for span in evidence:
        sentence = span.sentence or span.text
        if sentence not in seen:
            seen.append(sentence)
    return [f'        "{s}"' for s in seen]


def _dash(value: int | None) -> str:
    return "-" if value is None else str(value)


# -- merge / split ---------------------------------------------------------------------


@click.command()
@click.argument("target", metavar="A")
@click.argument("others", nargs=-1, required=True, metavar="B...")
@db_option
@click.option("--note", default="", help="Why (kept with the decision).")
@handle_errors
def merge(target: str, others: tuple[str, ...], db: str | None, note: str) -> None:
    """Merge incidents B... into incident A, by hand (the decision and history are kept)."""
    from incidents.store import open_store

    with open_store(db, create=False) as store:
        merged = store.merge(target, list(others), note=note)
    click.echo(f"merged {', '.join(others)} into incident {merged}")


@click.command()
@click.argument("incident_id", metavar="ID")
@click.option(
    "--member",
    "members",
    multiple=True,
    metavar="KEY",
    help="Split off this member (an incident key such as ARTICLE/1); repeat to move several together. Default: every member becomes an incident of its own.",
)
@db_option
@click.option("--note", default="", help="Why (kept with the decision).")
@handle_errors
def split(incident_id: str, members: tuple[str, ...], db: str | None, note: str) -> None:
    """Split incident ID into separate incidents, by hand (the history is kept)."""
    from incidents.store import open_store

    with open_store(db, create=False) as store:
        created = store.split(incident_id, list(members), note=note)
    click.echo(f"split incident {incident_id}: new incident(s) {', '.join(map(str, created))}")


# -- export ----------------------------------------------------------------------------


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv-gtd", "csv-acled", "geojson"]),
    default="json",
    show_default=True,
    help="Output format (docs/exports.md lists every column).",
)
@click.option(
    "-o", "--output", default="-", metavar="FILE", help="Write here instead of standard output."
)
@db_option
@filter_options
@handle_errors
def export(fmt: str, output: str, db: str | None, **filters: Any) -> None:
    """Export incidents as JSON, GTD-style CSV, ACLED-style CSV or GeoJSON (credits GeoNames)."""
    from incidents.export import export as write_export
    from incidents.store import open_store

    with open_store(db, create=False) as store:
        records = store.iter_records(_filters(**filters))
        if output == "-":
            count = write_export(records, fmt, sys.stdout)
            sys.stdout.flush()
        else:
            try:
                handle = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as exc:
                raise click.ClickException(f"cannot write {output}: {exc.strerror}") from None
            with handle:
                count = write_export(records, fmt, handle)
            click.echo(f"exported {count} incident(s) to {output}", err=True)


# -- merge evaluation --------------------------------------------------------------------


@click.command(name="merge-eval")
@click.option(
    "--data",
    "data",
    default="../shared/data/gva",
    show_default=True,
    metavar="PATH",
    help="The gva folder or gva_2013_2015.jsonl.",
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Only the first N articles.")
@click.option(
    "--db",
    "db",
    default=None,
    metavar="URL",
    help="Ingest into this database (kept); default: a temporary SQLite file.",
)
@click.option("--workers", "-w", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option("--json", "as_json", is_flag=True, help="The scores as JSON.")
@handle_errors
def merge_eval(data: str, limit: int | None, db: str | None, workers: int, as_json: bool) -> None:
    """Score cross-article merging on the GVA slice: B-cubed precision, recall, F1."""
    from incidents.merge.evaluate import evaluate_merge

    result = evaluate_merge(data, limit=limit, db_url=db, workers=workers)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    base = result["singleton_baseline"]
    click.echo(
        f"merge (B-cubed over {result['articles']} articles, {result['gold_clusters']} gold incidents)"
    )
    click.echo(
        f"  precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}"
    )
    click.echo(
        f"  baseline (no merging): P {base['precision']:.3f}  R {base['recall']:.3f}  F1 {base['f1']:.3f}"
    )
    click.echo(
        f"  {result['articles_with_incident']} article(s) with an incident, "
        f"{result['predicted_clusters']} clusters; {result['ingest']}; {result['seconds']}s"
    )


COMMANDS = [ingest, list_incidents, show, merge, split, export]
"""The database commands, for ``incidents.cli`` to register (``merge_eval`` apart)."""
