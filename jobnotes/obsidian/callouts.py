"""Callouts: ``> [!type] Title`` blockquotes, foldable with ``-`` (closed) or ``+`` (open).

A blockquote whose first line is ``[!type]`` becomes ``<div class="callout callout-KIND">``
(``<details>`` when foldable) with a title and a content part. Obsidian's aliases map to
their kind (``tldr`` -> abstract, ``faq`` -> question, ...); an unknown type is shown as a
note, titled with the type as written. Nested callouts are nested blockquotes, so they
nest by themselves.
"""

from __future__ import annotations

import re
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

KINDS: dict[str, str] = {
    "note": "note",
    "abstract": "abstract", "summary": "abstract", "tldr": "abstract",
    "info": "info",
    "todo": "todo",
    "tip": "tip", "hint": "tip", "important": "tip",
    "success": "success", "check": "success", "done": "success",
    "question": "question", "help": "question", "faq": "question",
    "warning": "warning", "caution": "warning", "attention": "warning",
    "failure": "failure", "fail": "failure", "missing": "failure",
    "danger": "danger", "error": "danger",
    "bug": "bug",
    "example": "example",
    "quote": "quote", "cite": "quote",
}

_MARKER = re.compile(r"\[!([^\]\s]+)\]([+-]?)[ \t]*(.*)")


def callout_kind(name: str) -> str:
    """Obsidian's type for a callout name; anything unknown is a note."""
    return KINDS.get(name.casefold(), "note")


def _closing(tokens: list[Token], start: int) -> int:
    level = tokens[start].level
    for i in range(start + 1, len(tokens)):
        if tokens[i].type == "blockquote_close" and tokens[i].level == level:
            return i
    return len(tokens) - 1


def _make(kind: str, nesting: int, level: int, meta: dict[str, Any]) -> Token:
    token = Token(kind, "", nesting)
    token.level, token.block, token.meta = level, True, meta
    return token


def _convert(tokens: list[Token], start: int) -> None:
    """Turn the blockquote at ``start`` into a callout if its first line is a marker."""
    if start + 2 >= len(tokens) or tokens[start + 1].type != "paragraph_open":
        return
    inline = tokens[start + 2]
    first, _, rest = inline.content.partition("\n")
    match = _MARKER.fullmatch(first.strip())
    if match is None:
        return
    name, fold, title = match.group(1), match.group(2), match.group(3).strip()
    close = _closing(tokens, start)
    meta = {"name": name, "kind": callout_kind(name), "fold": fold}
    level = tokens[start].level
    tokens[start].type, tokens[start].meta = "callout_open", meta
    tokens[close].type, tokens[close].meta = "callout_close", meta

    heading = Token("inline", "", 0)
    heading.content = title or name[:1].upper() + name[1:]
    heading.map, heading.level, heading.children = inline.map, level + 1, []
    head = [_make("callout_title_open", 1, level + 1, meta), heading,
            _make("callout_title_close", -1, level + 1, meta),
            _make("callout_content_open", 1, level + 1, meta)]
    tokens.insert(close, _make("callout_content_close", -1, level + 1, meta))
    if rest.strip():
        inline.content = rest
        if inline.map:
            inline.map = [inline.map[0] + 1, inline.map[1]]
        tokens[start + 1:start + 1] = head
    else:                               # the paragraph held only the marker line
        tokens[start + 1:start + 4] = head


def callouts_rule(state: StateCore) -> None:
    if ">" not in state.src:                                  # no quote at all
        return
    tokens = state.tokens
    i = 0
    while i < len(tokens):
        if tokens[i].type == "blockquote_open":
            _convert(tokens, i)
        i += 1


def _open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    meta = tokens[idx].meta
    ident = tokens[idx].attrGet("id")
    id_attr = f' id="{escapeHtml(str(ident))}"' if ident else ""
    classes = f'callout callout-{meta["kind"]}'
    if meta["fold"]:
        is_open = " open" if meta["fold"] == "+" else ""
        return f'<details class="{classes} is-foldable"{id_attr}{is_open}>\n'
    return f'<div class="{classes}"{id_attr}>\n'


def _close(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return "</details>\n" if tokens[idx].meta["fold"] else "</div>\n"


def _title_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    tag = "summary" if tokens[idx].meta["fold"] else "div"
    return (f'<{tag} class="callout-title"><span class="callout-icon" aria-hidden="true">'
            f'</span><span class="callout-title-inner">')


def _title_close(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    tag = "summary" if tokens[idx].meta["fold"] else "div"
    return f"</span></{tag}>\n"


def _content_open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return '<div class="callout-content">\n'


def _content_close(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return "</div>\n"


def callouts_plugin(md: MarkdownIt) -> None:
    md.core.ruler.before("inline", "obsidian_callouts", callouts_rule)
    for kind, rule in (("callout_open", _open), ("callout_close", _close),
                       ("callout_title_open", _title_open), ("callout_title_close", _title_close),
                       ("callout_content_open", _content_open),
                       ("callout_content_close", _content_close)):
        md.add_render_rule(kind, rule)
