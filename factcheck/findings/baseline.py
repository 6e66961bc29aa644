"""Baselines: record today's findings, then report only new ones.

A finding is known when the baseline holds its fingerprint, or holds a finding of the same rule
with the same message that shares at least one evidence sentence (same version, same normalised
text). The second test keeps a known finding known when another version's sentence in its slot is
edited; a finding whose message changes (another number, another word) is new.
The file is JSON, sorted, one entry per finding, so that it diffs well in review.
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
from factcheck.inputs.limits import MAX_BASELINE_BYTES
from factcheck.inputs.overwrite import write_atomically
from factcheck.inputs.regular_file import MISSING, FileProblem, read_regular

BASELINE_SCHEMA = "factcheck-baseline/1"


def _message_key(rule: str, message: str) -> str:
    return hashlib.sha256(f"{rule}\x1f{message}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Baseline:
    fingerprints: frozenset[str] = frozenset()
    evidence: dict[str, frozenset[str]] = field(default_factory=dict)  # message key -> evidence keys

    def __bool__(self) -> bool:
        return bool(self.fingerprints)

    def contains(self, f: Finding) -> bool:
        if f.fingerprint in self.fingerprints:
            return True
        known = self.evidence.get(_message_key(f.rule, f.message))
        return bool(known and known.intersection(f.evidence_keys))


def baseline_dict(findings: Iterable[Finding]) -> dict[str, Any]:
    entries = {f.fingerprint: {"fingerprint": f.fingerprint, "rule": f.rule, "message": f.message,
                               "versions": sorted({e.version for e in f.evidence}), "evidence": f.evidence_keys}
               for f in findings}
    return {"schema": BASELINE_SCHEMA, "findings": [entries[k] for k in sorted(entries)]}


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    data = baseline_dict(findings)
    try:
        write_atomically(path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot write the baseline {path}: {exc.strerror or exc}",
                          "check the folder exists and is writable; a baseline already there is left as it was",
                          "FCE221") from exc
    return len(data["findings"])


def read_baseline(path: Path) -> Baseline:
    """The known findings of a baseline file."""
    hint = "write it again with --write-baseline"
    try:
        data = json.loads(read_regular(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except FileProblem as exc:
        if exc.kind == MISSING:
            raise ConfigError(f"baseline {path} not found", "write one first with --write-baseline", "FCE220") from exc
        raise ConfigError(f"baseline {path} {exc.reason}", hint, "FCE220") from exc
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # ValueError: bad JSON or a huge integer
        raise ConfigError(f"baseline {path} is not readable JSON ({exc.__class__.__name__})", hint, "FCE220") from exc
    if not isinstance(data, dict) or data.get("schema") != BASELINE_SCHEMA or not isinstance(
            data.get("findings"), list):
        raise ConfigError(f"baseline {path} is not a factcheck baseline (schema {BASELINE_SCHEMA})", hint, "FCE220")
    prints: set[str] = set()
    evidence: dict[str, set[str]] = {}
    for entry in data["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise ConfigError(f"baseline {path}: an entry has no fingerprint", hint, "FCE220")
        prints.add(entry["fingerprint"])
        rule, message, keys = entry.get("rule"), entry.get("message"), entry.get("evidence", [])
        if isinstance(rule, str) and isinstance(message, str) and isinstance(keys, list):
            evidence.setdefault(_message_key(rule, message), set()).update(k for k in keys if isinstance(k, str))
    return Baseline(frozenset(prints), {k: frozenset(v) for k, v in evidence.items()})
