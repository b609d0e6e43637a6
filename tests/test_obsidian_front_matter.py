"""Front matter as an existing Obsidian vault writes it: capitalised keys, comma lists,
``#tags`` read as comments, a block after an empty line, quoted numbers, index notes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from jobnotes.diagnostics import Diagnostic, Severity
from jobnotes.load import load_vault
from jobnotes.model import Vault
from jobnotes.schema_fields import split_commas
from tests.conftest import APPLIED_NOTE

TODAY = date(2026, 11, 27)
APP = "applications/acme.md"
JANE = "people/Jane Doe.md"
# The clean application note, with room for more front matter lines before its end.
GOOD = APPLIED_NOTE.removesuffix("---\n") + "{extra}---\nBody.\n"


def load(vault, files: dict[str, str | bytes]) -> Vault:
    return load_vault(vault(files), today=TODAY)


def app_note(*lines: str) -> str:
    return GOOD.format(extra="".join(line + "\n" for line in lines))


def found(loaded: Vault, rule: str, path: str = APP) -> list[Diagnostic]:
    return [d for d in loaded.diagnostics if d.rule == rule and d.path == path]


def only(loaded: Vault, rule: str, path: str = APP) -> Diagnostic:
    matches = found(loaded, rule, path)
    assert len(matches) == 1, loaded.diagnostics
    return matches[0]


def check(root: Path, *extra: str):
    from jobnotes.cli import main

    return CliRunner().invoke(main, ["check", str(root), "--today", TODAY.isoformat(), *extra],
                              catch_exceptions=False)


# --- 1. capitalised keys -------------------------------------------------------------------

CAPITALISED = """\
---
Company: ACME Corp
Role: Senior Analyst
Status: interviewing
channel: referral
applied: 2026-11-02
interviews: [2026-11-15]
---
"""


def test_capitalised_keys_are_read_with_an_info_hint_at_each_line(vault) -> None:
    loaded = load(vault, {APP: CAPITALISED})
    [app] = loaded.applications
    assert (app.company, app.role, app.status) == ("ACME Corp", "Senior Analyst", "interviewing")
    hints = found(loaded, "key-spelling")
    assert [(d.severity, d.line, d.message) for d in hints] == [
        (Severity.INFO, 2, "`Company` is read as `company`"),
        (Severity.INFO, 3, "`Role` is read as `role`"),
        (Severity.INFO, 4, "`Status` is read as `status`")]
    assert "`company`" in hints[0].hint
    assert not [d for d in loaded.diagnostics if d.severity is not Severity.INFO]


def test_capitalised_keys_keep_their_positions(vault) -> None:
    [app] = load(vault, {APP: CAPITALISED}).applications
    assert app.pos("company").line == 2 and app.pos("status").line == 4


def test_capitalised_keys_pass_check(vault) -> None:
    result = check(vault({APP: CAPITALISED}))
    assert result.exit_code == 0, result.output
    assert "missing required key" not in result.output
    assert "unknown key" not in result.output


def test_a_key_with_spaces_around_it_is_read_as_the_key(vault) -> None:
    loaded = load(vault, {APP: app_note('" location ": Berlin')})
    [app] = loaded.applications
    assert app.location == "Berlin"
    assert only(loaded, "key-spelling").line == 7


def test_the_exact_spelling_wins_and_the_other_gets_a_warning(vault) -> None:
    loaded = load(vault, {APP: app_note("Company: Other Corp")})
    [app] = loaded.applications
    assert app.company == "Acme"
    d = only(loaded, "duplicate-key")
    assert (d.severity, d.line) == (Severity.WARNING, 7)
    assert "`Company` is ignored" in d.message and "line 2" in d.message
    assert d.hint == "keep only one of the two lines"
    assert not found(loaded, "key-spelling")


def test_of_two_other_spellings_the_first_is_read(vault) -> None:
    text = "---\nCompany: First\nCOMPANY: Second\nrole: r\nstatus: wishlist\n---\n"
    loaded = load(vault, {APP: text})
    [app] = loaded.applications
    assert app.company == "First"
    assert only(loaded, "key-spelling").line == 2
    d = only(loaded, "duplicate-key")
    assert d.line == 3 and "`Company`" in d.message


def test_a_misspelt_key_is_still_an_unknown_key(vault) -> None:
    loaded = load(vault, {APP: app_note("Compnay: Other")})
    assert "did you mean `company`?" in only(loaded, "unknown-key").hint
    assert not found(loaded, "key-spelling")


def test_capitalised_keys_on_a_person_note(vault) -> None:
    loaded = load(vault, {JANE: "---\nCompany: Acme\nRole: recruiter\n---\n"})
    [person] = loaded.people
    assert (person.company, person.role) == ("Acme", "recruiter")
    assert [d.line for d in found(loaded, "key-spelling", JANE)] == [2, 3]
    assert not found(loaded, "unknown-key", JANE)


def test_capitalised_obsidian_properties_are_still_ignored(vault) -> None:
    loaded = load(vault, {APP: app_note("Aliases: [ACME]", "Tags: [remote]")})
    [app] = loaded.applications
    assert app.tags == ["remote"]
    assert not found(loaded, "unknown-key")


# --- 2. comma-separated lists --------------------------------------------------------------

def test_comma_separated_skills_are_split_with_an_info_hint(vault) -> None:
    loaded = load(vault, {APP: app_note("skills: SQL, dbt, Looker")})
    [app] = loaded.applications
    assert app.skills == ["SQL", "dbt", "Looker"]
    d = only(loaded, "list-spelling")
    assert (d.severity, d.line) == (Severity.INFO, 7)
    assert d.hint == "write it as a list: skills: [SQL, dbt, Looker]"


def test_a_comma_in_brackets_does_not_split_a_skill(vault) -> None:
    loaded = load(vault, {APP: app_note("skills: Python (pandas, numpy), SQL")})
    [app] = loaded.applications
    assert app.skills == ["Python (pandas, numpy)", "SQL"]
    assert only(loaded, "list-spelling").hint == (
        'write it as a list: skills: ["Python (pandas, numpy)", SQL]')


def test_one_skill_and_a_real_list_are_left_alone(vault) -> None:
    loaded = load(vault, {APP: app_note("skills: SQL")})
    assert loaded.applications[0].skills == ["SQL"]
    loaded = load(vault, {APP: app_note('skills: ["SQL, advanced", dbt]')})
    assert loaded.applications[0].skills == ["SQL, advanced", "dbt"]
    assert not found(loaded, "list-spelling")


def test_comma_separated_contacts_are_split(vault) -> None:
    loaded = load(vault, {APP: app_note('contacts: "[[Jane Doe]], [[Bob Roe]]"')})
    [app] = loaded.applications
    assert app.contacts == ["Jane Doe", "Bob Roe"]
    assert only(loaded, "list-spelling").hint == (
        'write it as a list: contacts: ["[[Jane Doe]]", "[[Bob Roe]]"]')


@given(st.lists(st.text(alphabet=st.characters(
    blacklist_characters=",()[]{}", blacklist_categories=("Cs",)), min_size=1).filter(
        lambda text: text.strip() == text and text.strip()), min_size=1, max_size=6))
def test_split_commas_gives_back_the_items_joined(items: list[str]) -> None:
    assert split_commas(", ".join(items)) == items


@given(st.text(alphabet="ab ,;-"))
def test_without_brackets_split_commas_is_a_plain_split(text: str) -> None:
    assert split_commas(text) == [part.strip() for part in text.split(",") if part.strip()]


@given(st.text(alphabet="ab ,()"))
def test_split_commas_gives_trimmed_non_empty_items(text: str) -> None:
    parts = split_commas(text)
    assert all(part and part == part.strip() for part in parts)
    assert len(parts) <= text.count(",") + 1


# --- 3. a value YAML reads as a comment ----------------------------------------------------

def test_a_hash_tag_value_is_a_warning_with_the_fix(vault) -> None:
    loaded = load(vault, {APP: app_note("tags: #urgent")})
    d = only(loaded, "yaml-comment-value")
    assert (d.severity, d.line, d.column) == (Severity.WARNING, 7, 7)
    assert "comment" in d.message and "empty" in d.message
    assert d.hint == 'write tags: ["#urgent"] or tags: [urgent]'
    assert loaded.applications[0].tags == []


def test_a_hash_value_of_any_key_is_a_warning(vault) -> None:
    text = "---\ncompany: #Acme\nrole: r\nstatus: wishlist\n---\n"
    loaded = load(vault, {APP: text})
    d = only(loaded, "yaml-comment-value")
    assert (d.line, d.column) == (2, 10)
    assert d.hint == 'write company: "#Acme" in quotes, or company: Acme'


def test_a_real_comment_is_not_reported(vault) -> None:
    loaded = load(vault, {APP: app_note("location:   # where, once known",
                                        "salary: 50k  # before tax")})
    assert not found(loaded, "yaml-comment-value")
    text = GOOD.replace("status: applied", "status: applied  # waiting").format(extra="")
    loaded = load(vault, {APP: text})
    assert loaded.diagnostics == []


# --- 4. front matter after empty lines -----------------------------------------------------

def test_front_matter_after_an_empty_line_points_at_the_fence(vault) -> None:
    loaded = load(vault, {APP: ("\n" + app_note()).encode()})
    d = only(loaded, "frontmatter-not-first")
    assert (d.severity, d.line) == (Severity.ERROR, 2)
    assert "must start on line 1" in d.message
    assert d.hint == "delete the empty line above the --- line"
    assert not found(loaded, "frontmatter-missing")
    assert loaded.skipped == [APP]


def test_several_empty_lines_are_counted(vault) -> None:
    loaded = load(vault, {APP: (" \n\n" + app_note()).encode()})
    d = only(loaded, "frontmatter-not-first")
    assert d.line == 3 and d.hint == "delete the 2 empty lines above the --- line"


def test_a_bom_before_the_front_matter_is_still_fine(vault) -> None:
    loaded = load(vault, {APP: ("\ufeff" + app_note()).encode()})
    assert loaded.diagnostics == [] and len(loaded.applications) == 1


def test_a_rule_after_empty_lines_is_not_taken_for_front_matter(vault) -> None:
    loaded = load(vault, {APP: b"\n---\nJust a horizontal rule.\n"})
    assert not found(loaded, "frontmatter-not-first")
    assert only(loaded, "frontmatter-missing").severity is Severity.WARNING


# --- 5. a quoted number --------------------------------------------------------------------

def test_a_quoted_excitement_is_read_as_the_number(vault) -> None:
    loaded = load(vault, {APP: app_note('excitement: "5"')})
    assert loaded.applications[0].excitement == 5
    assert loaded.diagnostics == []


def test_a_quoted_excitement_out_of_range_or_not_a_number_is_still_an_error(vault) -> None:
    loaded = load(vault, {APP: app_note('excitement: "9"')})
    assert only(loaded, "range").message == "excitement 9 is outside 1 to 5"
    loaded = load(vault, {APP: app_note('excitement: "five"')})
    assert "whole number" in only(loaded, "type").message


# --- 6. notes without front matter ---------------------------------------------------------

INDEX = """\
# Applications index

```dataview
table company, status from "applications"
```
"""


def test_an_index_note_is_a_warning_and_check_passes(vault) -> None:
    root = vault({"applications/_Index.md": INDEX, APP: app_note()})
    loaded = load_vault(root, today=TODAY)
    d = only(loaded, "frontmatter-missing", "applications/_Index.md")
    assert (d.severity, d.line) == (Severity.WARNING, 1)
    assert "left out" in d.message
    assert '"company: Acme"' in d.hint and "move it out of the applications folder" in d.hint
    assert loaded.skipped == ["applications/_Index.md"]
    assert [app.rel for app in loaded.applications] == [APP]
    result = check(root)
    assert result.exit_code == 0, result.output
    assert check(root, "--strict").exit_code == 1


def test_an_index_note_in_people_is_a_warning(vault) -> None:
    loaded = load(vault, {"people/_Index.md": "# People\n"})
    d = only(loaded, "frontmatter-missing", "people/_Index.md")
    assert d.severity is Severity.WARNING
    assert "move it out of the people folder" in d.hint and "role: recruiter" in d.hint


def test_a_broken_block_stays_an_error(vault) -> None:
    root = vault({APP: "---\ncompany: Acme\nrole: r\n"})
    loaded = load_vault(root, today=TODAY)
    assert only(loaded, "frontmatter-unclosed").severity is Severity.ERROR
    assert not found(loaded, "frontmatter-missing")
    assert check(root).exit_code == 1


# --- 7. a future date on a person note -----------------------------------------------------

def test_a_future_date_on_a_person_note_has_a_hint_that_fits(vault) -> None:
    loaded = load(vault, {JANE: "---\nrole: recruiter\nmet: 2026-12-01\n---\n"})
    d = only(loaded, "future-date", JANE)
    assert d.line == 3
    assert "leave the date out until it happens" in d.hint
    assert "the application's next_action" in d.hint


def test_a_future_date_on_an_application_keeps_its_hint(vault) -> None:
    loaded = load(vault, {APP: app_note("screening: 2026-12-01")})
    assert only(loaded, "future-date").hint == (
        "dates record what already happened; put plans in next_action and next_action_date")


def test_a_value_cut_short_while_typing_gets_the_choice_it_begins(vault) -> None:
    from jobnotes.suggest import did_you_mean

    assert did_you_mean("rej", ["applied", "rejected", "ghosted"]) == "rejected"
    assert did_you_mean("re", ["rejected", "recruiter"]) is None       # too short to tell
    assert did_you_mean("re", ["applied"]) is None


def test_contacts_split_at_commas_are_shown_as_a_list_of_links(vault) -> None:
    from jobnotes.load import load_vault

    root = vault({"applications/a.md": "---\ncompany: A\nrole: B\nstatus: applied\n"
                                       "contacts: Jane Doe, [[Bob]]\n---\n"})
    loaded = load_vault(root, today=TODAY)
    (hint,) = [d.hint for d in loaded.diagnostics if d.rule == "list-spelling"]
    assert hint == 'write it as a list: contacts: ["[[Jane Doe]]", "[[Bob]]"]'


@pytest.mark.parametrize("value,column", [("[#urgent, remote]", 8), ("[#urgent]", 8),
                                          ("[remote, #urgent]", 16)])
def test_a_hash_inside_a_list_is_explained_at_the_hash(vault, value: str, column: int) -> None:
    from jobnotes.load import load_vault

    root = vault({"applications/a.md": "---\ncompany: A\nrole: B\nstatus: wishlist\n"
                                       f"tags: {value}\n---\n"})
    (found,) = [d for d in load_vault(root, today=TODAY).diagnostics if d.rule == "yaml-syntax"]
    assert (found.line, found.column) == (5, column)
    assert "this # starts a comment" in found.message
    assert found.hint == 'quote each item that starts with # ("#urgent"), or leave out the #'
