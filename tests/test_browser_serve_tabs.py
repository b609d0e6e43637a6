"""`jobnotes serve` with many tabs open: one event stream for them all (a browser opens
only six connections to a server), and what the reader opened stays open."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest

from tests.browser import chromium_browser
from tests.test_browser_serve import NOTE, Served, _edit, wait_for_text
from tests.test_browser_serve import served as served  # the fixture: a served example copy

pytestmark = pytest.mark.browser
PAGES = ["", "applications/index.html", "postmortems.html", "skills.html", "channels.html",
         "people/index.html", "alternatives.html", "applications/ashgrove-media-bi-developer.html"]


def _clients(served: Served) -> int:
    with urllib.request.urlopen(served.url + "__jobnotes/status") as response:
        return json.load(response)["clients"]


def test_eight_open_tabs_share_one_stream_and_all_update(served: Served) -> None:
    with chromium_browser() as browser:
        context = browser.new_context()
        tabs = []
        for path in PAGES:                       # the seventh and eighth load too
            tab = context.new_page()
            tab.goto(served.url + path, timeout=10_000)
            tabs.append(tab)
        deadline = time.monotonic() + 10
        while _clients(served) != 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _clients(served) == 1
        _edit(served.root / NOTE, "company: Ashgrove Media", "company: Ashgrove Studios")
        for tab in tabs[:2] + tabs[-1:]:         # pages that show the company
            wait_for_text(tab, "Ashgrove Studios")
        # The tab holding the stream closes: another takes over, and saves still show.
        tabs[0].close()
        _edit(served.root / NOTE, "company: Ashgrove Studios", "company: Ashgrove Films")
        for tab in tabs[1:2] + tabs[-1:]:
            wait_for_text(tab, "Ashgrove Films")
        context.close()


def test_an_opened_fold_stays_open_through_a_live_update(served: Served) -> None:
    with chromium_browser() as browser:
        tab = browser.new_context().new_page()
        tab.goto(served.url)
        summary = tab.locator("#agenda details.more summary").first
        summary.click()
        assert tab.evaluate("document.querySelector('#agenda details.more').open")
        tab.evaluate("window.keptSinceLoad = true")
        _edit(served.root / NOTE, "company: Ashgrove Media", "company: Ashgrove Studios")
        wait_for_text(tab, "Ashgrove Studios")
        assert tab.evaluate("window.keptSinceLoad === true")       # updated in place
        assert tab.evaluate("document.querySelector('#agenda details.more').open")
