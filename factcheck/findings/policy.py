"""What to report: enabled rules, per-rule severities, inline suppressions and a baseline.

Rule selection and severities apply before findings are merged per slot (``verdict.weigh``: a disabled
rule never leads a slot, and a rule's severity in the settings is the most its findings get); comments
and the baseline apply to the merged findings, by fingerprint.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from factcheck.errors import ConfigError
from factcheck.findings.baseline import Baseline
from factcheck.findings.finding import Finding
from factcheck.findings.rules import Severity, match_rules, select_rules
from factcheck.findings.suppress import inline_suppressed, suppressed_sentences
from factcheck.inputs.segment import Sentence
from factcheck.inputs.versions import Version


@dataclass(frozen=True)
class Policy:
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    baseline: Baseline = field(default_factory=Baseline)
    inline: bool = True

    def enabled(self) -> frozenset[str]:
        return select_rules(self.select, self.ignore)

    def severities(self) -> dict[str, Severity]:
        out: dict[str, Severity] = {}
        for selector, level in self.severity.items():
            if level not in {s.value for s in Severity}:
                raise ConfigError(f"severity of {selector}: {level!r} is not a severity",
                                  "valid: error, warning, info", "FCE211")
            for rid in match_rules(selector, "severity"):
                out[rid] = Severity(level)
        return out

    def validate(self) -> None:
        self.enabled()
        self.severities()


def suppress(findings: list[Finding], versions: list[Version], sentences: list[list[Sentence]],
             policy: Policy) -> tuple[list[Finding], list[tuple[str, Finding]]]:
    """Split findings into reported ones and (reason, finding) pairs hidden by a comment or the baseline."""
    hidden = {v.id: suppressed_sentences(v, sentences[n]) for n, v in enumerate(versions)} if policy.inline else {}
    kept: list[Finding] = []
    gone: list[tuple[str, Finding]] = []
    for f in findings:
        if policy.inline and inline_suppressed(f, versions, hidden):
            gone.append(("inline", f))
        elif policy.baseline.contains(f):
            gone.append(("baseline", f))
        else:
            kept.append(f)
    return kept, gone


__all__ = ["Policy", "suppress"]
