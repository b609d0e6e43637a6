"""How an application's or a person's dates fit together: stages in order, events not in
the future, the status against the stage dates, follow-ups after applying.

These findings keep the values: a date out of order is still the date the user wrote.
"""

from __future__ import annotations

from datetime import date

from jobnotes.model import OUTCOME_DATE_KEYS, Pos
from jobnotes.schema_fields import FieldReader

# Dates that may lie ahead: plans, not events.
FUTURE_OK = frozenset({"next_action_date", "informational"})

Dated = tuple[str, date, Pos]   # (label, date, position)


def in_order(r: FieldReader, items: list[Dated], after: Dated | None = None) -> Dated | None:
    """Report each date earlier than the latest one before it; return the latest."""
    latest = after
    for label, day, pos in items:
        if latest is not None and day < latest[1]:
            r.error(pos, "date-order",
                    f"{label} ({day.isoformat()}) is before {latest[0]} "
                    f"({latest[1].isoformat()})",
                    "check both dates: each stage happens on or after the one before it")
        else:
            latest = (label, day, pos)
    return latest


_PLANS = "dates record what already happened; put plans in next_action and next_action_date"
# Person notes have no next_action: plans for a contact belong to an application.
_PERSON_PLANS = ("dates record what already happened: leave the date out until it happens; "
                 "plans go in the application's next_action and next_action_date")


def not_future(r: FieldReader, items: list[Dated], hint: str = _PLANS) -> None:
    for label, day, pos in items:
        if day > r.today:
            r.error(pos, "future-date",
                    f"{label} ({day.isoformat()}) is after today ({r.today.isoformat()})",
                    hint)


def check_application_dates(r: FieldReader, dates: dict[str, date | None],
                            interviews: list[tuple[date, Pos]]) -> None:
    """``dates`` holds every date key of an application, None where it is not set."""
    def dated(*keys: str) -> list[Dated]:
        return [(key, dates[key], r.pos(key)) for key in keys if dates[key] is not None]

    rounds = [(f"interview {i}", day, pos) for i, (day, pos) in enumerate(interviews, 1)]
    latest = in_order(r, dated("applied", "screening") + rounds)
    for outcome in dated(*OUTCOME_DATE_KEYS):
        in_order(r, [outcome], latest)
    offer = dated("offer")
    for answer in dated("accepted", "declined"):
        in_order(r, [answer], offer[0] if offer else None)
    in_order(r, dated("rejected", "feedback_requested", "feedback_received"))
    not_future(r, dated(*(key for key in dates if key not in FUTURE_OK)))


def check_follow_ups(r: FieldReader, applied: date | None,
                     followed_up: list[tuple[date, Pos]]) -> None:
    """Follow-ups come after applying, in date order, and have already happened."""
    sent = [(f"follow-up {i}", day, pos) for i, (day, pos) in enumerate(followed_up, 1)]
    in_order(r, sent, None if applied is None else ("applied", applied, r.pos("applied")))
    not_future(r, sent)


def check_status(r: FieldReader, status: str, dates: dict[str, date | None],
                 interviews: list[tuple[date, Pos]]) -> None:
    # A stage date not yet written is a gap, not a broken note: the status still says
    # where the application stands (as for screening), so these are warnings.
    where = r.pos("status")
    if status in OUTCOME_DATE_KEYS and dates[status] is None and not r.dropped(status):
        r.warning(where, "status-dates", f"status is {status} but no `{status}` date is set",
                  f"add `{status}: YYYY-MM-DD` with the day it happened")
    if status == "interviewing" and not interviews and not r.dropped("interviews"):
        r.warning(where, "status-dates",
                  "status is interviewing but no interview date is set",
                  "add `interviews: [YYYY-MM-DD]` with the date of each round")
    if status == "screening" and dates["screening"] is None and not r.dropped("screening"):
        r.warning(where, "status-dates", "status is screening but no `screening` date is set",
                  "add `screening: YYYY-MM-DD` with the day of the first response")
    for key in OUTCOME_DATE_KEYS:
        day = dates[key]
        if day is None or key == status:
            continue
        if key == "offer" and status not in ("wishlist", "applied", "screening", "interviewing"):
            continue
        r.warning(r.pos(key), "status-dates",
                  f"{key} is set ({day.isoformat()}) but status is `{status}`",
                  f"set `status: {key}`, or remove `{key}:` if it did not happen")


def check_person_dates(r: FieldReader, dates: dict[str, date | None],
                       touches: list[tuple[date, Pos]]) -> None:
    met = [("met", dates["met"], r.pos("met"))] if dates["met"] else []
    # Only the thank-you follows the meeting; a LinkedIn connection or a message may
    # come first (many contacts start online), so they are not ordered against met.
    thanked = [("thanked", dates["thanked"], r.pos("thanked"))] if dates["thanked"] else []
    in_order(r, thanked, met[0] if met else None)
    later = [(key, dates[key], r.pos(key)) for key in ("connected",) if dates[key]]
    later += [(f"touch {i}", day, pos) for i, (day, pos) in enumerate(touches, 1)]
    not_future(r, met + thanked + later, _PERSON_PLANS)
