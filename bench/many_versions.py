"""N versions of the seeds (the three files in turn) checked in one run: wall time and peak memory.

Usage: python bench/many_versions.py [N] [RUNS]   (defaults 50 and 3). A fresh process per run, no
cache; prints each run, the median, the peak resident memory of the factcheck process, and the
report's slots, NLI pairs and findings by rule.
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
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    seeds = sorted((REPO / "examples" / "kerry").iterdir())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "versions"
        folder.mkdir()
        for i in range(n):
            (folder / f"v{i:02d}.txt").write_bytes(seeds[i % len(seeds)].read_bytes())
        out = Path(tmp) / "r.json"
        times, peaks = [], []
        for r in range(runs):
            child = ("import atexit, resource, sys; from factcheck.cli import run; sys.argv[0] = 'factcheck'; "
                     "atexit.register(lambda: print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
                     "file=sys.stderr)); run()")
            cmd = [sys.executable, "-c", child,
                   "check", str(folder), "--no-cache", "-q", "-f", "json", "-o", str(out)]
            t = time.perf_counter()
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            times.append(time.perf_counter() - t)
            peak = next((int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK")), 0)
            peaks.append(peak / 1024)
            print(f"run {r + 1}: {times[-1]:.2f} s, peak {peaks[-1]:.0f} MB (exit {done.returncode})")
        data = json.loads(out.read_text())
    print(f"{n} versions: median {statistics.median(times):.2f} s, peak RSS {max(peaks):.0f} MB; "
          f"slots {data['stats']['slots']}, NLI pairs {data['stats']['nli_pairs']}, "
          f"findings {data['summary']['by_rule']}")


if __name__ == "__main__":
    main()
