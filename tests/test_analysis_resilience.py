"""Weekly goals, streaks and the wins feed."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from jobnotes.analysis.resilience import (
    goal_events,
    informational_conversations,
    week_start,
    weekly_goals,
    wins,
)
from jobnotes.cli import main
from jobnotes.model import Application, Person
from jobnotes.settings import Goals, Settings
from tests.conftest import write_vault

TODAY = date(2025, 3, 5)            # a Wednesday


def d(day: int, month: int = 3) -> date:
    return date(2025, month, day)


def app(name: str, applied: date | None = None, status: str = "applied",
        **fields) -> Application:
    return Application(rel=f"applications/{name}.md", slug=name, stem=name,
                       company=fields.pop("company", name.capitalize()), role="Analyst",
                       status=status, applied=applied, **fields)


def person(name: str, **fields) -> Person:
    return Person(rel=f"people/{name}.md", slug=name.lower(), name=name, **fields)


GOALS = Goals(applications=2, networking=1, informational=0)


def history_apps() -> list[Application]:
    return [
        app("a1", d(10, 2)), app("a2", d(12, 2)),          # week of 10 Feb: met
        app("b1", d(18, 2)),                               # week of 17 Feb: not met
        app("c1", d(24, 2)), app("c2", d(2)),              # week of 24 Feb (Sunday 2 Mar)
        app("e1", d(3)), app("e2", d(4)),                  # this week
        app("future", d(7)),                               # not yet: never counts
        app("info", d(1, 2), type="informational"),        # not an application
    ]


def history_people() -> list[Person]:
    return [person("Ann", met=d(11, 2)), person("Ben", met=d(25, 2), touches=[d(4), d(8)])]


def test_week_start_monday_and_sunday():
    assert week_start(TODAY) == d(3)
    assert week_start(TODAY, "sunday") == d(2)
    assert week_start(d(2), "sunday") == d(2)
    assert week_start(d(2), "monday") == d(24, 2)


def test_progress_this_week_and_a_streak_across_weeks():
    report = weekly_goals(history_apps(), history_people(), Settings(goals=GOALS), TODAY)
    week = report.this_week
    assert (week.start, week.end, week.current) == (d(3), d(9), True)
    assert [(g.key, g.done, g.target, g.met) for g in week.goals] == [
        ("applications", 2, 2, True), ("networking", 1, 1, True),
        ("informational", 0, 0, True)]                     # a goal of 0 is always met
    assert report.streak == 2                              # this week + week of 24 Feb
    assert [w.met for w in report.history[-4:]] == [True, False, True, True]
    assert len(report.history) == 12 and report.history[-1] is week


def test_an_unfinished_current_week_does_not_break_the_streak():
    apps = [a for a in history_apps() if a.slug not in ("e1", "e2")]
    report = weekly_goals(apps, history_people(), Settings(goals=GOALS), TODAY)
    assert not report.this_week.met
    assert report.streak == 1


def test_sunday_week_start_moves_events_between_weeks():
    settings = Settings(goals=GOALS, week_starts="sunday")
    report = weekly_goals(history_apps(), history_people(), settings, TODAY)
    assert report.this_week.start == d(2)
    assert report.this_week.goals[0].done == 3            # Sunday 2, Monday 3, Tuesday 4
    assert report.streak == 1                             # week of 23 Feb had one application


def test_all_goals_zero_is_always_met():
    settings = Settings(goals=Goals(0, 0, 0))
    report = weekly_goals([], [], settings, TODAY)
    assert report.this_week.met and report.streak == 1


def test_informational_interview_counted_once_and_as_networking():
    mia = person("Mia", informational=d(12, 2))
    same = app("chat", d(5, 2), type="informational", screening=d(12, 2), contacts=["Mia"],
               company="Gamma")
    other = app("chat-2", d(5, 2), type="informational", screening=d(14, 2), company="Delta")
    asked = app("chat-3", d(5, 2), type="informational", company="Eps")   # not held yet
    talks = informational_conversations([same, other, asked], [mia], TODAY)
    assert [(t[0], t[1]) for t in talks] == [(d(12, 2), "people/Mia.md"),
                                             (d(14, 2), "applications/chat-2.md")]
    events = goal_events([same, other, asked], [mia], TODAY)
    assert events["informational"] == [d(12, 2), d(14, 2)]
    assert events["networking"] == [d(12, 2), d(14, 2)]
    assert events["applications"] == []


def test_wins_newest_first_within_sixty_days():
    body = "## Post-mortem\n\n### Action plan\n\n- [x] Practise STAR answers\n- [ ] Learn dbt\n"
    apps = [
        app("acme", d(1, 2), "rejected", screening=d(10, 2), interviews=[d(20, 2), d(9)],
            rejected=d(1), feedback_received=d(4), body=body),
        app("old", date(2024, 11, 1), "offer", offer=date(2024, 12, 1)),
    ]
    people = [person("Ann", connected=d(3))]
    found = wins(apps, people, Settings(goals=Goals(1, 0, 0)), TODAY)
    assert [w.date for w in found] == sorted((w.date for w in found), reverse=True)
    assert all(w.date >= d(4, 1) for w in found)          # the 2024 offer is too old
    kinds = [(w.date, w.kind) for w in found]
    assert (d(4), "feedback") in kinds and (d(3), "connection") in kinds
    assert (d(20, 2), "interview") in kinds and (d(10, 2), "response") in kinds
    assert (d(9), "interview") not in kinds                 # upcoming, not a win yet
    (done,) = [w for w in found if w.kind == "action-done"]
    assert done.approximate and done.date == d(4)          # the note's last event
    assert done.text == "Action item done: Practise STAR answers"
    goals = [w for w in found if w.kind == "goal"]
    assert [w.date for w in goals] == [d(1, 2)]            # 1 application, week of 27 Jan


def test_weekly_goal_met_is_a_win_on_the_day_it_was_reached():
    apps = [app("a", d(3)), app("b", d(4)), app("c", d(5))]
    found = wins(apps, [], Settings(goals=Goals(2, 0, 0)), TODAY)
    (goal,) = [w for w in found if w.kind == "goal"]
    assert goal.date == d(4)
    assert goal.text == "Weekly goal met: 2 applications sent (week of 3 Mar 2025)"


def test_done_action_items_of_one_note_make_one_win():
    body = ("## Post-mortem\n\n### Action plan\n\n- [x] Practise STAR answers\n"
            "- [x] Rewrite the summary\n- [ ] Learn dbt\n")
    rejected = app("acme", d(1, 2), "rejected", rejected=d(1), body=body)
    (done,) = [w for w in wins([rejected], [], Settings(), TODAY) if w.kind == "action-done"]
    assert done.text == "2 action items done for Acme — Analyst"
    assert done.date == d(1) and done.approximate


def test_the_dashboard_writes_the_week_of_a_goal_met_like_every_other_date(tmp_path):
    note = ("---\ncompany: {c}\nrole: Analyst\nstatus: applied\nchannel: job-board\n"
            "applied: {day}\n---\n")
    root = write_vault(tmp_path / "vault", {
        "jobnotes.toml": "[goals]\napplications = 2\n",
        "applications/a.md": note.format(c="Acme", day="2026-11-23"),
        "applications/b.md": note.format(c="Birch", day="2026-11-24"),
    })
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Weekly goal met: 2 applications sent (week of 23 Nov 2026)" in page
    assert "2026-11-23)" not in page


def test_a_task_ticked_with_its_day_is_a_win_of_that_day():
    # Rejected in January; an action item ticked yesterday, dated as Obsidian's Tasks
    # plugin dates it, is yesterday's win, not one of the note's last event.
    body = ("## Post-mortem\n\n### Action plan\n\n- [x] Do the dbt course 📅 2025-03-07 "
            "✅ 2025-03-04\n"
            "- [x] Rewrite the resume\n- [x] Plan ahead ✅ 2025-03-09\n")
    apps = [app("initech", d(2, 1), "rejected", rejected=d(10, 1), body=body)]
    found = [w for w in wins(apps, [], Settings(), TODAY) if w.kind == "action-done"]
    dated = [w for w in found if not w.approximate]
    assert [(w.date, w.text) for w in dated] == [(d(4), "Action item done: Do the dbt course")]
    (undated,) = [w for w in found if w.approximate]        # the 9 March one is to come
    assert undated.date == d(10, 1) and undated.text == "Action item done: Rewrite the resume"
