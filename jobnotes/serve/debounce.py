"""Debounce and coalesce changes: one build at a time, never a lost change.

Changes are collected until the vault has been quiet for ``quiet`` seconds (or
``max_wait`` has passed since the first one, so a steady stream of saves still
builds). Changes that arrive while a build runs are kept and produce exactly
one follow-up build.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T")


class Coalescer(Generic[T]):
    def __init__(self, build: Callable[[list[T]], None], *, quiet: float = 0.03,
                 max_wait: float = 0.5, clock: Callable[[], float] = time.monotonic,
                 on_error: Callable[[BaseException], None] | None = None) -> None:
        self._build = build
        self._on_error = on_error
        self._quiet = quiet
        self._max_wait = max_wait
        self._clock = clock
        self._pending: list[T] = []
        self._first_at: float | None = None
        self._last_at = 0.0
        self._cond = threading.Condition()
        self._stopped = False
        self._building = False
        self.builds = 0
        self._thread = threading.Thread(target=self._run, name="jobnotes-build", daemon=True)

    def start(self) -> Coalescer[T]:
        self._thread.start()
        return self

    def add(self, items: Iterable[T]) -> None:
        items = list(items)
        if not items:
            return
        with self._cond:
            now = self._clock()
            if self._first_at is None:
                self._first_at = now
            self._last_at = now
            for item in items:
                if item not in self._pending:
                    self._pending.append(item)
            self._cond.notify_all()

    def stop(self, timeout: float = 5.0) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def idle(self) -> bool:
        """True when nothing is pending and no build is running."""
        with self._cond:
            return not self._pending and not self._building

    def wait_idle(self, timeout: float = 10.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.idle():
                return True
            time.sleep(0.005)
        return self.idle()

    def _take_batch(self) -> list[T] | None:
        with self._cond:
            while True:
                if self._stopped:
                    return None
                if not self._pending:
                    self._cond.wait()
                    continue
                now = self._clock()
                assert self._first_at is not None
                quiet_left = self._last_at + self._quiet - now
                max_left = self._first_at + self._max_wait - now
                wait = min(quiet_left, max_left)
                if wait <= 0:
                    batch, self._pending = self._pending, []
                    self._first_at = None
                    self._building = True
                    return batch
                self._cond.wait(wait)

    def _run(self) -> None:
        while True:
            batch = self._take_batch()
            if batch is None:
                return
            try:
                self._build(batch)
            except Exception as exc:  # noqa: BLE001 - the watcher must outlive any build
                if self._on_error is not None:
                    self._on_error(exc)
            finally:
                with self._cond:
                    self._building = False
                    self.builds += 1
