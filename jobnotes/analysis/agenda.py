"""The agenda: reminders grouped by when they are due, the cooling-off banner, and the
JSON rendering used by ``jobnotes today``.

The dashboard and ``jobnotes today`` both show ``agenda()``: the groups, their order and
what is left out (a reminder not listed yet, see ``Reminder.is_listed``) are decided here
only. A next action repeating a reminder's step comes already merged with it
(``planned.merge_planned``), so the calendar export shows it once too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from jobnotes.analysis.reminders import (
    KINDS,
    UPCOMING_DAYS,
    URGENCIES,
    Reminder,
    day_label,
    journal_prompt,
    sort_key,
)


@dataclass(frozen=True, slots=True)
class CoolingOff:
    """The calm banner shown while a cooling-off window is active."""

    rel: str
    slug: str
    subject: str              # the rejected application's title
    rejected: date
    last_day: date            # the last day of the window (inclusive)
    ends: date                # the first day after it
    prompt: str               # a journaling prompt
    message: str              # the banner's sentence
    others: int               # other cooling-off windows active at the same time


@dataclass(frozen=True, slots=True)
class Agenda:
    as_of: date
    overdue: tuple[Reminder, ...]        # due before today, most pressing first
    today: tuple[Reminder, ...]          # due today
    this_week: tuple[Reminder, ...]      # due in the next 7 days
    later: tuple[Reminder, ...]          # due after that
    notes: tuple[Reminder, ...]          # gentle notes ("info" urgency), newest first
    cooling_off: CoolingOff | None

    @property
    def is_empty(self) -> bool:
        return not (self.overdue or self.today or self.this_week or self.notes
                    or self.cooling_off)


def cooling_off_banner(reminders: list[Reminder], today: date) -> CoolingOff | None:
    """The most recent active cooling-off, or None.

    A window is active while its last day is today or later: with 48 hours after a
    rejection on Monday, the banner shows on Monday and Tuesday, not on Wednesday.
    """
    active = [r for r in reminders
              if r.kind == "cooling-off" and r.until is not None and r.due <= today <= r.until]
    if not active:
        return None
    latest = max(active, key=lambda r: (r.due, r.rel))
    last_day = latest.until or latest.due
    ends = last_day + timedelta(days=1)
    message = (f"Cooling-off after {latest.subject} through {day_label(last_day, today)}. "
               "A rejection stings; give yourself this time before sending new "
               "applications.")
    # The post-mortem is not listed yet (see Reminder.is_listed): say when it comes.
    if any(r.kind == "post-mortem" and r.rel == latest.rel and not r.is_listed(today)
           for r in reminders):
        message += f" The post-mortem can wait until {day_label(ends, today)}."
    return CoolingOff(
        rel=latest.rel, slug=latest.slug, subject=latest.subject, rejected=latest.due,
        last_day=last_day, ends=ends, prompt=journal_prompt(latest.due),
        message=message, others=len(active) - 1,
    )


def overdue_key(reminder: Reminder) -> tuple[object, ...]:
    """Overdue items, what to do first first: the most urgent, then the most recently
    due (still worth doing; the older ones have waited and can wait a little more)."""
    return (URGENCIES.index(reminder.urgency), -reminder.due.toordinal(),
            KINDS.index(reminder.kind), reminder.subject.casefold(), reminder.rel,
            reminder.title)


def agenda(reminders: list[Reminder], today: date) -> Agenda:
    """Group ``reminders`` by due date relative to ``today``: overdue by ``overdue_key``,
    the other groups by due date, then urgency. Reminders not listed yet are left out."""
    week_end = today + timedelta(days=UPCOMING_DAYS)
    groups: dict[str, list[Reminder]] = {k: [] for k in ("overdue", "today", "week", "later")}
    notes: list[Reminder] = []
    for reminder in sorted(reminders, key=sort_key):
        if reminder.kind == "cooling-off" or not reminder.is_listed(today):
            continue                      # the banner; or not yet among the things to do
        if reminder.is_note:
            notes.append(reminder)
        elif reminder.due < today:
            groups["overdue"].append(reminder)
        elif reminder.due == today:
            groups["today"].append(reminder)
        elif reminder.due <= week_end:
            groups["week"].append(reminder)
        else:
            groups["later"].append(reminder)
    groups["overdue"].sort(key=overdue_key)
    notes.sort(key=lambda r: r.due, reverse=True)
    return Agenda(
        as_of=today,
        overdue=tuple(groups["overdue"]), today=tuple(groups["today"]),
        this_week=tuple(groups["week"]), later=tuple(groups["later"]),
        notes=tuple(notes), cooling_off=cooling_off_banner(reminders, today),
    )


# --- the JSON rendering (the text one is ``jobnotes.cli_today.render``) ---------------------

def agenda_json(agenda: Agenda) -> dict[str, object]:
    banner = agenda.cooling_off
    return {
        "today": agenda.as_of.isoformat(),
        "cooling_off": None if banner is None else {
            "rel": banner.rel, "slug": banner.slug, "subject": banner.subject,
            "rejected": banner.rejected.isoformat(), "last_day": banner.last_day.isoformat(),
            "ends": banner.ends.isoformat(), "prompt": banner.prompt,
            "message": banner.message, "others": banner.others,
        },
        "overdue": [r.as_dict() for r in agenda.overdue],
        "due_today": [r.as_dict() for r in agenda.today],
        "this_week": [r.as_dict() for r in agenda.this_week],
        "later": [r.as_dict() for r in agenda.later],
        "notes": [r.as_dict() for r in agenda.notes],
    }
