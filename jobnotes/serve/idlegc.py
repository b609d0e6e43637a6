"""Keep `jobnotes serve`'s loaded vault out of Python's full collections, and still free
what a rebuild replaced.

A served vault of 10,000 notes is some 700,000 objects the collector tracks. Left to its
defaults, Python now and then walks all of them (a full collection, about half a second)
in the middle of whatever runs: often a page the browser is waiting for. So:

- at the end of each rebuild, everything alive is frozen (``gc.freeze``: no walk, no
  cost), so the page renders and the next rebuild never walk the loaded state;
- a state a rebuild replaced is ``retire``d: kept until serve is idle, so that taking
  it apart is not paid for by the page a browser waits for after the save;
- once serve has been idle for ``delay`` seconds after a rebuild (no rebuild, no page
  asked for), the retired states are let go, everything is collected once and what
  survives is frozen again: so a replaced state is freed then, reference cycles included.
  ``max_wait`` bounds how long that waits while saves keep coming;
- ``stop`` gives everything back to the collector.

The collection takes the session's lock, so it never runs in the middle of a rebuild or
of a page render.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from contextlib import AbstractContextManager

from jobnotes import gcpolicy

IDLE_SECONDS = 1.0
MAX_WAIT_SECONDS = 30.0


class IdleCollector:
    """Freezes after each rebuild, collects once serve is idle (see the module's notes)."""

    def __init__(self, lock: AbstractContextManager[object], *, delay: float = IDLE_SECONDS,
                 max_wait: float = MAX_WAIT_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._lock = lock              # the serve session's lock
        self._delay = delay
        self._max_wait = max_wait
        self._clock = clock
        self._cond = threading.Condition()
        self._running = False
        self._stopped = False
        self._armed_at: float | None = None     # the first rebuild not yet collected
        self._last = 0.0                        # the last rebuild or page asked for
        self._retired: list[object] = []
        self.collections = 0
        self.seconds: deque[float] = deque(maxlen=100)  # how long the last ones took
        self._thread = threading.Thread(target=self._run, name="jobnotes-gc", daemon=True)

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> IdleCollector:
        """Start keeping what exists now (the state the first rebuild loaded, frozen at
        once) and collecting when idle. Started after that rebuild: a second thread
        would keep it from reading the notes in two processes."""
        with self._cond:
            if self._running or self._stopped:
                return self
            self._running = True
            gcpolicy.keep()
            gcpolicy.freeze_kept()
            self._last = self._armed_at = self._clock()
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stop collecting and give everything back to the collector."""
        with self._cond:
            if self._stopped:
                return
            self._stopped = True
            self._retired.clear()
            if self._running:
                self._running = False
                gcpolicy.release()
            self._cond.notify_all()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def rebuilt(self) -> None:
        """A new state was published (called at the end of a rebuild, under the lock)."""
        with self._cond:
            if not self._running:
                return
            gcpolicy.freeze_kept()
            self._last = self._clock()
            if self._armed_at is None:
                self._armed_at = self._last
            self._cond.notify_all()

    def retire(self, state: object) -> None:
        """Keep what a rebuild replaced until the next collection (let go at once when
        not running)."""
        with self._cond:
            if self._running:
                self._retired.append(state)

    def touched(self) -> None:
        """A page was asked for: wait for a quiet moment again."""
        self._last = self._clock()

    def collect(self) -> bool:
        """Collect everything and freeze what survives, now (under the lock). False when
        stopped or never started."""
        with self._lock, self._cond:
            if not self._running:
                return False
            self._armed_at = None
            started = time.perf_counter()
            self._retired.clear()
            gcpolicy.collect_kept()
            self.seconds.append(time.perf_counter() - started)
            self.collections += 1
            self._cond.notify_all()
            return True

    def wait_collections(self, count: int, timeout: float = 30.0) -> bool:
        """Wait until ``count`` collections have run in all (for tests and benchmarks)."""
        with self._cond:
            return self._cond.wait_for(lambda: self.collections >= count, timeout)

    def _due_in(self) -> float | None:
        """Seconds until the next collection is due; None: none is armed."""
        if self._armed_at is None:
            return None
        now = self._clock()
        return min(self._last + self._delay - now, self._armed_at + self._max_wait - now)

    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    if not self._running:
                        return
                    wait = self._due_in()
                    if wait is not None and wait <= 0:
                        break
                    self._cond.wait(wait)
            with self._lock, self._cond:
                # A page or a rebuild may have run while this waited for the lock.
                wait = self._due_in()
                if self._running and wait is not None and wait <= 0:
                    self.collect()
