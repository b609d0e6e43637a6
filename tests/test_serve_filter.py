"""Which file events rebuild the site during `jobnotes serve`."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobnotes.serve.filter import ChangeKind, EventFilter, is_editor_temp
from jobnotes.settings import Settings


@pytest.fixture
def event_filter(tmp_path: Path) -> EventFilter:
    vault = tmp_path / "vault"
    templates = tmp_path / "shipped-templates"
    vault.mkdir()
    templates.mkdir()
    return EventFilter(vault, Settings(), [vault / "site-templates", templates],
                       [vault / "_site", tmp_path / "elsewhere-out"])


@pytest.mark.parametrize("name", [
    ".acme.md.swp", ".acme.md.swo", ".acme.md.swx", "4913", "acme.md~", "#acme.md#",
    ".#acme.md", "acme.md___jb_tmp___", "acme.md___jb_old___", "acme.md.tmp",
    ".DS_Store", ".goutputstream-XYZ12", "acme.md.crswap",
])
def test_editor_temporary_files_are_ignored(event_filter: EventFilter, name: str) -> None:
    assert is_editor_temp(name)
    assert event_filter.classify(event_filter.vault_root / "applications" / name) is None


@pytest.mark.parametrize("rel", [
    ".git/index", ".git/objects/ab/cdef", ".obsidian/workspace.json", ".trash/old.md",
    "_site/index.html", "_site/applications/acme.html", "templates/application.md",
    "applications/.hidden/draft.md",
])
def test_hidden_output_and_template_folders_never_rebuild(event_filter: EventFilter,
                                                          rel: str) -> None:
    assert event_filter.classify(event_filter.vault_root / rel) is None


def test_an_explicit_output_folder_is_ignored(event_filter: EventFilter, tmp_path: Path) -> None:
    assert event_filter.classify(tmp_path / "elsewhere-out" / "index.html") is None


def test_notes_settings_and_templates_are_classified(event_filter: EventFilter,
                                                     tmp_path: Path) -> None:
    root = event_filter.vault_root
    assert event_filter.classify(root / "applications" / "acme.md").kind is ChangeKind.NOTE
    assert event_filter.classify(root / "people" / "Jane Doe.md").kind is ChangeKind.NOTE
    assert event_filter.classify(root / "jobnotes.toml").kind is ChangeKind.SETTINGS
    assert (event_filter.classify(root / "site-templates" / "base.html").kind
            is ChangeKind.TEMPLATE)
    shipped = tmp_path / "shipped-templates" / "static" / "style.css"
    assert event_filter.classify(shipped).kind is ChangeKind.TEMPLATE


def test_a_renamed_notes_folder_is_rescanned(event_filter: EventFilter) -> None:
    change = event_filter.classify(event_filter.vault_root / "applications" / "archive")
    assert change is not None and change.kind is ChangeKind.NOTE


def test_other_notes_and_attachments_rebuild_for_links_and_embeds(
        event_filter: EventFilter) -> None:
    root = event_filter.vault_root
    assert event_filter.classify(root / "Home.md").kind is ChangeKind.OTHER
    assert event_filter.classify(root / "attachments" / "chart.png").kind is ChangeKind.OTHER


def test_obsidian_s_settings_file_rebuilds_at_or_above_the_vault(event_filter: EventFilter,
                                                                 tmp_path: Path) -> None:
    # How notes read (line breaks) follows the Obsidian vault's app.json, wherever it is.
    root = event_filter.vault_root
    assert event_filter.classify(root / ".obsidian" / "app.json").kind is ChangeKind.SETTINGS
    assert event_filter.classify(tmp_path / ".obsidian" / "app.json").kind is ChangeKind.SETTINGS
    assert event_filter.classify(root / ".obsidian" / "appearance.json") is None
    assert event_filter.classify(root / "applications" / ".obsidian" / "app.json") is None
    assert event_filter.classify(tmp_path / "other" / ".obsidian" / "app.json") is None
