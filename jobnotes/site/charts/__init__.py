"""Inline SVG charts drawn at build time.

Each function takes plain Python values and returns a self-contained, accessible
`<svg>` (role="img", named by its own <title> and <desc>) as Markup. Colours, fonts
and text anchors come from site-templates/static/charts.css, never inline styles.
"""

from .bars import bar_chart_svg, share_vs_target_svg
from .calendar import calendar_heatmap_svg
from .columns import stacked_columns_svg
from .funnel import funnel_svg
from .ring import progress_ring_svg
from .sankey import node_kind, sankey_svg

__all__ = [
    "bar_chart_svg",
    "calendar_heatmap_svg",
    "funnel_svg",
    "node_kind",
    "progress_ring_svg",
    "sankey_svg",
    "share_vs_target_svg",
    "stacked_columns_svg",
]
