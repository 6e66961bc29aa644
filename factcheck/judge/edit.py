"""The edit between two texts: replaced, inserted, deleted and moved spans, each typed.

``extract_edits(old, new)`` diffs the two texts token by token (contractions expanded, numbers
without their commas, case ignored) and types every change:

- ``number``: a number, amount or date changed, inserted or removed;
- ``entity``: a name (a capitalised word inside a sentence, an acronym) changed, inserted or removed;
- ``negation``: a negation inserted or removed ("not", "never", "no", "without");
- ``hedge``: a modal or hedge changed, inserted or removed ("will" -> "may", "reportedly");
- ``swap``: content words replaced by others (the pairs carry their WordNet relation);
- ``rewrite``: a clause replaced by another (more than CLAUSE_WORDS content words on a side): what it
  says is left to the whole-text checks (numbers, names, negations) and to NLI;
- ``content`` (inserts and deletes): content words added or dropped;
- ``reorder``: the same words moved elsewhere;
- ``inflection``: the same lemmas or spellings one letter apart, or a number written another way;
- ``function``: only function words changed ("the" -> "a", "said" -> "told");
- ``punctuation``: punctuation or case only.

Pure functions: the WordNet table is read on first use, the rest is regular expressions.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from factcheck.text.certainty import hedges
from factcheck.text.lexicon import RELATIONS, Relation, lexicon
from factcheck.text.opposites import opposites
from factcheck.text.pair import word_diff
from factcheck.text.quantities import Quantity, extract
from factcheck.text.spelling import one_edit_apart
from factcheck.text.tokens import NEGATORS, Token, sentence_starts, tokenize

KINDS = ("number", "entity", "negation", "hedge", "swap", "rewrite", "content", "reorder", "inflection", "function",
         "punctuation")
CLAUSE_WORDS = 3  # an inserted or deleted piece with more content words than this is a clause
# opposites of direction, degree and time that WordNet does not link (it links few function words)
OPPOSITES = (("over", "under"), ("above", "below"), ("before", "after"), ("up", "down"), ("ahead", "behind"),
             ("forward", "backward"), ("forwards", "backwards"), ("inside", "outside"), ("with", "without"),
             ("more", "less"), ("more", "fewer"), ("most", "least"), ("always", "never"), ("all", "none"),
             ("approximately", "exactly"), ("maximum", "minimum"), ("including", "excluding"),
             ("import", "export"), ("imports", "exports"), ("buy", "sell"), ("bought", "sold"),
             ("higher", "lower"), ("first", "last"), ("earlier", "later"), ("early", "late"),
             ("increase", "decrease"), ("rise", "fall"), ("gain", "loss"), ("profit", "loss"),
             ("same", "different"), ("public", "private"), ("internal", "external"), ("domestic", "foreign"),
             ("north", "south"), ("east", "west"), ("open", "closed"))
_OPPOSITE = {a: {b for x, b in OPPOSITES if x == a} | {x for x, b in OPPOSITES if b == a}
             for pair in OPPOSITES for a in pair}
# words and phrases of the same meaning that WordNet does not link (it has few prepositions)
EQUIVALENTS = (("after", "following"), ("before", "prior to"), ("about", "around"), ("about", "approximately"),
               ("around", "approximately"), ("about", "roughly"), ("despite", "in spite of"),
               ("because of", "due to"), ("because of", "owing to"), ("but", "however"), ("also", "too"),
               ("nearly", "almost"), ("over", "more than"), ("under", "less than"), ("via", "through"),
               ("according to", "said"), ("per cent", "percent"), ("percent", "%"),
               ("said", "told reporters"), ("said", "told journalists"), ("says", "tells reporters"))
# prefixes that turn a word into its opposite, when the rest is the other word
NEGATING_PREFIXES = ("un", "de", "dis", "non", "in", "im", "il", "ir", "anti", "sub", "mis")
_EQUIVALENT = {a: {b for x, b in EQUIVALENTS if x == a} | {x for x, b in EQUIVALENTS if b == a}
               for pair in EQUIVALENTS for a in pair}
# how a new word stands to the old one, best first, for pairing the words of a replaced span
_RANK = {k: i for i, k in enumerate((*RELATIONS[:-2], "compound", "unrelated", "unknown"))}


@dataclass(frozen=True)
class WordPair:
    old: str
    new: str
    relation: Relation


@dataclass(frozen=True)
class Change:
    """One change: ``op`` is replace, insert, delete or move; ``kind`` one of KINDS.

    ``old`` and ``new`` are the texts as written ("" on the side that has nothing), with their
    character spans (an empty span on the side that has nothing: where the piece goes in or was);
    ``pairs`` the content words of a replacement paired across it, ``added`` and
    ``dropped`` the content words left over on either side."""

    op: str
    kind: str
    old: str
    new: str
    old_span: tuple[int, int] | None
    new_span: tuple[int, int] | None
    pairs: tuple[WordPair, ...] = ()
    added: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class EditSet:
    old: str
    new: str
    changes: tuple[Change, ...]
    old_tokens: tuple[Token, ...] = field(repr=False, default=())
    new_tokens: tuple[Token, ...] = field(repr=False, default=())
    similarity: float = 1.0  # share of tokens the two sides keep in order (difflib's ratio)

    @property
    def changed_tokens(self) -> int:
        """Tokens of either side inside a change (moves included): how much was edited."""
        return sum(len(tokenize(c.old)) + len(tokenize(c.new)) for c in self.changes)

    @property
    def unchanged(self) -> bool:
        return not self.changes

    def of(self, *kinds: str, op: str | None = None) -> list[Change]:
        return [c for c in self.changes if c.kind in kinds and (op is None or c.op == op)]

    @property
    def added_words(self) -> list[str]:
        """Content words the new text brings in (inserted, or left over in a replacement); a word the edit
        took out in one place and put back in another ("Residents will receive" / "reach residents") is
        moved, not brought in."""
        return _less([w for c in self.changes if c.op != "move" for w in c.added],
                     [w for c in self.changes if c.op != "move" for w in c.dropped])

    @property
    def dropped_words(self) -> list[str]:
        """Content words the new text no longer has (a moved word is still there)."""
        return _less([w for c in self.changes if c.op != "move" for w in c.dropped],
                     [w for c in self.changes if c.op != "move" for w in c.added])


def _less(words: list[str], others: list[str]) -> list[str]:
    """``words`` without those ``others`` also holds (as many times as it holds them)."""
    left = Counter(others)
    out = []
    for w in words:
        if left[w] > 0:
            left[w] -= 1
        else:
            out.append(w)
    return out


def _words(tokens: list[Token]) -> list[str]:
    return [t.key for t in tokens if not t.is_punct]


def _content(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.is_content]


def _span(tokens: list[Token]) -> tuple[int, int] | None:
    return (tokens[0].start, tokens[-1].end) if tokens else None


def _text(text: str, span: tuple[int, int] | None) -> str:
    return text[span[0]:span[1]] if span else ""


def _is_name(tok: Token, opens: bool) -> bool:
    """A capitalised word inside a sentence, or an acronym anywhere."""
    if not tok.is_word or not tok.capitalised or tok.key in NEGATORS:
        return False
    letters = tok.text.replace(".", "").replace("-", "")
    return (len(letters) >= 2 and letters.isupper()) or not opens


def _quantities_in(qs: list[Quantity], span: tuple[int, int] | None) -> list[Quantity]:
    if span is None:
        return []
    return [q for q in qs if q.start < span[1] and q.end > span[0]]


def _spelling_variant(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    if min(len(a), len(b)) >= 4 and one_edit_apart(a, b):
        return True
    for x, y in (("our", "or"), ("ise", "ize"), ("isation", "ization"), ("yse", "yze"), ("tre", "ter"),
                 ("ence", "ense"), ("ogue", "og"), ("lled", "led"), ("lling", "ling")):
        if a.replace(x, y) == b.replace(x, y) and a != b and min(len(a), len(b)) >= 4:
            return True
    return False


@lru_cache(maxsize=65536)
def word_relation(old: str, new: str) -> Relation:
    """The relation of two words (or phrases), with the hand-written opposites and compounds
    ("clifftop" / "cliff") that WordNet lacks."""
    a, b = old.lower(), new.lower()
    if b in opposites().get(a, ()) or b in _OPPOSITE.get(a, ()):
        return Relation("antonym", 0.0, (a, b))
    if b in _EQUIVALENT.get(a, ()):
        return Relation("synonym", 1.0, (a, b))
    lex = lexicon()
    if "-" in a or "-" in b:  # "one-year" / "two-year": the heads, unless WordNet has the compound
        ha = a if lex.known(a) else a.rsplit("-", 1)[-1]
        hb = b if lex.known(b) else b.rsplit("-", 1)[-1]
        a, b = ha, hb
    rel = lex.relation(a, b)
    if rel.kind in ("unknown", "unrelated") and _spelling_variant(a, b):
        return Relation("same", 1.0, (a, b))
    if rel.kind == "unknown" and min(len(a), len(b)) >= 4 and (a in b or b in a):
        short, long = sorted((a, b), key=len)
        if long.startswith(NEGATING_PREFIXES) and long[len(long) - len(short):] == short \
                and len(long) - len(short) <= 4:
            return Relation("antonym", 0.0, (a, b))  # "motivate" / "demotivate", "optimal" / "suboptimal"
        return Relation("compound", 0.0, (a, b))
    return rel


def _word_pair(a: Token, b: Token, r: Relation) -> Relation:
    """A compound of common words read as the word it contains: "clifftop" -> "cliff" is more general,
    "cliff" -> "clifftop" more specific. Capitalised compounds are names ("DataVault" / "Data")."""
    if r.kind != "compound" or not (a.text.islower() and b.text.islower()):
        return r
    return Relation("hypernym" if len(b.key) < len(a.key) else "hyponym", 0.0, r.via)


def pair_words(old: list[Token], new: list[Token]) -> tuple[list[WordPair], list[str], list[str]]:
    """Pair the content words of a replacement, best relation first; the rest are dropped / added."""
    if not old or not new:
        return [], [t.key for t in new], [t.key for t in old]
    if (len(old) > 1 or len(new) > 1) and len(old) <= 3 and len(new) <= 3:
        # a collocation WordNet knows ("prop up" -> "support")
        whole = word_relation(" ".join(t.key for t in old), " ".join(t.key for t in new))
        if whole.kind not in ("unknown", "unrelated", "compound"):
            return [WordPair(" ".join(t.text for t in old), " ".join(t.text for t in new), whole)], [], []
    scored = sorted(((_RANK.get(r.kind, 99), -r.similarity, i, j, r)
                     for i, a in enumerate(old) for j, b in enumerate(new)
                     for r in (word_relation(a.key, b.key),)), key=lambda x: x[:4])
    used_i: set[int] = set()
    used_j: set[int] = set()
    pairs: list[tuple[int, int, Relation]] = []
    for _, _, i, j, r in scored:
        if i in used_i or j in used_j:
            continue
        if r.kind in ("unknown", "unrelated") and abs(i / max(1, len(old)) - j / max(1, len(new))) > 0.5:
            continue  # unrelated words far apart in the span are not a swap of one for the other
        used_i.add(i)
        used_j.add(j)
        pairs.append((i, j, r))
    pairs.sort()
    return ([WordPair(old[i].text, new[j].text, _word_pair(old[i], new[j], r)) for i, j, r in pairs],
            [t.key for j, t in enumerate(new) if j not in used_j],
            [t.key for i, t in enumerate(old) if i not in used_i])


def _kind_of_piece(tokens: list[Token], starts: list[bool], offset: int, qs: list[Quantity], text: str) -> str:
    """Type of an inserted or deleted piece."""
    words = [t for t in tokens if not t.is_punct]
    if not words:
        return "punctuation"
    if len(_content(tokens)) > CLAUSE_WORDS:
        return "content"  # a clause: its numbers, names and negations belong to the claim it adds
    if any(t.key in NEGATORS for t in words):
        return "negation"
    if _quantities_in(qs, _span(tokens)):
        return "number"
    if any(_is_name(t, starts[offset + k]) for k, t in enumerate(tokens)):
        return "entity"
    if hedges(_text(text, _span(tokens))):
        return "hedge"
    return "content" if _content(tokens) else "function"


def _kind_of_replacement(ta: list[Token], tb: list[Token], sa: list[bool], sb: list[bool], ia: int, jb: int,
                         qa: list[Quantity], qb: list[Quantity], old: str, new: str,
                         pairs: list[WordPair]) -> str:
    wa, wb = _words(ta), _words(tb)
    if wa == wb:
        return "punctuation"
    if max(len(_content(ta)), len(_content(tb))) > CLAUSE_WORDS:
        return "rewrite"
    if sum(w in NEGATORS for w in wa) != sum(w in NEGATORS for w in wb):
        return "negation"
    va, vb = _quantities_in(qa, _span(ta)), _quantities_in(qb, _span(tb))
    if va or vb:
        if sorted((q.kind, round(q.value, 6)) for q in va) != sorted((q.kind, round(q.value, 6)) for q in vb):
            return "number"
        # the same values written another way ("150" / "one hundred and fifty"): words around them count
        words_a = {t.key for t in _content(ta) if not t.is_number and not _quantities_in(va, _span([t]))}
        words_b = {t.key for t in _content(tb) if not t.is_number and not _quantities_in(vb, _span([t]))}
        if words_a == words_b:
            return "inflection"
    names_a = [t for k, t in enumerate(ta) if _is_name(t, sa[ia + k])]
    names_b = [t for k, t in enumerate(tb) if _is_name(t, sb[jb + k])]
    if names_a and names_b and {t.key for t in names_a} != {t.key for t in names_b}:
        if not all(p.relation.kind == "same" for p in pairs) or not pairs:
            return "entity"   # a name for another name; a name for a description is a swap of words
    if hedges(_text(old, _span(ta))) != hedges(_text(new, _span(tb))):
        return "hedge"
    ca, cb = _content(ta), _content(tb)
    if not ca and not cb:
        if any(b in opposites().get(a, ()) or b in _OPPOSITE.get(a, ()) for a in wa for b in wb):
            return "swap"
        return "function"
    if pairs and len(pairs) == len(ca) == len(cb) and all(p.relation.kind == "same" for p in pairs):
        return "inflection"
    return "swap"



@lru_cache(maxsize=4096)
def extract_edits(old: str, new: str) -> EditSet:
    """The typed changes that turn ``old`` into ``new`` (either may be empty)."""
    ta, tb = list(tokenize(old)), list(tokenize(new))
    sa, sb = sentence_starts(tokenize(old)), sentence_starts(tokenize(new))
    qa, qb = extract(old), extract(new)
    diff = word_diff(tuple(t.key for t in ta), tuple(t.key for t in tb))
    ops = [op for op in diff.opcodes if op[0] != "equal"]
    # moves: a piece deleted in one place and inserted in another with the same words
    gone = {n: _words(ta[i1:i2]) for n, (_, i1, i2, _, _) in enumerate(ops)}
    came = {n: _words(tb[j1:j2]) for n, (_, _, _, j1, j2) in enumerate(ops)}
    moved_old: dict[int, int] = {}  # op whose old piece moved -> op where it arrives
    for n, words in came.items():
        for m, was in gone.items():
            if words and m != n and m not in moved_old and was == words:
                moved_old[m] = n
                break
    moved_new = {n: m for m, n in moved_old.items()}
    changes: list[Change] = []
    for n, (_, i1, i2, j1, j2) in enumerate(ops):
        pa, pb = ta[i1:i2], tb[j1:j2]
        if n in moved_new:
            m = moved_new[n]
            src = ta[ops[m][1]:ops[m][2]]
            changes.append(Change("move", "reorder", _text(old, _span(src)), _text(new, _span(pb)),
                                  _span(src), _span(pb)))
            pb = []
        if n in moved_old:
            pa = []
        changes += _change(pa, pb, sa, sb, i1, j1, qa, qb, old, new, ta, tb)
    return EditSet(old, new, tuple(changes), tokenize(old), tokenize(new), diff.ratio if ta or tb else 1.0)


def _anchor(tokens: list[Token], i: int) -> tuple[int, int]:
    """The empty span where a piece of the other side goes in: after token ``i - 1``."""
    pos = tokens[i - 1].end if i > 0 and tokens else (tokens[0].start if tokens else 0)
    return (pos, pos)


def _change(pa: list[Token], pb: list[Token], sa: list[bool], sb: list[bool], i1: int, j1: int,
            qa: list[Quantity], qb: list[Quantity], old: str, new: str, ta: list[Token],
            tb: list[Token]) -> list[Change]:
    span_a = _span(pa) or _anchor(ta, i1)
    span_b = _span(pb) or _anchor(tb, j1)
    if not pa and not pb:
        return []
    if not pa:
        return [Change("insert", _kind_of_piece(pb, sb, j1, qb, new), "", _text(new, span_b), span_a, span_b,
                       added=tuple(t.key for t in _content(pb)))]
    if not pb:
        return [Change("delete", _kind_of_piece(pa, sa, i1, qa, old), _text(old, span_a), "", span_a, span_b,
                       dropped=tuple(t.key for t in _content(pa)))]
    pairs, added, dropped = pair_words(_content(pa), _content(pb))
    kind = _kind_of_replacement(pa, pb, sa, sb, i1, j1, qa, qb, old, new, pairs)
    if kind in ("inflection", "punctuation"):
        added, dropped = [], []
    return [Change("replace", kind, _text(old, span_a), _text(new, span_b), span_a, span_b,
                   tuple(pairs), tuple(added), tuple(dropped))]


_CLAUSE_END = frozenset(".;:!?")
CLAUSE_MIN = 6  # a local clause keeps about this many words around the changes


def local_clauses(e: EditSet) -> tuple[str, str] | None:
    """The clause around the edit on each side, so that NLI reads the edited words with their own
    context: the sentence holding the changes, narrowed to commas around them where at least
    CLAUSE_MIN words remain. None when nothing changed or a side is empty."""
    changes = [c for c in e.changes if c.kind != "punctuation"]
    if not changes or not e.old.strip() or not e.new.strip():
        return None

    def around(text: str, tokens: tuple[Token, ...], spans: list[tuple[int, int]]) -> str:
        lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
        before = [t for t in tokens if t.end <= lo]
        after = [t for t in tokens if t.start >= hi]
        start, end = 0, len(text)
        words = 0
        for t in reversed(before):
            if t.text in _CLAUSE_END:
                start = t.end
                break
            if t.text == "," and words >= CLAUSE_MIN // 2:
                start = t.end
                break
            words += not t.is_punct
        words = 0
        for t in after:
            if t.text in _CLAUSE_END or (t.text == "," and words >= CLAUSE_MIN // 2):
                end = t.end
                break
            words += not t.is_punct
        return text[start:end].strip()

    return (around(e.old, e.old_tokens, [c.old_span for c in changes if c.old_span]),
            around(e.new, e.new_tokens, [c.new_span for c in changes if c.new_span]))
