"""What to report: selected and ignored rules, per-rule severities, inline suppressions and a baseline.

The selected rules (``select`` and ``extend_select``) and the severities apply before findings are
merged per slot (``verdict.weigh``: a rule that is not selected is not weighed, so it never leads a
change; a rule's severity in the settings is the most its findings get). ``ignore`` applies after the
merge (``Policy.drop_ignored``): an ignored rule's finding goes with every finding folded into it, so
ignoring a change's lead never brings its pieces back as findings of their own. Comments and the
baseline apply to the merged findings, by fingerprint.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from factcheck.errors import ConfigError
from factcheck.findings.added import SlotOf, accepted_in_change, added_comments
from factcheck.findings.baseline import Baseline
from factcheck.findings.finding import Finding
from factcheck.findings.rules import RULE_NAMES, RULES, Rule, Severity, match_rules
from factcheck.findings.suppress import Comments
from factcheck.inputs.segment import Sentence
from factcheck.inputs.versions import Version


def nearest_rules(key: str, n: int = 3) -> list[str]:
    """The rule ids (or names) nearest an unknown one: by number for an id (FC299: FC301, FC302, ...),
    by spelling otherwise (FC2O1: FC201; quote-change: quote-changed)."""
    key = key.strip()
    # a letter typed for a digit that looks like it: FC2O1, FC1l1
    typed = re.fullmatch(r"(?i)FC([\dOIL]{3})", key)
    if typed:
        number = int(typed.group(1).upper().translate(str.maketrans("OIL", "011")))
        return sorted(RULES, key=lambda rid: (abs(int(rid[2:]) - number), rid))[:n]
    ids = difflib.get_close_matches(key.upper(), list(RULES), n, 0.6)
    names = difflib.get_close_matches(key.lower(), list(RULE_NAMES), n, 0.6)
    return (ids + names)[:n]


def rule_ids(selector: str, where: str) -> list[str]:
    """The rule ids ``selector`` names (``rules.match_rules``); ConfigError FCE210 for an unknown one,
    with the nearest rules and the valid choices."""
    try:
        return match_rules(selector, where)
    except ConfigError as exc:
        near = nearest_rules(selector)
        hint = f"did you mean {', '.join(near)}? " if near else ""
        raise ConfigError(exc.message, hint + exc.hint, exc.code) from None


def find_rule(key: str) -> Rule:
    """The one rule an id (``FC201``, any case) or a name (``acronym-expansion-mismatch``) names;
    ConfigError FCE210 with the nearest rules otherwise (a prefix names several)."""
    rule = RULES.get(key.strip().upper()) or RULE_NAMES.get(key.strip().lower())
    if rule is not None:
        return rule
    valid = f"valid: an id, one of {', '.join(RULES)}, or its name"
    several = [rid for rid in RULES if len(key.strip()) > 2 and rid.startswith(key.strip().upper())]
    if several:
        raise ConfigError(f"{key!r} names {len(several)} rules, not one", f"give one of {', '.join(several)}",
                          "FCE210")
    near = nearest_rules(key)
    raise ConfigError(f"unknown rule {key!r}", (f"nearest: {', '.join(near)}; " if near else "") + valid, "FCE210")


def unignored(ignore: Sequence[str], chosen: Sequence[str]) -> tuple[str, ...]:
    """``ignore`` (a settings file's) without the rules that ``chosen`` (the command line's selectors)
    names at least as narrowly as the narrowest of ``ignore``'s selectors that names them: a later
    layer's selection wins at the same or a narrower reach. The rule ids left, when any is taken out."""
    if not ignore or not chosen:
        return tuple(ignore)
    hidden = [set(rule_ids(s, "ignore")) for s in ignore]
    picked = [set(rule_ids(s, "select")) for s in chosen]
    left = []
    for rid in RULES:
        reach = min((len(ids) for ids in hidden if rid in ids), default=None)
        if reach is None:
            continue
        wanted = min((len(ids) for ids in picked if rid in ids), default=None)
        if wanted is None or wanted > reach:
            left.append(rid)
    return tuple(ignore) if len(left) == len(set().union(*hidden)) else tuple(left)


NEW_SUPPRESSIONS = ("report", "refuse")


@dataclass(frozen=True)
class Policy:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    baseline: Baseline = field(default_factory=Baseline)
    inline: bool = True
    extend_select: tuple[str, ...] = ()   # added to select (as ruff's extend-select)
    # "refuse": each suppression the change under review adds (FC401, FC402) is an error, whatever the
    # selection; "report": it is reported at its rule's severity, as any finding
    new_suppressions: str = "report"
    # diff-branch: the draft's own baseline, read from the working tree, whose entries the base's
    # ``baseline`` lacks (the findings only it accepts are FC402), and how to name it in a message
    accepted: Baseline | None = None
    accepted_from: str = "the draft's baseline"

    def selected(self, where: str = "rules") -> frozenset[str]:
        """The rules ``select`` and ``extend_select`` name: the ones weighed."""
        chosen: set[str] = set()
        for key, selectors in (("select", self.select), ("extend-select", self.extend_select)):
            for s in selectors:
                chosen.update(rule_ids(s, f"{where} {key}"))
        return frozenset(chosen)

    def ignored(self, where: str = "rules") -> frozenset[str]:
        return frozenset(rid for s in self.ignore for rid in rule_ids(s, f"{where} ignore"))

    def enabled(self) -> frozenset[str]:
        """The rules reported: selected and not ignored."""
        return self.selected() - self.ignored()

    def before_merge(self) -> Policy:
        """The policy that weighs the findings: the selected rules, the ignore left for ``drop_ignored``."""
        return replace(self, ignore=())

    def drop_ignored(self, findings: list[Finding]) -> tuple[list[Finding], int]:
        """The merged findings to report, and how many findings the ignore hides: a finding of an
        ignored rule goes with every finding folded into it (its ``related``: the pieces of its change,
        such as the sentences a moved figure was added and dropped in), and a folded finding of an
        ignored rule leaves the finding it was folded into."""
        ignored = self.ignored()
        if not ignored:
            return findings, 0
        kept, hidden = [], 0
        for f in findings:
            if f.rule in ignored:
                hidden += 1 + len(f.related)
                continue
            related = [r for r in f.related if r["rule"] not in ignored]
            hidden += len(f.related) - len(related)
            f.related = related
            kept.append(f)
        return kept, hidden

    def severities(self, where: str = "severity") -> dict[str, Severity]:
        out: dict[str, Severity] = {}
        for selector, level in self.severity.items():
            if level not in {s.value for s in Severity}:
                raise ConfigError(f"{where} of {selector}: {level!r} is not a severity",
                                  "valid: error, warning, info", "FCE211")
            for rid in rule_ids(selector, where):
                out[rid] = Severity(level)
        return out

    def describe(self) -> dict[str, Any]:
        """What the policy turns off, for the reports: the selection as given, the rules it leaves out, the
        severities it lowers below a rule's own, and what new suppressions get."""
        enabled = self.enabled()
        levels = self.severities()
        return {"select": list(self.select), "extend_select": list(self.extend_select), "ignore": list(self.ignore),
                "rules_off": [r for r in RULES if r not in enabled],
                "lowered": {r: s.value for r, s in levels.items() if s.rank < RULES[r].severity.rank},
                "new_suppressions": self.new_suppressions}

    def refused(self) -> bool:
        return self.new_suppressions == "refuse"

    def reports(self, rule: str) -> bool:
        """Whether a finding of the review (FC401, FC402) is reported: its rule enabled, or refused."""
        return self.refused() or rule in self.enabled()

    def review_level(self, rule: str) -> Severity:
        """The severity of a finding of the review: an error where new suppressions are refused."""
        return Severity.ERROR if self.refused() else self.severities().get(rule, RULES[rule].severity)

    def validate(self, where: str = "rules") -> None:
        """ConfigError for an unknown rule or severity; ``where`` names the settings in the message."""
        if self.new_suppressions not in NEW_SUPPRESSIONS:
            raise ConfigError(f"{where}: new-suppressions = {self.new_suppressions!r}",
                              f"valid: {', '.join(NEW_SUPPRESSIONS)}", "FCE204")
        self.selected(where)
        self.ignored(where)
        self.severities(f"{where} severity" if where != "rules" else "severity")


def suppress(findings: list[Finding], versions: list[Version], sentences: list[list[Sentence]],
             policy: Policy, slot_of: SlotOf | None = None) -> tuple[list[Finding], list[tuple[str, Finding]]]:
    """Split findings into reported ones and (reason, finding) pairs hidden by a comment (``inline``), the
    baseline (``baseline``) or the draft's own baseline where FC402 is not reported (``accepted``). The
    reported ones end with what the change under review adds: FC401 for each comment a later version
    adds (``slot_of``: (version, sentence) -> slot, where comments stand), FC402 for each finding only the
    draft's own baseline accepts."""
    comments = Comments(versions, sentences) if policy.inline else None
    hidden: dict[tuple[str, int], list[Finding]] = {}
    kept: list[Finding] = []
    gone: list[tuple[str, Finding]] = []
    for f in findings:
        hiding = comments.hiding(f) if comments is not None else []
        if hiding:
            gone.append(("inline", f))
            for vid, d in hiding:
                hidden.setdefault((vid, d.start), []).append(f)
        elif policy.baseline.contains(f):
            gone.append(("baseline", f))
        elif policy.accepted is not None and policy.accepted.contains(f):
            if policy.reports("FC402"):
                kept.append(accepted_in_change(f, policy.accepted_from, policy.review_level("FC402"),
                                               policy.refused()))
            else:
                gone.append(("accepted", f))
        else:
            kept.append(f)
    if comments is not None and policy.reports("FC401"):
        kept += added_comments(versions, comments, slot_of or {}, hidden, policy.review_level("FC401"),
                               policy.refused())
    return kept, gone


__all__ = ["NEW_SUPPRESSIONS", "Policy", "find_rule", "nearest_rules", "rule_ids", "suppress", "unignored"]
