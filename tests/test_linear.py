"""A long story costs in proportion to its length (issue 32, item 3), read as work, not as time: the
Python calls a whole check makes (stub models, fresh processes) at 1x, 2x and 4x of a long version,
counted after what a process loads once. A step that compares every sentence (or finding) with every
other makes the second doubling cost about four times the first; linear work makes it cost twice."""

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

# what a process loads once (the judge, its lexicon, the tables, compiled patterns) is loaded before
# counting: a table first read at one size and not at another is no work of the length
from factcheck.judge.model import shipped_model
from factcheck.text.lexicon import lexicon
shipped_model(), lexicon()
warm = paragraphs[-18:]   # text the counted run does not have (it takes the first paragraphs)
check_versions({"a.txt": "\n\n".join(warm), "b.txt": "\n\n".join(warm[::-1])}, models=models, allow_unrelated=True)
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
    # 110, 220 and 440 paragraphs of the golden cases' text (458 distinct ones): every size is text that
    # does not repeat itself, so what grows is the length, not the errors a repeated text repeats (at 800
    # paragraphs, half of them repeated, the findings grew 96 -> 379 for twice the text)
    small, middle, large = (_work(n) for n in (110, 220, 440))
    assert large["sentences"] > 3.5 * small["sentences"]
    first, second = middle["calls"] - small["calls"], large["calls"] - middle["calls"]
    # measured: about 1.2 (269k then 315k calls); comparing every sentence with every other makes it about 4
    assert second < 2.5 * first, (small, middle, large)
