"""The judge's verdict on one compared pair: what the edit does to the facts, how likely, how severe,
and why in words.

Kinds:
- ``contradicts``: the new text states something the old one contradicts (a number, a name, an
  opposite, a negation, another kind of thing);
- ``unsupported-addition``: the new text adds a claim that the story does not support;
- ``dropped-fact``: the new text leaves out content of the old one (SummEdits counts this as
  keeping the facts; for an editor it is an omission, reported at info);
- ``rewording``: the facts are kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from factcheck.judge.edit import EditSet

KINDS = ("contradicts", "unsupported-addition", "dropped-fact", "rewording")


@dataclass(frozen=True)
class Support:
    """A sentence of the story retrieved for the new text; NLI scores when they were run."""

    index: int
    where: str
    text: str
    entailment: float | None = None
    contradiction: float | None = None


@dataclass(frozen=True)
class Verdict:
    """``probability``: calibrated P(the edit changes a fact), the two outcomes held at even odds (for
    a dropped sentence, the share of its content words that the story does not restate);
    ``severity``: error, warning or info, from thresholds calibrated on held-out data;
    ``reasons``: the most telling first, in words taken from the texts; ``variant``: the model
    variant that judged (pair, story, added or removed); ``contributions``: each feature's part in
    the score (positive: towards a fact change); ``in_domain`` False when the texts differ more than
    (almost) any pair the model was trained on: then only the targeted checks' findings make it a
    contradiction."""

    kind: str
    probability: float
    severity: str
    reasons: tuple[str, ...]
    edits: EditSet = field(repr=False)
    variant: str = "pair"
    features: Mapping[str, float] = field(default_factory=dict, repr=False)
    contributions: Mapping[str, float] = field(default_factory=dict, repr=False)
    support: tuple[Support, ...] = ()
    in_domain: bool = True  # False: the two texts differ more than the edits the model learned from

    @property
    def changes_facts(self) -> bool:
        """True for a contradiction or an unsupported addition."""
        return self.kind in ("contradicts", "unsupported-addition")

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "probability": round(self.probability, 4), "severity": self.severity,
                "reasons": list(self.reasons), "variant": self.variant, "in_domain": self.in_domain,
                "changes": [{"op": c.op, "kind": c.kind, "old": c.old, "new": c.new,
                             "relations": [[p.old, p.new, p.relation.kind] for p in c.pairs]}
                            for c in self.edits.changes],
                "support": [{"where": s.where, "text": s.text, "entailment": s.entailment,
                             "contradiction": s.contradiction} for s in self.support]}
