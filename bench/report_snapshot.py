"""Record factcheck's reports on a fixed set of inputs, and compare two recordings.

Made to show that a refactor leaves behaviour unchanged: record a snapshot before it, another after
it, and compare the two. Run from anywhere (the script works from the repository root, where it
lives one level down), with factcheck installed as in the README.

Usage::

    python bench/report_snapshot.py write DIR [--only golden,seeds,realnews,summedits]
    python bench/report_snapshot.py compare DIR_A DIR_B

``write`` records every group (or those ``--only`` names) under DIR, replacing each recorded group's
folder there. DIR must be outside the repository or under its git-ignored ``build/``: the realnews and
SummEdits reports quote text that must never be committed (``/work/snapshots/base`` or
``build/snapshots/base``, say). ``compare`` prints, for each file that differs, its name and the first
lines of a unified diff, then the files found on one side only, then a line of counts; it exits 0 when
every file is identical and none is one-sided, 1 otherwise (2: a folder is missing).

What is recorded (file names relative to DIR):

- ``golden/<case>.<format>``: each ``tests/cases/<case>/`` with an ``expected.json``, checked with
  ``factcheck check FOLDER --format F --output FILE --quiet`` for every format (text, json, sarif, junit,
  github, markdown, html). FOLDER is the case folder, or the folder its ``"source"`` key names (relative
  to the repository), given as a relative path so that the paths inside the reports are stable.
- ``seeds/kerry.<format>``: ``examples/kerry``, the same way.
- ``realnews/<id>.json``: each ``../shared/data/realnews/stories/<id>/`` (with v1.txt and v2.txt), json
  only, the same way.
- ``<group>/exit_codes.json``: the CLI's exit code for each of those files (``"timeout"`` if it hung).
- ``<name>.<format>.error``: instead of a report, when a run writes none or exits with neither 0 nor 1:
  its exit code and its stderr. The golden cases with an ``"error"`` key (a comparison refused with an
  input error) are recorded this way, as is the unrelated realnews pair (control-01).
- ``<name>.<format>.stderr``: what a run that did write its report printed on stderr, if anything.
- ``summedits/pair-<index>.json`` and ``summedits/article-<index>.json``, index the item's 0-based
  position (3 digits) in ``../shared/data/summedits/summedits_news_dev.json``, through the Python API
  (``factcheck.check_versions(...).to_dict()``, default models config). ``check_versions`` caches
  nothing unless given a cache, so the script passes the CLI's default one (``$FACTCHECK_CACHE_DIR``,
  else ``~/.cache/factcheck``): reruns skip the models, and the reports are the same either way. The pair is
  ``{"1-original": original_summary, "2-edited": summary}``; the article is
  ``a.txt`` = original summary, a blank line and the doc's paragraphs, and ``b.txt`` = edited summary, a
  blank line and the same paragraphs with the last two swapped when there are at least 3 (paragraphs:
  ``doc.split("\\n\\n")`` without the empty or blank ones, joined by blank lines). A failed check is
  recorded as ``<name>.error`` (the error's one line).

Up to two CLI runs go at once (the project's machines have 2 cores). Each CLI run that finds all its
results in the cache loads no model (well under a second); a cold run loads the models (~12 s).

What is normalised, and why (nothing else is: the point is to catch real changes):

- JSON reports (``json`` format, and the SummEdits ``to_dict()``): ``stats.seconds`` (wall-clock time of
  each stage) and ``stats.cache`` (hits and misses: they depend on what earlier runs left in the cache,
  not on the code) are dropped, in each report of a multi-report file too.
- JSON and SARIF files are re-serialised with sorted keys and an indent of 2, so that diffs are readable
  and key order is not a difference (the content is otherwise untouched).

Run twice on the same code into two folders and compared, every file was identical (a run on an empty
cache against one on a full cache included): the text, junit, github, markdown and html formats and
SARIF hold no timestamp, duration or absolute path (paths are the relative ones given on the command
line), so nothing else needed normalising.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GROUPS = ("golden", "seeds", "realnews", "summedits")
FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "html")
CASES = Path("tests/cases")
SEEDS = Path("examples/kerry")
REALNEWS = Path("../shared/data/realnews/stories")
SUMMEDITS = Path("../shared/data/summedits/summedits_news_dev.json")
WORKERS = 2
TIMEOUT_S = 1800
DIFF_LINES = 30
VOLATILE_STATS = ("seconds", "cache")


@dataclass(frozen=True)
class Input:
    """One input the CLI checks: ``stem`` names its files in the group's folder."""

    stem: str
    folder: str
    formats: tuple[str, ...]


def say(message: str) -> None:
    print(f"report_snapshot: {message}", file=sys.stderr, flush=True)


# ---- normalisation -------------------------------------------------------------------------------


def _drop_volatile(report: dict[str, Any]) -> None:
    stats = report.get("stats")
    if isinstance(stats, dict):
        for key in VOLATILE_STATS:
            stats.pop(key, None)


def normalise_report_dict(data: Any) -> Any:
    """A report's dict (or a multi-report file's) without the fields that vary between runs."""
    if isinstance(data, dict):
        _drop_volatile(data)
        for report in data.get("reports", []) if isinstance(data.get("reports"), list) else []:
            if isinstance(report, dict):
                _drop_volatile(report)
    return data


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def normalise(fmt: str, text: str) -> str:
    """The report as recorded: JSON reports lose their volatile fields; JSON and SARIF get sorted keys."""
    if fmt not in ("json", "sarif"):
        return text
    try:
        data = json.loads(text)
    except ValueError:
        return text  # not JSON at all: a real change, kept as it is
    return dump_json(normalise_report_dict(data) if fmt == "json" else data)


# ---- the inputs ----------------------------------------------------------------------------------


def golden_inputs() -> list[Input]:
    out = []
    for case in sorted(p for p in (REPO / CASES).iterdir() if (p / "expected.json").is_file()):
        folder = (CASES / case.name).as_posix()
        try:
            expected = json.loads((case / "expected.json").read_text("utf-8"))
            if isinstance(expected, dict) and isinstance(expected.get("source"), str):
                folder = expected["source"]
        except (OSError, ValueError) as exc:
            say(f"golden: {case.name}/expected.json unreadable ({exc}); checking the case folder")
        out.append(Input(case.name, folder, FORMATS))
    return out


def seed_inputs() -> list[Input]:
    return [Input(SEEDS.name, SEEDS.as_posix(), FORMATS)]


def realnews_inputs() -> list[Input]:
    root = REPO / REALNEWS
    if not root.is_dir():
        return []
    return [Input(p.name, (REALNEWS / p.name).as_posix(), ("json",)) for p in sorted(root.iterdir())
            if (p / "v1.txt").is_file() and (p / "v2.txt").is_file()]


def paragraphs(doc: str) -> list[str]:
    return [p for p in doc.split("\n\n") if p.strip()]


def article_versions(item: dict[str, Any]) -> dict[str, str]:
    """The in-article construction: each summary above the article, the last two paragraphs swapped in b."""
    paras = paragraphs(item["doc"])
    swapped = list(paras)
    if len(swapped) >= 3:
        swapped[-2], swapped[-1] = swapped[-1], swapped[-2]
    return {"a.txt": item["original_summary"] + "\n\n" + "\n\n".join(paras),
            "b.txt": item["summary"] + "\n\n" + "\n\n".join(swapped)}


def pair_versions(item: dict[str, Any]) -> dict[str, str]:
    return {"1-original": item["original_summary"], "2-edited": item["summary"]}


# ---- recording -----------------------------------------------------------------------------------


def cli() -> list[str]:
    """``factcheck`` as a subprocess: ``python -m factcheck`` of this interpreter (works whatever the
    console script's entry point becomes in a refactor, and needs no activated virtualenv)."""
    return [sys.executable, "-m", "factcheck"]


def run_cli(inp: Input, folder: Path) -> dict[str, int | str]:
    """Check one input in every format it is recorded in; returns the exit code of each file."""
    codes: dict[str, int | str] = {}
    for fmt in inp.formats:
        name = f"{inp.stem}.{fmt}"
        target = folder / name
        cmd = [*cli(), "check", inp.folder, "--format", fmt, "--output", str(target), "--quiet"]
        code: int | str
        try:
            done = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, errors="replace",
                                  timeout=TIMEOUT_S, check=False)
            code, stderr = done.returncode, done.stderr
        except subprocess.TimeoutExpired as exc:
            err = exc.stderr
            code = "timeout"
            stderr = (err.decode("utf-8", "replace") if isinstance(err, bytes) else err or "") + \
                f"\n(killed after {TIMEOUT_S} s)"
        except OSError as exc:
            code, stderr = "not run", f"{type(exc).__name__}: {exc}"
        codes[name] = code
        wrote = target.is_file()
        if wrote:
            try:
                target.write_text(normalise(fmt, target.read_text("utf-8", errors="replace")), encoding="utf-8")
            except OSError as exc:
                stderr += f"\n(report_snapshot could not normalise {name}: {exc})"
        if not wrote or code not in (0, 1):
            record = f"exit code: {code}\ncommand: factcheck check {inp.folder} --format {fmt} --quiet\n" \
                     f"stderr:\n{stderr.rstrip()}\n"
            (folder / f"{name}.error").write_text(record, encoding="utf-8")
        elif stderr.strip():
            (folder / f"{name}.stderr").write_text(stderr.rstrip() + "\n", encoding="utf-8")
    return codes


def write_cli_group(group: str, inputs: list[Input], folder: Path) -> str:
    codes: dict[str, int | str] = {}
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for result in pool.map(lambda inp: run_cli(inp, folder), inputs):
            codes.update(result)
    (folder / "exit_codes.json").write_text(dump_json(codes), encoding="utf-8")
    failed = sum(1 for c in codes.values() if c not in (0, 1))
    return f"{len(inputs)} input(s), {len(codes)} run(s), {failed} without a report"


def _result_cache() -> Any:
    """The cache the CLI uses by default, so that reruns skip the models; None (slower, same reports) if the
    cache's module cannot be found where it is now."""
    try:
        from factcheck.models.cache import ResultCache, default_cache_dir
    except ImportError as exc:
        say(f"summedits: no result cache ({exc}); checking without one")
        return None
    return ResultCache(default_cache_dir())


def write_summedits(folder: Path) -> str:
    path = REPO / SUMMEDITS
    if not path.is_file():
        return f"skipped: no {SUMMEDITS}"
    import factcheck

    items = json.loads(path.read_text("utf-8"))
    cache = _result_cache()
    failed = 0
    builders: tuple[tuple[str, Callable[[dict[str, Any]], dict[str, str]]], ...] = (
        ("pair", pair_versions), ("article", article_versions))
    for index, item in enumerate(items):
        for kind, build in builders:
            name = f"{kind}-{index:03d}"
            try:
                report = factcheck.check_versions(build(item), cache=cache)
                text = dump_json(normalise_report_dict(report.to_dict()))
            except factcheck.FactcheckError as exc:
                failed += 1
                (folder / f"{name}.error").write_text(f"{exc.one_line()}\n", encoding="utf-8")
                continue
            except Exception as exc:  # noqa: BLE001 - one broken input is recorded, never the end of the run
                failed += 1
                (folder / f"{name}.error").write_text(f"{type(exc).__name__}: {exc}\n", encoding="utf-8")
                continue
            (folder / f"{name}.json").write_text(text, encoding="utf-8")
    return f"{len(items)} item(s), {2 * len(items)} check(s), {failed} without a report"


def write_group(group: str, folder: Path) -> str:
    if group == "golden":
        return write_cli_group(group, golden_inputs(), folder)
    if group == "seeds":
        return write_cli_group(group, seed_inputs(), folder)
    if group == "realnews":
        inputs = realnews_inputs()
        if not inputs:
            return f"skipped: no stories in {REALNEWS}"
        return write_cli_group(group, inputs, folder)
    return write_summedits(folder)


def inside_repo_unignored(path: Path) -> bool:
    """True when path is in the repository but not under its git-ignored build/."""
    return path.is_relative_to(REPO) and not path.is_relative_to(REPO / "build")


def command_write(out: Path, groups: list[str]) -> int:
    out = out.resolve()
    if inside_repo_unignored(out):
        say(f"error: {out} is inside the repository; write snapshots outside it or under build/ (git-ignored)")
        return 2
    out.mkdir(parents=True, exist_ok=True)
    code_state = _code_state()
    say(f"writing {', '.join(groups)} to {out} ({code_state})")
    for group in groups:
        folder = out / group
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        start = time.perf_counter()
        try:
            summary = write_group(group, folder)
        except Exception as exc:  # noqa: BLE001 - a group that cannot run at all must not stop the others
            summary = f"FAILED: {type(exc).__name__}: {exc}"
        files = sum(1 for p in folder.rglob("*") if p.is_file())
        say(f"{group}: {summary}; {files} file(s) in {time.perf_counter() - start:.1f} s")
    return 0


def _code_state() -> str:
    """The commit and whether the working tree differs from it (printed, never recorded: it is not output)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                              check=False).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO,
                               capture_output=True, text=True, check=False).stdout.splitlines()
    except OSError:
        return "not a git checkout"
    return f"code at {head or '?'}" + (f", {len(dirty)} modified file(s)" if dirty else ", clean")


# ---- comparing -----------------------------------------------------------------------------------


def files_under(root: Path) -> Iterator[str]:
    for p in sorted(root.rglob("*")):
        if p.is_file():
            yield p.relative_to(root).as_posix()


def short_diff(a: Path, b: Path, name: str) -> list[str]:
    lines = list(difflib.unified_diff(a.read_text("utf-8", errors="replace").splitlines(),
                                      b.read_text("utf-8", errors="replace").splitlines(),
                                      f"A/{name}", f"B/{name}", n=2, lineterm=""))
    if len(lines) > DIFF_LINES:
        lines = [*lines[:DIFF_LINES], f"... ({len(lines) - DIFF_LINES} more diff lines)"]
    return lines


def command_compare(dir_a: Path, dir_b: Path) -> int:
    for d in (dir_a, dir_b):
        if not d.is_dir():
            say(f"error: {d} is not a folder")
            return 2
    names_a, names_b = set(files_under(dir_a)), set(files_under(dir_b))
    identical = differing = 0
    for name in sorted(names_a & names_b):
        if (dir_a / name).read_bytes() == (dir_b / name).read_bytes():
            identical += 1
            continue
        differing += 1
        print(f"differs: {name}")
        for line in short_diff(dir_a / name, dir_b / name, name):
            print(f"    {line}")
    only_a, only_b = sorted(names_a - names_b), sorted(names_b - names_a)
    for name in only_a:
        print(f"only in A: {name}")
    for name in only_b:
        print(f"only in B: {name}")
    print(f"identical {identical}, differing {differing}, only in A {len(only_a)}, only in B {len(only_b)} "
          f"(A: {dir_a}, B: {dir_b})")
    return 0 if not (differing or only_a or only_b) else 1


# ---- command line --------------------------------------------------------------------------------


def parse_groups(value: str) -> list[str]:
    groups = [g.strip() for g in value.split(",") if g.strip()]
    unknown = [g for g in groups if g not in GROUPS]
    if unknown or not groups:
        raise argparse.ArgumentTypeError(f"unknown group(s) {', '.join(unknown) or '(none)'}; "
                                         f"valid: {','.join(GROUPS)}")
    return [g for g in GROUPS if g in groups]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Record factcheck's reports on fixed inputs; compare two records.")
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="record the reports under DIR")
    w.add_argument("dir", type=Path, metavar="DIR")
    w.add_argument("--only", type=parse_groups, default=list(GROUPS),
                   help=f"comma-separated groups to record [default: {','.join(GROUPS)}]")
    c = sub.add_parser("compare", help="compare two records; exit 0 when identical")
    c.add_argument("dir_a", type=Path, metavar="DIR_A")
    c.add_argument("dir_b", type=Path, metavar="DIR_B")
    args = parser.parse_args(argv)
    if args.command == "write":
        dir_out = args.dir.expanduser().absolute()
        os.chdir(REPO)
        return command_write(dir_out, args.only)
    return command_compare(args.dir_a, args.dir_b)


if __name__ == "__main__":
    sys.exit(main())
