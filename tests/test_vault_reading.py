"""Finding the vault, choosing which files are notes, and decoding their bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jobnotes.diagnostics import Severity
from jobnotes.errors import UsageError
from jobnotes.settings import Settings
from jobnotes.vault import (
    SITE_MARKER,
    decode_note,
    find_vault_root,
    note_kind,
    note_paths,
    note_rels,
    read_sources,
)

NOTE = "---\ncompany: Acme\n---\n"


def rels(root: Path, paths: list[Path]) -> list[str]:
    return [path.relative_to(root).as_posix() for path in paths]


# -- find_vault_root ------------------------------------------------------------------------

def test_nested_folder_finds_the_parent_holding_jobnotes_toml(vault):
    root = vault({"jobnotes.toml": "", "applications/2026/q1/a.md": NOTE})
    assert find_vault_root(root / "applications" / "2026" / "q1") == root.resolve()


def test_folder_itself_holding_jobnotes_toml(vault):
    root = vault({"jobnotes.toml": "", "applications/a.md": NOTE})
    assert find_vault_root(root) == root.resolve()


def test_without_jobnotes_toml_the_folder_itself_is_the_vault(vault):
    root = vault({"applications/a.md": NOTE})
    assert find_vault_root(root / "applications") == (root / "applications").resolve()


def test_default_is_the_current_folder(vault, monkeypatch):
    root = vault({"jobnotes.toml": "", "people/p.md": NOTE})
    monkeypatch.chdir(root / "people")
    assert find_vault_root() == root.resolve()


def test_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        find_vault_root(tmp_path / "nowhere")


# -- note_paths -----------------------------------------------------------------------------

def test_only_markdown_notes_in_the_note_folders_are_read(vault):
    root = vault({
        "applications/b.md": NOTE,
        "applications/a.md": NOTE,
        "applications/archive/2025/old.md": NOTE,
        "applications/photo.png": b"\x89PNG",
        "applications/draft.txt": "x",
        "applications/.hidden.md": NOTE,
        "people/Jane Doe.md": NOTE,
        "Daily/2026-03-05.md": NOTE,          # unrelated Obsidian notes are left alone
        "README.md": "x",
    })
    assert rels(root, note_paths(root, Settings())) == [
        "applications/a.md", "applications/archive/2025/old.md", "applications/b.md",
        "people/Jane Doe.md"]


def test_skipped_folders(vault):
    root = vault({
        "applications/a.md": NOTE,
        "applications/.obsidian/x.md": NOTE,
        "applications/.trash/deleted.md": NOTE,
        "applications/.git/x.md": NOTE,
        "applications/built/" + SITE_MARKER: "",
        "applications/built/page.md": NOTE,
        "people/p.md": NOTE,
    })
    assert rels(root, note_paths(root, Settings())) == ["applications/a.md", "people/p.md"]


def test_templates_output_and_site_templates_folders_are_skipped_even_inside_note_folders(vault):
    settings = Settings()
    settings.folders.applications = "."
    root = vault({
        "a.md": NOTE,
        "templates/application.md": NOTE,
        "_site/index.md": NOTE,
        "site-templates/x.md": NOTE,
        ".obsidian/x.md": NOTE,
        "people/p.md": NOTE,
    })
    assert rels(root, note_paths(root, settings)) == ["a.md", "people/p.md"]


def test_configured_output_folder_is_skipped(vault):
    settings = Settings()
    settings.folders.output = "applications/site"
    root = vault({"applications/a.md": NOTE, "applications/site/b.md": NOTE})
    assert rels(root, note_paths(root, settings)) == ["applications/a.md"]


def test_missing_note_folders_give_an_empty_list(tmp_path):
    assert note_paths(tmp_path, Settings()) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinks_pointing_outside_the_vault_are_skipped(vault, tmp_path):
    root = vault({"applications/a.md": NOTE, "people/real.md": NOTE})
    outside = tmp_path / "elsewhere.md"
    outside.write_text(NOTE, encoding="utf-8")
    (root / "applications" / "outside.md").symlink_to(outside)
    (root / "applications" / "inside.md").symlink_to(root / "people" / "real.md")
    (root / "applications" / "broken.md").symlink_to(root / "missing.md")
    assert rels(root, note_paths(root, Settings())) == [
        "applications/a.md", "applications/inside.md", "people/real.md"]


def test_note_kind_by_folder(vault):
    root = vault({"applications/x/a.md": NOTE, "people/p.md": NOTE})
    settings = Settings()
    kinds = [note_kind(root, path, settings) for path in note_paths(root, settings)]
    assert kinds == ["application", "person"]


def test_note_kind_prefers_the_deeper_folder(vault):
    settings = Settings()
    settings.folders.applications = "."
    root = vault({"a.md": NOTE, "people/p.md": NOTE})
    assert note_kind(root, root / "people" / "p.md", settings) == "person"
    assert note_kind(root, root / "a.md", settings) == "application"


def test_read_sources_gives_relative_posix_paths_and_bytes(vault):
    root = vault({"people/Jane Doe.md": NOTE})
    sources, problems = read_sources(root, Settings())
    assert problems == []
    assert [(s.rel, s.data) for s in sources] == [("people/Jane Doe.md", NOTE.encode())]


# -- decode_note ----------------------------------------------------------------------------

def test_utf8_bom_is_stripped():
    assert decode_note("a.md", b"\xef\xbb\xbf---\nx: 1\n---\n") == ("---\nx: 1\n---\n", [])


def test_crlf_and_lone_cr_become_lf():
    assert decode_note("a.md", b"a\r\nb\rc\n") == ("a\nb\nc\n", [])


def test_latin1_bytes_are_an_encoding_error_with_the_byte_offset():
    data = b"---\ncompany: Acme\nrole: Caf\xe9 manager\n---\n"
    text, problems = decode_note("applications/cafe.md", data)
    assert text is None
    [d] = problems
    assert (d.path, d.severity, d.rule) == ("applications/cafe.md", Severity.ERROR, "encoding")
    assert (d.line, d.column) == (3, 10)
    assert d.message == ("the file is not valid UTF-8 (invalid byte 0xE9 at byte offset 27, "
                         "line 3); save it as UTF-8")
    assert "Latin-1" in d.hint


def test_invalid_byte_position_counts_characters_and_crlf_lines():
    data = "é\r\n\r\nxé".encode() + b"\xff"
    _, [d] = decode_note("a.md", data)
    assert (d.line, d.column) == (3, 3)
    assert "byte offset 9" in d.message


def test_utf16_is_named():
    data = "---\ncompany: Acme\n---\n".encode("utf-16")   # with its byte order mark
    text, [d] = decode_note("a.md", data)
    assert text is None
    assert (d.rule, d.line, d.column) == ("encoding", 1, 1)
    assert "UTF-16" in d.message and "UTF-8" in d.message


def test_nul_bytes_mean_a_binary_file():
    text, [d] = decode_note("a.md", b"abc\ndef\x00ghi")
    assert text is None
    assert (d.rule, d.line, d.column) == ("encoding", 2, 4)
    assert "NUL" in d.message


# -- what is named like a note but is not one -------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_note_rels_tells_what_looks_like_a_note_but_cannot_be_read(vault):
    root = vault({"applications/a.md": NOTE, "applications/folder.md/b.md": NOTE,
                  "people/p.md": NOTE})
    (root / "applications" / "broken.md").symlink_to("nowhere.md")
    (root / "people" / "linked.md").symlink_to(root / "applications")
    (root / "applications" / ".hidden.md").symlink_to("nowhere.md")   # hidden: left alone
    problems = []
    rels = note_rels(root, Settings(), problems=problems)
    assert rels == ["applications/a.md", "applications/folder.md/b.md", "people/p.md"]
    assert sorted((d.path, d.severity, d.rule) for d in problems) == [
        ("applications/broken.md", Severity.WARNING, "not-a-note"),
        ("applications/folder.md", Severity.WARNING, "not-a-note"),
        ("people/linked.md", Severity.WARNING, "not-a-note"),
    ]
    messages = {d.path: d.message for d in problems}
    assert messages["applications/broken.md"] == (
        "applications/broken.md is a broken link (it points to nowhere.md, which does not "
        "exist), so it was not read")
    assert messages["people/linked.md"] == (
        "people/linked.md is a link to a folder, not a note, so it was not read")
    assert note_paths(root, Settings()) == [root / rel for rel in rels]


def test_a_misspelt_nested_folder_is_matched_in_its_own_parent(vault):
    from jobnotes.notefolders import folder_findings

    settings = Settings()
    settings.folders.applications = "search/applications"
    root = vault({"jobnotes.toml": "", "search/Applications/a.md": NOTE, "people/p.md": NOTE})
    [finding] = folder_findings(root, settings)
    assert finding.path == "search/applications"
    assert finding.hint.startswith("did you mean search/Applications/?")
