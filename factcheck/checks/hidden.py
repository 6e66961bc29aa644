"""Characters a reader does not see as a program reads them (FC254): invisible characters inside words,
direction controls, look-alike letters of another script, tag characters.

Each version's text is already read as a reader sees it (``text.visible``, in ``Version``), so the other
checks compare what is shown; this check names the version that holds such characters and where. It
is a warning where an edit brought them in (a version that lacks them has the same slot, or the
sentence is new), a note where every version of the slot holds them alike.
"""

from __future__ import annotations

from factcheck.findings.finding import Finding
from factcheck.findings.rules import Severity
from factcheck.inputs.segment import Sentence
from factcheck.slots.context import CheckContext
from factcheck.text.visible import Hidden, describe


def _in(s: Sentence, hidden: list[Hidden]) -> list[Hidden]:
    return [h for h in hidden if s.start <= h.offset < s.end or (h.offset == s.end and h.kind == "bidi")]


def check_hidden(ctx: CheckContext) -> list[Finding]:
    out = []
    held = {v: _held(ctx, v) for v in range(len(ctx.versions))}
    for v, version in enumerate(ctx.versions):
        if not held[v]:
            continue
        sents = sorted(held[v])
        brought_in = any(_brought_in(ctx, held, ctx.sentences[v][i]) for i in sents)
        found = [h for i in sents for h in held[v][i]]
        lines = sorted({ctx.sentences[v][i].line for i in sents})
        where = f"line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines[:8]))}" + \
            (f" and {len(lines) - 8} more" if len(lines) > 8 else "")
        message = (f"{version.id} holds {describe(found)} at {where}: compared as a reader sees it; "
                   "remove them.")
        out.append(Finding("FC254", message, ctx.group_of(ctx.sentences[v][sents[0]]),
                           [ctx.evidence(ctx.sentences[v][i]) for i in sents],
                           {"kinds": sorted({h.kind for h in found})}, subject=version.id,
                           severity=Severity.WARNING if brought_in else Severity.INFO))
    return out


def _held(ctx: CheckContext, v: int) -> dict[int, list[Hidden]]:
    """Sentence index -> the hidden characters in it, for version ``v``."""
    hidden = getattr(ctx.versions[v], "hidden", [])
    if not hidden:
        return {}
    out = {}
    for s in ctx.sentences[v]:
        found = _in(s, hidden)
        if found:
            out[s.index] = found
    return out


def _brought_in(ctx: CheckContext, held: dict[int, dict[int, list[Hidden]]], s: Sentence) -> bool:
    """Whether an edit brought the characters in: some version lacks the sentence's slot, or has it
    without them."""
    g = ctx.group_of(s)
    if g is None:
        return True
    members = ctx.slots[g].members
    kinds = {h.kind for h in held[s.version][s.index]}
    for w, idx in enumerate(members):
        if w == s.version:
            continue
        if not idx:
            return True
        theirs = {h.kind for i in idx for h in held[w].get(i, [])}
        if not kinds <= theirs:
            return True
    return False
