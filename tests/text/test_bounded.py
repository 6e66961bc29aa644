"""The pieces behind issue 18: safe printing, bounded HTML nesting, sentence splitting in pieces."""

from __future__ import annotations

import pytest

from factcheck.inputs.html import MAX_DEPTH, bound_nesting, html_text
from factcheck.inputs.limits import Limits
from factcheck.inputs.segment import PIECE, bounded_pieces, paragraphs, split_sentences, split_span
from factcheck.inputs.versions import Version
from factcheck.text.safe import one_line, printable
from tests.conftest import KERRY

NO_LIMITS = Limits(10**9, 10**9, 10**9)


def test_printable_shows_controls_and_bidi_and_keeps_text() -> None:
    assert printable("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert printable("x\x9by\x7fz\x00") == "x\\x9by\\x7fz\\x00"
    assert printable("left\u202eright\u2066\u200f") == "left\\u202eright\\u2066\\u200f"
    assert printable("line\r\nnext\rover\tTab") == "line\nnext\\x0dover\tTab"
    assert printable("Café “quoted” — 東京 ✓") == "Café “quoted” — 東京 ✓"
    assert one_line("two\nlines\x07") == "two lines\\x07"


def test_bound_nesting_leaves_ordinary_pages_alone() -> None:
    page = ("<html><head><script>if (a < b) { x = '<div>'; }</script></head><body><!-- <div> -->"
            + "<div><p>One <b>two</b></p></div>" * 300 + "</body></html>")
    assert bound_nesting(page) == page


def test_bound_nesting_caps_depth_and_keeps_the_text() -> None:
    deep = "<div>x" * 2000 + "</div>" * 2000
    flat = bound_nesting(deep)
    assert flat.count("<div>") == MAX_DEPTH and flat.count("</div>") == MAX_DEPTH and flat.count("x") == 2000
    loose = "".join(f"<div><b id={i}></div>y" for i in range(100))
    assert bound_nesting(loose).count("<b ") == 16 and bound_nesting(loose).count("y") == 100


def test_deep_html_keeps_its_paragraphs() -> None:
    page = "<div>" * 3000 + "".join(f"<p>Paragraph {n}.</p>" for n in range(5)) + "</div>" * 3000
    assert html_text(page, "p.html", NO_LIMITS).split("\n\n") == [f"Paragraph {n}." for n in range(5)]


def test_short_paragraphs_are_one_piece_long_ones_are_bounded() -> None:
    assert bounded_pieces("x" * 2 * PIECE, 0, 2 * PIECE) == [(0, 2 * PIECE, False)]
    text = "The council met today. " * 400
    pieces = bounded_pieces(text, 0, len(text))
    assert all(b - a <= 2 * PIECE for a, b, _ in pieces) and not any(join for *_, join in pieces)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(pieces[i][1] == pieces[i + 1][0] for i in range(len(pieces) - 1))


def test_a_long_sentence_stays_one_sentence() -> None:
    long = "The council said " + ", ".join(f"item {n} was approved" for n in range(600)) + "."
    out = split_sentences(Version("v", long + " The end came."), 0)
    assert [s.text for s in out] == [long, "The end came."] and len(out[0].text) > 10_000


@pytest.mark.parametrize("path", sorted(KERRY.glob("*.txt")), ids=lambda p: p.name[:3])
def test_pieces_split_like_the_whole_paragraph(path) -> None:  # type: ignore[no-untyped-def]
    """The seed articles, as written and as one paragraph of 2,500 characters: the same sentences as
    pysbd gives for each whole paragraph (but where a quotation holds two sentences, see below)."""
    text = path.read_text()
    v = Version("v", text)
    assert [(s.start, s.end) for s in split_sentences(v, 0)] == \
        [span for a, b in paragraphs(v.norm) for span in split_span(v.norm, a, b)]
    one = Version("v", " ".join(text.split()))
    pieces = {(s.start, s.end) for s in split_sentences(one, 0, NO_LIMITS)}
    whole = set(split_span(one.norm, 0, len(one.norm)))
    # pysbd on the whole paragraph runs two quoted sentences together; the pieces keep them apart
    assert len(whole - pieces) <= 1 and all(one.norm[a] == '"' for a, _ in whole - pieces)
