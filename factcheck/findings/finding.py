"""Findings: one reported discrepancy with its evidence in each version."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from factcheck.findings.rules import RULES, Severity
from factcheck.inputs.segment import Sentence
from factcheck.text.normalize import match_key


@dataclass(frozen=True)
class Evidence:
    version: str
    path: str | None
    sentence: int
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str

    @classmethod
    def of(cls, version: str, path: str | None, s: Sentence) -> Evidence:
        return cls(version, path, s.index, s.start, s.end, s.line, s.column, s.end_line, s.end_column, s.text)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Finding:
    rule: str
    message: str
    group: int | None
    evidence: list[Evidence]
    scores: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    related: list[dict[str, Any]] = field(default_factory=list)
    subject: str | None = None  # the version the finding is about, when it is about one version
    # the words that changed (case-folded): targeted findings of one slot that share them report one change
    about: frozenset[str] = field(default_factory=frozenset, repr=False)
    # the most severe this finding may be whatever the settings say: a defect that every version
    # shares is not a difference between them, so it never fails a build (see verdict.severity)
    ceiling: Severity | None = field(default=None, repr=False)
    # the notice in a later version that names this change ({"version", "line", "text"}): the change is
    # intended and disclosed, so the finding is shown at info at most (``ledger.acknowledged``)
    acknowledged: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if self.severity is None:
            self.severity = RULES[self.rule].severity

    @staticmethod
    def words(*texts: str) -> frozenset[str]:
        """Case-folded words of ``texts``, for ``about``."""
        return frozenset(w for t in texts for w in re.findall(r"\w+", t.casefold()))

    @property
    def sev(self) -> Severity:
        assert self.severity is not None  # set in __post_init__
        return self.severity

    @property
    def name(self) -> str:
        return RULES[self.rule].name

    @property
    def category(self) -> str:
        return RULES[self.rule].category

    @property
    def fingerprint(self) -> str:
        """Stable across runs and timings: the rule and the normalised evidence texts."""
        parts = [self.rule, *sorted(f"{e.version}\x1f{match_key(e.text)}" for e in self.evidence)]
        return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()[:16]

    @property
    def evidence_keys(self) -> list[str]:
        """One short hash per evidence sentence (its version and normalised text), for baselines."""
        return sorted({hashlib.sha256(f"{e.version}\x1f{match_key(e.text)}".encode()).hexdigest()[:12]
                       for e in self.evidence})

    def as_related(self) -> dict[str, Any]:
        """This finding as one folded into another: what it says and where, kept whole (its slot and
        its evidence in every version), so no format loses a place a fact stands."""
        return {"rule": self.rule, "name": self.name, "severity": self.sev.value, "message": self.message,
                "group": self.group, "evidence": [e.to_dict() for e in self.evidence], "scores": self.scores}

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "name": self.name, "severity": self.sev.value,
                "category": self.category, "message": self.message, "group": self.group,
                "evidence": [e.to_dict() for e in self.evidence], "scores": self.scores,
                "related": self.related, "subject": self.subject, "fingerprint": self.fingerprint,
                "acknowledged": self.acknowledged}


def related_places(rel: dict[str, Any]) -> str:
    """Where a folded finding stands ("v1.txt line 9, v2.txt line 1"), or "" without evidence."""
    seen: list[str] = []
    for e in rel.get("evidence", []):
        place = f"{e['version']} line {e['line']}"
        if place not in seen:
            seen.append(place)
    return ", ".join(seen)


def related_line(rel: dict[str, Any]) -> str:
    """One line for a folded finding: its rule, where it stands and what it says."""
    places = related_places(rel)
    return f"{rel['rule']}{f' ({places})' if places else ''}: {rel['message']}"
