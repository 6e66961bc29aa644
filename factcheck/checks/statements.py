"""Statements that some versions carry and others lack (FC110, FC111, FC112).

What a reader learns from an added or dropped sentence decides its severity, not its length:
- FC112 (warning): the sentence is a correction or update notice;
- FC111 (warning): it carries facts the versions that lack it do not give: a figure, a name or a
  quotation found nowhere in them, or a claim whose words their closest sentences do not restate;
- FC110 (info): the rest: furniture (bylines, credits), a transition, or a sentence that the other
  versions restate elsewhere ("v1.txt says much the same at line 14").
"""

from __future__ import annotations

from factcheck.align.similarity import WordSets, first_k
from factcheck.findings.finding import Finding
from factcheck.inputs.segment import Sentence
from factcheck.slots.context import CheckContext, names
from factcheck.text.content import STOPWORDS, carried, content_words, coverage, new_facts
from factcheck.text.notices import is_notice

# a claim needs this many content words to count on its words alone, or MIN_NAMED_WORDS when it
# names who or what it is about: "It was a long road to get here" carries no fact of its own,
# "Democrats were unimpressed" does
MIN_WORDS = 5
MIN_NAMED_WORDS = 3


def _quoted(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return f'"{text}"' if len(text) <= limit else f'"{text[:limit - 1].rstrip()}…"'


def _facts_phrase(found: dict[str, list[str]]) -> str:
    parts = []
    if found.get("figures"):
        parts.append("the figure" + ("s " if len(found["figures"]) > 1 else " ") +
                     ", ".join(f'"{x}"' for x in found["figures"][:4]))
    if found.get("names"):
        parts.append("the name" + ("s " if len(found["names"]) > 1 else " ") +
                     ", ".join(f'"{x}"' for x in found["names"][:4]))
    if found.get("quotes"):
        parts.append("a quotation")
    return "; ".join(parts)


def judge_statement(ctx: CheckContext, sents: list[Sentence], absent: list[int]) -> tuple[str, str, dict[str, object]]:
    """(rule, message tail, scores) for a statement made of ``sents`` that the ``absent`` versions lack."""
    text = " ".join(s.norm for s in sents)
    if is_notice(text):
        return "FC112", f"it is a correction or update notice: {_quoted(text, 160)}", {"notice": True}
    kind = sents[0].furniture if all(s.furniture for s in sents) else None
    if kind is not None:
        return "FC110", f"it is a {kind}, not a statement of the story.", {"furniture": kind}
    lacking_facts: dict[str, list[str]] = {}
    restated: list[tuple[float, Sentence]] = []
    for w in absent:
        other = ctx.versions[w].norm
        for key, found in new_facts(text, other).items():
            lacking_facts.setdefault(key, [])
            lacking_facts[key] += [x for x in found if x not in lacking_facts[key]]
        nearest = _candidates(ctx, sents, w)
        restated.append((coverage(text, [n.norm for n in nearest]), nearest[0] if nearest else sents[0]))
    cov, closest = min(restated, key=lambda r: r[0]) if restated else (1.0, sents[0])
    scores: dict[str, object] = {"restated": round(cov, 3), "new": lacking_facts}
    if lacking_facts:
        return "FC111", f"it gives {_facts_phrase(lacking_facts)}, which {_absent(ctx, absent)} never give" + \
            ("s" if len(absent) == 1 else "") + ".", scores
    has = carried(text)
    enough = MIN_NAMED_WORDS if has.names or _named_subject(text) else MIN_WORDS
    if cov < ctx.thresholds["restated"] and len(has.words) >= enough:
        return "FC111", f"{_absent(ctx, absent)} {'does' if len(absent) == 1 else 'do'} not say this anywhere " \
            f"(at most {cov:.0%} of its words in the closest sentences).", scores
    where = f"{ctx.versions[closest.version].id} line {closest.line}"
    return "FC110", f"{where} says much the same ({cov:.0%} of its words).", scores


def _candidates(ctx: CheckContext, sents: list[Sentence], version: int) -> list[Sentence]:
    """The two sentences of ``version`` that restate most of ``sents``: among the closest by embedding
    and those that share the most content words (a fact moved into a sentence about something else
    is found by its words), the two that cover most of its words."""
    text = " ".join(s.norm for s in sents)
    pool = {n.key: n for s in sents for n in ctx.nearest(s, version, 3)}
    pool.update((n.key, n) for n in _most_shared(ctx, content_words(text), version, 3))
    ranked = sorted(pool.values(), key=lambda n: (-coverage(text, [n.norm]), n.index))
    return ranked[:2]


def _most_shared(ctx: CheckContext, words: frozenset[str], version: int, k: int) -> list[Sentence]:
    """The ``k`` sentences of ``version`` that share the most of ``words`` (equals in the version's order), as
    ``sorted(sentences, key=shared words)`` gives them, counted through an index of the version's words."""
    key = ("statements.words", version)
    if key not in ctx.memo:
        ctx.memo[key] = WordSets([content_words(n.norm) for n in ctx.sentences[version]])
    index: WordSets = ctx.memo[key]  # type: ignore[assignment]
    shared = index.shared([words])[0]
    return [ctx.sentences[version][int(i)] for i in first_k(-shared, k)]


def _named_subject(text: str) -> bool:
    """Whether the sentence opens with a name ("Democrats were ...", "Price said ...")."""
    first = text.lstrip("\"'( ").split(" ", 1)[0].strip(",.;:")
    return first[:1].isupper() and first.lower() not in STOPWORDS and first.lower() not in _OPENERS


# capitalised openers that are not names
_OPENERS = frozenset("it its this that these those there here they we he she i you his her their our "
                     "but and or so yet however meanwhile also still then now later earlier".split())


def _absent(ctx: CheckContext, absent: list[int]) -> str:
    return names([ctx.versions[v].id for v in absent], joiner=" and ")


def check_statements(ctx: CheckContext) -> list[Finding]:
    out = []
    n = len(ctx.versions)
    for g in ctx.groups:
        present = g.versions
        if len(present) == n:
            continue
        # by name, so that the verdict does not depend on the order the versions were given in
        by_name = sorted(range(n), key=lambda v: ctx.versions[v].sort_key)
        absent = [v for v in by_name if v not in present]
        have = [ctx.versions[v].id for v in by_name if v in present]
        lead = next(v for v in by_name if v in present)
        sents = [ctx.sentences[lead][i] for i in g.members[lead]]
        rule, tail, scores = judge_statement(ctx, sents, absent)
        evidence = [ctx.evidence(ctx.sentences[v][i]) for v in by_name if v in present for i in g.members[v]]
        message = f"Only in {names(have)}; not in {_absent(ctx, absent)}: {tail}"
        out.append(Finding(rule, message, g.id, evidence,
                           {"present": have, "absent": [ctx.versions[v].id for v in absent], **scores},
                           subject=ctx.versions[absent[0]].id))
    return out
