"""Garbage collection for a run that reads a whole vault and keeps it until it ends.

A build makes millions of objects (every note, its positions, the figures, the pages'
contexts), and most of them live until the end. Python's collector, left to its
defaults, walks all of them again every time enough new objects pile up: about a
sixth of a build at 10,000 notes. While ``bulk_work`` is active it runs less often, and
``settled()`` takes the objects made so far (the notes just read) out of its walks.
Nothing is ever left uncollected: objects no longer used are freed as always, and
everything goes back to the collector when ``bulk_work`` ends.

``serve`` keeps its loaded vault between pieces of work, so it ``keep()``s: what
``freeze_kept()`` and ``collect_kept()`` take out of the collector's walks stays out
across ``bulk_work`` until ``release()``, which gives everything back.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from jobnotes.malloc_policy import keep_mmap_threshold

# Young objects pile up ten times longer than by default before a collection.
BULK_THRESHOLD = (100_000, 50, 100)
_lock = threading.RLock()
_active = 0
_before: tuple[int, int, int] | None = None    # the thresholds the outermost bulk_work found
_kept = 0


@contextmanager
def bulk_work() -> Iterator[None]:
    """Collect less often while a run reads and renders; large blocks freed meanwhile go
    back to the system (see ``malloc_policy``)."""
    global _active, _before
    keep_mmap_threshold()
    with _lock:
        if not _active:
            _before = gc.get_threshold()
        gc.set_threshold(*BULK_THRESHOLD)
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if not _active:
                if not _kept:
                    gc.unfreeze()
                assert _before is not None
                gc.set_threshold(*_before)


def settled() -> None:
    """What exists now lives until the run ends: leave it out of later collections
    (only inside ``bulk_work``, which gives it back)."""
    if _active:
        gc.freeze()


def keep() -> None:
    """A long-running process starts keeping its loaded state between pieces of work."""
    global _kept
    with _lock:
        _kept += 1


def release() -> None:
    """It stops: everything goes back to the collector (at once, or when the
    ``bulk_work`` running now ends)."""
    global _kept
    with _lock:
        _kept = max(0, _kept - 1)
        if not _kept and not _active:
            gc.unfreeze()


def freeze_kept() -> None:
    """While kept: leave everything that exists now out of later collections. Cheap
    (no walk); garbage frozen with it waits for ``collect_kept``."""
    with _lock:
        if _kept:
            gc.freeze()


def collect_kept() -> None:
    """While kept: one full collection over everything, frozen objects included (what a
    rebuild replaced, cycles too, is freed), then what is still alive is frozen again."""
    with _lock:
        if not _kept:
            return
        gc.unfreeze()
        gc.collect()
        gc.freeze()
