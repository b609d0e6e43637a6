"""One item per step: a next action that is a step a reminder already asks for is shown
once, in the user's words; a silent application's follow-up waits for the user's own next
step; "no one to ask" stops the feedback reminder; the wording of "applying again"."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.analysis.feedback import feedback_stats
from jobnotes.analysis.memo import Analysis
from jobnotes.analysis.notememo import NoteMemo
from jobnotes.cli import main
from jobnotes.load import load_vault
from tests.conftest import EXAMPLE_VAULT, write_vault
from tests.test_dashboard import dashboard_html, section, text_of

TODAY = "2026-11-27"            # a Friday

COBALT = """
    ---
    company: Cobalt
    role: Analytics Engineer
    status: rejected
    channel: referral
    applied: 2026-10-28
    interviews: [2026-11-19]
    rejected: 2026-11-25
    contacts: ["[[Felix Aronsson]]"]
    next_action: Ask Felix for feedback (two questions, short)
    next_action_date: 2026-11-27
    ---
"""
MOSS = """
    ---
    company: Moss
    role: Analytics Engineer
    status: wishlist
    contacts: ["[[Amir Sadeghi]]"]
    next_action: Thank Amir and ask about the team before applying
    next_action_date: 2026-11-27
    ---
"""
SUNDRIFT = """
    ---
    company: Sundrift
    role: Product Analyst
    status: interviewing
    channel: networking
    applied: 2026-11-04
    interviews: [2026-11-20]
    contacts: ["[[Priya Raman]]"]
    next_action: Check in with Priya about next steps
    next_action_date: 2026-11-27
    ---
"""
PEOPLE = {
    "people/Felix Aronsson.md": "---\nrole: interviewer\nthanked: 2026-11-19\n"
                                "connected: 2026-11-19\n---\n",
    "people/Amir Sadeghi.md": "---\nrole: peer\nmet: 2026-11-26\n---\n",
    "people/Priya Raman.md": "---\nrole: hiring-manager\nthanked: 2026-11-20\n"
                             "connected: 2026-11-01\n---\n",
}


def make(tmp_path: Path, notes: dict[str, str], name: str = "vault") -> Path:
    return write_vault(tmp_path / name, {"jobnotes.toml": "", **notes})


def today(root: Path, day: str = TODAY) -> str:
    result = CliRunner().invoke(main, ["today", str(root), "--today", day])
    assert result.exit_code == 0, result.output
    return result.output


def bullets(text: str) -> list[str]:
    """The agenda's items: "title — detail (rel)" lines."""
    return [line[2:] for line in text.splitlines() if line.startswith("• ")]


def group(root: Path, name: str, day: str = TODAY) -> list[str]:
    """The titles in one group of ``today --format json``: overdue, due_today, this_week."""
    result = CliRunner().invoke(main, ["today", str(root), "--today", day, "--format", "json"])
    assert result.exit_code == 0, result.output
    return [item["title"] for item in json.loads(result.stdout)[name]]


def without(note: str, *keys: str) -> str:
    """``note`` with the front matter lines of ``keys`` left out."""
    return "".join(line for line in note.splitlines(keepends=True)
                   if line.strip().split(":")[0] not in keys)


def labelled(html: str) -> list[tuple[str, str]]:
    """(kind label, title) of each dashboard agenda item."""
    return re.findall(r'<span class="kind-tag">([^<]+)</span>\s*<div class="reminder-body">\s*'
                      r'<p class="reminder-title">(?:<a [^>]*>)?([^<]+)', html)


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    return make(tmp_path, {"applications/cobalt.md": COBALT, "applications/moss.md": MOSS,
                           "applications/sundrift.md": SUNDRIFT, **PEOPLE})


# --- 1. a next action that is a generated step -------------------------------------------

def test_each_step_is_listed_once_in_the_users_words(vault: Path) -> None:
    text = today(vault)
    assert group(vault, "due_today") == [
        "Ask Felix for feedback (two questions, short)",
        "Thank Amir and ask about the team before applying",
        "Check in with Priya about next steps",
        "Write the post-mortem for Cobalt — Analytics Engineer",
    ]
    assert "Ask Cobalt for feedback" not in text and "Thank Amir Sadeghi" not in text
    assert "Follow up on Sundrift" not in text
    # What the generated reminder says stays with it: the deadline and how to close it.
    (feedback,) = [b for b in bullets(text) if b.startswith("Ask Felix")]
    assert ("Your next action, planned for Friday 27 November. Rejected on Wednesday "
            "25 November, after interview 1; a short, polite request by Friday 27 November "
            "works best.") in feedback
    (thanks,) = [b for b in bullets(text) if b.startswith("Thank Amir")]
    assert "Your next action on Moss — Analytics Engineer, planned for" in thanks
    assert "Set thanked once it is sent." in thanks
    # The connection with Amir is another step: still there.
    assert "Connect with Amir Sadeghi on LinkedIn" in group(vault, "this_week")


def test_the_dashboard_shows_the_users_words_with_the_reminders_label(vault: Path) -> None:
    html = section(dashboard_html(vault, TODAY), "agenda")
    items = labelled(html)
    assert ("Feedback", "Ask Felix for feedback (two questions, short)") in items
    assert ("Thank-you", "Thank Amir and ask about the team before applying") in items
    titles = [title for _, title in items]
    assert "Ask Cobalt for feedback" not in titles and "Thank Amir Sadeghi" not in titles
    assert titles.count("Ask Felix for feedback (two questions, short)") == 1


def test_the_application_page_still_lists_its_next_action(vault: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(vault), "-o", str(out), "--today", TODAY])
    assert result.exit_code == 0, result.output
    page = text_of((out / "applications/moss.html").read_text(encoding="utf-8"))
    assert "Thank Amir and ask about the team before applying" in page


def test_served_and_built_agendas_agree(vault: Path) -> None:
    loaded = load_vault(vault, today=date(2026, 11, 27))
    plain, kept = Analysis.of(loaded), Analysis.of(loaded, NoteMemo())
    assert kept.reminders == plain.reminders
    assert kept.reminders_by_rel == plain.reminders_by_rel
    moss = [r.title for r in plain.reminders_by_rel["applications/moss.md"]]
    assert moss == ["Thank Amir and ask about the team before applying"]


def test_a_follow_up_comes_back_in_the_users_words_once_the_date_passed(vault: Path) -> None:
    text = today(vault, "2026-11-28")
    assert "Check in with Priya about next steps" in group(vault, "overdue", "2026-11-28")
    assert "Follow up on Sundrift" not in text
    (line,) = [b for b in bullets(text) if b.startswith("Check in with Priya")]
    assert "No news for 8 days since the interview on Friday 20 November." in line


def test_a_next_action_about_something_else_leaves_the_reminder(tmp_path: Path) -> None:
    cobalt = COBALT.replace("Ask Felix for feedback (two questions, short)",
                            "Prepare the case study")
    items = group(make(tmp_path, {"applications/cobalt.md": cobalt}), "due_today")
    assert items[:2] == ["Ask Cobalt for feedback", "Prepare the case study"]


def test_a_next_action_on_another_application_leaves_the_reminder(tmp_path: Path) -> None:
    cobalt = without(COBALT, "next_action", "next_action_date")
    moss = MOSS.replace("Thank Amir and ask about the team before applying",
                        "Ask Felix for feedback on Cobalt")
    root = make(tmp_path, {"applications/cobalt.md": cobalt, "applications/moss.md": moss,
                           **PEOPLE})
    items = group(root, "due_today")
    assert "Ask Cobalt for feedback" in items and "Ask Felix for feedback on Cobalt" in items


def test_a_plan_from_before_the_rejection_is_another_step(tmp_path: Path) -> None:
    cobalt = COBALT.replace("next_action_date: 2026-11-27", "next_action_date: 2026-11-24")
    root = make(tmp_path, {"applications/cobalt.md": cobalt, **PEOPLE})
    assert "Ask Cobalt for feedback" in group(root, "due_today")
    assert group(root, "overdue") == ["Ask Felix for feedback (two questions, short)"]


def test_a_thank_you_merges_only_with_the_contact_it_names(tmp_path: Path) -> None:
    people = {"people/Jane Doe.md": "---\nrole: interviewer\n---\n",
              "people/Bob Roe.md": "---\nrole: interviewer\n---\n"}
    base = """
        ---
        company: Acme
        role: Analyst
        status: interviewing
        channel: job-board
        applied: 2026-11-01
        interviews: [2026-11-26]
        contacts: ["[[Jane Doe]]", "[[Bob Roe]]"]
        next_action: {plan}
        next_action_date: 2026-11-27
        ---
    """
    named = make(tmp_path, {"applications/acme.md": base.format(
        plan="Thank Jane for the interview"), **people}, "named")
    assert group(named, "due_today") == ["Thank Bob Roe", "Thank Jane for the interview"]
    # Two people owed a thank-you and neither named: which one is meant is unknown.
    unnamed = make(tmp_path, {"applications/acme.md": base.format(
        plan="Send the thank-you notes"), **people}, "unnamed")
    assert sorted(group(unnamed, "due_today")) == [
        "Send the thank-you notes", "Thank Bob Roe", "Thank Jane Doe"]


def test_a_thank_you_to_someone_the_application_does_not_list_stays(tmp_path: Path) -> None:
    moss = without(MOSS, "contacts")
    root = make(tmp_path, {"applications/moss.md": moss, **PEOPLE})
    assert group(root, "due_today") == ["Thank Amir Sadeghi",
                                        "Thank Amir and ask about the team before applying"]


# --- 2. the follow-up waits for the user's own next step ---------------------------------

KESTREL = """
    ---
    company: Kestrel
    role: Analytics Engineer
    status: screening
    channel: direct-outreach
    applied: 2026-11-10
    screening: 2026-11-20
    next_action: Send back the SQL and modeling exercise
    next_action_date: 2026-11-30
    ---
"""


def test_no_follow_up_while_the_user_owes_the_next_step(tmp_path: Path) -> None:
    root = make(tmp_path, {"applications/kestrel.md": KESTREL})
    for day in ("2026-11-27", "2026-11-30"):
        text = today(root, day)
        assert "Follow up on Kestrel" not in text, day
        assert "Send back the SQL and modeling exercise" in text
    assert "Follow up on Kestrel — Analytics Engineer" in group(root, "overdue", "2026-12-01")
    later = today(root, "2026-12-01")
    assert "No news for 11 days since the screening on Friday 20 November." in later


def test_without_a_next_action_the_follow_up_is_due_after_a_week(tmp_path: Path) -> None:
    root = make(tmp_path, {"applications/kestrel.md": without(KESTREL, "next_action_date")})
    assert "Follow up on Kestrel — Analytics Engineer" in group(root, "due_today")


def test_no_ghosted_suggestion_while_the_user_owes_the_next_step(tmp_path: Path) -> None:
    old = KESTREL.replace("applied: 2026-11-10\n    screening: 2026-11-20",
                          "applied: 2026-10-01\n    screening: 2026-10-05")
    root = make(tmp_path, {"applications/kestrel.md": old})
    assert "as ghosted?" not in today(root)
    assert "Mark Kestrel — Analytics Engineer as ghosted?" in today(root, "2026-12-01")


# --- 3. no one to ask for feedback ---------------------------------------------------------

NORDVIK = """
    ---
    company: Nordvik
    role: Analyst
    status: rejected
    channel: job-board
    applied: 2026-10-21
    rejected: 2026-11-25
    feedback_requested: none
    ---
"""


def test_no_one_to_ask_stops_the_feedback_reminder(tmp_path: Path) -> None:
    root = make(tmp_path, {"applications/nordvik.md": NORDVIK})
    check = CliRunner().invoke(main, ["check", str(root), "--today", TODAY])
    assert check.exit_code == 0, check.output
    assert "warning" not in check.output and "error" not in check.output
    for day in ("2026-11-27", "2026-12-10"):
        assert "feedback" not in today(root, day).casefold(), day
    # Not counted as a request made.
    loaded = load_vault(root, today=date(2026, 11, 27))
    assert loaded.applications[0].feedback_not_possible
    assert feedback_stats(loaded.applications).requested == 0


def test_without_it_the_feedback_reminder_says_how_to_stop_it(tmp_path: Path) -> None:
    root = make(tmp_path, {"applications/nordvik.md": without(NORDVIK, "feedback_requested")})
    (line,) = [b for b in bullets(today(root)) if b.startswith("Ask Nordvik for feedback")]
    assert "Set feedback_requested once it is sent, or to none if there is no one to ask." in line


def test_the_example_vault_no_longer_asks_for_impossible_feedback() -> None:
    text = today(EXAMPLE_VAULT)
    assert "Ask Nordvik Games for feedback" not in text
    assert "Ask Ashgrove Media for feedback" not in text


# --- 4. the post-mortem asks for the follow-up ----------------------------------------------

def test_the_post_mortem_asks_for_the_follow_up() -> None:
    text = today(EXAMPLE_VAULT)
    (ashgrove,) = [b for b in bullets(text) if "post-mortem for Ashgrove" in b]
    assert "Missing: Resume and cover letter, Follow-up, What went well, Action plan." in ashgrove
    # Nordvik wrote "### Follow-up: None. Fine for an auto-rejection.": nothing is missing.
    assert "post-mortem for Nordvik" not in text


# --- 5. applying again -------------------------------------------------------------------------

AGAIN = """
    ---
    company: Acme
    role: Analytics Engineer
    status: applied
    channel: referral
    applied: 2026-11-25
    ---
"""
BEFORE = """
    ---
    company: Acme
    role: Data Analyst
    status: {status}
    channel: job-board
    applied: 2026-08-01
    {extra}
    ---
    {body}
"""
POST_MORTEM = "## Post-mortem\n\n    ### What to improve\n\n    Tailor the resume.\n"


@pytest.mark.parametrize(("status", "extra", "body", "said"), [
    ("ghosted", "", "",
     "Acme did not answer for Data Analyst after you applied on Saturday 1 August. "
     "A different way in this time (a referral, or a note to someone there) "
     "may get this one read."),
    ("rejected", "rejected: 2026-08-10\n    feedback_requested: 2026-08-11\n"
     "    feedback_received: 2026-08-14", POST_MORTEM,
     "Its feedback and post-mortem may help this time."),
    ("rejected", "rejected: 2026-08-10", POST_MORTEM, "Its post-mortem may help this time."),
    ("rejected", "rejected: 2026-08-10", "",
     "Say what has changed since then; a post-mortem of that one may help first."),
])
def test_applying_again_says_what_the_earlier_application_holds(
        tmp_path: Path, status: str, extra: str, body: str, said: str) -> None:
    root = make(tmp_path, {"applications/again.md": AGAIN, "applications/before.md":
                           BEFORE.format(status=status, extra=extra, body=body)})
    (line,) = [b for b in bullets(today(root)) if b.startswith("Applying again to Acme")]
    assert said in line
    if status == "ghosted":
        assert "feedback" not in line and "post-mortem" not in line


@pytest.mark.parametrize(("status", "extra", "said"), [
    ("rejected", "rejected: 2026-08-10",
     "Acme rejected you for Data Analyst on Monday 10 August."),
    ("rejected", "", "Acme rejected you for Data Analyst after you applied on Saturday 1 August."),
    ("ghosted", "", "Acme did not answer for Data Analyst after you applied on Saturday 1 August."),
])
def test_applying_again_names_the_earlier_role_and_day_not_its_file(
        tmp_path: Path, status: str, extra: str, said: str) -> None:
    root = make(tmp_path, {"applications/again.md": AGAIN, "applications/before.md":
                           BEFORE.format(status=status, extra=extra, body="")})
    (line,) = [b for b in bullets(today(root)) if b.startswith("Applying again to Acme")]
    assert said in line
    assert "before.md" not in line


def test_applying_again_is_a_word_at_the_time_not_a_daily_reminder(tmp_path: Path) -> None:
    root = make(tmp_path, {"applications/again.md": AGAIN, "applications/before.md":
                           BEFORE.format(status="ghosted", extra="", body="")})
    assert "Applying again to Acme" in today(root, "2026-11-28")       # 3 days after
    assert "Applying again to Acme" not in today(root, "2026-11-29")
