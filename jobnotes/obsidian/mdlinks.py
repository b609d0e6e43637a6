"""Standard Markdown links and images that point into the vault.

``[Jane](../people/Jane%20Doe.md)`` leads to Jane's page and ``![chart](chart.png)`` to the
copied image, through the render's ``Linker``. A relative link that leads nowhere is
shown as unresolved text instead of a link that would 404. Links with a scheme
(``https:``, ``mailto:``) are left to the sanitizer.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from jobnotes.obsidian.linker import linker_of
from jobnotes.obsidian.links import is_local


def _rewrite(children: list[Token], env: Any) -> None:
    linker = linker_of(env)
    for i, token in enumerate(children):
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            if not is_local(href) or token.markup in ("autolink", "linkify"):
                continue
            new = linker.href(href)
            if new is not None:
                token.attrSet("href", new)
                continue
            token.type = "link_unresolved_open"
            for j in range(i + 1, len(children)):
                if children[j].type == "link_close":
                    children[j].type = "link_unresolved_close"
                    break
        elif token.type == "image":
            src = str(token.attrGet("src") or "")
            if not is_local(src):
                continue
            new = linker.src(src)
            if new is None:
                token.type = "image_unresolved"
            else:
                token.attrSet("src", new)
                linker.sources.add(new)


def mdlinks_rule(state: StateCore) -> None:
    if not isinstance(state.env, dict) or "linker" not in state.env:
        return
    for token in state.tokens:
        if token.type == "inline" and token.children:
            _rewrite(token.children, state.env)


def _open(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return '<span class="wikilink unresolved">'


def _close(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    return "</span>"


def _image(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    alt = self.renderInlineAsText(tokens[idx].children or [], options, env)
    return f'<span class="wikilink unresolved embed">{escapeHtml(alt or "image")}</span>'


def mdlinks_plugin(md: MarkdownIt) -> None:
    md.core.ruler.push("obsidian_markdown_links", mdlinks_rule)   # after footnotes too
    md.add_render_rule("link_unresolved_open", _open)
    md.add_render_rule("link_unresolved_close", _close)
    md.add_render_rule("image_unresolved", _image)
