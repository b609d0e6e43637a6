"""Findings about links in the notes that get a page (applications, people, and the other
notes they link to): missing or ambiguous targets, headings and blocks that are not there,
files the site will not publish."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from jobnotes.diagnostics import Diagnostic, info, warning
from jobnotes.obsidian import attachments
from jobnotes.obsidian.graph import LinkGraph, OtherNote
from jobnotes.obsidian.links import Target, is_note, leaves_vault, link_text
from jobnotes.obsidian.scan import Anchors, LinkRef, anchors, scan
from jobnotes.suggest import did_you_mean

if TYPE_CHECKING:
    from jobnotes.model import Application, Person


def _shown(ref: LinkRef) -> str:
    """The link as written in the note."""
    return ref.text


def _subpath_finding(rel: str, line: int, column: int, ref: LinkRef, target_scan: Anchors,
                     where: str) -> Diagnostic | None:
    target = ref.target
    if target.block:
        if target_scan.has_block(target.block):
            return None
        return warning(rel, line, column, "link-block",
                       f"{_shown(ref)} points to block ^{target.block}, which is not in {where}",
                       f"end the paragraph you mean with ` ^{target.block}` in that note")
    if not target.heading or target_scan.has_heading(target.heading):
        return None
    titles = target_scan.heading_titles()
    close = did_you_mean(target.heading, titles)
    if close is not None:
        hint = f"did you mean the heading `{close}`?"
    elif titles:
        hint = "its headings are: " + ", ".join(f"`{t}`" for t in titles[:8])
    else:
        hint = "that note has no headings"
    outcome = ("it is shown unlinked" if where == "this note"
               else "the link goes to the top of the note")
    return warning(rel, line, column, "link-heading",
                   f"{_shown(ref)} points to the heading `{target.heading}`, which is not "
                   f"in {where}; {outcome}", hint)


AnchorsOf = Callable[[str], "Anchors | None"]


def _finding(graph: LinkGraph, rel: str, line: int, column: int, ref: LinkRef,
             anchors_of: AnchorsOf) -> Diagnostic | None:
    target: Target = ref.target
    shown = _shown(ref)
    if not target.path:
        own = anchors_of(rel)
        return _subpath_finding(rel, line, column, ref, own, "this note") if own else None
    found = graph.index.resolve(target.path, rel)
    if found.ambiguous:
        options = ", ".join(f"`[[{link_text(c)}]]`" for c in found.candidates[:4])
        return warning(rel, line, column, "link-ambiguous",
                       f"{shown} matches {len(found.candidates)} files: "
                       + ", ".join(found.candidates[:4]) + "; none is in this note's "
                       "folder or has a shorter path than the others, so it is shown unlinked",
                       f"write the path to choose one: {options}")
    if found.rel is None and (elsewhere := graph.outside(target.path, rel)) is not None:
        return info(rel, line, column, "link-elsewhere",
                    f"{shown} links to {elsewhere}, a note of your Obsidian vault outside "
                    "the jobnotes folder; it is shown unlinked",
                    "move it into the jobnotes folder to give it a page here (Obsidian "
                    "opens the link either way)")
    if found.rel is None and leaves_vault(target.path, rel):
        return warning(rel, line, column, "link-outside",
                       f"{shown} points outside the vault; it is shown unlinked",
                       "copy the file into the vault and link to the copy")
    if found.rel is None:
        suggestion = graph.index.suggest(target.path)
        kind = "note" if is_note(target.path) or "." not in target.name else "file"
        hint = (f"did you mean `[[{suggestion}]]`?" if suggestion
                else f"create the {kind}, or fix the name")
        return warning(rel, line, column, "link-missing",
                       f"{shown} links to a {kind} that is not in the vault", hint)
    if not is_note(found.rel):
        if attachments.kind(found.rel) is None:
            return info(rel, line, column, "link-unpublished",
                        f"{shown} links to {found.rel}, a kind of file the site does not "
                        "copy (only images, audio, video and documents are)",
                        "export it as PDF or an image to show it on the site")
        return None
    if not (target.block or target.heading):
        return None                 # the note is there; no heading or block to look for
    target_scan = anchors_of(found.rel)
    if target_scan is None:
        return None
    return _subpath_finding(rel, line, column, ref, target_scan, found.rel)


def note_link_findings(graph: LinkGraph, note: Application | Person | OtherNote,
                       read: dict[str, str | None] | None = None) -> list[Diagnostic]:
    """The link problems of one note. ``read`` is told the body of every note whose
    headings or blocks were looked at (the findings stay right while those are the same)."""
    def anchors_of(rel: str) -> Anchors | None:
        body = graph.body(rel)
        if read is not None:
            read[rel] = body
        return anchors(body) if body is not None else None

    found = []
    rel = note.rel
    for ref in scan(note.body).links:
        line = note.body_line + ref.line - 1 if ref.line else 0
        diagnostic = _finding(graph, rel, line, ref.column, ref, anchors_of)
        if diagnostic is not None:
            found.append(diagnostic)
    return found


def link_findings(graph: LinkGraph, notes: Iterable[Application | Person]) -> list[Diagnostic]:
    """Every link problem in the bodies of ``notes`` and of the other notes that get a page
    (``graph.published``), at its file line and column."""
    return [d for note in [*notes, *graph.published.values()]
            for d in note_link_findings(graph, note)]


class LinkFindings:
    """``link_findings`` of a vault kept between loads (``jobnotes serve``): after an edit
    only the notes that changed, and those that point into their headings or blocks, are
    looked at again, while no file was created, deleted or renamed (else all are). The
    other notes with a page are looked at again when they get or lose their page, or
    their text changed."""

    def __init__(self) -> None:
        self.by_rel: dict[str, list[Diagnostic]] = {}     # notes with findings only
        self._read: dict[str, dict[str, str | None]] = {}  # note -> bodies its findings read
        self._readers: dict[str, set[str]] = {}            # body's note -> notes reading it
        # Read notes that are no application or person note, with the text they had: a
        # load does not read them again, so they are compared (all readers read the same).
        self._outside: dict[str, str | None] = {}
        self._index: object = None
        self._published: dict[str, str] = {}    # other note with a page -> its text then

    def update(self, graph: LinkGraph, notes: dict[str, Application | Person],
               changed: Iterable[str]) -> set[str]:
        """Bring the findings up to date with ``notes`` (every loaded note by path) after
        the notes at ``changed`` changed; the paths whose findings may differ."""
        if graph.index is not self._index:
            touched = set(self.by_rel)
            self.__init__()
            self._index = graph.index
            stale: set[str] = {*notes, *graph.published}
        else:
            touched = set()
            stale = set(changed)
            for rel in list(stale):
                stale |= self._readers.get(rel, set())
            for rel, body in list(self._outside.items()):
                readers = self._readers.get(rel)
                if not readers:
                    del self._outside[rel]
                elif rel not in stale and graph.body(rel) != body:
                    stale |= readers
            stale |= {rel for rel, other in graph.published.items()
                      if self._published.get(rel) != other.body}
            stale |= self._published.keys() - graph.published.keys()
        self._published = {rel: other.body for rel, other in graph.published.items()}
        for rel in stale:
            touched.add(rel)
            self._forget(rel)
            note: Application | Person | OtherNote | None = notes.get(rel)
            if note is None:
                note = graph.published.get(rel)
            if note is None:
                continue
            read: dict[str, str | None] = {}
            found = note_link_findings(graph, note, read)
            if found:
                self.by_rel[rel] = found
            if read:
                self._read[rel] = read
                for target, body in read.items():
                    self._readers.setdefault(target, set()).add(rel)
                    if not graph.is_tracked(target):
                        self._outside[target] = body
        return touched

    def _forget(self, rel: str) -> None:
        self.by_rel.pop(rel, None)
        for target in self._read.pop(rel, {}):
            readers = self._readers.get(target)
            if readers is not None:
                readers.discard(rel)
                if not readers:
                    del self._readers[target]
