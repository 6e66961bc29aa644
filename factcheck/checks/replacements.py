"""Findings for words of one text replaced by others in another text of the same slot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factcheck.findings.finding import Finding
from factcheck.slots.context import CheckContext
from factcheck.slots.slot import SlotTexts


def replacement_finding(ctx: CheckContext, rule: str, what: str, group: int, texts: SlotTexts, a: int, b: int,
                        pairs: list[tuple[str, str]], scores: dict[str, Any],
                        about: frozenset[str] | None = None) -> Finding:
    """``what: "x" in A but "y" in B; ...`` for words of text ``a`` replaced by others in text ``b``;
    ``about`` defaults to the words of every pair."""
    listing = "; ".join(f'"{x}" in {texts.labels[a]} but "{y}" in {texts.labels[b]}' for x, y in pairs)
    return Finding(rule, f"{what}: {listing}.", group, ctx.slot_evidence(texts, a, b), scores,
                   about=Finding.words(*(w for pair in pairs for w in pair)) if about is None else about)


Pairs = list[tuple[str, str]]


def replacements(ctx: CheckContext, rule: str, what: str, detect: Callable[[str, str], Pairs],
                 scores: Callable[[Pairs, str, str], dict[str, Any]]) -> list[Finding]:
    """One ``replacement_finding`` for each pair of distinct texts of each changed slot in which
    ``detect(text a, text b)`` finds words replaced; ``scores(pairs, id of a, id of b)`` gives its scores."""
    out = []
    for g, texts in ctx.changed_slots():
        for a, b in texts.pairs():
            found = detect(texts.text(a), texts.text(b))
            if found:
                out.append(replacement_finding(ctx, rule, what, g.id, texts, a, b, found,
                                               scores(found, ctx.versions[a].id, ctx.versions[b].id)))
    return out
