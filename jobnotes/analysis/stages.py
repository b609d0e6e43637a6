"""How far each application got, and how it left the pipeline.

The furthest stage is computed from the stage dates only, never from ``status``: a
rejected application that had three interviews stays at "Interview 3". The exit (how
the application ended, or that it is still open) uses the status and the outcome dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from jobnotes.model import Application
from jobnotes.settings import Settings


class Stage(IntEnum):
    """Pipeline stages in the order a search reaches them."""

    NONE = 0        # not applied yet (wishlist, or no date recorded)
    APPLIED = 1
    RESPONSE = 2    # screening, or any later step the company asked you to (shown "Screening")
    INTERVIEW = 3   # one or more interview rounds held (the round count is separate)
    OFFER = 4
    ACCEPTED = 5


@dataclass(frozen=True, order=True, slots=True)
class StageReached:
    """A stage plus the number of interview rounds held; compares in pipeline order.

    ``StageReached(Stage.INTERVIEW, 2) < StageReached(Stage.INTERVIEW, 3)
    < StageReached(Stage.OFFER, 0)``.
    """

    stage: Stage
    interviews: int = 0     # interview rounds held by today (kept at offer/accepted too)

    def reached(self, stage: Stage, interviews: int = 0) -> bool:
        """True when this is at or beyond ``stage`` (and ``interviews`` rounds)."""
        return self >= StageReached(stage, interviews)

    @property
    def key(self) -> str:
        """A stable id: "applied", "response", "interview-2", "offer", "accepted", "none"."""
        if self.stage is Stage.INTERVIEW:
            return f"interview-{self.interviews}"
        return self.stage.name.lower()

    @property
    def label(self) -> str:
        """"Applied", "Screening", "Interview 2", "Offer", "Accepted", "Not applied".

        The stage the key calls "response" reads "Screening": a bare rejection is an answer
        too (see ``answered``) but reaches no stage, so "Response" would be ambiguous."""
        if self.stage is Stage.INTERVIEW:
            return f"Interview {self.interviews}"
        return _STAGE_LABELS[self.stage]

    @property
    def after(self) -> str:
        """The stage as a phrase for exits: "after applying", "after interview 2"."""
        if self.stage is Stage.INTERVIEW:
            return f"after interview {self.interviews}"
        return _STAGE_AFTER[self.stage]


_STAGE_LABELS = {
    Stage.NONE: "Not applied",
    Stage.APPLIED: "Applied",
    Stage.RESPONSE: "Screening",
    Stage.OFFER: "Offer",
    Stage.ACCEPTED: "Accepted",
}
_STAGE_AFTER = {
    Stage.NONE: "before applying",
    Stage.APPLIED: "after applying",
    Stage.RESPONSE: "after screening",
    Stage.OFFER: "after the offer",
    Stage.ACCEPTED: "after accepting",
}

# Exit kinds, in a fixed order used for sorting.
EXIT_KINDS: tuple[str, ...] = (
    "active", "no-response", "ghosted-after-response", "rejected", "withdrawn",
    "declined", "accepted", "wishlist",
)
_CLOSED_STATUSES = ("accepted", "declined", "rejected", "withdrawn")


@dataclass(frozen=True, slots=True)
class Exit:
    """How an application left the pipeline, or that it is still open."""

    kind: str               # one of EXIT_KINDS
    stage: StageReached     # the furthest stage reached (from the dates)
    date: date | None       # when it happened, when a date records it
    label: str              # "Rejected after interview 2", "Awaiting a response", ...

    @property
    def is_open(self) -> bool:
        """Still in play: waiting for a reply, in process, or deciding on an offer."""
        return self.kind == "active"


def is_pipeline(app: Application) -> bool:
    """True for a real application: not a wishlist entry, not an informational interview.

    Wishlist entries and informational interviews are a track of their own and are
    left out of the funnel, the Sankey diagram, the channel figures and the timing.
    """
    return app.status != "wishlist" and not app.is_informational


def informational_date(app: Application) -> date | None:
    """When an informational interview took place: first interview, else screening, else
    applied (the date the user reached out)."""
    if app.interviews:
        return min(app.interviews)
    return app.screening or app.applied


def past_interviews(app: Application, today: date) -> list[date]:
    """Interview dates on or before ``today``, in date order (upcoming ones are left out)."""
    interviews = app.interviews
    if not interviews:
        return []
    return sorted([d for d in interviews if d <= today])


def furthest_stage(app: Application, today: date) -> StageReached:
    """The furthest stage the dates prove, whatever the status says.

    Applied: an ``applied`` date (or any later stage date). Response: a ``screening``
    date, any interview (even an upcoming one: it was scheduled, so they answered) or
    an offer. Interview n: n interviews held on or before ``today``. Offer: an
    ``offer``, ``accepted`` or ``declined`` date. Accepted: an ``accepted`` date.
    """
    held = len(past_interviews(app, today))
    if app.accepted is not None:
        return StageReached(Stage.ACCEPTED, held)
    if app.offer is not None or app.declined is not None:
        return StageReached(Stage.OFFER, held)
    if held:
        return StageReached(Stage.INTERVIEW, held)
    if app.screening is not None or app.interviews:
        return StageReached(Stage.RESPONSE, 0)
    if app.applied is not None or app.rejected is not None or app.withdrawn is not None:
        return StageReached(Stage.APPLIED, 0)
    return StageReached(Stage.NONE, 0)


def first_answer(app: Application, today: date) -> date | None:
    """The day the company first answered, on or before ``today``: the earliest screening,
    interview, offer or rejection date (a rejection email is a reply too)."""
    days = [app.screening, app.offer, app.accepted, app.declined, app.rejected,
            *app.interviews]
    return min((d for d in days if d is not None and d <= today), default=None)


def answered(app: Application, today: date) -> bool:
    """Whether the company answered the application: what every "response" figure counts.

    An answer is a screening, an interview, an offer or a rejection by ``today``
    (``first_answer``), or a screening or interview already scheduled. A rejection counts:
    it is a reply. Silence is not, and neither is a withdrawal. Like the stages, this
    reads the dates, not the status.
    """
    return (first_answer(app, today) is not None or app.screening is not None
            or bool(app.interviews))


def last_activity(app: Application, today: date) -> date | None:
    """The latest day on or before ``today`` the note records something that happened:
    a stage or outcome date, a follow-up sent, feedback asked for or received.

    The applications table and board both say "last activity" from this.
    ``next_action_date`` is a plan, not an event, and does not count.
    """
    days = (app.applied, app.screening, *app.interviews, app.offer, app.accepted,
            app.declined, app.rejected, app.withdrawn, app.feedback_requested,
            app.feedback_received, *app.followed_up)
    return max((d for d in days if d is not None and d <= today), default=None)


# --- silence: when an open application counts as ghosted ----------------------------------

_FOLLOWED_UP = "you last wrote to them"  # a follow-up or a thank-you
# How far a status says an application got, to tell when its dates fall short of it.
_STATUS_STAGE = {"screening": Stage.RESPONSE, "interviewing": Stage.INTERVIEW,
                 "offer": Stage.OFFER}


@dataclass(frozen=True, slots=True)
class News:
    """The last sign of life of an application: silence is counted from it."""

    day: date
    event: str              # what happened that day, for "since <event>": "applying", ...

    @property
    def is_follow_up(self) -> bool:
        """Whether the last sign of life is a follow-up the user sent."""
        return self.event == _FOLLOWED_UP


def last_follow_up(app: Application, today: date) -> date | None:
    """The latest ``followed_up`` date on or before ``today``."""
    return max((d for d in app.followed_up if d <= today), default=None)


def last_news(app: Application, today: date) -> News | None:
    """The day silence is counted from: the latest stage date on or before ``today``
    (applied, screening, an interview held, offer).

    When the status says the application got further than its dates show (interviewing
    with no interview held, screening with no screening date), that stage's date is
    unknown: silence then counts from the latest date the note records on or before
    ``today`` (stage dates, ``followed_up``, ``feedback_requested``, ``feedback_received``;
    ``next_action_date`` is a plan, not an event). On one day a stage date wins.
    """
    held = past_interviews(app, today)
    stages = [(app.applied, "applying"), (app.screening, "the screening"),
              *((d, "the interview") for d in held), (app.offer, "the offer")]
    found = [(d, rank, event) for rank, (d, event) in enumerate(stages)
             if d is not None and d <= today]
    wanted = _STATUS_STAGE.get(app.status)
    if wanted is not None and furthest_stage(app, today).stage < wanted:
        found += [(d, -1, _FOLLOWED_UP) for d in app.followed_up if d <= today]
        found += [(d, -1, event) for d, event in (
            (app.feedback_requested, "you asked for feedback"),
            (app.feedback_received, "the feedback")) if d is not None and d <= today]
    if not found:
        return None
    day, _, event = max(found)
    return News(day, event)


def ghosted_from(app: Application, settings: Settings, today: date) -> date | None:
    """The day an open, silent application counts as ghosted: ``windows.ghosted_days``
    after its last sign of life (``last_news``), and at least ``windows.follow_up_days``
    after the latest follow-up, which gives the company time to answer it.

    The dashboard's "no response" and "ghosted" figures and the agenda's suggestion to
    mark the application ghosted both read this.
    """
    news = last_news(app, today)
    if news is None:
        return None
    windows = settings.windows
    ghosted = news.day + timedelta(days=windows.ghosted_days)
    sent = last_follow_up(app, today)
    if sent is not None:
        ghosted = max(ghosted, sent + timedelta(days=windows.follow_up_days))
    return ghosted


def _has_upcoming(app: Application, today: date) -> bool:
    return any(d > today for d in app.interviews) or (
        app.screening is not None and app.screening > today
    )


def _closed_kind(app: Application) -> str | None:
    """The closing outcome from the status, else from the latest outcome date."""
    if app.status in _CLOSED_STATUSES:
        return app.status
    dated = [
        (d, kind) for kind, d in (
            ("withdrawn", app.withdrawn), ("rejected", app.rejected),
            ("declined", app.declined), ("accepted", app.accepted),
        ) if d is not None
    ]
    if not dated:
        return None
    # Latest date wins; on the same day the later entry in the tuple above wins.
    return max(enumerate(dated), key=lambda item: (item[1][0], item[0]))[1][1]


def exit_of(app: Application, today: date, settings: Settings) -> Exit:
    """How ``app`` ended (or that it is still open), with the stage it ended at.

    An open application with nothing scheduled counts as "no-response" (never answered)
    or "ghosted-after-response" (went silent later) from ``ghosted_from`` on. An
    application with an offer stays open ("deciding") however long it waits: the decision
    is the user's.
    """
    stage = furthest_stage(app, today)
    if app.status == "wishlist":
        return Exit("wishlist", stage, None, "On the wishlist")
    kind = _closed_kind(app)
    if kind is not None:
        when = getattr(app, kind)
        return Exit(kind, stage, when, _closed_label(kind, stage))
    if app.status == "ghosted":
        return _silent(stage, None)
    if app.is_informational:        # a conversation, not an application: never "ghosted"
        when = informational_date(app)
        held = when is not None and when <= today
        return Exit("active", stage, when, "Chat held" if held else "Chat planned")
    if stage.stage < Stage.OFFER and not _has_upcoming(app, today):
        ghosted = ghosted_from(app, settings, today)
        if ghosted is not None and ghosted <= today:
            return _silent(stage, ghosted)
    return Exit("active", stage, None, _active_label(stage))


def _silent(stage: StageReached, when: date | None) -> Exit:
    if stage.stage <= Stage.APPLIED:
        return Exit("no-response", stage, when, "No response")
    return Exit("ghosted-after-response", stage, when, f"Ghosted {stage.after}")


def _closed_label(kind: str, stage: StageReached) -> str:
    if kind == "accepted":
        return "Offer accepted"
    if kind == "declined":
        return "Offer declined"
    return f"{kind.capitalize()} {stage.after}"


def _active_label(stage: StageReached) -> str:
    if stage.stage <= Stage.APPLIED:
        return "Awaiting a response"
    if stage.stage >= Stage.OFFER:
        return "Deciding on the offer"
    return f"In process {stage.after}"
