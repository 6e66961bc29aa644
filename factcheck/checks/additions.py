"""Facts added to a statement that the other version never gives (FC212).

"a spokesman said" against "a spokesman, Adrian Edwards, said": the second version names someone
the first never names anywhere. A figure or a name new to the whole other version is a fact that
version lacks; so is a clause added to a statement when the other version says nothing like it
anywhere. A name or figure the other version gives elsewhere (a pronoun for "Mr. Bellamy",
"Myanmar" said in another paragraph) is not new. Changed figures and swapped names are FC220's
and FC211's, which this finding folds into.

Versions are read in name order, earlier first. A fact the later version adds is a warning: a
claim to check. A fact the later version leaves out is an omission, a line of information: cutting
a detail is what editing does, and it contradicts nothing.
"""

from __future__ import annotations

from factcheck.findings.finding import Finding
from factcheck.findings.rules import Severity
from factcheck.inputs.segment import Sentence
from factcheck.slots.context import CheckContext, SlotTexts
from factcheck.text.content import content_words, new_facts, unique_words
from factcheck.text.diff import describe
from factcheck.text.pair import word_diff
from factcheck.text.tokens import tokenize

# an added clause is new when this share of its content words is missing from the whole other version
NEW_CLAUSE = 0.5
MIN_CLAUSE_WORDS = 3
# two texts with this share of their tokens in common are one statement edited, not rewritten
EDIT_SHARE = 0.5
HEADLINE_WORDS = 20


def added(text_a: str, text_b: str, version_a: str, version_b: str, headline: bool = False) -> dict[str, list[str]]:
    """What ``text_b`` adds that version ``a`` (whose statement is ``text_a``) never gives:
    ``figures``, ``names`` and, for a statement that only grows, the new ``words`` of its clause.
    A figure or name that replaces one of ``text_a`` (which ``b`` in turn never gives) is a changed
    figure or a swapped name, left to FC220 and FC211."""
    replaced = new_facts(text_a, version_b)
    found = {k: v for k, v in new_facts(text_b, version_a).items() if k in ("figures", "names") and not replaced.get(k)}
    # a statement that only grows, or a headline edited (not rewritten) to put new words in place of others
    # ("Builder banned for tax abuse" / "Builder banned for negligent record keeping": a headline states the
    # story's claim in few words, where the judge reads a short edit as a rewording)
    if not unique_words(text_a, text_b, text_b) or (headline and _edited(text_a, text_b)):
        extra = unique_words(text_b, text_a, version_a)
        missing = extra - content_words(version_a)
        if len(missing) >= MIN_CLAUSE_WORDS and len(missing) >= NEW_CLAUSE * len(extra):
            found["words"] = sorted(missing)
    return found


def _headline(sents: list[Sentence]) -> bool:
    """A version's headline: its first sentence, on a line of its own, short, with no full stop."""
    return len(sents) == 1 and sents[0].index == 0 and sents[0].alone and len(sents[0].norm.split()) <= HEADLINE_WORDS \
        and not sents[0].norm.rstrip().endswith((".", '."', ".'"))


def _edited(a: str, b: str) -> bool:
    """Whether ``b`` is an edit of ``a``, not a rewrite: at least ``EDIT_SHARE`` of their tokens in common."""
    ta = tuple(t.key for t in tokenize(a))
    tb = tuple(t.key for t in tokenize(b))
    return word_diff(ta, tb).ratio >= EDIT_SHARE


def check_additions(ctx: CheckContext) -> list[Finding]:
    out = []
    for g, texts in ctx.changed_slots():
        for a, b in texts.pairs():
            for old, new in ((a, b), (b, a)):
                found = added(texts.text(old), texts.text(new), ctx.versions[old].norm, ctx.versions[new].norm,
                              _headline(texts.sents[old]) and _headline(texts.sents[new]))
                if found:
                    out.append(_finding(ctx, g.id, texts, old, new, found))
    return out


def _finding(ctx: CheckContext, gid: int, texts: SlotTexts, old: int, new: int,
             found: dict[str, list[str]]) -> Finding:
    what = [f"the {kind}{'s' if len(found[key]) > 1 else ''} " + ", ".join(f'"{x}"' for x in found[key])
            for key, kind in (("names", "name"), ("figures", "figure")) if found.get(key)]
    if found.get("words") and not what:
        what.append("a claim")
    dropped = ctx.versions[new].sort_key < ctx.versions[old].sort_key  # the later version leaves it out
    if dropped:
        message = (f"{texts.labels[old]} leaves out {' and '.join(what)} that {texts.labels[new]} gives "
                   f"({describe(texts.text(new), texts.text(old))}).")
    else:
        message = (f"{texts.labels[new]} gives {' and '.join(what)} that {texts.labels[old]} never gives "
                   f"({describe(texts.text(old), texts.text(new))}).")
    about = Finding.words(*found.get("names", []), *found.get("figures", []), *found.get("words", []))
    return Finding("FC212", message, gid, ctx.slot_evidence(texts, old, new),
                   {"added": found, "in": ctx.versions[new].id, "not_in": ctx.versions[old].id, "omission": dropped},
                   subject=ctx.versions[old].id, about=about, severity=Severity.INFO if dropped else None)
