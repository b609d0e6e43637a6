"""``export ics``: reminders as an iCalendar file of all-day events.

Each event's UID is a hash of the reminder's ``ident``: its kind, the note's vault path
and, where a note has several reminders of one kind, what tells them apart (an
interview's round). The suggestion to mark a silent application ghosted takes the UID of
its follow-up, which it replaces on the same note. Not the due date, not the wording:
when a note moves a date or renames its role, exporting again (or a calendar app
refreshing a subscription) moves and renames the same event instead of adding a copy.
A reminder that is done drops out of the next export.

The only date the file depends on is ``--today``: DTSTAMP and LAST-MODIFIED are its
midnight UTC, and SEQUENCE is its day number (days since 1970-01-01). So the same notes
on the same day give the same bytes, and an export made on a later day is a newer
revision of every event, which calendar apps that import files (and compare SEQUENCE,
then DTSTAMP, as RFC 5546 orders revisions) take over the older one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

import icalendar

from jobnotes import __version__
from jobnotes.analysis.reminders import Reminder, reminders
from jobnotes.model import Vault

# Things to do, not facts to know: interviews are already in the user's calendar, and the
# gentle notes (cooling-off, applying again) are not tasks.
ICS_KINDS: tuple[str, ...] = (
    "feedback-request", "thank-you", "connect", "touch", "follow-up", "suggest-ghosted",
    "next-action", "post-mortem", "withdraw",
)
# One silent application, one event: on the day its follow-up turns into the suggestion
# to mark it ghosted (or back, after a follow-up is sent), the same event changes.
_SAME_EVENT = {"suggest-ghosted": "follow-up"}
PRODID = f"-//jobnotes//jobnotes {__version__}//EN"
_EPOCH = date(1970, 1, 1)


def event_uid(reminder: Reminder, occurrence: int = 1) -> str:
    """Stable across exports and edits: the same reminder of the same note always gets
    the same UID, whatever its date or wording. ``occurrence`` > 1 only for a reminder
    whose ``ident`` an earlier one in the same calendar already has."""
    kind, rel, key = reminder.ident
    parts = [_SAME_EVENT.get(kind, kind), rel, key]
    if occurrence > 1:
        parts.append(str(occurrence))
    key = "\x1f".join(parts)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@jobnotes"


def sequence(stamp: datetime) -> int:
    """The revision number of every event exported at ``stamp``: its day number."""
    return (stamp.date() - _EPOCH).days


def _event(reminder: Reminder, uid: str, stamp: datetime) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", sequence(stamp))
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
    seen: dict[tuple[str, str, str], int] = {}
    for reminder in items:
        if reminder.kind in ICS_KINDS:
            # Two notes at one path (a vault with a clash) must still give distinct UIDs.
            kind, rel, key = reminder.ident
            ident = (_SAME_EVENT.get(kind, kind), rel, key)
            seen[ident] = occurrence = seen.get(ident, 0) + 1
            cal.add_component(_event(reminder, event_uid(reminder, occurrence), stamp))
    return cal


def export_ics(vault: Vault) -> bytes:
    """The vault's reminders for ``vault.today`` as iCalendar bytes (CRLF line ends).

    Its only date is ``vault.today`` (see the module's doc), so the same notes and day
    give the same bytes. ``serve`` can publish this at ``/calendar.ics``.
    """
    found = reminders(vault.applications, vault.people, vault.settings, vault.today)
    stamp = datetime.combine(vault.today, time(0, 0), tzinfo=UTC)
    cal = calendar(found, name=f"{vault.settings.title}: reminders", stamp=stamp)
    return cal.to_ical()
