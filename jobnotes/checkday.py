"""The day a note is checked against, and on which later days that check says the same.

A note's findings depend on the date through comparisons of its dates with today (a stage
date or a task's ✅ date after today) and through the example dates the hints of other
findings quote. A ``CheckDay`` is today for checking one note: a date like any other,
which notes how the check used it. A comparison with an earlier date gives the same
answer on every later day; anything else (a comparison with today or a later date, its
year, its text, arithmetic, hashing) ties the check to this very day. So a note checked
without any finding, using today only to compare earlier dates with it, is found the same
on every day after the latest of those dates (``holds_from``): the cache reuses it the
next morning instead of reading and checking it again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

_ONE_DAY = timedelta(days=1)
# The day a note was checked, and the first day from which that check holds (None: on
# that day only).
CheckedOn = tuple[date, "date | None"]
# Looked up without tying the check to the day: this class's own workings (set and read
# as plain attributes; only the date's own ones tie it).
_OWN = frozenset({"_plain", "_from", "_tied", "_compared", "_tie", "__class__"})


def _noting(compare: Callable[[date, object], Any]) -> Callable[[CheckDay, object], Any]:
    """``compare`` for a ``CheckDay``, noting first what the comparison tells of the day."""

    def method(self: CheckDay, other: object) -> Any:
        self._compared(other)
        return compare(self, other)

    method.__name__ = compare.__name__
    return method


class CheckDay(date):
    """``today`` for checking one note (see the module's docstring)."""

    _plain: date        # the same day as a plain date
    _from: date         # the first day every comparison so far answers the same on
    _tied: bool         # used in a way only this very day answers the same

    def __new__(cls, day: date) -> CheckDay:
        made = super().__new__(cls, day.year, day.month, day.day)
        made._plain = date(day.year, day.month, day.day)
        made._from = date.min
        made._tied = False
        return made

    def __getattribute__(self, name: str) -> Any:
        if name not in _OWN:
            self._tied = True
        return super().__getattribute__(name)

    def _compared(self, other: object) -> None:
        if not isinstance(other, date):
            return
        if type(other) is date and other < self._plain:
            self._from = max(self._from, other + _ONE_DAY)
        else:
            self._tied = True

    def _tie(self) -> date:
        self._tied = True
        return self._plain

    # Each comparison notes how it used the day, then compares as a plain date would.
    __lt__ = _noting(date.__lt__)
    __le__ = _noting(date.__le__)
    __gt__ = _noting(date.__gt__)
    __ge__ = _noting(date.__ge__)
    __eq__ = _noting(date.__eq__)
    __ne__ = _noting(date.__ne__)

    def __hash__(self) -> int:
        return hash(self._tie())

    def __add__(self, other: Any) -> Any:
        return self._tie() + other

    __radd__ = __add__

    def __sub__(self, other: Any) -> Any:
        return self._tie() - other

    def __rsub__(self, other: Any) -> Any:
        return other - self._tie()

    def __repr__(self) -> str:
        return f"CheckDay({self._tie()!r})"

    def __format__(self, spec: str) -> str:
        return format(self._tie(), spec)

    def __str__(self) -> str:
        return str(self._tie())

    def __reduce__(self) -> Any:
        return self._tie().__reduce__()      # pickled as the plain date it is

    def __reduce_ex__(self, protocol: Any) -> Any:
        return self._tie().__reduce_ex__(protocol)


def holds_from(findings: list[Any], checked: CheckDay) -> date | None:
    """The first day from which a check of a note, made on ``checked`` with these
    ``findings``, is the same on every later day; None when it holds on ``checked`` only
    (a finding may quote the date, or the check used it otherwise than comparing earlier
    dates with it)."""
    if findings or checked._tied:
        return None
    return checked._from


def holds_on(day: date, checked_on: date, since: date | None) -> bool:
    """Whether a check made on ``checked_on`` (holding from ``since``) holds on ``day``."""
    return day == checked_on or (since is not None and day >= since)
