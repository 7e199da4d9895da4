"""``incidents eval``: score the extractor on a labelled dataset (parsing only; the work
is in :mod:`incidents.evaluate`)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import click

from incidents.errors import IncidentsError
from incidents.evaluate import DATASETS, load_examples, render_text, run


class _OneLineFormatter(logging.Formatter):
    """Log lines without tracebacks: failed articles are listed in the report."""

    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord(record.__dict__)
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        return super().format(record)


def _quiet_logging(verbose: bool) -> None:
    root = logging.getLogger()
    if root.handlers:  # the caller configured logging: leave it alone
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(
        logging.Formatter("%(levelname)s %(name)s: %(message)s") if verbose
        else _OneLineFormatter("%(levelname)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(logging.INFO if verbose else logging.WARNING)



def _write_outputs(report: Any, json_out: Path | None, details: Path | None, unit: str) -> None:
    """The report as JSON (``--json``) and one JSON line per record (``--details``)."""
    if json_out is not None:
        _write(json_out, [_dumps(report.to_dict(), indent=1), "\n"])
        click.echo(f"figures written to {json_out}", err=True)
    if details is not None:
        _write(details, [_dumps(record) + "\n" for record in report.records])
        click.echo(f"{unit} details written to {details}", err=True)

def _write(path: Path, lines: list[str]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(lines), encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror or exc}") from exc


def _dumps(value: Any, indent: int | None = None) -> str:
    return json.dumps(value, ensure_ascii=False, indent=indent)


def _statements(data: Path, limit: int | None, workers: int, json_out: Path | None,
                details: Path | None) -> None:
    """``eval statements``: the annotated sentences of eval/statements/ (--data is ../shared/data)."""
    from incidents.evaluate.statements import evaluate_statements, render

    try:
        report = evaluate_statements(data, workers=workers, limit=limit)
    except IncidentsError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(render(report))
    _write_outputs(report, json_out, details, "per-sentence")


@click.command(name="eval")
@click.argument("dataset", type=click.Choice([*DATASETS, "merge", "statements"]), metavar="DATASET")
@click.option("--data", "data", required=True, type=click.Path(path_type=Path),
              help="The dataset folder (e.g. ../shared/data/gva) or its file.")
@click.option("--offset", default=0, show_default=True, type=click.IntRange(min=0),
              help="Skip this many documents first.")
@click.option("--limit", default=None, type=click.IntRange(min=0),
              help="Evaluate at most this many documents.  [default: all]")
@click.option("--every", default=1, show_default=True, type=click.IntRange(min=1),
              help="Take every N-th document after the offset (a fixed, spread-out sample).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(min=1),
              help="Extraction processes.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every figure, and each document's gold and prediction, as JSON.")
@click.option("--details", type=click.Path(dir_okay=False, path_type=Path),
              help="Write one JSON line per document (id, gold, pred, marks) for error analysis.")
@click.option("--verbose", "-v", is_flag=True, help="Log progress and full tracebacks of failed articles.")
@click.pass_context
def eval_command(ctx: click.Context, dataset: str, data: Path, offset: int, limit: int | None, every: int,
                 workers: int, json_out: Path | None, details: Path | None,
                 verbose: bool) -> None:
    """Score the extraction on DATASET (muc4, gva, rand, gtd or acled), the
    cross-article merge on the GVA slice (merge: B-cubed precision/recall/F1), or
    statements and epistemic status on the annotated sentences of eval/statements/
    (statements: --data is the shared data folder).

    Prints each figure with the number of documents it is measured on and the
    scores of trivial baselines (always 0, the most frequent value ...), so a figure
    means something.  See docs/evaluation.md for the metrics.
    """
    _quiet_logging(verbose)
    if dataset == "merge":
        from incidents.cli.store_cmd import merge_eval

        ctx.invoke(merge_eval, data=str(data), limit=limit, db=None, workers=workers, as_json=False)
        return
    if dataset == "statements":
        _statements(data, limit, workers, json_out, details)
        return
    try:
        examples = load_examples(dataset, data, offset=offset, limit=limit, every=every)
        selection = {"offset": offset, "limit": limit, "every": every}
        if not examples:
            raise click.ClickException(f"{dataset}: the selection holds no documents")
        if sys.stderr.isatty():
            with click.progressbar(length=len(examples), label=f"eval {dataset}",
                                   file=sys.stderr, show_pos=True) as bar:
                report = run(dataset, examples, workers=workers, progress=bar.update,
                             data=str(data), selection=selection)
        else:
            report = run(dataset, examples, workers=workers, data=str(data),
                         selection=selection)
    except IncidentsError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(render_text(report))
    _write_outputs(report, json_out, details, "per-document")
