"""An application's page lists, under "Due for this application", the thank-you owed to a
person note after one of its interviews, as `today` and the dashboard show it; the
person's page does not list it twice, and the serve path agrees, edit after edit."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.analysis.memo import Analysis
from jobnotes.analysis.notememo import NoteMemo
from jobnotes.cli import main
from jobnotes.load import load_vault

TODAY = date(2026, 11, 27)
THANKS = ("Thank Jane Doe A short thank-you note after the interview for Globex — BI "
          "Developer on Friday 20 November, by Monday 23 November.")  # not the weekend

NOTES = {
    "jobnotes.toml": "",
    "applications/globex.md": """\
        ---
        company: Globex
        role: BI Developer
        status: interviewing
        channel: referral
        applied: 2026-11-01
        interviews: [2026-11-20, 2026-11-30]
        contacts: ["[[people/Jane Doe]]"]
        ---
        """,
    # Jane is a contact of Initech too, with no interview there.
    "applications/initech.md": """\
        ---
        company: Initech
        role: Data Analyst
        status: applied
        channel: job-board
        applied: 2026-11-20
        contacts: ["[[Jane Doe]]"]
        ---
        """,
    "people/Jane Doe.md": """\
        ---
        company: Globex
        role: interviewer
        met: 2026-10-01
        ---
        """,
}


def text_of(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def due_section(text: str) -> str:
    start = text.index("Due for this application")
    return text[start:text.index("Interview prep", start)]


@pytest.fixture
def site(vault, tmp_path) -> Path:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(vault(NOTES)), "-o", str(out),
                                       "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return out


def test_the_application_page_lists_the_thank_you_after_its_interview(site):
    due = due_section(text_of(site / "applications/globex.html"))
    assert THANKS in due
    assert due.index("Thank Jane Doe") < due.index("Interview with Globex")
    assert 'href="../people/jane-doe.html"' in (
        site / "applications/globex.html").read_text(encoding="utf-8")


def test_only_the_application_that_held_the_interview(site):
    assert "Thank Jane Doe" not in text_of(site / "applications/initech.html")


def test_the_dashboard_lists_it_once(site):
    assert text_of(site / "index.html").count("Thank Jane Doe") == 1


def test_the_person_page_does_not_list_it_twice(site):
    person = text_of(site / "people/jane-doe.html")
    assert person.count("Thank-you note was due by 23 Nov 2026") == 1
    assert "Thank Jane Doe" not in person


def test_a_thank_you_after_a_meeting_stays_on_the_person(vault):
    notes = {**NOTES, "people/Jane Doe.md": NOTES["people/Jane Doe.md"].replace(
        "2026-10-01", "2026-11-25")}
    analysis = Analysis.of(load_vault(vault(notes), today=TODAY))
    assert "Thank Jane Doe" in [
        r.title for r in analysis.reminders_by_rel["people/Jane Doe.md"]]
    assert "Thank Jane Doe" not in [
        r.title for r in analysis.reminders_by_rel["applications/globex.md"]]


def titles(analysis: Analysis, rel: str) -> list[str]:
    return [r.title for r in analysis.reminders_by_rel.get(rel, ())]


def test_the_serve_path_lists_it_the_same_way_edit_after_edit(vault):
    loaded = load_vault(vault(NOTES), today=TODAY)
    memo = NoteMemo()
    kept = Analysis.of(loaded, memo)
    assert kept.reminders_by_rel == Analysis.of(loaded).reminders_by_rel
    assert titles(kept, "applications/globex.md") == ["Thank Jane Doe", "Interview with Globex"]
    # Jane is thanked: the application page no longer lists it.
    jane = dataclasses.replace(loaded.people[0], thanked=date(2026, 11, 21))
    thanked = dataclasses.replace(loaded, people=[jane])
    kept = Analysis.of(thanked, memo)
    assert kept.reminders_by_rel == Analysis.of(thanked).reminders_by_rel
    assert titles(kept, "applications/globex.md") == ["Interview with Globex"]
    # Back again, then the interview is moved a day: it follows.
    kept = Analysis.of(loaded, memo)
    assert titles(kept, "applications/globex.md") == ["Thank Jane Doe", "Interview with Globex"]
    apps = [dataclasses.replace(a, interviews=[date(2026, 11, 21), date(2026, 11, 30)])
            if a.company == "Globex" else a for a in loaded.applications]
    moved = dataclasses.replace(loaded, applications=apps)
    kept = Analysis.of(moved, memo)
    assert kept.reminders_by_rel == Analysis.of(moved).reminders_by_rel
    assert "on Saturday 21 November" in kept.reminders_by_rel["applications/globex.md"][0].detail
