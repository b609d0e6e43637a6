"""``export csv``: one row per application, every stage date, ready for a spreadsheet.

Dates are ISO (``2026-03-05``), lists are joined with ``"; "`` (a ``;`` within an item
escaped with a backslash, see ``jobnotes.interop.lists``), and a cell that a
spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return) is prefixed with ``'`` so it is shown as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from jobnotes.analysis.stages import exit_of, furthest_stage
from jobnotes.interop.lists import join_items
from jobnotes.model import Application, Vault

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"

_BEFORE_INTERVIEWS = ("company", "role", "status", "type", "channel", "applied", "screening")
_AFTER_INTERVIEWS = (
    "offer", "rejected", "withdrawn", "accepted", "declined",
    "feedback_requested", "feedback_received",
    "furthest_stage", "outcome", "contacts", "location", "url", "salary", "resume",
    "skills", "tags", "next_action", "next_action_date", "excitement", "note_file",
    "followed_up",      # last, so that columns read by position keep their place
)


def safe_cell(value: object) -> str:
    """A cell as text: ISO dates, "" for None, formula-looking text neutralised."""
    if value is None:
        return ""
    text = value.isoformat() if isinstance(value, date) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# Interview columns every export has, so a spreadsheet that reads columns by position keeps
# working when a round is recorded; more only for an application with more rounds.
INTERVIEW_COLUMNS = 5


def columns(apps: Iterable[Application]) -> list[str]:
    """The header: ``interview_1`` to ``interview_5``, or to the busiest application's
    last round when it had more."""
    rounds = max((len(app.interviews) for app in apps), default=0)
    interviews = [f"interview_{n}" for n in range(1, max(rounds, INTERVIEW_COLUMNS) + 1)]
    return [*_BEFORE_INTERVIEWS, "interview_count", *interviews, *_AFTER_INTERVIEWS]


def application_row(app: Application, vault: Vault) -> dict[str, object]:
    """One application as column -> value (dates as ``date``, lists joined)."""
    row: dict[str, object] = {key: getattr(app, key) for key in _BEFORE_INTERVIEWS}
    interviews = sorted(app.interviews)
    row["interview_count"] = len(interviews)
    for number, day in enumerate(interviews, 1):
        row[f"interview_{number}"] = day
    row.update({key: getattr(app, key) for key in (
        "offer", "rejected", "withdrawn", "accepted", "declined", "feedback_requested",
        "feedback_received", "location", "url", "salary", "resume", "next_action",
        "next_action_date", "excitement")})
    row["furthest_stage"] = furthest_stage(app, vault.today).label
    row["outcome"] = exit_of(app, vault.today, vault.settings).label
    row["contacts"] = join_items(app.contacts)
    row["skills"] = join_items(app.skills)
    row["tags"] = join_items(app.tags)
    row["note_file"] = app.rel
    row["followed_up"] = join_items(day.isoformat() for day in app.followed_up)
    if app.feedback_not_possible and app.feedback_requested is None:
        row["feedback_requested"] = "none"      # no one to ask: no reminder comes back
    return row


def sorted_applications(apps: Iterable[Application]) -> list[Application]:
    """By date applied (wishlist entries last), then by note path."""
    return sorted(apps, key=lambda a: (a.applied is None, a.applied or date.min, a.rel))


def export_csv(vault: Vault, *, bom: bool = False) -> str:
    """The CSV text (``\\r\\n`` line ends, as spreadsheets expect); ``bom`` for Excel."""
    apps = sorted_applications(vault.applications)
    header = columns(apps)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for app in apps:
        row = application_row(app, vault)
        writer.writerow([safe_cell(row.get(key)) for key in header])
    return (BOM if bom else "") + buffer.getvalue()
