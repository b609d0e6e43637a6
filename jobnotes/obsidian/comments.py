"""``%%comments%%``: removed, inline or across lines and blocks, never inside code.

A core rule after block parsing pairs the ``%%`` markers in document order, across
paragraphs, headings and table cells, skipping code blocks and inline code spans. Text
between a pair is cut out; blocks lying wholly inside a comment are dropped. A ``%%``
that is never closed hides the rest of the note, as in Obsidian's reading view. Cut
text keeps its line breaks, so later tokens keep their line numbers.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

MARKER = "%%"
_BACKTICKS = re.compile(r"`+")
_CODE = ("fence", "code_block")


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Where inline code spans are (CommonMark: a run of n backticks closed by n)."""
    spans = []
    pos = 0
    while True:
        opener = _BACKTICKS.search(text, pos)
        if opener is None:
            return spans
        run = opener.group(0)
        closer = opener.end()
        while True:
            match = _BACKTICKS.search(text, closer)
            if match is None:
                closer = -1
                break
            if match.group(0) == run:
                closer = match.end()
                break
            closer = match.end()
        if closer < 0:
            pos = opener.end()
            continue
        spans.append((opener.start(), closer))
        pos = closer


def _markers(text: str) -> list[int]:
    spans = _code_spans(text) if "`" in text else []
    found, pos = [], 0
    while (at := text.find(MARKER, pos)) >= 0:
        inside = next((end for start, end in spans if start <= at < end), None)
        if inside is not None:
            pos = inside
            continue
        found.append(at)
        pos = at + len(MARKER)
    return found


def _strip(text: str, open_at_start: bool) -> tuple[str, bool, bool]:
    """Cut comments out of one inline text: (text left, comment still open, anything cut)."""
    keep: list[str] = []
    is_open = open_at_start
    cut = open_at_start
    pos = 0
    for at in _markers(text):
        piece = text[pos:at]
        keep.append("\n" * piece.count("\n") if is_open else piece)
        is_open = not is_open
        cut = True
        pos = at + len(MARKER)
    rest = text[pos:]
    keep.append("\n" * rest.count("\n") if is_open else rest)
    return "".join(keep), is_open, cut


def _matching_open(tokens: list[Token], close: int) -> int:
    depth = 0
    for i in range(close, -1, -1):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return close


def comments_rule(state: StateCore) -> None:
    if MARKER not in state.src:                               # no comment at all
        return
    tokens = state.tokens
    if not any(MARKER in t.content for t in tokens if t.type not in _CODE):
        return
    hidden = [False] * len(tokens)
    is_open = False
    for i, token in enumerate(tokens):
        if token.type == "inline":
            text, still_open, cut = _strip(token.content, is_open)
            if cut:
                token.content = text
                hidden[i] = not text.strip()
            is_open = still_open
        elif token.nesting == 0 and is_open:
            hidden[i] = True           # a code block, rule or raw HTML inside a comment
    for i, token in enumerate(tokens):
        if token.nesting != -1:
            continue
        start = _matching_open(tokens, i)
        inner = range(start + 1, i)
        if len(inner) and all(hidden[k] for k in inner):
            hidden[start] = hidden[i] = True
    state.tokens = [t for t, h in zip(tokens, hidden, strict=True) if not h]


def comments_plugin(md: MarkdownIt) -> None:
    md.core.ruler.before("inline", "obsidian_comments", comments_rule)
