"""A yes/no where a date (or another typed value) belongs: one finding, saying what to write."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from jobnotes.diagnostics import Diagnostic, Severity
from jobnotes.frontmatter import NOT_TEXT_KEYS, parse_note
from jobnotes.schema import (
    APP_DATE_KEYS,
    PERSON_DATE_KEYS,
    validate_application,
    validate_person,
)
from jobnotes.settings import Settings
from tests.conftest import write_vault

TODAY = date(2026, 11, 27)
APP = "applications/acme.md"
PERSON = "people/Jane Doe.md"
APP_HEAD = ("---\ncompany: Acme\nrole: Analyst\nstatus: applied\nchannel: job-board\n"
            "applied: 2026-11-02\n")


def findings(rel: str, text: str) -> list[Diagnostic]:
    """What `check` reports for one note: the YAML findings, then the field findings."""
    parsed = parse_note(rel, text)
    validate = validate_person if rel.startswith("people/") else validate_application
    _, found = validate(rel, Path(rel).stem, parsed, Settings(), TODAY)
    return [*parsed.diagnostics, *found]


def test_thanked_yes_gives_one_error_that_says_to_write_the_date(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "vault", {
        "jobnotes.toml": "",
        "applications/.keep": "",
        PERSON: "---\ncompany: Acme\nrole: recruiter\nmet: 2026-11-01\nemail: j@x.org\n"
                "thanked: yes\n---\n",
    })
    result = CliRunner().invoke(main, ["check", str(root), "--today", "2026-11-27"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "people/Jane Doe.md:6:10: error: thanked must be a date written YYYY-MM-DD, "
        "not `yes` [type]",
        "    hint: write the date itself instead of `yes`, for example thanked: 2026-11-27",
        "1 note checked: 1 error in 1 file.",
    ]


@pytest.mark.parametrize("word", ["yes", "Yes", "on", "ON", "true", "True"])
@pytest.mark.parametrize("key", ["met", "thanked", "connected", "informational"])
def test_person_dates_written_as_yes(key: str, word: str) -> None:
    found = findings(PERSON, f"---\ncompany: Acme\n{key}: {word}\n---\n")
    assert [(d.rule, d.severity, d.line) for d in found] == [("type", Severity.ERROR, 3)]
    shown = word.lower() if word.lower() in ("true", "false") else word
    assert found[0].message == f"{key} must be a date written YYYY-MM-DD, not `{shown}`"
    assert found[0].hint == (f"write the date itself instead of `{shown}`, "
                             f"for example {key}: 2026-11-27")


@pytest.mark.parametrize("word", ["no", "off", "false", "Off"])
@pytest.mark.parametrize("key", ["applied", "rejected", "screening", "next_action_date"])
def test_application_dates_written_as_no(key: str, word: str) -> None:
    head = APP_HEAD.replace("applied: 2026-11-02\n", "") if key == "applied" else APP_HEAD
    found = findings(APP, f"{head}{key}: {word}\n---\n")
    errors = [d for d in found if d.rule == "type"]
    assert len(errors) == 1 and errors[0].severity is Severity.ERROR
    assert errors[0].hint == (f"leave `{key}:` empty until it happens, then write its date, "
                              f"e.g. {key}: 2026-11-27")
    assert not [d for d in found if d.rule == "yaml-boolean"]
    assert all("quotes" not in (d.hint or "") for d in found)


def test_list_items_written_as_yes_or_no() -> None:
    found = findings(APP, APP_HEAD.replace("status: applied", "status: interviewing")
                     + "interviews: [2026-11-10, yes]\nfollowed_up: [no]\n---\n")
    by_rule = [(d.rule, d.line, d.message, d.hint) for d in found if d.is_error]
    assert by_rule == [
        ("type", 7, "interview 2 must be a date written YYYY-MM-DD, not `yes`",
         "write the date of interview 2 instead of `yes`, for example 2026-11-27"),
        ("type", 8, "follow-up 1 must be a date written YYYY-MM-DD, not `no`",
         "leave follow-up 1 out of the list until it happens, then write its date"),
    ]
    assert not [d for d in found if d.rule == "yaml-boolean"]


def test_touches_item_yes_in_a_person_note() -> None:
    found = findings(PERSON, "---\ntouches:\n  - 2026-10-01\n  - on\n---\n")
    assert [(d.rule, d.line, d.column) for d in found] == [("type", 4, 5)]
    assert "instead of `on`" in (found[0].hint or "")


@pytest.mark.parametrize(("line", "rule"), [
    ("excitement: yes", "type"), ("status: no", "enum"), ("channel: on", "enum"),
])
def test_other_typed_keys_get_only_their_own_finding(line: str, rule: str) -> None:
    key = line.split(":")[0]
    base = "".join(part + "\n" for part in APP_HEAD.splitlines() if not part.startswith(key))
    found = findings(APP, f"{base}{line}\n---\n")
    assert [d.rule for d in found if d.line == base.count("\n") + 1] == [rule]


def test_feedback_requested_no_still_means_no_one_to_ask() -> None:
    text = (APP_HEAD.replace("status: applied", "status: rejected")
            + "rejected: 2026-11-20\nfeedback_requested: no\n---\n")
    parsed = parse_note(APP, text)
    app, found = validate_application(APP, "acme", parsed, Settings(), TODAY)
    assert parsed.diagnostics == [] and found == []
    assert app is not None and app.feedback_not_possible


def test_text_keys_keep_the_yes_no_warning() -> None:
    found = findings(APP, f"{APP_HEAD}location: no\n---\n")
    assert [(d.rule, d.severity, d.message, d.hint) for d in found] == [
        ("yaml-boolean", Severity.WARNING, "`no` is read as the boolean false",
         'write "no" in quotes')]


def test_every_date_key_of_the_schema_is_known_not_to_be_text() -> None:
    assert {*APP_DATE_KEYS, *PERSON_DATE_KEYS, "interviews", "followed_up",
            "touches"} <= NOT_TEXT_KEYS
    assert not {"company", "role", "location", "salary", "next_action", "skills",
                "tags", "contacts"} & NOT_TEXT_KEYS
