"""When a silent application counts as ghosted: the agenda's "Mark ... as ghosted?" and the
dashboard's ghosted figures follow one rule, a follow-up restarts it, and an application
whose status is ahead of its dates counts silence from the latest date its note records."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from jobnotes.cli import main
from jobnotes.cli_today import today as today_command

SETTINGS = {"jobnotes.toml": ""}


def note(company: str = "Cobalt", status: str = "applied", applied: str = "2026-09-01",
         **keys: str) -> str:
    """An application note with the given front matter keys."""
    lines = [f"{key}: {value}" for key, value in keys.items()]
    return "\n".join(["---", f"company: {company}", "role: Analyst", f"status: {status}",
                      "channel: job-board", f"applied: {applied}", *lines, "---", ""])


def agenda(root: Path, day: str) -> str:
    """What `jobnotes today` prints on ``day``."""
    result = CliRunner().invoke(today_command, [str(root), "--today", day])
    assert result.exit_code == 0, result.output
    return result.output


def line_of(output: str, start: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(f"• {start}"))


def site(root: Path, out: Path, day: str) -> Path:
    """The site `jobnotes build` writes on ``day``."""
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out), "--today", day,
                                       "--force"])
    assert result.exit_code == 0, result.output
    return out


def exits(out: Path) -> dict[str, str]:
    """Application page -> the outcome the applications list shows for it."""
    html = (out / "applications/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr [^>]*data-exit-label="([^"]*)" data-key="([^"]*)"', html)
    return {key: label for label, key in rows}


def test_the_dashboard_waits_for_the_follow_up_window_like_the_agenda(vault, tmp_path):
    # 30 days of silence from 1 September end on 1 October, but a follow-up on
    # 28 September gives the company until 5 October to answer it.
    root = vault({**SETTINGS, "applications/cobalt.md": note(followed_up="2026-09-28")})
    page = "applications/cobalt.html"
    for day in ("2026-10-01", "2026-10-04"):
        assert "ghosted?" not in agenda(root, day)
        assert exits(site(root, tmp_path / day, day))[page] == "Awaiting a response"
    assert "• Mark Cobalt — Analyst as ghosted? — No news for 34 days since applying on " \
           "Tuesday 1 September; you last wrote to them on Monday 28 September; set status: " \
           "ghosted" in agenda(root, "2026-10-05")
    assert exits(site(root, tmp_path / "on", "2026-10-05"))[page] == "No response"


def test_without_a_follow_up_both_count_ghosted_days_from_the_last_stage_date(vault,
                                                                              tmp_path):
    root = vault({**SETTINGS, "applications/cobalt.md": note(screening="2026-09-08")})
    page = "applications/cobalt.html"
    assert "ghosted?" not in agenda(root, "2026-10-07")
    assert exits(site(root, tmp_path / "before", "2026-10-07"))[page] == \
        "In process after screening"
    assert "No news for 30 days since the screening on Tuesday 8 September" in line_of(
        agenda(root, "2026-10-08"), "Mark Cobalt")
    assert exits(site(root, tmp_path / "on", "2026-10-08"))[page] == \
        "Ghosted after screening"


def test_interviewing_without_interview_dates_counts_from_the_latest_date_recorded(vault):
    # Interviewing, but no interview date: the follow-up is the last thing the note
    # records, not the application six weeks before it.
    root = vault({**SETTINGS, "applications/cobalt.md": note(
        status="interviewing", screening="2026-09-10", followed_up="2026-10-20")})
    assert "ghosted?" not in agenda(root, "2026-11-18")
    assert line_of(agenda(root, "2026-11-19"), "Mark Cobalt") == (
        "• Mark Cobalt — Analyst as ghosted? — No news for 30 days since you last wrote to them on "
        "Tuesday 20 October; set status: ghosted to close it and free your mind. "
        "(applications/cobalt.md)")
    follow_up = line_of(agenda(root, "2026-10-27"), "Follow up on Cobalt")
    assert "No news for 7 days since you last wrote to them on Tuesday 20 October. Set " \
           "followed_up once it is sent." in follow_up
    assert "applying" not in follow_up


def test_interviewing_without_dates_and_without_a_follow_up_names_the_screening(vault):
    root = vault({**SETTINGS, "applications/cobalt.md": note(
        status="interviewing", screening="2026-09-10")})
    assert "ghosted?" not in agenda(root, "2026-10-09")
    assert "— No news for 30 days since the screening on Thursday 10 September; set " \
           "status: ghosted" in line_of(agenda(root, "2026-10-10"), "Mark Cobalt")


def test_the_dashboard_counts_the_same_silence_for_a_status_ahead_of_its_dates(vault,
                                                                               tmp_path):
    root = vault({**SETTINGS, "applications/cobalt.md": note(
        status="interviewing", followed_up="2026-10-20")})
    page = "applications/cobalt.html"
    # Applied on 1 September: without the follow-up it would count as ghosted on 1 October.
    assert exits(site(root, tmp_path / "before", "2026-11-18"))[page] == "Awaiting a response"
    assert "ghosted?" not in agenda(root, "2026-11-18")
    assert exits(site(root, tmp_path / "on", "2026-11-19"))[page] == "No response"
    assert "— No news for 30 days since you last wrote to them on Tuesday 20 October" in line_of(
        agenda(root, "2026-11-19"), "Mark Cobalt")


def test_an_application_with_its_interview_dates_still_counts_from_the_interview(vault):
    # The status matches the dates: a follow-up does not move the start of the silence.
    root = vault({**SETTINGS, "applications/cobalt.md": note(
        status="interviewing", interviews="[2026-09-15]", followed_up="2026-09-20")})
    assert "— No news for 30 days since the interview on Tuesday 15 September; you " \
           "last wrote to them on Sunday 20 September; set status: ghosted" in line_of(
               agenda(root, "2026-10-15"), "Mark Cobalt")
