"""What the edit judge costs on the bundled example, cold and warm, against the same runs without it.

Each run is a fresh process (``check_versions`` on examples/kerry, default models); cold runs start
from an empty cache folder, warm ones from a cache filled by one earlier run of the same setting.
Prints the median seconds of each, and the judge's own stage (``stats.seconds.judge``) as a share
of the run: loading the models varies by seconds from run to run, so the totals alone would hide it.

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
from factcheck.models.cache import ResultCache
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
        cold, warm, shares, warm_shares, last = [], [], [], [], {}
        for _ in range(runs):
            with tempfile.TemporaryDirectory() as folder:
                last = run(folder, judge)
                again = run(folder, judge)
                cold.append(float(last["seconds"]))  # type: ignore[arg-type]
                warm.append(float(again["seconds"]))  # type: ignore[arg-type]
                shares.append(float(last["judge"]) / float(last["seconds"]))  # type: ignore[arg-type]
                warm_shares.append(float(again["judge"]) / float(again["seconds"]))  # type: ignore[arg-type]
        rows[judge] = (statistics.median(cold), statistics.median(warm), statistics.median(shares),
                       statistics.median(warm_shares), last)
    for judge, (cold, warm, share, warm_share, last) in rows.items():
        print(f"{'with the judge' if judge else 'without       '}: cold {cold:.2f} s, warm {warm:.2f} s, "
              f"NLI pairs {last['nli_pairs']}, findings {last['counts']}"
              + (f"; the judge's stage: {share:.1%} of a cold run, {warm_share:.1%} of a warm one" if judge else ""))


if __name__ == "__main__":
    main()
