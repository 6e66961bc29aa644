"""Inline suppressions written into a draft as HTML comments (invisible once the Markdown is rendered).

- ``<!-- factcheck: ignore FC201 -->`` hides those rules' findings on one sentence: the sentence that
  holds the comment; else, for a comment that ends its line right after a sentence (as ``# noqa``
  does), that sentence; else the next sentence. ``<!-- factcheck: ignore -->`` hides every rule there.
- ``<!-- factcheck off -->`` ... ``<!-- factcheck on -->`` hides every rule on the sentences between
  (as Vale's ``<!-- vale off -->``); ``<!-- factcheck off FC111 -->`` and ``<!-- factcheck on FC111 -->``
  turn only those rules off and on again. An ``off`` that is never turned on runs to the end.
- ``<!-- factcheck: ignore-file FC110 -->`` hides those rules for the whole version.

The colon after ``factcheck`` is optional. Rules are named as everywhere else: an id, a prefix such as
``FC2`` or a rule name. A comment that looks like a misspelt directive (``factcheck: igonre``) is an
error, not silently nothing. Comments are found with ``str.find`` in one pass: many unclosed ``<!--``
take linear time.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.errors import ConfigError
from factcheck.findings.finding import Finding
from factcheck.findings.rules import RULES, match_rules
from factcheck.inputs.segment import Sentence
from factcheck.inputs.versions import Version

KINDS = ("ignore", "ignore-file", "off", "on")
_INSIDE = re.compile(r"\s*factcheck\b\s*:?\s*([A-Za-z][\w-]*)(.*)", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Directive:
    kind: str               # one of KINDS
    rules: frozenset[str]   # the rule ids it hides (or, for "on", shows again)
    start: int
    end: int


def _comments(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inside) of each ``<!-- ... -->`` in ``text``."""
    out, pos = [], 0
    while (i := text.find("<!--", pos)) >= 0:
        j = text.find("-->", i + 4)
        if j < 0:
            break
        out.append((i, j + 3, text[i + 4:j]))
        pos = j + 3
    return out


def directives(version: Version) -> list[Directive]:
    """The suppression comments of a version, in order."""
    out = []
    where = f"{version.id}: suppression comment"
    for start, end, inside in _comments(version.text):
        m = _INSIDE.fullmatch(inside)
        if m is None:
            continue
        kind = m.group(1).lower()
        if kind not in KINDS:
            if difflib.get_close_matches(kind, KINDS, 1, 0.75):
                raise ConfigError(f"{where} 'factcheck: {m.group(1)}' is no directive",
                                  f"valid: {', '.join(KINDS)}", "FCE204")
            continue   # another note that happens to start with the word
        rules: set[str] = set()
        for name in (n for n in re.split(r"[\s,]+", m.group(2)) if n):
            rules.update(match_rules(name, where))
        out.append(Directive(kind, frozenset(rules or RULES), start, end))
    return out


Hidden = tuple[dict[int, frozenset[str]], frozenset[str]]


def _ends_line(norm: str, pos: int) -> bool:
    end = norm.find("\n", pos)
    return not norm[pos:end if end >= 0 else len(norm)].strip()


def _target(d: Directive, sentences: Sequence[Sentence], norm: str) -> Sentence | None:
    """The sentence an ``ignore`` comment hides: the one that holds it; the one it ends the line after
    (nothing but blanks or other comments between them); else the next."""
    holding = next((s for s in sentences if s.start <= d.start < s.end), None)
    if holding is not None:
        return holding
    before = max((s for s in sentences if s.end <= d.start), key=lambda s: s.end, default=None)
    if before is not None and not norm[before.end:d.start].strip() and "\n" not in norm[before.end:d.start] \
            and _ends_line(norm, d.end):
        return before
    return next((s for s in sentences if s.start >= d.end), None)


def _blocks(ds: Sequence[Directive], sentences: Sequence[Sentence]) -> dict[int, set[str]]:
    """Per sentence index the rules an ``off`` ... ``on`` block hides on it: those off where it starts,
    and those an ``off`` inside it turns off."""
    switches = [d for d in ds if d.kind in ("off", "on")]
    out: dict[int, set[str]] = {}
    if not switches:
        return out
    off: set[str] = set()
    k = 0
    for s in sorted(sentences, key=lambda s: s.start):
        while k < len(switches) and switches[k].start < s.start:
            off = off | switches[k].rules if switches[k].kind == "off" else off - switches[k].rules
            k += 1
        hidden = set(off)
        for d in switches[k:]:
            if d.start >= s.end:
                break
            if d.kind == "off":
                hidden |= d.rules
        if hidden:
            out[s.index] = hidden
    return out


def suppressed_sentences(version: Version, sentences: list[Sentence]) -> Hidden:
    """Per sentence index the rules hidden on it, and the rules hidden for the whole version."""
    ds = directives(version)
    per = _blocks(ds, sentences)
    whole: set[str] = set()
    for d in ds:
        if d.kind == "ignore-file":
            whole.update(d.rules)
        elif d.kind == "ignore":
            target = _target(d, sentences, version.norm)
            if target is not None:
                per.setdefault(target.index, set()).update(d.rules)
    return {i: frozenset(r) for i, r in per.items()}, frozenset(whole)


def inline_suppressed(finding: Finding, versions: list[Version],
                      hidden: dict[str, Hidden]) -> bool:
    """True when a comment in any version whose sentence is evidence hides this finding's rule."""
    for e in finding.evidence:
        per, whole = hidden.get(e.version, ({}, frozenset()))
        if finding.rule in whole or finding.rule in per.get(e.sentence, frozenset()):
            return True
    return False
