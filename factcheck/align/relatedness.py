"""Whether the versions are versions of one story at all.

Two files that are different stories align almost nowhere, and comparing them gives a flood of
"only in" findings that mean nothing. A version is unrelated when, against every other version,
it shares few aligned slots (``MIN_SHARED`` of its sentences) and its sentences are not similar
either (mean best cosine under ``MIN_SIMILARITY``): both must fail, so that a heavy rewrite of a
short text is still compared.

Two stories on one subject can share word for word the background paragraphs an agency appends to
every story on it ("Zika is spread mainly by mosquitoes ...") and still be two stories: a first case
in Portugal and a first case in Chile. Such a pair is unrelated too when each lede (a version's first
statement) names someone or something (``distinctive``) that the other version never names, and what
the two versions word differently names several such things and shares no name but the background's
(``_other_ledes``): an update rewrites its lede, but keeps some of the places, bodies and people it is
about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from factcheck.align.grouping import AlignedGroup
from factcheck.align.similarity import row_max
from factcheck.errors import InputError
from factcheck.inputs.segment import Sentence
from factcheck.text.content import names
from factcheck.text.furniture import mask_dateline
from factcheck.text.quantities import MONTHS, WEEKDAYS

MIN_SHARED = 0.15
MIN_SIMILARITY = 0.45


@dataclass(frozen=True)
class Overlap:
    version: int
    partner: int  # the other version it shares most with
    shared: int  # its sentences in slots the partner also has
    sentences: int
    similarity: float  # mean over its sentences of the best cosine with a partner sentence
    other_lede: tuple[str, ...] = ()  # names of each lede that the other version never gives (both non-empty)

    @property
    def unrelated(self) -> bool:
        return bool(self.other_lede) or (self.shared < MIN_SHARED * self.sentences and
                                         self.similarity < MIN_SIMILARITY)


def overlaps(sentences: Sequence[Sequence[Sentence]], groups: Sequence[AlignedGroup],
             embeddings: Sequence[np.ndarray]) -> list[Overlap]:
    """For each version, its overlap with the version it shares the most with."""
    out = []
    n = len(sentences)
    for v in range(n):
        best: Overlap | None = None
        for w in range(n):
            if w == v:
                continue
            shared = sum(len(g.members[v]) for g in groups if g.members[v] and g.members[w])
            sim = 0.0
            if len(sentences[v]) and len(sentences[w]):
                sim = float(np.mean(row_max(embeddings[v], embeddings[w])))
            cand = Overlap(v, w, shared, len(sentences[v]), sim, _other_ledes(sentences, groups, v, w))
            if best is None or (not cand.other_lede, cand.shared, cand.similarity) > \
                    (not best.other_lede, best.shared, best.similarity):
                best = cand
        if best is not None:
            out.append(best)
    return out


_NOT_NAMES = frozenset(w.title() for w in (*MONTHS, *WEEKDAYS))


def _lede(sents: Sequence[Sentence]) -> Sentence | None:
    """A version's first statement: its first sentence of five words or more that is not furniture."""
    return next((s for s in sents if s.furniture is None and len(s.norm.split()) >= 5), None)


def distinctive(lede: str, other: str) -> list[str]:
    """The names of a lede (its first word too, when capitalised and not a common opener) that the other
    version's text never gives."""
    text = mask_dateline(lede)
    found = names(text)
    first = text.strip().split(" ", 1)[0].strip(",.;:'\"")
    if first[:1].isupper() and first.lower() not in _OPENERS and all(first not in n for n in found) and \
            _may_name(first):
        found.insert(0, first)
    low = other.casefold()
    return [n for n in dict.fromkeys(found) if n not in _NOT_NAMES and
            not any(w.casefold() in low for w in n.split() if len(w) > 2)]


def _may_name(word: str) -> bool:
    """Whether a lede's capitalised first word may be a name: not a word the dictionary knows only as
    something other than a noun ("Regularly drinking ..." names nothing; "England", "Scientists" may)."""
    from factcheck.text.lexicon import lexicon

    senses = lexicon().lemmas(word)
    return not senses or "n" in senses


_OPENERS = frozenset("the a an in on at as after before when while this that these those it its there here he she "
                     "they we i his her their our but and or so yet however meanwhile also still then now later "
                     "earlier more most some many several officials police".split())


# names each version's reworded text gives that the other never gives, for two stories on one subject
MIN_DISTINCT_NAMES = 3


def _other_ledes(sentences: Sequence[Sequence[Sentence]], groups: Sequence[AlignedGroup], v: int,
                 w: int) -> tuple[str, ...]:
    """Names of ``v``'s lede and of ``w``'s that the other version never gives, for two stories on one
    subject that share only background paragraphs word for word: each lede names something the other
    version never names, what each version words differently names at least MIN_DISTINCT_NAMES such
    things, and the names they share there are all in the shared background (the subject: a disease, a
    storm). ``()`` otherwise: an update keeps places, bodies and people of the story it updates."""
    la, lb = _lede(sentences[v]), _lede(sentences[w])
    if la is None or lb is None:
        return ()
    text_v = " ".join(s.norm for s in sentences[v])
    text_w = " ".join(s.norm for s in sentences[w])
    mine, theirs = distinctive(la.norm, text_w), distinctive(lb.norm, text_v)
    if not mine or not theirs:
        return ()
    same = {sentences[v][i].norm for g in groups if g.members[v] and g.members[w]
            if " ".join(sentences[v][i].norm for i in g.members[v]) ==
            " ".join(sentences[w][j].norm for j in g.members[w]) for i in g.members[v]}
    words_v = _name_words([s.norm for s in sentences[v] if s.norm not in same])
    words_w = _name_words([s.norm for s in sentences[w] if s.norm not in same])
    background = _name_words(list(same))
    if (words_v & words_w) - background:
        return ()
    if min(len(words_v - words_w), len(words_w - words_v)) < MIN_DISTINCT_NAMES:
        return ()
    return (*mine, *theirs)


def _name_words(texts: Sequence[str]) -> set[str]:
    """The words of the names in ``texts`` (their first words too, when capitalised and no common opener)."""
    out: set[str] = set()
    for text in texts:
        text = mask_dateline(text)
        found = names(text)
        first = text.strip().split(" ", 1)[0].strip(",.;:'\"")
        if first[:1].isupper() and first.lower() not in _OPENERS:
            found.append(first)
        out |= {w.casefold().strip(".'’") for n in found if n not in _NOT_NAMES for w in n.split() if len(w) > 2}
    return out - {"the", "and", "for"}


def require_related(names: Sequence[str], found: Sequence[Overlap]) -> None:
    """Raise InputError (FCE125) naming the first version that looks like another story."""
    for o in found:
        if o.other_lede:
            raise InputError(
                f"{names[o.version]} and {names[o.partner]} open on different subjects (their first statements "
                f"name {', '.join(o.other_lede[:4])}, each never named in the other version): they look like "
                "different stories that share background paragraphs",
                "check the files, or pass --allow-unrelated to compare them anyway", "FCE125")
        if o.unrelated:
            raise InputError(
                f"{names[o.version]} shares {o.shared} of {o.sentences} sentences with {names[o.partner]} "
                f"(mean similarity {o.similarity:.2f}): it looks like a different story",
                "check the files, or pass --allow-unrelated to compare them anyway", "FCE125")
