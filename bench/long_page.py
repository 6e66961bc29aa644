"""A long page of running updates, made up: how the checks scale with hundreds of paragraphs.

Usage: python bench/long_page.py [PARAGRAPHS] [--runs N]   (default 400 paragraphs, 3 runs). Writes two
versions into a temporary folder (the second with 10% of the paragraphs edited: a count, a percentage
or a verb changed, and 7.5% cut), runs `factcheck check` on them in fresh processes with one cache
folder (the first run fills it: models and judge; the next ones are warm: the checks alone), and
prints each run's wall time and the medians of the warm runs. Text generated with a fixed seed.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUBJECTS = ["The council", "The mayor", "A spokesman", "The police", "Residents", "The company", "Officials",
            "The minister", "Witnesses", "The union"]
VERBS = ["said", "announced", "reported", "confirmed", "denied", "warned", "noted", "added"]
OBJECTS = ["that the bridge would reopen in May", "that 12 people were hurt in the crash",
           "that talks with the union had stalled", "that the budget would rise by 4 percent",
           "that the school would close next year", "that the fire started in a kitchen",
           "that a new road would be built", "that the vote was delayed until Friday"]


def versions(n: int) -> tuple[str, str]:
    rng = random.Random(3)
    paras = [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} on day {i} {rng.choice(OBJECTS)}, according to report "
             f"number {i}." for i in range(n)]
    edited = list(paras)
    for i in rng.sample(range(n), n // 10):
        edited[i] = edited[i].replace("12 people", "15 people").replace("4 percent", "5 percent") \
            .replace("said", "told reporters")
    for i in sorted(rng.sample(range(n), n * 3 // 40), reverse=True):
        del edited[i]
    return "\n\n".join(paras), "\n\n".join(edited)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paragraphs", nargs="?", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "page"
        folder.mkdir()
        a, b = versions(args.paragraphs)
        (folder / "a.txt").write_text(a)
        (folder / "b.txt").write_text(b)
        walls, found = [], 0
        for n in range(args.runs):
            out = Path(tmp) / "report.json"
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "factcheck", "check", str(folder), "--cache-dir",
                            str(Path(tmp) / "cache"), "--format", "json", "--output", str(out)], check=False, cwd=tmp)
            walls.append(time.perf_counter() - start)
            found = len(json.loads(out.read_text())["findings"])
            print(f"run {n + 1}{' (fills the cache)' if n == 0 else ''}: {walls[-1]:.2f} s, {found} findings")
        if len(walls) > 1:
            print(f"warm median of {len(walls) - 1}: {statistics.median(walls[1:]):.2f} s")


if __name__ == "__main__":
    main()
