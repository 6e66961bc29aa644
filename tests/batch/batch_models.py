"""Models and a small archive for the batch tests. Worker processes do not inherit a test's monkeypatching,
so the batch chooses its models by dotted path (``tests.batch.batch_models:fake_models``) in each worker."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

CRASH = "KILL-THE-WORKER"


def fake_models() -> Any:
    from factcheck.models.loaded import Models
    from tests.conftest import FixedNLI, HashingEmbedder

    return Models(HashingEmbedder(), FixedNLI(), [{"role": "test", "name": "fake"}])


class _CrashingEmbedder:
    """The hashing embedder, except that a text holding CRASH kills the whole process (as a segfault
    or the kernel's out-of-memory killer would)."""

    def __init__(self) -> None:
        from tests.conftest import HashingEmbedder

        self.inner = HashingEmbedder()

    def encode(self, texts: Sequence[str]) -> Any:
        if any(CRASH in t for t in texts):
            os._exit(70)
        return self.inner.encode(texts)


def crashing_models() -> Any:
    from factcheck.models.loaded import Models
    from tests.conftest import FixedNLI

    return Models(_CrashingEmbedder(), FixedNLI(), [{"role": "test", "name": "fake"}])


class _SlowEmbedder:
    """The hashing embedder, taking ``$FACTCHECK_TEST_SLOW`` seconds a call, so that a test can kill a worker
    while it checks a story."""

    def __init__(self) -> None:
        from tests.conftest import HashingEmbedder

        self.inner = HashingEmbedder()
        self.seconds = float(os.environ.get("FACTCHECK_TEST_SLOW", "0"))

    def encode(self, texts: Sequence[str]) -> Any:
        import time

        time.sleep(self.seconds)
        return self.inner.encode(texts)


def slow_models() -> Any:
    """Slow fake models; each worker that loads them appends its process id to ``$FACTCHECK_TEST_PIDS``, then
    takes ``$FACTCHECK_TEST_LOAD_SLOW`` seconds to load them (a test can stop a batch while its models load)."""
    import time

    from factcheck.models.loaded import Models
    from tests.conftest import FixedNLI

    if os.environ.get("FACTCHECK_TEST_PIDS"):
        with open(os.environ["FACTCHECK_TEST_PIDS"], "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
    time.sleep(float(os.environ.get("FACTCHECK_TEST_LOAD_SLOW", "0")))
    return Models(_SlowEmbedder(), FixedNLI(), [{"role": "test", "name": "fake"}])


def unstartable_models() -> Any:
    """Models a worker cannot load at all (as on a node without factcheck's models): its start fails."""
    raise RuntimeError("no models on this node (test)")


FIRE = ("Firefighters were called to the harbour warehouse at 6 a.m. on Tuesday.\n\n"
        "The mayor said {n} people were hurt in the fire.\n\n"
        "Investigators from the city's fire department are looking into the cause.\n\n"
        "The warehouse had been empty since March, officials said.")
SCHOOL = ("The school board voted on Monday to keep the library open on weekends.\n\n"
          "Board chair Ana Ruiz said the vote was {how}.\n\n"
          "The library will open at 9 a.m. on Saturdays from next month.")
BIRD = ("Hikers spotted a rare grey owl in the northern hills on Sunday.\n\n"
        "The last sighting of the species there was recorded twenty years ago.\n\n"
        "Rangers asked visitors to keep to the marked trails.")
TRAIN = ("The night train to the coast will stop running in June, the rail company announced.\n\n"
         "Passengers complained about ticket prices that doubled within two years.\n\n"
         "A bus service will replace the route over the summer.")


def archive_rows(crash: bool = False) -> list[dict[str, Any]]:
    """Stories of every kind a batch meets, rows interleaved and out of version order:
    alpha (a changed number: FC220), bravo (clean), charlie (one version: FCE107), delta (a version given
    twice: FCE135), echo (an empty version: FCE102), foxtrot (a different story: FCE125), golf (four
    versions: over --max-versions 3, FCE116), hotel (a version over --max-bytes 2000: FCE103), india
    (versions 10, 2 and 1, to be ordered as numbers); with ``crash``, kilo kills its worker (FCE138)."""
    rows = [
        ("alpha", 2, FIRE.format(n=12)), ("bravo", "2021-03-01T10:00:00Z", SCHOOL.format(how="unanimous")),
        ("alpha", 1, FIRE.format(n=10)), ("charlie", 1, BIRD),
        ("bravo", "2021-03-01T09:30:00Z", SCHOOL.format(how="unanimous")),
        ("delta", 1, TRAIN), ("delta", 1, TRAIN.replace("June", "July")),
        ("echo", 1, TRAIN), ("echo", 2, "   "),
        ("foxtrot", 1, TRAIN), ("foxtrot", 2, BIRD),
        *[("golf", v, SCHOOL.format(how=f"close ({v})")) for v in range(4)],
        ("hotel", 1, FIRE.format(n=3)), ("hotel", 2, FIRE.format(n=3) + "\n\n" + "More to come. " * 200),
        ("india", 10, FIRE.format(n=5)), ("india", 2, FIRE.format(n=4)), ("india", 1, FIRE.format(n=4)),
        ("alpha", 3, FIRE.format(n=12) + "\n\nThe fire was put out by 9 a.m."),
    ]
    if crash:
        rows += [("kilo", 1, TRAIN), ("kilo", 2, TRAIN + f"\n\n{CRASH} now.")]
    return [{"story_id": s, "version": v, "text": t, "source": "test"} for s, v, t in rows]


EXPECTED = {"alpha": "checked", "bravo": "checked", "charlie": "FCE107", "delta": "FCE135", "echo": "FCE102",
            "foxtrot": "FCE125", "golf": "FCE116", "hotel": "FCE103", "india": "checked", "kilo": "FCE138"}


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def write_folders(root: Path, rows: list[dict[str, Any]]) -> Path:
    """The archive as a folder of story folders, one file per version (a repeated version gets a suffix)."""
    for r in rows:
        folder = root / r["story_id"]
        folder.mkdir(parents=True, exist_ok=True)
        name = f"v{r['version']}".replace(":", "-")
        while (folder / f"{name}.txt").exists():
            name += "-again"
        (folder / f"{name}.txt").write_text(r["text"], encoding="utf-8")
    return root


class _BrokenEmbedder:
    def encode(self, texts: Sequence[str]) -> Any:
        from factcheck.errors import ModelError

        raise ModelError("the embedder cannot be loaded (test)", "reinstall it", "FCE305")


def broken_models() -> Any:
    from factcheck.models.loaded import Models
    from tests.conftest import FixedNLI

    return Models(_BrokenEmbedder(), FixedNLI(), [{"role": "test", "name": "broken"}])
