"""`jobnotes serve` reads the vault before its watcher starts (so that the first load can
use two processes), and still shows what was saved while that first load ran."""

from __future__ import annotations

import os
import shutil
import threading
import time
from datetime import date
from pathlib import Path

import pytest

from jobnotes.serve import session as session_module
from jobnotes.serve.session import ServeSession, run
from jobnotes.serve.watch import written_since
from tests.conftest import EXAMPLE_VAULT

TODAY = date(2026, 11, 27)
NOTE = "applications/ashgrove-media-bi-developer.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    copy = tmp_path / "vault"
    shutil.copytree(EXAMPLE_VAULT, copy, ignore=shutil.ignore_patterns("_site"))
    return copy


def _age(root: Path, seconds: float = 60.0) -> int:
    """Make every file and folder of the vault older than now; the time in between."""
    past = time.time() - seconds
    for folder, dirs, files in os.walk(root):
        for name in files + dirs:
            os.utime(os.path.join(folder, name), (past, past))
    os.utime(root, (past, past))
    return time.time_ns() - 1_000_000_000


def _page_of_note(session: ServeSession) -> bytes | None:
    pages = session.site.state.files
    page = pages.site.links.note(NOTE)  # type: ignore[union-attr]
    return pages.get(page) if page else None


def test_a_note_saved_during_the_first_load_is_shown_once_the_watcher_runs(root: Path) -> None:
    since = _age(root)
    session = ServeSession(root, today=TODAY, echo=lambda line: None)
    session.rebuild()
    note = root / NOTE
    note.write_text(note.read_text().replace("role: ", "role: Caught Up ", 1))
    session.catch_up(since)
    assert b"Caught Up" in (_page_of_note(session) or b"")


def test_a_note_deleted_during_the_first_load_is_gone_after_catching_up(root: Path) -> None:
    since = _age(root)
    session = ServeSession(root, today=TODAY, echo=lambda line: None)
    session.rebuild()
    assert _page_of_note(session) is not None
    (root / NOTE).unlink()
    session.catch_up(since)
    assert _page_of_note(session) is None


def test_nothing_changed_during_the_first_load_means_no_second_build(root: Path) -> None:
    since = _age(root)
    lines: list[str] = []
    session = ServeSession(root, today=TODAY, echo=lines.append)
    session.rebuild()
    session.catch_up(since)
    assert sum(line.startswith("Built in") for line in lines) == 1


def test_serve_makes_its_watcher_after_the_first_load(root: Path, monkeypatch) -> None:
    events: list[str] = []
    real_rebuild, real_watcher = ServeSession.rebuild, session_module.Watcher

    def rebuild(self: ServeSession, changes=None):  # type: ignore[no-untyped-def]
        events.append("rebuild")
        return real_rebuild(self, changes)

    def watcher(*args, **kwargs):  # type: ignore[no-untyped-def]
        events.append("watcher")
        return real_watcher(*args, **kwargs)

    monkeypatch.setattr(ServeSession, "rebuild", rebuild)
    monkeypatch.setattr(session_module, "Watcher", watcher)
    _age(root)
    ready, stop = threading.Event(), threading.Event()
    thread = threading.Thread(target=run, args=(root,), daemon=True, kwargs=dict(
        port=0, explicit_port=True, today=TODAY, echo=lambda line: None, ready=ready,
        stop=stop))
    thread.start()
    try:
        assert ready.wait(30)
    finally:
        stop.set()
        thread.join(30)
    assert events[:2] == ["rebuild", "watcher"]


def test_written_since_finds_new_files_and_folders_that_changed(tmp_path: Path) -> None:
    root = tmp_path / "vault"
    (root / "applications").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "_site").mkdir()
    (root / "applications" / "old.md").write_text("old")
    since = _age(root)
    (root / "applications" / "new.md").write_text("new")
    (root / ".git" / "index").write_text("hidden")
    (root / "_site" / "index.html").write_text("output")
    found = {os.path.relpath(p, root) for p in written_since([root], since, [root / "_site"])}
    assert found == {"applications", os.path.join("applications", "new.md")}
