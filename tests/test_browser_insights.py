"""The insight pages of the built example site in a real browser, opened from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser import chromium_browser

pytestmark = pytest.mark.browser

PAGES = ("postmortems.html", "skills.html", "channels.html", "people/index.html",
         "people/beatrice-lund.html", "alternatives.html")

# Every chart: role=img, named by its own <title> and <desc>, inside a figure with a table.
CHART_CHECK = """() => [...document.querySelectorAll('svg.chart')]
    .filter(svg => svg.getClientRects().length)   // the version drawn for this width
    .map(svg => {
  const ids = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
  const named = ids.map(id => document.getElementById(id)).filter(el => el && svg.contains(el));
  const figure = svg.closest('figure');
  return {
    role: svg.getAttribute('role'),
    named: named.length === 2 && named.every(el => el.textContent.trim().length > 0),
    table: !!(figure && figure.querySelector('table th')),
  };
})"""


@pytest.fixture(scope="module")
def built_site(example_site: Path) -> Path:
    return example_site


def check_pages(browser, site_url: str, width: int, scheme: str) -> int:
    """Open every insight page; return how many charts were checked."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: problems.append(f"outside: {r.url}")
            if not r.url.startswith(site_url) else None)
    charts = 0
    for name in PAGES:
        page.goto(site_url + name)
        assert page.locator("h1").count() == 1, name
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width} px"
        for chart in page.evaluate(CHART_CHECK):
            assert chart == {"role": "img", "named": True, "table": True}, name
            charts += 1
    assert problems == [], problems
    context.close()
    return charts


def test_insight_pages_load_cleanly_with_accessible_charts(built_site: Path) -> None:
    with chromium_browser() as browser:
        # 8 charts: the skills page has one for "does matching pay off?"
        assert check_pages(browser, built_site.as_uri() + "/", 1280, "light") == 8
        assert check_pages(browser, built_site.as_uri() + "/", 375, "dark") == 8


def test_chart_tables_open_and_links_lead_to_notes(built_site: Path) -> None:
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(built_site.as_uri() + "/skills.html")
        table = page.locator("figure details.chart-data table").first
        assert not table.is_visible()
        page.locator("figure details.chart-data summary").first.click()
        assert table.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375

        page.goto(built_site.as_uri() + "/postmortems.html")
        page.locator("#actions-title ~ .action-groups a.ref-line").first.click()
        assert "/applications/" in page.url and "#h-action-plan" in page.url
        assert page.locator("#h-action-plan").count() == 1
