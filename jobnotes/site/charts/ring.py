"""A small progress ring for a weekly goal."""

from __future__ import annotations

import math

from markupsafe import Markup

from ._svg import baseline, clean, num, svg, tag, text, tooltip

SIZE = 80
RADIUS = 32
RING_FONT = 17  # keep in step with .chart-ring .ring-text in charts.css


def progress_ring_svg(done: int, goal: int, *, chart_id: str, label: str) -> Markup:
    """A ring filled done/goal of the way round; full at or past the goal, or for goal 0."""
    from jobnotes.site.render import against_goal  # render imports the charts

    done, goal = max(int(done), 0), max(int(goal), 0)
    name = clean(label)
    fraction = 1.0 if goal == 0 else min(done / goal, 1.0)
    complete = " complete" if fraction >= 1 else ""
    # "2/5" on the way; past the goal just the count ("7/2" would read as a fraction).
    figure = f"{done}/{goal}" if goal and done <= goal else str(done)
    summary = against_goal(done, goal)
    tip = tooltip(f"{name}: {summary}")
    c = SIZE / 2
    body = [tag("circle", {"class": "track", "cx": c, "cy": c, "r": RADIUS}, tip)]
    if fraction >= 1:
        body.append(tag("circle", {"class": f"arc{complete}", "cx": c, "cy": c, "r": RADIUS},
                        tip))
    elif fraction > 0:
        angle = 2 * math.pi * fraction
        x = c + RADIUS * math.sin(angle)
        y = c - RADIUS * math.cos(angle)
        large = 1 if fraction > 0.5 else 0
        d = f"M{num(c)} {num(c - RADIUS)}A{RADIUS} {RADIUS} 0 {large} 1 {num(x)} {num(y)}"
        body.append(tag("path", {"class": "arc", "d": d}, tip))
    body.append(text(c, baseline(c, RING_FONT), figure, f"ring-text a-mid{complete}"))
    return svg("ring", chart_id, name, f"{name}: {summary}.", SIZE, SIZE, body)
