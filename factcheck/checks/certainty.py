"""Certainty and modality (FC230) and negation (FC231) that differ within a slot.

"Confirmed the one-off deal" against "confirmed the possible deal", "will take"
against "may take", or a negation present in one version only.
"""

from __future__ import annotations

import re

from factcheck.align.grouping import AlignedGroup
from factcheck.checks.context import CheckContext
from factcheck.findings import Finding
from factcheck.segment import Sentence

HEDGES = ("possible", "possibly", "potential", "potentially", "may", "might", "could", "perhaps",
          "reportedly", "allegedly", "likely", "unlikely", "proposed", "considering", "consider",
          "expected to", "plans to", "planned", "hopes to", "would consider", "tentative", "apparently",
          "understood to", "believed to", "rumoured", "rumored")
NEGATIONS = ("not", "n't", "never", "no", "neither", "nor", "without")
_HEDGE = re.compile(r"\b(" + "|".join(re.escape(h) for h in HEDGES) + r")\b", re.IGNORECASE)
_NEG = re.compile(r"\b(not|never|no|neither|nor|without)\b|n't\b", re.IGNORECASE)


def hedges(text: str) -> list[str]:
    return sorted({m.group(1).lower() for m in _HEDGE.finditer(_unquoted(text))})


def negations(text: str) -> int:
    return len(_NEG.findall(_unquoted(text)))


def _unquoted(text: str) -> str:
    # quoted speech is checked word for word elsewhere; hedges in it are the speaker's
    return re.sub(r'"[^"]*"', " ", text)


def check_certainty(ctx: CheckContext) -> list[Finding]:
    out = []
    for g in ctx.groups:
        present = [(v, " ".join(ctx.sentences[v][i].norm for i in idx)) for v, idx in enumerate(g.members) if idx]
        if len(present) < 2:
            continue
        marks = {v: (hedges(t), negations(t)) for v, t in present}
        hedged = [v for v, (h, _) in marks.items() if h]
        plain = [v for v, (h, _) in marks.items() if not h]
        neg_counts = {n for _, n in marks.values()}

        def first(v: int, g: AlignedGroup = g) -> Sentence:
            return ctx.sentences[v][g.members[v][0]]

        if hedged and plain:
            h = hedged[0]
            words = ", ".join(f'"{w}"' for w in marks[h][0])
            vid = lambda v: ctx.versions[v].id  # noqa: E731
            message = (f"{', '.join(vid(v) for v in hedged)} hedge{'s' if len(hedged) == 1 else ''} this "
                       f"statement ({words}) where {', '.join(vid(v) for v in plain)} state"
                       f"{'s' if len(plain) == 1 else ''} it as settled.")
            out.append(Finding("FC230", message, g.id, [ctx.evidence(first(v)) for v in hedged + plain],
                               {"hedges": {vid(v): marks[v][0] for v in marks}}))
        if len(neg_counts) > 1 and min(neg_counts) == 0:
            vs = sorted(marks, key=lambda v: -marks[v][1])
            message = ("A negation appears in " + ", ".join(ctx.versions[v].id for v in vs if marks[v][1]) +
                       " but not in " + ", ".join(ctx.versions[v].id for v in vs if not marks[v][1]) +
                       ": one version denies what the other states.")
            out.append(Finding("FC231", message, g.id, [ctx.evidence(first(v)) for v in vs],
                               {"negations": {ctx.versions[v].id: marks[v][1] for v in marks}},
                               subject=ctx.versions[vs[0]].id))
    return out
