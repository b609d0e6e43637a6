"""A weekly activity calendar: one column per week, one row per weekday."""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta

from markupsafe import Markup

from ._svg import SMALL, baseline, empty, svg, tag, text, text_width, tooltip

CELL = 11  # default cell side; a caller may ask for bigger cells (``cell=``)
GAP = 2
LEFT = 30  # weekday labels
TOP = 16  # month labels
LEVELS = 4
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEK_STARTS = {"monday": 0, "sunday": 6}


def calendar_heatmap_svg(
    days: list[tuple[date, int]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    week_starts: str = "monday",
    empty_text: str = "No activity yet",
    details: Mapping[date, str] | None = None,
    cell: int = CELL,
) -> Markup:
    """Cells from the first to the last day given (missing days count 0), classes l0..l4.

    Counts of 1-4 map straight to l1-l4 when the busiest day has at most 4; otherwise
    levels are quarters of the busiest day. Repeated dates are added together. Each
    cell's tooltip names the day and its count ("Tue 5 Mar 2024: 2"), or what happened
    that day when ``details`` has it ("Tue 5 Mar 2024: 2 applications"). ``cell``: the
    side of a square in user units, for a calendar that should fill a wider column
    without scaling its labels up.
    """
    first_weekday = WEEK_STARTS.get(week_starts.lower())
    if first_weekday is None:
        raise ValueError(f"week_starts must be 'monday' or 'sunday', not {week_starts!r}")
    counts: dict[date, int] = {}
    for day, count in days:
        counts[day] = counts.get(day, 0) + max(int(count), 0)
    if not counts:
        return empty("calendar", chart_id, title, desc, empty_text)
    cell = max(int(cell), 4)
    pitch = cell + GAP
    start, end = min(counts), max(counts)
    grid_start = start - timedelta(days=(start.weekday() - first_weekday) % 7)
    weeks = (end - grid_start).days // 7 + 1
    busiest = max(counts.values())
    grid_right = LEFT + weeks * pitch
    legend_w = text_width("Less", SMALL) + text_width("More", SMALL) + 5 * pitch + 16
    width = max(grid_right, LEFT + legend_w) + 2
    body = (_weekday_labels(first_weekday, cell)
            + _month_labels(start, end, grid_start, pitch))
    details = details or {}
    day = start
    while day <= end:
        offset = (day - grid_start).days
        count = counts.get(day, 0)
        attrs = {"class": f"cell l{_level(count, busiest)}", "x": LEFT + offset // 7 * pitch,
                 "y": TOP + offset % 7 * pitch, "width": cell, "height": cell,
                 "rx": _radius(cell)}
        body.append(tag("rect", attrs, tooltip(f"{day_name(day)}: {details.get(day, count)}")))
        day += timedelta(days=1)
    legend_y = TOP + 7 * pitch + 8
    body += _legend(width - 2, legend_y, cell)
    return svg("calendar", chart_id, title, desc, width, legend_y + cell + 2, body)


def _radius(cell: int) -> int:
    return max(2, cell // 6)


def _level(count: int, busiest: int) -> int:
    if count <= 0:
        return 0
    if busiest <= LEVELS:
        return count
    return min(LEVELS, max(1, math.ceil(LEVELS * count / busiest)))


def day_name(day: date, *, year: bool = True) -> str:
    """"Tue 5 Mar 2024", or "Tue 5 Mar" without the year: how the calendar names a day."""
    name = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"
    return f"{name} {day.year}" if year else name


def _weekday_labels(first_weekday: int, cell: int) -> list[str]:
    labels = []
    for row in range(7):
        weekday = (first_weekday + row) % 7
        if weekday in (0, 2, 4):  # Mon, Wed, Fri, as most calendars do
            y = baseline(TOP + row * (cell + GAP) + cell / 2, SMALL)
            labels.append(text(LEFT - 6, y, WEEKDAYS[weekday], "tick a-end"))
    return labels


def _month_labels(start: date, end: date, grid_start: date, pitch: int) -> list[str]:
    """Month names above the week holding each 1st; the first month only if there is room."""
    marks: list[tuple[int, date]] = []
    day = start
    while day <= end:
        if day.day == 1 or day == start:
            marks.append(((day - grid_start).days // 7, day))
        day += timedelta(days=1)
    labels: list[str] = []
    last_column = -10
    for index, (column, day) in enumerate(marks):
        following = marks[index + 1][0] if index + 1 < len(marks) else None
        if day == start and following is not None and following - column < 3:
            continue
        if column - last_column < 3:
            continue
        labels.append(text(LEFT + column * pitch, TOP - 5, MONTHS[day.month - 1], "tick"))
        last_column = column
    return labels


def _legend(right: float, y: float, cell: int) -> list[str]:
    """'Less [l0 .. l4] More', right-aligned under the grid."""
    pitch = cell + GAP
    more_x = right - text_width("More", SMALL)
    parts = [text(more_x, baseline(y + cell / 2, SMALL), "More", "tick")]
    x = more_x - 4 - 5 * pitch
    parts.append(text(x - 4, baseline(y + cell / 2, SMALL), "Less", "tick a-end"))
    for level in range(LEVELS + 1):
        parts.append(tag("rect", {"class": f"cell l{level}", "x": x + level * pitch, "y": y,
                                  "width": cell, "height": cell, "rx": _radius(cell)}))
    return parts
