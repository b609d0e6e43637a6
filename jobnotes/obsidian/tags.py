"""Inline ``#tags`` and ``#nested/tags``, and the page each tag gets on the site.

A tag starts after a space or at the start of a line, is made of letters, digits, ``_``,
``-`` and ``/``, and is never only digits (``#123`` is an issue number, not a tag). Code
is left alone because code spans are tokens of their own; URLs never match because their
``#`` follows a non-space character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from jobnotes.obsidian.linker import linker_of

if TYPE_CHECKING:   # the parser is loaded only when notes are rendered, not to name tags
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

_TAG_RE = re.compile(r"#([\w/-]+)")
_NOT_ONLY_DIGITS = re.compile(r"[^\d/-]")
TAGS_FOLDER = "tags"


def clean_tag(text: str) -> str | None:
    """``"#improve/sql/"`` -> ``"improve/sql"``; None when it is not a valid tag."""
    tag = text.strip().lstrip("#").strip("/")
    if not tag or not re.fullmatch(r"[\w/-]+", tag) or not _NOT_ONLY_DIGITS.search(tag):
        return None
    return tag


def tag_key(tag: str) -> str:
    """Tags are case-insensitive: ``#SQL`` and ``#sql`` are one tag."""
    return tag.casefold()


def property_tags(value: Any) -> list[str]:
    """The ``tags`` property as written: a list, or one text of tags split by commas/spaces."""
    items: Iterable[Any] = value if isinstance(value, list) else str(value or "").replace(
        ",", " ").split()
    found = []
    for item in items:
        tag = clean_tag(str(item)) if item is not None else None
        if tag:
            found.append(tag)
    return found


def tag_page(tag: str) -> str:
    """Site path of a tag's page: ``improve/sql`` -> ``tags/improve/sql.html``."""
    parts = []
    for part in tag_key(tag).split("/"):
        name = re.sub(r"[^\w-]+", "-", part).strip("-.") or "tag"
        parts.append(name)
    if parts == ["index"]:
        parts = ["index-tag"]            # tags/index.html lists every tag
    return f"{TAGS_FOLDER}/{'/'.join(parts)}.html"


def tag_url(tag: str, root: str) -> str:
    return root + quote(tag_page(tag))


def tag_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if src[pos] != "#" or (pos > 0 and not src[pos - 1].isspace()):
        return False
    match = _TAG_RE.match(src, pos)
    if match is None:
        return False
    tag = clean_tag(match.group(1))
    if tag is None:
        return False
    if not silent:
        token = state.push("tag", "", 0)
        token.content = tag
        token.meta = {"offset": pos}
    state.pos = pos + 1 + len(match.group(1).rstrip("/"))
    return True


def _render_tag(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    from markdown_it.common.utils import escapeHtml

    tag = tokens[idx].content
    href = linker_of(env).tag(tag)
    label = escapeHtml("#" + tag)
    if href is None:
        return f'<span class="tag">{label}</span>'
    return f'<a class="tag" href="{escapeHtml(href)}">{label}</a>'


def tags_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.before("link", "tag", tag_rule)
    md.add_render_rule("tag", _render_tag)
