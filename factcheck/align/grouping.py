"""Group links into slots across all versions.

Links are joined greedily, best first, with a union-find. A link is refused when
it would put two sentences of one version into a slot without their being
neighbours (a slot holds one sentence, or a run of consecutive sentences, from
each version). Every sentence ends up in exactly one slot.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from factcheck.align.candidates import Link
from factcheck.inputs.segment import Sentence
from factcheck.text.normalize import match_key


@dataclass(frozen=True)
class AlignedGroup:
    """One statement slot: for each version, the indices of its sentences in the slot (maybe none)."""

    id: int
    members: tuple[tuple[int, ...], ...]  # indexed by version

    @property
    def versions(self) -> list[int]:
        return [v for v, idx in enumerate(self.members) if idx]

    def keys(self) -> list[tuple[int, int]]:
        return [(v, i) for v, idx in enumerate(self.members) for i in idx]


def _contiguous(indices: Iterable[int]) -> bool:
    s = sorted(indices)
    return all(b == a + 1 for a, b in itertools.pairwise(s))


class _Groups:
    def __init__(self) -> None:
        self.parent: dict[tuple[int, int], tuple[int, int]] = {}
        self.items: dict[tuple[int, int], list[tuple[int, int]]] = {}

    def find(self, x: tuple[int, int]) -> tuple[int, int]:
        if x not in self.parent:
            self.parent[x] = x
            self.items[x] = [x]
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def try_union(self, a: tuple[int, int], b: tuple[int, int]) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        merged = self.items[ra] + self.items[rb]
        per_version: dict[int, list[int]] = {}
        for v, i in merged:
            per_version.setdefault(v, []).append(i)
        if not all(_contiguous(idx) for idx in per_version.values()):
            return False
        self.parent[rb] = ra
        self.items[ra] = merged
        del self.items[rb]
        return True


def group_links(sentence_counts: Sequence[int], links: Iterable[Link],
                names: Sequence[str] | None = None) -> list[AlignedGroup]:
    """Slots from links, strongest first; sorted by their mean relative position across versions.

    Ties between equally strong links are broken by the versions' ``names`` (not their order in
    the input), so that the slots do not depend on the order in which the versions were given.
    """
    groups = _Groups()
    for v, n in enumerate(sentence_counts):
        for i in range(n):
            groups.find((v, i))
    label = list(names) if names is not None else [f"{v:09d}" for v in range(len(sentence_counts))]

    def key(k: Link) -> tuple[float, tuple[str, int], tuple[str, int]]:
        ends = sorted([(label[k.a[0]], k.a[1]), (label[k.b[0]], k.b[1])])
        return (-k.score, ends[0], ends[1])

    for link in sorted(links, key=key):
        groups.try_union(link.a, link.b)
    slots = []
    for members in groups.items.values():
        per = [tuple(sorted(i for v, i in members if v == ver)) for ver in range(len(sentence_counts))]
        slots.append(per)

    def position(per: list[tuple[int, ...]]) -> tuple[float, int, int]:
        rel = [idx[0] / max(1, sentence_counts[v]) for v, idx in enumerate(per) if idx]
        first = next(v for v, idx in enumerate(per) if idx)
        return (sum(rel) / len(rel), first, per[first][0])

    slots.sort(key=position)
    return [AlignedGroup(id=n, members=tuple(per)) for n, per in enumerate(slots)]


def slot_variants(sentences: Sequence[Sequence[Sentence]], g: AlignedGroup) -> list[tuple[Sentence, ...]]:
    """The distinct texts of a slot, in version order, one entry per distinct text."""
    seen: dict[str, tuple[Sentence, ...]] = {}
    for v, idx in enumerate(g.members):
        if idx:
            sents = tuple(sentences[v][i] for i in idx)
            seen.setdefault(match_key(" ".join(s.text for s in sents)), sents)
    return list(seen.values())
