"""Inline suppressions written into a draft as HTML comments (invisible once the Markdown is rendered).

- ``<!-- factcheck: ignore FC201 -->`` hides those rules' findings on the sentence that holds the
  comment, or else on the next sentence; ``<!-- factcheck: ignore -->`` hides every rule there.
- ``<!-- factcheck: ignore-file FC110 -->`` hides those rules for the whole version.

Rules are named as everywhere else: an id, a prefix such as ``FC2`` or a rule name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.findings.finding import Finding
from factcheck.findings.rules import RULES, match_rules
from factcheck.inputs.segment import Sentence
from factcheck.inputs.versions import Version

_DIRECTIVE = re.compile(r"<!--\s*factcheck\s*:\s*(ignore-file|ignore)\b(.*?)-->", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Directive:
    kind: str               # "ignore" or "ignore-file"
    rules: frozenset[str]   # the rule ids it hides
    start: int
    end: int


def directives(version: Version) -> list[Directive]:
    """The suppression comments of a version, in order."""
    out = []
    for m in _DIRECTIVE.finditer(version.text):
        names = [n for n in re.split(r"[\s,]+", m.group(2)) if n]
        rules: set[str] = set()
        for n in names:
            rules.update(match_rules(n, f"{version.id}: suppression comment"))
        out.append(Directive(m.group(1).lower(), frozenset(rules or RULES), m.start(), m.end()))
    return out


Hidden = tuple[dict[int, frozenset[str]], frozenset[str]]


def suppressed_sentences(version: Version, sentences: list[Sentence]) -> Hidden:
    """Per sentence index the rules hidden on it, and the rules hidden for the whole version."""
    per: dict[int, frozenset[str]] = {}
    whole: set[str] = set()
    for d in directives(version):
        if d.kind == "ignore-file":
            whole.update(d.rules)
            continue
        target = next((s for s in sentences if s.start <= d.start < s.end), None)
        if target is None:
            target = next((s for s in sentences if s.start >= d.end), None)
        if target is not None:
            per[target.index] = per.get(target.index, frozenset()) | d.rules
    return per, frozenset(whole)


def inline_suppressed(finding: Finding, versions: list[Version],
                      hidden: dict[str, Hidden]) -> bool:
    """True when a comment in any version whose sentence is evidence hides this finding's rule."""
    for e in finding.evidence:
        per, whole = hidden.get(e.version, ({}, frozenset()))
        if finding.rule in whole or finding.rule in per.get(e.sentence, frozenset()):
            return True
    return False
