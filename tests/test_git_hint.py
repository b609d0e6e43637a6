"""`build` in a vault kept in git: a tip when the site would be versioned with the notes;
the vault itself is never touched."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import hash_tree

from jobnotes.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
APP = "---\ncompany: Acme\nrole: Analyst\nstatus: wishlist\n---\n"


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


def build(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["build", str(root), "--today", "2026-11-27", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_site_git_would_version_gets_a_tip(vault):
    root = vault({"jobnotes.toml": "", "applications/acme.md": APP})
    _git(root, "init", "-q")
    before = hash_tree(root)
    output = build(root)
    assert (f"Tip: git would version the site in _site/ too; add the line /_site/ to "
            f"{root.resolve() / '.gitignore'}") in output
    assert {k: v for k, v in hash_tree(root).items() if not k.startswith("_site/")} == before


def test_no_tip_once_ignored_or_outside_git(vault, tmp_path: Path):
    root = vault({"jobnotes.toml": "", "applications/acme.md": APP, ".gitignore": "_site/\n"})
    _git(root, "init", "-q")
    assert "Tip:" not in build(root)
    assert "Tip:" not in build(root, "-o", str(tmp_path / "elsewhere"))
    shutil.rmtree(root / ".git")                   # the same vault, not kept in git
    (root / ".gitignore").unlink()
    assert "Tip:" not in build(root)
