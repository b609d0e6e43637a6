"""`jobnotes import`: a spreadsheet's job description column becomes the note's
``## Job description``, where the skills of the job are read from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jobnotes.interop.importer import plan_import, write_import
from jobnotes.jd.extract import job_description
from jobnotes.load import load_vault

TODAY = date(2026, 11, 27)


@pytest.fixture
def root(vault) -> Path:
    return vault({"jobnotes.toml": "", "applications/.keep": ""})


@pytest.mark.parametrize("header", ["Description", "Job Description", "JD"])
def test_the_description_lands_under_job_description(root: Path, tmp_path: Path, header):
    csv = tmp_path / "jobs.csv"
    csv.write_text(f'Company,Position,Date Applied,Status,{header}\n'
                   'Acme,Data Analyst,2026-11-02,Applied,"We need SQL, dbt and Looker.\n'
                   'Also Python."\n', encoding="utf-8")
    plan = plan_import(root, csv, today=TODAY)
    write_import(plan)
    [app] = load_vault(root, today=TODAY).applications
    found = job_description(app)
    assert found is not None and "We need SQL, dbt and Looker.\nAlso Python." in found.text
    text = (root / "applications" / "acme-data-analyst.md").read_text(encoding="utf-8")
    assert text.splitlines().count("## Job description") == 1
    assert "We need SQL" not in text.split("## Notes", 1)[1]     # not kept twice


def test_a_template_without_the_section_gets_one_before_notes(vault, tmp_path: Path):
    root = vault({"jobnotes.toml": "", "applications/.keep": "",
                  "templates/application.md": "---\ncompany:\nrole:\nstatus: applied\n"
                                              "applied: {{date}}\n---\n\n## Notes\n"})
    csv = tmp_path / "jobs.csv"
    csv.write_text("Company,Role,Applied,Description\nAcme,Analyst,2026-11-02,Needs SQL.\n",
                   encoding="utf-8")
    write_import(plan_import(root, csv, today=TODAY))
    body = (root / "applications" / "acme-analyst.md").read_text(encoding="utf-8")
    assert body.index("## Job description\n\nNeeds SQL.") < body.index("## Notes")
