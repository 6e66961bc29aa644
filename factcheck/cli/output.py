"""What the CLI writes: one safe line on stderr, a report to a file or to standard output, and library
errors turned into one line and exit code 2."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer

from factcheck.errors import FactcheckError
from factcheck.text.safe import one_line, safe_name


def say(message: str) -> None:
    """One line on stderr, made safe for a terminal."""
    typer.echo(f"factcheck: {one_line(message)}", err=True)


def fail(message: str) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(2)


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Library errors become one line on stderr and exit code 2."""
    try:
        yield
    except FactcheckError as exc:
        fail(exc.one_line())
    except KeyboardInterrupt:
        fail("interrupted")


def terminal(output: Path | None, fmt: str) -> tuple[bool, int]:
    """Whether the text report is coloured, and its width. Colour on a terminal, never where ``NO_COLOR``
    is set (no-color.org), and also off a terminal where ``FORCE_COLOR`` is (a CI log that shows
    colours), never in a file; the width of the terminal (or ``COLUMNS``), 120 off a terminal."""
    tty = output is None and sys.stdout is not None and sys.stdout.isatty()
    color = fmt == "text" and output is None and not os.environ.get("NO_COLOR") and \
        (tty or bool(os.environ.get("FORCE_COLOR")))
    return color, shutil.get_terminal_size((120, 24)).columns


def emit(reports: list[Any], fmt: str, output: Path | None, verbose: bool, many: bool = False) -> None:
    """The reports in ``fmt``, to ``output`` or standard output (FCE120 when neither can be written)."""
    from factcheck.render import render

    if output is None and sys.stdout is None:
        fail("FCE120: standard output is closed; the report cannot be written (use --output FILE)")
    color, width = terminal(output, fmt)
    text = render(fmt, reports, color, verbose, width, many)
    if output is not None:
        from factcheck.inputs.overwrite import write_atomically

        try:
            write_atomically(output, text.encode("utf-8"))
        except OSError as exc:
            fail(f"FCE120: cannot write {safe_name(str(output))}: {exc.strerror or exc} (a file already there is "
                 "left as it was)")
        return
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError as exc:
        _drop_stdout()
        fail(f"FCE120: cannot write the report to standard output: {exc.strerror or exc}")


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush cannot fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError):
        pass
