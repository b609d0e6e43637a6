"""The practice scorecard: one line per practice, with a figure and a status."""

from __future__ import annotations

from datetime import date, timedelta

from jobnotes.analysis.reminders import reminders
from jobnotes.analysis.scorecard import Touches, scorecard, touches_on_time
from jobnotes.analysis.skills import skill_demand
from jobnotes.model import Application, Person
from jobnotes.settings import Settings, Windows

TODAY = date(2025, 3, 20)

COMPLETE = """\
## Post-mortem
### Job description match
Close.
### Resume and cover letter
Tailored.
### Follow-up
Thanked the panel the same day.
### What went well
The case study.
### What to improve
Numbers on impact.
### Action plan
- [ ] Add metrics to every bullet
"""


def d(day: int, month: int = 3) -> date:
    return date(2025, month, day)


def app(name: str, status: str = "applied", **fields) -> Application:
    return Application(rel=f"applications/{name}.md", slug=name, stem=name,
                       company=name.capitalize(), role="Analyst", status=status, **fields)


def person(name: str, **fields) -> Person:
    return Person(rel=f"people/{name}.md", slug=name.lower(), name=name, **fields)


def sample() -> tuple[list[Application], list[Person]]:
    apps = [
        app("r1", "rejected", channel="job-board", applied=d(10, 1), rejected=d(1, 2),
            feedback_requested=d(2, 2), feedback_received=d(5, 2), skills=["SQL", "dbt"],
            body=COMPLETE),
        app("r2", "rejected", channel="job-board", applied=d(10, 2), rejected=d(1),
            skills=["DBT", "Python"]),
        app("r3", "rejected", channel="networking", applied=d(20, 2), rejected=d(19),
            skills=["dbt"]),
        app("a4", channel="job-board", applied=d(10), skills=["Airflow"]),
        app("a5", channel="job-board", applied=d(2)),          # the day after r2's rejection
        app("c6", channel="recruiter", applied=d(5), type="contract"),
        app("w7", "wishlist", skills=["Rust", "Rust", "rust"]),  # not an application
    ]
    people = [
        person("Jane", met=d(1), thanked=d(2)),                # on time
        person("Bob", met=d(1)),                               # never thanked
        person("Old", touches=[date(2024, 11, 1)]),            # cold
    ]
    return apps, people


def test_the_eight_practices_in_order_with_figures_and_statuses():
    apps, people = sample()
    settings = Settings(skills=["sql", "Python"], learning=["Airflow"])
    card = scorecard(apps, people, settings, TODAY)
    assert [p.key for p in card] == ["process", "feedback", "post-mortem", "network",
                                     "skills", "channels", "resilience", "alternatives"]
    lines = {p.key: (p.figure, p.status) for p in card}
    assert lines["process"] == (
        "Applications inside a cooling-off window: 1 in the last 30 days", "ok")
    # Every rejection is counted; r3 is still inside its request window, so the status
    # leaves it out (1 of 2 due) and the detail says so.
    assert lines["feedback"] == ("Feedback requested for 1 of 3 rejections", "ok")
    assert lines["post-mortem"] == ("Post-mortems written for 1 of 2 rejections", "ok")
    # Touches: Jane's thank-you the day after meeting is not a value touch; Old's last
    # contact is 139 days ago (late, going cold); Bob's first touch is not due yet. One
    # late touch is too few to judge by its rate: the going-cold rule sets the status.
    assert lines["network"] == (
        "Thank-you notes on time for 50 % of contacts; touches on time: 0 of 1", "ok")
    assert lines["skills"] == ("Learning 1 skill; top gap: dbt (asked 3 times)", "ok")
    assert lines["channels"] == ("Channel mix: job boards 67 % against a 40 % target",
                                 "attention")
    assert lines["resilience"] == ("Weekly goal streak: 0 weeks", "attention")
    assert lines["alternatives"] == (
        "0 informational interviews, 1 contract or freelance role", "good")
    details = {p.key: p.detail for p in card}
    assert details["network"] == "1 contact going cold"
    assert details["feedback"] == ("1 rejection still inside the 2-day request window; "
                                   "1 reply to 1 request")


def test_an_empty_vault_needs_no_attention():
    card = scorecard([], [], Settings(), TODAY)
    assert len(card) == 8
    assert all(p.status != "attention" for p in card), [(p.key, p.status) for p in card]
    assert all(p.figure for p in card)


def test_skill_demand_is_case_insensitive_and_counts_each_application_once():
    apps, _ = sample()
    demand = skill_demand(apps, TODAY, Settings())
    assert [(d.name, d.count) for d in demand][:2] == [("dbt", 3), ("Airflow", 1)]


def test_learning_the_top_gap_is_good():
    apps, people = sample()
    settings = Settings(skills=["SQL", "Python", "Airflow"], learning=["dbt"])
    skills = scorecard(apps, people, settings, TODAY)[4]
    assert (skills.figure, skills.status) == (
        "Learning 1 skill; top gap dbt is being learned", "good")


def test_a_skill_you_have_is_not_counted_as_being_learned():
    apps, people = sample()
    settings = Settings(skills=["SQL", "Python", "Airflow", "dbt"],
                        learning=["dbt", "DBT", "Python"])
    skills = scorecard(apps, people, settings, TODAY)[4]
    assert skills.figure.startswith("Learning 0 skills;")


def test_touches_almost_due_are_named_and_never_count_as_going_cold():
    people = [
        person("Jane", met=d(1), thanked=d(2)),                 # thanked on time
        person("Greta", touches=[TODAY - timedelta(days=79)]),  # due in 11 days
        person("Oliver", touches=[TODAY - timedelta(days=78)]),
        person("Mattias", touches=[TODAY - timedelta(days=191)]),
    ]
    network = scorecard([], people, Settings(), TODAY)[3]
    assert network.detail == "1 contact going cold; 2 touches almost due"
    assert network.status == "ok"          # one cold contact: a nudge, not "attention"
    people[-1] = person("Mattias", touches=[TODAY - timedelta(days=89)])
    network = scorecard([], people, Settings(), TODAY)[3]
    assert network.detail == "3 touches almost due" and network.status == "good"


def test_feedback_counts_every_rejection_like_the_post_mortems_page():
    apps = [app("r1", "rejected", applied=d(1, 2), rejected=d(1), feedback_requested=d(2)),
            app("r2", "rejected", applied=d(1, 2), rejected=d(3)),
            app("r3", "rejected", applied=d(1, 2), rejected=d(19)),    # window still open
            app("chat", "rejected", type="informational", rejected=d(2))]
    practice = scorecard(apps, [], Settings(), TODAY)[1]
    assert practice.figure == "Feedback requested for 1 of 3 rejections"
    assert practice.detail.startswith("1 rejection still inside the 2-day request window")
    assert practice.status == "ok"         # 1 of the 2 whose window has passed



def test_the_feedback_window_ends_when_the_agendas_request_falls_due():
    """Inside the window through the due day, as the agenda's reminder is due, not late;
    due from the next day, when the agenda shows it overdue. 36 hours make two days."""
    settings = Settings(windows=Windows(feedback_request_hours=36))
    rejected = app("r", "rejected", applied=d(1, 2), rejected=d(10))
    for today, waiting in ((d(10), True), (d(12), True), (d(13), False)):
        practice = scorecard([rejected], [], settings, today)[1]
        inside = practice.detail.startswith("1 rejection still inside the 2-day")
        assert inside is waiting and (practice.status == "good") is waiting
        ask = [r for r in reminders([rejected], [], settings, today)
               if r.kind == "feedback-request"]
        assert [r.due for r in ask] == [d(12)]
        assert (today <= ask[0].due) is waiting

# --- touches on time -----------------------------------------------------------------------

def on(year: int, month: int, day: int) -> date:
    return date(year, month, day)


def touches(people: list[Person], apps: list[Application] | None = None,
            settings: Settings | None = None) -> Touches:
    return touches_on_time(people, apps or [], settings or Settings(), TODAY)


def test_a_touch_no_later_than_the_cadence_after_the_last_contact_is_on_time():
    # 2024-12-30 is exactly 90 days after the meeting: on the due day is on time.
    steady = person("Steady", met=on(2024, 10, 1), thanked=on(2024, 10, 1),
                    touches=[on(2024, 12, 30), on(2025, 3, 1)])
    assert touches([steady]) == Touches(due=2, on_time=2)       # 1 Mar + 90 is not due yet
    network = scorecard([], [steady], Settings(), TODAY)[3]
    assert network.figure == ("Thank-you notes on time for 100 % of contacts; "
                              "touches on time: 2 of 2")
    assert network.status == "good"


def test_a_late_touch_and_an_overdue_one_both_count_as_late():
    # 122 days to the first touch: late, one touch however long the gap. 170 days since:
    # the next touch is overdue and the contact is going cold.
    slow = person("Slow", connected=on(2024, 6, 1), touches=[on(2024, 10, 1)])
    assert touches([slow]) == Touches(due=2, on_time=0)
    network = scorecard([], [slow], Settings(), TODAY)[3]
    assert network.figure == "No thank-you notes due yet; touches on time: 0 of 2"
    assert network.detail == "1 contact going cold"
    assert network.status == "ok"       # two touches are too few to judge by their rate


def test_only_value_touches_and_lapses_count_not_a_thank_you_after_meeting():
    # The thank-you and the connection right after meeting are not touches the user made;
    # the touch 60 days later is, and on time.
    met = person("Met", met=on(2024, 12, 1), thanked=on(2024, 12, 2),
                 connected=on(2024, 12, 3), touches=[on(2025, 1, 31)])
    assert touches([met]) == Touches(due=1, on_time=1)
    # A gap longer than the cadence is late whatever ended it, here an interview.
    interview = app("acme", "interviewing", applied=on(2024, 9, 1),
                    interviews=[on(2025, 3, 1)], contacts=["[[Lapsed]]"])
    lapsed = person("Lapsed", met=on(2024, 6, 1))
    assert touches([lapsed], [interview]) == Touches(due=1, on_time=0)


def test_a_touch_not_yet_due_is_not_counted():
    fresh = person("Fresh", touches=[on(2025, 1, 1)])            # 78 days ago: almost due
    due_today = person("Edge", touches=[on(2024, 12, 20)])       # 90 days ago: due today
    later = person("Later", touches=[on(2025, 4, 1)])            # after today: not yet held
    assert touches([fresh, due_today, later]) == Touches()
    network = scorecard([], [fresh, due_today, later], Settings(), TODAY)[3]
    assert network.figure == "No thank-you notes or touches due yet"
    assert network.status == "good"
    assert network.detail == "2 touches almost due"
    # The day after its due date, Edge's touch is late.
    assert touches_on_time([due_today], [], Settings(), TODAY + timedelta(days=1)) == \
        Touches(due=1, on_time=0)


def test_contacts_on_the_same_day_are_one_contact():
    once = person("Once", met=on(2025, 1, 10), thanked=on(2025, 1, 10),
                  touches=[on(2025, 1, 10), on(2025, 1, 10)])
    assert touches([once]) == Touches()
    twice = person("Twice", met=on(2024, 11, 1), touches=[on(2025, 1, 15), on(2025, 1, 15)])
    assert touches([twice]) == Touches(due=1, on_time=1)


def test_people_with_no_touch_reminder_are_not_counted_and_roles_do_not_matter():
    nobody = person("Nobody", company="Acme", role="peer")       # no date: no reminder
    ivan = person("Ivan", role="interviewer")                    # dated by the interview
    interview = app("acme", "interviewing", applied=on(2024, 9, 1),
                    interviews=[on(2024, 10, 1)], contacts=["[[Ivan]]"])
    assert touches([nobody]) == Touches()
    assert touches([nobody, ivan], [interview]) == Touches(due=1, on_time=0)
    network = scorecard([interview], [nobody], Settings(), TODAY)[3]
    # No contact has a date yet: nothing to judge, so no "good" either.
    assert (network.figure, network.status) == ("1 contact with no dates yet", "none")


def test_the_cadence_is_the_touch_days_setting():
    steady = person("Steady", connected=on(2024, 10, 1),
                    touches=[on(2024, 12, 30), on(2025, 3, 1)])
    monthly = Settings(windows=Windows(touch_days=30))
    # 90 and 61 days apart: both late; 19 days since: not due yet.
    assert touches([steady], settings=monthly) == Touches(due=2, on_time=0)


def test_the_network_status_is_the_worse_of_thank_yous_and_touches():
    thanked = person("Jane", met=on(2025, 3, 10), thanked=on(2025, 3, 10))
    cold = [person(f"Cold {i}", touches=[on(2024, 6, i)]) for i in range(1, 3)]
    warm = person("Warm", connected=on(2024, 12, 1), touches=[on(2025, 2, 1)])
    network = scorecard([], [thanked, warm, *cold], Settings(), TODAY)[3]
    # Thank-yous: 1 of 1. Touches: Warm's on time, both Colds overdue.
    assert network.figure == ("Thank-you notes on time for 100 % of contacts; "
                              "touches on time: 1 of 3")
    assert network.status == "attention"
    network = scorecard([], [thanked, warm], Settings(), TODAY)[3]
    assert (network.figure, network.status) == (
        "Thank-you notes on time for 100 % of contacts; touches on time: 1 of 1", "good")


def test_an_empty_vault_has_no_touches_to_count():
    assert touches([]) == Touches() and Touches().rate is None
    network = scorecard([], [], Settings(), TODAY)[3]
    assert (network.figure, network.status) == ("No contacts recorded yet", "ok")


def test_a_channel_without_a_target_is_named_but_never_off_target():
    # The default targets leave referrals out: two referrals of five applications are
    # not "40 % against a 0 % target".
    apps = [app("a", channel="referral", applied=d(1)), app("b", channel="referral",
                                                            applied=d(2)),
            app("c", channel="job-board", applied=d(3)), app("d", channel="job-board",
                                                             applied=d(4)),
            app("e", channel="job-board", applied=d(5))]
    line = next(p for p in scorecard(apps, [], Settings(), TODAY) if p.key == "channels")
    assert "referrals" not in line.figure and "against a 0 % target" not in line.figure
    assert line.figure == "Channel mix: networking 0 % against a 30 % target"
    assert "no target for referrals (40 %)" in line.detail


def test_feedback_that_came_unasked_needs_no_request():
    apps = [app("r1", "rejected", applied=d(1, 1), rejected=d(1, 2),
                feedback_received=d(1, 2)),
            app("r2", "rejected", applied=d(1, 1), rejected=d(2, 2), feedback_requested=d(3, 2))]
    line = next(p for p in scorecard(apps, [], Settings(), TODAY) if p.key == "feedback")
    assert line.figure == "Feedback requested for 1 of 2 rejections; no request was needed for 1"
    assert line.status == "good"
    assert "feedback came unasked after 1 rejection" in line.detail


def test_the_cooling_off_check_of_recent_applications_finds_what_the_whole_check_finds():
    """``applied_since`` only leaves out what it says: the pairs of applications sent on
    that day or later are those of the check over every application."""
    import random

    from jobnotes.analysis.reminders import applied_in_cooling_off
    from tests.builders import app

    rng = random.Random(11)
    start = date(2026, 6, 1)
    for _ in range(20):
        apps = []
        for n in range(120):
            applied = start + timedelta(days=rng.randrange(150))
            rejected = (applied + timedelta(days=rng.randrange(0, 30))
                        if rng.random() < 0.4 else None)
            apps.append(app(f"a{n:03d}", status="rejected" if rejected else "applied",
                            applied=applied, rejected=rejected,
                            type="informational" if rng.random() < 0.05 else None))
        rng.shuffle(apps)
        settings = Settings(windows=Windows(cooling_off_hours=rng.choice([24, 48, 72, 240])))
        every = applied_in_cooling_off(apps, settings)
        for since in (start, start + timedelta(days=60), start + timedelta(days=149),
                      start + timedelta(days=200)):
            assert applied_in_cooling_off(apps, settings, applied_since=since) == [
                (a, r) for a, r in every if a.applied is not None and a.applied >= since]
