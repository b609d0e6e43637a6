"""`jobnotes import`: the columns and layout of realistic tracker exports (Huntr, Teal,
Notion, Excel with a title row or a ``sep=`` line)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from jobnotes.interop.table import map_columns, read_table, strip_notion_links
from jobnotes.load import load_vault


def field(header: str) -> str | None:
    return map_columns([header])[0].field


@pytest.mark.parametrize(("header", "name"), [
    ("List", "status"), ("Pipeline stage", "status"), ("Stage name", "status"),
    ("Rejected Date", "rejected"), ("Rejection Date", "rejected"),
    ("First Interview", "interviews"), ("Second Interview", "interviews"),
    ("Third Interview", "interviews"), ("Final Interview", "interviews"),
    ("Final interview date", "interviews"), ("Interview 2", "interviews"),
    ("applied_at", "applied"), ("applied_date", "applied"),
    ("interview_at", "interviews"), ("interview_date", "interviews"),
    ("offer_at", "offer"), ("offer_date", "offer"),
    ("rejected_at", "rejected"), ("rejected_date", "rejected"),
    ("withdrawn_at", "withdrawn"), ("accepted_at", "accepted"), ("declined_at", "declined"),
    ("Contact", "contacts"), ("Contact person", "contacts"), ("Contact name", "contacts"),
    ("Recruiter", "contacts"), ("Hiring manager", "contacts"), ("Contacts", "contacts"),
])
def test_tracker_headers(header: str, name: str) -> None:
    assert field(header) == name


@pytest.mark.parametrize("header", ["created_at", "updated_at", "Created", "Last edited time"])
def test_record_timestamps_are_not_application_dates(header: str) -> None:
    assert field(header) is None


def test_several_interview_columns_are_all_read_as_interviews() -> None:
    columns = map_columns(["Company", "Title", "First Interview", "Second Interview",
                           "Final Interview"])
    assert [c.field for c in columns] == ["company", "role", "interviews", "interviews",
                                          "interviews"]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "jobs.csv"
    path.write_text(text, encoding="utf-8")
    return path


# --- Notion relations --------------------------------------------------------------------------

@pytest.mark.parametrize(("cell", "plain"), [
    ("Elin Qvist (https://www.notion.so/Elin-Qvist-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d?pvs=21)",
     "Elin Qvist"),
    ("Elin Qvist (https://www.notion.so/Elin-Qvist-1a2b?pvs=21), Omar Haddad "
     "(https://www.notion.so/Omar-Haddad-9f8e?pvs=21)", "Elin Qvist, Omar Haddad"),
    ("Acme (Sweden) AB", "Acme (Sweden) AB"),
    ("Data Analyst (m/f/d)", "Data Analyst (m/f/d)"),
    ("See (https://example.com/job)", "See (https://example.com/job)"),
])
def test_notion_links_are_dropped_and_other_parentheses_kept(cell: str, plain: str) -> None:
    assert strip_notion_links(cell) == plain


def test_a_notion_export_reads_plain_names(tmp_path: Path) -> None:
    path = write(tmp_path, (
        "Role,Company,Contacts,Status\n"
        'Data Analyst,Acme (https://www.notion.so/Acme-0a1b?pvs=21),'
        '"Elin Qvist (https://www.notion.so/Elin-Qvist-1a2b?pvs=21), Omar Haddad '
        '(https://www.notion.so/Omar-Haddad-9f8e?pvs=21)",Applied\n'))
    table = read_table(path)
    assert table.rows == [(2, ["Data Analyst", "Acme", "Elin Qvist, Omar Haddad", "Applied"])]


# --- layout ------------------------------------------------------------------------------------

TITLED = ("Job Search Tracker 2026,,,,\n"
          ",,,,\n"
          "Company,Position,Status,Date Applied,Source\n"
          "Acme,Data Analyst,Applied,2026-10-01,LinkedIn\n")


def test_a_title_row_above_the_header_is_skipped_and_said(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, TITLED))
    assert table.header_line == 3
    assert [c.field for c in table.columns] == ["company", "role", "status", "applied",
                                                "channel"]
    assert table.rows == [(4, ["Acme", "Data Analyst", "Applied", "2026-10-01", "LinkedIn"])]
    assert table.blank_lines == []
    assert table.notes == ["the header is on line 3; line 1 above it (`Job Search Tracker "
                           "2026`) was skipped, as not part of the table"]


def test_several_rows_above_the_header_are_named(tmp_path: Path) -> None:
    text = "My applications\nExported 2026-11-01\n\nCompany;Role\nAcme;Analyst\n"
    table = read_table(write(tmp_path, text))
    assert table.delimiter == ";"            # the title has no delimiter to go by
    assert table.header_line == 4
    assert table.notes == ["the header is on line 4; lines 1 and 2 above it (`My "
                           "applications`, `Exported 2026-11-01`) were skipped, as not "
                           "part of the table"]


def test_without_a_company_and_role_header_the_first_row_is_the_header(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "Name,When\nAcme,2026-03-01\n"))
    assert table.header_line == 1 and table.notes == []
    assert [c.header for c in table.columns] == ["Name", "When"]


def test_excel_sep_line_sets_the_delimiter_and_is_not_the_header(tmp_path: Path) -> None:
    text = "sep=;\nCompany;Role;Notes\nAcme;Analyst;a, b, c, d\n"
    table = read_table(write(tmp_path, text))
    assert table.delimiter == ";"
    assert table.header_line == 2 and table.notes == []
    assert table.rows == [(3, ["Acme", "Analyst", "a, b, c, d"])]


def test_blank_rows_after_the_header_are_still_reported(tmp_path: Path) -> None:
    table = read_table(write(tmp_path, "Company,Role\n\nAcme,Analyst\n"))
    assert table.header_line == 1 and table.blank_lines == [2]


def test_a_titled_notion_style_export_imports_plain_names(vault, tmp_path: Path) -> None:
    root = vault({"jobnotes.toml": "", "applications/.keep": ""})
    path = write(tmp_path, (
        "Job Search Tracker 2026,,,,,\n,,,,,\n"
        "Company,Position,Pipeline stage,applied_at,Contact,Excitement\n"
        "Acme (https://www.notion.so/Acme-0a1b?pvs=21),Data Analyst,Applied,"
        '"November 3, 2026 9:30 AM (GMT+1)","Elin Qvist (https://www.notion.so/Elin-Qvist-'
        '1a2b?pvs=21), Omar Haddad (https://www.notion.so/Omar-Haddad-9f8e?pvs=21)",★★★★\n'))
    result = CliRunner().invoke(main, ["import", str(path), "--vault", str(root),
                                       "--today", "2026-11-27", "--write"])
    assert result.exit_code == 0, result.output
    assert ("Note: the header is on line 3; line 1 above it (`Job Search Tracker 2026`) was "
            "skipped, as not part of the table") in result.output
    for line in ("Pipeline stage -> status", "applied_at -> applied", "Contact -> contacts"):
        assert line in result.output
    app, = load_vault(root, today=date(2026, 11, 27)).applications
    assert (app.company, app.status, app.applied, app.excitement) == (
        "Acme", "applied", date(2026, 11, 3), 4)
    assert app.contacts == ["Elin Qvist", "Omar Haddad"]


def test_a_titled_file_without_a_role_column_names_its_real_headers(vault,
                                                                    tmp_path: Path) -> None:
    root = vault({"jobnotes.toml": "", "applications/.keep": ""})
    path = write(tmp_path, "Tracker\n\nCompany;Status;Date applied;Notes\nAcme;Applied;;\n")
    result = CliRunner().invoke(main, ["import", str(path), "--vault", str(root),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 2
    assert ("no column for role (the headers are: Company, Status, Date applied, Notes)"
            in result.output)


def test_a_quote_never_closed_is_pointed_out(tmp_path: Path) -> None:
    csv = tmp_path / "jobs.csv"
    csv.write_text('Company,Role,Status,Applied\nAcme,"Senior Analyst,applied,2026-11-01\n'
                   "Beta,Dev,applied,2026-11-02\nGamma,Ops,applied,2026-11-03\n",
                   encoding="utf-8")
    [note] = read_table(csv).notes
    assert note.startswith("line 2: the cell starting `Senior Analyst,applied,2026-11-01` "
                           "takes in 3 more lines, 2 of them like rows of their own "
                           "(from line 3): a quote in it is probably never closed.")


def test_notes_over_several_lines_are_no_alarm(tmp_path: Path) -> None:
    csv = tmp_path / "jobs.csv"
    csv.write_text('Company,Role,Applied,Notes\nAcme,Analyst,2026-11-01,"Met Jo, nice.\n'
                   'Skills: SQL, dbt.\nFollow up Friday."\n', encoding="utf-8")
    assert read_table(csv).notes == []
