"""The dashboard, the applications table and the application page in a real browser,
on the example vault built for 27 November 2026 and opened straight from disk."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built_site(example_site: Path) -> Path:
    return example_site


def url(site: Path, path: str) -> str:
    return site.as_uri() + "/" + path


def visible_rows(page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(
        "#apps-table tbody tr",
        "rows => rows.filter(r => !r.hidden).map(r => ({status: r.dataset.status,"
        " company: r.cells[0].textContent.trim()}))")


def test_every_page_loads_without_console_errors(built_site: Path, browser) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}")
            if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}")
            if r.failure != "net::ERR_ABORTED" else None)
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(pages) >= 80
    for path in pages:
        page.goto(url(built_site, path))
        assert page.locator("h1").count() >= 1, path
    assert problems == []
    page.close()


def test_search_and_status_filter_the_table(built_site: Path, browser) -> None:
    page = browser.new_page()
    page.goto(url(built_site, "applications/index.html"))
    everything = visible_rows(page)
    assert len(everything) == 43
    page.fill("input[name=q]", "kestrel")
    narrowed = visible_rows(page)
    assert 0 < len(narrowed) < len(everything)
    assert {r["company"] for r in narrowed} == {"Kestrel Logistics"}
    assert page.evaluate("location.hash") == "#q=kestrel"
    page.fill("input[name=q]", "")
    page.select_option("select[name=status]", "rejected")
    rejected = visible_rows(page)
    assert len(rejected) == 12 and {r["status"] for r in rejected} == {"rejected"}
    assert "12 of 43 shown" in page.inner_text(".filter-state")
    page.click("[data-clear]")
    assert len(visible_rows(page)) == 43 and page.evaluate("location.hash") == ""
    page.close()


def test_filters_come_from_the_url_hash(built_site: Path, browser) -> None:
    page = browser.new_page()
    page.goto(url(built_site, "applications/index.html#status=rejected"))
    rows = visible_rows(page)
    assert len(rows) == 12 and {r["status"] for r in rows} == {"rejected"}
    assert page.eval_on_selector("select[name=status]", "s => s.value") == "rejected"
    page.goto(url(built_site, "applications/index.html#status=active"))
    assert {r["status"] for r in visible_rows(page)} == {
        "applied", "screening", "interviewing", "offer"}
    page.goto(url(built_site, "applications/index.html#exit=rejected@interview-2"))
    assert sorted(r["company"] for r in visible_rows(page)) == [
        "Cobaltline", "Lindenbrook Health"]
    assert "ended: Rejected after interview 2" in page.inner_text(".filter-state")
    page.close()


def test_dashboard_counts_open_the_matching_rows(built_site: Path, browser) -> None:
    page = browser.new_page()
    page.goto(url(built_site, "index.html"))
    note = page.inner_text('a.stat[href$="#reached=answered"] .stat-note')
    responded = int(note.split(" of ")[0])
    page.click('a.stat[href$="#reached=answered"]')
    page.wait_for_load_state()      # the filters apply once the page's script has run
    assert page.url.endswith("applications/index.html#reached=answered")
    assert len(visible_rows(page)) == responded == 26     # a rejection email counts
    page.goto(url(built_site, "index.html"))
    this_week = int(page.inner_text("a.stat .stat-value").split("/")[0])
    page.click("a.stat >> nth=0")
    page.wait_for_load_state()
    assert "#since=2026-11-23&reached=applied" in page.url
    assert sorted(r["company"] for r in visible_rows(page)) == [
        "Harborlight Bank", "Skerry Mobility"]
    assert this_week == 2
    page.close()


def test_clicking_a_header_sorts_the_table(built_site: Path, browser) -> None:
    page = browser.new_page()
    page.goto(url(built_site, "applications/index.html"))
    before = [r["company"] for r in visible_rows(page)]
    page.click("#apps-table thead th:first-child button")
    ascending = [r["company"] for r in visible_rows(page)]
    assert ascending != before
    assert ascending == sorted(ascending, key=str.casefold)
    assert page.get_attribute("#apps-table thead th:first-child", "aria-sort") == "ascending"
    page.click("#apps-table thead th:first-child button")
    assert [r["company"] for r in visible_rows(page)] == ascending[::-1]
    page.close()


def test_feedback_mailto_names_the_role_and_the_interviewer(built_site: Path, browser) -> None:
    page = browser.new_page()
    page.goto(url(built_site, "applications/cobaltline-analytics-engineer.html"))
    href = page.get_attribute("#feedback a.button", "href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and unquote(parts.path) == "felix.aronsson@cobaltline.example"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Thank you — Analytics Engineer at Cobaltline"]
    body = query["body"][0]
    assert body.startswith("Hi Felix,\r\n")
    assert "the Analytics Engineer role at Cobaltline" in body
    assert "\r\n1. " in body and "\r\n2. " in body
    page.click("#feedback summary")
    assert "Hi Felix," in page.inner_text("#feedback .draft-body")
    page.close()


def test_charts_are_svg_with_text_alternatives(built_site: Path, browser) -> None:
    page = browser.new_page()
    page.goto(url(built_site, "index.html"))
    charts = page.eval_on_selector_all(
        "svg.chart",
        "els => els.map(s => ({role: s.getAttribute('role'),"
        " name: (s.getAttribute('aria-labelledby') || '').split(' ')"
        "   .map(id => (document.getElementById(id) || {}).textContent || '').join(' ')}))")
    assert len(charts) >= 5                       # Sankey, activity, three goal rings
    for chart in charts:
        assert chart["role"] == "img" and chart["name"].strip(), chart
    for ident in ("flow", "activity"):
        page.click(f"#{ident} details summary")
        assert page.locator(f"#{ident} details table").first.is_visible()
    page.close()


@pytest.mark.parametrize("path", ["index.html", "applications/index.html",
                                  "applications/cobaltline-analytics-engineer.html"])
def test_phone_width_has_no_horizontal_scroll(built_site: Path, browser, path: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(url(built_site, path))
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.close()


def test_print_hides_navigation_and_keeps_the_agenda(built_site: Path, browser) -> None:
    page = browser.new_page()
    page.goto(url(built_site, "index.html"))
    page.emulate_media(media="print")
    assert not page.locator(".topbar").is_visible()
    assert page.locator("#agenda").is_visible() and page.locator("#scorecard").is_visible()
    page.close()


def test_on_a_phone_the_flow_chart_says_it_scrolls_sideways(built_site: Path, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(url(built_site, "index.html"))
    box = page.locator("#flow .chart-scroll")
    assert box.evaluate("el => el.scrollWidth > el.clientWidth")      # more to see
    assert page.locator("#flow .scroll-hint").is_visible()
    page.set_viewport_size({"width": 1280, "height": 800})
    assert not page.locator("#flow .scroll-hint").is_visible()
    page.close()
