"""A dictionary of remembered results with a bound, for memos that can also be filled from
the cache (``functools.lru_cache`` cannot be told a result it did not compute)."""

from __future__ import annotations

from typing import Any


class Memo(dict):  # type: ignore[type-arg]
    """Values remembered by key; the oldest half is let go when it is full."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def keep(self, key: Any, value: Any) -> None:
        if len(self) >= self.size:
            for old in list(self)[:self.size // 2]:
                self.pop(old, None)
        self[key] = value
