"""`factcheck check examples/kerry` in a fresh process: a cold first run and a warm re-run, side by side.

Usage: python bench/seeds_e2e.py [N] [--code DIR ...]   (default 5 runs each)

- cold: an empty cache folder each run, as on a new machine after `pip install` (every model loads, every
  embedding, NLI pair and judge verdict is computed);
- warm: the same cache folder after one filling run (no model is loaded; `stats.cache.inference` false).

The runs are interleaved (cold, warm, cold, warm ...; with several ``--code`` checkouts, each in turn), so
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

REPO = Path(__file__).resolve().parent.parent
KERRY = REPO / "examples" / "kerry"


def run(code: Path, args: list[str], cwd: Path) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak MiB and exit code of ``python -m factcheck ARGS``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(code)
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "factcheck", *args], env=env, cwd=cwd,
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
    args = parser.parse_args()
    codes = [c.resolve() for c in (args.code or [REPO])]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    rows: dict[tuple[Path, str], list[tuple[float, float, float]]] = {}
    stages: dict[Path, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        out = root / "r.json"
        for n, code in enumerate(codes):   # compile the bytecode, fill each warm cache
            run(code, ["--help"], root)
            run(code, ["check", str(KERRY), "-f", "json", "-o", str(out), "-q", "--cache-dir", str(root / f"warm{n}")],
                root)
        for i in range(args.runs):
            for n, code in enumerate(codes):
                for kind in ("cold", "warm"):
                    cache = root / (f"cold{n}-{i}" if kind == "cold" else f"warm{n}")
                    check = ["check", str(KERRY), "-f", "json", "-o", str(out), "-q", "--cache-dir", str(cache)]
                    wall, cpu, peak, exit_code = run(code, check, root)
                    report = json.loads(out.read_text())
                    if kind == "cold":
                        stages[code] = report["stats"]["seconds"]
                    rows.setdefault((code, kind), []).append((wall, cpu, peak))
                    print(f"{code.name} {kind} {i + 1}: wall {wall:.2f} s, CPU {cpu:.2f} s, peak {peak:.0f} MiB "
                          f"(exit {exit_code}, inference {report['stats']['cache'].get('inference')})", flush=True)
        helps = [run(codes[0], ["--help"], root)[0] for _ in range(args.runs)]
    typers = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import typer"], check=True)
        typers.append(time.perf_counter() - t)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print("\n| checkout | run | wall median (range) | CPU median | peak memory |\n|---|---|---|---|---|")
    for code in codes:
        for kind in ("cold", "warm"):
            r = rows[(code, kind)]
            walls = [x[0] for x in r]
            print(f"| {code.name} | {kind} | {statistics.median(walls):.2f} s ({min(walls):.2f} to {max(walls):.2f}) | "
                  f"{statistics.median(x[1] for x in r):.2f} s | {statistics.median(x[2] for x in r):.0f} MiB |")
    h, ty = statistics.median(helps), statistics.median(typers)
    print(f"\nfactcheck --help {h:.2f} s against import typer {ty:.2f} s ({h / ty:.1f}x)")
    for code in codes:
        print(f"stage seconds of the last cold run ({code.name}):", json.dumps(stages[code]))


if __name__ == "__main__":
    main()
