"""Loading a vault again after an edit, reading and checking again only what changed.

``jobnotes serve`` keeps one ``NoteCache`` and loads the vault after every save. The
cache keeps each note as read (the same object while its file is unchanged: code after
the load may remember things per note object), the listing of the vault's files (walked
again only when a folder shows that a file came or went, see ``vault.Listing``) and the
findings of the checks across notes, note by note, so that an edit costs about the work
of the notes it touched. The result is always the ``Vault`` a load without a cache gives.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from jobnotes.cache import Stamp, stamp_of
from jobnotes.checkday import CheckedOn
from jobnotes.crosscheck import CrossChecks, cross_check
from jobnotes.diagnostics import (
    Diagnostic,
    Severity,
    error,
    info,
    merge_sorted,
    path_span,
    sort_diagnostics,
)
from jobnotes.jd.extract import SkillHints, unlisted_skill_diagnostics
from jobnotes.model import Application, Person, Vault
from jobnotes.obsidian.findings import LinkFindings
from jobnotes.obsidian.graph import LinkGraph, build_graph
from jobnotes.settings import Settings
from jobnotes.vault import Listing, Seen, list_vault

Note = Application | Person
Loaded = tuple["Note | None", list[Diagnostic]]

# Above this many notes with changed findings, the sorted findings are put together anew.
_SPLICE_AT_MOST = 32


class NoteCache:
    """Notes already read, so a rebuild re-reads only what changed on disk.

    An entry is reused only while the file's size and modification time are
    unchanged and the settings are those it was checked with, and on the day it was
    checked or a later one its check holds for (``jobnotes.checkday``: a note without
    findings); paths reported as changed by the watcher are always read again. A note reused is
    the very object returned before, which nothing may change.

    With ``keep_last_good`` (``serve``), a note that read without errors before but now
    has errors or does not read (an edit half made: a date or value mid-typed, front
    matter not yet closed) stays in the vault as it last read, with its new findings
    and one saying so, so it does not drop out of (or blank a date in) the dashboard and
    the figures at every save until the edit is done. A note with no good version since
    the cache started (or since the settings or date changed) is taken as it reads, as
    by a load without a cache.
    """

    def __init__(self, *, keep_last_good: bool = False, persistent: bool = False) -> None:
        self.keep_last_good = keep_last_good
        # Whether a first load takes notes from the persistent cache (``jobnotes.cache``),
        # as earlier builds, checks and serve sessions kept them, and keeps what it reads.
        self.persistent = persistent
        self._entries: dict[str, tuple[Stamp, Loaded]] = {}
        # Of each entry read: the day it was checked, and from which day the check holds.
        self._days: dict[str, CheckedOn] = {}
        self._today: date | None = None
        # The stamps of the notes a load was told had changed, as they were before it:
        # how a note renamed while broken is known by its file.
        self._discarded: dict[str, Stamp] = {}
        self._context: tuple[object, ...] | None = None
        self._last: _Last | None = None

    def use_context(self, settings: Settings, today: date, root: Path | None = None) -> None:
        """Forget everything when the settings or the vault change; when the date does,
        the notes whose check may differ on the new day (the rest, and what was found
        across notes, stay: a note read again counts as a note changed)."""
        context = (repr(settings), None if root is None else os.path.abspath(root))
        if context != self._context:
            self._entries.clear()
            self._days.clear()
            self._last = None
            self._context = context
        elif today != self._today:
            from jobnotes.checkday import holds_on

            days = self._days
            for rel in [rel for rel in self._entries
                        if rel not in days or not holds_on(today, *days[rel])]:
                del self._entries[rel]
        self._today = today

    def changed_on_disk(self) -> bool:
        """Whether a load now would read something again: a note file came, went, or
        changed its size or time since the last load (True when there was none)."""
        last = self._last
        if last is None or not last.listing.still_current():
            return True
        for rel, full in zip(last.listing.rels, last.notes.fulls, strict=True):
            entry = self._entries.get(rel)
            if (entry[0] if entry is not None else None) != _stamp(full):
                return True
        return False

    def forget_missing(self, present: set[str]) -> None:
        for rel in set(self._entries) - present:
            del self._entries[rel]
            self._days.pop(rel, None)

    def discard(self, rel: str) -> None:
        entry = self._entries.pop(rel, None)
        if entry is not None:
            self._discarded[rel] = entry[0]


@dataclass(slots=True)
class _Notes:
    """The notes of one load, by path and in path order."""

    fulls: list[str]                        # the listing's notes as file system paths
    position: dict[str, int]                # note path -> index in the listing
    loaded: dict[str, Loaded]               # note path -> what reading it gave
    notes: list[Note | None]                # in listing order; None: did not load
    kinds: _Kinds
    slugs: dict[str, str]


@dataclass(slots=True)
class _Last:
    """What the previous load found, to start the next one from."""

    listing: Listing
    notes: _Notes
    graph: LinkGraph
    cross: CrossChecks
    links: LinkFindings
    hints: SkillHints
    bundles: dict[str, list[Diagnostic]] = field(default_factory=dict)   # sorted, per note
    ordered: list[Diagnostic] = field(default_factory=list)   # every bundle, in path order
    strays: set[str] = field(default_factory=set)   # notes with a finding about another file


def load_with_cache(root: Path, settings: Settings, today: date, extras: list[Diagnostic],
                    cache: NoteCache, dirty: Iterable[str],
                    progress: Callable[[int, int], None] | None) -> Vault:
    """``load_vault`` with a ``NoteCache`` (see the module's docstring)."""
    cache.use_context(settings, today, root)
    last, cache._last = cache._last, None    # kept again once this load is through
    extras = list(extras)
    dirty = set(dirty)
    listing = _listing(root, settings, last, dirty, extras)
    extras += listing.problems
    same = last if last is not None and listing is last.listing else None
    cache._discarded = {}
    for rel in dirty:
        cache.discard(rel)
    notes, news = _take_in(root, settings, today, cache, listing, last, same, progress)
    kinds = notes.kinds
    vault = Vault(root=root, settings=settings, today=today, files_checked=len(notes.notes),
                  applications=list(kinds.applications), people=list(kinds.people),
                  skipped=list(kinds.skipped))
    if same is not None:
        vault.link_graph = same.graph.successor(news, vault.skipped)
        by_rel: _NotesAt | dict[str, Note] = _NotesAt(notes.notes, notes.position)
    else:
        vault.link_graph = build_graph(
            root, [*vault.applications, *vault.people], listing.others, vault.skipped,
            earlier=last.graph if last is not None else None)
        by_rel = {note.rel: note for note in notes.notes if note is not None}
    if last is None:
        now = _Last(listing, notes, vault.link_graph, CrossChecks(settings), LinkFindings(),
                    SkillHints(settings, kept_in=_kept_in(root, cache)))
    else:
        now = _Last(listing, notes, vault.link_graph, last.cross, last.links, last.hints,
                    last.bundles, last.ordered, last.strays)
    touched = set(news)
    touched |= now.cross.update(news)
    touched |= now.links.update(vault.link_graph, by_rel, news)
    touched |= now.hints.update(vault.applications, news)
    now.ordered = _bundle(touched, now)
    cache._last = now
    if now.strays:
        vault.diagnostics = _fully_sorted(vault, extras, notes.loaded, listing.rels)
    else:
        vault.diagnostics = merge_sorted(extras, now.ordered)
    return vault


def _kept_in(root: Path, cache: NoteCache) -> Path | None:
    """The vault's folder in the persistent cache, when ``cache`` uses it."""
    from jobnotes.cache import enabled, vault_folder

    return vault_folder(root) if cache.persistent and enabled(None) else None


def _take_in(root: Path, settings: Settings, today: date, cache: NoteCache, listing: Listing,
             last: _Last | None, same: _Last | None,
             progress: Callable[[int, int], None] | None,
             ) -> tuple[_Notes, dict[str, Note | None]]:
    """The notes of ``listing`` (``same``: the last load, when its listing is this one),
    and the notes that changed since ``last``: path -> note now (None: gone, or it no
    longer loads)."""
    if same is not None:
        fulls, position = same.notes.fulls, same.notes.position
    else:
        base = str(root)
        fulls = [os.path.join(base, rel) for rel in listing.rels]
        position = {rel: number for number, rel in enumerate(listing.rels)}
    before = last.notes.loaded if last is not None else {}
    fresh: set[int] = set()
    changed = _read(root, settings, today, cache, listing.rels, fulls, before, fresh, progress)
    if same is not None:
        loaded = dict(before)
        loaded.update(changed)
        notes = list(same.notes.notes)
        for rel, (note, _) in changed.items():
            notes[position[rel]] = note
        gone: list[str] = []
    else:
        loaded = {rel: changed.get(rel) or before[rel] for rel in listing.rels}
        notes = [loaded[rel][0] for rel in listing.rels]
        cache.forget_missing(set(loaded))
        gone = [rel for rel in before if rel not in position]
    slugs = _slugs(last, changed, gone, listing.rels, notes)
    _set_slugs(slugs, changed, notes, position, loaded, cache._entries, fresh,
               every=last is None or slugs is not last.notes.slugs)
    kinds = _Kinds.of(listing.rels, notes, same.notes.kinds if same is not None else None,
                      changed)
    news: dict[str, Note | None] = {rel: got[0] for rel, got in changed.items()}
    news.update(dict.fromkeys(gone))
    return _Notes(fulls, position, loaded, notes, kinds, slugs), news


def _read(root: Path, settings: Settings, today: date, cache: NoteCache, rels: list[str],
          fulls: list[str], before: dict[str, Loaded], fresh: set[int],
          progress: Callable[[int, int], None] | None) -> dict[str, Loaded]:
    """Every note whose file changed (by size and time, or by being left out of the
    cache) read again; what each of them gave, where it differs from ``before``.
    The ids of the notes read go to ``fresh``."""
    from jobnotes.checkday import CheckDay, holds_from
    from jobnotes.load import _read_one, first_read

    entries, days = cache._entries, cache._days
    # A first load takes notes from the persistent cache and reads the others, in two
    # processes when many; each is taken below only if its file still has the size and
    # time it had when read.
    early = first_read(root, rels, settings, today, cache.persistent) if not entries else {}
    changed: dict[str, Loaded] = {}
    get, was = entries.get, before.get
    listed: set[str] | None = None        # every note path now, once a rename is looked for
    total = len(rels)
    for start in range(0, total, 250):
        for rel, full in zip(rels[start:start + 250], fulls[start:start + 250], strict=True):
            stamp = _stamp(full)
            entry = get(rel)
            if entry is not None and entry[0] == stamp:
                loaded = entry[1]
            else:
                read = early.pop(rel, None)
                if read is not None and stamp is not None and read[0] == stamp:
                    loaded, checked = read[1], read[2]
                else:
                    day = CheckDay(today)
                    loaded = _read_one(root, root / rel, rel, settings, day)
                    checked = (today, holds_from(loaded[1], day))
                kept = None
                if cache.keep_last_good:
                    earlier = was(rel)
                    if earlier is None and stamp is not None and before:
                        listed = listed if listed is not None else set(rels)
                        earlier = _renamed_from(rel, stamp[3], cache, before, listed)
                    kept = _last_good(rel, loaded, earlier)
                if kept is not None:
                    loaded, checked = kept, (today, None)   # an object read before
                else:
                    fresh.add(id(loaded[0]))
                if stamp is not None:
                    entries[rel] = (stamp, loaded)
                    days[rel] = checked
                else:
                    entries.pop(rel, None)
            if was(rel) is not loaded:
                changed[rel] = loaded
        if progress is not None:
            progress(min(start + 250, total), total)
    return changed


KEPT_RULE = "kept-last-good"


def _last_good(rel: str, loaded: Loaded, before: Loaded | None) -> Loaded | None:
    """With ``keep_last_good``: a note that now reads with errors (or not at all) as it
    last read without them, with the findings of the file as it is now; None when it
    reads without errors or has no good version to fall back on. ``before`` may be what
    the note read as under another name (it was renamed while broken)."""
    findings = loaded[1]
    if not any(d.severity is Severity.ERROR for d in findings):
        return None
    if before is None or before[0] is None:
        return None
    was_kept = [d for d in before[1] if d.rule == KEPT_RULE]
    if not was_kept and any(d.severity is Severity.ERROR for d in before[1]):
        return None                 # it had errors already: no good version to show
    note = before[0]
    if note.rel != rel:
        was_kept = []
        stem = PurePosixPath(rel).stem
        note = dataclasses.replace(note, rel=rel, slug="", **(
            {"name": stem} if isinstance(note, Person) else {"stem": stem}))
    kept = was_kept or [info(
        rel, 1, 1, KEPT_RULE,
        "until the errors in this note are fixed, the site shows it as it last read "
        "without them")]
    return note, [*findings, *kept]


def _renamed_from(rel: str, inode: int, cache: NoteCache, before: dict[str, Loaded],
                  listed: set[str]) -> Loaded | None:
    """What the file now at ``rel`` read as under the name it had before, when it is a
    note that was renamed (the same file: the same inode, its old name gone)."""
    stamps = [*((old, entry[0]) for old, entry in cache._entries.items()),
              *cache._discarded.items()]
    for old, stamp in stamps:
        if stamp[3] == inode and old != rel and old not in listed and old in before:
            return before[old]
    return None


def _stamp(full: str) -> Stamp | None:
    """The file's size, times and inode (None: it cannot be looked at)."""
    try:
        return stamp_of(os.stat(full))
    except OSError:
        return None


@dataclass(slots=True)
class _Kinds:
    """The loaded notes sorted out: applications, people, and the paths that did not load."""

    applications: list[Application]
    people: list[Person]
    skipped: list[str]
    where: dict[str, tuple[int, int]]     # path -> (kind, index in the list of its kind)

    @classmethod
    def of(cls, rels: list[str], notes: list[Note | None], last: _Kinds | None,
           changed: dict[str, Loaded]) -> _Kinds:
        """From ``last`` when the same files are there and no changed note changed kind."""
        if last is not None and all(_kind(note) == last.where[rel][0]
                                    for rel, (note, _) in changed.items()):
            kinds = cls(list(last.applications), list(last.people), last.skipped, last.where)
            for rel, (note, _) in changed.items():
                kind, number = last.where[rel]
                if kind == 0:
                    kinds.applications[number] = note
                elif kind == 1:
                    kinds.people[number] = note
            return kinds
        kinds = cls([], [], [], {})
        for rel, note in zip(rels, notes, strict=True):
            kind = _kind(note)
            listed: list = (kinds.applications, kinds.people, kinds.skipped)[kind]
            kinds.where[rel] = (kind, len(listed))
            listed.append(rel if note is None else note)
        return kinds


def _kind(note: Note | None) -> int:
    return 0 if isinstance(note, Application) else 1 if isinstance(note, Person) else 2


class _NotesAt:
    """The loaded notes by path, looked up in the listing (a dict of them costs a pass)."""

    def __init__(self, notes: list[Note | None], position: dict[str, int]) -> None:
        self._notes, self._position = notes, position

    def get(self, rel: str) -> Note | None:
        number = self._position.get(rel)
        return self._notes[number] if number is not None else None

    def __iter__(self):
        return (note.rel for note in self._notes if note is not None)


def _listing(root: Path, settings: Settings, last: _Last | None, dirty: set[str],
             extras: list[Diagnostic]) -> Listing:
    """The last listing while it holds: every changed path a note it lists that is still
    there, and no folder changed since. Else the vault walked again."""
    if last is not None and all(rel in last.notes.position
                                and os.path.isfile(os.path.join(root, rel))
                                for rel in dirty) and last.listing.still_current():
        return last.listing
    try:
        return list_vault(root, settings)
    except OSError as exc:
        extras.append(error(".", 0, 0, "read-error",
                            f"the vault folder could not be read ({exc.strerror or exc})"))
        never = Seen()
        never.uncertain = True     # a listing that is never taken as still holding
        return Listing([], [], never)


def _slugs(last: _Last | None, changed: dict[str, Loaded], gone: list[str], rels: list[str],
           notes: list[Note | None]) -> dict[str, str]:
    """Every loaded note's slug: the last ones while the same notes load."""
    if last is not None:
        before = last.notes.loaded
        if not any(rel in before and before[rel][0] is not None for rel in gone) and all(
                (loaded[0] is None) == (rel not in before or before[rel][0] is None)
                for rel, loaded in changed.items()):
            return last.notes.slugs
    from jobnotes.load import unique_slugs

    return unique_slugs(rel for rel, note in zip(rels, notes, strict=True)   # rels are sorted
                        if note is not None)


def _set_slugs(slugs: dict[str, str], changed: dict[str, Loaded], notes: list[Note | None],
               position: dict[str, int], loaded_now: dict[str, Loaded],
               entries: dict[str, tuple[Stamp, Loaded]], fresh: set[int], *,
               every: bool) -> None:
    """Give each note its slug: a note read just now is given it, one returned by an
    earlier load is replaced by a copy (and counts as changed)."""
    rels = list(slugs) if every else [rel for rel in changed if rel in slugs]
    for rel in rels:
        number = position[rel]
        note = notes[number]
        slug = slugs[rel]
        if note is None or note.slug == slug:
            continue
        if id(note) in fresh:
            note.slug = slug
            continue
        note = dataclasses.replace(note, slug=slug)
        loaded = (note, loaded_now[rel][1])
        notes[number] = note
        loaded_now[rel] = changed[rel] = loaded
        if rel in entries:
            entries[rel] = (entries[rel][0], loaded)


def _bundle(touched: set[str], now: _Last) -> list[Diagnostic]:
    """Each touched note's findings sorted, and every note's findings in sorted order.

    Sorting is stable and the path comes first, so sorting all findings equals sorting
    each note's own (in the order a full load lists them) and putting them in path order.
    """
    bundles, loaded = now.bundles, now.notes.loaded
    had_strays = bool(now.strays)     # then the last order is not in path order
    spliced = set()
    for rel in touched:
        found = [*(loaded[rel][1] if rel in loaded else ()), *now.cross.by_rel.get(rel, ()),
                 *now.links.by_rel.get(rel, ()), *now.hints.by_rel.get(rel, ())]
        if any(d.path != rel for d in found):
            now.strays.add(rel)
        else:
            now.strays.discard(rel)
        bundle = sort_diagnostics(found)
        if bundle != bundles.get(rel, []):
            spliced.add(rel)
        if bundle:
            bundles[rel] = bundle
        else:
            bundles.pop(rel, None)
    if len(spliced) > _SPLICE_AT_MOST or had_strays or now.strays:
        return [d for rel in sorted(bundles) for d in bundles[rel]]
    ordered = list(now.ordered)
    for rel in spliced:
        lo, hi = path_span(ordered, rel)
        ordered[lo:hi] = bundles.get(rel, [])
    return ordered


def _fully_sorted(vault: Vault, extras: list[Diagnostic], loaded: dict[str, Loaded],
                  rels: list[str]) -> list[Diagnostic]:
    """Every finding the way a load without a cache puts them together (when a note has a
    finding about another file, its findings cannot simply be put in path order)."""
    found = [d for rel in rels for d in loaded[rel][1]]
    found += cross_check(vault.applications, vault.people, vault.settings, vault.link_graph)
    found += unlisted_skill_diagnostics(vault.applications, vault.settings)
    return sort_diagnostics([*extras, *found])
