"""`factcheck batch` speed: stories per minute against --workers, and Ray (local) against the pool.

Usage: python bench/batch_speed.py [STORIES] [CONFIG ...] [--rounds N]
  STORIES: how many stories the archive holds (default 24)
  CONFIG:  ENGINE:WORKERS, e.g. local:0 local:1 local:2 ray:1 ray:2 (the default: all five)
  --rounds N: run every configuration N times, each round in the other order, and print the medians

Builds one archive of real-size stories in a temporary folder (never in the repository): three versions
each, from the news articles in ../shared/data/summedits/summedits_news_dev.json, the real published
versions in ../shared/data/realnews/stories (v1, v2, and an edit of v2; the unrelated control pair is
left out) and the seeds (../shared/seeds, three real versions of one story). Edited versions change a
number, hedge or negate a claim, drop a sentence and add one, at places chosen by a seeded random
generator. Then each configuration runs `factcheck batch ARCHIVE.jsonl --no-cache -q` in a fresh
process, and the output file is watched to time each record. Prints per configuration: wall time,
time to the first record (starting the workers and loading the models), the steady rate (records
after the first, over the time after it), stories per minute over the whole run, the mean compute
seconds per story inside the workers (the report's stage seconds, model loading left out) and, for the
local engine, the CPU seconds of the batch and its workers per story (Ray's workers are not its children).
"""

from __future__ import annotations

import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text) if s.strip()]


def edit(text: str, rng: random.Random) -> str:
    """A later version: a number changed, a claim hedged or negated, a sentence dropped, one added."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    out = []
    for p in paras:
        sents = _sentences(p)
        new = []
        for s in sents:
            r = rng.random()
            if r < 0.06 and re.search(r"\b\d+\b", s):
                s = re.sub(r"\b(\d+)\b", lambda m: str(int(m.group(1)) + rng.randint(1, 9)), s, count=1)
            elif r < 0.10 and " said " in s:
                s = s.replace(" said ", " said it was possible that ", 1)
            elif r < 0.13 and re.search(r"\b(is|was|will)\b", s):
                s = re.sub(r"\b(is|was|will)\b", r"\1 not", s, count=1)
            elif r < 0.16:
                continue   # dropped
            new.append(s)
        if rng.random() < 0.08:
            new.append("Officials said more details would be released later in the week.")
        out.append(" ".join(new) or p)
    return "\n\n".join(out)


def bases() -> list[list[str]]:
    """Lists of real versions (one or more) to build stories on."""
    out: list[list[str]] = []
    news = json.loads((SHARED / "data" / "summedits" / "summedits_news_dev.json").read_text())
    out += [[doc] for doc in sorted({x["doc"] for x in news})]
    stories = SHARED / "data" / "realnews" / "stories"
    for folder in sorted(stories.iterdir()):
        if folder.name.startswith("control"):
            continue
        out.append([(folder / "v1.txt").read_text(), (folder / "v2.txt").read_text()])
    out.append([p.read_text() for p in sorted((SHARED / "seeds").glob("*.txt"))])
    return out


def build_archive(path: Path, stories: int) -> None:
    rng = random.Random(17)
    base = bases()
    rows = []
    for i in range(stories):
        versions = list(base[i % len(base)])
        while len(versions) < 3:
            versions.append(edit(versions[-1], rng))
        for v, text in enumerate(versions[:3], 1):
            rows.append({"story_id": f"story-{i:04d}", "version": v, "text": text})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def run(archive: Path, out: Path, engine: str, workers: int) -> dict[str, float]:
    cmd = [sys.executable, "-m", "factcheck", "batch", str(archive), "-o", str(out), "--engine", engine,
           "--workers", str(workers), "--no-cache", "-q", "--exit-zero"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    stamps: list[float] = []
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)   # the batch's CPU time, with its reaped workers'
        n = out.read_bytes().count(b"\n") if out.exists() else 0
        stamps += [time.perf_counter() - start] * (n - len(stamps))
        if pid:
            break
        time.sleep(0.1)
    wall = time.perf_counter() - start
    err = proc.stderr.read() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{engine}:{workers} failed: {err}")
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    stamps += [wall] * (len(recs) - len(stamps))
    compute = [sum(v for k, v in r["report"]["stats"]["seconds"].items() if k != "load_models")
               for r in recs if r["status"] == "checked"]
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 and stamps[-1] > stamps[0] else 0.0
    return {"stories": len(recs), "failed": sum(r["status"] == "failed" for r in recs), "wall": wall,
            "first": stamps[0], "steady_per_min": 60 * steady, "overall_per_min": 60 * len(recs) / wall,
            "compute_per_story": sum(compute) / max(1, len(compute)),
            "cpu_per_story": (usage.ru_utime + usage.ru_stime) / max(1, len(recs))}


def main() -> None:
    args = sys.argv[1:]
    rounds = 1
    if "--rounds" in args:
        at = args.index("--rounds")
        rounds = int(args[at + 1])
        del args[at:at + 2]
    stories = int(args.pop(0)) if args and args[0].isdigit() else 24
    configs = [(c.split(":")[0], int(c.split(":")[1])) for c in args] or \
        [("local", 0), ("local", 1), ("local", 2), ("ray", 1), ("ray", 2)]
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; CPUs: {os.cpu_count()}")
    results: dict[tuple[str, int], list[dict[str, float]]] = {c: [] for c in configs}
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "archive.jsonl"
        build_archive(archive, stories)
        words = sum(len(json.loads(line)["text"].split()) for line in archive.read_text().splitlines())
        print(f"archive: {stories} stories, 3 versions each, {words / stories / 3:.0f} words per version on average")
        print("| round | engine | workers | stories (failed) | wall | first record | steady stories/min "
              "| overall stories/min | compute s/story | CPU s/story (local) | load avg (1 min) after |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for n in range(rounds):   # each round in the other order, so that a change of load falls on all alike
            for engine, workers in (configs if n % 2 == 0 else configs[::-1]):
                r = run(archive, Path(tmp) / f"out-{engine}-{workers}-{n}.jsonl", engine, workers)
                results[(engine, workers)].append(r)
                cells = [str(n + 1), engine, str(workers), f"{r['stories']:.0f} ({r['failed']:.0f})",
                         f"{r['wall']:.1f} s", f"{r['first']:.1f} s", f"{r['steady_per_min']:.1f}",
                         f"{r['overall_per_min']:.1f}", f"{r['compute_per_story']:.2f}",
                         f"{r['cpu_per_story']:.2f}" if engine == "local" else "", f"{os.getloadavg()[0]:.2f}"]
                print("| " + " | ".join(cells) + " |", flush=True)
    if rounds > 1:
        print(f"\nmedians of {rounds} rounds:\n| engine | workers | steady stories/min | overall stories/min "
              "| CPU s/story (local) |\n|---|---|---|---|---|")
        for (engine, workers), rs in results.items():
            def med(key: str, rs: list[dict[str, float]] = rs) -> float:
                return statistics.median(r[key] for r in rs)
            cpu = f"{med('cpu_per_story'):.2f}" if engine == "local" else ""
            print(f"| {engine} | {workers} | {med('steady_per_min'):.1f} | {med('overall_per_min'):.1f} | {cpu} |")


if __name__ == "__main__":
    main()
