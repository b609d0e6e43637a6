"""The application templates offer ``followed_up``: `jobnotes new` writes it empty, `jobnotes
check` finds nothing to say about it, and a date written there restarts the follow-up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from tests.conftest import EXAMPLE_VAULT
from tests.test_followups_ghosted import agenda


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def new_note(root: Path) -> Path:
    run("new", "Acme", "Data Analyst", "--channel", "job-board", "--vault", str(root),
        "--today", "2026-11-02")
    return root / "applications/acme-data-analyst.md"


@pytest.fixture(params=["built-in", "example vault"])
def root(request, tmp_path: Path) -> Path:
    """A vault from `jobnotes init`, with the built-in template or the example vault's."""
    root = tmp_path / "vault"
    run("init", str(root))
    if request.param == "example vault":
        shutil.copy(EXAMPLE_VAULT / "templates/application.md",
                    root / "templates/application.md")
    return root


def test_a_new_note_offers_followed_up_among_the_dates(root: Path):
    lines = new_note(root).read_text(encoding="utf-8").splitlines()
    assert "followed_up: []" in lines
    # With the other dates, after the feedback ones, in the order `jobnotes schema` lists.
    assert lines.index("followed_up: []") == lines.index("feedback_received:") + 1


def test_a_new_note_checks_clean(root: Path):
    new_note(root)
    output = run("check", str(root), "--today", "2026-11-02")
    assert output.splitlines()[-1] == "1 note checked: no problems found."


def test_a_date_written_into_the_new_note_restarts_the_follow_up(root: Path):
    path = new_note(root)
    text = path.read_text(encoding="utf-8")
    if "status: wishlist" in text:                     # the example vault's template
        text = text.replace("status: wishlist", "status: applied").replace(
            "applied:\n", "applied: 2026-11-02\n", 1)
    path.write_text(text.replace("followed_up: []", "followed_up: [2026-11-10]"),
                    encoding="utf-8")
    assert run("check", str(root), "--today", "2026-11-17").splitlines()[-1] == (
        "1 note checked: no problems found.")
    # The day before, it is coming: a week after the follow-up, not after applying.
    assert "• Follow up on Acme — Data Analyst — due tomorrow. 7 days after you last wrote " \
           "to them on Tuesday 10 November, if no news comes first." in agenda(root, "2026-11-16")
    assert "• Follow up on Acme — Data Analyst — No news for 15 days since applying on " \
           "Monday 2 November; you last wrote to them on Tuesday 10 November." in agenda(
               root, "2026-11-17")
