"""Fact change or style change, one label per slot whose versions differ (factcheck.verdict.kind)."""

from __future__ import annotations

from factcheck import check_versions

A = ("The council approved the budget on Tuesday.\n\nThe vote was 7 to 2.\n\n"
     "The budget takes effect in April, the mayor said.")
RESTATED = A + "\n\nIn short, the council approved the budget."
NEW_FACT = A + "\n\nThe budget includes 4 million pounds for roads."


def test_a_sentence_that_only_restates_is_a_style_change_and_one_with_a_fact_is_not(fake_models) -> None:  # type: ignore[no-untyped-def]
    restated = check_versions({"a.txt": A, "b.txt": RESTATED}, models=fake_models)
    assert {f.rule for f in restated.findings} <= {"FC110"}
    assert restated.change_counts() == {"fact": 0, "style": 1}
    added = check_versions({"a.txt": A, "b.txt": NEW_FACT}, models=fake_models)
    assert added.change_counts() == {"fact": 1, "style": 0}


def test_the_stats_count_every_slot_the_summary_labels(fake_models) -> None:  # type: ignore[no-untyped-def]
    # one reworded statement and one sentence only b has: two slots that differ, in both places of the JSON
    report = check_versions({"a.txt": A, "b.txt": A.replace("7 to 2", "8 to 1") + "\n\nThe budget includes roads."},
                            models=fake_models)
    data = report.to_dict()
    assert data["stats"]["changed_slots"] == sum(data["summary"]["changes"].values()) == 2
