"""`jobnotes import`: the values of realistic tracker exports (statuses, dates, stars)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from jobnotes.cli import main
from jobnotes.interop.import_fields import cell_excitement, supported_status
from jobnotes.interop.values import map_status, parse_date

APPLIED = date(2026, 10, 1)


# --- statuses ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "status"), [
    # Excel / Sheets trackers
    ("Closed - hired someone else", "rejected"),
    ("Closed – position filled", "rejected"),
    ("They went with another candidate", "rejected"),
    ("Sent - waiting for response", "applied"),
    ("Awaiting response", "applied"),
    ("Pending response", "applied"),
    ("Waiting to hear back", "applied"),
    ("Application sent", "applied"),
    ("Rejected offer", "declined"),
    ("Offer rejected", "declined"),
    ("Turned down offer", "declined"),
    ("Offer declined", "declined"),
    ("Negotiating", "offer"),
    ("Negotiation", "offer"),
    ("Offer received", "offer"),
    ("Hired!", "accepted"),
    ("Offer accepted", "accepted"),
    ("Rejected after 2nd interview", "rejected"),
    ("Interviewed - awaiting response", "interviewing"),
    ("Phone screen scheduled", "screening"),
    ("Recruiter responded", "screening"),
    ("No response after 3 weeks", "ghosted"),
    ("Withdrew application", "withdrawn"),
    # Huntr lists, Teal stages, Notion selects
    ("Wishlist", "wishlist"),
    ("Bookmarked", "wishlist"),
    ("Applied", "applied"),
    ("Interviewing", "interviewing"),
    ("Offer", "offer"),
    ("Rejected", "rejected"),
    ("Declined", "declined"),       # the row's dates decide: see supported_status below
])
def test_tracker_statuses(text: str, status: str) -> None:
    assert map_status(text) == status


def dates(**given: date) -> dict[str, date | None]:
    keys = ("applied", "screening", "offer", "rejected", "withdrawn", "accepted", "declined")
    return {key: given.get(key) for key in keys}


def test_declined_without_an_offer_date_is_imported_as_rejected_and_says_so() -> None:
    changes: list[str] = []
    row = dates(applied=APPLIED)
    status = supported_status("declined", "Declined", row, [], changes, [])
    assert status == "rejected"
    assert changes[0] == (
        'status "Declined" with no offer date: imported as rejected (the company declined); '
        "if you turned down an offer, set `status: declined` and add `offer: YYYY-MM-DD`")


def test_a_declined_date_becomes_the_rejected_date_when_declined_means_rejected() -> None:
    changes: list[str] = []
    row = dates(applied=APPLIED, declined=date(2026, 10, 9))
    assert supported_status("declined", "Declined", row, [], changes, []) == "rejected"
    assert (row["rejected"], row["declined"]) == (date(2026, 10, 9), None)
    assert not any("has no rejected date" in change for change in changes)


@pytest.mark.parametrize("raw", ["Declined", "Offer declined"])
def test_declined_with_an_offer_date_stays_declined(raw: str) -> None:
    changes: list[str] = []
    row = dates(applied=APPLIED, offer=date(2026, 10, 20), declined=date(2026, 10, 22))
    assert supported_status("declined", raw, row, [], changes, []) == "declined"
    assert changes == []


def test_a_status_that_names_the_offer_stays_declined_without_an_offer_date() -> None:
    changes: list[str] = []
    status = supported_status("declined", "Turned down offer", dates(applied=APPLIED), [],
                              changes, [])
    assert status == "declined"
    assert not any("imported as rejected" in change for change in changes)


def test_declined_without_date_applied_is_wishlist_and_names_rejected() -> None:
    changes: list[str] = []
    kept: list[str] = []
    assert supported_status("declined", "Declined", dates(), [], changes, kept) == "wishlist"
    assert "set `status: rejected`" in changes[-1]
    assert "Status in the spreadsheet: Declined" in kept


# --- dates -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("November 10, 2026 → November 12, 2026", date(2026, 11, 10)),
    ("November 10, 2026 -> November 12, 2026", date(2026, 11, 10)),
    ("November 10, 2026 9:00 AM → 10:00 AM", date(2026, 11, 10)),
    ("November 3, 2026 9:30 AM (GMT+1)", date(2026, 11, 3)),
    ("November 3, 2026 9:30 AM (UTC)", date(2026, 11, 3)),
    ("November 3, 2026 14:00 CET", date(2026, 11, 3)),
    ("2026-10-14 09:32 UTC", date(2026, 10, 14)),
    ("2026-10-14 09:32 GMT+02:00", date(2026, 10, 14)),
    ("2026-10-02T09:30:00+02:00", date(2026, 10, 2)),
    ("2026-09-11T11:00:00.000Z", date(2026, 9, 11)),
    ("2026-09-11T11:00:00Z", date(2026, 9, 11)),
    ("Thursday, 5th March 2026", date(2026, 3, 5)),
])
def test_tracker_dates(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["November 10 → November 12", "2026-02-30 09:00 UTC",
                                  "soon (GMT+1)"])
def test_tracker_dates_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


FORMATS = ["%Y-%m-%d", "%Y/%m/%d", "%d %b %Y", "%d %B %Y", "%B %d, %Y", "%b %d, %Y",
           "%A, %d %B %Y", "%d-%b-%y", "%d/%m/%Y"]
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(day=days, fmt=st.sampled_from(FORMATS))
def test_any_date_in_a_supported_format_reads_back(day: date, fmt: str) -> None:
    assert parse_date(day.strftime(fmt), dayfirst=True) == day


@given(day=days, clock=st.times(), offset=st.integers(-12, 14))
def test_a_timestamp_reads_as_its_written_date(day: date, clock: time, offset: int) -> None:
    stamp = datetime.combine(day, clock, timezone(timedelta(hours=offset)))
    assert parse_date(stamp.isoformat()) == day
    assert parse_date(stamp.strftime("%Y-%m-%d %H:%M UTC")) == day
    assert parse_date(stamp.strftime("%B %d, %Y %I:%M %p") + f" (GMT{offset:+d})") == day


@given(start=days, length=st.integers(0, 30), arrow=st.sampled_from(["→", "->"]))
def test_a_range_reads_as_its_start(start: date, length: int, arrow: str) -> None:
    end = start + timedelta(days=length)
    text = f"{start.strftime('%B %d, %Y')} {arrow} {end.strftime('%B %d, %Y')}"
    assert parse_date(text) == start


# --- excitement --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("★★★★", 4), ("★★★★☆", 4), ("****", 4), ("⭐⭐⭐⭐", 4), ("⭐️⭐️", 2), ("4/5", 4),
    ("4 / 5", 4), ("4 out of 5", 4), ("3/5 stars", 3), ("4", 4), ("4.0", 4), ("★", 1),
])
def test_excitement_as_stars_or_out_of_five(text: str, expected: int) -> None:
    changes: list[str] = []
    assert cell_excitement(text, changes, []) == expected
    assert changes == []


@pytest.mark.parametrize("text", ["☆☆☆☆☆", "******", "7/10", "very", "0"])
def test_excitement_that_is_not_one_to_five_is_kept_as_text(text: str) -> None:
    changes: list[str] = []
    kept: list[str] = []
    assert cell_excitement(text, changes, kept) is None
    assert changes == [f'excitement "{text}" is not a number from 1 to 5; left out']
    assert kept == [f"Excitement in the spreadsheet: {text}"]


# --- in the preview ----------------------------------------------------------------------------

TRACKER = ("Company,Position,Status,Date Applied,Offer date,Excitement\n"
           "Acme,Analyst,Declined,2026-10-01,,★★★★\n"
           "Birch,Analyst,Declined,2026-10-01,2026-10-20,4/5\n"
           "Cobalt,Analyst,Closed - hired someone else,2026-10-01,,****\n"
           "Dune,Analyst,Sent - waiting for response,2026-10-01,,\n")


def test_the_preview_says_what_a_bare_declined_was_imported_as(vault, tmp_path: Path) -> None:
    root = vault({"jobnotes.toml": "", "applications/.keep": ""})
    path = tmp_path / "jobs.csv"
    path.write_text(TRACKER, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path), "--vault", str(root),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    table = {line.split()[1]: line.split()[2] for line in result.output.splitlines()
             if line.strip().startswith(("2 ", "3 ", "4 ", "5 "))}
    assert table == {"acme-analyst.md": "rejected", "birch-analyst.md": "declined",
                     "cobalt-analyst.md": "rejected", "dune-analyst.md": "applied"}
    assert ('  line 2: status "Declined" with no offer date: imported as rejected (the company '
            "declined); if you turned down an offer, set `status: declined` and add `offer: "
            "YYYY-MM-DD`") in result.output.splitlines()
    assert "line 3: status \"Declined\" with no offer date" not in result.output
    assert "excitement \"" not in result.output       # stars and 4/5 read without a word
