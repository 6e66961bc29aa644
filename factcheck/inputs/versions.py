"""Versions of a story: reading files, detecting encodings, keeping the original text."""

from __future__ import annotations

import fnmatch
import os
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from factcheck.errors import InputError
from factcheck.inputs.formats import FOLDER_DEFAULT, extract, kind_of
from factcheck.inputs.limits import Limits
from factcheck.inputs.links import LINK_NOTE, link_outside
from factcheck.inputs.order import OrderSpec, VersionOrder, arrange
from factcheck.inputs.own_reports import factchecks_own, left_capture, own_report
from factcheck.inputs.regular_file import MISSING, NOT_REGULAR, TOO_LARGE, FileProblem, read_regular, regular_kind
from factcheck.text.language import language_warnings
from factcheck.text.markup import mask_markup
from factcheck.text.normalize import line_starts, mask_comments, normalize
from factcheck.text.safe import has_lone_surrogate, replace_lone_surrogates, safe_name
from factcheck.text.visible import visible

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Version:
    """One version of the story: its original text and the normalised text used for matching.

    ``id`` names the version in reports; ``path`` is its file, relative to the working folder (or to
    the repository for versions taken from git); ``revision`` is the git commit it came from, if any.
    ``order`` is its place in time among the story's versions, 0 the oldest (``inputs.order``: files by name or
    as given, from git by commit time, the working tree last); ``sort_key`` orders versions earlier first.
    HTML comments and markup (shortcodes, tags, images, link targets: ``text.markup``) are kept in ``text``
    but blanked in ``norm``, so they are never checked. ``text`` is the text as a reader sees it
    (``text.visible``: invisible characters inside words and direction controls removed, a right-to-left
    override's run shown reversed, look-alike letters of another script read as Latin ones); ``hidden``
    says where the given characters differed, for FC254.
    ``id`` and ``path`` are names safe to show (``terminal.safe_name``: no line end, control character or
    byte that was not UTF-8 in them); a lone surrogate in ``text`` (which no file gives: only a string
    handed to the library) is read as U+FFFD, with a warning.
    """

    id: str
    text: str
    path: str | None = None
    encoding: str = "utf-8"
    warnings: list[str] = field(default_factory=list)
    revision: str | None = None
    order: int | None = None

    def __post_init__(self) -> None:
        self.id = safe_name(self.id)
        self.path = None if self.path is None else safe_name(self.path)
        if has_lone_surrogate(self.text):
            self.text = replace_lone_surrogates(self.text)
            self.warnings.append(f"{self.id}: holds lone surrogates, which are not Unicode text; read as U+FFFD")
        self.text, self.hidden = visible(self.text)
        self.norm = mask_markup(mask_comments(normalize(self.text)))
        self.line_starts = line_starts(self.text)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        """Where the version stands among the story's versions, earlier first: by ``order`` where the reader
        set it (every reader does), else by name (a Version made by hand); ordered ones first. Rules with a
        direction (added or dropped, updated, a later version's larger count) sort versions by this."""
        return (0, self.order, "") if self.order is not None else (1, 0, self.id)


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
        raise InputError(f"{name}: {size:,} bytes is over the limit of {max_bytes:,}",
                         "split the file, or raise --max-bytes", "FCE103")


def version_from_bytes(data: bytes, name: str, suffix: str, path: str | None,
                       revision: str | None = None, empty_hint: str = "remove it or add the version's text",
                       max_bytes: int = DEFAULT_MAX_BYTES, limits: Limits | None = None) -> Version:
    """A version from a file's bytes, read by its type (text, HTML, .docx, JSON), with its warnings."""
    limits = limits or Limits()
    text, encoding, warnings = extract(kind_of(suffix, name), data, name, decode, max_bytes, limits)
    limits.check_chars(name, len(text))
    if not text.strip():
        raise InputError(f"{name}: is empty", empty_hint, "FCE102")
    return Version(id=name, text=text, path=path, encoding=encoding,
                   warnings=[*warnings, *language_warnings(name, text)], revision=revision)


def file_error(name: str, problem: FileProblem) -> InputError:
    """The input error for a version file that could not be read."""
    if problem.kind == TOO_LARGE:
        return InputError(f"{name}: {problem.reason}", "split the file, or raise --max-bytes", "FCE103")
    if problem.kind == MISSING:
        return InputError(f"{name}: no such file or folder", "check the path", "FCE101")
    if problem.kind == NOT_REGULAR:
        return InputError(f"{name}: {problem.reason}", "give factcheck regular files", "FCE119")
    return InputError(f"{name}: {problem.reason}", "check the file's permissions", "FCE106")


def read_version(path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 limits: Limits | None = None) -> Version:
    """A version from a regular file of at most ``max_bytes`` (a FIFO or a device is refused unopened)."""
    name = safe_name(display or path.name)
    try:
        data = read_regular(path, max_bytes)
    except FileProblem as exc:
        raise file_error(name, exc) from exc
    return version_from_bytes(data, name, path.suffix, relative_path(path), max_bytes=max_bytes, limits=limits)


def relative_path(path: Path) -> str:
    """The path relative to the working folder, with forward slashes (reports never hold absolute paths)."""
    try:
        rel = os.path.relpath(path.resolve(), Path.cwd().resolve())
    except ValueError:  # pragma: no cover - another drive on Windows
        return path.name
    return Path(rel).as_posix()


def shown(path: Path) -> str:
    """The path as given, relative to the working folder: a link is named, never its target."""
    try:
        return safe_name(Path(os.path.relpath(os.path.abspath(path))).as_posix())
    except ValueError:  # pragma: no cover - another drive on Windows
        return safe_name(path.name)


def _matches(path: Path, folder: Path, globs: Iterable[str]) -> bool:
    rel = path.relative_to(folder).as_posix()
    return any(fnmatch.fnmatch(path.name, g) or fnmatch.fnmatch(rel, g) for g in globs)


def wanted(path: Path, folder: Path, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> bool:
    """Whether a file inside ``folder`` is a version to read under the include/exclude globs."""
    globs = list(include) or [f"*{suffix}" for suffix in FOLDER_DEFAULT]
    return _matches(path, folder, globs) and not _matches(path, folder, exclude)


def _why_skipped(f: Path, folder: Path, include: Sequence[str], exclude: Sequence[str]) -> str:
    if _matches(f, folder, exclude):
        return "matches --exclude"
    if f.suffix.lower() in (".json",) and not include:
        return ".json files are read only when named, or with --include '*.json'"
    if not include and f.suffix.lower() not in FOLDER_DEFAULT:
        return f"{f.suffix or 'no suffix'} is not a supported type ({', '.join(FOLDER_DEFAULT)})"
    return f"does not match --include {', '.join(include)}"


def _short(raw: object) -> str:
    text = safe_name(str(raw))
    return text if len(text) <= 120 else text[:100] + "..." + text[-17:]


@dataclass
class Listing:
    """The files to read, in order, and a note for each file passed over (hidden files and, in a folder,
    factcheck's own files silently: ``own_reports.factchecks_own``)."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def skip(self, f: Path, why: str) -> None:
        self.notes.append(f"skipped {shown(f)}: {why}")


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except PermissionError as exc:
        raise InputError(f"{_short(folder)}: cannot be read (permission denied)",
                         "check the folder's permissions", "FCE106") from exc
    except OSError as exc:
        raise InputError(f"{_short(folder)}: cannot be read ({exc.strerror or exc.__class__.__name__})",
                         "check the path", "FCE106") from exc


def _list_folder(p: Path, out: Listing, include: Sequence[str], exclude: Sequence[str], follow_links: bool) -> None:
    found = links = 0
    for f in _entries(p):
        if f.name.startswith("."):
            continue
        kind = regular_kind(f)
        if kind is not None:
            out.skip(f, f"{kind}, not a regular file")
        elif not f.is_file():
            continue
        elif factchecks_own(f, read=False) is not None:
            continue   # the settings, this run's own output: never a draft, on every run: no note
        elif not wanted(f, p, include, exclude):
            if (not follow_links and link_outside(f, p)) or factchecks_own(f) is None:
                out.skip(f, _why_skipped(f, p, include, exclude))
        elif not follow_links and link_outside(f, p):
            out.skip(f, LINK_NOTE)
            links += 1
        elif (report := own_report(f)) is not None:
            out.skip(f, f"a factcheck report ({report}), not a version")
        elif factchecks_own(f) is not None:
            continue   # a baseline, an earlier run's messages
        elif left_capture(f):
            out.skip(f, "empty, and named like a program's captured output, not a draft (delete it, or give "
                     "the draft another name and its text)")
        else:
            out.files.append(f)
            found += 1
    if not found:
        what = "no files matching " + ", ".join(include) if include else \
            "no " + ", ".join(FOLDER_DEFAULT) + " files"
        if links:
            what += f" but {links} link(s) to files outside it"
        raise InputError(f"{_short(p)}: has {what}" + (" after --exclude" if exclude else ""),
                         "--follow-links reads such links" if links else
                         "put each version of the story in its own text file", "FCE101")


def list_paths(paths: Iterable[str | os.PathLike[str]], include: Sequence[str] = (), exclude: Sequence[str] = (),
               follow_links: bool = False) -> Listing:
    """Folders become their files (sorted by name); files are kept in the given order.

    In a folder, ``include`` globs (default: the text suffixes) choose the files and ``exclude``
    globs drop some; a glob matches a file's name or its path inside the folder. Files named
    on the command line are read too. Skipped with a note: a link whose target resolves outside its
    folder (unless ``follow_links``), a report factcheck wrote itself, and in a folder a FIFO, a device
    or a socket, and an empty file named like a captured output (``err.txt``). Factcheck's other own files
    (``own_reports.factchecks_own``: settings, a baseline, this run's output, an earlier run's messages) are
    skipped without a note in a folder, with one when named. Any other empty file is read, and refused
    (FCE102): it may be a draft whose text was lost.
    """
    out = Listing()
    for raw in paths:
        p = Path(raw)
        try:
            is_dir, is_file, kind = p.is_dir(), p.is_file(), regular_kind(p)
        except OSError as exc:  # e.g. a name too long for the file system
            raise InputError(f"{_short(raw)}: cannot be read ({exc.strerror or exc.__class__.__name__})",
                             "check the path", "FCE106") from exc
        if is_dir:
            _list_folder(p, out, include, exclude, follow_links)
        elif kind is not None:
            raise InputError(f"{_short(raw)}: is {kind}, not a regular file", "give factcheck regular files", "FCE119")
        elif not is_file:
            raise InputError(f"{_short(raw)}: no such file or folder", "check the path", "FCE101")
        elif not follow_links and link_outside(p, p.parent):
            out.skip(p, LINK_NOTE)
        elif (report := own_report(p)) is not None:
            out.skip(p, f"a factcheck report ({report}), not a version")
        elif (own := factchecks_own(p)) is not None:
            out.skip(p, own)
        else:
            out.files.append(p)
    _refuse_twice(out.files)
    return out


def _refuse_twice(files: Sequence[Path]) -> None:
    seen: dict[Path, Path] = {}
    for f in files:
        key = f.resolve()
        if key in seen:
            raise InputError(f"{shown(seen[key])} and {shown(f)} are the same file",
                             "give each version once", "FCE114")
        seen[key] = f


def expand_paths(paths: Iterable[str | os.PathLike[str]], include: Sequence[str] = (),
                 exclude: Sequence[str] = (), follow_links: bool = False) -> list[Path]:
    """The files ``list_paths`` reads."""
    return list_paths(paths, include, exclude, follow_links).files


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
                 exclude: Sequence[str] = (), follow_links: bool = False) -> list[str]:
    """Notes on the files among ``source`` (and in its folders) that factcheck does not read."""
    return list_paths(source, include, exclude, follow_links).notes


def load_versions(source: Mapping[str, str] | Iterable[str | os.PathLike[str]],
                  max_bytes: int = DEFAULT_MAX_BYTES, include: Sequence[str] = (),
                  exclude: Sequence[str] = (), limits: Limits | None = None, follow_links: bool = False,
                  order: OrderSpec | None = None) -> list[Version]:
    """Versions from a mapping of name -> text, or from paths (folders and files), oldest first
    (``read_story``)."""
    return read_story(source, max_bytes, include, exclude, limits, follow_links, order).versions


@dataclass
class Story:
    """The versions of one story, each with its ``order`` (files listed oldest first; a mapping's as it lists
    them), the order they were taken in and why, and a note for each file passed over."""

    versions: list[Version]
    order: VersionOrder
    notes: list[str] = field(default_factory=list)


def read_story(source: Mapping[str, str] | Iterable[str | os.PathLike[str]],
               max_bytes: int = DEFAULT_MAX_BYTES, include: Sequence[str] = (), exclude: Sequence[str] = (),
               limits: Limits | None = None, follow_links: bool = False, order: OrderSpec | None = None) -> Story:
    """The versions of a mapping of name -> text, or of paths (folders and files), in the ``order`` asked for
    (``inputs.order``: by default a mapping's names and a folder's files by name, files as given).

    The number of versions is checked against ``limits`` before any file is read."""
    limits = limits or Limits()
    notes: list[str] = []
    if isinstance(source, Mapping):
        limits.check_versions(len(source))
        versions = []
        for name, text in source.items():
            if not isinstance(text, str) or not text.strip():
                raise InputError(f"{name}: is empty", "give each version some text", "FCE102")
            limits.check_chars(str(name), len(text))
            versions.append(Version(id=str(name), text=text))
        # a mapping's keys are names: in time by name unless asked otherwise, whatever order the mapping lists
        # them in (which the report's columns keep)
        positions, taken = arrange([Path(v.id) for v in versions], [v.id for v in versions],
                                   order or OrderSpec("name"), True)
        for rank, i in enumerate(positions):
            versions[i].order = rank
    else:
        paths = list(source)
        listing = list_paths(paths, include, exclude, follow_links)
        files, notes = listing.files, listing.notes
        limits.check_versions(len(files))
        ids = _display_names(files)
        folders = any(os.path.isdir(p) for p in paths)
        positions, taken = arrange(files, ids, order, folders)
        versions = [read_version(files[i], ids[i], max_bytes, limits) for i in positions]
        for n, v in enumerate(versions):
            v.order = n
    require_two(versions, notes)
    oldest_first = sorted(versions, key=lambda v: v.sort_key)
    return Story(versions, replace(taken, versions=tuple(v.id for v in oldest_first)), notes)


def tell_apart(versions: Sequence[Version]) -> None:
    """Names that differ only by Unicode normalisation look alike (``café`` composed and decomposed, a
    ligature): each such name is shown with its non-ASCII characters as escapes (``caf\\xe9.txt``,
    ``cafe\\u0301.txt``), so a report never shows two versions under one name."""
    alike: dict[str, list[Version]] = {}
    for v in versions:
        alike.setdefault(unicodedata.normalize("NFKC", v.id), []).append(v)
    for same in alike.values():
        if len({v.id for v in same}) > 1:
            for v in same:
                v.id = v.id.encode("ascii", "backslashreplace").decode("ascii")


def require_two(versions: Sequence[Version], notes: Sequence[str] = ()) -> None:
    """FCE107 unless there are two versions or more; the message names the files passed over (``notes``)."""
    if len(versions) < 2:
        only = versions[0].id if versions else "nothing"
        skipped = "".join(f"; {note}" for note in notes[:3])
        if len(notes) > 3:
            skipped += f"; and {len(notes) - 3} more skipped"
        raise InputError(f"only one version to compare ({only}){skipped}",
                         "give a folder with two or more versions, or two or more files", "FCE107")
