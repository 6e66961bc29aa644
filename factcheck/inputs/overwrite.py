"""No output replaces an input, or another output of the same run.

``refuse_overwrite`` is called before anything is read or written: ``factcheck check -o b.txt a.txt b.txt``,
``--write-baseline`` naming the report, ``batch in.jsonl -o out.jsonl --findings in.jsonl`` all stop with a
coded error instead of silently replacing the file. Two paths are the same file when they resolve to one
path (links followed) or, both existing, are one file on disk (a hard link).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from factcheck.errors import InputError
from factcheck.text.safe import safe_name


def same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except (OSError, RuntimeError, ValueError):
        return False


def refuse_overwrite(outputs: Sequence[tuple[str, Path | None]], inputs: Sequence[tuple[str, Path | None]],
                     code: str) -> None:
    """Raise InputError ``code`` when an output (a label such as ``--output`` and its path) is one of the
    inputs, or the same file as another output."""
    given = [(label, p) for label, p in outputs if p is not None]
    read = [(label, p) for label, p in inputs if p is not None]
    for n, (label, out) in enumerate(given):
        for what, src in read:
            if same_file(out, src):
                raise InputError(f"{label} {safe_name(str(out))}: is {what}, which writing it would replace",
                                 f"give {label} a path of its own", code)
        for other, path in given[n + 1:]:
            if same_file(out, path):
                raise InputError(f"{label} {safe_name(str(out))}: is also {other}",
                                 "give each output a path of its own", code)
