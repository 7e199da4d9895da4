"""``incidents extract`` (placeholder)."""

from __future__ import annotations

import click


@click.command()
@click.argument("inputs", nargs=-1, required=True)
def extract(inputs: tuple[str, ...]) -> None:
    """Extract incidents from articles."""
    raise click.ClickException("not implemented yet")
