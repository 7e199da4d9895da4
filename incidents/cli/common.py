"""Options and helpers shared by the commands."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, Any, TypeVar

import click

T = TypeVar("T")


def _parse_fields(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for chunk in value:
        for pair in chunk.split(","):
            pair = pair.strip()
            if not pair:
                continue
            if "=" not in pair:
                raise click.BadParameter(f"expected NAME=KEY pairs such as text=body, got {pair!r}", ctx, param)
            name, key = (p.strip() for p in pair.split("=", 1))
            if not name or not key:
                raise click.BadParameter(f"expected NAME=KEY, got {pair!r}", ctx, param)
            fields[name] = key
    return fields


field_option = click.option(
    "--field",
    "fields",
    multiple=True,
    callback=_parse_fields,
    metavar="NAME=KEY[,...]",
    help="JSONL: read article field NAME from key KEY (e.g. text=body,published=dct).",
)


@contextlib.contextmanager
def open_output(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    try:
        handle = open(path, "w", encoding="utf-8")  # noqa: SIM115 (closed by the with below; an open error is reported first)
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror}") from exc
    with handle:
        yield handle


def progress(items: Iterable[T], enabled: bool | None, label: str, length: int | None = None) -> Iterator[T]:
    """Iterate with a progress line on stderr when it is a terminal (or when asked)."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield from items
        return
    start = time.monotonic()
    shown = 0.0
    count = 0
    for item in items:
        count += 1
        now = time.monotonic()
        if now - shown > 0.2:
            shown = now
            rate = count / max(now - start, 1e-6)
            total = f"/{length}" if length else ""
            sys.stderr.write(f"\r{label}: {count}{total} articles, {rate:.1f}/s ")
            sys.stderr.flush()
        yield item
    elapsed = time.monotonic() - start
    sys.stderr.write(f"\r{label}: {count} articles in {elapsed:.1f}s" + " " * 10 + "\n")
    sys.stderr.flush()


def echo_err(message: str, **kwargs: Any) -> None:
    click.echo(message, err=True, **kwargs)
