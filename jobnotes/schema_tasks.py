"""Done dates in a note's task lists: ``- [x] Mock interview ✅ 2026-03-24``.

Obsidian's Tasks plugin writes the day a task was ticked after ✅, and jobnotes counts a
done action item as a win of that day. A date that cannot be real (``✅ 2026-02-30``) or
that has not come yet would silently change that count, so each gets a warning at its
line and column.
"""

from __future__ import annotations

import re
from datetime import date

from jobnotes.diagnostics import Diagnostic, warning
from jobnotes.schema_dates import date_problem

DONE_MARK = "✅"
# A list item with a box, then anything, then ✅ and a date-shaped word.
_DONE_TASK = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+\[[^\]]\].*?✅\s*"
                        r"(\d{1,4}-\d{1,2}-\d{1,2})(?![\d-])")
_FENCE = re.compile(r"^\s*(```|~~~)")


def done_date_findings(rel: str, body: str, body_line: int, today: date) -> list[Diagnostic]:
    """Warnings for impossible or future ✅ dates in the task lists of ``body``."""
    if DONE_MARK not in body:
        return []
    found: list[Diagnostic] = []
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        opened = _FENCE.match(line)
        if opened:
            fence = None if fence == opened.group(1) else (fence or opened.group(1))
            continue
        if fence is not None or DONE_MARK not in line:
            continue
        match = _DONE_TASK.match(line)
        if match is None:
            continue
        finding = _finding(rel, body_line + offset, match.start(1) + 1, match.group(1), today)
        if finding is not None:
            found.append(finding)
    return found


def _finding(rel: str, line: int, column: int, text: str, today: date) -> Diagnostic | None:
    why = "the ✅ date tells which day the task was done"
    year, month, day_of_month = (int(part) for part in text.split("-"))
    padded = f"{year:04d}-{month:02d}-{day_of_month:02d}"
    if padded != text and _real(padded):
        return warning(rel, line, column, "done-date",
                       f"the task's done date {text} is not written as YYYY-MM-DD",
                       f"write it as {padded} ({why})")
    try:
        day = date.fromisoformat(padded)
    except ValueError:
        problem, fix = date_problem(padded)
        return warning(rel, line, column, "done-date", f"the task's done date {problem}",
                       f"{fix} ({why})")
    if day > today:
        return warning(rel, line, column, "done-date",
                       f"the task is marked done on {text}, after today ({today.isoformat()})",
                       "the ✅ date records the day the task was done; a done action item "
                       "counts as a win from that day")
    return None


def _real(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
