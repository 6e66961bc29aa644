"""Stray files in a drafts folder, through a real shell: the file a run's stderr is sent to
(``factcheck check drafts/ 2> drafts/err.txt``), what it left there, and factcheck's own settings and
baseline, none of which may stop a run or add a note to every report."""

from __future__ import annotations

import json
from pathlib import Path

from tests.hostile.run import run_cli

A = "The council approved the harbour plan on Tuesday.\n\nIt will cost 40 million dollars, the mayor said.\n"
B = "The council approved the harbour plan on Tuesday.\n\nIt will cost 45 million dollars, the mayor said.\n"


def test_a_run_with_its_errors_sent_into_the_drafts_folder(tmp_path: Path) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "a.txt").write_text(A)
    (drafts / "b.txt").write_text(B)
    (drafts / "pyproject.toml").write_text('[tool.factcheck]\nfail-on = "error"\n')
    baseline = run_cli(["check", "-q", "drafts", "--write-baseline", "drafts/baseline.json"], tmp_path)
    assert baseline.code == 0, baseline.stderr
    first = run_cli(["check", "-q", "drafts", "-f", "json"], tmp_path, shell_suffix="2> drafts/err.txt")
    assert first.code == 1, (first.stdout[-2000:], (drafts / "err.txt").read_text())
    report = json.loads(first.stdout)
    assert [v["id"] for v in report["versions"]] == ["a.txt", "b.txt"] and report["notes"] == []
    assert (drafts / "err.txt").read_bytes() == b""
    again = run_cli(["check", "-q", "drafts", "-f", "json"], tmp_path)   # the empty err.txt it left behind
    notes = json.loads(again.stdout)["notes"]
    assert again.code == 1 and len(notes) == 1 and notes[0].startswith("skipped drafts/err.txt: empty"), notes
    (drafts / "err.txt").write_text("factcheck: error: FCE107: only one version to compare (a.txt) "
                                    "(give a folder with two or more versions, or two or more files)\n")
    last = run_cli(["check", "-q", "drafts", "-f", "json"], tmp_path)    # an earlier run's error in it
    assert last.code == 1 and json.loads(last.stdout)["notes"] == [], last.stdout[-2000:]
    (drafts / "c.txt").write_text("")                                    # an empty draft is still an error
    run_cli(["check", "-q", "drafts"], tmp_path).one_line_error("FCE102", "c.txt: is empty")
