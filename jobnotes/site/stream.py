"""Rendering a site straight into its new output folder, page by page, in two processes
on large vaults.

Each page is rendered and written at once, so a build holds one page at a time, not the
whole site. On a vault of ``PARALLEL_FROM`` notes or more, and when the machine lets this
process use two cores, a second process (forked once the vault is read and the figures
every page shares are computed, so it starts with them) builds note pages while this one
builds the pages about the whole vault and then joins in; each takes the next few note
pages nobody has taken yet, so both finish together. What its pages did to
the build (the tags they show, the attachments they use) comes back and is merged before
the tag pages, which list those tags, are built; the bodies it rendered it saves for the
next build itself. Which process builds a page never changes its bytes.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from jobnotes.cache import PartsFile, code_fingerprint, digest
from jobnotes.errors import BuildError
from jobnotes.load import can_fork
from jobnotes.site import pages, render
from jobnotes.site.output import SiteWriter

if TYPE_CHECKING:
    from jobnotes.model import Vault
    from jobnotes.site.bodies import Rendered, RenderStore

PARALLEL_FROM = 500           # notes: below this a second process costs more than it saves

Told = Callable[[int, int], None]


@dataclass(slots=True)
class Written:
    """What a process wrote: file -> digest, how many pages, and what its pages did."""

    digests: dict[str, str] = field(default_factory=dict)
    pages: int = 0
    tags: list[tuple[str, str]] = field(default_factory=list)
    used: list[str] = field(default_factory=list)
    bodies: dict[Any, Rendered] = field(default_factory=dict)
    error: tuple[str, list[Any]] | None = None


def parallel(vault: Vault) -> bool:
    notes = len(vault.applications) + len(vault.people)
    return notes >= PARALLEL_FROM and can_fork()


class _Renderer:
    """Renders pages of one ``SiteData`` and writes them with a ``SiteWriter``."""

    def __init__(self, env: jinja2.Environment, dirs: Sequence[Path], root: Path,
                 writer: SiteWriter, written: Written) -> None:
        self.env, self.dirs, self.root = env, dirs, root
        self.writer, self.written = writer, written

    def page(self, page: pages.Page) -> None:
        with self.writer.in_pieces(page.path) as file:
            for piece in render.render_in_pieces(self.env, page, self.dirs, self.root):
                file.write(piece)
        self.written.digests[page.path] = file.digest
        self.written.pages += 1

    def file(self, rel: str, data: bytes) -> None:
        sha = digest(data)
        self.writer.add(rel, data, sha)
        self.written.digests[rel] = sha


def stream_site(vault: Vault, writer: SiteWriter, *,
                template_dirs: Sequence[Path] | None = None,
                bodies: RenderStore | None = None, compiled: Path | None = None,
                progress: Told | None = None, second_bodies: Path | None = None) -> Written:
    """Render every file of the site into ``writer``; raises BuildError on a template
    error (the writer then discards the new folder).

    ``second_bodies``: where a second process saves the bodies it kept (rather than send
    them back, which would hold them all in this one at once); a build in one process
    removes the file, as ``bodies`` then holds all that is worth keeping."""
    dirs = list(template_dirs) if template_dirs is not None else render.template_dirs(vault)
    env = render.make_environment(dirs, compiled=compiled, auto_reload=False)
    site = pages.SiteData.of(vault)
    site.renders = bodies
    written = Written()
    renderer = _Renderer(env, dirs, vault.root, writer, written)
    total = _expected_pages(site)
    if not parallel(vault):
        if second_bodies is not None:
            second_bodies.unlink(missing_ok=True)
        for page in pages.iter_pages(site):
            renderer.page(page)
            _tell(progress, written.pages, total)
    else:
        _prime(site)
        context = multiprocessing.get_context("fork")
        claims = _Claims(_note_paths(site), context)
        global _JOB
        _JOB = (site, env, dirs, writer, claims, second_bodies)
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            future = pool.submit(_work)
            _JOB = None
            # The pages about the whole vault first, then note pages until none are left.
            for share in (claims.whole_vault, claims.first):
                site.share = share
                for page in pages.iter_pages(site, tags=False):
                    renderer.page(page)
                    _tell(progress, 2 * written.pages, total)     # about half of the pages
            site.share = claims.whole_vault
            theirs = future.result()
            _merge(site, written, theirs)
            writer.made_elsewhere(theirs.digests)
        for page in _tag_pages(site):
            renderer.page(page)
    _tell(progress, total, total)
    for rel, data in render.static_files(dirs).items():
        renderer.file(rel, data)
    for rel, data in _attachments(vault).items():
        renderer.file(rel, data)
    return written


def _tell(progress: Told | None, done: int, total: int) -> None:
    if progress is not None and (done % 100 == 0 or done >= total):
        progress(min(done, total), total)


def _expected_pages(site: pages.SiteData) -> int:
    vault = site.vault
    return (len(vault.applications) + len(vault.people) + len(site.links.graph.published)
            + 10)


def _tag_pages(site: pages.SiteData) -> Any:
    from jobnotes.site.notes_pages import tag_pages

    return tag_pages(site)


def _attachments(vault: Vault) -> dict[str, bytes]:
    from jobnotes.obsidian.attachments import site_files
    from jobnotes.obsidian.graph import graph_of

    return site_files(vault.root, graph_of(vault).used)


# --- the second process --------------------------------------------------------------------------

def _prime(site: pages.SiteData) -> None:
    """Compute what note pages share before forking, so both processes start with it.
    (Not the templates: each process compiles those it needs while the other works.)"""
    site.job_skills()
    analysis = site.analysis
    for name in ("reminders_by_rel", "contacts", "contact_by_rel", "people_index"):
        getattr(analysis, name)


def _note_paths(site: pages.SiteData) -> list[str]:
    """The note pages, in the order both processes come to them."""
    links, vault = site.links, site.vault
    paths = [links.app(a) for a in vault.applications]
    paths += [links.person(p) for p in vault.people]
    paths += [p for rel in links.graph.published if (p := links.note(rel)) is not None]
    return paths


CHUNK = 16      # note pages a process takes at a time


class _Claims:
    """Which process builds each note page: whichever comes to its chunk first. The first
    process builds the pages about the whole vault before it joins in, so it takes fewer
    note pages (however long those took) and both finish together. Shared memory made
    before the fork records each chunk's taker."""

    def __init__(self, paths: list[str], context: Any) -> None:
        self.chunk_of = {path: n // CHUNK for n, path in enumerate(paths)}
        self.takers = context.Array("b", len(paths) // CHUNK + 1)

    def whole_vault(self, path: str) -> bool:
        """The first process's pages about the whole vault (every page but note pages)."""
        return path not in self.chunk_of

    def first(self, path: str) -> bool:
        return self._take(path, 1)

    def second(self, path: str) -> bool:
        return self._take(path, 2)

    def _take(self, path: str, me: int) -> bool:
        chunk = self.chunk_of.get(path)
        if chunk is None:
            return False
        takers = self.takers
        with takers.get_lock():
            if takers[chunk] == 0:
                takers[chunk] = me
            return bool(takers[chunk] == me)


_JOB: tuple[Any, ...] | None = None


class _LoggedSet(set):  # type: ignore[type-arg]
    def __init__(self, items: set[str], log: list[str]) -> None:
        super().__init__(items)
        self.log = log

    def add(self, item: str) -> None:
        self.log.append(item)
        super().add(item)


def _work() -> Written:
    """In the forked process: build the pages given to it, write them, report back."""
    assert _JOB is not None
    site, env, dirs, writer, claims, second_bodies = _JOB
    written = Written()
    graph = site.links.graph
    record_tag = graph.record_tag

    def logged_tag(rel: str, tag: str) -> None:
        written.tags.append((rel, tag))
        record_tag(rel, tag)

    graph.record_tag = logged_tag
    graph.used = _LoggedSet(graph.used, written.used)
    site.share = claims.second
    renders = site.renders
    if renders is not None and second_bodies is not None:
        renders.save_elsewhere(PartsFile(second_bodies, code_fingerprint()))
    renderer = _Renderer(env, dirs, site.vault.root, writer, written)
    try:
        for page in pages.iter_pages(site, tags=False):
            renderer.page(page)
    except BuildError as exc:
        written.error = (str(exc), exc.diagnostics)
    if renders is not None and second_bodies is not None:
        if written.error is None:
            renders.finish()
        else:
            renders.discard()
    elif renders is not None:
        written.bodies = renders.kept()
    return written


def _merge(site: pages.SiteData, mine: Written, theirs: Written) -> None:
    if theirs.error is not None:
        raise BuildError(theirs.error[0], theirs.error[1])
    graph = site.links.graph
    for rel, tag in theirs.tags:
        graph.record_tag(rel, tag)
    for rel in theirs.used:
        graph.used.add(rel)
    if site.renders is not None:
        site.renders.adopt(theirs.bodies)
    mine.digests.update(theirs.digests)
    mine.pages += theirs.pages
