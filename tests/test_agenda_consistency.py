"""The same reminders told the same way everywhere: the dashboard, the application and
post-mortem pages, `jobnotes today` and the calendar export, on one vault and one day."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from tests.conftest import copy_example, write_vault
from tests.test_dashboard import section, text_of

# Rejected on Thursday 26 November 2026 after one interview: with the default 48 hours the
# cooling-off covers the 26th and the 27th, and is over on Saturday the 28th.
NOTES = {
    "jobnotes.toml": "",
    "applications/bcme.md": """
        ---
        company: Bcme
        role: Analyst
        status: rejected
        channel: job-board
        applied: 2026-11-01
        interviews: [2026-11-20]
        rejected: 2026-11-26
        ---
    """,
    "applications/ccme.md": """
        ---
        company: Ccme
        role: Engineer
        status: withdrawn
        channel: referral
        applied: 2026-10-01
        interviews: [2026-10-10]
        withdrawn: 2026-10-20
        ---
    """,
    "people/.keep": "",
}


def run(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", NOTES)


def build(root: Path, out: Path, today: str) -> dict[str, str]:
    run("build", root, "-o", out, "--today", today)
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
            for p in out.rglob("*.html")}


def events(root: Path, today: str) -> dict[str, icalendar.Event]:
    data = run("export", "ics", root, "--today", today).encode()
    return {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def titles(html: str) -> list[str]:
    """Reminder titles in the order a group lists them (shown and under "show more")."""
    return [unescape(t) for t in re.findall(
        r'<p class="reminder-title">(?:<a [^>]*>)?([^<]+)', html)]


def test_the_cooling_off_has_one_last_day_everywhere(root: Path, tmp_path: Path) -> None:
    pages = build(root, tmp_path / "site", "2026-11-27")
    banner = text_of(section(pages["index.html"], "cooling-title"))
    assert "Cooling-off after Bcme — Analyst through Friday 27 November." in banner
    assert ("Cooling-off through 27 Nov 2026; new applications feel better from "
            "28 Nov 2026.") in banner
    postmortems = text_of(section(pages["postmortems.html"], "complete-title"))
    assert "Cooling-off through 27 Nov 2026" in postmortems
    application = text_of(pages["applications/bcme.html"])
    assert "no new applications needed through Friday 27 November" in application
    terminal = run("today", root, "--today", "2026-11-27")
    assert terminal.startswith("Cooling-off after Bcme — Analyst through Friday 27 November.")
    data = json.loads(run("today", root, "--today", "2026-11-27", "--format", "json"))
    assert (data["cooling_off"]["last_day"], data["cooling_off"]["ends"]) == (
        "2026-11-27", "2026-11-28")
    # The first day after it is the day the calendar asks for the post-mortem.
    event = events(root, "2026-11-27")["Write the post-mortem for Bcme — Analyst"]
    assert event.decoded("DTSTART").isoformat() == "2026-11-28"
    for text in [*map(text_of, pages.values()), terminal]:
        assert not re.search(r"Cooling[- ]off until", text)
        assert "through 28 Nov" not in text and "through Saturday 28 November" not in text


def test_the_post_mortem_waits_for_the_cooling_off_but_the_calendar_has_it(
        root: Path, tmp_path: Path) -> None:
    terminal = run("today", root, "--today", "2026-11-27")
    assert "• Ask Bcme for feedback — " in terminal
    assert "• Write the post-mortem" not in terminal
    assert "The post-mortem can wait until Saturday 28 November." in terminal
    agenda = text_of(section(build(root, tmp_path / "a", "2026-11-27")["index.html"], "agenda"))
    assert "Ask Bcme for feedback" in agenda and "Write the post-mortem" not in agenda
    before = events(root, "2026-11-27")
    assert set(before) == {"Ask Bcme for feedback", "Write the post-mortem for Bcme — Analyst"}

    # On the 28th the cooling-off is over: the agenda lists it today, the same event stays.
    terminal = run("today", root, "--today", "2026-11-28")
    today = terminal[terminal.index("Today\n"):]
    assert "• Write the post-mortem for Bcme — Analyst — Missing: " in today
    assert "can wait" not in terminal
    after = events(root, "2026-11-28")
    name = "Write the post-mortem for Bcme — Analyst"
    assert str(after[name]["UID"]) == str(before[name]["UID"])


def test_withdrawn_applications_are_not_asked_for_a_post_mortem_anywhere(
        root: Path, tmp_path: Path) -> None:
    pages = build(root, tmp_path / "site", "2026-12-10")
    listed = section(pages["postmortems.html"], "complete-title")
    assert "Bcme — Analyst" in text_of(listed) and "Ccme" not in listed
    stats = text_of(pages["postmortems.html"])
    assert re.search(r"Post-mortems complete 0 / 1\b", stats), stats
    assert 'id="post-mortem"' in pages["applications/bcme.html"]
    assert 'id="post-mortem"' not in pages["applications/ccme.html"]
    terminal = run("today", root, "--today", "2026-12-10")
    assert "Write the post-mortem for Bcme" in terminal and "Ccme" not in terminal
    assert [name for name in events(root, "2026-12-10") if "post-mortem" in name] == [
        "Write the post-mortem for Bcme — Analyst"]


def test_the_example_vault_lists_no_withdrawn_application_for_a_post_mortem(
        tmp_path: Path) -> None:
    vault = copy_example(tmp_path / "example")
    pages = build(vault, tmp_path / "site", "2026-11-27")
    listed = text_of(section(pages["postmortems.html"], "complete-title"))
    assert "Amberlyn Retail" not in listed and "Birchline Pharma" not in listed
    assert "Cobaltline" in listed


def test_overdue_items_come_in_the_same_order_on_the_dashboard_and_in_today(
        tmp_path: Path) -> None:
    vault = copy_example(tmp_path / "example")
    pages = build(vault, tmp_path / "site", "2026-11-27")
    dashboard = titles(section(pages["index.html"], "agenda-overdue"))
    terminal = run("today", vault, "--today", "2026-11-27")
    block = terminal[terminal.index("Overdue\n"):terminal.index("\n\nToday\n")]
    lines = block.splitlines()[1:]
    assert len(lines) == len(dashboard) == 5
    for line, title in zip(lines, dashboard, strict=True):
        assert line.startswith(f"• {title} — "), (line, title)
    # The most pressing first: a thank-you note, late by two days, before anything else;
    # the low-urgency check-in last, although it is the oldest.
    assert dashboard[0] == "Thank Beatrice Lund"
    assert dashboard[-1] == "Check in with Mattias Krona"
