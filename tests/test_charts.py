"""The inline SVG charts: accessible, escaped, CSP-safe, deterministic, and right (the
calendar heatmap's own layout is tested in test_charts_calendar.py)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from markupsafe import Markup

from jobnotes.site.charts import (
    bar_chart_svg,
    calendar_heatmap_svg,
    funnel_svg,
    node_kind,
    progress_ring_svg,
    sankey_svg,
    share_vs_target_svg,
    stacked_columns_svg,
)

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script> & co'
MONDAY = date(2024, 3, 4)


def _sankey(label: str = "Applied", empty: bool = False, cid: str = "c") -> Markup:
    if empty:
        return sankey_svg([], [], chart_id=cid, title="Pipeline", desc="Flow")
    nodes = [("a", label, 10), ("s", "Screening", 6), ("r", "Rejected", 4)]
    links = [("a", "s", 6), ("a", "r", 4)]
    return sankey_svg(nodes, links, chart_id=cid, title="Pipeline", desc="Flow")


def _bar(label: str = "Python", empty: bool = False, cid: str = "c") -> Markup:
    items = [] if empty else [(label, 3), ("SQL", 1.5)]
    return bar_chart_svg(items, chart_id=cid, title="Skills", desc="Asked for")


def _columns(label: str = "Applications", empty: bool = False, cid: str = "c") -> Markup:
    cats = [] if empty else ["W1", "W2"]
    series = [(label, [3, 1]), ("Responses", [1, 0])]
    return stacked_columns_svg(cats, series, chart_id=cid, title="Activity", desc="Weekly")


def _funnel(label: str = "Applied", empty: bool = False, cid: str = "c") -> Markup:
    steps = [] if empty else [(label, 20), ("Screening", 8), ("Offer", 1)]
    return funnel_svg(steps, chart_id=cid, title="Funnel", desc="Stages")


def _share(label: str = "Referral", empty: bool = False, cid: str = "c") -> Markup:
    rows = [] if empty else [(label, 12.5, 30.0), ("Job board", 55.0, 30.0)]
    return share_vs_target_svg(rows, chart_id=cid, title="Channels", desc="Mix")


def _ring(label: str = "Applications", empty: bool = False, cid: str = "c") -> Markup:
    return progress_ring_svg(0 if empty else 3, 0 if empty else 5, chart_id=cid, label=label)


def _calendar(label: str = "", empty: bool = False, cid: str = "c") -> Markup:
    days = [] if empty else [(MONDAY + timedelta(days=i), i % 5) for i in range(30)]
    return calendar_heatmap_svg(days, chart_id=cid, title=label or "Calendar", desc="Daily")


CHARTS: dict[str, Callable[..., Markup]] = {
    "sankey": _sankey, "bar": _bar, "columns": _columns, "funnel": _funnel,
    "share": _share, "ring": _ring, "calendar": _calendar,
}
each_chart = pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())


def parse(svg: str) -> ET.Element:
    """The chart's <svg>; for a chart with a narrow twin, the wide (desktop) one."""
    root = ET.fromstring(str(svg))
    if root.tag == "div":
        assert root.get("class") == "chart-pair"
        return root[0]
    return root


def twins(svg: str) -> tuple[ET.Element, ET.Element]:
    """The wide chart and its narrow twin."""
    root = ET.fromstring(str(svg))
    assert root.tag == "div" and root.get("class") == "chart-pair"
    wide, narrow = list(root)
    return wide, narrow


def marks_titles(root: ET.Element) -> list[str]:
    """The tooltip texts of every mark (titles not directly under the root)."""
    top = set(root.findall(f"{NS}title"))
    return [t.text or "" for t in root.iter(f"{NS}title") if t not in top]


def by_title(root: ET.Element, tag: str, prefix: str) -> ET.Element:
    for element in root.iter(f"{NS}{tag}"):
        tip = element.find(f"{NS}title")
        if tip is not None and (tip.text or "").startswith(prefix):
            return element
    raise AssertionError(f"no <{tag}> titled {prefix!r}")


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


# Every chart ---------------------------------------------------------------------


@each_chart
@pytest.mark.parametrize("empty", [False, True], ids=["data", "empty"])
def test_chart_is_valid_accessible_svg(make: Callable[..., Markup], empty: bool) -> None:
    svg = make(empty=empty, cid="goals-1")
    assert isinstance(svg, Markup)
    root = parse(svg)
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox", ""))
    assert "chart" in classes(root)
    ids = root.get("aria-labelledby", "").split()
    assert ids == ["goals-1-title", "goals-1-desc"]
    assert root[0].tag == f"{NS}title" and root[0].get("id") == ids[0] and root[0].text
    assert root[1].tag == f"{NS}desc" and root[1].get("id") == ids[1] and root[1].text


@each_chart
def test_chart_has_no_inline_style_script_or_handlers(make: Callable[..., Markup]) -> None:
    svg = str(make(label=HOSTILE))
    assert "style=" not in svg
    assert "<style" not in svg
    assert "<script" not in svg
    assert not re.search(r"\son\w+=", svg)


@each_chart
def test_hostile_label_is_escaped_and_shown_as_text(make: Callable[..., Markup]) -> None:
    svg = make(label=HOSTILE)
    assert "&lt;script&gt;" in svg
    texts = " ".join("".join(el.itertext()) for el in parse(svg).iter())
    assert "<script>" in texts  # the reader sees the label, the browser runs nothing


@each_chart
def test_chart_is_deterministic(make: Callable[..., Markup]) -> None:
    assert make() == make()


@each_chart
def test_coordinates_have_at_most_one_decimal(make: Callable[..., Markup]) -> None:
    root = parse(make())
    for element in root.iter():
        for key in ("x", "y", "x1", "y1", "x2", "y2", "width", "height", "cx", "cy", "r"):
            value = element.get(key)
            if value is not None and value != "100%":
                assert re.fullmatch(r"-?\d+(\.\d)?", value), (key, value)
        for number in re.findall(r"-?\d+\.\d+", element.get("d", "")):
            assert len(number.split(".")[1]) == 1, number


def test_chart_ids_are_sanitized_and_distinct() -> None:
    first = parse(_bar(cid='x" onload="alert(1)'))
    second = parse(_bar(cid="skills"))
    assert re.fullmatch(r"[A-Za-z][\w-]*-title [A-Za-z][\w-]*-desc",
                        first.get("aria-labelledby"))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")
    assert parse(_bar(cid="2024")).get("aria-labelledby").startswith("chart-2024")


def test_control_characters_in_labels_keep_the_xml_valid() -> None:
    parse(_bar(label="Py\x00th\x1bon"))


# Sankey ---------------------------------------------------------------------------


def test_sankey_node_heights_are_proportional_to_values() -> None:
    root = parse(_sankey())
    applied = float(by_title(root, "rect", "Applied").get("height"))
    screening = float(by_title(root, "rect", "Screening").get("height"))
    rejected = float(by_title(root, "rect", "Rejected").get("height"))
    assert applied / screening == pytest.approx(10 / 6, rel=0.02)
    assert applied / rejected == pytest.approx(10 / 4, rel=0.02)


def test_sankey_tiny_node_is_still_visible() -> None:
    nodes = [("a", "Applied", 500), ("g", "Ghosted", 1)]
    root = parse(sankey_svg(nodes, [("a", "g", 1)], chart_id="s", title="t", desc="d"))
    assert float(by_title(root, "rect", "Ghosted").get("height")) >= 2


def test_sankey_draws_one_band_per_valid_link() -> None:
    nodes = [("a", "Applied", 5), ("b", "Screening", 3), ("c", "Rejected", 2)]
    links = [("a", "b", 3), ("a", "c", 2), ("a", "missing", 1), ("b", "b", 1), ("b", "c", 0)]
    root = parse(sankey_svg(nodes, links, chart_id="s", title="t", desc="d"))
    bands = [p for p in root.iter(f"{NS}path") if "link" in classes(p)]
    assert len(bands) == 2
    assert [t for t in marks_titles(root) if "→" in t] == ["Applied → Screening: 3",
                                                            "Applied → Rejected: 2"]


def test_sankey_columns_follow_the_longest_path_from_a_source() -> None:
    nodes = [("a", "Applied", 4), ("b", "Screening", 3), ("c", "Interview", 3),
             ("x", "Referral call", 1)]
    links = [("a", "b", 3), ("b", "c", 2), ("a", "c", 1), ("x", "c", 1)]
    root = parse(sankey_svg(nodes, links, chart_id="s", title="t", desc="d"))
    x = {name: float(by_title(root, "rect", name).get("x"))
         for name in ("Applied", "Screening", "Interview", "Referral call")}
    assert x["Applied"] == x["Referral call"] < x["Screening"] < x["Interview"]
    assert x["Interview"] - x["Screening"] == pytest.approx(x["Screening"] - x["Applied"], abs=0.2)


def test_sankey_bands_stack_inside_their_nodes() -> None:
    root = parse(_sankey())
    applied = by_title(root, "rect", "Applied")
    top, height = float(applied.get("y")), float(applied.get("height"))
    starts = []
    for band in (p for p in root.iter(f"{NS}path") if "link" in classes(p)):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d)?", band.get("d"))]
        starts.append(numbers[1])  # y of the band's upper edge at its source
    assert sorted(starts)[0] == pytest.approx(top, abs=0.1)
    assert all(top - 0.1 <= s <= top + height for s in starts)


def test_sankey_node_classes_and_labels() -> None:
    nodes = [("a", "Applied", 5), ("o", "Offer received", 1), ("n", "No response", 2),
             ("g", "ghosted", 1), ("i", "Interview 1", 1)]
    links = [("a", "o", 1), ("a", "n", 2), ("a", "g", 1), ("a", "i", 1)]
    root = parse(sankey_svg(nodes, links, chart_id="s", title="t", desc="d"))
    assert "win" in classes(by_title(root, "rect", "Offer received"))
    assert "exit" in classes(by_title(root, "rect", "No response"))
    assert "exit" in classes(by_title(root, "rect", "ghosted"))
    assert "stage" in classes(by_title(root, "rect", "Applied"))
    labels = ["".join(t.itertext()) for t in root.iter(f"{NS}text")]
    assert any(label.startswith("Interview 1 · 1") for label in labels)
    assert node_kind("Withdrawn by me") == "exit" and node_kind("Accepted") == "win"


def test_sankey_survives_a_cycle() -> None:
    nodes = [("a", "Applied", 2), ("b", "Screening", 2)]
    root = parse(sankey_svg(nodes, [("a", "b", 2), ("b", "a", 1)], chart_id="s",
                            title="t", desc="d"))
    assert len([p for p in root.iter(f"{NS}path") if "link" in classes(p)]) == 1


def test_sankey_empty_says_so() -> None:
    assert "No applications yet" in _sankey(empty=True)
    zero = sankey_svg([("a", "Applied", 0)], [], chart_id="s", title="t", desc="d")
    assert "No applications yet" in zero


@pytest.mark.parametrize("message", ["No applications yet",
                                     "No skills listed under learning in jobnotes.toml"])
def test_an_empty_chart_is_a_small_frame_that_fits_a_phone(message: str) -> None:
    """A phone's column is about 330 px: the frame is drawn at most a little wider, so its
    message is whole and near its natural size, and it is never held at a wide chart's
    minimum width (chart-empty)."""
    root = parse(bar_chart_svg([], chart_id="e", title="t", desc="d", empty_text=message))
    assert {"chart-empty", "chart-bar"} <= classes(root)
    width = int(root.get("viewBox", "").split()[2])
    assert 320 <= width <= 400
    label = next(t for t in root.iter(f"{NS}text") if "empty" in classes(t))
    assert label.text == message and float(label.get("x")) == width / 2
    frame = next(r for r in root.iter(f"{NS}rect") if "empty-frame" in classes(r))
    assert float(frame.get("width")) == width - 1
    assert "chart-empty" in classes(parse(_sankey(empty=True)))
    assert "chart-empty" not in classes(parse(_sankey()))


# Bars, funnel, share ----------------------------------------------------------------


def test_bar_chart_values_highlight_and_scale() -> None:
    svg = bar_chart_svg([("Python", 4), ("Go", 2), ("Rust", 8)], chart_id="b", title="t",
                        desc="d", highlight={"Go"}, max_value=8, value_format="{:g} ads")
    root = parse(svg)
    python, go = by_title(root, "rect", "Python:"), by_title(root, "rect", "Go:")
    rust = by_title(root, "rect", "Rust:")
    assert "highlight" in classes(go) and "highlight" not in classes(python)
    assert float(python.get("width")) == pytest.approx(float(rust.get("width")) / 2, abs=0.1)
    assert {"Python: 4", "Go: 2", "Rust: 8"} <= set(marks_titles(root))
    assert "4 ads" in svg


def test_bar_chart_max_value_caps_long_bars() -> None:
    root = parse(bar_chart_svg([("A", 10), ("B", 5)], chart_id="b", title="t", desc="d",
                               max_value=5))
    assert by_title(root, "rect", "A:").get("width") == by_title(root, "rect", "B:").get("width")


def test_funnel_shows_counts_and_conversions() -> None:
    svg = _funnel()
    root = parse(svg)
    assert "↓ 40 %" in svg and "↓ 13 %" in svg
    tips = marks_titles(root)
    assert "Applied: 20" in tips
    assert "Screening: 8 (40 % of all)" in tips
    widths = [float(by_title(root, "rect", name).get("width")) for name in ("Applied", "Offer")]
    assert widths[0] == pytest.approx(widths[1] * 20, rel=0.05)


def test_funnel_step_after_zero_has_no_conversion() -> None:
    svg = funnel_svg([("Applied", 3), ("Screening", 0), ("Offer", 0)], chart_id="f",
                     title="t", desc="d")
    assert "↓ –" in svg and "↓ 0 %" in svg


def test_share_vs_target_shows_both_numbers() -> None:
    svg = _share()
    root = parse(svg)
    assert "Referral: actual 13 %, target 30 %" in marks_titles(root)
    assert "13 % · target 30 %" in svg
    bar = by_title(root, "rect", "Referral")
    target = by_title(root, "line", "Referral")
    assert "below" in classes(bar)
    assert float(target.get("x1")) > float(bar.get("x")) + float(bar.get("width"))


# Columns ------------------------------------------------------------------------


def test_stacked_columns_stack_series_with_legend() -> None:
    svg = _columns()
    root = parse(svg)
    tips = marks_titles(root)
    assert {"W1 · Applications: 3", "W1 · Responses: 1", "W2 · Applications: 1"} <= set(tips)
    assert "W2 · Responses: 0" not in tips  # zero segments are not drawn
    applications = by_title(root, "rect", "W1 · Applications")
    responses = by_title(root, "rect", "W1 · Responses")
    assert float(responses.get("y")) + float(responses.get("height")) == pytest.approx(
        float(applications.get("y")), abs=0.1)
    assert float(applications.get("height")) == pytest.approx(
        3 * float(responses.get("height")), abs=0.1)
    legend = [t.text for t in root.iter(f"{NS}text") if "legend" in classes(t)]
    assert legend == ["Applications", "Responses"]


def test_stacked_columns_tolerate_short_series() -> None:
    svg = stacked_columns_svg(["W1", "W2", "W3"], [("Apps", [1])], chart_id="c", title="t",
                              desc="d")
    assert "W1 · Apps: 1" in marks_titles(parse(svg))


# Ring -----------------------------------------------------------------------------


@pytest.mark.parametrize(("done", "goal", "full", "figure"), [
    (3, 5, False, "3/5"), (5, 5, True, "5/5"), (7, 5, True, "7"), (2, 0, True, "2"),
])
def test_progress_ring(done: int, goal: int, full: bool, figure: str) -> None:
    root = parse(progress_ring_svg(done, goal, chart_id="r", label="Networking"))
    arcs = [e for e in root.iter() if "arc" in classes(e)]
    assert len(arcs) == 1
    assert (arcs[0].tag == f"{NS}circle") is full
    assert ("complete" in classes(arcs[0])) is full
    assert [t.text for t in root.iter(f"{NS}text")] == [figure]
    assert root[0].text == "Networking"


def test_a_ring_past_its_goal_says_so_in_words() -> None:
    root = parse(progress_ring_svg(7, 2, chart_id="r", label="Networking"))
    said = " ".join(e.text or "" for e in root.iter() if e.tag in (f"{NS}title", f"{NS}desc"))
    assert "7, goal 2" in said and "7 of 2" not in said


def test_progress_ring_at_zero_draws_only_the_track() -> None:
    root = parse(progress_ring_svg(0, 3, chart_id="r", label="Follow-ups"))
    assert not [e for e in root.iter() if "arc" in classes(e)]
    assert "Follow-ups: 0 of 3" in marks_titles(root)


# Narrow twins: phones get a chart drawn for their column, never a shrunken one ------

TWINNED = {"bar": _bar, "columns": _columns, "funnel": _funnel, "share": _share}


@pytest.mark.parametrize("make", TWINNED.values(), ids=TWINNED.keys())
def test_phone_twin_is_drawn_at_a_phone_column_width(make: Callable[..., Markup]) -> None:
    wide, narrow = twins(make(cid="skills-demand"))
    assert "chart-narrow" in classes(narrow) and "chart-narrow" not in classes(wide)
    assert narrow.get("viewBox", "").split()[2] == "320"
    assert "chart-w320" in classes(narrow)
    assert narrow.get("role") == "img"
    assert narrow.get("aria-labelledby") == "skills-demand-narrow-title skills-demand-narrow-desc"
    assert narrow[0].text == wide[0].text and narrow[1].text == wide[1].text
    ids = [e.get("id") for tree in (wide, narrow) for e in tree.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("make", TWINNED.values(), ids=TWINNED.keys())
def test_phone_twin_keeps_every_mark_and_tooltip(make: Callable[..., Markup]) -> None:
    wide, narrow = twins(make())
    assert sorted(marks_titles(narrow)) == sorted(marks_titles(wide))


def test_phone_bar_chart_puts_each_label_above_its_full_width_bar() -> None:
    _, narrow = twins(bar_chart_svg([("Stakeholder communication", 39), ("SQL", 87)],
                                    chart_id="c", title="Skills", desc="d"))
    labels = [t for t in narrow.iter(f"{NS}text") if "label" in classes(t)]
    bars = [r for r in narrow.iter(f"{NS}rect") if "bar" in classes(r)]
    assert [t.text for t in labels] == ["Stakeholder communication", "SQL"]  # not cut short
    for label, bar in zip(labels, bars, strict=True):
        assert float(label.get("x")) == 0 and float(bar.get("x")) == 0
        assert float(label.get("y")) < float(bar.get("y"))
    assert float(bars[1].get("width")) > 260      # the longest bar spans most of 320


def test_empty_chart_has_no_twin() -> None:
    root = ET.fromstring(str(_bar(empty=True)))
    assert root.tag == f"{NS}svg" and "chart-empty" in classes(root)


def test_stylesheet_shows_one_twin_by_the_column_width_and_halos_sankey_labels() -> None:
    css = (Path(__file__).parent.parent / "site-templates/static/charts.css").read_text()
    assert ".chart-pair { container-type: inline-size; }" in css
    assert re.search(r"@container \(max-width: \d+px\) \{\s*"
                     r"\.chart-pair > \.chart:not\(\.chart-narrow\) \{ display: none; \}", css)
    halo = re.search(r"\.chart-sankey \.label \{([^}]*)\}", css).group(1)
    assert "paint-order: stroke" in halo and "stroke: var(--chart-bg)" in halo
