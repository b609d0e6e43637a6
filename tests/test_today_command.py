"""`jobnotes today`: the agenda in the terminal, grouped, plain when piped, JSON for tools."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
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
    assert [b.splitlines()[0] for b in blocks[1:]] == ["Overdue", "Today", "Next 7 days"]
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
    assert len(wanted) == 28
    assert len(bullets) == len(wanted) + 1          # and the gentle note
    for line, (_, _, title, rel) in zip(bullets, wanted, strict=False):
        assert line.startswith(f"• {title} — ") and line.endswith(f"({rel})"), line


def test_errors_in_notes_are_mentioned_on_stderr(vault):
    root = vault({"applications/bad.md": "---\ncompany: X\n---\n"})
    result = CliRunner().invoke(today, [str(root), "--today", "2024-03-14"])
    assert result.exit_code == 0
    assert "error" in result.stderr and "jobnotes check" in result.stderr
    assert "error" not in result.stdout


@pytest.mark.parametrize(("day", "said"), [
    ("2024-02-30", "2024-02-30 is not a real date (February 2024 has 29 days); the last day "
                   "of February 2024 is 2024-02-29."),
    ("2026-02-29", "2026-02-29 is not a real date (February 2026 has 28 days)"),
    ("2026-13-01", "2026-13-01 is not a real date (there is no month 13); months go from 01 "
                   "to 12"),
    ("05/03/2026", "'05/03/2026' is not a date written YYYY-MM-DD; write it as YYYY-MM-DD: "
                   "2026-03-05 or 2026-05-03, whichever you mean."),
    ("soon", "'soon' is not a date written YYYY-MM-DD; write it as YYYY-MM-DD, for example"),
    ("0000-01-01", "0000-01-01 is not a plausible date: jobnotes works with dates from "
                   "1900-01-01 to 2199-12-31."),
])
def test_bad_date_says_what_is_wrong_as_check_does(small: Path, day: str, said: str):
    result = run(small, "--today", day)
    assert result.exit_code == 2
    assert said in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_a_folder_that_is_not_a_vault_is_said_so(tmp_path: Path, monkeypatch):
    empty = tmp_path / "Downloads"
    empty.mkdir()
    for args in ([str(empty)], []):
        monkeypatch.chdir(empty)
        result = CliRunner().invoke(main, ["today", *args, "--today", "2024-03-14"])
        assert result.exit_code == 2, result.output
        assert "does not look like a jobnotes vault" in result.output
        assert "jobnotes today PATH" in result.output and "jobnotes init" in result.output
        assert "Nothing due" not in result.output
    # In check's words.
    said = "there is no applications/ folder, no people/ folder and no jobnotes.toml here"
    assert said in result.output
    assert said in CliRunner().invoke(main, ["check", str(empty)]).output


def test_a_vault_is_found_without_settings_and_from_a_folder_inside_it(small: Path,
                                                                       monkeypatch, vault):
    monkeypatch.chdir(small / "applications")       # jobnotes.toml is in the parent
    assert "Overdue" in run("--today", "2024-03-14").output
    bare = vault({"applications/globex.md": NOTES["applications/globex-backend.md"]})
    (bare / "jobnotes.toml").unlink(missing_ok=True)
    result = run(bare, "--today", "2024-03-14")
    assert result.exit_code == 0 and "does not look like" not in result.output


# --- when items are due ------------------------------------------------------------------

def test_items_say_how_late_or_when_as_the_dashboard_does(monkeypatch):
    lines = run(EXAMPLE_VAULT, "--today", "2026-11-27").output.splitlines()
    assert "• Thank Beatrice Lund — due 10 days ago. A short thank-you note " in "\n".join(lines)
    assert any(line.startswith("• Check in with Mattias Krona — due 3 months ago. ")
               for line in lines)
    assert any(line.startswith("• Message Mattias about the Gannet role (should have done it "
                               "first) — due tomorrow. ") for line in lines)
    assert any(line.startswith("• Interview with Orrery Labs — in 4 days. Round 3 ")
               for line in lines)
    today = lines[lines.index("Today") + 1:lines.index("Next 7 days")]
    assert today[:-1] and not any(" — due " in line for line in today)
    # The dashboard's own wording, not a copy of it.
    from jobnotes import cli_today
    from jobnotes.site.render import FILTERS

    assert cli_today.ago is FILTERS["ago"]
    monkeypatch.setattr(cli_today, "ago", lambda due, today: f"on {due:%d %b}")
    text = run(EXAMPLE_VAULT, "--today", "2026-11-27").output
    assert "• Thank Beatrice Lund — due on 17 Nov. " in text


def test_today_starts_without_the_site_machinery(tmp_path):
    """The morning command reads the notes and the agenda only: no templates or page
    rendering are loaded (they cost a noticeable part of a second on every start)."""
    import subprocess
    import sys

    code = ("import sys; from jobnotes.cli import main; "
            f"main(['today', {str(EXAMPLE_VAULT)!r}, '--today', '2026-11-27'], "
            "standalone_mode=False); "
            "print('LOADED', sorted(m for m in ('jinja2', 'jobnotes.site.render', "
            "'jobnotes.site.pages') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"JOBNOTES_CACHE": "off", "PATH": "/usr/bin:/bin"},
                          check=True)
    assert "Overdue" in done.stdout
    assert "LOADED []" in done.stdout


# --- on a terminal -----------------------------------------------------------------------

def on_terminal(monkeypatch, *args: str, columns: int = 80, color: bool = False, **env: str):
    monkeypatch.setattr("jobnotes.cli_today._is_terminal", lambda: True)
    env = {"COLUMNS": str(columns), "LINES": "50", "NO_COLOR": None, "TERM": "xterm",
           **env}
    return CliRunner().invoke(today, list(args), env=env, color=color)


def bullets(text: str) -> list[list[str]]:
    """The lines of each bullet: its own, then its continuation lines."""
    found: list[list[str]] = []
    for block in text.split("\n\n"):
        for line in block.splitlines():
            if line.startswith("• "):
                found.append([line])
            elif found and line.startswith("  ") and block.lstrip().startswith(
                    ("Overdue", "Today", "Next 7 days", "Worth knowing")):
                found[-1].append(line)
    return found


def items(text: str) -> list[str]:
    """Each bullet with its continuation lines joined, as the piped output has it (a word
    broken across lines, a path too long for one, joined back without a space)."""
    return [_joined(lines) for lines in bullets(text)]


def _joined(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        piece = line[2:]
        broken = re.search(r"[/-]$", text) and not re.match(r"[(—]", piece)
        text += ("" if broken else " ") + piece
    return text


@pytest.mark.parametrize("columns", [80, 120, 60, 44])
def test_on_a_terminal_items_are_wrapped_under_their_bullet(monkeypatch, columns: int):
    from jobnotes.terminal_text import width

    piped = run(EXAMPLE_VAULT, "--today", "2026-11-27").output
    shown = on_terminal(monkeypatch, str(EXAMPLE_VAULT), "--today", "2026-11-27",
                        columns=columns).output
    assert all(width(line) <= columns for line in shown.splitlines())
    # Nothing lost: joining the lines gives the piped text back.
    assert items(shown) == [line for line in piped.splitlines() if line.startswith("• ")]
    assert len(shown.splitlines()) > len(piped.splitlines())
    assert "\n  (people/Beatrice Lund.md)" in shown or " (people/Beatrice Lund.md)\n" in shown


def test_at_60_columns_a_long_path_is_broken_under_the_bullet(monkeypatch):
    # It used to run past the edge: the terminal put "d)" at column 0.
    from jobnotes.terminal_text import width

    shown = on_terminal(monkeypatch, str(EXAMPLE_VAULT), "--today", "2026-11-27",
                        columns=60).output
    assert ("\n  (applications/lark-and-lantern-junior-analytics-\n  engineer.md)\n"
            in shown)
    assert "\n  (applications/halvard-and-co-analytics-engineer-\n  contract.md)\n" in shown
    headings = {"5 overdue, 6 today, 17 in the next 7 days", "Overdue", "Today",
                "Next 7 days", "Worth knowing"}
    for line in shown.splitlines():
        assert width(line) <= 60, line
        assert not line or line in headings or re.match(r"(• |  )\S", line), line
    # A path that fits stays whole, on a line of its own.
    assert "\n  (applications/kittiwake-maps-data-analyst.md)\n" in shown
    for lines in bullets(shown):
        broken = [n for n, line in enumerate(lines) if line.endswith(("/", "-"))]
        assert all(lines[n].startswith("  (") for n in broken), lines


def test_a_long_path_with_spaces_is_broken_at_them_under_the_bullet(monkeypatch, vault):
    name = "Anna-Maria Catherine Oppenheimer-Smythe of the Northern Provinces"
    root = vault({"jobnotes.toml": "", "applications/.keep": "",
                  f"people/{name}.md": "---\ncompany: Acme\nmet: 2024-03-13\n---\n"})
    piped = run(root, "--today", "2024-03-14").output
    shown = on_terminal(monkeypatch, str(root), "--today", "2024-03-14", columns=40).output
    assert ("\n  (people/Anna-Maria Catherine\n  Oppenheimer-Smythe of the Northern\n"
            "  Provinces.md)\n") in shown
    assert all(len(line) <= 40 for line in shown.splitlines())
    assert items(shown) == [line for line in piped.splitlines() if line.startswith("• ")]


def test_a_long_agenda_starts_with_a_count_on_a_terminal_only(monkeypatch):
    args = [str(EXAMPLE_VAULT), "--today", "2026-11-27"]
    assert run(*args).output.startswith("Overdue\n")
    assert on_terminal(monkeypatch, *args).output.startswith(
        "5 overdue, 6 today, 17 in the next 7 days\n\nOverdue\n")


@pytest.mark.parametrize(("env", "colored"), [
    ({}, True), ({"NO_COLOR": "1"}, False), ({"TERM": "dumb"}, False),
])
def test_colours_on_a_terminal_unless_no_color_or_a_dumb_terminal(monkeypatch, env, colored):
    shown = on_terminal(monkeypatch, str(EXAMPLE_VAULT), "--today", "2026-11-27",
                        color=True, **env).output
    assert ("\x1b[" in shown) is colored
    assert "Overdue" in shown


# --- note values that would drive the terminal ---------------------------------------------

HOSTILE = """\
---
company: "Esc\\e]0;PWNED-TITLE\\a\\e[31mRED\\e[0m Co\\x9b2J"
role: "Analyst\\e[2K"
status: applied
channel: other
applied: 2024-03-10
next_action: "Ring \\e[5mblink\\e[0m bell\\a\\r\\nnow"
next_action_date: 2024-03-14
---
"""


@pytest.mark.parametrize("terminal", [False, True])
def test_escape_sequences_in_notes_never_reach_the_terminal(monkeypatch, vault, terminal):
    root = vault({"jobnotes.toml": "", "applications/esc.md": HOSTILE})
    args = [str(root), "--today", "2024-03-14"]
    shown = (on_terminal(monkeypatch, *args, NO_COLOR="1") if terminal else run(*args)).output
    assert "• Ring blink bell now — EscRED Co — Analyst, planned for " in " ".join(
        shown.split("\n  "))
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", shown), repr(shown)
    assert "PWNED" not in shown


def test_json_keeps_the_values_but_escapes_them(vault):
    root = vault({"jobnotes.toml": "", "applications/esc.md": HOSTILE})
    text = run(root, "--today", "2024-03-14", "--format", "json").output
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", text)
    item = json.loads(text)["due_today"][0]
    assert item["title"] == "Ring \x1b[5mblink\x1b[0m bell\x07\r\nnow"


def test_the_morning_command_skips_the_skill_hints_but_not_the_errors(vault):
    """``today`` tells only errors, so it does not read every job description for the
    info hints about skills ``skills:`` lacks (a fifth of its time on a large vault)."""
    from jobnotes.jd.extract import RULE_NOT_LISTED
    from jobnotes.load import load_cached
    from tests.test_jd_extract import NOTE, TODAY

    root = vault({"applications/acme.md": NOTE, "applications/bad.md": "---\ncompany: X\n---\n"})
    full = load_cached(root, today=TODAY, use_cache=False)
    lean = load_cached(root, today=TODAY, use_cache=False, skill_hints=False)
    assert any(d.rule == RULE_NOT_LISTED for d in full.diagnostics)
    assert not any(d.rule == RULE_NOT_LISTED for d in lean.diagnostics)
    assert [d for d in full.diagnostics if d.rule != RULE_NOT_LISTED] == lean.diagnostics
    result = CliRunner().invoke(today, [str(root), "--today", TODAY.isoformat()])
    assert result.exit_code == 0
    assert "Note: 2 errors in 1 note of your vault" in result.stderr
