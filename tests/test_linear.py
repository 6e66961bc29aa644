"""A long story costs in proportion to its length (issue 32, item 3), read as work, not as time: the
Python calls a whole check makes (stub models, fresh processes) at 1x, 2x and 4x of a long version. A
step that compares every sentence (or finding) with every other makes the second doubling cost about
four times the first; linear work makes it cost twice."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO

SCRIPT = r'''
import json, re, sys
from pathlib import Path
from tests.conftest import FixedNLI, HashingEmbedder
from factcheck import check_versions
from factcheck.models.loaded import Models

paragraphs = []
for f in sorted(Path("tests/cases").glob("*/*.txt")):   # text written for the project
    for p in f.read_text("utf-8").split("\n\n"):
        p = " ".join(p.split())
        if len(p.split()) >= 6 and p not in paragraphs:
            paragraphs.append(p)

def version(n, edit):
    out = []
    for i in range(n):
        p = paragraphs[i % len(paragraphs)]
        if i >= len(paragraphs):
            p = f"In part {i // len(paragraphs) + 1}, " + p[0].lower() + p[1:]
        if edit and i % 11 == 5:
            continue
        if edit and i % 7 == 3:
            p = re.sub(r"\d+", lambda m: str(int(m.group()) + 1), p, count=1) if re.search(r"\d", p) else \
                p.rstrip(".") + ", officials said."
        out.append(p)
    return "\n\n".join(out)

n = int(sys.argv[1])
models = Models(HashingEmbedder(), FixedNLI(), [{"role": "test", "name": "stub"}])
calls = [0]

def count(frame, event, arg):
    if event == "call":
        calls[0] += 1

versions = {"a.txt": version(n, False), "b.txt": version(n, True)}
sys.setprofile(count)
report = check_versions(versions, models=models, allow_unrelated=True)
sys.setprofile(None)
print(json.dumps({"calls": calls[0], "sentences": report.stats["sentences"], "findings": len(report.findings)}))
'''


def _work(paragraphs: int) -> dict[str, int]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(paragraphs)], cwd=REPO, capture_output=True,
                          text=True, check=True, timeout=600)
    out: dict[str, int] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def test_the_work_of_a_check_grows_linearly_with_the_length_of_the_versions() -> None:
    small, middle, large = (_work(n) for n in (200, 400, 800))
    assert large["sentences"] > 3.5 * small["sentences"]
    first, second = middle["calls"] - small["calls"], large["calls"] - middle["calls"]
    # measured: 2.16 (findings grow 61 -> 115 -> 487 on this text, which repeats its own errors); the code
    # before issue 32 gave 3.41
    assert second < 2.5 * first, (small, middle, large)
