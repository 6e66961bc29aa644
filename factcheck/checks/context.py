"""What a check sees: the versions, their sentences and the slots."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from factcheck.align.grouping import AlignedGroup
from factcheck.findings import Evidence, Finding
from factcheck.normalize import match_key
from factcheck.segment import Sentence
from factcheck.versions import Version


def names(ids: list[str], limit: int = 4, joiner: str = ", ") -> str:
    """``a, b, c`` or ``a, b, c, d and 12 more``: messages stay short with many versions."""
    if len(ids) <= limit:
        return joiner.join(ids)
    return f"{', '.join(ids[:limit])} and {len(ids) - limit} more"


def _and_others(first: str, others: int, what: str) -> str:
    """``a.txt``, or ``a.txt (and 3 other versions with the same text)``."""
    if not others:
        return first
    return f"{first} (and {others} other version{'s' if others > 1 else ''} with the same {what})"


@dataclass(frozen=True)
class SlotTexts:
    """A slot's distinct texts: ``reps`` (one version each), their ``labels`` and ``sents``."""

    reps: list[int]
    labels: dict[int, str]
    sents: dict[int, list[Sentence]]

    def pairs(self) -> list[tuple[int, int]]:
        """Every pair of distinct texts, once."""
        return [(a, b) for n, a in enumerate(self.reps) for b in self.reps[n + 1:]]

    def text(self, v: int) -> str:
        """The normalised text of version ``v`` in this slot, its sentences joined."""
        return " ".join(s.norm for s in self.sents[v])


@dataclass(frozen=True)
class CheckContext:
    versions: list[Version]
    sentences: list[list[Sentence]]
    groups: list[AlignedGroup]
    # one row per sentence of each version (unit vectors); None when the caller has none
    embeddings: list[np.ndarray] | None = None

    def nearest(self, s: Sentence, version: int, k: int = 2) -> list[Sentence]:
        """The ``k`` sentences of ``version`` most similar to ``s`` (by embedding; by shared words without)."""
        pool = self.sentences[version]
        if not pool:
            return []
        if self.embeddings is not None and len(self.embeddings[version]) == len(pool):
            sims = self.embeddings[version] @ self.embeddings[s.version][s.index]
            order = [int(i) for i in np.argsort(-sims, kind="stable")[:k]]
        else:
            words = set(match_key(s.text).split())
            order = sorted(range(len(pool)), key=lambda i: -len(words & set(match_key(pool[i].text).split())))[:k]
        return [pool[i] for i in order]

    def evidence(self, s: Sentence) -> Evidence:
        v = self.versions[s.version]
        return Evidence.of(v.id, v.path, s)

    def slot_evidence(self, texts: SlotTexts, *versions: int) -> list[Evidence]:
        """Evidence for every sentence the given versions have in a slot."""
        return [self.evidence(s) for v in versions for s in texts.sents[v]]

    def changed_slots(self) -> Iterator[tuple[AlignedGroup, SlotTexts]]:
        """Each slot with two distinct texts or more, with those texts."""
        for g in self.groups:
            texts = self.slot_texts(g)
            if texts is not None:
                yield g, texts

    def named(self, s: Sentence) -> tuple[str, list[str]]:
        """The sentence's version id, saying how many other versions have the same sentence in its
        slot, and those versions' ids."""
        gid = self.group_of(s)
        key = match_key(s.text)
        copies = [] if gid is None else [
            self.versions[v].id for v, idx in enumerate(self.groups[gid].members)
            if v != s.version and any(match_key(self.sentences[v][i].text) == key for i in idx)]
        return _and_others(self.versions[s.version].id, len(copies), "sentence"), copies

    def slot_texts(self, g: AlignedGroup) -> SlotTexts | None:
        """The distinct texts of a slot, each stood for by one version (the first by name, so the
        choice does not depend on the order the versions were given in); None with fewer than two."""
        by_text: dict[str, list[int]] = {}
        for v, idx in enumerate(g.members):
            if idx:
                by_text.setdefault(match_key(" ".join(self.sentences[v][i].text for i in idx)), []).append(v)
        if len(by_text) < 2:
            return None
        groups = sorted((sorted(vs, key=lambda v: self.versions[v].id) for vs in by_text.values()),
                        key=lambda vs: self.versions[vs[0]].id)  # texts in name order too: pairs do not
        # depend on the order the versions were given in
        labels = {vs[0]: _and_others(self.versions[vs[0]].id, len(vs) - 1, "text") for vs in groups}
        return SlotTexts([vs[0] for vs in groups], labels,
                         {vs[0]: [self.sentences[vs[0]][i] for i in g.members[vs[0]]] for vs in groups})

    @cached_property
    def _slot_of(self) -> dict[tuple[int, int], int]:
        return {k: g.id for g in self.groups for k in g.keys()}

    def group_of(self, s: Sentence) -> int | None:
        return self._slot_of.get(s.key)


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
