"""Block ids: ``text ^quote-1`` names a paragraph or list item, so ``[[Note#^quote-1]]`` can
link to it; ``^table-1`` alone on the line after a table, list, callout or quote names
that block. The marker is removed from the text and becomes the element's ``id``.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from jobnotes.obsidian.anchors import block_id

_TRAILING = re.compile(r"(?:^|\s)\^([A-Za-z0-9-]+)\s*$")


def _previous_block(tokens: list[Token], paragraph: int) -> int | None:
    """The opening token of the block just before the paragraph at ``paragraph``."""
    before = paragraph - 1
    if before < 0 or tokens[before].nesting != -1:
        return None
    depth = 0
    for i in range(before, -1, -1):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return None


def blockids_rule(state: StateCore) -> None:
    if "^" not in state.src:        # most notes: no block id, and no paragraph to look at
        return
    tokens = state.tokens
    drop: set[int] = set()
    for i, token in enumerate(tokens):
        if token.type != "inline" or i == 0 or tokens[i - 1].type != "paragraph_open":
            continue
        match = _TRAILING.search(token.content)
        if match is None:
            continue
        ident = block_id(match.group(1))
        if match.start() == 0:
            target = _previous_block(tokens, i - 1)
            if target is not None:
                tokens[target].attrSet("id", ident)
                drop.update((i - 1, i, i + 1))
                continue
        token.content = token.content[:match.start()].rstrip()
        if not token.content:           # "^id" with no block before it: nothing to name
            drop.update((i - 1, i, i + 1))
            continue
        owner = i - 1
        if i >= 2 and tokens[i - 2].type == "list_item_open":
            owner = i - 2
        tokens[owner].attrSet("id", ident)
    if drop:
        state.tokens = [t for n, t in enumerate(tokens) if n not in drop]


def blockids_plugin(md: MarkdownIt) -> None:
    md.core.ruler.before("inline", "obsidian_block_ids", blockids_rule)
