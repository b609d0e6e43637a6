"""Vertical stacked columns with a legend (activity per week)."""

from __future__ import annotations

import math

from markupsafe import Markup

from ._svg import (
    NARROW_SMALL,
    NARROW_WIDTH,
    SMALL,
    baseline,
    clean,
    empty,
    narrow_id,
    pair,
    svg,
    tag,
    text,
    text_width,
    tooltip,
    width_class,
)

MIN_WIDTH = 480
AXIS = 30  # room for the y tick labels
PLOT = 150
LEGEND_ROW = 20
MAX_COLUMN = 34
SERIES_CLASSES = 8


def stacked_columns_svg(
    categories: list[str],
    series: list[tuple[str, list[int]]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    empty_text: str = "No activity yet",
) -> Markup:
    """One column per category, one stacked segment per series (classes s1..s8)."""
    cats = [clean(c) for c in categories]
    named = [(clean(name), [max(int(v), 0) for v in values][: len(cats)]
              + [0] * max(len(cats) - len(values), 0)) for name, values in series]
    if not cats or not named:
        return empty("columns", chart_id, title, desc, empty_text)
    width = max(MIN_WIDTH, width_class(AXIS + 26 * len(cats) + 8)[0])
    body, height = _draw(cats, named, width, SMALL)
    narrow, narrow_height = _draw(cats, named, NARROW_WIDTH, NARROW_SMALL)
    return pair(
        svg("columns", chart_id, title, desc, width, height, body),
        svg("columns", narrow_id(chart_id), title, desc, NARROW_WIDTH, narrow_height, narrow,
            "chart-narrow"),
    )


def _draw(cats: list[str], named: list[tuple[str, list[int]]], width: float,
          small: float) -> tuple[list[str], float]:
    """The columns' marks at one width and small-type size, and the chart's height."""
    legend, legend_h = _legend([name for name, _ in named], width, small)
    totals = [sum(values[i] for _, values in named) for i in range(len(cats))]
    step, top = _ticks(max(totals))
    plot_top = legend_h + 14
    plot_bottom = plot_top + PLOT
    height = plot_bottom + 20
    body = legend
    for tick in range(0, top + 1, step):
        y = plot_bottom - PLOT * tick / top
        if tick:
            body.append(tag("line", {"class": "grid", "x1": AXIS, "y1": y, "x2": width - 2,
                                     "y2": y}))
        body.append(text(AXIS - 6, baseline(y, small), str(tick), "tick a-end"))
    band = (width - 2 - AXIS) / len(cats)
    column = min(band * 0.62, MAX_COLUMN)
    every = max(1, math.ceil(max(text_width(c, small) for c in cats) * 1.25 / band))
    for index, cat in enumerate(cats):
        centre = AXIS + band * (index + 0.5)
        y = plot_bottom
        for number, (name, values) in enumerate(named):
            value = values[index]
            if not value:
                continue
            h = PLOT * value / top
            y -= h
            body.append(tag("rect", {"class": f"seg s{number % SERIES_CLASSES + 1}",
                                     "x": centre - column / 2, "y": y, "width": column,
                                     "height": h}, tooltip(f"{cat} · {name}: {value}")))
        if totals[index] and len(cats) <= 16:
            body.append(text(centre, y - 4, str(totals[index]), "total a-mid"))
        if index % every == 0:
            body.append(text(centre, plot_bottom + 15, cat, "tick a-mid"))
    # The baseline goes last so the segments' separating hairlines do not cut it.
    body.append(tag("line", {"class": "axis", "x1": AXIS, "y1": plot_bottom, "x2": width - 2,
                             "y2": plot_bottom}))
    return body, height


def _legend(names: list[str], width: float, small: float) -> tuple[list[str], float]:
    """Swatches and names flowing left to right, wrapping onto new rows."""
    parts: list[str] = []
    x, row = AXIS, 0
    for number, name in enumerate(names):
        item_w = 14 + text_width(name, small) + 16
        if x + item_w > width and x > AXIS:
            x, row = AXIS, row + 1
        y = row * LEGEND_ROW + 8
        parts.append(tag("rect", {"class": f"swatch s{number % SERIES_CLASSES + 1}", "x": x,
                                  "y": y - 5, "width": 10, "height": 10, "rx": 2}))
        parts.append(text(x + 14, baseline(y, small), name, "legend"))
        x += item_w
    return parts, (row + 1) * LEGEND_ROW


def _ticks(largest: int) -> tuple[int, int]:
    """A round tick step (1, 2, 5 x 10^k) giving at most five gridlines, and the top."""
    if largest <= 0:
        return 1, 1
    steps = (f * 10**k for k in range(12) for f in (1, 2, 5))
    step = next((s for s in steps if largest / s <= 5), largest)
    return step, step * math.ceil(largest / step)
