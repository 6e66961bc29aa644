"""Versions of a story: reading files, detecting encodings, keeping the original text."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import InputError
from factcheck.formats import FOLDER_DEFAULT, extract, kind_of
from factcheck.language import language_warnings
from factcheck.normalize import line_starts, mask_comments, normalize
from factcheck.own_reports import own_report

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Version:
    """One version of the story: its original text and the normalised text used for matching.

    ``id`` names the version in reports; ``path`` is its file, relative to the working folder (or to
    the repository for versions taken from git); ``revision`` is the git commit it came from, if any.
    HTML comments are kept in ``text`` but blanked in ``norm``, so they are never checked.
    """

    id: str
    text: str
    path: str | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    revision: str | None = None

    def __post_init__(self) -> None:
        self.norm = mask_comments(normalize(self.text))
        self.line_starts = line_starts(self.text)


def decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Decode bytes: BOMs first, then UTF-8, UTF-16 without BOM, then detection (charset-normalizer),
    then cp1252 and latin-1. Anything but UTF-8 gives a warning."""
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
    from charset_normalizer import from_bytes

    # detection needs some text to go on; short samples fall through to cp1252 and latin-1
    results = list(from_bytes(data)) if len(data) >= 64 else []
    if results:
        # Windows-1252 (Western European) is the likeliest for news copy: it wins unless another
        # encoding fits clearly better (charset-normalizer often names a Central European twin first)
        least = min(r.chaos for r in results)
        western = next((r for r in results if r.encoding == "cp1252"), None)
        best = western if western is not None and western.chaos <= least + 0.05 else results[0]
        return str(best), best.encoding, [f"{name}: not valid UTF-8; detected {best.encoding} and read it so"]
    for enc in ("cp1252", "latin-1"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        return text, enc, [f"{name}: not valid UTF-8; read as {enc}"]
    raise InputError(f"{name}: cannot be decoded", "save it as UTF-8", "FCE105")  # pragma: no cover


def check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise InputError(f"{name}: {size} bytes is over the limit of {max_bytes}",
                         "split the file, or raise --max-bytes", "FCE103")


def version_from_bytes(data: bytes, name: str, suffix: str, path: str | None,
                       revision: str | None = None, empty_hint: str = "remove it or add the version's text"
                       ) -> Version:
    """A version from a file's bytes, read by its type (text, HTML, .docx, JSON), with its warnings."""
    text, encoding, warnings = extract(kind_of(suffix, name), data, name, decode)
    if not text.strip():
        raise InputError(f"{name}: is empty", empty_hint, "FCE102")
    return Version(id=name, text=text, path=path, encoding=encoding,
                   warnings=[*warnings, *language_warnings(name, text)], revision=revision)


def read_version(path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Version:
    name = display or path.name
    try:
        check_size(name, path.stat().st_size, max_bytes)
        data = path.read_bytes()
    except PermissionError as exc:
        raise InputError(f"{name}: cannot be read (permission denied)",
                         "check the file's permissions", "FCE106") from exc
    except IsADirectoryError as exc:  # pragma: no cover - filtered earlier
        raise InputError(f"{name}: is a folder", "", "FCE106") from exc
    return version_from_bytes(data, name, path.suffix, relative_path(path))


def relative_path(path: Path) -> str:
    """The path relative to the working folder, with forward slashes (reports never hold absolute paths)."""
    try:
        rel = os.path.relpath(path.resolve(), Path.cwd().resolve())
    except ValueError:  # pragma: no cover - another drive on Windows
        return path.name
    return Path(rel).as_posix()


def _matches(path: Path, folder: Path, globs: Iterable[str]) -> bool:
    rel = path.relative_to(folder).as_posix()
    return any(fnmatch.fnmatch(path.name, g) or fnmatch.fnmatch(rel, g) for g in globs)


def wanted(path: Path, folder: Path, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> bool:
    """Whether a file inside ``folder`` is a version to read under the include/exclude globs."""
    globs = list(include) or [f"*{suffix}" for suffix in FOLDER_DEFAULT]
    return _matches(path, folder, globs) and not _matches(path, folder, exclude)


def skipped_in(folder: Path, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> list[str]:
    """Why each file of a folder that is not read was skipped (hidden files are passed over silently)."""
    notes = []
    for f in sorted(folder.iterdir()):
        if not f.is_file() or f.name.startswith("."):
            continue
        if wanted(f, folder, include, exclude):
            kind = own_report(f)
            if kind is not None:
                notes.append(f"skipped {relative_path(f)}: a factcheck report ({kind}), not a version")
            continue
        if _matches(f, folder, exclude):
            notes.append(f"skipped {relative_path(f)}: matches --exclude")
        elif f.suffix.lower() in (".json",) and not include:
            notes.append(f"skipped {relative_path(f)}: .json files are read only when named, "
                         "or with --include '*.json'")
        elif not include and f.suffix.lower() not in FOLDER_DEFAULT:
            notes.append(f"skipped {relative_path(f)}: {f.suffix or 'no suffix'} is not a supported type "
                         f"({', '.join(FOLDER_DEFAULT)})")
        else:
            notes.append(f"skipped {relative_path(f)}: does not match --include {', '.join(include)}")
    return notes


def expand_paths(paths: Iterable[str | os.PathLike[str]], include: Sequence[str] = (),
                 exclude: Sequence[str] = ()) -> list[Path]:
    """Folders become their text files (sorted by name); files are kept in the given order.

    In a folder, ``include`` globs (default: the text suffixes) choose the files and ``exclude``
    globs drop some; a glob matches a file's name or its path inside the folder. Files named
    on the command line are always read.
    """
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.iterdir()
                           if f.is_file() and not f.name.startswith(".") and wanted(f, p, include, exclude)
                           and own_report(f) is None)
            if not found:
                what = "no files matching " + ", ".join(include) if include else \
                    "no " + ", ".join(FOLDER_DEFAULT) + " files"
                raise InputError(f"{p}: has {what}" + (" after --exclude" if exclude else ""),
                                 "put each version of the story in its own text file", "FCE101")
            files.extend(found)
        elif p.is_file():
            if own_report(p) is None:
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


def folder_notes(source: Iterable[str | os.PathLike[str]], include: Sequence[str] = (),
                 exclude: Sequence[str] = ()) -> list[str]:
    """Notes on the files the folders among ``source`` hold, or that it names, but factcheck does not read."""
    notes = []
    for raw in source:
        p = Path(raw)
        if p.is_dir():
            notes += skipped_in(p, include, exclude)
        elif p.is_file() and (kind := own_report(p)) is not None:
            notes.append(f"skipped {relative_path(p)}: a factcheck report ({kind}), not a version")
    return notes


def load_versions(source: Mapping[str, str] | Iterable[str | os.PathLike[str]],
                  max_bytes: int = DEFAULT_MAX_BYTES, include: Sequence[str] = (),
                  exclude: Sequence[str] = ()) -> list[Version]:
    """Versions from a mapping of name -> text, or from paths (folders and files)."""
    if isinstance(source, Mapping):
        versions = []
        for name, text in source.items():
            if not isinstance(text, str) or not text.strip():
                raise InputError(f"{name}: is empty", "give each version some text", "FCE102")
            versions.append(Version(id=str(name), text=text))
    else:
        files = expand_paths(source, include, exclude)
        versions = [read_version(f, d, max_bytes) for f, d in zip(files, _display_names(files), strict=True)]
    require_two(versions)
    return versions


def require_two(versions: Sequence[Version]) -> None:
    if len(versions) < 2:
        only = versions[0].id if versions else "nothing"
        raise InputError(f"only one version to compare ({only})",
                         "give a folder with two or more versions, or two or more files", "FCE107")
