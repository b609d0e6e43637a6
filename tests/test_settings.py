"""jobnotes.toml: defaults, every key, and every problem reported with its line."""

from __future__ import annotations

import tomllib

import pytest

from jobnotes.diagnostics import Severity
from jobnotes.settings import (
    Folders,
    Goals,
    Settings,
    Windows,
    load_settings,
    locate_keys,
    parse_settings,
    settings_template,
)

FULL = """\
title = "Maya's job search"
owner = "Maya Lindqvist"
week_starts = "sunday"

[folders]
applications = "jobs"
people = "contacts/people"
templates = "tpl"
output = "site"
site_templates = "look"

[goals]
applications = 8
networking = 3
informational = 0

[windows]
cooling_off_hours = 24
feedback_request_hours = 72
thank_you_hours = 12
connect_days = 5
touch_days = 60
follow_up_days = 10
ghosted_days = 45

[channels]
list = ["job-board", "networking", "meetups"]

[channels.targets]
job-board = 50
networking = 30
meetups = 20

[skills]
have = ["sql", "python"]
learning = ["dbt"]
"""


def one(text: str):
    """The settings and the single finding that ``text`` gives."""
    settings, found = parse_settings(text)
    assert len(found) == 1, [d.as_text() for d in found]
    return settings, found[0]


def test_no_file_means_defaults_and_no_findings(tmp_path):
    assert load_settings(tmp_path) == (Settings(), [])


def test_every_key_is_read(vault):
    settings, found = load_settings(vault({"jobnotes.toml": FULL}))
    assert found == []
    assert settings == Settings(
        title="Maya's job search", owner="Maya Lindqvist", week_starts="sunday",
        folders=Folders("jobs", "contacts/people", "tpl", "site", "look"),
        goals=Goals(8, 3, 0),
        windows=Windows(24, 72, 12, 5, 60, 10, 45),
        channels=["job-board", "networking", "meetups"],
        channel_targets={"job-board": 50, "networking": 30, "meetups": 20},
        skills=["sql", "python"], learning=["dbt"],
    )


def test_template_loads_back_to_exactly_the_defaults():
    assert parse_settings(settings_template()) == (Settings(), [])


def test_template_writes_out_every_key_with_a_comment():
    data = tomllib.loads(settings_template())
    assert set(data) == {"title", "owner", "week_starts", "folders", "goals", "windows",
                         "channels", "skills"}
    assert set(data["windows"]) == set(Windows.__dataclass_fields__)
    key_lines = [line for line in settings_template().splitlines()
                 if "=" in line.split("#")[0]]
    assert len(key_lines) == 25
    assert all("#" in line for line in key_lines)


def test_unknown_key_in_a_table_suggests_the_right_one():
    settings, d = one("title = \"x\"\n\n[goals]\n# weekly\n  aplications = 3\n")
    assert (d.rule, d.line, d.column, d.severity) == ("settings-unknown-key", 5, 3, Severity.ERROR)
    assert "goals.aplications" in d.message
    assert d.hint == 'Did you mean "applications"?'
    assert settings.goals.applications == Goals().applications
    assert settings.title == "x"


def test_unknown_table_and_key_in_the_wrong_table():
    found = parse_settings("[gaols]\nnetworking = 1\n[goals]\ntitle = \"x\"\n")[1]
    assert [(d.rule, d.line) for d in found] == [("settings-unknown-key", 1),
                                                  ("settings-unknown-key", 4)]
    assert found[0].message == "unknown table [gaols]"
    assert found[0].hint == 'Did you mean "goals"?'
    assert "top of the file" in found[1].hint


def test_wrong_type_names_the_key_and_what_was_written():
    settings, d = one('title = "x"\n[goals]\napplications = "five"\n')
    assert (d.rule, d.line, d.column) == ("settings-type", 3, 1)
    assert d.message == 'goals.applications must be a whole number, not the text "five"'
    assert settings.goals.applications == 5


def test_dotted_key_at_top_level_is_located():
    _, d = one('title = "x"\nwindows.touch_days = true\n')
    assert (d.rule, d.line, d.column) == ("settings-type", 2, 1)
    assert "not the value true" in d.message


def test_quoted_key_in_a_quoted_table_is_located():
    _, d = one('["windows"]\n\n  "connect_days" = -1  # no\n')
    assert (d.rule, d.line, d.column) == ("settings-value", 3, 3)


def test_out_of_range_falls_back_to_default_and_keeps_the_rest():
    settings, d = one("[goals]\nnetworking = -2\napplications = 9\n")
    assert (d.rule, d.line, d.column) == ("settings-value", 2, 1)
    assert settings.goals == Goals(applications=9)


def test_ghosted_must_come_after_follow_up():
    settings, d = one("[windows]\nfollow_up_days = 14\nghosted_days = 10\n")
    assert (d.rule, d.line) == ("settings-value", 3)
    assert settings.windows == Windows()


def test_syntax_error_gives_its_line_and_defaults():
    settings, d = one('title = "x"\n[goals]\napplications = five\n')
    assert (d.rule, d.line, d.column, d.severity) == ("settings-syntax", 3, 16, Severity.ERROR)
    assert "(at line" not in d.message
    assert "quotes" in d.hint
    assert settings == Settings()


def test_table_declared_twice_is_a_syntax_error():
    _, d = one("[goals]\nnetworking = 1\n\n[goals]\n")
    assert (d.rule, d.line) == ("settings-syntax", 4)
    assert "[goals] appears twice" in d.message


@pytest.mark.parametrize("text", [
    "[goals]\nnetworking = 1\n\n[goals\n",      # tomllib calls this one "declared twice"
    "[new\nx = 1\n",
])
def test_table_header_without_its_bracket_says_so(text: str):
    _, d = one(text)
    header = text.splitlines()[-1] if text.startswith("[goals]") else "[new"
    assert d.rule == "settings-syntax" and d.line == text.splitlines().index(header) + 1
    assert f"the table header {header} is not closed" in d.message
    assert d.hint == f"End the line with ]: {header}]"


def test_target_channel_not_in_the_list():
    text = ('[channels]\nlist = ["job-board", "networking"]\n'
            "[channels.targets]\njob-board = 60\nnetwrking = 40\n")
    settings, found = parse_settings(text)
    d = found[0]
    assert (d.rule, d.line, d.column) == ("settings-value", 5, 1)
    assert d.hint == 'Did you mean "networking"?'
    assert settings.channel_targets == {"job-board": 60}


def test_targets_that_do_not_add_up_to_100_are_a_warning():
    settings, d = one("[channels.targets]\njob-board = 50\nreferral = 20\n")
    assert (d.rule, d.line, d.severity) == ("settings-targets-sum", 1, Severity.WARNING)
    assert "70%" in d.message
    assert settings.channel_targets == {"job-board": 50, "referral": 20}


def test_a_skill_both_yours_and_learning_is_a_warning_at_the_learning_entry():
    text = ('[skills]\nhave = [\n  "SQL",\n  "powerbi",\n]\n'
            'learning = [\n  "dbt",\n  "sql",\n  "Power BI",\n  "SQL",\n]\n')
    settings, found = parse_settings(text)
    assert [(d.rule, d.severity, d.line, d.column) for d in found] == [
        ("settings-skill-twice", Severity.WARNING, 8, 3),
        ("settings-skill-twice", Severity.WARNING, 9, 3)]
    assert found[0].message == "SQL is listed both as yours and as learning; it counts as yours"
    assert found[1].message == ('Power BI is listed both as yours and as learning (as "powerbi" '
                                'and "Power BI"); it counts as yours')
    assert "skills.learning" in (found[0].hint or "")
    # The lists are kept as written: the finding only says what they mean.
    assert settings.skills == ["SQL", "powerbi"]
    assert settings.learning == ["dbt", "sql", "Power BI", "SQL"]


def test_a_skill_of_your_own_in_both_lists_is_found_whatever_its_spelling():
    _, d = one('skills.have = ["Data-Ops"]\nskills.learning = ["data ops", "Rust"]\n')
    assert (d.rule, d.line, d.column) == ("settings-skill-twice", 2, 20)
    assert d.message.startswith("Data-Ops is listed both as yours and as learning")


def test_a_skill_implied_by_yours_may_be_learning():
    # Tableau means Dashboards, but saying you are learning dashboards is your word.
    assert parse_settings('[skills]\nhave = ["Tableau"]\nlearning = ["Dashboards"]\n')[1] == []


def test_target_over_100_is_out_of_range():
    settings, found = parse_settings("[channels.targets]\njob-board = 150\n")
    d = found[0]
    assert (d.rule, d.line) == ("settings-value", 2)


@pytest.mark.parametrize("folder, problem", [
    ("../elsewhere", '".."'), ("/home/maya/jobs", "absolute"), ("C:\\jobs", "absolute"),
    (".", "name a folder"),
])
def test_bad_folder_falls_back_to_default(folder, problem):
    text = f'[folders]\n\napplications = {folder!r}\n'.replace("'", '"').replace("\\", "\\\\")
    settings, d = one(text)
    assert (d.rule, d.line, d.column) == ("settings-value", 3, 1)
    assert problem in d.message
    assert settings.folders.applications == "applications"


def test_output_folder_may_not_hold_notes():
    settings, d = one('[folders]\noutput = "applications"\n')
    assert (d.rule, d.line) == ("settings-value", 2)
    assert settings.folders.output == "_site"


def test_channel_list_problems():
    settings, found = parse_settings('[channels]\nlist = ["job-board", "Job Fair", "job-board"]\n')
    assert [(d.rule, d.line) for d in found] == [("settings-value", 2)] * 2
    assert found[0].hint == 'Write "job-fair".'
    assert settings.channels == ["job-board"]
    _, d = one("[channels]\nlist = []\n")
    assert d.rule == "settings-value"


def test_a_list_where_a_table_belongs():
    settings, d = one('skills = ["sql"]\n')
    assert (d.rule, d.line) == ("settings-type", 1)
    assert "[skills]" in d.hint
    assert settings.skills == []


def test_week_starts_suggests_a_day():
    settings, d = one('week_starts = "sundy"\n')
    assert (d.rule, d.hint) == ("settings-value", 'Did you mean "sunday"?')
    assert settings.week_starts == "monday"


def test_non_utf8_file_is_reported_with_its_line(vault):
    root = vault({"jobnotes.toml": 'title = "ok"\nowner = "Ma\xefa"\n'.encode("latin-1")})
    settings, found = load_settings(root)
    assert [(d.rule, d.line, d.path) for d in found] == [("settings-encoding", 2, "jobnotes.toml")]
    assert settings == Settings()


def test_locator_skips_strings_arrays_and_comments():
    text = ('a = """x = 1\n[fake]\n"""\nb = [\n  1, # c = 2\n  2,\n]\n'
            "c = {d = 1, e = {f = 2}}\n[t.u]\n'g h' . i = 3\n")
    positions = locate_keys(text)
    assert positions[("b",)] == (4, 1)
    assert positions[("c", "e", "f")] == (8, 18)
    assert positions[("t", "u", "g h", "i")] == (10, 1)
    assert ("fake",) not in positions


def test_a_window_or_goal_of_absurd_size_is_a_finding_not_a_crash(tmp_path):
    from click.testing import CliRunner

    from jobnotes.cli import main
    from tests.conftest import copy_example

    settings, finding = one("[windows]\nghosted_days = 999999999999\n")
    assert settings.windows.ghosted_days == Settings().windows.ghosted_days
    assert finding.line == 2 and "between 0 and 3650" in finding.message
    settings, finding = one("[goals]\napplications = 10000\n")
    assert settings.goals.applications == Settings().goals.applications
    root = copy_example(tmp_path / "v")
    toml = root / "jobnotes.toml"
    text = toml.read_text(encoding="utf-8")
    assert "touch_days = 90" in text and "ghosted_days = " in text
    toml.write_text(text.replace("touch_days = 90", "touch_days = 999999999999")
                    .replace("ghosted_days = ", "ghosted_days = 999999999999 #"),
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(tmp_path / "site"),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    assert "between 0 and 3650" in result.output


def test_a_folder_named_jobnotes_toml_is_an_error_not_silence(tmp_path):
    (tmp_path / "jobnotes.toml").mkdir()
    settings, [finding] = load_settings(tmp_path)
    assert settings == Settings()
    assert (finding.path, finding.severity, finding.rule) == (
        "jobnotes.toml", Severity.ERROR, "settings-read")
    assert finding.message == "jobnotes.toml is a folder, not a file; using the default settings"
    assert "rename the folder" in finding.hint


def test_a_dangling_link_or_a_pipe_as_jobnotes_toml_is_named(tmp_path):
    import os

    (tmp_path / "jobnotes.toml").symlink_to(tmp_path / "nowhere.toml")
    _, [finding] = load_settings(tmp_path)
    assert "a link to a file that does not exist" in finding.message
    (tmp_path / "jobnotes.toml").unlink()
    os.mkfifo(tmp_path / "jobnotes.toml")        # never opened: reading it would wait forever
    _, [finding] = load_settings(tmp_path)
    assert "is not a regular file" in finding.message
