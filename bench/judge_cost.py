"""What the edit judge costs on the bundled example, cold and warm, against the same runs without it.

Each run is a fresh process (``check_versions`` on examples/kerry, default models); cold runs start
from an empty cache folder, warm ones from a cache filled by one earlier run of the same setting.
Prints the median seconds of each and the judge's share.

Usage: python bench/judge_cost.py [RUNS]
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile

CODE = """
import json, sys, time
t = time.perf_counter()
from factcheck.cache import ResultCache
from factcheck.pipeline import check_versions
r = check_versions(["examples/kerry"], cache=ResultCache(sys.argv[1]), judge=sys.argv[2] == "1")
print(json.dumps({"seconds": time.perf_counter() - t, "judge": r.stats["seconds"].get("judge", 0.0),
                  "nli_pairs": r.stats["nli_pairs"], "counts": r.counts()}))
"""


def run(folder: str, judge: bool) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", CODE, folder, "1" if judge else "0"], capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    rows = {}
    for judge in (False, True):
        cold, warm, last = [], [], {}
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as folder:
                last = run(folder, judge)
                cold.append(float(last["seconds"]))  # type: ignore[arg-type]
                warm.append(float(run(folder, judge)["seconds"]))  # type: ignore[arg-type]
        rows[judge] = (statistics.median(cold), statistics.median(warm), last)
    for judge, (cold, warm, last) in rows.items():
        print(f"{'with the judge' if judge else 'without      '}: cold {cold:.2f} s, warm {warm:.2f} s, "
              f"NLI pairs {last['nli_pairs']}, findings {last['counts']}")
    (c0, w0, _), (c1, w1, _) = rows[False], rows[True]
    print(f"judge's share: cold {c1 / c0:.2f}x, warm {w1 / w0:.2f}x")


if __name__ == "__main__":
    main()
