"""Furthest stage (from dates only) and how each application left the pipeline."""

from __future__ import annotations

from datetime import date

from jobnotes.analysis.stages import (
    Stage,
    StageReached,
    answered,
    exit_of,
    first_answer,
    furthest_stage,
    is_pipeline,
)
from jobnotes.settings import Settings, Windows
from tests.builders import app, d

TODAY = date(2024, 6, 14)


def test_stages_order_as_a_search_reaches_them():
    order = [
        StageReached(Stage.NONE), StageReached(Stage.APPLIED), StageReached(Stage.RESPONSE),
        StageReached(Stage.INTERVIEW, 1), StageReached(Stage.INTERVIEW, 2),
        StageReached(Stage.INTERVIEW, 7), StageReached(Stage.OFFER),
        StageReached(Stage.ACCEPTED),
    ]
    assert sorted(reversed(order)) == order
    assert StageReached(Stage.OFFER, 0).reached(Stage.INTERVIEW, 3)
    assert not StageReached(Stage.INTERVIEW, 2).reached(Stage.INTERVIEW, 3)


def test_stage_labels():
    assert StageReached(Stage.APPLIED).label == "Applied"
    assert StageReached(Stage.RESPONSE).label == "Screening"
    assert StageReached(Stage.RESPONSE).key == "response"
    assert StageReached(Stage.INTERVIEW, 2).label == "Interview 2"
    assert StageReached(Stage.INTERVIEW, 2).key == "interview-2"
    assert StageReached(Stage.OFFER, 1).label == "Offer"


def test_applied_only():
    assert furthest_stage(app(), TODAY) == StageReached(Stage.APPLIED)


def test_screening_is_a_response():
    stage = furthest_stage(app(screening=d("2024-06-03")), TODAY)
    assert stage == StageReached(Stage.RESPONSE)


def test_an_answer_is_any_reply_a_rejection_included():
    bare = app(status="rejected", applied=d("2024-06-01"), rejected=d("2024-06-05"))
    assert answered(bare, TODAY) and first_answer(bare, TODAY) == d("2024-06-05")
    assert furthest_stage(bare, TODAY) == StageReached(Stage.APPLIED)   # not a stage
    assert not answered(bare, d("2024-06-04"))                          # not yet
    screened = app(applied=d("2024-06-01"), screening=d("2024-06-03"),
                   rejected=d("2024-06-10"))
    assert first_answer(screened, TODAY) == d("2024-06-03")
    scheduled = app(applied=d("2024-06-01"), interviews=[d("2024-06-20")])
    assert answered(scheduled, TODAY) and first_answer(scheduled, TODAY) is None
    for silent in (app(applied=d("2024-06-01")),
                   app(status="withdrawn", applied=d("2024-06-01"), withdrawn=d("2024-06-02")),
                   app(status="screening", applied=d("2024-06-01"))):   # status alone: no
        assert not answered(silent, TODAY)


def test_interview_rounds_are_counted():
    a = app(screening=d("2024-06-03"), interviews=[d("2024-06-05"), d("2024-06-10")])
    assert furthest_stage(a, TODAY) == StageReached(Stage.INTERVIEW, 2)


def test_upcoming_interview_is_not_reached_but_proves_a_response():
    a = app(interviews=[d("2024-06-10"), d("2024-06-20")])
    assert furthest_stage(a, TODAY) == StageReached(Stage.INTERVIEW, 1)
    only_upcoming = app(interviews=[d("2024-06-20")])
    assert furthest_stage(only_upcoming, TODAY) == StageReached(Stage.RESPONSE)


def test_interview_on_today_counts():
    assert furthest_stage(app(interviews=[TODAY]), TODAY).label == "Interview 1"


def test_rejected_after_three_interviews_keeps_its_stage():
    a = app(
        status="rejected", screening=d("2024-05-03"),
        interviews=[d("2024-05-06"), d("2024-05-13"), d("2024-05-20")],
        rejected=d("2024-05-24"),
    )
    assert furthest_stage(a, TODAY) == StageReached(Stage.INTERVIEW, 3)
    ex = exit_of(a, TODAY, Settings())
    assert ex.kind == "rejected"
    assert ex.label == "Rejected after interview 3"
    assert ex.date == d("2024-05-24")
    assert not ex.is_open


def test_status_is_ignored_for_the_stage():
    # The status says "interviewing" but no interview date was recorded yet.
    assert furthest_stage(app(status="interviewing"), TODAY) == StageReached(Stage.APPLIED)


def test_offer_and_accepted_from_dates():
    offer = app(status="offer", interviews=[d("2024-06-05")], offer=d("2024-06-12"))
    assert furthest_stage(offer, TODAY) == StageReached(Stage.OFFER, 1)
    declined_only = app(status="declined", declined=d("2024-06-12"))
    assert furthest_stage(declined_only, TODAY).stage is Stage.OFFER
    accepted = app(status="accepted", offer=d("2024-06-10"), accepted=d("2024-06-12"))
    assert furthest_stage(accepted, TODAY).stage is Stage.ACCEPTED


def test_wishlist_and_informational_are_not_pipeline():
    assert is_pipeline(app())
    assert not is_pipeline(app(status="wishlist"))
    assert not is_pipeline(app(type="informational"))
    assert furthest_stage(app(status="wishlist"), TODAY).stage is Stage.NONE
    assert exit_of(app(status="wishlist"), TODAY, Settings()).kind == "wishlist"


def test_open_application_waiting_for_a_reply():
    ex = exit_of(app(applied=d("2024-06-10")), TODAY, Settings())
    assert ex.kind == "active" and ex.is_open
    assert ex.label == "Awaiting a response"


def test_silence_past_the_ghosted_window_is_no_response():
    settings = Settings()
    a = app(applied=d("2024-05-15"))          # exactly 30 days before TODAY
    ex = exit_of(a, TODAY, settings)
    assert ex.kind == "no-response"
    assert ex.label == "No response"
    assert ex.date == d("2024-06-14")
    assert exit_of(app(applied=d("2024-05-16")), TODAY, settings).kind == "active"


def test_ghosted_window_comes_from_settings():
    short = Settings(windows=Windows(ghosted_days=10))
    assert exit_of(app(applied=d("2024-06-01")), TODAY, short).kind == "no-response"


def test_ghosted_status_with_and_without_a_response():
    silent = app(status="ghosted", applied=d("2024-06-10"))
    assert exit_of(silent, TODAY, Settings()).kind == "no-response"
    later = app(status="ghosted", interviews=[d("2024-06-05")])
    ex = exit_of(later, TODAY, Settings())
    assert ex.kind == "ghosted-after-response"
    assert ex.label == "Ghosted after interview 1"


def test_silence_after_an_interview_is_ghosted_after_response():
    a = app(applied=d("2024-04-01"), interviews=[d("2024-04-10")], status="interviewing")
    assert exit_of(a, TODAY, Settings()).kind == "ghosted-after-response"


def test_scheduled_interview_keeps_an_old_application_open():
    a = app(applied=d("2024-03-01"), interviews=[d("2024-06-20")], status="interviewing")
    ex = exit_of(a, TODAY, Settings())
    assert ex.kind == "active"
    assert ex.label == "In process after screening"


def test_an_offer_waiting_for_a_decision_never_goes_stale():
    a = app(status="offer", applied=d("2024-01-01"), offer=d("2024-02-01"))
    ex = exit_of(a, TODAY, Settings())
    assert ex.kind == "active"
    assert ex.label == "Deciding on the offer"


def test_closing_outcomes():
    settings = Settings()
    withdrawn = app(status="withdrawn", screening=d("2024-06-03"), withdrawn=d("2024-06-04"))
    assert exit_of(withdrawn, TODAY, settings).label == "Withdrawn after screening"
    rejected = app(status="rejected", rejected=d("2024-06-03"))
    assert exit_of(rejected, TODAY, settings).label == "Rejected after applying"
    declined = app(status="declined", offer=d("2024-06-05"), declined=d("2024-06-07"))
    assert exit_of(declined, TODAY, settings).kind == "declined"
    assert exit_of(declined, TODAY, settings).label == "Offer declined"
    accepted = app(status="accepted", offer=d("2024-06-05"), accepted=d("2024-06-07"))
    assert exit_of(accepted, TODAY, settings).label == "Offer accepted"


def test_outcome_date_counts_even_when_status_lags():
    # The rejection date was filled in but the status not yet updated.
    a = app(status="interviewing", interviews=[d("2024-06-03")], rejected=d("2024-06-10"))
    ex = exit_of(a, TODAY, Settings())
    assert ex.kind == "rejected"
    assert ex.label == "Rejected after interview 1"
