from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.normalize import line_col, line_starts, match_key, normalize


def test_curly_quotes_and_dashes_become_plain_with_same_length() -> None:
    text = "\u201cHello,\u201d she said \u2014 it\u2019s\u00a0fine."
    out = normalize(text)
    assert out == '"Hello," she said - it\'s fine.'
    assert len(out) == len(text)


def test_crlf_and_cr_line_endings() -> None:
    assert normalize("a\r\nb\rc") == "a \nb\nc"
    assert line_starts("a\r\nb\rc") == [0, 3, 5]


def test_line_col() -> None:
    starts = line_starts("ab\ncd\n\nef")
    assert line_col(starts, 0) == (1, 1)
    assert line_col(starts, 4) == (2, 2)
    assert line_col(starts, 7) == (4, 1)


def test_match_key_ignores_case_quotes_and_spacing() -> None:
    assert match_key("\u201cThe  deal\u201d") == match_key('"the deal"')


@given(st.text())
def test_normalize_keeps_length(text: str) -> None:
    assert len(normalize(text)) == len(text)
