"""Near-identical spellings of one name across and within versions (FC210).

Acronyms that are anagrams or one edit apart (UNCHR / UNHCR), names that differ
only by a hyphen or a space (Trans-Pacific / Trans Pacific), and a name replaced in place by
one a letter apart (Johanson / Johansen) are probable typos.
When the table of known acronyms knows one spelling, the other is the suspect.
"""

from __future__ import annotations

import re
from collections import defaultdict

from factcheck.checks.replacements import replacements
from factcheck.findings.finding import Finding
from factcheck.inputs.segment import Sentence
from factcheck.slots.context import CheckContext, names
from factcheck.text.acronym_table import known_acronyms
from factcheck.text.names import same_entity
from factcheck.text.spelling import one_edit_apart, respellings

_ACRONYM = re.compile(r"\b[A-Z]{3,8}\b")
_HYPHENATED = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+)+\b")


def _occurrences(ctx: CheckContext) -> tuple[dict[str, list[Sentence]], dict[str, list[Sentence]]]:
    acronyms: dict[str, list[Sentence]] = defaultdict(list)
    names: dict[str, list[Sentence]] = defaultdict(list)
    for sents in ctx.sentences:
        for s in sents:
            for m in _ACRONYM.finditer(s.norm):
                acronyms[m.group(0)].append(s)
            for m in _HYPHENATED.finditer(s.norm):
                if "-" in m.group(0):
                    names[m.group(0)].append(s)
    return acronyms, names


def check_spelling_variants(ctx: CheckContext) -> list[Finding]:
    table = known_acronyms()
    acronyms, hyphenated = _occurrences(ctx)
    out: list[Finding] = []
    tokens = sorted(acronyms)
    for i, a in enumerate(tokens):
        for b in tokens[i + 1:]:
            if len(a) < 4 or not one_edit_apart(a, b):
                continue
            if (a in table and b in table) or same_entity(a, b):
                continue  # two real bodies (UNHRC and UNHCR), or two names of one (ISIS and ISIL)
            if b in table or (a not in table and len(acronyms[b]) > len(acronyms[a])):
                suspect, likely = a, b
            else:
                suspect, likely = b, a
            out.append(_finding(ctx, suspect, likely, acronyms[suspect], acronyms[likely]))
    # a hyphenated name written elsewhere with a space
    text_index: dict[str, list[Sentence]] = defaultdict(list)
    for sents in ctx.sentences:
        for s in sents:
            for name in hyphenated:
                spaced = name.replace("-", " ")
                if spaced in s.norm:
                    text_index[name].append(s)
    for name, spaced_in in text_index.items():
        out.append(_finding(ctx, name.replace("-", " "), name, spaced_in, hyphenated[name]))
    return out + _respelled_names(ctx)


def _respelled_names(ctx: CheckContext) -> list[Finding]:
    return replacements(ctx, "FC210", "A name is spelled differently", respellings,
                        lambda found, va, vb: {"spellings": [[x, y] for x, y in found]})


def _finding(ctx: CheckContext, suspect: str, likely: str, where: list[Sentence],
             elsewhere: list[Sentence]) -> Finding:
    versions = sorted({ctx.versions[s.version].id for s in where})
    other = sorted({ctx.versions[s.version].id for s in elsewhere})
    message = (f'"{suspect}" ({names(versions)}) looks like a misspelling of "{likely}" '
               f'({names(other)}).')
    evidence = [ctx.evidence(s) for s in where[:6]] + [ctx.evidence(s) for s in elsewhere[:2]]
    return Finding("FC210", message, ctx.group_of(where[0]), evidence,
                   {"variant": suspect, "likely": likely}, subject=ctx.versions[where[0].version].id)
