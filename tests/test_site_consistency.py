"""The site reads alike on every page: navigation, skill states and percentages."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from jobnotes.build import render_site
from jobnotes.load import load_vault
from jobnotes.site.render import percent
from tests.conftest import EXAMPLE_VAULT

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    site = render_site(load_vault(EXAMPLE_VAULT, today=TODAY))
    return {path: data.decode() for path, data in site.files.items() if path.endswith(".html")}


def current_nav(html: str) -> list[str]:
    nav = re.search(r'<nav class="nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="[^"]*" aria-current="page">\s*([^<]+?)\s*<', nav)


class _Text(HTMLParser):
    """The text a reader sees or hears: data and title/aria-label, without scripts."""

    def __init__(self, skip_svg: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.skipped = {"script", "style"} | ({"svg"} if skip_svg else set())
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.skipped:
            self.depth += 1
        elif not self.depth:
            self.parts += [f" {v} " for k, v in attrs if k in ("title", "aria-label") and v]

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipped:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


def text_of(html: str, skip_svg: bool = False) -> str:
    parser = _Text(skip_svg)
    parser.feed(html)
    return "".join(parser.parts)


# --- navigation ---------------------------------------------------------------------------

def test_alternatives_is_in_the_navigation_and_marked_current_there(pages):
    nav = re.search(r'<nav class="nav".*?</nav>', pages["index.html"], re.S).group(0)
    assert 'href="alternatives.html"' in nav
    labels = re.findall(r'<a href="[^"]*"[^>]*>\s*([A-Z][\w-]*)', nav)
    assert labels.index("Alternatives") == labels.index("Skills") + 1
    assert current_nav(pages["alternatives.html"]) == ["Alternatives"]
    assert current_nav(pages["skills.html"]) == ["Skills"]


def test_every_page_marks_at_most_one_nav_item_and_tag_pages_none(pages):
    tag_pages = [p for p in pages if p.startswith("tags/")]
    assert tag_pages
    for path, html in pages.items():
        assert len(current_nav(html)) <= 1, path
    for path in tag_pages:
        assert current_nav(pages[path]) == [], path


# --- skill states -------------------------------------------------------------------------

STATE = re.compile(r'<span class="skill-mark skill-(have|learning|gap)">([^<]*)</span>')


@pytest.mark.parametrize("path", ["index.html", "skills.html", "alternatives.html",
                                  "applications/kestrel-logistics-data-analyst.html"])
def test_each_skill_state_reads_the_same_on_every_page(pages, path):
    html = pages[path]
    found = STATE.findall(html)
    assert found, path
    assert set(found) <= {("have", "Yours"), ("learning", "Learning"), ("gap", "Gap")}
    assert 'class="badge skill-' not in html
    assert not re.search(r'class="skill-mark">', html)   # no state without its own class


def test_skill_states_appear_on_all_four_pages_in_one_case(pages):
    seen = {label for html in pages.values() for _, label in STATE.findall(html)}
    assert seen == {"Yours", "Learning", "Gap"}
    application = text_of(pages["applications/kestrel-logistics-data-analyst.html"])
    assert "(learning)" not in application


# --- percentages --------------------------------------------------------------------------

@pytest.mark.parametrize("share, shown", [
    (None, "—"), (0, "0 %"), (0.68, "68 %"), (0.125, "13 %"), (0.145, "15 %"),
    (0.105, "11 %"), (0.079, "8 %"), (0.004, "0.4 %"), (0.0001, "<0.1 %"), (1, "100 %"),
])
def test_percent_is_a_whole_number_with_a_space(share, shown):
    assert percent(share) == shown


UNSPACED = re.compile(r"\d%")
SPACED = re.compile(r"\d[ \u00a0]%")
WHOLE_WITH_DECIMAL = re.compile(r"(?<![\d.])[1-9]\d*\.\d+[ \u00a0]?%")  # "10.5 %"


def test_no_page_writes_a_percentage_without_the_space(pages):
    """Charts (SVG) are written elsewhere: see below."""
    spaced = 0
    for path, html in pages.items():
        text = text_of(html, skip_svg=True)
        assert not UNSPACED.search(text), (path, text[UNSPACED.search(text).start() - 60:][:80])
        assert not WHOLE_WITH_DECIMAL.search(text), path
        spaced += len(SPACED.findall(text))
    assert spaced > 100


def test_charts_and_scorecard_write_percentages_alike(pages):
    for path, html in pages.items():
        assert not UNSPACED.search(text_of(html)), path
