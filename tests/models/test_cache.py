"""The result cache: a second run loads no model; corrupt files are rebuilt; concurrent writers are safe."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from factcheck import check_versions
from factcheck.models import loaded
from factcheck.models.cache import FILE_NAME, ResultCache
from factcheck.models.config import load_models_config
from tests.conftest import KERRY, FixedNLI, HashingEmbedder

A = "The minister said 150 refugees would come.\n\nThe talks were long and hard."
B = "The minister said 999 refugees would come.\n\nThe talks were long."


@pytest.fixture
def counted_loads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    loads: list[int] = []

    def fake_load(config, progress=None):  # type: ignore[no-untyped-def]
        loads.append(1)
        return loaded.Models(HashingEmbedder(), FixedNLI(lambda a, b: (0.2, 0.7, 0.1)), [])

    monkeypatch.setattr(loaded, "load_models", fake_load)
    return loads


def test_second_run_loads_no_model_and_reports_the_same(tmp_path: Path, counted_loads: list[int]) -> None:
    config = load_models_config(None)
    first = check_versions({"a": A, "b": B}, models=config, cache=ResultCache(tmp_path))
    assert counted_loads == [1] and first.stats["cache"]["inference"] is True
    again = check_versions({"a": A, "b": B}, models=config, cache=ResultCache(tmp_path))
    assert counted_loads == [1], "the second run loaded a model"
    assert again.stats["cache"]["inference"] is False
    assert again.stats["cache"]["nli"] == {"from_cache": first.stats["nli_pairs"], "computed": 0}
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in first.findings]
    edited = check_versions({"a": A, "b": B.replace("999", "998")}, models=config, cache=ResultCache(tmp_path))
    assert counted_loads == [1, 1] and 0 < edited.stats["cache"]["embeddings"]["computed"] <= 2


def test_corrupt_cache_is_rebuilt(tmp_path: Path, counted_loads: list[int]) -> None:
    (tmp_path / FILE_NAME).write_bytes(b"this is not a database" * 100)
    cache = ResultCache(tmp_path)
    assert cache.db is not None and cache.problem and "rebuilt" in cache.problem
    report = check_versions({"a": A, "b": B}, models=load_models_config(None), cache=cache)
    assert "rebuilt" in report.stats["cache"]["problem"]
    assert list(tmp_path.glob(f"{FILE_NAME}.corrupt-*"))


def test_unwritable_cache_folder_runs_without_cache(tmp_path: Path, counted_loads: list[int]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ResultCache(blocker / "sub")  # a folder under a file cannot exist
    assert cache.db is None and "without it" in (cache.problem or "")
    assert check_versions({"a": A, "b": B}, models=load_models_config(None), cache=cache).findings


def test_concurrent_writers(tmp_path: Path) -> None:
    def work(n: int) -> None:
        c = ResultCache(tmp_path)
        for i in range(20):
            c.put_embeddings("m", {f"{n}-{i}-{j}": np.full(4, n, dtype=np.float32) for j in range(10)})
        c.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    keys = [f"{n}-{i}-{j}" for n in range(4) for i in range(20) for j in range(10)]
    got = ResultCache(tmp_path).get_embeddings("m", keys)
    assert len(got) == 800 and all(got[k][0] == int(k.split("-")[0]) for k in keys)


@pytest.mark.model
def test_warm_cli_run_imports_no_model_library(tmp_path: Path) -> None:
    """A second run over the same text loads no model and does not even import the edit judge."""
    args = ["check", "-q", str(KERRY), "-f", "json", "--cache-dir", str(tmp_path)]
    code = ("import sys, json; from typer.testing import CliRunner; from factcheck.cli import app; "
            f"r = CliRunner().invoke(app, {args!r}); "
            "heavy = [m for m in ('torch', 'transformers', 'sentence_transformers', 'factcheck.judge.decide') "
            "if m in sys.modules]; "
            "print(json.dumps({'exit': r.exit_code, 'heavy': heavy, 'cache': json.loads(r.stdout)['stats']['cache']}))")
    runs = [json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                      check=True).stdout.strip().splitlines()[-1]) for _ in range(2)]
    assert runs[0]["exit"] == runs[1]["exit"] == 1
    assert runs[0]["cache"]["inference"] is True and runs[0]["heavy"]
    assert runs[1]["cache"]["inference"] is False and runs[1]["heavy"] == []


def test_busy_cache_is_waited_for_and_never_moved_aside(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # another run holding the file (opening, checkpointing or writing it) makes sqlite say "locked":
    # that cache is not corrupt, and moving it aside would lose every other run's results
    ResultCache(tmp_path).put_embeddings("m", {"k": np.ones(4, dtype=np.float32)})
    real, calls = ResultCache._connect, []

    def busy_twice(self: ResultCache) -> sqlite3.Connection:
        calls.append(1)
        if len(calls) <= 2:
            raise sqlite3.OperationalError("database is locked")
        return real(self)

    monkeypatch.setattr(ResultCache, "_connect", busy_twice)
    cache = ResultCache(tmp_path)
    assert cache.problem is None and len(calls) == 3
    assert "k" in cache.get_embeddings("m", ["k"])
    assert not list(tmp_path.glob(f"{FILE_NAME}.corrupt-*"))


def test_cache_busy_for_good_runs_without_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ResultCache(tmp_path).put_embeddings("m", {"k": np.ones(4, dtype=np.float32)})

    def always_busy(self: ResultCache) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(ResultCache, "_connect", always_busy)
    monkeypatch.setattr("factcheck.models.cache.time.sleep", lambda s: None)
    cache = ResultCache(tmp_path)
    assert cache.problem is not None and "running without it" in cache.problem
    assert cache.get_embeddings("m", ["k"]) == {}
    assert not list(tmp_path.glob(f"{FILE_NAME}.corrupt-*"))
    monkeypatch.undo()
    assert "k" in ResultCache(tmp_path).get_embeddings("m", ["k"])


def test_cache_folder_precedence_option_then_variables_then_the_platforms_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--cache-dir, else $FACTCHECK_CACHE_DIR, else $XDG_CACHE_HOME/factcheck (everywhere), else the folder
    platformdirs names for the platform (here made to answer as macOS would)."""
    import platformdirs

    from factcheck.models import cache as cache_module

    asked: list[tuple[str, object]] = []

    def mac_cache_dir(appname: str, appauthor: object = None, *args: object, **kw: object) -> str:
        asked.append((appname, appauthor))
        return str(tmp_path / "Library" / "Caches" / appname)

    monkeypatch.setattr(platformdirs, "user_cache_dir", mac_cache_dir)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "fc"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert ResultCache(tmp_path / "option").path == tmp_path / "option" / FILE_NAME   # the option beats both
    assert ResultCache().path == tmp_path / "fc" / FILE_NAME
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", "")                                       # empty: unset
    assert cache_module.default_cache_dir() == tmp_path / "xdg" / "factcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_module.default_cache_dir() == tmp_path / "Library" / "Caches" / "factcheck"
    assert asked == [("factcheck", False)]   # no vendor folder (…\factcheck\factcheck\Cache on Windows)
    monkeypatch.undo()
    monkeypatch.delenv("FACTCHECK_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    if sys.platform.startswith("linux"):   # the real platformdirs: the folder factcheck always used there
        assert cache_module.default_cache_dir() == tmp_path / "home" / ".cache" / "factcheck"


def test_a_warm_run_splits_no_paragraph_again(tmp_path: Path, counted_loads: list[int],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """The sentence spans of each paragraph are kept with the results: a re-run reads them, and gets the same
    sentences, without calling the splitter."""
    from factcheck.inputs import segment

    config = load_models_config(None)
    text = "Dr. Jane Smith of the U.S. Navy said 12 people were hurt. \"It was bad,\" she said.\n\nNo. 2 was next."
    first = check_versions({"a": A + "\n\n" + text, "b": B + "\n\n" + text}, models=config, cache=ResultCache(tmp_path))
    segment._sentence_starts.cache_clear()
    monkeypatch.setattr(segment, "_segmenter", lambda: pytest.fail("the splitter ran again"))
    again = check_versions({"a": A + "\n\n" + text, "b": B + "\n\n" + text}, models=config, cache=ResultCache(tmp_path))
    assert again.sentences == first.sentences
    with pytest.raises(pytest.fail.Exception, match="the splitter ran again"):   # a paragraph not kept is split
        check_versions({"a": A + "\n\n" + text + " More.", "b": B}, models=config, cache=ResultCache(tmp_path))
