"""`jobnotes import`: what the preview and the summary after --write say, once each."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_import_plan import run


@pytest.fixture
def root(vault) -> Path:
    return vault({"jobnotes.toml": "", "applications/.keep": "",
                  "people/Jane Doe.md": "---\ncompany: Acme\n---\n"})


NO_SOURCE = ("Company,Role,Date applied\n"
             "Acme,Analyst,2026-11-02\n"
             "Birch,Engineer,2026-11-03\n"
             "Cobalt,Designer,\n")


def test_no_source_column_is_said_once_in_the_header(root: Path, tmp_path: Path) -> None:
    result = run(root, tmp_path, NO_SOURCE, "--write")
    out = result.output
    assert ("No source column: every application sent gets channel: other — set each note's "
            "channel for the channel figures.") in out.splitlines()
    assert "no source given" not in out
    assert out.index("No source column") < out.index("Created 3 notes")
    note = (root / "applications/acme-analyst.md").read_text(encoding="utf-8")
    assert "channel: other" in note and "no source given" not in note


def test_an_empty_source_cell_is_still_said_on_its_row(root: Path, tmp_path: Path) -> None:
    text = "Company,Role,Date applied,Source\nAcme,Analyst,2026-11-02,\n"
    result = run(root, tmp_path, text)
    assert "  line 2: no source given; channel set to other" in result.output.splitlines()
    assert "No source column" not in result.output


def test_wishlist_only_files_say_nothing_about_channels(root: Path, tmp_path: Path) -> None:
    result = run(root, tmp_path, "Company,Role\nAcme,Analyst\n")
    assert "No source column" not in result.output and "channel set" not in result.output


def test_contacts_without_a_person_note_are_named_once(root: Path, tmp_path: Path) -> None:
    text = ("Company,Role,Date applied,Source,Contacts\n"
            "Acme,Analyst,2026-11-02,Indeed,Jane Doe; Tom Lee\n"
            "Birch,Engineer,2026-11-03,Indeed,Tom Lee; Ann Ray\n")
    result = run(root, tmp_path, text)
    said = [line for line in result.output.splitlines() if "Contacts with no note" in line]
    assert said == [
        "Contacts with no note in people/: Tom Lee, Ann Ray. jobnotes check warns "
        "contact-unknown until each has one; make one with jobnotes new --person \"NAME\" "
        "(e.g. jobnotes new --person \"Tom Lee\")."]


def test_contacts_that_all_have_notes_say_nothing(root: Path, tmp_path: Path) -> None:
    text = "Company,Role,Date applied,Source,Contacts\nAcme,Analyst,2026-11-02,Indeed,jane doe\n"
    assert "Contacts with no note" not in run(root, tmp_path, text).output


def test_the_summary_after_write_says_what_was_created_once(root: Path, tmp_path: Path) -> None:
    text = "Company,Role,Date applied,Source\nAcme,Analyst,2026-11-02,Indeed\n"
    first = run(root, tmp_path, text, "--write")
    assert [line for line in first.output.splitlines() if line.startswith("Created")] == [
        "Created 1 note in applications/:"]
    assert first.output.rstrip().endswith("Run `jobnotes check` to see them validated.")
    again = run(root, tmp_path, text, "--write")
    assert [line for line in again.output.splitlines() if line.startswith("Created")] == [
        "Created no notes in applications/."]
    assert "Created 0" not in again.output and "jobnotes check` to see" not in again.output


def test_the_preview_writes_nothing_and_says_how_to(root: Path, tmp_path: Path) -> None:
    result = run(root, tmp_path, NO_SOURCE)
    assert "Would create 3 notes in applications/:" in result.output
    assert result.output.rstrip().endswith(
        "Nothing was written. Run again with --write to create these notes.")
    assert not (root / "applications/acme-analyst.md").exists()
