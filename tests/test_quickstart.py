"""The quick start as a new user runs it, with the real models: three versions named wire.txt, web.txt and
update.txt, whose names show no order, give a correct report, given as files in order or as a folder with
--order; a folder alone says which order it assumed and how to change it. The README's own quick start
(examples/quickstart) is checked here for what it must find; tests/test_docs_examples.py runs its command
and compares the output with the README's."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from factcheck import check_versions
from factcheck.cli import app
from factcheck.report import Report
from tests.conftest import REPO
from tests.render.test_locations import WEB, WIRE

runner = CliRunner()
UPDATE = WEB.replace("will pay", "may pay")   # the update keeps web.txt's figure and hedges the mayor's claim


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story").mkdir()
    for name, text in (("wire", WIRE), ("web", WEB), ("update", UPDATE)):
        (tmp_path / "story" / f"{name}.txt").write_text(text)
    return tmp_path


def _serious(out: str) -> list[str]:
    return [line for line in out.splitlines() if re.search(r": FC\d+ \[(error|warning)\]", line)]


@pytest.mark.model
@pytest.mark.parametrize("args", [
    ["story/wire.txt", "story/web.txt", "story/update.txt"],
    ["story", "--order", "wire.txt,web.txt,update.txt"],
])
def test_the_quick_start_on_wire_web_and_update(newsroom: Path, args: list[str]) -> None:
    result = runner.invoke(app, ["check", *args, "-q", "-f", "concise"])
    assert result.exit_code == 1, result.output
    serious = _serious(result.stdout)
    # the changed figure at the version that changed it, the hedge at the update that brought it in
    assert len(serious) == 2, result.stdout
    assert serious[0].startswith("story/web.txt:5:1: FC220 [error] ") and '"5.4%" in web.txt' in serious[0]
    assert serious[1].startswith("story/update.txt:7:1: FC230 [warning] ") and '"may"' in serious[1]
    said = "versions in the order given" if args[0] != "story" else "versions in the order listed"
    assert f"{said}: wire.txt, web.txt, update.txt" in result.stdout
    data = json.loads(runner.invoke(app, ["check", *args, "-q", "-f", "json"]).stdout)
    assert data["order"]["versions"] == ["wire.txt", "web.txt", "update.txt"] and not data["order"]["assumed"]
    [number] = [f for f in data["findings"] if f["rule"] == "FC220"]
    assert [(p["version"], p["role"]) for p in number["locations"]] == [
        ("web.txt", "primary"), ("wire.txt", "evidence"), ("update.txt", "same text")]


@pytest.mark.model
def test_a_folder_whose_names_show_no_order_says_what_it_assumed(newsroom: Path) -> None:
    result = runner.invoke(app, ["check", "story", "-q"])
    text = " ".join(result.stdout.split())
    assert "versions taken in name order: update.txt, web.txt, wire.txt; the names show no order: give the " \
           "files in order or set --order" in text


# --- the README's quick start: examples/quickstart, a story we made up --------------------------------

QUICKSTART = [f"examples/quickstart/{name}.txt" for name in ("wire", "web", "update")]


def _places(report: Report) -> dict[str, list[tuple[str, int, str]]]:
    return {f.rule: [(p.evidence.version, p.evidence.line, p.role) for p in report.locations(f)]
            for f in report.findings if f.severity in ("error", "warning")}


def test_the_quick_start_example_changes_a_figure_and_hedges_in_the_update(monkeypatch: pytest.MonkeyPatch,
                                                                           fake_models: Any) -> None:
    monkeypatch.chdir(REPO)
    report = check_versions(QUICKSTART, models=fake_models)
    places = _places(report)
    assert set(places) == {"FC220", "FC230"}
    assert places["FC220"][0] == ("update.txt", 5, "primary") and places["FC230"][0] == ("update.txt", 7, "primary")
    changes = sorted(report.to_dict()["groups"], key=lambda g: g["id"])
    assert [g["change"] for g in changes if g.get("change")] == ["fact", "fact", "style"]   # web.txt's rewording


@pytest.mark.model
def test_a_new_user_s_quick_start_from_a_fresh_clone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's command on a copy where every file has one time, as a fresh clone gives them."""
    shutil.copytree(REPO / "examples" / "quickstart", tmp_path / "examples" / "quickstart")
    for path in (tmp_path / "examples" / "quickstart").iterdir():
        os.utime(path, (1_700_000_000, 1_700_000_000))
    monkeypatch.chdir(tmp_path)
    for args in (QUICKSTART, ["examples/quickstart", "--order", "wire,web,update"]):
        data = json.loads(runner.invoke(app, ["check", *args, "-q", "-f", "json"]).stdout)
        assert data["order"]["versions"] == ["wire.txt", "web.txt", "update.txt"] and not data["order"]["assumed"]
        serious = {f["rule"]: f for f in data["findings"] if f["severity"] in ("error", "warning")}
        assert set(serious) == {"FC220", "FC230"} and serious["FC220"]["severity"] == "error"
        assert [(p["version"], p["role"]) for p in serious["FC220"]["locations"]] == [
            ("update.txt", "primary"), ("wire.txt", "evidence"), ("web.txt", "same text")]
        assert "$240,000" in serious["FC220"]["message"] and "$310,000" in serious["FC220"]["message"]
        assert serious["FC230"]["locations"][0]["version"] == "update.txt" and '"could"' in serious["FC230"]["message"]
        assert sorted(g["change"] for g in data["groups"] if g.get("change")) == ["fact", "fact", "style"]
    result = runner.invoke(app, ["check", *QUICKSTART, "-q"])
    assert result.exit_code == 1
