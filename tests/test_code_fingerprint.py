"""What keys every cache to jobnotes' own code: any change to a file of it gives a new
key, whether the file changed a moment ago (its contents tell) or long ago (its stamp
tells, without reading it)."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from jobnotes import cache
from jobnotes.cli import main
from tests.conftest import APPLIED_NOTE, write_vault


@pytest.fixture
def code(tmp_path):
    folder = tmp_path / "code"
    (folder / "site").mkdir(parents=True)
    (folder / "a.py").write_text("A = 1\n")
    (folder / "site" / "page.html").write_text("<p>{{ x }}</p>\n")
    return folder


def later(monkeypatch, seconds: float = 60) -> None:
    """Pretend the files were last written ``seconds`` ago: their stamps now tell."""
    now = time.time_ns()
    monkeypatch.setattr(cache.time, "time_ns", lambda: now + int(seconds * 1e9))


def test_a_file_just_changed_is_told_by_its_contents(code):
    first = cache.folder_digest(code)
    (code / "a.py").write_text("A = 2\n")                       # same size, other contents
    assert cache.folder_digest(code) != first
    (code / "a.py").write_text("A = 1\n")
    assert cache.folder_digest(code) == first                   # the contents are all that count


def test_a_settled_file_is_told_by_its_stamp(code, monkeypatch):
    later(monkeypatch)
    settled = cache.folder_digest(code)
    assert cache.folder_digest(code) == settled                 # stable while nothing changes
    (code / "site" / "page.html").write_text("<p>{{ y }}</p>\n")
    later(monkeypatch)
    assert cache.folder_digest(code) != settled
    changed = cache.folder_digest(code)
    (code / "b.py").write_text("")
    assert cache.folder_digest(code) != changed                 # a new file too
    (code / "b.py").unlink()
    (code / "a.py").rename(code / "c.py")
    assert cache.folder_digest(code) != changed                 # and a renamed one


SKILLS_TWICE = '[skills]\nhave = ["SQL", "dbt"]\nlearning = ["dbt"]\n'


@pytest.mark.parametrize("cached", [True, False], ids=["cache", "no-cache"])
def test_a_rebuild_still_tells_of_a_skill_listed_twice(tmp_path, cached):
    root = write_vault(tmp_path / "vault", {"jobnotes.toml": SKILLS_TWICE,
                                            "applications/acme.md": APPLIED_NOTE})
    args = ["build", str(root), "--today", "2026-11-27", *([] if cached else ["--no-cache"])]
    for _ in range(2):                                          # the second: nothing changed
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
        assert "1 warning" in result.output, result.output
    check = CliRunner().invoke(main, ["check", str(root), "--today", "2026-11-27"])
    assert "dbt is listed both as yours and as learning" in check.output
