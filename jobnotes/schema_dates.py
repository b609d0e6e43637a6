"""Dates as users write them: the years a job search can hold, and how to fix a date that
is not written YYYY-MM-DD."""

from __future__ import annotations

import re
from datetime import date

# The dates a job search can hold. Outside them a date is a placeholder or a slip
# (0001-01-01, 9999-12-31 for "unknown", 2206 for 2026) and weeks or windows counted from
# it could leave Python's years 1-9999, so it is rejected like an impossible date and no
# date arithmetic ever sees it. Wide on purpose: merely unlikely dates are for future-date.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMERIC_DATE = re.compile(r"(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,4})")
_DATE_PARTS = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def is_plausible_date(day: date) -> bool:
    """Whether ``day`` lies from ``EARLIEST_DATE`` to ``LATEST_DATE`` (see there)."""
    return EARLIEST_DATE <= day <= LATEST_DATE


def real_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def date_hint(text: str, today: date) -> str:
    """A fix for a date not written YYYY-MM-DD, giving the ISO form when it is unambiguous."""
    generic = f"write it as YYYY-MM-DD, for example {today.isoformat()}"
    text = text.strip()
    if match := _NUMERIC_DATE.fullmatch(text):
        a, b, c = match.groups()
        if len(a) == 4:
            found = real_date(int(a), int(b), int(c))
            return f"write {found.isoformat()}" if found else generic
        if len(c) != 4:
            return generic
        x, y, year = int(a), int(b), int(c)
        day_first = real_date(year, y, x)
        month_first = real_date(year, x, y)
        if day_first and month_first and day_first != month_first:
            return (f"write it as YYYY-MM-DD: {day_first.isoformat()} or "
                    f"{month_first.isoformat()}, whichever you mean")
        found = day_first or month_first
        return f"write {found.isoformat()}" if found else generic
    words = re.findall(r"[A-Za-z]+|\d+", text)
    months = [i for i, w in enumerate(_MONTHS, 1)
              for word in words if len(word) >= 3 and word.lower()[:3] == w]
    days = [int(w) for w in words if w.isdigit() and len(w) <= 2]
    years = [int(w) for w in words if w.isdigit() and len(w) == 4]
    if len(months) == 1 and len(days) == 1 and len(years) <= 1:
        found = real_date(years[0] if years else today.year, months[0], days[0])
        if found and years:
            return f"write {found.isoformat()}"
        if found:
            return f"write {found.isoformat()} if you mean this year"
    return generic


def date_problem(text: str) -> tuple[str, str]:
    """Why a date-shaped text is impossible, and how to fix it."""
    match = _DATE_PARTS.match(text)
    fix = "write the date as YYYY-MM-DD"
    if not match:
        return f"{text} is not a real date", fix
    year, month, day = (int(part) for part in match.groups())
    if not 1 <= month <= 12:
        return (f"{text} is not a real date (there is no month {month})",
                "months go from 01 to 12; " + fix)
    import calendar  # only to word a date that is wrong

    last = calendar.monthrange(year, month)[1] if year >= 1 else 31
    month_name = calendar.month_name[month]
    if day < 1:
        return f"{text} is not a real date (days start at 01)", fix
    if day > last:
        return (f"{text} is not a real date ({month_name} {year} has {last} days)",
                f"the last day of {month_name} {year} is {year:04d}-{month:02d}-{last:02d}")
    return (f"{text} is not a real date and time",
            "write it as YYYY-MM-DD HH:MM, with hours 00-23 and minutes 00-59")
