"""Field rules about dates: their order, dates after today, and the dates a status needs.
Each finding's rule, severity and exact position, and the values kept."""

from __future__ import annotations

from datetime import date

import pytest
from test_schema import at, check, check_person, note, one, replaced

from jobnotes.diagnostics import Severity

# --- date-order ----------------------------------------------------------------------------

def test_screening_before_applied() -> None:
    app, found = check(note("screening: 2026-03-01"))
    assert app is not None and app.screening == date(2026, 3, 1)   # kept
    d = one(found, "date-order")
    assert at(d) == (Severity.ERROR, 7, 12)
    assert d.message == "screening (2026-03-01) is before applied (2026-03-05)"


def test_interviews_must_ascend() -> None:
    _, found = check(note("interviews: [2026-03-20, 2026-03-10]"))
    d = one(found, "date-order")
    assert at(d) == (Severity.ERROR, 7, 26)
    assert d.message == "interview 2 (2026-03-10) is before interview 1 (2026-03-20)"


def test_rejection_before_last_interview() -> None:
    text = note("interviews: [2026-03-20]", "rejected: 2026-03-15",
                base=replaced("status: applied", "status: rejected"))
    _, found = check(text)
    d = one(found, "date-order")
    assert at(d) == (Severity.ERROR, 8, 11)
    assert d.message == "rejected (2026-03-15) is before interview 1 (2026-03-20)"


def test_feedback_received_before_requested() -> None:
    text = note("rejected: 2026-04-01", "feedback_requested: 2026-04-03",
                "feedback_received: 2026-04-02",
                base=replaced("status: applied", "status: rejected"))
    _, found = check(text)
    d = one(found, "date-order")
    assert at(d) == (Severity.ERROR, 9, 20)
    assert d.message == (
        "feedback_received (2026-04-02) is before feedback_requested (2026-04-03)")


@pytest.mark.parametrize("written", ["none", "None", '"no"', "n/a", "not possible"])
def test_feedback_requested_none_says_there_is_no_one_to_ask(written: str) -> None:
    text = note("rejected: 2026-04-01", f"feedback_requested: {written}",
                base=replaced("status: applied", "status: rejected"))
    app, found = check(text)
    assert found == []
    assert app is not None and app.feedback_not_possible
    assert app.feedback_requested is None


def test_feedback_requested_date_is_still_a_request() -> None:
    text = note("rejected: 2026-04-01", "feedback_requested: 2026-04-02",
                base=replaced("status: applied", "status: rejected"))
    app, found = check(text)
    assert found == [] and app is not None
    assert (app.feedback_requested, app.feedback_not_possible) == (date(2026, 4, 2), False)


def test_feedback_requested_other_words_point_at_none() -> None:
    text = note("rejected: 2026-04-01", "feedback_requested: maybe later",
                base=replaced("status: applied", "status: rejected"))
    app, found = check(text)
    d = one(found, "type")
    assert at(d) == (Severity.ERROR, 8, 21)
    assert d.message == "feedback_requested must be a date written YYYY-MM-DD, not `maybe later`"
    assert d.hint is not None and d.hint.endswith(
        "; or `feedback_requested: none` when there is no one to ask")
    assert app is not None and not app.feedback_not_possible


def test_accepted_before_offer() -> None:
    text = note("offer: 2026-04-10", "accepted: 2026-04-08",
                base=replaced("status: applied", "status: accepted"))
    _, found = check(text)
    assert one(found, "date-order").message == \
        "accepted (2026-04-08) is before offer (2026-04-10)"


# --- future-date ---------------------------------------------------------------------------

def test_applied_after_today_is_an_error() -> None:
    app, found = check(replaced("applied: 2026-03-05", "applied: 2026-12-01"))
    assert app is not None
    d = one(found, "future-date")
    assert at(d) == (Severity.ERROR, 6, 10)
    assert d.message == "applied (2026-12-01) is after today (2026-11-27)"


def test_upcoming_interview_and_next_action_date_are_fine() -> None:
    text = note("interviews: [2026-12-03]", "next_action: prepare",
                "next_action_date: 2026-12-01",
                base=replaced("status: applied", "status: interviewing"))
    app, found = check(text)
    assert found == []
    assert app is not None and app.next_action_date == date(2026, 12, 1)


def test_person_met_after_today() -> None:
    _, found = check_person("---\nmet: 2027-01-02\ninformational: 2026-12-10\n---\n")
    assert at(one(found, "future-date")) == (Severity.ERROR, 2, 6)


# --- status-dates --------------------------------------------------------------------------

@pytest.mark.parametrize("status", ["rejected", "withdrawn", "offer", "accepted", "declined"])
def test_outcome_status_needs_its_date(status: str) -> None:
    app, found = check(replaced("status: applied", f"status: {status}"))
    assert app is not None and app.status == status
    d = one(found, "status-dates")
    assert at(d) == (Severity.WARNING, 4, 9)     # a gap to fill, as for screening
    assert d.hint.startswith(f"add `{status}: YYYY-MM-DD`")


def test_interviewing_needs_an_interview() -> None:
    _, found = check(replaced("status: applied", "status: interviewing"))
    assert at(one(found, "status-dates")) == (Severity.WARNING, 4, 9)


def test_screening_without_date_is_a_warning() -> None:
    _, found = check(replaced("status: applied", "status: screening"))
    assert at(one(found, "status-dates")) == (Severity.WARNING, 4, 9)


def test_outcome_date_with_other_status_is_a_warning() -> None:
    _, found = check(note("rejected: 2026-04-01"))
    d = one(found, "status-dates")
    assert at(d) == (Severity.WARNING, 7, 11)
    assert d.message == "rejected is set (2026-04-01) but status is `applied`"
    assert d.hint.startswith("set `status: rejected`")


def test_ghosted_needs_nothing_and_keeps_earlier_stages() -> None:
    text = note("screening: 2026-03-08", "interviews: [2026-03-12, 2026-03-19]",
                base=replaced("status: applied", "status: ghosted"))
    app, found = check(text)
    assert found == []
    assert app is not None and len(app.interviews) == 2


def test_offer_then_declined_is_consistent() -> None:
    text = note("offer: 2026-04-10", "declined: 2026-04-12",
                base=replaced("status: applied", "status: declined"))
    assert check(text)[1] == []
