from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.inputs.segment import split_sentences
from factcheck.inputs.versions import Version


def sents(text: str) -> list[str]:
    return [s.text for s in split_sentences(Version("v", text), 0)]


def test_glued_sentences_are_split_and_keep_their_quote() -> None:
    out = sents('"We may be able to deal with it."The issue was a key focus, he said.')
    assert out == ['"We may be able to deal with it."', "The issue was a key focus, he said."]


def test_abbreviations_stay_inside_their_sentence() -> None:
    out = sents("The US first acted in 1992 under George H.W. Bush. Dr. Smith of the U.S. Army agreed.")
    assert out == ["The US first acted in 1992 under George H.W. Bush.", "Dr. Smith of the U.S. Army agreed."]


def test_spans_point_into_the_original_text() -> None:
    text = "\ufeffFirst \u201cquoted\u201d line.\r\n\r\nSecond para here. Third one!"
    v = Version("v", text)
    out = split_sentences(v, 0)
    assert [text[s.start:s.end] for s in out] == [s.text for s in out]
    assert [s.paragraph for s in out] == [0, 1, 1]
    assert out[1].line == 3 and out[1].column == 1


def test_single_line_paragraphs_and_short_fragments_are_kept() -> None:
    out = split_sentences(Version("v", "Headline\nBody sentence one. Two.\nOk"), 0)
    assert [s.text for s in out] == ["Headline", "Body sentence one.", "Two.", "Ok"]
    assert [s.paragraph for s in out] == [0, 1, 1, 2]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\"'\n\r\u201cXY1")), max_size=80))
def test_spans_cover_the_text_in_order_without_overlap(text: str) -> None:
    out = split_sentences(Version("v", text), 0)
    pos = 0
    for s in out:
        assert s.start >= pos and s.end > s.start
        assert text[pos:s.start].strip() == "" or set(text[pos:s.start]) <= set(" \n\r\t")
        pos = s.end
    assert text[pos:].strip() == ""


def test_us_titles_and_party_abbreviations_stay_in_their_sentence() -> None:
    out = sents("Sen. Jane Doe, R-Ga., said the bill was dead. Gov. Bob Smith, D-N.Y., disagreed.")
    assert out == ["Sen. Jane Doe, R-Ga., said the bill was dead.", "Gov. Bob Smith, D-N.Y., disagreed."]
    out = sents("The committee chairman, Sen. Ray Odom, R-Tenn., praised the choice. Lt. Gen. Ann Lee agreed.")
    assert out == ["The committee chairman, Sen. Ray Odom, R-Tenn., praised the choice.",
                   "Lt. Gen. Ann Lee agreed."]


def test_times_numbers_initials_and_ellipses() -> None:
    assert sents("The vote was at 10 a.m. Tuesday in the U.S. Senate. It failed.") == [
        "The vote was at 10 a.m. Tuesday in the U.S. Senate.", "It failed."]
    assert sents("The No. 2 official, J. R. R. Smith, left. The meeting ended at 5 p.m. The next began.") == [
        "The No. 2 official, J. R. R. Smith, left.", "The meeting ended at 5 p.m.", "The next began."]
    assert sents("He paused... and then he spoke. It rose in the U.S. and its allies.") == [
        "He paused... and then he spoke.", "It rose in the U.S. and its allies."]


def test_a_real_sentence_end_before_a_title_word_or_camel_case_is_kept() -> None:
    assert sents("The answer was No. The next one was yes.") == ["The answer was No.", "The next one was yes."]
    assert sents("The vote was 52-48. iPhone sales fell.") == ["The vote was 52-48.", "iPhone sales fell."]
