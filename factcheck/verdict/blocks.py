"""A run of sentences that some versions lack is one finding that names the block.

An update often adds or cuts several paragraphs at once, and a page may append a box (an explainer
on another subject, a panel, a newsletter sign-up) with no markup to tell it apart. Reported one
sentence at a time, a box of 48 sentences is 48 warnings. Here the statement check's findings (FC110,
FC111) about sentences that stand next to each other in the versions that have them, and that the
same versions lack, become one finding with every sentence as its evidence:

- FC111 (a warning, as its sentences' were) when one of them carries facts the other versions do
  not give, naming those facts;
- FC110 (info) when none does, or when the block shares little with the rest of the story: its
  sentences are, on average, no closer than ``OFF_TOPIC`` (cosine) to the nearest sentence of the
  story outside the block, and it names nothing the story names. An appended box about something
  else is not a fact of this story.

The sentences a story finding took in (a toll moved to the new lede) are not part of a block; a
correction notice (FC112) stands alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from factcheck.findings.finding import Finding
from factcheck.findings.rules import Severity
from factcheck.slots.context import CheckContext, names
from factcheck.slots.slot import PARTIAL
from factcheck.text.content import carried

# fewest sentences a block has
MIN_SENTENCES = 2
BLOCK_RULES = ("FC110", "FC111")


def _key(ctx: CheckContext, f: Finding) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """(the versions that have the finding's sentences, earlier first; those that lack them) for a finding
    that can join a block; None otherwise."""
    if f.rule not in BLOCK_RULES or f.group is None or ctx.slots[f.group].status != PARTIAL:
        return None
    members = ctx.slots[f.group].members
    present = tuple(sorted((v for v, idx in enumerate(members) if idx), key=lambda v: ctx.versions[v].sort_key))
    absent = tuple(sorted((v for v, idx in enumerate(members) if not idx), key=lambda v: ctx.versions[v].sort_key))
    return (present, absent) if present and absent else None


def _span(ctx: CheckContext, f: Finding, version: int) -> tuple[int, int]:
    idx = ctx.slots[f.group].members[version] if f.group is not None else ()
    return min(idx), max(idx)


def _next_to(ctx: CheckContext, a: Finding, b: Finding, present: tuple[int, ...]) -> bool:
    """Whether ``b``'s sentences follow ``a``'s directly in every version that has them."""
    return all(_span(ctx, b, v)[0] == _span(ctx, a, v)[1] + 1 for v in present)


def fold_blocks(findings: Sequence[Finding], ctx: CheckContext, off_topic: float) -> list[Finding]:
    """The findings with each run of at least MIN_SENTENCES sentences that the same versions lack, next
    to each other in every version that has them, folded into one block finding."""
    candidates: dict[tuple[tuple[int, ...], tuple[int, ...]], list[Finding]] = {}
    for f in findings:
        key = _key(ctx, f)
        if key is not None:
            candidates.setdefault(key, []).append(f)
    replaced: dict[int, Finding | None] = {}
    for (present, absent), found in candidates.items():
        version = present[0]
        found.sort(key=lambda f: _span(ctx, f, version))
        run: list[Finding] = []
        for f in found:
            if run and not _next_to(ctx, run[-1], f, present):
                _close(ctx, run, version, absent, off_topic, replaced)
                run = []
            run.append(f)
        _close(ctx, run, version, absent, off_topic, replaced)
    out = []
    for f in findings:
        if id(f) not in replaced:
            out.append(f)
        elif replaced[id(f)] is not None:
            out.append(replaced[id(f)])  # type: ignore[arg-type]
    return out


def _close(ctx: CheckContext, run: list[Finding], version: int, absent: tuple[int, ...], off_topic: float,
           replaced: dict[int, Finding | None]) -> None:
    sents = [ctx.sentences[version][i] for f in run for i in ctx.slots[f.group].members[version]]  # type: ignore[index]
    if len(sents) < MIN_SENTENCES:
        return
    block = _block(ctx, run, sents, version, absent, off_topic)
    replaced[id(run[0])] = block
    for f in run[1:]:
        replaced[id(f)] = None


def topicality(ctx: CheckContext, sents: Sequence, version: int) -> float:
    """How close the block is to the rest of its version: the mean, over its sentences, of the cosine to
    the nearest sentence outside it (1.0 without embeddings, or with nothing outside it)."""
    if ctx.embeddings is None:
        return 1.0
    inside = {s.index for s in sents}
    outside = [i for i in range(len(ctx.sentences[version])) if i not in inside]
    if not outside:
        return 1.0
    vectors = ctx.embeddings[version]
    sims = vectors[sorted(inside)] @ vectors[outside].T
    return float(np.mean(sims.max(axis=1)))


def _names_elsewhere(ctx: CheckContext, sents: Sequence, version: int) -> bool:
    """Whether the block names someone or something the rest of the story names."""
    inside = {s.index for s in sents}
    named = {n.casefold() for s in sents for n in carried(s.norm).names}
    if not named:
        return False
    rest = " ".join(s.norm for s in ctx.sentences[version] if s.index not in inside).casefold()
    return any(n in rest for n in named)


def _block(ctx: CheckContext, run: list[Finding], sents: list, version: int, absent: tuple[int, ...],
           off_topic: float) -> Finding:
    have = [ctx.versions[v].id for v, idx in enumerate(ctx.slots[run[0].group].members) if idx]  # type: ignore[index]
    lacking = names([ctx.versions[v].id for v in absent], joiner=" and ")
    lines = sorted({s.line for s in sents} | {s.end_line for s in sents})
    where = f"{len(sents)} sentences in a row (lines {lines[0]}-{lines[-1]} of {ctx.versions[version].id})"
    close = topicality(ctx, sents, version)
    facts: dict[str, list[str]] = {}
    for f in run:
        for key, found in (f.scores.get("new") or {}).items():
            facts.setdefault(key, [])
            facts[key] += [x for x in found if x not in facts[key]]
    new = [f for f in run if f.rule == "FC111"]
    scores = {"present": have, "absent": [ctx.versions[v].id for v in absent], "block": len(sents),
              "lines": [lines[0], lines[-1]], "topicality": round(close, 3), "new": facts}
    related = [r for f in run for r in f.related]
    evidence = [e for f in run for e in f.evidence]
    lead = f"Only in {names(have)}; not in {lacking}: {where}"
    if new and close < off_topic and not _names_elsewhere(ctx, sents, version):
        message = (f"{lead}, a block that shares little with the rest of the story (an appended box, a panel "
                   f"or a sign-up?); its nearest sentences elsewhere are {close:.0%} alike.")
        return Finding("FC110", message, run[0].group, evidence, {**scores, "off_topic": True},
                       related=related, subject=run[0].subject, severity=Severity.INFO)
    if new:
        said = _facts(facts)
        untold = sum(1 for f in new if not f.scores.get("new"))
        parts = [f"it gives {said}, which {lacking} never give{'s' if len(absent) == 1 else ''}"] if said else []
        if untold:
            parts.append(f"{untold} of its sentences {'says' if untold == 1 else 'say'} what {lacking} "
                         f"{'does' if len(absent) == 1 else 'do'} not say anywhere")
        level = max((f.sev for f in new), key=lambda s: s.rank)
        return Finding("FC111", f"{lead}: {'; '.join(parts)}.", run[0].group, evidence, scores, related=related,
                       subject=run[0].subject, severity=level)
    return Finding("FC110", f"{lead}: {lacking} {'says' if len(absent) == 1 else 'say'} much the same elsewhere "
                   "or it is furniture.", run[0].group, evidence, scores, related=related, subject=run[0].subject,
                   severity=Severity.INFO)


def _facts(found: dict[str, list[str]]) -> str:
    parts = []
    for key, what in (("figures", "figure"), ("names", "name")):
        if found.get(key):
            parts.append(f"the {what}{'s' if len(found[key]) > 1 else ''} " +
                         ", ".join(f'"{x}"' for x in found[key][:4]) + (" ..." if len(found[key]) > 4 else ""))
    if found.get("quotes"):
        parts.append("quotations" if len(found["quotes"]) > 1 else "a quotation")
    return "; ".join(parts)
