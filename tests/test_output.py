"""Writing the output folder: never over the vault or a foreign folder, and all at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import hash_tree, write_vault

from jobnotes.errors import UsageError
from jobnotes.site import output
from jobnotes.site.output import MARKER, write_site

FILES = {"index.html": b"<p>new</p>", "applications/a.html": b"a", "static/style.css": b"css"}


@pytest.fixture
def vault_root(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "search", {"applications/a.md": "---\ncompany: A\n---\n"})


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir())


def test_writes_files_and_marker(vault_root: Path):
    out = vault_root / "_site"
    assert write_site(FILES, out, vault_root).moved_aside is None
    assert (out / "applications/a.html").read_bytes() == b"a"
    assert (out / MARKER).is_file()
    assert siblings(out) == ["_site", "applications"]      # no tmp or old folder left


def test_rebuild_replaces_previous_site(vault_root: Path):
    out = vault_root / "_site"
    write_site({"old.html": b"old", **FILES}, out, vault_root)
    write_site(FILES, out, vault_root)
    assert not (out / "old.html").exists()
    assert (out / "index.html").read_bytes() == b"<p>new</p>"
    assert siblings(out) == ["_site", "applications"]


def test_out_equal_to_vault_is_refused(vault_root: Path):
    before = hash_tree(vault_root)
    with pytest.raises(UsageError, match="is the vault itself"):
        write_site(FILES, vault_root, vault_root)
    with pytest.raises(UsageError, match="is the vault itself"):
        write_site(FILES, vault_root / "applications" / "..", vault_root, force=True)
    assert hash_tree(vault_root) == before


def test_out_containing_the_vault_is_refused(vault_root: Path):
    with pytest.raises(UsageError, match="contains the vault"):
        write_site(FILES, vault_root.parent, vault_root, force=True)
    assert (vault_root / "applications/a.md").is_file()


def test_out_that_is_a_file_is_refused(vault_root: Path):
    target = vault_root.parent / "site.html"
    target.write_text("mine")
    with pytest.raises(UsageError, match="existing file"):
        write_site(FILES, target, vault_root, force=True)
    assert target.read_text() == "mine"


def test_non_empty_foreign_folder_is_refused(vault_root: Path):
    out = vault_root.parent / "public"
    write_vault(out, {"keep.txt": "precious"})
    with pytest.raises(UsageError, match="--force"):
        write_site(FILES, out, vault_root)
    assert (out / "keep.txt").read_text() == "precious"
    assert siblings(out) == ["public", "search"]


def test_empty_folder_is_used(vault_root: Path):
    out = vault_root.parent / "public"
    out.mkdir()
    assert write_site(FILES, out, vault_root).moved_aside is None
    assert (out / "index.html").is_file()
    assert siblings(out) == ["public", "search"]


def test_force_moves_a_foreign_folder_aside_without_deleting_it(vault_root: Path):
    out = vault_root.parent / "public"
    write_vault(out, {"keep.txt": "precious", "sub/more.txt": "more"})
    before = hash_tree(out)
    moved = write_site(FILES, out, vault_root, force=True).moved_aside
    assert moved is not None and moved.parent == out.parent
    assert moved.name.startswith("public.old-")
    assert hash_tree(moved) == before
    assert (out / MARKER).is_file() and (out / "index.html").is_file()


def test_failed_write_leaves_previous_site_untouched(vault_root: Path, monkeypatch):
    out = vault_root / "_site"
    write_site(FILES, out, vault_root)
    before = hash_tree(out)

    real_write = Path.write_bytes
    calls = []

    def failing_write(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_write)
    with pytest.raises(OSError, match="disk full"):
        write_site({**FILES, "extra.html": b"x"}, out, vault_root)
    monkeypatch.undo()

    assert hash_tree(out) == before
    assert siblings(out) == ["_site", "applications"]       # the tmp folder is gone


def test_failed_swap_puts_previous_site_back(vault_root: Path, monkeypatch):
    out = vault_root / "_site"
    write_site(FILES, out, vault_root)
    before = hash_tree(out)
    real_rename = Path.rename

    def failing_rename(self: Path, target):
        if ".tmp-" in self.name:
            raise OSError("rename failed")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_rename)
    with pytest.raises(OSError, match="rename failed"):
        write_site({"index.html": b"other"}, out, vault_root)
    monkeypatch.undo()
    assert hash_tree(out) == before
    assert siblings(out) == ["_site", "applications"]


def test_unsafe_relative_paths_are_rejected(vault_root: Path):
    for bad in ("../escape.html", "/abs.html", "a//b.html", "a\\b.html", ""):
        with pytest.raises(ValueError):
            write_site({bad: b"x"}, vault_root / "_site", vault_root)
    assert not (vault_root / "_site").exists()
    assert not (vault_root.parent / "escape.html").exists()


def test_check_output_accepts_a_folder_we_wrote(vault_root: Path):
    out = vault_root / "_site"
    write_site(FILES, out, vault_root)
    (out / "stray.txt").write_text("x")
    output.check_output(out, vault_root)      # ours (marker present): no error


# --- files written in pieces ------------------------------------------------------------------

def in_pieces(writer: output.SiteWriter, rel: str, pieces) -> str:
    with writer.in_pieces(rel) as file:
        for piece in pieces:
            file.write(piece)
    return file.digest


def test_a_file_in_pieces_is_written_whole_with_the_digest_of_its_bytes(vault_root: Path):
    from jobnotes.cache import digest

    out = vault_root / "_site"
    pieces = [b"<table>", b"<tr>row</tr>" * 1000, b"</table>"]
    with output.SiteWriter(out, vault_root) as writer:
        sha = in_pieces(writer, "applications/index.html", pieces)
        one = in_pieces(writer, "index.html", [b"<p>one</p>"])
        none = in_pieces(writer, "empty.html", [])
    assert (out / "applications/index.html").read_bytes() == b"".join(pieces)
    assert sha == digest(b"".join(pieces))
    assert (one, none) == (digest(b"<p>one</p>"), digest(b""))
    assert (out / "empty.html").read_bytes() == b""
    assert siblings(out) == ["_site", "applications"]
    assert sorted(p.name for p in (out / "applications").iterdir()) == ["index.html"]


def test_an_unchanged_file_in_pieces_stays_the_old_file_and_a_changed_one_is_new(
        vault_root: Path):
    from jobnotes.cache import digest

    out = vault_root / "_site"
    same, changed = [b"a" * 10, b"b" * 10], [b"c" * 10, b"d" * 10]
    with output.SiteWriter(out, vault_root) as writer:
        in_pieces(writer, "same.html", same)
        in_pieces(writer, "changed.html", same)
    before = {name: (out / name).stat().st_ino for name in ("same.html", "changed.html")}
    kept = {"same.html": digest(b"".join(same)), "changed.html": digest(b"".join(same))}
    with output.SiteWriter(out, vault_root, unchanged=kept) as writer:
        in_pieces(writer, "same.html", same)
        in_pieces(writer, "changed.html", changed)
    assert (out / "same.html").stat().st_ino == before["same.html"]
    assert (out / "changed.html").read_bytes() == b"".join(changed)
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "changed.html", "same.html"]


def test_a_failure_halfway_through_a_file_in_pieces_keeps_the_previous_site(vault_root: Path):
    out = vault_root / "_site"
    write_site(FILES, out, vault_root)
    before = hash_tree(out)

    def failing():
        yield b"<table>"
        yield b"<tr>"
        raise RuntimeError("template failed")

    with pytest.raises(RuntimeError), output.SiteWriter(out, vault_root) as writer:
        in_pieces(writer, "applications/index.html", failing())
    assert hash_tree(out) == before
    assert siblings(out) == ["_site", "applications"]


# --- the user's own folders, and folders that cannot be written -------------------------------

def test_check_output_refuses_the_folders_the_settings_name(vault_root: Path):
    from jobnotes.settings import Folders

    (vault_root / "jobnotes.toml").write_text('[folders]\npeople = "contacts"\n')
    with pytest.raises(UsageError, match="is the notes folder contacts/"):
        output.check_output(vault_root / "contacts", vault_root, force=True)
    with pytest.raises(UsageError, match="is inside the notes folder jobs/"):
        output.check_output(vault_root / "jobs" / "site", vault_root,
                            folders=Folders(applications="jobs"))
    output.check_output(vault_root / "people", vault_root,
                        folders=Folders(people="contacts"))     # not a notes folder there


def test_a_write_error_names_the_site_folder_and_other_errors_pass(vault_root: Path):
    out = vault_root / "_site"
    write_site(FILES, out, vault_root)
    before = hash_tree(out)
    with pytest.raises(UsageError, match=r"Could not write the site to .*_site: No space"), \
            output.SiteWriter(out, vault_root) as writer:
        writer.add("index.html", b"new")
        raise OSError(28, "No space left on device", str(writer.tmp / "a.html"))
    note = vault_root / "applications/a.md"
    with pytest.raises(PermissionError), output.SiteWriter(out, vault_root):
        raise PermissionError(13, "Permission denied", str(note))     # reading, not writing
    assert hash_tree(out) == before
    assert siblings(out) == ["_site", "applications"]
