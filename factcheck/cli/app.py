"""The Typer application and its global options."""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck import __version__

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Check versions of a news story against each other for changed facts.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False) -> None:
    """factcheck: a fact-consistency checker for versions of a news story."""
