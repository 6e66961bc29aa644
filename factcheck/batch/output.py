"""A batch's output: JSON Lines of story records, appended safely; the summary; the findings table.

Each record is one line written with one ``write`` on a file opened for appending, and the file is
synced every few seconds and at the end: a run that is killed loses no record it has reported, and
at worst leaves a torn last line, which the next run drops before it appends. A lock beside the file
(``.OUT.lock``, taken with ``filelock`` on every platform) keeps two runs from writing to one output at
once. OUT is never opened through a link (nor is the lock), and a file with other names (hard links) is
refused. The summary and the findings table are written to a new file and renamed into place
(``inputs.overwrite.atomic_output``), so a reader never sees half of either and a link in their place is
replaced, never written through.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import time
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from factcheck.errors import InputError
from factcheck.findings.rules import Severity
from factcheck.inputs.overwrite import atomic_output, write_atomically
from factcheck.text.safe import replace_lone_surrogates

SUMMARY_SCHEMA = "factcheck-batch-summary/1"
LISTED = 1000   # stories listed by name in the summary (failed; with findings); the rest are counted
SYNC_SECONDS = 5.0


def summary_path(output: Path) -> Path:
    """Where the summary of OUT goes: OUT with its suffix replaced by ``.summary.json``."""
    return output.with_name(output.stem + ".summary.json") if output.suffix else \
        output.with_name(output.name + ".summary.json")


def _bad_output(output: Path, what: str,
                hint: str = "give -o a new file, or the output of an earlier batch to resume it") -> InputError:
    return InputError(f"{output}: {what}", hint, "FCE134")


def json_bytes(obj: Any, **options: Any) -> bytes:
    """``obj`` as UTF-8 JSON. A lone surrogate that reached a value (no UTF-8 can hold one) is written as
    JSON's own ``\\ud800`` escape instead of stopping the batch."""
    return json.dumps(obj, ensure_ascii=False, **options).encode("utf-8", "backslashreplace")


def read_records(output: Path) -> Iterator[dict[str, Any]]:
    """The complete records of an existing output, in order (a torn last line is left out)."""
    try:
        fh = output.open("rb")
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _bad_output(output, f"cannot be read ({exc.strerror or exc})") from exc
    with fh:
        for n, raw in enumerate(fh, 1):
            if not raw.endswith(b"\n"):
                return   # torn by an interrupted run: dropped (and cut off before the next append)
            if not raw.strip():
                continue
            delete = f"delete line {n} to resume, which checks its story again, or give -o a new file"
            try:
                rec = json.loads(raw)
            except RecursionError as exc:
                raise _bad_output(output, f"line {n} is JSON nested too deeply to be a batch record", delete) from exc
            except ValueError as exc:
                raise _bad_output(output, f"line {n} is not a batch record (not JSON)", delete) from exc
            problem = record_problem(rec)
            if problem is not None:
                raise _bad_output(output, f"line {n} is not a batch record{f' ({problem})' if problem else ''}",
                                  delete)
            yield rec


_SEVERITIES = tuple(s.value for s in Severity)
_FINDING_TEXTS = ("rule", "name", "category", "message", "fingerprint")


def record_problem(rec: Any) -> str | None:
    """What is wrong with a line of OUT as a record (the shape this batch writes, and the parts the summary and
    the findings table read): None for a record, "" for something that is no record at all."""
    if not isinstance(rec, dict) or "story" not in rec or rec.get("status") not in ("checked", "failed"):
        return ""
    if not isinstance(rec["story"], str):
        return "its story is not text"
    if rec["status"] == "failed":
        error = rec.get("error")
        if not isinstance(error, dict):
            return "its error is not an object"
        if not isinstance(error.get("code"), str) or not isinstance(error.get("message"), str):
            return f"its error {'code' if not isinstance(error.get('code'), str) else 'message'} is not text"
        return None
    report = rec.get("report")
    if not isinstance(report, dict):
        return "it has no report"
    findings = report.get("findings")
    if not isinstance(findings, list):
        return "its findings is not a list"
    for i, f in enumerate(findings, 1):
        if not isinstance(f, dict):
            return f"finding {i} is not an object"
        missing = next((k for k in _FINDING_TEXTS if not isinstance(f.get(k), str)), None)
        if missing:
            return f"finding {i} has no {missing}"
        if f.get("severity") not in _SEVERITIES:
            return f"finding {i} has severity {str(f.get('severity'))[:40]!r}, not {', '.join(_SEVERITIES)}"
        if not (f.get("group") is None or type(f.get("group")) is int) or \
                not (f.get("subject") is None or isinstance(f.get("subject"), str)):
            return f"finding {i} has a group or subject of the wrong type"
        places = f.get("evidence")
        if not isinstance(places, list) or not all(isinstance(e, dict) and isinstance(e.get("version"), str)
                                                   for e in places):
            return f"finding {i}: its evidence is not a list of places"
    return None


def done_stories(output: Path) -> set[str]:
    return {str(r["story"]) for r in read_records(output)}


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _is_link(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False


def _link_error(path: Path) -> InputError:
    return _bad_output(path, "is a link; a batch appends only to a file of its own, never through a link",
                       "give -o the file itself, or a new file")


def _refuse_link(path: Path) -> None:
    if _is_link(path):
        raise _link_error(path)


class RecordWriter:
    """Appends records to OUT, one line each, holding the lock of OUT (``lock_path``) while it is open."""

    def __init__(self, output: Path) -> None:
        self.path = output
        self.fd = -1
        self._lock: Any = None
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            _refuse_link(output)   # before the lock, which would go beside the link's target
            self._lock = _lock_output(output)
            self.fd = os.open(output, os.O_RDWR | os.O_APPEND | os.O_CREAT | _NOFOLLOW, 0o644)
            if os.fstat(self.fd).st_nlink > 1:
                self.close()
                raise _bad_output(output, "has other names (hard links), which appending to it would change too",
                                  "give -o a file of its own")
        except OSError as exc:
            self.close()
            if _is_link(output):   # made a link since it was looked at: O_NOFOLLOW refused it
                raise _link_error(output) from exc
            raise _bad_output(output, f"cannot be written ({exc.strerror or exc})") from exc
        self.written = 0
        try:
            self._cut_torn_line()
        except OSError as exc:
            self.close()
            raise _bad_output(output, f"cannot be written ({exc.strerror or exc})") from exc
        self._synced = time.monotonic()

    def _cut_torn_line(self) -> None:
        size = os.fstat(self.fd).st_size
        if size == 0:
            return
        keep, pos = 0, size
        while pos > 0:   # find the last newline, reading back in chunks
            start = max(0, pos - 65536)
            chunk = os.pread(self.fd, pos - start, start)
            i = chunk.rfind(b"\n")
            if i >= 0:
                keep = start + i + 1
                break
            pos = start
        if keep != size:
            os.ftruncate(self.fd, keep)

    def write(self, record: Mapping[str, Any]) -> None:
        """Append one record. A full disk, a file-size limit or an I/O error stops the batch with FCE134; the
        record being written is cut off again, so OUT holds every earlier record whole and a re-run resumes."""
        data = json_bytes(record, separators=(",", ":")) + b"\n"
        view = memoryview(data)
        start = -1
        try:
            start = os.lseek(self.fd, 0, os.SEEK_END)
            while view:
                view = view[os.write(self.fd, view):]
            if time.monotonic() - self._synced > SYNC_SECONDS:
                os.fsync(self.fd)
                self._synced = time.monotonic()
        except BaseException as exc:   # an interrupt in the middle of a record cuts it off too
            if start >= 0:
                with contextlib.suppress(OSError):
                    os.ftruncate(self.fd, start)
            if not isinstance(exc, OSError):
                raise
            raise _bad_output(self.path, f"cannot be written ({exc.strerror or exc}); the {self.written} record(s) "
                              "this run wrote before it are kept",
                              "make room or raise the file-size limit, then run the same command again: it goes "
                              "on from there") from exc
        self.written += 1

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.fsync(self.fd)
            os.close(self.fd)
            self.fd = -1
        if self._lock is not None:
            with contextlib.suppress(OSError):
                self._lock.release()
            self._lock = None


def lock_path(output: Path) -> Path:
    """The lock of OUT: a hidden file beside the file OUT names (through links, so that two names of one
    OUT share it). It stays when released (removing it would let two runs lock two files of one name)."""
    try:
        real = output.resolve()
    except (OSError, RuntimeError):   # a loop of links: its own error comes when OUT is opened
        real = Path(os.path.abspath(output))
    return real.with_name(f".{real.name}.lock")


def _lock_output(output: Path) -> Any:
    """Take the lock of OUT without waiting (``filelock``: flock on POSIX, msvcrt on Windows): FCE134 when
    another batch holds it. Where no lock can be taken (a file system without locks, a folder where the lock
    file cannot be made) the batch goes on without one, as it would have no other way to run."""
    import warnings

    from filelock import FileLock, Timeout

    where = lock_path(output)
    _refuse_link(where)   # filelock opens it with O_TRUNC: a link there would truncate its target
    lock = FileLock(where, timeout=0)
    try:
        with warnings.catch_warnings():   # filelock warns when it falls back to a soft lock: not ours to print
            warnings.simplefilter("ignore")
            lock.acquire()
    except Timeout as exc:
        raise InputError(f"{output}: another batch is writing to it", "wait for it, or give another -o",
                         "FCE134") from exc
    except (OSError, NotImplementedError):
        return None
    return lock


def write_output(path: Path, data: bytes) -> None:
    """The summary: written whole beside OUT and renamed into place (never through a link)."""
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise InputError(f"{path}: cannot be written ({exc.strerror or exc})", "", "FCE134") from exc


# --- the summary --------------------------------------------------------------------------------------

def story_counts(record: Mapping[str, Any]) -> dict[str, int]:
    counts = {s.value: 0 for s in Severity}
    for f in record.get("report", {}).get("findings", []):
        counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    return counts


def fails(counts: Mapping[str, int], fail_on: str) -> bool:
    if fail_on == "never":
        return False
    floor = Severity(fail_on).rank
    return any(n and Severity(sev).rank >= floor for sev, n in counts.items())


def summarize(output: Path, stories: Collection[str], fail_on: str, exit_zero: bool) -> dict[str, Any]:
    """The summary of every record in OUT (this run's and earlier runs') of a story in the input (``stories``,
    its ids): counts, failures by code, findings by rule and severity, and the stories with findings, those
    with errors first. Records of other stories (an OUT resumed with another input) are counted apart, as
    ``stories.not_in_input``, and nothing else."""
    seen: set[str] = set()
    others: set[str] = set()
    failed: list[dict[str, Any]] = []
    by_code: Counter[str] = Counter()
    by_severity: Counter[str] = Counter()
    by_rule: dict[str, Counter[str]] = {}
    flagged: list[dict[str, Any]] = []
    checked = failing = 0
    for rec in read_records(output):
        story = str(rec["story"])
        if story not in stories:
            others.add(story)
            continue
        if story in seen:
            continue
        seen.add(story)
        if rec["status"] == "failed":
            err = rec.get("error", {})
            by_code[err.get("code", "?")] += 1
            failed.append({"story": story, "code": err.get("code"), "message": err.get("message")})
            continue
        checked += 1
        counts = story_counts(rec)
        for f in rec.get("report", {}).get("findings", []):
            by_severity[f["severity"]] += 1
            by_rule.setdefault(f["rule"], Counter())[f["severity"]] += 1
        failing += fails(counts, fail_on)
        if any(counts.values()):
            flagged.append({"story": story, **counts, "fails": fails(counts, fail_on)})
    flagged.sort(key=lambda s: (-s["error"], -s["warning"], -s["info"], s["story"]))
    return {
        "schema": SUMMARY_SCHEMA,
        "stories": {"input": len(stories), "recorded": len(seen), "checked": checked, "failed": len(failed),
                    "not_recorded": max(0, len(stories) - len(seen)), "with_findings": len(flagged),
                    "failing": failing, "not_in_input": len(others)},
        "failures": {"by_code": dict(sorted(by_code.items())), "stories": failed[:LISTED],
                     "unlisted": max(0, len(failed) - LISTED)},
        "findings": {"total": sum(by_severity.values()),
                     "by_severity": {s.value: by_severity.get(s.value, 0) for s in Severity},
                     "by_rule": {r: {s.value: c.get(s.value, 0) for s in Severity if c.get(s.value)}
                                 for r, c in sorted(by_rule.items())}},
        "stories_with_findings": flagged[:LISTED],
        "unlisted_stories_with_findings": max(0, len(flagged) - LISTED),
        "fail_on": fail_on,
        "exit_code": 0 if exit_zero or not failing else 1,
    }


# --- the findings table -------------------------------------------------------------------------------

FINDING_COLUMNS = ("story", "rule", "name", "severity", "category", "message", "group", "subject",
                   "fingerprint", "versions", "evidence")


def finding_rows(output: Path, stories: Collection[str] | None = None) -> Iterator[dict[str, Any]]:
    """One row per finding of each checked story in OUT (of those in ``stories``, when given)."""
    seen: set[str] = set()
    for rec in read_records(output):
        story = str(rec["story"])
        if story in seen or rec["status"] != "checked" or (stories is not None and story not in stories):
            continue
        seen.add(story)
        for f in rec["report"]["findings"]:
            row = {"story": story, "rule": f["rule"], "name": f["name"], "severity": f["severity"],
                   "category": f["category"], "message": f["message"], "group": f["group"],
                   "subject": f["subject"], "fingerprint": f["fingerprint"],
                   "versions": list(dict.fromkeys(e["version"] for e in f["evidence"])),
                   "evidence": json.dumps(f["evidence"], ensure_ascii=False)}
            # Parquet strings are UTF-8: a lone surrogate kept escaped in OUT becomes U+FFFD here
            yield {k: replace_lone_surrogates(v) if isinstance(v, str) else
                   [replace_lone_surrogates(x) for x in v] if isinstance(v, list) else v for k, v in row.items()}


def require_pyarrow(what: str) -> Any:
    """pyarrow.parquet, or FCE133 saying that ``what`` needs it (asked before the work that needs it)."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise InputError(f"{what} needs pyarrow", "pip install \"newsroom-factcheck[parquet]\"", "FCE133") from exc
    return pq


def write_findings_table(output: Path, table: Path, stories: Collection[str] | None = None,
                         chunk: int = 10000) -> int:
    """One row per finding of every checked story in OUT (of ``stories``, when given), as Parquet (written
    whole, then renamed into place)."""
    pq = require_pyarrow("--findings")
    import pyarrow as pa

    schema = pa.schema([("story", pa.string()), ("rule", pa.string()), ("name", pa.string()),
                        ("severity", pa.string()), ("category", pa.string()), ("message", pa.string()),
                        ("group", pa.int64()), ("subject", pa.string()), ("fingerprint", pa.string()),
                        ("versions", pa.list_(pa.string())), ("evidence", pa.string())])
    rows: list[dict[str, Any]] = []
    n = 0
    try:
        with atomic_output(table) as fh, pq.ParquetWriter(fh, schema) as writer:
            for row in finding_rows(output, stories):
                rows.append(row)
                if len(rows) >= chunk:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                    n += len(rows)
                    rows = []
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    except OSError as exc:
        raise InputError(f"{table}: cannot be written ({exc.strerror or exc})", "", "FCE134") from exc
    return n
