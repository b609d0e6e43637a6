"""`jobnotes serve` keeps its loaded vault out of Python's full collections while it runs,
frees what a rebuild replaced once it is idle, and gives everything back when it stops."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from jobnotes import gcpolicy
from jobnotes.build import render_site
from jobnotes.load import load_vault
from jobnotes.serve.filter import Change, ChangeKind
from jobnotes.serve.idlegc import IdleCollector
from jobnotes.serve.ondemand import OnDemandSite
from jobnotes.serve.session import ServeSession
from tests.conftest import copy_example, running_serve

TODAY = date(2026, 11, 27)
NOTE = "applications/ashgrove-media-bi-developer.md"
NEVER = 3600.0      # an idle delay that never passes during a test: collections on demand


@pytest.fixture(autouse=True)
def collector_left_as_found() -> Iterator[None]:
    before = gc.get_threshold()
    yield
    assert gc.get_freeze_count() == 0
    assert gc.get_threshold() == before


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "vault")


@pytest.fixture
def session(root: Path) -> Iterator[ServeSession]:
    serving = ServeSession(root, today=TODAY, echo=lambda line: None, idle=NEVER)
    serving.collector.start()
    try:
        yield serving
    finally:
        serving.close()


def files(session: ServeSession) -> OnDemandSite:
    pages = session.site.state.files
    assert isinstance(pages, OnDemandSite)
    return pages


def save(root: Path, session: ServeSession, role: str) -> None:
    note = root / NOTE
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("role: ", f"role: {role} ", 1), encoding="utf-8")
    session.rebuild([Change(ChangeKind.NOTE, note)])


def test_the_loaded_state_is_left_out_of_collections_after_a_rebuild(
        session: ServeSession) -> None:
    session.rebuild()
    assert gc.get_freeze_count() > 0           # straight away: a reload never walks it
    assert b"<h1" in files(session)["index.html"]
    assert gc.get_freeze_count() > 0           # a page render does not give it back
    assert session.collector.collect()
    assert gc.get_freeze_count() > 0


def test_a_replaced_state_is_freed_after_the_next_rebuild_and_idle_collection(
        root: Path, session: ServeSession) -> None:
    session.rebuild()
    old = files(session)
    assert old["index.html"]
    old.loop = [old]            # type: ignore[attr-defined]  # a reference cycle
    gone = weakref.ref(old)
    del old
    save(root, session, "Lead")
    assert session.collector.collect()
    assert gone() is None
    assert b"Lead" in files(session)[files(session).site.links.note(NOTE)]


def test_a_replaced_state_is_taken_apart_once_idle_not_while_a_browser_waits(
        root: Path, session: ServeSession) -> None:
    session.rebuild()
    assert files(session)["calendar.ics"]
    gone = weakref.ref(files(session))
    save(root, session, "Lead")
    assert gone() is not None
    session.collector.collect()
    assert gone() is None


def test_without_the_collector_a_replaced_state_is_freed_at_once(root: Path) -> None:
    serving = ServeSession(root, today=TODAY, echo=lambda line: None)
    serving.rebuild()
    assert files(serving)["calendar.ics"]
    gone = weakref.ref(files(serving))
    save(root, serving, "Lead")
    assert gone() is None           # nothing in it refers back to it: no collection needed


def test_closing_gives_everything_back(session: ServeSession) -> None:
    session.rebuild()
    session.collector.collect()
    assert gc.get_freeze_count() > 0
    session.close()
    assert gc.get_freeze_count() == 0
    assert not session.collector.collect()     # nothing is frozen again after it stops
    session.rebuild()
    assert gc.get_freeze_count() == 0


def test_serve_collects_by_itself_once_idle(root: Path) -> None:
    serving = ServeSession(root, today=TODAY, echo=lambda line: None, idle=0.0)
    serving.collector.start()
    try:
        serving.rebuild()
        assert serving.collector.wait_collections(1)
        assert files(serving)["index.html"]
        save(root, serving, "Lead")
        assert serving.collector.wait_collections(2)
        assert gc.get_freeze_count() > 0
    finally:
        serving.close()
    assert gc.get_freeze_count() == 0


def test_serve_leaves_nothing_frozen_when_it_stops(root: Path) -> None:
    with running_serve(root):
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_pages_are_served_as_build_writes_them_with_the_collector_on(
        root: Path, session: ServeSession) -> None:
    built = render_site(load_vault(root, today=TODAY)).files
    session.rebuild()
    session.collector.collect()
    served = files(session)
    for path, data in built.items():
        assert served.get(path) == data, path


def test_a_session_never_started_freezes_nothing(root: Path) -> None:
    serving = ServeSession(root, today=TODAY, echo=lambda line: None)
    serving.rebuild()
    assert files(serving)["index.html"]
    assert not serving.collector.collect()
    assert gc.get_freeze_count() == 0


def test_kept_state_stays_frozen_across_bulk_work_until_released() -> None:
    gcpolicy.keep()
    try:
        gcpolicy.freeze_kept()
        assert gc.get_freeze_count() > 0
        with gcpolicy.bulk_work():
            gcpolicy.release()                  # while a rebuild runs: given back at its end
            assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() == 0
        gcpolicy.freeze_kept()                  # no longer kept: does nothing
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_bulk_work_ended_out_of_order_restores_the_thresholds() -> None:
    before = gc.get_threshold()
    first, second = gcpolicy.bulk_work(), gcpolicy.bulk_work()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)            # as two threads might end them
    assert gc.get_threshold() == gcpolicy.BULK_THRESHOLD
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before


def test_a_steady_stream_of_saves_is_still_collected() -> None:
    collector = IdleCollector(threading.RLock(), delay=NEVER, max_wait=0.0).start()
    try:
        collector.rebuilt()
        collector.touched()
        assert collector.wait_collections(1)       # never idle, collected all the same
        assert gc.get_freeze_count() > 0
    finally:
        collector.stop()


def test_serve_reads_the_vault_before_the_collector_thread_starts(root: Path,
                                                                  monkeypatch) -> None:
    # A second thread would keep the first load from reading notes in two processes.
    running_at_rebuild: list[bool] = []
    real = ServeSession.rebuild

    def rebuild(self: ServeSession, changes: list[Change] | None = None):  # type: ignore[no-untyped-def]
        running_at_rebuild.append(self.collector.running)
        return real(self, changes)

    monkeypatch.setattr(ServeSession, "rebuild", rebuild)
    with running_serve(root):
        assert gc.get_freeze_count() > 0          # the first state is kept frozen all the same
    assert running_at_rebuild[:1] == [False]
