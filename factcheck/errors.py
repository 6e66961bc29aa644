"""Exceptions the library raises; the CLI turns each into one line and exit code 2.

Every error has a stable code (``FCE1xx`` input, ``FCE2xx`` configuration,
``FCE3xx`` model) and a hint that says what to do.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base class: ``code``, ``message`` and ``hint`` make the one-line CLI error."""

    code = "FCE000"

    def __init__(self, message: str, hint: str = "", code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code is not None:
            self.code = code

    def one_line(self) -> str:
        text = f"{self.code}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return " ".join(text.split())


class InputError(FactcheckError):
    """A version could not be read, or there are too few versions."""

    code = "FCE100"


class ConfigError(FactcheckError):
    """models.yaml or another configuration is missing or malformed."""

    code = "FCE200"


class ModelError(FactcheckError):
    """A model cannot be found, verified or loaded."""

    code = "FCE300"


class Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where Ctrl-C raises KeyboardInterrupt, so that a run stops the same way:
    workers stopped, outputs left whole. ``signum`` is the signal; ``name`` its name (SIGTERM)."""

    def __init__(self, signum: int) -> None:
        import signal

        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name


def stop_reason(exc: BaseException) -> str:
    """Why a run stopped: a signal's name (SIGINT for Ctrl-C), an error's code, or the exception's class."""
    if isinstance(exc, Interrupted):
        return exc.name
    if isinstance(exc, KeyboardInterrupt):
        return "SIGINT"
    if isinstance(exc, FactcheckError):
        return exc.code
    return type(exc).__name__
