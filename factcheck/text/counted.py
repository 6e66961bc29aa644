"""Counts in words: "1 error", "20 warnings", "3 links", never "error(s)"."""

from __future__ import annotations

from collections.abc import Mapping


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and the word, plural unless ``n`` is 1 (``plural`` where adding an s is wrong)."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def severity_counts(counts: Mapping[str, int]) -> str:
    """"1 error, 30 warnings, 2 info" (info is a mass noun: no plural)."""
    return (f"{counted(counts.get('error', 0), 'error')}, {counted(counts.get('warning', 0), 'warning')}, "
            f"{counts.get('info', 0)} info")
