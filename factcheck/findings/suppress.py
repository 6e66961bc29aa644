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

import bisect
import difflib
import re
from collections.abc import Mapping, Sequence
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
    text: str = ""          # the comment as written, ``<!--`` to ``-->``


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
        out.append(Directive(kind, frozenset(rules or RULES), start, end, version.text[start:end]))
    return out


Hidden = tuple[dict[int, frozenset[str]], frozenset[str]]


def _ends_line(norm: str, pos: int) -> bool:
    end = norm.find("\n", pos)
    return not norm[pos:end if end >= 0 else len(norm)].strip()


class _Sentences:
    """A version's sentences in text order, searched by offset in logarithmic time."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.all = sorted(sentences, key=lambda s: s.start)
        self.starts = [s.start for s in self.all]
        self.ends = [s.end for s in self.all]

    def holding_or_after(self, pos: int) -> Sentence | None:
        """The first sentence that ends after ``pos``: the one that holds it, or the next."""
        k = bisect.bisect_right(self.ends, pos)
        return self.all[k] if k < len(self.all) else None

    def target(self, d: Directive, norm: str) -> Sentence | None:
        """The sentence an ``ignore`` comment hides: the one that holds it; the one it ends the line after
        (nothing but blanks or other comments between them); else the next."""
        s = self.holding_or_after(d.start)
        if s is not None and s.start <= d.start:
            return s
        k = bisect.bisect_right(self.ends, d.start) - 1
        before = self.all[k] if k >= 0 else None
        if before is not None and not norm[before.end:d.start].strip() and "\n" not in norm[before.end:d.start] \
                and _ends_line(norm, d.end):
            return before
        k = bisect.bisect_left(self.starts, d.end)
        return self.all[k] if k < len(self.all) else None


class VersionComments:
    """The suppression comments of one version and what each hides, found in one sweep of the text:

    - ``whole``: the ``ignore-file`` comments;
    - ``ignores``: per sentence index, the ``ignore`` comments that hide rules on it;
    - ``blocks``: per sentence index, each rule an ``off`` hides there and the ``off`` that does (the
      latest that turned it off and no ``on`` turned on again; one map is shared by the sentences between
      two comments, so many comments take linear time and memory);
    - ``anchor``: per comment (by its start), the sentence it holds, targets or comes before;
    - ``reach``: per ``off`` (by its start), the first and last sentence it hides rules on.
    """

    def __init__(self, version: Version, sentences: Sequence[Sentence]) -> None:
        self.version = version
        self.directives = directives(version)
        found = _Sentences(sentences)
        self.sentences = found.all
        self.whole = [d for d in self.directives if d.kind == "ignore-file"]
        self.ignores: dict[int, list[Directive]] = {}
        self.anchor: dict[int, int | None] = {}
        for d in self.directives:
            s = found.target(d, version.norm) if d.kind == "ignore" else found.holding_or_after(d.start)
            self.anchor[d.start] = s.index if s is not None else None
            if d.kind == "ignore" and s is not None:
                self.ignores.setdefault(s.index, []).append(d)
        self.blocks: dict[int, Mapping[str, Directive]] = {}
        self.reach: dict[int, tuple[int, int]] = {}
        self._sweep([d for d in self.directives if d.kind in ("off", "on")])

    def _sweep(self, switches: list[Directive]) -> None:
        owner: dict[str, Directive] = {}
        k = 0
        for s in self.sentences:
            while k < len(switches) and switches[k].start < s.start:
                d = switches[k]
                owner = {**owner, **dict.fromkeys(d.rules, d)} if d.kind == "off" else \
                    {r: o for r, o in owner.items() if r not in d.rules}
                k += 1
            here = owner
            j = k
            while j < len(switches) and switches[j].start < s.end:   # an off inside the sentence hides it
                if switches[j].kind == "off":
                    here = {**here, **dict.fromkeys(switches[j].rules, switches[j])}
                j += 1
            if here:
                self.blocks[s.index] = here
                for d in set(here.values()):
                    first, _ = self.reach.get(d.start, (s.index, s.index))
                    self.reach[d.start] = (first, s.index)

    def whole_rules(self) -> frozenset[str]:
        return frozenset().union(*(d.rules for d in self.whole))

    def rules_on(self, index: int) -> set[str]:
        """The rules an ``ignore`` or an ``off`` hides on one sentence (``ignore-file`` aside)."""
        return set(self.blocks.get(index, ())).union(*(d.rules for d in self.ignores.get(index, ())))

    def hidden(self) -> list[int]:
        """The sentences an ``ignore`` or an ``off`` hides rules on."""
        return sorted(set(self.blocks) | set(self.ignores))

    def hiding(self, index: int, rules: set[str] | frozenset[str]) -> list[Directive]:
        """The comments that hide any of ``rules`` on one sentence."""
        out = [d for d in self.whole if d.rules & rules]
        out += [d for d in self.ignores.get(index, ()) if d.rules & rules]
        block = self.blocks.get(index, {})
        out += list(dict.fromkeys(block[r] for r in sorted(rules) if r in block))
        return list(dict.fromkeys(out))


def suppressed_sentences(version: Version, sentences: list[Sentence]) -> Hidden:
    """Per sentence index the rules hidden on it, and the rules hidden for the whole version."""
    vc = VersionComments(version, sentences)
    return {i: frozenset(vc.rules_on(i)) for i in vc.hidden()}, vc.whole_rules()


class Comments:
    """The suppression comments of every version of one comparison, and what each hides."""

    def __init__(self, versions: Sequence[Version], sentences: Sequence[Sequence[Sentence]]) -> None:
        self.of = {v.id: VersionComments(v, sentences[n]) for n, v in enumerate(versions)}

    def hiding(self, finding: Finding) -> list[tuple[str, Directive]]:
        """(version, comment) for each comment that hides this finding's rule on one of its evidence
        sentences; none for a finding about the review itself (``rules.Rule.source == "review"``)."""
        if RULES[finding.rule].source == "review":
            return []
        out: list[tuple[str, Directive]] = []
        for e in finding.evidence:
            vc = self.of.get(e.version)
            if vc is not None:
                out += [(e.version, d) for d in vc.hiding(e.sentence, {finding.rule})]
        return list(dict.fromkeys(out))
