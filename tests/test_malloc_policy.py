"""A build keeps glibc's mmap threshold fixed, once, and never fails for the lack of it."""

from __future__ import annotations

import ctypes
import sys

import pytest

from jobnotes import malloc_policy


class FakeLibc:
    def __init__(self, calls: list[tuple[int, int]]) -> None:
        def mallopt(param: int, value: int) -> int:
            calls.append((param, value))
            return 1

        self.mallopt = mallopt


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(malloc_policy, "_done", False)
    monkeypatch.setattr(sys, "platform", "linux")


def test_the_threshold_is_set_once_to_glibcs_starting_value(fresh, monkeypatch):
    calls: list[tuple[int, int]] = []
    monkeypatch.setattr(ctypes, "CDLL", lambda name: FakeLibc(calls))
    malloc_policy.keep_mmap_threshold()
    malloc_policy.keep_mmap_threshold()
    assert calls == [(-3, 128 * 1024)]


def test_a_c_library_without_mallopt_is_left_alone(fresh, monkeypatch):
    monkeypatch.setattr(ctypes, "CDLL", lambda name: object())
    malloc_policy.keep_mmap_threshold()          # no error


def test_other_systems_are_left_alone(fresh, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setattr(ctypes, "CDLL", lambda name: pytest.fail("not on this system"))
    malloc_policy.keep_mmap_threshold()
