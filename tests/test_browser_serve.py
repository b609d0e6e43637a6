"""`jobnotes serve` in a real browser: saves show up, errors overlay, the server survives."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from jobnotes.serve.session import run
from tests.browser import chromium_browser
from tests.conftest import copy_example

pytestmark = pytest.mark.browser
TODAY = date(2026, 11, 27)
NOTE = "applications/ashgrove-media-bi-developer.md"


class Served:
    def __init__(self, root: Path, port: int = 0, poll: bool = False) -> None:
        self.root = root
        self.port = port
        self.poll = poll
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.url = ""

    def _run(self) -> None:
        run(self.root, port=self.port, explicit_port=True, today=TODAY, poll=self.poll,
            echo=self.lines.append, ready=self.ready, stop=self.stop)

    def __enter__(self) -> Served:
        self.thread.start()
        assert self.ready.wait(30), self.lines
        self.url = next(re.search(r"http://\S+", line).group(0) for line in self.lines
                        if "Serving" in line)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(10)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    root = tmp_path / "vault"
    copy_example(root)
    with Served(root) as handle:
        yield handle


@pytest.fixture
def page(served: Served):
    with chromium_browser() as browser:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.console_errors = errors
        yield page
        context.close()


def wait_for_text(page, text: str, timeout: int = 10_000) -> None:
    page.wait_for_function("t => document.body && document.body.innerText.includes(t)",
                           arg=text, timeout=timeout)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_edit_shows_without_reloading(served: Served, page) -> None:
    page.goto(served.url + "applications/ashgrove-media-bi-developer.html")
    page.wait_for_selector("h1")
    _edit(served.root / NOTE, "role: BI Developer", "role: Lead BI Developer")
    wait_for_text(page, "Lead BI Developer")
    assert page.console_errors == []


def test_broken_yaml_shows_an_overlay_and_fixing_it_clears_it(served: Served, page) -> None:
    page.goto(served.url)
    page.wait_for_load_state("load")
    note = served.root / NOTE
    original = note.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    lines[2] = "role: [unclosed\n"
    note.write_text("".join(lines), encoding="utf-8")
    overlay = page.wait_for_selector(".jobnotes-overlay", timeout=10_000)
    text = overlay.inner_text()
    assert f"{NOTE}:3" in text
    note.write_text(original, encoding="utf-8")
    page.wait_for_selector(".jobnotes-overlay", state="detached", timeout=10_000)


def test_a_broken_settings_file_is_named_as_such_in_the_overlay(served: Served,
                                                                page) -> None:
    page.goto(served.url)
    page.wait_for_load_state("load")
    settings = served.root / "jobnotes.toml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text("title = [\n" + original, encoding="utf-8")
    overlay = page.wait_for_selector(".jobnotes-overlay", timeout=10_000)
    text = overlay.inner_text()
    assert "1 error in jobnotes.toml" in text
    assert "is not valid TOML" in text and "in your notes" not in text
    settings.write_text(original, encoding="utf-8")
    page.wait_for_selector(".jobnotes-overlay", state="detached", timeout=10_000)


def test_a_deleted_note_leaves_the_applications_table(served: Served, page) -> None:
    page.goto(served.url + "applications/index.html")
    assert page.locator("a[href*='ashgrove-media-bi-developer']").count() > 0
    (served.root / NOTE).unlink()
    page.wait_for_function(
        "() => !document.querySelector(\"a[href*='ashgrove-media-bi-developer']\")",
        timeout=10_000)


def test_fifty_quick_saves_end_with_the_last_one_shown(served: Served, page) -> None:
    page.goto(served.url + "applications/ashgrove-media-bi-developer.html")
    note = served.root / NOTE
    original = note.read_text(encoding="utf-8")
    for i in range(50):
        note.write_text(original.replace("role: BI Developer", f"role: BI Developer v{i}", 1),
                        encoding="utf-8")
    wait_for_text(page, "BI Developer v49", timeout=30_000)
    assert served.thread.is_alive()


def test_an_atomic_rename_save_is_picked_up(served: Served, page) -> None:
    page.goto(served.url + "applications/ashgrove-media-bi-developer.html")
    page.wait_for_selector("h1")
    note = served.root / NOTE
    temp = note.with_name(note.name + ".tmp")
    temp.write_text(note.read_text(encoding="utf-8").replace(
        "role: BI Developer", "role: Renamed BI Developer", 1), encoding="utf-8")
    os.replace(temp, note)
    wait_for_text(page, "Renamed BI Developer")


def test_a_broken_template_keeps_the_last_good_pages_and_says_why(served: Served, page) -> None:
    page.goto(served.url)
    page.wait_for_load_state("load")
    override = served.root / "site-templates" / "dashboard.html"
    override.parent.mkdir()
    override.write_text("{% extends 'base.html' %}{% block content %}{% if %}{% endblock %}",
                        encoding="utf-8")
    overlay = page.wait_for_selector(".jobnotes-overlay", timeout=10_000)
    text = overlay.inner_text()
    assert "dashboard.html" in text
    # Said once: not again as the failure's first line, nor as an error "in your notes".
    assert text.count("Expected an expression") == 1, text
    assert "in your notes" not in text
    assert page.locator("h1").count() > 0          # the last good page is still shown
    override.unlink()
    page.wait_for_selector(".jobnotes-overlay", state="detached", timeout=10_000)


def test_serving_writes_nothing_into_the_vault(tmp_path: Path) -> None:
    from tests.conftest import hash_tree

    root = tmp_path / "vault"
    copy_example(root)
    before = hash_tree(root)
    with Served(root) as served:
        import urllib.request

        assert urllib.request.urlopen(served.url).status == 200
    assert hash_tree(root) == before
    assert not (root / "_site").exists()


def _status(served: Served) -> dict:
    import json
    import urllib.request

    with urllib.request.urlopen(served.url + "__jobnotes/status") as response:
        return json.load(response)


def _wait_until(predicate, timeout: float = 10.0) -> bool:
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_a_hidden_tab_closes_its_stream_and_reopens_it_on_focus(served: Served, page) -> None:
    page.goto(served.url)
    assert _wait_until(lambda: _status(served)["clients"] == 1)
    page.evaluate("""() => {
        Object.defineProperty(document, 'hidden', {value: true, configurable: true});
        document.dispatchEvent(new Event('visibilitychange'));
    }""")
    assert _wait_until(lambda: _status(served)["clients"] == 0)
    page.evaluate("""() => {
        Object.defineProperty(document, 'hidden', {value: false, configurable: true});
        document.dispatchEvent(new Event('visibilitychange'));
    }""")
    assert _wait_until(lambda: _status(served)["clients"] == 1)


def test_open_tabs_reload_after_the_server_restarts(tmp_path: Path) -> None:
    import socket

    root = tmp_path / "vault"
    copy_example(root)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with chromium_browser() as browser:
        page = browser.new_page()
        with Served(root, port) as first:
            page.goto(first.url)
            page.evaluate("() => { window.__before_restart = true; }")
        with Served(root, port):
            page.wait_for_function("() => window.__before_restart === undefined",
                                   timeout=15_000)


def test_polling_mode_picks_up_a_save(tmp_path: Path) -> None:
    root = tmp_path / "vault"
    copy_example(root)
    with Served(root, poll=True) as served, chromium_browser() as browser:
        page = browser.new_page()
        page.goto(served.url + "applications/ashgrove-media-bi-developer.html")
        _edit(root / NOTE, "role: BI Developer", "role: Polled BI Developer")
        wait_for_text(page, "Polled BI Developer", timeout=15_000)


def test_a_tab_whose_page_did_not_change_is_not_reloaded(served: Served, page) -> None:
    page.goto(served.url + "problems.html")
    page.wait_for_load_state("load")
    page.evaluate("window.keptSinceLoad = true")
    other = page.context.new_page()
    other.goto(served.url + "applications/ashgrove-media-bi-developer.html")
    other.wait_for_load_state("load")
    _edit(served.root / NOTE, "role: BI Developer", "role: Lead BI Developer")
    wait_for_text(other, "Lead BI Developer")       # the save was built and shown
    other.wait_for_timeout(500)
    assert page.evaluate("window.keptSinceLoad === true")


def test_a_template_that_fails_on_one_page_shows_the_overlay_there(served: Served, page) -> None:
    target = served.url + "applications/ashgrove-media-bi-developer.html"
    page.goto(target)
    page.wait_for_load_state("load")
    override = served.root / "site-templates" / "application.html"
    override.parent.mkdir()
    override.write_text("{% extends 'base.html' %}{% block content %}\n"
                        "{{ app.no_such_field.deeper }}{% endblock %}", encoding="utf-8")
    overlay = page.wait_for_selector(".jobnotes-overlay", timeout=10_000)
    assert "site-templates/application.html:2" in overlay.inner_text()
    assert overlay.inner_text().count("no attribute 'no_such_field'") == 1
    assert page.locator("h1").count() > 0          # the last good page is still shown
    override.unlink()
    page.wait_for_selector(".jobnotes-overlay", state="detached", timeout=10_000)


def test_a_changed_page_is_updated_in_place_with_its_scroll_and_tools(served: Served,
                                                                      page) -> None:
    page.set_viewport_size({"width": 1000, "height": 500})
    page.goto(served.url + "applications/index.html#status=applied")
    page.wait_for_load_state("load")
    page.evaluate("window.keptSinceLoad = true; window.scrollTo(0, 300)")
    _edit(served.root / NOTE, "role: BI Developer", "role: Lead BI Developer")
    # The note is a rejection, so its row is in the page but hidden by the filter.
    page.wait_for_function("t => document.body.textContent.includes(t)",
                           arg="Lead BI Developer", timeout=10_000)
    assert page.evaluate("window.keptSinceLoad === true")     # updated, not reloaded
    assert page.evaluate("window.scrollY") == 300
    # The table's tools work on the new page, once each: filters from the address...
    assert page.locator("form[data-filters]").is_visible()
    assert page.locator("select[name=status]").input_value() == "applied"
    assert page.locator("#apps-table th").first.locator("button.sort-button").count() == 1
    # ...and a change of filter after the update applies to the new rows.
    page.evaluate("location.hash = 'status=rejected'")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#apps-table tbody tr')]"
        ".some(r => !r.hidden && r.textContent.includes('Rejected'))")
    assert page.console_errors == []


def test_a_page_whose_note_is_away_for_a_moment_comes_back_by_itself(served: Served,
                                                                      page) -> None:
    page.goto(served.url + "applications/ashgrove-media-bi-developer.html")
    page.wait_for_selector("h1")
    note = served.root / NOTE
    text = note.read_text(encoding="utf-8")
    note.unlink()
    wait_for_text(page, "This page is gone for now")
    note.write_text(text.replace("role: BI Developer", "role: Lead BI Developer"),
                    encoding="utf-8")
    wait_for_text(page, "Lead BI Developer")


VISIBLE_COMPANIES = ("() => [...document.querySelectorAll('#apps-table tbody tr')]"
                     ".filter(r => !r.hidden).map(r => r.cells[0].textContent.trim())")


def test_a_sorted_filtered_table_keeps_its_sort_through_a_live_update(served: Served,
                                                                        page) -> None:
    page.goto(served.url + "applications/index.html")
    page.wait_for_load_state("load")
    page.select_option("select[name=status]", "rejected")
    company = page.locator("#apps-table th").first
    company.locator("button.sort-button").click()
    company.locator("button.sort-button").click()          # Z to A: not the built order
    assert company.get_attribute("aria-sort") == "descending"
    order = page.evaluate(VISIBLE_COMPANIES)
    assert len(order) > 3 and order == sorted(order, reverse=True)
    assert "sort=-company" in page.evaluate("location.hash")
    assert "status=rejected" in page.evaluate("location.hash")

    _edit(served.root / NOTE, "role: BI Developer", "role: Lead BI Developer")
    wait_for_text(page, "Lead BI Developer")
    company = page.locator("#apps-table th").first
    assert company.get_attribute("aria-sort") == "descending"
    assert page.evaluate(VISIBLE_COMPANIES) == order
    assert page.locator("select[name=status]").input_value() == "rejected"
    # The next click turns the kept sort round, as it would have before the update.
    company.locator("button.sort-button").click()
    assert company.get_attribute("aria-sort") == "ascending"
    assert page.evaluate(VISIBLE_COMPANIES) == sorted(order)
    # A full reload (the address with its hash) shows the same sort too.
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("#apps-table th").first.get_attribute("aria-sort") == "ascending"
    assert page.evaluate(VISIBLE_COMPANIES) == sorted(order)
    assert page.console_errors == []


def _outline(page) -> str:
    return page.evaluate("() => getComputedStyle(document.body).outlineWidth")


def test_a_changed_stylesheet_override_restyles_every_open_tab(served: Served, page) -> None:
    from jobnotes.site import render

    page.goto(served.url + "applications/ashgrove-media-bi-developer.html")
    page.wait_for_load_state("load")
    other = page.context.new_page()
    other.goto(served.url + "problems.html")
    other.wait_for_load_state("load")
    assert _outline(page) != "7px" and _outline(other) != "7px"
    override = served.root / "site-templates" / "static" / "style.css"
    override.parent.mkdir(parents=True)
    shipped = (render.shipped_templates() / "static" / "style.css").read_text(encoding="utf-8")
    override.write_text(shipped + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n",
                        encoding="utf-8")
    restyled = "() => getComputedStyle(document.body).outlineWidth === '7px'"
    page.wait_for_function(restyled, timeout=10_000)
    other.wait_for_function(restyled, timeout=10_000)
    override.unlink()                                  # back to the shipped stylesheet
    page.wait_for_function(f"() => !({restyled})()", timeout=10_000)
    other.wait_for_function(f"() => !({restyled})()", timeout=10_000)
    assert page.console_errors == []


def test_a_note_broken_while_its_page_is_open_keeps_the_page_under_the_overlay(
        served: Served, page) -> None:
    page.goto(served.url + "applications/lumenfield-analytics-engineer.html")
    page.wait_for_selector("h1")
    heading = page.locator("h1").first.inner_text()
    note = served.root / "applications/lumenfield-analytics-engineer.md"
    text = note.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    del lines[[n for n, line in enumerate(lines) if line.strip() == "---"][1]]
    note.write_text("".join(lines), encoding="utf-8")
    overlay = page.wait_for_selector(".jobnotes-overlay", timeout=10_000)
    assert "applications/lumenfield-analytics-engineer.md:1" in overlay.inner_text()
    assert page.locator("h1").first.inner_text() == heading      # the last good page
    assert page.locator("link[href$='static/style.css']").count() == 1
    assert "No such page" not in page.inner_text("body")
    page.reload()                                     # a new request gets it too
    page.wait_for_selector(".jobnotes-overlay", timeout=10_000)
    assert page.locator("h1").first.inner_text() == heading
    note.write_text(text, encoding="utf-8")
    page.wait_for_selector(".jobnotes-overlay", state="detached", timeout=10_000)


def test_with_no_site_built_yet_the_page_says_so_and_the_site_comes_once_fixed(
        tmp_path: Path) -> None:
    root = copy_example(tmp_path / "vault")
    override = root / "site-templates" / "base.html"
    override.parent.mkdir()
    override.write_text("{% if %}broken\n", encoding="utf-8")
    with Served(root) as served, chromium_browser() as browser:
        assert any("No site could be built yet" in line for line in served.lines)
        assert not any("last good" in line for line in served.lines)
        page = browser.new_page()
        page.goto(served.url + "applications/index.html")
        overlay = page.wait_for_selector(".jobnotes-overlay", timeout=10_000)
        text = overlay.inner_text()
        assert "No site could be built yet" in text and "site-templates/base.html:1" in text
        assert "last good" not in text and "last good" not in page.inner_text("body")
        override.unlink()
        page.wait_for_selector("#apps-table", timeout=15_000)
        page.wait_for_selector(".jobnotes-overlay", state="detached", timeout=10_000)
