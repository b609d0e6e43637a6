"""`jobnotes serve` renders each page when a browser asks for it: the same bytes as
`jobnotes build`, only what is asked for, and failures that keep the last good page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from jobnotes.build import render_site
from jobnotes.load import load_vault
from jobnotes.serve.filter import Change, ChangeKind
from jobnotes.serve.ondemand import OnDemandSite
from jobnotes.serve.server import LiveSite
from jobnotes.serve.session import CALENDAR, ServeSession
from tests.conftest import copy_example

TODAY = date(2026, 11, 27)
NOTE = "applications/ashgrove-media-bi-developer.md"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "vault")


def session_of(root: Path) -> tuple[ServeSession, list[str]]:
    said: list[str] = []
    return ServeSession(root, today=TODAY, echo=said.append), said


def files(session: ServeSession) -> OnDemandSite:
    pages = session.site.state.files
    assert isinstance(pages, OnDemandSite)
    return pages


def test_every_page_is_served_exactly_as_build_writes_it(root: Path) -> None:
    built = render_site(load_vault(root, today=TODAY)).files
    session, _ = session_of(root)
    session.rebuild()
    served = files(session)
    for path, data in built.items():
        assert served.get(path) == data, path
    assert served.rendered == sum(1 for path in built if path.endswith(".html"))


def test_a_rebuild_renders_nothing_until_a_page_is_asked_for(root: Path) -> None:
    session, said = session_of(root)
    session.rebuild()
    assert files(session).rendered == 0
    assert b"<h1" in files(session)["index.html"]
    assert files(session).rendered == 1
    assert said[-1].startswith("Built in ")


def test_an_edit_shows_on_the_next_request_and_other_pages_keep_their_bytes(root: Path) -> None:
    session, _ = session_of(root)
    session.rebuild()
    page = "applications/ashgrove-media-bi-developer.html"
    before = files(session)
    old_page, old_problems = before[page], before["problems.html"]
    note = root / NOTE
    note.write_text(note.read_text().replace("role: BI Developer", "role: Lead BI Developer"),
                    encoding="utf-8")
    session.rebuild([Change(ChangeKind.NOTE, note)])
    after = files(session)
    assert after is not before and after[page] != old_page
    assert b"Lead BI Developer" in after[page]
    assert after["problems.html"] == old_problems
    assert after.digest(page) != before.digest(page)


def test_missing_pages_and_files_outside_the_site_are_not_found(root: Path) -> None:
    (root / "secret.txt").write_text("not for the browser", encoding="utf-8")
    session, _ = session_of(root)
    session.rebuild()
    served = files(session)
    assert served.get("missing.html") is None
    assert "applications/missing.html" not in served
    assert served.get("attachments/secret.txt") is None
    assert served.get("attachments/../secret.txt") is None
    with pytest.raises(KeyError):
        served["nope.css"]


def test_deleting_a_note_removes_its_page(root: Path) -> None:
    session, _ = session_of(root)
    session.rebuild()
    page = "applications/ashgrove-media-bi-developer.html"
    assert page in files(session)
    (root / NOTE).unlink()
    session.rebuild([Change(ChangeKind.NOTE, root / NOTE)])
    assert files(session).get(page) is None
    assert b"ashgrove-media-bi-developer.html" not in files(session)["applications/index.html"]


def test_tag_pages_list_the_tags_every_page_shows(vault) -> None:
    root = vault({
        "applications/a.md": "---\ncompany: Acme\nrole: Analyst\nstatus: applied\n"
                             "applied: 2026-11-01\n---\nWorth it #follow-up\n",
        "applications/b.md": "---\ncompany: Bolt\nrole: Analyst\nstatus: applied\n"
                             "applied: 2026-11-02\n---\nAlso #follow-up and #remote\n",
    })
    built = render_site(load_vault(root, today=TODAY)).files
    session, _ = session_of(root)
    session.rebuild()
    tag_pages = [path for path in built if path.startswith("tags/")]
    assert len(tag_pages) == 3
    for path in tag_pages:
        assert files(session)[path] == built[path], path


def test_a_page_whose_template_fails_keeps_its_last_good_version(root: Path) -> None:
    session, said = session_of(root)
    session.rebuild()
    page = "applications/ashgrove-media-bi-developer.html"
    good = files(session)[page]
    override = root / "site-templates" / "application.html"
    override.parent.mkdir()
    override.write_text("{% extends 'base.html' %}{% block content %}\n"
                        "{{ app.no_such_field.deeper }}{% endblock %}", encoding="utf-8")
    session.rebuild([Change(ChangeKind.TEMPLATE, override)])
    served = files(session)
    assert served[page] == good
    assert served.failure is not None and "site-templates/application.html:2" in served.failure
    status = session.site.status(page)
    assert status["failure"] == served.failure and status["digest"] == served.digest(page)
    assert any("could not be built" in line for line in said)
    # A page never rendered before says why instead of showing nothing.
    other = "applications/amberlyn-retail-bi-analyst.html"
    assert b"could not be built" in served[other]
    override.unlink()
    session.rebuild([Change(ChangeKind.TEMPLATE, override)])
    assert files(session).failure is None
    assert files(session)[page] == good


def test_a_template_syntax_error_is_reported_whatever_page_is_open(root: Path) -> None:
    session, _ = session_of(root)
    session.rebuild()
    kept = session.site.state.files
    override = root / "site-templates" / "person.html"
    override.parent.mkdir()
    override.write_text("{% if %}", encoding="utf-8")
    state = session.rebuild([Change(ChangeKind.TEMPLATE, override)])
    assert state.failure and "person.html" in state.failure
    assert state.files is kept               # the last good site is still served


def test_the_calendar_is_made_on_request(root: Path) -> None:
    session, _ = session_of(root)
    session.rebuild()
    assert files(session)[CALENDAR].startswith(b"BEGIN:VCALENDAR")


def test_status_tells_a_tab_the_digest_of_its_page() -> None:
    site = LiveSite()
    from jobnotes.serve.server import BuildState, file_digest

    site.publish(BuildState(files={"index.html": b"<h1>Hi</h1>"}))
    status = site.status("index.html")
    assert status["page"] == "index.html"
    assert status["digest"] == file_digest({"index.html": b"<h1>Hi</h1>"}, "index.html")
    assert site.status("gone.html")["digest"] is None


def test_a_new_note_that_does_not_read_says_so_on_its_page(root: Path) -> None:
    """Opening the page of a note whose front matter never closes shows its error, not
    "No such page"."""
    session, _ = session_of(root)
    session.rebuild()
    note = root / "applications" / "soylent-analyst.md"
    note.write_text("---\ncompany: Soylent\nrole: Analyst\nstatus: applied\n",
                    encoding="utf-8")
    session.rebuild([Change(ChangeKind.NOTE, note)])
    page = files(session).missing_page("applications/soylent-analyst.html").decode()
    assert "<h1>This note has an error</h1>" in page
    assert "applications/soylent-analyst.md makes no page until it reads" in page
    assert "the front matter opened on line 1 is never closed" in page
    assert "No such page" not in page
    other = files(session).missing_page("applications/nobody.html").decode()
    assert "No such page" in other and "This note has an error" not in other


def test_the_page_of_a_renamed_note_links_its_new_page(root: Path) -> None:
    session, _ = session_of(root)
    session.rebuild()
    old = "applications/ashgrove-media-bi-developer.html"
    assert files(session).get(old)                  # a browser had it open
    note = root / "applications" / "ashgrove-media-bi-developer.md"
    moved = note.with_name("ashgrove-bi.md")
    note.rename(moved)
    session.rebuild([Change(ChangeKind.NOTE, note), Change(ChangeKind.NOTE, moved)])
    page = files(session).missing_page(old).decode()
    assert "<h1>This page has moved</h1>" in page
    assert 'Now at <a href="../applications/ashgrove-bi.html">Ashgrove Media — BI Developer</a>' \
        in page
    moved.unlink()
    session.rebuild([Change(ChangeKind.NOTE, moved)])
    gone = files(session).missing_page(old).decode()
    assert "This page is gone for now" in gone and "Now at" not in gone


def test_serve_renders_the_dashboard_before_a_browser_asks_for_it(root: Path,
                                                                   monkeypatch) -> None:
    import time

    from tests.conftest import running_serve

    made: list[str] = []
    page = OnDemandSite._page

    def counting(self: OnDemandSite, rel: str) -> bytes | None:
        made.append(rel)
        return page(self, rel)

    monkeypatch.setattr(OnDemandSite, "_page", counting)
    with running_serve(root):
        deadline = time.monotonic() + 30
        while "index.html" not in made and time.monotonic() < deadline:
            time.sleep(0.05)
    assert made == ["index.html"]          # no browser asked: serve made it itself


def test_a_browser_asking_for_the_dashboard_gets_the_one_rendered_ahead(root: Path) -> None:
    session, said = session_of(root)
    session.rebuild()
    before = list(said)
    session.warm_up()
    assert files(session).rendered == 1
    assert b"<h1" in files(session)["index.html"]
    assert files(session).rendered == 1 and said == before
