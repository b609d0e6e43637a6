"""The application funnel: centred bars with the conversion between each step."""

from __future__ import annotations

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
    fit,
    narrow_id,
    num,
    pair,
    svg,
    tag,
    text,
    text_width,
    tooltip,
)

WIDTH = 480
BAR = 26
GAP = 24  # room for the connector and its conversion figure
PAD = 10


def funnel_svg(
    steps: list[tuple[str, int]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    empty_text: str = "No applications yet",
    rates: bool = True,
) -> Markup:
    """One centred bar per (label, count), widest = largest count. Without ``rates`` (too
    few applications for a percentage to mean much), steps are joined by counts:
    "↓ 3 of 4"."""
    data = [(clean(label), max(int(count), 0)) for label, count in steps]
    if not data or all(count == 0 for _, count in data):
        return empty("funnel", chart_id, title, desc, empty_text)
    wide_body, height = _draw(data, WIDTH, FONT, SMALL, rates=rates)
    narrow_body, narrow_height = _draw(data, NARROW_WIDTH, NARROW_FONT, NARROW_SMALL, 10,
                                       rates=rates)
    return pair(
        svg("funnel", chart_id, title, desc, WIDTH, height, wide_body),
        svg("funnel", narrow_id(chart_id), title, desc, NARROW_WIDTH, narrow_height,
            narrow_body, "chart-narrow"),
    )


def _draw(data: list[tuple[str, int]], width_all: float, font: float, small: float,
          slack: float = 0, *, rates: bool = True) -> tuple[list[str], float]:
    """The funnel's marks at one width and type size, and its height; slack is extra
    room for the labels (the narrow twin has no margin to spill into)."""
    label_w = min(max(text_width(label, font) for label, _ in data) + slack,
                  width_all * 0.3)
    count_w = max(text_width(str(count), font) for _, count in data)
    left = label_w + PAD
    right = width_all - count_w - PAD - 2
    centre = (left + right) / 2
    largest = max(count for _, count in data)
    widths = [(right - left) * count / largest if count else 0.0 for _, count in data]
    widths = [max(w, 2.0) if count else 0.0 for w, (_, count) in zip(widths, data, strict=True)]
    body: list[str] = []
    for index, ((label, count), width) in enumerate(zip(data, widths, strict=True)):
        y = index * (BAR + GAP)
        mid = y + BAR / 2
        if index:
            body += _step_between(data[index - 1], (label, count), widths[index - 1], width,
                                  centre, y - GAP, y, small, rates)
        share = ("" if index == 0 or not data[0][1] else
                 f" ({_ratio(count, data[0][1])} of all)" if rates else f" of {data[0][1]}")
        body.append(tag("rect", {"class": "bar", "x": centre - width / 2, "y": y,
                                 "width": width, "height": BAR, "rx": 2},
                        tooltip(f"{label}: {count}{share}")))
        body.append(text(label_w, baseline(mid, font), fit(label, label_w, font),
                         "label a-end", label))
        body.append(text(width_all - 2, baseline(mid, font), str(count), "value a-end"))
    return body, len(data) * (BAR + GAP) - GAP + 1


def _step_between(before: tuple[str, int], after: tuple[str, int], w0: float, w1: float,
                  centre: float, y0: float, y1: float, small: float, rates: bool = True
                  ) -> list[str]:
    """The trapezoid joining two bars and the share of the first that reached the second
    (or, without ``rates``, how many of them)."""
    points = " ".join(
        f"{num(x)},{num(y)}"
        for x, y in ((centre - w0 / 2, y0), (centre + w0 / 2, y0),
                     (centre + w1 / 2, y1), (centre - w1 / 2, y1))
    )
    counts = f"{after[1]} of {before[1]}"
    ratio = _ratio(after[1], before[1]) if rates else counts
    tip = f"{before[0]} → {after[0]}: " + (f"{ratio} ({counts})" if rates else counts)
    return [
        tag("polygon", {"class": "connector", "points": points}, tooltip(tip)),
        text(centre, baseline((y0 + y1) / 2, small), f"↓ {ratio}", "conv a-mid", tip),
    ]


def _ratio(part: int, whole: int) -> str:
    if whole <= 0:
        return "–"
    return f"{int(100 * part / whole + 0.5)} %"  # half up: 12.5 % reads as 13 %

