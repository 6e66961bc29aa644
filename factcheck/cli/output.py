"""What the CLI writes: one safe line on stderr, a report to a file or to standard output, and library
errors turned into one line and exit code 2."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import typer

from factcheck.errors import FactcheckError, Interrupted
from factcheck.text.safe import one_line, safe_name


def say(message: str) -> None:
    """One line on stderr, made safe for a terminal."""
    typer.echo(f"factcheck: {one_line(message)}", err=True)


def fail(message: str) -> NoReturn:
    say(f"error: {message}")
    raise typer.Exit(2)


STOP_SIGNALS = ("SIGTERM", "SIGHUP")   # what CI runners, `timeout` and a closed terminal send


def _raise_interrupted(signum: int, frame: Any) -> None:
    raise Interrupted(signum)


@contextmanager
def stop_like_ctrl_c() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``Interrupted`` (a KeyboardInterrupt) while the block runs, so that a run they
    stop ends as one stopped by Ctrl-C does: workers stopped, outputs whole or as they were. A signal that was
    ignored (``nohup``) stays ignored; the old handlers come back afterwards."""
    old: dict[int, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for name in STOP_SIGNALS:
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) is not signal.SIG_IGN:
                old[signum] = signal.signal(signum, _raise_interrupted)
    try:
        yield
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)


def interrupted(exc: KeyboardInterrupt) -> NoReturn:
    """One line, and the exit code of a process stopped by that signal: 128 + its number (130 for Ctrl-C,
    143 for SIGTERM, 129 for SIGHUP), as shells report it."""
    signum = exc.signum if isinstance(exc, Interrupted) else int(signal.SIGINT)
    say(f"error: interrupted ({signal.Signals(signum).name})")
    raise typer.Exit(128 + signum)


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Library errors become one line on stderr and exit code 2; Ctrl-C, SIGTERM and SIGHUP one line and
    128 + the signal's number."""
    try:
        with stop_like_ctrl_c():
            yield
    except FactcheckError as exc:
        fail(exc.one_line())
    except KeyboardInterrupt as exc:
        interrupted(exc)


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
