"""What a user sees when the vault is not as expected: a note folder renamed, misspelt in
jobnotes.toml or unreadable; things named like notes that are not notes; dates no real
job search has. Each is a clear finding, by every command and through every cache."""

from __future__ import annotations

import errno
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from jobnotes.cli import main
from jobnotes.frontmatter import parse_note
from jobnotes.load import NoteCache, load_vault
from jobnotes.schema import (
    APP_DATE_KEYS,
    PERSON_DATE_KEYS,
    validate_application,
    validate_person,
)
from jobnotes.serve.session import ServeSession
from jobnotes.settings import Settings
from tests.conftest import APPLIED_NOTE, copy_example, write_vault

TODAY = ["--today", "2026-11-27"]
DAY = date(2026, 11, 27)
REL = "applications/acme.md"
UNEXPECTED = "unexpected problem"
APPLICATION = APPLIED_NOTE
PERSON = "---\nrole: recruiter\nmet: 2026-11-01\n---\n"
MISSING_APPLICATIONS = ("applications: error: the folder applications/ does not exist, so no "
                        "application notes were read [notes-folder]")


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "vault")


def _small(root: Path, **extra: str) -> Path:
    """A vault with settings, one application and one person (``extra``: more files)."""
    return write_vault(root, {"jobnotes.toml": "", "applications/acme.md": APPLICATION,
                              "people/Jane Doe.md": PERSON, **extra})


def _unreadable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Listing ``folder`` fails as it does without the permission (tests may run as root,
    whom no permission stops)."""
    real = os.scandir
    blocked = os.path.realpath(folder)

    def scandir(path: object = ".") -> object:
        if os.path.realpath(os.fspath(path)) == blocked:   # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real(path)   # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)


# -- 1. a note folder that is not there ------------------------------------------------------

def test_renamed_applications_folder_is_an_error_with_did_you_mean(example: Path) -> None:
    (example / "applications").rename(example / "Applications")
    result = run("check", example, *TODAY)
    assert result.exit_code == 1
    assert MISSING_APPLICATIONS in result.output
    assert ('hint: did you mean Applications/? If so, rename it to applications/, or set '
            'folders.applications = "Applications" in jobnotes.toml') in result.output
    assert "no problems found" not in result.output


def test_build_of_a_vault_whose_folder_was_renamed_prints_the_error(example: Path) -> None:
    assert run("build", example, *TODAY).exit_code == 0
    (example / "applications").rename(example / "Applications")
    result = run("build", example, *TODAY)
    assert MISSING_APPLICATIONS in result.stderr
    assert "did you mean Applications/?" in result.stderr
    assert "1 error in 1 file" in result.stderr


def test_misspelt_folder_in_settings_names_the_setting_and_the_folder_meant(
        example: Path) -> None:
    with open(example / "jobnotes.toml", "a", encoding="utf-8") as settings:
        settings.write('\n[folders]\napplications = "aplications"\n')
    result = run("check", example, *TODAY)
    assert result.exit_code == 1
    assert ("aplications: error: the folder aplications/ (folders.applications in "
            "jobnotes.toml) does not exist, so no application notes were read") in result.output
    assert ('did you mean applications/? If so, set folders.applications = "applications" in '
            'jobnotes.toml (it says "aplications")') in result.output


def test_a_folder_named_in_settings_with_nothing_like_it_says_how_to_fix_it(
        tmp_path: Path) -> None:
    root = _small(tmp_path / "v", **{"jobnotes.toml": '[folders]\npeople = "contacts"\n'})
    result = run("check", root, *TODAY)
    assert result.exit_code == 1
    assert ("contacts: error: the folder contacts/ (folders.people in jobnotes.toml) does "
            "not exist, so no person notes were read") in result.output
    assert ('hint: folders.people in jobnotes.toml says "contacts": correct it, or create the '
            "folder") in result.output


def test_renamed_people_folder_is_an_error_too(example: Path) -> None:
    (example / "people").rename(example / "People")
    result = run("check", example, *TODAY)
    assert result.exit_code == 1
    assert ("people: error: the folder people/ does not exist, so no person notes were "
            "read [notes-folder]") in result.output
    assert "did you mean People/?" in result.output


def test_close_names_are_suggested_when_no_folder_differs_only_by_case(tmp_path: Path) -> None:
    root = _small(tmp_path / "v")
    (root / "applications").rename(root / "aplications")
    result = run("check", root, *TODAY)
    assert "did you mean aplications/?" in result.output


def test_missing_applications_folder_without_anything_like_it_says_how_to_create_it(
        tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"jobnotes.toml": "", "people/Jane Doe.md": PERSON})
    result = run("check", root, *TODAY)
    assert result.exit_code == 1
    assert MISSING_APPLICATIONS in result.output
    assert ("hint: create the folder applications/ for your application notes, or set "
            "folders.applications in jobnotes.toml to the folder that holds them"
            ) in result.output


def test_a_freshly_made_vault_and_one_without_contacts_are_fine(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    assert run("init", fresh).exit_code == 0
    result = run("check", fresh, *TODAY)
    assert (result.exit_code, result.output) == (0, "0 notes checked: no problems found.\n")
    no_people = write_vault(tmp_path / "solo", {"applications/acme.md": APPLICATION})
    result = run("check", no_people, *TODAY)
    assert (result.exit_code, result.output) == (0, "1 note checked: no problems found.\n")


def test_a_folder_that_is_not_a_vault_at_all_is_one_error(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "photos", {"holiday.md": "Notes about a trip.\n"})
    result = run("check", root, *TODAY)
    assert result.exit_code == 1
    assert ("applications: error: there is no applications/ folder, no people/ folder and no "
            "jobnotes.toml here, so this does not look like a jobnotes vault") in result.output
    assert "run jobnotes init" in result.output
    assert "0 notes checked: 1 error in 1 file." in result.output


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"jobnotes.toml": "", "applications": "oops\n"})
    result = run("check", root, *TODAY)
    assert result.exit_code == 1
    assert ("applications: error: applications is a file, not the folder applications/, so "
            "no application notes were read") in result.output


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_note_folder_that_is_a_broken_link(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"jobnotes.toml": "", "people/Jane Doe.md": PERSON})
    (root / "applications").symlink_to(tmp_path / "usb-stick" / "applications")
    result = run("check", root, *TODAY)
    assert result.exit_code == 1
    assert (f"applications: error: the folder applications/ is a link to {tmp_path}/usb-stick/"
            "applications, which does not exist, so no application notes were read"
            ) in result.output


def test_unreadable_applications_folder_is_an_error(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    root = _small(tmp_path / "v")
    _unreadable(monkeypatch, root / "applications")
    result = run("check", root, *TODAY)
    assert result.exit_code == 1
    assert ("applications: error: the folder applications/ could not be read (Permission "
            "denied), so no application notes were read [notes-folder]") in result.output


def test_unreadable_folder_inside_a_note_folder_is_an_error(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    root = _small(tmp_path / "v", **{"applications/2025/old.md": APPLICATION})
    _unreadable(monkeypatch, root / "applications" / "2025")
    loaded = load_vault(root, today=DAY)
    [finding] = [d for d in loaded.diagnostics if d.path == "applications/2025"]
    assert finding.is_error
    assert finding.message == ("the folder applications/2025/ could not be read (Permission "
                               "denied), so the notes in it were not read")
    assert [a.rel for a in loaded.applications] == ["applications/acme.md"]


def test_serve_shows_a_folder_gone_and_stops_once_it_is_back(tmp_path: Path) -> None:
    root = _small(tmp_path / "v")
    lines: list[str] = []
    session = ServeSession(root, today=DAY, echo=lines.append)
    session.rebuild()
    assert not any("notes-folder" in line for line in lines)
    (root / "applications").rename(root / "Applications")
    session.rebuild()
    assert any(MISSING_APPLICATIONS in line for line in lines)
    assert [f["rule"] for f in session.site.state.findings] == ["notes-folder"]
    (root / "Applications").rename(root / "applications")
    session.rebuild()
    assert session.site.state.findings == []


def test_the_serve_cache_reports_a_folder_removed_between_loads(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"jobnotes.toml": "", "people/Jane Doe.md": PERSON})
    (root / "applications").mkdir()
    cache = NoteCache()
    assert load_vault(root, today=DAY, cache=cache).diagnostics == []
    (root / "applications").rmdir()
    [finding] = load_vault(root, today=DAY, cache=cache).diagnostics
    assert (finding.path, finding.rule) == ("applications", "notes-folder")


def test_a_cached_check_never_hides_a_folder_that_went_away(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"jobnotes.toml": "", "people/Jane Doe.md": PERSON})
    (root / "applications").mkdir()      # empty: no file in it changes when it goes
    assert run("check", root, *TODAY).exit_code == 0
    assert run("check", root, *TODAY).exit_code == 0      # from the cache
    (root / "applications").rmdir()
    result = run("check", root, *TODAY)
    assert result.exit_code == 1 and MISSING_APPLICATIONS in result.output
    (root / "applications").mkdir()
    assert run("check", root, *TODAY).exit_code == 0


def test_a_cached_build_never_hides_a_folder_that_went_away(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"jobnotes.toml": "", "people/Jane Doe.md": PERSON})
    (root / "applications").mkdir()
    assert "error" not in run("build", root, *TODAY).stderr
    (root / "applications").rmdir()
    assert MISSING_APPLICATIONS in run("build", root, *TODAY).stderr


# -- 2. things named like notes that are not notes -------------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_broken_link_named_like_a_note_is_a_warning(tmp_path: Path) -> None:
    root = _small(tmp_path / "v")
    (root / "applications" / "x.md").symlink_to(root / "applications" / "gone.md")
    result = run("check", root, *TODAY)
    assert result.exit_code == 0
    assert (f"applications/x.md: warning: applications/x.md is a broken link (it points to "
            f"{root / 'applications' / 'gone.md'}, which does not exist), so it was not read "
            "[not-a-note]") in result.output
    assert "2 notes checked: 1 warning in 1 file." in result.output
    assert run("check", root, "--strict", *TODAY).exit_code == 1


def test_a_folder_named_like_a_note_is_a_warning_and_what_it_holds_is_read(
        tmp_path: Path) -> None:
    root = _small(tmp_path / "v", **{"applications/old.md/beta.md": APPLICATION.replace(
        "Acme", "Beta")})
    (root / "applications" / "empty.md").mkdir()
    loaded = load_vault(root, today=DAY)
    assert sorted(a.company for a in loaded.applications) == ["Acme", "Beta"]
    assert [(d.path, d.severity.value, d.message) for d in loaded.diagnostics] == [
        ("applications/empty.md", "warning",
         "applications/empty.md is a folder, not a note; the notes inside it are read as usual"),
        ("applications/old.md", "warning",
         "applications/old.md is a folder, not a note; the notes inside it are read as usual")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_named_like_a_note_is_a_warning_and_nothing_waits_on_it(
        tmp_path: Path) -> None:
    root = _small(tmp_path / "v")
    os.mkfifo(root / "people" / "pipe.md")
    result = run("check", root, *TODAY)            # with the cache: it must not read the pipe
    assert ("people/pipe.md: warning: people/pipe.md is not an ordinary file, so it was not "
            "read") in result.output
    result = run("build", root, *TODAY)
    assert result.exit_code == 0 and "people/pipe.md is not an ordinary file" in result.stderr


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_serve_and_its_cache_show_the_broken_link(tmp_path: Path) -> None:
    root = _small(tmp_path / "v")
    cache = NoteCache()
    assert load_vault(root, today=DAY, cache=cache).diagnostics == []
    (root / "applications" / "x.md").symlink_to("gone.md")
    [finding] = load_vault(root, today=DAY, cache=cache).diagnostics
    assert (finding.path, finding.rule) == ("applications/x.md", "not-a-note")
    assert [a.rel for a in load_vault(root, today=DAY, cache=cache).applications] == [
        "applications/acme.md"]
    (root / "applications" / "x.md").unlink()
    assert load_vault(root, today=DAY, cache=cache).diagnostics == []


def test_a_cached_check_sees_a_folder_named_like_a_note_come_and_go(tmp_path: Path) -> None:
    root = _small(tmp_path / "v")
    assert run("check", root, *TODAY).exit_code == 0
    (root / "applications" / "x.md").mkdir()
    assert "applications/x.md is a folder, not a note" in run("check", root, *TODAY).output
    (root / "applications" / "x.md").rmdir()
    assert "not-a-note" not in run("check", root, *TODAY).output


# -- 3. dates out of any plausible range -----------------------------------------------------

EXTREME = APPLICATION.replace("applied: 2026-11-02", "applied: 0001-01-01").replace(
    "status: applied", "status: rejected\nrejected: 9999-12-31")


def test_extreme_dates_are_errors_at_their_line(tmp_path: Path) -> None:
    root = _small(tmp_path / "v", **{"applications/acme.md": EXTREME})
    result = run("check", root, *TODAY)
    assert result.exit_code == 1
    assert ("applications/acme.md:5:11: error: rejected: 9999-12-31 is not a plausible date "
            "(jobnotes reads dates from 1900 to 2199) [date-range]") in result.output
    assert ("applications/acme.md:7:10: error: applied: 0001-01-01 is not a plausible date "
            "(jobnotes reads dates from 1900 to 2199) [date-range]") in result.output
    assert ("hint: write the real date, for example 2026-11-27; if it is not known, leave "
            "`rejected:` empty") in result.output
    assert "future-date" not in result.output


@pytest.mark.parametrize("key", [*APP_DATE_KEYS, "interviews"])
@pytest.mark.parametrize("written", ["0001-01-01", '"9999-12-31"', "1899-12-31 10:00"])
def test_every_application_date_out_of_range_is_dropped_with_an_error(key: str, written: str
                                                                      ) -> None:
    text = APPLICATION.replace("---\n", f"---\n{key}: {written}\n", 1).replace(
        "status: applied", "status: wishlist")
    note, found = validate_application(REL, "acme", parse_note(REL, text), Settings(), DAY)
    assert note is not None
    assert getattr(note, key) in (None, [])
    [finding] = [d for d in found if d.rule == "date-range"]
    shown = written.strip('"')[:10]
    label = "interview 1" if key == "interviews" else key
    assert (finding.line, finding.column) == (2, len(key) + 3)
    assert finding.message == (f"{label}: {shown} is not a plausible date (jobnotes reads "
                               "dates from 1900 to 2199)")
    assert [d.rule for d in found] == ["date-range"]


@pytest.mark.parametrize("key", [*PERSON_DATE_KEYS, "touches"])
def test_every_person_date_out_of_range_is_dropped_with_an_error(key: str) -> None:
    rel = "people/Jane Doe.md"
    text = f"---\nrole: recruiter\n{key}: 2200-01-01\n---\n"
    person, found = validate_person(rel, "Jane Doe", parse_note(rel, text), Settings(), DAY)
    assert person is not None and getattr(person, key) in (None, [])
    assert [(d.rule, d.line) for d in found] == [("date-range", 3)]


def test_the_ends_of_the_range_are_dates_like_any_other() -> None:
    text = APPLICATION.replace("applied: 2026-11-02", "applied: 1900-01-01\n"
                               "next_action_date: 2199-12-31")
    note, found = validate_application(REL, "acme", parse_note(REL, text), Settings(), DAY)
    assert found == []
    assert note is not None
    assert (note.applied, note.next_action_date) == (date(1900, 1, 1), date(2199, 12, 31))


@pytest.mark.parametrize("command", [["build"], ["today"], ["export", "ics"],
                                     ["export", "json"], ["export", "csv"]])
def test_every_command_runs_on_a_vault_with_extreme_dates(tmp_path: Path, command: list[str]
                                                          ) -> None:
    extra = {"applications/acme.md": EXTREME,
             "applications/beta.md": APPLICATION.replace("Acme", "Beta").replace(
                 "status: applied", "status: interviewing\ninterviews: [2026-11-10, 0001-01-01]"),
             "people/Jane Doe.md": "---\nmet: 0001-01-01\ntouches: [9999-12-31]\n---\n"}
    root = _small(tmp_path / "v", **extra)
    result = run(*command, root, *TODAY)
    assert result.exit_code == 0, result.output
    assert UNEXPECTED not in result.output


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"])
@pytest.mark.parametrize("command", [["check"], ["build"], ["today"], ["export", "ics"]])
def test_today_outside_the_plausible_range_is_a_usage_error(tmp_path: Path, day: str,
                                                            command: list[str]) -> None:
    root = _small(tmp_path / "v")
    result = run(*command, root, "--today", day)
    assert result.exit_code == 2
    assert (f"Invalid value for '--today': {day} is not a plausible date: jobnotes works with "
            "dates from 1900-01-01 to 2199-12-31.") in result.stderr
    assert UNEXPECTED not in result.output


@pytest.mark.parametrize("day", ["1900-01-01", "2199-12-31"])
def test_the_ends_of_the_range_work_everywhere(tmp_path: Path, day: str) -> None:
    root = _small(tmp_path / "v", **{"applications/old.md": APPLICATION.replace(
        "2026-11-02", day).replace("Acme", "Old")})
    for command in (["build"], ["today"], ["export", "ics"], ["export", "json"]):
        result = run(*command, root, "--today", day)
        assert result.exit_code == 0, (command, result.output)
    shutil.rmtree(root / "_site")
