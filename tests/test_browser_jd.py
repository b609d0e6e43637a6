"""Match scores and interview prep in a real browser, the site opened from disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from tests.browser import chromium_browser
from tests.conftest import write_vault
from tests.test_jd_site import FILES, TODAY_ARG

pytestmark = pytest.mark.browser

MATCH_CELLS = """() => {
  const head = [...document.querySelectorAll('#apps-table thead th')];
  const column = head.findIndex(th => th.textContent.trim().startsWith('Match'));
  return [...document.querySelectorAll('#apps-table tbody tr')]
    .map(row => row.cells[column].textContent.trim());
}"""


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("jd")
    root = write_vault(base / "vault", FILES)
    out = base / "_site"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out), *TODAY_ARG])
    assert result.exit_code == 0, result.output
    return out


def test_sorting_by_match_puts_the_best_match_first(built_site: Path) -> None:
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(built_site.as_uri() + "/applications/index.html")
        button = page.get_by_role("button", name="Match")
        button.click()
        assert page.evaluate(MATCH_CELLS) == ["50 %", "47 %", "0 %", ""]
        header = page.locator("#apps-table thead th", has=button)
        assert header.get_attribute("aria-sort") == "descending"
        button.click()                                  # lowest first; no score stays last
        assert page.evaluate(MATCH_CELLS) == ["0 %", "47 %", "50 %", ""]
        page.locator("select[name=status]").select_option("interviewing")
        assert page.locator("#apps-table tbody tr:visible").count() == 3
        assert problems == []


def test_the_agenda_leads_to_the_prep_panel(built_site: Path) -> None:
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.goto(built_site.as_uri() + "/index.html")
        page.get_by_role("link", name="Interview with Acme").click()
        assert page.url.endswith("/applications/acme.html#prep")
        panel = page.locator("#prep")
        assert panel.count() == 1
        assert panel.is_visible()
        assert panel.locator("h2").inner_text() == "Interview prep"
        top = page.evaluate("document.getElementById('prep').getBoundingClientRect().top")
        assert -1 <= top < 200                           # scrolled to the panel
        assert page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
