"""Thank-you reminders after interviews and meetings, as `jobnotes today` shows them: each
kind worded as before, dropped once more than 30 days late, the same in the serve path."""

from __future__ import annotations

from datetime import date

from jobnotes.analysis import reminders
from jobnotes.analysis.memo import Analysis
from jobnotes.analysis.notememo import NoteMemo
from jobnotes.load import load_vault
from tests.conftest import EXAMPLE_VAULT
from tests.test_followups_ghosted import SETTINGS, agenda, line_of, note


def person(**keys: str) -> str:
    lines = [f"{key}: {value}" for key, value in keys.items()]
    return "\n".join(["---", "company: Cobalt", *lines, "---", ""])


NOTES = {
    **SETTINGS,
    "applications/cobalt.md": note(status="interviewing", interviews="[2026-11-24]",
                                   contacts='["[[Bob Smith]]"]'),
    "applications/delta.md": note(company="Delta", status="interviewing",
                                  interviews="[2026-11-23]"),
    "people/Amir Sadeghi.md": person(role="peer", met="2026-11-26"),
}


def test_every_kind_of_thank_you_reads_as_before(vault):
    output = agenda(vault(NOTES), "2026-11-27")
    assert line_of(output, "Thank Amir Sadeghi") == (
        "• Thank Amir Sadeghi — A short thank-you note after meeting on Thursday 26 "
        "November, by Friday 27 November. Set thanked once it is sent. "
        "(people/Amir Sadeghi.md)")
    assert line_of(output, "Thank Bob Smith") == (
        "• Thank Bob Smith — due 2 days ago. A short thank-you note after the interview for "
        "Cobalt — Analyst (round 1) on Tuesday 24 November, by Wednesday 25 November. Add "
        "the date to this application's followed_up once it is sent; a note people/Bob "
        "Smith.md would remind you of Bob Smith by name (and take thanked). "
        "(applications/cobalt.md)")
    assert line_of(output, "Send a thank-you for the Delta") == (
        "• Send a thank-you for the Delta interview (round 1) — due 3 days ago. A short note "
        "to whoever you met, after the interview for Delta — Analyst (round 1) on Monday 23 "
        "November, by Tuesday 24 November. Add the date to this application's followed_up "
        "once it is sent. Add the interviewer to contacts, with a note in people/, to be "
        "reminded by name. "
        "(applications/delta.md)")


def test_a_thank_you_more_than_14_days_late_is_dropped(vault):
    root = vault(NOTES)
    # Bob's was due by 25 November, the round at Delta by 24 November, Amir's by 27 November.
    late = agenda(root, "2026-12-09")
    assert "Thank Bob Smith" in late and "Send a thank-you for the Delta" not in late
    later = agenda(root, "2026-12-11")
    assert "Thank Amir Sadeghi" in later and "Thank Bob Smith" not in later
    assert "Thank Amir" not in agenda(root, "2026-12-12")


def test_the_serve_path_gives_the_same_thank_yous(vault):
    root = vault(NOTES)
    day = date(2026, 11, 27)
    loaded = load_vault(root, today=day)
    plain = reminders.reminders(loaded.applications, loaded.people, loaded.settings, day)
    shared = Analysis.of(loaded, NoteMemo()).reminders
    assert [r for r in shared if r.kind == "thank-you"] == [
        r for r in plain if r.kind == "thank-you"]
    assert len([r for r in plain if r.kind == "thank-you"]) == 3


def test_the_example_vault_thank_yous_are_unchanged():
    output = agenda(EXAMPLE_VAULT, "2026-11-27")
    # Beatrice is the recruiter: thanked for meeting her, not after the interviews.
    assert line_of(output, "Thank Beatrice Lund") == (
        "• Thank Beatrice Lund — due 10 days ago. A short thank-you note after meeting on "
        "Monday 16 November, by Tuesday 17 November. Set thanked once it is sent. "
        "(people/Beatrice Lund.md)")
    assert line_of(output, "Thank Amir and ask about the team") == (
        "• Thank Amir and ask about the team before applying — Your next action on Moss & "
        "Meridian — Analytics Engineer, planned for Friday 27 November. A short thank-you "
        "note after meeting on Thursday 26 November, by Friday 27 November. Set thanked "
        "once it is sent. (people/Amir Sadeghi.md)")


def test_a_recruiter_thanked_after_meeting_is_not_asked_again_after_each_interview(vault):
    """The recruiter arranged the rounds; the interviewers are thanked after them."""
    notes = {
        **SETTINGS,
        "applications/cobalt.md": note(status="interviewing", interviews="[2026-11-24]",
                                       contacts='["[[Dana Diaz]]", "[[Hugo Hall]]"]'),
        "people/Dana Diaz.md": person(role="recruiter", met="2026-11-16",
                                      thanked="2026-11-17"),
        "people/Hugo Hall.md": person(role="hiring-manager", met="2026-11-24"),
    }
    output = agenda(vault(notes), "2026-11-25")
    assert "Thank Dana Diaz" not in output
    assert line_of(output, "Thank Hugo Hall").startswith(
        "• Thank Hugo Hall — A short thank-you note after the interview for Cobalt — Analyst")
