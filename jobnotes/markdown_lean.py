"""Parsing a note body without the rules it cannot need.

markdown-it tries each of its block rules at every line, and again inside every list
item; each of its inline rules at every character that may start markup. Many of them
can only start at characters most notes never hold. Blocks: a table needs a "|",
indented code a tab or four spaces, a fence "`" or "~", a quote ">", HTML "<", a
footnote "[^", a link reference "]:", a thematic break three "-", "*" or "_", a setext
heading an underline of "=" or "-". Inline: an escape "\\", code "`", strikethrough "~",
a highlight "=", an image "![", a footnote "^[" or "[^", an autolink or HTML "<", an
entity "&". A body without any of those gets the very same tokens from an instance
without those rules, about a fifth sooner (most notes are headings, paragraphs and
lists of plain text, links and tags). The test is deliberately coarse: anything that
might start one of them, anywhere, keeps every rule.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

RARE_BLOCK_RULES = ("table", "code", "fence", "blockquote", "hr", "footnote_def",
                    "reference", "html_block", "lheading")
RARE_INLINE_RULES = ("escape", "backticks", "strikethrough", "mark", "image",
                     "footnote_inline", "footnote_ref", "autolink", "html_inline", "entity")
RARE_INLINE_PAIRS = ("strikethrough", "mark")   # their delimiters' second pass

# Each test is a scan in C; one pattern with all of them as alternatives took twice as long.
# Table, fence, quote, HTML, code, setext underline, entity, escape:
_RARE_CHARACTERS = re.compile(r"[|`~<>\t=&\\]")
_RARE_PAIRS = ("[^", "^[", "![", "]:", "    ")     # footnotes, image, reference, code
_THREE_MARKS = re.compile(r"[-*_][ \t]*[-*_][ \t]*[-*_]")  # a thematic break, setext underline
_DASHES_LINE = re.compile(r"^[ \t]*-+[ \t]*$", re.MULTILINE)   # a setext underline of "-"


def needs_rare_rules(text: str) -> bool:
    """Whether ``text`` might hold anything that only a rare rule reads."""
    return (_RARE_CHARACTERS.search(text) is not None
            or any(pair in text for pair in _RARE_PAIRS)
            or _THREE_MARKS.search(text) is not None
            or _DASHES_LINE.search(text) is not None)


def without_rare_rules(md: MarkdownIt) -> MarkdownIt:
    """``md`` with the rare rules off (only for texts that do not need them)."""
    md.block.ruler.disable(list(RARE_BLOCK_RULES))
    md.inline.ruler.disable(list(RARE_INLINE_RULES))
    md.inline.ruler2.disable(list(RARE_INLINE_PAIRS))
    return md
