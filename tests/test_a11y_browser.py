"""In a real browser, on the example vault built for 27 November 2026: a reminder's whole
detail can be read (hover, focus, a phone, paper), sort buttons are named without their
arrow, application headings say company and role, and print leaves out the mail button."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

APP = "applications/ashgrove-media-bi-developer.html"

CUT = """() => [...document.querySelectorAll('.agenda li.reminder p.reminder-detail')]
  .filter(p => p.getClientRects().length && p.scrollHeight > p.clientHeight + 1).length"""


def url(site: Path, path: str) -> str:
    return site.as_uri() + "/" + path


def test_a_clamped_reminder_shows_its_whole_detail_on_hover_and_focus(example_site: Path,
                                                                      browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url(example_site, "index.html"))
    assert page.evaluate(CUT) > 0          # the example has long details, clamped at rest
    clamped = page.locator(".agenda li.reminder").evaluate_all(
        """items => items.findIndex(li => { const p = li.querySelector('.reminder-detail');
             return p && p.getClientRects().length && p.scrollHeight > p.clientHeight + 1; })""")
    item = page.locator(".agenda li.reminder").nth(clamped)
    detail = item.locator(".reminder-detail")
    whole = "p => p.scrollHeight <= p.clientHeight + 1"
    item.hover()
    assert detail.evaluate(whole)
    page.mouse.move(0, 0)
    assert not detail.evaluate(whole)
    item.locator(".reminder-title a").focus()
    assert detail.evaluate(whole)
    page.close()


def test_no_reminder_is_cut_on_a_phone_or_on_paper(example_site: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url(example_site, "index.html"))
    assert page.evaluate(CUT) == 0
    page.set_viewport_size({"width": 1280, "height": 900})
    page.emulate_media(media="print")
    assert page.evaluate(CUT) == 0
    page.close()


def test_sort_buttons_are_named_without_their_arrow(example_site: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url(example_site, "applications/index.html"))
    button = page.get_by_role("button", name="Company", exact=True)
    assert button.count() == 1
    assert "↕" in button.evaluate("b => getComputedStyle(b, '::after').content")
    button.click()                             # sorted: the arrow changes, the name does not
    assert page.get_by_role("button", name="Company", exact=True).count() == 1
    page.close()


def test_the_application_heading_names_company_and_role(example_site: Path,
                                                        browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url(example_site, APP))
    heading = page.get_by_role("heading", level=1)
    assert heading.count() == 1
    assert "Ashgrove Media" in heading.inner_text() and "BI Developer" in heading.inner_text()
    assert page.get_by_role("heading", name="Details", exact=True).count() == 1
    # The role sits on its own line below the company, smaller than the company's name.
    role = page.locator("h1 .h1-role").bounding_box()
    assert role and role["y"] > page.locator("h1").bounding_box()["y"] + 10
    page.close()


def test_printing_an_application_leaves_out_the_screen_only_controls(example_site: Path,
                                                                   browser) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url(example_site, APP))
    page.emulate_media(media="print")
    shown = """s => { const e = document.querySelector(s);
                      return !!e && e.getClientRects().length > 0; }"""
    assert page.evaluate(shown, "#feedback") is True
    assert page.evaluate(shown, "#feedback .button") is False
    assert page.evaluate(shown, "#feedback .draft > summary") is False
    assert page.evaluate(shown, "#feedback .draft-body") is True       # the draft itself prints
    # Long cards may break over pages and headings stay with what follows them.
    styles = page.evaluate("""() => ({
      prose: getComputedStyle(document.querySelector('.note-main > .card.prose')).breakInside,
      h2: getComputedStyle(document.querySelector('.prose h2')).breakAfter})""")
    assert styles == {"prose": "auto", "h2": "avoid"}
    page.close()
