"""Quotations: text in quotation marks is meant to be verbatim (FC240 to FC244).

Within a slot, each quote of one version is paired with the most similar quote of another.
Changed words are an error, changed punctuation only is info, and words in square brackets
inside a quote that the other version does not have are an editorial insertion (warning).
A paired quote given to a different named speaker is an error (FC243); words one version
quotes that another gives as its own unquoted paraphrase are a warning (FC244).
"""

from __future__ import annotations

from factcheck.findings.finding import Finding
from factcheck.slots.context import CheckContext, SlotTexts
from factcheck.text.certainty import negations
from factcheck.text.content import STOPWORDS, names, stem
from factcheck.text.lexicon import lexicon
from factcheck.text.pair import word_diff
from factcheck.text.quantities import extract
from factcheck.text.quotes import BRACKETS, WORD, Quote, quotes
from factcheck.text.speech import mask_quotes, named, same_speaker, speakers


def _bare(text: str) -> str:
    return " ".join(BRACKETS.sub(" ", text).split())


def _overlap(a: Quote, b: Quote) -> float:
    wa, wb = set(a.words), set(b.words)
    return len(wa & wb) / max(1, len(wa | wb))


def _diff(a: list[str], b: list[str]) -> tuple[list[str], list[str]]:
    gone, new = [], []
    for op, i1, i2, j1, j2 in word_diff(tuple(a), tuple(b)).opcodes:
        if op != "equal":
            gone += a[i1:i2]
            new += b[j1:j2]
    return gone, new


def quote_change(a: Quote, b: Quote, gone: list[str], new: list[str]) -> str:
    """What the rewording of a quotation changes: ``value`` (a figure, a name or a negation in it differs),
    ``inflection`` (the same words in another form: "hand" / "hands") or ``wording``."""
    if sorted((q.kind, q.value) for q in extract(a.text)) != sorted((q.kind, q.value) for q in extract(b.text)) \
            or set(names(a.text)) != set(names(b.text)) or negations(a.text) != negations(b.text) \
            or _name_swapped(a.text, b.text):
        return "value"
    if sorted(stem(w) for w in gone) == sorted(stem(w) for w in new):
        return "inflection"
    return "wording"


def _name_swapped(a: str, b: str) -> bool:
    """Whether a word written with a capital in both quotations, and no word of the dictionary, was replaced
    by another such word: a name, even where it opens the quotation ("Woodhouse will decide" / "Coleman
    will decide"), where ``names`` cannot tell a name from a capitalised first word."""
    ta, tb = WORD.findall(a), WORD.findall(b)
    for op, i1, i2, j1, j2 in word_diff(tuple(w.lower() for w in ta), tuple(w.lower() for w in tb)).opcodes:
        if op == "replace" and i2 - i1 == j2 - j1:
            for x, y in zip(ta[i1:i2], tb[j1:j2], strict=True):
                if x[:1].isupper() and y[:1].isupper() and not _common(x) and not _common(y):
                    return True
    return False


def _common(word: str) -> bool:
    return word.lower() in STOPWORDS or lexicon().known(word.lower())


def _said(words: list[str]) -> str:
    return f'"{" ".join(words)}"' if words else "nothing"


def _as_written(words: list[str], quote: Quote) -> list[str]:
    """The diff's words (lower-case) as the quotation writes them ("Woodhouse", not "woodhouse")."""
    written = {w.lower(): w for w in WORD.findall(BRACKETS.sub(" ", quote.text))}
    return [written.get(w, w) for w in words]


def check_quotes(ctx: CheckContext) -> list[Finding]:
    """Quotes compared between the distinct texts of each slot (not every pair of versions), so that
    many versions sharing a text give one finding."""
    out = []
    for g, texts in ctx.changed_slots():
        qs = {v: [q for s in texts.sents[v] for q in quotes(s.norm)] for v in texts.reps}
        paraphrased: dict[tuple[str, ...], tuple[Quote, list[int], list[int]]] = {}
        for ref, other in texts.pairs():
            out += _compare(ctx, g.id, ref, other, texts, qs)
            out += _speaker_changed(ctx, g.id, ref, other, texts, qs)
            for quoting, plain in ((ref, other), (other, ref)):
                for q in _quoted_paraphrase(quoting, plain, texts, qs):
                    _, by, unquoted = paraphrased.setdefault(tuple(q.words), (q, [], []))
                    by += [quoting] if quoting not in by else []
                    unquoted += [plain] if plain not in unquoted else []
        out += [_paraphrase_finding(ctx, g.id, texts, *found) for found in paraphrased.values()]
    return out


def _speaker_changed(ctx: CheckContext, gid: int, a: int, b: int, texts: SlotTexts,
                     qs: dict[int, list[Quote]]) -> list[Finding]:
    """FC243: a quote of ``a`` paired with one of ``b`` and given to another named speaker."""
    best = max((_overlap(qa, qb) for qa in qs[a] for qb in qs[b]), default=0.0)
    if best < 0.5:
        return []
    na, nb = named(speakers(texts.text(a))), named(speakers(texts.text(b)))
    if not na or not nb or any(same_speaker(x, y) for x in na for y in nb):
        return []
    return [Finding("FC243", f"The same quotation is attributed to {', '.join(na)} in {texts.labels[a]} but to "
                    f"{', '.join(nb)} in {texts.labels[b]}.", gid,
                    ctx.slot_evidence(texts, a, b),
                    # the very words of one quotation: surely one quotation, whatever was rewritten around it
                    {"speakers": {ctx.versions[a].id: na, ctx.versions[b].id: nb}, "one_fact": best >= 0.9})]


def _quoted_paraphrase(quoting: int, other: int, texts: SlotTexts, qs: dict[int, list[Quote]]) -> list[Quote]:
    """Quotes of ``quoting`` (three words or more) with no counterpart quote in ``other``, whose
    words ``other`` has, in order, outside quotation marks."""
    plain = [w.lower() for w in WORD.findall(mask_quotes(texts.text(other)))]
    return [q for q in qs[quoting] if len(q.words) >= 3 and not any(_overlap(q, qb) >= 0.5 for qb in qs[other])
            and _matched_in_order(q.words, plain) >= 0.8]


def _paraphrase_finding(ctx: CheckContext, gid: int, texts: SlotTexts, q: Quote, quoting: list[int],
                        plain: list[int]) -> Finding:
    """FC244, once per quotation, naming every text that quotes it and every text that does not."""
    by = " and ".join(texts.labels[v] for v in quoting)
    unquoted = " and ".join(texts.labels[v] for v in plain)
    return Finding("FC244", f'{by} put{"s" if len(quoting) == 1 else ""} "{q.text}" in quotation marks where '
                   f"{unquoted} give{'s' if len(plain) == 1 else ''} the same words as unquoted paraphrase: "
                   "check that they are the speaker's own.", gid,
                   ctx.slot_evidence(texts, *quoting, *plain), {"quote": q.text},
                   subject=ctx.versions[quoting[0]].id)


def _matched_in_order(words: list[str], text: list[str]) -> float:
    # runs of two words or more, so that scattered "the" and "of" do not add up to a match
    return sum(size for _, _, size in word_diff(tuple(words), tuple(text)).blocks if size >= 2) / len(words)


def _compare(ctx: CheckContext, gid: int, ref: int, other: int, texts: SlotTexts,
             qs: dict[int, list[Quote]]) -> list[Finding]:
    """Findings for the quotes of version ``ref`` against their closest quotes in ``other``."""
    out = []
    a_id, b_id = texts.labels[ref], texts.labels[other]
    evidence = ctx.slot_evidence(texts, ref, other)
    for qa in qs[ref]:
        ranked = sorted(qs[other], key=lambda qb: -_overlap(qa, qb))
        if not ranked or _overlap(qa, ranked[0]) < 0.5:
            continue
        best = ranked[0]
        for q, where, other_q, who in ((qa, a_id, best, ref), (best, b_id, qa, other)):
            extra = [b for b in q.brackets if b not in other_q.brackets]
            if extra:
                out.append(Finding("FC241", f"{where} inserts {', '.join(extra)} inside a quotation "
                                   "that the other version quotes without it.", gid, evidence, {"inserted": extra},
                                   subject=ctx.versions[who].id, about=Finding.words(*extra)))
        if qa.words != best.words:
            gone, new = _diff(qa.words, best.words)
            out.append(Finding("FC240", f'A quotation is worded differently: {a_id} has '
                               f'{_said(_as_written(gone, qa))} where {b_id} has {_said(_as_written(new, best))}.',
                               gid, evidence,
                               {"removed": gone, "added": new, "change": quote_change(qa, best, gone, new)},
                               about=Finding.words(*gone, *new)))
        elif _bare(qa.text) != _bare(best.text):
            out.append(Finding("FC242", f"A quotation's punctuation differs between {a_id} and {b_id}.",
                               gid, evidence, {}))
    return out
