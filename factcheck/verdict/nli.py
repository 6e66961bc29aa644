"""Which sentence pairs go to the NLI model, and what its scores mean.

``plan_pairs`` is pure and spends at most two pairs (both directions of one
comparison) per slot: a changed slot's reference text against its most different
variant; a slot some versions lack, its nearest neighbour in a version that lacks it.
``interpret_pairs`` turns scores into findings, contradiction first; a pair where one side only
adds words (or neither says anything the other does not) is never a contradiction, whatever
the model says: the shipped model reads "U.N." against "United Nations" as one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from factcheck.align.similarity import BLOCK, cosine_matrix, normalize_rows, row_blocks
from factcheck.findings.finding import Finding
from factcheck.inputs.segment import Sentence
from factcheck.slots.context import CheckContext
from factcheck.slots.slot import IDENTICAL
from factcheck.text.content import unique_words
from factcheck.text.diff import describe, word_swap
from factcheck.text.normalize import match_key


@dataclass(frozen=True)
class NLIPair:
    kind: str  # "slot" or "neighbour"
    group: int
    premise: tuple[Sentence, ...]
    hypothesis: tuple[Sentence, ...]
    similarity: float | None = None

    @property
    def premise_text(self) -> str:
        return " ".join(s.norm for s in self.premise)

    @property
    def hypothesis_text(self) -> str:
        return " ".join(s.norm for s in self.hypothesis)

    @property
    def key(self) -> frozenset[tuple[int, int]]:
        return frozenset(s.key for s in self.premise + self.hypothesis)


def _both(kind: str, group: int, a: tuple[Sentence, ...], b: tuple[Sentence, ...],
          sim: float | None = None) -> list[NLIPair]:
    return [NLIPair(kind, group, a, b, sim), NLIPair(kind, group, b, a, sim)]


def _words(sents: tuple[Sentence, ...]) -> set[str]:
    return set(match_key(" ".join(s.text for s in sents)).split())


def _overlap(a: tuple[Sentence, ...], b: tuple[Sentence, ...]) -> float:
    wa, wb = _words(a), _words(b)
    return len(wa & wb) / max(1, len(wa | wb))


def plan_pairs(ctx: CheckContext, embeddings: Sequence[np.ndarray], neighbour_threshold: float) -> list[NLIPair]:
    """At most two pairs (one pair of directions) per slot.

    - A changed slot: its reference text against the variant that shares the fewest words with it.
    - A slot some versions lack: its closest sentence (by embedding) in a version that lacks it,
      outside the slot, if the similarity reaches ``neighbour_threshold``.
    Identical slots get none; the targeted checks still compare every version of every slot.
    """
    pairs: list[NLIPair] = []
    sentences = ctx.sentences
    n_versions = len(sentences)
    wanted = [(v, i, w) for slot in ctx.slots if not slot.variants and slot.status != IDENTICAL
              for v, i in slot.group.keys() for w in range(n_versions)
              if not slot.group.members[w] and len(sentences[w])]
    closest = _closest(embeddings, wanted)
    for slot in ctx.slots:
        g = slot.group
        variants = slot.variants
        if variants:
            far = min(variants[1:], key=lambda v: _overlap(variants[0], v))
            pairs += _both("slot", g.id, variants[0], far)
            continue
        if slot.status == IDENTICAL:
            continue
        best: tuple[float, Sentence, Sentence] | None = None
        for v, i in g.keys():
            s = sentences[v][i]
            for w in range(n_versions):
                if g.members[w] or not len(sentences[w]):
                    continue
                for j, sim in closest[(v, i, w)]:
                    if ctx.group_of(sentences[w][j]) != g.id and (best is None or sim > best[0]):
                        best = (float(sim), sentences[w][j], s)
                        break
        if best is not None and best[0] >= neighbour_threshold and \
                match_key(best[1].text) != match_key(best[2].text):
            pairs += _both("neighbour", g.id, (best[1],), (best[2],), best[0])
    return pairs


def _closest(embeddings: Sequence[np.ndarray], wanted: Sequence[tuple[int, int, int]],
             limit: int = BLOCK) -> dict[tuple[int, int, int], list[tuple[int, np.float32]]]:
    """For each ``(v, i, w)``, the three sentences of version ``w`` closest to sentence ``i`` of version
    ``v`` by cosine (``np.argsort`` of the row of ``cosine_matrix``), with their cosines. Two versions
    whose matrix fits in one block (``align.similarity.BLOCK``) get the whole matrix, as every story of
    ordinary length always has; longer ones get only the rows asked for, a block of them at a time, so
    that neither the time nor the memory grows with the product of their lengths."""
    out: dict[tuple[int, int, int], list[tuple[int, np.float32]]] = {}
    by_pair: dict[tuple[int, int], list[tuple[int, int, int]]] = {}
    for v, i, w in dict.fromkeys(wanted):
        by_pair.setdefault((min(v, w), max(v, w)), []).append((v, i, w))
    for (a, b), asked in by_pair.items():
        if len(embeddings[a]) * len(embeddings[b]) <= limit:
            whole = cosine_matrix(embeddings[a], embeddings[b])
            rows = {(v, i, w): whole[i] if v < w else whole[:, i] for v, i, w in asked}
            out.update((key, _top3(row)) for key, row in rows.items())
            continue
        for v, w in ((a, b), (b, a)):
            keys = [key for key in asked if key[0] == v]
            if not keys:
                continue
            queries, pool = normalize_rows(embeddings[v][[i for _, i, _ in keys]]), normalize_rows(embeddings[w])
            for block in row_blocks(len(keys), len(pool), limit):
                for key, row in zip(keys[block], queries[block] @ pool.T, strict=True):
                    out[key] = _top3(row)
    return out


def _top3(row: np.ndarray) -> list[tuple[int, np.float32]]:
    return [(int(j), row[j]) for j in np.argsort(-row)[:3]]


def _vid(ctx: CheckContext, sents: tuple[Sentence, ...]) -> str:
    return ctx.versions[sents[0].version].id


def quote_short(text: str, limit: int = 80) -> str:
    """A sentence quoted in a message, cut at a word near ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def interpret_pairs(ctx: CheckContext, pairs: Sequence[NLIPair], scores: Sequence[Any],
                    th: Mapping[str, float]) -> list[Finding]:
    """Findings from NLI scores; each pair of directions gives at most one finding."""
    by_key: dict[frozenset[tuple[int, int]], list[tuple[NLIPair, Any]]] = {}
    for p, s in zip(pairs, scores, strict=True):
        by_key.setdefault(p.key, []).append((p, s))
    out = []
    for both in by_key.values():
        (ab, s_ab), (_ba, s_ba) = both[0], both[-1]
        a, b = ab.premise, ab.hypothesis
        # contradiction is symmetric: both directions must carry it (their mean), so that one
        # direction's confusion with "neutral" does not raise an error on its own
        c = (s_ab.contradiction + s_ba.contradiction) / 2
        c_max = max(s_ab.contradiction, s_ba.contradiction)
        score_info = {f"{_vid(ctx, a)} -> {_vid(ctx, b)}": s_ab.as_dict(),
                      f"{_vid(ctx, b)} -> {_vid(ctx, a)}": s_ba.as_dict(), "contradiction": round(c, 4)}
        if ab.similarity is not None:
            score_info["similarity"] = round(ab.similarity, 4)
        evidence = [ctx.evidence(x) for x in a + b]
        va, vb = _vid(ctx, a), _vid(ctx, b)
        if ab.kind == "neighbour":
            if c >= th["neighbour_contradiction"]:
                out.append(Finding("FC104", f"{vb}'s sentence (line {b[0].line}) may contradict a similar sentence "
                                   f"in {va}, line {a[0].line}: \"{quote_short(ab.premise_text)}\" "
                                   f"(contradiction {c:.2f}).", ab.group, evidence, score_info))
            continue
        e_ab, e_ba = s_ab.entailment, s_ba.entailment
        ta, tb = ab.premise_text, ab.hypothesis_text
        edit = describe(ta, tb)
        # what each side says that the other does not, reading "U.N." and "United Nations" alike
        only_a = unique_words(ta, tb, ctx.versions[b[0].version].norm)
        only_b = unique_words(tb, ta, ctx.versions[a[0].version].norm)
        score_info["only_in"] = {va: sorted(only_a), vb: sorted(only_b)}
        if not only_a and not only_b:
            continue  # the same content words: reordered, re-punctuated or re-inflected
        if not only_a or not only_b:
            # one side only adds words: it says more, and cannot contradict what the other says
            more, less = (va, vb) if only_a else (vb, va)
            out.append(Finding("FC103", f"{more} says more than {less} here ({edit}); nothing {less} says "
                               "is taken back.", ab.group, evidence, score_info))
            continue
        if c >= th["contradiction"] and word_swap(ta, tb):
            # one word for another with nothing else changed: the model cannot tell a synonym from an
            # opposite, so this is a change to check, not a contradiction (FC232 knows the opposites)
            out.append(Finding("FC102", f"{va} and {vb} use a different word here: {edit} (the model reads a "
                               f"contradiction, {c:.2f}, but a single word swapped may mean the same).",
                               ab.group, evidence, score_info))
        elif c >= th["contradiction"]:
            out.append(Finding("FC101", f"{va} and {vb} contradict each other here: {edit} "
                               f"(contradiction {c:.2f}).", ab.group, evidence, score_info))
        elif e_ab >= th["entailment"] and e_ba >= th["entailment"]:
            continue
        elif e_ab >= th["entailment"] or e_ba >= th["entailment"]:
            more, less = (va, vb) if e_ab >= th["entailment"] else (vb, va)
            out.append(Finding("FC103", f"{more} says more than {less} here ({edit}): {less}'s sentence "
                               f"follows from {more}'s, not the other way round.", ab.group, evidence, score_info))
        else:
            hint = f"; one direction reads as a contradiction, {c_max:.2f}" if c_max >= th["contradiction"] else ""
            out.append(Finding("FC102", f"{va} and {vb} state this differently: {edit} (neither sentence follows "
                               f"from the other{hint}).", ab.group, evidence, score_info))
    return out


def nli_findings(ctx: CheckContext, embeddings: Sequence[np.ndarray], nli: Any, decided: frozenset[int],
                 th: Mapping[str, float], progress: Callable[[str, int, int], None] | None = None
                 ) -> tuple[list[Finding], int]:
    """The NLI model's findings: it compares the slots the judge left undecided (rewrites) and finds
    neighbours of sentences some versions lack; returns them and the number of pairs it scored."""
    pairs = [p for p in plan_pairs(ctx, embeddings, th["neighbour"]) if p.kind != "slot" or p.group not in decided]
    texts = [(p.premise_text, p.hypothesis_text) for p in pairs]
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress("NLI", done[0], len(texts))

    if progress:
        progress("NLI", 0, len(texts))
    scores = nli.predict(texts, tick) if texts else []
    return interpret_pairs(ctx, pairs, scores, th), len(pairs)
