"""A user's first run: `factcheck check examples/kerry` with an empty cache, its wall time and peak memory.

Usage: python bench/first_run.py [N] [--code DIR]   (default 5 runs; --code runs another checkout's
factcheck package, e.g. a `git worktree` of an older commit, for a before/after table). Each run is a
fresh process with an empty cache folder, so every model loads and every embedding, NLI pair and
judge verdict is computed, as on a new machine after `pip install`. Prints each run and the medians:
wall seconds and the process's peak resident memory (ru_maxrss), and the report's per-stage seconds.
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


def one_run(code: Path | None) -> tuple[float, float, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        env = dict(os.environ)
        if code is not None:
            env["PYTHONPATH"] = str(code)
        cmd = [sys.executable, "-m", "factcheck", "check", str(KERRY), "--cache-dir", str(Path(tmp) / "cache"),
               "--format", "json", "--output", str(out)]
        start = time.perf_counter()
        # run from the temporary folder: from the repository, `python -m` would import its package
        # whatever PYTHONPATH says (the current folder comes first)
        child = subprocess.Popen(cmd, env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        code_ = os.waitstatus_to_exitcode(status)
        if code_ not in (0, 1):
            raise SystemExit(f"factcheck exited {code_}: {child.stderr.read().decode() if child.stderr else ''}")
        stages = json.loads(out.read_text())["stats"]["seconds"]
        return wall, usage.ru_maxrss / 1024, stages  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="?", type=int, default=5)
    parser.add_argument("--code", type=Path, default=None)
    args = parser.parse_args()
    walls, peaks, last = [], [], {}
    for n in range(args.runs):
        wall, peak, last = one_run(args.code)
        walls.append(wall)
        peaks.append(peak)
        print(f"run {n + 1}: {wall:.2f} s, peak {peak:.0f} MiB")
    print(f"median of {args.runs}: {statistics.median(walls):.2f} s ({min(walls):.2f} to {max(walls):.2f}), "
          f"peak memory {statistics.median(peaks):.0f} MiB ({min(peaks):.0f} to {max(peaks):.0f})")
    print("stages of the last run (s): " + ", ".join(f"{k} {v:.2f}" for k, v in last.items()))


if __name__ == "__main__":
    main()
