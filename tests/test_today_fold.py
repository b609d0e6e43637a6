"""`jobnotes today` on a vault with many items due: a terminal shows the first of each long
group and how many more there are; --all, a pipe and JSON list every one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli_today import FOLD_FROM, TERMINAL_SHOWN, today
from tests.conftest import EXAMPLE_VAULT

DAY = "2026-11-27"


def many_overdue(vault, count: int) -> Path:
    """``count`` applications sent in September with no news since: each overdue."""
    notes = {}
    for n in range(1, count + 1):
        notes[f"applications/firm-{n:02d}.md"] = f"""\
            ---
            company: Firm {n:02d}
            role: Analyst
            status: applied
            applied: 2026-09-{n % 28 + 1:02d}
            channel: referral
            ---
            """
    return vault(notes)


def on_terminal(monkeypatch, *args: str) -> str:
    monkeypatch.setattr("jobnotes.cli_today._is_terminal", lambda: True)
    result = CliRunner().invoke(today, [*args, "--today", DAY],
                                env={"COLUMNS": "200", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.output
    return result.output


def bullets(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("• ")]


def test_a_long_group_shows_its_first_items_and_how_many_more(monkeypatch, vault):
    root = many_overdue(vault, 40)
    text = on_terminal(monkeypatch, str(root))
    assert text.startswith("40 overdue\n")               # the count of them all comes first
    assert len(bullets(text)) == TERMINAL_SHOWN
    assert f"… and {40 - TERMINAL_SHOWN} more overdue: jobnotes today --all lists every one." \
        in text


def test_all_lists_every_item_on_a_terminal(monkeypatch, vault):
    root = many_overdue(vault, 40)
    folded = bullets(on_terminal(monkeypatch, str(root)))
    every = on_terminal(monkeypatch, str(root), "--all")
    assert len(bullets(every)) == 40
    assert "more overdue" not in every
    assert bullets(every)[:TERMINAL_SHOWN] == folded      # the same order, the most pressing first


def test_piped_and_json_output_list_every_item(vault):
    root = many_overdue(vault, 40)
    piped = CliRunner().invoke(today, [str(root), "--today", DAY]).output
    assert len(bullets(piped)) == 40 and "more overdue" not in piped
    data = json.loads(CliRunner().invoke(today, [str(root), "--today", DAY,
                                                 "--format", "json"]).output)
    assert len(data["overdue"]) == 40


@pytest.mark.parametrize("count", [FOLD_FROM, 3])
def test_a_group_of_ordinary_length_is_never_folded(monkeypatch, vault, count):
    text = on_terminal(monkeypatch, str(many_overdue(vault, count)))
    assert len(bullets(text)) == count
    assert "--all" not in text


def test_the_example_vault_shows_every_item_on_a_terminal(monkeypatch):
    piped = CliRunner().invoke(today, [str(EXAMPLE_VAULT), "--today", DAY]).output
    assert len(bullets(on_terminal(monkeypatch, str(EXAMPLE_VAULT)))) == len(bullets(piped))


def test_help_names_the_option():
    text = CliRunner().invoke(today, ["--help"]).output
    assert "--all" in text and "folded" in text
