"""What a check sees: the versions, their sentences, their embeddings and the slots (each computed once)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from factcheck.align.grouping import AlignedGroup
from factcheck.align.similarity import first_k
from factcheck.findings.finding import Evidence
from factcheck.inputs.segment import Sentence
from factcheck.inputs.versions import Version
from factcheck.models.config import THRESHOLDS
from factcheck.slots.slot import Slot, SlotTexts, and_others, build_slots
from factcheck.text.furniture import furniture_blocks
from factcheck.text.normalize import match_key


def names(ids: list[str], limit: int = 4, joiner: str = ", ") -> str:
    """``a, b, c`` or ``a, b, c, d and 12 more``: messages stay short with many versions."""
    if len(ids) <= limit:
        return joiner.join(ids)
    return f"{', '.join(ids[:limit])} and {len(ids) - limit} more"


@dataclass(frozen=True)
class CheckContext:
    versions: list[Version]
    sentences: list[list[Sentence]]
    groups: list[AlignedGroup]
    # one row per sentence of each version (unit vectors); None when the caller has none
    embeddings: list[np.ndarray] | None = None
    # every threshold of the run (``models.config.THRESHOLDS`` with the models file's and the settings')
    thresholds: Mapping[str, float] = field(default_factory=lambda: dict(THRESHOLDS))

    def nearest(self, s: Sentence, version: int, k: int = 2) -> list[Sentence]:
        """The ``k`` sentences of ``version`` most similar to ``s`` (by embedding; by shared words without)."""
        pool = self.sentences[version]
        if not pool:
            return []
        if self.embeddings is not None and len(self.embeddings[version]) == len(pool):
            sims = self.embeddings[version] @ self.embeddings[s.version][s.index]
            order = [int(i) for i in first_k(-sims, k)]
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
        for slot in self.slots:
            if slot.texts is not None:
                yield slot.group, slot.texts

    def named(self, s: Sentence) -> tuple[str, list[str]]:
        """The sentence's version id, saying how many other versions have the same sentence in its
        slot, and those versions' ids."""
        gid = self.group_of(s)
        key = match_key(s.text)
        copies = [] if gid is None else [
            self.versions[v].id for v, idx in enumerate(self.groups[gid].members)
            if v != s.version and any(match_key(self.sentences[v][i].text) == key for i in idx)]
        return and_others(self.versions[s.version].id, len(copies), "sentence"), copies

    @cached_property
    def slots(self) -> list[Slot]:
        """Every slot with its status and distinct texts, computed once."""
        return build_slots(self.versions, self.sentences, self.groups)

    @cached_property
    def furniture(self) -> frozenset[tuple[int, int]]:
        """The sentences (keys) in a block of page furniture (``text.furniture.furniture_blocks``)."""
        out: set[tuple[int, int]] = set()
        for sents in self.sentences:
            paras: dict[int, list[Sentence]] = {}
            for s in sents:
                paras.setdefault(s.paragraph, []).append(s)
            order = sorted(paras)
            for k in furniture_blocks([" ".join(s.norm for s in paras[p]) for p in order]):
                out.update(s.key for s in paras[order[k]])
        return frozenset(out)

    def slot_texts(self, g: AlignedGroup) -> SlotTexts | None:
        """The distinct texts of a slot in name order (``slots.slot``); None with fewer than two."""
        return self.slots[g.id].texts

    @cached_property
    def memo(self) -> dict[object, object]:
        """Values a check reads from whole versions, computed once per comparison (keyed by the check):
        read again for each slot, they would make a long page's cost grow with its square."""
        return {}

    @cached_property
    def _slot_of(self) -> dict[tuple[int, int], int]:
        return {k: g.id for g in self.groups for k in g.keys()}

    def group_of(self, s: Sentence) -> int | None:
        return self._slot_of.get(s.key)
