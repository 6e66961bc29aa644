"""Editorial defects in one version: a sentence cut off (FC250), two sentences with no space
between them (FC251), an unbalanced quotation mark (FC252, in ``quote_marks``), a word typed twice (FC253).

Each is reported once per distinct sentence and slot, naming every version that has it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from factcheck.checks.quote_marks import unclosed
from factcheck.findings.finding import Finding
from factcheck.findings.rules import Severity
from factcheck.inputs.segment import Sentence
from factcheck.slots.context import CheckContext

# words after which an English sentence cannot end
DANGLING = frozenset(
    "a an the at of to in on for with by from and or but as than that which who whose "
    "its their his her our your my is are was were be been has have had will would "
    "could should can may might must into onto about over under between".split())
_END = re.compile(r"[.!?…]['\")\]]*$|[.!?…]$|:$")


def looks_truncated(s: Sentence, is_first: bool) -> str | None:
    """The reason a sentence looks cut off, or None (``is_first``: it opens the text or stands alone
    as a paragraph, where a headline needs no full stop)."""
    text = s.norm.rstrip()
    words = text.split()
    if not words or _END.search(text) or text.startswith(("#", "-", "*", "|", ">")):
        return None
    last = re.sub(r"\W+$", "", words[-1]).lower()
    if last in DANGLING:
        return f'it ends on "{words[-1]}", with no closing punctuation'
    if is_first and len(words) <= 20:
        return None  # a headline, a caption or a list item: a line of its own
    if len(words) >= 6 and text[-1].isalnum():
        return "it ends without closing punctuation"
    return None


_DOUBLED = re.compile(r"\b([A-Za-z]+(?:'[a-z]+)?)\s+(\1)\b", re.IGNORECASE)
# doubled words that English allows
_DOUBLE_OK = frozenset("had that is do bye ha no very so really many far knock tut".split())


def glued(sentences: list[Sentence]) -> list[tuple[Sentence, str]]:
    """Sentences followed, in the same paragraph, by another with no space between them
    ("Monday.It agreed"): the segmenter splits them, and the lost space is the defect."""
    out = []
    for s, nxt in itertools.pairwise(sentences):
        if nxt.paragraph == s.paragraph and nxt.start == s.end and s.norm[-1:] in '.!?"\'' and nxt.norm[:1].isupper():
            junction = f"{s.norm.split()[-1]}{nxt.norm.split()[0]}"
            out.append((s, f'"{junction}" runs two sentences together with no space between them'))
    return out


def doubled_word(s: Sentence, is_first: bool) -> str | None:
    for m in _DOUBLED.finditer(s.norm):
        word = m.group(1)
        is_name = word[0].isupper() and m.group(2)[0].isupper() and word.lower() not in DANGLING
        if word.lower() in _DOUBLE_OK or is_name:
            continue  # "had had", "that that"; names such as "Bora Bora"
        return f'"{m.group(0)}" repeats a word'
    return None


Detector = Callable[[Sentence, bool], "str | None"]
DETECTORS: list[tuple[str, Detector, str]] = [
    ("FC250", looks_truncated, "this sentence looks cut off: {reason}."),
    ("FC253", doubled_word, "{reason}."),
]


def check_defects(ctx: CheckContext) -> list[Finding]:
    """Every detector over every sentence (furniture aside), glued sentences, and the quotation marks
    of every version."""
    out = []
    statements = [[s for s in sents if s.furniture is None] for sents in ctx.sentences]
    for rule, detect, template in DETECTORS:
        found = [(s, detect(s, s.index == 0 or _alone_in_paragraph(ctx, s))) for sents in statements for s in sents]
        out += _once(ctx, rule, template, [(s, reason) for s, reason in found if reason is not None])
    out += _once(ctx, "FC251", "{reason}.", [hit for sents in ctx.sentences for hit in glued(sents)], alone=True)
    never_closed = "a quotation mark opens here and is never closed"
    out += _once(ctx, "FC252", "{reason}.", [(s, never_closed) for sents in ctx.sentences for s in unclosed(sents)])
    return out


def _alone_in_paragraph(ctx: CheckContext, s: Sentence) -> bool:
    """A line that is a paragraph by itself: a headline, a caption or a list item, which need no full stop."""
    sents = ctx.sentences[s.version]
    before = s.index == 0 or sents[s.index - 1].paragraph != s.paragraph
    after = s.index + 1 == len(sents) or sents[s.index + 1].paragraph != s.paragraph
    return before and after


def _once(ctx: CheckContext, rule: str, template: str, hits: list[tuple[Sentence, str]],
          alone: bool = False) -> list[Finding]:
    """One finding per distinct sentence and slot, naming the other versions that have it too
    (``alone``: the defect lies outside the sentence, so each version is reported for itself).

    A defect that every version has in that slot is not a difference between the versions: it is
    reported at info and can never fail a build."""
    out = []
    done: set[tuple[int | None, str]] = set()
    having: dict[tuple[int | None, str], set[int]] = {}
    for s, reason in hits:
        having.setdefault((ctx.group_of(s), reason), set()).add(s.version)
    # versions by name, so that which version is named first does not depend on the order of the files
    for s, reason in sorted(hits, key=lambda h: (ctx.versions[h[0].version].sort_key, h[0].index)):
        gid = ctx.group_of(s)
        key = (gid, s.norm + (f"\x1f{s.version}" if alone else ""))
        if key in done:
            continue
        done.add(key)
        vid, copies = (ctx.versions[s.version].id, []) if alone else ctx.named(s)
        shared = gid is not None and having[(gid, reason)] >= set(range(len(ctx.versions)))
        message = f"In {vid}, " + template.format(reason=reason)
        if shared:
            message += " Every version has it, so it is not a difference between them."
        out.append(Finding(rule, message, gid, [ctx.evidence(s)],
                           {"reason": reason, "also_in": copies, "in_every_version": shared},
                           subject=ctx.versions[s.version].id, ceiling=Severity.INFO if shared else None))
    return out
