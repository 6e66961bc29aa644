"""Markup that is not article text, and Markdown's character references (issue 30, class 2)."""

from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.markup import markdown_references, mask_markup


def test_shortcodes_and_their_ids_are_blanked_and_a_caption_s_words_kept() -> None:
    text = ('[caption id="attachment_27781" align="alignright" width="300"]<img src="/a.jpg" /> Author: Ana Ruiz'
            '[/caption] The bank will close 12 branches. [gallery ids="101,102"]')
    out = mask_markup(text)
    assert len(out) == len(text)
    # a page shows a caption's words: a figure changed there is still found
    assert " ".join(out.split()) == "Author: Ana Ruiz The bank will close 12 branches."


def test_images_link_targets_tags_and_attribute_lists_are_blanked_and_link_words_kept() -> None:
    out = mask_markup('See [the report](https://example.org/r.pdf) ![a map](map.png){#map .wide} <b>now</b>.')
    assert " ".join(out.split()) == "See [the report] now ."


def test_editorial_brackets_and_comparisons_are_article_text() -> None:
    for text in ("UNHCR [United Nations Human Rights Council] said", "It was [sic] wrong", "if x < 5 and y > 3"):
        assert mask_markup(text) == text


def test_markdown_references_decode_as_rendered_but_never_to_a_line_end() -> None:
    assert markdown_references("1&#51; villages &amp; 15&nbsp;000") == "13 villages & 15\u00a0000"
    assert markdown_references("a&#10;b &bogus; AT&T") == "a&#10;b &bogus; AT&T"


@given(st.text())
def test_masking_keeps_length_and_lines(text: str) -> None:
    out = mask_markup(text)
    assert len(out) == len(text)
    assert [i for i, c in enumerate(out) if c == "\n"] == [i for i, c in enumerate(text) if c == "\n"]
