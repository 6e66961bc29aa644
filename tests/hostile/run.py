"""Run the CLI on hostile input in a child process and measure it: exit code, stdout, stderr, wall
time and peak memory (``ru_maxrss`` from ``os.wait4``'s resource usage).

Linux carries a process's ``ru_maxrss`` across fork and exec, so a child started by a large pytest
process would report pytest's size. The child is therefore a small launcher that forks the run
itself and reports the ``ru_maxrss`` of that grandchild, whose count starts afresh.

The child uses two stand-in models (a hashing embedder, an NLI that always says entailment), so a
run that gets past the input measures factcheck, not torch. Bounds: 10 s and 1 GB, as issue 18 asks.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent
MAX_SECONDS = 10.0
MAX_MB = 1024.0

_CHILD = """
import hashlib, re, sys
from factcheck.models import loaded

class Embedder:
    def encode(self, texts):
        import numpy as np
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"[a-z0-9]+", t.lower()):
                out[i, int(hashlib.md5(w.encode()).hexdigest(), 16) % 64] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

class NLI:
    def predict(self, pairs, progress=None):
        from factcheck.models.nli import NLIScores
        return [NLIScores(0.9, 0.05, 0.05) for _ in pairs]

if sys.argv[2] == "fake":  # argv: -c, this code, fake|real, the peak file, the arguments
    loaded.load_models = lambda config, progress=None: loaded.Models(Embedder(), NLI(), [])
from factcheck.cli import run
sys.argv = ["factcheck", *sys.argv[4:]]
run()
"""
_LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    exec(sys.argv[1])
else:
    _, status, usage = os.wait4(pid, 0)
    with open(sys.argv[3], "w") as peak:
        peak.write(str(usage.ru_maxrss))
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float

    def one_line_error(self, code: str, needle: str) -> None:
        """Exit 2 with exactly one line on stderr that holds the error code and ``needle``."""
        lines = self.stderr.strip().splitlines()
        assert self.code == 2, (self.code, self.stderr[-2000:])
        assert len(lines) == 1 and code in lines[0] and needle in lines[0], lines[:3]
        assert "Traceback" not in self.stderr and "internal error" not in self.stderr

    def bounded(self) -> None:
        assert self.seconds < MAX_SECONDS, f"took {self.seconds:.1f} s"
        assert self.peak_mb < MAX_MB, f"peak memory {self.peak_mb:.0f} MB"


def run_cli(args: list[str], cwd: Path, fake_models: bool = True, stdout: IO[bytes] | int | None = None,
            timeout: float = 60.0, shell_suffix: str = "") -> Run:
    """``factcheck ARGS`` in ``cwd``. ``stdout``: where the child writes (default: captured);
    ``shell_suffix``: run through ``sh -c 'exec python ... <suffix>'`` (e.g. ``>&-`` to close stdout)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
           "FACTCHECK_CACHE_DIR": str(cwd / ".factcheck-cache"), "COLUMNS": "120"}
    handle, name = tempfile.mkstemp(prefix="factcheck-peak-")
    os.close(handle)
    peak_file = Path(name)
    command = [sys.executable, "-c", _LAUNCHER, _CHILD, "fake" if fake_models else "real", str(peak_file), *args]
    if shell_suffix:
        import shlex

        command = ["sh", "-c", f"exec {shlex.join(command)} {shell_suffix}"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, start_new_session=True,
                                 stdout=out if stdout is None else stdout, stderr=err)
        while True:
            pid, status = os.waitpid(child.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                os.killpg(child.pid, signal.SIGKILL)  # the launcher and the run it forked
                pid, status = os.waitpid(child.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # already reaped: Popen must not wait again
        out.seek(0)
        err.seek(0)
        peak = peak_file.read_text().strip()
        peak_file.unlink()
        run = Run(child.returncode, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                  seconds, int(peak) / 1024 if peak else float("inf"))
    if os.environ.get("FACTCHECK_HOSTILE_LOG"):  # for the figures in the report: one JSON line per run
        with open(os.environ["FACTCHECK_HOSTILE_LOG"], "a", encoding="utf-8") as log:
            log.write(json.dumps({"test": os.environ.get("PYTEST_CURRENT_TEST", ""), "code": run.code,
                                  "seconds": round(seconds, 2), "peak_mb": round(run.peak_mb)}) + "\n")
    return run
