"""Real-browser helpers: Playwright for Python driving Debian's chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def require_chromium() -> None:
    """Skip outside CI when chromium is missing; in CI a missing browser is a failure."""
    if os.path.exists(CHROMIUM):
        return
    if os.environ.get("CI"):
        pytest.fail(f"chromium not found at {CHROMIUM}; .ci/run installs it")
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


@contextmanager
def chromium_browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def build_for_browser(vault: Path, out: Path) -> Path:
    """``jobnotes build`` of ``vault`` into ``out``, for 27 November 2026, without the cache."""
    from click.testing import CliRunner

    from jobnotes.cli import main

    result = CliRunner().invoke(main, ["build", str(vault), "-o", str(out),
                                       "--today", "2026-11-27", "--no-cache"])
    assert result.exit_code == 0, result.output
    return out


@contextmanager
def page_opener(browser: Any, url: str, viewport: dict[str, int]
                ) -> Iterator[Callable[..., Any]]:
    """``open(hash_, **options)`` opens ``url`` + ``hash_`` in a new page that records its
    script errors; on the way out, every page opened must have had none."""
    pages: list[Any] = []

    def open_page(hash_: str = "", **options: Any) -> Any:
        page = browser.new_page(viewport=viewport, **options)
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        page.goto(url + hash_)
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        assert page.errors == []
        page.close()
