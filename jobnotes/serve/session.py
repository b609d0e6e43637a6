"""`jobnotes serve`: build in memory, serve, watch, rebuild what changed, reload the browser.

Nothing is written to disk: each rebuild re-reads the notes that changed and publishes a
new state of the site whose pages render when a browser asks for them
(``jobnotes.serve.ondemand``), so a save shows at once on any size of vault, Ctrl+C leaves
nothing behind and the user's ``_site/`` is never touched. The loaded state is kept out of
Python's full collections while serve runs (``jobnotes.serve.idlegc``).

What goes wrong mid-edit keeps what was last good: a broken template keeps the last good
pages, a broken ``jobnotes.toml`` the last good settings (``keptsettings``), a note whose
front matter no longer reads its last good page (``ondemand``); each says so in the
terminal and the overlay. A vault folder that goes away (a restore from a backup, a sync
tool) is waited for, and watched again once it is back: a watcher dies with its folder.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import jinja2

from jobnotes import gcpolicy
from jobnotes.analysis.notememo import NoteMemo
from jobnotes.diagnostics import Diagnostic, Severity
from jobnotes.errors import BuildError
from jobnotes.load import NoteCache, load_vault
from jobnotes.model import Vault
from jobnotes.serve.debounce import Coalescer
from jobnotes.serve.filter import Change, ChangeKind, EventFilter
from jobnotes.serve.hosts import network_notes
from jobnotes.serve.idlegc import IDLE_SECONDS, IdleCollector
from jobnotes.serve.keptsettings import KeptSettings
from jobnotes.serve.ondemand import OnDemandSite, failure_text
from jobnotes.serve.server import BuildState, LiveServer, LiveSite, bind_server, serve_in_thread
from jobnotes.serve.watch import Watcher, stamps
from jobnotes.settings import SETTINGS_FILE
from jobnotes.site import render
from jobnotes.site.bodies import RenderStore

Echo = Callable[[str], None]
CALENDAR = "calendar.ics"   # served at /calendar.ics for calendar subscriptions
DASHBOARD = "index.html"
GONE_TITLE = "The vault folder is gone"


class ServeSession:
    """Owns the in-memory site and keeps it in step with the vault."""

    def __init__(self, root: Path, *, today: date | None = None, echo: Echo = print,
                 quiet: float = 0.03, idle: float = IDLE_SECONDS) -> None:
        self.root = root.resolve()
        self.fixed_today = today
        self.echo = echo
        self.site = LiveSite()
        self.cache = NoteCache(keep_last_good=True, persistent=True)
        self._settings = KeptSettings()
        self.settings, self.settings_findings = self._settings.load(self.root)
        self.template_dirs = self._template_dirs()
        self.filter = self._make_filter()
        self.coalescer: Coalescer[Change] = Coalescer(
            self.rebuild, quiet=quiet, on_error=self._build_crashed)
        self.last_build_seconds = 0.0
        # Held while the vault is read and while a page renders: one at a time.
        self._lock = threading.RLock()
        # Collects after ``idle`` quiet seconds, once started (``run`` starts it).
        self.collector = IdleCollector(self._lock, delay=idle)
        # Kept between rebuilds: the last state (its note bodies are reused while everything
        # they show is unchanged), the template environment and static files (made again
        # when a template changes), each page's last good version, the attachments used.
        self._environment: tuple[list[Path], jinja2.Environment] | None = None
        self._static: dict[str, bytes] = {}
        self._static_digest: str | None = None
        self._pages: OnDemandSite | None = None
        self._last_good: dict[str, bytes] = {}
        self._sources: dict[str, str] = {}      # page -> the note it shows, of pages shown
        self._built = False                     # whether any build has succeeded
        # The vault folder being watched ((device, inode); None: gone) and its watcher.
        self.watcher: Watcher | None = None
        self._poll = False
        self._root_id = _identity(self.root)
        self._seen = self._root_id              # the last folder seen there
        self._gone = False
        # The date of the vault last read, and the last date a rebuild was asked for.
        self._day: date | None = None
        self._day_asked: date | None = None
        self._attachments: set[str] = set()
        self._calendar_kept: tuple[object, bytes] | None = None
        # The aggregates of the last rebuild, updated by the notes that changed.
        self.memo = NoteMemo()

    def _template_dirs(self) -> list[Path]:
        """The vault's override folder (even before it exists) and the shipped templates."""
        return [self.root / self.settings.folders.site_templates, render.shipped_templates()]

    def _make_filter(self) -> EventFilter:
        output = self.root / self.settings.folders.output
        return EventFilter(self.root, self.settings, self.template_dirs, [output])

    @property
    def today(self) -> date:
        return self.fixed_today or date.today()

    # -- building ----------------------------------------------------------------

    def rebuild(self, changes: list[Change] | None = None) -> BuildState:
        """Re-read what changed and publish the new state of the site. Pages are made when
        a browser asks for them (``OnDemandSite``). Never raises for what the vault holds."""
        with self._lock, gcpolicy.bulk_work():
            try:
                return self._rebuild(changes or [])
            finally:
                self.collector.rebuilt()

    def _rebuild(self, changes: list[Change]) -> BuildState:
        if not self.root.is_dir():
            return self._vault_gone()
        if self._gone:
            self._gone = False
            self.echo(f"The vault folder {self.root} is back; building it again.")
        started = time.perf_counter()
        kinds = {change.kind for change in changes}
        if ChangeKind.SETTINGS in kinds:
            self.settings, self.settings_findings = self._settings.load(self.root)
            self.template_dirs = self._template_dirs()
            self.filter = self._make_filter()
        if kinds & {ChangeKind.SETTINGS, ChangeKind.TEMPLATE}:
            self._environment = None
        dirty = {self._rel(change.path) for change in changes
                 if change.kind is ChangeKind.NOTE}
        vault = load_vault(self.root, today=self.today, settings=self.settings,
                           settings_diagnostics=self.settings_findings,
                           cache=self.cache, dirty=dirty)
        self._day = vault.today
        findings = vault.diagnostics          # sorted by load_vault
        previous = self.site.state
        dirs = render.template_dirs(vault)
        fresh = self._environment is None or self._environment[0] != dirs
        env = self._jinja(dirs)
        try:
            if fresh:
                _compile_templates(env, dirs, vault.root)
                self._static = render.static_files(dirs)
                self._static_digest = _digest(self._static)
        except BuildError as exc:
            self._environment = None
            state = BuildState(files=previous.files, findings=_as_dicts(
                [*exc.diagnostics, *findings]), failure=failure_text(exc), changed=[],
                built=self._built, static=previous.static)
            self.site.publish(state)
            self.last_build_seconds = time.perf_counter() - started
            self._report(state, exc.diagnostics + findings)
            return state
        bodies = RenderStore(self._pages.bodies.known() if self._pages else None)
        site = OnDemandSite(vault, env, dirs, lock=self._lock, bodies=bodies,
                            static=self._static, last_good=self._last_good,
                            sources=self._sources,
                            attachments=self._attachments, on_failure=self._page_failed,
                            memo=self.memo, on_request=self.collector.touched)
        site.extra[CALENDAR] = self._calendar
        self._pages = site
        state = BuildState(files=site, findings=_as_dicts(findings), changed=None,
                           static=self._static_digest)
        self._built = True
        self.site.publish(state)
        self.collector.retire(previous)
        self.last_build_seconds = time.perf_counter() - started
        self._report(state, findings)
        return state

    def _calendar(self, site: OnDemandSite) -> bytes:
        """The calendar feed; made again only when its reminders, day or name changed
        (``export_ics`` is made of exactly these)."""
        vault = site.vault
        key = (tuple(site.site.analysis.reminders), vault.today, vault.settings.title)
        if self._calendar_kept is None or self._calendar_kept[0] != key:
            self._calendar_kept = (key, _calendar(vault))
        return self._calendar_kept[1]

    def setup_stamps(self) -> dict[str, tuple[int, int]]:
        """The state of the settings file and of the vault's own templates (see
        ``catch_up``)."""
        return stamps([self.root / SETTINGS_FILE, *self.template_dirs[:1]])

    def catch_up(self, before: dict[str, tuple[int, int]]) -> None:
        """Rebuild for what changed while the first load ran, before the watcher was
        watching: notes that came, went or changed since they were read, and the settings
        or templates if they differ from ``before`` (``setup_stamps`` taken before it)."""
        after = self.setup_stamps()
        changes = [change for path in sorted(before.keys() | after.keys())
                   if before.get(path) != after.get(path)
                   and (change := self.filter.classify(path)) is not None]
        if changes or self.cache.changed_on_disk():
            self.rebuild(changes)

    def warm_up(self) -> None:
        """Render the dashboard before a browser asks for it. It is the page a browser
        opens first, and rendering it computes the figures most other pages share: seconds
        on a large vault. A browser asking meanwhile waits for this render, not for a
        second one. What goes wrong is what the browser's request would meet and report."""
        site = self._pages
        if site is None:
            return
        try:
            site.get(DASHBOARD)
        except Exception:  # noqa: BLE001 - the request for the page meets it again
            return

    def close(self) -> None:
        """Stop watching and rebuilding and give every object back to Python's collector."""
        if self.watcher is not None:
            self.watcher.stop()
        self.coalescer.stop()
        self.collector.stop()

    def _page_failed(self, failure: str, kept: bool) -> None:
        self.echo("A page could not be built; " + (
            "still serving its last good version." if kept
            else "it shows what went wrong until it builds."))
        self.echo(failure)

    def _jinja(self, dirs: list[Path]) -> jinja2.Environment:
        """The template environment of the last build, while the template folders are the
        same and no template changed (Jinja's own reload check looks at times only)."""
        if self._environment is None or self._environment[0] != dirs:
            self._environment = (dirs, render.make_environment(dirs, compiled=_compiled()))
        return self._environment[1]

    def _rel(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def _report(self, state: BuildState, findings: list[Diagnostic]) -> None:
        ms = self.last_build_seconds * 1000
        if state.failure:
            self.echo(f"Build failed after {ms:.0f} ms; still serving the last good pages."
                      if state.built else
                      "No site could be built yet: fix this and save, the site then builds "
                      "by itself.")
            self.echo(state.failure)
            return
        errors = [d for d in findings if d.severity is Severity.ERROR]
        summary = f"Built in {ms:.0f} ms"
        if errors:
            summary += f"; {_plural(len(errors), 'error')} in your vault:"
        self.echo(summary)
        for finding in errors:
            self.echo("  " + finding.as_text().replace("\n", "\n  "))

    def _build_crashed(self, exc: BaseException) -> None:
        kept = ("still serving the last good pages" if self._built
                else "no site could be built yet")
        self.echo(f"Build failed unexpectedly ({type(exc).__name__}: {exc}); "
                  f"{kept}. Save again to retry.")
        previous = self.site.state
        self.site.publish(BuildState(files=previous.files, findings=previous.findings,
                                     failure=f"{type(exc).__name__}: {exc}", changed=[],
                                     built=self._built, static=previous.static))

    # -- watching ----------------------------------------------------------------

    def on_paths(self, paths: list[str]) -> None:
        if str(self.root) in map(os.path.normpath, paths):
            # The vault folder itself went (its watcher stops with it): whatever is there
            # at the next check is a folder to watch anew.
            self._root_id = None
        changes = [change for path in paths if (change := self.filter.classify(path))]
        if changes:
            self.coalescer.add(changes)

    def watch(self, poll: bool = False) -> None:
        """Start watching the vault and the templates (``poll``: by polling)."""
        self._poll = poll
        self.watcher = Watcher(self.root, self.template_dirs, self.on_paths, poll=poll)
        self.watcher.start()

    def check_root(self) -> None:
        """Notice the vault folder going away and coming back (a new folder: a restore, a
        sync tool). A watcher stops with the folder it watched, so a folder that is back is
        watched anew and read again in full. Cheap: one ``stat`` when nothing changed."""
        now = _identity(self.root)
        if now == self._root_id:
            return
        self._root_id = now
        if now is None:
            with self._lock:
                self._vault_gone()
            return
        if now != self._seen and not self._gone:
            self.echo(f"The vault folder {self.root} was replaced; reading it again.")
        self._seen = now
        if self.watcher is not None:
            self.watcher.stop()
        with self._lock:
            self.cache = NoteCache(keep_last_good=True, persistent=True)
            self.memo = NoteMemo()
            self._environment = None
        self.watch(self._poll)
        self.coalescer.add([Change(ChangeKind.SETTINGS, self.root / SETTINGS_FILE)])

    def check_day(self) -> None:
        """Build again when the date changes while serve runs (past midnight, or after
        the computer slept): the agenda, what is due and the week's goals are about today,
        and an open page reloads with them. Cheap when the date is the same. Never with
        ``--today``."""
        if self.fixed_today is not None or self._day is None:
            return
        today = self.today
        if today != self._day and today != self._day_asked:
            self._day_asked = today
            self.echo(f"A new day ({today.isoformat()}): building again.")
            self.coalescer.add([Change(ChangeKind.DAY, self.root)])

    def check(self) -> None:
        """What serve looks at twice a second, besides the file events."""
        self.check_root()
        self.check_day()

    def _vault_gone(self) -> BuildState:
        """Keep the last pages and say, once, that the vault folder is gone."""
        previous = self.site.state
        self._root_id = None        # a folder there at the next check is one to watch anew
        if self._gone:
            return previous
        self._gone = True
        text = f"The vault folder {self.root} is gone; waiting for it to come back."
        self.echo(text)
        state = BuildState(files=previous.files, findings=previous.findings, failure=text,
                           changed=[], built=previous.built, title=GONE_TITLE,
                           advice="This page updates by itself once the folder is back.",
                           static=previous.static)
        self.site.publish(state)
        return state


def _calendar(vault: Vault) -> bytes:
    """The reminders as an ICS feed a calendar app can subscribe to."""
    from jobnotes.interop.export_ics import export_ics

    return export_ics(vault)


def _identity(folder: Path) -> tuple[int, int] | None:
    """(device, inode) of ``folder``; None when it is not there (or not a folder)."""
    try:
        info = os.stat(folder)
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if os.path.isdir(folder) else None


def _digest(files: dict[str, bytes]) -> str:
    """One digest of the static files: names and contents."""
    total = hashlib.sha1(usedforsecurity=False)
    for name in sorted(files):
        total.update(name.encode() + b"\0" + hashlib.sha1(files[name],
                                                          usedforsecurity=False).digest())
    return total.hexdigest()[:16]


def _as_dicts(findings: list[Diagnostic]) -> list[dict[str, object]]:
    return [d.as_dict() for d in findings]


def _compiled() -> Path | None:
    """The folder of compiled templates builds share (None with the cache off)."""
    from jobnotes import cache

    return cache.compiled_templates() if cache.enabled(None) else None


def _compile_templates(env: jinja2.Environment, dirs: list[Path], vault_root: Path) -> None:
    """Compile every page template, so a syntax error shows at once, whatever page is
    open. Raises BuildError naming the template file and line."""
    for name in env.list_templates(extensions=["html"]):
        if name.startswith(render.STATIC_DIR + "/"):
            continue
        try:
            env.get_template(name)
        except Exception as exc:   # any template failure becomes a finding
            finding = render.template_diagnostic(exc, name, dirs, vault_root)
            raise BuildError(f"The site could not be built: {finding.as_text()}",
                             [finding]) from exc


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def run(root: Path, *, host: str = "127.0.0.1", port: int = 8000, explicit_port: bool = False,
        today: date | None = None, poll: bool = False, open_browser: bool = False,
        echo: Echo = print, ready: threading.Event | None = None,
        stop: threading.Event | None = None) -> None:
    """Serve until Ctrl+C (or until ``stop`` is set). Leaves nothing behind."""
    session = ServeSession(root, today=today, echo=echo)
    server, note = bind_server(session.site, host, port, explicit_port=explicit_port)
    try:
        # The first load runs before any other thread (a watcher starts one as soon as it
        # is made), so that it can read the notes in two processes; what changes meanwhile
        # is caught up with once the watcher is watching.
        before = session.setup_stamps()
        session.rebuild()
        session.collector.start()
        serve_in_thread(server)
        session.coalescer.start()
        session.watch(poll)
        session.catch_up(before)
        if note:
            echo(note)
        echo(f"Serving {session.root} at {server.url}  (Ctrl+C to stop)")
        for line in network_notes(host, server.port):
            echo(line)
        threading.Thread(target=session.warm_up, name="jobnotes-warm-up", daemon=True).start()
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        if ready is not None:
            ready.set()
        _wait(stop, session.check)
    except KeyboardInterrupt:
        pass
    finally:
        session.close()
        _close(server)
        echo("Stopped.")


def _wait(stop: threading.Event | None, every: Callable[[], None]) -> None:
    """Until ``stop`` is set (or Ctrl+C): ``every`` each half second."""
    event = stop or threading.Event()
    while not event.wait(0.5):
        every()


def _close(server: LiveServer) -> None:
    server.shutdown()
    server.server_close()
