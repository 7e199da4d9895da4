"""The ``incidents`` command line.  Each sub-command lives in its own module and only
parses options; the work happens in the library, whose typed errors become exit codes here.
"""

from __future__ import annotations

import click

from incidents import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="incidents")
def cli() -> None:
    """Turn news reports of political violence into structured, source-linked incidents."""


def _register() -> None:
    from incidents.cli import extract_cmd, store_cmd

    cli.add_command(extract_cmd.extract)
    for command in store_cmd.COMMANDS:
        cli.add_command(command)
    cli.add_command(store_cmd.merge_eval)  # also reachable as `incidents eval merge`
    try:
        from incidents.cli import eval_cmd
    except ImportError:  # pragma: no cover - during development only
        return
    cli.add_command(eval_cmd.eval_command)


_register()
