"""Files of factcheck's own found among the versions: never read back as versions.

Reports factcheck wrote (``factcheck check drafts -o drafts/report.html``, then ``factcheck check drafts``
would compare the report with the drafts) are skipped with a note. Each format carries a mark that a draft
does not: the HTML generator tag, the text report's closing summary, the Markdown heading, the JSON schema,
SARIF's and JUnit's tool name, GitHub's workflow commands. Only the head and the tail of a file are read.

``factchecks_own`` names the other files that are never drafts: the settings files (``pyproject.toml``,
``factcheck.toml``), a baseline, the file this very run writes its standard output or error to
(``factcheck check drafts/ 2> drafts/err.txt``: the shell makes it, empty, before factcheck starts), and
what factcheck wrote on standard error in an earlier run (every line ``factcheck: ...``). In a folder they
are passed over without a note, as they are on every run; named on the command line, with one.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

_PEEK = 8192
# "1 error, 2 warnings", as reports say it now, or "1 error(s), 2 warning(s)", as they said it before
_COUNTS = rb"\d+ errors?(?:\(s\))?,\s+\d+ warnings?(?:\(s\))?,\s+\d+ info"
_MARKS = [
    ("html", re.compile(rb'<meta name="generator" content="factcheck[ "]')),
    ("text", re.compile(_COUNTS + rb"\s+in\s+\d+\s+slots\s+\(.*?\)\s+across\s+\d+\s+versions", re.DOTALL)),
    ("markdown", re.compile(rb"\A## factcheck: " + _COUNTS)),
    ("json", re.compile(rb'\A\s*\{\s*"schema":\s*"factcheck(?:-multi)?/')),
    ("sarif", re.compile(rb'"driver":\s*\{\s*"name":\s*"factcheck"')),
    ("junit", re.compile(rb'<testsuites[^>]*name="factcheck"')),
    ("github", re.compile(rb"(?m)^factcheck: " + _COUNTS + rb" in \d+ comparison")),
]


SETTINGS_FILES = frozenset({"pyproject.toml", "factcheck.toml"})
_BASELINE = re.compile(rb'\A\s*\{\s*"schema":\s*"factcheck-baseline/')
# what the CLI writes on standard error: each line "factcheck: ..." (an error, a note, a summary)
_MESSAGES = re.compile(rb"\A(?:factcheck: [^\r\n]*(?:\r?\n|\Z))+\Z")


def _sample(path: Path) -> tuple[bytes, int] | None:
    """The head and the tail of a file (the whole of it up to 2 x 8 KiB) and its size; None if unreadable."""
    try:
        with path.open("rb") as f:
            head = f.read(_PEEK)
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(len(head), size - _PEEK))
            tail = f.read(_PEEK)
    except OSError:
        return None
    return head + tail, size


def own_report(path: Path) -> str | None:
    """The format of the factcheck report in ``path`` ("html", "text", ...), or None for anything else."""
    found = _sample(path)
    if found is None:
        return None
    for kind, mark in _MARKS:
        if mark.search(found[0]):
            return kind
    return None


def own_stream(path: Path) -> str | None:
    """Which stream of this process ("standard output", "standard error") is ``path`` itself, if one is."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    for fd, name in ((1, "standard output"), (2, "standard error")):
        try:
            if os.path.samestat(os.fstat(fd), st):
                return name
        except OSError:   # a closed stream
            continue
    return None


def factchecks_own(path: Path, read: bool = True) -> str | None:
    """Why ``path`` is plainly one of factcheck's own files and no draft (the end of "skipped PATH: ..."),
    or None. ``read``: look into the file too (a baseline, an earlier run's messages); never for a link
    that leads out of its folder, whose bytes are not factcheck's to read."""
    if path.name.lower() in SETTINGS_FILES:
        return "factcheck's settings file, not a version"
    stream = own_stream(path)
    if stream is not None:
        return f"this run writes its {stream} there, not a version"
    if not read:
        return None
    found = _sample(path)
    if found is None:
        return None
    sample, size = found
    if _BASELINE.search(sample):
        return "a factcheck baseline, not a version"
    if size <= 2 * _PEEK and _MESSAGES.match(sample):
        return "factcheck's messages of an earlier run, not a version"
    return None


# an empty file of one of these names is a capture of a program's output left behind, not a draft
STREAM_NAMES = frozenset({"err", "error", "errors", "stderr", "out", "output", "stdout", "log"})


def left_capture(path: Path) -> bool:
    """An empty file named like a capture of a program's output (``err.txt``, ``stdout.log``): what
    ``2> drafts/err.txt`` leaves behind when the run had nothing to say."""
    try:
        return path.stem.lower() in STREAM_NAMES and path.stat().st_size == 0
    except OSError:
        return False
