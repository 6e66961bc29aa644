"""Sentence splitting with character spans and paragraph indices.

pysbd does the splitting inside each paragraph (it keeps U.S., H.W. Bush and Dr.
inside their sentences). Three repairs follow: a cut that no sentence can start at is
undone (``Sen. Jane Doe, R-Ga.`` | ``, said ...``: a piece that opens with a comma or a
lower-case word, a title such as ``Gov.`` before a name, ``No.`` before a figure, ``a.m.``
before a weekday); glued sentences such as ``deal with it."The issue`` are split, with the
closing quote kept in the first sentence; and an opening quote that pysbd left at the start
of the next sentence is moved back. No text is dropped: short fragments stay sentences.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Protocol

from factcheck.inputs.limits import Limits
from factcheck.inputs.versions import Version
from factcheck.text.furniture import furniture_kind
from factcheck.text.normalize import line_col

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
# a lower-case letter or digit, end punctuation, maybe a closing quote, then a capital: no space
_GLUED = re.compile(r"(?<=[a-z0-9%)][.!?])(\"|')?(?=[\"']?[A-Z][a-z])")


@dataclass(frozen=True)
class Sentence:
    """A sentence of one version, with its span in the version's original text."""

    version: int
    index: int
    start: int
    end: int
    text: str
    norm: str
    paragraph: int
    line: int
    column: int
    end_line: int
    end_column: int
    # no other sentence shares a line with it: a heading, a caption, a byline, a paragraph of one sentence
    alone: bool = False

    @property
    def key(self) -> tuple[int, int]:
        return (self.version, self.index)

    @cached_property
    def furniture(self) -> str | None:
        """What kind of page furniture the sentence is (``text.furniture.furniture_kind``), by the shape of a
        line of its own; a sentence that shares its line with others is a statement, whatever its words."""
        return furniture_kind(self.norm) if self.alone else None


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd
    from pysbd.utils import TextSpan

    class Segmenter(pysbd.Segmenter):
        def sentences_with_char_spans(self, sentences: list[str]) -> list[Any]:
            """pysbd's spans, found with ``str.find``: pysbd compiles a regular expression of each sentence
            (``re.escape(sentence) + "\\s*"``), which costs more than the search and pushes pysbd's own
            expressions out of ``re``'s cache. As there: each sentence's first match (and the white space
            after it) that ends past the previous one; matches are looked for without overlapping."""
            text, spans, prior = self.original_text, [], 0
            for sent in sentences:
                if not sent:  # an empty pattern matches everywhere: pysbd's own search, from where it was
                    match = next((m for m in re.finditer(r"\s*", text) if m.end() > prior), None)
                    if match is not None:
                        spans.append(TextSpan(match.group(), match.start(), match.end()))
                        prior = match.end()
                    continue
                pos = 0
                while (at := text.find(sent, pos)) >= 0:
                    end = at + len(sent)
                    while end < len(text) and text[end].isspace():
                        end += 1
                    if end > prior:
                        spans.append(TextSpan(text[at:end], at, end))
                        prior = end
                        break
                    pos = end
            return spans

    return Segmenter(language="en", clean=False, char_span=True)


@lru_cache(maxsize=4096)
def _sentence_starts(chunk: str) -> tuple[int, ...]:
    """Where pysbd starts a sentence in ``chunk`` (a piece of one paragraph): the versions of a story share
    most of their paragraphs, each split once."""
    return tuple(s.start for s in _segmenter().segment(chunk)) if chunk.strip() else ()


def paragraphs(norm: str) -> list[tuple[int, int]]:
    """Spans of paragraphs: blocks between blank lines, or single lines when a text has no blank lines."""
    if _PARAGRAPH_BREAK.search(norm.strip()):
        pattern = _PARAGRAPH_BREAK
    else:
        pattern = re.compile(r"\n\s*")
    spans, pos = [], 0
    for m in pattern.finditer(norm):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(norm)))
    return [(a, b) for a, b in spans if norm[a:b].strip()]


# titles and abbreviations that stand before a name or a figure: a sentence never ends on them
_TITLE_END = re.compile(r"(?:^|[\s(\"'])(?:Sens|Rep|Reps|Gov|Govs|Lt|Gen|Col|Maj|Capt|Cmdr|Adm|Sgt|Cpl|Pvt|"
                        r"Mr|Mrs|Ms|Messrs|Dr|Prof|Rev|Hon|Pres|Supt|Insp|Det|Atty|Ft|Mt|Sen|vs|v)\.$")
_NUMBER_END = re.compile(r"(?:^|[\s(])(?:No|Nos|Vol|Art|Fig|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.$")
_TIME_END = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)
_TIME_NEXT = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|ET|EST|EDT|CT|PT|GMT|BST|UTC|"
                        r"local|today|tomorrow|yesterday|on|in|at|to|and|or|until|when)\b")
_INITIAL_END = re.compile(r"(?:^|\s)[A-Z]\.$")


def _continues(prev: str, nxt: str) -> bool:
    """Whether ``nxt`` cannot open a sentence after ``prev``, so that the cut between them is wrong."""
    nxt = nxt.lstrip()
    prev = prev.rstrip()
    if not nxt or not prev:
        return False
    first = nxt.split()[0]
    if nxt[0] in ",;:)]}%" or (nxt[0].islower() and first[1:] == first[1:].lower()):
        return True  # "R-Ga." | ", said"; "the U.S." | "and its allies" (but "iPhone" may open one)
    if _TITLE_END.search(prev) and nxt[0].isupper():
        return True  # "Gov." | "Bob Smith"
    if _NUMBER_END.search(prev) and nxt[0].isdigit():
        return True  # "No." | "2"; "Jan." | "2015"
    if _TIME_END.search(prev) and _TIME_NEXT.match(nxt):
        return True  # "10 a.m." | "Tuesday"
    # "J." | "R. R. Tolkien": an initial before another initial
    return bool(_INITIAL_END.search(prev)) and re.fullmatch(r"[A-Z]\.", first) is not None


def _rejoin(chunk: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge each span into the one before it when the cut between them is not a sentence boundary."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and _continues(chunk[out[-1][0]:out[-1][1]], chunk[a:b]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _quote_balance(s: str) -> int:
    return s.count('"') % 2


def split_span(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``norm[start:end]`` (offsets into ``norm``), trimmed of white space."""
    chunk = norm[start:end].replace("\n", " ")
    # pysbd's start offsets are used only as cut points, so the spans cover the whole chunk:
    # whatever pysbd drops or misplaces stays in a sentence
    starts = sorted({0} | {a for a in _sentence_starts(chunk) if 0 < a < len(chunk)})
    bounds = [*starts, len(chunk)]
    raw = _rejoin(chunk, [(bounds[i], bounds[i + 1]) for i in range(len(starts))])
    cuts: list[tuple[int, int]] = []
    for a, b in raw:
        pos = a
        for m in _GLUED.finditer(chunk, a, b):
            cut = m.end()
            if cut > pos and chunk[pos:cut].strip():
                cuts.append((pos, cut))
                pos = cut
        cuts.append((pos, b))
    # move an opening quote that pysbd left after a quoted sentence back to its sentence
    fixed: list[list[int]] = [[a, b] for a, b in cuts]
    for i in range(1, len(fixed)):
        prev, cur = fixed[i - 1], fixed[i]
        text = chunk[cur[0]:cur[1]].lstrip()
        lead = cur[0] + (len(chunk[cur[0]:cur[1]]) - len(text))
        prev_text = chunk[prev[0]:prev[1]].rstrip()
        if text[:1] in "\"'" and _quote_balance(prev_text) == 1 and prev_text[-1:] in ".!?,":
            if prev[0] + len(prev_text) == lead or chunk[prev[0] + len(prev_text):lead].strip() == "":
                prev[1] = lead + 1
                cur[0] = lead + 1
    out = []
    for a, b in fixed:
        seg = chunk[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if seg.strip():
            out.append((start + a + lead, start + b - trail))
    return out


# pysbd takes time quadratic in the length it is given, so a long paragraph goes to it in pieces
PIECE = 500
# a sure place to cut: a lower-case word of three letters or more, end punctuation, a capital next
_SURE_END = re.compile(r"(?<![A-Za-z.])[a-z]{3,}[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z])")


def bounded_pieces(norm: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """``norm[start:end]`` cut in pieces of PIECE to 2 x PIECE characters, so splitting takes linear time:
    after a sure sentence end outside quotation marks, else at a space (or anywhere) with the flag
    set, which asks for the sentences on both sides of the cut to be joined again. A paragraph of up to
    2 x PIECE characters is one piece."""
    pieces = []
    pos, quoted = start, False
    while end - pos > 2 * PIECE:
        lo, hi = pos + PIECE, pos + 2 * PIECE
        cut, join, at = 0, True, pos
        for m in _SURE_END.finditer(norm, lo, hi):
            quoted ^= norm.count('"', at, m.end()) % 2 == 1
            at = m.end()
            if not quoted:
                cut, join = m.end(), False
                break
        if join:
            space = max(norm.rfind(" ", lo, hi), norm.rfind("\n", lo, hi))
            cut = space + 1 if space >= lo else hi
            quoted ^= norm.count('"', at, cut) % 2 == 1
        pieces.append((pos, cut, join))
        pos = cut
    pieces.append((pos, end, False))
    return pieces


def _paragraph_spans(norm: str, start: int, end: int, room: int) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, piece by piece; it stops once there are more than ``room``."""
    spans: list[tuple[int, int]] = []
    join = False
    for a, b, join_next in bounded_pieces(norm, start, end):
        found = split_span(norm, a, b)
        if join and spans and found:
            spans[-1] = (spans[-1][0], found[0][1])
            found = found[1:]
        spans += found
        join = join_next
        if len(spans) > room:
            break
    return spans


class KeptSpans(Protocol):
    """Sentence spans of paragraphs kept between runs (``models.cache.ResultCache.kept``), by paragraph text."""

    def get(self, key: str) -> str | None: ...

    def put(self, key: str, value: str) -> None: ...


@lru_cache(maxsize=1)
def splitter_id() -> str:
    """What the spans depend on: this module's code and pysbd's (kept spans are keyed by it). pysbd's
    source files are read where they lie, so a warm run imports neither pysbd nor ``importlib.metadata``."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    spec = importlib.util.find_spec("pysbd")
    for root in sorted(spec.submodule_search_locations or []) if spec is not None else []:
        for path in sorted(Path(root).rglob("*.py")):
            digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _kept_spans(norm: str, start: int, end: int, room: int, kept: KeptSpans | None) -> list[tuple[int, int]]:
    """``_paragraph_spans``, read from ``kept`` where an earlier run split the same paragraph."""
    if kept is None:
        return _paragraph_spans(norm, start, end, room)
    text = norm[start:end]
    found = kept.get(text)
    if found is not None:
        return [(start + a, start + b) for a, b in json.loads(found)]
    spans = _paragraph_spans(norm, start, end, room)
    if len(spans) <= room:  # whole: a paragraph cut short at the limit is not kept
        kept.put(text, json.dumps([[a - start, b - start] for a, b in spans]))
    return spans


def split_sentences(version: Version, version_index: int, limits: Limits | None = None,
                    kept: KeptSpans | None = None) -> list[Sentence]:
    """All sentences of a version, in order, with spans, lines and paragraph numbers. ``kept``: the spans
    of paragraphs an earlier run split (a warm run does not call pysbd again).

    More sentences than ``limits`` allows is an InputError, raised as soon as the count is passed."""
    limits = limits or Limits()
    sentences: list[Sentence] = []
    spans = paragraphs(version.norm)
    if len(spans) > limits.sentences:  # a paragraph holds at least one sentence
        raise limits.sentences_error(version.id)
    placed: list[tuple[int, int, int, int, int, int, int]] = []
    for p_index, (p_start, p_end) in enumerate(spans):
        found = _kept_spans(version.norm, p_start, p_end, limits.sentences - len(placed), kept)
        if len(placed) + len(found) > limits.sentences:
            raise limits.sentences_error(version.id)
        for a, b in found:
            line, col = line_col(version.line_starts, a)
            end_line, end_col = line_col(version.line_starts, max(a, b - 1))
            placed.append((a, b, p_index, line, col, end_line, end_col))
    # how many sentences stand on each line: a sentence alone on its lines is a line of its own
    on_line: dict[int, int] = {}
    for *_, line, _col, end_line, _end_col in placed:
        for n in range(line, end_line + 1):
            on_line[n] = on_line.get(n, 0) + 1
    for a, b, p_index, line, col, end_line, end_col in placed:
        sentences.append(Sentence(
            version=version_index, index=len(sentences), start=a, end=b,
            text=version.text[a:b], norm=" ".join(version.norm[a:b].split()),
            paragraph=p_index, line=line, column=col, end_line=end_line, end_column=end_col + 1,
            alone=all(on_line[n] == 1 for n in range(line, end_line + 1)),
        ))
    return sentences
