"""Parsing a note body without the block rules it cannot need.

markdown-it tries each of its block rules at every line, and again inside every list
item. Nine of them can only start at characters most notes never hold: a table needs a
"|", indented code a tab or four spaces, a fence "`" or "~", a quote ">", HTML "<", a
footnote "[^", a link reference "]:", a thematic break three "-", "*" or "_", a setext
heading an underline of "=" or "-". A body without any of those gets the very same
tokens from an instance without those rules, about a fifth sooner (most notes are
headings, paragraphs and lists). The test below is deliberately coarse: anything that
might start one of them, anywhere, keeps every rule.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

RARE_BLOCK_RULES = ("table", "code", "fence", "blockquote", "hr", "footnote_def",
                    "reference", "html_block", "lheading")

_MIGHT_NEED_RARE_RULES = re.compile(
    r"[|`~<>\t=]"                   # table, fence, quote, HTML, code, setext underline
    r"|\[\^|\]:|    "               # footnote, reference, indented code
    r"|([-*_])[ \t]*\1[ \t]*\1"      # thematic break (also a setext underline)
    r"|^[ \t]*-+[ \t]*$",           # a setext underline of one or two "-"
    re.MULTILINE)


def needs_rare_block_rules(text: str) -> bool:
    """Whether ``text`` might hold a block that only a rare rule reads."""
    return _MIGHT_NEED_RARE_RULES.search(text) is not None


def without_rare_block_rules(md: MarkdownIt) -> MarkdownIt:
    """``md`` with ``RARE_BLOCK_RULES`` off (only for texts that do not need them)."""
    md.block.ruler.disable(list(RARE_BLOCK_RULES))
    return md
