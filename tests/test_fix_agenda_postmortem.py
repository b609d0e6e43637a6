"""A post-mortem reminder stops nagging ``POST_MORTEM_LIMIT_DAYS`` after it fell due: the
agenda, the dashboard and the calendar drop it, the post-mortems page and the scorecard
still count it as not written, and the serve path agrees with a plain build."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

from click.testing import CliRunner

from jobnotes.analysis import reminders
from jobnotes.analysis.memo import Analysis
from jobnotes.analysis.notememo import NoteMemo
from jobnotes.analysis.postmortem import POST_MORTEM_LIMIT_DAYS, post_mortem_too_late
from jobnotes.cli import main
from jobnotes.load import load_vault

TODAY = "2026-11-27"


def rejection(company: str, applied: str, rejected: str) -> str:
    return "\n".join(["---", f"company: {company}", "role: Analyst", "status: rejected",
                      "channel: job-board", f"applied: {applied}", f"rejected: {rejected}",
                      "feedback_requested: none", "---", ""])


NOTES = {
    "jobnotes.toml": "",
    # Fell due on 17 October 2025 (the 48-hour cooling-off after the rejection): 13 months.
    "applications/oldco.md": rejection("OldCo", "2025-09-01", "2025-10-15"),
    # Fell due on 3 September 2026: 85 days ago, still worth writing.
    "applications/cobalt.md": rejection("Cobalt", "2026-08-01", "2026-09-01"),
}


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def text_of(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_limit_is_ninety_days_after_it_fell_due():
    due = date(2026, 9, 3)
    assert POST_MORTEM_LIMIT_DAYS == 90
    assert not post_mortem_too_late(due, due + timedelta(days=90))
    assert post_mortem_too_late(due, due + timedelta(days=91))


def test_today_drops_a_post_mortem_months_overdue(vault):
    root = vault(NOTES)
    output = run("today", str(root), "--today", TODAY)
    assert "OldCo" not in output
    assert "• Write the post-mortem for Cobalt — Analyst — due 2 months ago. Missing: " \
        in output


def test_the_last_day_it_is_asked_for(vault):
    root = vault(NOTES)
    # Cobalt's fell due on 3 September: asked for through 2 December, not on 3 December.
    assert "post-mortem for Cobalt" in run("today", str(root), "--today", "2026-12-02")
    assert "post-mortem for Cobalt" not in run("today", str(root), "--today", "2026-12-03")


def test_the_dashboard_drops_it_but_the_post_mortems_page_still_counts_it(vault, tmp_path):
    root = vault(NOTES)
    out = tmp_path / "site"
    run("build", str(root), "-o", str(out), "--today", TODAY)
    dashboard = text_of(out / "index.html")
    assert "Write the post-mortem for OldCo" not in dashboard
    assert "Write the post-mortem for Cobalt — Analyst" in dashboard
    assert "Post-mortems written for 0 of 2 rejections" in dashboard
    page = text_of(out / "postmortems.html")
    assert "Post-mortems complete 0 / 2" in page
    assert "OldCo — Analyst Not started Rejected 15 Oct 2025" in page


def test_the_calendar_export_drops_it(vault, tmp_path):
    root = vault(NOTES)
    out = tmp_path / "reminders.ics"
    run("export", "ics", str(root), "--today", TODAY, "-o", str(out))
    ics = out.read_text(encoding="utf-8")
    assert "Write the post-mortem for OldCo" not in ics
    assert "Write the post-mortem for Cobalt" in ics


def test_the_serve_path_drops_it_too(vault):
    day = date(2026, 11, 27)
    loaded = load_vault(vault(NOTES), today=day)
    plain = reminders.reminders(loaded.applications, loaded.people, loaded.settings, day)
    kept = Analysis.of(loaded, NoteMemo())
    assert kept.reminders == plain
    assert kept.reminders_by_rel == Analysis.of(loaded).reminders_by_rel
    assert [r.subject for r in plain if r.kind == "post-mortem"] == ["Cobalt — Analyst"]
