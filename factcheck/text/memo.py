"""A memo for the readers of one text that the checks ask about sentences and about whole versions alike.

A check asks about a sentence and, for the same sentence, about the whole other version ("is this
name anywhere in v2?"). With one LRU cache for both, the thousands of sentences of a long page push
the whole version out again and again, and each lookup reads the whole version anew. ``text_cache``
keeps texts longer than ``LONG`` characters in a cache of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, update_wrapper
from typing import Generic, TypeVar

T = TypeVar("T")
LONG = 2000  # characters: longer than any sentence a version is split into, shorter than most versions
LONG_ENTRIES = 64


class _TextCache(Generic[T]):
    def __init__(self, fn: Callable[[str], T], maxsize: int) -> None:
        self._short = lru_cache(maxsize=maxsize)(fn)
        self._long = lru_cache(maxsize=LONG_ENTRIES)(fn)
        update_wrapper(self, fn)

    def __call__(self, text: str) -> T:
        return (self._long if len(text) > LONG else self._short)(text)

    def cache_clear(self) -> None:
        self._short.cache_clear()
        self._long.cache_clear()


def text_cache(maxsize: int) -> Callable[[Callable[[str], T]], Callable[[str], T]]:
    """``functools.lru_cache(maxsize)`` for a function of one text, long texts kept apart (``LONG_ENTRIES``)."""

    def wrap(fn: Callable[[str], T]) -> Callable[[str], T]:
        return _TextCache(fn, maxsize)

    return wrap
