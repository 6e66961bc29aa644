"""Synthetic edits of real sentences for the edit judge, each labelled by what the edit does.

Edits that keep the facts (y = 0): a WordNet synonym or a more general word swapped in, a phrase
moved, a contraction opened or closed, a number written in words, a modifier dropped, a speech verb
changed. Edits that change them (y = 1): a number, a name, an opposite (WordNet antonym or the
project's table), a negation, a sibling kind (co-hyponym: "cat" -> "dog"), a more specific word
(the new text claims more), a claim added from another sentence, a hedge. Every edit is a pure
function ``(sentence, rng, pool) -> str | None``: None when it does not apply.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from factcheck.text.lexicon import lexicon
from factcheck.text.opposites import opposites
from factcheck.text.tokens import STOPWORDS, tokenize
from training.judge_data import Example, doc_id

_WORD = re.compile(r"\b[a-z]{4,}\b")
_NAME = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)\b")
_DIGITS = re.compile(r"(?<![\w.,$])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w])")
_NUMBER_WORDS = ("two three four five six seven eight nine ten eleven twelve").split()
_AUX = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|did|does|do)\b(?! not)")
_NEG = re.compile(r"\b(is|are|was|were|has|have|had|will|would|can|could|should|did|does|do) not\b")
_CONTRACT = [("do not", "don't"), ("does not", "doesn't"), ("did not", "didn't"), ("is not", "isn't"),
             ("are not", "aren't"), ("was not", "wasn't"), ("will not", "won't"), ("can not", "can't"),
             ("it is", "it's"), ("has not", "hasn't"), ("have not", "haven't"), ("would not", "wouldn't")]
_SPEECH = [("said", "stated"), ("said", "told reporters"), ("says", "states"), ("told", "informed"),
           ("announced", "said"), ("added", "said")]
_HEDGE = [("will", "may"), ("is", "may be"), ("are", "might be"), ("has", "may have"), ("confirmed", "suggested")]
_FRONT = re.compile(r"^(On|In|At|After|During|Before|Last|This|Since) ([^,]{3,40}), ([a-z].*)$")
_BACK = re.compile(r"^(.{20,}?) ((?:on|in|at|last|this) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                   r"Sunday|January|February|March|April|May|June|July|August|September|October|November|"
                   r"December|week|month|year|\d{4})[^,]{0,20})([.!?])$")
_ADVERB = re.compile(r" (?!(?:only|early|family|daily|weekly|monthly|likely|unlikely|reply|supply|apply|ally|"
                     r"rely|july|italy|holy|fly|belly|jolly|bully)\b)[a-z]{4,}ly\b")

Edit = Callable[[str, random.Random, Sequence[str]], str | None]


@dataclass(frozen=True)
class Made:
    new: str
    y: int
    edit: str


def _swap_word(s: str, rng: random.Random, pick: Callable[[str], str | None], tries: int = 8) -> str | None:
    words = [m for m in _WORD.finditer(s) if m.group(0) not in STOPWORDS]
    rng.shuffle(words)
    for m in words[:tries]:
        new = pick(m.group(0))
        if new and new != m.group(0) and "_" not in new:
            return s[:m.start()] + new + s[m.end():]
    return None


def _inflected(word: str, lemma: str, target: str) -> str | None:
    """``target`` in the form ``word`` has as an inflection of ``lemma`` (plurals, -ed, -ing, -s)."""
    if word == lemma:
        return target
    for suffix in ("s", "es", "ed", "ing"):
        if word == lemma + suffix or (suffix in ("ed", "ing") and word == lemma.rstrip("e") + suffix):
            base = target.rstrip("e") if suffix in ("ed", "ing") and target.endswith("e") else target
            return base + suffix
    return None


def _related(word: str, rng: random.Random, how: str, parts: str = "nva") -> str | None:
    """A word related to ``word`` through its first sense: synonym, hypernym, hyponym or sibling (of the
    parts of speech in ``parts``)."""
    lex = lexicon()
    lemmas = lex.lemmas(word)
    if len(set(lemmas) - {"r"}) != 1:
        return None  # a word of two parts of speech: its first sense here may not be its sense there
    for pos in ("n", "v", "a"):
        if pos not in lemmas or pos not in parts or (how in ("hypernym", "hyponym", "sibling") and pos == "a"):
            continue
        lemma = lemmas[pos][0]
        senses = lex.senses(lemma, pos)
        if not senses:
            continue
        first = senses[0]
        if how == "synonym":
            options = sorted(lex.words_of(first) - {lemma})
        elif how == "hypernym":
            options = sorted(w for h in lex.hypernyms(first) for w in lex.words_of(h))
        elif how == "hyponym":
            options = sorted(w for sid in lex.hyponyms(first) for w in lex.words_of(sid))
        else:
            options = sorted(w for h in lex.hypernyms(first) for sib in lex.hyponyms(h) if sib != first
                             for w in lex.words_of(sib))
        options = [o for o in options if "_" not in o and o != lemma and len(o) > 2]
        if options:
            out = _inflected(word, lemma, rng.choice(options))
            if out:
                return out
    return None


def synonym(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    out = s
    changed = 0
    for _ in range(rng.choice((1, 2, 3))):
        nxt = _swap_word(out, rng, lambda w: _related(w, rng, "synonym"))
        if nxt:
            out, changed = nxt, changed + 1
    return out if changed else None


def general(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    return _swap_word(s, rng, lambda w: _related(w, rng, "hypernym"))


def specific(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    return _swap_word(s, rng, lambda w: _related(w, rng, "hyponym"))


def sibling(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    return _swap_word(s, rng, lambda w: _related(w, rng, "sibling"))


def noun_sibling(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    """A thing for another of its kind ("manslaughter" / "murder", "sales" / "profits"): verbs are left
    out, since two verbs of one kind are often two words for one act ("underscored" / "highlighted")."""
    return _swap_word(s, rng, lambda w: _related(w, rng, "sibling", parts="n"))


def antonym(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    table = opposites()

    def pick(w: str) -> str | None:
        if w in table:
            return rng.choice(sorted(table[w]))
        lex = lexicon()
        for lemmas in lex.lemmas(w).values():
            opp = sorted(lex.antonyms(lemmas[0]))
            if opp:
                return _inflected(w, lemmas[0], rng.choice(opp))
        return None

    return _swap_word(s, rng, pick, tries=20)


def number(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    matches = list(_DIGITS.finditer(s))
    if not matches:
        words = [m for m in re.finditer(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", s)]
        if not words:
            return None
        m = rng.choice(words)
        return s[:m.start()] + rng.choice([w for w in _NUMBER_WORDS if w != m.group(1)]) + s[m.end():]
    m = rng.choice(matches)
    value = int(m.group(1).replace(",", ""))
    if 1900 <= value <= 2030:
        new = value + rng.choice((-3, -2, -1, 1, 2, 5))
    else:
        new = rng.choice((value + rng.randint(1, 9), value * 2, max(1, value // 2), value * 10))
    text = f"{new:,}" if "," in m.group(1) else str(new)
    return s[:m.start(1)] + text + s[m.end(1):] if new != value else None


def name(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    found = list(_NAME.finditer(s))
    if not found or not pool:
        return None
    m = rng.choice(found)
    other = [p for p in pool if p not in s and (" " in p) == (" " in m.group(1))]
    return s[:m.start()] + rng.choice(other) + s[m.end():] if other else None


def negation(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    if _NEG.search(s):
        return _NEG.sub(lambda m: m.group(1), s, count=1)
    m = list(_AUX.finditer(s))
    if not m:
        return None
    x = rng.choice(m)
    return s[:x.end()] + " not" + s[x.end():]


def hedge(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    options = [(a, b) for a, b in _HEDGE if re.search(rf"\b{a}\b", s)]
    if not options:
        return None
    a, b = rng.choice(options)
    return re.sub(rf"\b{a}\b", b, s, count=1)


def added_claim(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    others = [p for p in pool if p != s and 5 <= len(p.split()) <= 25]
    if not others or not s.endswith("."):
        return None
    extra = rng.choice(others).rstrip(".!?")
    extra = extra[0].lower() + extra[1:] if not extra[:2].isupper() else extra
    return s[:-1] + rng.choice((", and ", "; ", ", while ")) + extra + "."


def reorder(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    m = _FRONT.match(s)
    if m:
        rest = m.group(3).rstrip(".!?")
        return rest[0].upper() + rest[1:] + f" {m.group(1).lower()} {m.group(2)}."
    m = _BACK.match(s)
    if m and not m.group(1)[:2].isupper():
        head = m.group(2)
        return head[0].upper() + head[1:] + ", " + m.group(1)[0].lower() + m.group(1)[1:] + m.group(3)
    return None


def contraction(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    for a, b in rng.sample(_CONTRACT, len(_CONTRACT)):
        if re.search(rf"\b{re.escape(a)}\b", s):
            return re.sub(rf"\b{re.escape(a)}\b", b, s, count=1)
        if b in s:
            return s.replace(b, a, 1)
    return None


def number_words(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    from factcheck.text.quantities import to_words

    m = re.search(r"(?<![\w.,$])([2-9]|1[0-9]|[2-9]0)(?![\w.,%])", s)
    return s[:m.start()] + to_words(int(m.group(1))) + s[m.end():] if m else None


def drop_modifier(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    found = list(_ADVERB.finditer(s))
    if found:
        m = rng.choice(found)
        return s[:m.start()] + s[m.end():]
    lex = lexicon()
    toks = tokenize(s)
    for i in range(len(toks) - 1):
        t, nxt = toks[i], toks[i + 1]
        if t.is_content and t.is_word and not t.capitalised and set(lex.lemmas(t.key)) == {"a"} \
                and "n" in lex.lemmas(nxt.key):
            return (s[:t.start] + s[nxt.start:]).replace("  ", " ")
    return None


def speech_verb(s: str, rng: random.Random, pool: Sequence[str]) -> str | None:
    options = [(a, b) for a, b in _SPEECH if re.search(rf"\b{a}\b", s)]
    if not options:
        return None
    a, b = rng.choice(options)
    return re.sub(rf"\b{a}\b", b, s, count=1)


KEEPS: dict[str, Edit] = {"synonym": synonym, "general": general, "reorder": reorder,
                          "contraction": contraction, "number_words": number_words,
                          "drop_modifier": drop_modifier, "speech_verb": speech_verb}
CHANGES: dict[str, Edit] = {"number": number, "name": name, "antonym": antonym, "negation": negation,
                            "sibling": sibling, "specific": specific, "added_claim": added_claim, "hedge": hedge,
                            "noun_sibling": noun_sibling}


def names_in(sentences: Sequence[str]) -> list[str]:
    return sorted({m.group(1) for s in sentences for m in _NAME.finditer(s)})


def make_edits(sentences: Sequence[str], seed: int, domain: str = "synthetic") -> list[Example]:
    """One edit per sentence (5 to 40 words), alternately one that keeps the facts and one that
    changes them, the edit chosen at random among those that apply."""
    rng = random.Random(seed)
    names = names_in(sentences)
    out: list[Example] = []
    for n, s in enumerate(sentences):
        if not 5 <= len(s.split()) <= 40:
            continue
        y = n % 2
        edits = list((CHANGES if y else KEEPS).items())
        rng.shuffle(edits)
        for kind, fn in edits:
            pool: Sequence[str] = names if kind == "name" else sentences
            new = fn(s, rng, pool)
            if new and new != s:
                out.append(Example(s, new, y, domain, doc_id(s), "", (), f"synthetic:{kind}"))
                break
    return out
