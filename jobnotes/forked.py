"""Work shared with a forked copy of this process, when there are two cores to share.

``in_background`` hands one piece of work to the copy, such as listing a folder while
this process lists another; ``in_two_processes`` splits a list of items between the two
(reading notes, descriptions). The copy gets its work by the fork itself (nothing is
sent) and pickles back its answer. Whatever goes wrong in the copy, the work is done
again here: the answer is always the one this process would give.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a second process can share the work: two usable cores, ``os.fork``, and no
    other thread in this process (forking one is unsafe)."""
    return hasattr(os, "fork") and usable_cores() >= 2 and threading.active_count() == 1


def in_background(work: Callable[[], T]) -> Callable[[], T]:
    """Start ``work()`` in a forked copy of this process; the function returned waits
    for its result, which comes back pickled. Without a second core, when forking fails
    or when the copy cannot answer (an error, a result that does not pickle), the
    function returned does the work itself."""
    if not can_fork():
        return work
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return work
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return work
    if pid == 0:                                    # the copy: work, answer, vanish
        code = 1
        try:
            os.close(read_end)
            with open(write_end, "wb") as pipe:
                pipe.write(pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
            code = 0
        finally:
            os._exit(code)      # no exit handlers, no buffers flushed twice

    os.close(write_end)

    def result() -> T:
        try:
            with open(read_end, "rb") as pipe:
                data = pipe.read()
        finally:
            _, status = os.waitpid(pid, 0)
        if status != 0:
            return work()
        try:
            answer: T = pickle.loads(data)
        except Exception:  # noqa: BLE001 - a garbled answer: do the work here instead
            return work()
        return answer

    return result


def in_two_processes(items: list[Any], work: Callable[[list[Any]], list[Any]]) -> list[Any]:
    """``work(items)``: the second half of ``items`` done by a forked copy
    (``in_background``) while this process does the first."""
    half = len(items) // 2
    theirs = in_background(functools.partial(work, items[half:]))
    try:
        mine = work(items[:half])
    except BaseException:
        with contextlib.suppress(Exception):
            theirs()                # the copy is waited for, never left behind
        raise
    return [*mine, *theirs()]
