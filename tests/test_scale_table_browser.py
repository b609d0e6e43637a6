"""The applications table of a very long search (or a coach's cohort) in a real browser: it
shows its first 1000 rows, and a bar to show the others; the filters, the sort and the
board still reach every row, and without JavaScript a link shows them all."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.browser import build_for_browser, page_opener

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
SHOWN = 1000
NOTES = 1003
# Newest first by default: Firm 0000 applied last, Firm 1000-1002 longest ago (beyond the
# first 1000 rows).
ROLES = {NOTES - 1: "Lighthouse Keeper"}
SHOWN_ROWS = ("() => [...document.querySelectorAll('#apps-table tbody tr')]"
              ".filter(r => r.checkVisibility())"
              ".map(r => r.querySelector('.cell-main').textContent.trim())")
SHOWN_CARDS = ("() => [...document.querySelectorAll('#board .board-card')]"
               ".filter(c => c.checkVisibility())"
               ".map(c => c.querySelector('a').textContent.trim())")


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("long")
    folder = root / "vault" / "applications"
    folder.mkdir(parents=True)
    newest = date(2026, 11, 20)
    for n in range(NOTES):
        applied = newest - timedelta(days=n)
        (folder / f"firm-{n:04}.md").write_text(
            f"---\ncompany: Firm {n:04}\nrole: {ROLES.get(n, 'Analyst')}\nstatus: applied\n"
            f"channel: job-board\napplied: {applied.isoformat()}\n---\n", encoding="utf-8")
    return build_for_browser(root / "vault", root / "site")


@pytest.fixture
def open_table(long_site: Path, browser) -> Iterator[Callable[..., object]]:
    with page_opener(browser, long_site.as_uri() + "/applications/index.html", DESKTOP) as go:
        yield go


def firms(*numbers: int) -> list[str]:
    return [f"Firm {n:04}" for n in numbers]


def test_the_table_shows_its_first_rows_and_a_button_shows_the_others(open_table) -> None:
    page = open_table()
    assert page.evaluate(SHOWN_ROWS) == firms(*range(SHOWN))
    bar = page.locator(".rows-more")
    assert bar.locator(".rows-more-count").inner_text() == (
        f"Showing the first {SHOWN} of {NOTES} applications.")
    assert not bar.get_by_role("button", name=f"Show {SHOWN} more").is_visible()
    bar.get_by_role("button", name=f"Show all {NOTES}").click()
    assert page.evaluate(SHOWN_ROWS) == firms(*range(NOTES))
    assert not bar.is_visible()


def test_the_search_finds_rows_beyond_the_first_ones(open_table) -> None:
    page = open_table()
    page.fill("input[name=q]", "lighthouse")
    assert page.evaluate(SHOWN_ROWS) == firms(1002)
    assert not page.locator(".rows-more").is_visible()
    assert "Firm 1002" in page.evaluate(SHOWN_CARDS)

    page.fill("input[name=q]", "firm")
    assert len(page.evaluate(SHOWN_ROWS)) == SHOWN
    assert page.locator(".filter-count").inner_text() == f"{NOTES} of {NOTES} match"
    assert "Filtered like the table: 1003 of 1003 match." in page.inner_text(".board-count")
    assert page.locator(".rows-more-count").inner_text() == (
        f"Showing the first {SHOWN} of {NOTES} matching applications.")
    page.fill("input[name=q]", "")
    assert page.evaluate(SHOWN_ROWS) == firms(*range(SHOWN))


def test_a_sort_shows_the_first_rows_in_the_new_order(open_table) -> None:
    page = open_table()
    header = page.locator("#apps-table thead button", has_text="Company")
    header.click()                  # A-Z: the same firms as by recent activity
    header.click()                  # Z-A: the three beyond come first
    shown = page.evaluate(SHOWN_ROWS)
    assert shown == firms(*range(NOTES - 1, NOTES - 1 - SHOWN, -1))
    assert page.evaluate("location.hash") == "#sort=-company"


def test_a_sort_in_the_link_is_applied_before_the_rows_are_cut(open_table) -> None:
    page = open_table("#sort=-company")
    assert page.evaluate(SHOWN_ROWS)[:3] == firms(1002, 1001, 1000)
    assert len(page.evaluate(SHOWN_ROWS)) == SHOWN


def test_the_link_that_shows_every_row_without_javascript_does_so_with_it(open_table) -> None:
    page = open_table("#all-applications")
    assert page.evaluate(SHOWN_ROWS) == firms(*range(NOTES))
    page.fill("input[name=q]", "lighthouse")
    assert page.evaluate(SHOWN_ROWS) == firms(NOTES - 1)


def test_without_javascript_a_link_shows_every_row(open_table) -> None:
    page = open_table(java_script_enabled=False)
    assert page.locator("#apps-table tbody tr:visible").count() == SHOWN
    assert f"the first {SHOWN} of {NOTES} applications are shown" in page.locator(
        "noscript").first.inner_html()
    page.get_by_role("link", name=f"Show all {NOTES}").click()
    assert page.locator("#apps-table tbody tr:visible").count() == NOTES
    assert not page.locator(".rows-more").is_visible()


def test_a_table_of_a_thousand_rows_or_fewer_shows_them_all(example_site: Path) -> None:
    html = (example_site / "applications" / "index.html").read_text(encoding="utf-8")
    assert "row-beyond" not in html and "rows-more" not in html
    assert "data-rows-shown" not in html


def test_a_filtered_board_column_shows_its_first_hundred_matches(open_table) -> None:
    page = open_table()
    column = page.locator('#board .board-col[aria-label="Applied"]')
    page.fill("input[name=q]", "firm")
    assert page.evaluate(SHOWN_CARDS) == firms(*range(100))
    assert column.locator(".board-col-count").inner_text() == str(NOTES)
    assert column.locator(".board-more-matches").inner_text() == (
        f"{NOTES - 100} more match: see the table.")

    page.fill("input[name=q]", "lighthouse")
    assert page.evaluate(SHOWN_CARDS) == firms(NOTES - 1)
    assert not column.locator(".board-more-matches").is_visible()

    page.fill("input[name=q]", "")
    assert page.evaluate(SHOWN_CARDS) == firms(*range(10))      # the fold is back
    assert not column.locator(".board-more-matches").is_visible()
