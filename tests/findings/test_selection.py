"""Which rules are reported: --extend-select beside --select and --ignore, from the settings file and the
command line of check, diff-branch and batch; and an ignored rule takes what is folded into it along."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from factcheck import check_versions
from factcheck.cli import app
from factcheck.errors import ConfigError
from factcheck.findings.finding import Evidence, Finding
from factcheck.findings.policy import Policy
from factcheck.settings import Settings, load_settings, settings_for
from tests.conftest import REPO

runner = CliRunner()
A = "The minister said 150 refugees would come.\n\nThe talks were long."
B = "The minister said 999 refugees would come.\n\nThe talks were long."
TOLL = REPO / "tests" / "cases" / "ledger_toll_moved_to_lede"   # FC302 takes in FC111 and FC212


def drafts(folder: Path) -> Path:
    d = folder / "drafts"
    d.mkdir(parents=True)
    (d / "a.md").write_text(A)
    (d / "b.md").write_text(B)
    return d


def rules_of(*args: str) -> tuple[int, list[str], dict[str, int]]:
    result = runner.invoke(app, ["check", "-q", "-f", "json", *args])
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return result.exit_code, [f["rule"] for f in data["findings"]], data["summary"]["suppressed"]


# --- the layers ---------------------------------------------------------------------------------------

def test_extend_select_adds_to_the_selection_and_select_replaces_both() -> None:
    file = Settings(select=("FC2",), extend_select=("FC111",))
    enabled = file.with_rules().policy().enabled()
    assert "FC111" in enabled and "FC201" in enabled and "FC101" not in enabled
    more = file.with_rules(extend_select=["FC101"]).policy().enabled()
    assert {"FC101", "FC111", "FC201"} <= more
    only = file.with_rules(select=["FC3"]).policy().enabled()
    assert "FC111" not in only and "FC201" not in only and "FC301" in only
    assert "FC220" in file.with_rules(select=["FC3"], extend_select=["FC220"]).policy().enabled()


@pytest.mark.parametrize(("ignore", "cli", "reported"), [
    (["FC212"], {"extend_select": ["FC212"]}, True),     # the same reach: the command line wins
    (["FC2"], {"extend_select": ["FC212"]}, True),       # a narrower one wins
    (["FC212"], {"extend_select": ["FC2"]}, False),      # a wider one does not
    (["FC212"], {"select": ["ALL"]}, False),             # --select ALL does not undo an ignore
    (["FC212"], {"select": ["fact-added-to-statement"]}, True),
    (["FC212"], {"extend_select": ["FC212"], "ignore": ["FC212"]}, False),  # --ignore replaces the file's
    (["FC212"], {"ignore": []}, True),
])
def test_the_command_line_selection_beats_the_files_ignore_at_its_reach(ignore: list[str], cli: dict[str, list[str]],
                                                                          reported: bool) -> None:
    policy = Settings(ignore=tuple(ignore)).with_rules(**cli).policy()
    assert ("FC212" in policy.enabled()) is reported
    assert "FC201" not in policy.enabled() or ignore != ["FC2"]   # the rest of the file's ignore stays


@pytest.mark.parametrize(("flag", "selectors"), [("--select", ["FC999"]), ("--extend-select", ["FC1", "FC2O1"]),
                                                 ("--ignore", ["nonsense"])])
def test_unknown_rules_on_the_command_line_are_coded_and_name_the_flag(flag: str, selectors: list[str]) -> None:
    key = flag.removeprefix("--").replace("-", "_")
    with pytest.raises(ConfigError) as err:
        Settings().with_rules(**{key: selectors})
    line = err.value.one_line()
    assert line.startswith(f"FCE210: {flag}: unknown rule '{selectors[-1]}'"), line
    assert "valid: ALL, a prefix such as FC2, or one of FC101" in line


def test_the_settings_file_takes_extend_select(tmp_path: Path) -> None:
    (tmp_path / "factcheck.toml").write_text('select = ["FC2"]\nextend-select = "FC111"\n')
    s = load_settings(tmp_path / "factcheck.toml")
    assert s.extend_select == ("FC111",) and "FC111" in s.policy().enabled()
    (tmp_path / "factcheck.toml").write_text('extend-select = ["FC2", "FC2O1"]\n')
    with pytest.raises(ConfigError) as err:
        settings_for([tmp_path])
    line = err.value.one_line()
    assert line.startswith(f"FCE210: {tmp_path / 'factcheck.toml'} extend-select: unknown rule 'FC2O1'"), line
    assert "did you mean FC201" in line


def test_extend_select_end_to_end(tmp_path: Path, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    d = drafts(tmp_path)
    assert "FC220" not in rules_of(str(d), "--select", "FC1")[1]
    code, rules, _ = rules_of(str(d), "--select", "FC1", "--extend-select", "FC3", "--extend-select", "FC24,FC220")
    assert code == 1 and "FC220" in rules
    (tmp_path / "factcheck.toml").write_text('select = ["FC1"]\nextend-select = ["number-changed"]\n')
    assert "FC220" in rules_of(str(d))[1]
    assert "FC220" not in rules_of(str(d), "--select", "FC1")[1]   # --select replaces the file's extend-select
    (tmp_path / "factcheck.toml").write_text('ignore = ["FC220"]\n')
    assert "FC220" not in rules_of(str(d))[1]
    assert "FC220" in rules_of(str(d), "--extend-select", "FC220")[1]


def test_every_checking_command_takes_extend_select(tmp_path: Path) -> None:
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in ("check", "diff-branch", "batch"):
        assert any("--extend-select" in p.opts for p in commands[name].params), name
    result = runner.invoke(app, ["diff-branch", "main", str(tmp_path), "--extend-select", "FC999", "--isolated"])
    assert result.exit_code == 2 and result.stderr.startswith("factcheck: error: FCE210: --extend-select: unknown rule")


def test_batch_reports_the_extended_selection(tmp_path: Path, cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    archive = tmp_path / "archive"
    (archive / "story").mkdir(parents=True)
    (archive / "story" / "a.md").write_text(A)
    (archive / "story" / "b.md").write_text(B)
    out = tmp_path / "out.jsonl"
    base = ["batch", str(archive), "-o", str(out), "--workers", "0", "--isolated", "-q", "--select", "FC1"]
    runner.invoke(app, [*base])
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert "FC220" not in json.dumps(record["report"]["findings"])
    out.unlink()
    result = runner.invoke(app, [*base, "--extend-select", "FC220"])
    assert result.exit_code == 1, result.output
    [record] = [json.loads(line) for line in out.read_text().splitlines()]
    assert [f["rule"] for f in record["report"]["findings"]] == ["FC220"]


# --- an ignored rule and what is folded into it -------------------------------------------------------

def _finding(rule: str, *related: str) -> Finding:
    e = Evidence("a", None, 0, 0, 1, 1, 1, 1, 2, "x")
    return Finding(rule, "m", 0, [e], related=[{"rule": r} for r in related])


def test_an_ignored_lead_takes_its_folded_findings_along() -> None:
    findings = [_finding("FC302", "FC111", "FC212"), _finding("FC301", "FC111", "FC220"), _finding("FC231")]
    kept, hidden = Policy(ignore=("FC302", "FC220")).drop_ignored(findings)
    assert [(f.rule, [r["rule"] for r in f.related]) for f in kept] == [("FC301", ["FC111"]), ("FC231", [])]
    assert hidden == 3 + 1
    assert Policy().drop_ignored(findings) == (findings, 0)
    assert Policy(ignore=("FC302",)).before_merge().enabled() >= {"FC302", "FC111", "FC212"}


def test_ignoring_a_story_finding_does_not_bring_its_pieces_back(fake_models) -> None:  # type: ignore[no-untyped-def]
    whole = check_versions([str(TOLL)], models=fake_models)
    [lead] = [f for f in whole.findings if f.rule == "FC302"]
    pieces = {r["rule"] for r in lead.related}
    assert {"FC111", "FC212"} <= pieces, "the case no longer folds its pieces into FC302"
    shown = {f.rule for f in whole.findings}

    ignored = check_versions([str(TOLL)], models=fake_models, policy=Policy(ignore=("FC302",)))
    rules = {f.rule for f in ignored.findings}
    assert not rules & ({"FC302"} | pieces), ignored.findings   # neither the lead nor its pieces
    assert rules == shown - {"FC302"}
    assert ignored.suppressed_counts()["disabled_rules"] == 1 + len(lead.related)
    assert ignored.change_counts() == whole.change_counts()      # a fact change stays one
    assert ignored.exit_code("warning") < whole.exit_code("warning") or whole.exit_code("warning") == 0

    piece = check_versions([str(TOLL)], models=fake_models, policy=Policy(ignore=("FC111",)))
    [kept] = [f for f in piece.findings if f.rule == "FC302"]
    assert "FC111" not in {r["rule"] for r in kept.related} and "FC212" in {r["rule"] for r in kept.related}

    # a rule that select leaves out is not weighed: it folds nothing, and the selected pieces are reported
    narrow = check_versions([str(TOLL)], models=fake_models, policy=Policy(select=("FC1", "FC2")))
    assert {"FC111", "FC212"} <= {f.rule for f in narrow.findings}


def test_ignoring_the_lead_on_the_command_line(cli_fake_models) -> None:  # type: ignore[no-untyped-def]
    _, rules, hidden = rules_of(str(TOLL), "--isolated", "--ignore", "FC302", "--fail-on", "never")
    assert not {"FC302", "FC111", "FC212"} & set(rules) and hidden["disabled_rules"] >= 3
