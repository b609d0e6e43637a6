"""Reminders that used to be missing, stuck or misplaced, as `jobnotes today`, the calendar
export, `jobnotes check` and the dashboard show them, on notes written here, fixed dates."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
from click.testing import CliRunner

from jobnotes.cli import main
from jobnotes.cli_today import today as today_command
from tests.test_dashboard import dashboard_html, section, text_of

SETTINGS = {"jobnotes.toml": ""}


def application(company: str = "Cobalt", status: str = "interviewing",
                applied: str = "2026-11-02", **keys: str) -> str:
    lines = [f"{key}: {value}" for key, value in keys.items()]
    return "\n".join(["---", f"company: {company}", "role: Analyst", f"status: {status}",
                      "channel: job-board", f"applied: {applied}", *lines, "---", ""])


def person(role: str = "interviewer", **keys: str) -> str:
    lines = [f"{key}: {value}" for key, value in keys.items()]
    return "\n".join(["---", "company: Cobalt", f"role: {role}", *lines, "---", ""])


def today(root: Path, day: str) -> str:
    result = CliRunner().invoke(today_command, [str(root), "--today", day])
    assert result.exit_code == 0, result.output
    return result.output


def items(output: str) -> list[str]:
    """Each agenda line's title, as the terminal shows it."""
    return [line[2:].split(" — ", 1)[0] for line in output.splitlines()
            if line.startswith("• ")]


def line_of(output: str, start: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(f"• {start}"))


def calendar(root: Path, day: str) -> dict[str, str]:
    """Event summary -> UID of `jobnotes export ics`."""
    result = CliRunner().invoke(main, ["export", "ics", str(root), "--today", day])
    assert result.exit_code == 0, result.output
    cal = icalendar.Calendar.from_ical(result.output)
    return {str(e["SUMMARY"]): str(e["UID"]) for e in cal.walk("VEVENT")}


# --- 1. a thank-you for every interview ----------------------------------------------------

def test_an_interview_without_contacts_is_thanked_as_a_round(vault):
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        interviews="[2026-11-24, 2026-11-26]")})
    on_time = today(root, "2026-11-25")
    assert "• Send a thank-you for the Cobalt interview (round 1) — A short note to whoever " \
           "you met, after the interview for Cobalt — Analyst (round 1) on Tuesday 24 " \
           "November, by Wednesday 25 November. Add the date to this application's " \
           "followed_up once it is sent. Add the interviewer to contacts, with a note in " \
           "people/, to be reminded by name." in on_time
    # The latest round held is the one to thank for.
    later = today(root, "2026-11-27")
    assert "Send a thank-you for the Cobalt interview (round 2)" in later
    assert "(round 1)" not in later


def test_followed_up_on_or_after_the_interview_marks_the_thank_you_sent(vault):
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        interviews="[2026-11-24, 2026-11-26]", followed_up="2026-11-26")})
    assert "Send a thank-you" not in today(root, "2026-11-27")
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        interviews="[2026-11-24, 2026-11-26]", followed_up="2026-11-25")})
    assert "Send a thank-you for the Cobalt interview (round 2)" in today(root, "2026-11-27")


def test_a_contact_without_a_note_is_thanked_by_name(vault):
    root = vault({
        **SETTINGS,
        "applications/cobalt.md": application(
            interviews="[2026-11-24]", contacts='["[[Jane Doe]]", "[[Bob Smith]]"]'),
        "people/Jane Doe.md": person(),
    })
    output = today(root, "2026-11-25")
    assert [t for t in items(output) if t.startswith(("Thank", "Send a thank"))] == [
        "Thank Bob Smith", "Thank Jane Doe"]
    bob = line_of(output, "Thank Bob Smith")
    assert "Add the date to this application's followed_up once it is sent; a note " \
           "people/Bob Smith.md would remind you of Bob Smith by name (and take thanked)." \
        in bob
    assert bob.endswith("(applications/cobalt.md)")
    assert line_of(output, "Thank Jane Doe").endswith("(people/Jane Doe.md)")
    # Once Bob has a note, his own thanked date decides.
    root = vault({
        **SETTINGS,
        "applications/cobalt.md": application(
            interviews="[2026-11-24]", contacts='["[[Jane Doe]]", "[[Bob Smith]]"]'),
        "people/Jane Doe.md": person(thanked="2026-11-24"),
        "people/Bob Smith.md": person(thanked="2026-11-25"),
    })
    assert not [t for t in items(today(root, "2026-11-25")) if "hank" in t]


def test_a_thank_you_is_dropped_after_the_late_limit_and_after_a_rejection(vault):
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="applied", interviews="[2026-11-24]")})
    assert "Send a thank-you" in today(root, "2026-12-09")       # 14 days late
    assert "Send a thank-you" not in today(root, "2026-12-10")
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="rejected", interviews="[2026-11-24]", rejected="2026-11-25")})
    output = today(root, "2026-11-25")
    assert "Send a thank-you" not in output and "Ask Cobalt for feedback" in output


def test_a_round_thank_you_is_a_calendar_event_and_merges_with_a_next_action(vault):
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        interviews="[2026-11-24]", next_action="Send the thank-you email",
        next_action_date="2026-11-25")})
    output = today(root, "2026-11-25")
    assert items(output).count("Send the thank-you email") == 1
    assert "Send a thank-you for the Cobalt" not in output
    assert "Send the thank-you email" in calendar(root, "2026-11-25")


# --- 2. next actions of closed applications ------------------------------------------------

def test_a_past_next_action_of_a_withdrawn_application_is_dropped(vault):
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="withdrawn", withdrawn="2026-11-20", next_action="Prepare portfolio",
        next_action_date="2026-11-15")})
    assert "Prepare portfolio" not in today(root, "2027-06-01")
    assert "Prepare portfolio" not in today(root, "2026-11-20")
    # Planned after withdrawing (a thank-you to the recruiter): it stays.
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="withdrawn", withdrawn="2026-11-20", next_action="Thank the recruiter",
        next_action_date="2026-11-23")})
    assert "Thank the recruiter" in today(root, "2026-11-24")


def test_declined_accepted_and_ghosted_drop_their_old_next_actions(vault):
    for status, keys in (("declined", {"offer": "2026-11-10", "declined": "2026-11-16"}),
                         ("accepted", {"offer": "2026-11-10", "accepted": "2026-11-15"}),
                         ("ghosted", {})):
        root = vault({**SETTINGS, "applications/cobalt.md": application(
            status=status, next_action="Prepare portfolio", next_action_date="2026-11-15",
            **keys)})
        assert "Prepare portfolio" not in today(root, "2026-12-01"), status
    # Ghosted records no date: a next action for today or later is still planned.
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="ghosted", next_action="One last nudge", next_action_date="2026-12-01")})
    assert "One last nudge" in today(root, "2026-12-01")


def test_a_rejected_application_keeps_its_next_action_through_the_feedback_period(vault):
    # Rejected on Friday the 20th: the feedback request is due on Monday the 23rd and
    # shown 14 days after, through 7 December; the next action is kept as long.
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="rejected", rejected="2026-11-20", feedback_requested="2026-11-21",
        next_action="Write to Jane about the result", next_action_date="2026-11-25")})
    assert "Write to Jane about the result" in today(root, "2026-12-07")
    assert "Write to Jane about the result" not in today(root, "2026-12-08")
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="rejected", rejected="2026-11-20", feedback_requested="2026-11-21",
        next_action="Apply again", next_action_date="2027-03-01")})
    assert "Apply again" in today(root, "2027-03-01")


# --- 3. connection reminders are dropped when very late ------------------------------------

def test_a_connection_more_than_30_days_late_is_dropped_and_the_touch_remains(vault):
    root = vault({**SETTINGS, "people/Jane Doe.md": person(
        role="peer", met="2025-01-01", thanked="2025-01-01")})
    assert "Connect with Jane Doe on LinkedIn" in today(root, "2025-02-03")   # due 4 Jan
    late = today(root, "2025-02-04")
    assert "Connect with Jane Doe" not in late
    assert "Connect with Jane Doe" not in today(root, "2026-12-01")
    assert "Check in with Jane Doe" in today(root, "2026-12-01")


def test_an_interviewer_met_only_at_the_interview_gets_a_connection_reminder(vault):
    root = vault({**SETTINGS, "people/Hank Hill.md": person(),
                  "applications/cobalt.md": application(
                      interviews="[2026-11-24]", contacts='["[[Hank Hill]]"]')})
    output = today(root, "2026-11-27")       # connect_days: 3 after the interview
    assert "Connect with Hank Hill on LinkedIn" in output
    assert "You met at the interview for Cobalt — Analyst on" in output
    done = vault({**SETTINGS, "people/Hank Hill.md": person(connected="2026-11-25"),
                  "applications/cobalt.md": application(
                      interviews="[2026-11-24]", contacts='["[[Hank Hill]]"]')})
    assert "Connect with Hank Hill" not in today(done, "2026-11-27")


def test_an_informational_interview_starts_the_connection_reminder(vault):
    root = vault({**SETTINGS, "people/Ivy Chen.md": person(
        role="peer", informational="2026-11-20", thanked="2026-11-20")})
    output = today(root, "2026-11-27")
    assert "Connect with Ivy Chen on LinkedIn" in output
    assert "You met at the informational interview on" in output


# --- 4. applications on the day of a rejection ---------------------------------------------

def test_an_application_on_the_day_of_a_rejection_is_not_in_its_cooling_off(vault):
    files = {**SETTINGS, "applications/old.md": application(
        company="Oldco", status="rejected", applied="2026-11-01", rejected="2026-11-25")}
    root = vault({**files, "applications/new.md": application(
        company="Newco", status="applied", applied="2026-11-25")})
    assert "Applied during a cooling-off" not in today(root, "2026-11-27")
    root = vault({**files, "applications/new.md": application(
        company="Newco", status="applied", applied="2026-11-26")})
    assert "went out on Thursday 26 November, soon after the rejection from Oldco" in (
        today(root, "2026-11-27"))


# --- 5. followed_up -------------------------------------------------------------------------

def test_a_follow_up_sent_restarts_the_follow_up_window(vault):
    silent = {**SETTINGS, "applications/cobalt.md": application(status="applied")}
    root = vault(silent)
    assert "Follow up on Cobalt — Analyst — No news for 7 days since applying on Monday " \
           "2 November. Set followed_up once it is sent." in today(root, "2026-11-09")
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="applied", followed_up="2026-11-10")})
    # Not due before a week after the follow-up: listed as coming the day before.
    assert "• Follow up on Cobalt — Analyst — due tomorrow." in today(root, "2026-11-16")
    again = today(root, "2026-11-17")
    assert "• Follow up on Cobalt — Analyst — No news for 15 days since applying on Monday " \
           "2 November; you last wrote to them on Tuesday 10 November. Set followed_up once it " \
           "is sent." in again
    # A list of dates works as well, the latest counts.
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="applied", followed_up="[2026-11-10, 2026-11-17]")})
    assert "• Follow up on Cobalt — Analyst — due tomorrow." in today(root, "2026-11-23")
    assert "• Follow up on Cobalt — Analyst — No news" in today(root, "2026-11-24")


def test_ghosted_counts_from_the_last_real_activity_with_one_window_after_a_follow_up(vault):
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="applied", followed_up="[2026-11-10, 2026-11-17]")})
    assert "Mark Cobalt — Analyst as ghosted?" in today(root, "2026-12-02")   # applied + 30
    # A follow-up late in the window gives the company 7 days to answer it.
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="applied", followed_up="2026-11-30")})
    output = today(root, "2026-12-06")
    assert "ghosted?" not in output and "Follow up on" not in output
    assert "• Mark Cobalt — Analyst as ghosted? — No news for 35 days since " \
           "applying on Monday 2 November; you last wrote to them on Monday 30 November; set " \
           "status: ghosted" in today(root, "2026-12-07")


def test_a_bad_followed_up_is_an_error_naming_its_line(vault):
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="applied", followed_up="[2026-11-10, 2026-13-01]"),
        "applications/early.md": application(
            company="Early", status="applied", followed_up="2026-10-01"),
        "applications/ahead.md": application(
            company="Ahead", status="applied", followed_up="2026-12-01")})
    result = CliRunner().invoke(main, ["check", str(root), "--today", "2026-11-20"])
    assert result.exit_code != 0
    out = result.output
    assert re.search(r"applications/cobalt\.md:7:\d+: error: .*2026-13-01", out), out
    assert re.search(r"applications/early\.md:7:\d+: error: follow-up 1 \(2026-10-01\) is "
                     r"before applied \(2026-11-02\)", out), out
    assert re.search(r"applications/ahead\.md:7:\d+: error: follow-up 1 \(2026-12-01\) is "
                     r"after today", out), out


# --- 6. the calendar keeps a silent application's event ------------------------------------

def test_the_follow_up_event_becomes_the_ghosted_suggestion_with_the_same_uid(vault):
    root = vault({**SETTINGS, "applications/cobalt.md": application(status="applied")})
    before = calendar(root, "2026-12-01")
    after = calendar(root, "2026-12-02")
    assert list(before) == ["Follow up on Cobalt — Analyst"]
    assert list(after) == ["Mark Cobalt — Analyst as ghosted?"]
    assert before["Follow up on Cobalt — Analyst"] == after["Mark Cobalt — Analyst as ghosted?"]
    assert calendar(root, "2026-12-20") == after


# --- 7. weeks before the search ------------------------------------------------------------

def test_weeks_before_the_first_note_are_not_shown_as_missed_goals(vault):
    # A first application on Wednesday 18 November 2026; the dashboard on the 27th.
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="applied", applied="2026-11-18")})
    strip = section(dashboard_html(root, "2026-11-27"), "goals")
    text = text_of(strip)
    assert "Week of 7 Sep 2026: before your search" in text
    assert "Week of 9 Nov 2026: before your search" in text
    assert "Week of 16 Nov 2026: 0 of 3 goals met" in text
    assert "before your search" not in text.split("Week of 16 Nov 2026")[1]
    assert "goals met" not in text.split("Week of 16 Nov 2026")[0].split("weeks")[-1]
    assert strip.count('class="week-before"') == 10
    assert "blank weeks came before your search" in text


def test_the_json_schema_and_obsidian_types_know_followed_up():
    from jobnotes.interop.jsonschema import application_schema, obsidian_types
    from jobnotes.settings import Settings

    found = application_schema(Settings())["properties"]["followed_up"]
    assert "a date or a list of dates" in found["description"]
    assert obsidian_types()["types"]["followed_up"] == "multitext"


# --- a feedback request is dropped two weeks after it was due ------------------------------

def test_a_late_feedback_request_says_it_is_still_worth_sending_then_goes(vault):
    # Rejected on Friday the 20th: the request works best by Monday the 23rd.
    root = vault({**SETTINGS, "applications/cobalt.md": application(
        status="rejected", rejected="2026-11-20")})
    on_time = today(root, "2026-11-21")
    assert "Ask Cobalt for feedback" in on_time and "works best" in on_time
    late = today(root, "2026-11-30")
    assert "Ask Cobalt for feedback" in late and "works best" not in late
    assert "still worth sending, the sooner the better" in late
    assert "Ask Cobalt for feedback" in today(root, "2026-12-07")     # 14 days late
    assert "Ask Cobalt for feedback" not in today(root, "2026-12-08")


# --- a post-mortem asks about the follow-up only when there was a moment for one -------------

def test_a_no_within_days_of_applying_asks_for_no_follow_up_section(vault):
    quick = vault({**SETTINGS, "applications/cobalt.md": application(
        status="rejected", applied="2026-11-02", rejected="2026-11-06")})
    line = line_of(today(quick, "2026-11-12"), "Write the post-mortem for Cobalt")
    assert "Missing: Job description match, Resume and cover letter, What went" in line
    assert "Follow-up" not in line
    silent = vault({**SETTINGS, "applications/cobalt.md": application(
        status="rejected", applied="2026-11-02", rejected="2026-11-12")})
    line = line_of(today(silent, "2026-11-16"), "Write the post-mortem for Cobalt")
    assert "Follow-up" in line
    nudged = vault({**SETTINGS, "applications/cobalt.md": application(
        status="rejected", applied="2026-11-02", rejected="2026-11-06",
        followed_up="[2026-11-04]")})
    assert "Follow-up" in line_of(today(nudged, "2026-11-12"), "Write the post-mortem")


# --- a message owed over a weekend is due on the Monday --------------------------------------

def test_a_friday_interview_is_thanked_by_monday_and_counted_on_time(vault):
    root = vault({**SETTINGS, "people/Carol Lee.md": person(role="hiring-manager"),
                  "applications/cobalt.md": application(
                      interviews="[2026-11-20]", contacts='["[[Carol Lee]]"]')})
    line = line_of(today(root, "2026-11-21"), "Thank Carol Lee")     # a Saturday
    assert "by Monday 23 November" in line and "due in 2 days" in line
    assert "Overdue" not in today(root, "2026-11-23")
    thanked = vault({**SETTINGS, "people/Carol Lee.md": person(
        role="hiring-manager", thanked="2026-11-23"),
        "applications/cobalt.md": application(
            interviews="[2026-11-20]", contacts='["[[Carol Lee]]"]')})
    card = text_of(dashboard_html(thanked, "2026-11-27"))
    assert "Thank-you notes on time for 100 % of contacts" in card
