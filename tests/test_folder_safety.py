"""Folder settings and output folders that would hide notes or harm other tools' files
are refused with a clear message; the notes stay where they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import hash_tree

from jobnotes.cli import main

DAY = "2026-11-27"
APP = """\
    ---
    company: Acme
    role: Data Analyst
    status: applied
    applied: 2026-11-02
    channel: referral
    ---
    """


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--today", DAY])


@pytest.mark.parametrize("folder", [".git", ".obsidian/notes", "jobs/.trash"])
def test_a_hidden_notes_folder_is_refused_and_the_notes_still_read(vault, folder):
    root = vault({"jobnotes.toml": f'[folders]\napplications = "{folder}"\n',
                  "applications/acme.md": APP})
    result = run("check", str(root))
    assert "folders.applications must not be" in result.output
    assert "1 note checked" in result.output
    created = run("new", "Zed", "Analyst", "--vault", str(root))
    assert created.exit_code == 0, created.output
    assert (root / "applications" / "zed-analyst.md").is_file()
    assert not (root / ".git").exists()


@pytest.mark.parametrize("notes", ["applications", "people"])
def test_templates_in_a_notes_folder_are_refused(vault, notes):
    root = vault({"jobnotes.toml": f'[folders]\ntemplates = "{notes}"\n',
                  "applications/acme.md": APP})
    result = run("check", str(root))
    assert f'folders.templates "{notes}" overlaps folders.{notes} "{notes}"' in result.output
    assert "1 note checked" in result.output


@pytest.mark.parametrize("inside", [".git/refs/tags", ".git/site", ".hg/x"])
def test_no_site_inside_a_repository_folder(vault, inside):
    root = vault({"jobnotes.toml": "", "applications/acme.md": APP,
                  ".git/HEAD": "ref: refs/heads/main\n", ".git/refs/tags/.keep": ""})
    before = hash_tree(root)
    result = run("build", str(root), "-o", str(root / inside), "--force")
    assert result.exit_code != 0
    assert "is inside a version-control folder" in result.output
    assert hash_tree(root) == before


def test_no_site_inside_another_repository_either(vault, tmp_path: Path):
    root = vault({"jobnotes.toml": "", "applications/acme.md": APP})
    (tmp_path / "other" / ".git").mkdir(parents=True)
    result = run("build", str(root), "-o", str(tmp_path / "other" / ".git" / "site"))
    assert result.exit_code != 0 and "version-control folder (.git/)" in result.output
    assert list((tmp_path / "other" / ".git").iterdir()) == []


def test_force_never_moves_a_folder_of_notes_aside(vault):
    root = vault({"jobnotes.toml": "", "applications/acme.md": APP,
                  "Journal/2026/day1.md": "Dear diary.\n"})
    before = hash_tree(root)
    result = run("build", str(root), "-o", str(root / "Journal"), "--force")
    assert result.exit_code != 0
    assert "holds notes (2026/day1.md)" in result.output
    assert "jobnotes never moves your notes" in result.output
    assert hash_tree(root) == before


def test_force_still_moves_aside_a_folder_without_notes(vault, tmp_path: Path):
    root = vault({"jobnotes.toml": "", "applications/acme.md": APP})
    old = tmp_path / "old-site"
    (old / "css").mkdir(parents=True)
    (old / "index.html").write_text("<p>another tool's site</p>", encoding="utf-8")
    result = run("build", str(root), "-o", str(old), "--force")
    assert result.exit_code == 0, result.output
    assert (old / "index.html").read_text(encoding="utf-8") != "<p>another tool's site</p>"
    assert "moved" in result.output


def test_a_link_loop_is_called_a_loop_not_a_missing_file(vault):
    root = vault({"jobnotes.toml": "", "applications/acme.md": APP})
    (root / "applications" / "loopa.md").symlink_to("loopb.md")
    (root / "applications" / "loopb.md").symlink_to("loopa.md")
    (root / "applications" / "gone.md").symlink_to("nowhere.md")
    output = run("check", str(root)).output
    assert ("applications/loopa.md is a link that leads back to itself (through loopb.md), "
            "so it was not read") in output
    assert "applications/gone.md is a broken link (it points to nowhere.md" in output
    assert "1 note checked" in output


def test_hidden_template_folders_are_fine_but_not_inside_git(vault):
    root = vault({"jobnotes.toml": '[folders]\ntemplates = ".templates"\n'
                                   'site_templates = ".git/site"\n',
                  "applications/acme.md": APP})
    output = run("check", str(root)).output
    assert "folders.templates" not in output
    assert 'folders.site_templates must not be inside .git (it belongs to another tool)' in output
