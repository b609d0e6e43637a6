"""`jobnotes new` outside a vault is refused as `today` refuses it, and writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main

TODAY = ["--today", "2026-11-27"]


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def not_a_vault(folder: Path, usage: str) -> str:
    return (f"Error: {folder}: there is no applications/ folder, no people/ folder and no "
            "jobnotes.toml here, so this does not look like a jobnotes vault. Run jobnotes "
            f"from the vault's folder or give its path ({usage}); to start a new vault "
            "here, run jobnotes init.\n")


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "empty"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder.resolve()


def test_new_in_an_empty_folder_is_refused_like_today(empty: Path) -> None:
    today = run("today", *TODAY)
    result = run("new", "Foo", "Bar", *TODAY)
    assert (today.exit_code, result.exit_code) == (2, 2)
    assert result.output == not_a_vault(empty, "jobnotes new COMPANY ROLE --vault PATH")
    assert today.output == not_a_vault(empty, "jobnotes today PATH")
    assert list(empty.iterdir()) == []


def test_new_person_in_an_empty_folder_is_refused(empty: Path) -> None:
    result = run("new", "--person", "Jane Doe", *TODAY)
    assert result.exit_code == 2
    assert result.output == not_a_vault(empty, "jobnotes new --person NAME --vault PATH")
    assert list(empty.iterdir()) == []


def test_new_with_vault_naming_an_empty_folder_is_refused(empty: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    result = run("new", "Foo", "Bar", "--vault", str(other), *TODAY)
    assert result.exit_code == 2
    assert "this does not look like a jobnotes vault" in result.output
    assert list(other.iterdir()) == []


def test_new_after_init_creates_the_note(empty: Path) -> None:
    assert run("init", ".").exit_code == 0
    result = run("new", "Foo", "Bar", *TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"created  {empty / 'applications' / 'foo-bar.md'}\n")


def test_a_folder_of_notes_without_settings_is_still_a_vault(empty: Path) -> None:
    (empty / "people").mkdir()
    result = run("new", "Foo", "Bar", *TODAY)
    assert result.exit_code == 0, result.output
    assert (empty / "applications" / "foo-bar.md").is_file()
