"""FactCC-style synthetic NLI pairs made from real sentences by small edits.

Every generator is a pure function ``(sentence, pool, rng) -> Pair | None``: it
returns ``None`` when the edit does not apply to the sentence. The label of each
edit is fixed by the kind of edit (a changed number contradicts, a dropped
clause is entailed, an added clause is neutral).

The acronym templates deliberately leave out UNHCR and UNHRC, the bodies in the
bundled example, so that the example stays an honest test of the model.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

ENTAILMENT = "entailment"
NEUTRAL = "neutral"
CONTRADICTION = "contradiction"


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: str
    edit: str


_NUMBER_WORDS = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "fifteen", "twenty", "thirty", "fifty", "hundred",
]
_WORD_VALUES = {w: i for i, w in enumerate(["zero", "one", *_NUMBER_WORDS[:11]], start=0)}
_DIGITS = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+)(?![\w])")
_NUM_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)

_ANTONYMS = [
    ("increase", "decrease"), ("increased", "decreased"), ("rose", "fell"), ("rise", "fall"),
    ("won", "lost"), ("win", "lose"), ("more", "fewer"), ("higher", "lower"),
    ("before", "after"), ("first", "last"), ("accepted", "rejected"), ("confirmed", "denied"),
    ("allowed", "banned"), ("approved", "rejected"), ("largest", "smallest"),
    ("strong", "weak"), ("open", "closed"), ("early", "late"), ("up", "down"),
    ("support", "oppose"), ("supported", "opposed"), ("agreed", "refused"),
    ("always", "never"), ("success", "failure"), ("guilty", "innocent"), ("best", "worst"),
    ("started", "ended"), ("arrived", "left"), ("buy", "sell"), ("bought", "sold"),
    ("old", "young"), ("dead", "alive"), ("cheap", "expensive"), ("easy", "difficult"),
    ("inside", "outside"), ("north", "south"), ("east", "west"), ("many", "few"),
    ("good", "bad"), ("happy", "sad"), ("large", "small"), ("long", "short"),
]
_ANTONYM_MAP = {a: b for a, b in _ANTONYMS} | {b: a for a, b in _ANTONYMS}
_ANTONYM_RE = re.compile(r"\b(" + "|".join(sorted(_ANTONYM_MAP, key=len, reverse=True)) + r")\b")

_AUX = ("is", "are", "was", "were", "has", "have", "had", "will", "would", "can",
        "could", "should", "must", "did", "does", "do")
_AUX_RE = re.compile(r"\b(" + "|".join(_AUX) + r")\b(?! not\b)(?!n't)")
_NEG_RE = re.compile(r"\b(" + "|".join(_AUX) + r") not\b|\b(" + "|".join(_AUX) + r")n't\b")

_CERTAINTY = [
    ("confirmed", "may consider"), ("will take", "might take"), ("will", "might"),
    ("agreed to", "agreed to consider whether to"), ("announced", "hinted at"),
    ("has signed", "may sign"), ("decided", "is still deciding"), ("is", "may be"),
    ("approved", "is considering"), ("found", "suspected"),
]

_ORGS = [
    ("WHO", "World Health Organization"), ("IMF", "International Monetary Fund"),
    ("NATO", "North Atlantic Treaty Organization"), ("UNICEF", "United Nations Children's Fund"),
    ("WFP", "World Food Programme"), ("IAEA", "International Atomic Energy Agency"),
    ("FBI", "Federal Bureau of Investigation"), ("CIA", "Central Intelligence Agency"),
    ("EPA", "Environmental Protection Agency"), ("FDA", "Food and Drug Administration"),
    ("NASA", "National Aeronautics and Space Administration"), ("WTO", "World Trade Organization"),
    ("OECD", "Organisation for Economic Co-operation and Development"),
    ("UNESCO", "United Nations Educational, Scientific and Cultural Organization"),
    ("ILO", "International Labour Organization"), ("ICC", "International Criminal Court"),
    ("ECB", "European Central Bank"), ("OPEC", "Organization of the Petroleum Exporting Countries"),
    ("CDC", "Centers for Disease Control and Prevention"), ("IOC", "International Olympic Committee"),
    ("FAO", "Food and Agriculture Organization"), ("UNDP", "United Nations Development Programme"),
    ("NHS", "National Health Service"), ("BBC", "British Broadcasting Corporation"),
    ("ASEAN", "Association of Southeast Asian Nations"), ("EU", "European Union"),
]
_ORG_TEMPLATES = [
    "Officials said they would work with the {exp} ({acr}) on the plan.",
    "The report was published by the {acr} [{exp}] on Monday.",
    "The {exp}, known as the {acr}, said it was monitoring the situation.",
    "A spokesperson for the {acr} ({exp}) declined to comment.",
    "The {acr}, the {exp}, has sent a team to the region.",
]
_ORG_HYPOTHESES = ["The {acr} is the {exp}.", "{acr} stands for the {exp}.",
                   "The {exp} is known as the {acr}."]

_SPEAKER_RE = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) (said|told reporters|says)\b")
_NAME_RE = re.compile(r"(?<!^)(?<![.!?] )\b([A-Z][a-z]+(?: [A-Z][a-z]+)+|[A-Z][a-z]{3,})\b")
_SUBORDINATE = re.compile(
    r"(?i)(if|when|although|though|while|because|as|after|before|unless|since|whether|even)\b")
_SAID = [("said", "stated"), ("told reporters", "said"), ("about", "around"),
         ("children", "kids"), ("quickly", "rapidly"), ("begin", "start"), ("help", "assist")]


def _sub_once(pattern: re.Pattern[str], text: str, repl: Callable[[re.Match[str]], str],
              rng: random.Random) -> str | None:
    matches = list(pattern.finditer(text))
    if not matches:
        return None
    m = rng.choice(matches)
    new = repl(m)
    return text[: m.start()] + new + text[m.end():]


def number_swap(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    def digits(m: re.Match[str]) -> str:
        raw = m.group(1).replace(",", "")
        value = float(raw)
        factor = rng.choice([2, 3, 10, 0.5])
        delta = rng.choice([1, 2, 5, 7])
        new = value * factor if value > 10 and rng.random() < 0.5 else value + delta
        if "." in raw:
            return f"{new:.1f}"
        return f"{int(new):,}" if "," in m.group(1) else str(int(new))

    out = _sub_once(_DIGITS, s, digits, rng)
    if out is None:
        out = _sub_once(_NUM_WORD, s, lambda m: rng.choice(
            [w for w in _NUMBER_WORDS if w != m.group(1).lower()]), rng)
    return Pair(s, out, CONTRADICTION, "number") if out and out != s else None


def _other_name(pool: Sequence[str], s: str, rng: random.Random, multiword: bool = False) -> str | None:
    for _ in range(20):
        name = rng.choice(pool) if pool else None
        if name and name not in s and (" " in name or not multiword):
            return name
    return None


def entity_swap(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    name = _other_name(pool, s, rng)
    if name is None:
        return None
    out = _sub_once(_NAME_RE, s, lambda m: name, rng)
    return Pair(s, out, CONTRADICTION, "entity") if out and out != s else None


def negation(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    if _NEG_RE.search(s):
        out = _sub_once(_NEG_RE, s, lambda m: m.group(1) or m.group(2), rng)
    else:
        out = _sub_once(_AUX_RE, s, lambda m: m.group(1) + " not", rng)
    return Pair(s, out, CONTRADICTION, "negation") if out and out != s else None


def antonym(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    out = _sub_once(_ANTONYM_RE, s, lambda m: _ANTONYM_MAP[m.group(1)], rng)
    return Pair(s, out, CONTRADICTION, "antonym") if out and out != s else None


def certainty(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    options = [(a, b) for a, b in _CERTAINTY if re.search(rf"\b{a}\b(?! not)", s)]
    if not options:
        return None
    a, b = rng.choice(options)
    out = re.sub(rf"\b{a}\b(?! not)", b, s, count=1)
    return Pair(s, out, CONTRADICTION, "certainty")


def attribution(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    name = _other_name(pool, s, rng, multiword=True)
    if name is None or not _SPEAKER_RE.search(s):
        return None
    out = _sub_once(_SPEAKER_RE, s, lambda m: f"{name} {m.group(2)}", rng)
    return Pair(s, out, CONTRADICTION, "attribution") if out and out != s else None


def truncation(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    parts = [p for p in re.split(r",\s+", s.rstrip(".!?")) if p]
    if len(parts) < 2 or len(parts[0].split()) < 5 or _SUBORDINATE.match(parts[0]):
        return None
    return Pair(s, parts[0].strip() + ".", ENTAILMENT, "truncation")


def clause_drop(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    m = re.search(r", (?:who|which|where|including|after|while|as)[^,]{3,80},(?= )", s)
    if not m:
        return None
    return Pair(s, s[: m.start()] + " " + s[m.end():].lstrip(), ENTAILMENT, "clause_drop")


def rewrite(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    options = [(a, b) for a, b in _SAID if re.search(rf"\b{a}\b", s)]
    if options:
        a, b = rng.choice(options)
        return Pair(s, re.sub(rf"\b{a}\b", b, s, count=1), ENTAILMENT, "rewrite")
    m = re.search(r"\b(two|three|four|five|six|seven|eight|nine|ten)\b", s)
    if m:
        return Pair(s, s[: m.start()] + str(_WORD_VALUES[m.group(1)]) + s[m.end():],
                    ENTAILMENT, "rewrite")
    return None


_PHRASE = re.compile(r" (?:at|in|on|during|after|before|with|from|near|outside|inside) "
                     r"(?:a |an |the |his |her |their )?"
                     r"[A-Za-z'-]+(?: [A-Za-z'-]+){0,3}(?=[,.;])")
_ADVERB = re.compile(r" (?!(?:only|early|family|possibly|reportedly|allegedly|likely|unlikely|apply|reply|"
                     r"supply|july|italy|daily|weekly|monthly|holy|rely|ally)\b)[a-z]{3,}ly\b")
_TITLE = re.compile(r"\b(?:US |U\.S\. |British |Australian |former |Prime Minister |Foreign Minister |President |"
                    r"Secretary of State |Minister |Mr |Mrs |Ms |Dr |Senator |General )(?=[A-Z][a-z]+)")


def _dropped(s: str, pattern: re.Pattern[str], rng: random.Random) -> str | None:
    matches = list(pattern.finditer(s))
    if not matches:
        return None
    m = rng.choice(matches)
    out = s[: m.start()] + (" " if pattern is _TITLE else "") + s[m.end():]
    out = re.sub(r"\s+", " ", out).replace(" ,", ",").replace(" .", ".").strip()
    return out if out != s and len(out.split()) >= 4 else None


def drop_detail(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    """A phrase, adverb or title dropped: the shorter sentence follows from the longer."""
    for pattern in rng.sample([_PHRASE, _ADVERB, _TITLE], 3):
        out = _dropped(s, pattern, rng)
        if out:
            return Pair(s, out, ENTAILMENT, "drop_detail")
    return None


def add_detail(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    """The reverse: the longer sentence does not follow from the shorter one."""
    p = drop_detail(s, pool, rng)
    return Pair(p.hypothesis, p.premise, NEUTRAL, "add_detail") if p else None


def added_fact(s: str, pool: Sequence[str], rng: random.Random) -> Pair | None:
    others = [p for p in pool if p != s and len(p.split()) > 4]
    if not others or len(s.split()) < 4:
        return None
    extra = rng.choice(others).rstrip(".!?")
    extra = extra[0].lower() + extra[1:] if extra[:2] != extra[:2].upper() else extra
    return Pair(s, s.rstrip(".!?") + ", and " + extra + ".", NEUTRAL, "added_fact")


def acronym_pairs(rng: random.Random, n: int) -> list[Pair]:
    """Definitions of well-known bodies against right and wrong glosses."""
    out = []
    for _ in range(n):
        acr, exp = rng.choice(_ORGS)
        template = rng.choice(_ORG_TEMPLATES)
        premise = template.format(acr=acr, exp=exp)
        hyp = rng.choice(_ORG_HYPOTHESES)
        if rng.random() < 0.5:
            out.append(Pair(premise, hyp.format(acr=acr, exp=exp), ENTAILMENT, "acronym"))
        else:
            _, wrong = rng.choice([o for o in _ORGS if o[0] != acr])
            out.append(Pair(premise, hyp.format(acr=acr, exp=wrong), CONTRADICTION, "acronym"))
    return out


SENTENCE_EDITS: dict[str, Callable[[str, Sequence[str], random.Random], Pair | None]] = {
    "number": number_swap,
    "entity": entity_swap,
    "negation": negation,
    "antonym": antonym,
    "certainty": certainty,
    "attribution": attribution,
    "truncation": truncation,
    "clause_drop": clause_drop,
    "rewrite": rewrite,
    "added_fact": added_fact,
    "drop_detail": drop_detail,
    "add_detail": add_detail,
}
LABEL_OF = {"number": CONTRADICTION, "entity": CONTRADICTION, "negation": CONTRADICTION,
            "antonym": CONTRADICTION, "certainty": CONTRADICTION, "attribution": CONTRADICTION,
            "truncation": ENTAILMENT, "clause_drop": ENTAILMENT, "rewrite": ENTAILMENT,
            "drop_detail": ENTAILMENT, "added_fact": NEUTRAL, "add_detail": NEUTRAL}
# chance of trying each label first: minimal edits that keep the facts must be common,
# or the model learns that any small change is a contradiction
LABEL_WEIGHTS = {CONTRADICTION: 0.4, ENTAILMENT: 0.4, NEUTRAL: 0.2}


def names_in(sentences: Sequence[str]) -> list[str]:
    """Capitalised names found inside sentences, used as swap candidates."""
    found: dict[str, None] = {}
    for s in sentences:
        for m in _NAME_RE.finditer(s):
            found.setdefault(m.group(1), None)
    return list(found)


def make_pairs(sentences: Sequence[str], seed: int, per_sentence: int = 2) -> list[Pair]:
    """Up to ``per_sentence`` edited pairs per sentence, plus acronym templates."""
    rng = random.Random(seed)
    names = names_in(sentences)
    pairs: list[Pair] = []
    labels = list(LABEL_WEIGHTS)
    for s in sentences:
        if not 5 <= len(s.split()) <= 60:
            continue
        first = rng.choices(labels, weights=[LABEL_WEIGHTS[x] for x in labels])[0]
        edits = list(SENTENCE_EDITS.items())
        rng.shuffle(edits)
        edits.sort(key=lambda e: LABEL_OF[e[0]] != first)
        made = 0
        for kind, fn in edits:
            pool: Sequence[str] = sentences if kind == "added_fact" else names
            p = fn(s, pool, rng)
            if p is not None:
                pairs.append(p)
                made += 1
                if made >= per_sentence:
                    break
    pairs.extend(acronym_pairs(rng, max(200, len(pairs) // 15)))
    return pairs


def split_sentences_simple(text: str) -> list[str]:
    """A plain splitter for training text (the product uses factcheck.inputs.segment)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n|\n", text):
        out.extend(p.strip() for p in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", para) if p.strip())
    return out
