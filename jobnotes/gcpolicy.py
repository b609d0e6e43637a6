"""Garbage collection for a run that reads a whole vault and keeps it until it ends.

A build makes millions of objects (every note, its positions, the figures, the pages'
contexts), and most of them live until the end. Python's collector, left to its
defaults, walks all of them again every time enough new objects pile up: about a
sixth of a build at 10,000 notes. While ``bulk_work`` is active it runs less often, and
``settled()`` takes the objects made so far (the notes just read) out of its walks.
Nothing is ever left uncollected: objects no longer used are freed as always, and
everything goes back to the collector when ``bulk_work`` ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Young objects pile up ten times longer than by default before a collection.
BULK_THRESHOLD = (100_000, 50, 100)
_active = 0


@contextmanager
def bulk_work() -> Iterator[None]:
    global _active
    before = gc.get_threshold()
    gc.set_threshold(*BULK_THRESHOLD)
    _active += 1
    try:
        yield
    finally:
        _active -= 1
        if not _active:
            gc.unfreeze()
            gc.set_threshold(*before)


def settled() -> None:
    """What exists now lives until the run ends: leave it out of later collections
    (only inside ``bulk_work``, which gives it back)."""
    if _active:
        gc.freeze()
