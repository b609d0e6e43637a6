"""The practice scorecard: one line per practice, with a figure and a status."""

from __future__ import annotations

from datetime import date, timedelta

from jobnotes.analysis.scorecard import scorecard
from jobnotes.analysis.skills import skill_demand
from jobnotes.model import Application, Person
from jobnotes.settings import Settings

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
    assert lines["network"] == ("Thank-you notes on time for 50% of contacts", "ok")
    assert lines["skills"] == ("Learning 1 skill; top gap: dbt (asked 3 times)", "ok")
    assert lines["channels"] == ("Channel mix: job boards 67% against a 40% target",
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
