"""An on-disk cache of embeddings, NLI scores and the edit judge's verdicts, keyed by the model and
the exact text.

One sqlite file (WAL mode, a busy timeout), so concurrent CI jobs can share it: a file another run
holds locked is waited for and never taken for a corrupt one. A corrupt or unreadable cache file is
moved aside and rebuilt; if that fails too, the run goes on without a cache. Nothing here raises to the caller.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import platformdirs

FILE_NAME = "factcheck-cache-v1.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS embeddings (model TEXT, key TEXT, vec BLOB, PRIMARY KEY (model, key));
CREATE TABLE IF NOT EXISTS nli (model TEXT, key TEXT, e REAL, n REAL, c REAL, PRIMARY KEY (model, key));
CREATE TABLE IF NOT EXISTS judged (model TEXT, key TEXT, verdict TEXT, PRIMARY KEY (model, key));
CREATE TABLE IF NOT EXISTS memo (key TEXT PRIMARY KEY, value TEXT);
"""


def default_cache_dir() -> Path:
    """The cache folder when ``--cache-dir`` is not given: ``$FACTCHECK_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/factcheck`` (on every platform), else the platform's own cache folder for factcheck
    (``platformdirs``: ``~/.cache/factcheck`` on Linux, ``~/Library/Caches/factcheck`` on macOS,
    ``%LOCALAPPDATA%\\factcheck\\Cache`` on Windows). An empty variable counts as unset."""
    if os.environ.get("FACTCHECK_CACHE_DIR"):
        return Path(os.environ["FACTCHECK_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "factcheck"
    return Path(platformdirs.user_cache_dir("factcheck", appauthor=False))


def text_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

_OPEN_TRIES = 8  # about 13 s of waiting in all, beside sqlite's own busy timeout


def _busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class ResultCache:
    def __init__(self, folder: str | Path | None = None) -> None:
        self.path = Path(folder or default_cache_dir()) / FILE_NAME
        self.db: sqlite3.Connection | None = None
        self.problem: str | None = None
        self._open()

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(_SCHEMA)
        db.execute("SELECT count(*) FROM embeddings LIMIT 1").fetchone()
        return db

    def _open(self) -> None:
        try:
            self.db = self._connect_when_free()
            return
        except sqlite3.OperationalError as exc:  # still busy, or not openable: never moved aside
            self.problem = f"cache {self.path} cannot be used now ({exc}); running without it"
            return
        except sqlite3.DatabaseError as exc:  # corrupt: move it aside and start again
            self.problem = f"cache {self.path} was unreadable ({exc}); rebuilt"
            with contextlib.suppress(OSError):
                self.path.replace(self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}"))
        except OSError as exc:
            self.problem = f"cache {self.path} cannot be used ({exc.strerror or exc}); running without it"
            return
        try:
            self.db = self._connect()
        except (sqlite3.Error, OSError) as exc:
            self.problem = f"cache {self.path} cannot be used ({exc}); running without it"
            self.db = None

    def _connect_when_free(self) -> sqlite3.Connection:
        """``_connect``, waiting for another run's lock: a database that is busy (another process is
        opening, checkpointing or writing it) is not a corrupt one, and is never moved aside."""
        for attempt in range(_OPEN_TRIES - 1):
            try:
                return self._connect()
            except sqlite3.OperationalError as exc:
                if not _busy(exc):
                    raise
                time.sleep(0.05 * 2 ** attempt)
        return self._connect()

    def _query(self, sql: str, args: Sequence[object]) -> list[tuple[object, ...]]:
        if self.db is None:
            return []
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            self.problem, self.db = f"cache read failed ({exc}); running without it", None
            return []

    def _write(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        if self.db is None:
            return
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                self.db.executemany(sql, rows)
        except sqlite3.Error as exc:
            self.problem = f"cache write failed ({exc}); results not kept"

    def get_embeddings(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for chunk in range(0, len(keys), 500):
            part = list(keys[chunk:chunk + 500])
            rows = self._query(f"SELECT key, vec FROM embeddings WHERE model = ? AND key IN "
                               f"({','.join('?' * len(part))})", [model, *part])
            for key, blob in rows:  # a row that is not a whole float32 vector counts as missing
                if isinstance(key, str) and isinstance(blob, bytes) and blob and len(blob) % 4 == 0:
                    out[key] = np.frombuffer(blob, dtype=np.float32)
        return out

    def put_embeddings(self, model: str, items: dict[str, np.ndarray]) -> None:
        self._write("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
                    [(model, k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()])

    def get_nli(self, model: str, keys: Sequence[str]) -> dict[str, tuple[float, float, float]]:
        out: dict[str, tuple[float, float, float]] = {}
        for chunk in range(0, len(keys), 500):
            part = list(keys[chunk:chunk + 500])
            rows = self._query(f"SELECT key, e, n, c FROM nli WHERE model = ? AND key IN "
                               f"({','.join('?' * len(part))})", [model, *part])
            for key, e, n, c in rows:  # a row that does not hold three numbers counts as missing
                if isinstance(key, str) and all(isinstance(x, float | int) for x in (e, n, c)):
                    out[key] = (float(e), float(n), float(c))  # type: ignore[arg-type]
        return out

    def put_nli(self, model: str, items: dict[str, tuple[float, float, float]]) -> None:
        self._write("INSERT OR REPLACE INTO nli VALUES (?, ?, ?, ?, ?)",
                    [(model, k, *v) for k, v in items.items()])

    def get_judged(self, model: str, keys: Sequence[str]) -> dict[str, dict[str, object]]:
        """The edit judge's verdicts (as their JSON objects) kept for these keys."""
        import json

        out: dict[str, dict[str, object]] = {}
        for chunk in range(0, len(keys), 500):
            part = list(keys[chunk:chunk + 500])
            rows = self._query(f"SELECT key, verdict FROM judged WHERE model = ? AND key IN "
                               f"({','.join('?' * len(part))})", [model, *part])
            for key, text in rows:  # a row that is not a JSON object counts as missing
                try:
                    value = json.loads(text) if isinstance(text, str) else None
                except ValueError:
                    value = None
                if isinstance(key, str) and isinstance(value, dict):
                    out[key] = value
        return out

    def put_judged(self, model: str, items: dict[str, dict[str, object]]) -> None:
        import json

        self._write("INSERT OR REPLACE INTO judged VALUES (?, ?, ?)",
                    [(model, k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()])

    def get_memo(self, key: str) -> str | None:
        """A value a run worked out and kept (``put_memo``), such as a digest of the installed code."""
        rows = self._query("SELECT value FROM memo WHERE key = ?", [key])
        return rows[0][0] if rows and isinstance(rows[0][0], str) else None

    def put_memo(self, key: str, value: str) -> None:
        self._write("INSERT OR REPLACE INTO memo VALUES (?, ?)", [(key, value)])

    def kept(self, namespace: str) -> Kept:
        """Values kept by the hash of a text under ``namespace`` (e.g. the sentence spans of a paragraph,
        for a splitter's version), read one by one and written together by ``Kept.save``."""
        return Kept(self, namespace)

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


class Kept:
    """``ResultCache.kept``: ``get`` and ``put`` a value by text, ``save`` what was put."""

    def __init__(self, cache: ResultCache, namespace: str) -> None:
        self.cache, self.namespace = cache, namespace
        self.new: dict[str, str] = {}

    def _key(self, text: str) -> str:
        return f"{self.namespace}:{text_key(text)}"

    def get(self, text: str) -> str | None:
        return self.new.get(self._key(text)) or self.cache.get_memo(self._key(text))

    def put(self, text: str, value: str) -> None:
        self.new[self._key(text)] = value

    def save(self) -> None:
        if self.new:
            self.cache._write("INSERT OR REPLACE INTO memo VALUES (?, ?)", list(self.new.items()))
            self.new = {}
