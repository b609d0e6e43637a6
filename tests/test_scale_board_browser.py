"""The board of a long job search in a real browser: a long column folds its older cards,
and the table's filters still find the folded ones."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.browser import build_for_browser, page_opener

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
REJECTED = 16          # 10 shown + 6 folded
# Rejected at 16 companies, the first (Alder) applied to longest ago.
NAMES = ("Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Ginkgo", "Hazel", "Juniper",
         "Larch", "Maple", "Oak", "Pine", "Rowan", "Spruce", "Willow")
VISIBLE_CARDS = ("() => [...document.querySelectorAll('#board .board-card')]"
                 ".filter(c => c.checkVisibility())"
                 ".map(c => c.querySelector('a').textContent.trim())")


def _note(company: str, status: str, applied: str) -> str:
    return (f"---\ncompany: {company}\nrole: Analyst\nstatus: {status}\n"
            f"channel: job-board\napplied: {applied}\n---\n")


@pytest.fixture(scope="module")
def board_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("board")
    vault = root / "vault" / "applications"
    vault.mkdir(parents=True)
    for n, name in enumerate(NAMES):
        (vault / f"r{n:02}.md").write_text(
            _note(name, "rejected", f"2026-09-{n + 1:02}"), encoding="utf-8")
    (vault / "applied.md").write_text(_note("Open One", "applied", "2026-11-02"),
                                      encoding="utf-8")
    return build_for_browser(root / "vault", root / "site")


@pytest.fixture
def open_board(board_site: Path, browser) -> Iterator[Callable[..., object]]:
    with page_opener(browser, board_site.as_uri() + "/applications/index.html", DESKTOP) as go:
        yield go


def test_a_long_column_shows_its_ten_most_recent_cards_and_folds_the_rest(open_board) -> None:
    page = open_board()
    shown = page.evaluate(VISIBLE_CARDS)
    assert shown == ["Open One"] + list(reversed(NAMES[6:]))
    column = page.locator('#board .board-col[aria-label="Rejected"]')
    assert column.locator(".board-col-count").inner_text() == str(REJECTED)
    column.get_by_text("6 more").click()
    assert len(page.evaluate(VISIBLE_CARDS)) == REJECTED + 1


def test_a_filter_shows_the_folded_cards_it_matches(open_board) -> None:
    page = open_board()
    page.fill("input[name=q]", "cedar")
    assert page.evaluate(VISIBLE_CARDS) == ["Cedar"]
    column = page.locator('#board .board-col[aria-label="Rejected"]')
    assert column.locator(".board-col-count").inner_text() == "1"
    assert not column.get_by_text("6 more").is_visible()

    page.fill("input[name=q]", "rejected")
    assert page.evaluate(VISIBLE_CARDS) == list(reversed(NAMES))

    page.fill("input[name=q]", "")
    assert len(page.evaluate(VISIBLE_CARDS)) == 11
    assert column.get_by_text("6 more").is_visible()


def test_a_filter_hides_the_folded_cards_it_does_not_match(open_board) -> None:
    page = open_board("#status=applied")
    assert page.evaluate(VISIBLE_CARDS) == ["Open One"]
    column = page.locator('#board .board-col[aria-label="Rejected"]')
    assert not column.is_visible()
    page.select_option("select[name=status]", "rejected")
    assert len(page.evaluate(VISIBLE_CARDS)) == REJECTED
