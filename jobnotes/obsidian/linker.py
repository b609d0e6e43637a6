"""What the renderer asks when it meets a link, an embed or a tag.

The plugins never look at the vault themselves: they call the ``Linker`` found in the
render environment. This base class is the one used without a vault: wikilinks resolve
by note name through a plain callable, nothing is embedded, tags link nowhere.
``jobnotes.obsidian.pagelinks.PageLinker`` is the one every site page uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jobnotes.obsidian.anchors import block_id, heading_id
from jobnotes.obsidian.links import Target

Resolver = Callable[[str], "str | None"]


def link_html(href: str, label: str, css: str = "wikilink", title: str | None = None) -> str:
    """An ``<a>``; ``label`` is text (escaped here)."""
    from markdown_it.common.utils import escapeHtml  # loaded by then: pages are rendering

    extra = f' title="{escapeHtml(title)}"' if title else ""
    return f'<a class="{css}" href="{escapeHtml(href)}"{extra}>{escapeHtml(label)}</a>'


def unresolved_html(label: str, css: str = "", title: str | None = None) -> str:
    """A link shown as text, marked so the reader sees it leads nowhere."""
    from markdown_it.common.utils import escapeHtml

    classes = "wikilink unresolved" + (f" {css}" if css else "")
    extra = f' title="{escapeHtml(title)}"' if title else ""
    return f'<span class="{classes}"{extra}>{escapeHtml(label)}</span>'


def fragment(target: Target) -> str:
    """``#h-heading`` / ``#b-block`` for a target's subpath, or ""."""
    if target.block:
        return "#" + block_id(target.block)
    if target.heading:
        return "#" + heading_id(target.heading)
    return ""


class Linker:
    """Resolves wikilinks by note name only (``resolve(name) -> URL or None``)."""

    # When true, images and media keep a relative ``src`` only if this linker produced it.
    strict_sources = False

    def __init__(self, resolve: Resolver | None = None) -> None:
        self.resolve = resolve
        self.sources: set[str] = set()

    def wikilink(self, target: Target) -> str:
        if not target.path:
            return link_html(fragment(target) or "#", target.label())
        href = self.resolve(target.name) if self.resolve is not None else None
        if href is None:
            return unresolved_html(target.label())
        return link_html(href + fragment(target), target.label())

    def embed(self, target: Target) -> str:
        return unresolved_html(target.label(), "embed")

    def href(self, href: str) -> str | None:
        """A relative ``[text](href)`` target -> the URL to use, or None if it leads nowhere."""
        return href

    def src(self, src: str) -> str | None:
        """A relative ``![alt](src)`` image -> the URL to use, or None."""
        return src

    def tag(self, tag: str) -> str | None:
        """The URL of the page listing notes tagged ``tag``, if the site has one."""
        return None

    def env(self) -> dict[str, Any]:
        """The markdown-it environment for one render with this linker."""
        return {"linker": self}


def linker_of(env: Any) -> Linker:
    found = env.get("linker") if isinstance(env, dict) else None
    return found if isinstance(found, Linker) else Linker(None)
