"""Reminders and the agenda, on a handful of notes built here, with a fixed today."""

from __future__ import annotations

import json
import textwrap
from datetime import date, timedelta

from jobnotes.analysis.agenda import agenda, agenda_json, cooling_off_banner
from jobnotes.analysis.reminders import JOURNAL_PROMPTS, Reminder, reminders
from jobnotes.cli_today import render
from jobnotes.model import Application, Person
from jobnotes.settings import Settings, Windows

MON = date(2025, 3, 3)          # a Monday


def d(day: int, month: int = 3) -> date:
    return date(2025, month, day)


def app(name: str, status: str = "applied", company: str = "Acme", role: str = "Analyst",
        body: str = "", **fields) -> Application:
    fields.setdefault("applied", d(1, 2))
    return Application(rel=f"applications/{name}.md", slug=name, stem=name, company=company,
                       role=role, status=status, body=textwrap.dedent(body), **fields)


def person(name: str, **fields) -> Person:
    return Person(rel=f"people/{name}.md", slug=name.lower().replace(" ", "-"), name=name,
                  **fields)


def kinds(found: list[Reminder], kind: str) -> list[Reminder]:
    return [r for r in found if r.kind == kind]


# --- cooling-off -------------------------------------------------------------------------

def test_cooling_off_lasts_whole_days_and_is_over_on_its_end_day():
    rejected = app("a", "rejected", rejected=MON)
    settings = Settings()           # 48 hours: Monday and Tuesday
    for today, active in ((MON, True), (d(4), True), (d(5), False)):
        found = kinds(reminders([rejected], [], settings, today), "cooling-off")
        assert bool(found) is active, today
    banner = cooling_off_banner(reminders([rejected], [], settings, d(4)), d(4))
    assert banner is not None
    assert banner.last_day == d(4) and banner.ends == d(5)
    assert banner.prompt in JOURNAL_PROMPTS
    assert "Tuesday 4 March" in banner.message
    assert cooling_off_banner(reminders([rejected], [], settings, d(5)), d(5)) is None


def test_cooling_off_hours_round_up_to_days_and_zero_means_none():
    rejected = app("a", "rejected", rejected=MON)
    settings = Settings(windows=Windows(cooling_off_hours=36))
    assert kinds(reminders([rejected], [], settings, d(4)), "cooling-off")
    assert not kinds(reminders([rejected], [], settings, d(5)), "cooling-off")
    none = Settings(windows=Windows(cooling_off_hours=0))
    assert not kinds(reminders([rejected], [], none, MON), "cooling-off")


def test_banner_shows_the_most_recent_cooling_off():
    older = app("old", "rejected", company="Beta", rejected=d(2))
    newer = app("new", "rejected", company="Gamma", rejected=MON)
    banner = agenda(reminders([older, newer], [], Settings(), MON), MON).cooling_off
    assert banner is not None and banner.rel == "applications/new.md"
    assert banner.others == 1


# --- feedback and post-mortem ------------------------------------------------------------

def test_feedback_request_is_due_on_its_deadline_and_overdue_after():
    rejected = app("a", "rejected", rejected=MON)
    on_deadline = agenda(reminders([rejected], [], Settings(), d(5)), d(5))
    assert "feedback-request" in [r.kind for r in on_deadline.today]
    assert not on_deadline.overdue
    after = agenda(reminders([rejected], [], Settings(), d(6)), d(6))
    assert "feedback-request" in [r.kind for r in after.overdue]
    requested = app("a", "rejected", rejected=MON, feedback_requested=d(4))
    assert not kinds(reminders([requested], [], Settings(), d(6)), "feedback-request")


def test_feedback_request_is_more_urgent_after_interviews():
    screened = app("s", "rejected", rejected=MON, screening=d(10, 2))
    interviewed = app("i", "rejected", rejected=MON, interviews=[d(20, 2)])
    found = kinds(reminders([screened, interviewed], [], Settings(), MON), "feedback-request")
    urgency = {r.rel: r.urgency for r in found}
    assert urgency == {"applications/i.md": "high", "applications/s.md": "normal"}
    assert "after interview 1" in found[0].detail


def test_post_mortem_waits_for_the_cooling_off_and_lists_missing_stages():
    body = """
        ## Post-mortem

        ### Job description match

        Good match.

        ### Interviews

        - [ ]
    """
    rejected = app("a", "rejected", rejected=MON, screening=d(5, 2),
                   interviews=[d(10, 2), d(17, 2), d(24, 2)], body=body)
    # Inside the cooling-off (Monday and Tuesday) it is known, due on Wednesday, but the
    # agenda does not list it yet: the banner says when it comes.
    (ahead,) = kinds(reminders([rejected], [], Settings(), d(4)), "post-mortem")
    assert ahead.due == d(5)
    view = agenda(reminders([rejected], [], Settings(), d(4)), d(4))
    listed = view.overdue + view.today + view.this_week + view.later + view.notes
    assert "post-mortem" not in [r.kind for r in listed]
    assert view.cooling_off is not None
    assert view.cooling_off.message.endswith(
        "The post-mortem can wait until Wednesday 5 March.")
    (found,) = kinds(reminders([rejected], [], Settings(), d(5)), "post-mortem")
    assert found.due == d(5)
    assert found.detail == ("Missing: Resume and cover letter, Screening, Interviews, Follow-up, "
                            "What went well, What to improve, Action plan.")
    assert "post-mortem" in [r.kind for r in agenda([found], d(5)).today]


def test_withdrawing_asks_for_no_post_mortem():
    withdrawn = app("w", "withdrawn", withdrawn=d(20, 2), interviews=[d(10, 2)])
    for today in (d(21, 2), MON, d(20)):
        assert not kinds(reminders([withdrawn], [], Settings(), today), "post-mortem")


def test_post_mortem_reminder_goes_once_every_reached_stage_is_written():
    body = """
        ## Post-mortem
        ### Job description match
        ok
        ### Resume and cover letter
        ok
        ### What went well
        ok
        ### What to improve
        ok
        ### Action plan
        - [ ] Tailor the resume
    """
    rejected = app("a", "rejected", rejected=MON, body=body)
    (found,) = kinds(reminders([rejected], [], Settings(), d(10)), "post-mortem")
    assert found.detail == "Missing: Follow-up."
    body = body.replace("### What went well",
                        "### Follow-up\n        None.\n        ### What went well")
    done = app("a", "rejected", rejected=MON, body=body)
    assert not kinds(reminders([done], [], Settings(), d(10)), "post-mortem")


# --- people ------------------------------------------------------------------------------

def test_thank_you_after_an_interview_with_a_listed_contact():
    jane = person("Jane Doe", role="interviewer")
    application = app("a", "interviewing", interviews=[MON], contacts=["Jane Doe"])
    (found,) = kinds(reminders([application], [jane], Settings(), MON), "thank-you")
    assert found.due == d(4) and found.rel == "people/Jane Doe.md"
    assert "Acme — Analyst" in found.detail
    thanked = person("Jane Doe", role="interviewer", thanked=MON)
    assert not kinds(reminders([application], [thanked], Settings(), MON), "thank-you")


def test_thank_you_for_an_older_meeting_does_not_cover_a_new_interview():
    jane = person("Jane Doe", role="recruiter", met=d(1, 2), thanked=d(1, 2))
    application = app("a", "interviewing", interviews=[MON], contacts=["jane doe"])
    assert kinds(reminders([application], [jane], Settings(), MON), "thank-you")


def test_a_referrer_is_not_thanked_for_each_interview_round():
    ref = person("Rob Ref", role="referrer")
    application = app("a", "interviewing", interviews=[MON], contacts=["Rob Ref"])
    found = kinds(reminders([application], [ref], Settings(), MON), "thank-you")
    # Not Rob: the round itself, since no one on the company's side has a note.
    assert [(r.rel, r.title) for r in found] == [
        ("applications/a.md", "Send a thank-you for the Acme interview (round 1)")]


def test_connect_and_touch_follow_the_meeting():
    jane = person("Jane Doe", met=d(1), thanked=d(1))
    found = reminders([], [jane], Settings(), MON)
    assert [(r.kind, r.due) for r in found] == [("connect", d(4)),
                                                ("touch", d(1) + timedelta(days=90))]
    connected = person("Jane Doe", met=d(1), thanked=d(1), connected=d(2))
    assert [r.kind for r in reminders([], [connected], Settings(), MON)] == ["touch"]


def test_a_person_with_no_dates_gets_no_reminders():
    assert reminders([], [person("Nobody Yet")], Settings(), MON) == []


# --- stale and upcoming ------------------------------------------------------------------

def test_follow_up_then_suggest_ghosted_for_a_silent_application():
    silent = app("a", applied=d(1, 2))          # follow up on 8 Feb, ghosted from 3 Mar
    # Listed ahead, within the week it comes due, with its own due day.
    (coming,) = reminders([silent], [], Settings(), d(1, 2))
    assert coming.kind == "follow-up" and coming.due == d(8, 2)
    assert coming.detail.startswith("7 days after applying on Saturday 1 February, if no "
                                    "news comes first.")
    (follow,) = reminders([silent], [], Settings(), d(8, 2))
    assert follow.kind == "follow-up" and follow.due == d(8, 2)
    assert follow.until == d(2, 3)
    assert [r.kind for r in reminders([silent], [], Settings(), d(2))] == ["follow-up"]
    assert [r.kind for r in reminders([silent], [], Settings(), d(3))] == ["suggest-ghosted"]
    ghosted = app("a", "ghosted", applied=d(1, 2))
    assert reminders([ghosted], [], Settings(), d(3)) == []
    answered = app("a", "screening", applied=d(1, 2), screening=d(20, 2))
    assert not kinds(reminders([answered], [], Settings(), d(3)), "suggest-ghosted")


def test_no_follow_up_while_an_interview_is_scheduled():
    waiting = app("a", "interviewing", applied=d(1, 2), interviews=[d(5)])
    assert [r.kind for r in reminders([waiting], [], Settings(), MON)] == [
        "interview-upcoming"]


def test_upcoming_interviews_and_next_actions_within_a_week():
    application = app("a", "interviewing", applied=d(20, 2), screening=d(25, 2),
                      interviews=[d(27, 2), MON, d(10), d(11)],
                      next_action="Send portfolio", next_action_date=d(9))
    found = reminders([application], [], Settings(), MON)
    upcoming = kinds(found, "interview-upcoming")
    assert [r.due for r in upcoming] == [MON, d(10)]
    assert upcoming[0].urgency == "high" and "Round 2" in upcoming[0].detail
    (action,) = kinds(found, "next-action")
    assert action.title == "Send portfolio"
    later = app("b", next_action="Call", next_action_date=d(11))
    assert not kinds(reminders([later], [], Settings(), MON), "next-action")


# --- gentle notes ------------------------------------------------------------------------

def test_an_application_inside_a_cooling_off_gets_a_gentle_note_for_two_weeks():
    rejection = app("r", "rejected", company="Beta", rejected=MON)
    quick = app("q", company="Gamma", applied=d(4))
    found = kinds(reminders([rejection, quick], [], Settings(), d(6)),
                  "applied-in-cooling-off")
    assert [(r.rel, r.urgency) for r in found] == [("applications/q.md", "info")]
    view = agenda(reminders([rejection, quick], [], Settings(), d(6)), d(6))
    assert [r.kind for r in view.notes] == ["applied-in-cooling-off"]
    assert not kinds(reminders([rejection, quick], [], Settings(), d(19)),
                     "applied-in-cooling-off")
    outside = app("o", company="Gamma", applied=d(5))          # the window's end day
    assert not kinds(reminders([rejection, outside], [], Settings(), d(6)),
                     "applied-in-cooling-off")


def test_applying_again_to_a_company_that_said_no_is_noted():
    before = app("old", "rejected", company="ACME ", applied=d(1, 1), rejected=d(20, 1))
    again = app("new", company="acme", applied=d(1))
    (note,) = kinds(reminders([before, again], [], Settings(), MON), "reapply")
    assert note.rel == "applications/new.md"
    assert "rejected you for Analyst on Monday 20 January" in note.detail
    other = app("other", company="Beta", applied=d(1))
    assert not kinds(reminders([before, other], [], Settings(), MON), "reapply")


# --- the agenda --------------------------------------------------------------------------

def _sample() -> list[Reminder]:
    apps = [
        app("rejected", "rejected", company="Beta", rejected=d(24, 2)),
        app("interview", "interviewing", company="Gamma", applied=d(20, 2),
            interviews=[MON, d(6)]),
        app("waiting", company="Delta", applied=d(24, 2)),
    ]
    return reminders(apps, [person("Nobody")], Settings(), MON)


def test_agenda_groups_by_due_date():
    view = agenda(_sample(), MON)
    assert [r.kind for r in view.overdue] == ["feedback-request", "post-mortem"]
    assert [r.kind for r in view.today] == ["interview-upcoming", "follow-up"]
    # Gamma's interview today has no contact to thank: the round is thanked by the 4th.
    assert [(r.kind, r.due) for r in view.this_week] == [("thank-you", d(4)),
                                                         ("interview-upcoming", d(6))]
    assert view.cooling_off is None
    assert not view.is_empty


def test_overdue_lists_the_most_urgent_first_then_the_most_recently_due():
    interviewed = app("i", "rejected", company="Beta", interviews=[d(10, 2)], rejected=d(20, 2))
    silent = app("s", company="Gamma", applied=d(5, 2))          # follow-up due 12 Feb
    newer = app("n", company="Delta", applied=d(15, 2))          # follow-up due 22 Feb
    ghosted = app("g", company="Eps", applied=d(20, 1))          # "ghosted?" due 19 Feb
    view = agenda(reminders([interviewed, silent, newer, ghosted], [], Settings(), MON), MON)
    assert [(r.urgency, r.kind, r.due, r.subject) for r in view.overdue] == [
        ("high", "feedback-request", d(24, 2), "Beta — Analyst"),   # Monday, not Saturday
        ("normal", "follow-up", d(22, 2), "Delta — Analyst"),
        ("normal", "post-mortem", d(22, 2), "Beta — Analyst"),
        ("normal", "follow-up", d(12, 2), "Gamma — Analyst"),
        ("low", "suggest-ghosted", d(19, 2), "Eps — Analyst"),       # newer, less pressing
    ]


def test_agenda_text_has_sections_and_colour_only_when_asked():
    view = agenda(_sample(), MON)
    plain = render(view, color=False)
    assert "\x1b[" not in plain
    assert plain.index("Overdue") < plain.index("Today") < plain.index("Next 7 days")
    assert ("• Interview with Gamma — Round 1 for Analyst on Monday 3 March. "
            "(applications/interview.md)") in plain
    assert "\x1b[" in render(view, color=True)


def test_empty_agenda_says_so():
    assert "Nothing due" in render(agenda([], MON))


def test_agenda_json_is_serializable():
    data = agenda_json(agenda(_sample(), MON))
    text = json.dumps(data)
    assert data["today"] == "2025-03-03"
    assert data["due_today"][0]["kind"] == "interview-upcoming"
    assert '"due": "2025-02-26"' in text


def test_reminders_are_deterministic_and_sorted():
    first = _sample()
    assert first == _sample()
    assert [r.due for r in first] == sorted(r.due for r in first)


def test_no_interview_reminder_once_the_application_is_closed():
    closed = app("a", "rejected", interviews=[d(5)], rejected=d(2))
    assert not kinds(reminders([closed], [], Settings(), MON), "interview-upcoming")


def test_an_informational_interview_never_goes_stale() -> None:
    from datetime import date

    from jobnotes.analysis.reminders import reminders
    from jobnotes.model import Application
    from jobnotes.settings import Settings

    chat = Application(rel="applications/chat.md", slug="chat", stem="chat", company="Tidewell",
                       role="Informational chat", status="applied", type="informational",
                       applied=date(2026, 9, 1), screening=date(2026, 9, 8))
    kinds = {r.kind for r in reminders([chat], [], Settings(), date(2026, 11, 27))}
    assert not kinds & {"follow-up", "suggest-ghosted"}
