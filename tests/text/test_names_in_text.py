"""What counts as a name in a sentence: a month is a date, initials stay whole, a party and a title are
no name of their own."""

from __future__ import annotations

import pytest

from factcheck.text.content import names, new_facts


@pytest.mark.parametrize(("text", "expected"), [
    ("The issue was a key focus of a Leader's Summit on Refugees in New York in September.",
     ["Leader's Summit", "Refugees", "New York"]),
    ("The talks were held in May and again on 3 June.", []),
    ("Kerry noted action on climate change in 1992 under a Republican President, George H.W. Bush.",
     ["George H.W. Bush"]),
    ("He met President Obama and Prime Minister John Key.", ["President Obama", "Prime Minister John Key"]),
    ("The Republican senator from Ohio voted no.", ["Republican", "Ohio"]),
    ("He worked for J.P. Morgan in London.", ["J.P. Morgan", "London"]),
])
def test_names(text: str, expected: list[str]) -> None:
    assert names(text) == expected


def test_a_month_is_a_figure_of_the_statement_not_also_a_name() -> None:
    added = new_facts("The issue was a key focus of a summit in New York in September.",
                      "The talks in New York went on.")
    assert added == {"figures": ["September"]}


def test_initials_are_one_name_with_the_surname() -> None:
    added = new_facts("The US first acted on climate change in 1992 under a Republican President, George H.W. Bush.",
                      "The US acted on climate change.")
    assert added == {"figures": ["1992"], "names": ["George H.W. Bush"]}
