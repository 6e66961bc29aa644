"""Reading a file named by a user or a configuration: only a regular file, never more than a cap.

A FIFO, a device such as /dev/zero, a socket or a folder is refused before anything is read (the
file is opened without blocking, then checked), and a file is never read past its cap, even one
that grows while it is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MISSING, NOT_REGULAR, TOO_LARGE, UNREADABLE = "missing", "not_regular", "too_large", "unreadable"
_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


class FileProblem(Exception):
    """Why a file was not read: ``kind`` is one of MISSING, NOT_REGULAR, TOO_LARGE, UNREADABLE;
    ``reason`` completes a sentence that starts with the file's name."""

    def __init__(self, kind: str, reason: str, size: int = 0) -> None:
        super().__init__(reason)
        self.kind, self.reason, self.size = kind, reason, size


def what_is(mode: int) -> str:
    """'a named pipe (FIFO)', 'a character device'... for a file that is not regular."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; FileProblem otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise FileProblem(MISSING, "not found") from exc
    except PermissionError as exc:
        raise FileProblem(UNREADABLE, "cannot be read (permission denied)") from exc
    except IsADirectoryError as exc:
        raise FileProblem(NOT_REGULAR, "is a folder, not a file") from exc
    except OSError as exc:
        raise FileProblem(UNREADABLE, f"cannot be read ({exc.strerror or exc.__class__.__name__})") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(NOT_REGULAR, f"is {what_is(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise FileProblem(TOO_LARGE, f"is {info.st_size:,} bytes, over the limit of {limit:,}", info.st_size)
        chunks, total = [], 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            raise FileProblem(TOO_LARGE, f"is over the limit of {limit:,} bytes (it grew while read)", total)
        return b"".join(chunks)
    except OSError as exc:
        raise FileProblem(UNREADABLE, f"cannot be read ({exc.strerror or exc.__class__.__name__})") from exc
    finally:
        os.close(fd)


def regular_kind(path: Path) -> str | None:
    """None for a regular file (links followed) or a missing one; else what it is, e.g. 'a named pipe (FIFO)'."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else what_is(mode)
