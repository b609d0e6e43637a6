"""A single line break shows as Obsidian shows it: as a line break under its default
("Strict line breaks" off), joined when the vault turns that on or is no Obsidian vault;
a build after the setting changes never keeps pages of the old rule."""

from __future__ import annotations

import json
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from tests.conftest import running_serve
from tests.test_serve_attachments_first import served_url

NOTE = ("---\ncompany: Acme\nrole: Analyst\nstatus: applied\napplied: 2026-11-02\n---\n\n"
        "## Notes\n\nstatus:: waiting\nnext step:: call the recruiter\n")
PAGE = Path("applications") / "acme.html"


def build(root: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out),
                                       "--today", "2026-11-27", *extra])
    assert result.exit_code == 0, result.output
    return (out / PAGE).read_text(encoding="utf-8")


def obsidian(root: Path, settings: dict[str, object] | None) -> None:
    folder = root / ".obsidian"
    folder.mkdir(exist_ok=True)
    if settings is not None:
        (folder / "app.json").write_text(json.dumps(settings), encoding="utf-8")


def test_obsidian_default_shows_single_line_breaks(vault, tmp_path):
    root = vault({"applications/acme.md": NOTE})
    obsidian(root, {})
    html = build(root, tmp_path / "site", "--no-cache")
    assert "status:: waiting<br>\nnext step:: call the recruiter" in html


def test_strict_line_breaks_and_plain_folders_join_the_lines(vault, tmp_path):
    root = vault({"applications/acme.md": NOTE})
    assert "status:: waiting\nnext step::" in build(root, tmp_path / "a", "--no-cache")
    obsidian(root, {"strictLineBreaks": True})
    assert "<br>" not in build(root, tmp_path / "b", "--no-cache").split("next step")[0][-40:]


def test_a_jobnotes_folder_inside_an_obsidian_vault_follows_its_settings(tmp_path):
    outer = tmp_path / "Obsidian"
    root = outer / "Job Search"
    (root / "applications").mkdir(parents=True)
    (root / "applications" / "acme.md").write_text(NOTE, encoding="utf-8")
    obsidian(outer, None)                        # an Obsidian folder with no app.json yet
    assert "waiting<br>" in build(root, tmp_path / "site", "--no-cache")


def test_changing_the_setting_rebuilds_the_pages_from_the_cache(vault, tmp_path,
                                                                monkeypatch):
    monkeypatch.setenv("JOBNOTES_CACHE_DIR", str(tmp_path / "cache"))
    root = vault({"applications/acme.md": NOTE})
    obsidian(root, {})
    out = tmp_path / "site"
    assert "waiting<br>" in build(root, out)
    obsidian(root, {"strictLineBreaks": True})
    assert "waiting<br>" not in build(root, out)           # not "nothing changed"
    obsidian(root, {"strictLineBreaks": False})
    assert "waiting<br>" in build(root, out)               # nor an old body reused


# --- links to notes of the Obsidian vault around the jobnotes folder ---------------------

def test_a_link_to_a_note_elsewhere_in_the_obsidian_vault_is_not_missing(tmp_path):
    outer = tmp_path / "Obsidian"
    root = outer / "Job Search"
    (root / "applications").mkdir(parents=True)
    (outer / "Other").mkdir()
    (outer / "Other" / "Outside Note.md").write_text("# Outside\n", encoding="utf-8")
    obsidian(outer, {})
    (root / "applications" / "acme.md").write_text(
        NOTE + "\n[[Outside Note]] and [[Other/Outside Note|that]] and [[Nowhere]]\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(root), "--today", "2026-11-27"])
    out = result.output
    assert "[[Outside Note]] links to Other/Outside Note.md, a note of your Obsidian " \
           "vault outside the jobnotes folder; it is shown unlinked" in out
    assert out.count("[link-elsewhere]") == 2
    assert "[[Nowhere]] links to a note that is not in the vault" in out


# --- serve follows the setting as it changes ----------------------------------------------

def _page_eventually(base: str, wanted: Callable[[str], bool]) -> str:
    deadline = time.monotonic() + 20
    while True:
        with urllib.request.urlopen(base + PAGE.as_posix(), timeout=10) as response:
            html = response.read().decode("utf-8")
        if wanted(html) or time.monotonic() > deadline:
            return html
        time.sleep(0.1)


@pytest.mark.parametrize("inside", [False, True], ids=["vault-is-obsidian", "vault-inside"])
def test_serve_shows_the_new_rule_when_obsidian_s_setting_changes(tmp_path, inside):
    outer = tmp_path / "Obsidian"
    root = outer / "Job Search" if inside else outer
    (root / "applications").mkdir(parents=True)
    (root / "applications" / "acme.md").write_text(NOTE, encoding="utf-8")
    obsidian(outer, {})
    with running_serve(root) as lines:
        base = served_url(lines)
        assert "waiting<br>" in _page_eventually(base, lambda html: True)
        obsidian(outer, {"strictLineBreaks": True})
        assert "waiting<br>" not in _page_eventually(base, lambda html: "<br>" not in html)
        obsidian(outer, {"strictLineBreaks": False})
        assert "waiting<br>" in _page_eventually(base, lambda html: "waiting<br>" in html)
