"""A change that a notice in the later version names is acknowledged (issue 31, item 2): shown, linked to its
notice, at most info, so an intended and disclosed update does not fail the build."""

from __future__ import annotations

import json

import pytest

from factcheck import check_versions
from factcheck.render import render

OLD = ("Harbour vote\n\nThe council voted 7-4 to approve the harbour plan on Tuesday.\n\n"
       "The project will cost 40 million dollars, the mayor said.\n")
NEW = OLD.replace("7-4", "8-3")


def report(new: str, fake_models, old: str = OLD):  # type: ignore[no-untyped-def]
    return check_versions({"a.md": old, "b.md": new}, models=fake_models)


def the(r, rule: str):  # type: ignore[no-untyped-def]
    [f] = [f for f in r.findings if f.rule == rule]
    return f


@pytest.mark.parametrize("notice", [
    "Correction: An earlier version of this story gave the vote as 7-4. The vote was 8-3, not 7-4.",
    "This story has been updated to say the vote was 8-3.",
    "Correction: the council voted 8-3, not 7-4."])
def test_a_change_the_notice_names_is_acknowledged(notice: str, fake_models) -> None:  # type: ignore[no-untyped-def]
    r = report(NEW + "\n" + notice + "\n", fake_models)
    f = the(r, "FC220")
    assert f.sev.value == "info" and f.acknowledged is not None
    assert f.acknowledged["version"] == "b.md" and f.acknowledged["line"] == 7
    assert "acknowledged by the notice in b.md line 7" in f.message
    assert r.exit_code() == 0 and not [g for g in r.findings if g.sev.value == "error"]
    data = r.to_dict()
    [fd] = [x for x in data["findings"] if x["rule"] == "FC220"]
    assert fd["acknowledged"]["line"] == 7 and data["summary"]["acknowledged"] == 1
    for fmt in ("text", "concise", "markdown", "github", "junit", "sarif", "html"):
        assert "acknowledged by the notice in b.md line 7" in render(fmt, [r], verbose=True), fmt


@pytest.mark.parametrize("notice", [
    "This story has been updated.",                                       # names nothing
    "Correction: the council voted 9-2, not 7-4.",                         # names another change
    "Correction: the project will cost 45 million dollars, not 40 million dollars.",
])
def test_a_notice_that_does_not_name_the_change_acknowledges_nothing(notice: str, fake_models) -> None:  # type: ignore[no-untyped-def]
    r = report(NEW + "\n" + notice + "\n", fake_models)
    f = the(r, "FC220")
    assert f.sev.value == "error" and f.acknowledged is None and r.exit_code() == 1


def test_a_notice_in_the_older_version_acknowledges_nothing(fake_models) -> None:  # type: ignore[no-untyped-def]
    # only the earlier version says so (and wrongly: FC307); the later one changes the figure silently
    r = report(NEW, fake_models, old=OLD + "\nCorrection: the council voted 8-3, not 7-4.\n")
    assert the(r, "FC220").sev.value == "error" and the(r, "FC220").acknowledged is None


def test_the_unapplied_correction_is_still_reported(fake_models) -> None:  # type: ignore[no-untyped-def]
    # the notice names 8-3, but the text still says 7-4: FC307, and nothing is acknowledged
    r = report(OLD + "\nCorrection: the council voted 8-3, not 7-4.\n", fake_models)
    f = the(r, "FC307")
    assert f.acknowledged is None and "7-4" in json.dumps(f.to_dict())
