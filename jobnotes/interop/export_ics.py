"""``export ics``: reminders as an iCalendar file of all-day events.

Each event's UID is a hash of (kind, note, subject, due date): exporting again, or a
calendar app refreshing a subscription, updates the same events instead of adding
copies. A reminder whose due date moves becomes a new event, and the old one
disappears from the next export.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, datetime, time, timedelta

import icalendar

from jobnotes import __version__
from jobnotes.analysis.reminders import Reminder, reminders
from jobnotes.model import Vault

# Things to do, not facts to know: interviews are already in the user's calendar, and the
# gentle notes (cooling-off, applying again) are not tasks.
ICS_KINDS: tuple[str, ...] = (
    "feedback-request", "thank-you", "connect", "touch", "follow-up", "next-action",
    "post-mortem",
)
PRODID = f"-//jobnotes//jobnotes {__version__}//EN"


def event_uid(reminder: Reminder) -> str:
    """Stable across exports: the same reminder always gets the same UID."""
    key = "\x1f".join((reminder.kind, reminder.rel, reminder.subject, reminder.due.isoformat()))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@jobnotes"


def _event(reminder: Reminder, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", event_uid(reminder))
    event.add("dtstamp", stamp)
    event.add("dtstart", reminder.due)
    event.add("dtend", reminder.due + timedelta(days=1))
    event.add("summary", reminder.title)
    event.add("description", f"{reminder.detail}\n\nNote: {reminder.rel}")
    event.add("categories", [reminder.kind])
    event.add("transp", "TRANSPARENT")   # a reminder never blocks the day
    return event


def calendar(items: Iterable[Reminder], *, name: str, stamp: datetime) -> icalendar.Calendar:
    """A calendar with one all-day event per reminder of a kind in ``ICS_KINDS``."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    for reminder in items:
        if reminder.kind in ICS_KINDS:
            cal.add_component(_event(reminder, stamp))
    return cal


def export_ics(vault: Vault) -> bytes:
    """The vault's reminders for ``vault.today`` as iCalendar bytes (CRLF line ends).

    DTSTAMP is midnight UTC of ``vault.today``, so the same notes and day give the same
    bytes. ``serve`` can publish this at ``/calendar.ics``.
    """
    found = reminders(vault.applications, vault.people, vault.settings, vault.today)
    stamp = datetime.combine(vault.today, time(0, 0), tzinfo=UTC)
    cal = calendar(found, name=f"{vault.settings.title}: reminders", stamp=stamp)
    return cal.to_ical()
