"""Resilience: weekly action goals with progress and streaks, and a feed of wins.

Goals count actions, not outcomes (what the user controls): applications sent,
networking conversations, informational interviews. Weeks start on the day
``settings.week_starts`` names. Dates after ``today`` have not happened and never count.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from jobnotes.analysis.network import ContactIndex, Conversation, informational_day, name_key
from jobnotes.analysis.postmortem import action_items
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

GOALS: tuple[tuple[str, str], ...] = (
    ("applications", "Applications sent"),
    ("networking", "Networking conversations"),
    ("informational", "Informational interviews"),
)
_GOAL_PHRASES = {
    "applications": ("application sent", "applications sent"),
    "networking": ("networking conversation", "networking conversations"),
    "informational": ("informational interview", "informational interviews"),
}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WIN_DAYS = 60           # the wins of this many days are shown
WIN_KINDS: tuple[str, ...] = (
    "accepted", "offer", "interview", "response", "feedback", "informational", "connection",
    "goal", "action-done",
)


def goal_phrase(key: str, n: int) -> str:
    """"1 application sent", "2 networking conversations"."""
    one, many = _GOAL_PHRASES[key]
    return f"{n} {one if n == 1 else many}"


def _day(value: date) -> str:
    """``23 Nov 2026``: how the site writes every date."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def week_start(day: date, week_starts: str = "monday") -> date:
    """The first day of ``day``'s week: a Monday, or a Sunday when weeks start on Sunday."""
    offset = (day.weekday() + 1) % 7 if week_starts == "sunday" else day.weekday()
    return day - timedelta(days=offset)


# --- events ------------------------------------------------------------------------------

def informational_conversations(apps: list[Application], people: list[Person],
                                today: date) -> list[tuple[date, str, str]]:
    """(date, rel, who) of each informational interview held by ``today``.

    From people's ``informational`` dates and from informational-type applications (their
    screening date, else their first interview); an application whose contact has the
    same ``informational`` date is the same conversation and counts once.
    """
    found = [(p.informational, p.rel, p.name) for p in people
             if p.informational is not None and p.informational <= today]
    by_name = {name_key(p.name): p for p in people}
    for app in apps:
        if not app.is_informational:
            continue
        when = informational_day(app, today)
        if when is None:
            continue
        contacts = [by_name.get(name_key(c)) for c in app.contacts]
        if any(p is not None and p.informational == when for p in contacts):
            continue
        found.append((when, app.rel, app.company))
    return sorted(found)


Conversations = list[tuple[date, str, str]]     # (date, rel, who), as found above


def goal_events(apps: list[Application], people: list[Person], today: date, *,
                index: ContactIndex | None = None,
                informational: Conversations | None = None,
                networking: list[Conversation] | None = None) -> dict[str, list[date]]:
    """The dates each weekly goal counts, sorted. ``index`` (``network.contact_index``),
    ``informational`` (``informational_conversations``) and ``networking``
    (``network.networking_conversations``) of the same notes, when the caller has them
    already."""
    applications = [a.applied for a in apps
                    if a.applied is not None and not a.is_informational and a.applied <= today]
    from jobnotes.analysis.network import networking_conversations

    if informational is None:
        informational = informational_conversations(apps, people, today)
    if networking is None:
        networking = networking_conversations(people, apps, today, index)
    return {"applications": sorted(applications),
            "networking": sorted(c.day for c in networking),
            "informational": sorted(d for d, _, _ in informational)}


# --- weekly goals ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class GoalProgress:
    key: str
    label: str
    target: int
    done: int

    @property
    def met(self) -> bool:
        """A goal of 0 is always met."""
        return self.done >= self.target


@dataclass(frozen=True, slots=True)
class WeekProgress:
    start: date
    end: date                              # the week's last day
    goals: tuple[GoalProgress, ...]
    current: bool                          # the week holding ``today``
    # Ends before the week of the first dated activity: nothing to meet yet, not a miss.
    before_search: bool = False

    @property
    def met(self) -> bool:
        return all(g.met for g in self.goals)

    @property
    def goals_met(self) -> int:
        return sum(g.met for g in self.goals)


@dataclass(frozen=True, slots=True)
class GoalsReport:
    this_week: WeekProgress
    history: tuple[WeekProgress, ...]      # oldest first, ending with this week
    streak: int                            # consecutive weeks with every goal met


def _targets(settings: Settings) -> dict[str, int]:
    return {key: max(0, int(getattr(settings.goals, key, 0) or 0)) for key, _ in GOALS}


def _week(events: dict[str, list[date]], targets: dict[str, int], start: date,
          today: date, first: date | None = None) -> WeekProgress:
    end = start + timedelta(days=6)
    # goal_events gives each goal's dates sorted: count those in [start, end] by bisection.
    goals = tuple(
        GoalProgress(key, label, targets[key],
                     bisect_right(events[key], end) - bisect_left(events[key], start))
        for key, label in GOALS
    )
    return WeekProgress(start, end, goals, start <= today <= end,
                        first is not None and start < first)


def weekly_goals(apps: list[Application], people: list[Person], settings: Settings,
                 today: date, weeks: int = 12,
                 events: dict[str, list[date]] | None = None) -> GoalsReport:
    """This week's progress, the last ``weeks`` weeks, and the current streak.

    The streak counts consecutive weeks with every goal met, ending with the last
    complete week; the current week adds one once its goals are already met, and never
    breaks the streak while it is still under way. Weeks before the one of the first dated
    activity are marked ``before_search``: the search had not begun. ``events``:
    ``goal_events`` of the same notes, when the caller has them.
    """
    events = events if events is not None else goal_events(apps, people, today)
    targets = _targets(settings)
    current = week_start(today, settings.week_starts)
    every = [d for dates in events.values() for d in dates]
    every += [d for a in apps for d in (a.applied, a.screening, a.rejected) if d is not None]
    first = week_start(min(every), settings.week_starts) if every else current
    began = min(first, current)
    history = tuple(_week(events, targets, current - timedelta(weeks=n), today, began)
                    for n in range(max(1, weeks) - 1, -1, -1))
    this_week = history[-1]
    streak = 1 if this_week.met else 0
    start = current - timedelta(weeks=1)
    while start >= first and _week(events, targets, start, today).met:
        streak += 1
        start -= timedelta(weeks=1)
    return GoalsReport(this_week, history, streak)


# --- wins --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Win:
    date: date
    kind: str                 # one of WIN_KINDS
    text: str
    rel: str                  # the note it comes from ("" for a weekly goal)
    slug: str = ""
    approximate: bool = False  # dated by the note's last event (done action items)


def app_wins(app: Application, today: date) -> list[Win]:
    """The wins ``app`` holds by ``today``, whenever they came."""
    found: list[Win] = []

    def add(day: date | None, kind: str, text: str) -> None:
        if day is not None and day <= today:
            found.append(Win(day, kind, text, app.rel, app.slug))

    if not app.is_informational:
        add(app.screening, "response", f"{app.company} answered: a screening for {app.role}")
        for n, day in enumerate(sorted(app.interviews), start=1):
            add(day, "interview", f"Interview {n} with {app.company} for {app.role}")
        add(app.offer, "offer", f"Offer from {app.company} for {app.role}")
        add(app.accepted, "accepted", f"Accepted the offer for {app.role} at {app.company}")
    add(app.feedback_received, "feedback", f"Feedback received from {app.company}")
    # A task ticked with its day (``✅ 2026-03-24``, as Obsidian's Tasks plugin writes it)
    # is a win of that day; the others carry no date: the note's last event dates them,
    # and the win says so.
    done = []
    for item in action_items(app):
        if not item.done:
            continue
        day, text = done_on(item.text)
        if day is None:
            done.append(item.text)
        elif day <= today:
            found.append(Win(day, "action-done", f"Action item done: {text}", app.rel,
                             app.slug))
    last = _last_event(app, today)
    if last is not None and done:
        text = (f"Action item done: {done[0]}" if len(done) == 1 else
                f"{len(done)} action items done for {app.title}")
        found.append(Win(last, "action-done", text, app.rel, app.slug, approximate=True))
    return found


_DONE_ON = re.compile(r"\s*✅\s*(\d{4}-\d{2}-\d{2})")
# Where the Tasks plugin's fields (due, scheduled, start, created, done, cancelled,
# recurrence, priority) begin: they follow the task's own words.
_TASK_FIELDS = re.compile("\\s*[\U0001F4C5\u23F3\U0001F6EB\u2795\u2705\u274C"
                          "\U0001F501\u23EB\U0001F53C\U0001F53D\U0001F53A\u23EC]")


def done_on(text: str) -> tuple[date | None, str]:
    """The day a task says it was done (``✅ YYYY-MM-DD``, as the Tasks plugin writes
    it) and the task's own words, without the plugin's fields."""
    found = _DONE_ON.search(text)
    if found is None:
        return None, text
    try:
        day = date.fromisoformat(found.group(1))
    except ValueError:
        return None, text
    return day, _TASK_FIELDS.split(text, maxsplit=1)[0].strip() or text


def _last_event(app: Application, today: date) -> date | None:
    dates = [app.applied, app.screening, app.offer, app.rejected, app.withdrawn, app.accepted,
             app.declined, app.feedback_requested, app.feedback_received, *app.interviews]
    return max((d for d in dates if d is not None and d <= today), default=None)


def _goal_wins(events: dict[str, list[date]], settings: Settings, since: date,
               today: date) -> list[Win]:
    targets = _targets(settings)
    found = []
    start = week_start(since, settings.week_starts)
    while start <= today:
        end = start + timedelta(days=6)
        for key, _ in GOALS:
            target = targets[key]
            dates = [d for d in events[key] if start <= d <= end]
            if target and len(dates) >= target:
                found.append(Win(dates[target - 1], "goal",
                                 f"Weekly goal met: {goal_phrase(key, target)} "
                                 f"(week of {_day(start)})", ""))
        start += timedelta(weeks=1)
    return found


def wins_since(today: date, days: int) -> date:
    """The first day the wins of the last ``days`` days can fall on."""
    return today - timedelta(days=days)


def wins(apps: list[Application], people: list[Person], settings: Settings, today: date,
         days: int = WIN_DAYS, events: dict[str, list[date]] | None = None, *,
         informational: Conversations | None = None,
         of_apps: list[Win] | None = None) -> list[Win]:
    """Wins of the last ``days`` days, newest first: answers, interviews, offers, feedback,
    new connections, informational interviews, weekly goals met, action items done.

    ``events`` and ``informational``: ``goal_events`` and ``informational_conversations``
    of the same notes, when the caller has them; ``of_apps``: the ``app_wins`` of every
    application (those since ``wins_since`` are enough), when the caller keeps them."""
    since = wins_since(today, days)
    found: list[Win] = []
    if of_apps is not None:
        found += of_apps
    else:
        for app in apps:
            found += app_wins(app, today)
    for person in people:
        if person.connected is not None and person.connected <= today:
            found.append(Win(person.connected, "connection",
                             f"Connected with {person.name} on LinkedIn",
                             person.rel, person.slug))
    slugs = {a.rel: a.slug for a in apps} | {p.rel: p.slug for p in people}
    if informational is None:
        informational = informational_conversations(apps, people, today)
    for day, rel, who in informational:
        found.append(Win(day, "informational", f"Informational interview with {who}", rel,
                         slugs.get(rel, "")))
    if events is None:
        events = goal_events(apps, people, today, informational=informational)
    found += _goal_wins(events, settings, since, today)
    found = [w for w in found if since <= w.date <= today]
    found.sort(key=lambda w: (WIN_KINDS.index(w.kind), w.rel, w.text))
    found.sort(key=lambda w: w.date, reverse=True)
    return found
