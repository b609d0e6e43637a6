"""``![[Note]]``, ``![[Note#Heading]]`` and ``![[Note#^block]]``: another note's content
inlined in the page.

The embedded part is rendered with links resolved from the embedded note, its heading
and block ids removed (they belong to that note's own page, not to this one) and its
footnotes given ids of their own. A note already being embedded (a cycle) or an embed
deeper than ``MAX_DEPTH`` is shown as a link instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from jobnotes.obsidian.anchors import block_id, heading_id
from jobnotes.obsidian.linker import link_html, unresolved_html
from jobnotes.obsidian.links import Target

if TYPE_CHECKING:
    from jobnotes.obsidian.pagelinks import PageLinker

MAX_DEPTH = 4


def _matching_close(tokens: list[Token], start: int) -> int:
    depth = 0
    for i in range(start, len(tokens)):
        depth += tokens[i].nesting
        if depth == 0:
            return i
    return len(tokens) - 1


def _section(tokens: list[Token], target: Target) -> list[Token] | None:
    """The tokens of the heading's section or of the block; None when it does not exist."""
    if target.block:
        wanted = block_id(target.block)
        for i, token in enumerate(tokens):
            if token.attrGet("id") == wanted:
                part = tokens[i:_matching_close(tokens, i) + 1]
                if token.type == "list_item_open":
                    part = [Token("bullet_list_open", "ul", 1), *part,
                            Token("bullet_list_close", "ul", -1)]
                return part
        return None
    if target.heading:
        wanted = heading_id(target.heading)
        for i, token in enumerate(tokens):
            if token.type == "heading_open" and token.attrGet("id") == wanted:
                end = next((k for k in range(i + 1, len(tokens))
                            if tokens[k].type == "heading_open" and tokens[k].tag <= token.tag),
                           len(tokens))
                return tokens[i:end]
        return None
    return tokens


def _title(linker: PageLinker, rel: str, target: Target) -> str:
    label = target.label()
    page = linker.page_of(rel)
    if page is None:
        return f'<span class="embed-title">{escapeHtml(label)}</span>'
    frag, _ = linker.anchor(rel, target)
    return link_html(page + frag, label, "embed-title")


def embed_note(linker: PageLinker, rel: str, target: Target) -> str:
    from jobnotes.markdown import parse, render_tokens

    title = _title(linker, rel, target)
    if rel == linker.source or rel in linker.chain or linker.depth >= MAX_DEPTH:
        return (f'<span class="embed embed-note embed-stopped">{title} '
                f'<span class="muted">(already shown above)</span></span>')
    body = linker.graph.body(rel)
    if body is None:
        return unresolved_html(target.label(), "embed", "this note could not be read")
    child = linker.nested(rel)
    env = child.env()
    env["docId"] = child.next_doc_id()
    tokens = _section(parse(body, env), target)
    if tokens is None:
        return unresolved_html(target.label(), "embed", f"{target.subpath} is not in this note")
    for token in tokens:
        if token.attrs.get("id"):
            del token.attrs["id"]
    html = render_tokens(tokens, env)
    return (f'<div class="embed embed-note">\n<div class="embed-head">{title}</div>\n'
            f'<div class="embed-content">\n{html}</div>\n</div>\n')
