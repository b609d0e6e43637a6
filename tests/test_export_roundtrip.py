"""Export then import: what keeps reminders quiet survives the round trip (follow-ups
already sent, "no one to ask" for feedback)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from test_schema_export import validate

from jobnotes.cli import main
from jobnotes.interop.export_json import export_schema

DAY = "2026-11-27"
NOTE = """\
    ---
    company: Nordvik Games
    role: Player Insights Analyst
    status: rejected
    applied: 2026-10-01
    followed_up: [2026-10-09, 2026-10-16]
    rejected: 2026-11-02
    feedback_requested: none
    channel: job-board
    ---
    """


def run(*args: str, today: bool = True) -> str:
    result = CliRunner().invoke(main, [*args, *(["--today", DAY] if today else [])])
    assert result.exit_code == 0, result.output
    return result.output


def test_csv_keeps_follow_ups_and_no_one_to_ask_and_import_reads_them(vault, tmp_path: Path):
    root = vault({"jobnotes.toml": "", "applications/nordvik.md": NOTE})
    sheet = tmp_path / "out.csv"
    run("export", "csv", str(root), "-o", str(sheet))
    [row] = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    assert row["followed_up"] == "2026-10-09; 2026-10-16"
    assert row["feedback_requested"] == "none"
    fresh = tmp_path / "fresh"
    run("init", str(fresh), today=False)
    run("import", str(sheet), "--vault", str(fresh), "--write")
    [note] = (fresh / "applications").glob("*.md")
    text = note.read_text(encoding="utf-8")
    assert "feedback_requested: none" in text
    assert "followed_up:\n  - 2026-10-09\n  - 2026-10-16" in text
    assert "Ask Nordvik Games for feedback" not in run("today", str(fresh))
    assert run("check", str(fresh)).count("error") == 0


def test_json_has_follow_ups_and_no_one_to_ask(vault):
    root = vault({"jobnotes.toml": "", "applications/nordvik.md": NOTE})
    document = json.loads(run("export", "json", str(root)))
    [app] = document["applications"]
    assert app["followed_up"] == ["2026-10-09", "2026-10-16"]
    assert app["feedback_not_possible"] is True and app["feedback_requested"] is None
    assert validate(document, export_schema()) == []


def test_the_csv_columns_before_keep_their_places(vault, tmp_path: Path):
    root = vault({"jobnotes.toml": "", "applications/nordvik.md": NOTE})
    header = run("export", "csv", str(root)).splitlines()[0].split(",")
    assert header[-2:] == ["note_file", "followed_up"]


def test_the_report_shows_no_date_the_notes_do_not_record():
    from conftest import EXAMPLE_VAULT

    report = run("export", "report", str(EXAMPLE_VAULT))
    row = report[report.index("Ember &amp; Alder"):]
    row = row[:row.index("</tr>")]
    # applied 11 Sep, no answer since: no date for the silence (11 Oct is only when the
    # dashboard began to suggest marking it ghosted)
    assert '<td class="outcome">No response</td>' in row and "2026-10-11" not in row
