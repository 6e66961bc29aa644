"""What a check sees: the versions, their sentences and the slots."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.align.grouping import AlignedGroup
from factcheck.findings import Evidence
from factcheck.normalize import match_key
from factcheck.segment import Sentence
from factcheck.versions import Version


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

    def evidence(self, s: Sentence) -> Evidence:
        v = self.versions[s.version]
        return Evidence.of(v.id, v.path, s)

    def copies(self, s: Sentence) -> list[str]:
        """Ids of the other versions that have the same sentence (same normalised text) in its slot."""
        gid = self.group_of(s)
        if gid is None:
            return []
        key = match_key(s.text)
        g = self.groups[gid]
        return [self.versions[v].id for v, idx in enumerate(g.members)
                if v != s.version and any(match_key(self.sentences[v][i].text) == key for i in idx)]

    def variant_versions(self, g: AlignedGroup) -> list[list[int]]:
        """The versions of a slot grouped by identical text, each group ordered by version name (so the
        first, which stands for the group, does not depend on the order the versions were given in)."""
        by_text: dict[str, list[int]] = {}
        for v, idx in enumerate(g.members):
            if idx:
                by_text.setdefault(match_key(" ".join(self.sentences[v][i].text for i in idx)), []).append(v)
        return [sorted(vs, key=lambda v: self.versions[v].id) for vs in by_text.values()]

    def label(self, versions: list[int]) -> str:
        """``a.txt``, or ``a.txt (and 3 other versions with the same text)``."""
        first = self.versions[versions[0]].id
        rest = len(versions) - 1
        return first if not rest else f"{first} (and {rest} other version{'s' if rest > 1 else ''} with the same text)"

    def group_of(self, s: Sentence) -> int | None:
        for g in self.groups:
            if s.index in g.members[s.version]:
                return g.id
        return None
