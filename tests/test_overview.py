"""Headline figures of the dashboard, from a handful of applications built in the test."""

from __future__ import annotations

from datetime import date

from jobnotes.analysis.overview import (
    active_count,
    applications_in_week,
    recent_activity,
    response_rate,
    status_counts,
    still_early,
    timeline,
    week_start,
)
from jobnotes.analysis.stages import last_activity
from jobnotes.model import STATUSES, Application

D = date.fromisoformat


def app(slug: str, status: str, **fields) -> Application:
    return Application(rel=f"applications/{slug}.md", slug=slug, stem=slug,
                       company=slug.title(), role="Analyst", status=status, **fields)


APPS = [
    app("acme", "interviewing", applied=D("2024-03-11"), screening=D("2024-03-12"),
        interviews=[D("2024-03-13")]),
    app("globex", "rejected", applied=D("2024-03-01"), screening=D("2024-03-04"),
        rejected=D("2024-03-08")),
    app("hooli", "ghosted", applied=D("2024-03-17")),             # Sunday
    app("initech", "applied", applied=D("2024-03-10")),           # the Sunday before
    app("umbrella", "wishlist"),
    app("stark", "applied", type="informational", applied=D("2024-03-12"),
        screening=D("2024-03-12")),
]
TODAY = D("2024-03-14")   # a Thursday


def test_status_counts_in_pipeline_order_with_zeros():
    counts = status_counts(APPS)
    assert list(counts) == list(STATUSES)
    # The informational "stark" (status: applied) is not an application.
    assert counts["applied"] == 1 and counts["wishlist"] == 1 and counts["offer"] == 0
    assert sum(counts.values()) == len(APPS) - 1


def test_applications_in_week_starting_monday():
    week = applications_in_week(APPS, TODAY)
    assert {a.slug for a in week} == {"acme", "hooli"}    # informational left out


def test_applications_in_week_starting_sunday():
    week = applications_in_week(APPS, TODAY, week_starts="sunday")
    assert {a.slug for a in week} == {"acme", "initech"}
    assert week_start(TODAY, "sunday") == D("2024-03-10")
    assert week_start(D("2024-03-10"), "sunday") == D("2024-03-10")
    assert week_start(D("2024-03-10"), "monday") == D("2024-03-04")


def test_active_count():
    assert active_count(APPS) == 2      # interviewing + initech; the informational chat no


def test_response_rate_counts_stages_reached_and_skips_informational():
    # Sent: acme, globex, hooli, initech; responses: acme and globex (screening reached).
    assert response_rate(APPS, TODAY) == 0.5


def test_a_rejection_is_a_response_once_it_has_happened():
    bare = app("wayne", "rejected", applied=D("2024-03-01"), rejected=D("2024-03-05"))
    assert response_rate([*APPS, bare], TODAY) == 3 / 5
    assert response_rate([*APPS, bare], D("2024-03-04")) == 2 / 5   # before it came


def test_response_rate_with_nothing_sent_is_none():
    assert response_rate([app("umbrella", "wishlist")], TODAY) is None
    assert response_rate([], TODAY) is None


def test_timeline_orders_every_dated_stage():
    globex = app("globex", "rejected", applied=D("2024-03-01"), screening=D("2024-03-04"),
                 interviews=[D("2024-03-05"), D("2024-03-06")], rejected=D("2024-03-08"),
                 feedback_requested=D("2024-03-08"))
    assert [(e.label, e.day.day) for e in timeline(globex)] == [
        ("Applied", 1), ("Screening", 4), ("Interview 1", 5), ("Interview 2", 6),
        ("Rejected", 8), ("Feedback requested", 8),
    ]
    assert last_activity(globex, TODAY) == D("2024-03-08")
    assert last_activity(app("umbrella", "wishlist"), TODAY) is None


def test_recent_activity_newest_first_up_to_today():
    future = app("future", "applied", applied=D("2024-04-01"))
    events = recent_activity([*APPS, future], TODAY, limit=3)
    assert [(e.app.slug, e.label) for e in events] == [
        ("acme", "Interview"), ("acme", "Screening"), ("stark", "Applied"),
    ]


def test_applications_too_new_to_have_an_answer_are_named_not_hidden():
    apps = [
        app("fresh", "applied", applied=D("2024-03-10")),           # 4 days: may still answer
        app("edge", "applied", applied=D("2024-03-08")),            # 6 days: still inside 7
        app("old", "applied", applied=D("2024-03-07")),             # 7 days: silence counts
        app("answered", "screening", applied=D("2024-03-12"), screening=D("2024-03-13")),
        app("gave-up", "withdrawn", applied=D("2024-03-12")),
        app("future", "applied", applied=D("2024-03-20")),          # not sent by today
        app("chat", "applied", type="informational", applied=D("2024-03-12")),
        app("idea", "wishlist"),
    ]
    assert still_early(apps, TODAY, 7) == 2
    assert still_early(apps, TODAY, 30) == 3
    assert still_early([], TODAY, 7) == 0
