"""`jobnotes serve`'s error overlay, once closed, stays closed on other pages and tabs
for as long as the problems are the same; other problems bring it back at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import copy_example
from tests.test_browser_serve import Served
from tests.test_browser_serve import page as page  # the fixture: a tab in headless Chromium

pytestmark = pytest.mark.browser
OVERLAY = ".jobnotes-overlay"
BROKEN = "---\ncompany: Acme\nrole: [unclosed\nstatus: applied\n---\n"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """The example vault with one standing error: a note whose front matter does not read."""
    root = copy_example(tmp_path / "vault")
    (root / "applications" / "broken-one.md").write_text(BROKEN, encoding="utf-8")
    with Served(root) as handle:
        yield handle


def heard_a_build(tab) -> None:
    """Wait until the tab's live script has been told of the current build."""
    tab.wait_for_function("() => window.jobnotesLive && window.jobnotesLive.heard >= 1",
                          timeout=10_000)


def test_a_closed_overlay_stays_closed_across_pages_and_tabs_until_problems_change(
        served: Served, page) -> None:
    page.goto(served.url + "index.html")
    overlay = page.wait_for_selector(OVERLAY, timeout=10_000)
    assert "1 error in your notes" in overlay.inner_text()
    close = page.locator(".jobnotes-overlay-close")
    assert close.get_attribute("aria-label") == "Hide until these problems change"
    close.click()
    assert page.locator(OVERLAY).count() == 0

    page.locator("nav a", has_text="Applications").first.click()
    page.wait_for_url("**/applications/**")
    heard_a_build(page)
    assert page.locator(OVERLAY).count() == 0
    assert page.locator("h1").first.is_visible()

    other = page.context.new_page()
    other.goto(served.url + "people/index.html")
    heard_a_build(other)
    assert other.locator(OVERLAY).count() == 0

    # A second error: both tabs show the overlay again, with both errors.
    extra = served.root / "applications" / "broken-two.md"
    extra.write_text(BROKEN, encoding="utf-8")
    for tab in (page, other):
        tab.wait_for_function(
            "() => { const o = document.querySelector('.jobnotes-overlay');"
            " return o && o.innerText.includes('2 errors in your notes'); }",
            timeout=10_000)

    # Fixing it leaves only what was closed on: the overlay goes again, in both tabs.
    extra.unlink()
    for tab in (page, other):
        tab.wait_for_selector(OVERLAY, state="detached", timeout=10_000)
    # A new problem once more, closed with Escape this time.
    extra.write_text(BROKEN, encoding="utf-8")
    page.wait_for_selector(OVERLAY, timeout=10_000)
    page.keyboard.press("Escape")
    assert page.locator(OVERLAY).count() == 0
    other.wait_for_selector(OVERLAY, state="detached", timeout=10_000)
    assert page.console_errors == []


def test_closing_in_one_tab_closes_the_same_overlay_in_the_others(served: Served,
                                                                  page) -> None:
    page.goto(served.url + "index.html")
    page.wait_for_selector(OVERLAY, timeout=10_000)
    other = page.context.new_page()
    other.goto(served.url + "applications/index.html")
    other.wait_for_selector(OVERLAY, timeout=10_000)
    other.locator(".jobnotes-overlay-close").click()
    page.wait_for_selector(OVERLAY, state="detached", timeout=10_000)
