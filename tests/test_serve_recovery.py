"""`jobnotes serve` when things go wrong and come right: a broken note keeps its last good
page, missing pages say why, no build yet is said plainly, broken settings keep the last
good ones, and a vault folder that goes away and comes back is followed."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from jobnotes.serve.filter import Change, ChangeKind
from jobnotes.serve.server import LiveServer, bind_server, serve_in_thread
from jobnotes.serve.session import ServeSession
from tests.conftest import copy_example, running_serve

TODAY = date(2026, 11, 27)
NOTE = "applications/lumenfield-analytics-engineer.md"
PAGE = "applications/lumenfield-analytics-engineer.html"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "vault")


@contextmanager
def serving(root: Path) -> Iterator[tuple[ServeSession, LiveServer, list[str]]]:
    """A session of ``root``, built once, behind a server on a free port."""
    said: list[str] = []
    session = ServeSession(root, today=TODAY, echo=said.append)
    session.rebuild()
    server, _ = bind_server(session.site, "127.0.0.1", 0, explicit_port=True)
    serve_in_thread(server)
    try:
        yield session, server, said
    finally:
        server.shutdown()
        server.server_close()
        session.close()


def fetch(port: int, path: str) -> tuple[int, str, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Host": "localhost"})
    response = conn.getresponse()
    body = response.read().decode()
    conn.close()
    return response.status, response.getheader("Content-Type") or "", body


def status_of(port: int) -> dict:
    return json.loads(fetch(port, "/__jobnotes/status")[2])


def wait_until(predicate: Callable[[], object], timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return bool(predicate())


def _unclose_front_matter(path: Path) -> str:
    """Remove the closing ``---`` of the note at ``path``; its text before."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    closing = [n for n, line in enumerate(lines) if line.strip() == "---"][1]
    del lines[closing]
    path.write_text("".join(lines), encoding="utf-8")
    return text


# --- 3: a broken note keeps its page; missing pages say why ---------------------------------

def test_a_note_that_no_longer_parses_keeps_its_last_good_page(root: Path) -> None:
    with serving(root) as (session, server, _):
        status, _, good = fetch(server.port, "/" + PAGE)
        assert status == 200 and "Lumenfield" in good
        _unclose_front_matter(root / NOTE)
        session.rebuild([Change(ChangeKind.NOTE, root / NOTE)])
        status, kind, kept = fetch(server.port, "/" + PAGE)
        assert status == 200 and kind.startswith("text/html")
        assert "Lumenfield" in kept and "No such page" not in kept
        # The overlay says why: the front matter error is among the findings.
        live = status_of(server.port)
        assert any(f["path"] == NOTE and f["severity"] == "error" for f in live["findings"])


TABLE = "/applications/index.html"


def _rebuild_after_edit(session: ServeSession, root: Path) -> None:
    session.rebuild([Change(ChangeKind.NOTE, root / NOTE)])


def _row_status(table: str) -> str | None:
    """The status the table gives the Lumenfield application (None: not listed)."""
    found = re.search(r'<tr data-status="(\w+)"[^>]*data-key="' + re.escape(PAGE), table)
    return found.group(1) if found else None


def _findings(session: ServeSession) -> list:
    """Every finding of the vault being served, hints included."""
    return session.site.state.files.vault.diagnostics


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("status: rejected", "status: rej"),        # a value mid-typed
    lambda text: text.replace("---\n", "", 2).replace("company:", "---\ncompany:", 1),
])
def test_a_note_broken_mid_edit_stays_in_the_table_and_figures_as_it_last_read(
        root: Path, edit: Callable[[str], str]) -> None:
    with serving(root) as (session, server, _):
        assert _row_status(fetch(server.port, TABLE)[2]) == "rejected"
        checked = status_of(server.port)
        note = root / NOTE
        good = note.read_text(encoding="utf-8")
        note.write_text(edit(good), encoding="utf-8")
        _rebuild_after_edit(session, root)
        assert _row_status(fetch(server.port, TABLE)[2]) == "rejected"
        findings = status_of(server.port)["findings"]
        assert any(f["path"] == NOTE and f["severity"] == "error" for f in findings)
        assert checked["findings"] != findings
        # A second broken save keeps the same last good version, told once.
        note.write_text(edit(good) + "\nmore text\n", encoding="utf-8")
        _rebuild_after_edit(session, root)
        assert _row_status(fetch(server.port, TABLE)[2]) == "rejected"
        kept = [d for d in _findings(session) if d.rule == "kept-last-good"]
        assert [d.path for d in kept] == [NOTE]
        # Fixed, with a new status: the new status shows, and the notices are gone.
        note.write_text(good.replace("status: rejected", "status: withdrawn"),
                        encoding="utf-8")
        _rebuild_after_edit(session, root)
        assert _row_status(fetch(server.port, TABLE)[2]) == "withdrawn"
        assert not any(d.path == NOTE for d in _findings(session)
                       if d.severity.name == "ERROR" or d.rule == "kept-last-good")


def test_a_date_mid_typed_keeps_the_last_good_date(root: Path) -> None:
    with serving(root) as (session, server, _):
        assert 'data-applied="2026-09-14" data-exit' in fetch(server.port, TABLE)[2]
        note = root / NOTE
        good = note.read_text(encoding="utf-8")
        note.write_text(good.replace("applied: 2026-09-14", "applied: 2026-09-1"),
                        encoding="utf-8")
        _rebuild_after_edit(session, root)
        assert 'data-applied="2026-09-14" data-exit' in fetch(server.port, TABLE)[2]
        assert any(d.rule == "kept-last-good" for d in _findings(session))
        note.write_text(good.replace("applied: 2026-09-14", "applied: 2026-09-15"),
                        encoding="utf-8")
        _rebuild_after_edit(session, root)
        assert 'data-applied="2026-09-15" data-exit' in fetch(server.port, TABLE)[2]
        assert not any(d.rule == "kept-last-good" for d in _findings(session))


def test_a_note_broken_before_serve_starts_is_left_out_and_its_page_says_why(root: Path
                                                                            ) -> None:
    _unclose_front_matter(root / NOTE)
    with serving(root) as (session, server, _):
        assert _row_status(fetch(server.port, TABLE)[2]) is None
        status, _, body = fetch(server.port, "/" + PAGE)
        assert status == 404 and "This note has an error" in body
        assert not any(d.rule == "kept-last-good" for d in _findings(session))


def test_a_removed_note_is_not_kept_and_its_page_says_so_in_the_sites_style(root: Path
                                                                             ) -> None:
    with serving(root) as (session, server, _):
        assert fetch(server.port, "/" + PAGE)[0] == 200
        (root / NOTE).unlink()
        session.rebuild([Change(ChangeKind.NOTE, root / NOTE)])
        status, _, body = fetch(server.port, "/" + PAGE)
        assert status == 404
        assert "removed or renamed" in body
        assert 'href="../static/style.css"' in body                  # the site's stylesheet
        assert 'aria-label="Site"' in body and "Dashboard" in body     # and its navigation
        assert "/__jobnotes/live.js" in body                         # it comes back by itself


def test_an_unknown_page_is_worded_as_such(root: Path) -> None:
    with serving(root) as (_, server, _):
        status, _, body = fetch(server.port, "/applications/never-was.html")
        assert status == 404
        assert "There is no page at" in body and "/applications/never-was.html" in body
        assert "removed or renamed" not in body and "being saved" not in body
        assert 'href="../static/style.css"' in body and 'aria-label="Site"' in body


# --- 6: no build has ever succeeded ---------------------------------------------------------

def _break_base_template(root: Path) -> Path:
    override = root / "site-templates" / "base.html"
    override.parent.mkdir(exist_ok=True)
    override.write_text("<html>\n{% if %}broken\n", encoding="utf-8")
    return override


def test_when_no_site_could_be_built_it_is_said_plainly(root: Path) -> None:
    override = _break_base_template(root)
    with serving(root) as (session, server, said):
        text = "\n".join(said)
        assert "last good" not in text
        assert "No site could be built yet" in text
        assert "site-templates/base.html:2" in text
        status, kind, body = fetch(server.port, "/")
        assert status == 503 and kind.startswith("text/html")
        assert "No site could be built yet" in body and "site-templates/base.html:2" in body
        assert "No such page" not in body and "being saved" not in body
        assert "/__jobnotes/live.js" in body
        live = status_of(server.port)
        assert live["built"] is False and "base.html" in live["failure"]
        override.unlink()
        session.rebuild([Change(ChangeKind.TEMPLATE, override)])
        status, _, body = fetch(server.port, "/")
        assert status == 200 and "Maya" in body
        assert status_of(server.port)["built"] is True


def test_a_build_failing_after_a_good_one_still_says_last_good(root: Path) -> None:
    with serving(root) as (session, server, said):
        override = _break_base_template(root)
        session.rebuild([Change(ChangeKind.TEMPLATE, override)])
        assert "still serving the last good pages" in said[-2]
        assert fetch(server.port, "/")[0] == 200
        assert status_of(server.port)["built"] is True


# --- 7: a broken settings file keeps the last good settings ---------------------------------

def _settings_change(root: Path) -> list[Change]:
    return [Change(ChangeKind.SETTINGS, root / "jobnotes.toml")]


@pytest.mark.parametrize("old,new,where", [
    ("[skills]", "[skills", "jobnotes.toml:"),
    ("applications = 5", 'applications = "five"', "jobnotes.toml:"),
])
def test_a_broken_settings_file_keeps_the_last_good_settings(root: Path, old: str, new: str,
                                                             where: str) -> None:
    settings = root / "jobnotes.toml"
    session = ServeSession(root, today=TODAY, echo=lambda line: None)
    session.rebuild()
    good = session.settings
    assert good.title == "Maya's job search" and good.goals.applications == 5
    original = settings.read_text(encoding="utf-8")
    settings.write_text(original.replace(old, new, 1), encoding="utf-8")
    state = session.rebuild(_settings_change(root))
    assert session.settings.title == "Maya's job search"
    assert session.settings.goals.applications == 5 and session.settings.skills == good.skills
    errors = [f for f in state.findings if f["path"] == "jobnotes.toml"
              and f["severity"] == "error"]
    assert len(errors) == 1 and errors[0]["line"] > 0
    assert "last good settings" in str(errors[0]["message"])
    assert "default settings" not in str(errors[0]["message"])
    assert b"Maya&#39;s job search" in state.files["index.html"] or \
        b"Maya's job search" in state.files["index.html"]
    settings.write_text(original.replace('"Maya\'s job search"', '"Fixed"'), encoding="utf-8")
    state = session.rebuild(_settings_change(root))
    assert session.settings.title == "Fixed"
    assert not [f for f in state.findings if f["path"] == "jobnotes.toml"]


def test_a_settings_file_broken_from_the_start_gives_the_defaults(root: Path) -> None:
    settings = root / "jobnotes.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("[skills]", "[skills"),
                        encoding="utf-8")
    session = ServeSession(root, today=TODAY, echo=lambda line: None)
    state = session.rebuild()
    assert session.settings.title == "My job search"
    assert any("default settings" in str(f["message"]) for f in state.findings)


# --- 2: the vault folder goes away and comes back -------------------------------------------

def _page_text(port: int, path: str) -> str:
    try:
        return fetch(port, path)[2]
    except OSError:
        return ""


@pytest.mark.parametrize("poll", [False, True], ids=["events", "poll"])
def test_a_vault_folder_deleted_and_restored_is_followed(tmp_path: Path, poll: bool) -> None:
    root = copy_example(tmp_path / "vault")
    page = "/applications/ashgrove-media-bi-developer.html"
    with running_serve(root, poll=poll) as lines:
        port = int(re.search(r":(\d+)/", lines[-1]).group(1))
        assert "Ashgrove" in _page_text(port, page)
        shutil.rmtree(root)
        assert wait_until(lambda: any("is gone" in line for line in lines)), lines
        gone = [line for line in lines if "is gone" in line]
        assert len(gone) == 1 and str(root) in gone[0] and "waiting for it" in gone[0]
        assert "is gone" in str(status_of(port)["failure"])
        assert status_of(port)["title"] == "The vault folder is gone"
        copy_example(root)
        assert wait_until(lambda: status_of(port)["failure"] is None), lines
        note = root / "applications/ashgrove-media-bi-developer.md"
        note.write_text(note.read_text(encoding="utf-8").replace(
            "role: BI Developer", "role: QAMARK Developer", 1), encoding="utf-8")
        assert wait_until(lambda: "QAMARK" in _page_text(port, page)), lines[-5:]
        assert sum("is gone" in line for line in lines) == 1
        assert any("is back" in line for line in lines)


@pytest.mark.parametrize("poll", [False, True], ids=["events", "poll"])
def test_a_vault_folder_replaced_at_once_is_watched_anew(tmp_path: Path, poll: bool) -> None:
    root = copy_example(tmp_path / "vault")
    page = "/applications/ashgrove-media-bi-developer.html"
    with running_serve(root, poll=poll) as lines:
        port = int(re.search(r":(\d+)/", lines[-1]).group(1))
        assert "Ashgrove" in _page_text(port, page)
        root.rename(tmp_path / "vault.old")             # a sync tool swapping folders
        copy_example(root)
        note = root / "applications/ashgrove-media-bi-developer.md"
        note.write_text(note.read_text(encoding="utf-8").replace(
            "role: BI Developer", "role: QAMARK Developer", 1), encoding="utf-8")
        assert wait_until(lambda: "QAMARK" in _page_text(port, page)), lines[-5:]
        later = root / "applications/kestrel-logistics-data-analyst.md"
        later.write_text(later.read_text(encoding="utf-8").replace(
            "role: Data Analyst", "role: LATERMARK Analyst", 1), encoding="utf-8")
        assert wait_until(lambda: "LATERMARK" in _page_text(
            port, "/applications/kestrel-logistics-data-analyst.html")), lines[-5:]


def test_a_note_renamed_while_broken_stays_under_its_new_name(root: Path) -> None:
    with serving(root) as (session, server, _):
        note, renamed = root / NOTE, root / "applications" / "lumenfield-ae.md"
        _unclose_front_matter(note)
        session.rebuild([Change(ChangeKind.NOTE, note)])
        note.rename(renamed)                    # as Obsidian renames: the same file
        session.rebuild([Change(ChangeKind.NOTE, note), Change(ChangeKind.NOTE, renamed)])
        assert _row_status(fetch(server.port, TABLE)[2]) is None        # the old page is gone
        table = fetch(server.port, TABLE)[2]
        assert re.search(r'<tr data-status="rejected"[^>]*data-key="applications/'
                         r'lumenfield-ae\.html', table)
        status, _, page = fetch(server.port, "/applications/lumenfield-ae.html")
        assert status == 200 and "Lumenfield" in page
        kept = [d for d in _findings(session) if d.rule == "kept-last-good"]
        assert [d.path for d in kept] == ["applications/lumenfield-ae.md"]
        # Fixed under its new name: read as it is, the notice gone.
        text = renamed.read_text(encoding="utf-8")
        renamed.write_text("---\n" + text.removeprefix("---\n").replace(
            "\n\n", "\n---\n\n", 1), encoding="utf-8")
        session.rebuild([Change(ChangeKind.NOTE, renamed)])
        assert not any(d.rule == "kept-last-good" for d in _findings(session))


def test_a_new_broken_note_is_not_taken_for_a_renamed_one(root: Path) -> None:
    with serving(root) as (session, _, _):
        other = root / "applications" / "new-one.md"
        other.write_text("---\ncompany: Acme\nrole: [\n", encoding="utf-8")
        session.rebuild([Change(ChangeKind.NOTE, other)])
        assert not any(d.rule == "kept-last-good" for d in _findings(session))
        apps = session.site.state.files.vault.applications
        assert [a.rel for a in apps if a.rel.startswith("applications/new-one")] == []
