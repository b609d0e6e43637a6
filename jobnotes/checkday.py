"""The day a note is checked against, and on which other days that check says the same.

A note's findings depend on the date in two ways only: whether a date it holds is after
today (``after_today``: a stage date, a task's ✅ date), and the example dates the hints
of other findings quote. So a note checked without any finding is found the same on
every day from the latest of its dates compared with today: the cache reuses it the next
morning instead of reading and checking it again (``holds_from``).
"""

from __future__ import annotations

from datetime import date
from typing import Any


class CheckDay(date):
    """``today`` for checking one note: a date like any other, which also remembers the
    latest date ``after_today`` compared with it."""

    latest: date | None

    def __new__(cls, day: date) -> CheckDay:
        made = super().__new__(cls, day.year, day.month, day.day)
        made.latest = None
        return made


def after_today(day: date, today: date) -> bool:
    """``day > today``, noted by a ``CheckDay``."""
    if isinstance(today, CheckDay) and (today.latest is None or day > today.latest):
        today.latest = day
    return day > today


def holds_from(findings: list[Any], checked: CheckDay) -> date | None:
    """The first day from which a check of a note, made on ``checked`` with these
    ``findings``, is the same on every later day; None when it holds on ``checked`` only
    (any finding may quote the date)."""
    if findings:
        return None
    return checked.latest if checked.latest is not None else date.min


def holds_on(day: date, checked_on: date, since: date | None) -> bool:
    """Whether a check made on ``checked_on`` (holding from ``since``) holds on ``day``."""
    return day == checked_on or (since is not None and day >= since)
