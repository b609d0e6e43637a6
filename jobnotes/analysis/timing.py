"""Time-based figures: days to a first response, and activity per week and per day.

Response times and weekly application counts cover real applications only: wishlist
entries and informational interviews are their own track (``stages.is_pipeline``).
In the activity figures, networking is what the weekly networking goal counts
(``network.networking_conversations``: once per person and day, informational interviews
included, never an interviewer at their own interview). ``activity_by_week`` and
``activity_by_day`` draw from one walk of the events (``activity_events``), so the weekly
bars, the daily calendar and the goal always agree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from jobnotes.analysis.network import networking_conversations
from jobnotes.analysis.stages import is_pipeline
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

ACTIVITY_WEEKS = 16


def week_start(day: date, settings: Settings) -> date:
    """The first day of ``day``'s week: Monday, or Sunday when ``week_starts = "sunday"``."""
    if settings.week_starts == "sunday":
        return day - timedelta(days=(day.weekday() + 1) % 7)
    return day - timedelta(days=day.weekday())


def first_response(app: Application, today: date) -> date | None:
    """The first sign the company answered, on or before ``today``.

    The earliest of ``screening``, the first interview, ``offer`` and ``rejected``: a
    rejection email is a response too.
    """
    dates = [d for d in (app.screening, app.offer, app.rejected) if d is not None]
    dates.extend(app.interviews)
    return min((d for d in dates if d <= today), default=None)


def days_to_response(app: Application, today: date) -> int | None:
    """Days from ``applied`` to the first response; None without both dates."""
    answered = first_response(app, today)
    if app.applied is None or answered is None or answered < app.applied:
        return None
    return (answered - app.applied).days


# ------------------------------------------------------------------- response times


@dataclass(frozen=True, slots=True)
class ResponseSample:
    """One application's wait for a first response."""

    slug: str
    title: str          # "Company — Role"
    days: int


@dataclass(frozen=True, slots=True)
class ResponseGroup:
    """Response times for one group of applications (all, one channel, one company)."""

    key: str                            # "all", the channel, or the company name
    samples: tuple[ResponseSample, ...]  # answered applications, quickest first
    waiting: int                        # applications with no response yet
    median_days: float | None           # None when nothing was answered

    @property
    def answered(self) -> int:
        return len(self.samples)


@dataclass(frozen=True, slots=True)
class ResponseTimes:
    """Days to first response, overall, per channel and per company."""

    overall: ResponseGroup
    by_channel: tuple[ResponseGroup, ...]   # settings.channels order, then others by name
    by_company: tuple[ResponseGroup, ...]   # by company name, case-insensitive


def _group(key: str, apps: list[Application], today: date) -> ResponseGroup:
    samples: list[ResponseSample] = []
    waiting = 0
    for app in apps:
        days = days_to_response(app, today)
        if days is not None:
            samples.append(ResponseSample(app.slug, app.title, days))
        elif first_response(app, today) is None:
            waiting += 1
    samples.sort(key=lambda s: (s.days, s.slug))
    middle = float(median(s.days for s in samples)) if samples else None
    return ResponseGroup(key, tuple(samples), waiting, middle)


def channel_order(used: Iterable[str], settings: Settings) -> list[str]:
    """``settings.channels`` in their order, then any other used channel by name."""
    known = list(dict.fromkeys(settings.channels))
    extra = sorted({c for c in used if c not in known}, key=lambda c: (c.casefold(), c))
    return known + extra


def response_times(apps: Iterable[Application], today: date, settings: Settings) -> ResponseTimes:
    """Median and individual days from applying to the first response.

    Channels in ``settings.channels`` appear even when unused; applications without a
    channel are only in the overall figure.
    """
    real = [a for a in apps if is_pipeline(a) and a.applied is not None]
    by_channel: dict[str, list[Application]] = defaultdict(list)
    by_company: dict[str, list[Application]] = defaultdict(list)
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for app in real:
        if app.channel:
            by_channel[app.channel].append(app)
        company_key = " ".join(app.company.split()).casefold()
        by_company[company_key].append(app)
        names[company_key][app.company.strip()] += 1
    channels = channel_order(by_channel, settings)
    companies = sorted(by_company)
    return ResponseTimes(
        overall=_group("all", real, today),
        by_channel=tuple(_group(c, by_channel.get(c, []), today) for c in channels),
        by_company=tuple(
            _group(_most_common(names[k]), by_company[k], today) for k in companies
        ),
    )


def _most_common(spellings: Counter[str]) -> str:
    return min(spellings, key=lambda s: (-spellings[s], s))


# ---------------------------------------------------------------------- weekly


@dataclass(frozen=True, slots=True)
class WeekCount:
    """Applications sent in one week."""

    week_start: date
    count: int


def applications_per_week(
    apps: Iterable[Application], today: date, settings: Settings
) -> list[WeekCount]:
    """Applications per week from the first application's week to this week, zeros
    included, oldest first. Empty when nothing has been applied for yet."""
    counts = Counter(
        week_start(a.applied, settings)
        for a in apps
        if is_pipeline(a) and a.applied is not None and a.applied <= today
    )
    if not counts:
        return []
    weeks = _weeks_between(min(counts), week_start(today, settings))
    return [WeekCount(w, counts[w]) for w in weeks]


def _weeks_between(first: date, last: date) -> list[date]:
    count = (last - first).days // 7 + 1
    return [first + timedelta(weeks=n) for n in range(max(count, 0))]


ACTIVITY_KINDS = ("applications", "responses", "interviews", "networking")


Event = tuple[str, date]        # (kind, day), kind one of ACTIVITY_KINDS
# The events of each kind on each day, and the latest day: ``activity_events`` counted.
Tally = tuple[Mapping[str, Mapping[date, int]], date | None]


def app_activity(app: Application, today: date) -> tuple[Event, ...]:
    """What ``activity_events`` counts of one application."""
    if not is_pipeline(app):
        return ()
    days = [("applications", app.applied), ("responses", first_response(app, today)),
            *(("interviews", day) for day in app.interviews)]
    return tuple((kind, day) for kind, day in days if day is not None and day <= today)


def activity_events(
    apps: Iterable[Application], people: Iterable[Person], today: date,
    networking: Iterable[date] | None = None,
) -> Iterator[Event]:
    """Every dated action on or before ``today`` as ``(kind, day)``, kind one of
    ``ACTIVITY_KINDS``: the single source of the weekly bars and the daily calendar.

    Applications sent, first responses (a rejection counts) and interview rounds come
    from real applications. Networking is one event per networking conversation, the
    days the weekly networking goal counts (``network.networking_conversations``).
    ``networking``: those days, when the caller has them already
    (``resilience.goal_events(...)["networking"]``), so the notes are not read twice.
    """
    apps = list(apps)
    for app in apps:
        yield from app_activity(app, today)
    if networking is None:
        networking = (c.day for c in networking_conversations(list(people), apps, today))
    for day in networking:
        if day <= today:
            yield "networking", day


def activity_window(today: date, settings: Settings, weeks: int = ACTIVITY_WEEKS) -> list[date]:
    """The starts of the last ``weeks`` weeks (this one included), oldest first."""
    last = week_start(today, settings)
    return _weeks_between(last - timedelta(weeks=weeks - 1), last)


def _tally(
    events: Iterable[tuple[str, date]], first: date
) -> tuple[dict[str, Counter[date]], date | None]:
    """Actions per kind and day from ``first`` on, and the day of the latest action (in
    the window or before it), read in the same pass."""
    tallies: dict[str, Counter[date]] = {kind: Counter() for kind in ACTIVITY_KINDS}
    last: date | None = None
    for kind, day in events:
        if last is None or day > last:
            last = day
        if day >= first:
            tallies[kind][day] += 1
    return tallies, last


@dataclass(frozen=True, slots=True)
class WeekActivity:
    """Everything done in one week, for a stacked activity chart."""

    week_start: date
    applications: int    # applications sent
    responses: int       # first responses received (a rejection counts)
    interviews: int      # interview rounds held (informational interviews excluded)
    networking: int      # people met, later touches, informational interviews

    @property
    def total(self) -> int:
        return self.applications + self.responses + self.interviews + self.networking


@dataclass(frozen=True, slots=True)
class DayActivity:
    """Everything done on one day, for the activity calendar."""

    day: date
    applications: int
    responses: int
    interviews: int
    networking: int

    @property
    def total(self) -> int:
        return self.applications + self.responses + self.interviews + self.networking


@dataclass(frozen=True, slots=True)
class ActivityDays:
    """The days of the activity window, and when anything was last done."""

    days: list[DayActivity]     # see ``activity_by_day``
    last: date | None           # the latest action on or before today, even before the
                                # window; None when nothing dated has happened yet


def activity_by_week(
    apps: Iterable[Application],
    people: Iterable[Person],
    today: date,
    settings: Settings,
    weeks: int = ACTIVITY_WEEKS,
    networking: Iterable[date] | None = None,
) -> list[WeekActivity]:
    """The last ``weeks`` weeks (this one included), oldest first; only dates on or
    before ``today`` count. ``networking``: as for ``activity_events``."""
    days = activity_by_day(apps, people, today, settings, weeks, networking)
    return weeks_of(days, today, settings, weeks)


def weeks_of(days: list[DayActivity], today: date, settings: Settings,
             weeks: int = ACTIVITY_WEEKS) -> list[WeekActivity]:
    """``activity_by_day``'s days added up by week: what ``activity_by_week`` returns,
    for a caller that has the days already."""
    window = activity_window(today, settings, weeks)
    sums = {start: [0] * len(ACTIVITY_KINDS) for start in window}
    for day in days:
        counts = sums.get(week_start(day.day, settings))
        if counts is not None:
            for n, kind in enumerate(ACTIVITY_KINDS):
                counts[n] += getattr(day, kind)
    return [WeekActivity(start, *sums[start]) for start in window]


def activity_by_day(
    apps: Iterable[Application],
    people: Iterable[Person],
    today: date,
    settings: Settings,
    weeks: int = ACTIVITY_WEEKS,
    networking: Iterable[date] | None = None,
) -> list[DayActivity]:
    """Every day from the start of the oldest of the last ``weeks`` weeks to ``today``,
    oldest first, zeros included: the days of ``activity_by_week`` one by one, so a
    week's days always add up to that week's figures."""
    return activity_days(apps, people, today, settings, weeks, networking).days


def activity_days(
    apps: Iterable[Application],
    people: Iterable[Person],
    today: date,
    settings: Settings,
    weeks: int = ACTIVITY_WEEKS,
    networking: Iterable[date] | None = None,
    of_apps: Tally | None = None,
) -> ActivityDays:
    """``activity_by_day`` and the day of the latest action, from one walk of the events:
    a window with nothing in it can still say when you last did something. ``networking``:
    as ``activity_events`` takes it; ``of_apps``: the applications' events counted
    (``app_activity`` of each), when the caller keeps them."""
    window = activity_window(today, settings, weeks)
    first = window[0] if window else today + timedelta(days=1)
    count = (today - first).days + 1
    days = [first + timedelta(days=n) for n in range(count)]
    if of_apps is None:
        tallies, last = _tally(activity_events(apps, people, today, networking), first)
    else:
        if networking is None:
            networking = (c.day for c in networking_conversations(list(people), list(apps),
                                                                  today))
        tallies, last = _tally((("networking", d) for d in networking if d <= today), first)
        counts, latest = of_apps
        for kind, by_day in counts.items():
            for day in days:
                tallies[kind][day] += by_day.get(day, 0)
        last = max((d for d in (last, latest) if d is not None), default=None)
    return ActivityDays(
        [DayActivity(d, *(tallies[kind][d] for kind in ACTIVITY_KINDS)) for d in days], last)
