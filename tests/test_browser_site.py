"""The built example site in a real browser, opened straight from disk."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urldefrag

import pytest

from tests.browser import chromium_browser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def built_site(example_site: Path) -> Path:
    return example_site


def test_every_dashboard_link_opens_from_disk_without_errors(built_site: Path) -> None:
    site_url = built_site.as_uri() + "/"
    with chromium_browser() as browser:
        page = browser.new_page()
        problems: list[str] = []
        outside: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        # ERR_ABORTED only means the test navigated on before the favicon finished.
        page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}")
                if r.failure != "net::ERR_ABORTED" else None)

        def watch(request) -> None:
            if not request.url.startswith(site_url):
                outside.append(request.url)

        page.on("request", watch)
        page.goto(site_url + "index.html")
        links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        targets = sorted({urldefrag(link)[0] for link in links
                          if link.startswith("file:")})
        assert len(targets) >= 5
        for target in targets:
            page.goto(target)
            assert Path(target.removeprefix("file://")).is_file(), f"404: {target}"
            assert page.locator("h1").count() >= 1, target
        assert problems == []
        assert outside == []
        page.close()
