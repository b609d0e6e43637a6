"""Field rules: each finding's rule, severity and exact position, and the values kept."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from jobnotes.diagnostics import Diagnostic, Severity
from jobnotes.frontmatter import parse_note
from jobnotes.model import Application, Person, Pos
from jobnotes.schema import validate_application, validate_person
from jobnotes.settings import Settings

TODAY = date(2026, 11, 27)
REL = "applications/acme.md"
GOOD = """\
---
company: Acme
role: Data Analyst
status: applied
channel: job-board
applied: 2026-03-05
---
Body text.
"""


def check(text: str, *, today: date = TODAY, settings: Settings | None = None,
          ) -> tuple[Application | None, list[Diagnostic]]:
    text = textwrap.dedent(text)
    return validate_application(REL, "acme", parse_note(REL, text), settings or Settings(), today)


def check_person(text: str, *, today: date = TODAY) -> tuple[Person | None, list[Diagnostic]]:
    rel = "people/Jane Doe.md"
    return validate_person(rel, "Jane Doe", parse_note(rel, textwrap.dedent(text)), Settings(),
                           today)


def note(*lines: str, base: str = GOOD) -> str:
    """GOOD with extra front matter lines added before the closing ---."""
    head, _, body = base.partition("---\nBody")
    return head + "".join(line + "\n" for line in lines) + "---\nBody" + body


def replaced(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


def one(diagnostics: list[Diagnostic], rule: str) -> Diagnostic:
    found = [d for d in diagnostics if d.rule == rule]
    assert len(found) == 1, diagnostics
    return found[0]


def at(d: Diagnostic) -> tuple[Severity, int, int]:
    return d.severity, d.line, d.column


# --- a good note ---------------------------------------------------------------------------

def test_good_note_has_no_findings_and_typed_fields() -> None:
    app, found = check(GOOD)
    assert found == []
    assert app is not None
    assert (app.company, app.role, app.status, app.channel) == (
        "Acme", "Data Analyst", "applied", "job-board")
    assert app.applied == date(2026, 3, 5)
    assert app.stem == "acme" and app.slug == "" and app.rel == REL
    assert app.body == "Body text.\n" and app.body_line == 8
    assert app.positions["status"] == Pos(4, 9)
    assert app.pos("applied") == Pos(6, 10)


# --- frontmatter-missing -------------------------------------------------------------------

def test_missing_front_matter_skips_the_application_with_a_warning() -> None:
    app, found = check("Just some text.\n")
    assert app is None
    d = one(found, "frontmatter-missing")
    assert at(d) == (Severity.WARNING, 1, 1)
    assert "left out" in d.message
    assert "company:" in d.hint and "move it out of the applications folder" in d.hint


def test_broken_front_matter_is_not_also_reported_missing() -> None:
    app, found = check("---\ncompany: Acme\n")   # never closed: reported by frontmatter
    assert app is None
    assert found == []


def test_person_without_front_matter_is_kept_with_a_warning() -> None:
    person, found = check_person("Met at a meetup.\n")
    assert person is not None and person.name == "Jane Doe"
    assert at(one(found, "frontmatter-missing")) == (Severity.WARNING, 1, 1)


# --- required ------------------------------------------------------------------------------

def test_missing_company_skips_the_note_and_points_at_line_1() -> None:
    app, found = check(replaced("company: Acme\n", ""))
    assert app is None
    d = one(found, "required")
    assert at(d) == (Severity.ERROR, 1, 1)
    assert "company" in d.message


def test_empty_role_is_reported_at_its_key() -> None:
    app, found = check(replaced("role: Data Analyst", "role:"))
    assert app is None
    assert at(one(found, "required")) == (Severity.ERROR, 3, 1)


def test_missing_channel_keeps_the_note() -> None:
    app, found = check(replaced("channel: job-board\n", ""))
    assert app is not None and app.channel is None
    d = one(found, "required")
    assert at(d) == (Severity.ERROR, 1, 1)
    assert "channel" in d.message


def test_missing_applied_keeps_the_note() -> None:
    app, found = check(replaced("applied: 2026-03-05\n", ""))
    assert app is not None and app.applied is None
    assert "applied" in one(found, "required").message


def test_wishlist_needs_neither_channel_nor_applied() -> None:
    text = "---\ncompany: Acme\nrole: Analyst\nstatus: wishlist\n---\n"
    app, found = check(text)
    assert found == [] and app is not None and app.status == "wishlist"


def test_informational_interview_needs_no_channel() -> None:
    app, found = check(replaced("channel: job-board\n", "type: informational\n"))
    assert found == []
    assert app is not None and app.is_informational


def test_key_dropped_by_frontmatter_is_not_reported_missing_again() -> None:
    app, found = check(replaced("applied: 2026-03-05", "applied: 2026-02-30"))
    assert app is not None and app.applied is None
    assert [d.rule for d in found] == []   # the impossible date is frontmatter's finding


# --- enum ----------------------------------------------------------------------------------

def test_unknown_status_suggests_the_closest_and_skips_the_note() -> None:
    app, found = check(replaced("status: applied", "status: intervewing"))
    assert app is None
    d = one(found, "enum")
    assert at(d) == (Severity.ERROR, 4, 9)
    assert d.message.startswith("status `intervewing` is not one of: wishlist, applied")
    assert d.hint == "did you mean `interviewing`?"
    assert not [x for x in found if x.rule == "required"]


def test_enums_match_case_insensitively_and_are_normalised() -> None:
    app, found = check(note("type: Full-Time", base=replaced("status: applied",
                                                             "status: Applied")))
    assert [(d.rule, d.severity, d.line, d.column) for d in found] == [
        ("enum-spelling", Severity.INFO, 4, 9), ("enum-spelling", Severity.INFO, 7, 7)]
    assert found[0].message == "status `Applied` is read as `applied`"
    assert found[1].hint.startswith("write `type: full-time`")
    assert app is not None and (app.status, app.type) == ("applied", "full-time")


def test_unknown_channel_keeps_the_note_without_channel() -> None:
    app, found = check(replaced("channel: job-board", "channel: job bord"))
    assert app is not None and app.channel is None
    d = one(found, "enum")
    assert at(d) == (Severity.ERROR, 5, 10)
    assert d.hint == "did you mean `job-board`?"
    assert not [x for x in found if x.rule == "required"]


def test_channels_come_from_settings() -> None:
    settings = Settings(channels=["job-board", "meetup"])
    app, found = check(replaced("channel: job-board", "channel: meetup"), settings=settings)
    assert found == [] and app is not None and app.channel == "meetup"


# --- unknown-key ---------------------------------------------------------------------------

def test_misspelt_key_is_a_warning_with_did_you_mean() -> None:
    app, found = check(replaced("status: applied", "stauts: applied"))
    assert app is None   # status is then missing
    d = one(found, "unknown-key")
    assert at(d) == (Severity.WARNING, 4, 1)
    assert d.message == "unknown key `stauts`"
    assert d.hint == "did you mean `status`?"
    assert "stauts" in one(found, "required").hint


def test_compnay_suggests_company() -> None:
    _, found = check(replaced("company: Acme", "compnay: Acme"))
    assert one(found, "unknown-key").hint == "did you mean `company`?"


def test_obsidian_and_private_keys_are_allowed() -> None:
    app, found = check(note("aliases: [Acme job]", "cssclasses: [wide]", "tags: [data]",
                            "publish: false", "created: 2026-03-01", "_private: x"))
    assert found == []
    assert app is not None and app.tags == ["data"]


# --- type ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("written", "hint"), [
    ("2026/03/05", "write 2026-03-05"),
    ("2026-3-5", "write 2026-03-05"),
    ("25/03/2026", "write 2026-03-25"),
    ("March 5 2026", "write 2026-03-05"),
    ("05/03/2026", "write it as YYYY-MM-DD: 2026-03-05 or 2026-05-03, whichever you mean"),
    ("soon", "write it as YYYY-MM-DD, for example 2026-11-27"),
])
def test_date_not_written_iso_is_an_error_with_the_iso_form(written: str, hint: str) -> None:
    app, found = check(replaced("applied: 2026-03-05", f"applied: {written}"))
    assert app is not None and app.applied is None
    d = one(found, "type")
    assert at(d) == (Severity.ERROR, 6, 10)
    assert d.message == f"applied must be a date written YYYY-MM-DD, not `{written}`"
    assert d.hint == hint
    assert not [x for x in found if x.rule == "required"]


def test_datetime_is_accepted_as_its_date() -> None:
    app, found = check(replaced("applied: 2026-03-05", "applied: 2026-03-05 14:30"))
    assert found == [] and app is not None and app.applied == date(2026, 3, 5)


def test_quoted_iso_date_is_accepted() -> None:
    app, found = check(replaced("applied: 2026-03-05", 'applied: "2026-03-05"'))
    assert found == [] and app is not None and app.applied == date(2026, 3, 5)


def test_single_interview_date_is_a_one_item_list() -> None:
    app, found = check(note("interviews: 2026-03-10"))
    assert found == [] and app is not None
    assert app.interviews == [date(2026, 3, 10)]
    assert app.positions["interviews[0]"] == Pos(7, 13)


def test_bad_interview_item_is_reported_at_the_item() -> None:
    app, found = check(note("interviews:", "  - 2026-03-10", "  - next week"))
    assert app is not None and app.interviews == [date(2026, 3, 10)]
    d = one(found, "type")
    assert at(d) == (Severity.ERROR, 9, 5)
    assert d.message.startswith("interview 2 must be a date written YYYY-MM-DD")


def test_date_written_with_properties_under_it_asks_for_the_date_alone() -> None:
    app, found = check(replaced("applied: 2026-03-05",
                                "applied:\n  date: 2026-03-05\n  via: email"))
    assert app is not None and app.applied is None
    d = one(found, "type")
    assert at(d) == (Severity.ERROR, 7, 3)
    assert d.message == ("applied must be a date written YYYY-MM-DD, not "
                         "`{date: 2026-03-05, via: email}`")
    assert d.hint == ("write the date alone, as in `applied: 2026-03-05`; put what else you "
                      "know about it in the note's body")


def test_interview_written_with_properties_is_not_called_a_list() -> None:
    app, found = check(note("interviews:", "  - date: 2026-03-10", "    kind: phone",
                            "  - 2026-03-12"))
    assert app is not None and app.interviews == [date(2026, 3, 12)]
    d = one(found, "type")
    assert at(d) == (Severity.ERROR, 8, 5)
    assert d.message == "interview 1 must be a date, not `{date: 2026-03-10, kind: phone}`"
    assert d.hint == ("write the date alone, as in `- 2026-03-10`; put what else you know "
                      "about it in the note's body")


def test_values_in_messages_are_shown_as_yaml_writes_them() -> None:
    _, found = check(replaced("applied: 2026-03-05", "applied: [2026-03-05, true]"))
    d = one(found, "type")
    assert d.message == "applied must be a date written YYYY-MM-DD, not `[2026-03-05, true]`"
    assert "datetime" not in d.message and "True" not in d.message


@pytest.mark.parametrize(("written", "shown"), [
    ("skills: {SQL: true, dbt: true}", "{SQL: true, dbt: true}"),
    ("skills: {SQL, dbt}", "{SQL, dbt}"),
])
def test_names_written_as_a_mapping_are_asked_for_as_a_list(written: str, shown: str) -> None:
    app, found = check(note(written))
    assert app is not None and app.skills == []
    d = one(found, "type")
    assert at(d) == (Severity.ERROR, 7, 9)
    assert d.message == f"each skills item must be text, not `{shown}`"
    assert d.hint == "write the names as a list: skills: [SQL, dbt]"


def test_an_item_with_a_colon_is_asked_for_in_quotes_as_written() -> None:
    app, found = check(note("skills:", "  - SQL: advanced", "  - dbt"))
    assert app is not None and app.skills == ["dbt"]
    d = one(found, "type")
    assert at(d) == (Severity.ERROR, 8, 5)
    assert d.message == "each skills item must be text, not `{SQL: advanced}`"
    assert d.hint == ('a colon followed by a space starts a property in YAML: put the text in '
                      'quotes: "SQL: advanced"')


def test_number_in_a_text_field_becomes_text() -> None:
    app, found = check(note("salary: 85000"))
    assert found == [] and app is not None and app.salary == "85000"


def test_boolean_in_a_text_field_is_an_error() -> None:
    app, found = check(note("location: true"))
    assert app is not None and app.location is None
    d = one(found, "type")
    assert at(d) == (Severity.ERROR, 7, 11)
    assert d.hint == 'put it in quotes: location: "true"'


def test_single_skill_is_a_one_item_list() -> None:
    app, found = check(note("skills: SQL"))
    assert found == [] and app is not None and app.skills == ["SQL"]


# --- contacts ------------------------------------------------------------------------------

def test_contact_link_forms() -> None:
    app, found = check(note('contacts: ["[[Jane Doe]]", "[[people/John Roe|John]]", '
                            '"[[Ann Lee#Notes]]"]'))
    assert found == []
    assert app is not None and app.contacts == ["Jane Doe", "John Roe", "Ann Lee"]


def test_single_contact_is_a_one_item_list() -> None:
    app, found = check(note('contacts: "[[Jane Doe]]"'))
    assert found == [] and app is not None and app.contacts == ["Jane Doe"]


def test_plain_contact_name_is_a_warning_and_kept() -> None:
    app, found = check(note("contacts:", '  - "[[Jane Doe]]"', "  - Bob Smith"))
    assert app is not None and app.contacts == ["Jane Doe", "Bob Smith"]
    d = one(found, "contact-link")
    assert at(d) == (Severity.WARNING, 9, 5)
    assert d.hint.startswith('write it as "[[Bob Smith]]"')
    assert app.positions["contacts[1]"] == Pos(9, 5)


# --- range ---------------------------------------------------------------------------------

def test_excitement_out_of_range() -> None:
    app, found = check(note("excitement: 7"))
    assert app is not None and app.excitement is None
    assert at(one(found, "range")) == (Severity.ERROR, 7, 13)


def test_excitement_not_a_number() -> None:
    app, found = check(note("excitement: high"))
    assert app is not None and app.excitement is None
    assert at(one(found, "type")) == (Severity.ERROR, 7, 13)


def test_excitement_in_range_is_kept() -> None:
    app, found = check(note("excitement: 4"))
    assert found == [] and app is not None and app.excitement == 4


# --- url, url-unsafe, email ----------------------------------------------------------------

def test_url_without_scheme_is_a_warning_and_kept() -> None:
    app, found = check(note("url: www.acme.com/jobs/1"))
    assert app is not None and app.url == "www.acme.com/jobs/1"
    d = one(found, "url")
    assert at(d) == (Severity.WARNING, 7, 6)
    assert d.hint == "write https://www.acme.com/jobs/1"


@pytest.mark.parametrize("link", ["javascript:alert(1)", "JavaScript:alert(1)",
                                  "java script:alert(1)", "data:text/html,x"])
def test_script_url_is_an_error_and_dropped(link: str) -> None:
    app, found = check(note(f"url: '{link}'"))
    assert app is not None and app.url is None
    assert at(one(found, "url-unsafe")) == (Severity.ERROR, 7, 6)


def test_https_url_is_fine() -> None:
    app, found = check(note("url: https://acme.example/jobs/1"))
    assert found == [] and app is not None and app.url == "https://acme.example/jobs/1"


def test_person_email_without_at_is_a_warning() -> None:
    person, found = check_person("---\nemail: jane.example.com\n---\n")
    assert person is not None and person.email == "jane.example.com"
    assert at(one(found, "email")) == (Severity.WARNING, 2, 8)


# --- all at once ---------------------------------------------------------------------------

def test_every_problem_is_reported_in_one_pass() -> None:
    text = ("---\ncompnay: Acme\nrole: Analyst\nstatus: intervewing\n"
            "applied: 2026/03/05\nexcitement: 9\n---\n")
    app, found = check(text)
    assert app is None
    assert sorted(d.rule for d in found) == ["enum", "range", "required", "type", "unknown-key"]


# --- people --------------------------------------------------------------------------------

def test_good_person() -> None:
    text = """\
        ---
        company: Acme
        role: recruiter
        linkedin: https://www.linkedin.com/in/janedoe
        met: 2026-03-01
        thanked: 2026-03-02
        touches: 2026-06-01
        ---
        Met at a meetup.
        """
    person, found = check_person(text)
    assert found == []
    assert person is not None
    assert (person.name, person.company, person.role) == ("Jane Doe", "Acme", "recruiter")
    assert person.touches == [date(2026, 6, 1)]
    assert person.pos("met") == Pos(5, 6)


def test_person_role_enum_and_unknown_key() -> None:
    person, found = check_person("---\nrole: hiring-manger\nemial: j@x.org\n---\n")
    assert person is not None and person.role is None
    d = one(found, "enum")
    assert at(d) == (Severity.ERROR, 2, 7)
    assert d.hint == "did you mean `hiring-manager`?"
    assert one(found, "unknown-key").hint == "did you mean `email`?"


def test_person_thanked_before_met() -> None:
    _, found = check_person("---\nmet: 2026-03-05\nthanked: 2026-03-01\n---\n")
    d = one(found, "date-order")
    assert at(d) == (Severity.ERROR, 3, 10)
    assert d.message == "thanked (2026-03-01) is before met (2026-03-05)"


def test_person_bad_touch_item() -> None:
    person, found = check_person("---\ntouches:\n  - 2026-03-05\n  - 5th of May\n---\n")
    assert person is not None and person.touches == [date(2026, 3, 5)]
    assert at(one(found, "type")) == (Severity.ERROR, 4, 5)
