"""What `export -o PATH` does with what is already at PATH: a file is replaced whole, a link
is written through (and stays a link), a pipe or device is written into, a folder is
refused; never a temporary file left behind."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from tests.conftest import APPLIED_NOTE, hash_tree, write_vault

TODAY = ["--today", "2026-11-27"]
KINDS = {"csv": b"company,", "json": b"{", "ics": b"BEGIN:VCALENDAR", "report": b"<!doctype"}


def run(*args: str | Path):
    return CliRunner().invoke(main, [str(arg) for arg in args])


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "v", {"jobnotes.toml": 'title = "Test"\n',
                                        "Home.md": "# Home\n",
                                        "applications/acme-analyst.md": APPLIED_NOTE})


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def wrote(result) -> None:
    assert result.exit_code == 0, result.output
    assert "Wrote " in result.output


def refused(result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "\nError: " in f"\n{result.output}"
    for word in words:
        assert word in result.output, result.output


def leftovers(*folders: Path) -> list[str]:
    return [p.name for folder in folders for p in folder.iterdir() if p.name.endswith(".tmp")]


# --- links ------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_link_is_written_through_and_stays_a_link(root: Path, out: Path, kind: str):
    real = out / "real.txt"
    real.write_text("keep")
    link = out / "link.txt"
    link.symlink_to("real.txt")                # relative, as `ln -s real.txt link.txt`
    wrote(run("export", kind, root, "-o", link, *TODAY))
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_bytes().startswith(KINDS[kind])
    assert leftovers(out) == []


def test_a_chain_of_links_and_a_linked_folder_reach_the_real_file(root: Path, out: Path,
                                                                  tmp_path: Path):
    (out / "data").mkdir()
    real = out / "data" / "real.csv"
    real.write_text("old")
    (out / "middle.csv").symlink_to(real)
    (out / "first.csv").symlink_to(out / "middle.csv")
    wrote(run("export", "csv", root, "-o", out / "first.csv", *TODAY))
    assert real.read_bytes().startswith(b"company,")
    assert (out / "first.csv").is_symlink() and (out / "middle.csv").is_symlink()
    (tmp_path / "alias").symlink_to(out / "data", target_is_directory=True)
    wrote(run("export", "json", root, "-o", tmp_path / "alias" / "real.csv", *TODAY))
    assert real.read_bytes().startswith(b"{")
    assert leftovers(out, out / "data", tmp_path) == []


def test_a_dangling_link_creates_its_file_when_the_folder_exists(root: Path, out: Path):
    link = out / "cal.ics"
    link.symlink_to(out / "made.ics")
    wrote(run("export", "ics", root, "-o", link, *TODAY))
    assert link.is_symlink() and (out / "made.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_a_dangling_link_into_a_missing_folder_is_refused(root: Path, out: Path):
    link = out / "cal.ics"
    link.symlink_to(out / "nowhere" / "made.ics")
    refused(run("export", "ics", root, "-o", link, *TODAY), "is a link to",
            "does not exist")
    assert link.is_symlink() and not (out / "nowhere").exists()
    assert leftovers(out) == []


def test_a_link_that_leads_back_to_itself_is_refused(root: Path, out: Path):
    (out / "a.csv").symlink_to(out / "b.csv")
    (out / "b.csv").symlink_to(out / "a.csv")
    refused(run("export", "csv", root, "-o", out / "a.csv", *TODAY), "leads back to itself")
    assert (out / "a.csv").is_symlink() and (out / "b.csv").is_symlink()


def test_the_file_a_link_leads_to_keeps_its_permissions(root: Path, out: Path):
    real = out / "private.csv"
    real.write_text("old")
    real.chmod(0o600)
    (out / "link.csv").symlink_to(real)
    wrote(run("export", "csv", root, "-o", out / "link.csv", *TODAY))
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_failed_write_through_a_link_leaves_the_file_and_no_temporary(root: Path, out: Path,
                                                                          monkeypatch):
    (out / "data").mkdir()
    real = out / "data" / "real.csv"
    real.write_text("keep")
    (out / "link.csv").symlink_to(real)

    def full(source, dest):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    refused(run("export", "csv", root, "-o", out / "link.csv", *TODAY),
            "No space left on device.")
    assert real.read_text() == "keep"
    assert leftovers(out, out / "data") == []


# --- links and the vault ----------------------------------------------------------------------

def test_a_link_from_outside_never_reaches_a_note_or_the_settings(root: Path, out: Path):
    before = hash_tree(root)
    for name, inside in (("a.csv", "Home.md"), ("b.csv", "jobnotes.toml"),
                         ("c.csv", "applications/acme-analyst.md"),
                         ("d.csv", "applications/new.csv")):
        (out / name).symlink_to(root / inside)
        refused(run("export", "csv", root, "-o", out / name, *TODAY))
    assert hash_tree(root) == before


def test_a_link_in_the_vault_to_an_earlier_export_updates_it(root: Path):
    (root / "exports").mkdir()
    real = root / "exports" / "2026-11.csv"
    real.write_text("old export")
    (root / "exports" / "latest.csv").symlink_to("2026-11.csv")
    wrote(run("export", "csv", root, "-o", root / "exports" / "latest.csv", *TODAY))
    assert real.read_bytes().startswith(b"company,")
    assert (root / "exports" / "latest.csv").is_symlink()


def test_a_link_in_the_vault_never_leads_an_export_out_of_it(root: Path, out: Path):
    mine = out / "mine.csv"
    mine.write_text("mine")
    (root / "shared.csv").symlink_to(mine)
    refused(run("export", "csv", root, "-o", root / "shared.csv", *TODAY),
            "outside the vault", "never writes through a link out of the vault")
    assert mine.read_text() == "mine" and (root / "shared.csv").is_symlink()


# --- pipes, devices, folders ------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_gets_the_export(root: Path, out: Path):
    pipe = out / "p.json"
    os.mkfifo(pipe)
    got: list[bytes] = []

    def reader() -> None:
        with open(pipe, "rb") as stream:
            got.append(stream.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    result = run("export", "json", root, "-o", pipe, *TODAY)
    thread.join(10)
    if thread.is_alive():                       # never opened for writing: free the reader
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(10)
    wrote(result)
    assert got and got[0].startswith(b"{") and b'"schema_version": 1' in got[0]
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert leftovers(out) == []


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_dev_null_is_written_and_stays_a_device(root: Path, kind: str):
    null = Path(os.devnull)
    if not null.exists() or not stat.S_ISCHR(null.stat().st_mode):
        pytest.skip("no /dev/null character device here")
    wrote(run("export", kind, root, "-o", null, *TODAY))
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_a_socket_is_refused_in_a_sentence(root: Path, out: Path):
    if not hasattr(socket, "AF_UNIX"):
        pytest.skip("no Unix sockets here")
    path = out / "s.csv"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
    except OSError:
        pytest.skip("cannot make a socket file here")
    try:
        refused(run("export", "csv", root, "-o", path, *TODAY), "is a socket")
        assert stat.S_ISSOCK(path.lstat().st_mode)
    finally:
        server.close()


@pytest.mark.parametrize("linked", [False, True])
def test_a_folder_is_refused(root: Path, out: Path, linked: bool):
    folder = out / "folder"
    folder.mkdir()
    target = folder
    if linked:
        target = out / "link"
        target.symlink_to(folder, target_is_directory=True)
    refused(run("export", "csv", root, "-o", target, *TODAY), "is a folder",
            "give a file name")
    assert list(folder.iterdir()) == [] and leftovers(out) == []


def test_a_missing_file_and_its_folders_are_made(root: Path, out: Path):
    target = out / "new" / "deeper" / "x.csv"
    wrote(run("export", "csv", root, "-o", target, *TODAY))
    assert target.read_bytes().startswith(b"company,")
    assert leftovers(target.parent) == []
