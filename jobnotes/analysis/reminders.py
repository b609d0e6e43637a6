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
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from jobnotes.analysis.network import (
    _INTERVIEW_ROLES,
    LATE_LIMIT_DAYS,
    ContactIndex,
    Due,
    company_key,
    contact_index,
    contact_name,
    name_key,
    person_dues,
    window_days,
)
from jobnotes.analysis.postmortem import is_rejection, post_mortem
from jobnotes.analysis.stages import furthest_stage, last_activity, past_interviews
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

KINDS: tuple[str, ...] = (
    "cooling-off", "interview-upcoming", "feedback-request", "thank-you", "next-action",
    "follow-up", "post-mortem", "connect", "touch", "suggest-ghosted",
    "applied-in-cooling-off", "reapply",
)
# "info" reminders are gentle notes, not tasks: the agenda lists them apart.
URGENCIES: tuple[str, ...] = ("high", "normal", "low", "info")
NOTE_DAYS = 14                  # an application inside a cooling-off is noted this long
UPCOMING_DAYS = 7               # interviews and next actions this close are shown

# Kind prompts for the cooling-off, after the journaling advice in the reference text.
JOURNAL_PROMPTS: tuple[str, ...] = (
    "What am I feeling right now, and what do I need today?",
    "What would I tell a friend who had just received this news?",
    "Who could I talk this through with, without being judged?",
    "What is one kind thing I can do for myself today, away from the search?",
    "What did I do well in this process that I want to remember?",
)

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_OPEN_STATUSES = ("wishlist", "applied", "screening", "interviewing", "offer")


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

    @property
    def is_note(self) -> bool:
        return self.urgency == "info"

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
    text = f"{_DAY_NAMES[day.weekday()]} {day.day} {_MONTH_NAMES[day.month - 1]}"
    if today is not None and day.year != today.year:
        text += f" {day.year}"
    return text


def journal_prompt(day: date) -> str:
    """A prompt that stays the same for one rejection and varies between them."""
    return JOURNAL_PROMPTS[day.toordinal() % len(JOURNAL_PROMPTS)]


def sort_key(reminder: Reminder) -> tuple[object, ...]:
    return (reminder.due, URGENCIES.index(reminder.urgency), KINDS.index(reminder.kind),
            reminder.subject.casefold(), reminder.rel, reminder.title)


def cooling_off_window(app: Application, settings: Settings) -> tuple[date, date] | None:
    """(start, end) of the cooling-off after ``app``'s rejection; active while
    start <= today < end, so it is over on the end day itself."""
    if app.rejected is None or app.is_informational:
        return None
    days = window_days(settings.windows.cooling_off_hours)
    return app.rejected, app.rejected + timedelta(days=days)


def applied_in_cooling_off(apps: list[Application],
                           settings: Settings) -> list[tuple[Application, Application]]:
    """(application, rejection) pairs: the application went out inside the cooling-off
    window of another application's rejection (the latest such rejection). None when that
    rejection came the same day (``sent_after``): notes hold no times, so the application
    may have gone out before the rejection arrived."""
    # Every window lasts the same number of days, so the windows holding a date are those
    # starting in the ``days`` before it: a slice of the windows sorted by start.
    days = window_days(settings.windows.cooling_off_hours)
    # Sorted by start then path; of equal ones the first in ``apps`` order sorts last,
    # as ``max`` would pick it.
    windows = sorted(((w[0], r.rel, -n, r) for n, r in enumerate(apps)
                      if (w := cooling_off_window(r, settings)) is not None),
                     key=lambda item: item[:3])
    starts = [item[0] for item in windows]
    found = []
    for app in sorted(apps, key=lambda a: a.rel):
        if app.applied is None or app.is_informational:
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
        deadline = app.rejected + timedelta(
            days=window_days(settings.windows.feedback_request_hours))
        if (today - deadline).days <= LATE_LIMIT_DAYS:
            interviewed = bool(past_interviews(app, today))
            found.append(Reminder(
                "feedback-request", deadline, f"Ask {app.company} for feedback",
                f"Rejected on {day_label(app.rejected, today)}, {stage.after}; a short, "
                f"polite request by {day_label(deadline, today)} works best. "
                "Set feedback_requested once it is sent, or to none if there is no one "
                "to ask.",
                app.rel, app.title, "high" if interviewed else "normal", app.slug,
                since=app.rejected))
    review = post_mortem(app, today)
    if review.missing:
        # Due, and listed, once the cooling-off is over: analysis comes after processing.
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


def last_follow_up(app: Application, today: date) -> date | None:
    """The latest ``followed_up`` date on or before ``today``."""
    return max((d for d in app.followed_up if d <= today), default=None)


def stale_dates(app: Application, settings: Settings,
                today: date) -> tuple[date, date, date] | None:
    """(last sign of life, follow-up due, ghosted suggestion due) of an application.

    A follow-up sent (``followed_up``) restarts the follow-up window: the next one is due
    ``follow_up_days`` after it. Silence is the company's, so the ghosted suggestion still
    counts ``ghosted_days`` from the last real stage date; a late follow-up only gives the
    company one follow-up window to answer it before the suggestion comes.
    """
    last = last_activity(app, today)
    if last is None:
        return None
    windows = settings.windows
    sent = last_follow_up(app, today)
    restart = last if sent is None or sent < last else sent
    ghosted = last + timedelta(days=windows.ghosted_days)
    if sent is not None:
        ghosted = max(ghosted, sent + timedelta(days=windows.follow_up_days))
    return last, restart + timedelta(days=windows.follow_up_days), ghosted


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
    last, follow_up, ghosted = found
    if last in app.interviews:
        since = "the interview"
    elif last == app.screening:
        since = "the screening"
    else:
        since = "applying"
    news = f"No news for {(today - last).days} days since {since} on {day_label(last, today)}"
    sent = last_follow_up(app, today)
    if sent is not None and sent >= last:
        news += f"; you followed up on {day_label(sent, today)}"
    if follow_up <= today < ghosted:
        return [Reminder(
            "follow-up", follow_up, f"Follow up on {app.title}",
            f"{news}. Set followed_up once it is sent.",
            app.rel, app.title, "normal", app.slug,
            until=ghosted - timedelta(days=1), since=last)]
    if today >= ghosted and app.status != "ghosted":
        return [Reminder(
            "suggest-ghosted", ghosted, f"Mark {app.title} as ghosted?",
            f"{news}; set status: ghosted to close it and free your mind.",
            app.rel, app.title, "low", app.slug)]
    return []


def next_action_closed(app: Application, settings: Settings, today: date) -> bool:
    """Whether the application's end made its next action moot, so the agenda drops it.

    Withdrawn, declined or accepted: when it closed on or after the action's date (an
    action planned after the close, such as a thank-you to the recruiter, stays). Ghosted
    records no date: an action whose date has passed is dropped, one for today or later
    stays. Rejected: the action stays through the feedback and post-mortem period (until
    ``LATE_LIMIT_DAYS`` after the feedback request fell due, as long as that reminder is
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
        days = max(window_days(settings.windows.feedback_request_hours),
                   window_days(settings.windows.cooling_off_hours))
        end = app.rejected + timedelta(days=days + LATE_LIMIT_DAYS)
        return planned <= end < today
    return False


def _upcoming_reminders(app: Application, settings: Settings, today: date) -> list[Reminder]:
    found = []
    horizon = today + timedelta(days=UPCOMING_DAYS)
    rounds = sorted(app.interviews)
    for number, day in enumerate(rounds, start=1):
        if today <= day <= horizon and app.status in _OPEN_STATUSES:
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


# --- thank-you notes no person note asks for ---------------------------------------------

def interview_thank_yous(app: Application, people: Mapping[str, Collection[Person]],
                         settings: Settings, today: date) -> list[Reminder]:
    """Thank-yous for ``app``'s latest interview held that no person note asks for.

    A contact with a note (an interviewer, recruiter, hiring manager or one without a
    role; anyone on an informational interview) gets the person's own thank-you. Each
    contact without a note gets one by name; with neither, one for the round. They are
    done once ``followed_up`` is on or after the interview, due by the interview +
    ``thank_you_hours`` and dropped ``LATE_LIMIT_DAYS`` after that, like the others, or
    once the application is closed (after a rejection the feedback request says thanks).
    ``people``: the person notes of each ``name_key``.
    """
    held = past_interviews(app, today)
    if not held or app.status not in _OPEN_STATUSES or any(
            d is not None and d <= today for d in (app.rejected, app.withdrawn, app.declined)):
        return []
    day = held[-1]
    deadline = day + timedelta(days=window_days(settings.windows.thank_you_hours))
    if (today - deadline).days > LATE_LIMIT_DAYS or any(f >= day for f in app.followed_up):
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
            f"A short thank-you note after {when}. Set followed_up once it is sent; a "
            f"note {folder}/{name}.md would remind you of {name} by name (and take thanked).",
            app.rel, name, "high", app.slug, key=f"thanks:{name_key(name)}", since=day)
            for name in without]
    if any(app.is_informational or p.role in _INTERVIEW_ROLES for mine in notes for p in mine):
        return []
    event = "informational interview" if app.is_informational else f"interview (round {number})"
    return [Reminder(
        "thank-you", deadline, f"Send a thank-you for the {app.company} {event}",
        f"A short note to whoever you met, after {when}. Set followed_up once it is sent. "
        f"Add the interviewer to contacts, with a note in {folder}/, to be reminded by name.",
        app.rel, app.title, "high", app.slug, key="thanks", since=day)]


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
        if app.status not in _OPEN_STATUSES or app.is_informational:
            continue
        earlier = [
            e for e in closed.get(company_key(app.company), ())
            if e is not app and e.applied is not None
            and (app.applied is None or e.applied < app.applied)
        ]
        if not earlier:
            continue
        before = max(earlier, key=lambda e: (e.applied or date.min, e.rel))
        found.append(reapply_note(app, before, today))
    return found


def reapply_note(app: Application, before: Application, today: date) -> Reminder:
    """The note on ``app``, an open application to a company that rejected or ignored
    ``before``, the latest earlier application to it."""
    rejected = before.rejected is not None or before.status == "rejected"
    when = before.rejected or before.applied or today
    return Reminder(
        "reapply", app.applied or today, f"Applying again to {app.company}",
        f"{app.company} {'rejected you' if rejected else 'did not answer'} for {before.role} "
        f"({before.rel}, {day_label(when, today)}). {_reapply_advice(before, rejected, today)}",
        app.rel, app.title, "info", app.slug)


def _reapply_advice(before: Application, rejected: bool, today: date) -> str:
    """What the earlier application offers this time: only what its note holds."""
    if not rejected:
        return ("It got no answer then; a different way in (a referral, or a note to "
                "someone there) may get this one read.")
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
    """What is owed to ``person``: a thank-you, a connection, a periodic touch.

    A connection more than ``LATE_LIMIT_DAYS`` late is dropped, like a thank-you: the
    periodic touch covers an old contact."""
    return [_person_reminder(person, d, today)
            for d in person_dues(person, apps, settings, today, index)
            if d.kind != "connect" or (today - d.due).days <= LATE_LIMIT_DAYS]


# --- people ------------------------------------------------------------------------------

def _person_reminder(person: Person, due: Due, today: date) -> Reminder:
    name = person.name
    if due.kind == "thank-you":
        return Reminder(
            "thank-you", due.due, f"Thank {name}",
            f"A short thank-you note after {due.context} on {day_label(due.event, today)}, "
            f"by {day_label(due.due, today)}. Set thanked once it is sent.",
            person.rel, name, "high", person.slug, since=due.event)
    if due.kind == "connect":
        return Reminder(
            "connect", due.due, f"Connect with {name} on LinkedIn",
            f"You met on {day_label(due.event, today)}; mention something specific from "
            "the conversation. Set connected once done.",
            person.rel, name, "normal", person.slug, since=due.event)
    return Reminder(
        "touch", due.due, f"Check in with {name}",
        f"Last contact on {day_label(due.event, today)}: share an article or a short "
        "update, with no ask attached. Add the date to touches.",
        person.rel, name, "low", person.slug)


# --- everything --------------------------------------------------------------------------

def reminders(apps: list[Application], people: list[Person], settings: Settings,
              today: date) -> list[Reminder]:
    """Every reminder for ``today``, by due date, then urgency.

    Reminders past their due date stay (the agenda shows them as overdue) until the
    note records that they are done; a feedback request or a thank-you more than
    ``LATE_LIMIT_DAYS`` late is dropped, as it has stopped being useful, and so is a
    LinkedIn connection. Some are known
    before the agenda lists them (``Reminder.is_listed``): the calendar carries them.
    """
    found: list[Reminder] = []
    for app in sorted(apps, key=lambda a: a.rel):
        found += own_reminders(app, settings, today)
    found += _cooling_off_notes(apps, settings, today)
    found += _reapply_notes(apps, today)
    by_name: dict[str, list[Person]] = defaultdict(list)
    for person in people:
        by_name[name_key(person.name)].append(person)
    for app in sorted(apps, key=lambda a: a.rel):
        found += interview_thank_yous(app, by_name, settings, today)
    index = contact_index(apps)
    for person in sorted(people, key=lambda p: p.rel):
        found += person_reminders(person, apps, settings, today, index)
    from jobnotes.analysis.planned import merge_planned

    return merge_planned(sorted(found, key=sort_key), apps, today)
