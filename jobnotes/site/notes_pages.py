"""Pages for the rest of an Obsidian vault: a plain page for each other note that an
application or person note links to (with the problems of its links, as the application
pages show theirs), and one page per tag listing the notes that carry it
(inline ``#tags`` merged with the ``tags`` property; a parent tag lists its sub-tags' notes
too)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from jobnotes.model import Vault
from jobnotes.obsidian.anchors import heading_id
from jobnotes.obsidian.graph import OtherNote, TagEntry
from jobnotes.obsidian.tags import TAGS_FOLDER, tag_key, tag_page
from jobnotes.site.pages import Page, SiteData, _base, _body

TAGS_INDEX = f"{TAGS_FOLDER}/index.html"


def _tag_links(site: SiteData, tags: Iterable[str]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for tag in tags:
        seen.setdefault(tag_key(tag), {"name": tag, "page": site.links.tag(tag)})
    return list(seen.values())


def _descriptions(site: SiteData) -> dict[str, dict[str, Any]]:
    """Every note with a page as a list item: its title, its kind and its page."""
    vault, links = site.vault, site.links
    found: dict[str, dict[str, Any]] = {}
    for app in vault.applications:
        found[app.rel] = {"title": app.title, "kind": "Application", "page": links.note(app.rel)}
    for person in vault.people:
        found[person.rel] = {"title": person.name, "kind": "Person",
                             "page": links.note(person.rel)}
    for rel, other in links.graph.published.items():
        found[rel] = {"title": other.title, "kind": "Note", "page": links.note(rel)}
    return found


# The first non-blank line as an ATX level-1 heading: "# Title" (optional closing hashes).
_LEADING_H1 = re.compile(r"\A((?:[ \t]*\n)*)[ ]{0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*(?=\n|\Z)")


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def without_title_heading(body: str, title: str) -> tuple[str, str | None]:
    """``body`` without a leading ``# <title>`` heading that repeats the page's own h1, and
    that heading's anchor id (the page h1 takes it, so ``[[Note#Title]]`` still lands);
    ``(body, None)`` when the body does not start so. Only that one heading goes, and its
    line stays as a blank one so line numbers in messages still match the file."""
    match = _LEADING_H1.match(body)
    if match is None or not match.group(2) or _words(match.group(2)) != _words(title):
        return body, None
    return match.group(1) + body[match.end():], heading_id(match.group(2))


def _properties(site: SiteData, note: OtherNote) -> list[dict[str, Any]]:
    """The note's properties, a ``[[link]]`` value linked to its note's page when it
    has one (else shown as text, as an unresolved link is elsewhere on the site)."""
    index = site.links.graph.index
    shown = []
    for prop in note.properties:
        values = []
        for value in prop.values:
            page = None
            if value.target is not None:
                found = index.resolve(value.target, note.rel).rel
                page = site.links.note(found) if found is not None else None
            values.append({"text": value.text, "page": page, "address": value.address})
        shown.append({"name": prop.name, "values": values})
    return shown


def _describe(known: dict[str, dict[str, Any]], rel: str) -> dict[str, Any]:
    return {**known.get(rel, {"title": rel, "kind": "Note", "page": None}), "rel": rel}


def note_pages(site: SiteData) -> Iterable[Page]:
    graph = site.links.graph
    known: dict[str, dict[str, Any]] | None = None
    for rel, note in graph.published.items():
        path = site.links.note(rel)
        if path is None or not site.mine(path):
            continue
        if known is None:
            known = _descriptions(site)
        context = _base(site, path, "notes", note.title)
        text, title_id = without_title_heading(note.body, note.title)
        body = _body(site, text, path)            # records the tags the page shows
        if title_id and f'id="{title_id}"' in body:     # a later heading of the same name
            title_id = None
        context.update({
            "note": note,
            "properties": _properties(site, note),
            "body": body,
            "title_id": title_id,
            "tags": _tag_links(site, [*note.tags, *graph.shown_tags(rel)]),
            "linked_from": [_describe(known, source) for source in graph.linked_from.get(rel, [])],
            "findings": site.findings.get(rel, []),
        })
        yield Page(path, "note.html", context)


def _children(entries: dict[str, TagEntry], key: str) -> list[TagEntry]:
    depth = key.count("/") + 1
    return [entry for other, entry in entries.items()
            if other.startswith(key + "/") and other.count("/") == depth]


def tag_pages(site: SiteData) -> Iterable[Page]:
    entries = site.links.graph.tags()
    if not entries:
        return
    if site.mine(TAGS_INDEX):
        rows = [{"name": entry.name, "page": tag_page(entry.name), "count": len(entry.rels)}
                for entry in entries.values()]
        context = _base(site, TAGS_INDEX, "tags", "Tags")
        context.update({"tag": None, "all_tags": rows})
        yield Page(TAGS_INDEX, "tag.html", context)

    known = _descriptions(site)
    for key, entry in entries.items():
        path = tag_page(entry.name)
        if not site.mine(path):
            continue
        parent_key = key.rsplit("/", 1)[0] if "/" in key else None
        parent = entries.get(parent_key) if parent_key else None
        notes = sorted((_describe(known, rel) | {"direct": rel in entry.direct}
                        for rel in entry.rels), key=lambda n: n["title"].casefold())
        context = _base(site, path, "tags", f"#{entry.name}")
        context.update({
            "tag": entry,
            "parent": {"name": parent.name, "page": tag_page(parent.name)} if parent else None,
            "children": [{"name": child.name, "page": tag_page(child.name),
                          "count": len(child.rels)} for child in _children(entries, key)],
            "notes": notes,
        })
        yield Page(path, "tag.html", context)


PAGE_BUILDERS: list[Callable[[SiteData], Iterable[Page]]] = [note_pages, tag_pages]


def collect(vault: Vault, site: SiteData | None = None) -> list[Page]:
    """The pages of this module, after ``pages.collect`` (which renders the tracked notes)."""
    site = site if site is not None else SiteData.of(vault)
    return [page for builder in PAGE_BUILDERS for page in builder(site)]
