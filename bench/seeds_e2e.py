"""Wall time of `factcheck check examples/kerry` (a fresh process each run): cold and warm cache.

Usage: python bench/seeds_e2e.py [N]   (default 5). Prints each run and the medians of N runs:
- cold: an empty cache folder each run (models load, every embedding and NLI pair is computed);
- warm: the same cache folder after one filling run (no model is loaded);
- `factcheck --help` against a bare `python -c "import typer"`;
and the report's NLI pairs, slots and per-stage seconds of the last cold run.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KERRY = REPO / "examples" / "kerry"


def timed(cmd: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return time.perf_counter() - t, done


def check(out: Path, cache: Path) -> list[str]:
    return [sys.executable, "-m", "factcheck", "check", str(KERRY), "--format", "json", "-o", str(out), "-q",
            "--cache-dir", str(cache)]


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        for i in range(n):
            s, done = timed(check(out, Path(tmp) / f"cold{i}"))
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr)
            cold.append(s)
            print(f"cold {i + 1}: {s:.2f} s (exit {done.returncode})")
        stats = json.loads(out.read_text())["stats"]
        timed(check(out, Path(tmp) / "warm"))
        for i in range(n):
            s, done = timed(check(out, Path(tmp) / "warm"))
            warm.append(s)
            inference = json.loads(out.read_text())["stats"]["cache"]["inference"]
            print(f"warm {i + 1}: {s:.2f} s (exit {done.returncode}, inference {inference})")
    helps = [timed([sys.executable, "-m", "factcheck", "--help"])[0] for _ in range(n)]
    typers = [timed([sys.executable, "-c", "import typer"])[0] for _ in range(n)]
    c, w = statistics.median(cold), statistics.median(warm)
    h, ty = statistics.median(helps), statistics.median(typers)
    print(f"\nmedians of {n}: cold {c:.2f} s, warm {w:.2f} s (cold/warm {c / w:.1f}x); "
          f"factcheck --help {h:.2f} s vs import typer {ty:.2f} s ({h / ty:.1f}x)")
    print(f"nli_pairs {stats['nli_pairs']}, slots {stats['slots']}, sentences {stats['sentences']}")
    print("stage seconds (last cold run):", json.dumps(stats["seconds"]))


if __name__ == "__main__":
    main()
