"""Thank-you reminders: "Thank <name>" after an interview or a meeting.

A person note owes its own thank-you (``network.thank_you_due``, done once ``thanked``
is set). An interview whose contacts have no note gets one here instead, by name or for
the round, done once the application's ``followed_up`` is on or after the interview.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from datetime import date

from jobnotes.analysis.network import (
    INTERVIEWERS,
    MESSAGE_LATE_DAYS,
    Due,
    contact_name,
    is_too_late,
    message_deadline,
    name_key,
)
from jobnotes.analysis.reminder import OPEN_STATUSES, Reminder, day_label
from jobnotes.analysis.stages import past_interviews
from jobnotes.model import Application, Person
from jobnotes.settings import Settings


def person_thank_you(person: Person, due: Due, today: date) -> Reminder:
    """The reminder for ``due``, a thank-you a person note is owed (``thank_you_due``)."""
    name = person.name
    return Reminder(
        "thank-you", due.due, f"Thank {name}",
        f"A short thank-you note after {due.context} on {day_label(due.event, today)}, "
        f"by {day_label(due.due, today)}. Set thanked once it is sent.",
        person.rel, name, "high", person.slug, since=due.event)


def interview_thank_yous(app: Application, people: Mapping[str, Collection[Person]],
                         settings: Settings, today: date) -> list[Reminder]:
    """Thank-yous for ``app``'s latest interview held that no person note asks for.

    A contact with a note (an interviewer, a hiring manager or one without a
    role; anyone on an informational interview) gets the person's own thank-you. Each
    contact without a note gets one by name; with neither, one for the round. They are
    done once ``followed_up`` is on or after the interview, due by the interview +
    ``thank_you_hours`` and dropped ``MESSAGE_LATE_DAYS`` after that, like the others, or
    once the application is closed (after a rejection the feedback request says thanks).
    ``people``: the person notes of each ``name_key``.
    """
    held = past_interviews(app, today)
    if not held or app.status not in OPEN_STATUSES or any(
            d is not None and d <= today for d in (app.rejected, app.withdrawn, app.declined)):
        return []
    day = held[-1]
    deadline = message_deadline(day, settings.windows.thank_you_hours)
    if is_too_late(deadline, today, MESSAGE_LATE_DAYS) or any(f >= day for f in app.followed_up):
        return []
    names = list(dict.fromkeys(n for n in map(contact_name, app.contacts) if n))
    notes = [people.get(name_key(n), ()) for n in names]
    without = [n for n, mine in zip(names, notes, strict=True) if not mine]
    number = sorted(app.interviews).index(day) + 1
    what = ("the informational interview" if app.is_informational
            else f"the interview for {app.title} (round {number})")
    when = f"{what} on {day_label(day, today)}, by {day_label(deadline, today)}"
    folder = settings.folders.people
    if without:
        return [Reminder(
            "thank-you", deadline, f"Thank {name}",
            f"A short thank-you note after {when}. Add the date to this application's "
            f"followed_up once it is sent; a note {folder}/{name}.md would remind you of "
            f"{name} by name (and take thanked).",
            app.rel, name, "high", app.slug, key=f"thanks:{name_key(name)}", since=day)
            for name in without]
    if any(app.is_informational or p.role in INTERVIEWERS for mine in notes for p in mine):
        return []
    event = "informational interview" if app.is_informational else f"interview (round {number})"
    return [Reminder(
        "thank-you", deadline, f"Send a thank-you for the {app.company} {event}",
        f"A short note to whoever you met, after {when}. Add the date to this "
        "application's followed_up once it is sent. Add the interviewer to contacts, with "
        f"a note in {folder}/, to be reminded by name.",
        app.rel, app.title, "high", app.slug, key="thanks", since=day)]


def unnoted_thank_yous(apps: list[Application], people: list[Person], settings: Settings,
                       today: date) -> list[Reminder]:
    """``interview_thank_yous`` of every application, in note order."""
    by_name: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        by_name[name_key(person.name)].append(person)
    found: list[Reminder] = []
    for app in sorted(apps, key=lambda a: a.rel):
        found += interview_thank_yous(app, by_name, settings, today)
    return found
