"""`jobnotes import`: which notes a realistic tracker export becomes, row by row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import hash_tree

from jobnotes.cli import main
from jobnotes.load import load_vault

TODAY = "2026-11-27"


@pytest.fixture
def root(vault) -> Path:
    return vault({"jobnotes.toml": "", "applications/.keep": "", "people/.keep": ""})


def run(root: Path, tmp_path: Path, text: str, *args: str):
    path = tmp_path / "jobs.csv"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(path), "--vault", str(root),
                                       "--today", TODAY, *args])
    assert result.exit_code == 0, result.output
    return result


def notes(root: Path) -> dict[str, object]:
    """File name -> the application, as check reads it (no errors allowed)."""
    loaded = load_vault(root, today=date.fromisoformat(TODAY))
    assert [d for d in loaded.diagnostics if d.is_error] == []
    return {a.rel.removeprefix("applications/"): a for a in loaded.applications}


def lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines()]


STAGES = ("Company,Role,Status,Applied,Screening,Interview date,Offer date,Rejection date,"
          "Withdrawn on,Accepted on,Source\n")


def test_status_comes_from_the_furthest_stage_date_when_none_is_given(root, tmp_path) -> None:
    text = STAGES + (
        "Acme,A,,2026-10-01,2026-10-05,2026-10-10,,2026-10-20,,,Indeed\n"
        "Birch,B,,2026-10-01,,2026-10-10,2026-10-15,,,,Indeed\n"
        "Cobalt,C,,2026-10-01,,2026-10-10,,,,,Indeed\n"
        "Dune,D,,2026-10-01,2026-10-05,,,,,,Indeed\n"
        "Ember,E,,2026-10-01,,,,,,,Indeed\n"
        "Fjord,F,,,,,,,,,Indeed\n"
        "Gale,G,,2026-10-01,,2026-10-10,2026-10-15,,,2026-10-20,Indeed\n"
        "Heron,H,,2026-10-01,,,,,2026-10-03,,Indeed\n")
    result = run(root, tmp_path, text, "--write")
    found = {a.company: a.status for a in notes(root).values()}
    assert found == {"Acme": "rejected", "Birch": "offer", "Cobalt": "interviewing",
                     "Dune": "screening", "Ember": "applied", "Fjord": "wishlist",
                     "Gale": "accepted", "Heron": "withdrawn"}
    said = lines(result.output)
    assert "line 2: no status given; imported as rejected, from the rejection date" in said
    assert "line 3: no status given; imported as offer, from the offer date" in said
    assert "line 4: no status given; imported as interviewing, from the interview date" in said
    assert "line 5: no status given; imported as screening, from the screening date" in said
    assert "line 8: no status given; imported as accepted, from the date accepted" in said
    assert "line 9: no status given; imported as withdrawn, from the withdrawal date" in said
    # Plain rows say nothing: applied with a date applied, wishlist without any date.
    assert not any(line.startswith(("line 6:", "line 7:")) for line in said)
    acme = (root / "applications/acme-a.md").read_text(encoding="utf-8")
    assert "status: rejected" in acme and "rejected: 2026-10-20" in acme
    assert "- To check: no status given; imported as rejected, from the rejection date." in acme


def test_an_unrecognised_status_also_takes_the_dates_word(root, tmp_path) -> None:
    text = STAGES + ("Acme,A,Hmm,2026-10-01,,,,2026-10-20,,,Indeed\n"
                     "Birch,B,Blue,2026-10-01,,,,,,,Indeed\n"
                     "Cobalt,C,Odd,,,,,,,,Indeed\n")
    result = run(root, tmp_path, text, "--write")
    said = lines(result.output)
    assert ('line 2: status "Hmm" not recognised; imported as rejected, from the rejection '
            "date") in said
    assert ('line 3: status "Blue" not recognised; imported as applied, from the '
            "date applied") in said
    assert 'line 4: status "Odd" not recognised; imported as wishlist' in said
    found = notes(root)
    assert found["acme-a.md"].status == "rejected"
    assert "Status in the spreadsheet: Hmm" in found["acme-a.md"].body


def test_a_recognised_status_is_kept_whatever_the_dates(root, tmp_path) -> None:
    text = STAGES + "Acme,A,Applied,2026-10-01,,2026-10-10,,,,,Indeed\n"
    result = run(root, tmp_path, text, "--write")
    assert notes(root)["acme-a.md"].status == "applied"
    assert "imported as interviewing" not in result.output


def test_a_stage_date_without_a_date_applied_is_imported_as_wishlist(root, tmp_path) -> None:
    result = run(root, tmp_path, STAGES + "Acme,A,,,,,,2026-10-20,,,Indeed\n", "--write")
    assert ("line 2: no status given; the rejection date says rejected, but there is no date "
            "applied: imported as wishlist: add `applied:` and set `status: rejected`"
            ) in lines(result.output)
    assert notes(root)["acme-a.md"].status == "wishlist"


TRACKED = ("---\ncompany: Acme\nrole: Data Analyst\nstatus: applied\nchannel: referral\n"
           "applied: 2026-11-02\n---\nmine\n")


def test_reimporting_says_when_the_spreadsheet_status_moved_on(vault, tmp_path) -> None:
    root = vault({"applications/acme-data-analyst.md": TRACKED})
    before = hash_tree(root)
    text = ("Company,Role,Status,Date applied,Rejection date,Source\n"
            "Acme,Data Analyst,Rejected,2026-11-02,2026-11-20,Referral\n")
    result = run(root, tmp_path, text, "--write")
    assert ("line 2: Acme — Data Analyst is already tracked in "
            "applications/acme-data-analyst.md (applied 2 Nov 2026); the spreadsheet now "
            "says rejected: update the note by hand") in lines(result.output)
    assert hash_tree(root) == before                       # never overwritten


def test_reimporting_the_same_status_or_an_older_one_says_nothing_more(vault, tmp_path) -> None:
    moved = TRACKED.replace("status: applied", "status: interviewing").replace(
        "applied: 2026-11-02", "applied: 2026-11-02\ninterviews: [2026-11-10]")
    root = vault({"applications/acme-data-analyst.md": moved,
                  "applications/birch-bi.md": TRACKED.replace("Acme", "Birch").replace(
                      "Data Analyst", "BI")})
    text = ("Company,Role,Status,Date applied,Source\n"
            "Acme,Data Analyst,Applied,2026-11-02,Referral\n"
            "Birch,BI,Applied,2026-11-02,Referral\n")
    result = run(root, tmp_path, text)
    assert "now says" not in result.output
    assert "line 3: Birch — BI is already tracked in applications/birch-bi.md " \
        "(applied 2 Nov 2026)" in lines(result.output)


NEAR = ("Company,Role,Date applied,Source\n"
        "Acme Inc,Data Analyst,2026-11-02,Indeed\n"
        '"Acme, Inc.",Data Analyst ,2026-11-02,Indeed\n'
        "ACME INC.,data analyst,2026-11-02,Indeed\n"
        "Acme GmbH,Data-Analyst,2026-11-09,Indeed\n"
        "Acme Ltd,Engineer,2026-11-02,Indeed\n")


def test_rows_written_differently_are_one_application_per_date(root, tmp_path) -> None:
    result = run(root, tmp_path, NEAR, "--write")
    said = lines(result.output)
    assert ("line 3: same as line 2 (Acme Inc — Data Analyst, applied 2 Nov 2026), written "
            "differently") in said
    assert any(line.startswith("line 4: same as line 2") for line in said)
    assert ("line 5: Acme GmbH — Data-Analyst looks like line 2 (Acme Inc — Data Analyst, "
            "applied 2 Nov 2026) but with another date applied; imported as a separate "
            "application: if they are one, delete one note") in said
    assert sorted(notes(root)) == ["acme-gmbh-data-analyst.md", "acme-inc-data-analyst.md",
                                   "acme-ltd-engineer.md"]
    again = run(root, tmp_path, NEAR, "--write")           # importing twice adds nothing
    assert "Created no notes in applications/." in again.output
    assert "Skipped 5 rows:" in again.output


def test_a_row_written_differently_from_a_tracked_note_is_that_note(vault, tmp_path) -> None:
    root = vault({"applications/acme-data-analyst.md": TRACKED})
    text = "Company,Role,Date applied,Source\nACME Inc.,Data analyst,2026-11-02,Referral\n"
    result = run(root, tmp_path, text, "--write")
    assert ("line 2: ACME Inc. — Data analyst is already tracked in "
            "applications/acme-data-analyst.md (applied 2 Nov 2026)") in lines(result.output)
    assert sorted(notes(root)) == ["acme-data-analyst.md"]


def test_summary_rows_under_the_data_are_skipped(root, tmp_path) -> None:
    text = ("Company,Role,Status,Date applied,Source\n"
            "Acme,Analyst,Applied,2026-11-02,Indeed\n"
            ",,,,\n"
            "Total applications,3,,,\n"
            "Response rate,33%,,,\n"
            "Interviews,\"1,5\",,,\n"
            "3D Studio,3D Artist,,,\n")
    result = run(root, tmp_path, text, "--write")
    said = lines(result.output)
    assert "line 4: a summary row (Total applications: 3), not an application" in said
    assert "line 5: a summary row (Response rate: 33%), not an application" in said
    assert "line 6: a summary row (Interviews: 1,5), not an application" in said
    assert sorted(notes(root)) == ["3d-studio-3d-artist.md", "acme-analyst.md"]


def test_a_follow_up_date_alone_gets_the_next_action_follow_up(root, tmp_path) -> None:
    text = ("Company,Role,Date applied,Follow up date,Next step,Source\n"
            "Gamma,BI Analyst,2026-10-01,2026-10-09,,Indeed\n"
            "Delta,Engineer,2026-10-01,2026-10-09,Call Sam,Indeed\n")
    run(root, tmp_path, text, "--write")
    found = notes(root)
    gamma, delta = found["gamma-bi-analyst.md"], found["delta-engineer.md"]
    assert (gamma.next_action, gamma.next_action_date) == ("Follow up", date(2026, 10, 9))
    assert delta.next_action == "Call Sam"
    assert "next_action: Follow up\n" in (root / "applications/gamma-bi-analyst.md").read_text(
        encoding="utf-8")


def test_a_contact_and_a_recruiter_column_are_both_contacts(root: Path, tmp_path: Path):
    run(root, tmp_path, "Company,Role,Date applied,Status,Contact,Recruiter\n"
                        "Acme,Analyst,2026-11-02,Applied,\"Jane Doe, Tom Lee\",Ann Ray\n",
        "--write")
    text = (root / "applications" / "acme-analyst.md").read_text(encoding="utf-8")
    for name in ("Jane Doe", "Tom Lee", "Ann Ray"):
        assert f'- "[[{name}]]"' in text
    assert "Recruiter:" not in text.split("## Notes", 1)[1]
