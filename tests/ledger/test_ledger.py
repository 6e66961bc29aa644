"""The story's ledger on hand-built slots: what it files and what it compares across versions."""

from __future__ import annotations

from factcheck.align.grouping import AlignedGroup
from factcheck.inputs.segment import split_sentences
from factcheck.inputs.versions import Version
from factcheck.ledger import check_ledger
from factcheck.ledger.corrections import notices
from factcheck.ledger.figures import figures
from factcheck.ledger.people import roles
from factcheck.slots.context import CheckContext


def context(*texts: str, aligned: bool = False) -> CheckContext:
    """Versions whose sentences each sit in a slot of their own (nothing aligned), or, with
    ``aligned``, sentence i of every version in slot i."""
    versions = [Version(f"v{n}.txt", t) for n, t in enumerate(texts)]
    sentences = [split_sentences(v, n) for n, v in enumerate(versions)]
    groups = []
    if aligned:
        for i in range(max(len(s) for s in sentences)):
            groups.append(AlignedGroup(i, tuple((i,) if i < len(s) else () for s in sentences)))
    else:
        for v, sents in enumerate(sentences):
            for s in sents:
                groups.append(AlignedGroup(len(groups), tuple((s.index,) if w == v else ()
                                                                for w in range(len(sentences)))))
    return CheckContext(versions, sentences, groups)


def _filed(text: str) -> list[tuple[str, float]]:
    return [(f.thing, f.value) for f in figures(split_sentences(Version("v", text), 0))]


def test_figures_are_filed_under_what_they_count() -> None:
    assert _filed("The death toll from the collapse of the old bridge over the river rose to 15.") == [("killed", 15)]
    assert _filed("Twelve people were killed.") == [("killed", 12)]
    assert _filed("An explosion killed 15 workers.") == [("killed", 15)]
    assert _filed("Clashes left 89 people dead and displaced 35,000.") == [("killed", 89), ("displaced", 35000)]
    assert _filed("The agency has a $4 billion budget and about 9,000 employees.") == \
        [("money:USD:budget", 4e9), ("employed", 9000)]
    assert _filed("Aid worth $3.2 billion was agreed.") == [("money:USD:aid", 3.2e9)]
    # part of a count, or no counted thing
    assert _filed("Another 35,000 fled. They displaced an additional 35,000 people. He is 62.") == []


def test_a_quotation_given_to_someone_else_in_another_place() -> None:
    quote = '"We have won a fair deal for every worker here,"'
    ctx = context(f"Dock workers went back. {quote} union leader Sam Tui said.",
                  f"{quote} port manager Anna Berg said. Dock workers went back.")
    found = [f for f in check_ledger(ctx) if f.rule == "FC306"]
    assert len(found) == 1 and "Sam Tui in v0.txt (line 1) but to Anna Berg in v1.txt (line 1)" in found[0].message
    aligned = context('"We have won a fair deal for every worker here," union leader Sam Tui said.',
                      '"We have won a fair deal for every worker here," port manager Anna Berg said.', aligned=True)
    assert [f for f in check_ledger(aligned) if f.rule == "FC306"] == []  # one statement: FC243's


def test_roles_change_within_a_family_of_offices_only() -> None:
    text = "Finance Minister Ruth Moana spoke. US Secretary of State John Kerry came."
    found = [(r.person, r.role) for r in roles(split_sentences(Version("v", text), 0)[0])]
    assert found == [("Ruth Moana", "Finance Minister")]
    ctx = context("Finance Minister Ruth Moana spoke on Monday.", "Health Minister Ruth Moana spoke on Monday.")
    assert [f.rule for f in check_ledger(ctx)] == ["FC305"]
    ctx = context("Sen. Ray Odom spoke on Monday.", "Committee Chairman Ray Odom spoke on Monday.")
    assert check_ledger(ctx) == []  # two hats, not a changed one


def test_figures_across_versions_and_within_one() -> None:
    ctx = context("Twelve people were killed in the storm.", "The death toll rose to 15 on Monday.")
    (f,) = check_ledger(ctx)
    assert f.rule == "FC302" and "updated" in f.message and {e.version for e in f.evidence} == {"v0.txt", "v1.txt"}
    ctx = context("Officials said 15 people were killed. The storm passed.",
                  "The storm passed. Officials said 12 people were killed.")
    assert [f.rule for f in check_ledger(ctx)] == ["FC301"]  # a toll that shrinks is not an update
    ctx = context("The storm killed 15 people. Later, 12 people were killed, police said.")
    assert [f.rule for f in check_ledger(ctx)] == ["FC303"]
    ctx = context("The storm killed 15 people. Police said 12 people were killed, up from 9.")
    assert check_ledger(ctx) == []  # a sentence that tells how the figure changed


def test_notices_say_what_was_wrong() -> None:
    ctx = context("A fire injured 12 workers.\n\nCorrection: An earlier version said 12 were injured. It was 21, "
                  "not 12.")
    (n,) = notices(ctx)
    assert "12" in n.wrong and len(n.sentences) == 2
    assert [f.rule for f in check_ledger(ctx)] == ["FC307"]
