"""Where a finding is shown: its primary place, then the other places, for every format alike.

The primary place is the version whose text departs from the others: reading the versions oldest first,
the first one whose text differs from the oldest's (the one that brought the new value in), or the
version the finding is about (``Finding.subject``: a misspelling's, a cut-off sentence's) where its text
is one that departs. A change made
in web.txt and undone in update.txt is at web.txt; a change made in web.txt and kept in update.txt is at
web.txt too, update.txt a related place; of two versions, the later one. Where the finding names what
changed (``Finding.about``), only those words are compared, so an unrelated edit of the same sentence
does not move it. A sentence some versions lack (an ``absence`` rule) departs where it comes in; one
that goes is shown at the last version that has it. Two exceptions: versions from git history are shown
in the working-tree file where it has evidence (the draft under review: the other versions are at other
commits of the same path), and a finding about one version (``Finding.subject``) whose evidence lies
outside its slot (a gloss and the names elsewhere it is checked against), or an inconsistency inside one
version (a ``within`` rule), at that version.

The other places are the rest of the evidence, oldest first, then each version of the slot that has
the same text as one of them (``same_as``), which the evidence names only once ("and 1 other version
with the same text"). Nothing here changes what the findings are: their rule, message and evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from factcheck.findings.finding import Evidence, Finding
from factcheck.findings.rules import RULES
from factcheck.text.normalize import match_key


@dataclass(frozen=True)
class Place:
    """One place of a finding: ``role`` "primary", "evidence" or "same text" (``same_as`` then names the
    version whose text it repeats)."""

    evidence: Evidence
    role: str
    same_as: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {**self.evidence.to_dict(), "role": self.role}
        if self.same_as is not None:
            out["same_as"] = self.same_as
        return out


def places(f: Finding, versions: Sequence[Any], sentences: Sequence[Sequence[Any]],
           members: Sequence[Sequence[int]] | None) -> list[Place]:
    """The finding's places, the primary first. ``versions``: the report's Versions; ``sentences``: each
    version's Sentences; ``members``: the finding's slot (each version's sentence indexes), or None."""
    if not f.evidence:
        return []
    index = {v.id: n for n, v in enumerate(versions)}
    oldest_first = sorted(range(len(versions)), key=lambda n: versions[n].sort_key)
    rank = {versions[n].id: r for r, n in enumerate(oldest_first)}
    # oldest version first; a version's sentences as the finding gives them (its own first: a misspelling
    # before the right spelling elsewhere in that version)
    evidence = sorted(f.evidence, key=lambda e: rank.get(e.version, len(versions)))
    in_slot = members is not None and all(
        e.version in index and e.sentence in members[index[e.version]] for e in evidence)
    texts = _texts(evidence, versions, sentences, members if in_slot else None)
    first = _primary(f, evidence, [versions[n] for n in oldest_first], texts, in_slot)
    out = [Place(first, "primary")] + [Place(e, "evidence") for e in evidence if e is not first]
    if in_slot and members is not None:
        shown = {e.version for e in evidence}
        for n in oldest_first:
            vid = versions[n].id
            if vid in shown or texts.get(vid) is None:
                continue
            twin = next((p.evidence.version for p in out if texts.get(p.evidence.version) == texts[vid]), None)
            if twin is not None:
                out += [Place(Evidence.of(vid, versions[n].path, sentences[n][i]), "same text", twin)
                        for i in members[n]]
    return out


def _texts(evidence: Sequence[Evidence], versions: Sequence[Any], sentences: Sequence[Sequence[Any]],
           members: Sequence[Sequence[int]] | None) -> dict[str, str | None]:
    """What each version says where the finding is: its text in the slot (None where it lacks the slot), or
    for a finding whose evidence lies elsewhere, its evidence (versions without any are left out)."""
    if members is not None:
        return {v.id: " ".join(sentences[n][i].text for i in members[n]) if members[n] else None
                for n, v in enumerate(versions)}
    out: dict[str, str | None] = {}
    for e in evidence:
        out[e.version] = f"{out[e.version]} {e.text}" if out.get(e.version) else e.text
    return out


def _primary(f: Finding, evidence: list[Evidence], oldest_first: Sequence[Any],
             texts: dict[str, str | None], in_slot: bool) -> Evidence:
    """The primary place (see the module's doc); ``evidence`` oldest version first; ``in_slot``: all of it
    lies in the finding's slot (else a finding about one version is shown there)."""
    def at(vid: str) -> Evidence | None:
        return next((e for e in evidence if e.version == vid), None)

    from_git = {v.id for v in oldest_first if v.revision}
    on_disk = [e for e in evidence if e.version not in from_git]
    if from_git and on_disk:
        return at(on_disk[-1].version) or on_disk[-1]
    rule = RULES.get(f.rule)
    mine = at(f.subject) if f.subject is not None else None
    if mine is not None and (not in_slot or (rule is not None and rule.within)):
        return mine
    absence = rule is not None and rule.absence
    ordered = [v.id for v in oldest_first if v.id in texts and (absence or texts[v.id] is not None)]
    keys: list[Callable[[str], object]] = []
    if f.about:
        keys.append(lambda t: tuple(w for w in re.findall(r"\w+", t.casefold()) if w in f.about))
    keys.append(match_key)
    for key in keys:
        values = [None if texts[vid] is None else key(texts[vid] or "") for vid in ordered]
        departing = [vid for vid, value in zip(ordered[1:], values[1:], strict=True)
                     if value != values[0] and at(vid) is not None]
        if departing:   # the version the finding is about, where it is one of them; else the first
            return mine if mine is not None and f.subject in departing else at(departing[0]) or evidence[-1]
    if mine is not None:
        return mine
    return at(evidence[-1].version) or evidence[-1]
