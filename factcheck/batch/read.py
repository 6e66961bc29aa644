"""Reading a batch's input: a folder of story folders, or a table of versions (JSON Lines, CSV, Parquet).

A table has one row per version: a story id, a version id or timestamp, the text, and optionally a
title and a source. It is read twice, streaming: first only the story ids (to count each story's
rows and find malformed rows before any work starts), then in full, a story being handed on as
soon as its last row has been read. A table sorted or grouped by story (the usual export) keeps
only a few stories in memory; any other order still works, with more held at once.

Rows that cannot be read at all (not JSON, no story id, no version) stop the batch with FCE132 and
the row's line, before anything is checked; problems of one story (no text, a version given twice,
too many versions, a story id, version or source that is not Unicode text) are recorded for that story
by the worker and the batch goes on.

A story id, version or source holding a lone surrogate (which JSON's ``\\ud800`` escape can give, and
which no UTF-8 can hold) is shown with the surrogate as an escape (``terminal.safe_name``); its story
fails with FCE132 and the row's line, and a re-run finds it recorded under that name.
"""

from __future__ import annotations

import contextlib
import csv
import json
import math
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.text.safe import has_lone_surrogate, safe_name

# the roles of a table's columns, and the names tried for each, in order
COLUMNS: dict[str, tuple[str, ...]] = {
    "story": ("story_id", "story", "article_id", "entry_id"),
    "version": ("version_id", "version", "timestamp", "updated", "created"),
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "source": ("source",),
}
REQUIRED = ("story", "version", "text")
TABLE_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


@dataclass(frozen=True)
class StoryInput:
    """One story to check: a folder (read as ``factcheck check FOLDER`` reads it) or a table's versions.

    ``versions`` holds (version id, text, title) in the order of the version column; ``problem`` is a
    (code, message) the reader found (e.g. a version given twice), recorded as the story's failure.
    """

    story: str
    folder: str | None = None
    versions: tuple[tuple[str, str | bytes | None, str | None], ...] = ()
    source: str | None = None
    problem: tuple[str, str] | None = None


@dataclass
class BatchInput:
    """An opened batch input: what it is, how many stories it holds, and the stories one by one."""

    path: Path
    kind: str                                   # folders, jsonl, csv or parquet
    columns: dict[str, str] = field(default_factory=dict)   # role -> column name (tables)
    _counts: dict[str, int] = field(default_factory=dict)   # story -> rows (tables), in order of first row
    _folders: list[Path] = field(default_factory=list)

    @property
    def story_ids(self) -> list[str]:
        return [safe_name(f.name) for f in self._folders] if self.kind == "folders" else list(self._counts)

    def __len__(self) -> int:
        return len(self._folders) if self.kind == "folders" else len(self._counts)

    def stories(self, skip: frozenset[str] | set[str] = frozenset()) -> Iterator[StoryInput]:
        """Every story not in ``skip``: folders in name order, a table's stories as their last row is read."""
        if self.kind == "folders":
            for f in self._folders:
                if safe_name(f.name) not in skip:
                    yield StoryInput(story=safe_name(f.name), folder=str(f.resolve()))
            return
        left = {s: n for s, n in self._counts.items() if s not in skip}
        held: dict[str, list[Row]] = {}
        for row in _rows(self.path, self.kind, self.columns):
            if row.story not in left:
                continue
            held.setdefault(row.story, []).append(row)
            if len(held[row.story]) == left[row.story]:
                yield _story(row.story, held.pop(row.story))
                del left[row.story]
        for story, rows in held.items():  # the file changed between the two passes: check what is there
            yield _story(story, rows)


@dataclass(frozen=True)
class Row:
    line: int
    story: str
    version: Any
    text: Any
    title: Any = None
    source: Any = None
    problem: str | None = None   # why the row's story cannot be checked (it is recorded as failed, FCE132)


def open_input(path: str | os.PathLike[str], columns: Mapping[str, str] | None = None) -> BatchInput:
    """Open INPUT: check it is a folder of story folders or a table, resolve the table's columns and
    read the story ids (every row is read once here, so a malformed row stops the batch before it starts)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder", "give a folder of story folders, or a .jsonl, .csv or "
                         ".parquet table of versions", "FCE130")
    if p.is_dir():
        if columns:
            raise InputError("--column applies to tables, not to a folder of story folders", "", "FCE131")
        folders = sorted(f for f in p.iterdir() if f.is_dir() and not f.name.startswith("."))
        if not folders:
            raise InputError(f"{p}: holds no story folders", "put each story's versions in a folder of its own "
                             "inside it (for one story, use factcheck check FOLDER)", "FCE130")
        return BatchInput(p, "folders", _folders=folders)
    kind = TABLE_SUFFIXES.get(p.suffix.lower())
    if kind is None:
        raise InputError(f"{p}: {p.suffix or 'no suffix'} is not a batch input",
                         "give a folder of story folders, or a table: .jsonl, .ndjson, .csv or .parquet", "FCE130")
    names = _column_names(p, kind)
    chosen = resolve_columns(names, columns or {}, str(p))
    batch = BatchInput(p, kind, chosen)
    for row in _rows(p, kind, chosen):
        batch._counts[row.story] = batch._counts.get(row.story, 0) + 1
    return batch


def resolve_columns(names: Sequence[str], given: Mapping[str, str], where: str) -> dict[str, str]:
    """Role -> column name: the ``--column`` choices, else the first known name the table has."""
    unknown = [k for k in given if k not in COLUMNS]
    if unknown:
        raise InputError(f"--column {unknown[0]}=...: no such role", f"roles: {', '.join(COLUMNS)}", "FCE131")
    out: dict[str, str] = {}
    for role, tried in COLUMNS.items():
        if role in given:
            if given[role] not in names:
                raise InputError(f"{where}: has no column {given[role]!r} (--column {role}={given[role]})",
                                 f"its columns: {', '.join(names) or 'none'}", "FCE131")
            out[role] = given[role]
            continue
        found = next((n for n in tried if n in names), None)
        if found is not None:
            out[role] = found
        elif role in REQUIRED:
            raise InputError(f"{where}: no {role} column (tried {', '.join(tried)})",
                             f"its columns: {', '.join(names) or 'none'}; name one with --column {role}=NAME",
                             "FCE131")
    return out


def parse_column_flags(flags: Sequence[str]) -> dict[str, str]:
    """``--column role=name`` flags as a mapping."""
    out = {}
    for flag in flags:
        role, sep, name = flag.partition("=")
        if not sep or not role.strip() or not name.strip():
            raise InputError(f"--column {flag!r}: expected ROLE=NAME", f"roles: {', '.join(COLUMNS)}", "FCE131")
        out[role.strip()] = name.strip()
    return out


# --- the three table formats ----------------------------------------------------------------------

def _bad_row(where: str, what: str, hint: str = "fix or remove that row") -> InputError:
    return InputError(f"{where}: {what}", hint, "FCE132")


def _column_names(path: Path, kind: str) -> list[str]:
    if kind == "parquet":
        pq = _pyarrow_parquet()
        try:
            return list(pq.ParquetFile(path).schema_arrow.names)
        except Exception as exc:
            raise InputError(f"{path}: not a readable Parquet file ({exc})", "", "FCE132") from exc
    if kind == "csv":
        with _open_text(path) as fh, _csv_fields_up_to_the_file(fh):
            try:
                header = next(csv.reader(fh), None)
            except (csv.Error, UnicodeDecodeError) as exc:
                raise _bad_row(f"{path} line 1", f"not a CSV header ({exc})") from exc
        if not header:
            raise InputError(f"{path}: is empty", "a CSV table needs a header row and one row per version", "FCE130")
        return header
    for _line, obj in _json_lines(path):
        return list(obj)
    raise InputError(f"{path}: holds no rows", "one JSON object per line, one per version", "FCE130")


def _open_text(path: Path) -> Any:
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})", "", "FCE130") from exc


@contextlib.contextmanager
def _csv_fields_up_to_the_file(fh: Any) -> Iterator[None]:
    """Let the csv module read a field as long as the file (its default stops at 131,072 characters, and a
    version of 150 KB is well within --max-bytes): a field is held whole either way, as a JSON line is, and a
    version past --max-bytes is then recorded as failed (FCE103) while the batch goes on. The limit is the
    process's: set for the reading, put back after it, and never past what the platform's C long holds."""
    try:
        size = os.fstat(fh.fileno()).st_size
    except (OSError, ValueError):
        size = 0
    before = csv.field_size_limit()
    limit = max(before, size + 1)
    while True:
        try:
            csv.field_size_limit(limit)
            break
        except OverflowError:   # a C long of 32 bits (Windows)
            limit = min(limit // 2, 2**31 - 1)
    try:
        yield
    finally:
        csv.field_size_limit(before)


def _json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})", "", "FCE130") from exc
    with fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
            except UnicodeDecodeError as exc:
                raise _bad_row(f"{path} line {n}", "is not UTF-8", "JSON Lines are UTF-8; convert the file") from exc
            except RecursionError as exc:
                raise _bad_row(f"{path} line {n}", "is JSON nested too deeply to read") from exc
            except ValueError as exc:
                raise _bad_row(f"{path} line {n}", f"is not JSON ({exc})") from exc
            if not isinstance(obj, dict):
                raise _bad_row(f"{path} line {n}", "is not a JSON object", "one object per line, one per version")
            yield n, obj


def _rows(path: Path, kind: str, columns: Mapping[str, str]) -> Iterator[Row]:
    if kind == "jsonl":
        for n, obj in _json_lines(path):
            yield _row(obj, n, columns, f"{path} line {n}")
    elif kind == "csv":
        with _open_text(path) as fh, _csv_fields_up_to_the_file(fh):
            reader = csv.DictReader(fh)
            try:
                for rec in reader:
                    n = reader.line_num
                    if None in rec:
                        raise _bad_row(f"{path} line {n}", "has more fields than the header")
                    yield _row(rec, n, columns, f"{path} line {n}")
            except csv.Error as exc:
                raise _bad_row(f"{path} line {reader.line_num}", f"is not valid CSV ({exc})") from exc
            except UnicodeDecodeError as exc:
                raise _bad_row(f"{path} near line {reader.line_num}", "is not UTF-8", "save the CSV as UTF-8") from exc
    else:
        pq = _pyarrow_parquet()
        wanted = list(dict.fromkeys(columns.values()))
        n = 0
        try:
            for batch in pq.ParquetFile(path).iter_batches(batch_size=1024, columns=wanted):
                for rec in batch.to_pylist():
                    n += 1
                    yield _row(rec, n, columns, f"{path} row {n}")
        except InputError:
            raise
        except Exception as exc:
            raise InputError(f"{path} row {n + 1}: cannot be read ({exc})", "", "FCE132") from exc


def _row(rec: Mapping[str, Any], n: int, columns: Mapping[str, str], where: str) -> Row:
    story = rec.get(columns["story"])
    if story is None or isinstance(story, dict | list) or not str(story).strip():
        raise _bad_row(where, f"has no story id in {columns['story']!r}")
    version = rec.get(columns["version"])
    if version is None or isinstance(version, dict | list) or (isinstance(version, str) and not version.strip()):
        raise _bad_row(where, f"has no version in {columns['version']!r}")
    if isinstance(version, float) and math.isnan(version):
        raise _bad_row(where, f"has no version in {columns['version']!r}")
    source = rec.get(columns["source"]) if "source" in columns else None
    problem = None
    for role, value in (("story id", story), ("version", version), ("source", source)):
        if isinstance(value, str) and has_lone_surrogate(value):
            problem = (f"{where}: the {role} '{safe_name(value)}' holds a lone surrogate, which is not Unicode text "
                       "(fix or remove that row)")
            break
    return Row(n, safe_name(_scalar(story)), safe_name(version) if isinstance(version, str) else version,
               rec.get(columns["text"]), rec.get(columns["title"]) if "title" in columns else None,
               safe_name(source) if isinstance(source, str) else source, problem)


def _scalar(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError("reading Parquet needs pyarrow", "pip install \"newsroom-factcheck[parquet]\"",
                         "FCE133") from exc
    return pq


# --- one story from its rows ----------------------------------------------------------------------

def _story(story: str, rows: list[Row]) -> StoryInput:
    ordered = sorted(rows, key=version_sort_key([r.version for r in rows]))
    ids = [version_label(r.version) for r in ordered]
    seen: set[str] = set()
    bad = next((r for r in sorted(rows, key=lambda r: r.line) if r.problem), None)
    problem = None if bad is None else ("FCE132", f"story {story}: {bad.problem}")
    for vid in ids if problem is None else ():
        if vid in seen:
            problem = ("FCE135", f"story {story}: version {vid} is given twice (lines {_lines(rows, vid)})")
            break
        seen.add(vid)
    sources = list(dict.fromkeys(str(r.source) for r in ordered if r.source not in (None, "")))
    versions = tuple((vid, r.text if isinstance(r.text, str | bytes) or r.text is None else str(r.text),
                      None if r.title in (None, "") else str(r.title)) for vid, r in zip(ids, ordered, strict=True))
    return StoryInput(story=story, versions=versions, source=", ".join(sources) or None, problem=problem)


def _lines(rows: list[Row], vid: str) -> str:
    return ", ".join(str(r.line) for r in rows if version_label(r.version) == vid)


def version_label(value: Any) -> str:
    """A version's id in the report: the version column's value as text."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return _scalar(value)


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _when(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str) and re.match(r"\d{4}-\d\d-\d\d", value.strip()):
        try:
            d = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return d if d.tzinfo else d.replace(tzinfo=UTC)
    return None


def version_sort_key(values: Sequence[Any]) -> Any:
    """How a story's versions are ordered: as numbers when every value is one, in time when every value is
    a date or an ISO 8601 timestamp (no zone: UTC), else as text with runs of digits compared as numbers."""
    def is_number(v: Any) -> bool:
        return (isinstance(v, int | float) and not isinstance(v, bool)) or \
            (isinstance(v, str) and _NUMBER.fullmatch(v.strip()) is not None)

    if all(is_number(v) for v in values):
        return lambda r: float(r.version)
    if all(_when(v) is not None for v in values):
        return lambda r: _when(r.version)

    def natural(r: Row) -> tuple[Any, ...]:
        parts = re.split(r"(\d+)", version_label(r.version))
        return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)

    return natural
