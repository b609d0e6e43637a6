"""Headline figures for the dashboard: counts, this week's applications, response rate,
and the dated events of each application (its timeline and the recent activity feed).

Informational interviews (``type: informational``) are not applications: no count here
includes them, whatever their status says.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from jobnotes.analysis.funnel import funnel_stage
from jobnotes.model import STATUSES, Application

# Statuses of an application still in flight.
ACTIVE_STATUSES: tuple[str, ...] = ("applied", "screening", "interviewing", "offer")


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened to an application on a given day."""

    day: date
    kind: str        # the front matter key: "applied", "screening", "interview", "offer", ...
    label: str       # "Applied", "Interview 2", "Feedback requested"
    app: Application


def status_counts(apps: Iterable[Application]) -> dict[str, int]:
    """How many applications are in each status, every status present, in pipeline order.

    Informational interviews are left out: they are not applications.
    """
    counts = dict.fromkeys(STATUSES, 0)
    for app in apps:
        if app.status in counts and not app.is_informational:
            counts[app.status] += 1
    return counts


def week_start(today: date, week_starts: str = "monday") -> date:
    """The first day of the week holding ``today``."""
    offset = (today.weekday() + 1) % 7 if week_starts == "sunday" else today.weekday()
    return today - timedelta(days=offset)


def applications_in_week(apps: Iterable[Application], today: date,
                         week_starts: str = "monday") -> list[Application]:
    """Applications (not informational interviews) sent in the week holding ``today``."""
    start = week_start(today, week_starts)
    end = start + timedelta(days=6)
    return [app for app in apps
            if app.applied is not None and start <= app.applied <= end
            and not app.is_informational]


def active_count(apps: Iterable[Application]) -> int:
    """Applications still in flight: applied, screening, interviewing or holding an offer
    (informational interviews are not applications and never count)."""
    return sum(1 for app in apps if app.status in ACTIVE_STATUSES and not app.is_informational)


def was_sent(app: Application) -> bool:
    return app.applied is not None or app.status != "wishlist"


def response_rate(apps: Iterable[Application], today: date) -> float | None:
    """Share of sent applications the company answered by ``today`` (0..1), a rejection
    included: the funnel's "Response" step over its "Applied" step.

    Informational interviews and wishlist entries are left out. None when nothing has
    been sent yet, so the dashboard can say "no data" rather than 0 %.
    """
    points = [p for p in (funnel_stage(app, today) for app in apps) if p is not None]
    if not points:
        return None
    return sum(p.answered for p in points) / len(points)


def still_early(apps: Iterable[Application], today: date, days: int) -> int:
    """Applications in the response rate's count that have no answer yet but were sent
    fewer than ``days`` (the follow-up window) ago: they may still get one, which the
    rate cannot know. Silence counts against the rate only after the window."""
    early = 0
    for app in apps:
        if (app.applied is None or not 0 <= (today - app.applied).days < days
                or app.status in ("withdrawn", "ghosted")):
            continue        # the cheap tests first: the funnel's only for the few left
        point = funnel_stage(app, today)
        if point is not None and not point.answered:
            early += 1
    return early


def timeline(app: Application) -> list[Event]:
    """Every dated stage of one application, oldest first (same day: pipeline order)."""
    events: list[Event] = []

    def add(day: date | None, kind: str, label: str) -> None:
        if day is not None:
            events.append(Event(day, kind, label, app))

    add(app.applied, "applied", "Applied")
    add(app.screening, "screening", "Screening")
    for n, day in enumerate(app.interviews, start=1):
        add(day, "interview", f"Interview {n}" if len(app.interviews) > 1 else "Interview")
    add(app.offer, "offer", "Offer")
    add(app.accepted, "accepted", "Accepted")
    add(app.declined, "declined", "Declined")
    add(app.rejected, "rejected", "Rejected")
    add(app.withdrawn, "withdrawn", "Withdrawn")
    add(app.feedback_requested, "feedback_requested", "Feedback requested")
    add(app.feedback_received, "feedback_received", "Feedback received")
    order = {id(event): n for n, event in enumerate(events)}
    return sorted(events, key=lambda e: (e.day, order[id(e)]))


def event_days(app: Application) -> list[date]:
    """The days of ``timeline(app)``'s events, unordered (quicker when only they matter)."""
    days = [app.applied, app.screening, *app.interviews, app.offer, app.accepted,
            app.declined, app.rejected, app.withdrawn, app.feedback_requested,
            app.feedback_received]
    return [day for day in days if day is not None]


def recent_activity(apps: Iterable[Application], today: date, limit: int = 10) -> list[Event]:
    """The latest events up to ``today``, newest first."""
    events = [event for app in apps for event in timeline(app) if event.day <= today]
    events.sort(key=lambda e: (-e.day.toordinal(), e.app.company.casefold(), e.app.slug))
    return events[:limit]
