"""`jobnotes check` as a git pre-commit hook, and its annotations for CI."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, write_vault

HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
TODAY = "2026-03-21"

GOOD = """\
    ---
    company: Acme
    role: Data Analyst
    status: applied
    channel: referral
    applied: 2026-03-02
    ---
    """
BAD = GOOD.replace("status: applied", "status: aplied")


def test_hooks_file_runs_check_once_per_commit() -> None:
    by_id = {hook["id"]: hook for hook in HOOKS}
    assert {"jobnotes-check", "jobnotes-check-strict"} <= set(by_id)
    for hook in by_id.values():
        assert shlex.split(hook["entry"])[:2] == ["jobnotes", "check"]
        assert hook["pass_filenames"] is False       # the check needs the whole vault
        assert hook["language"] == "python"
        files = re.compile(hook["files"])
        assert files.search("applications/acme.md") and files.search("jobnotes.toml")
        assert not files.search("photo.png")
    assert "--strict" in by_id["jobnotes-check-strict"]["entry"]


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(repo.parent), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_WORK_TREE", None)
    return subprocess.run(["git", "-c", "core.hooksPath=.git/hooks", *args], cwd=repo,
                          env=env, capture_output=True, text=True, check=check, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    write_vault(root, {"search/jobnotes.toml": "", "search/applications/acme.md": GOOD})
    git(root, "init", "-q")
    # The hook pre-commit would install: the hooks file's entry, run from the repository
    # root, on the vault folder (`args: [search]` in .pre-commit-config.yaml).
    entry = shlex.split(HOOKS[0]["entry"])
    command = [sys.executable, "-m", "jobnotes", *entry[1:], "search", "--today", TODAY]
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexec " + shlex.join(command) + "\n")
    hook.chmod(0o755)
    return root


def test_a_bad_note_blocks_the_commit_and_a_fixed_one_passes(repo: Path) -> None:
    git(repo, "add", ".")
    assert git(repo, "commit", "-q", "-m", "first").returncode == 0

    note = repo / "search" / "applications" / "acme.md"
    note.write_text(BAD.replace("    ", ""), encoding="utf-8")
    git(repo, "add", ".")
    blocked = git(repo, "commit", "-q", "-m", "typo", check=False)
    assert blocked.returncode != 0
    shown = blocked.stdout + blocked.stderr            # git shows a hook's output on stderr
    assert "applications/acme.md:4" in shown and "aplied" in shown
    assert git(repo, "log", "--oneline").stdout.count("\n") == 1

    note.write_text(GOOD.replace("    ", ""), encoding="utf-8")
    (repo / "search" / "applications" / "birch.md").write_text(
        GOOD.replace("    ", "").replace("Acme", "Birch"), encoding="utf-8")
    git(repo, "add", ".")
    assert git(repo, "commit", "-q", "-m", "fixed").returncode == 0
    assert git(repo, "log", "--oneline").stdout.count("\n") == 2


def test_github_annotations_name_the_file_from_the_repository_root(repo: Path) -> None:
    (repo / "search" / "applications" / "acme.md").write_text(BAD.replace("    ", ""),
                                                                encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "jobnotes", "check", "search", "--format", "github",
         "--today", TODAY], cwd=repo, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert re.search(r"^::error file=search/applications/acme\.md,line=4,col=\d+,"
                     r"title=enum::", result.stdout, re.M), result.stdout
