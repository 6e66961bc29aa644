"""`factcheck check examples/kerry` in a fresh process: a cold first run and a warm re-run, side by side.

Usage: python bench/seeds_e2e.py [N] [--code DIR ...] [--python EXE ...]   (default 5 runs each)

- cold: an empty cache folder each run, as on a new machine after `pip install` (every model loads, every
  embedding, NLI pair and judge verdict is computed);
- warm: the same cache folder after one filling run (no model is loaded; `stats.cache.inference` false).

The runs are interleaved (cold, warm, cold, warm ...; with several ``--code`` checkouts or ``--python``
interpreters, e.g. virtual environments that differ in one dependency, each pairing in turn), so
that a change in the machine's load falls on every column alike. Each process runs from a temporary
folder, with ``PYTHONPATH`` the checkout given (default: this one) and Python's bytecode cache allowed
(``PYTHONDONTWRITEBYTECODE`` removed: an installed package has its bytecode; a first compile per checkout
is done before timing). Prints each run and per checkout the medians (and ranges) of wall seconds, CPU
seconds of the process (user + system, all its threads) and peak memory, the load average before and
after, `factcheck --help` against `python -c "import typer"`, and the stage seconds of the last cold run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
KERRY = REPO / "examples" / "kerry"


class Setup(NamedTuple):
    """One column: a checkout's factcheck run by one interpreter."""

    path: Path
    python: str
    label: str


def _label(code: Path, python: str, several: bool) -> str:
    if not several:
        return code.name
    version = subprocess.run([python, "-c", "import typer; print(typer.__version__)"], capture_output=True,
                             text=True).stdout.strip()
    return f"{code.name} ({python}, typer {version})"


def run(code: Path, args: list[str], cwd: Path, python: str = sys.executable) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak MiB and exit code of ``python -m factcheck ARGS``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(code)
    start = time.perf_counter()
    child = subprocess.Popen([python, "-m", "factcheck", *args], env=env, cwd=cwd,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    code_ = os.waitstatus_to_exitcode(status)
    if code_ not in (0, 1):
        raise SystemExit(f"factcheck exited {code_}: {child.stderr.read().decode() if child.stderr else ''}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, code_


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--code", type=Path, action="append", default=None)
    parser.add_argument("--python", action="append", default=None)
    args = parser.parse_args()
    pythons = args.python or [sys.executable]
    codes = [Setup(c.resolve(), py, _label(c.resolve(), py, len(pythons) > 1))
             for c in (args.code or [REPO]) for py in pythons]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows: dict[tuple[Setup, str], list[tuple[float, float, float]]] = {}
    stages: dict[Setup, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        out = root / "r.json"
        for n, code in enumerate(codes):   # compile the bytecode, fill each warm cache
            run(code.path, ["--help"], root, code.python)
            run(code.path, ["check", str(KERRY), "-f", "json", "-o", str(out), "-q", "--cache-dir",
                            str(root / f"warm{n}")], root, code.python)
        for i in range(args.runs):
            for n, code in enumerate(codes):
                for kind in ("cold", "warm"):
                    cache = root / (f"cold{n}-{i}" if kind == "cold" else f"warm{n}")
                    check = ["check", str(KERRY), "-f", "json", "-o", str(out), "-q", "--cache-dir", str(cache)]
                    wall, cpu, peak, exit_code = run(code.path, check, root, code.python)
                    report = json.loads(out.read_text())
                    if kind == "cold":
                        stages[code] = report["stats"]["seconds"]
                    rows.setdefault((code, kind), []).append((wall, cpu, peak))
                    print(f"{code.label} {kind} {i + 1}: wall {wall:.2f} s, CPU {cpu:.2f} s, peak {peak:.0f} MiB "
                          f"(exit {exit_code}, inference {report['stats']['cache'].get('inference')})", flush=True)
        helps = [run(codes[0].path, ["--help"], root, codes[0].python)[0] for _ in range(args.runs)]
    typers = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run([codes[0].python, "-c", "import typer"], check=True)
        typers.append(time.perf_counter() - t)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\n| checkout | run | wall median (range) | CPU median | peak memory |\n|---|---|---|---|---|")
    for code in codes:
        for kind in ("cold", "warm"):
            r = rows[(code, kind)]
            walls = [x[0] for x in r]
            print(f"| {code.label} | {kind} | {statistics.median(walls):.2f} s ({min(walls):.2f} to "
                  f"{max(walls):.2f}) | {statistics.median(x[1] for x in r):.2f} s | "
                  f"{statistics.median(x[2] for x in r):.0f} MiB |")
    h, ty = statistics.median(helps), statistics.median(typers)
    print(f"\nfactcheck --help {h:.2f} s against import typer {ty:.2f} s ({h / ty:.1f}x)")
    for code in codes:
        print(f"stage seconds of the last cold run ({code.label}):", json.dumps(stages[code]))


if __name__ == "__main__":
    main()
