"""The site ``serve`` shows: every page made when a browser first asks for it.

A save must show in the browser at once, whatever the size of the vault. So a rebuild in
``serve`` reads what changed and makes an ``OnDemandSite`` of the new vault, which renders
nothing yet; the page a browser asks for is rendered then, from that one vault, and kept
until the next save. A save at 10,000 notes costs the changed note and the pages open in
a browser, not 10,000 pages. All pages of one ``OnDemandSite`` come from the same state
of the vault, so a browser never sees two states mixed.

A site holds no reference to itself (an ``extra`` file is given the site when asked
for), so most of a state a rebuild replaced is freed at once, without waiting for Python's
collector. Pages render under ``gcpolicy.bulk_work``, like the rebuilds.

A page whose template fails keeps its last good version (``last_good``), and the failure
is reported with the findings so the browser's overlay shows it. A note that no longer
reads mid-edit stays in the vault as it last read (``NoteCache(keep_last_good=True)``);
one with no last good version (broken since serve started or the settings changed)
makes no page, but its page, if shown earlier in this session, stays as it last was, and
the findings say why. Both are bounded by the pages a browser asked for.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from jobnotes import gcpolicy
from jobnotes.diagnostics import Severity
from jobnotes.errors import BuildError
from jobnotes.serve import fallback
from jobnotes.site import notes_pages, pages, render

if TYPE_CHECKING:
    import jinja2

    from jobnotes.analysis.notememo import NoteMemo
    from jobnotes.model import Vault
    from jobnotes.site.bodies import RenderStore

Builder = Callable[[pages.SiteData], Iterable[pages.Page]]
Extra = Callable[["OnDemandSite"], bytes]


def page_digest(data: bytes | None) -> str | None:
    """What a browser tab compares to know whether its page changed."""
    return None if data is None else hashlib.sha1(data, usedforsecurity=False).hexdigest()


class OnDemandSite:
    """The files of one state of the vault: pages rendered on first request, then kept.

    Reads like a mapping from site path to bytes (``get``, ``in``, ``[]``), as the
    server expects of a build's files. Thread-safe: pages render one at a time under
    ``lock``, which the serve session also holds while it rebuilds."""

    def __init__(self, vault: Vault, env: jinja2.Environment, dirs: Sequence[Path], *,
                 lock: threading.RLock, bodies: RenderStore, static: dict[str, bytes],
                 last_good: dict[str, bytes], attachments: set[str],
                 sources: dict[str, str] | None = None,
                 extra: dict[str, Extra] | None = None,
                 on_failure: Callable[[str, bool], None] | None = None,
                 memo: NoteMemo | None = None,
                 on_request: Callable[[], None] | None = None) -> None:
        self.vault = vault
        self.env, self.dirs, self.lock = env, list(dirs), lock
        self.site = pages.SiteData.of(vault, memo=memo)
        self.site.renders = bodies
        self.bodies = bodies
        self.static = static
        self.last_good = last_good          # path -> bytes of its last good render
        self.sources = sources if sources is not None else {}  # path -> note it shows
        self.attachments = attachments      # vault paths any page of this session used
        self.extra = dict(extra or {})      # other files, made on request (calendar.ics)
        self.on_failure = on_failure
        self.on_request = on_request        # told after each request, under ``lock``
        self.failure: str | None = None
        self._made: dict[str, bytes | None] = {}
        self._digests: dict[str, str | None] = {}
        self._all_bodies = False
        self._broken: set[str] | None = None

    # -- the mapping the server reads ---------------------------------------------------

    def get(self, rel: str, default: bytes | None = None) -> bytes | None:
        found = self._file(rel)
        return default if found is None else found

    def __contains__(self, rel: object) -> bool:
        return isinstance(rel, str) and self._file(rel) is not None

    def __getitem__(self, rel: str) -> bytes:
        found = self._file(rel)
        if found is None:
            raise KeyError(rel)
        return found

    def digest(self, rel: str) -> str | None:
        """The digest of the page at ``rel`` (rendering it if need be); None: no page."""
        with self.lock:
            if rel not in self._digests:
                self._digests[rel] = page_digest(self._file(rel))
            return self._digests[rel]

    @property
    def rendered(self) -> int:
        """How many pages this state has rendered so far."""
        return sum(1 for data in self._made.values() if data is not None)

    # -- making files -------------------------------------------------------------------

    def _file(self, rel: str) -> bytes | None:
        if rel in self.static:
            return self.static[rel]
        with self.lock:
            try:
                if rel in self._made:
                    return self._made[rel]
                with gcpolicy.bulk_work():
                    made = self._make(rel)
                # A missing attachment is not remembered: the page using it may come later,
                # or the file may appear on disk.
                if made is not None or not _is_attachment_path(rel):
                    self._made[rel] = made
                return made
            finally:
                if self.on_request is not None:
                    self.on_request()

    def _make(self, rel: str) -> bytes | None:
        if rel in self.extra:
            return self.extra[rel](self)
        if rel.endswith(".html"):
            return self._page(rel)
        return self._attachment(rel)

    def _page(self, rel: str) -> bytes | None:
        try:
            page = self._find(rel)
            if page is None:
                return self.last_good.get(rel) if self._note_broken(rel) else None
            data = render.render_pages(self.env, [page], self.dirs, self.vault.root)[rel]
        except BuildError as exc:
            kept = self.last_good.get(rel)
            if self.failure is None:
                self.failure = failure_text(exc)
                if self.on_failure is not None:
                    self.on_failure(self.failure, kept is not None)
            return kept or fallback.failure_page(self.failure)
        self.last_good[rel] = data
        source = _source_of(page)
        if source is not None:
            self.sources[rel] = source
        return data

    def _note_broken(self, rel: str) -> bool:
        """Whether the page at ``rel`` showed a note that is still there but no longer
        reads (it has an error and no page now)."""
        source = self.sources.get(rel)
        if source is None or rel not in self.last_good:
            return False
        if self._broken is None:
            self._broken = {d.path for d in self.vault.diagnostics
                            if d.severity is Severity.ERROR}
        return source in self._broken and os.path.isfile(os.path.join(self.vault.root, source))

    def missing_page(self, rel: str) -> bytes:
        """What a browser asking for ``rel``, which is not a page of this state, sees: in
        the site's layout, saying whether the page was here in this session (its note
        removed or renamed) or never was."""
        removed = rel in self.last_good
        with self.lock:
            styled = fallback.styled_missing(self.env, self.site, rel, removed,
                                             self.last_good.get(rel))
        if styled is not None:
            return styled
        return fallback.plain_missing(rel, removed, stylesheet=fallback.STYLESHEET in self.static)

    def _find(self, rel: str) -> pages.Page | None:
        """The page at ``rel``, its context built by the builder that makes it alone."""
        site = self.site
        site.share = rel.__eq__
        try:
            for builder in _builders_for(rel):
                if builder is notes_pages.tag_pages:
                    self._render_every_body()
                for page in builder(site):
                    if page.path == rel:
                        return page
            return None
        finally:
            site.share = None

    def _render_every_body(self) -> None:
        """Tag pages list the tags every page shows, recorded as bodies render: make every
        other page's context once (bodies come from the store when unchanged)."""
        if self._all_bodies:
            return
        site = self.site
        wanted, site.share = site.share, None
        for builder in _all_builders():
            if builder is not notes_pages.tag_pages:
                for _ in builder(site):
                    pass
        site.share = wanted
        self._all_bodies = True

    def _attachment(self, rel: str) -> bytes | None:
        """An attachment a page of this session embeds or links, as ``build`` publishes
        it; nothing else on disk.

        Asked for before any page using it has rendered (a restored tab, a bookmarked
        image), it is looked for in every page's body, as a full build would: a file the
        site would not publish is never served."""
        from jobnotes.obsidian.attachments import ATTACHMENTS_FOLDER, kind

        if not _is_attachment_path(rel):
            return None
        source = rel[len(ATTACHMENTS_FOLDER) + 1:]
        path = _inside(self.vault.root, source)
        if path is None or kind(source) is None or not os.path.isfile(path):
            return None
        used = self.site.links.graph.used
        self.attachments.update(used)
        if source not in self.attachments and not self._all_bodies:
            try:
                self._render_every_body()
            except BuildError:
                return None                 # the pages fail: they show why themselves
            self.attachments.update(used)
        if source not in self.attachments:
            return None
        try:
            with open(path, "rb") as handle:
                return handle.read()
        except OSError:
            return None


def _is_attachment_path(rel: str) -> bool:
    from jobnotes.obsidian.attachments import ATTACHMENTS_FOLDER

    return rel.startswith(ATTACHMENTS_FOLDER + "/")


def _inside(root: str | os.PathLike[str], rel: str) -> str | None:
    """The real path of ``rel`` under ``root``; None when it leads outside."""
    top = os.path.realpath(root)
    path = os.path.realpath(os.path.join(top, rel))
    return path if path.startswith(top + os.sep) else None


def _source_of(page: pages.Page) -> str | None:
    """The vault path of the note a page shows, if it shows one."""
    for key in ("app", "person", "note"):
        rel = getattr(page.context.get(key), "rel", None)
        if isinstance(rel, str):
            return rel
    return None


def _all_builders() -> list[Builder]:
    return [*pages.PAGE_BUILDERS, *pages._insight_builders(), *notes_pages.PAGE_BUILDERS]


def _builders_for(rel: str) -> Iterator[Builder]:
    """The builder that makes pages in ``rel``'s folder first, then every other one."""
    from jobnotes.obsidian.tags import TAGS_FOLDER
    from jobnotes.site import insights

    folders: dict[str, Builder] = {
        "applications": pages.application_pages,
        "people": insights.people_pages,
        "notes": notes_pages.note_pages,
        TAGS_FOLDER: notes_pages.tag_pages,
    }
    first = folders.get(rel.split("/", 1)[0]) if "/" in rel else None
    if first is not None:
        yield first
    # Tag pages need every body rendered first: only asked for a path in their folder.
    yield from (builder for builder in _all_builders()
                if builder is not first and builder is not notes_pages.tag_pages)


def failure_text(exc: BuildError) -> str:
    """The message of a failed build or page, each finding once (the message often
    quotes its finding already: "The site could not be built: <finding>")."""
    head = str(exc)
    lines = [head, *(text for d in exc.diagnostics if (text := d.as_text()) not in head)]
    return "\n".join(dict.fromkeys(lines))

