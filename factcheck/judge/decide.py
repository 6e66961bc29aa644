"""Judging edits: ``judge(old, new)`` for one pair, ``judge_many(requests, nli)`` for a batch with
one NLI call.

For one changed slot the caller gives the old and the new text; optionally the rest of the story
(``Story``: the other sentences of the versions, with their embeddings), the new text's embedding
(to retrieve the story sentences closest to it) and an NLI model (anything with
``predict(pairs) -> [scores with .entailment, .neutral, .contradiction]``). For a sentence that only
one version has, one side is empty: an added sentence is checked against the story (one NLI pair at
most), a removed one for whether the story restates it.

Judging is split in two pure steps, ``plan`` (the edit, its features, the NLI pairs it wants) and
``decide`` (the verdict, given those pairs' scores), so a caller can batch the NLI of many slots.

The story variant reads an edit with the rest of the story; where the story writes none of the words
the edit brings in, it has nothing to lower the edit's risk with, and an edit the pair variant warns
about keeps that reading (``_read_alone``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from factcheck.judge.edit import EditSet, extract_edits, local_clauses
from factcheck.judge.features import (
    SAFE_RELATIONS,
    NLIPairScores,
    nli_features,
    pair_features,
    support_features,
)
from factcheck.judge.model import JudgeModel, Variant, shipped_model
from factcheck.judge.reasons import change_rank, change_reason, check_reasons, nowhere_else, quote
from factcheck.judge.support import Story, found, retrieve, support_premise, word_support
from factcheck.judge.verdict import Support, Verdict


class NLILike(Protocol):
    def predict(self, pairs: Sequence[tuple[str, str]]) -> Any: ...


@dataclass(frozen=True)
class Request:
    """One compared pair. ``old`` or ``new`` may be empty (a sentence only one version has)."""

    old: str
    new: str
    story: Story | None = None
    new_embedding: np.ndarray | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Plan:
    request: Request
    variant: str
    edits: EditSet
    features: dict[str, float]
    nli_pairs: tuple[tuple[str, str], ...]  # the pair's own (fwd, bwd, local fwd, local bwd), then support
    pair_nli: int                           # how many of nli_pairs are the pair's own
    retrieved: tuple[int, ...]


def _variant_name(r: Request, min_story: int = 1) -> str:
    """Which variant reads a request. The story variant learned from whole source documents; a story
    smaller than the smallest of them (two versions of a two-sentence text) says too little for its
    support features, and the pair variant reads the edit instead."""
    if not r.old.strip() and not r.new.strip():
        return "pair"
    if not r.old.strip():
        return "added"
    if not r.new.strip():
        return "removed"
    return "story" if r.story is not None and r.story.size >= max(1, min_story) else "pair"


def _wants(v: Variant | None, prefix: str) -> bool:
    return v is not None and any(n.startswith(prefix) for n in v.features)


def plan(r: Request, model: JudgeModel | None = None) -> Plan:
    """The edit, its text features and the NLI pairs the model variant reads (none if it reads none)."""
    model = model or shipped_model()
    name = _variant_name(r, int(model.meta.get("min_story_sentences", 1)))
    variant = model.variants.get(name) if name != "removed" else None
    e = extract_edits(r.old, r.new)
    features = pair_features(r.old, r.new, e)
    if r.story is not None:
        features.update(support_features(e, r.story))
    pairs: list[tuple[str, str]] = []
    if name in ("pair", "story") and _wants(variant, "nli_"):
        pairs += [(r.old, r.new), (r.new, r.old)]
        local = local_clauses(e)
        if local is not None and all(local) and local != (r.old, r.new):
            pairs += [local, (local[1], local[0])]
    n_pair = len(pairs)
    retrieved: list[int] = []
    if r.story is not None and r.new_embedding is not None and r.new.strip():
        retrieved = retrieve(r.new_embedding, r.story, exclude=(r.old, r.new))
    adds_content = name == "added" or bool(e.added_words)
    if retrieved and adds_content and _wants(variant, "ctx_nli_") and r.story is not None:
        pairs.append((support_premise(retrieved, r.story), r.new))  # one NLI pair for support, at most
    return Plan(r, name, e, features, tuple(pairs), n_pair, tuple(retrieved))


def _triple(s: Any) -> tuple[float, float, float]:
    return (float(s.entailment), float(s.neutral), float(s.contradiction))


def decide(p: Plan, scores: Sequence[Any] = (), model: JudgeModel | None = None) -> Verdict:
    """The verdict for a plan, given the NLI scores of ``p.nli_pairs`` in order (empty if not run)."""
    model = model or shipped_model()
    features = dict(p.features)
    got = [_triple(s) for s in scores]
    if got and p.pair_nli:
        own = got[: p.pair_nli]
        features.update(nli_features(NLIPairScores(own[0], own[1], *(own[2:4] if len(own) == 4 else (None, None)))))
    support_scores = got[p.pair_nli] if len(got) > p.pair_nli else None
    if p.request.story is not None and support_scores is not None:
        features.update(support_features(p.edits, p.request.story, support_scores))
    support = _support(p, support_scores)
    if p.variant == "removed":
        return _removed(p, features, support)
    v = model.variant(p.variant)
    prob = v.probability(features)
    if p.variant == "story" and prob < v.thresholds["warning"] and _story_silent(features):
        v, prob = _read_alone(model, v, prob, features)
    contributions = v.contributions(features)
    if p.edits.changed_tokens > v.max_changed_tokens:
        return _rewritten(p, v, prob, features, contributions, support)
    kind = _kind(p, prob, v, features)
    severity = v.severity(prob) if kind in ("contradicts", "unsupported-addition") else "info"
    reasons = _reasons(p, kind, support)
    return Verdict(kind, prob, severity, reasons, p.edits, v.name, features, contributions, support)


def judge_many(requests: Sequence[Request], nli: NLILike | None = None,
               model: JudgeModel | None = None) -> list[Verdict]:
    """Verdicts for many pairs, with the NLI pairs of all of them scored in one ``nli.predict`` call."""
    model = model or shipped_model()
    plans = [plan(r, model) for r in requests]
    if nli is None:
        return [decide(pl, (), model) for pl in plans]
    wanted = [pair for pl in plans for pair in pl.nli_pairs]
    scores = list(nli.predict(wanted)) if wanted else []
    out, pos = [], 0
    for pl in plans:
        out.append(decide(pl, scores[pos:pos + len(pl.nli_pairs)], model))
        pos += len(pl.nli_pairs)
    return out


def judge(old: str, new: str, story: Story | None = None, nli: NLILike | None = None, *,
          new_embedding: np.ndarray | None = None, model: JudgeModel | None = None) -> Verdict:
    """The verdict on one pair: ``old`` -> ``new`` (either may be empty)."""
    return judge_many([Request(old, new, story, new_embedding)], nli, model)[0]


def _story_silent(features: dict[str, float]) -> bool:
    """Whether the rest of the story says none of what the edit brings in: words were added or swapped in,
    and not one of them is written elsewhere in the story (a word of the same kind, "implied", is no
    support: "green" is a colour as "yellow" is)."""
    return features.get("ctx_added_missing", 0.0) > 0 and features.get("ctx_added_found", 0.0) == 0 and \
        features.get("ctx_swap_new_found", 0.0) == 0


def _read_alone(model: JudgeModel, v: Variant, prob: float, features: dict[str, float]) -> tuple[Variant, float]:
    """A story that says nothing of the new words cannot make an edit safer than the edit read alone: the
    pair variant's reading where it warns ("yellow" -> "green" paint above an article that never names a
    colour), else the story variant's."""
    alone = model.variants.get("pair")
    if alone is None:
        return v, prob
    p_alone = alone.probability(features)
    return (alone, p_alone) if p_alone >= alone.thresholds["warning"] else (v, prob)


# -- kinds and reasons -------------------------------------------------------------------------

def _risky(p: Plan) -> bool:
    """Whether the edit replaces something or flips it (as opposed to only adding or leaving out words:
    a number or a name left out is an omission, a negation left out a reversal)."""
    for c in p.edits.changes:
        if c.kind in ("negation", "hedge") or (c.kind in ("number", "entity", "rewrite") and c.op == "replace"):
            return True
        if c.op == "replace" and c.kind == "swap" and (c.dropped or any(
                x.relation.kind not in SAFE_RELATIONS for x in c.pairs)):
            return True
        if c.op == "insert" and c.kind in ("negation", "hedge"):
            return True
    return False


def _kind(p: Plan, prob: float, v: Variant, features: dict[str, float]) -> str:
    if prob >= v.thresholds["warning"]:
        if p.variant == "added":
            return "unsupported-addition"
        if _risky(p):
            return "contradicts"
        if p.edits.added_words or any(c.op == "insert" and c.kind != "punctuation" for c in p.edits.changes):
            return "dropped-fact" if _adds_only_what_the_story_says(p) else "unsupported-addition"
        return "dropped-fact"  # only content left out: an omission, whatever the model's score
    dropped = [w for w in p.edits.dropped_words]
    if dropped and not p.edits.added_words and not any(c.op == "replace" and c.kind == "swap"
                                                       for c in p.edits.changes):
        story = p.request.story
        if story is None or not all(found(w, story) for w in dropped):
            return "dropped-fact"
    return "rewording"


def _adds_only_what_the_story_says(p: Plan) -> bool:
    """Whether the edit drops more content words than it adds and every word, name and figure it adds is
    found elsewhere in the story ("said" -> "told reporters" where another sentence has "told reporters",
    and a five-word gloss taken out): then the change the judge weighs is what went, an omission, and no
    claim the story does not support."""
    story = p.request.story
    if story is None or len(p.edits.dropped_words) <= len(p.edits.added_words):
        return False
    ws = word_support(p.edits, story)
    return not (ws.added_missing or ws.names_missing or ws.numbers_missing)


def _support(p: Plan, nli: tuple[float, float, float] | None) -> tuple[Support, ...]:
    story = p.request.story
    if story is None:
        return ()
    out = []
    for n, i in enumerate(p.retrieved):
        e, _, c = nli if (nli is not None and n == 0) else (None, None, None)
        out.append(Support(i, story.where(i), story.sentences[i], e, c))
    return tuple(out)


def _reasons(p: Plan, kind: str, support: tuple[Support, ...]) -> tuple[str, ...]:
    if p.variant == "added":
        story = p.request.story
        ws = word_support(p.edits, story) if story is not None else None
        if kind == "unsupported-addition":
            said = f"the new sentence says '{quote(p.request.new)}', which no version said before"
            if ws is not None and ws.added_missing:
                said += f" (new here: {', '.join(repr(w) for w in ws.added_missing[:4])})"
            return (said,)
        where = f"restates {support[0].where}: '{quote(support[0].text)}'" if support else \
            "its words are found elsewhere in the story"
        return (where,)
    changes = [c for c in p.edits.changes if c.kind != "punctuation"] or list(p.edits.changes)
    if not changes:
        return ("the two texts are the same",)
    if kind in ("contradicts", "unsupported-addition"):
        ranked = sorted(changes, key=change_rank)
    elif kind == "dropped-fact":
        ranked = sorted(changes, key=lambda c: (c.op != "delete", change_rank(c)))
    else:  # rewording: why the facts are kept first
        ranked = sorted(changes, key=lambda c: -change_rank(c))
    out = [change_reason(c, p.edits) for c in ranked[:3]]
    story = p.request.story
    if kind == "unsupported-addition" and story is not None:
        missing = word_support(p.edits, story).added_missing
        if missing:
            out.insert(0, f"the new text says '{quote(p.request.new)}', and {nowhere_else(missing)}")
    return tuple(dict.fromkeys(out))


def _rewritten(p: Plan, v: Variant, prob: float, features: dict[str, float], contributions: dict[str, float],
               support: tuple[Support, ...]) -> Verdict:
    """Two texts that differ more than the edits the model learned from: a contradiction only where
    a targeted check finds one (a number, a name, an opposite, a negation, a speaker)."""
    found = check_reasons(p.request.old, p.request.new)
    note = (f"rewritten ({p.edits.changed_tokens} words changed, {p.edits.similarity:.0%} kept in order): "
            "beyond the small edits the judge has learned")
    if found and prob >= v.thresholds["warning"]:
        return Verdict("contradicts", prob, v.severity(prob), (*found[:3], note), p.edits, v.name, features,
                       contributions, support, in_domain=False)
    reason = "no number, name, opposite, negation or speaker changed"
    return Verdict("rewording", min(prob, v.thresholds["warning"]), "info", (note, reason), p.edits, v.name,
                   features, contributions, support, in_domain=False)


def _removed(p: Plan, features: dict[str, float], support: tuple[Support, ...]) -> Verdict:
    """A sentence only the old version has: an omission unless the story restates its content."""
    story = p.request.story
    words = [t.key for t in p.edits.old_tokens if t.is_content]
    missing = [w for w in words if story is None or not found(w, story)]
    share = len(missing) / len(words) if words else 0.0
    if missing:
        reason = f"'{quote(p.request.old)}' is left out" + (
            f"; {nowhere_else(missing)}" if story else "")
        return Verdict("dropped-fact", share, "info", (reason,), p.edits, "removed", features, {}, support)
    where = f"restated in {support[0].where}" if support else "its words are found elsewhere in the story"
    return Verdict("rewording", 0.0, "info", (where,), p.edits, "removed", features, {}, support)
