"""A slot and what changed in it, computed once per run: its distinct texts in one order (the versions'
names), its status and the pairs of texts to compare.

A slot (``align.AlignedGroup``) holds one statement's sentences in each version that has it. Its
distinct texts are told apart by ``match_key`` of what is checked (``Sentence.norm``: case, quotation
marks, white space, comments and markup aside); each
is stood for by the first version by name that has it, so that nothing depends on the order in
which the versions were given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from factcheck.align.grouping import AlignedGroup
from factcheck.inputs.segment import Sentence
from factcheck.inputs.versions import Version
from factcheck.text.normalize import match_key

IDENTICAL, CHANGED, PARTIAL = "identical", "changed", "partial"


def and_others(first: str, others: int, what: str) -> str:
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
class Slot:
    """One slot: its members per version, its ``status`` (identical in every version, changed, or
    partial: some version lacks it) and, with two distinct texts or more, those ``texts``."""

    group: AlignedGroup
    status: str
    texts: SlotTexts | None

    @property
    def id(self) -> int:
        return self.group.id

    @property
    def members(self) -> tuple[tuple[int, ...], ...]:
        return self.group.members

    @property
    def variants(self) -> list[tuple[Sentence, ...]]:
        """The sentences of each distinct text, in the order of ``texts`` (one entry when identical)."""
        if self.texts is None:
            return []
        return [tuple(self.texts.sents[v]) for v in self.texts.reps]


def slot_texts(versions: Sequence[Version], sentences: Sequence[Sequence[Sentence]],
               g: AlignedGroup) -> SlotTexts | None:
    """The distinct texts of a slot, each stood for by one version (the first by name); None with
    fewer than two."""
    by_text: dict[str, list[int]] = {}
    for v, idx in enumerate(g.members):
        if idx:
            by_text.setdefault(match_key(" ".join(sentences[v][i].norm for i in idx)), []).append(v)
    if len(by_text) < 2:
        return None
    groups = sorted((sorted(vs, key=lambda v: versions[v].sort_key) for vs in by_text.values()),
                    key=lambda vs: versions[vs[0]].sort_key)
    labels = {vs[0]: and_others(versions[vs[0]].id, len(vs) - 1, "text") for vs in groups}
    return SlotTexts([vs[0] for vs in groups], labels, {vs[0]: [sentences[vs[0]][i] for i in g.members[vs[0]]]
                                                        for vs in groups})


def build_slots(versions: Sequence[Version], sentences: Sequence[Sequence[Sentence]],
                groups: Sequence[AlignedGroup]) -> list[Slot]:
    """Every slot with its status and distinct texts."""
    out = []
    for g in groups:
        texts = slot_texts(versions, sentences, g)
        status = PARTIAL if len(g.versions) < len(versions) else CHANGED if texts is not None else IDENTICAL
        out.append(Slot(g, status, texts))
    return out
