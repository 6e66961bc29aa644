"""The text report an editor reads first: the counts, a short fix list, then the detail."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from factcheck import check_versions
from factcheck.cli.output import terminal
from factcheck.render import render
from factcheck.render.text import FOLD_FROM, fix_list

LEDE = "The council approved a budget of $4 million on Tuesday, the mayor said."
KEPT = ["The vote was seven to two after a debate of three hours.", "Work on the new library begins in May.",
        "The council also named a new head of its planning department.", "Bus fares will stay the same next year.",
        "The old swimming pool will close for repairs in the autumn.", "Street lights will be replaced in the centre."]
CUT = [f"Resident number {n} told reporters that the {w} plan would cost {n} jobs in the town."
       for n, w in zip(range(2, 8), ("harbour", "school", "road", "bridge", "park", "market"), strict=True)]
# the cut sentences stand apart, each between two that the web version keeps (a run of them would be one block)
WIRE = "\n\n".join([LEDE, *(s for pair in zip(KEPT, CUT, strict=True) for s in pair)])
WEB = "\n\n".join([LEDE.replace("$4 million", "$5 million"), *KEPT])


@pytest.fixture
def report(fake_models):  # type: ignore[no-untyped-def]
    return check_versions({"a-wire.txt": WIRE, "b-web.txt": WEB}, models=fake_models)


def test_counts_come_first_then_the_fix_list_then_the_detail(report) -> None:  # type: ignore[no-untyped-def]
    text = render("text", [report])
    lines = text.splitlines()
    assert lines[0].startswith("factcheck: 1 error, ") and "exit code 1" in lines[0]
    assert lines[1] == "versions in name order: a-wire.txt, b-web.txt"   # how they were read and judged,
    assert lines[2] == "Settings: none (defaults and the command line)."   # then the list
    assert lines[3] == "To fix first:"
    assert text.index("To fix first:") < text.index("Details, slot by slot:") < text.index("╭─ slot")
    # the error leads the list, and the sentences the web version cut fold into one row
    rows = fix_list(report)
    assert rows[0][:2] == ("error", "FC220")
    cut = [r for r in rows if r[1].startswith("FC111 x")]
    assert len(CUT) >= FOLD_FROM and cut and cut[0][1] == f"FC111 x{len(CUT)}"
    assert cut[0][3].startswith("lines 5, 9, 13, 17, 21, 25:")
    assert len([r for r in rows if r[1] == "FC111"]) == 0


def test_sentences_cut_in_a_row_are_one_block(fake_models) -> None:  # type: ignore[no-untyped-def]
    wire = "\n\n".join([LEDE, *KEPT, *CUT])
    rows = fix_list(check_versions({"a-wire.txt": wire, "b-web.txt": WEB}, models=fake_models))
    cut = [r for r in rows if r[1] == "FC111"]
    assert len(cut) == 1 and f"{len(CUT)} sentences in a row" in cut[0][3], rows


def test_the_report_fits_the_terminal_width(report) -> None:  # type: ignore[no-untyped-def]
    for width in (80, 100):
        text = render("text", [report], width=width)
        assert max(len(line) for line in text.splitlines()) <= width
    assert max(len(line) for line in render("text", [report]).splitlines()) > 80  # 120 off a terminal


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("tty", "env", "color"), [
    (True, {}, True), (False, {}, False), (False, {"FORCE_COLOR": "1"}, True),
    (True, {"NO_COLOR": "1"}, False), (False, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, False),
])
def test_no_color_and_force_color(monkeypatch: pytest.MonkeyPatch, tty: bool, env: dict[str, str],
                                  color: bool) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stdout", _Tty() if tty else io.StringIO())
    assert terminal(None, "text")[0] is color
    assert terminal(Path("report.txt"), "text")[0] is False  # never colour in a file
    assert terminal(None, "json")[0] is False


def test_width_follows_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    assert terminal(None, "text")[1] == 72
