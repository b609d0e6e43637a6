"""The applications table and board, and the application page's order on a phone, in a
real browser: the example vault built for 27 November 2026 and opened straight from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
ALL = 43
REJECTED = 12

COMPANIES = ("() => [...document.querySelectorAll('#apps-table tbody tr')]"
             ".filter(r => r.offsetParent !== null)"
             ".map(r => r.querySelector('.cell-main').textContent.trim())")
BOARD_CARDS = ("() => [...document.querySelectorAll('#board .board-card')]"
               ".filter(c => c.offsetParent !== null)"
               ".map(c => c.querySelector('a').textContent.trim())")


@pytest.fixture(scope="module")
def built_site(example_site: Path) -> Path:
    return example_site


def apps_url(site: Path, hash_: str = "") -> str:
    return site.as_uri() + "/applications/index.html" + hash_


def new_page(browser, viewport: dict[str, int], **options):
    page = browser.new_page(viewport=viewport, **options)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    return page


# --- 7: sorting on a phone ------------------------------------------------------------------

def test_a_phone_sorts_with_a_select_that_survives_reload(built_site: Path, browser) -> None:
    page = new_page(browser, PHONE)
    page.goto(apps_url(built_site))
    assert not page.is_visible("#apps-table thead")
    select = page.get_by_label("Sort by")
    assert select.is_visible()
    default = page.evaluate(COMPANIES)

    select.select_option("company")
    ascending = page.evaluate(COMPANIES)
    assert ascending == sorted(ascending, key=str.casefold) != default
    assert "sort=company" in page.url
    # the column header says the same, for when the screen widens
    assert page.get_attribute("#apps-table thead th:first-child", "aria-sort") == "ascending"

    select.select_option("-match")
    page.reload()
    assert page.get_by_label("Sort by").input_value() == "-match"
    matches = page.eval_on_selector_all(
        "#apps-table tbody tr", "rs => rs.map(r => r.querySelector('.cell-match').dataset.sort)")
    filled = [m for m in matches if m]
    assert filled == sorted(filled, reverse=True) and matches[-1] == ""

    page.get_by_label("Sort by").select_option("")
    assert page.evaluate(COMPANIES) == default
    assert "sort=" not in page.url
    assert page.errors == []
    page.close()


def test_the_sort_select_keeps_the_filters_and_follows_the_headers(
        built_site: Path, browser) -> None:
    page = new_page(browser, PHONE)
    page.goto(apps_url(built_site, "#status=rejected"))
    page.get_by_label("Sort by").select_option("-applied")
    assert len(page.evaluate(COMPANIES)) == REJECTED
    assert "status=rejected" in page.url and "sort=-applied" in page.url
    assert page.is_visible("text=12 of 43 shown")
    page.close()

    wide = new_page(browser, DESKTOP)
    wide.goto(apps_url(built_site))
    assert not wide.get_by_label("Sort by").is_visible()     # the headers sort here
    wide.click("#apps-table thead th:nth-child(2) button")
    wide.click("#apps-table thead th:nth-child(2) button")
    assert wide.get_by_label("Sort by").input_value() == "-role"
    wide.close()


# --- 8: without JavaScript ------------------------------------------------------------------

def test_without_javascript_a_notice_says_every_row_is_shown(built_site: Path, browser) -> None:
    page = new_page(browser, DESKTOP, java_script_enabled=False)
    page.goto(apps_url(built_site, "#status=rejected"))
    notice = page.locator(".noscript-note")
    assert notice.is_visible()
    assert notice.inner_text() == (
        f"Filters and sorting need JavaScript: all {ALL} applications are shown.")
    assert len(page.evaluate(COMPANIES)) == ALL
    page.close()

    scripted = new_page(browser, DESKTOP)
    scripted.goto(apps_url(built_site))
    assert not scripted.locator(".noscript-note").is_visible()
    scripted.close()


# --- 9: the board -----------------------------------------------------------------------------

def test_the_board_shows_what_the_filters_show(built_site: Path, browser) -> None:
    page = new_page(browser, DESKTOP)
    page.goto(apps_url(built_site, "#status=rejected"))
    table = page.evaluate(COMPANIES)
    assert len(table) == REJECTED
    assert sorted(page.evaluate(BOARD_CARDS)) == sorted(table)
    columns = page.locator("#board .board-col:visible")
    assert columns.count() == 1
    assert columns.first.get_attribute("aria-label") == "Rejected"
    assert columns.first.locator(".board-col-count").inner_text() == str(REJECTED)
    state = page.locator(".board-filter-state")
    assert "12 of 43 shown" in state.inner_text()

    page.fill("input[name=q]", "looker")
    assert sorted(page.evaluate(BOARD_CARDS)) == sorted(page.evaluate(COMPANIES))

    state.get_by_role("button", name="Clear filters").click()
    assert len(page.evaluate(BOARD_CARDS)) == ALL
    assert not state.is_visible()
    assert page.locator("#board .board-col:visible").count() == 11
    assert page.errors == []
    page.close()


def test_jumping_to_the_board_keeps_the_filters(built_site: Path, browser) -> None:
    page = new_page(browser, DESKTOP)
    page.goto(apps_url(built_site, "#status=rejected&sort=company"))
    page.click(".view-links >> text=Board by status")
    assert len(page.evaluate(BOARD_CARDS)) == REJECTED
    assert len(page.evaluate(COMPANIES)) == REJECTED
    assert page.get_attribute("#apps-table thead th:first-child", "aria-sort") == "ascending"
    page.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_board_wraps_its_columns_instead_of_scrolling_sideways(
        built_site: Path, browser, viewport: dict[str, int]) -> None:
    page = new_page(browser, viewport)
    page.goto(apps_url(built_site))
    board = page.evaluate("""() => {
      const b = document.querySelector('#board .board');
      const cols = [...b.querySelectorAll('.board-col')].map(c => c.getBoundingClientRect());
      return {scroll: b.scrollWidth, client: b.clientWidth,
              rights: cols.map(r => r.right), rows: new Set(cols.map(r => r.top)).size};
    }""")
    assert board["scroll"] <= board["client"]
    assert max(board["rights"]) <= viewport["width"]
    assert board["rows"] > 1
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.close()


# --- 17: the application page on a phone ----------------------------------------------------

def boxes(page) -> dict[str, dict[str, float]]:
    return page.evaluate("""() => {
      const box = s => { const r = document.querySelector(s).getBoundingClientRect();
                         return {top: r.top, left: r.left, width: r.width}; };
      return {facts: box('.note-side [aria-label="Details"]'),
              timeline: box('.note-side [aria-labelledby="timeline-title"]'),
              contacts: box('.note-side [aria-labelledby="contacts-title"]'),
              skills: box('#skills'), due: box('#due')};
    }""")


def test_on_a_phone_facts_and_timeline_come_before_the_skills_full_width(
        built_site: Path, browser) -> None:
    page = new_page(browser, PHONE)
    page.goto(built_site.as_uri() + "/applications/cobaltline-analytics-engineer.html")
    b = boxes(page)
    assert b["facts"]["top"] < b["timeline"]["top"] < b["skills"]["top"]
    for name in ("facts", "timeline", "contacts"):
        assert b[name]["width"] == pytest.approx(b["skills"]["width"], abs=1), name
        assert b[name]["left"] == pytest.approx(b["skills"]["left"], abs=1), name
    page.close()

    wide = new_page(browser, DESKTOP)
    wide.goto(built_site.as_uri() + "/applications/cobaltline-analytics-engineer.html")
    b = boxes(wide)
    # the desktop keeps its sidebar: facts on the left, beside what is due
    assert b["facts"]["left"] < b["due"]["left"]
    assert b["facts"]["width"] < b["due"]["width"]
    assert b["facts"]["top"] == pytest.approx(b["due"]["top"], abs=1)
    wide.close()


# --- 28: search text that screen readers do not read ------------------------------------------

def test_the_search_finds_skills_and_contacts_the_role_cell_does_not_say(
        built_site: Path, browser) -> None:
    page = new_page(browser, DESKTOP)
    page.goto(apps_url(built_site))
    roles = page.eval_on_selector_all("#apps-table .cell-role", "cs => cs.map(c => c.innerHTML)")
    assert all("visually-hidden" not in r and "Looker" not in r for r in roles)

    page.fill("input[name=q]", "felix aronsson")
    assert page.evaluate(COMPANIES) == ["Cobaltline"]
    page.fill("input[name=q]", "fivetran")
    found = page.evaluate(COMPANIES)
    assert found and len(found) < ALL
    cells = page.eval_on_selector_all("#apps-table tbody tr:not([hidden])",
                                      "rs => rs.map(r => r.textContent.toLowerCase())")
    assert not any("fivetran" in c for c in cells)
    page.close()
