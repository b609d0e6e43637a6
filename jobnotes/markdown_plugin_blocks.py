"""Code blocks that Obsidian plugins run (Dataview, Tasks, a search query): on the site
they cannot run, so a short line above the block says what it is instead of leaving a
query that reads like a broken page."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# The fence's language -> what the block is, for the line above it.
PLUGIN_BLOCKS = {
    "dataview": "A Dataview query",
    "dataviewjs": "A Dataview script",
    "tasks": "A Tasks query",
    "query": "An Obsidian search",
}


def plugin_blocks_rule(state: StateCore) -> None:
    """Before each plugin's fence, a paragraph (class ``plugin-note``) naming it."""
    if "```" not in state.src and "~~~" not in state.src:     # no fence at all
        return
    tokens: list[Token] = []
    for token in state.tokens:
        language = token.info.strip().split(" ", 1)[0].lower() if token.type == "fence" else ""
        what = PLUGIN_BLOCKS.get(language)
        if what is not None:
            tokens += _note(f"{what}: it runs in Obsidian, so the site shows its text.",
                            token.level)
            token.attrJoin("class", "plugin-block")
        tokens.append(token)
    state.tokens = tokens


def _note(text: str, level: int) -> list[Token]:
    opening = Token("paragraph_open", "p", 1, block=True, level=level)
    opening.attrSet("class", "plugin-note")
    inline = Token("inline", "", 0, content=text, level=level + 1, children=[])
    return [opening, inline, Token("paragraph_close", "p", -1, block=True, level=level)]


def plugin_blocks_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("block", "plugin_blocks", plugin_blocks_rule)
