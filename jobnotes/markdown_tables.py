"""Table column alignment kept through the sanitizer.

markdown-it marks an aligned column (``|:-:|`` or ``|--:|``) with an inline style, which
the sanitizer drops with every other style; a class it allows says the same, and the
site's style sheet aligns ``align-left``, ``align-center`` and ``align-right`` cells.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

_ALIGN = re.compile(r"\s*text-align\s*:\s*(left|center|right)\s*;?\s*\Z")


def table_align_rule(state: StateCore) -> None:
    for token in state.tokens:
        if token.type not in ("th_open", "td_open"):
            continue
        style = token.attrGet("style")
        if style is None:
            continue
        match = _ALIGN.match(str(style))
        if match is None:
            continue
        del token.attrs["style"]
        token.attrJoin("class", "align-" + match.group(1))


def table_align_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("table_align", table_align_rule)
