"""`jobnotes import FILE.csv`: notes from a spreadsheet, previewed, never overwriting."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_VAULT, hash_tree, write_vault
from hypothesis import given
from hypothesis import strategies as st

from jobnotes.cli import JobnotesGroup
from jobnotes.cli_interop import import_
from jobnotes.errors import UsageError
from jobnotes.interop.export_csv import export_csv
from jobnotes.interop.importer import plan_import, write_import
from jobnotes.interop.lists import join_items, split_items
from jobnotes.interop.values import map_channel, map_status, parse_date
from jobnotes.load import load_vault
from jobnotes.model import DEFAULT_CHANNELS

TODAY = date(2026, 3, 31)


def cli():
    group = JobnotesGroup()
    group.add_command(import_)
    return group


def run(csv_path: Path, root: Path, *args: str):
    return CliRunner().invoke(cli(), ["import", str(csv_path), "--vault", str(root),
                                      "--today", TODAY.isoformat(), *args])


@pytest.fixture
def root(vault) -> Path:
    return vault({"jobnotes.toml": "", "applications/.keep": ""})


def write_csv(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "jobs.csv"
    path.write_bytes(text.encode(encoding))
    return path


def apps(root: Path) -> dict[str, object]:
    loaded = load_vault(root, today=TODAY)
    assert [d for d in loaded.diagnostics if d.is_error] == []
    return {a.company: a for a in loaded.applications}


ODD = (
    "Employer;Job Title;Date Applied:;Where;Pay;Via;Comments;Follow-up person\n"
    "Acme;Data Analyst;2026-03-05;Berlin;EUR 50k;LinkedIn;Nice team;Jane Doe\n"
    "Birch;BI Developer;13/02/2026;Remote;;Referral;;\n"
    "Cobalt;Analyst;5 Mar 2026;;;Company website;;\n"
    "Dune;Engineer;March 5, 2026;;;Indeed;;\n"
    "Ember;Analyst;04/03/2026;;;Recruiter;;\n"
)


def test_odd_headers_and_mixed_dates_preview_then_write(root: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path, ODD)
    before = hash_tree(root)
    preview = run(path, root)
    assert preview.exit_code == 0, preview.output
    assert "semicolon-separated" in preview.output
    for line in ("Employer -> company", "Job Title -> role", "Date Applied: -> applied",
                 "Where -> location", "Pay -> salary", "Via -> channel", "Comments -> notes",
                 "Follow-up person -> not recognised"):
        assert line in preview.output
    assert "day first, as `13/02/2026` shows" in preview.output
    assert "Would create 5 notes" in preview.output and "--write" in preview.output
    assert hash_tree(root) == before                       # a preview writes nothing

    written = run(path, root, "--write")
    assert written.exit_code == 0, written.output
    found = apps(root)
    assert {k: a.applied for k, a in found.items()} == {
        "Acme": date(2026, 3, 5), "Birch": date(2026, 2, 13), "Cobalt": date(2026, 3, 5),
        "Dune": date(2026, 3, 5), "Ember": date(2026, 3, 4)}
    assert {k: a.channel for k, a in found.items()} == {
        "Acme": "job-board", "Birch": "referral", "Cobalt": "direct-outreach",
        "Dune": "job-board", "Ember": "recruiter"}
    acme = found["Acme"]
    assert (acme.location, acme.salary, acme.status) == ("Berlin", "EUR 50k", "applied")
    assert "Nice team" in acme.body and "Follow-up person: Jane Doe" in acme.body


def test_ambiguous_dates_need_a_flag(root: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "Company,Role,Applied\nAcme,Analyst,03/05/2026\n")
    refused = run(path, root)
    assert refused.exit_code == 2
    assert "line 2" in refused.output and "--dayfirst" in refused.output
    assert run(path, root, "--monthfirst", "--write").exit_code == 0
    assert apps(root)["Acme"].applied == date(2026, 3, 5)


def test_blank_duplicate_and_incomplete_rows_are_reported_by_line(root: Path,
                                                                  tmp_path: Path) -> None:
    text = ("Company,Position,Status,Date Applied,Source\n"
            "Acme,Analyst,Applied,2026-03-02,LinkedIn\n"
            ",,,,\n"
            "\n"
            'Birch,"Senior\nEngineer",Applied,2026-03-03,Indeed\n'
            "Acme,Analyst,Applied,2026-03-02,LinkedIn\n"
            ",Orphan,Applied,2026-03-04,Indeed\n"
            "Fjord,Analyst,Applied,2026-12-01,Indeed\n")
    result = run(write_csv(tmp_path, text), root, "--write")
    assert result.exit_code == 0, result.output
    assert "line 3: blank row" in result.output and "line 4: blank row" in result.output
    assert "line 7: same company, role and date applied as line 2" in result.output
    assert "line 8: no company" in result.output
    assert "line 9: the note would have errors: applied (2026-12-01) is after today" \
        in result.output
    assert set(apps(root)) == {"Acme", "Birch"}
    assert apps(root)["Birch"].role == "Senior Engineer"


def test_windows_1252_file(root: Path, tmp_path: Path) -> None:
    text = "Company,Role,Date applied,Source\r\nCafé Zoë,Analyst – BI,2026-03-02,Indeed\r\n"
    path = write_csv(tmp_path, text, "cp1252")
    result = run(path, root, "--write")
    assert result.exit_code == 0, result.output
    assert "Windows-1252" in result.output
    assert apps(root)["Café Zoë"].role == "Analyst – BI"


def test_utf8_bom_file(root: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path, "\ufeffCompany,Role,Date applied\nZoë AB,Analyst,2026-03-02\n")
    assert run(path, root, "--write").exit_code == 0
    assert "Zoë AB" in apps(root)


def test_existing_notes_are_never_overwritten(vault, tmp_path: Path) -> None:
    existing = "---\ncompany: Acme Corp\nrole: Boss\nstatus: wishlist\n---\nmine\n"
    tracked = ("---\ncompany: Birch\nrole: Engineer\nstatus: applied\nchannel: referral\n"
               "applied: 2026-03-01\n---\n")
    root = vault({"applications/acme-data-analyst.md": existing,
                  "applications/my-birch-note.md": tracked})
    before = hash_tree(root)
    text = ("Company,Role,Date applied,Source\n"
            "Acme,Data Analyst,2026-03-02,Indeed\n"
            "Birch,Engineer,2026-03-01,Referral\n"
            "Cobalt,Analyst,2026-03-03,Indeed\n")
    path = write_csv(tmp_path, text)
    result = run(path, root, "--write")
    assert result.exit_code == 0, result.output
    assert "line 2: applications/acme-data-analyst.md already exists; it was left untouched" \
        in result.output
    assert "line 3: Birch — Engineer is already tracked in applications/my-birch-note.md" \
        in result.output
    after = hash_tree(root)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) == {"applications/cobalt-analyst.md"}
    again = run(path, root, "--write")                 # importing twice adds nothing
    assert again.exit_code == 0 and "Created no notes in applications/." in again.output
    assert hash_tree(root) == after


def test_a_later_application_to_a_tracked_role_is_a_new_note_and_importing_twice_adds_none(
        vault, tmp_path: Path) -> None:
    tracked = ("---\ncompany: Birch\nrole: Engineer\nstatus: rejected\nchannel: referral\n"
               "applied: 2026-01-05\nrejected: 2026-01-20\n---\n")
    root = vault({"applications/birch-engineer.md": tracked})
    text = ("Company,Role,Date applied,Source\n"
            "Birch,Engineer,2026-01-05,Referral\n"       # the tracked application
            "Birch,Engineer,2026-01-02,Referral\n"       # earlier: a corrected date, say
            "Birch,Engineer,2026-03-10,Indeed\n"         # six weeks later: applied again
            "Cobalt,Analyst,2026-03-03,Indeed\n")
    path = write_csv(tmp_path, text)
    first = run(path, root, "--write")
    assert first.exit_code == 0, first.output
    assert "line 2: Birch — Engineer is already tracked in applications/birch-engineer.md" \
        in first.output
    assert "line 3: Birch — Engineer is already tracked" in first.output
    assert ("line 4: Birch — Engineer is also tracked in applications/birch-engineer.md "
            "(rejected 20 Jan 2026): applied again, imported as a new application"
            ) in first.output
    assert "Created 2 notes in applications/:" in first.output
    assert "Skipped 2 rows:" in first.output
    again_note = (root / "applications/birch-engineer-2.md").read_text(encoding="utf-8")
    assert "applied: 2026-03-10" in again_note
    assert (root / "applications/birch-engineer.md").read_text(encoding="utf-8") == tracked
    before = hash_tree(root)
    second = run(path, root, "--write")
    assert second.exit_code == 0 and "Created no notes in applications/." in second.output
    assert "Skipped 4 rows:" in second.output
    assert hash_tree(root) == before


def test_counts_read_as_sentences(root: Path, tmp_path: Path) -> None:
    result = run(write_csv(tmp_path, "Company,Role,Date applied\nAcme,Analyst,2026-03-02\n"),
                 root)
    assert "1 row after the header on line 1." in result.output
    assert "Would create 1 note in applications/:" in result.output


def test_statuses_without_their_dates_are_imported_safely(root: Path, tmp_path: Path) -> None:
    text = ("Company,Role,Status,Date applied,Interview date,Rejection date,Source\n"
            "Acme,A,Rejected,2026-03-02,,,Indeed\n"
            "Birch,B,Rejected,2026-03-02,2026-03-10,2026-03-20,Indeed\n"
            "Cobalt,C,No response,2026-03-02,,,Indeed\n"
            "Dune,D,Offer received,2026-03-02,2026-03-09,,Indeed\n"
            "Ember,E,Interview scheduled,2026-03-02,2026-03-12,,Craigslist\n"
            "Fjord,F,Applied,,,,Indeed\n"
            "Gale,G,Something odd,2026-03-02,,,\n"
            "Heron,H,Phone screen,2026-03-02,,,Indeed\n")
    result = run(write_csv(tmp_path, text), root, "--write")
    assert result.exit_code == 0, result.output
    found = apps(root)
    statuses = {k: a.status for k, a in found.items()}
    assert statuses == {"Acme": "rejected", "Birch": "rejected", "Cobalt": "ghosted",
                        "Dune": "offer", "Ember": "interviewing", "Fjord": "wishlist",
                        "Gale": "applied", "Heron": "screening"}
    says = ('status "Rejected" has no rejected date: add `rejected: YYYY-MM-DD` (jobnotes '
            "check warns until it is there)")
    assert f"line 2: {says}" in result.output
    assert f"To check: {says}." in found["Acme"].body
    assert 'line 5: status "Offer received" has no offer date: add `offer: YYYY-MM-DD`' \
        in result.output
    assert 'line 9: status "Phone screen" has no screening date: add `screening: ' \
        "YYYY-MM-DD`" in result.output
    assert "status is rejected but no" not in result.output     # said once, with the fix
    assert "status is screening but no" not in result.output
    assert found["Birch"].rejected == date(2026, 3, 20)
    assert found["Ember"].channel == "other"
    assert "Source in the spreadsheet: Craigslist" in found["Ember"].body
    assert found["Gale"].channel == "other" and "Something odd" in found["Gale"].body


def test_missing_columns_are_a_clear_error(root: Path, tmp_path: Path) -> None:
    result = run(write_csv(tmp_path, "Name,When\nAcme,2026-03-01\n"), root)
    assert result.exit_code == 2
    assert "no column for company and role" in result.output


def test_export_then_import_round_trip(tmp_path: Path) -> None:
    source = load_vault(EXAMPLE_VAULT, today=date(2026, 11, 27))
    path = write_csv(tmp_path, export_csv(source))
    target = tmp_path / "new"
    shutil.copytree(EXAMPLE_VAULT / "people", target / "people")
    (target / "jobnotes.toml").write_text("")
    plan = plan_import(target, path, today=date(2026, 11, 27))
    assert plan.skipped == []
    write_import(plan)
    result = load_vault(target, today=date(2026, 11, 27))
    assert [d for d in result.diagnostics if d.is_error] == []
    keys = ("company", "role", "status", "channel", "type", "applied", "screening",
            "interviews", "offer", "rejected", "withdrawn", "accepted", "declined",
            "feedback_requested", "feedback_received", "contacts", "skills", "location",
            "url", "salary", "resume", "next_action", "next_action_date", "excitement")

    def summary(vault):
        return sorted(tuple(str(getattr(a, k)) for k in keys) for a in vault.applications)

    assert summary(result) == summary(source)


# --- value mapping ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "dayfirst", "expected"), [
    ("2026-03-05", None, date(2026, 3, 5)),
    ("2026/3/5", None, date(2026, 3, 5)),
    ("05/03/2026", True, date(2026, 3, 5)),
    ("05/03/2026", False, date(2026, 5, 3)),
    ("13/02/2026", None, date(2026, 2, 13)),
    ("5 Mar 2026", None, date(2026, 3, 5)),
    ("March 5, 2026", None, date(2026, 3, 5)),
    ("Thursday, 5th March 2026", None, date(2026, 3, 5)),
    ("05-Mar-26", None, date(2026, 3, 5)),
    ("2026-03-05 14:30", None, date(2026, 3, 5)),
])
def test_dates(text: str, dayfirst: bool | None, expected: date) -> None:
    assert parse_date(text, dayfirst) == expected


@pytest.mark.parametrize("text", ["03/05/2026", "2026-02-30", "next week", "Mar 5"])
def test_dates_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize(("text", "status"), [
    ("Applied", "applied"), ("Interview scheduled", "interviewing"), ("Rejected", "rejected"),
    ("No response", "ghosted"), ("Offer received", "offer"), ("Phone screen", "screening"),
    ("Rejected after 2nd interview", "rejected"), ("Offer declined", "declined"),
    ("Offer accepted", "accepted"), ("Withdrew", "withdrawn"), ("To apply", "wishlist"),
    ("Zzz", None),
])
def test_statuses(text: str, status: str | None) -> None:
    assert map_status(text) == status


@pytest.mark.parametrize(("text", "channel"), [
    ("LinkedIn", "job-board"), ("Indeed", "job-board"), ("Referral", "referral"),
    ("Recruiter", "recruiter"), ("Company website", "direct-outreach"),
    ("direct outreach", "direct-outreach"), ("Career fair", "networking"), ("Zzz", None),
])
def test_channels(text: str, channel: str | None) -> None:
    assert map_channel(text, DEFAULT_CHANNELS) == channel


def test_plan_import_raises_usage_error_for_unreadable_file(root: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        plan_import(root, tmp_path / "missing.csv", today=TODAY)


def test_a_file_with_no_header_is_a_clear_error(root: Path, tmp_path: Path) -> None:
    result = run(write_csv(tmp_path, "\n\n"), root)
    assert result.exit_code == 2 and "empty" in result.output


def test_a_workbook_is_refused_with_advice(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "jobs.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    result = run(path, root)
    assert result.exit_code == 2 and "Save it as CSV" in result.output


# --- list cells ----------------------------------------------------------------------------

LISTS_NOTE = """\
    ---
    company: {company}
    role: Analyst
    status: applied
    channel: job-board
    applied: 2026-03-0{day}
    contacts: {contacts}
    skills: {skills}
    tags: [remote, data]
    ---
    """

PERSON = "---\nname: {name}\ncompany: Acme\n---\n"


def test_list_items_with_semicolons_commas_and_backslashes_round_trip(vault,
                                                                      tmp_path: Path) -> None:
    skills = {"Acme": ["SQL; Python", "R", "C:\\temp\\"], "Birch": ["Communication, written"],
              "Cobalt": ["dbt", "ETL, ELT", "a\\;b"], "Dune": []}
    contacts = {"Acme": ["Doe, Jane", "Bo Li"], "Birch": ["Doe, Jane"], "Cobalt": [],
                "Dune": ["Bo Li"]}
    people = {f"people/{name}.md": PERSON.format(name=f'"{name}"')
              for name in ("Doe, Jane", "Bo Li")}
    notes = {f"applications/{company.lower()}.md": LISTS_NOTE.format(
        company=company, day=day, skills=json.dumps(skills[company]),
        contacts=json.dumps([f"[[{c}]]" for c in contacts[company]]))
        for day, company in enumerate(skills, 1)}
    source = load_vault(vault({"jobnotes.toml": "", **people, **notes}), today=TODAY)
    assert {a.company: a.skills for a in source.applications} == skills
    text = export_csv(source)
    assert "SQL\\; Python; R; C:\\\\temp\\\\" in text and "Communication\\, written" in text
    target = write_vault(tmp_path / "new", {"jobnotes.toml": "", **people})
    plan = plan_import(target, write_csv(tmp_path, text), today=TODAY)
    assert plan.skipped == []
    write_import(plan)
    imported = apps(target)
    assert {name: a.skills for name, a in imported.items()} == skills
    assert {name: a.contacts for name, a in imported.items()} == contacts
    assert {tuple(a.tags) for a in imported.values()} == {("remote", "data")}


@pytest.mark.parametrize(("cell", "items"), [
    ("SQL, Python", ["SQL", "Python"]),                  # a sheet made by hand
    ("SQL; Python, R", ["SQL", "Python, R"]),            # a ";" decides: commas are text
    ("SQL\\; Python; R", ["SQL; Python", "R"]),
    ("Communication\\, written", ["Communication, written"]),
    ("one\ntwo", ["one", "two"]),
    ("C:\\\\; D:\\", ["C:\\", "D:\\"]),                   # a lone backslash stays as it is
    (" ; ;", []),
])
def test_list_cells_are_read_by_the_documented_rule(cell: str, items: list[str]) -> None:
    assert split_items(cell) == items


@given(st.lists(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")),
                        min_size=1).map(str.strip).filter(bool)))
def test_any_list_survives_join_and_split(items: list[str]) -> None:
    assert split_items(join_items(items)) == items


def test_the_preview_never_sends_control_characters_to_the_terminal(tmp_path):
    from click.testing import CliRunner

    from jobnotes.cli import main

    vault = tmp_path / "vault"
    (vault / "applications").mkdir(parents=True)
    (vault / "jobnotes.toml").write_text("", encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("Company,Position,Date Applied\n"
                     "\"Esc\x1b]0;PWNED\x07\x1b[31mRed\x1b[0m Co\",Analyst,2026-11-02\n",
                     encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(sheet), "--vault", str(vault)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "analyst.md" in result.output
