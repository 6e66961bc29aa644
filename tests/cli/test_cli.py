"""The CLI: every exit code, one-line errors, fast --help without torch."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app
from tests.conftest import KERRY

runner = CliRunner()


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("check", "rules"):
        assert command in result.output
        assert runner.invoke(app, [command, "--help"]).exit_code == 0


def test_help_does_not_import_torch() -> None:
    code = ("import sys; from typer.testing import CliRunner; from factcheck.cli import app; "
            "r = CliRunner().invoke(app, ['check', '--help']); assert r.exit_code == 0; "
            "heavy = [m for m in ('torch', 'transformers', 'sentence_transformers', 'numpy') if m in sys.modules]; "
            "print(heavy); sys.exit(1 if heavy else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_parses_its_options_without_pydantic(tmp_path: Path) -> None:
    # typer 0.29 builds a pydantic TypeAdapter for each of check's options on every run (a warm re-run
    # took 0.73 s with it, 0.44 s without); pyproject.toml keeps typer below it, and this notices if that goes
    code = ("import sys; from typer.testing import CliRunner; from factcheck.cli import app; "
            f"r = CliRunner().invoke(app, ['check', {str(tmp_path / 'missing')!r}, '--format', 'json', "
            "'--fail-on', 'warning', '--max-bytes', '1000']); assert r.exit_code == 2, r.output; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'pydantic_core')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stdout + done.stderr


@pytest.mark.model
def test_a_warm_check_imports_only_what_it_uses(tmp_path: Path) -> None:
    # a re-run whose sentences, vectors, NLI scores and verdicts are all cached loads no model and splits
    # nothing, and factcheck never needs importlib.metadata, importlib.resources or secrets on this path
    # (together about 30 ms of a 0.4 s warm run: bench/README.md). Modules the interpreter imported before
    # the check (a .pth file may import importlib.resources at start-up) are not counted.
    args = ["check", str(KERRY), "--cache-dir", str(tmp_path), "--format", "json"]
    fill = subprocess.run([sys.executable, "-m", "factcheck", *args], capture_output=True, text=True)
    assert fill.returncode == 1, fill.stderr
    watched = ("torch", "transformers", "sentence_transformers", "onnxruntime", "tokenizers", "pysbd",
               "importlib.metadata", "importlib.resources", "secrets")
    code = ("import json, sys; from typer.testing import CliRunner; before = set(sys.modules); "
            f"from factcheck.cli import app; r = CliRunner().invoke(app, {args!r}); "
            "stats = json.loads(r.stdout)['stats']['cache']; "
            f"print(json.dumps([r.exit_code, stats['inference'], sorted(m for m in {watched!r} "
            "if m in sys.modules and m not in before)]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [1, False, []]


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("factcheck ")


def test_rules_lists_the_catalogue() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0 and "FC201" in result.output and "acronym-expansion-mismatch" in result.output


@pytest.mark.parametrize(
    ("setup", "code", "message"),
    [
        (lambda d: [str(d / "missing")], "FCE101", "no such file or folder"),
        (lambda d: [str(d)], "FCE101", "no .txt, .md, .markdown, .text, .html, .htm, .docx files"),
        (lambda d: ((d / "a.txt").write_text("One version."), [str(d)])[1], "FCE107", "only one version"),
        (lambda d: ((d / "a.txt").write_text(""), (d / "b.txt").write_text("x."), [str(d)])[2], "FCE102", "empty"),
        (lambda d: ((d / "a.txt").write_text(" \n\t\n"), (d / "b.txt").write_text("x."), [str(d)])[2], "FCE102",
         "empty"),
        (lambda d: ((d / "factcheck.toml").write_text("colour = 1"), (d / "a.txt").write_text("x."),
                    (d / "b.txt").write_text("y."), [str(d)])[3], "FCE204", "unknown key 'colour'"),
        (lambda d: ((d / "a.txt").write_bytes(b"\x00\x01\x02\x03binary\x00"), (d / "b.txt").write_text("x."),
                    [str(d)])[2], "FCE104", "binary"),
        (lambda d: ((d / "a.txt").write_text("x. " * 50), (d / "b.txt").write_text("y."),
                    [str(d), "--max-bytes", "20"])[2], "FCE103", "over the limit"),
        (lambda d: ((d / "m.yaml").write_text("embedder: ["), [str(KERRY), "--models", str(d / "m.yaml")])[1],
         "FCE202", "not valid YAML"),
        (lambda d: ((d / "m.yaml").write_text(
            "embedder: {name: e, source: 'path:nowhere'}\nnli: {name: n, source: 'path:nowhere'}\n"),
            [str(KERRY), "--models", str(d / "m.yaml")])[1], "FCE301", "not found at"),
    ],
)
def test_input_errors_exit_2_with_one_line(tmp_path: Path, setup, code: str, message: str) -> None:  # type: ignore[no-untyped-def]
    args = setup(tmp_path)
    result = runner.invoke(app, ["check", "-q", *args])
    assert result.exit_code == 2, result.output
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1 and code in err and message in err
    assert "Traceback" not in result.output


def test_usage_error_exits_2() -> None:
    assert runner.invoke(app, ["check", str(KERRY), "--format", "yaml"]).exit_code == 2
    assert runner.invoke(app, ["check"]).exit_code == 2


@pytest.mark.model
def test_kerry_exit_codes_and_json_output(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = runner.invoke(app, ["check", str(KERRY), "--format", "json", "-o", str(out), "-q"])
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text())
    assert data["summary"]["exit_code"] == 1 and data["summary"]["error"] >= 1
    assert runner.invoke(app, ["check", str(KERRY), "--fail-on", "never", "-q"]).exit_code == 0
    text = runner.invoke(app, ["check", str(KERRY), "-q"])
    assert "FC201" in text.stdout and "UNHCR" in text.stdout


@pytest.mark.model
def test_identical_versions_exit_0(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text((KERRY / "000_73a31ef219c82012.txt").read_text())
    result = runner.invoke(app, ["check", str(tmp_path), "--fail-on", "info", "-q"])
    assert result.exit_code == 0, result.output
