"""Links out of the checked folder: a link in a folder of drafts (``leak.md -> ../.git/config``,
``x.txt -> /etc/passwd``) must not put another file's text into a report."""

from __future__ import annotations

from pathlib import Path

LINK_NOTE = "a link to a file outside its folder (--follow-links reads it)"


def link_outside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is a link whose target resolves outside ``folder`` (or cannot be resolved)."""
    if not path.is_symlink():
        return False
    try:
        return not path.resolve(strict=True).is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError):  # a loop, or a target that vanished
        return True
