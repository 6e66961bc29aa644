"""The command line: a thin layer over the library (``factcheck.checker``, ``factcheck.batch``).

Exit codes: 0 no finding at or above --fail-on, 1 findings, 2 usage, input or model error, 128 + the
signal's number when stopped by Ctrl-C (130), SIGHUP (129) or SIGTERM (143).
torch, transformers and sentence-transformers are imported only when a check runs.
Everything printed to stderr passes through ``factcheck.text.safe`` (no escape sequence gets through).
"""

from __future__ import annotations

import signal
import sys

import typer

from factcheck.cli import accept as _accept  # noqa: F401 - registers factcheck accept
from factcheck.cli import commands as _commands  # noqa: F401 - registers the commands on the app
from factcheck.cli.app import app
from factcheck.cli.output import say
from factcheck.errors import Interrupted

__all__ = ["app", "run"]


def run() -> None:
    """Entry point: never a traceback; usage errors and unexpected failures are one line and exit code 2."""
    try:
        code = app(standalone_mode=False)
    except typer.Abort as exc:   # click's word for a KeyboardInterrupt outside a command's own handling
        stop = exc.__cause__ if isinstance(exc.__cause__, Interrupted) else Interrupted(signal.SIGINT)
        say(f"error: interrupted ({stop.name})")
        sys.exit(128 + stop.signum)
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence for the CLI
        if type(exc).__name__ == "NoArgsIsHelpError":  # the bare command: its help, as click shows it
            exc.show()  # type: ignore[attr-defined]
        elif callable(getattr(exc, "format_message", None)) and hasattr(exc, "exit_code"):  # click's usage errors
            ctx = getattr(exc, "ctx", None)
            where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            say(f"error: {exc.format_message()}{where}")  # type: ignore[attr-defined]
        else:
            say(f"internal error: {exc.__class__.__name__}: {exc} "
                "(please report this with the input that caused it)")
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
