"""Versions of a story: reading files, detecting encodings, keeping the original text."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import InputError
from factcheck.normalize import line_starts, normalize

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Version:
    """One version of the story: its original text and the normalised text used for matching."""

    id: str
    text: str
    path: str | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.norm = normalize(self.text)
        self.line_starts = line_starts(self.text)


def decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode bytes: BOMs first, then UTF-8, UTF-16 without BOM, cp1252, latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig", []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", []
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: has a UTF-16 byte-order mark but is not valid UTF-16",
                             "save it again as UTF-8", "FCE105") from exc
    if len(data) >= 4 and data.count(b"\x00") * 3 >= len(data):
        even, odd = data[0::2].count(0), data[1::2].count(0)
        enc = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return data.decode(enc), enc, [f"{name}: no byte-order mark; read as {enc}"]
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise InputError(f"{name}: looks like a binary file, not text",
                         "give factcheck .txt or .md files", "FCE104")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return text, enc, [f"{name}: not valid UTF-8; read as {enc}"]
    raise InputError(f"{name}: cannot be decoded", "save it as UTF-8", "FCE105")  # pragma: no cover


def read_version(path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Version:
    name = display or path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{name}: {size} bytes is over the limit of {max_bytes}",
                             "split the file, or raise --max-bytes", "FCE103")
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{name}: cannot be read (permission denied)",
                         "check the file's permissions", "FCE106") from exc
    except IsADirectoryError as exc:  # pragma: no cover - filtered earlier
        raise InputError(f"{name}: is a folder", "", "FCE106") from exc
    text, encoding, warnings = decode(data, name)
    if not text.strip():
        raise InputError(f"{name}: is empty", "remove it or add the version's text", "FCE102")
    return Version(id=name, text=text, path=name, encoding=encoding, warnings=warnings)


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Folders become their text files (sorted by name); files are kept in the given order."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.iterdir()
                           if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
                           and not f.name.startswith("."))
            if not found:
                raise InputError(f"{p}: has no .txt or .md files",
                                 "put each version of the story in its own text file", "FCE101")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(f"{p}: no such file or folder", "check the path", "FCE101")
    return files


def _display_names(files: list[Path]) -> list[str]:
    names = [f.name for f in files]
    if len(set(names)) == len(names):
        return names
    try:
        common = Path(os.path.commonpath([f.resolve() for f in files]))
        return [str(f.resolve().relative_to(common)) for f in files]
    except ValueError:  # pragma: no cover - different drives
        return [str(f) for f in files]


def load_versions(source: Mapping[str, str] | Iterable[str | os.PathLike[str]],
                  max_bytes: int = DEFAULT_MAX_BYTES) -> list[Version]:
    """Versions from a mapping of name -> text, or from paths (folders and files)."""
    if isinstance(source, Mapping):
        versions = []
        for name, text in source.items():
            if not isinstance(text, str) or not text.strip():
                raise InputError(f"{name}: is empty", "give each version some text", "FCE102")
            versions.append(Version(id=str(name), text=text))
    else:
        files = expand_paths(source)
        versions = [read_version(f, d, max_bytes) for f, d in zip(files, _display_names(files), strict=True)]
    if len(versions) < 2:
        only = versions[0].id if versions else "nothing"
        raise InputError(f"only one version to compare ({only})",
                         "give a folder with two or more versions, or two or more files", "FCE107")
    return versions
