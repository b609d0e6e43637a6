"""`jobnotes today`: the agenda in the terminal, grouped, plain when piped, JSON for tools."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli_today import today
from tests.conftest import EXAMPLE_VAULT
from tests.test_dashboard import NOTES


@pytest.fixture
def small(vault) -> Path:
    return vault(NOTES)


def run(*args: str):
    return CliRunner().invoke(today, [str(a) for a in args])


def test_text_groups_overdue_today_and_this_week(small: Path):
    result = run(small, "--today", "2024-03-14")
    assert result.exit_code == 0, result.output
    blocks = result.output.split("\n\n")
    assert blocks[0].startswith("Cooling-off after Acme — Data Analyst through Thursday 14 March.")
    assert "\n  Journal: " in blocks[0]
    assert [b.splitlines()[0] for b in blocks[1:]] == ["Overdue", "Today", "This week"]
    assert blocks[1].splitlines()[1:] == [
        line for line in blocks[1].splitlines()[1:] if line.startswith("• ")]
    assert "• Thank Jane Doe — " in blocks[1] and "(people/Jane Doe.md)" in blocks[1]
    assert "• Send the portfolio — " in blocks[2]
    assert blocks[3].index("Ask Acme for feedback") < blocks[3].index("Interview with Initech")


def test_plain_text_when_piped(small: Path):
    result = run(small, "--today", "2024-03-14")
    assert "\x1b[" not in result.output


def test_nothing_due(vault):
    root = vault({"jobnotes.toml": ""})
    (root / "applications").mkdir()
    (root / "people").mkdir()
    result = run(root, "--today", "2024-03-14")
    assert result.exit_code == 0
    assert result.output == "Nothing due in the next 7 days.\n"


def test_json_shape(small: Path):
    result = run(small, "--today", "2024-03-15", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"today", "cooling_off", "overdue", "due_today", "this_week", "later",
                         "notes"}
    assert data["today"] == "2024-03-15" and data["cooling_off"] is None
    assert [r["title"] for r in data["due_today"]] == [
        "Ask Acme for feedback", "Write the post-mortem for Acme — Data Analyst"]
    item = data["due_today"][0]
    assert set(item) == {"kind", "due", "title", "detail", "rel", "slug", "subject", "urgency",
                         "until"}
    assert (item["kind"], item["due"], item["rel"], item["slug"]) == (
        "feedback-request", "2024-03-15", "applications/acme-analyst.md", "acme-analyst")


def test_json_cooling_off(small: Path):
    data = json.loads(run(small, "--today", "2024-03-13", "--format", "json").output)
    assert data["cooling_off"]["subject"] == "Acme — Data Analyst"
    assert (data["cooling_off"]["last_day"], data["cooling_off"]["ends"]) == (
        "2024-03-14", "2024-03-15")


def test_the_post_mortem_is_listed_once_the_cooling_off_is_over(small: Path):
    def listed(day: str) -> list[str]:
        data = json.loads(run(small, "--today", day, "--format", "json").output)
        return [r["kind"] for group in ("overdue", "due_today", "this_week", "later")
                for r in data[group]]

    # Rejected on 13 March: the cooling-off covers the 13th and the 14th.
    assert "post-mortem" not in listed("2024-03-13") + listed("2024-03-14")
    assert "post-mortem" in listed("2024-03-15")
    text = run(small, "--today", "2024-03-14").output
    assert "The post-mortem can wait until Friday 15 March." in text.split("\n\n")[0]


def test_example_vault_matches_the_dashboard_agenda():
    # In the same order too: overdue items the most pressing first, then the most recent.
    from tests.test_dashboard import example_agenda, items

    result = run(EXAMPLE_VAULT, "--today", "2026-11-27")
    assert result.exit_code == 0
    bullets = [line for line in result.output.splitlines() if line.startswith("• ")]
    plan = example_agenda("2026-11-27")
    wanted = items(plan["overdue"]) + items(plan["due_today"]) + items(plan["this_week"])
    assert len(wanted) == 23
    assert len(bullets) == len(wanted) + 2          # and the two gentle notes
    for line, (_, _, title, rel) in zip(bullets, wanted, strict=False):
        assert line.startswith(f"• {title} — ") and line.endswith(f"({rel})"), line


def test_errors_in_notes_are_mentioned_on_stderr(vault):
    root = vault({"applications/bad.md": "---\ncompany: X\n---\n"})
    result = CliRunner().invoke(today, [str(root), "--today", "2024-03-14"])
    assert result.exit_code == 0
    assert "error" in result.stderr and "jobnotes check" in result.stderr
    assert "error" not in result.stdout


def test_bad_date_is_a_clear_usage_error(small: Path):
    result = run(small, "--today", "2024-02-30")
    assert result.exit_code == 2
    assert "is not a date written YYYY-MM-DD" in result.output
