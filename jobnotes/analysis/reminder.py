"""One reminder: what is due about one note, when, and in what words (see ``reminders``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jobnotes.day_text import MONTH_NAMES, WEEKDAYS

KINDS: tuple[str, ...] = (
    "cooling-off", "interview-upcoming", "feedback-request", "thank-you", "next-action",
    "follow-up", "post-mortem", "connect", "touch", "suggest-ghosted",
    "applied-in-cooling-off", "reapply", "withdraw",
)
# "info" reminders are gentle notes, not tasks: the agenda lists them apart.
URGENCIES: tuple[str, ...] = ("high", "normal", "low", "info")
OPEN_STATUSES = ("wishlist", "applied", "screening", "interviewing", "offer")


@dataclass(frozen=True, slots=True)
class Reminder:
    """One thing to do (or to know) about one note."""

    kind: str                 # one of KINDS
    due: date                 # when it is due; the agenda groups by this
    title: str                # "Ask Acme for feedback"
    detail: str               # a sentence or two, naming the dates involved
    rel: str                  # the note it is about
    subject: str              # the application's title or the person's name
    urgency: str              # one of URGENCIES
    slug: str = ""            # the note's page name
    until: date | None = None  # the last day of a window (cooling-off, follow-up)
    key: str = ""             # tells apart reminders of one kind on one note ("round-2")
    # The agenda lists it from this day on; a calendar carries it ahead. A post-mortem
    # waits for the cooling-off to end before it shows among the things to do.
    listed_from: date | None = None
    since: date | None = None  # the event it follows: the rejection, the meeting, ...
    # The application whose ``next_action`` is this step, in its own words (``merge_planned``).
    planned_in: str = ""
    # The application a reminder about a person arises from (a thank-you after one of
    # its interviews): that application's page lists it too.
    app_rel: str = ""

    @property
    def is_note(self) -> bool:
        return self.urgency == "info"

    @property
    def listed_under(self) -> tuple[str, ...]:
        """The notes whose page lists it: the note it is about, and the application it
        arises from (``app_rel``) or whose next action it is (``planned_in``)."""
        return tuple(dict.fromkeys(rel for rel in (self.rel, self.app_rel, self.planned_in)
                                   if rel))

    @property
    def ident(self) -> tuple[str, str, str]:
        """What stays the same while the note's dates and wording change."""
        return (self.kind, self.rel, self.key)

    def is_listed(self, today: date) -> bool:
        """Whether the agenda of ``today`` lists it."""
        return self.listed_from is None or self.listed_from <= today

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind, "due": self.due.isoformat(), "title": self.title,
            "detail": self.detail, "rel": self.rel, "slug": self.slug,
            "subject": self.subject, "urgency": self.urgency,
            "until": self.until.isoformat() if self.until else None,
        }


def day_label(day: date, today: date | None = None) -> str:
    """"Tuesday 3 March", with the year when it is not ``today``'s year."""
    text = f"{WEEKDAYS[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


def sort_key(reminder: Reminder) -> tuple[object, ...]:
    return (reminder.due, URGENCIES.index(reminder.urgency), KINDS.index(reminder.kind),
            reminder.subject.casefold(), reminder.rel, reminder.title)
