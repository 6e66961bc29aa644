"""The versions' order in time, and what a report says about it.

The rules with a direction (what a later version added or dropped, a figure updated) and where a finding is
shown (the version that brought a new value in) read the versions in this order. It is:

- ``name``: by file name, runs of digits compared as numbers (``v2`` before ``v10``): a folder's default;
- ``given``: as named on the command line (a folder's files by name): the default for files;
- ``mtime``: by modification time, oldest first (a fresh clone or checkout gives every file one time);
- ``list``: as a list names them (``--order wire.txt,web.txt,update.txt``, ``order = [...]``);
- ``git``: by commit time, the working tree last (``--git``, ``--git-range``, ``diff-branch``; not settable).

Where the names show no order (not every name holds a number or a date) and the order was not chosen, the
report says which order it took and how to give another (``VersionOrder.assumed``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError, InputError

ORDERS = ("name", "given", "mtime")   # what can be asked for by a word; a list of names is the fourth way
_DIGITS = re.compile(r"(\d+)")
SHOWN = 8   # the versions a one-line statement of the order names


@dataclass(frozen=True)
class OrderSpec:
    """The order asked for: ``by`` one of ``ORDERS`` or ``list`` (with ``names``)."""

    by: str
    names: tuple[str, ...] = ()


def parse_order(value: object, where: str = "--order") -> OrderSpec:
    """An order from the command line (a word, or names separated by commas) or the settings (a word, or a
    list of names). ConfigError FCE204 that lists the valid values otherwise."""
    valid = f"give one of {', '.join(ORDERS)}, or the versions' file names in order"
    if isinstance(value, str):
        word = value.strip()
        if word.lower() in ORDERS:
            return OrderSpec(word.lower())
        names = [n.strip() for n in word.split(",") if n.strip()]
    elif isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        names = [v.strip() for v in value if v.strip()]
    else:
        raise ConfigError(f"{where}: order = {value!r} is neither a word nor a list of names", valid, "FCE204")
    if len(names) < 2:
        raise ConfigError(f"{where}: {value!r} is not an order", f"{valid} (two or more)", "FCE204")
    return OrderSpec("list", tuple(names))


def natural_key(name: str) -> tuple[Any, ...]:
    """A name as a sort key with runs of digits compared as numbers: ``v2`` before ``v10``."""
    parts = _DIGITS.split(name)
    return (tuple((0, int(p), "") if p.isdigit() else (1, 0, p.casefold()) for p in parts if p), name)


def names_show_order(names: Sequence[str]) -> bool:
    """Whether the names show an order: each holds a number or a date (``v1``, ``02_web``, ``2026-12-01``)."""
    return bool(names) and all(_DIGITS.search(Path(n).name) for n in names)


@dataclass(frozen=True)
class VersionOrder:
    """The order a comparison read its versions in: ``by``, the version ids oldest first, and whether it was
    an assumption a person should check (the names show none and nobody chose it)."""

    by: str
    versions: tuple[str, ...]
    assumed: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"by": self.by, "versions": list(self.versions), "assumed": self.assumed}

    def line(self) -> str:
        """One line for a report: the order, and where it was assumed, how to give another."""
        listed = ", ".join(self.versions[:SHOWN])
        if len(self.versions) > SHOWN:
            listed += f" and {len(self.versions) - SHOWN} more"
        said = {"name": "versions taken in name order" if self.assumed else "versions in name order",
                "given": "versions in the order given",
                "mtime": "versions in modification-time order, oldest first",
                "list": "versions in the order listed",
                "git": "versions in commit order, oldest first"}.get(self.by, f"versions by {self.by}")
        out = f"{said}: {listed}"
        if self.assumed:
            out += "; the names show no order: give the files in order or set --order"
        return out


def describe(versions: Sequence[Any]) -> VersionOrder:
    """The order of versions that came without one stated (the Python API, git, a batch table): as their
    ``sort_key`` puts them (``Version.order`` where set, else the name), said as name order where it is one."""
    ids = tuple(v.id for v in sorted(versions, key=lambda v: v.sort_key))
    if any(v.revision for v in versions):
        by = "git"
    else:
        by = "name" if list(ids) == sorted(ids, key=natural_key) else "given"
    return VersionOrder(by, ids)


def arrange(files: Sequence[Path], ids: Sequence[str], spec: OrderSpec | None,
            folders: bool) -> tuple[list[int], VersionOrder]:
    """The positions of ``files`` (shown as ``ids``) in time order, and what to say about it. ``folders``:
    a folder was among the paths (the default is then name order, else the order given)."""
    by = spec.by if spec is not None else ("name" if folders else "given")
    n = list(range(len(files)))
    if by == "name":
        order = sorted(n, key=lambda i: natural_key(ids[i]))
    elif by == "mtime":
        order = sorted(n, key=lambda i: (_mtime(files[i]), natural_key(ids[i])))
    elif by == "list":
        assert spec is not None
        order = _listed(files, ids, spec.names)
    else:
        order = n
    shown = tuple(ids[i] for i in order)
    unshown = not names_show_order(list(ids))
    if spec is None and by == "given":
        # files given in name order with names that show none: likely a shell's wildcard, not a choice
        assumed = unshown and len(ids) > 1 and list(shown) == sorted(shown, key=natural_key)
    else:
        assumed = spec is None and unshown
    return order, VersionOrder(by, shown, assumed)


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:   # gone since it was listed: reading it will say so
        return 0.0


def _listed(files: Sequence[Path], ids: Sequence[str], names: Sequence[str]) -> list[int]:
    """The files in the order of ``names``: each name a version's id, file name, stem or path."""
    order: list[int] = []
    for name in names:
        found = [i for i in range(len(files)) if _names(name, files[i], ids[i])]
        if not found:
            raise InputError(f"--order names {name!r}, which is no version of this comparison",
                             f"the versions: {', '.join(ids)}", "FCE123")
        if len(found) > 1:
            raise InputError(f"--order's {name!r} fits {', '.join(ids[i] for i in found)}",
                             "name each version by its file name or path", "FCE123")
        if found[0] in order:
            raise InputError(f"--order names {ids[found[0]]} twice", "name each version once", "FCE123")
        order.append(found[0])
    missing = [ids[i] for i in range(len(files)) if i not in order]
    if missing:
        raise InputError(f"{', '.join(missing)} {'is' if len(missing) == 1 else 'are'} not in --order",
                         "list every version, oldest first", "FCE123")
    return order


def _names(name: str, path: Path, shown: str) -> bool:
    if name in (shown, path.name, path.stem):
        return True
    try:
        return Path(name).resolve() == path.resolve()
    except (OSError, RuntimeError, ValueError):
        return False
