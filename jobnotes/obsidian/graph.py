"""The vault's links as the site needs them: which other notes get a page, what tags exist,
the text of any note a page embeds, and which notes with a page link to a note.

Built once per load from file paths and the bodies already read. A note outside the
applications and people folders is read only when an application or person note links
to it or embeds it (it then gets a plain page), or when a page embeds it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from jobnotes.cache import SETTLE_NS, Stamp, stamp_of
from jobnotes.frontmatter import parse_note
from jobnotes.obsidian.appconfig import soft_breaks
from jobnotes.obsidian.links import LinkIndex, is_note
from jobnotes.obsidian.outer import OuterVault, outer_vault
from jobnotes.obsidian.properties import Property, shown_properties
from jobnotes.obsidian.scan import Anchors, anchors, scan
from jobnotes.obsidian.tags import clean_tag, property_tags, tag_key, tag_page
from jobnotes.vault import decode_note

if TYPE_CHECKING:
    from jobnotes.model import Application, Person, Vault


@dataclass(slots=True)
class OtherNote:
    """A note outside the applications and people folders, read because a page needs it."""

    rel: str
    title: str                 # the file name without ".md", as Obsidian shows it
    body: str
    body_line: int
    tags: list[str] = field(default_factory=list)    # the `tags` property
    properties: tuple[Property, ...] = ()            # the rest, as Obsidian shows them


@dataclass(frozen=True, slots=True)
class Backlink:
    """A note with a page that links to another note."""

    rel: str
    title: str                 # as its page is titled: "Acme — Analyst", "Jane Doe"
    kind: str                  # "Application", "Person" or "Note"


def _title_kind(note: Application | Person) -> tuple[str, str]:
    from jobnotes.model import Application

    if isinstance(note, Application):
        return note.title, "Application"
    return note.name, "Person"


@dataclass(slots=True)
class TagEntry:
    name: str                  # as first written: "improve/SQL"
    rels: list[str] = field(default_factory=list)    # notes tagged with it or a sub-tag
    direct: set[str] = field(default_factory=set)    # notes tagged with exactly it


def _stem(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    return name[:-3] if is_note(name) else name


def _stamp(path: Path) -> tuple[Stamp, int] | None:
    """A file's ``stamp_of``, and when it was taken."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return stamp_of(info), time.time_ns()


def read_other(root: Path, rel: str) -> OtherNote | None:
    """A note's body without its front matter; None if it cannot be read as UTF-8 text."""
    try:
        data = (Path(root) / rel).read_bytes()
    except OSError:
        return None
    text, _ = decode_note(rel, data)
    if text is None:
        return None
    parsed = parse_note(rel, text)
    data = parsed.front.data if parsed.front is not None else {}
    return OtherNote(rel, _stem(rel), parsed.body, parsed.body_line,
                     property_tags(data.get("tags")), shown_properties(data))


class LinkGraph:
    """Link resolution for the whole vault and what the site publishes because of it."""

    # A single line break shows as one (Obsidian's default; see ``appconfig``).
    soft_breaks = False
    # The Obsidian vault around this one (``outer``); False until first asked for.
    _outer: OuterVault | None | bool = False

    def __init__(self, root: Path, index: LinkIndex, notes: Iterable[Application | Person],
                 unread: Iterable[str] = ()) -> None:
        self.root = Path(root)
        self._unread = set(unread)     # notes in the note folders that failed to load
        self.index = index
        self._bodies = {note.rel: note.body for note in notes}
        self._tags = {note.rel: list(note.tags) for note in notes}
        self._titles = {note.rel: _title_kind(note) for note in notes}
        self._backlinks: dict[str, list[str]] | None = None
        self._others: dict[str, OtherNote | None] = {}
        self._stamps: dict[str, tuple[Stamp, int] | None] = {}   # of the others read
        self._targets: dict[str, tuple[str, ...]] = {}   # note -> other notes it links to
        self.published: dict[str, OtherNote] = {}
        self.linked_from: dict[str, list[str]] = {}    # published note -> notes linking it
        # Attachments the rendered pages embed or link; filled in while pages render.
        self.used: set[str] = set()
        self._shown_tags: dict[str, list[str]] = {}
        # What is done to each other note once read (a redacted copy hides what it says).
        self.scrub_other: Callable[[OtherNote], OtherNote] | None = None

    def outside(self, path: str, source: str) -> str | None:
        """Where ``path``, linked from the note ``source``, is in the Obsidian vault around
        this one, when it is a file there and not in this vault (``outer``)."""
        if self._outer is False:
            self._outer = outer_vault(self.root)
        return self._outer.find(path, source) if isinstance(self._outer, OuterVault) else None

    # -- reading --------------------------------------------------------------------

    def other(self, rel: str) -> OtherNote | None:
        if rel not in self._others:
            self._stamps[rel] = _stamp(self.root / rel)
            note = read_other(self.root, rel)
            if note is not None and self.scrub_other is not None:
                note = self.scrub_other(note)
            self._others[rel] = note
        return self._others[rel]

    def body(self, rel: str) -> str | None:
        if rel in self._bodies:
            return self._bodies[rel]
        other = self.other(rel) if is_note(rel) else None
        return other.body if other is not None else None

    def anchors_of(self, rel: str) -> Anchors | None:
        body = self.body(rel)
        return anchors(body) if body is not None else None

    def is_tracked(self, rel: str) -> bool:
        """An application or person note."""
        return rel in self._bodies

    # -- publishing -----------------------------------------------------------------

    def publish_linked(self) -> None:
        """Give a page to every other note an application or person note links to."""
        for rel, body in self._bodies.items():
            targets = self._linked_others(rel, body)
            if targets:
                self._targets[rel] = targets
        self._publish()

    def _linked_others(self, rel: str, body: str) -> tuple[str, ...]:
        """The notes outside the application and people notes that ``body`` links to."""
        found = []
        for ref in scan(body).links:
            if not ref.target.path:
                continue
            target = self.index.resolve(ref.target.path, rel).rel
            if (target is not None and is_note(target) and target not in self._bodies
                    and target not in self._unread):
                found.append(target)
        return tuple(found)

    def _publish(self) -> None:
        wanted: dict[str, list[str]] = {}
        for rel in sorted(self._targets):
            for found in self._targets[rel]:
                sources = wanted.setdefault(found, [])
                if not sources or sources[-1] != rel:    # sources come in path order
                    sources.append(rel)
        for rel in sorted(wanted):
            other = self.other(rel)
            if other is not None:
                self.published[rel] = other
                self.linked_from[rel] = wanted[rel]

    # -- backlinks ------------------------------------------------------------------

    def backlinks(self, rel: str) -> list[Backlink]:
        """The notes with a page (applications, people, published notes) that link to or
        embed ``rel``, in path order; ``rel`` itself is not one of them."""
        if self._backlinks is None:
            self._backlinks = self._all_backlinks()
        found = []
        for source in self._backlinks.get(rel, []):
            if source in self._titles:
                title, kind = self._titles[source]
            else:
                title, kind = self.published[source].title, "Note"
            found.append(Backlink(source, title, kind))
        return found

    def _all_backlinks(self) -> dict[str, list[str]]:
        sources = {**self._bodies, **{rel: n.body for rel, n in self.published.items()}}
        found: dict[str, list[str]] = {}
        for source in sorted(sources):
            for ref in scan(sources[source]).links:
                if not ref.target.path:
                    continue
                target = self.index.resolve(ref.target.path, source).rel
                if target is None or target == source:
                    continue
                linking = found.setdefault(target, [])
                if not linking or linking[-1] != source:
                    linking.append(source)
        return found

    def successor(self, changed: dict[str, Application | Person | None],
                  unread: Iterable[str]) -> LinkGraph:
        """The graph of the same files after the notes at ``changed`` changed (None: the
        note no longer loads), without looking at the others again: ``build_graph``'s
        result, for a vault where no file was created, deleted or renamed since this
        graph was built. Nothing a render recorded in this graph is carried over."""
        graph = LinkGraph(self.root, self.index, (), unread)
        graph.soft_breaks = soft_breaks(self.root)      # Obsidian's setting may have changed
        graph._outer = self._outer
        graph._bodies = self._bodies.copy()
        graph._tags = self._tags.copy()
        graph._titles = self._titles.copy()
        graph._targets = self._targets.copy()
        for rel, note in changed.items():
            graph._targets.pop(rel, None)
            if note is None:
                graph._bodies.pop(rel, None)
                graph._tags.pop(rel, None)
                graph._titles.pop(rel, None)
            else:
                graph._bodies[rel] = note.body
                graph._tags[rel] = list(note.tags)
                graph._titles[rel] = _title_kind(note)
        for rel in changed:
            body = graph._bodies.get(rel)
            targets = graph._linked_others(rel, body) if body is not None else ()
            if targets:
                graph._targets[rel] = targets
        graph.reuse_reads(self)
        graph._publish()
        return graph

    def reuse_reads(self, earlier: LinkGraph) -> None:
        """Take the other notes ``earlier`` read whose files are as they were then (and
        had not changed within a clock tick before, when a change may not show yet)."""
        for rel, note in earlier._others.items():
            stamp = earlier._stamps.get(rel)
            if rel in self._others or stamp is None:
                continue
            (_, mtime, ctime, _), taken = stamp
            if max(mtime, ctime) >= taken - SETTLE_NS:
                continue
            now = _stamp(self.root / rel)
            if now is not None and now[0] == stamp[0]:
                self._others[rel] = note
                self._stamps[rel] = stamp

    def record_tag(self, rel: str, tag: str) -> None:
        """Note that the page of ``rel`` shows ``tag`` (called while pages render)."""
        tags = self._shown_tags.setdefault(rel, [])
        if tag not in tags:
            tags.append(tag)

    def shown_tags(self, rel: str) -> list[str]:
        return list(self._shown_tags.get(rel, []))

    def tags(self) -> dict[str, TagEntry]:
        """Every tag of a page's note, and its parent tags: the ``tags`` property of the
        notes with pages, and the inline tags their pages showed (so call it after the
        note pages are rendered)."""
        entries: dict[str, TagEntry] = {}
        listed = [*self._tags.items(), *((rel, n.tags) for rel, n in self.published.items())]
        for rel, tags in sorted(listed):
            for tag in tags:
                self._add_tag(entries, tag, rel)
        for rel, tags in sorted(self._shown_tags.items()):
            for tag in tags:
                self._add_tag(entries, tag, rel)
        return dict(sorted(entries.items()))

    @staticmethod
    def _add_tag(entries: dict[str, TagEntry], tag: str, rel: str) -> None:
        parts = tag.split("/")
        for n in range(1, len(parts) + 1):
            name = "/".join(parts[:n])
            entry = entries.setdefault(tag_key(name), TagEntry(name))
            if rel not in entry.rels:
                entry.rels.append(rel)
            if n == len(parts):
                entry.direct.add(rel)

    @staticmethod
    def tag_path(tag: str) -> str | None:
        """Site path of the page for ``tag``: every tag a page shows gets one."""
        cleaned = clean_tag(tag)
        return tag_page(cleaned) if cleaned is not None else None


def build_graph(root: Path, notes: Iterable[Application | Person], other_rels: Iterable[str],
                unread: Iterable[str] = (), *, earlier: LinkGraph | None = None,
                scrub_other: Callable[[OtherNote], OtherNote] | None = None) -> LinkGraph:
    """The graph of a loaded vault. ``unread`` are notes that exist but were not loaded
    (invalid ones): links to them resolve, yet they have no page. Other notes ``earlier``
    (a graph of the same vault) read are not read again while their files are unchanged.
    ``scrub_other``: what is done to each other note read (see ``LinkGraph.scrub_other``)."""
    notes, unread = list(notes), list(unread)
    index = LinkIndex([*(note.rel for note in notes), *unread, *other_rels])
    graph = LinkGraph(root, index, notes, unread)
    graph.soft_breaks = soft_breaks(root)
    graph.scrub_other = scrub_other
    if earlier is not None:
        graph.reuse_reads(earlier)
    graph.publish_linked()
    return graph


def graph_of(vault: Vault) -> LinkGraph:
    """The vault's graph; one made from its notes alone when it was not loaded from disk."""
    if vault.link_graph is None:
        vault.link_graph = build_graph(vault.root, [*vault.applications, *vault.people], [],
                                       vault.skipped)
    return vault.link_graph
