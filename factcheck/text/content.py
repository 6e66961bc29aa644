"""What a sentence carries: its content words, names, figures and quotations.

Used to judge an edit by what it adds or drops rather than by its length: a sentence that one
version adds with a new figure, a new name or a new quotation tells the reader something; one
whose words the other version already has elsewhere restates it. Everything here is plain text
processing: no model, no table beyond ``data/names.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from factcheck.text.memo import text_cache
from factcheck.text.names import canonical, mark_aliases, same_entity
from factcheck.text.quantities import MONTHS, extract
from factcheck.text.speech import mask_quotes

STOPWORDS = frozenset("""
a about above after again against all also although am among an and another any are as at be
because been before being below between both but by can could did do does doing down during each
either else even ever every few for from further had has have having he her here hers herself him
himself his how however i if in into is it its itself just least less let like made make many may
me might more most much must my myself neither no nor not now of off often on once one only or
other others our ours ourselves out over own per perhaps quite rather same several shall she should
since so some still such than that the their theirs them themselves then there these they this
those though through thus to too under until up upon us very via was we were what whatever when
where whether which while who whom whose why will with within without would yet you your yours
lack lacks lacked lacking
said says say saying told tells tell added adds according asked
mr mrs ms dr sen rep gov lt gen st
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks
""".split())
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’.-]*[\w]|[A-Za-zÀ-ÿ]")
_QUOTE = re.compile(r'"([^"]{8,})"')
# "Mr." or "J." before a name does not end a sentence
_ABBREVIATION = re.compile(r"[\"'(]*(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|Col|Capt|Sgt|Prof|Rev|St|Jr|Sr|[A-Z])\.")
_TITLES = frozenset("mr mrs ms dr sen rep gov lt gen sir president minister secretary senator".split())
# initials before a surname ("George H.W. Bush", "J.P. Morgan"): the full stop ends no sentence
_INITIALS = re.compile(r"[\"'(]*(?:[A-Z]\.){2,}")
# a party's adjective: with a title alone it describes someone ("a Republican President"), names no one
_PARTIES = frozenset("republican republicans democrat democrats democratic labour labor conservative liberal "
                     "green tory gop socialist".split())


@lru_cache(maxsize=65536)   # a version's words repeat: a long page asks for the same few thousand stems
def stem(word: str) -> str:
    """A crude, order-free stem: "negotiations" and "negotiating" -> "negoti", "costs" -> "cost", "agreed" and
    "agreeing" -> "agre" (an ending of tense or number taken off first, then a final e, then six letters)."""
    w = word.lower().replace("’", "'").removesuffix("'s").replace(".", "")
    if len(w) >= 6 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) >= 5 and w.endswith(("ied", "ies")):
        w = w[:-3] + "y"
    elif len(w) >= 6 and w.endswith("eed"):
        w = w[:-1]   # "agreed" -> "agree"
    elif len(w) >= 5 and w.endswith("ed") and not w.endswith("eed"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "news", "series", "species")):
        w = w[:-1]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w[:6]


# phrases of function words that carry no fact of their own ("as well as" for "and also"; "what felt like"
# colours a statement, it does not add to it): their words are no content words
FUNCTION_PHRASES = re.compile(r"\b(?:as well as|as well|what (?:felt|seemed|looked|sounded) like|in addition(?: to)?|"
                              r"along with|together with|in order to|so as to|a number of|a lot of|lots of|"
                              r"at the same time|for its part|in fact|of course)\b", re.IGNORECASE)


# words that colour a statement without adding a fact a reader could check: intensifiers, evaluative and
# present-time adverbs ("widespread expectations", "currently imprisoned", "lacks significant resources").
# An edit that adds only these is a rewording (``colour_only``); a figure, a name, a negation, a hedge or a
# word of fact ("fatal", "illegal", "former", "alleged") is never among them.
COLOUR = frozenset("""
very really quite rather fairly pretty highly deeply strongly greatly hugely vastly extremely particularly especially
notably significantly considerably substantially largely mostly mainly chiefly primarily widely broadly generally
increasingly currently presently now still already actually indeed simply truly clearly obviously certainly
significant considerable substantial major key important crucial critical vital central prominent notable leading
widespread broad wide growing mounting serious severe sharp strong real true clear huge vast massive enormous
big great large high deep intense fierce heated bitter renewed ongoing continuing further additional fresh whole
entire full complete total overall general particular specific special usual typical so-called
""".split())


def colour_only(words: set[str]) -> bool:
    """Whether content words (stems, as ``unique_words`` gives them) are all colour (``COLOUR``)."""
    return bool(words) and words <= _COLOUR_STEMS


@text_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """Stems of the words that carry meaning (no function words or phrases, no reporting verbs)."""
    text = FUNCTION_PHRASES.sub(" ", text)
    return frozenset(stem(w) for w in _WORD.findall(text) if w.lower().replace(".", "") not in STOPWORDS and len(w) > 1)


def names(text: str) -> list[str]:
    """Runs of capitalised words that are not at the start of a sentence ("Adrian Edwards", "U.N.")."""
    out: list[str] = []
    run: list[str] = []
    words = list(re.finditer(r"\S+", mask_quotes(text)))
    for i, m in enumerate(words):
        raw = m.group(0)
        tok = raw.strip("\"'(),;:!?—-")
        prev = words[i - 1].group(0) if i else ""
        surname = bool(_INITIALS.fullmatch(prev)) and tok[:1].isupper() and tok.lower() not in STOPWORDS
        opens = i == 0 or (prev[-1:] in ".!?:\"" and not _ABBREVIATION.fullmatch(prev) and not surname) or \
            prev in ("—", "-", "--")
        nxt = words[i + 1].group(0) if i + 1 < len(words) else ""
        # a capitalised function word inside a name ("Doctors Without Borders") keeps the run going
        # a compound whose last part is lower case is a modifier, not a name ("AI-fluent", "UK-based")
        modifier = "-" in tok and tok.rsplit("-", 1)[1][:1].islower()
        capital = tok[:1].isupper() and not modifier and (tok.lower().strip(".") not in STOPWORDS or
                                                          (bool(run) and nxt[:1].isupper() and raw[-1:] not in ",;:"))
        if capital and not opens:
            # initials keep their full stops where the name goes on ("H.W. Bush")
            goes_on = _INITIALS.fullmatch(tok) and nxt[:1].isupper() and raw[-1:] == "."
            run.append(tok if goes_on else tok.rstrip("."))
        elif tok.lower() in ("of", "for", "de", "al", "bin", "van", "von", "the") and run:
            run.append(tok)
        elif tok.lower() in ("and", "&") and run and nxt[:1].isupper() and nxt.lower() != "the" \
                and raw[-1:] not in ",;:" and ("of" in run or _ends_in_office(words, i + 1)):
            # one body or one office: "Department of Health and Human Services", "Health and Social Care
            # Secretary" (not "Britain and France")
            run.append(tok)
        else:
            if run:
                out.append(" ".join(_trim(run)))
            # a sentence's first word is a name when it is an acronym ("NATO said") or opens a run of
            # names ("Northern Irish police", "New Zealand's offer")
            starts_name = capital and opens and (_proper_at_start(tok) or nxt[:1].isupper())
            run = [tok.rstrip(".")] if starts_name else []
        if raw[-1:] in ",;:)!?" and run:
            out.append(" ".join(_trim(run)))
            run = []
    if run:
        out.append(" ".join(_trim(run)))
    return [n for n in out if n and not _no_name(n)]


def _no_name(run: str) -> bool:
    """A run of capitals that names no one: a month (a date: "September"), or a party and a title
    ("Republican President")."""
    words = [w.lower().strip(".") for w in run.split()]
    if len(words) == 1 and words[0] in MONTHS:
        return True
    return bool(words) and all(w in _TITLES or w in _PARTIES for w in words) and \
        any(w in _TITLES for w in words) and any(w in _PARTIES for w in words)


# the last word of an office or a body: a run "X and Y Secretary" is one title, not two names
_OFFICES = frozenset("secretary minister ministry department committee commission agency council office service "
                     "services board authority institute society association union court party bank trust fund "
                     "foundation executive commissioner director officer manager chair chairman chairwoman "
                     "president administration".split())


def _ends_in_office(words: list[re.Match[str]], start: int) -> bool:
    """Whether the capitalised words from ``start`` end in an office or a body ("Social Care Secretary")."""
    last = ""
    for m in words[start:start + 6]:
        tok = m.group(0).strip("\"'(),;:!?—-")
        if not tok[:1].isupper():
            break
        last = tok
        if m.group(0)[-1:] in ",;:)!?":
            break
    return last.lower().rstrip(".") in _OFFICES


def _proper_at_start(tok: str) -> bool:
    # a sentence-opening word counts as a name only when it is an acronym ("NATO", "U.N.")
    return len(tok) > 1 and tok.replace(".", "").isupper()


def _trim(run: list[str]) -> list[str]:
    while run and run[-1].lower() in ("of", "for", "de", "al", "bin", "van", "von", "the"):
        run = run[:-1]
    return run


@dataclass(frozen=True)
class Carried:
    """What a text carries, for comparison with another text."""

    words: frozenset[str]
    names: tuple[str, ...]
    figures: tuple[str, ...]  # the figures as written ("35,000", "six")
    values: frozenset[tuple[str, float]]
    quotes: tuple[str, ...]


@text_cache(maxsize=8192)
def carried(text: str) -> Carried:
    quantities = [q for q in extract(text) if q.kind not in ("weekday",)]
    return Carried(frozenset(content_words(text)), tuple(names(text)), tuple(q.text for q in quantities),
                   frozenset((q.kind, q.value) for q in quantities), tuple(m.group(1) for m in _QUOTE.finditer(text)))


def name_known(name: str, text: str, text_names: tuple[str, ...]) -> bool:
    """Whether ``name`` (or another name of the same body, or its surname, or the words an
    acronym's letters stand for) appears in a text."""
    if canonical(name) in canonical(text):
        return True
    bare = name.replace(".", "")
    if bare.isupper() and 2 <= len(bare) <= 6 and _spelled_out(bare, text):
        return True
    marked = re.findall(r"ALIAS\d+", mark_aliases(name))
    if marked and all(m in mark_aliases(text) for m in marked):
        return True  # "GOP" where the text says "Republicans"
    words, distinct = _name_words(text_names)
    if any(canonical(w) in words for w in _significant(name)):
        return True
    return any(same_entity(name, other) for other in distinct)


def _significant(name: str) -> list[str]:
    """The words of a name that can make it known elsewhere: not titles, not "of", "for", "the"."""
    return [w for w in name.split() if len(w) > 2 and w.lower().strip(".") not in _TITLES
            and w.lower() not in ("of", "for", "the")]


@lru_cache(maxsize=256)
def _name_words(text_names: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The words of a text's names (read alike) and one name of each reading: ``same_entity`` reads a
    name only as ``canonical`` gives it. Once per text, not once per name compared with it."""
    words = frozenset(canonical(w) for n in text_names for w in n.split())
    return words, tuple({canonical(n): n for n in text_names}.values())


def new_facts(text: str, elsewhere: str) -> dict[str, list[str]]:
    """The figures, names and quotations of ``text`` that ``elsewhere`` (another version) does not have."""
    mine, theirs = carried(text), carried(elsewhere)
    # "one" is a pronoun as often as a figure ("no one", "one of them")
    figures = [f for f, value in zip(mine.figures, _values(text), strict=True)
               if value not in theirs.values and f.lower() != "one"]
    new_names = [n for n in mine.names if not name_known(n, elsewhere, theirs.names)]
    quotes = [q for q in mine.quotes if not _quoted_elsewhere(q, elsewhere)]
    out = {"figures": list(dict.fromkeys(figures)), "names": list(dict.fromkeys(new_names)),
           "quotes": quotes}
    return {k: v for k, v in out.items() if v}


def _values(text: str) -> list[tuple[str, float]]:
    return [(q.kind, q.value) for q in extract(text) if q.kind not in ("weekday",)]


def _quoted_elsewhere(quote: str, elsewhere: str) -> bool:
    words = content_words(quote)
    if not words:
        return True
    return len(words & content_words(elsewhere)) >= 0.7 * len(words)


def coverage(text: str, others: list[str]) -> float:
    """The share of ``text``'s content words that the ``others`` (e.g. the most similar sentences of
    another version) have: 1.0 when they restate it, near 0 when it is new."""
    words = carried(text).words
    if not words:
        return 1.0
    have: set[str] = set()
    for o in others:
        have |= carried(o).words
    return len(words & have) / len(words)


_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:(?:,?\s+(?:and|of|for|the|&)?\s*)[A-Z][\w'’-]*)*")


@lru_cache(maxsize=4096)
def _spelled_out(acronym: str, text: str) -> bool:
    """Whether capitalised words of ``text`` give the acronym's letters ("Health, Education, Labor and
    Pensions" for HELP)."""
    for m in _CAPITALISED_RUN.finditer(text):
        initials = "".join(w[0] for w in re.findall(r"[A-Z][\w'’-]*", m.group(0)))
        if acronym in initials:
            return True
    return False


_DURATION = frozenset(stem(w) for w in ("lasted", "lasting", "lasts", "spanned", "spanning"))


def _compound_parts(word: str) -> set[str]:
    return {stem(p) for p in word.split("-") if len(p) > 1 and p.lower() not in STOPWORDS}


def _parts(text: str) -> set[str]:
    return {part for w in _WORD.findall(text) if "-" in w for part in _compound_parts(w)}


def dropped_words(a: str, b: str) -> frozenset[str]:
    """Content words (stems) of ``a`` that ``b`` no longer has: what an edit of ``a`` into ``b`` took out
    (all of ``a``'s words when ``b`` is empty)."""
    return content_words(mark_aliases(a)) - content_words(mark_aliases(b)) if b else content_words(mark_aliases(a))


def unique_words(a: str, b: str, b_version: str) -> set[str]:
    """Content words of ``a`` that ``b`` lacks, reading names of one body alike ("U.N." and "United
    Nations"); a name that ``b_version`` (the whole version ``b`` belongs to) gives elsewhere is not
    counted, since ``b`` may refer to it by a pronoun ("Mr. Bellamy said" / "he said")."""
    wa, wb = content_words(mark_aliases(a)), content_words(mark_aliases(b))
    # a compound's parts are its words too ("a months-long fight" / "a fight that lasted months"), and
    # a word of duration that only restates the compound ("lasted") adds nothing
    wb = wb | _parts(b)
    covered = {stem(w) for w in _WORD.findall(a) if "-" in w and _compound_parts(w) <= wb}
    wa = frozenset(w for w in wa if w not in covered and w not in _DURATION)
    rest = wa - wb - _known_in(b_version)
    if not rest:
        return set()
    theirs = carried(b_version).names
    # a name of ``a`` that the other version knows, whole or in part ("Fox News Channel" where it says
    # "Fox"; "HELP" where it spells out "Health, Education, Labor and Pensions")
    known = {stem(w) for n in carried(a).names for w in _known_words(n, b_version, theirs)}
    return {w for w in rest if w not in known}


def _known_words(name: str, text: str, text_names: tuple[str, ...]) -> list[str]:
    """The words of ``name`` that ``text`` knows (``name_known``): all of them, except for people named
    together ("the Minister of Defense and President Zelenskyy"), where only the words of the ones it
    knows: one person it names does not make the other known. The name is read as people named together
    when it joins names of two words or more with "and", one of them with a title ("Department of Health
    and Human Services" stays one name)."""
    members = name.split(" and ")
    if len(members) > 1 and all(len(m.split()) >= 2 for m in members) and \
            any(w.lower().strip(".") in _TITLES for m in members for w in m.split()) and \
            canonical(name) not in canonical(text):
        return [w for m in members if _member_known(m, text, text_names) for w in m.split()]
    return name.split() if name_known(name, text, text_names) else []


def _member_known(member: str, text: str, text_names: tuple[str, ...]) -> bool:
    """Whether ``text`` knows one of people named together: written alike, or a word of it that is neither a
    title nor a place ("Ukrainian" does not make "the Ukrainian Minister of Defense" known) among the
    words of the text's names."""
    if canonical(member) in canonical(text):
        return True
    words, _distinct = _name_words(text_names)
    return any(canonical(w) in words for w in _significant(member) if not mark_aliases(w).startswith("ALIAS"))


_COLOUR_STEMS = frozenset(stem(w) for w in COLOUR)


@text_cache(maxsize=256)
def _known_in(version: str) -> frozenset[str]:
    """The stems of every name a version gives, and of its names of one body (``ALIAS7``): read once per
    version, not once per sentence compared with it."""
    known = {stem(w) for n in carried(version).names for w in n.split()}
    known |= {stem(w) for w in re.findall(r"ALIAS\d+", mark_aliases(version))}
    return frozenset(known)
