"""Reminders: what the notes say is due, computed from the dates and ``today``.

Windows given in hours are counted in whole days, since notes hold dates, not times:
a window of ``h`` hours starting on day D lasts ``ceil(h / 24)`` days and ends on
``D + ceil(h / 24)``. On that end day the cooling-off is over, and it is the last day
a feedback request or a thank-you note is still on time (due "today", not overdue).
Everywhere a cooling-off is worded, its last day is the day before that end day
("through Friday 27 November").

A reminder is known by its ``ident``: its kind, the note it is about and, for a kind a
note can have several of (one per interview round), a ``key`` telling them apart. The
due date and the wording are not part of it, so a calendar event follows a reminder
whose date or text changes instead of being replaced by a new one.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta

from jobnotes.analysis.feedback import request_due, too_late_to_ask
from jobnotes.analysis.network import (
    MESSAGE_LATE_DAYS,
    ContactIndex,
    Due,
    company_key,
    contact_index,
    linked_applications,
    person_dues,
    window_days,
)
from jobnotes.analysis.postmortem import is_rejection, post_mortem, post_mortem_too_late
from jobnotes.analysis.reminder import KINDS as KINDS
from jobnotes.analysis.reminder import OPEN_STATUSES, Reminder, day_label
from jobnotes.analysis.reminder import URGENCIES as URGENCIES
from jobnotes.analysis.reminder import sort_key as sort_key
from jobnotes.analysis.stages import (
    News,
    furthest_stage,
    ghosted_from,
    last_follow_up,
    last_news,
    past_interviews,
)
from jobnotes.analysis.thank_yous import person_thank_you, unnoted_thank_yous
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

# A gentle note (applied inside a cooling-off, applying again) is listed this long after
# the application went out: a word at the time, not a daily reminder.
NOTE_DAYS = 3
UPCOMING_DAYS = 7               # interviews and next actions this close are shown

# Kind prompts for the cooling-off, after the journaling advice in the reference text.
JOURNAL_PROMPTS: tuple[str, ...] = (
    "What am I feeling right now, and what do I need today?",
    "What would I tell a friend who had just received this news?",
    "Who could I talk this through with, without being judged?",
    "What is one kind thing I can do for myself today, away from the search?",
    "What did I do well in this process that I want to remember?",
)

def journal_prompt(day: date) -> str:
    """A prompt that stays the same for one rejection and varies between them."""
    return JOURNAL_PROMPTS[day.toordinal() % len(JOURNAL_PROMPTS)]


def cooling_off_window(app: Application, settings: Settings) -> tuple[date, date] | None:
    """(start, end) of the cooling-off after ``app``'s rejection; active while
    start <= today < end, so it is over on the end day itself."""
    if app.rejected is None or app.is_informational:
        return None
    days = window_days(settings.windows.cooling_off_hours)
    return app.rejected, app.rejected + timedelta(days=days)


def applied_in_cooling_off(apps: list[Application], settings: Settings, *,
                           applied_since: date | None = None,
                           ) -> list[tuple[Application, Application]]:
    """(application, rejection) pairs: the application went out inside the cooling-off
    window of another application's rejection (the latest such rejection). None when that
    rejection came the same day (``sent_after``): notes hold no times, so the application
    may have gone out before the rejection arrived. ``applied_since``: only the
    applications sent on that day or later."""
    # Every window lasts the same number of days, so the windows holding a date are those
    # starting in the ``days`` before it: a slice of the windows sorted by start.
    days = window_days(settings.windows.cooling_off_hours)
    # No window starting this early can hold an application of ``applied_since`` or later.
    earliest = (applied_since - timedelta(days=days) if applied_since is not None
                else date.min)
    # Sorted by start then path; of equal ones the first in ``apps`` order sorts last,
    # as ``max`` would pick it.
    windows = sorted(((w[0], r.rel, -n, r) for n, r in enumerate(apps)
                      if (w := cooling_off_window(r, settings)) is not None
                      and w[0] >= earliest),
                     key=lambda item: item[:3])
    starts = [item[0] for item in windows]
    found = []
    for app in sorted(apps, key=lambda a: a.rel):
        if (app.applied is None or app.is_informational
                or (applied_since is not None and app.applied < applied_since)):
            continue
        first = bisect_right(starts, app.applied - timedelta(days=days))
        last = bisect_right(starts, app.applied)
        latest = next((windows[i][3] for i in range(last - 1, first - 1, -1)
                       if windows[i][3] is not app), None)
        if latest is not None and sent_after(app, latest):
            found.append((app, latest))
    return found


def sent_after(app: Application, rejection: Application) -> bool:
    """Whether ``app`` went out on a later day than ``rejection`` came."""
    return (app.applied is not None and rejection.rejected is not None
            and app.applied > rejection.rejected)


# --- after a rejection -------------------------------------------------------------------

def _rejection_reminders(app: Application, settings: Settings, today: date) -> list[Reminder]:
    window = cooling_off_window(app, settings)
    if window is None or app.rejected is None or app.rejected > today:
        return []
    start, end = window
    found = []
    stage = furthest_stage(app, today)
    if today < end:
        last = end - timedelta(days=1)
        found.append(Reminder(
            "cooling-off", start, f"Cooling-off after {app.title}",
            f"Give yourself time to process this; no new applications needed through "
            f"{day_label(last, today)}. Journal: {journal_prompt(start)}",
            app.rel, app.title, "normal", app.slug, until=last))
    # ``feedback_requested: none`` says there is no one to ask (a no-reply address).
    if (app.feedback_requested is None and app.feedback_received is None
            and not app.feedback_not_possible):
        deadline = request_due(app, settings)
        if deadline is not None and not too_late_to_ask(app, settings, today):
            interviewed = bool(past_interviews(app, today))
            found.append(Reminder(
                "feedback-request", deadline, f"Ask {app.company} for feedback",
                f"Rejected on {day_label(app.rejected, today)}, {stage.after}; "
                + (f"a short, polite request by {day_label(deadline, today)} works best. "
                   if today <= deadline else
                   "a short, polite request is still worth sending, the sooner the better. ")
                + "Set feedback_requested once it is sent, or to none if there is no one "
                "to ask.",
                app.rel, app.title, "high" if interviewed else "normal", app.slug,
                since=app.rejected))
    review = post_mortem(app, today)
    if review.missing and not post_mortem_too_late(end, today):
        # Due, and listed, once the cooling-off is over: analysis comes after processing;
        # dropped ``POST_MORTEM_LIMIT_DAYS`` after that.
        found.append(Reminder(
            "post-mortem", end, f"Write the post-mortem for {app.title}",
            f"Missing: {', '.join(review.missing)}.",
            app.rel, app.title, "normal", app.slug, listed_from=end))
    return found


# --- stale and upcoming ------------------------------------------------------------------

def _is_silent(app: Application, today: date) -> bool:
    """Open, nothing scheduled, and no outcome recorded.

    Informational interviews are conversations, not applications: they never go stale.
    """
    if app.is_informational or app.status not in ("applied", "screening", "interviewing"):
        return False
    if any(getattr(app, key) is not None
           for key in ("offer", "rejected", "withdrawn", "accepted", "declined")):
        return False
    upcoming = any(d > today for d in app.interviews)
    return not upcoming and not (app.screening is not None and app.screening > today)


def stale_dates(app: Application, settings: Settings,
                today: date) -> tuple[News, date, date] | None:
    """(last sign of life, follow-up due, ghosted suggestion due) of an application.

    A follow-up sent (``followed_up``) restarts the follow-up window: the next one is due
    ``follow_up_days`` after it. The ghosted suggestion comes on ``ghosted_from``, the day
    the dashboard counts the application as ghosted.
    """
    news = last_news(app, today)
    ghosted = ghosted_from(app, settings, today)
    if news is None or ghosted is None:
        return None
    sent = last_follow_up(app, today)
    restart = news.day if sent is None or sent < news.day else sent
    return news, restart + timedelta(days=settings.windows.follow_up_days), ghosted


def _stale_reminders(app: Application, settings: Settings, today: date) -> list[Reminder]:
    """A follow-up after ``follow_up_days`` of silence, a ghosted suggestion after
    ``ghosted_days`` (see ``stale_dates``); neither while ``next_action_date`` is today or
    later (the next move is the user's, such as an exercise to send back). They come back
    after that date, counted from the last sign of life as before."""
    if not _is_silent(app, today):
        return []
    if app.next_action_date is not None and app.next_action_date >= today:
        return []
    found = stale_dates(app, settings, today)
    if found is None:
        return []
    news, follow_up, ghosted = found
    last = news.day
    text = (f"No news for {(today - last).days} days since {news.event} on "
            f"{day_label(last, today)}")
    sent = last_follow_up(app, today)
    if sent is not None and sent >= last and not news.is_follow_up:
        text += f"; you last wrote to them on {day_label(sent, today)}"
    if today < follow_up <= today + timedelta(days=UPCOMING_DAYS) and follow_up < ghosted:
        # Coming: the next 7 days show it, as they show interviews and thank-yous.
        since, event = (sent, "you last wrote to them") if sent is not None and sent >= last else (
            last, news.event)
        after = f"{(follow_up - since).days} days after {event} on {day_label(since, today)}"
        return [Reminder(
            "follow-up", follow_up, f"Follow up on {app.title}",
            f"{after[:1].upper()}{after[1:]}, if no news comes first. Set followed_up once "
            "it is sent.",
            app.rel, app.title, "normal", app.slug,
            until=ghosted - timedelta(days=1), since=last)]
    if follow_up <= today < ghosted:
        return [Reminder(
            "follow-up", follow_up, f"Follow up on {app.title}",
            f"{text}. Set followed_up once it is sent.",
            app.rel, app.title, "normal", app.slug,
            until=ghosted - timedelta(days=1), since=last)]
    if today >= ghosted and app.status != "ghosted":
        return [Reminder(
            "suggest-ghosted", ghosted, f"Mark {app.title} as ghosted?",
            f"{text}; set status: ghosted to close it and free your mind.",
            app.rel, app.title, "low", app.slug)]
    return []


def next_action_closed(app: Application, settings: Settings, today: date) -> bool:
    """Whether the application's end made its next action moot, so the agenda drops it.

    Withdrawn, declined or accepted: when it closed on or after the action's date (an
    action planned after the close, such as a thank-you to the recruiter, stays). Ghosted
    records no date: an action whose date has passed is dropped, one for today or later
    stays. Rejected: the action stays through the feedback and post-mortem period (until
    ``MESSAGE_LATE_DAYS`` after the feedback request fell due, as long as that reminder is
    shown); after it, an action dated inside that period is dropped.
    """
    planned = app.next_action_date
    if planned is None:
        return False
    if app.status in ("withdrawn", "declined", "accepted"):
        closed = getattr(app, app.status)
        if closed is None:
            return planned < today
        return planned <= closed <= today
    if app.status == "ghosted":
        return planned < today
    if app.status == "rejected":
        if app.rejected is None:
            return planned < today
        asked_by = request_due(app, settings) or app.rejected
        cooled = app.rejected + timedelta(days=window_days(settings.windows.cooling_off_hours))
        end = max(asked_by, cooled) + timedelta(days=MESSAGE_LATE_DAYS)
        return planned <= end < today
    return False


def _upcoming_reminders(app: Application, settings: Settings, today: date) -> list[Reminder]:
    found = []
    horizon = today + timedelta(days=UPCOMING_DAYS)
    rounds = sorted(app.interviews)
    for number, day in enumerate(rounds, start=1):
        if today <= day <= horizon and app.status in OPEN_STATUSES:
            found.append(Reminder(
                "interview-upcoming", day, f"Interview with {app.company}",
                f"Round {number} for {app.role} on {day_label(day, today)}.",
                app.rel, app.title, "high" if (day - today).days <= 1 else "normal",
                app.slug, key=f"round-{number}"))
    if (app.next_action_date is not None and app.next_action_date <= horizon
            and not next_action_closed(app, settings, today)):
        text = (app.next_action or "").strip()
        found.append(Reminder(
            "next-action", app.next_action_date, text or f"Next step for {app.title}",
            f"{app.title}, planned for {day_label(app.next_action_date, today)}.",
            app.rel, app.title, "normal", app.slug))
    return found


# --- gentle notes ------------------------------------------------------------------------

def _cooling_off_notes(apps: list[Application], settings: Settings,
                       today: date) -> list[Reminder]:
    found = []
    for app, rejection in applied_in_cooling_off(apps, settings):
        note = cooling_off_note(app, rejection, today)
        if note is not None:
            found.append(note)
    return found


def cooling_off_note(app: Application, rejection: Application,
                     today: date) -> Reminder | None:
    """The gentle note on ``app``, sent inside the cooling-off after ``rejection``
    (as ``applied_in_cooling_off`` pairs them); None once it is old news."""
    if app.applied is None or rejection.rejected is None or not sent_after(app, rejection):
        return None
    if not today - timedelta(days=NOTE_DAYS) <= app.applied <= today:
        return None
    return Reminder(
        "applied-in-cooling-off", app.applied, "Applied during a cooling-off",
        f"{app.title} went out on {day_label(app.applied, today)}, soon after the "
        f"rejection from {rejection.company} ({day_label(rejection.rejected, today)}). "
        "That is all right; next time a day or two of rest first may serve you better.",
        app.rel, app.title, "info", app.slug)


def _reapply_notes(apps: list[Application], today: date) -> list[Reminder]:
    found = []
    # Earlier applications that ended badly, by company: each note is compared only with
    # the notes about the same company.
    closed: dict[str, list[Application]] = defaultdict(list)
    for e in apps:
        if (not e.is_informational and e.applied is not None
                and (e.rejected is not None or e.status in ("rejected", "ghosted"))):
            closed[company_key(e.company)].append(e)
    for app in sorted(apps, key=lambda a: a.rel):
        if app.status not in OPEN_STATUSES or app.is_informational:
            continue
        earlier = [
            e for e in closed.get(company_key(app.company), ())
            if e is not app and e.applied is not None
            and (app.applied is None or e.applied < app.applied)
        ]
        if not earlier:
            continue
        before = max(earlier, key=lambda e: (e.applied or date.min, e.rel))
        note = reapply_note(app, before, today)
        if note is not None:
            found.append(note)
    return found


def reapply_note(app: Application, before: Application, today: date) -> Reminder | None:
    """The note on ``app``, an open application to a company that rejected or ignored
    ``before``, the latest earlier application to it; None once ``app`` went out more
    than ``NOTE_DAYS`` ago (a word while applying, not a daily reminder)."""
    if app.applied is not None and app.applied < today - timedelta(days=NOTE_DAYS):
        return None
    rejected = before.rejected is not None or before.status == "rejected"
    if before.rejected is not None:
        when = f"on {day_label(before.rejected, today)}"
    else:
        when = f"after you applied on {day_label(before.applied or today, today)}"
    return Reminder(
        "reapply", app.applied or today, f"Applying again to {app.company}",
        f"{app.company} {'rejected you' if rejected else 'did not answer'} for {before.role} "
        f"{when}. {_reapply_advice(before, rejected, today)}",
        app.rel, app.title, "info", app.slug)


def _reapply_advice(before: Application, rejected: bool, today: date) -> str:
    """What the earlier application offers this time: only what its note holds."""
    if not rejected:
        return ("A different way in this time (a referral, or a note to someone there) "
                "may get this one read.")
    held = [name for name, has in (
        ("feedback", before.feedback_received is not None),
        ("post-mortem", post_mortem(before, today).started)) if has]
    if held:
        return f"Its {' and '.join(held)} may help this time."
    return "Say what has changed since then; a post-mortem of that one may help first."


def own_reminders(app: Application, settings: Settings, today: date) -> list[Reminder]:
    """The reminders about ``app`` that depend on no other note."""
    found = _rejection_reminders(app, settings, today) if is_rejection(app) else []
    found += _stale_reminders(app, settings, today)
    found += _upcoming_reminders(app, settings, today)
    return found


def person_reminders(person: Person, apps: list[Application], settings: Settings,
                     today: date, index: ContactIndex | None = None) -> list[Reminder]:
    """What is owed to ``person``: a thank-you, a connection, a periodic touch, as the
    network page lists them (``person_dues``)."""
    return [_person_reminder(person, d, apps, today, index)
            for d in person_dues(person, apps, settings, today, index)]


# --- people ------------------------------------------------------------------------------

def _person_reminder(person: Person, due: Due, apps: list[Application], today: date,
                     index: ContactIndex | None) -> Reminder:
    name = person.name
    if due.kind == "thank-you":
        found = person_thank_you(person, due, today)
        app = _interviewed_in(person, due, apps, today, index)
        return replace(found, app_rel=app.rel) if app is not None else found
    if due.kind == "connect":
        return Reminder(
            "connect", due.due, f"Connect with {name} on LinkedIn",
            ("You met on " if due.context == "meeting" else f"You met at {due.context} on ")
            + f"{day_label(due.event, today)}; mention something specific from "
            "the conversation. Set connected once done.",
            person.rel, name, "normal", person.slug, since=due.event)
    return Reminder(
        "touch", due.due, f"Check in with {name}",
        f"Last contact on {day_label(due.event, today)}: share an article or a short "
        "update, with no ask attached. Add the date to touches.",
        person.rel, name, "low", person.slug)


def _interviewed_in(person: Person, due: Due, apps: list[Application], today: date,
                    index: ContactIndex | None) -> Application | None:
    """The application whose interview a thank-you ``due`` follows, if it follows one: a
    linked application that held an interview that day, named by ``due.context``."""
    for app in linked_applications(person, apps, index):
        if (due.context == f"the interview for {app.title}"
                and due.event in past_interviews(app, today)):
            return app
    return None


# --- everything --------------------------------------------------------------------------

def reminders(apps: list[Application], people: list[Person], settings: Settings,
              today: date) -> list[Reminder]:
    """Every reminder for ``today``, by due date, then urgency.

    Reminders past their due date stay (the agenda shows them as overdue) until the
    note records that they are done; a feedback request or a thank-you more than
    ``MESSAGE_LATE_DAYS`` late is dropped, as it has stopped being useful, and so is a
    LinkedIn connection ``LATE_LIMIT_DAYS`` late; a post-mortem more than
    ``POST_MORTEM_LIMIT_DAYS`` late, too (``postmortem.post_mortem_too_late``). Some are known
    before the agenda lists them (``Reminder.is_listed``): the calendar carries them.
    """
    found: list[Reminder] = []
    for app in sorted(apps, key=lambda a: a.rel):
        found += own_reminders(app, settings, today)
    found += _cooling_off_notes(apps, settings, today)
    found += _reapply_notes(apps, today)
    found += unnoted_thank_yous(apps, people, settings, today)
    index = contact_index(apps)
    for person in sorted(people, key=lambda p: p.rel):
        found += person_reminders(person, apps, settings, today, index)
    from jobnotes.analysis.accepted import after_acceptance
    from jobnotes.analysis.planned import merge_planned

    return after_acceptance(merge_planned(sorted(found, key=sort_key), apps, today), apps,
                            today)
