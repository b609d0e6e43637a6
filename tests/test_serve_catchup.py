"""`jobnotes serve` reads the vault before its watcher starts (so that the first load can
use two processes), and still shows what was saved while that first load ran."""

from __future__ import annotations

import os
import time
from datetime import date
from pathlib import Path

import pytest

from jobnotes.serve import session as session_module
from jobnotes.serve.session import ServeSession
from tests.conftest import copy_example, running_serve

TODAY = date(2026, 11, 27)
NOTE = "applications/ashgrove-media-bi-developer.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "vault")


def _age(root: Path, seconds: float = 60.0) -> None:
    """Make every file and folder of the vault older than now, as a vault edited earlier."""
    past = time.time() - seconds
    for folder, dirs, files in os.walk(root):
        for name in files + dirs:
            os.utime(os.path.join(folder, name), (past, past))
    os.utime(root, (past, past))


def _page_of_note(session: ServeSession) -> bytes | None:
    pages = session.site.state.files
    page = pages.site.links.note(NOTE)  # type: ignore[union-attr]
    return pages.get(page) if page else None


def test_a_note_saved_during_the_first_load_is_shown_once_the_watcher_runs(root: Path) -> None:
    _age(root)
    session = ServeSession(root, today=TODAY, echo=lambda line: None)
    before = session.setup_stamps()
    session.rebuild()
    note = root / NOTE
    note.write_text(note.read_text().replace("role: ", "role: Caught Up ", 1))
    session.catch_up(before)
    assert b"Caught Up" in (_page_of_note(session) or b"")


def test_a_note_deleted_during_the_first_load_is_gone_after_catching_up(root: Path) -> None:
    _age(root)
    session = ServeSession(root, today=TODAY, echo=lambda line: None)
    before = session.setup_stamps()
    session.rebuild()
    assert _page_of_note(session) is not None
    (root / NOTE).unlink()
    session.catch_up(before)
    assert _page_of_note(session) is None


def test_nothing_changed_during_the_first_load_means_no_second_build(root: Path) -> None:
    _age(root)
    lines: list[str] = []
    session = ServeSession(root, today=TODAY, echo=lines.append)
    before = session.setup_stamps()
    session.rebuild()
    session.catch_up(before)
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
    with running_serve(root):
        pass
    assert events[:2] == ["rebuild", "watcher"]


def test_a_vault_written_just_before_serve_starts_is_read_once(root: Path) -> None:
    lines: list[str] = []
    (root / NOTE).write_text((root / NOTE).read_text() + "\nJust written.\n")
    (root / "jobnotes.toml").touch()
    session = ServeSession(root, today=TODAY, echo=lines.append)
    before = session.setup_stamps()
    session.rebuild()
    session.catch_up(before)
    assert sum(line.startswith("Built in") for line in lines) == 1


def test_settings_changed_during_the_first_load_are_caught_up_with(root: Path) -> None:
    _age(root)
    session = ServeSession(root, today=TODAY, echo=lambda line: None)
    before = session.setup_stamps()
    session.rebuild()
    settings = root / "jobnotes.toml"
    settings.write_text(settings.read_text().replace('title = "Maya\'s job search"',
                                                     'title = "Caught up"'))
    session.catch_up(before)
    assert session.settings.title == "Caught up"
