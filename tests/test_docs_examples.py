"""The README and the docs pages as a reader follows them: every ```console example is run and prints what the
page shows, every relative link leads to a page (and a heading) that exists, and the README stays a short
start: what factcheck does, the two set-up commands, a quick start, where to read on."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.docs_pages import (
    DOCS,
    Example,
    anchors,
    console_examples,
    fenced,
    headings,
    links,
    page,
    pages,
    run_command,
    section,
    tidy,
)

EXAMPLES = console_examples()


def _param(example: Example) -> object:
    marks = [pytest.mark.model] if example.needs_models else []
    return pytest.param(example, id=example.where, marks=marks)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A folder laid out as the top of a checkout for what the examples read (examples/), and nothing
    else, so that an example's output written there lands in a temporary folder."""
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    return tmp_path


def test_the_examples_are_found_and_include_the_quick_start_and_the_batch() -> None:
    where = {e.where.split(":")[0] for e in EXAMPLES}
    assert {"README.md", "docs/batch.md", "docs/usage.md", "docs/exit-codes.md", "docs/inputs.md"} <= where
    assert all(e.runs and all(r.command.startswith(("factcheck ", "echo $?")) for r in e.runs) for e in EXAMPLES)
    assert any(not e.needs_models for e in EXAMPLES)   # some run in the fast suite


@pytest.mark.parametrize("example", [_param(e) for e in EXAMPLES])
def test_a_console_example_prints_what_the_page_shows(example: Example, checkout: Path) -> None:
    code: int | None = None
    for run in example.runs:
        if run.command == "echo $?":
            assert code is not None, f"{example.where}: echo $? before any command"
            got = [str(code)]
        else:
            output, code = run_command(run.command, checkout)
            got = output.splitlines()
        shown = "\n".join(got)
        assert tidy(got) == tidy(run.expected), f"{example.where}: $ {run.command} printed:\n{shown}"


@pytest.mark.parametrize("name", list(pages()))
def test_every_relative_link_leads_to_a_file_and_heading_that_exist(name: str) -> None:
    here = (REPO / name).parent
    text = pages()[name]
    for target in links(text):
        if re.match(r"[a-z]+:", target):   # https:, mailto:
            continue
        path, _, anchor = target.partition("#")
        file = (here / path).resolve() if path else REPO / name
        assert file.is_file(), f"{name}: ({target}): no such file"
        assert REPO in file.parents, f"{name}: ({target}) leads out of the repository"
        if anchor:
            assert file.suffix == ".md", f"{name}: ({target}): an anchor into a file that is not a page"
            assert anchor in anchors(file.read_text(encoding="utf-8")), f"{name}: ({target}): no such heading"


def test_the_contents_page_links_every_page_and_the_readme_links_the_contents() -> None:
    contents = page("docs/README.md")
    linked = {t.split("#")[0] for t in links(contents)}
    for path in sorted(DOCS.glob("*.md")):
        if path.name != "README.md":
            assert path.name in linked, f"docs/README.md does not link {path.name}"
    assert "docs/README.md" in {t.split("#")[0] for t in links(page("README.md"))}


def test_the_readme_is_a_short_start() -> None:
    readme = page("README.md")
    assert len(readme.splitlines()) <= 150
    titles = [t for level, t in headings(readme) if level == 2]
    assert titles == ["Set-up", "Quick start", "Where to read on", "Licence"]
    # the words the reports use, defined before they are used
    for term in ("**version**", "**slot**", "**fact change**", "**style change**"):
        assert term in readme.split("## Set-up")[0], term
    # the Python it needs is pyproject's
    requires = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    version = re.fullmatch(r">=(\d+\.\d+)", requires)
    assert version and f"Python {version.group(1)} or later" in readme
    assert f"Python {version.group(1)} or later" in page("docs/install.md")
    # where to read on: the reference pages
    onward = {t.split("#")[0] for t in links(section(readme, "Where to read on"))}
    assert {"docs/usage.md", "docs/rules.md", "docs/ci.md", "docs/exit-codes.md"} <= onward


def test_the_quick_start_is_one_run_on_our_own_wire_web_and_update() -> None:
    quick = section(page("README.md"), "Quick start")
    [body] = [b for lang, b, _ in fenced(quick) if lang == "console"]
    command = body.splitlines()[0]
    files = re.findall(r"examples/quickstart/(\w+\.txt)", command)
    assert files == ["wire.txt", "web.txt", "update.txt"]
    assert all((REPO / "examples" / "quickstart" / f).is_file() for f in files)
    assert "versions in the order given: wire.txt, web.txt, update.txt" in body
    assert re.search(r"error +FC220 update\.txt:5:", body) and re.search(r"warning FC230 update\.txt:7:", body)
