"""The ``Linker`` of a site page: every link, embed and tag resolved against the vault.

A link whose target is missing or ambiguous, or a note without a page, is shown as
unresolved text (the findings say why); a link to a heading or block that does not exist
goes to the top of the note's page. Attachments a page uses are recorded in the graph
so the build copies exactly those into the site.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from markdown_it.common.utils import escapeHtml

from jobnotes.obsidian import attachments
from jobnotes.obsidian.graph import LinkGraph
from jobnotes.obsidian.linker import Linker, fragment, link_html, unresolved_html
from jobnotes.obsidian.links import Resolution, Target, is_note
from jobnotes.obsidian.scan import target_from_url


class PageLinker(Linker):
    """Links from the note ``source`` rendered on a page ``root`` levels below the site."""

    strict_sources = True

    def __init__(self, graph: LinkGraph, pages: Mapping[str, str], source: str | None,
                 root: str, *, depth: int = 0, chain: tuple[str, ...] = ()) -> None:
        super().__init__(None)
        self.graph = graph
        self.pages = pages
        self.source = source
        self.root = root
        self.depth = depth
        self.chain = chain
        self._counter = [0]            # shared with nested linkers: unique footnote ids

    def env(self) -> dict[str, Any]:
        return {**super().env(), "soft_breaks": self.graph.soft_breaks}

    def nested(self, rel: str) -> PageLinker:
        """The linker for the content of ``rel`` embedded in this page."""
        child = PageLinker(self.graph, self.pages, rel, self.root, depth=self.depth + 1,
                           chain=(*self.chain, *(() if self.source is None else (self.source,))))
        child.sources = self.sources
        child._counter = self._counter
        return child

    def next_doc_id(self) -> str:
        self._counter[0] += 1
        return f"e{self._counter[0]}"

    # -- resolution -------------------------------------------------------------------

    def _resolve(self, target: Target) -> Resolution:
        return self.graph.index.resolve(target.path, self.source)

    def page_of(self, rel: str) -> str | None:
        page = self.pages.get(rel)
        return self.root + page if page is not None else None

    def anchor(self, rel: str, target: Target) -> tuple[str, bool]:
        """(``#fragment`` or "", whether the heading/block exists) in note ``rel``."""
        if not target.subpath:
            return "", True
        found = self.graph.anchors_of(rel)
        exists = found is not None and (found.has_block(target.block) if target.block
                                        else found.has_heading(target.heading))
        return (fragment(target), True) if exists else ("", False)

    @staticmethod
    def _not_found(resolution: Resolution, target: Target, css: str = "") -> str:
        if resolution.ambiguous:
            paths = ", ".join(resolution.candidates)
            return unresolved_html(target.label(), f"ambiguous {css}".strip(),
                                   f"{target.path} matches several files: {paths}")
        return unresolved_html(target.label(), css)

    # -- Linker -----------------------------------------------------------------------

    def wikilink(self, target: Target) -> str:
        if not target.path:
            return self._same_note(target)
        resolution = self._resolve(target)
        if resolution.rel is None:
            return self._not_found(resolution, target)
        return self._to_file(resolution.rel, target)

    def _same_note(self, target: Target) -> str:
        rel = self.source
        if rel is None:
            return unresolved_html(target.label())
        frag, exists = self.anchor(rel, target)
        if not exists:
            return unresolved_html(target.label(), "", "no such heading or block in this note")
        if self.depth == 0:
            return link_html(frag, target.label())
        page = self.page_of(rel)
        return link_html(page + frag, target.label()) if page else unresolved_html(
            target.label())

    def _to_file(self, rel: str, target: Target) -> str:
        if not is_note(rel):
            href = self._attachment(rel)
            if href is None:
                return unresolved_html(target.label(), "unpublished",
                                       "this kind of file is not copied into the site")
            return link_html(href, target.label(), "wikilink attachment")
        page = self.page_of(rel)
        if page is None:
            return unresolved_html(target.label(), "unpublished", "this note has no page")
        frag, exists = self.anchor(rel, target)
        title = None if exists else f"{target.subpath} is not in this note"
        return link_html(page + frag, target.label(), "wikilink", title)

    def _attachment(self, rel: str) -> str | None:
        if attachments.kind(rel) is None:
            return None
        self.graph.used.add(rel)
        return attachments.url(rel, self.root)

    def embed(self, target: Target) -> str:
        from jobnotes.obsidian.embeds import embed_note

        resolution = self._resolve(target) if target.path else None
        if resolution is None or resolution.rel is None:
            return self._not_found(resolution or Resolution(None), target, "embed")
        rel = resolution.rel
        if is_note(rel):
            return embed_note(self, rel, target)
        return self._embed_file(rel, target)

    def _embed_file(self, rel: str, target: Target) -> str:
        src = self._attachment(rel)
        name = rel.rsplit("/", 1)[-1]
        if src is None:
            return unresolved_html(target.alias or name, "embed unpublished",
                                   "this kind of file is not copied into the site")
        kind = attachments.kind(rel)
        if kind == "file":
            return link_html(src, target.alias or name, "embed-file")
        self.sources.add(src)
        if kind in ("audio", "video"):
            return f'<{kind} class="embed-{kind}" controls src="{escapeHtml(src)}"></{kind}>'
        alt = target.alias or name
        width, height = target.width_height
        dims = (f' width="{width}"' if width else "") + (f' height="{height}"' if height else "")
        return (f'<img class="embed-image" src="{escapeHtml(src)}" alt="{escapeHtml(alt)}"'
                f'{dims} loading="lazy">')

    def href(self, href: str) -> str | None:
        target = target_from_url(href)
        if not target.path:                  # "#Heading": this note
            if self.source is None:
                return None
            frag, exists = self.anchor(self.source, target)
            if not exists:
                return None                  # shown unlinked, as `check` says
            if self.depth == 0:
                return frag or "#"
            page = self.page_of(self.source)
            return page + frag if page is not None else None
        resolution = self._resolve(target)
        rel = resolution.rel
        if rel is None:
            return None
        if not is_note(rel):
            return self._attachment(rel)
        page = self.page_of(rel)
        return page + self.anchor(rel, target)[0] if page is not None else None

    def src(self, src: str) -> str | None:
        resolution = self._resolve(target_from_url(src, embed=True))
        rel = resolution.rel
        if rel is None or attachments.kind(rel) != "image":
            return None
        return self._attachment(rel)

    def tag(self, tag: str) -> str | None:
        path = self.graph.tag_path(tag)
        if path is None:
            return None
        host = self.chain[0] if self.chain else self.source
        if host is not None:
            self.graph.record_tag(host, tag)
        return self.root + quote(path)
