"""Wall time of `factcheck check examples/kerry` (a fresh process each run): median of N runs.

Usage: python bench/seeds_e2e.py [N]   (default 5). Prints each run, the median, and the
report's NLI pairs, slots and per-stage seconds of the last run.
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


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        for i in range(n):
            t = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "factcheck", "check", str(REPO / "examples" / "kerry"),
                                   "--format", "json", "-o", str(out), "-q"], capture_output=True, text=True)
            times.append(time.perf_counter() - t)
            if done.returncode not in (0, 1):
                raise SystemExit(done.stderr)
            print(f"run {i + 1}: {times[-1]:.2f} s (exit {done.returncode})")
        stats = json.loads(out.read_text())["stats"]
    print(f"median of {n}: {statistics.median(times):.2f} s")
    print(f"nli_pairs {stats['nli_pairs']}, slots {stats['slots']}, sentences {stats['sentences']}")
    print("stage seconds (last run):", json.dumps(stats["seconds"]))


if __name__ == "__main__":
    main()
