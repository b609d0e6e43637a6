"""Charts in a real browser: readable type on a phone, halos, goals strip, and print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHART_PAGES = ["index.html", "skills.html", "channels.html", "postmortems.html"]

# Rendered size of every visible chart label: computed font size times the SVG's scale.
# The activity calendar is left out: it is drawn at its natural size everywhere and its
# month and weekday marks are deliberately small.
TEXT_SIZES = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('svg.chart:not(.chart-calendar)')) {
    if (!svg.getClientRects().length) continue;
    const scale = svg.getScreenCTM().a;
    for (const t of svg.querySelectorAll('text')) {
      const box = t.getBoundingClientRect();
      if (!box.width) continue;
      out.push({chart: svg.getAttribute('aria-labelledby'), text: t.textContent,
                px: parseFloat(getComputedStyle(t).fontSize) * scale, height: box.height});
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def site(example_site: Path) -> Path:
    return example_site


def _open(browser: object, site: Path, name: str, width: int, scheme: str = "light") -> object:
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page.goto((site / name).as_uri())
    return page


@pytest.mark.parametrize("name", CHART_PAGES)
def test_chart_text_is_at_least_11px_on_a_phone(browser: object, site: Path,
                                                 name: str) -> None:
    page = _open(browser, site, name, 390)
    try:
        sizes = page.evaluate(TEXT_SIZES)
        assert sizes, "no chart text found"
        small = [(s["text"], round(s["px"], 1)) for s in sizes if s["px"] < 11.5]
        assert not small, small
        assert min(s["height"] for s in sizes) >= 11
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        page.close()


@pytest.mark.parametrize(("width", "shown"), [(390, "narrow"), (1280, "wide")])
def test_each_chart_shows_exactly_one_twin(browser: object, site: Path, width: int,
                                           shown: str) -> None:
    page = _open(browser, site, "channels.html", width)
    try:
        visible = page.evaluate("""() => [...document.querySelectorAll('.chart-pair')].map(p =>
          [...p.children].filter(c => c.getClientRects().length)
            .map(c => c.classList.contains('chart-narrow') ? 'narrow' : 'wide'))""")
        assert visible and all(v == [shown] for v in visible), visible
    finally:
        page.close()


def test_desktop_charts_keep_their_natural_size(browser: object, site: Path) -> None:
    page = _open(browser, site, "postmortems.html", 1280)
    try:
        sizes = page.evaluate(TEXT_SIZES)
        assert {round(s["px"]) for s in sizes if s["text"] == "Applied"} == {12}
    finally:
        page.close()


def test_sankey_scrolls_in_a_labelled_region_on_a_phone(browser: object, site: Path) -> None:
    page = _open(browser, site, "index.html", 390)
    try:
        region = page.locator("#flow .chart-scroll")
        assert region.get_attribute("role") == "region"
        assert "Where applications go" in (region.get_attribute("aria-label") or "")
        assert region.get_attribute("tabindex") == "0"
        assert region.evaluate("e => e.scrollWidth > e.clientWidth")
        sizes = [s for s in page.evaluate(TEXT_SIZES) if s["chart"].startswith("sankey")]
        assert sizes and min(s["px"] for s in sizes) >= 11.5
    finally:
        page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_sankey_labels_have_a_halo_of_the_card_colour(browser: object, site: Path,
                                                      scheme: str) -> None:
    page = _open(browser, site, "index.html", 1280, scheme)
    try:
        halo = page.evaluate("""() => {
          const t = document.querySelector('.chart-sankey .label');
          const s = getComputedStyle(t);
          return {order: s.paintOrder, stroke: s.stroke, width: parseFloat(s.strokeWidth),
                  card: getComputedStyle(t.closest('.card')).backgroundColor};
        }""")
        assert halo["order"].startswith("stroke")
        assert halo["width"] >= 4
        assert halo["stroke"] == halo["card"]
    finally:
        page.close()


def test_rejection_stages_table_stacks_on_a_phone(browser: object, site: Path) -> None:
    page = _open(browser, site, "postmortems.html", 390)
    try:
        cells = page.locator(".stage-table td.inline-refs")
        assert cells.count() >= 3
        widths = cells.evaluate_all("cs => cs.map(c => c.getBoundingClientRect().width)")
        assert min(widths) >= 250
        assert page.locator(".stage-table thead").evaluate(
            "e => e.getBoundingClientRect().height") <= 1
        label = page.locator(".stage-table td.num").first.evaluate(
            "e => getComputedStyle(e, '::before').content")
        assert "Rejections" in label
    finally:
        page.close()


def test_goals_strip_shades_by_goals_met(browser: object, site: Path) -> None:
    page = _open(browser, site, "index.html", 1280)
    try:
        colours = page.evaluate("""() => Object.fromEntries(['some-1', 'some-2', 'met'].map(c =>
          [c, [...document.querySelectorAll('.week-strip .week-cell.' + c)]
                .map(e => getComputedStyle(e).backgroundColor)]))""")
        assert colours["some-1"] and colours["some-2"]
        assert set(colours["some-1"]).isdisjoint(colours["some-2"])
        titles = page.locator(".week-strip .week-cell").evaluate_all(
            "cs => cs.map(c => c.textContent.trim())")
        assert all(re.fullmatch(r"Week of .+: \d of \d goals met", t) for t in titles)
    finally:
        page.close()


def _pdf_pages(browser: object, site: Path, name: str, scheme: str = "light") -> int:
    page = _open(browser, site, name, 1280, scheme)
    try:
        data = page.pdf(format="A4")
    finally:
        page.close()
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_skills_page_prints_on_a_few_pages(browser: object, site: Path) -> None:
    assert _pdf_pages(browser, site, "skills.html") <= 14


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_dashboard_print_keeps_swatches_and_full_width_tables(browser: object, site: Path,
                                                             scheme: str) -> None:
    page = _open(browser, site, "index.html", 1280, scheme)
    try:
        page.set_viewport_size({"width": 720, "height": 1000})
        page.emulate_media(media="print")
        found = page.evaluate("""() => {
          const dot = document.querySelector('#status .status-counts .dot');
          const card = document.querySelector('#activity');
          const table = card.querySelector('.mini-table');
          const strip = [...document.querySelectorAll('.week-strip .week-cell')]
            .map(c => getComputedStyle(c).printColorAdjust);
          return {adjust: getComputedStyle(dot).printColorAdjust,
                  dot: getComputedStyle(dot).backgroundColor,
                  table: table.getBoundingClientRect().width,
                  card: card.getBoundingClientRect().width,
                  cardBreak: getComputedStyle(card).breakInside, strip};
        }""")
        assert found["adjust"] == "exact"
        assert found["dot"] not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
        assert found["card"] > 600 and found["table"] > found["card"] * 0.85
        assert found["cardBreak"] == "auto"
        assert set(found["strip"]) == {"exact"}
    finally:
        page.close()
