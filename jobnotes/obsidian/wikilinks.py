"""``[[wikilinks]]`` and ``![[embeds]]`` as markdown-it tokens.

Each token keeps its ``Target`` and its offset in the inline text, so a finding can name
the line and column. The same offset is recorded on standard links and images (by
wrapping markdown-it's own rules), for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from jobnotes.obsidian.linker import linker_of
from jobnotes.obsidian.links import parse_target

_WIKILINK_RE = re.compile(r"!?\[\[([^\[\]\n]+?)\]\]")


def wikilink_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not (src.startswith("[[", pos) or src.startswith("![[", pos)):
        return False
    match = _WIKILINK_RE.match(src, pos)
    if match is None:
        return False
    embed = match.group(0).startswith("!")
    target = parse_target(match.group(1), embed=embed)
    if not target.path and not target.subpath:
        return False
    if not silent:
        token = state.push("embed" if embed else "wikilink", "", 0)
        token.meta = {"target": target, "offset": pos}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _with_offset(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """Wrap markdown-it's link or image rule so its token remembers where it started."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        matched = rule(state, silent)
        if matched and not silent and len(state.tokens) > count:
            state.tokens[count].meta = {**(state.tokens[count].meta or {}), "offset": start}
        return matched

    return wrapped


def _render_wikilink(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return linker_of(env).wikilink(tokens[idx].meta["target"])


def _render_embed(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return linker_of(env).embed(tokens[idx].meta["target"])


def _looks_like_note(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return "." not in name or name.lower().endswith(".md")


def unwrap_note_embeds(state: StateCore) -> None:
    """A note embedded alone on its line is a block, not part of a paragraph."""
    if "![[" not in state.src:                                # no embed at all
        return
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "inline" or not 0 < i < len(tokens) - 1:
            continue
        parts = [c for c in token.children or []
                 if not (c.type in ("text", "softbreak") and not c.content.strip())]
        if (len(parts) == 1 and parts[0].type == "embed"
                and _looks_like_note(parts[0].meta["target"].path or "x")
                and tokens[i - 1].type == "paragraph_open"):
            tokens[i - 1].hidden = tokens[i + 1].hidden = True


def wikilinks_plugin(md: MarkdownIt) -> None:
    for name in ("link", "image"):
        rule = next(r for r in md.inline.ruler.__rules__ if r.name == name)
        md.inline.ruler.at(name, _with_offset(rule.fn))
    md.inline.ruler.before("link", "wikilink", wikilink_rule)
    md.core.ruler.after("inline", "obsidian_unwrap_embeds", unwrap_note_embeds)
    md.add_render_rule("wikilink", _render_wikilink)
    md.add_render_rule("embed", _render_embed)
