"""A story that says nothing of an edit's new words cannot make the edit safer than the edit read alone
(``judge.decide._read_alone``)."""

from __future__ import annotations

from factcheck.judge.decide import judge
from factcheck.judge.model import shipped_model
from factcheck.judge.support import Story

OLD = "Volunteers painted the old footbridge yellow on Saturday to mark the town's summer festival."
NEW = OLD.replace("yellow", "green")
REST = ["The bridge, built in 1911, links the market square to the railway station.",
        "About forty people joined the work, the organisers said.",
        "The council paid for the paint and the brushes.",
        "The festival continues until next weekend, with a parade on Sunday."]


def _model():  # type: ignore[no-untyped-def]
    # warning thresholds placed between the two readings of this edit (no NLI: the text features alone)
    story, pair = judge(OLD, NEW, story=Story(REST)), judge(OLD, NEW)
    assert story.variant == "story" and pair.variant == "pair"
    low, high = sorted((story.probability, pair.probability))
    return shipped_model().with_warnings({"story": high + 0.01, "pair": low - 0.01})


def test_a_silent_story_leaves_the_edit_as_read_alone() -> None:
    verdict = judge(OLD, NEW, story=Story(REST), model=_model())
    assert verdict.variant == "pair" and verdict.kind == "contradicts"


def test_a_story_that_gives_the_new_word_keeps_its_own_reading() -> None:
    rest = [*REST[:3], "Green is the colour of the town's football club."]
    verdict = judge(OLD, NEW, story=Story(rest), model=_model())
    assert verdict.variant == "story" and verdict.kind == "rewording"
