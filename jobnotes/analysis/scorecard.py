"""The practice scorecard: one line per practice, with a figure and a status.

Statuses are "good", "ok", "attention" or "none". They are nudges, not grades: a practice
with nothing to measure yet (no rejections, no contacts, an empty vault) is never
"attention", and one with no data at all, or too few applications to judge
(``funnel.MIN_SAMPLE``), is "none" rather than a "good" it has not earned.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from jobnotes.analysis.feedback import feedback_stats, request_due
from jobnotes.analysis.funnel import MIN_SAMPLE, enough
from jobnotes.analysis.network import (
    Contact,
    ContactIndex,
    almost_due,
    contact_dates,
    contact_index,
    going_cold,
    network,
    next_touch,
    thank_you_on_time,
    warmth,
    window_days,
)
from jobnotes.analysis.postmortem import PostMortem, is_rejection, post_mortem
from jobnotes.analysis.reminders import applied_in_cooling_off, cooling_off_window
from jobnotes.analysis.resilience import (
    Conversations,
    goal_events,
    informational_conversations,
    weekly_goals,
)
from jobnotes.analysis.skills import SkillDemand, skill_demand, still_learning
from jobnotes.analysis.stages import is_pipeline
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

STATUSES: tuple[str, ...] = ("good", "ok", "attention")    # best first
NO_DATA = "none"            # nothing to judge yet: neither good nor bad
RECENT_DAYS = 30
MIN_TOUCHES_JUDGED = 3      # fewer touches due than this say too little to set a status
ALTERNATIVE_TYPES = ("contract", "freelance")
_CHANNEL_LABELS = {
    "job-board": "job boards", "networking": "networking", "referral": "referrals",
    "direct-outreach": "direct outreach", "recruiter": "recruiters", "other": "other",
}


@dataclass(frozen=True, slots=True)
class Practice:
    key: str                  # "process", "feedback", "post-mortem", "network", "skills",
                              # "channels", "resilience", "alternatives"
    title: str                # "Ask for feedback"
    figure: str               # "Feedback requested for 5 of 7 rejections"
    status: str               # one of STATUSES
    detail: str = ""          # a second, smaller line


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _ratio_status(done: int, total: int) -> str:
    if total == 0 or done / total >= 0.8:
        return "good"
    return "ok" if done / total >= 0.5 else "attention"


def _rejected_by(app: Application, today: date) -> bool:
    return is_rejection(app) and app.rejected is not None and app.rejected <= today


def _rejections(apps: list[Application], today: date) -> list[Application]:
    return [a for a in apps if _rejected_by(a, today)]


def _process(apps: list[Application], settings: Settings, today: date) -> Practice:
    since = today - timedelta(days=RECENT_DAYS)
    inside = [a for a, _ in applied_in_cooling_off(apps, settings, applied_since=since)
              if a.applied is not None and since <= a.applied <= today]
    n = len(inside)
    status = "good" if n == 0 else "ok" if n == 1 else "attention"
    title = "Process the disappointment"
    if not _rejections(apps, today):
        return Practice("process", title, "No rejections yet: no cooling-off to respect",
                        NO_DATA)
    return Practice("process", title,
                    f"Applications inside a cooling-off window: {n} in the last "
                    f"{RECENT_DAYS} days", status)


def _feedback(apps: list[Application], settings: Settings, today: date) -> Practice:
    """Requests over every rejection (as the post-mortems page and the JSON export count
    them); the status leaves out rejections still inside their request window, which ends
    on ``feedback.request_due``, the day the agenda's reminder falls due."""
    days = window_days(settings.windows.feedback_request_hours)
    rejections = [a for a in apps if is_rejection(a)]
    asked = done = waiting = 0
    for app in rejections:
        asked += app.feedback_requested is not None
        if (app.feedback_requested is not None or app.feedback_received is not None
                or app.feedback_not_possible):
            done += 1           # asked, answered anyway, or no one to ask: nothing left
        elif (due := request_due(app, settings)) is not None and today <= due:
            waiting += 1
    title = "Ask for feedback"
    notes = []
    if waiting:
        notes.append(f"{plural(waiting, 'rejection')} still inside the {days}-day "
                     "request window")
    stats = feedback_stats(apps)
    if stats.not_possible:
        notes.append(f"no one to ask after {plural(stats.not_possible, 'rejection')}")
    if stats.requested:
        notes.append(f"{plural(stats.received, 'reply', 'replies')} to "
                     f"{plural(stats.requested, 'request')}")
    unasked = sum(a.feedback_requested is None and a.feedback_received is not None
                  for a in rejections)
    if unasked:
        notes.append(f"feedback came unasked after {plural(unasked, 'rejection')}")
    detail = "; ".join(notes)
    due = len(rejections) - waiting
    if due == 0:
        return Practice("feedback", title, "No feedback requests due yet",
                        "good" if rejections else NO_DATA, detail)
    # Feedback that came unasked, or no one to ask, leaves nothing to request: said so, as
    # the status counts them done.
    needed_none = done - asked
    return Practice("feedback", title,
                    f"Feedback requested for {asked} of {plural(len(rejections), 'rejection')}"
                    + (f"; no request was needed for {needed_none}" if needed_none else ""),
                    _ratio_status(done, due), detail)


PostMortemCounts = tuple[int, int, int, int]     # rejections, due, written, started


def post_mortem_part(app: Application, settings: Settings, today: date,
                     review_of: Callable[[Application], PostMortem] | None = None,
                     ) -> PostMortemCounts:
    """What the post-mortem line counts of ``app``: whether it is a rejection (by
    ``today``), and whether its post-mortem is due, written, or started and not finished."""
    if not _rejected_by(app, today):
        return 0, 0, 0, 0
    review = review_of(app) if review_of is not None else post_mortem(app, today)
    window = cooling_off_window(app, settings)
    if not (review.complete or window is None or today >= window[1]):
        return 1, 0, 0, 0
    return 1, 1, int(review.complete), int(review.started and not review.complete)


def _post_mortem(apps: list[Application], settings: Settings, today: date,
                 review_of: Callable[[Application], PostMortem] | None = None,
                 counts: PostMortemCounts | None = None) -> Practice:
    if counts is None:
        parts = [post_mortem_part(app, settings, today, review_of) for app in apps]
        counts = tuple(map(sum, zip(*parts, strict=True))) or (0, 0, 0, 0)
    rejections, due, written, started = counts
    title = "Post-mortem"
    if due == 0:
        return Practice("post-mortem", title, "No post-mortems due yet",
                        "good" if rejections else NO_DATA)
    detail = f"{started} started, not finished" if started else ""
    return Practice("post-mortem", title,
                    f"Post-mortems written for {written} of {plural(due, 'rejection')}",
                    _ratio_status(written, due), detail)


@dataclass(frozen=True, slots=True)
class Touches:
    """Periodic touches that fell due, and how many of them came on time."""

    due: int = 0
    on_time: int = 0

    @property
    def rate(self) -> float | None:
        return self.on_time / self.due if self.due else None


def touches_on_time(people: list[Person], apps: list[Application], settings: Settings,
                    today: date, index: ContactIndex | None = None, *,
                    each: Callable[[Person], Touches] | None = None) -> Touches:
    """The value touches that fell due by ``today`` and how many came on time.

    For each person, walk their contact dates in order: every date ``network.contact_dates``
    counts (``met``, ``thanked``, ``connected``, ``informational``, each of ``touches``,
    the interviews of the applications listing them), up to ``today``, each day once.
    These are the dates the touch reminder starts again from (``network.touch_due``). The
    cadence is ``windows.touch_days``, the same for everyone:

    - a gap that ends in a ``touches`` entry no later than ``network.next_touch`` of the
      date before it (``touch_days`` after it; the due day itself is on time) is a touch
      on time. A gap ending in a thank-you, a connection or an interview a few days after
      meeting is not a touch the user made, so it is not counted either way;
    - a gap longer than the cadence is one late touch, whatever ended it (the contact had
      gone cold meanwhile), however many cadences it spans;
    - the open interval after the last date counts only once its touch is overdue, that is
      when the contact is going cold (``network.warmth``); it is then one late touch. A
      touch not yet due, or due today, is not counted;
    - contacts on the same day are one contact: a touch logged the day of a meeting, or
      twice, is not a touch of its own;
    - people with no date at all get no touch reminder and are not counted. Every other
      person is, whatever their role: the reminder goes to interviewers and recruiters too.

    Counted over the whole search, as the thank-you, feedback and post-mortem lines are:
    with a touch every 90 days, a 30-day window would hold too few touches to say much.
    ``each``: ``person_touches`` of a person, when the caller keeps it.
    """
    if each is None:
        each = functools.partial(person_touches, apps=apps, settings=settings, today=today,
                                 index=index if index is not None else contact_index(apps))
    due = on_time = 0
    for person in people:
        touches = each(person)
        due += touches.due
        on_time += touches.on_time
    return Touches(due, on_time)


def person_touches(person: Person, apps: list[Application], settings: Settings, today: date,
                   index: ContactIndex | None = None) -> Touches:
    """What ``touches_on_time`` counts for one person."""
    dates = sorted(set(contact_dates(person, apps, today, index)))
    if not dates:
        return Touches()
    due = on_time = 0
    touched = set(person.touches)
    for previous, following in pairwise(dates):
        late = following > next_touch(previous, settings)
        if late or following in touched:
            due += 1
            on_time += not late
    if warmth((today - dates[-1]).days, settings.windows.touch_days) == "cold":
        due += 1
    return Touches(due, on_time)


PersonKept = Callable[[Person], object]     # a per-person figure, kept by the caller


def _network(apps: list[Application], people: list[Person], settings: Settings,
             today: date, contacts: tuple[Contact, ...] | None,
             index: ContactIndex | None = None, kept: Callable[..., PersonKept] | None = None,
             ) -> Practice:
    """Thank-you notes on time (the latest one per person), touches on time
    (``touches_on_time``); the status is the worse of the two ratios, never "good" while a
    contact is going cold, and "attention" once three are."""
    title = "Network"
    index = index if index is not None else contact_index(apps)
    if contacts is None:
        contacts = network(people, apps, settings, today, index)
    # Going cold: past touch_days. Touches almost due are named, and never flip the status.
    cold = len(going_cold(contacts))
    soon = len(almost_due(contacts))
    notes = [f"{plural(cold, 'contact')} going cold"] if cold else []
    if soon:
        notes.append(f"{plural(soon, 'touch', 'touches')} almost due")
    detail = "; ".join(notes)
    if not people:
        return Practice("network", title, "No contacts recorded yet", "ok")
    if kept is None:
        verdicts = [thank_you_on_time(p, apps, settings, today, index) for p in people]
        touches = touches_on_time(people, apps, settings, today, index)
    else:
        verdicts = list(map(kept("thank-you-on-time", thank_you_on_time), people))
        touches = touches_on_time(people, apps, settings, today,
                                  each=kept("touches", person_touches))
    judged = [v for v in verdicts if v is not None]
    if not judged and not touches.due:
        if all(c.last_contact is None for c in contacts):     # nothing dated to judge
            return Practice("network", title,
                            f"{plural(len(people), 'contact')} with no dates yet", NO_DATA)
        return Practice("network", title, "No thank-you notes or touches due yet", "good",
                        detail)
    thanks = (f"Thank-you notes on time for {round(100 * sum(judged) / len(judged))} % of "
              "contacts" if judged else "No thank-you notes due yet")
    touched = (f"touches on time: {touches.on_time} of {touches.due}" if touches.due
               else "no touches due yet")
    ranks = [STATUSES.index(_ratio_status(sum(judged), len(judged)))]
    if touches.due >= MIN_TOUCHES_JUDGED:    # one or two late touches are the cold rule's
        ranks.append(STATUSES.index(_ratio_status(touches.on_time, touches.due)))
    if cold:
        ranks.append(STATUSES.index("attention" if cold >= 3 else "ok"))
    return Practice("network", title, f"{thanks}; {touched}", STATUSES[max(ranks)], detail)


def _skills(apps: list[Application], settings: Settings, today: date,
            demand: list[SkillDemand] | None) -> Practice:
    """The same demand as the skills page: job descriptions and skills: lists, by weight."""
    if demand is None:
        demand = skill_demand(apps, today, settings)
    title = "Skills"
    learning = still_learning(settings)     # as the skills page: a skill you have is not
    learning_text = f"Learning {plural(len(learning), 'skill')}"
    if not demand:
        return Practice("skills", title, f"{learning_text}; no skills found in "
                        "applications yet", "ok")
    demand = [d for d in demand if d.weight > 0]     # wishlist-only skills weigh nothing
    if not demand:
        return Practice("skills", title, f"{learning_text}; no skills found in "
                        "applications yet", "ok")
    missing = [d for d in demand if d.status != "have"]
    open_gaps = [d for d in missing if d.status == "gap"]
    if not open_gaps:
        covered = f"; top gap {missing[0].name} is being learned" if missing else "; no gaps"
        return Practice("skills", title, learning_text + covered, "good")
    top = open_gaps[0]
    asked = "asked once" if top.count == 1 else f"asked {top.count} times"
    status = "ok" if learning else "attention"
    return Practice("skills", title, f"{learning_text}; top gap: {top.name} ({asked})", status)


def channel_label(channel: str) -> str:
    return _CHANNEL_LABELS.get(channel, channel.replace("-", " "))


def _channels(apps: list[Application], settings: Settings, today: date) -> Practice:
    title = "Channels"
    counts = Counter(a.channel for a in apps if is_pipeline(a) and a.channel
                     and a.applied is not None and a.applied <= today)
    total = sum(counts.values())
    if total == 0:
        return Practice("channels", title, "No applications sent yet", "ok")
    if not enough(total):
        used = ", ".join(f"{channel_label(c)} {n}" for c, n in
                         sorted(counts.items(), key=lambda i: (-i[1], i[0])))
        return Practice("channels", title, f"{plural(total, 'application')} sent so far "
                        f"({used}): too early to compare with the targets", NO_DATA,
                        f"The mix is compared from {MIN_SAMPLE} applications on")
    targets = {k: v for k, v in settings.channel_targets.items() if v > 0}
    target_total = sum(targets.values())
    if not target_total:
        top, n = min(counts.items(), key=lambda i: (-i[1], i[0]))
        return Practice("channels", title, f"Channel mix: {channel_label(top)} "
                        f"{round(100 * n / total)} % (no targets set)", "ok")
    # Only channels with a target can be off it: one without (a referral, by default)
    # is not planned against, so its share is named, not held against the user.
    rows = []
    for channel in sorted(targets):
        share = 100 * counts.get(channel, 0) / total
        target = 100 * targets[channel] / target_total
        rows.append((abs(share - target), channel, share, target))
    gap, channel, share, target = max(rows, key=lambda r: (r[0], r[1]))
    status = "good" if gap <= 10 else "ok" if gap <= 25 else "attention"
    detail = f"{plural(total, 'application')} across {plural(len(counts), 'channel')}"
    untargeted = sorted(c for c in counts if c not in targets)
    if untargeted:
        detail += "; no target for " + ", ".join(
            f"{channel_label(c)} ({round(100 * counts[c] / total)} %)" for c in untargeted)
    return Practice("channels", title,
                    f"Channel mix: {channel_label(channel)} {round(share)} % against a "
                    f"{round(target)} % target", status, detail)


def _resilience(apps: list[Application], people: list[Person], settings: Settings,
                today: date, events: dict[str, list[date]] | None = None,
                index: ContactIndex | None = None) -> Practice:
    if events is None:
        events = goal_events(apps, people, today, index=index)
    report = weekly_goals(apps, people, settings, today, events=events)
    week = report.this_week
    streak = report.streak
    started = any(g.done for g in week.goals)
    status = "good" if streak >= 2 else "ok" if streak == 1 or started else "attention"
    if not any(events.values()):
        # Nothing done yet (a wishlist note is no application sent): no nudge on day one.
        status = "ok"
    return Practice("resilience", "Resilience",
                    f"Weekly goal streak: {plural(streak, 'week')}", status,
                    f"This week: {week.goals_met} of {len(week.goals)} goals met")


def _alternatives(apps: list[Application], people: list[Person], today: date,
                  conversations: Conversations | None = None) -> Practice:
    if conversations is None:
        conversations = informational_conversations(apps, people, today)
    informational = len(conversations)
    roles = sum(1 for a in apps if a.type in ALTERNATIVE_TYPES and a.status != "wishlist")
    figure = (f"{plural(informational, 'informational interview')}, "
              f"{plural(roles, 'contract or freelance role')}")
    if informational or roles:
        status = "good"
    else:
        status = "attention" if len(_rejections(apps, today)) >= 5 else "ok"
    return Practice("alternatives", "Alternatives", figure, status)


def scorecard(apps: list[Application], people: list[Person], settings: Settings,
              today: date, *, demand: list[SkillDemand] | None = None,
              contacts: tuple[Contact, ...] | None = None,
              events: dict[str, list[date]] | None = None,
              index: ContactIndex | None = None,
              review_of: Callable[[Application], PostMortem] | None = None,
              informational: Conversations | None = None,
              kept: Callable[..., PersonKept] | None = None,
              post_mortems: PostMortemCounts | None = None) -> tuple[Practice, ...]:
    """The eight practices, in the order of the product brief.

    What the caller has already of the same notes saves reading them again: ``demand``
    (``analysis.skills.skill_demand``) the job descriptions, ``contacts``
    (``network.network``) the contacts, ``events`` (``resilience.goal_events``) the
    weekly goals' conversations, ``index`` (``network.contact_index``) who each
    application lists, ``review_of`` (``postmortem.post_mortem`` of an application) the
    post-mortems, ``informational`` (``resilience.informational_conversations``) the
    informational interviews. ``kept(name, function)``: ``function(person, apps,
    settings, today, index)`` of a person, kept by the caller under ``name``;
    ``post_mortems``: ``post_mortem_part`` of every application, added up.
    """
    return (
        _process(apps, settings, today),
        _feedback(apps, settings, today),
        _post_mortem(apps, settings, today, review_of, post_mortems),
        _network(apps, people, settings, today, contacts, index, kept),
        _skills(apps, settings, today, demand),
        _channels(apps, settings, today),
        _resilience(apps, people, settings, today, events, index),
        _alternatives(apps, people, today, informational),
    )
