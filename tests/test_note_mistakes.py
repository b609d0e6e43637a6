"""Everyday note-keeping that must not be reported as a mistake (applying again, an online
contact before meeting, a spelling variant), and real mistakes said with their fix."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.crosscheck import CrossChecks, cross_check
from jobnotes.model import Application
from jobnotes.settings import Settings
from tests.conftest import hash_tree, write_vault

TODAY = "2026-11-27"


def run(*args: str):
    from jobnotes.cli import main

    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def check(root: Path, *extra: str):
    return run("check", str(root), "--today", TODAY, *extra)


def findings(output: str, rule: str) -> list[str]:
    return [line for line in output.splitlines() if line.endswith(f"[{rule}]")]


def new_app(root: Path, company: str, role: str, today: str, *extra: str):
    return run("new", company, role, "--vault", str(root), "--today", today, *extra)


def set_keys(path: Path, **keys: str) -> None:
    """Set top-level keys of a note ``new`` wrote (its template lists every key)."""
    text = path.read_text(encoding="utf-8")
    for key, value in keys.items():
        text, count = re.subn(rf"(?m)^{key}:.*$", f"{key}: {value}", text)
        assert count == 1, key
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    target = tmp_path / "x"
    assert run("init", str(target)).exit_code == 0
    return target


# --- 1. applying again is not a duplicate ------------------------------------------------

def test_applying_again_after_a_rejection_is_no_duplicate(root: Path) -> None:
    assert new_app(root, "Acme", "Data Analyst", "2026-11-02").exit_code == 0
    set_keys(root / "applications/acme-data-analyst.md", status="rejected",
             rejected="2026-11-18")
    again = new_app(root, "Acme", "Data Analyst", TODAY, "--again")
    assert again.exit_code == 0, again.output
    assert ("You already track Acme — Data Analyst in applications/acme-data-analyst.md "
            "(rejected 18 Nov 2026); this is a new application.") in again.output
    result = check(root, "--strict")
    assert result.exit_code == 0, result.output
    assert findings(result.output, "duplicate-application") == []
    agenda = run("today", str(root), "--today", TODAY)
    assert "Applying again to Acme" in agenda.output


@pytest.mark.parametrize("ending", [
    {"status": "ghosted"},
    {"status": "withdrawn", "withdrawn": "2026-11-05"},
])
def test_applying_again_after_ghosting_or_withdrawing(root: Path, ending: dict) -> None:
    new_app(root, "Acme", "Data Analyst", "2026-06-02")
    set_keys(root / "applications/acme-data-analyst.md", **ending)
    new_app(root, "Acme", "Data Analyst", TODAY, "--again")
    result = check(root, "--strict")
    assert result.exit_code == 0, result.output


def test_a_wishlist_note_after_a_rejection_is_no_duplicate(root: Path) -> None:
    new_app(root, "Acme", "Data Analyst", "2026-11-02")
    set_keys(root / "applications/acme-data-analyst.md", status="rejected",
             rejected="2026-11-18")
    again = new_app(root, "Acme", "Data Analyst", TODAY, "--status", "wishlist", "--again")
    assert "this is a new application." in again.output
    assert findings(check(root).output, "duplicate-application") == []


def test_a_real_duplicate_sits_on_the_newer_note_and_names_the_older(root: Path) -> None:
    new_app(root, "Acme", "Data Analyst", "2026-11-02")
    second = new_app(root, "ACME", "data  analyst", TODAY, "--again")
    assert ("You already track Acme — Data Analyst in applications/acme-data-analyst.md "
            "(applied 2 Nov 2026); if this is the same application, delete ") in second.output
    result = check(root)
    assert findings(result.output, "duplicate-application") == [
        "applications/acme-data-analyst-2.md:3:7: warning: ACME — data analyst is already "
        "tracked in applications/acme-data-analyst.md [duplicate-application]"]
    assert check(root, "--strict").exit_code == 1


def test_the_newer_note_is_the_later_application_whatever_its_file_name(tmp_path) -> None:
    def note(applied: str) -> str:
        return ("---\ncompany: Acme\nrole: Analyst\nstatus: applied\nchannel: other\n"
                f"applied: {applied}\n---\n")

    root = write_vault(tmp_path / "v", {"applications/acme-analyst.md": note("2026-11-10"),
                                        "applications/acme-analyst-2.md": note("2026-11-02")})
    assert findings(check(root).output, "duplicate-application") == [
        "applications/acme-analyst.md:3:7: warning: Acme — Analyst is already tracked in "
        "applications/acme-analyst-2.md [duplicate-application]"]


def _app(rel: str, status: str, applied: date | None, **dates: date) -> Application:
    return Application(rel=rel, slug="", stem="", company="Acme", role="Analyst",
                       status=status, applied=applied, **dates)


def test_serve_keeps_the_same_duplicate_findings_as_check() -> None:
    settings = Settings()
    rejected = _app("applications/a.md", "rejected", date(2026, 1, 5),
                    rejected=date(2026, 1, 20))
    again = _app("applications/a-2.md", "applied", date(2026, 3, 1))
    twice = _app("applications/a-3.md", "applied", date(2026, 3, 2))
    kept = CrossChecks(settings)
    kept.update({app.rel: app for app in (rejected, again, twice)})
    full = cross_check([rejected, again, twice], [], settings)
    assert [d for found in kept.by_rel.values() for d in found] == full
    assert [(d.path, d.message) for d in full] == [
        ("applications/a-3.md", "Acme — Analyst is already tracked in applications/a-2.md")]
    kept.update({again.rel: None})       # the note applied again is deleted
    assert [d.message for found in kept.by_rel.values() for d in found] == []


IMPORT_HEAD = "Company,Role,Status,Date applied,Rejection date,Source\n"


def _import(root: Path, tmp_path: Path, rows: str, *extra: str):
    path = tmp_path / "jobs.csv"
    path.write_text(IMPORT_HEAD + rows, encoding="utf-8")
    return run("import", str(path), "--vault", str(root), "--today", TODAY, *extra)


def test_import_names_the_note_a_row_repeats(root: Path, tmp_path: Path) -> None:
    new_app(root, "Acme", "Data Analyst", "2026-11-02")
    set_keys(root / "applications/acme-data-analyst.md", status="rejected",
             rejected="2026-11-18")
    new_app(root, "Acme", "Data Analyst", TODAY, "--again")
    result = _import(root, tmp_path, "Acme,Data Analyst,Rejected,2026-11-02,2026-11-18,\n"
                                     "Acme,Data Analyst,Applied,2026-11-27,,\n")
    assert ("line 2: Acme — Data Analyst is already tracked in "
            "applications/acme-data-analyst.md (rejected 18 Nov 2026)") in result.output
    assert ("line 3: Acme — Data Analyst is already tracked in "
            "applications/acme-data-analyst-2.md (applied 27 Nov 2026)") in result.output


def test_import_rows_of_one_application_twice_are_imported_once(root: Path,
                                                                 tmp_path: Path) -> None:
    result = _import(root, tmp_path, "Foo Inc,Analyst,Applied,2026-11-01,,Indeed\n"
                                     "foo inc,analyst,Applied,2026-11-03,,Indeed\n", "--write")
    assert result.exit_code == 0, result.output
    assert "line 3: repeats line 2 (Foo Inc — Analyst, applied 1 Nov 2026)" in result.output
    assert sorted(p.name for p in (root / "applications").glob("*.md")) == \
        ["foo-inc-analyst.md"]
    assert findings(check(root).output, "duplicate-application") == []


def test_import_a_row_applying_again_after_an_earlier_row(root: Path, tmp_path: Path) -> None:
    result = _import(root, tmp_path, "Foo Inc,Analyst,Rejected,2026-11-01,2026-11-02,Indeed\n"
                                     "foo inc,analyst,Applied,2026-11-03,,Indeed\n", "--write")
    assert ("line 3: foo inc — analyst is also tracked in line 2 (rejected 2 Nov 2026): "
            "applied again, imported as a new application") in result.output
    assert len(list((root / "applications").glob("*.md"))) == 2
    assert check(root, "--strict").exit_code == 0


def test_import_an_older_application_before_a_tracked_one(root: Path, tmp_path: Path) -> None:
    new_app(root, "Acme", "Analyst", TODAY)
    result = _import(root, tmp_path, "Acme,Analyst,Rejected,2026-10-01,2026-10-15,\n",
                     "--write")
    assert ("line 2: Acme — Analyst is also tracked in applications/acme-analyst.md (applied "
            "27 Nov 2026), which went out after this one ended: imported as an earlier "
            "application") in result.output
    assert check(root, "--strict").exit_code == 0


# --- 2. import keeps a status whose stage date is missing ----------------------------------

def test_import_keeps_the_status_and_check_says_the_date_is_missing(root: Path,
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "jobs.csv"
    path.write_text("Company,Role,Status,Date applied,Source\n"
                    "Acme,Analyst,Rejected,2026-10-01,Indeed\n"
                    "Birch,Analyst,Offer,2026-10-01,Indeed\n"
                    "Cobalt,Analyst,Interviewing,2026-10-01,Indeed\n", encoding="utf-8")
    preview = run("import", str(path), "--vault", str(root), "--today", TODAY)
    assert re.search(r"birch-analyst\.md\s+offer\s", preview.output)
    assert ('line 3: status "Offer" has no offer date: add `offer: YYYY-MM-DD` (jobnotes '
            "check warns until it is there)") in preview.output
    assert "imported as applied" not in preview.output
    run("import", str(path), "--vault", str(root), "--today", TODAY, "--write")
    result = check(root)
    assert result.exit_code == 0, result.output
    gaps = findings(result.output, "status-dates")
    assert "applications/birch-analyst.md:4:9: warning: status is offer but no `offer` date " \
        "is set [status-dates]" in gaps
    assert len(gaps) == 3
    agenda = run("today", str(root), "--today", TODAY).output
    assert "Follow up on Birch" not in agenda      # an offer is not a silent application


# --- 3. a second note for the same person is refused -------------------------------------

@pytest.mark.parametrize("name", ["Jane Doe", "jane doe", " JANE   Doe "])
def test_new_person_refuses_a_name_already_taken(root: Path, name: str) -> None:
    assert run("new", "--person", "Jane Doe", "--vault", str(root)).exit_code == 0
    before = hash_tree(root)
    result = run("new", "--person", name, "--vault", str(root), "--today", TODAY)
    assert result.exit_code == 1
    assert "people/Jane Doe.md already exists" in result.output
    assert "nothing written" in result.output
    assert hash_tree(root) == before


def test_new_person_finds_the_note_in_a_sub_folder_and_another_unicode_form(
        root: Path) -> None:
    (root / "people/acme").mkdir()
    (root / "people/acme/José Díaz.md").write_text(
        "---\ncompany: Acme\n---\n", encoding="utf-8")
    result = run("new", "--person", unicodedata.normalize("NFD", "josé díaz"),
                 "--vault", str(root), "--today", TODAY)
    assert result.exit_code == 1
    assert "people/acme/José Díaz.md already exists" in unicodedata.normalize(
        "NFC", result.output)
    assert sorted(p.name for p in (root / "people").rglob("*.md")) == ["José Díaz.md"]


def test_applications_may_still_take_numbered_names(root: Path) -> None:
    new_app(root, "Acme", "Analyst", TODAY)
    assert "acme-analyst-2.md" in new_app(root, "Acme", "Analyst", TODAY, "--again").output


# --- 4. an online contact before meeting is normal --------------------------------------

def test_connection_and_touches_before_meeting_are_fine(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "applications/.keep": "",
        "people/Jane Doe.md": "---\nmet: 2026-10-10\nconnected: 2026-09-01\n"
                              "touches: [2026-09-15, 2026-10-20]\n---\n",
        "people/Bob Roe.md": "---\nmet: 2026-10-10\nthanked: 2026-10-01\n---\n",
    })
    result = check(root)
    assert findings(result.output, "date-order") == [
        "people/Bob Roe.md:3:10: error: thanked (2026-10-01) is before met (2026-10-10) "
        "[date-order]"]
    assert "Jane Doe" not in result.output


def test_a_future_touch_is_still_an_error(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "applications/.keep": "",
        "people/Jane Doe.md": "---\nconnected: 2026-12-24\n---\n"})
    assert findings(check(root).output, "future-date") == [
        "people/Jane Doe.md:2:12: error: connected (2026-12-24) is after today (2026-11-27) "
        "[future-date]"]


# --- 5. one rule for spelling variants ---------------------------------------------------

SPELLED = """\
---
company: Acme
role: Analyst
status: "  REJECTED "
channel: job_board
type: full time
applied: 2026-11-02
rejected: 2026-11-18
---
"""


def test_spelling_variants_are_read_with_an_info_hint(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"applications/acme.md": SPELLED})
    result = check(root, "--strict")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert 'applications/acme.md:4:9: info: status `"  REJECTED "` is read as `rejected` ' \
        "[enum-spelling]" in lines
    assert "applications/acme.md:5:10: info: channel `job_board` is read as `job-board` " \
        "[enum-spelling]" in lines
    assert "applications/acme.md:6:7: info: type `full time` is read as `full-time` " \
        "[enum-spelling]" in lines
    assert any(line.strip().startswith("hint: write `channel: job-board`") for line in lines)
    assert "error" not in result.output.split("\n")[-2]


def test_new_accepts_the_same_variants_and_writes_the_listed_spelling(root: Path) -> None:
    result = new_app(root, "Acme", "Analyst", TODAY, "--status", "Interviewing",
                     "--channel", "Job_Board")
    assert result.exit_code == 0, result.output
    text = (root / "applications/acme-analyst.md").read_text(encoding="utf-8")
    assert "status: interviewing" in text and "channel: job-board" in text
    assert check(root, "--strict").exit_code == 0
    wrong = new_app(root, "Acme", "Analyst", TODAY, "--status", "intervewing")
    assert wrong.exit_code == 2 and 'Did you mean "interviewing"?' in wrong.output


# --- 6. a list written without brackets ------------------------------------------------

def test_dates_without_brackets_get_the_list_spelling(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {
        "applications/.keep": "",
        "people/Jane Doe.md": "---\ntouches: 2026-11-01, 2026-11-15\n---\n"})
    lines = check(root).output.splitlines()
    at = lines.index("people/Jane Doe.md:2:10: error: touch 1 must be a date written "
                     "YYYY-MM-DD, not `2026-11-01, 2026-11-15` [type]")
    assert lines[at + 1].strip() == "hint: write a list: touches: [2026-11-01, 2026-11-15]"


# --- 7. init into a folder with its own .gitignore ---------------------------------------

def test_init_says_when_the_kept_gitignore_does_not_ignore_the_site(tmp_path: Path) -> None:
    target = tmp_path / "vault"
    target.mkdir()
    (target / ".gitignore").write_text("*.tmp\n", encoding="utf-8")
    result = run("init", str(target))
    assert result.exit_code == 0
    assert ("Note: kept .gitignore; add _site/ to it so the built site is not committed."
            in result.output)
    assert (target / ".gitignore").read_text(encoding="utf-8") == "*.tmp\n"


@pytest.mark.parametrize("line", ["_site/", "/_site", "_site/*", "**/_site/", "_site "])
def test_init_says_nothing_when_the_site_is_ignored(tmp_path: Path, line: str) -> None:
    target = tmp_path / "vault"
    target.mkdir()
    (target / ".gitignore").write_text(f"# mine\n{line}\n", encoding="utf-8")
    assert "add _site/" not in run("init", str(target)).output
