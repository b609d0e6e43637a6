"""The figures a user reads agree from page to page: what counts as an application, what
counts as a response, a networking conversation, a contact going cold, and the
denominator of the feedback practice. Each test builds a site (and the JSON export) with
``jobnotes build`` / ``jobnotes export json`` on a fixed day and reads the figures back."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.analysis.network import networking_conversations
from jobnotes.cli import main
from jobnotes.load import load_vault
from tests.conftest import EXAMPLE_VAULT, write_vault
from tests.test_dashboard import section, text_of

TODAY = "2026-06-12"          # a Friday: the week runs 8-14 June 2026

NOTES = {
    "jobnotes.toml": """
        title = "Figures"
    """,
    # An interview held, a screening before it.
    "applications/acme.md": """
        ---
        company: Acme
        role: Analyst
        status: interviewing
        channel: job-board
        applied: 2026-06-01
        screening: 2026-06-05
        interviews:
          - 2026-06-10
        contacts:
          - "[[Ivan Petrov]]"
        ---
    """,
    # Only a rejection email: an answer, though no stage was reached.
    "applications/bare.md": """
        ---
        company: Bare
        role: Analyst
        status: rejected
        channel: job-board
        applied: 2026-06-01
        rejected: 2026-06-04
        feedback_requested: 2026-06-05
        ---
    """,
    # Never answered.
    "applications/quiet.md": """
        ---
        company: Quiet
        role: Analyst
        status: applied
        channel: job-board
        applied: 2026-06-02
        ---
    """,
    # Rejected yesterday: its feedback request window is still open.
    "applications/late.md": """
        ---
        company: Late
        role: Analyst
        status: rejected
        channel: networking
        applied: 2026-06-03
        screening: 2026-06-05
        rejected: 2026-06-11
        ---
    """,
    # An informational interview, its status "applied": not an application.
    "applications/chat.md": """
        ---
        company: Chatty
        role: Informational chat
        status: applied
        type: informational
        channel: networking
        applied: 2026-06-01
        screening: 2026-06-04
        ---
    """,
    # One coffee, written as a meeting and as an informational interview.
    "people/Ann Lee.md": """
        ---
        company: Elsewhere
        role: peer
        met: 2026-06-08
        informational: 2026-06-08
        thanked: 2026-06-08
        ---
    """,
    # Met at Acme's interview: part of the application, not networking.
    "people/Ivan Petrov.md": """
        ---
        company: Acme
        role: interviewer
        met: 2026-06-10
        thanked: 2026-06-10
        ---
    """,
    # 80 days without contact: a touch almost due, not cold (touch_days = 90).
    "people/Greta Falk.md": """
        ---
        role: mentor
        touches:
          - 2026-03-24
        ---
    """,
    # 191 days: going cold.
    "people/Mattias Krona.md": """
        ---
        role: peer
        touches:
          - 2025-12-03
        ---
    """,
}


def build(root: Path, out: Path, today: str) -> dict[str, str]:
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out), "--today", today])
    assert result.exit_code == 0, result.output
    return {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.html")}


def export(root: Path, today: str) -> dict:
    result = CliRunner().invoke(main, ["export", "json", str(root), "--today", today,
                                       "--no-body"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], dict]:
    root = write_vault(tmp_path_factory.mktemp("figures") / "vault", NOTES)
    site = build(root, root.parent / "site", TODAY)
    return site, export(root, TODAY)


def stat(html: str, label: str) -> str:
    """The text of the headline figure called ``label``."""
    for block in re.findall(r'<a class="stat".*?</a>|<div class="stat".*?</div>', html, re.S):
        text = text_of(block)
        if text.startswith(label + " "):
            return text
    raise AssertionError(f"no figure {label!r}")


def practice(html: str, title: str) -> str:
    text = text_of(section(html, "scorecard-title"))
    start = text.index(title)
    return text[start:start + 200]


# --- 1. informational interviews are not applications ---------------------------------------

def test_informational_interviews_are_in_no_count_of_applications(figures):
    site, document = figures
    dashboard = site["index.html"]
    assert stat(dashboard, "In progress").startswith("In progress 2 ")     # acme, quiet
    by_status = text_of(section(dashboard, "status-title"))
    assert "Applied 1" in by_status and "Rejected 2" in by_status
    assert "4 notes: every application · 1 informational interview, not counted" in by_status

    table = site["applications/index.html"]
    form = table[table.index("<form"):table.index("</form>")]
    assert '<option value="active">In progress (2)</option>' in form
    assert '<option value="applied">Applied (1)</option>' in form
    assert '<option value="networking">Networking (1)</option>' in form
    assert '<option value="informational">Informational interviews (1)</option>' in form
    chat = re.search(r'<tr data-status="(\w+)" data-channel="([\w-]*)"[^>]*>\s*<td[^>]*>'
                     r'<a href="[^"]*chat.html"', table)
    assert chat is not None and chat.groups() == ("informational", "")
    board = text_of(table[table.index('id="board"'):])
    assert re.search(r"\bApplied 1 Quiet\b", board)
    assert "Informational interviews 1 Chatty Informational chat" in board

    counts = document["aggregates"]["status_counts"]
    assert (counts["applied"], counts["rejected"], sum(counts.values())) == (1, 2, 4)
    mix = {r["channel"]: r["count"] for r in document["aggregates"]["channel_mix"]}
    assert mix["networking"] == 1


# --- 2. a response is any answer, a rejection included -------------------------------------

def test_one_response_rate_everywhere_and_a_rejection_counts(figures):
    site, document = figures
    card = stat(site["index.html"], "Response rate")
    # Four applications are too few for a rate on the dashboard: the card gives counts.
    assert card == ("Response rate 3 of 4 answered so far (a rejection counts); too early "
                    "for a rate, shown from 5 applications")
    assert 'href="applications/index.html#reached=answered"' in site["index.html"]
    # The card's link lists the same three rows.
    table = site["applications/index.html"]
    answered = re.findall(r'data-reached="[^"]*\banswered\b', table)
    assert len(answered) == 3

    channels = site["channels.html"]
    funnel = text_of(section(channels, "funnel-title"))
    assert "Applied 4 — Response 3 — — Interview 1 — —" in funnel   # too few for rates
    cards = text_of(section(channels, "per-channel-title"))
    assert "Job board: applications per stage Applied 3 Response 2 Interview" in cards

    aggregates = document["aggregates"]
    assert aggregates["response_rate"] == pytest.approx(3 / 4)
    steps = {s["key"]: s["count"] for s in aggregates["funnel"]["steps"]}
    assert (steps["applied"], steps["responded"]) == (4, 3)
    rows = {r["channel"]: r for r in aggregates["channels"]}
    assert (rows["job-board"]["responded"], rows["networking"]["responded"]) == (2, 1)

    # Activity by week counts the same answers, in the week they came (1-7 June).
    activity = text_of(section(site["index.html"], "activity"))
    assert "1 Jun 2026 4 3 0" in activity


def test_the_stages_the_diagram_draws_say_screening(figures):
    site, _ = figures
    sankey = text_of(section(site["index.html"], "flow"))
    assert "Screening: applications that got this far 2" in sankey
    assert "Rejected after applying: applications that ended so 1" in sankey


# --- 3. networking conversations --------------------------------------------------------------

def test_one_coffee_is_one_conversation_and_an_interview_is_none(tmp_path: Path):
    root = write_vault(tmp_path / "vault", NOTES)
    loaded = load_vault(root, today=date.fromisoformat(TODAY))
    talks = networking_conversations(loaded.people, loaded.applications, loaded.today)
    this_week = [(c.day.isoformat(), c.who) for c in talks if c.day >= date(2026, 6, 8)]
    assert this_week == [("2026-06-08", "Ann Lee")]
    # The informational application (4 June) counts too: no contact of it met that day.
    assert ("2026-06-04", "Chatty") in [(c.day.isoformat(), c.who) for c in talks]


def test_the_networking_goal_counts_conversations(figures):
    site, _ = figures
    goals = text_of(section(site["index.html"], "goals"))
    assert "Networking conversations 1 of 2" in goals


# --- 4. going cold is past touch_days --------------------------------------------------------

def test_going_cold_means_past_touch_days(figures):
    site, _ = figures
    people = site["people/index.html"]
    assert stat(people, "Going cold") == "Going cold 1 no contact for over 90 days"
    cold = text_of(section(people, "cold-title"))
    assert "Mattias Krona" in cold and "Greta Falk" not in cold
    greta = re.search(r"Greta Falk.{0,400}", text_of(people))
    assert greta is not None and "Touch almost due" in greta.group(0)
    network = practice(site["index.html"], "Network")
    assert "1 contact going cold; 1 touch almost due" in network


# --- 5. feedback: one denominator ------------------------------------------------------------

def test_feedback_is_counted_over_every_rejection(figures):
    site, document = figures
    feedback = practice(site["index.html"], "Ask for feedback")
    assert "Feedback requested for 1 of 2 rejections" in feedback
    assert "1 rejection still inside the 2-day request window" in feedback
    loop = text_of(section(site["postmortems.html"], "feedback-title"))
    assert "Requested 1 after 2 rejections" in loop
    assert document["aggregates"]["feedback"]["rejections"] == 2
    card = {p["key"]: p for p in document["aggregates"]["scorecard"]}["feedback"]
    assert card["figure"] == "Feedback requested for 1 of 2 rejections"


# --- the example vault, as a reader checks it by hand ------------------------------------------

def test_the_example_vault_figures(tmp_path: Path):
    site = build(EXAMPLE_VAULT, tmp_path / "site", "2026-11-27")
    dashboard = site["index.html"]
    assert stat(dashboard, "In progress").startswith("In progress 15 ")
    assert stat(dashboard, "Response rate") == (
        "Response rate 68 % 26 of 38 applications got an answer (a rejection counts); "
        "2 sent in the last 7 days may still answer")
    assert "Applied 6" in text_of(section(dashboard, "status-title"))
    form = site["applications/index.html"]
    assert '<option value="applied">Applied (6)</option>' in form
    assert '<option value="networking">Networking (4)</option>' in form
    assert "Feedback requested for 9 of 12 rejections" in practice(dashboard,
                                                                   "Ask for feedback")
    assert "1 contact going cold" in practice(dashboard, "Network")
    assert stat(site["people/index.html"], "Going cold").startswith("Going cold 1 ")
    funnel = text_of(section(site["channels.html"], "funnel-title"))
    assert "Response 26 68 % 68 %" in funnel
    document = export(EXAMPLE_VAULT, "2026-11-27")
    assert document["aggregates"]["response_rate"] == pytest.approx(26 / 38)
    assert document["aggregates"]["feedback"]["rejections"] == 12
