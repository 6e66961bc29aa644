"""Changes that a notice in the later version names: intended, disclosed, and so no failure.

"Correction: The vote was 8-3, not 7-4." or "This story has been updated to say the vote was 8-3." in a
version says that its 8-3 replaces an earlier 7-4 on purpose. A finding whose evidence shows that change
(the notice's right figures or names in that version's text and not in an earlier version's, its wrong
ones in the earlier text and not in the later) is acknowledged: kept and shown, linked to its notice
(``Finding.acknowledged``: the notice's version, line and text; its message says so in every format),
and at most info, so it does not fail a build at the default failure level. A notice that names nothing
("This story has been updated.") or another change acknowledges nothing; a notice whose fix the text does
not carry is FC307 (``ledger.corrections``), never acknowledged.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.findings.finding import Evidence, Finding
from factcheck.findings.rules import RULES, Severity
from factcheck.ledger.corrections import Notice
from factcheck.slots.context import CheckContext
from factcheck.text.notices import is_notice
from factcheck.text.quantities import extract

# the notice itself, a correction not made, and the review's own findings are never acknowledged
NEVER = frozenset({"FC112", "FC307"} | {r.id for r in RULES.values() if r.source == "review"})
# the notices of one version that are read (a story carries one or two; a page of thousands cannot make
# the report quadratic)
MOST_NOTICES = 50
_WORD = re.compile(r"[A-Z][\w'’-]+")

Figures = frozenset[tuple[float, str]]


def _figures(text: str) -> Figures:
    return frozenset((q.value, q.kind) for q in extract(text))


def _said(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


@dataclass(frozen=True)
class _Named:
    """What a notice names: the figures and the names it says are right, and those it says were wrong."""

    notice: Notice
    right_figs: Figures
    wrong_figs: Figures
    right_words: frozenset[str]
    wrong_words: frozenset[str]

    @classmethod
    def of(cls, n: Notice) -> _Named:
        wrong_figs = frozenset().union(*(_figures(w) for w in n.wrong))
        right_figs = frozenset().union(*(_figures(r) for r in n.right)) - wrong_figs
        wrong_words = frozenset(w for w in n.wrong if not extract(w))
        minus = {x.casefold() for w in wrong_words for x in w.split()}
        # capitalised words of what is right, but each part's first word (a sentence's capital)
        right_words = frozenset(w for r in n.right for w in _WORD.findall(r)[0 if r[:1].islower() else 1:]
                                if w.casefold() not in minus)
        return cls(n, right_figs, wrong_figs, right_words, wrong_words)

    def names_change(self, old: _Text, new: _Text) -> bool:
        """Whether the notice names the change from ``old`` (an earlier version's text) to ``new`` (its own)."""
        if self.right_figs or self.wrong_figs:
            right_ok = self.right_figs <= new.figures and not self.right_figs <= old.figures
            wrong_ok = bool(self.wrong_figs & (old.figures - new.figures))
            return (right_ok or not self.right_figs) and (wrong_ok or not self.wrong_figs)
        if not (self.wrong_words or self.right_words):
            return False
        wrong_ok = any(_said(old.text, w) and not _said(new.text, w) for w in self.wrong_words)
        right_ok = any(_said(new.text, w) and not _said(old.text, w) for w in self.right_words)
        return (wrong_ok or not self.wrong_words) and (right_ok or not self.right_words)


class _Text:
    """A finding's evidence text in some versions, its figures read once."""

    def __init__(self, evidence: Sequence[Evidence]) -> None:
        self.text = " ".join(e.text for e in evidence)

    @functools.cached_property
    def figures(self) -> Figures:
        return _figures(self.text)


def _evidence(f: Finding) -> list[Evidence]:
    return [*f.evidence, *(Evidence(**d) for r in f.related for d in r.get("evidence", []))]


def naming_notice(f: Finding, ctx: CheckContext, named: Sequence[_Named]) -> Notice | None:
    """The notice in a later version of the finding's evidence that names its change, if any: the
    finding's text in the notice's version (but the notices' own sentences) against its text in the
    earlier versions."""
    if f.rule in NEVER:
        return None
    evidence = _evidence(f)
    index = {v.id: n for n, v in enumerate(ctx.versions)}
    mine = {index[e.version] for e in evidence if e.version in index}
    notes = {(nm.notice.sentence.version, s.index) for nm in named for s in nm.notice.sentences}
    texts: dict[int, tuple[_Text, _Text] | None] = {}
    for nm in named:
        v = nm.notice.sentence.version
        if v not in mine:
            continue
        if v not in texts:
            new = [e for e in evidence if index.get(e.version) == v and (v, e.sentence) not in notes
                   and not is_notice(e.text)]
            old = [e for e in evidence if e.version in index and
                   ctx.versions[index[e.version]].sort_key < ctx.versions[v].sort_key]
            texts[v] = (_Text(old), _Text(new)) if new and old else None
        pair = texts[v]
        if pair is not None and nm.names_change(*pair):
            return nm.notice
    return None


def acknowledge(findings: list[Finding], ctx: CheckContext, found: Sequence[Notice]) -> list[Finding]:
    """The findings, each change a later version's notice names acknowledged: linked to the notice, said
    in its message, and info at most."""
    per_version: dict[int, int] = {}
    named = []
    for n in found:
        v = n.sentence.version
        per_version[v] = per_version.get(v, 0) + 1
        if per_version[v] <= MOST_NOTICES:
            named.append(_Named.of(n))
    for f in findings:
        notice = naming_notice(f, ctx, named)
        if notice is None:
            continue
        vid, line = ctx.versions[notice.sentence.version].id, notice.sentence.line
        f.acknowledged = {"version": vid, "line": line, "text": " ".join(s.text for s in notice.sentences)}
        if f.sev.rank > Severity.INFO.rank:
            f.severity = Severity.INFO
        f.message += f" This change is acknowledged by the notice in {vid} line {line}."
    return findings
