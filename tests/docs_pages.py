"""Reading the documentation as the tests check it: the README and the pages under docs/, their sections,
headings (with GitHub's anchors), links, and the command examples they show.

A ```console block is a real run: each ``$ factcheck ...`` line is a command, the lines after it are what it
prints (stdout and stderr together, in a terminal 100 columns wide, without colour), and ``$ echo $?`` shows
the previous command's exit code. A ```sh block (or inline code) that starts with ``factcheck`` is an example
to adapt: it is not run, but its command and options must exist.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import REPO

DOCS = REPO / "docs"
COLUMNS = 100
# the commands that read versions and so load the models (their examples are marked ``model``)
MODEL_COMMANDS = {"check", "diff-branch", "accept", "batch"}


def pages() -> dict[str, str]:
    """``{path relative to the repository: text}`` for the README and every Markdown page under docs/."""
    paths = [REPO / "README.md", *sorted(DOCS.glob("*.md"))]
    return {str(p.relative_to(REPO)): p.read_text(encoding="utf-8") for p in paths}


def page(name: str) -> str:
    return (REPO / name).read_text(encoding="utf-8")


_FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


def fenced(text: str) -> list[tuple[str, str, int]]:
    """Each fenced block: (its language, its text, the line its fence opens on)."""
    return [(m.group(1), m.group(2), text.count("\n", 0, m.start()) + 1) for m in _FENCE.finditer(text)]


def prose(text: str) -> str:
    """The text without fenced blocks and inline code, where a link or a heading can be."""
    text = _FENCE.sub("", text)
    return re.sub(r"`[^`\n]*`", "", text)


def headings(text: str) -> list[tuple[int, str]]:
    """(level, title) of each ATX heading outside fenced blocks."""
    return [(len(m.group(1)), m.group(2).strip())
            for m in re.finditer(r"^(#{1,6}) +(.+?)\s*$", _FENCE.sub("", text), re.MULTILINE)]


def slug(title: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation but hyphens and underscores dropped, spaces
    to hyphens."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def anchors(text: str) -> set[str]:
    seen: dict[str, int] = {}
    out = set()
    for _, title in headings(text):
        base = slug(title)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return out


def section(text: str, title: str) -> str:
    """The text under the heading ``title`` (exact, outside fenced blocks), up to the next heading of the
    same or a higher level."""
    lines = text.splitlines(keepends=True)
    in_fence, start, level = False, None, 0
    for n, line in enumerate(lines):
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        m = None if in_fence else re.match(r"^(#{1,6}) +(.+?)\s*$", line)
        if not m:
            continue
        if start is not None and len(m.group(1)) <= level:
            return "".join(lines[start:n])
        if start is None and m.group(2).strip() == title:
            start, level = n + 1, len(m.group(1))
    if start is None:
        raise AssertionError(f"no heading {title!r}")
    return "".join(lines[start:])


def links(text: str) -> list[str]:
    """The targets of the inline links and images in the prose (not in code)."""
    return re.findall(r"!?\[[^\]]*\]\(([^)\s]+)\)", prose(text))


def norm(text: str) -> str:
    """Text as a reader sees it: no backticks, whitespace collapsed."""
    return " ".join(text.replace("`", "").split())


# --- command examples -----------------------------------------------------------------------------------

@dataclass
class Run:
    command: str
    expected: list[str] = field(default_factory=list)


@dataclass
class Example:
    """One ```console block: where it is and its runs, in order."""
    where: str
    runs: list[Run]

    @property
    def needs_models(self) -> bool:
        return any(argv(r.command)[1:2] and argv(r.command)[1] in MODEL_COMMANDS for r in self.runs
                   if r.command != "echo $?")


def argv(command: str) -> list[str]:
    return shlex.split(command, comments=True)


def console_examples() -> list[Example]:
    out = []
    for name, text in pages().items():
        for lang, body, line in fenced(text):
            if lang != "console":
                continue
            runs: list[Run] = []
            for row in body.splitlines():
                if row.startswith("$ "):
                    runs.append(Run(row[2:].strip()))
                elif runs:
                    runs[-1].expected.append(row)
                else:
                    raise AssertionError(f"{name}:{line}: a console block starts with a '$ ' command line")
            out.append(Example(f"{name}:{line}", runs))
    return out


def sketched_commands() -> list[tuple[str, str]]:
    """(where, command) for each factcheck command an ```sh block or inline code shows."""
    out = []
    for name, text in pages().items():
        for lang, body, line in fenced(text):
            if lang == "sh":
                out += [(f"{name}:{line}", row.strip()) for row in body.splitlines()
                        if row.strip().startswith("factcheck ")]
        spans = (" ".join(span.split()) for span in re.findall(r"`([^`]+)`", _FENCE.sub("", text)))
        out += [(name, span) for span in spans if re.match(r"factcheck (-|[a-z])", span)]
    return out


_PROGRAM = "import sys; sys.argv[0] = 'factcheck'; from factcheck.cli import run; run()"


def run_command(command: str, cwd: Path) -> tuple[str, int]:
    """Run one ``factcheck ...`` line as a user's shell would (no shell: the line is split like one), with
    stdout and stderr together, 100 columns, no colour; the output with trailing spaces dropped."""
    words = argv(command)
    assert words[0] == "factcheck", f"a console example runs factcheck only: {command}"
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}
    env |= {"COLUMNS": str(COLUMNS), "NO_COLOR": "1", "PYTHONUNBUFFERED": "1", "TERM": "dumb"}
    done = subprocess.run([sys.executable, "-c", _PROGRAM, *words[1:]], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=600)
    return done.stdout, done.returncode


def tidy(lines: list[str]) -> list[str]:
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return out
