"""Baselines: record today's findings, then report only new ones.

A finding is known when the baseline holds its fingerprint, or holds a finding of the same rule
with the same message that shares at least one evidence sentence (same version, same normalised
text), or holds a finding of the same rule with the same normalised evidence texts whatever the
versions are called (``content``: ``diff-branch main`` and ``diff-branch origin/main`` name the base's
version differently). The second test keeps a known finding known when another version's sentence in
its slot is edited; a finding whose message changes (another number, another word) is new.
The findings of the review itself (FC401, FC402: what a change adds to hide findings) are never
recorded nor known. The file is JSON, sorted, one entry per finding, so that it diffs well in review;
an entry that ``factcheck accept`` wrote names its draft (``draft``), so that accepting a draft again
replaces its entries and keeps the others.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factcheck.errors import ConfigError
from factcheck.findings.finding import Finding
from factcheck.findings.rules import RULES
from factcheck.inputs.limits import MAX_BASELINE_BYTES
from factcheck.inputs.overwrite import write_atomically
from factcheck.inputs.regular_file import MISSING, FileProblem, read_regular
from factcheck.text.normalize import match_key

BASELINE_SCHEMA = "factcheck-baseline/1"


def _message_key(rule: str, message: str) -> str:
    return hashlib.sha256(f"{rule}\x1f{message}".encode()).hexdigest()[:16]


def content_key(f: Finding) -> str:
    """The rule and the normalised texts of the evidence, without the versions' names."""
    texts = sorted(match_key(e.text) for e in f.evidence)
    return hashlib.sha256("\x1e".join([f.rule, *texts]).encode()).hexdigest()[:16]


def recordable(f: Finding) -> bool:
    """Whether a baseline may record (and so hide) a finding: never one about the review itself."""
    return RULES[f.rule].source != "review"


@dataclass(frozen=True)
class Baseline:
    fingerprints: frozenset[str] = frozenset()
    evidence: dict[str, frozenset[str]] = field(default_factory=dict)  # message key -> evidence keys
    contents: frozenset[str] = frozenset()   # content keys

    def __bool__(self) -> bool:
        return bool(self.fingerprints)

    def __len__(self) -> int:
        return len(self.fingerprints)

    def contains(self, f: Finding) -> bool:
        if not recordable(f):
            return False
        if f.fingerprint in self.fingerprints or content_key(f) in self.contents:
            return True
        known = self.evidence.get(_message_key(f.rule, f.message))
        return bool(known and known.intersection(f.evidence_keys))


def entry(f: Finding, draft: str | None = None) -> dict[str, Any]:
    """The baseline entry of a finding (``draft``: the draft ``factcheck accept`` recorded it for)."""
    out: dict[str, Any] = {"fingerprint": f.fingerprint, "rule": f.rule, "message": f.message,
                           "versions": sorted({e.version for e in f.evidence}), "evidence": f.evidence_keys,
                           "content": content_key(f)}
    if draft is not None:
        out["draft"] = draft
    return out


def baseline_dict(findings: Iterable[Finding], keep: Iterable[dict[str, Any]] = (),
                  drafts: dict[int, str] | None = None) -> dict[str, Any]:
    """The baseline file's data: ``keep`` (entries of an earlier file) and an entry per finding that a
    baseline may record (``drafts``: id(finding) -> its draft's path)."""
    entries = {e["fingerprint"]: e for e in keep}
    entries |= {f.fingerprint: entry(f, (drafts or {}).get(id(f))) for f in findings if recordable(f)}
    return {"schema": BASELINE_SCHEMA, "findings": [entries[k] for k in sorted(entries)]}


def write_baseline(path: Path, findings: Iterable[Finding], keep: Iterable[dict[str, Any]] = (),
                   drafts: dict[int, str] | None = None) -> int:
    data = baseline_dict(findings, keep, drafts)
    try:
        write_atomically(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot write the baseline {path}: {exc.strerror or exc}",
                          "check the folder exists and is writable; a baseline already there is left as it was",
                          "FCE221") from exc
    return len(data["findings"])


def read_baseline(path: Path) -> Baseline:
    """The known findings of a baseline file."""
    return parse_baseline(_read(path), str(path))


def read_entries(path: Path) -> list[dict[str, Any]]:
    """The entries of a baseline file, as written ([] for a file that is not there)."""
    try:
        raw = read_regular(path, MAX_BASELINE_BYTES)
    except FileProblem as exc:
        if exc.kind == MISSING:
            return []
        raise ConfigError(f"baseline {path} {exc.reason}", _HINT, "FCE220") from exc
    return _entries(raw, str(path))


def _read(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_BASELINE_BYTES)
    except FileProblem as exc:
        if exc.kind == MISSING:
            raise ConfigError(f"baseline {path} not found", "write one first with --write-baseline", "FCE220") from exc
        raise ConfigError(f"baseline {path} {exc.reason}", _HINT, "FCE220") from exc


_HINT = "write it again with --write-baseline"


def _entries(raw: bytes, where: str) -> list[dict[str, Any]]:
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # ValueError: bad JSON or a huge integer
        raise ConfigError(f"baseline {where} is not readable JSON ({exc.__class__.__name__})", _HINT, "FCE220") from exc
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA or not isinstance(
            data.get("findings"), list):
        raise ConfigError(f"baseline {where} is not a factcheck baseline (schema {BASELINE_SCHEMA})", _HINT, "FCE220")
    for item in data["findings"]:
        if not isinstance(item, dict) or not isinstance(item.get("fingerprint"), str):
            raise ConfigError(f"baseline {where}: an entry has no fingerprint", _HINT, "FCE220")
    return data["findings"]


def parse_baseline(raw: bytes, where: str) -> Baseline:
    """The known findings of a baseline file's bytes (``where`` names it in errors)."""
    prints: set[str] = set()
    contents: set[str] = set()
    evidence: dict[str, set[str]] = {}
    for item in _entries(raw, where):
        prints.add(item["fingerprint"])
        if isinstance(item.get("content"), str):
            contents.add(item["content"])
        rule, message, keys = item.get("rule"), item.get("message"), item.get("evidence", [])
        if isinstance(rule, str) and isinstance(message, str) and isinstance(keys, list):
            evidence.setdefault(_message_key(rule, message), set()).update(k for k in keys if isinstance(k, str))
    return Baseline(frozenset(prints), {k: frozenset(v) for k, v in evidence.items()}, frozenset(contents))
