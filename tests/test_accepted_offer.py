"""After an offer is accepted, the other open applications get a withdrawal, not chasing:
in `jobnotes today`, in serve's incremental analysis, and in the calendar export."""

from __future__ import annotations

from datetime import date

from jobnotes.analysis.memo import Analysis
from jobnotes.analysis.notememo import NoteMemo
from jobnotes.analysis.reminders import reminders
from jobnotes.load import load_vault
from tests.test_reminder_gaps import SETTINGS, application, calendar, line_of, today

OFFER = application(company="Umbrella", status="accepted", applied="2026-03-02",
                    offer="2026-03-25", accepted="2026-04-01")
SILENT = application(company="Oscorp", status="applied", applied="2026-03-20")


def test_open_applications_get_a_withdrawal_instead_of_follow_ups(vault):
    root = vault({**SETTINGS, "applications/umbrella.md": OFFER,
                  "applications/oscorp.md": SILENT})
    output = today(root, "2026-04-06")
    assert "Follow up on Oscorp" not in output
    line = line_of(output, "Withdraw from Oscorp — Analyst")
    assert "You accepted the offer from Umbrella on Wednesday 1 April" in line
    assert "Set status: withdrawn" in line
    assert "Withdraw from Oscorp — Analyst" in calendar(root, "2026-04-06")
    # Withdrawn: nothing more about it.
    done = vault({**SETTINGS, "applications/umbrella.md": OFFER,
                  "applications/oscorp.md": application(
                      company="Oscorp", status="withdrawn", applied="2026-03-20",
                      withdrawn="2026-04-02")})
    assert "Oscorp" not in today(done, "2026-04-06")


def test_before_the_offer_is_accepted_follow_ups_go_on(vault):
    root = vault({**SETTINGS, "applications/umbrella.md": application(
        company="Umbrella", status="offer", applied="2026-03-02", offer="2026-03-25"),
        "applications/oscorp.md": SILENT})
    output = today(root, "2026-04-06")
    assert "Follow up on Oscorp" in output and "Withdraw" not in output


def test_the_serve_path_gives_the_same_withdrawals(vault):
    root = vault({**SETTINGS, "applications/umbrella.md": OFFER,
                  "applications/oscorp.md": SILENT})
    day = date(2026, 4, 6)
    loaded = load_vault(root, today=day)
    plain = reminders(loaded.applications, loaded.people, loaded.settings, day)
    analysis = Analysis.of(loaded, NoteMemo())
    assert analysis.reminders == plain
    assert [r.kind for r in analysis.reminders_by_rel["applications/oscorp.md"]] == [
        "withdraw"]


def test_a_freelance_gig_or_applying_on_after_it_does_not_end_the_search(vault):
    gig = application(company="Umbrella", status="accepted", applied="2026-03-02",
                      offer="2026-03-25", accepted="2026-04-01", type="freelance")
    root = vault({**SETTINGS, "applications/umbrella.md": gig,
                  "applications/oscorp.md": SILENT})
    output = today(root, "2026-04-06")
    assert "Follow up on Oscorp" in output and "Withdraw" not in output
    later = application(company="Initech", status="applied", applied="2026-04-03")
    root = vault({**SETTINGS, "applications/umbrella.md": OFFER,
                  "applications/oscorp.md": SILENT, "applications/initech.md": later})
    assert "Withdraw" not in today(root, "2026-04-06")


def test_an_offer_held_is_declined_and_interviews_elsewhere_give_way(vault):
    held = application(company="Offco", status="offer", applied="2026-03-02",
                       offer="2026-03-28")
    booked = application(company="Intco", status="interviewing", applied="2026-03-05",
                         interviews="[2026-03-20, 2026-04-09]")
    late_no = application(company="Thuco", status="rejected", applied="2026-03-06",
                          rejected="2026-04-05")
    root = vault({**SETTINGS, "applications/umbrella.md": OFFER,
                  "applications/offco.md": held, "applications/intco.md": booked,
                  "applications/thuco.md": late_no})
    output = today(root, "2026-04-06")
    line = line_of(output, "Decline the offer from Offco")
    assert "Set status: declined and the declined date" in line
    assert "Withdraw from Offco" not in output
    assert "Withdraw from Intco — Analyst" in output
    assert "Interview with Intco" not in output
    assert "Cooling-off" not in output and "before sending new applications" not in output


def test_the_serve_path_drops_what_the_acceptance_ends_from_every_page(vault):
    late_no = application(company="Thuco", status="rejected", applied="2026-03-06",
                          rejected="2026-04-05")
    root = vault({**SETTINGS, "applications/umbrella.md": OFFER,
                  "applications/oscorp.md": SILENT, "applications/thuco.md": late_no})
    loaded = load_vault(root, today=date(2026, 4, 6))
    kept = Analysis.of(loaded, NoteMemo()).reminders_by_rel
    assert kept == Analysis.of(loaded).reminders_by_rel
    assert "cooling-off" not in [r.kind for r in kept.get("applications/thuco.md", [])]
