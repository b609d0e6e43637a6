"""The calendar heatmap: days laid out by week and weekday, activity levels, month labels
and tooltips."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from test_charts import HOSTILE, MONDAY, NS, by_title, classes, marks_titles, parse

from jobnotes.site.charts import calendar_heatmap_svg


def cells(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{NS}rect") if r.find(f"{NS}title") is not None]


def test_calendar_lays_days_out_by_week_and_weekday() -> None:
    days = [(MONDAY + timedelta(days=i), 1) for i in range(14)]
    root = parse(calendar_heatmap_svg(days, chart_id="h", title="t", desc="d"))
    grid = cells(root)
    assert len(grid) == 14
    assert len({c.get("x") for c in grid}) == 2
    assert len({c.get("y") for c in grid}) == 7
    first = by_title(root, "rect", "Mon 4 Mar 2024")
    assert first.get("y") == min(c.get("y") for c in grid)


def test_calendar_week_can_start_on_sunday() -> None:
    days = [(MONDAY + timedelta(days=i), 1) for i in range(7)]  # Mon..Sun
    root = parse(calendar_heatmap_svg(days, chart_id="h", title="t", desc="d",
                                      week_starts="sunday"))
    monday, sunday = by_title(root, "rect", "Mon 4"), by_title(root, "rect", "Sun 10")
    assert float(sunday.get("x")) > float(monday.get("x"))
    assert float(sunday.get("y")) < float(monday.get("y"))
    with pytest.raises(ValueError, match="monday"):
        calendar_heatmap_svg(days, chart_id="h", title="t", desc="d", week_starts="friday")


def test_calendar_levels_and_missing_days() -> None:
    days = [(MONDAY, 0), (MONDAY + timedelta(days=1), 2), (MONDAY + timedelta(days=3), 12),
            (MONDAY + timedelta(days=4), 3), (MONDAY + timedelta(days=4), 3)]
    root = parse(calendar_heatmap_svg(days, chart_id="h", title="t", desc="d"))
    level = {(c.find(f"{NS}title").text or "").split(":")[0]: classes(c) for c in cells(root)}
    assert "l0" in level["Mon 4 Mar 2024"]
    assert "l1" in level["Tue 5 Mar 2024"]
    assert "l0" in level["Wed 6 Mar 2024"]  # not given: no activity
    assert "l4" in level["Thu 7 Mar 2024"]
    assert "l2" in level["Fri 8 Mar 2024"]  # repeated dates add up: 6 of 12
    assert "Fri 8 Mar 2024: 6" in marks_titles(root)


def test_calendar_small_counts_map_directly_to_levels() -> None:
    days = [(MONDAY + timedelta(days=i), i) for i in range(5)]
    root = parse(calendar_heatmap_svg(days, chart_id="h", title="t", desc="d"))
    assert [next(c for c in classes(r) if c.startswith("l")) for r in cells(root)] == [
        "l0", "l1", "l2", "l3", "l4"]


def test_calendar_month_labels() -> None:
    days = [(date(2024, 1, 1) + timedelta(days=i), 0) for i in range(100)]
    root = parse(calendar_heatmap_svg(days, chart_id="h", title="t", desc="d"))
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert [m for m in ("Jan", "Feb", "Mar", "Apr") if m in texts] == ["Jan", "Feb", "Mar", "Apr"]


def test_calendar_tooltips_can_say_what_happened() -> None:
    days = [(MONDAY, 3), (MONDAY + timedelta(days=1), 0), (MONDAY + timedelta(days=2), 1)]
    details = {MONDAY: "2 applications, 1 interview", MONDAY + timedelta(days=1): HOSTILE}
    svg = calendar_heatmap_svg(days, chart_id="h", title="t", desc="d", details=details)
    assert marks_titles(parse(svg)) == [
        "Mon 4 Mar 2024: 2 applications, 1 interview",
        f"Tue 5 Mar 2024: {HOSTILE}",
        "Wed 6 Mar 2024: 1",                       # no detail given: the count
    ]
    assert "<script>" not in svg


def test_calendar_cells_can_be_bigger_with_labels_kept_small() -> None:
    days = [(MONDAY + timedelta(days=i), i % 3) for i in range(16 * 7)]
    small = parse(calendar_heatmap_svg(days, chart_id="h", title="t", desc="d"))
    big = parse(calendar_heatmap_svg(days, chart_id="h", title="t", desc="d", cell=15))
    assert {c.get("width") for c in cells(big)} == {"15"}
    assert {c.get("width") for c in cells(small)} == {"11"}
    assert big.get("viewBox") == "0 0 320 160"          # 16 weeks fill a 320-unit column
    assert int(small.get("viewBox").split()[2]) < 320
    right = max(float(c.get("x")) + 15 for c in cells(big))
    legend = [r for r in big.iter(f"{NS}rect") if r.find(f"{NS}title") is None]
    assert len(legend) == 5 and max(float(r.get("x")) + 15 for r in legend) <= 320
    assert right <= 320
    assert {t.get("class") for t in big.iter(f"{NS}text")} <= {"tick", "tick a-end"}
