"""The calendar export: one all-day event per reminder, each with a UID that survives
re-exports and edits to the note."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner
from conftest import write_vault
from test_export import NOTES, TODAY, cli

from jobnotes.analysis.reminders import reminders
from jobnotes.interop.export_ics import ICS_KINDS, event_uid, export_ics
from jobnotes.load import load_vault


@pytest.fixture
def small(vault):
    return load_vault(vault(NOTES), today=TODAY)


# --- ICS -------------------------------------------------------------------------------------

def events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_ics_round_trip(small) -> None:
    data = export_ics(small)
    found = events(data)
    expected = [r for r in reminders(small.applications, small.people, small.settings, TODAY)
                if r.kind in ICS_KINDS]
    assert {str(e["CATEGORIES"].cats[0]) for e in found} >= {"feedback-request", "next-action"}
    assert len(found) == len(expected)
    assert {str(e["UID"]) for e in found} == {event_uid(r) for r in expected}
    for event in found:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and end == start + timedelta(days=1)    # all-day
        assert str(event["DESCRIPTION"]).strip()
        assert str(event["UID"]).endswith("@jobnotes")
    feedback = next(e for e in found if str(e["CATEGORIES"].cats[0]) == "feedback-request")
    assert "Acme" in str(feedback["SUMMARY"])
    assert "applications/acme-analyst.md" in str(feedback["DESCRIPTION"])


def test_ics_reexport_updates_never_duplicates(vault) -> None:
    root = vault(NOTES)
    first = export_ics(load_vault(root, today=TODAY))
    assert export_ics(load_vault(root, today=TODAY)) == first      # byte for byte
    later = events(export_ics(load_vault(root, today=TODAY + timedelta(days=1))))
    uids = [str(e["UID"]) for e in later]
    assert len(uids) == len(set(uids))
    same = {str(e["UID"]) for e in events(first)} & set(uids)
    assert same, "a reminder still due the next day keeps its UID"


ACME_NEXT = """\
---
company: Acme
role: Analyst
status: interviewing
channel: referral
applied: 2026-11-01
interviews: [2026-11-26]
next_action: Prepare round 2
next_action_date: 2026-11-27
---
"""
ACME_SILENT = """\
---
company: Acme
role: Analyst
status: applied
channel: referral
applied: 2026-11-01
---
"""


def by_kind(data: bytes) -> dict[str, icalendar.Event]:
    return {str(e["CATEGORIES"].cats[0]): e for e in events(data)}


def test_ics_event_keeps_its_uid_when_the_note_moves_a_date_or_renames_the_role(
        tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"applications/acme.md": ACME_NEXT})
    note = root / "applications/acme.md"
    day = date(2026, 11, 27)
    first = by_kind(export_ics(load_vault(root, today=day)))["next-action"]
    note.write_text(ACME_NEXT.replace("_date: 2026-11-27", "_date: 2026-11-30")
                    .replace("Prepare round 2", "Prepare the case study"))
    moved = by_kind(export_ics(load_vault(root, today=day)))["next-action"]
    assert str(moved["UID"]) == str(first["UID"])
    assert moved.decoded("DTSTART") == date(2026, 11, 30)
    assert str(moved["SUMMARY"]) == "Prepare the case study"

    # A silent application: the follow-up keeps its UID when the role is renamed.
    note.write_text(ACME_SILENT)
    later = date(2026, 11, 12)
    follow = by_kind(export_ics(load_vault(root, today=later)))["follow-up"]
    assert str(follow["SUMMARY"]) == "Follow up on Acme — Analyst"
    note.write_text(ACME_SILENT.replace("role: Analyst", "role: Senior Analyst"))
    renamed = by_kind(export_ics(load_vault(root, today=later)))["follow-up"]
    assert str(renamed["UID"]) == str(follow["UID"])
    assert str(renamed["SUMMARY"]) == "Follow up on Acme — Senior Analyst"
    # Another note, or another kind of reminder, is another event.
    (root / "applications/acme-2.md").write_text(ACME_SILENT)
    loaded = load_vault(root, today=later)
    found = reminders(loaded.applications, loaded.people, loaded.settings, later)
    assert len({event_uid(r) for r in found}) == len(found) == 2


def test_reminders_of_one_kind_on_one_note_are_told_apart_by_round_not_date(
        tmp_path: Path) -> None:
    day = date(2026, 11, 27)
    note = ACME_NEXT.replace("[2026-11-26]", "[2026-11-30, 2026-12-02]")

    def rounds(text: str) -> dict[str, str]:
        root = write_vault(tmp_path / "v", {"applications/acme.md": text})
        loaded = load_vault(root, today=day)
        found = reminders(loaded.applications, loaded.people, loaded.settings, day)
        return {r.detail.split(" for ")[0]: event_uid(r) for r in found
                if r.kind == "interview-upcoming"}

    before = rounds(note)
    assert list(before) == ["Round 1", "Round 2"] and len(set(before.values())) == 2
    assert rounds(note.replace("2026-11-30", "2026-12-01")) == before     # moved a day


def test_ics_revision_follows_today_only(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"applications/acme.md": ACME_NEXT})
    day = date(2026, 11, 27)
    data = export_ics(load_vault(root, today=day))
    assert export_ics(load_vault(root, today=day)) == data          # byte for byte
    event = by_kind(data)["next-action"]
    stamp = datetime(2026, 11, 27, tzinfo=UTC)
    assert event.decoded("DTSTAMP") == stamp == event.decoded("LAST-MODIFIED")
    sequence = int(event["SEQUENCE"])
    assert sequence == (day - date(1970, 1, 1)).days
    # The next day is a newer revision of the same event, as calendar apps compare them.
    nxt = by_kind(export_ics(load_vault(root, today=day + timedelta(days=1))))["next-action"]
    assert str(nxt["UID"]) == str(event["UID"])
    assert int(nxt["SEQUENCE"]) > sequence
    assert nxt.decoded("DTSTAMP") > event.decoded("DTSTAMP")


def test_ics_cli(vault, tmp_path: Path) -> None:
    root = vault(NOTES)
    out = tmp_path / "reminders.ics"
    result = CliRunner().invoke(cli(), ["export", "ics", str(root), "--today", "2026-03-21",
                                        "-o", str(out)])
    assert result.exit_code == 0, result.output
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert str(calendar["VERSION"]) == "2.0" and events(out.read_bytes())
