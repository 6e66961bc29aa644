"""How severe each finding is, decided in one place from its evidence, not by each rule for itself.

An error fails a build, so it must mean one thing: **the same fact carries incompatible values in two
versions** (a number, a name, a negation or an opposite word, a speaker, an acronym's body), in text
an edit touched, and the two texts are surely the same statement. A likely but uncertain fact change
is a warning; everything else is info. In order:

1. A rule's severity in the catalogue (or as the settings set it) is the most it reports.
2. An inconsistency inside one version (``Rule.within``: a figure given two values, a name spelled two
   ways) is a discrepancy only when an edit made it: one of its statements was reworded between the
   versions (a sentence only one version has does not count: a new entry on a page of running updates
   gives a newer figure than the entries below it). Otherwise it is not reported at all; nor is a
   defect that every version has (a defect only some versions have keeps its rule's severity: the
   defects check compares it across them).
3. A finding about text that no edit touched (every evidence sentence in a slot that every version
   words the same) is info: it is not a difference between the versions.
4. Page furniture (a dateline, a caption's id, a related-links block, an appended FAQ box, an ad
   script) is info, whatever it says; a byline, a credit or a contributor line that changed is a
   warning at most (who reported it is a fact about the story, not of it).
5. A quotation worded differently is an error only when a value in it changed, a warning for other
   words, info for the same words in another form ("hand" / "hands").
6. An incompatible value (``Rule.fact`` in ``INCOMPATIBLE``) is an error only when the evidence is
   sure that the two texts are one statement: in one slot, at least ``same_statement`` of their words
   in common; across slots (a fact that moved), two of its sentences at least ``same_fact`` alike
   (both in ``models.config.THRESHOLDS``). Else a warning.
7. A check may say less than its rule's most (the judge below its warning threshold, a fact dropped
   rather than added), and a finding's ``ceiling`` caps it.
8. A model's verdict on a whole statement (``Rule.verdict``: the NLI model's, the edit judge's) is a note
   when the statement was recast rather than edited (the two texts share under ``recast`` of their
   tokens: the aligner paired two ways of telling it, and a model that compares sentences reads a new
   sentence as a changed one), unless the NLI model reads a contradiction as sure as it must between
   sentences of different slots (``neighbour_contradiction``: "would take" recast as "would not
   take"); and when the judge's verdict rests on a rewritten phrase alone (no figure, name, negation,
   hedge or swapped word it can name). The targeted checks still compare the figures and names of
   such a statement.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from factcheck.findings.finding import Evidence, Finding
from factcheck.findings.rules import RULES, Rule, Severity
from factcheck.slots.context import CheckContext
from factcheck.slots.slot import PARTIAL
from factcheck.text.pair import word_diff
from factcheck.text.tokens import tokenize

# the facts whose incompatible values, surely in one statement, are an error
INCOMPATIBLE = frozenset({"value", "name", "negation", "opposite", "speaker", "acronym"})
# furniture that credits people: a changed byline or contributor is worth a warning, never an error
CREDITS = frozenset({"byline", "credit", "contributor"})
# a quotation worded differently: an error only when a value in it changed (a figure, a name, a negation);
# the same words in another form are no change of what was said
QUOTE_CHANGE = {"value": Severity.ERROR, "wording": Severity.WARNING, "inflection": Severity.INFO}


def _rank(s: Severity) -> int:
    return s.rank


def _lower(a: Severity, b: Severity) -> Severity:
    return a if a.rank <= b.rank else b


def grade(findings: Sequence[Finding], ctx: CheckContext, overrides: Mapping[str, Severity]) -> list[Finding]:
    """The findings with their severities set from the evidence; inconsistencies inside one version that
    no edit made are left out."""
    out = []
    for f in findings:
        level = severity(f, ctx, RULES[f.rule], overrides.get(f.rule))
        if level is None:
            continue
        f.severity = level
        out.append(f)
    return out


def severity(f: Finding, ctx: CheckContext, rule: Rule, override: Severity | None = None) -> Severity | None:
    """The severity of one finding, or None when it is no discrepancy at all (step 2)."""
    most = override or rule.severity
    # what the check itself said, where it said less than its rule's most
    said = f.sev if f.sev.rank < rule.severity.rank else most
    level = _lower(most, said)
    if f.ceiling is not None:
        level = _lower(level, f.ceiling)
    if rule.fact == "hidden":   # characters no reader sees: the check compares them across versions itself
        return level
    furniture = _furniture(f, ctx)
    if rule.form_only:   # a defect: the check compares it across the versions itself
        if f.scores.get("in_every_version"):
            return None   # every version has it: no difference between them
        return Severity.INFO if furniture else level
    if rule.within:   # an edit of one of its statements made it; a new sentence beside an old one does not
        return level if _edited(f, ctx, rewritten_only=True) else None
    edited = _edited(f, ctx)
    if not edited:
        return Severity.INFO
    if furniture is not None:
        # who wrote, reported or photographed it is a fact about the story, but never an error
        return _lower(level, Severity.WARNING) if furniture in CREDITS else Severity.INFO
    if rule.fact == "quote" and "change" in f.scores:
        level = _lower(level, QUOTE_CHANGE[f.scores["change"]])
        if level is Severity.ERROR and not _sure(f, ctx):
            return Severity.WARNING
        return level
    if rule.fact in INCOMPATIBLE and level is Severity.ERROR and not _sure(f, ctx):
        return Severity.WARNING
    if rule.verdict and ((_recast(f, ctx) and not _sure_contradiction(f, ctx)) or _rewritten_phrase_only(f)):
        return Severity.INFO
    return level


def _sure_contradiction(f: Finding, ctx: CheckContext) -> bool:
    """Whether the NLI model reads a contradiction as sure as between sentences of different slots."""
    c = f.scores.get("contradiction")
    return isinstance(c, int | float) and c >= ctx.thresholds["neighbour_contradiction"]


def _recast(f: Finding, ctx: CheckContext) -> bool:
    """Whether the finding's two texts share under ``recast`` of their tokens (step 8)."""
    by_version: dict[str, list[Evidence]] = {}
    for e in f.evidence:
        by_version.setdefault(e.version, []).append(e)
    if len(by_version) < 2:
        return False
    (_, ea), (_, eb) = list(by_version.items())[:2]
    ta = tuple(t.key for t in tokenize(" ".join(e.text for e in ea)))
    tb = tuple(t.key for t in tokenize(" ".join(e.text for e in eb)))
    return word_diff(ta, tb).ratio < ctx.thresholds["recast"]


# what the judge can name in an edit: a change of one of these kinds is more than a rewritten phrase
_NAMED = frozenset({"number", "entity", "negation", "hedge", "swap"})


def _rewritten_phrase_only(f: Finding) -> bool:
    """Whether the judge's verdict rests on a rewritten phrase alone (step 8): the edit replaces words only
    as a rewrite of a phrase ("'health policies and his own investments in' is rewritten as 'evolving
    stance on'"), with nothing it can name."""
    verdict = f.scores.get("judge")
    if not isinstance(verdict, dict):
        return False
    changes = verdict.get("changes") or []
    replaced = [c for c in changes if c.get("op") == "replace" and c.get("kind") not in ("punctuation", "function",
                                                                                        "inflection")]
    return bool(replaced) and all(c.get("kind") == "rewrite" for c in replaced) and \
        not any(c.get("kind") in _NAMED for c in changes)


def _sentences(f: Finding, ctx: CheckContext) -> list[tuple[int, int]]:
    index = {v.id: n for n, v in enumerate(ctx.versions)}
    return [(index[e.version], e.sentence) for e in f.evidence if e.version in index]


def _edited(f: Finding, ctx: CheckContext, rewritten_only: bool = False) -> bool:
    """Whether an edit touched the finding's text: one of its sentences lies in a slot that some versions
    lack or word differently, to the letter (a lost space is an edit too). ``rewritten_only``: a slot that
    every version has and some word differently (an added or dropped sentence does not count: on a page
    of running updates, a new entry's figure beside an older entry's is the page's history)."""
    keys = _sentences(f, ctx)
    if not keys:
        return True   # a finding about the versions as a whole
    for v, i in keys:
        g = ctx.group_of(ctx.sentences[v][i])
        if g is None:
            return True
        slot = ctx.slots[g]
        if slot.status == PARTIAL:
            if not rewritten_only:
                return True
            continue
        present = [idx for idx in slot.members if idx]
        if len({" ".join(ctx.sentences[w][j].text for j in idx)
                for w, idx in enumerate(slot.members) if idx}) > 1 and len(present) > 1:
            return True
    return False


def _furniture(f: Finding, ctx: CheckContext) -> str | None:
    """What kind of page furniture the evidence is, when every sentence of it is ("credit" where a byline,
    a credit or a contributor line is among them); None for a statement."""
    keys = _sentences(f, ctx)
    if not keys:
        return None
    kinds = []
    for v, i in keys:
        s = ctx.sentences[v][i]
        kind = s.furniture or ("block" if s.key in ctx.furniture else None)
        if kind is None:
            return None
        kinds.append(kind)
    return "credit" if any(k in CREDITS for k in kinds) else kinds[0]


def _sure(f: Finding, ctx: CheckContext) -> bool:
    """Whether the evidence surely shows one statement (or one fact) in two versions."""
    by_version: dict[str, list[Evidence]] = {}
    for e in f.evidence:
        by_version.setdefault(e.version, []).append(e)
    if len(by_version) < 2 or f.scores.get("one_fact"):
        # a gloss against its own letters, or a check that established one fact (each version gives the
        # counted thing one value; the very words of a quotation)
        return True
    (va, ea), (vb, eb) = sorted(by_version.items())[:2]
    slots = {ctx.group_of(ctx.sentences[v][i]) for v, i in _sentences(f, ctx)}
    if len(slots) == 1:   # one aligned statement: an edit of it, not a rewrite
        ta = tuple(t.key for t in tokenize(" ".join(e.text for e in ea)))
        tb = tuple(t.key for t in tokenize(" ".join(e.text for e in eb)))
        return word_diff(ta, tb).ratio >= ctx.thresholds["same_statement"]
    if ctx.embeddings is None:
        return False
    index = {v.id: n for n, v in enumerate(ctx.versions)}
    cos = max(float(ctx.embeddings[index[va]][x.sentence] @ ctx.embeddings[index[vb]][y.sentence])
              for x in ea for y in eb)
    return cos >= ctx.thresholds["same_fact"]
