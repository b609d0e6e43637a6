"""Debounce and coalesce: one build at a time, exactly one follow-up build."""

from __future__ import annotations

import threading
import time

from jobnotes.serve.debounce import Coalescer


def test_a_burst_of_changes_makes_one_build() -> None:
    batches: list[list[str]] = []
    coalescer = Coalescer(batches.append, quiet=0.05).start()
    try:
        for i in range(20):
            coalescer.add([f"note-{i % 3}.md"])
        assert coalescer.wait_idle(5)
        time.sleep(0.1)
        assert len(batches) == 1
        assert sorted(batches[0]) == ["note-0.md", "note-1.md", "note-2.md"]
    finally:
        coalescer.stop()


def test_changes_during_a_build_make_exactly_one_follow_up_build() -> None:
    started = threading.Event()
    release = threading.Event()
    batches: list[list[str]] = []

    def slow_build(batch: list[str]) -> None:
        batches.append(batch)
        if len(batches) == 1:
            started.set()
            release.wait(5)

    coalescer = Coalescer(slow_build, quiet=0.01).start()
    try:
        coalescer.add(["a.md"])
        assert started.wait(5)
        for name in ["b.md", "c.md", "b.md", "d.md"]:
            coalescer.add([name])
        time.sleep(0.1)
        assert len(batches) == 1          # nothing runs while the first build is busy
        release.set()
        assert coalescer.wait_idle(5)
        time.sleep(0.1)
        assert batches == [["a.md"], ["b.md", "c.md", "d.md"]]
    finally:
        coalescer.stop()


def test_a_steady_stream_still_builds_within_max_wait() -> None:
    batches: list[list[int]] = []
    coalescer = Coalescer(batches.append, quiet=0.2, max_wait=0.1).start()
    try:
        deadline = time.monotonic() + 0.6
        i = 0
        while time.monotonic() < deadline:
            coalescer.add([i])
            i += 1
            time.sleep(0.02)
        assert coalescer.wait_idle(5)
        assert len(batches) >= 2
        assert sorted(x for batch in batches for x in batch) == list(range(i))
    finally:
        coalescer.stop()


def test_a_failing_build_does_not_stop_the_watcher() -> None:
    errors: list[BaseException] = []
    calls: list[list[str]] = []

    def build(batch: list[str]) -> None:
        calls.append(batch)
        if len(calls) == 1:
            raise RuntimeError("template exploded")

    coalescer = Coalescer(build, quiet=0.01, on_error=errors.append).start()
    try:
        coalescer.add(["a.md"])
        assert coalescer.wait_idle(5)
        coalescer.add(["b.md"])
        assert coalescer.wait_idle(5)
        time.sleep(0.05)
        assert calls == [["a.md"], ["b.md"]]
        assert len(errors) == 1
    finally:
        coalescer.stop()
