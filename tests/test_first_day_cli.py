"""A first day with the command line: the wrong folder, next steps, a note made twice,
odd names, and help that says what is allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from tests.conftest import hash_tree

TODAY = ("--today", "2026-11-27")


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def vault(tmp_path: Path) -> Path:
    root = tmp_path / "my-search"
    assert run("init", str(root)).exit_code == 0
    return root


# --- 1. the wrong folder: nothing written, nothing served ---------------------------------

@pytest.mark.parametrize("command", [
    ["build"], ["serve"], ["export", "csv"], ["export", "json"], ["export", "ics"],
    ["export", "report"],
])
def test_a_folder_that_is_no_vault_is_refused_before_anything_happens(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "shopping.txt").write_text("milk\n")
    before = hash_tree(tmp_path)
    result = run(*command, *TODAY)
    assert result.exit_code == 2
    assert "does not look like a jobnotes vault" in result.output
    assert f"jobnotes {' '.join(command)} PATH" in result.output
    assert "Built" not in result.output and "Serving" not in result.output
    assert hash_tree(tmp_path) == before
    assert not (tmp_path / "_site").exists()


def test_build_right_after_init_points_to_the_new_vault(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "my-search").exit_code == 0
    result = run("build", *TODAY)
    assert result.exit_code == 2
    assert "did you mean `jobnotes build my-search` (or `cd my-search` first)?" in \
        result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my-search"]
    serve = run("serve", *TODAY)
    assert serve.exit_code == 2 and "`jobnotes serve my-search`" in serve.output
    new = run("new", "Acme", "Analyst", *TODAY)
    assert new.exit_code == 2
    assert "`jobnotes new COMPANY ROLE --vault my-search`" in new.output
    check = run("check", *TODAY)
    assert check.exit_code == 1
    assert "did you mean `jobnotes check my-search` (or `cd my-search` first)?" in \
        check.output
    assert "run jobnotes init" not in check.output


def test_a_given_folder_that_holds_a_vault_is_named_from_here(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("init", "p/my-search").exit_code == 0
    result = run("export", "csv", "p", *TODAY)
    assert result.exit_code == 2
    assert "did you mean `jobnotes export csv p/my-search`" in result.output


def test_a_fresh_empty_vault_still_builds(vault: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(vault)
    result = run("build", "-o", str(tmp_path / "site"), *TODAY)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "site" / "index.html").is_file()
    assert run("export", "csv", *TODAY).exit_code == 0


def test_import_into_a_folder_that_is_no_vault_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sheet = tmp_path / "jobs.csv"
    sheet.write_text("Company,Role,Status,Date applied\nAcme,Analyst,Applied,2026-11-02\n")
    monkeypatch.chdir(tmp_path)
    result = run("import", str(sheet), "--write", *TODAY)
    assert result.exit_code == 2 and "does not look like a jobnotes vault" in result.output
    assert not (tmp_path / "applications").exists()


# --- 10. the next step -----------------------------------------------------------------------

def test_init_says_to_cd_into_the_vault_and_how_to_see_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "my-search")
    assert result.exit_code == 0
    assert "Next: cd my-search, then jobnotes new COMPANY ROLE" in result.output
    assert "jobnotes serve" in result.output
    monkeypatch.chdir(tmp_path / "my-search")
    again = run("init")
    assert "Next: jobnotes new COMPANY ROLE" in again.output


def test_new_says_what_to_do_with_the_note(vault: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    monkeypatch.chdir(vault)
    app = run("new", "Acme", "Data Analyst", *TODAY)
    assert app.exit_code == 0
    assert app.output.strip().splitlines()[-1] == (
        "Edit it (dates, channel, the job description), then run jobnotes serve to see it.")
    person = run("new", "--person", "Jane Doe", *TODAY)
    assert "then run jobnotes serve to see it." in person.output
    monkeypatch.chdir(vault.parent)
    elsewhere = run("new", "Beta", "Analyst", "--vault", "my-search", *TODAY)
    assert "then run jobnotes serve my-search to see it." in elsewhere.output


# --- 11. a note that is already there --------------------------------------------------------

def test_new_refuses_an_application_already_there_unless_again(vault: Path) -> None:
    first = run("new", "Lumenfield", "Analytics Engineer", "--vault", str(vault), *TODAY)
    assert first.exit_code == 0
    before = hash_tree(vault)
    for company, role in (("Lumenfield", "Analytics Engineer"),
                          ("lumenfield", "analytics engineer")):
        result = run("new", company, role, "--vault", str(vault), *TODAY)
        assert result.exit_code == 1
        assert ("applications/lumenfield-analytics-engineer.md already exists "
                "(applied 27 Nov 2026); nothing written.") in result.output
        assert "--again" in result.output
        assert hash_tree(vault) == before
    again = run("new", "Lumenfield", "Analytics Engineer", "--again", "--vault", str(vault),
                *TODAY)
    assert again.exit_code == 0
    assert (vault / "applications/lumenfield-analytics-engineer-2.md").is_file()


def test_new_refuses_a_role_tracked_under_another_file_name(vault: Path) -> None:
    (vault / "applications/my lumenfield note.md").write_text(
        "---\ncompany: Lumenfield\nrole: Analytics Engineer\nstatus: rejected\n"
        "channel: other\napplied: 2026-10-01\nrejected: 2026-10-20\n---\n")
    result = run("new", "Lumenfield", "Analytics Engineer", "--vault", str(vault), *TODAY)
    assert result.exit_code == 1
    assert ("applications/my lumenfield note.md already tracks Lumenfield — Analytics "
            "Engineer (rejected 20 Oct 2026); nothing written.") in result.output
    again = run("new", "Lumenfield", "Analytics Engineer", "--again", "--vault", str(vault),
                *TODAY)
    assert again.exit_code == 0 and "this is a new application." in again.output
    assert (vault / "applications/lumenfield-analytics-engineer.md").is_file()


def test_again_is_for_applications_only(vault: Path) -> None:
    result = run("new", "--person", "Jane Doe", "--again", "--vault", str(vault), *TODAY)
    assert result.exit_code == 2 and "--again goes with COMPANY ROLE" in result.output


# --- 12. an example date is the --today date ------------------------------------------------

def test_a_bad_meeting_date_example_uses_the_today_given(vault: Path) -> None:
    result = run("new", "--person", "Bob", "--met", "yesterday", "--vault", str(vault),
                 "--today", "2026-11-27")
    assert result.exit_code == 2
    assert "for example 2026-11-27" in result.output
    assert not (vault / "people/Bob.md").exists()


# --- 13. odd names --------------------------------------------------------------------------

@pytest.mark.parametrize("company, role, what", [
    ("..", "..", 'company ".."'), ("Acme", "& !", 'role "& !"'), ("  ", "Analyst", None),
])
def test_a_company_or_role_without_letters_is_refused(vault: Path, company: str, role: str,
                                                       what: str | None) -> None:
    before = hash_tree(vault)
    result = run("new", company, role, "--vault", str(vault), *TODAY)
    assert result.exit_code == 2
    if what:
        assert f"The {what} has no letter or digit" in result.output
    assert hash_tree(vault) == before


def test_a_person_name_that_cannot_be_a_file_name_is_said(vault: Path) -> None:
    result = run("new", "--person", "Ana/María Pérez", "--vault", str(vault), *TODAY)
    assert result.exit_code == 0
    assert (vault / "people/Ana María Pérez.md").is_file()
    assert ("A note name cannot hold /, so the note is people/Ana María Pérez.md: link to "
            "this person as [[Ana María Pérez]].") in result.output
    plain = run("new", "--person", "Jane Doe", "--vault", str(vault), *TODAY)
    assert "link to this person" not in plain.output


def test_a_person_name_without_letters_is_refused(vault: Path) -> None:
    result = run("new", "--person", "../..", "--vault", str(vault), *TODAY)
    assert result.exit_code == 2 and "needs a name" in result.output
    marks = run("new", "--person", "!?!", "--vault", str(vault), *TODAY)
    assert marks.exit_code == 2 and "has no letter or digit" in marks.output
    assert not any((vault / "people").iterdir())


# --- 15. help ---------------------------------------------------------------------------------

def test_new_help_lists_every_status() -> None:
    result = run("new", "--help")
    text = " ".join(result.output.split())
    assert ("wishlist, applied, screening, interviewing, offer, accepted, declined, "
            "rejected, withdrawn, ghosted") in text
    assert "--again" in text


def test_top_level_help_gives_whole_summaries_and_the_first_day() -> None:
    result = run("--help")
    lines = {line.split()[0]: line for line in result.output.splitlines()
             if line.startswith("  ") and line.split()}
    for command in ("new", "export", "schema"):
        assert not lines[command].endswith("..."), lines[command]
    assert "jobnotes init my-search && cd my-search" in result.output
    assert "jobnotes serve" in result.output
