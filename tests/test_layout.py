"""The package's layout: the import arrows that must never exist (issue 24), read from the source.

An import inside ``if TYPE_CHECKING:`` is for the type checker only and makes no arrow at run time.
"""

from __future__ import annotations

import ast

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "factcheck"
PARTS = ("text", "inputs", "align", "slots", "checks", "ledger", "judge", "verdict", "findings", "models", "render",
         "cli", "batch")
TOP = ("pipeline", "checker", "runner", "report", "settings")   # the top-level modules that compose the parts
# (from, to): no module of the first part imports one of the second
FORBIDDEN = {
    *(("text", other) for other in (*PARTS, *TOP) if other != "text"),
    ("judge", "checks"), ("judge", "ledger"), ("judge", "verdict"), ("judge", "findings"),
    ("ledger", "checks"), ("ledger", "judge"), ("ledger", "verdict"),
    ("checks", "ledger"), ("checks", "judge"), ("checks", "verdict"),
    ("align", "checks"), ("align", "findings"), ("align", "slots"), ("align", "verdict"),
    ("inputs", "findings"), ("inputs", "verdict"), ("inputs", "checks"), ("inputs", "models"),
    *(("inputs", top) for top in TOP),
    ("render", "pipeline"), ("render", "checker"), ("render", "runner"), ("render", "verdict"), ("render", "checks"),
    ("render", "models"),
    ("models", "pipeline"), ("models", "checker"), ("models", "runner"), ("models", "verdict"), ("models", "checks"),
    ("findings", "verdict"), ("findings", "checks"), ("findings", "models"),
    *((part, "cli") for part in PARTS if part != "cli"), *((top, "cli") for top in TOP),
}


def part_of(module: str) -> str | None:
    """The part a module belongs to: its sub-package (``text``, ``inputs`` ...) or, at the top, its own
    name (``pipeline``, ``checker`` ...); None for the package itself and ``errors``, which every part uses."""
    parts = module.split(".")
    if parts[0] != "factcheck" or len(parts) == 1:
        return None
    if (PACKAGE / parts[1]).is_dir():
        return parts[1]
    return parts[1] if parts[1] in TOP else None


def _runtime_imports(tree: ast.AST) -> list[str]:
    out: list[str] = []

    def visit(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.orelse:
                visit(child, typing_only)
            return
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
            out.extend(f"{node.module}.{a.name}" for a in node.names if node.module == "factcheck")
        for child in ast.iter_child_nodes(node):
            visit(child, typing_only)

    visit(tree, False)
    return out


def arrows() -> set[tuple[str, str, str, str]]:
    """(part from, part to, module, imported module) for every runtime import between parts."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        here = part_of(module)
        for imported in _runtime_imports(ast.parse(path.read_text())):
            if imported.split(".")[0] == "training":
                found.add((here or module, "training", module, imported))
                continue
            there = part_of(imported)
            if here and there and here != there:
                found.add((here, there, module, imported))
    return found


def test_no_forbidden_arrow() -> None:
    found = arrows()
    bad = sorted(a for a in found if (a[0], a[1]) in FORBIDDEN or a[1] == "training")
    assert not bad, "\n".join(f"{m} imports {i}" for _, _, m, i in bad)


def test_the_arrow_reader_sees_arrows() -> None:
    """The reader itself: real arrows are seen (so that the test above can fail)."""
    found = {(a, b) for a, b, _, _ in arrows()}
    assert ("checks", "text") in found and ("verdict", "judge") in found and ("checker", "verdict") in found
    assert part_of("factcheck.text.safe") == "text" and part_of("factcheck.errors") is None
    assert part_of("factcheck.checker") == "checker" and part_of("factcheck.__version__") is None


@pytest.mark.parametrize("forbidden", ["from factcheck.checks.replacements import replacements",
                                       "import factcheck.verdict.weigh"])
def test_a_forbidden_import_in_text_would_be_caught(forbidden: str) -> None:
    names = _runtime_imports(ast.parse(forbidden + "\nif TYPE_CHECKING:\n    from factcheck.render import render\n"))
    assert [part_of(n) for n in names if part_of(n)] == [forbidden.split()[1].split(".")[1]]


def test_training_is_outside_the_shipped_package() -> None:
    assert not (PACKAGE / "training").exists() and (REPO / "training" / "judge.py").is_file()
    pyproject = (REPO / "pyproject.toml").read_text()
    assert 'packages = ["factcheck"]' in pyproject


def test_few_modules_at_the_top() -> None:
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert top == ["__init__", "__main__", "checker", "errors", "pipeline", "report", "runner", "settings"], top
