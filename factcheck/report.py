"""The Report owns the findings, the slots, the versions, the models, the counts and the exit code."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factcheck.align.grouping import AlignedGroup
from factcheck.findings.finding import Finding
from factcheck.findings.placement import Place, places
from factcheck.findings.rules import FAIL_LEVELS, Severity
from factcheck.inputs.order import VersionOrder, describe
from factcheck.inputs.segment import Sentence
from factcheck.inputs.versions import Version
from factcheck.slots.slot import Slot

# factcheck/2: each finding carries "texts", every version's text in its slot (null where a version
# lacks it) and "slots", every slot its evidence lies in; "notices" lists correction notices; rules
# FC111, FC112, FC212 and FC301-FC307; later, without breaking a reader: "order" (the versions' order in
# time) and each finding's "locations" (the primary place first) (see docs/reports.md, "JSON")
SCHEMA = "factcheck/2"


@dataclass
class Report:
    versions: list[Version]
    sentences: list[list[Sentence]]
    slots: list[Slot]
    findings: list[Finding]
    models: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    fail_on: str = "error"
    exit_zero: bool = False
    suppressed: list[tuple[str, Finding]] = field(default_factory=list)  # (reason, finding): not reported
    disabled: int = 0  # findings of rules the configuration turned off
    notes: list[str] = field(default_factory=list)  # about the input as a whole, e.g. files skipped
    changes: dict[int, str] = field(default_factory=dict)  # slot id -> "fact" | "style" (see change_kind)
    # correction and update notices in the versions: {"version", "line", "text"}, shown first
    notices: list[dict[str, Any]] = field(default_factory=list)
    # the versions' order in time and how it was chosen (None: as the versions' sort_key puts them)
    order: VersionOrder | None = None
    # which settings judged the versions and what they turned off (``Settings.describe``,
    # ``Policy.describe``): the file, its revision, ignored rules, lowered severities, excludes
    settings: dict[str, Any] = field(default_factory=dict)
    _places: dict[int, tuple[Finding, list[Place]]] = field(default_factory=dict, init=False, repr=False,
                                                            compare=False)

    @property
    def groups(self) -> list[AlignedGroup]:
        """The slots' sentence groups (``slots.Slot.group``; read only: kept for the next call)."""
        return self._index().groups

    def _index(self) -> _Index:
        """The slots' groups, the slot of each sentence and each slot's findings, worked out once (and again
        only if the slots or findings change): a renderer asks for them once per finding or slot, and a long
        story has thousands of both."""
        stamp = (id(self.slots), len(self.slots), id(self.findings), len(self.findings))
        index = self.__dict__.get("_indexed")
        if index is None or index.stamp != stamp:
            index = _Index(self, stamp)
            self.__dict__["_indexed"] = index
        return index

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_LEVELS:
            raise ValueError(f"fail_on must be one of {FAIL_LEVELS}")
        self.findings.sort(key=lambda f: (-f.sev.rank, f.group if f.group is not None else -1, f.rule))
        if self.order is None:
            self.order = describe(self.versions)

    def locations(self, f: Finding) -> list[Place]:
        """Where a finding is shown, the primary place first (``findings.placement``), the same for every
        format: the version whose text departs from the others, then the rest of its evidence and the
        versions with the same text."""
        kept = self._places.get(id(f))
        if kept is None or kept[0] is not f:   # the finding is kept with its places: its id is never reused
            group = self.slots[f.group].group if f.group is not None and 0 <= f.group < len(self.slots) else None
            kept = self._places[id(f)] = (f, places(f, self.versions, self.sentences,
                                                    group.members if group else None))
        return kept[1]

    def about_run(self) -> dict[str, Any]:
        """What a report says about how the run read its input, for programs (a key each: the JSON report's
        top level, SARIF's run properties). ``run_lines`` says the same for people."""
        assert self.order is not None   # set in __post_init__
        return {"order": self.order.to_dict()}

    def run_lines(self) -> dict[str, str]:
        """How the run read and judged its versions, for people, one line each, the same in every format that
        people read: the versions' order (``about_run``), then which settings judged them and what they turn
        off (``settings_lines``); keyed for formats that name them (JUnit properties)."""
        assert self.order is not None
        said = settings_lines(self.settings)
        return {"order": self.order.line(), **{"settings" + (f".{n}" if n else ""): line
                                                for n, line in enumerate(said)}}

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            out[f.sev.value] += 1
        return out

    def failing(self, fail_on: str | None = None) -> list[Finding]:
        level = fail_on or self.fail_on
        if level == "never":
            return []
        floor = Severity(level).rank
        return [f for f in self.findings if f.sev.rank >= floor]

    def exit_code(self, fail_on: str | None = None) -> int:
        """0 clean, 1 findings at or above the failure level (never with ``exit_zero``)."""
        if self.exit_zero:
            return 0
        return 1 if self.failing(fail_on) else 0

    def suppressed_counts(self) -> dict[str, int]:
        return {"inline": sum(r == "inline" for r, _ in self.suppressed),
                "baseline": sum(r == "baseline" for r, _ in self.suppressed),
                "accepted": sum(r == "accepted" for r, _ in self.suppressed),
                "disabled_rules": self.disabled}

    def change_counts(self) -> dict[str, int]:
        """How many slots changed in fact and how many in style only."""
        return {kind: sum(v == kind for v in self.changes.values()) for kind in ("fact", "style")}

    def group_findings(self, group_id: int) -> list[Finding]:
        return list(self._index().by_group.get(group_id, ()))

    def group_status(self, group: AlignedGroup) -> str:
        """identical, changed or partial (``slots.Slot.status``)."""
        return self.slots[group.id].status

    def group_dict(self, group: AlignedGroup) -> dict[str, Any]:
        return {
            "id": group.id,
            "status": self.group_status(group),
            "change": self.changes.get(group.id),
            "members": {
                self.versions[v].id: [
                    {"sentence": s.index, "start": s.start, "end": s.end, "line": s.line, "text": s.text}
                    for s in (self.sentences[v][i] for i in idx)]
                for v, idx in enumerate(group.members)},
            "findings": [f.fingerprint for f in self.group_findings(group.id)],
        }

    def finding_slots(self, f: Finding) -> list[int]:
        """Every slot the finding's evidence lies in, its own first: a story finding links two places."""
        slot_of, index = self._index().slot_of, {v.id: n for n, v in enumerate(self.versions)}
        found = [slot_of.get((index.get(e.version, -1), e.sentence)) for e in f.evidence]
        out = [f.group] if f.group is not None else []
        return out + sorted({g for g in found if g is not None and g not in out})

    def finding_texts(self, f: Finding) -> dict[str, str | None]:
        """What each version says where the finding is: its text in the finding's slot, None where it
        lacks the slot; for a finding outside any slot, its evidence."""
        if f.group is None:
            out: dict[str, str | None] = {}
            for e in f.evidence:
                out[e.version] = f"{out[e.version]} {e.text}" if out.get(e.version) else e.text
            return out
        group = self.groups[f.group]
        return {self.versions[v].id: " ".join(self.sentences[v][i].text for i in idx) if idx else None
                for v, idx in enumerate(group.members)}

    def to_dict(self) -> dict[str, Any]:
        counts = self.counts()
        return {
            "schema": SCHEMA,
            "versions": [{"id": v.id, "path": v.path, "revision": v.revision, "encoding": v.encoding,
                          "sentences": len(self.sentences[n]), "characters": len(v.text),
                          "warnings": v.warnings} for n, v in enumerate(self.versions)],
            "groups": [self.group_dict(g) for g in self.groups],
            "findings": [{**f.to_dict(), "texts": self.finding_texts(f), "slots": self.finding_slots(f),
                          "locations": [p.to_dict() for p in self.locations(f)]} for f in self.findings],
            "summary": {**counts, "findings": len(self.findings), "fail_on": self.fail_on,
                        "exit_code": self.exit_code(), "suppressed": self.suppressed_counts(),
                        "acknowledged": sum(f.acknowledged is not None for f in self.findings),
                        "changes": self.change_counts(),
                        "by_rule": {r: sum(f.rule == r for f in self.findings)
                                    for r in sorted({f.rule for f in self.findings})}},
            "notices": self.notices,
            **self.about_run(),
            "settings": self.settings,
            "notes": self.notes,
            "stats": self.stats,
            "models": self.models,
        }


def _listed(ids: list[str], most: int = 6) -> str:
    return ", ".join(ids) if len(ids) <= most else f"{', '.join(ids[:most])} and {len(ids) - most} more"


def settings_lines(s: dict[str, Any]) -> list[str]:
    """What judged the versions, one plain line each, the same in every format: the settings file and where
    it was read (a revision and its commit, or the working tree), what the settings and the command line
    turn off (rules, lowered severities, excluded files), the baseline, and refused new suppressions."""
    if not s:
        return []
    at = f" at {s['revision']} (commit {str(s.get('commit') or '')[:12]})" if s.get("revision") else ""
    lines = [f"Settings: {s['file']}{at or ' (working tree)'}." if s.get("file") else
             f"Settings: none{' found' + at if at else ''} (defaults and the command line)."]
    off = []
    rules_off, chosen = list(s.get("rules_off") or []), []
    if s.get("select", ["ALL"]) != ["ALL"]:
        chosen.append("select " + ", ".join(s["select"]))
    if s.get("ignore"):
        chosen.append("ignore " + ", ".join(s["ignore"]))
    if rules_off:
        off.append(f"turn off {_listed(rules_off)} ({'; '.join(chosen) or 'not selected'})")
    lowered: dict[str, list[str]] = {}
    for rule, level in (s.get("lowered") or {}).items():
        lowered.setdefault(level, []).append(rule)
    off += [f"lower {_listed(rules)} to {level}" for level, rules in lowered.items()]
    if s.get("exclude"):
        off.append("exclude " + ", ".join(s["exclude"]))
    if s.get("include"):
        off.append("read only " + ", ".join(s["include"]))
    if off:
        lines.append(f"The settings {'; '.join(off)}.")
    base = s.get("baseline")
    if base:
        where = f" at {base['revision']}" if base.get("revision") else " (working tree)"
        added = f"; {base['added']} more in the working tree, added by this change (FC402)" if base.get("added") else ""
        lines.append(f"Baseline: {base['file']}{where}, {base['entries']} entries{added}.")
    if s.get("new_suppressions") == "refuse":
        lines.append("New suppressions are refused: a comment or baseline entry this change adds is an error.")
    return lines


class _Index:
    """``Report._index``: what the report's lookups read, for one state of its slots and findings."""

    def __init__(self, report: Report, stamp: tuple[int, int, int, int]) -> None:
        self.stamp = stamp
        self.groups = [slot.group for slot in report.slots]
        self.slot_of = {k: g.id for g in self.groups for k in g.keys()}
        self.by_group: dict[int | None, list[Finding]] = {}
        for f in report.findings:
            self.by_group.setdefault(f.group, []).append(f)
