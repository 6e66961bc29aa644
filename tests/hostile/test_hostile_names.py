"""Issue 26: hostile names, rows and repositories. No forged CI command in any format, no program run from
a repository's config, no internal error on a lone surrogate or deep JSON, no output that replaces an
input, no lost record on a full disk, no two names shown as one."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from factcheck.batch import run_batch
from factcheck.batch.output import read_records
from factcheck.text.safe import flat, no_commands, one_line, safe_name
from tests.batch.batch_models import archive_rows, write_jsonl
from tests.batch.test_batch import options
from tests.conftest import REPO
from tests.hostile.run import run_cli
from tests.hostile.test_hostile_security import FORMATS, A, B, drafts, git

FORGED = "zz\n::error title=X::forged.txt"
# a line that a GitHub runner would take as a command: "::" or "##[" first, after blanks
COMMAND = re.compile(r"^\s*(::|##\[)", re.MULTILINE)
OURS = re.compile(r"^::(error|warning|notice) file=[^\n]*::[^\n]*$")


def commands(output: str, fmt: str) -> list[str]:
    """The lines of ``output`` that a runner would read as commands and that factcheck did not mean."""
    found = [m.string[m.start():].splitlines()[0] for m in COMMAND.finditer(output)]
    return [line for line in found if not (fmt == "github" and OURS.match(line))]


# 1. names and texts cannot forge a workflow command, in any format or on stderr

def test_the_helpers_keep_names_apart_and_lines_whole() -> None:
    assert safe_name("a\nb\tc\rd") == "a\\x0ab\\x09c\\x0dd"
    assert safe_name("b\udcff.txt") == "b\\xff.txt" and safe_name("s\ud800") == "s\\ud800"
    assert safe_name("line\u2028sep\u202e") == "line\\u2028sep\\u202e"
    assert safe_name("Café ✓.txt") == "Café ✓.txt"
    assert flat("one\ntwo\r\nthree\u2028four") == "one two  three four"   # the same length: spans stay
    assert one_line("a \n\n ::error::x") == "a ::error::x"
    assert no_commands("ok\n  ::error::x\n##[warning]y\nmid ::no") == "ok\n  \\x3a:error::x\n\\x23#[warning]y\nmid ::no"
    assert no_commands("::x", markup=True) == "&#58;:x"


def hostile_drafts(folder: Path) -> Path:
    """Two versions whose names and texts try to start a line with a workflow command."""
    folder.mkdir(parents=True)
    wrapped = "x" * 97   # long enough that a wrap at 120 columns could start a line with what follows
    (folder / "a.txt").write_text(f"The council approved the plan on Tuesday. {wrapped} ::warning::wrapped\n"
                                  "::error file=a::forged in the text\nIt costs 40 dollars.\n")
    (folder / f"b{FORGED}").write_text(f"The council approved the plan on Monday. {wrapped} ::warning::wrapped\n"
                                       "##[error]forged in the text\nIt costs 40 dollars.\n")
    (folder / FORGED.replace(".txt", ".pdf")).write_bytes(b"%PDF")
    return folder


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_name_or_text_forges_a_workflow_command(tmp_path: Path, fmt: str) -> None:
    hostile_drafts(tmp_path / "drafts")
    run = run_cli(["check", "-q", "--no-cache", "-v", "--allow-unrelated", "drafts", "--format", fmt,
                   "--fail-on", "never"], tmp_path)
    assert run.code == 0, run.stderr
    assert not commands(run.stdout, fmt), commands(run.stdout, fmt)
    assert not commands(run.stderr, fmt)
    if fmt in ("text", "json"):   # the name is shown with its line end visible, the two files kept apart
        shown = run.stdout
        if fmt == "json":
            data = json.loads(run.stdout)
            shown = "\n".join([*data["notes"], *(v["id"] for v in data["versions"])])
        assert "zz\\x0a::error title=X::forged.pdf" in shown
        assert "bzz\\x0a::error title=X::forged.txt" in shown


def test_a_hostile_name_in_an_error_message_stays_on_its_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(A)
    run = run_cli(["check", "-q", "--no-cache", "a.txt", f"missing{FORGED}"], tmp_path)
    run.one_line_error("FCE101", "missingzz\\x0a::error title=X::forged.txt: no such file")


def test_names_that_differ_only_by_unicode_normalisation_are_told_apart(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    composed, decomposed = unicodedata.normalize("NFC", "café.txt"), unicodedata.normalize("NFD", "café.txt")
    (folder / composed).write_text(A)
    (folder / decomposed).write_text(B)
    run = run_cli(["check", "-q", "--no-cache", "-f", "json", "drafts"], tmp_path)
    ids = [v["id"] for v in json.loads(run.stdout)["versions"]]
    assert sorted(ids) == ["caf\\xe9.txt", "cafe\\u0301.txt"], ids
    text = run_cli(["check", "-q", "--no-cache", "drafts"], tmp_path).stdout
    assert "caf\\xe9.txt" in text and "cafe\\u0301.txt" in text
    # names that do not look alike are left as they are
    from factcheck import check_versions
    from factcheck.models.loaded import Models
    from tests.conftest import FixedNLI, HashingEmbedder
    report = check_versions({composed: A, "other.txt": B}, models=Models(HashingEmbedder(), FixedNLI(), []))
    assert [v.id for v in report.versions] == [composed, "other.txt"]


def test_a_file_name_that_is_not_utf8_is_read_and_shown(tmp_path: Path) -> None:
    folder = drafts(tmp_path / "drafts")
    os.rename(folder / "b.txt", os.fsencode(folder) + b"/b\xff.txt")
    for fmt in FORMATS:
        run = run_cli(["check", "-q", "--no-cache", "-f", fmt, "drafts", "--fail-on", "never"], tmp_path)
        assert run.code == 0 and "internal error" not in run.stderr, (fmt, run.stderr)
        doubled = fmt in ("json", "sarif", "markdown")   # their escaping doubles the backslash
        shown = "b\\\\xff.txt" if doubled else "b\\xff.txt"
        assert shown in run.stdout, fmt


# 2. no git call runs a program that the repository names

def evil_repo(tmp_path: Path) -> tuple[Path, Path]:
    repo, marker = tmp_path / "repo", tmp_path / "RAN"
    (repo / "drafts").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    for text in (A, B):
        (repo / "drafts" / "story.md").write_text(text)
        git(repo, "add", "-A")
        git(repo, "commit", "-q", "-m", "one")
    (repo / "drafts" / "story.md").write_text(A.replace("Tuesday", "Friday"))
    tool = tmp_path / "tool.sh"
    tool.write_text(f"#!/bin/sh\necho \"$0 $*\" >> {marker}\ncat\n")
    tool.chmod(0o755)
    for key in ("core.fsmonitor", "filter.evil.clean", "filter.evil.smudge", "filter.evil.process",
                "diff.evil.textconv", "diff.evil.command", "diff.external", "core.pager", "pager.diff",
                "pager.show", "core.hooksPath"):
        git(repo, "config", key, str(tool) if key != "core.hooksPath" else str(tmp_path / "hooks"))
    (tmp_path / "hooks").mkdir()
    for hook in ("post-index-change", "reference-transaction", "pre-auto-gc"):
        (tmp_path / "hooks" / hook).write_text(f"#!/bin/sh\necho hook >> {marker}\n")
        (tmp_path / "hooks" / hook).chmod(0o755)
    (repo / ".gitattributes").write_text("* filter=evil diff=evil\n")
    git(repo, "status")   # stat the work tree once so that git's index is not what forces a refresh
    marker.unlink(missing_ok=True)
    return repo, marker


@pytest.mark.parametrize("args", [["diff-branch", "main", "drafts"], ["check", "--git", "main", "drafts/story.md"],
                                  ["check", "--git", "HEAD~1", "HEAD", "drafts/story.md"],
                                  ["check", "--git-range", "HEAD~1..HEAD", "drafts/story.md"]])
def test_git_runs_no_program_that_the_repository_names(tmp_path: Path, args: list[str]) -> None:
    repo, marker = evil_repo(tmp_path)
    run = run_cli([*args, "-q", "--no-cache", "-f", "json"], repo)
    assert "internal error" not in run.stderr
    assert not marker.exists(), marker.read_text()
    assert run.code == 1, run.stderr   # the changed weekday is found all the same


def test_diff_branch_finds_changed_drafts_without_git_diff(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    drafts(repo / "drafts")
    (repo / "drafts" / "same.txt").write_text(A)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "one")
    (repo / "drafts" / "a.txt").write_text(B)          # changed
    (repo / "drafts" / "new.txt").write_text(B)        # not on main: not a diff-branch draft
    (repo / "drafts" / "b.txt").unlink()               # deleted: nothing to compare
    from factcheck.inputs.git import changed_files

    assert [p.name for p in changed_files("main", [repo / "drafts"])] == ["a.txt"]


# 3. a lone surrogate in a row is that story's FCE132; the batch goes on and resumes

def test_a_lone_surrogate_in_a_row_fails_its_story_and_the_batch_goes_on(tmp_path: Path) -> None:
    rows = [
        *archive_rows()[:5],
        {"story_id": "s\ud800", "version": 1, "text": A}, {"story_id": "s\ud800", "version": 2, "text": B},
        {"story_id": "v", "version": "1\udfff", "text": A}, {"story_id": "v", "version": "2", "text": B},
        {"story_id": "w", "version": 1, "text": A, "source": "wire\ud801"}, {"story_id": "w", "version": 2, "text": B},
        {"story_id": "t", "version": 1, "text": "The council \ud800 approved it.", "title": "T\udc00"},
        {"story_id": "t", "version": 2, "text": B}]
    table = tmp_path / "in.jsonl"
    table.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")   # JSON's \ud800 escapes
    out = tmp_path / "out.jsonl"
    first = run_batch(table, out, options())
    recs = {r["story"]: r for r in read_records(out)}
    for story, line in (("s\\ud800", 6), ("v", 8), ("w", 10)):
        assert recs[story]["status"] == "failed" and recs[story]["error"]["code"] == "FCE132", recs[story]
        assert f"line {line}" in recs[story]["error"]["message"]
    assert recs["t"]["status"] == "checked"    # a surrogate in the text is read as U+FFFD, with a note
    assert recs["alpha"]["status"] == "checked"
    out.read_bytes().decode("utf-8")             # OUT is UTF-8 throughout
    again = run_batch(table, out, options())
    assert again.checked_now == 0 and again.skipped == first.checked_now


# 4. no output replaces an input or another output

@pytest.mark.parametrize(("extra", "needle"), [
    (["-o", "drafts/b.txt"], "--output drafts/b.txt: is a version read"),
    (["-o", "hard.txt"], "--output hard.txt: is a version read"),
    (["-o", "r.json", "--write-baseline", "r.json"], "--output r.json: is also --write-baseline"),
    (["--write-baseline", "drafts/a.txt"], "--write-baseline drafts/a.txt: is a version read"),
    (["-o", "factcheck.toml"], "--output factcheck.toml: is the settings file"),
])
def test_check_refuses_an_output_that_is_an_input(tmp_path: Path, extra: list[str], needle: str) -> None:
    drafts(tmp_path / "drafts")
    os.link(tmp_path / "drafts" / "a.txt", tmp_path / "hard.txt")
    (tmp_path / "factcheck.toml").write_text('fail-on = "error"\n')
    before = {p: p.read_bytes() for p in (tmp_path / "drafts").iterdir()}
    run = run_cli(["check", "-q", "--no-cache", "drafts", *extra], tmp_path)
    run.one_line_error("FCE121", needle)
    assert {p: p.read_bytes() for p in (tmp_path / "drafts").iterdir()} == before


@pytest.mark.parametrize(("flags", "needle"), [
    ({"findings": "in.parquet"}, "--findings in.parquet: is the input"),
    ({"output": "in.parquet"}, "-o in.parquet: is the input"),
    ({"findings": "out.parquet", "output": "out.parquet"}, "-o out.parquet: is also --findings"),
])
def test_batch_refuses_an_output_that_is_an_input(tmp_path: Path, flags: dict[str, str], needle: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    monkeypatch.chdir(tmp_path)
    pq.write_table(pa.Table.from_pylist([{"story_id": "a", "version": v, "text": t} for v, t in (("1", A), ("2", B))]),
                   "in.parquet")
    before = Path("in.parquet").read_bytes()
    from factcheck.errors import InputError

    with pytest.raises(InputError, match=re.escape(needle)) as caught:
        run_batch("in.parquet", flags.get("output", "out.jsonl"), options(findings=Path(flags["findings"])
                                                                         if "findings" in flags else None))
    assert caught.value.code == "FCE134"
    assert Path("in.parquet").read_bytes() == before


# 5. coded errors, not internal ones: deep JSON, a garbage line, a full disk or a file-size limit

DEEP = "[" * 200_000 + "]" * 200_000


def test_deep_json_in_a_row_or_in_out_names_its_line(tmp_path: Path) -> None:
    from factcheck.errors import InputError

    table = write_jsonl(tmp_path / "in.jsonl", archive_rows()[:2])
    with table.open("a") as fh:
        fh.write('{"story_id": "x", "version": 1, "text": "t", "extra": ' + DEEP + "}\n")
    with pytest.raises(InputError, match=re.escape("in.jsonl line 3: is JSON nested too deeply")) as caught:
        run_batch(table, tmp_path / "out.jsonl", options())
    assert caught.value.code == "FCE132"
    good = write_jsonl(tmp_path / "good.jsonl", archive_rows()[:2])
    out = tmp_path / "out.jsonl"
    run_batch(good, out, options())
    lines = out.read_text().splitlines(keepends=True)
    for bad, needle in ((DEEP, "line 2 is JSON nested too deeply"),
                        ("not json at all", "line 2 is not a batch record")):
        out.write_text(lines[0] + bad + "\n" + "".join(lines[1:]))
        with pytest.raises(InputError, match=needle) as caught:
            run_batch(good, out, options())
        assert caught.value.code == "FCE134" and "delete line 2 to resume" in caught.value.one_line()


_LIMITED = """
import resource, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from factcheck.batch import run_batch
from factcheck.errors import FactcheckError
from tests.batch.test_batch import options
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[4]), int(sys.argv[4])))
try:
    run_batch(sys.argv[2], sys.argv[3], options())
except FactcheckError as exc:
    print(exc.code, exc.one_line())
    sys.exit(2)
"""


def test_a_file_size_limit_while_writing_out_keeps_every_record_and_resumes(tmp_path: Path) -> None:
    rows: list[dict[str, Any]] = []
    for n in range(12):
        rows += [{"story_id": f"s{n:02d}", "version": v, "text": (A if v == 1 else B) * 3} for v in (1, 2)]
    table = write_jsonl(tmp_path / "in.jsonl", rows)
    out = tmp_path / "out.jsonl"
    done = subprocess.run([sys.executable, "-c", _LIMITED, str(REPO), str(table), str(out), "20000"],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stdout.startswith("FCE134 ") and "cannot be written (File too large)" in done.stdout, done.stdout
    assert "are kept" in done.stdout and "Traceback" not in done.stderr
    kept = out.read_bytes()
    assert kept.endswith(b"\n") and 0 < len(kept) <= 20000
    whole = [json.loads(line) for line in kept.splitlines()]     # every line a whole record
    result = run_batch(table, out, options())                     # room again: it goes on from there
    assert result.skipped == len(whole) and result.checked_now == 12 - len(whole)
    assert sorted(r["story"] for r in read_records(out)) == [f"s{n:02d}" for n in range(12)]
