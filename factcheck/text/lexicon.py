"""Lexical relations between two words, from the table derived from WordNet 3.0.

``relation("rose", "fell")`` -> antonym; ``relation("dog", "animal")`` -> hypernym (the new word is
more general: nothing new is claimed); ``relation("animal", "dog")`` -> hyponym (more specific: it
claims more); ``relation("cat", "dog")`` -> co-hyponym (two kinds of one thing: a change). Words are
lemmatised first with WordNet's own rules and irregular forms ("fell" -> "fall", "mice" -> "mouse").

The table (``factcheck/data/lexicon/wordnet.tsv.gz``, built by ``python -m training.lexicon``)
is read on the first lookup, never at import, in about 0.2 s; lookups are cached.
"""

from __future__ import annotations

import bisect
import gzip
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from factcheck.text.tables import PACKAGE

POS = ("n", "v", "a", "r")
# WordNet's detachment rules (morphy): suffix -> replacement, per part of speech
_RULES = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
          ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}
# relations in the order they are tried; the first that holds is the relation of the pair
RELATIONS = ("same", "antonym", "synonym", "hypernym", "hyponym", "holonym", "meronym", "similar",
             "derivation", "indirect-antonym", "co-hyponym", "related", "unrelated", "unknown")
MAX_UP = 12          # hypernym levels searched above a word
COHYPONYM_UP = 2     # co-hyponyms share an ancestor at most this many levels above each word
TOP_SENSES = 4       # co-hyponymy is read from each word's most frequent senses only (WordNet lists
                     # 44 senses of "fall"; rare ones would make almost any two words siblings)
ANTONYM_SENSES = 12  # opposites through synonyms are read from this many senses ("fall" is "decrease" in
                     # its eleventh verb sense, the antonym of "increase")


@dataclass(frozen=True)
class Relation:
    """How a new word stands to the old one. ``kind`` is one of RELATIONS; ``similarity`` a Wu-Palmer
    score in [0, 1] over the two words' most frequent senses (0 when unknown); ``via`` the lemmas
    that carried it; ``pos`` the part of speech it was found in; ``rank`` how far down the two
    words' sense lists it was found (0: both first senses); ``lexfile`` WordNet's lexicographer
    file of the old word's sense (``LEXFILES``)."""

    kind: str
    similarity: float = 0.0
    via: tuple[str, str] = ("", "")
    pos: str = ""
    rank: int = 0
    lexfile: str = ""


LEXFILES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
            "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
            "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
            "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
            "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
            "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather "
            "adj.ppl").split()


class Lexicon:
    """The parsed table. Build with :func:`lexicon`; the constructor takes the table's text."""

    def __init__(self, text: str) -> None:
        lines = text.split("\n")
        order = {"#": 0, "S": 1, "L": 2, "A": 3, "D": 4, "E": 5, "P": 6, "": 7}
        cut = [bisect.bisect_left(lines, k, key=lambda line: order.get(line[:1], 7)) for k in range(1, 8)]
        self._synsets: list[str] = lines[cut[0]:cut[1]]
        # lemma -> "n:ids;v:ids", parsed on lookup
        self._lemmas: dict[str, str] = dict(line[2:].split("\t", 1) for line in lines[cut[1]:cut[2]])
        self._antonyms: dict[str, set[str]] = {}
        self._derived: dict[str, set[str]] = {}
        for table, rows in ((self._antonyms, lines[cut[2]:cut[3]]), (self._derived, lines[cut[3]:cut[4]])):
            for line in rows:
                _, a, b = line.split("\t")
                table.setdefault(a, set()).add(b)
                table.setdefault(b, set()).add(a)
        self._exceptions: dict[tuple[str, str], list[str]] = {}
        for line in lines[cut[4]:cut[5]]:
            _, pos, form, base = line.split("\t")
            self._exceptions.setdefault((pos, form), []).append(base)
        self._polarity: dict[str, int] = {}
        for line in lines[cut[5]:cut[6]]:
            _, lemma, sign = line.split("\t")
            self._polarity[lemma] = int(sign)

    @lru_cache(maxsize=65536)  # noqa: B019
    def _pos_senses(self, lemma: str) -> dict[str, tuple[int, ...]]:
        raw = self._lemmas.get(lemma)
        if raw is None:
            return {}
        return {part[0]: tuple(int(x) for x in part[2:].split()) for part in raw.split(";")}

    # -- the table ---------------------------------------------------------------------------
    @lru_cache(maxsize=65536)  # noqa: B019 (one Lexicon per process, kept for its lifetime)
    def _synset(self, sid: int) -> tuple[str, tuple[int, ...], tuple[int, ...], tuple[int, ...], str]:
        """(pos, hypernyms, similar, part-of, lexicographer file)"""
        _, pos, lexfile, _, hyper, similar, parts = self._synsets[sid].split("\t")
        h, si, pa = (tuple(int(x) for x in f.split()) for f in (hyper, similar, parts))
        return pos, h, si, pa, LEXFILES[int(lexfile)] if int(lexfile) < len(LEXFILES) else ""

    def senses(self, lemma: str, pos: str) -> tuple[int, ...]:
        return self._pos_senses(lemma).get(pos, ())

    def words_of(self, sid: int) -> frozenset[str]:
        """The lemmas of a synset."""
        return self._words_of(sid)

    def hypernyms(self, sid: int) -> tuple[int, ...]:
        return self._synset(sid)[1]

    @lru_cache(maxsize=65536)  # noqa: B019
    def top_senses(self, word: str) -> tuple[int, ...]:
        """The word's most frequent senses (TOP_SENSES per lemma and part of speech)."""
        return tuple(sid for ids in self._senses_of(word, TOP_SENSES).values() for sid in ids)

    def hyponyms(self, sid: int) -> tuple[int, ...]:
        """The synsets directly below ``sid`` (the reverse index is built on first use)."""
        return self._hyponym_index().get(sid, ())

    @lru_cache(maxsize=1)  # noqa: B019
    def _hyponym_index(self) -> dict[int, tuple[int, ...]]:
        out: dict[int, list[int]] = {}
        for sid in range(len(self._synsets)):
            for h in self._synset(sid)[1]:
                out.setdefault(h, []).append(sid)
        return {k: tuple(v) for k, v in out.items()}

    def polarity(self, word: str) -> int:
        """+1 (good, more, up), -1 (bad, less, down) or 0, from the word's lemmas."""
        signs = {self._polarity.get(x, 0) for v in self.lemmas(word).values() for x in v} - {0}
        return signs.pop() if len(signs) == 1 else 0

    def antonyms(self, lemma: str) -> frozenset[str]:
        return frozenset(self._antonyms.get(lemma, ()))

    def known(self, word: str) -> bool:
        return bool(self.lemmas(word))

    # -- lemmatising -------------------------------------------------------------------------
    @lru_cache(maxsize=65536)  # noqa: B019
    def lemmas(self, word: str) -> dict[str, tuple[str, ...]]:
        """Part of speech -> the word's lemmas in WordNet (morphy: the irregular forms, then the
        detachment rules, keeping only forms WordNet has)."""
        w = word.lower().strip().replace(" ", "_").replace("-", "_")
        out: dict[str, tuple[str, ...]] = {}
        for pos in POS:
            found: list[str] = []
            for cand in [w, *self._exceptions.get((pos, w), [])] + [
                    w[: -len(suf)] + rep for suf, rep in _RULES[pos] if w.endswith(suf) and len(w) > len(suf) + 1]:
                if cand not in found and pos in self._pos_senses(cand):
                    found.append(cand)
            if found:
                out[pos] = tuple(found)
        return out

    @lru_cache(maxsize=65536)  # noqa: B019
    def _ranked(self, word: str) -> dict[str, tuple[tuple[int, int], ...]]:
        """Part of speech -> (synset, rank) over all the word's lemmas, rank = place in that lemma's
        sense list ("fell" is both the verb "fell" and a form of "fall": both first senses rank 0)."""
        out: dict[str, tuple[tuple[int, int], ...]] = {}
        for pos, lemmas in self.lemmas(word).items():
            seen: dict[int, int] = {}
            for lemma in lemmas:
                for rank, sid in enumerate(self.senses(lemma, pos)):
                    seen[sid] = min(rank, seen.get(sid, rank))
            out[pos] = tuple(sorted(seen.items(), key=lambda x: (x[1], x[0])))
        return out

    def _senses_of(self, word: str, top: int | None = None) -> dict[str, list[int]]:
        return {pos: [sid for sid, rank in ranked if top is None or rank < top]
                for pos, ranked in self._ranked(word).items()}

    # -- the graph ---------------------------------------------------------------------------
    @lru_cache(maxsize=65536)  # noqa: B019
    def ancestors(self, sid: int) -> dict[int, int]:
        """Hypernym ancestors (instance hypernyms included) -> fewest steps up to them."""
        out = {sid: 0}
        frontier = [sid]
        for step in range(1, MAX_UP + 1):
            nxt = []
            for s in frontier:
                for h in self._synset(s)[1]:
                    if h not in out:
                        out[h] = step
                        nxt.append(h)
            if not nxt:
                break
            frontier = nxt
        return out

    @lru_cache(maxsize=65536)  # noqa: B019
    def depth(self, sid: int) -> int:
        """Steps from the synset up to its root (the longest chain that MAX_UP allows)."""
        return max(self.ancestors(sid).values())

    def _wup(self, a: int, b: int) -> float:
        """Wu-Palmer similarity: 2 * depth(lowest common ancestor) / (depth(a) + depth(b))."""
        up_a, up_b = self.ancestors(a), self.ancestors(b)
        common = up_a.keys() & up_b.keys()
        if not common:
            return 0.0
        lcs = max(common, key=lambda c: (self.depth(c), -up_a[c] - up_b[c]))
        da, db = up_a[lcs] + self.depth(lcs) + 1, up_b[lcs] + self.depth(lcs) + 1
        return 2 * (self.depth(lcs) + 1) / (da + db)

    def _parts(self, sid: int) -> set[int]:
        """Everything the synset (or an instance of it) is part of, up to three steps."""
        out: set[int] = set()
        frontier = {sid}
        for _ in range(3):
            frontier = {p for s in frontier for p in self._synset(s)[3]} - out
            out |= frontier
        return out

    # -- relations ---------------------------------------------------------------------------
    @lru_cache(maxsize=65536)  # noqa: B019
    def relation(self, old: str, new: str) -> Relation:
        """How ``new`` stands to ``old`` (see RELATIONS), trying every shared part of speech."""
        lo, ln = self.lemmas(old), self.lemmas(new)
        if not lo or not ln:
            return Relation("unknown")
        lemmas_o = {x for v in lo.values() for x in v}
        lemmas_n = {x for v in ln.values() for x in v}
        so, sn = self._senses_of(old), self._senses_of(new)
        shared = [p for p in POS if p in so and p in sn]
        top_o, top_n = self._senses_of(old, TOP_SENSES), self._senses_of(new, TOP_SENSES)
        sim = max((self._wup(a, b) for p in shared if p in ("n", "v") for a in top_o[p] for b in top_n[p]),
                  default=0.0)
        via = (min(lemmas_o), min(lemmas_n))

        def found(kind: str, tests: list[tuple[str, Callable[[int, int], bool]]], similarity: float = sim,
                  top: int | None = None) -> Relation | None:
            best: tuple[int, str, int] | None = None
            ro, rn = self._ranked(old), self._ranked(new)
            for p, test in tests:
                for a, i in ro[p]:
                    for b, j in rn[p]:
                        if (top is None or (i < top and j < top)) and (best is None or i + j < best[0]) \
                                and test(a, b):
                            best = (i + j, p, a)
            if best is None:
                return None
            return Relation(kind, similarity, via, best[1], best[0], self._synset(best[2])[4])

        if lemmas_o & lemmas_n:
            x = min(lemmas_o & lemmas_n)
            return Relation("same", 1.0, (x, x), next(p for p in POS if p in lo and x in lo[p]))
        for a in sorted(lemmas_o):
            hit = sorted(self._antonyms.get(a, set()) & lemmas_n)
            if hit:
                pos = next((p for p in shared if a in lo[p] and hit[0] in ln[p]), "")
                return Relation("antonym", 0.0, (a, hit[0]), pos)
        checks: list[tuple[str, Callable[[int, int], bool]]]
        for kind, checks in (
                ("synonym", [(p, lambda a, b: a == b) for p in shared]),
                ("hypernym", [(p, lambda a, b: b in self.ancestors(a)) for p in shared]),
                ("hyponym", [(p, lambda a, b: a in self.ancestors(b)) for p in shared]),
                ("holonym", [("n", lambda a, b: b in self._parts(a))] if "n" in shared else []),
                ("meronym", [("n", lambda a, b: a in self._parts(b))] if "n" in shared else []),
                ("similar", [(p, lambda a, b: b in self._synset(a)[2] or a in self._synset(b)[2]) for p in shared])):
            rel = found(kind, checks, 1.0 if kind == "synonym" else sim)
            if rel is not None:
                return rel
        if any(self._derived.get(a, set()) & lemmas_n for a in lemmas_o):
            return Relation("derivation", sim, via, shared[0] if shared else "")
        rel = found("indirect-antonym", [(p, self._opposed) for p in shared], top=ANTONYM_SENSES)
        if rel is not None:
            return rel
        rel = found("co-hyponym", [(p, self._cohyponym) for p in shared if p in ("n", "v")], top=TOP_SENSES)
        if rel is not None:
            return rel
        if not shared:
            kind = "derivation" if self._cross_pos_derived(lemmas_o, lemmas_n) else "unrelated"
            return Relation(kind, 0.0, via)
        return Relation("related" if sim >= 0.8 else "unrelated", sim, via, shared[0])

    def _cross_pos_derived(self, a: Iterable[str], b: set[str]) -> bool:
        return any(self._derived.get(x, set()) & b for x in a)

    def _cohyponym(self, a: int, b: int) -> bool:
        up_a = {s for s, d in self.ancestors(a).items() if 1 <= d <= COHYPONYM_UP}
        return bool(up_a & {s for s, d in self.ancestors(b).items() if 1 <= d <= COHYPONYM_UP})

    def _opposed(self, a: int, b: int) -> bool:
        """Senses whose words, or the words of their similar senses (an adjective's head), are
        antonyms: "soggy" is similar to "wet", whose antonym is "dry"; "thriving" and "struggling"."""
        wa = self._words_of(a) | {w for s in self._synset(a)[2] for w in self._words_of(s)}
        wb = self._words_of(b) | {w for s in self._synset(b)[2] for w in self._words_of(s)}
        if any(self._antonyms.get(x, set()) & wb for x in wa):
            return True
        # synonyms of the antonym: "decline" and "decrease" both mean "diminution"; "increase" is the
        # antonym of "decrease"
        pos = self._synset(a)[0]
        return bool(self._antonym_words(wa, pos) & self._words_of(b)) or \
            bool(self._antonym_words(wb, pos) & self._words_of(a))

    def _antonym_words(self, words: frozenset[str] | set[str], pos: str) -> set[str]:
        return {w for x in words for y in self._antonyms.get(x, ()) for sid in self.senses(y, pos)[:TOP_SENSES]
                for w in self._words_of(sid)}

    @lru_cache(maxsize=65536)  # noqa: B019
    def _words_of(self, sid: int) -> frozenset[str]:
        return frozenset(self._synsets[sid].split("\t")[3].split())


def _read_table() -> str:
    return gzip.decompress((PACKAGE / "data" / "lexicon" / "wordnet.tsv.gz").read_bytes()).decode("utf-8")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The shipped table, loaded once on first use."""
    return Lexicon(_read_table())


def relation(old: str, new: str) -> Relation:
    """How the word ``new`` stands to the word ``old`` it replaced (see RELATIONS)."""
    return lexicon().relation(old, new)
