"""How an output replaces a file: never through a link, never half written, never over an input.

``atomic_output`` (and ``write_atomically`` for bytes at hand) is how every output is written: ``-o``,
``--write-baseline``, the batch's summary and findings table. The data goes to a new file in the target's
folder (created with ``O_EXCL`` and ``O_NOFOLLOW``, mode 0666 less the umask, or the permissions of the
regular file it replaces), is synced, and is renamed over the target. A rename replaces the folder entry
itself: a symbolic link at the target path, dangling or not, or a hard link, is replaced by the new file,
and what it pointed to is never opened. A write that fails (a full disk, a file-size limit, an interrupt)
removes the temporary file and leaves the previous file as it was, byte for byte.

``refuse_overwrite`` is called before anything is read or written: ``factcheck check -o b.txt a.txt b.txt``,
``--write-baseline`` naming the report, ``batch in.jsonl -o out.jsonl --findings in.jsonl``, an output that is
a folder all stop with a coded error instead of silently replacing the file. Two paths are the same file
when they resolve to one path (links followed) or, both existing, are one file on disk (a hard link).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from factcheck.errors import InputError
from factcheck.text.safe import safe_name

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | \
    getattr(os, "O_BINARY", 0)
_NAME_KEPT = 64   # characters of the target's name in the temporary file's (a name may be 255 bytes long)


def _temporary(path: Path) -> tuple[int, Path]:
    """A new, empty file beside ``path``, open for writing: ``.NAME.RANDOM.tmp``."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name[:_NAME_KEPT]}.{os.urandom(6).hex()}.tmp")
        try:
            return os.open(tmp, _FLAGS, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")  # pragma: no cover - 100 random names taken


def _permissions(path: Path) -> int | None:
    """The permission bits of the regular file at ``path`` (kept by its replacement), None for anything else."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return stat.S_IMODE(st.st_mode) & 0o777 if stat.S_ISREG(st.st_mode) else None


def _sync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows it (POSIX: fsync the folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# the standard streams by name: links, but to this process's own descriptors (given on the command line; a
# link in a checkout has the checkout's path, never one of these)
_STREAM_NAMES = re.compile(r"/dev/(stdout|stderr|fd/[0-9]+)|/proc/self/fd/[0-9]+")


def is_stream(path: Path) -> bool:
    """Whether ``path`` is a stream rather than a file to replace: a FIFO or a character device at the path
    itself (``/dev/null``, a named pipe; no repository can hold one), or a standard stream by name
    (``/dev/stdout``)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return True
    return stat.S_ISLNK(mode) and _STREAM_NAMES.fullmatch(os.path.abspath(path)) is not None


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """A binary file to write ``path``'s new content to; on leaving the block it is synced and renamed over
    ``path``. Raises OSError (with nothing changed at ``path`` and no temporary file left) when it cannot be
    written; an exception in the block leaves ``path`` as it was, too. A stream (``is_stream``: /dev/null,
    /dev/stdout, a named pipe) is written straight into: there is no file to replace, and replacing
    /dev/null would be a disaster."""
    target = Path(path)
    if is_stream(target):
        with os.fdopen(os.open(target, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)), "wb") as stream:
            yield stream
        return
    keep = _permissions(target)
    fd, tmp = _temporary(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            if keep is not None and hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), keep)
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(target.parent)


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """``data`` as the new content of ``path`` (see ``atomic_output``)."""
    with atomic_output(path) as fh:
        fh.write(data)


def is_folder(path: Path) -> bool:
    """A folder at ``path`` itself (a link to one is not: an output replaces the link)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except (OSError, RuntimeError, ValueError):
        return False


def refuse_overwrite(outputs: Sequence[tuple[str, Path | None]], inputs: Sequence[tuple[str, Path | None]],
                     code: str) -> None:
    """Raise InputError ``code`` when an output (a label such as ``--output`` and its path) is a folder, one
    of the inputs, or the same file as another output."""
    given = [(label, p) for label, p in outputs if p is not None]
    read = [(label, p) for label, p in inputs if p is not None]
    for n, (label, out) in enumerate(given):
        if is_folder(out):
            raise InputError(f"{label} {safe_name(str(out))}: is a folder", f"give {label} a file name", code)
        for what, src in read:
            if same_file(out, src):
                raise InputError(f"{label} {safe_name(str(out))}: is {what}, which writing it would replace",
                                 f"give {label} a path of its own", code)
        for other, path in given[n + 1:]:
            if same_file(out, path):
                raise InputError(f"{label} {safe_name(str(out))}: is also {other}",
                                 "give each output a path of its own", code)
