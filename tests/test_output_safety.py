"""Where `export -o` and `build -o` may write: never over the user's own files in the vault,
`-o -` as the terminal, and a folder that cannot be written named in a plain sentence."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from jobnotes.site.output import MARKER
from tests.conftest import APPLIED_NOTE, copy_example, hash_tree, write_vault

TODAY = ["--today", "2026-11-27"]

NOTE = APPLIED_NOTE + "\nSent a tailored resume.\n"

PERSON = """\
---
name: Jane Doe
company: Acme
---
"""


def run(*args: str | Path):
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A small vault with every kind of the user's own files."""
    return write_vault(tmp_path / "v", {
        "jobnotes.toml": 'title = "Test"\n',
        "Home.md": "# Home\n",
        "applications/acme-analyst.md": NOTE,
        "people/Jane Doe.md": PERSON,
        "templates/application.md": "---\ncompany:\n---\n",
        "site-templates/static/extra.css": "/* mine */",
        ".obsidian/app.json": "{}",
    })


def refused(result, *words: str) -> str:
    """The refusal's message, after checking it is one clear sentence and exit code 2."""
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "unexpected problem" not in result.output
    assert "\nError: " in f"\n{result.output}"
    for word in words:
        assert word in result.output, result.output
    return result.output


# --- export -o --------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["csv", "json", "ics", "report"])
@pytest.mark.parametrize("rel", ["jobnotes.toml", "Home.md", "templates/application.md",
                                 ".obsidian/app.json", "applications/acme-analyst.md",
                                 "people/Jane Doe.md", "site-templates/static/extra.css"])
def test_export_never_overwrites_a_file_in_the_vault(root: Path, kind: str, rel: str):
    before = hash_tree(root)
    refused(run("export", kind, root, "-o", root / rel, *TODAY), rel.rpartition("/")[2])
    assert hash_tree(root) == before


@pytest.mark.parametrize("rel", ["applications/new.csv", "people/new.csv", "templates/new.csv",
                                 ".obsidian/new.csv", "site-templates/new.csv",
                                 "applications/sub/new.csv"])
def test_export_never_writes_a_new_file_into_the_users_folders(root: Path, rel: str):
    before = hash_tree(root)
    folder = rel.split("/")[0]
    refused(run("export", "csv", root, "-o", root / rel, *TODAY), f"folder {folder}/")
    assert hash_tree(root) == before


def test_export_refusal_names_the_folder_and_what_it_protects(root: Path):
    message = refused(run("export", "csv", root, "-o", root / "jobnotes.toml", *TODAY))
    assert "is an existing file in the vault" in message
    message = refused(run("export", "csv", root, "-o", root / ".obsidian/app.json", *TODAY))
    assert "Obsidian's settings folder .obsidian/" in message
    message = refused(run("export", "csv", root, "-o", root / "templates/x.csv", *TODAY))
    assert "the templates folder templates/" in message


def test_export_honours_the_folders_the_settings_name(tmp_path: Path):
    root = write_vault(tmp_path / "v", {
        "jobnotes.toml": '[folders]\napplications = "jobs"\npeople = "contacts"\n',
        "jobs/acme.md": NOTE,
    })
    before = hash_tree(root)
    refused(run("export", "csv", root, "-o", root / "jobs/all.csv", *TODAY), "folder jobs/")
    refused(run("export", "csv", root, "-o", root / "contacts/x.csv", *TODAY),
            "folder contacts/")
    assert hash_tree(root) == before


@pytest.mark.parametrize(("kind", "suffix"), [("csv", ".csv"), ("json", ".json"),
                                              ("ics", ".ics"), ("report", ".html")])
def test_the_suggested_file_name_has_the_exports_extension(root: Path, kind: str, suffix: str):
    message = refused(run("export", kind, root, "-o", root / "applications/acme-analyst.md",
                          *TODAY))
    assert f"exports{os.sep}acme-analyst{suffix}." in message
    assert "acme-analyst.md." not in message


def test_export_writes_elsewhere_in_the_vault_and_updates_only_its_own_kind(root: Path):
    target = root / "exports" / "x.csv"
    result = run("export", "csv", root, "-o", target, *TODAY)
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"company,")
    again = run("export", "csv", root, "-o", target, *TODAY)     # exported again: updated
    assert again.exit_code == 0, again.output
    calendar = root / "exports" / "reminders.ics"
    for _ in range(2):
        assert run("export", "ics", root, "-o", calendar, *TODAY).exit_code == 0
    before = hash_tree(root)
    message = refused(run("export", "json", root, "-o", target, *TODAY))
    assert "existing file in the vault" in message
    assert f"e.g. {root / 'exports' / 'x.json'}." in message
    message = refused(run("export", "ics", root, "-o", target, *TODAY))
    assert f"e.g. {root / 'exports' / 'x.ics'}." in message
    assert hash_tree(root) == before


def test_export_overwrites_a_file_outside_the_vault(root: Path, tmp_path: Path):
    target = tmp_path / "calendar.ics"
    target.write_text("old calendar")
    for _ in range(2):
        result = run("export", "ics", root, "-o", target, *TODAY)
        assert result.exit_code == 0, result.output
        assert target.read_text().startswith("BEGIN:VCALENDAR")


def test_a_link_in_the_vault_is_not_replaced(root: Path, tmp_path: Path):
    outside = tmp_path / "mine.csv"
    outside.write_text("mine")
    (root / "link.csv").symlink_to(outside)
    refused(run("export", "csv", root, "-o", root / "link.csv", *TODAY), "existing file",
            "never writes through a link out of the vault")
    assert (root / "link.csv").is_symlink() and outside.read_text() == "mine"


def test_export_dash_is_the_terminal(root: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", "csv", root, "-o", "-", *TODAY)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("company,")
    assert "Acme" in result.output
    assert not (tmp_path / "-").exists()
    named = run("export", "csv", root, "-o", "./-", *TODAY)     # a file named "-", if asked
    assert named.exit_code == 0, named.output
    assert (tmp_path / "-").read_text().startswith("company,")


def test_export_into_a_path_under_a_file_is_a_plain_sentence(root: Path, tmp_path: Path):
    (tmp_path / "afile").write_text("x")
    refused(run("export", "csv", root, "-o", tmp_path / "afile/x.csv", *TODAY),
            "is a file, not a folder")
    assert (tmp_path / "afile").read_text() == "x"


def test_export_that_cannot_be_written_says_why(root: Path, tmp_path: Path, monkeypatch):
    real = os.replace

    def denied(source, dest, **kwargs):
        if Path(dest).name == "x.csv":
            raise PermissionError(errno.EACCES, "Permission denied", str(dest))
        return real(source, dest, **kwargs)

    monkeypatch.setattr(os, "replace", denied)
    target = tmp_path / "ro" / "x.csv"
    message = refused(run("export", "csv", root, "-o", target, *TODAY))
    assert f"Could not write {target}: Permission denied." in message
    assert list((tmp_path / "ro").iterdir()) == []         # no temporary file left behind


# --- build -o into the user's folders ---------------------------------------------------------

@pytest.mark.parametrize(("rel", "named"), [
    ("applications", "the notes folder applications/"),
    ("people", "the notes folder people/"),
    (".obsidian", "Obsidian's settings folder .obsidian/"),
    ("templates", "the templates folder templates/"),
    ("site-templates", "the site templates folder site-templates/"),
])
def test_build_force_never_moves_a_folder_of_the_vault_away(root: Path, rel: str, named: str):
    before = hash_tree(root)
    message = refused(run("build", root, "-o", root / rel, "--force", *TODAY),
                      f"is {named}")
    assert "moved" not in message
    assert hash_tree(root) == before
    assert sorted(p.name for p in root.iterdir() if ".old-" in p.name or ".tmp-" in p.name) == []


def test_the_example_vault_keeps_all_its_notes(tmp_path: Path):
    root = copy_example(tmp_path / "v")
    checked = run("check", root, *TODAY)
    before = hash_tree(root)
    refused(run("build", root, "-o", root / "applications", "--force", *TODAY),
            "the notes folder applications/")
    assert hash_tree(root) == before
    assert run("check", root, *TODAY).output == checked.output


@pytest.mark.parametrize("rel", ["applications/site", "people/x/site", ".obsidian/site",
                                 "templates/site"])
def test_build_never_puts_a_site_inside_a_folder_of_the_vault(root: Path, rel: str):
    before = hash_tree(root)
    refused(run("build", root, "-o", root / rel, *TODAY), "is inside ")
    assert hash_tree(root) == before
    assert not (root / rel).exists()


def test_build_never_uses_a_folder_that_holds_a_notes_folder(tmp_path: Path):
    root = write_vault(tmp_path / "v", {
        "jobnotes.toml": '[folders]\napplications = "search/jobs"\n',
        "search/jobs/acme.md": NOTE,
    })
    before = hash_tree(root)
    refused(run("build", root, "-o", root / "search", "--force", *TODAY),
            "contains the notes folder search/jobs/")
    assert hash_tree(root) == before


def test_a_notes_folder_linked_from_elsewhere_is_protected_where_it_is(tmp_path: Path):
    notes = write_vault(tmp_path / "notes", {"acme.md": NOTE})
    root = write_vault(tmp_path / "v", {"jobnotes.toml": 'title = "Test"\n'})
    (root / "applications").symlink_to(notes, target_is_directory=True)
    before = hash_tree(notes)
    refused(run("build", root, "-o", notes, "--force", *TODAY), "the notes folder")
    assert hash_tree(notes) == before


def test_build_elsewhere_in_and_beside_the_vault_still_works(root: Path, tmp_path: Path):
    for out in (root / "_site", root / "public", tmp_path / "site"):
        result = run("build", root, "-o", out, *TODAY)
        assert result.exit_code == 0, result.output
        assert (out / "index.html").is_file() and (out / MARKER).is_file()


# --- build -o - -------------------------------------------------------------------------------

def test_build_to_dash_is_refused(root: Path, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    refused(run("build", root, "-o", "-", *TODAY), "a site is a folder")
    assert not (tmp_path / "-").exists()


# --- a site folder that cannot be written -----------------------------------------------------

def test_build_under_a_file_is_a_plain_sentence(root: Path, tmp_path: Path):
    (tmp_path / "afile").write_text("x")
    refused(run("build", root, "-o", tmp_path / "afile/site", *TODAY),
            "Could not write the site to", "is a file, not a folder")
    assert (tmp_path / "afile").read_text() == "x"


def _deny(monkeypatch, method: str, when) -> None:
    """Make ``Path.<method>`` fail as a read-only folder does, for the paths ``when`` picks."""
    real = getattr(Path, method)

    def failing(self: Path, *args, **kwargs):
        if when(self):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, failing)


def test_build_into_a_read_only_folder_says_so(root: Path, tmp_path: Path, monkeypatch):
    _deny(monkeypatch, "mkdir", lambda path: path.name.startswith("site"))
    out = tmp_path / "ro" / "site"
    refused(run("build", root, "-o", out, "--no-cache", *TODAY),
            f"Could not write the site to {out}: Permission denied.")
    assert not out.exists()


@pytest.mark.parametrize(("method", "when"), [
    ("mkdir", lambda path: ".tmp-" in path.name),                  # the new folder
    ("rename", lambda path: ".tmp-" in path.name),                 # swapping it in
    ("rename", lambda path: path.name == "site"),                  # moving the old one
    ("write_bytes", lambda path: path.name == MARKER),               # its marker
    ("write_bytes", lambda path: path.suffix == ".css"),            # a file halfway through
])
def test_a_failed_write_keeps_the_previous_site(root: Path, tmp_path: Path, monkeypatch,
                                               method: str, when):
    out = tmp_path / "site"
    assert run("build", root, "-o", out, *TODAY).exit_code == 0
    before = hash_tree(out)
    (root / "applications/beta.md").write_text(NOTE.replace("Acme", "Beta"))
    _deny(monkeypatch, method, when)
    refused(run("build", root, "-o", out, "--no-cache", *TODAY),
            f"Could not write the site to {out}: Permission denied.")
    monkeypatch.undo()
    assert hash_tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "v"]     # nothing left over


# --- build --redact ---------------------------------------------------------------------------

def test_redacted_copy_never_replaces_the_users_own_site(root: Path):
    assert run("build", root, *TODAY).exit_code == 0
    own = hash_tree(root / "_site")
    for out in (root / "_site", root / "_site" / "shared"):
        message = refused(run("build", root, "--redact", "-o", out, *TODAY),
                          "your own site folder _site/")
        assert "never replaces your own site" in message
    assert hash_tree(root / "_site") == own
    shared = root.parent / "shared"
    assert run("build", root, "--redact", "-o", shared, *TODAY).exit_code == 0
    assert (shared / "index.html").is_file()
    assert hash_tree(root / "_site") == own


def test_redacted_copy_honours_the_output_folder_in_the_settings(tmp_path: Path):
    root = write_vault(tmp_path / "v", {"jobnotes.toml": '[folders]\noutput = "public"\n',
                                        "applications/acme.md": NOTE})
    refused(run("build", root, "--redact", "-o", root / "public", *TODAY),
            "your own site folder public/")
    assert not (root / "public").exists()
    result = run("build", root, "--redact", "-o", root / "_site", *TODAY)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("mode", [0o700, 0o750, 0o775], ids=oct)
def test_a_rebuilt_site_keeps_the_folders_permissions(root: Path, tmp_path: Path, mode: int):
    out = tmp_path / "site"
    assert run("build", root, "-o", out, *TODAY).exit_code == 0
    out.chmod(mode)                                    # e.g. made private on a shared machine
    note = root / "applications/acme-analyst.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nA second thought.\n",
                    encoding="utf-8")
    result = run("build", root, "-o", out, *TODAY)
    assert result.exit_code == 0, result.output
    assert "A second thought." in (out / "applications/acme-analyst.html").read_text(
        encoding="utf-8")
    assert out.stat().st_mode & 0o7777 == mode


def test_a_read_only_empty_folder_replaced_with_force_stays_rebuildable(root: Path,
                                                                        tmp_path: Path):
    out = tmp_path / "site"
    out.mkdir()
    out.chmod(0o555)
    assert run("build", root, "-o", out, "--force", *TODAY).exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o755          # read for all as before, and yours
    note = root / "applications/acme-analyst.md"
    note.write_text(note.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert run("build", root, "-o", out, *TODAY).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "v"]   # no old copies left
