"""What a check sees: the versions, their sentences and the slots."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.align.grouping import AlignedGroup
from factcheck.findings import Evidence
from factcheck.segment import Sentence
from factcheck.versions import Version


@dataclass(frozen=True)
class CheckContext:
    versions: list[Version]
    sentences: list[list[Sentence]]
    groups: list[AlignedGroup]

    def evidence(self, s: Sentence) -> Evidence:
        v = self.versions[s.version]
        return Evidence.of(v.id, v.path, s)

    def group_of(self, s: Sentence) -> int | None:
        for g in self.groups:
            if s.index in g.members[s.version]:
                return g.id
        return None
