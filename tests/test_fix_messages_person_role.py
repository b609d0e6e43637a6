"""A person's `role`: the contact roles, and a job title written there kept and explained."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from jobnotes.create import builtin_template
from jobnotes.diagnostics import Severity
from jobnotes.frontmatter import parse_note
from jobnotes.model import PERSON_ROLES
from jobnotes.schema import validate_person
from jobnotes.settings import Settings
from tests.conftest import EXAMPLE_VAULT, write_vault

TODAY = ["--today", "2026-11-27"]
REL = "people/Jane Doe.md"
ROLES = "recruiter, hiring-manager, interviewer, referrer, peer, mentor"


def person(role: str):
    text = f"---\ncompany: Acme\nrole: {role}\n---\n"
    return validate_person(REL, "Jane Doe", parse_note(REL, text), Settings(), date(2026, 11, 27))


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_a_job_title_is_kept_with_a_warning_that_says_what_roles_are_for() -> None:
    found_person, found = person("Senior Data Engineer")
    assert found_person is not None and found_person.role == "Senior Data Engineer"
    assert [(d.rule, d.severity, d.line, d.column) for d in found] == [
        ("role-title", Severity.WARNING, 3, 7)]
    assert found[0].message == (f"role `Senior Data Engineer` is not one of the contact roles "
                                f"({ROLES}), so it is shown as Jane Doe's job title")
    assert found[0].hint == (
        "roles say who the person is to your search and decide their reminders (thank-you "
        "notes, feedback requests); if one fits, write it instead (e.g. role: interviewer) "
        "and keep the job title in the note's text")


def test_a_job_title_naming_a_role_suggests_that_role() -> None:
    found_person, found = person("Technical Recruiter")
    assert found_person is not None and found_person.role == "Technical Recruiter"
    assert [d.rule for d in found] == ["role-title"]
    assert ("if Jane Doe is a recruiter in your search, write role: recruiter instead"
            in (found[0].hint or ""))


@pytest.mark.parametrize(("written", "meant"), [
    ("recuiter", "recruiter"), ("hiring manger", "hiring-manager"), ("Peers", "peer"),
    ("intervewer", "interviewer"),
])
def test_a_misspelt_role_is_still_an_error_with_the_right_spelling(written: str,
                                                                    meant: str) -> None:
    found_person, found = person(written)
    assert found_person is not None and found_person.role is None
    assert [(d.rule, d.severity) for d in found] == [("enum", Severity.ERROR)]
    assert found[0].hint == f"did you mean `{meant}`?"


def test_a_listed_role_written_another_way_is_read_as_that_role() -> None:
    found_person, found = person("Hiring Manager")
    assert found_person is not None and found_person.role == "hiring-manager"
    assert [(d.rule, d.severity) for d in found] == [("enum-spelling", Severity.INFO)]


def test_the_job_title_is_shown_on_the_person_page(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "vault", {
        "jobnotes.toml": "", "applications/.keep": "",
        REL: "---\ncompany: Acme\nrole: Senior Data Engineer\n---\n"})
    out = tmp_path / "site"
    result = run("build", str(root), "-o", str(out), *TODAY)
    assert result.exit_code == 0, result.output
    page = next((out / "people").glob("jane-doe*.html")).read_text("utf-8")
    assert "Senior Data Engineer at Acme" in page
    checked = run("check", str(root), *TODAY)
    assert checked.exit_code == 0
    assert "warning: role `Senior Data Engineer`" in checked.output


@pytest.mark.parametrize("template", [
    builtin_template("person.md"),
    (EXAMPLE_VAULT / "templates" / "person.md").read_text("utf-8"),
])
def test_person_templates_list_the_roles_on_the_role_line(template: str) -> None:
    line = next(text for text in template.splitlines() if text.startswith("role:"))
    comment = line.split("#", 1)[1]
    assert re.findall(r"[a-z-]+", comment.split("(")[0]) == [
        *PERSON_ROLES[:-1], "or", PERSON_ROLES[-1]]
    assert "job title" in comment


def test_a_new_person_note_shows_the_roles_and_passes_check(tmp_path: Path,
                                                           monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", ".").exit_code == 0
    created = run("new", "--person", "Ann Lee", "--company", "Acme", *TODAY)
    assert created.exit_code == 0, created.output
    text = (tmp_path / "people" / "Ann Lee.md").read_text("utf-8")
    assert f"role: # {ROLES.replace(', mentor', ' or mentor')}" in text
    checked = run("check", *TODAY)
    assert checked.output.strip() == "1 note checked: no problems found."


def test_labels_capitalise_keys_and_keep_what_the_user_wrote():
    from jobnotes.site.render import label

    assert label("direct-outreach") == "Direct outreach"
    assert label("direct outreach") == "Direct outreach"      # a channel's label, as set
    assert label("Co-founder") == "Co-founder"                 # a job title, as written
