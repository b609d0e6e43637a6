"""Channel funnels, channel mix against targets, and the timing figures behind them."""

from __future__ import annotations

from datetime import date

import pytest

from jobnotes.analysis.channels import channel_funnels, channel_mix
from jobnotes.analysis.timing import (
    activity_by_week,
    applications_per_week,
    days_to_response,
    response_times,
    week_start,
)
from jobnotes.model import Application, Person
from jobnotes.settings import Settings
from tests.builders import app, d

TODAY = date(2024, 6, 14)   # a Friday


def sample() -> list[Application]:
    return [
        app("jb1"),
        app("jb2", applied=d("2024-06-11")),
        app("jb3", screening=d("2024-06-04")),
        app("ref", channel="referral", interviews=[d("2024-06-05")], offer=d("2024-06-10"),
            status="offer"),
        app("net", channel="networking", interviews=[d("2024-06-06")]),
        app("fair", channel="career-fair"),
        app("wish", status="wishlist", channel="networking"),
        app("chat", type="informational", channel="networking"),
    ]


def test_channel_funnels_count_each_channel_separately():
    rows = {r.channel: r for r in channel_funnels(sample(), TODAY, Settings())}
    jb = rows["job-board"]
    assert (jb.applied, jb.responded, jb.interviewed, jb.offers) == (3, 1, 0, 0)
    assert jb.response_rate == pytest.approx(1 / 3)
    assert jb.interview_rate == 0
    ref = rows["referral"]
    assert (ref.applied, ref.responded, ref.interviewed, ref.offers) == (1, 1, 1, 1)
    assert ref.offer_rate == 1
    # Wishlist and informational notes are not applications.
    assert rows["networking"].applied == 1


def test_a_rejection_email_is_a_channel_response_as_on_the_dashboard():
    notes = [*sample(), app("jb4", status="rejected", rejected=d("2024-06-12"))]
    jb = {r.channel: r for r in channel_funnels(notes, TODAY, Settings())}["job-board"]
    assert (jb.applied, jb.responded, jb.interviewed) == (4, 2, 0)
    assert jb.response_rate == pytest.approx(2 / 4)


def test_channel_order_is_settings_then_others():
    rows = channel_funnels(sample(), TODAY, Settings())
    assert [r.channel for r in rows] == [
        "job-board", "networking", "referral", "direct-outreach", "recruiter", "other",
        "career-fair",
    ]
    unused = rows[3]
    assert unused.applied == 0
    assert unused.response_rate is None and unused.offer_rate is None


def test_applications_this_week_per_channel():
    rows = {r.channel: r for r in channel_funnels(sample(), TODAY, Settings())}
    assert rows["job-board"].this_week == 1    # jb2, sent on Tuesday
    assert rows["referral"].this_week == 0


def test_channel_funnels_with_no_applications():
    rows = channel_funnels([], TODAY, Settings())
    assert [r.channel for r in rows] == list(Settings().channels)
    assert all(r.applied == 0 and r.response_rate is None for r in rows)


def test_channel_mix_against_targets():
    mix = channel_mix(sample(), Settings())
    rows = {r.channel: r for r in mix.rows}
    assert mix.total == 6
    assert rows["job-board"].share_pct == pytest.approx(50)
    assert rows["job-board"].target_pct == 40
    assert rows["job-board"].gap_points == pytest.approx(10)
    # A channel with no target shows against 0, but is never "over target".
    assert rows["referral"].target_pct == 0 and not rows["referral"].targeted
    assert rows["referral"].gap_points == pytest.approx(100 / 6)
    assert rows["direct-outreach"].gap_points == pytest.approx(-20)
    assert mix.most_over == "job-board"
    assert mix.most_under == "direct-outreach"


def test_channel_mix_lists_targeted_channels_not_in_the_channel_list():
    settings = Settings(channels=["job-board"], channel_targets={"job-board": 50, "events": 50})
    mix = channel_mix([app()], settings)
    assert [(r.channel, r.share_pct, r.gap_points) for r in mix.rows] == [
        ("job-board", 100, 50), ("events", 0, -50),
    ]


def test_channel_mix_empty():
    mix = channel_mix([], Settings())
    assert mix.total == 0
    assert all(r.share_pct is None and r.gap_points is None for r in mix.rows)
    assert mix.most_over is None and mix.most_under is None


# ------------------------------------------------------------------------ timing


def test_week_start_monday_or_sunday():
    assert week_start(TODAY, Settings()) == d("2024-06-10")
    assert week_start(TODAY, Settings(week_starts="sunday")) == d("2024-06-09")
    assert week_start(d("2024-06-09"), Settings(week_starts="sunday")) == d("2024-06-09")


def test_a_rejection_is_a_response():
    a = app(applied=d("2024-06-01"), rejected=d("2024-06-08"), status="rejected")
    assert days_to_response(a, TODAY) == 7
    first = app(applied=d("2024-06-01"), screening=d("2024-06-03"), interviews=[d("2024-06-05")])
    assert days_to_response(first, TODAY) == 2
    assert days_to_response(app(), TODAY) is None


def test_response_times_median_per_channel_and_company():
    apps = [
        app("a", company="Acme", screening=d("2024-06-03")),                     # 2 days
        app("b", company="acme ", screening=d("2024-06-11")),                    # 10 days
        app("c", company="Beta", channel="referral", interviews=[d("2024-06-05")]),  # 4 days
        app("d", company="Beta"),                                                # waiting
        app("e", company="Wish", status="wishlist"),
    ]
    times = response_times(apps, TODAY, Settings())
    assert times.overall.median_days == 4
    assert [s.days for s in times.overall.samples] == [2, 4, 10]
    assert times.overall.waiting == 1
    channels = {g.key: g for g in times.by_channel}
    assert channels["job-board"].median_days == 6
    assert channels["referral"].median_days == 4
    assert channels["recruiter"].median_days is None
    assert [(g.key, g.answered, g.waiting) for g in times.by_company] == [
        ("Acme", 2, 0), ("Beta", 1, 1),
    ]


def test_applications_per_week_fill_the_gaps():
    apps = [app("a", applied=d("2024-05-22")), app("b", applied=d("2024-05-23")),
            app("c", applied=d("2024-06-12")), app("w", status="wishlist")]
    weeks = applications_per_week(apps, TODAY, Settings())
    assert [(w.week_start, w.count) for w in weeks] == [
        (d("2024-05-20"), 2), (d("2024-05-27"), 0), (d("2024-06-03"), 0), (d("2024-06-10"), 1),
    ]
    assert applications_per_week([], TODAY, Settings()) == []


def test_activity_by_week_stacks_every_kind_of_action():
    apps = [
        app("a", applied=d("2024-06-03"), screening=d("2024-06-05"),
            interviews=[d("2024-06-11"), d("2024-06-18")]),
        app("b", applied=d("2024-06-12")),
        app("chat", type="informational", interviews=[d("2024-06-13")]),
    ]
    people = [Person(rel="people/Jane.md", slug="jane", name="Jane", met=d("2024-06-04"),
                     touches=[d("2024-06-10"), d("2023-01-01")], informational=d("2024-06-20"))]
    weeks = activity_by_week(apps, people, TODAY, Settings())
    assert len(weeks) == 16
    assert weeks[-1].week_start == d("2024-06-10")
    assert weeks[0].week_start == d("2024-02-26")
    last, before = weeks[-1], weeks[-2]
    assert (before.applications, before.responses, before.interviews, before.networking) == (
        1, 1, 0, 1)
    # The upcoming interview and informational interview are not counted yet.
    assert (last.applications, last.responses, last.interviews, last.networking) == (
        1, 0, 1, 2)
    assert sum(w.total for w in weeks[:-2]) == 0
