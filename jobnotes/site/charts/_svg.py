"""Shared building blocks for the SVG charts: escaping, number formatting, text
measurement and the accessible root element.

Every colour, font and text anchor comes from CSS classes in charts.css: the site's
Content-Security-Policy forbids inline styles, so the markup carries geometry only.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping

from markupsafe import Markup, escape

# Font sizes in user units; keep in step with charts.css.
FONT = 12.0
SMALL = 10.5

# viewBox widths are rounded up to this step so charts.css can cap each chart at its
# natural size with a class (chart-w480 ...): crisp on a desktop, shrinks on a phone.
WIDTH_STEP = 80
MAX_WIDTH_CLASS = 1280

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_ID_BAD = re.compile(r"[^A-Za-z0-9_-]+")
_NARROW = frozenset("fijlrtI.,:;'!|()[]/ ")
_WIDE = frozenset("mwMW@%&<>=+~#")


def clean(text: object) -> str:
    """Plain text with characters XML cannot hold removed (Markup is treated as text)."""
    return _CONTROL.sub("", str(text)).strip()


def esc(text: object) -> str:
    """Escaped text for element content or attribute values."""
    return str(escape(clean(text)))


def num(value: float) -> str:
    """A coordinate rounded to one decimal, without a trailing .0 (so output is stable)."""
    rounded = round(float(value), 1)
    if rounded == 0:
        return "0"
    return f"{rounded:.1f}".rstrip("0").rstrip(".")


def exact(value: float) -> str:
    """A data value as a person reads it: 7, 2.5, 33.3333."""
    if isinstance(value, bool):
        value = int(value)
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.4f}".rstrip("0").rstrip(".")


def pct(value: float) -> str:
    """A percentage (0..100) as the pages write one (``site.render.percent``): "40 %",
    whole and rounded half up (12.5 reads as 13 %); one decimal only below 1 %."""
    if 0 < value < 1:
        return f"{value:.1f} %" if value >= 0.05 else "<0.1 %"
    return f"{int(value + 0.5)} %"


def text_width(text: str, size: float = FONT) -> float:
    """Rough rendered width of text in a system sans-serif, for layout and truncation."""
    width = 0.0
    for ch in text:
        if ch in _NARROW:
            width += 0.3
        elif ch in _WIDE:
            width += 0.86
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 1.0
        elif ch.isupper():
            width += 0.66
        elif ch.isdigit():
            width += 0.57
        else:
            width += 0.56
    return width * size


def fit(text: str, max_width: float, size: float = FONT) -> str:
    """Text shortened with an ellipsis so it fits in max_width."""
    if text_width(text, size) <= max_width:
        return text
    while text and text_width(text + "…", size) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


def safe_id(chart_id: str) -> str:
    """A chart id usable in id/aria attributes: letters, digits, '-' and '_' only."""
    ident = _ID_BAD.sub("-", clean(chart_id)).strip("-") or "chart"
    return ident if ident[0].isalpha() else f"chart-{ident}"


def tag(name: str, attrs: Mapping[str, object], *children: str) -> str:
    """One element; numbers are rounded, strings escaped, children are trusted markup."""
    parts = [name]
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            shown = num(value)
        else:
            shown = esc(value)
        parts.append(f'{key}="{shown}"')
    head = "<" + " ".join(parts)
    if not children:
        return head + "/>"
    return head + ">" + "".join(children) + f"</{name}>"


def tooltip(text: object) -> str:
    """A <title> child: the tooltip a mark shows on hover."""
    return f"<title>{esc(text)}</title>"


def text(x: float, y: float, content: str, cls: str, tip: str | None = None) -> str:
    """A <text> element; tip adds a hover title (used when the text was shortened)."""
    inner = esc(content) + (tooltip(tip) if tip and tip != content else "")
    return f'<text class="{cls}" x="{num(x)}" y="{num(y)}">{inner}</text>'


def baseline(center_y: float, size: float = FONT) -> float:
    """The y of a text baseline that centres the text vertically on center_y."""
    return center_y + size * 0.35


def width_class(width: float) -> tuple[int, str]:
    """The viewBox width rounded up to WIDTH_STEP and its max-width class."""
    rounded = max(WIDTH_STEP, math.ceil(width / WIDTH_STEP) * WIDTH_STEP)
    cls = f" chart-w{rounded}" if rounded <= MAX_WIDTH_CLASS else ""
    return rounded, cls


def svg(
    kind: str,
    chart_id: str,
    heading: str,
    desc: str,
    width: float,
    height: float,
    body: Iterable[str],
    extra_class: str = "",
) -> Markup:
    """The accessible root: role=img named by its own <title> and <desc>."""
    ident = safe_id(chart_id)
    view_width, wcls = width_class(width)
    if extra_class:
        wcls += f" {extra_class}"
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}{wcls}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'viewBox="0 0 {view_width} {num(math.ceil(height))}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet">'
    )
    lines = [
        head,
        f'<title id="{ident}-title">{esc(heading)}</title>',
        f'<desc id="{ident}-desc">{esc(desc)}</desc>',
        *body,
        "</svg>",
    ]
    return Markup("\n".join(lines))


# The narrow twin of a chart, shown instead of it when its column is narrower than
# charts.css's breakpoint (a phone): drawn at a phone column's width with larger type,
# so nothing is scaled down and text stays at least 12 px.
NARROW_WIDTH = 320
NARROW_FONT = 13.0   # .chart-narrow text
NARROW_SMALL = 12.0  # .chart-narrow .tick, .legend, .note, .total, .conv


def narrow_id(chart_id: str) -> str:
    """The id of a chart's narrow twin (ids stay unique on the page)."""
    return f"{safe_id(chart_id)}-narrow"


def pair(wide: Markup, narrow: Markup) -> Markup:
    """A chart and its narrow twin; CSS (a container query) shows exactly one of them,
    and the hidden one is display:none, so assistive technology meets it once."""
    return Markup(f'<div class="chart-pair">\n{wide}\n{narrow}\n</div>')


EMPTY_MIN_WIDTH = 320   # fits a phone's column at its natural size, text and all
EMPTY_FONT = 13.0       # .chart .empty in charts.css


def empty(kind: str, chart_id: str, heading: str, desc: str, message: str) -> Markup:
    """A chart with nothing to draw: a dashed frame just wide enough for a calm one-line
    message, so on a phone the message is shown whole at a readable size (class
    chart-empty: never held at a wide chart's minimum width)."""
    needed = text_width(message, EMPTY_FONT) * 1.15 + 48   # the estimate runs narrow
    width, _ = width_class(max(EMPTY_MIN_WIDTH, needed))
    body = [
        tag("rect", {"class": "empty-frame", "x": 0.5, "y": 0.5, "width": width - 1,
                     "height": 55, "rx": 6}),
        text(width / 2, baseline(28), message, "empty a-mid"),
    ]
    return svg(kind, chart_id, heading, desc, width, 56, body, "chart-empty")
