"""Scaling with the length of a version: 1x, 2x, 4x and 8x of a long version, time and peak memory.

Usage: python bench/long_version.py [--unit 850] [--sizes 1,2,4,8] [--runs 1] [--threads N] [--code DIR] [--keep DIR]

Two versions of one long story, built as `bench/scaling.py` builds its story: the sentences of the
SummEdits news articles and of the seeds' first version in paragraphs of three, as many times over as
the size needs (each pass after the first prefixed "In part N,"), and a second version that edits every
7th sentence (a figure + 1, or ", officials said") and drops every 11th. 1x is ``--unit`` sentences (850:
8x is about 6,800 sentences a version, 1 MB, below the default --max-sentences of 20,000).

Each size runs `factcheck check FOLDER --no-cache --format json` in a fresh process (models loaded,
every embedding and NLI pair computed, as a first run), the sizes in turn, ``--runs`` times each.
Prints per size: sentences, wall seconds, CPU seconds of the process (user + system, all threads),
peak resident memory, findings, NLI pairs, the report's stage seconds, and each against 1x. Medians
over the runs (each run goes through the sizes in turn). The load average is printed before and after.
``--threads N``: the model runtime's threads (OMP_NUM_THREADS, OPENBLAS_NUM_THREADS; the default is one
per core): with one, CPU seconds move least with other load (a waiting thread spins). ``--code DIR``:
another checkout's factcheck (e.g. a `git worktree` of an older commit). ``--keep DIR``: write the versions
there.
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scaling import corpus, story

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data" / "summedits" / "summedits_news_dev.json"


def run(folder: Path, code: Path | None, threads: int | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        if code is not None:
            env["PYTHONPATH"] = str(code)
        if threads:
            env.update({k: str(threads) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")})
        cmd = [sys.executable, "-m", "factcheck", "check", str(folder), "--no-cache", "--format", "json",
               "--output", str(out), "--quiet", "--exit-zero"]
        start = time.perf_counter()
        child = subprocess.Popen(cmd, env=env, cwd=tmp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"factcheck failed: {child.stderr.read().decode() if child.stderr else ''}")
        report = json.loads(out.read_text("utf-8"))
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak_mib": usage.ru_maxrss / 1024,
            "findings": len(report["findings"]), "sentences": report["stats"]["sentences"],
            "nli_pairs": report["stats"]["nli_pairs"], "stages": report["stats"]["seconds"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--unit", type=int, default=850)
    parser.add_argument("--sizes", default="1,2,4,8")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--code", type=Path, default=None)
    parser.add_argument("--keep", type=Path, default=None)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    sentences = corpus(DATA)
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} CPUs; "
          f"1x = {args.unit} sentences", flush=True)
    rows: dict[int, list[dict[str, object]]] = {s: [] for s in sizes}
    with tempfile.TemporaryDirectory() as tmp:
        folders = {}
        for size in sizes:
            a, b = story(sentences, size * args.unit // 30)
            folder = (args.keep.resolve() if args.keep else Path(tmp)) / f"x{size}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "a.txt").write_text(a, "utf-8")
            (folder / "b.txt").write_text(b, "utf-8")
            folders[size] = folder
            print(f"{size}x: {len(a.encode()) / 1e6:.2f} MB and {len(b.encode()) / 1e6:.2f} MB", flush=True)
        for n in range(args.runs):
            for size in sizes:
                r = run(folders[size], args.code, args.threads)
                rows[size].append(r)
                stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())  # type: ignore[attr-defined]
                print(f"run {n + 1}, {size}x: wall {r['wall']:.1f} s, CPU {r['cpu']:.1f} s, "
                      f"peak {r['peak_mib']:.0f} MiB, {r['findings']} findings; stages {stages}", flush=True)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    def med(size: int, key: str) -> float:
        return statistics.median(float(r[key]) for r in rows[size])  # type: ignore[arg-type]

    base = sizes[0]
    print(f"\n| size | sentences | wall s | CPU s | CPU vs {base}x | peak MiB | findings | NLI pairs | segment | embed "
          "| align | judge | nli | checks |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        last = rows[size][-1]
        st = last["stages"]
        assert isinstance(st, dict)
        print(f"| {size}x | {last['sentences']} | {med(size, 'wall'):.1f} | {med(size, 'cpu'):.1f} | "
              f"{med(size, 'cpu') / med(base, 'cpu'):.2f} | {med(size, 'peak_mib'):.0f} | {last['findings']} | "
              f"{last['nli_pairs']} | " + " | ".join(f"{st.get(k, 0):.1f}" for k in
                                                    ("segment", "embed", "align", "judge", "nli", "checks")) + " |")


if __name__ == "__main__":
    main()
