"""The printable report in a real browser: no word in its table is ever split across lines,
on a wide screen, on a phone, or on paper."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from tests.browser import chromium_browser
from tests.conftest import EXAMPLE_VAULT

pytestmark = pytest.mark.browser

# Each table cell whose content is wider than the cell, and each word (outside a web
# address, which may break anywhere) whose letters lie on more than one line.
BROKEN_WORDS = """() => {
  const found = [];
  for (const cell of document.querySelectorAll('.report-table td, .report-table th')) {
    if (cell.scrollWidth > cell.clientWidth) found.push('too wide: ' + cell.textContent);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      if (text.parentElement.closest('.url')) continue;
      for (const word of text.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        if (lines.size > 1) found.push('split: ' + word[0]);
      }
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = CliRunner().invoke(main, ["export", "report", str(EXAMPLE_VAULT), "-o", str(out),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    return out


def test_no_word_in_the_report_is_split(report: Path) -> None:
    with chromium_browser() as browser:
        for width, media in ((1280, "screen"), (390, "screen"), (1280, "print")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(report.as_uri())
            page.emulate_media(media=media)
            assert page.locator(".report-table td.how").count() >= 30
            assert page.evaluate(BROKEN_WORDS) == [], (width, media)
            page.close()


def test_the_how_column_is_one_line_at_1280_px(report: Path) -> None:
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(report.as_uri())
        lines = page.eval_on_selector_all(
            ".report-table td.how",
            "cells => cells.map(c => { const r = document.createRange(); r.selectNodeContents(c);"
            " return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })")
        assert lines and set(lines) == {1}
        page.close()
