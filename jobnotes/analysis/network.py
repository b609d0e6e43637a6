"""Contacts: when each was last in touch, what is due for them, who is going cold, the
networking conversations held, and who you know at each company.

A contact's dates are the person note's own (``met``, ``thanked``, ``connected``,
``touches``, ``informational``) plus the interview dates of every application listing
them in ``contacts``. Dates after ``today`` have not happened yet and are ignored.

Going cold means no contact for more than ``windows.touch_days``. A contact whose touch
falls due within ``COOLING_MARGIN_DAYS`` is "almost due": shown as such, never counted
as going cold.
"""

from __future__ import annotations

import functools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from jobnotes.analysis.stages import past_interviews
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

COOLING_MARGIN_DAYS = 14        # a touch is "almost due" this many days before it is due
# A LinkedIn connection this late is no longer worth a reminder (the periodic touch covers
# an old contact): see ``is_too_late``.
LATE_LIMIT_DAYS = 30
# A thank-you or a feedback request belongs to the days right after the interview or the
# rejection: two weeks late, it reads oddly and is rarely answered, so it is dropped sooner.
MESSAGE_LATE_DAYS = 14
# People on the company's side of an application: thanked after an interview they took
# part in (a referrer or mentor was not there), and not networking on its interview days.
_INTERVIEW_ROLES = (None, "recruiter", "hiring-manager", "interviewer")
# Of those, the people in the interview itself, owed a thank-you after it; a recruiter
# is thanked after meeting them (``met``), not after every round they arranged.
INTERVIEWERS = (None, "hiring-manager", "interviewer")


def window_days(hours: int) -> int:
    """The whole days a window given in hours spans: 48 h -> 2, 36 h -> 2, 0 h -> 0.

    A window of n days starting on day D covers D .. D + n - 1 and ends on D + n.
    """
    return max(0, math.ceil(hours / 24))


def message_deadline(event: date, hours: int) -> date:
    """The last good day for a message owed ``hours`` after ``event`` (a thank-you, a
    feedback request): a deadline falling on a Saturday or Sunday moves to the Monday,
    when it is read anyway, so a Friday interview is not owed a weekend email."""
    deadline = event + timedelta(days=window_days(hours))
    while deadline.weekday() >= 5:
        deadline += timedelta(days=1)
    return deadline


def is_too_late(due: date, today: date, limit: int = LATE_LIMIT_DAYS) -> bool:
    """Whether something due on ``due`` is more than ``limit`` days late by ``today``:
    the agenda and the network page then drop it."""
    return (today - due).days > limit


def contact_name(raw: str) -> str:
    """"[[people/Bob Smith|Bob]]" -> "Bob Smith": the note name a contact entry names."""
    name = raw.strip().removeprefix("[[").removesuffix("]]")
    name = name.split("|", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1]
    return " ".join(name.split())


def name_key(name: str) -> str:
    """How a contact name compares: "[[Jane Doe|Jane]]" and "jane doe" are the same."""
    return contact_name(name).casefold()


def company_key(company: str) -> str:
    return " ".join(company.split()).casefold()


# Contact name key -> the applications listing that contact, in note order.
ContactIndex = Mapping[str, tuple[Application, ...]]


def contact_index(apps: Iterable[Application]) -> ContactIndex:
    """Who each application lists, read once: pass it to the functions below that take
    ``index`` when asking about many people, so each question is a look-up."""
    found: dict[str, list[Application]] = defaultdict(list)
    for app in sorted(apps, key=lambda a: a.rel):
        for key in dict.fromkeys(name_key(c) for c in app.contacts):
            found[key].append(app)
    return {key: tuple(listed) for key, listed in found.items()}


def linked_applications(person: Person, apps: list[Application],
                        index: ContactIndex | None = None) -> list[Application]:
    """The applications listing ``person`` in ``contacts``, in note order.

    ``index``: ``contact_index(apps)``, when the caller has it already.
    """
    index = index if index is not None else contact_index(apps)
    return list(index.get(name_key(person.name), ()))


def contact_dates(person: Person, apps: list[Application], today: date,
                  index: ContactIndex | None = None) -> list[date]:
    """Every date on or before ``today`` when you were in touch with ``person``, sorted."""
    dates = [d for d in (person.met, person.thanked, person.connected, person.informational)
             if d is not None]
    dates += person.touches
    for app in linked_applications(person, apps, index):
        dates += past_interviews(app, today)
    return sorted(d for d in dates if d <= today)


def last_contact(person: Person, apps: list[Application], today: date,
                 index: ContactIndex | None = None) -> date | None:
    return max(contact_dates(person, apps, today, index), default=None)


@dataclass(frozen=True, slots=True)
class Due:
    """Something owed to a contact: a thank-you, a LinkedIn connection, a periodic touch."""

    kind: str                 # "thank-you", "connect" or "touch"
    due: date                 # the last good day (thank-you) or the day it becomes due
    event: date               # what it follows: the meeting, the interview, the last contact
    context: str              # "the interview for Acme — Analyst", "meeting", "last contact"


def _meetings(person: Person, apps: list[Application], today: date,
              index: ContactIndex | None = None) -> list[tuple[date, str]]:
    """Every time you met ``person`` up to ``today``: ``met``, the informational interview,
    and (an interviewer's) the interviews of the applications listing them."""
    events: list[tuple[date, str]] = []
    if person.met is not None:
        events.append((person.met, "meeting"))
    if person.informational is not None:
        events.append((person.informational, "the informational interview"))
    if person.role in INTERVIEWERS:
        for app in linked_applications(person, apps, index):
            events += [(d, f"the interview for {app.title}") for d in past_interviews(app, today)]
    return [e for e in events if e[0] <= today]


def _thank_you_event(person: Person, apps: list[Application], today: date,
                     index: ContactIndex | None = None) -> tuple[date, str] | None:
    return max(_meetings(person, apps, today, index), default=None)


def thank_you_due(person: Person, apps: list[Application], settings: Settings,
                  today: date, index: ContactIndex | None = None) -> Due | None:
    """A thank-you owed for the latest meeting or interview, until ``thanked`` >= its date.

    Due by event + ``thank_you_hours`` (in whole days, a weekend deadline on the Monday:
    ``message_deadline``); dropped once it is more than
    ``MESSAGE_LATE_DAYS`` late.
    """
    event = _thank_you_event(person, apps, today, index)
    if event is None:
        return None
    when, context = event
    if person.thanked is not None and person.thanked >= when:
        return None
    deadline = message_deadline(when, settings.windows.thank_you_hours)
    if is_too_late(deadline, today, MESSAGE_LATE_DAYS):
        return None
    return Due("thank-you", deadline, when, context)


def thank_you_on_time(person: Person, apps: list[Application], settings: Settings,
                      today: date, index: ContactIndex | None = None) -> bool | None:
    """Whether the latest thank-you was sent in its window; None while still pending
    (or when there was nothing to thank for)."""
    event = _thank_you_event(person, apps, today, index)
    if event is None:
        return None
    deadline = message_deadline(event[0], settings.windows.thank_you_hours)
    if person.thanked is not None and person.thanked >= event[0]:
        return person.thanked <= deadline
    return False if today > deadline else None


def connect_due(person: Person, settings: Settings, today: date,
                apps: list[Application] | None = None,
                index: ContactIndex | None = None) -> Due | None:
    """A LinkedIn connection ``connect_days`` after first meeting, until ``connected`` is
    set. A first meeting is ``met``, an informational interview or (for an interviewer or
    hiring manager) an interview of an application listing them.

    Dropped once it is more than ``LATE_LIMIT_DAYS`` late: the periodic touch covers an
    old contact."""
    if person.connected is not None:
        return None
    first = min(_meetings(person, apps or [], today, index), default=None)
    if first is None:
        return None
    due = first[0] + timedelta(days=settings.windows.connect_days)
    if is_too_late(due, today):
        return None
    return Due("connect", due, first[0], first[1])


def next_touch(last: date, settings: Settings) -> date:
    """When the periodic touch after a contact on ``last`` falls due: ``touch_days`` later.

    A contact on that day is still on time; from the day after, the contact is going cold.
    """
    return last + timedelta(days=settings.windows.touch_days)


def touch_due(person: Person, apps: list[Application], settings: Settings,
              today: date, index: ContactIndex | None = None) -> Due | None:
    """The next periodic touch: ``touch_days`` after the last contact of any kind.

    Everyone with at least one contact date gets one, whatever their role.
    """
    last = last_contact(person, apps, today, index)
    if last is None:
        return None
    return Due("touch", next_touch(last, settings), last, "last contact")


def person_dues(person: Person, apps: list[Application], settings: Settings,
                today: date, index: ContactIndex | None = None) -> tuple[Due, ...]:
    index = index if index is not None else contact_index(apps)
    dues = (thank_you_due(person, apps, settings, today, index),
            connect_due(person, settings, today, apps, index),
            touch_due(person, apps, settings, today, index))
    return tuple(sorted((d for d in dues if d is not None), key=lambda d: (d.due, d.kind)))


# --- per person --------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AppRef:
    rel: str
    slug: str
    title: str
    company: str
    status: str


def app_ref(app: Application) -> AppRef:
    return AppRef(app.rel, app.slug, app.title, app.company, app.status)


@dataclass(frozen=True, slots=True)
class Contact:
    """One person with their contact history and what is owed to them."""

    name: str
    rel: str
    slug: str
    company: str | None
    role: str | None
    email: str | None
    last_contact: date | None
    days_since: int | None
    warmth: str                          # "warm", "cooling" (a touch almost due), "cold"
                                         # (past touch_days) or "unknown" (no dates)
    due: tuple[Due, ...]                 # pending, earliest first
    applications: tuple[AppRef, ...]

    @property
    def going_cold(self) -> bool:
        """No contact for more than ``touch_days``: the touch is overdue."""
        return self.warmth == "cold"

    @property
    def almost_due(self) -> bool:
        """The touch falls due within ``COOLING_MARGIN_DAYS``; not going cold yet."""
        return self.warmth == "cooling"


def warmth(days_since: int | None, touch_days: int) -> str:
    """Cold after more than ``touch_days`` without contact; "cooling" (a touch almost due)
    in the ``COOLING_MARGIN_DAYS`` before."""
    if days_since is None:
        return "unknown"
    if days_since > touch_days:
        return "cold"
    if days_since >= touch_days - COOLING_MARGIN_DAYS:
        return "cooling"
    return "warm"


def contact(person: Person, apps: list[Application], settings: Settings,
            today: date, index: ContactIndex | None = None) -> Contact:
    index = index if index is not None else contact_index(apps)
    last = last_contact(person, apps, today, index)
    days = (today - last).days if last is not None else None
    return Contact(
        name=person.name, rel=person.rel, slug=person.slug, company=person.company,
        role=person.role, email=person.email, last_contact=last, days_since=days,
        warmth=warmth(days, settings.windows.touch_days),
        due=person_dues(person, apps, settings, today, index),
        applications=tuple(app_ref(a) for a in linked_applications(person, apps, index)),
    )


def network(people: list[Person], apps: list[Application], settings: Settings,
            today: date, index: ContactIndex | None = None) -> tuple[Contact, ...]:
    """Every contact, by name."""
    index = index if index is not None else contact_index(apps)
    found = [contact(p, apps, settings, today, index) for p in people]
    return tuple(sorted(found, key=lambda c: (c.name.casefold(), c.rel)))


def going_cold(contacts: tuple[Contact, ...] | list[Contact]) -> tuple[Contact, ...]:
    """Contacts with no contact for more than ``touch_days``, longest silence first."""
    cold = [c for c in contacts if c.going_cold]
    return tuple(sorted(cold, key=lambda c: (-(c.days_since or 0), c.name.casefold())))


def almost_due(contacts: tuple[Contact, ...] | list[Contact]) -> tuple[Contact, ...]:
    """Contacts whose touch falls due within ``COOLING_MARGIN_DAYS`` (not going cold yet),
    longest silence first."""
    soon = [c for c in contacts if c.almost_due]
    return tuple(sorted(soon, key=lambda c: (-(c.days_since or 0), c.name.casefold())))


# --- networking conversations ------------------------------------------------------------

# Said wherever the networking figure is shown.
NETWORKING_RULE = ("a day you met, touched base with or had an informational interview "
                   "with someone, once per person and day; an application's screening, "
                   "interview and offer days do not count for its own recruiter, hiring "
                   "manager or interviewers")


@dataclass(frozen=True, slots=True)
class Conversation:
    """One networking conversation: a person (or an informational interview note) on a day."""

    day: date
    rel: str                 # the person note, or the informational application note
    who: str                 # the person's name, or the company for an application note


def _in_process(person: Person, app: Application) -> bool:
    """Whether ``person`` is on the company's side of ``app``: its recruiter (an agency's
    too), or a hiring manager or interviewer working there (or whose company is unknown)."""
    if app.is_informational or person.role not in _INTERVIEW_ROLES:
        return False
    if person.role == "recruiter" or not person.company:
        return True
    return company_key(person.company) == company_key(app.company)


def _process_days(app: Application) -> set[date]:
    days = set(app.interviews)
    days.update(d for d in (app.screening, app.offer) if d is not None)
    return days


def informational_day(app: Application, today: date) -> date | None:
    """When an informational application's conversation was held: its screening date, else
    its first interview, if on or before ``today``."""
    if app.screening is not None and app.screening <= today:
        return app.screening
    held = past_interviews(app, today)
    return held[0] if held else None


PersonDays = tuple[str, frozenset[date]]    # a person's name key, and days


def person_conversation_days(person: Person, apps: list[Application], today: date,
                             index: ContactIndex | None = None) -> PersonDays:
    """The days ``networking_conversations`` counts for ``person``, with their name key."""
    days = {d for d in (person.met, person.informational, *person.touches)
            if d is not None and d <= today}
    for app in linked_applications(person, apps, index):
        if _in_process(person, app):
            days -= _process_days(app)
    return name_key(person.name), frozenset(days)


def networking_conversations(people: list[Person], apps: list[Application], today: date,
                             index: ContactIndex | None = None, *,
                             days_of: Callable[[Person], PersonDays] | None = None,
                             ) -> list[Conversation]:
    """Every networking conversation held by ``today`` (see ``NETWORKING_RULE``), by day.

    From person notes: the ``met``, ``touches`` and ``informational`` dates, one per
    person and day, leaving out the screening, interview and offer days of the
    applications where that person is on the company's side (``_in_process``): meeting an
    interviewer at your interview is the interview, not networking. An informational
    application counts on its day too, unless one of its contacts already has a
    conversation that day (the same meeting, noted twice). ``days_of``:
    ``person_conversation_days`` of a person, when the caller keeps it.
    """
    if days_of is None:
        days_of = functools.partial(person_conversation_days, apps=apps, today=today,
                                    index=index if index is not None else contact_index(apps))
    found: list[Conversation] = []
    seen: set[tuple[str, date]] = set()         # (name key, day)
    for person in people:
        key, days = days_of(person)
        for day in days:
            seen.add((key, day))
            found.append(Conversation(day, person.rel, person.name))
    for app in apps:
        if not app.is_informational:
            continue
        day = informational_day(app, today)
        if day is None or any((name_key(c), day) in seen for c in app.contacts):
            continue
        found.append(Conversation(day, app.rel, app.company))
    found.sort(key=lambda c: (c.day, c.rel))
    return found


# --- per company -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PersonRef:
    name: str
    rel: str
    slug: str
    role: str | None
    works_there: bool        # person.company is this company (else: linked from an application)


@dataclass(frozen=True, slots=True)
class CompanyContacts:
    company: str                         # display spelling
    people: tuple[PersonRef, ...]
    applications: tuple[AppRef, ...]


@dataclass(frozen=True, slots=True)
class CompanyIndex:
    known: tuple[CompanyContacts, ...]   # companies where you know someone
    nobody: tuple[CompanyContacts, ...]  # companies you applied to where you know nobody


def people_by_company(people: list[Person], apps: list[Application]) -> CompanyIndex:
    """"Who do I know at X?": people working there plus people linked from its applications."""
    spellings: dict[str, Counter[str]] = {}
    members: dict[str, dict[str, PersonRef]] = {}
    applications: dict[str, list[AppRef]] = {}

    def note_company(name: str) -> str:
        key = company_key(name)
        spellings.setdefault(key, Counter())[" ".join(name.split())] += 1
        members.setdefault(key, {})
        applications.setdefault(key, [])
        return key

    for person in sorted(people, key=lambda p: p.rel):
        if person.company and person.company.strip():
            key = note_company(person.company)
            members[key][person.rel] = PersonRef(person.name, person.rel, person.slug,
                                                 person.role, True)
    by_name = {name_key(p.name): p for p in sorted(people, key=lambda p: p.rel, reverse=True)}
    for app in sorted(apps, key=lambda a: a.rel):
        if not app.company.strip():
            continue
        key = note_company(app.company)
        applications[key].append(app_ref(app))
        for name in app.contacts:
            person = by_name.get(name_key(name))
            if person is not None and person.rel not in members[key]:
                members[key][person.rel] = PersonRef(person.name, person.rel, person.slug,
                                                     person.role, False)
    known, nobody = [], []
    for key in sorted(spellings):
        display = min(spellings[key].items(), key=lambda item: (-item[1], item[0]))[0]
        refs = sorted(members[key].values(), key=lambda r: (not r.works_there,
                                                            r.name.casefold()))
        if refs:
            known.append(CompanyContacts(display, tuple(refs), tuple(applications[key])))
        # A wishlist note is no application sent: not "applied, but you know nobody there".
        elif sent := tuple(a for a in applications[key] if a.status != "wishlist"):
            nobody.append(CompanyContacts(display, (), sent))
    return CompanyIndex(tuple(known), tuple(nobody))
