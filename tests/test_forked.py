"""Work done by a forked copy of the process gives the answer the process itself gives."""

from __future__ import annotations

import os
import threading

import pytest

from jobnotes import forked


def test_the_copy_answers_what_this_process_would():
    answer = forked.in_background(lambda: {"pid": os.getpid(), "files": [1, 2, 3]})()
    assert answer["files"] == [1, 2, 3]
    if forked.can_fork():
        assert answer["pid"] != os.getpid()      # done by the copy


def test_an_error_in_the_work_is_the_error_this_process_raises():
    def broken() -> int:
        raise ValueError("cannot list the folder")

    with pytest.raises(ValueError, match="cannot list"):
        forked.in_background(broken)()


def test_an_answer_the_copy_cannot_send_is_worked_out_here():
    answer = forked.in_background(lambda: (lambda: os.getpid()))()   # a function: no pickle
    assert answer() == os.getpid()


def test_with_another_thread_running_nothing_is_forked():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert forked.in_background(os.getpid)() == os.getpid()
    finally:
        stop.set()
        thread.join()


def test_no_copy_is_left_behind():
    if not forked.can_fork():
        pytest.skip("one core: nothing is forked")
    pids: list[int] = []
    for _ in range(3):
        pids.append(forked.in_background(os.getpid)())
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)


def test_items_shared_between_two_processes_come_back_whole_and_in_order():
    got = forked.in_two_processes(list(range(10)), lambda some: [(n, os.getpid()) for n in some])
    assert [n for n, _ in got] == list(range(10))
    if forked.can_fork():
        assert len({pid for _, pid in got}) == 2


def test_a_half_the_copy_could_not_do_is_done_here():
    parent = os.getpid()

    def work(some: list[int]) -> list[int]:
        if os.getpid() != parent:
            raise OSError("the copy ran out of something")
        return [n * 2 for n in some]

    assert forked.in_two_processes([1, 2, 3, 4], work) == [2, 4, 6, 8]
