"""Horizontal bar charts: plain values, and channel share against its target."""

from __future__ import annotations

import math
from collections.abc import Collection

from markupsafe import Markup

from ._svg import (
    FONT,
    NARROW_FONT,
    NARROW_SMALL,
    NARROW_WIDTH,
    SMALL,
    baseline,
    clean,
    empty,
    exact,
    fit,
    narrow_id,
    pair,
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
# Narrow twin: each label on its own line above its bar.
N_LABEL = 17
N_BAR = 14
N_ROW = N_LABEL + N_BAR + 13
SLACK = 1.15  # text_width runs narrow for some fonts; a phone column has no margin to spare


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
    wide = svg("bar", chart_id, title, desc, WIDTH, height, body)
    return pair(wide, _narrow_bars(rows, shown, top, chart_id, title, desc))


def _narrow_bars(rows: list[tuple[str, float, bool]], shown: list[str], top: float,
                 chart_id: str, title: str, desc: str) -> Markup:
    """The bar chart for a phone: full-width bars, each with its label above it."""
    value_w = max(text_width(s, NARROW_FONT) for s in shown) * SLACK + GAP
    span = NARROW_WIDTH - value_w - 2
    body: list[str] = []
    for index, ((label, value, marked), value_text) in enumerate(zip(rows, shown, strict=True)):
        y = index * N_ROW
        flag = " highlight" if marked else ""
        length = span * min(value / top, 1.0) if top > 0 else 0.0
        bar_mid = y + N_LABEL + N_BAR / 2
        body.append(text(0, y + 13, fit(label, (NARROW_WIDTH - 2) / SLACK, NARROW_FONT),
                         f"label{flag}", label))
        body.append(tag(
            "rect",
            {"class": f"bar{flag}", "x": 0, "y": y + N_LABEL, "width": length,
             "height": N_BAR, "rx": 2},
            tooltip(f"{label}: {exact(value)}"),
        ))
        body.append(text(length + GAP - 2, baseline(bar_mid, NARROW_FONT), value_text,
                         f"value{flag}"))
    height = N_ROW * len(rows) - 10
    return svg("bar", narrow_id(chart_id), title, desc, NARROW_WIDTH, height, body,
               "chart-narrow")


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
    wide = svg("share", chart_id, title, desc, WIDTH, height, body)
    return pair(wide, _narrow_share(data, notes, axis_max, chart_id, title, desc))


def _narrow_share(data: list[tuple[str, float, float]], notes: list[str], axis_max: float,
                  chart_id: str, title: str, desc: str) -> Markup:
    """Share against target for a phone: name and figures on a line, the bar below."""
    legend_h = 24
    span = NARROW_WIDTH - 12
    height = legend_h + N_ROW * len(data) + 14
    body = _share_legend(0, NARROW_SMALL)
    for tick in (0.0, axis_max / 2, axis_max):
        x = span * tick / axis_max
        body.append(tag("line", {"class": "grid", "x1": x, "y1": legend_h,
                                 "x2": x, "y2": height - 16}))
        anchor = "tick" if tick == 0 else ("tick a-end" if tick == axis_max else "tick a-mid")
        body.append(text(x, height - 3, pct(tick), anchor))
    for index, ((name, actual, target), note) in enumerate(zip(data, notes, strict=True)):
        y = legend_h + index * N_ROW
        mid = y + N_LABEL + N_BAR / 2
        state = "below" if actual < target else "meets"
        tip = f"{name}: actual {pct(actual)}, target {pct(target)}"
        target_x = span * min(target / axis_max, 1.0)
        room = (NARROW_WIDTH - text_width(note, NARROW_SMALL) * SLACK - 10) / SLACK
        body.append(text(0, y + 13, fit(name, room, NARROW_FONT), "label", name))
        body.append(text(NARROW_WIDTH - 2, y + 13, note, f"note a-end {state}"))
        body.append(tag("rect", {"class": f"bar {state}", "x": 0, "y": y + N_LABEL,
                                 "width": span * min(actual / axis_max, 1.0), "height": N_BAR,
                                 "rx": 2}, tooltip(tip)))
        body.append(tag("line", {"class": "target", "x1": target_x, "y1": mid - N_BAR / 2 - 3,
                                 "x2": target_x, "y2": mid + N_BAR / 2 + 3}, tooltip(tip)))
    return svg("share", narrow_id(chart_id), title, desc, NARROW_WIDTH, height, body,
               "chart-narrow")


def _share_legend(x0: float, size: float = SMALL) -> list[str]:
    y = 9
    target_x = x0 + max(112.0, 20 + text_width("Actual share", size) + 18)
    return [
        tag("rect", {"class": "bar swatch", "x": x0, "y": y - 5, "width": 14, "height": 10,
                     "rx": 2}),
        text(x0 + 20, baseline(y, size), "Actual share", "legend"),
        tag("line", {"class": "target", "x1": target_x, "y1": y - 7, "x2": target_x,
                     "y2": y + 7}),
        text(target_x + 8, baseline(y, size), "Target", "legend"),
    ]


def _label_width(labels: list[str]) -> float:
    return min(max(text_width(label, FONT) for label in labels), WIDTH * MAX_LABEL_SHARE)

