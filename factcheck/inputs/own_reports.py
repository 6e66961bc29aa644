"""Reports factcheck wrote itself, found in a folder of versions: never read back as versions.

``factcheck check drafts -o drafts/report.html`` and then ``factcheck check drafts`` would compare
the report with the drafts. Each format carries a mark that a draft does not: the HTML generator
tag, the text report's closing summary, the Markdown heading, the JSON schema, SARIF's and JUnit's
tool name, GitHub's workflow commands. Only the head and the tail of a file are read.
"""

from __future__ import annotations

import re
from pathlib import Path

_PEEK = 8192
_MARKS = [
    ("html", re.compile(rb'<meta name="generator" content="factcheck[ "]')),
    ("text", re.compile(rb"\d+ error\(s\),\s+\d+ warning\(s\),\s+\d+ info\s+in\s+\d+\s+slots\s+\(.*?\)\s+across\s+"
                        rb"\d+\s+versions", re.DOTALL)),
    ("markdown", re.compile(rb"\A## factcheck: \d+ error\(s\), \d+ warning\(s\), \d+ info")),
    ("json", re.compile(rb'\A\s*\{\s*"schema":\s*"factcheck(?:-multi)?/')),
    ("sarif", re.compile(rb'"driver":\s*\{\s*"name":\s*"factcheck"')),
    ("junit", re.compile(rb'<testsuites[^>]*name="factcheck"')),
    ("github", re.compile(rb"(?m)^factcheck: \d+ error\(s\), \d+ warning\(s\), \d+ info in \d+ comparison")),
]


def own_report(path: Path) -> str | None:
    """The format of the factcheck report in ``path`` ("html", "text", ...), or None for anything else."""
    try:
        with path.open("rb") as f:
            head = f.read(_PEEK)
            f.seek(0, 2)
            size = f.tell()
            f.seek(max(len(head), size - _PEEK))
            tail = f.read(_PEEK)
    except OSError:
        return None
    sample = head + tail
    for kind, mark in _MARKS:
        if mark.search(sample):
            return kind
    return None
