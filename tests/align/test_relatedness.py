"""Different stories that share an agency's background paragraphs (issue 30, class 6)."""

from factcheck.align.relatedness import distinctive


def test_a_lede_names_what_the_other_version_never_names() -> None:
    lede = ("LISBON, Portugal (AP) - Portugal confirmed its first case of Marlow fever, in a woman back from the "
            "Caribbean.")
    other = ("SANTIAGO, Chile (AP) - Chile reported its first case of Marlow fever. Marlow fever is spread by "
             "mosquitoes.")
    assert distinctive(lede, other) == ["Portugal", "Caribbean"]


def test_names_the_other_version_gives_are_not_distinctive() -> None:
    lede = "Portugal confirmed its first case of Marlow fever on Thursday."
    other = "A second case of Marlow fever was confirmed in Portugal on Friday."
    assert distinctive(lede, other) == []


def test_a_lede_opening_on_an_adverb_names_no_one() -> None:
    """A capitalised first word counts as a name only where the dictionary does not know it as something
    other than a noun ("Regularly drinking ..." names nothing; "Scientists ..." may)."""
    from factcheck.align.relatedness import distinctive

    assert "Regularly" not in distinctive("Regularly drinking wine may harm the liver, say doctors in Leeds.", "")
    assert "Leeds" in distinctive("Regularly drinking wine may harm the liver, say doctors in Leeds.", "")
    assert "Scientists" in distinctive("Scientists in Leeds found a new beetle.", "")
