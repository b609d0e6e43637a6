"""An application's last activity is the latest day its note records something that
happened, a follow-up or a feedback request included, and the applications table, the
board and the application's page say it in the same words."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.analysis.stages import last_activity
from jobnotes.cli import main
from jobnotes.load import load_vault
from jobnotes.model import Application
from jobnotes.site.dashboard import activity_ago, days_since_activity
from jobnotes.site.pages import collect

TODAY = date(2026, 11, 27)


def note(company: str, status: str, *lines: str) -> str:
    return "\n".join(["---", f"company: {company}", "role: Data Analyst",
                      f"status: {status}", "channel: job-board", *lines, "---", ""])


NOTES = {
    "jobnotes.toml": "",
    # Screened 17 days ago, followed up 9 days ago.
    "applications/initech.md": note("Initech", "screening", "applied: 2026-11-01",
                                    "screening: 2026-11-10", "followed_up: [2026-11-18]"),
    # Rejected 20 days ago, feedback asked for 17 days ago.
    "applications/umbrella.md": note("Umbrella", "rejected", "applied: 2026-10-01",
                                     "rejected: 2026-11-07", "feedback_requested: 2026-11-10"),
    # An interview planned for next week and a next action are plans, not activity.
    "applications/hooli.md": note("Hooli", "interviewing", "applied: 2026-11-02",
                                  "interviews: [2026-12-02]", "next_action: Prepare",
                                  "next_action_date: 2026-11-30"),
}


def app(**dates: object) -> Application:
    return Application(rel="applications/a.md", slug="a", stem="a", company="A", role="R",
                       status="applied", **dates)  # type: ignore[arg-type]


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.fixture
def site(vault, tmp_path) -> Path:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(vault(NOTES)), "-o", str(out),
                                       "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return out


def test_every_date_that_already_happened_counts():
    d = date.fromisoformat
    assert last_activity(app(applied=d("2026-11-01"), followed_up=[d("2026-11-18")]),
                         TODAY) == d("2026-11-18")
    assert last_activity(app(applied=d("2026-11-01"), feedback_received=d("2026-11-20")),
                         TODAY) == d("2026-11-20")
    assert last_activity(app(applied=d("2026-11-01"), withdrawn=d("2026-11-05")),
                         TODAY) == d("2026-11-05")
    # Dates after today, and plans, do not.
    assert last_activity(app(applied=d("2026-11-01"), interviews=[d("2026-12-01")],
                             followed_up=[d("2026-11-30")], next_action_date=d("2026-11-28")),
                         TODAY) == d("2026-11-01")
    assert last_activity(app(), TODAY) is None


def test_the_words_are_whole_days():
    assert [activity_ago(n) for n in (None, 0, 1, 17, 407)] == [
        "", "today", "yesterday", "17 days ago", "407 days ago"]


def test_the_table_counts_a_follow_up_as_activity(site):
    html = (site / "applications/index.html").read_text(encoding="utf-8")
    rows = {m.group(1): text_of(m.group(0)) for m in re.finditer(
        r'<tr data-status="(\w+)".*?</tr>', html, flags=re.S)}
    assert "9 days ago" in rows["screening"]          # followed up on 18 November
    assert "17 days ago" in rows["rejected"]          # feedback asked for on 10 November
    assert "25 days ago" in rows["interviewing"]      # applied on 2 November


def test_the_board_says_what_the_table_says(site):
    board = text_of((site / "applications/index.html").read_text(encoding="utf-8"))
    board = board[board.rindex("Board by status"):]
    assert "Screening 1 Initech Data Analyst active 9 days ago" in board


def test_table_board_and_page_read_one_figure(vault):
    loaded = load_vault(vault(NOTES), today=TODAY)
    pages = {p.path: p for p in collect(loaded)}
    rows = {r["app"].company: r for r in pages["applications/index.html"].context["rows"]}
    assert {c: (r["days"], r["ago"]) for c, r in rows.items()} == {
        "Initech": (9, "9 days ago"), "Umbrella": (17, "17 days ago"),
        "Hooli": (25, "25 days ago")}
    for a in loaded.applications:
        assert rows[a.company]["days"] == days_since_activity(a, TODAY)
        assert pages[f"applications/{a.slug}.html"].context["row"]["ago"] == rows[a.company]["ago"]


def test_past_two_weeks_the_board_keeps_the_tables_number(site):
    board = text_of((site / "applications/index.html").read_text(encoding="utf-8"))
    board = board[board.rindex("Board by status"):]
    assert "Umbrella Data Analyst Applied · active 17 days ago" in board
