"""Figures compared across whole versions and within one (FC301, FC302, FC303)."""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.findings.finding import Finding
from factcheck.inputs.segment import Sentence
from factcheck.ledger.corrections import Notice
from factcheck.ledger.figures import GROWING, Figure, by_thing, figures, label, same_value
from factcheck.slots.context import CheckContext
from factcheck.text.content import names
from factcheck.text.quantities import extract

# a sentence that tells how a figure changed ("rose to 15 from 12", "initially reported 12") gives
# two values on purpose
_HISTORY = re.compile(r"\b(?:rose|risen|rising|climbed|jumped|increased|up|fell|fallen|dropped|down|from|"
                      r"initially|earlier|previously|originally|first reported|had been|revised)\b", re.IGNORECASE)


# words that give a count its scope: a count for the world and one for a city are two counts
_WIDE = re.compile(r"\b(?:worldwide|globally|global|nationwide|nationally|in total|total|overall|altogether|across the "
                   r"(?:country|world|region|state|nation)|so far|to date|in all|cumulative)\b", re.IGNORECASE)
# a count of what came on top of the count ("56 new cases", "another 12"), not the count itself
_INCREMENT = re.compile(r"\b(?:new|more|further|additional|another|latest|daily|overnight)\s+(?:\w+\s+){0,1}$",
                        re.IGNORECASE)


def _when(s: Sentence) -> frozenset[tuple[str, float]]:
    return _days(s.norm)


@lru_cache(maxsize=8192)
def _days(text: str) -> frozenset[tuple[str, float]]:
    return frozenset((q.kind, q.value) for q in extract(text) if q.kind in ("weekday", "date", "month", "year"))


@lru_cache(maxsize=8192)
def _history(text: str) -> bool:
    return bool(_HISTORY.search(text))


@lru_cache(maxsize=8192)
def _names(text: str) -> frozenset[str]:
    return frozenset(names(text))


def _same_scope(x: Figure, y: Figure) -> bool:
    """Whether two figures of one counted thing are the same measure: the same reach (worldwide, in
    total), not an increment of the other, and of the same day when both say which."""
    (wide_x, more_x, wx), (wide_y, more_y, wy) = _scope(x), _scope(y)
    if wide_x != wide_y or more_x or more_y:
        return False
    return not (wx and wy and wx != wy)


def _scope(f: Figure) -> tuple[bool, bool, frozenset[tuple[str, float]]]:
    """What ``_same_scope`` reads of one figure: whether its sentence counts worldwide or in total, whether
    the figure is an increment, and its sentence's days."""
    return _scope_of(f.sentence.norm, f.text)


@lru_cache(maxsize=8192)
def _scope_of(norm: str, text: str) -> tuple[bool, bool, frozenset[tuple[str, float]]]:
    at = norm.find(text)
    return (bool(_WIDE.search(norm)), at >= 0 and bool(_INCREMENT.search(norm[max(0, at - 30):at])), _days(norm))


def _same_clause(x: Figure, y: Figure, words: int = 5) -> bool:
    """Whether two mentions of a figure stand in the same words: the same ``words`` words after it
    ("opened in 1952 and lends about 40,000 books" / "opened in 1962 and lends about 40,000 books")."""
    def after(f: Figure) -> list[str]:
        at = f.sentence.norm.find(f.text)
        return re.findall(r"\w+", f.sentence.norm[at + len(f.text):].lower())[:words] if at >= 0 else []

    ax, ay = after(x), after(y)
    return len(ax) == words and ax == ay


def _where(ctx: CheckContext, f: Figure) -> str:
    return f"{ctx.versions[f.version].id} line {f.sentence.line}"


def _closest(ctx: CheckContext, xs: list[Figure], ys: list[Figure]) -> tuple[Figure, Figure]:
    """The two mentions that read most alike (by embedding, else by shared words)."""
    def score(x: Figure, y: Figure) -> float:
        if ctx.embeddings is not None:
            return float(ctx.embeddings[x.version][x.sentence.index] @ ctx.embeddings[y.version][y.sentence.index])
        wa, wb = set(x.sentence.norm.lower().split()), set(y.sentence.norm.lower().split())
        return len(wa & wb) / max(1, len(wa | wb))

    return max(((x, y) for x in xs for y in ys), key=lambda p: score(*p))


def statements(ctx: CheckContext, found: list[Notice]) -> list[list[Sentence]]:
    """Each version's sentences without its correction notices (``found``), whose figures are about
    the text."""
    in_notices = {s.key for n in found for s in n.sentences}
    return [[s for s in sents if s.key not in in_notices] for sents in ctx.sentences]


def across_versions(ctx: CheckContext, texts: list[list[Sentence]]) -> list[Finding]:
    """A counted thing whose values two versions do not share, in sentences that are not aligned
    (``texts``: each version's sentences without its notices)."""
    filed = [by_thing(list(figures(sents))) for sents in texts]
    order = sorted(range(len(ctx.versions)), key=lambda v: ctx.versions[v].sort_key)
    out: list[Finding] = []
    done: set[tuple[str, str, str]] = set()
    for i, a in enumerate(order):
        for b in order[i + 1:]:
            for thing in sorted(filed[a].keys() & filed[b].keys()):
                xs, ys = filed[a][thing], filed[b][thing]
                if any(same_value(x.value, y.value) for x in xs for y in ys):
                    continue  # a value both give: the count itself did not change
                x, y = _closest(ctx, xs, ys)
                if ctx.group_of(x.sentence) == ctx.group_of(y.sentence):
                    continue  # one aligned statement: the number check (FC220) reports it
                dated = thing.startswith("year:")
                nx, ny = _names(x.sentence.norm), _names(y.sentence.norm)
                if dated and nx and ny and not nx & ny:
                    continue  # "X was born in 1950", "Y was born in 1962": two people's years
                key = (thing, x.sentence.norm, y.sentence.norm)
                if key in done:
                    continue  # the same two sentences in other versions
                done.add(key)
                grows = thing in GROWING and y.value > x.value
                change = f"{label(thing)}: {x.text} ({_where(ctx, x)}) -> {y.text} ({_where(ctx, y)})"
                if grows:
                    message = f"{change}: updated. The later version gives a larger count in another sentence."
                else:
                    message = f"{change}: the versions give this figure different values in different sentences."
                out.append(Finding("FC302" if grows else "FC301", message, ctx.group_of(y.sentence),
                                   [ctx.evidence(x.sentence), ctx.evidence(y.sentence)],
                                   {"thing": thing, ctx.versions[a].id: x.value, ctx.versions[b].id: y.value,
                                    # each version gives the counted thing one value: surely one fact (a
                                    # year dates one event of whatever it is said of: only as sure as the
                                    # two sentences are alike)
                                    "one_fact": _same_clause(x, y) if dated else len({v.value for v in xs}) == 1
                                    and len({v.value for v in ys}) == 1},
                                   about=frozenset({x.text.lower(), y.text.lower()})))
    return out


def within_versions(ctx: CheckContext, texts: list[list[Sentence]]) -> list[Finding]:
    """One version giving one count two values in two sentences (15 in the lede, 12 in the body)."""
    out: list[Finding] = []
    done: set[tuple[str, str, str]] = set()
    for v, sents in enumerate(texts):
        for thing, found in sorted(by_thing(list(figures(sents))).items()):
            if thing not in GROWING:
                continue  # several amounts, staff counts or votes in one story are often several things
            # a sentence that tells how the figure changed is read once per figure, not once per pair
            found = [f for f in found if not _history(f.sentence.norm)]
            for i, x in enumerate(found):
                for y in found[i + 1:]:
                    if x.sentence is y.sentence or same_value(x.value, y.value):
                        continue
                    nx, ny = _names(x.sentence.norm), _names(y.sentence.norm)
                    if nx and ny and not nx & ny:
                        continue  # different places or people: different counts
                    if not _same_scope(x, y):
                        continue  # worldwide and in one city, on two days, new cases and all cases
                    key = (thing, x.sentence.norm, y.sentence.norm)
                    if key in done:
                        continue
                    done.add(key)
                    vid = ctx.versions[v].id
                    out.append(Finding(
                        "FC303", f"{vid} gives {label(thing)} two values: {x.text} (line {x.sentence.line}) and "
                        f"{y.text} (line {y.sentence.line}).", ctx.group_of(x.sentence),
                        [ctx.evidence(x.sentence), ctx.evidence(y.sentence)],
                        {"thing": thing, "values": [x.value, y.value]}, subject=vid))
    return out
