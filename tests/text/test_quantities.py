import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.numbers import changed_units, changed_values
from factcheck.text.quantities import extract, parse_words, to_words


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_words_round_trip(n: int) -> None:
    assert parse_words(to_words(n)) == n


@given(st.integers(min_value=0, max_value=999_999_999_999))
def test_extract_reads_back_what_is_formatted(n: int) -> None:
    """What the check reads in a sentence, in words or in digits with separators, is the number written."""
    for text in (f"They took {to_words(n)} refugees.", f"They took {n:,} refugees.", f"They took {n} refugees."):
        got = extract(text)
        assert [(q.value, q.kind, q.unit) for q in got] == [(n, "number", "refugee")], text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("150 refugees", [(150, "number", "refugee")]),
        ("one hundred and fifty refugees", [(150, "number", "refugee")]),
        ("1.5 million people", [(1_500_000, "number", "people")]),
        ("1,500,000 people", [(1_500_000, "number", "people")]),
        ("a third", [(1 / 3, "fraction", "")]),
        ("two-thirds of voters", [(2 / 3, "fraction", "")]),
        ("12 per cent", [(12, "percent", "%")]),
        ("12%", [(12, "percent", "%")]),
        ("$40m", [(40_000_000, "money", "USD")]),
        ("£3.2bn", [(3_200_000_000, "money", "GBP")]),
        ("on Tuesday in September 2013", [(1, "weekday", ""), (8, "month", ""), (2013, "year", "")]),
        ("COVID-19 and a Boeing 737", []),
        ("Vision 2030", []),
    ],
)
def test_extract(text: str, expected: list[tuple[float, str, str]]) -> None:
    got = [(q.value, q.kind, q.unit) for q in extract(text)]
    assert [(pytest.approx(v), k, u) for v, k, u in expected] == got


def test_formatting_is_not_a_change() -> None:
    assert changed_values(extract("150 refugees a year"), extract("one hundred and fifty refugees a year")) == []


def test_changed_count_of_the_same_thing() -> None:
    pairs = changed_values(extract("67 million users"), extract("999 million users"))
    assert [(a.value, b.value) for a, b in pairs] == [(67_000_000, 999_000_000)]


def test_counts_of_different_things_do_not_compare() -> None:
    assert changed_values(extract("150 refugees"), extract("3 ministers")) == []


def test_an_added_number_is_not_a_change() -> None:
    assert changed_values(extract("The offer stands."), extract("The offer of 150 places stands.")) == []


@pytest.mark.parametrize(("a", "b", "changed"), [
    ("US$20", "NZ$20", True),
    ("10 km", "10 miles", True),
    ("3 days", "3 weeks", True),
    ("150 refugees", "150 people", False),  # the counted noun reworded
    ("10 km or 6 miles", "6 miles or 10 km", False),
    ("20 dollars", "$20", False),
])
def test_changed_units(a: str, b: str, changed: bool) -> None:
    assert bool(changed_units(extract(a), extract(b))) is changed


@pytest.mark.parametrize(("plural_", "singular_"), [
    ("bosses", "boss"), ("glasses", "glass"), ("others", "other"), ("cities", "city"), ("refugees", "refugee"),
    ("churches", "church"), ("taxes", "tax"), ("days", "day"), ("boys", "boy"), ("people", "people"),
    ("news", "news"), ("virus", "virus"), ("series", "series"), ("children", "children"),
])
def test_counted_nouns_are_singular_for_comparing_and_plural_in_messages(plural_: str, singular_: str) -> None:
    from factcheck.text.quantities import plural, singular

    assert singular(plural_) == singular_
    assert plural(singular(plural_)) == plural_


def test_a_changed_count_of_bosses_reads_as_written(fake_models) -> None:  # type: ignore[no-untyped-def]
    from factcheck import check_versions

    report = check_versions({"a.txt": "The firm hired 12 bosses and 3 glasses makers last year.",
                             "b.txt": "The firm hired 14 bosses and 3 glasses makers last year."}, models=fake_models)
    message = next(f.message for f in report.findings if f.rule == "FC220")
    assert '"12 bosses"' in message and '"14 bosses"' in message


def test_a_counted_word_is_named_as_the_sentence_writes_it(fake_models) -> None:  # type: ignore[no-untyped-def]
    """"9 missing" and "3 lives" as written, never made plural by rule ("9 missings", "3 lifes")."""
    from factcheck import check_versions

    report = check_versions({"a.txt": "Rescuers said 9 missing people were found.\n\nThe flood cost 3 lives.",
                             "b.txt": "Rescuers said 12 missing people were found.\n\nThe flood cost 4 lives."},
                            models=fake_models)
    messages = " ".join(f.message for f in report.findings if f.rule == "FC220")
    assert '"9 missing"' in messages and '"12 missing"' in messages and "missings" not in messages
    assert '"3 lives"' in messages and '"4 lives"' in messages
