"""What `new` and `check` tell the user: notes that pass `check` as made, clear sentences
for every mistake, and GitHub annotations that survive any file name."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from jobnotes.model import STATUSES
from tests.conftest import write_vault

TODAY = ["--today", "2026-11-27"]

OPTIONS = {
    "no options": [],
    "channel": ["--channel", "referral"],
    "company url": ["--url", "https://acme.example/careers/42"],
    "job board url": ["--url", "https://www.linkedin.com/jobs/view/42"],
    "channel and url": ["--channel", "networking", "--url", "https://acme.example/j?id=1"],
}


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "search"
    assert run("init", str(root)).exit_code == 0
    return root


@pytest.mark.parametrize("options", list(OPTIONS.values()), ids=list(OPTIONS))
@pytest.mark.parametrize("status", STATUSES)
def test_a_new_note_passes_check_as_it_is(root: Path, status: str, options: list[str]) -> None:
    created = run("new", "Acme", "Data Analyst", "--status", status, *options,
                  "--vault", str(root), *TODAY)
    assert created.exit_code == 0, created.output
    assert created.output.startswith("created  ")
    checked = run("check", str(root), *TODAY, "--strict")
    assert checked.exit_code == 0, checked.output
    assert checked.output == "1 note checked: no problems found.\n"


@pytest.mark.parametrize(("options", "channel", "how"), [
    ([], "other", ""),
    (["--url", "https://www.linkedin.com/jobs/view/42"], "job-board",
     " from the job posting's address"),
])
def test_a_channel_chosen_for_the_user_is_said_in_one_line(root: Path, options: list[str],
                                                           channel: str, how: str) -> None:
    result = run("new", "Acme", "Analyst", *options, "--vault", str(root), *TODAY)
    assert result.exit_code == 0
    note = root / "applications" / "acme-analyst.md"
    assert result.output.splitlines() == [
        f"created  {note}",
        f'No channel given: set to "{channel}"{how}; change it in the note if the '
        "application went out another way.",
        "Edit it (dates, channel, the job description), then run jobnotes serve "
        f"{root} to see it.",
    ]
    assert f"channel: {channel}\n" in note.read_text()


def test_no_channel_line_when_one_is_given_or_for_a_wishlist(root: Path) -> None:
    given = run("new", "Acme", "Analyst", "--channel", "referral", "--vault", str(root), *TODAY)
    wish = run("new", "Beta", "Analyst", "--status", "wishlist", "--vault", str(root), *TODAY)
    assert len(given.output.splitlines()) == len(wish.output.splitlines()) == 2
    assert "No channel given" not in given.output + wish.output


def test_a_person_needs_a_name(root: Path) -> None:
    for name in ("", "  ", "///"):
        result = run("new", "--person", name, "--vault", str(root), *TODAY)
        assert result.exit_code == 2
        assert result.output == (
            'Error: A new person needs a name, e.g. jobnotes new --person "Jane Doe".\n')
    assert not any((root / "people").iterdir())


def test_a_template_with_broken_yaml_is_one_clear_sentence(root: Path) -> None:
    (root / "templates" / "application.md").write_text("---\n: : bad\n---\n")
    result = run("new", "E", "F", "--channel", "other", "--vault", str(root), *TODAY)
    assert result.exit_code == 2
    assert result.output == (
        "Error: The template templates/application.md is not valid YAML at line 2: did not "
        "find expected key. Fix the template, or delete it to use the built-in one.\n")
    assert not any((root / "applications").iterdir())


def test_new_warns_about_bad_settings_before_writing(root: Path) -> None:
    (root / "jobnotes.toml").write_text('[folders]\napplications = 7\n')
    result = run("new", "Acme", "Analyst", "--channel", "other", "--vault", str(root), *TODAY)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == ("jobnotes.toml:2:1: warning: folders.applications must be text, not the "
                        "number 7 [settings-type]")
    assert lines[-2].startswith("created  ") and lines[-2].endswith("acme-analyst.md")
    assert "warning" in result.stderr and "created" not in result.stderr


def test_new_says_nothing_about_good_settings(root: Path) -> None:
    result = run("new", "Acme", "Analyst", "--channel", "other", "--vault", str(root), *TODAY)
    assert result.stderr == "" and "warning" not in result.output


# --- check --format github ----------------------------------------------------------------

BAD = "---\ncompany: A\nrole: B\nstatus: nope\n---\n"


def test_github_annotations_escape_file_names(tmp_path: Path, monkeypatch) -> None:
    write_vault(tmp_path / "g,v", {"applications/a,b:c %.md": BAD,
                                   "applications/plain.md": BAD})
    monkeypatch.chdir(tmp_path)
    result = run("check", "g,v", *TODAY, "--format", "github")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(
        "::error file=g%2Cv/applications/a%2Cb%3Ac %25.md,line=4,col=9,title=enum::status "
        "`nope` is not one of: wishlist,")
    assert lines[1].startswith("::error file=g%2Cv/applications/plain.md,line=4,col=9,")
    assert lines[-1] == "2 notes checked: 2 errors in 2 files."


def test_github_messages_escape_percent_and_line_breaks() -> None:
    from jobnotes.diagnostics import error, render_github

    found = error("applications/x.md", 3, 1, "rule", "100% sure\r\nnext: a, b", "hint: 5%")
    assert render_github([found], "repo/") == (
        "::error file=repo/applications/x.md,line=3,col=1,title=rule::"
        "100%25 sure%0D%0Anext: a, b (hint: hint: 5%25)")


# --- note values never drive the terminal ----------------------------------------------------

CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
HOSTILE = (
    '---\ncompany: "Evil\\e]0;PWNED\\a\\e[31mRed Co\\x9b2J"\nrole: "Analyst\\e[2K"\n'
    'status: "appl\\e]0;T\\aied"\nchannel: other\napplied: 2026-11-20\n---\n'
    "## Job description\nWe need SQL and Python.\n"
)


def test_check_shows_control_characters_in_a_value_as_escapes(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"jobnotes.toml": "", "applications/evil.md": HOSTILE})
    for fmt in ("text", "github"):
        result = run("check", str(root), *TODAY, "--format", fmt)
        assert result.exit_code == 1
        assert not CONTROL.search(result.output), repr(result.output)
        assert r"status `appl\x1b]0;T\x07ied` is not one of" in result.output
    data = run("check", str(root), *TODAY, "--format", "json").output
    assert not CONTROL.search(data)
    assert json.loads(data)["diagnostics"][0]["message"].startswith(
        "status `appl\x1b]0;T\x07ied` is not one of")


def test_skills_text_is_stripped_of_escape_sequences(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"jobnotes.toml": "",
                                        "applications/evil.md": HOSTILE.replace(
                                            '"appl\\e]0;T\\aied"', "applied")})
    for args in ([], ["evil"]):
        result = run("skills", str(root), *args, *TODAY)
        assert result.exit_code == 0, result.output
        assert "EvilRed Co — Analyst" in result.output
        assert not CONTROL.search(result.output) and "PWNED" not in result.output
    data = run("skills", str(root), *TODAY, "--format", "json").output
    assert not CONTROL.search(data)
    assert json.loads(data)["applications"][0]["title"].startswith(
        "Evil\x1b]0;PWNED\x07\x1b[31mRed Co\x9b2J — ")


def test_errors_quoting_a_value_show_its_control_characters(root: Path) -> None:
    result = run("new", "Acme", "Analyst", "--status", "ap\x1b]0;X\x07plied",
                 "--vault", str(root), *TODAY)
    assert result.exit_code == 2
    assert r'Unknown status "ap\x1b]0;X\x07plied"' in result.output
    assert not CONTROL.search(result.output)


# --- dates given on the command line, worded as check words them -------------------------------

@pytest.mark.parametrize(("args", "said"), [
    (["new", "Acme", "Analyst", "--vault", "ROOT", "--today", "2026-13-01"],
     "2026-13-01 is not a real date (there is no month 13); months go from 01 to 12"),
    (["new", "--person", "Jane Doe", "--vault", "ROOT", "--met", "2026-02-30", *TODAY],
     "2026-02-30 is not a real date (February 2026 has 28 days); the last day of February "
     "2026 is 2026-02-28."),
    (["export", "report", "ROOT", "--from", "2026-13-01", *TODAY],
     "2026-13-01 is not a real date (there is no month 13)"),
    (["check", "ROOT", "--today", "2026-04-31"], "April 2026 has 30 days"),
])
def test_an_impossible_date_says_what_is_wrong(root: Path, args: list[str], said: str) -> None:
    result = run(*(str(root) if arg == "ROOT" else arg for arg in args))
    assert result.exit_code == 2, result.output
    assert said in " ".join(result.output.split())
    assert not any((root / "applications").iterdir())


@pytest.mark.parametrize("command", [
    ["today", "VAULT", "--today", "2026-11-27"], ["check", "VAULT"],
    ["export", "csv", "VAULT", "--today", "2026-11-27"],
    ["skills", "VAULT", "--today", "2026-11-27"],
])
def test_a_reader_that_stops_early_gets_no_error(command):
    import subprocess
    import sys

    from conftest import EXAMPLE_VAULT

    argv = [sys.executable, "-m", "jobnotes",
            *(str(EXAMPLE_VAULT) if part == "VAULT" else part for part in command)]
    with subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        proc.stdout.close()             # as `| head -0` does
        errors = proc.stderr.read().decode() if proc.stderr else ""
        code = proc.wait(timeout=60)
    assert "unexpected problem" not in errors and "Traceback" not in errors
    assert code in (0, 1, 141), errors


@pytest.mark.parametrize("command", [["today"], ["export", "ics"], ["export", "json"]])
def test_every_command_counts_the_vaults_errors_the_same_way(tmp_path: Path, command):
    root = write_vault(tmp_path / "v", {
        "applications/bad.md": "---\ncompany: X\nrole: Y\nstatus: bogus\n"
                               "applied: 2026-13-01\n---\n",
        "applications/worse.md": "---\ncompany: Z\nrole: Y\nstatus: nope\n---\n",
    })
    result = CliRunner().invoke(main, [*command, str(root), *TODAY])
    assert result.exit_code == 0, result.output
    assert "Note: 3 errors in 2 notes of your vault;" in result.output


@pytest.mark.parametrize(("given", "read"), [
    ("2026-11-27", "2026-11-27"), ("2026-1-5", "2026-01-05"), (" 2026-02-28 ", "2026-02-28"),
])
def test_today_is_read_as_written(given, read):
    from jobnotes.cli_common import DATE

    assert DATE.convert(given, None, None).isoformat() == read


@pytest.mark.parametrize(("given", "said"), [
    ("2026-02-30", "2026-02-30 is not a real date"),
    ("0000-01-01", "is not a plausible date"),
    ("27/11/2026", "is not a date written YYYY-MM-DD"),
])
def test_a_wrong_today_is_refused_with_its_reason(given, said):
    import click

    from jobnotes.cli_common import DATE

    with pytest.raises(click.BadParameter) as refused:
        DATE.convert(given, None, None)
    assert said in str(refused.value.message)
