"""The command line: a thin layer over factcheck.check_versions.

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, input or model error.
torch, transformers and sentence-transformers are imported only when a check runs.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from factcheck import __version__
from factcheck.errors import FactcheckError

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Check versions of a news story against each other for changed facts.")


class Format(StrEnum):
    text = "text"
    json = "json"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def fail(message: str) -> None:
    typer.echo(f"factcheck: error: {message}", err=True)
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Show the version and exit.")] = False) -> None:
    """factcheck: a fact-consistency checker for versions of a news story."""


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="A folder of versions, or two or more files.",
                                                show_default=False)],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to FILE.")] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Lowest severity that makes the exit code 1.")
                       ] = FailOn.error,
    models: Annotated[Path | None, typer.Option("--models", help="A models.yaml to use instead of the default.")
                      ] = None,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Refuse files larger than this.")] = 5 * 1024 * 1024,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Text: show info findings with their slots too.")
                       ] = False,
) -> None:
    """Compare the versions and report what contradicts what."""
    from factcheck.progress import progress_bar
    from factcheck.render import RENDERERS

    try:
        from factcheck.pipeline import check_versions

        with progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
            report = check_versions([str(p) for p in paths], models=models, fail_on=fail_on.value,
                                    progress=progress, max_bytes=max_bytes)
        color = output is None and format is Format.text and sys.stdout.isatty()
        if format is Format.text:
            from factcheck.render.text import render_text

            text = render_text(report, color, verbose)
        else:
            text = RENDERERS[format.value](report, color)
        if output is not None:
            try:
                output.write_text(text, encoding="utf-8")
            except OSError as exc:
                fail(f"cannot write {output}: {exc.strerror or exc}")
        else:
            sys.stdout.write(text)
    except FactcheckError as exc:
        fail(exc.one_line())
    except KeyboardInterrupt:
        fail("interrupted")
    raise typer.Exit(report.exit_code())


@app.command()
def rules() -> None:
    """List the rules: id, name, default severity and what each means."""
    from factcheck.rules import RULES

    for rule in RULES.values():
        typer.echo(f"{rule.id}  {rule.name:<32} {rule.severity.value:<8} {rule.summary}")


def run() -> None:
    """Entry point: never a traceback; unexpected failures are one line and exit code 2."""
    try:
        app()
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence for the CLI
        typer.echo(f"factcheck: internal error: {exc.__class__.__name__}: {exc} "
                   "(please report this with the input that caused it)", err=True)
        sys.exit(2)
