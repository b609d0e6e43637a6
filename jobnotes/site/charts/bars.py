"""Horizontal bar charts: plain values, and channel share against its target."""

from __future__ import annotations

import math
from collections.abc import Collection

from markupsafe import Markup

from ._svg import (
    FONT,
    SMALL,
    baseline,
    clean,
    empty,
    exact,
    fit,
    pct,
    svg,
    tag,
    text,
    text_width,
    tooltip,
)

WIDTH = 480
ROW = 26
BAR = 16
GAP = 8
MAX_LABEL_SHARE = 0.38


def bar_chart_svg(
    items: list[tuple[str, float]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    value_format: str = "{:g}",
    highlight: Collection[str] = frozenset(),
    max_value: float | None = None,
    empty_text: str = "Nothing to show yet",
) -> Markup:
    """One bar per (label, value); a full-length bar is max_value (default: the largest).

    Values past max_value are drawn full length (their number is still shown). Labels
    in `highlight` get the class "highlight" (used for skill gaps).
    """
    rows = [(clean(label), max(float(value), 0.0), label in highlight) for label, value in items]
    if not rows:
        return empty("bar", chart_id, title, desc, empty_text)
    shown = [value_format.format(value) for _, value, _ in rows]
    label_w = _label_width([label for label, _, _ in rows])
    value_w = max(text_width(s) for s in shown) + GAP
    x0 = label_w + GAP
    span = WIDTH - x0 - value_w - 2
    top = max_value if max_value else max(value for _, value, _ in rows)
    height = ROW * len(rows) + 4
    body = [tag("line", {"class": "axis", "x1": x0, "y1": 0, "x2": x0, "y2": height})]
    for index, ((label, value, marked), value_text) in enumerate(zip(rows, shown, strict=True)):
        y = 2 + index * ROW
        mid = y + ROW / 2
        length = span * min(value / top, 1.0) if top > 0 else 0.0
        flag = " highlight" if marked else ""
        body.append(tag(
            "rect",
            {"class": f"bar{flag}", "x": x0, "y": mid - BAR / 2, "width": length,
             "height": BAR, "rx": 2},
            tooltip(f"{label}: {exact(value)}"),
        ))
        body.append(text(label_w, baseline(mid), fit(label, label_w), f"label a-end{flag}", label))
        body.append(text(x0 + length + GAP - 2, baseline(mid), value_text, f"value{flag}"))
    return svg("bar", chart_id, title, desc, WIDTH, height, body)


def share_vs_target_svg(
    rows: list[tuple[str, float, float]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    empty_text: str = "No channels yet",
) -> Markup:
    """Per channel, a bar for the actual share (percent) and a marker at its target."""
    data = [(clean(name), max(float(a), 0.0), max(float(t), 0.0)) for name, a, t in rows]
    if not data:
        return empty("share", chart_id, title, desc, empty_text)
    notes = [f"{pct(a)} · target {pct(t)}" for _, a, t in data]
    label_w = _label_width([name for name, _, _ in data])
    note_w = max(text_width(n, SMALL) for n in notes) + GAP
    x0 = label_w + GAP
    span = WIDTH - x0 - note_w - 4
    largest = max(max(a, t) for _, a, t in data)
    axis_max = max(10.0, math.ceil(largest / 10) * 10)
    legend_h = 22
    height = legend_h + ROW * len(data) + 20
    body = _share_legend(x0)
    for tick in (0.0, axis_max / 2, axis_max):
        x = x0 + span * tick / axis_max
        body.append(tag("line", {"class": "grid", "x1": x, "y1": legend_h,
                                 "x2": x, "y2": height - 16}))
        body.append(text(x, height - 4, pct(tick), "tick a-mid"))
    for index, ((name, actual, target), note) in enumerate(zip(data, notes, strict=True)):
        mid = legend_h + index * ROW + ROW / 2
        state = "below" if actual < target else "meets"
        tip = f"{name}: actual {pct(actual)}, target {pct(target)}"
        bar_w = span * min(actual / axis_max, 1.0)
        target_x = x0 + span * min(target / axis_max, 1.0)
        body.append(tag("rect", {"class": f"bar {state}", "x": x0, "y": mid - BAR / 2,
                                 "width": bar_w, "height": BAR, "rx": 2}, tooltip(tip)))
        body.append(tag("line", {"class": "target", "x1": target_x, "y1": mid - BAR / 2 - 4,
                                 "x2": target_x, "y2": mid + BAR / 2 + 4}, tooltip(tip)))
        body.append(text(label_w, baseline(mid), fit(name, label_w), "label a-end", name))
        body.append(text(WIDTH - 2, baseline(mid, SMALL), note, f"note a-end {state}"))
    return svg("share", chart_id, title, desc, WIDTH, height, body)


def _share_legend(x0: float) -> list[str]:
    y = 9
    return [
        tag("rect", {"class": "bar swatch", "x": x0, "y": y - 5, "width": 14, "height": 10,
                     "rx": 2}),
        text(x0 + 20, baseline(y, SMALL), "Actual share", "legend"),
        tag("line", {"class": "target", "x1": x0 + 112, "y1": y - 7, "x2": x0 + 112,
                     "y2": y + 7}),
        text(x0 + 120, baseline(y, SMALL), "Target", "legend"),
    ]


def _label_width(labels: list[str]) -> float:
    return min(max(text_width(label, FONT) for label in labels), WIDTH * MAX_LABEL_SHARE)

