"""The composite GitHub Action (action.yml): what it installs, caches, runs and uploads, and that no
input reaches a shell. Its Python and bash steps are run here, with a stand-in for factcheck."""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from factcheck import check_versions
from factcheck.render import render
from tests.conftest import REPO
from tests.docs_pages import pages

ACTION = yaml.safe_load((REPO / "action.yml").read_text())
STEPS: list[dict[str, Any]] = ACTION["runs"]["steps"]
CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def _step(step_id: str | None = None, name: str | None = None, uses: str | None = None) -> dict[str, Any]:
    [step] = [s for s in STEPS if (step_id is None or s.get("id") == step_id)
              and (name is None or name in s.get("name", "")) and (uses is None or s.get("uses", "").startswith(uses))]
    return step


def test_a_composite_action_with_the_inputs_a_drafts_repository_needs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert {"paths", "fail-on", "format", "args", "python-version", "base", "command"} <= set(ACTION["inputs"])
    assert ACTION["inputs"]["fail-on"]["default"] == "error"
    assert set(ACTION["outputs"]) >= {"exit-code", "sarif-file"}
    for step in STEPS:
        if "run" in step:
            assert step["shell"] in ("bash", "python"), step.get("name")


def test_python_is_set_up_without_setup_pythons_pip_cache() -> None:
    setup = _step(uses="actions/setup-python@")
    assert setup["with"] == {"python-version": "${{ inputs.python-version }}"}   # no cache: no requirements file
    assert STEPS.index(setup) == 0


def test_torch_comes_from_the_cpu_index_before_the_action_s_own_package() -> None:
    [install] = [s for s in STEPS if "pip install" in s.get("run", "")]
    script = install["run"]
    torch = script.index(f'pip install "torch==$FC_TORCH" --index-url {CPU_INDEX}')
    assert torch < script.index('pip install "$GITHUB_ACTION_PATH"')
    assert script.count("pip install") == 2
    assert install["env"]["FC_TORCH"] == "${{ inputs.torch-version }}"
    readme_pin = re.search(r"pip install torch==(\S+)", (REPO / "README.md").read_text())
    assert readme_pin and ACTION["inputs"]["torch-version"]["default"] == readme_pin.group(1)


def test_the_install_and_factcheck_s_results_are_cached() -> None:
    caches = [s for s in STEPS if s.get("uses", "").startswith("actions/cache@")]
    env_cache = next(s for s in caches if "pip-cache" in s["with"]["path"])
    key = env_cache["with"]["key"]
    assert "${{ inputs.torch-version }}" in key and "${{ runner.os }}" in key and "cpu" in key
    assert "${{ steps.env.outputs.venv }}" in env_cache["with"]["path"]
    install = next(s for s in STEPS if "pip install" in s.get("run", ""))
    assert install["env"]["PIP_CACHE_DIR"] == "${{ steps.env.outputs.pip-cache }}"
    assert STEPS.index(env_cache) < STEPS.index(install)
    results = next(s for s in caches if s is not env_cache)
    run = _step("factcheck")
    # the folder the result cache is restored to is the one factcheck uses (models/cache.py: default_cache_dir)
    assert results["with"]["path"] == run["env"]["FACTCHECK_CACHE_DIR"] == "${{ steps.env.outputs.results }}"
    assert STEPS.index(results) < STEPS.index(run)
    assert "github.run_id" in results["with"]["key"] and results["with"]["restore-keys"].strip()


def test_factcheck_runs_once_and_the_sarif_is_uploaded_always() -> None:
    spawning = [s for s in STEPS if "run" in s and re.search(r"subprocess|^\s*factcheck ", s["run"], re.M)]
    assert spawning == [_step("factcheck")]
    upload = _step(uses="github/codeql-action/upload-sarif@")
    assert upload["if"].startswith("always()") and "steps.upload.outputs.upload == 'true'" in upload["if"]
    assert upload["with"]["sarif_file"] == "${{ steps.factcheck.outputs.sarif-file }}"
    assert STEPS.index(_step("upload")) < STEPS.index(upload)
    assert _step(name="Findings")["if"].startswith("always()")
    last = STEPS[-1]
    assert "exit" in last["run"] and last["env"]["FC_EXIT"] == "${{ steps.factcheck.outputs.exit-code }}"
    assert STEPS.index(_step("factcheck")) < STEPS.index(upload) < STEPS.index(last)


def test_no_expression_is_written_into_a_script() -> None:
    for step in STEPS:
        if "run" in step:
            assert "${{" not in step["run"], step.get("name")   # inputs go through env
    for name in ACTION["inputs"]:
        used = [s for s in STEPS if f"inputs.{name}" in json.dumps(s)]
        assert used, name
        for step in used:
            places = json.dumps({k: v for k, v in step.items() if k not in ("env", "with", "if")})
            assert f"inputs.{name}" not in places, (name, step.get("name"))


# --- the scripts, run here -----------------------------------------------------------------------

FAKE = '''#!{python}
import json, os, sys
argv = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a") as f:
    f.write(json.dumps(argv) + "\\n")
if os.environ.get("FAKE_WRITES", "1") == "1":
    with open(argv[argv.index("--output") + 1], "w") as f:
        f.write(os.environ.get("FAKE_SARIF", "{{}}"))
sys.exit(int(os.environ.get("FAKE_EXIT", "0")))
'''


@pytest.fixture
def runner(tmp_path: Path) -> dict[str, Any]:
    """A runner's environment: a temporary folder, GITHUB_OUTPUT, and a factcheck that logs its argv."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "factcheck"
    fake.write_text(FAKE.format(python=sys.executable))
    fake.chmod(0o755)
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "FC_", "RUNNER_"))}
    env |= {"RUNNER_TEMP": str(tmp_path), "GITHUB_OUTPUT": str(tmp_path / "output"), "FC_BIN": str(bin_dir),
            "FAKE_LOG": str(tmp_path / "calls"), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary")}
    return {"env": env, "tmp": tmp_path, "work": work}


def _run(step: dict[str, Any], runner: dict[str, Any], **env: str) -> subprocess.CompletedProcess[str]:
    script = runner["tmp"] / ("step.py" if step["shell"] == "python" else "step.sh")
    script.write_text(step["run"])
    cmd = [sys.executable, str(script)] if step["shell"] == "python" else ["bash", "-e", str(script)]
    (runner["tmp"] / "output").write_text("")
    return subprocess.run(cmd, env=runner["env"] | env, cwd=runner["work"], capture_output=True, text=True,
                          timeout=60)


def _outputs(runner: dict[str, Any]) -> dict[str, str]:
    return dict(line.split("=", 1) for line in (runner["tmp"] / "output").read_text().splitlines())


def _calls(runner: dict[str, Any]) -> list[list[str]]:
    log = runner["tmp"] / "calls"
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_a_draft_path_or_a_branch_name_cannot_run_as_shell(runner: dict[str, Any]) -> None:
    hostile = {"FC_PATHS": "drafts/$(touch PWNED1).md\n'my drafts/a b.md' ;touch PWNED2 `touch PWNED3`",
               "FC_BASE": "", "GITHUB_BASE_REF": "main;touch PWNED4", "FC_FAIL_ON": "warning",
               "FC_ARGS": "--select 'FC2,FC3' --config=x$(touch PWNED5).toml", "FC_COMMAND": "diff-branch",
               "FC_FORMAT": "github", "FC_SARIF": "", "FAKE_EXIT": "1"}
    done = _run(_step("factcheck"), runner, **hostile)
    assert done.returncode == 0, done.stderr
    [argv] = _calls(runner)
    sarif = str(runner["tmp"] / "factcheck.sarif")
    assert argv == ["diff-branch", "--format", "sarif", "--output", sarif, "--fail-on", "warning", "--quiet",
                    "--select", "FC2,FC3", "--config=x$(touch", "PWNED5).toml", "--",
                    "origin/main;touch PWNED4", "drafts/$(touch", "PWNED1).md", "my drafts/a b.md", ";touch",
                    "PWNED2", "`touch", "PWNED3`"]
    assert not list(runner["tmp"].rglob("PWNED*"))
    assert _outputs(runner) == {"exit-code": "1", "sarif-file": sarif}


def test_check_and_an_explicit_base(runner: dict[str, Any]) -> None:
    _run(_step("factcheck"), runner, FC_COMMAND="check", FC_PATHS="-rf stories/kerry", FC_FAIL_ON="",
         FC_SARIF=str(runner["tmp"] / "out.sarif"))
    _run(_step("factcheck"), runner, FC_COMMAND="", FC_BASE="-x", FC_PATHS="")
    check, diff = _calls(runner)
    assert check[-3:] == ["--", "-rf", "stories/kerry"] and check[:2] == ["check", "--format"]
    assert check[check.index("--fail-on") + 1] == "error"
    assert diff[0] == "diff-branch" and diff[-2:] == ["--", "-x"]   # a base that looks like an option is not one
    assert _outputs(runner)["exit-code"] == "0"


@pytest.mark.parametrize("env", [
    {"FC_COMMAND": "rm"},
    {"FC_FORMAT": "sarif"},
    {"FC_ARGS": "--format text"},
    {"FC_ARGS": "-o elsewhere.sarif"},
    {"FC_ARGS": "--output=x"},
    {"FC_PATHS": "'unclosed"},
    {"FC_SARIF": "a\nexit-code=0"},
    {"FC_UPLOAD": "yes"},
    {"GITHUB_BASE_REF": ""},   # not a pull request and no base
])
def test_bad_inputs_stop_before_factcheck_runs(runner: dict[str, Any], env: dict[str, str]) -> None:
    done = _run(_step("factcheck"), runner, **({"FC_PATHS": "drafts", "GITHUB_BASE_REF": "main"} | env))
    assert done.returncode == 0 and done.stdout.startswith("::error title=factcheck action::")
    assert "\n" not in done.stdout.strip()
    assert _calls(runner) == [] and _outputs(runner) == {"exit-code": "2", "sarif-file": ""}


def test_a_crash_or_bad_input_is_exit_2_with_nothing_to_upload(runner: dict[str, Any]) -> None:
    old = runner["tmp"] / "factcheck.sarif"
    old.write_text("{}")   # left from before: not this run's
    _run(_step("factcheck"), runner, GITHUB_BASE_REF="main", FAKE_EXIT="1", FAKE_WRITES="0")
    assert _outputs(runner) == {"exit-code": "2", "sarif-file": ""} and not old.exists()
    _run(_step("factcheck"), runner, GITHUB_BASE_REF="main", FAKE_EXIT="2")
    assert _outputs(runner) == {"exit-code": "2", "sarif-file": ""}


def test_the_environment_step_names_the_folders_the_other_steps_use(runner: dict[str, Any]) -> None:
    done = _run(_step("env"), runner, GITHUB_ACTION_PATH=str(REPO))
    assert done.returncode == 0, done.stderr
    out, tmp = _outputs(runner), runner["tmp"]
    assert out["venv"] == str(tmp / "factcheck-venv") and out["bin"] == str(tmp / "factcheck-venv" / "bin")
    assert out["pip-cache"] == str(tmp / "factcheck-pip-cache") and out["results"] == str(tmp / "factcheck-results")
    assert re.fullmatch(r"[0-9a-f]{16}", out["project"])   # part of the cache key: a new pyproject, a new install


def test_factcheck_keeps_its_results_where_the_action_caches_them(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    from factcheck.models.cache import ResultCache, default_cache_dir

    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "results"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    assert default_cache_dir() == tmp_path / "results"
    assert ResultCache().path.parent == tmp_path / "results"
    assert not re.search(r"--cache-dir|--no-cache", _step("factcheck")["run"])


@pytest.mark.parametrize(("code", "expected"), [("0", 0), ("1", 1), ("2", 2), ("", 2)])
def test_the_action_exits_with_factcheck_s_exit_code(runner: dict[str, Any], code: str, expected: int) -> None:
    assert _run(STEPS[-1], runner, FC_EXIT=code).returncode == expected


A = "The minister said 150 refugees would come.\n\nThe talks were long."
B = "The minister said 999 refugees would come.\n\nThe talks were long.\n\nFireworks lit the sky over the harbour."


def _annotations(runner: dict[str, Any], log: dict[str, Any], fmt: str = "github") -> list[str]:
    path = runner["tmp"] / "in.sarif"
    path.write_text(json.dumps(log))
    done = _run(_step(name="Findings"), runner, FC_SARIF=str(path), FC_FORMAT=fmt)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_annotations_from_the_sarif_match_factcheck_s_own(runner: dict[str, Any], fake_models: Any) -> None:
    report = check_versions({"a.md": A, "b.md": B}, models=fake_models)
    assert any(f.sev.value == "error" for f in report.findings)
    lines = _annotations(runner, json.loads(render("sarif", [report])))
    own = render("github", [report]).splitlines()

    def heads(ls: list[str]) -> list[str]:   # level, file, lines, columns and title of each annotation
        return [line.rsplit("::", 1)[0] for line in ls if line.startswith("::")]

    assert heads(lines) == heads(own)
    assert lines[-1].startswith("factcheck: ") and not _calls(runner)   # read from the file: nothing re-run
    counts = {s: sum(f.sev.value == s for f in report.findings) for s in ("error", "warning", "info")}
    assert lines[-1].startswith(f"factcheck: {counts['error']} error{'' if counts['error'] == 1 else 's'}, "
                                f"{counts['warning']} warning{'' if counts['warning'] == 1 else 's'}")
    # how the run read and judged its versions, from the SARIF: the order, then the settings
    assert lines[-3:-1] == ["factcheck: versions in name order: a.md, b.md",
                            "factcheck: Settings: none (defaults and the command line)."]
    assert (runner["tmp"] / "summary").read_text().startswith("**factcheck: ")


def _hostile_log() -> dict[str, Any]:
    loc = {"physicalLocation": {"artifactLocation": {"uri": "drafts/a%2Cb%3A.md"},
                                "region": {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 9}}}
    result = {"ruleId": "FC201", "ruleIndex": 0, "level": "error", "locations": [loc],
              "message": {"text": "Name changed\n::error file=x::forged 100% \x1b[31m\u202e"}}
    hidden = dict(result, suppressions=[{"kind": "external"}])
    many = [dict(result, level="warning") for _ in range(12)]
    return {"runs": [{"tool": {"driver": {"rules": [{"id": "FC201", "name": "name-changed"}]}},
                      "results": [*many, result, hidden]}]}


def test_article_text_cannot_forge_a_workflow_command(runner: dict[str, Any]) -> None:
    lines = _annotations(runner, _hostile_log())
    assert len(lines) == 1 + 10 + 1   # the error first, 10 warnings (GitHub's cap), the summary
    first = lines[0]
    assert first.startswith("::error file=drafts/a%2Cb%3A.md,line=3,col=1,endLine=3,endColumn=9,"
                            "title=factcheck FC201 name-changed::Name changed%0A::error file=x::forged 100%25")
    assert "\x1b" not in first and "\u202e" not in first and "\\x1b" in first and "\\u202e" in first
    assert lines[-1] == "factcheck: 1 error, 12 warnings, 0 info; 2 not annotated (GitHub shows 10 of " \
                        "each level per step): see code scanning"


def test_the_text_log_has_one_line_per_finding_and_no_command(runner: dict[str, Any]) -> None:
    log = _hostile_log()
    results = log["runs"][0]["results"]
    results[0] = copy.deepcopy(results[0])
    results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "::warning::x.md"
    lines = _annotations(runner, log, "text")
    assert len(lines) == 13 + 1 and not any(line.lstrip().startswith(("::", "##[")) for line in lines)
    assert lines[0] == "drafts/a,b:.md:3:1: error FC201 name-changed: Name changed\\x0a::error file=x::forged " \
                       "100% \\x1b[31m\\u202e"   # the error first; then the warnings in their order
    assert lines[1].startswith("\\x3a:warning::x.md:3:1: warning FC201")


# --- the caller's PATH, the cached install, current actions ----------------------------------------

def test_the_environment_stays_off_the_callers_path() -> None:
    assert "GITHUB_PATH" not in json.dumps(STEPS)   # later steps of the caller keep their own python and tools


def test_factcheck_is_called_by_its_path_not_found_on_path(runner: dict[str, Any], tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    other = elsewhere / "factcheck"
    other.write_text(f"#!{sys.executable}\nopen({str(tmp_path / 'WRONG')!r}, 'w').close()\n")
    other.chmod(0o755)
    path = f"{elsewhere}{os.pathsep}{os.environ.get('PATH', '')}"
    _run(_step("factcheck"), runner, GITHUB_BASE_REF="main", PATH=path)
    assert len(_calls(runner)) == 1 and not (tmp_path / "WRONG").exists()
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    done = _run(_step("factcheck"), runner, GITHUB_BASE_REF="main", PATH=path, FC_BIN=str(empty))
    assert done.stdout.startswith("::error title=factcheck action::factcheck is not installed")
    assert not (tmp_path / "WRONG").exists() and _outputs(runner)["exit-code"] == "2"


FAKE_PYTHON = """#!/bin/bash
echo "$*" >> "$FAKE_PY_LOG"
case "$*" in *"torch.__version__"*) echo "$FAKE_TORCH" ;; esac
exit 0
"""


@pytest.mark.parametrize(("marker", "torch", "installs"), [
    ("factcheck abc123 torch==2.13.0", "2.13.0", []),                  # the cache holds this very install
    ("factcheck old999 torch==2.13.0", "2.13.0", ["package"]),         # another factcheck: reinstall it only
    (None, "2.12.0", ["torch", "package"]),                            # another torch too
])
def test_a_cached_install_of_this_version_is_reused(runner: dict[str, Any], marker: str | None, torch: str,
                                                    installs: list[str]) -> None:
    venv = runner["tmp"] / "factcheck-venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(FAKE_PYTHON)
    python.chmod(0o755)
    if marker is not None:
        (venv / "factcheck-installed").write_text(marker + "\n")
    log = runner["tmp"] / "python-calls"
    done = _run(_step(name="Install torch"), runner, FC_VENV=str(venv), FC_BIN=str(venv / "bin"),
                FC_TORCH="2.13.0", FC_PROJECT="abc123", FC_CACHE_HIT="true", FAKE_PY_LOG=str(log),
                FAKE_TORCH=torch, GITHUB_ACTION_PATH="/the/action", PIP_CACHE_DIR=str(runner["tmp"] / "pip"))
    assert done.returncode == 0, done.stderr
    pips = [line for line in log.read_text().splitlines() if line.startswith("-m pip install")]
    assert pips == [{"torch": f"-m pip install torch==2.13.0 --index-url {CPU_INDEX}",
                     "package": "-m pip install /the/action"}[kind] for kind in installs]
    assert (venv / "factcheck-installed").read_text() == "factcheck abc123 torch==2.13.0\n"
    assert ("nothing to install" in done.stdout) == (not installs)


def test_the_actions_used_are_current_majors() -> None:
    used = {s["uses"].rsplit("@", 1)[0]: s["uses"].rsplit("@", 1)[1] for s in STEPS if "uses" in s}
    assert used == {"actions/setup-python": "v7", "actions/cache": "v6", "github/codeql-action/upload-sarif": "v4"}
    workflow = yaml.safe_load((REPO / "docs" / "github-actions.yml").read_text())
    [job] = workflow["jobs"].values()
    assert job["steps"][0]["uses"] == "actions/checkout@v7"
    for name, text in pages().items():   # the README and every docs page
        assert not re.search(r"actions/checkout@v[2-6]\b|upload-sarif@v[1-3]\b|setup-python@v[1-6]\b", text), name


def test_the_example_workflow_has_the_permissions_the_upload_needs() -> None:
    workflow = yaml.safe_load((REPO / "docs" / "github-actions.yml").read_text())
    assert workflow["permissions"] == {"contents": "read", "security-events": "write", "actions": "read"}
    [job] = workflow["jobs"].values()
    assert job["steps"][1]["with"]["upload-sarif"] == "auto"
    assert ACTION["inputs"]["upload-sarif"]["default"] == "auto"


# --- whether code scanning can take the file ----------------------------------------------------------

class _GitHub:
    """A stand-in for GitHub's API: each path prefix answers (status, body); every request is kept."""

    def __init__(self, answers: dict[str, tuple[int, str]]) -> None:
        import http.server
        import threading

        self.answers, self.asked = answers, []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:   # the stdlib calls it by this name
                outer.asked.append((self.path, self.headers.get("Authorization")))
                status, body = next((a for p, a in outer.answers.items() if self.path.startswith(p)),
                                    (404, '{"message": "Not Found"}'))
                self.send_response(status)
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def close(self) -> None:
        self.server.shutdown()


ALERTS = "/repos/news/drafts/code-scanning/alerts"
RUN = "/repos/news/drafts/actions/runs/77"
GHAS_OFF = (403, '{"message": "Advanced Security must be enabled for this repository to use code scanning."}')
NO_PERMISSION = (403, '{"message": "Resource not accessible by integration"}')


@pytest.mark.parametrize(("mode", "private", "fork", "answers", "upload", "said"), [
    ("auto", False, False, {ALERTS: (200, "[]")}, True, ""),
    ("auto", False, False, {ALERTS: (404, '{"message": "no analysis found"}')}, True, ""),
    ("auto", True, False, {ALERTS: (200, "[]"), RUN: (200, "{}")}, True, ""),
    ("auto", True, False, {ALERTS: GHAS_OFF}, False, "Advanced Security"),
    ("auto", False, False, {ALERTS: NO_PERMISSION}, False, "security-events: write"),
    ("auto", True, False, {ALERTS: (200, "[]"), RUN: NO_PERMISSION}, False, "actions: read"),
    ("auto", False, True, {ALERTS: (200, "[]")}, False, "from a fork"),
    ("", True, False, {ALERTS: GHAS_OFF}, False, "Advanced Security"),   # auto is the default
    ("true", True, False, {ALERTS: GHAS_OFF}, True, "upload-sarif: true"),
    ("false", False, False, {ALERTS: (200, "[]")}, False, ""),
])
def test_the_sarif_is_uploaded_only_where_code_scanning_can_take_it(
        runner: dict[str, Any], mode: str, private: bool, fork: bool, answers: dict[str, tuple[int, str]],
        upload: bool, said: str) -> None:
    event = runner["tmp"] / "event.json"
    head = "someone/drafts" if fork else "news/drafts"
    event.write_text(json.dumps({"repository": {"full_name": "news/drafts", "private": private},
                                 "pull_request": {"head": {"repo": {"full_name": head}}}}))
    github = _GitHub(answers)
    try:
        done = _run(_step("upload"), runner, FC_UPLOAD=mode, FC_TOKEN="t0ken", GITHUB_API_URL=github.url,
                    GITHUB_REPOSITORY="news/drafts", GITHUB_EVENT_PATH=str(event), GITHUB_RUN_ID="77")
    finally:
        github.close()
    assert done.returncode == 0, done.stderr
    assert _outputs(runner) == {"upload": "true" if upload else "false"}
    assert said in done.stdout
    if not upload and said:
        assert done.stdout.startswith("::notice title=factcheck action::SARIF not uploaded to code scanning: ")
    asks = mode in ("auto", "") and not fork
    assert bool(github.asked) == asks
    assert all(token == "Bearer t0ken" for _, token in github.asked)
