"""Read and validate a whole vault into one ``Vault``: one bad note never stops the rest."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from jobnotes.cache import (
    NoteStore,
    Stamp,
    decode_loaded,
    digest,
    encode_loaded,
    stamp_of,
)
from jobnotes.checkday import CheckDay, CheckedOn, holds_from
from jobnotes.crosscheck import cross_check
from jobnotes.diagnostics import Diagnostic, error, sort_diagnostics
from jobnotes.forked import can_fork, in_two_processes
from jobnotes.frontmatter import parse_note
from jobnotes.model import Application, Person, Vault
from jobnotes.names import slug
from jobnotes.notecache import NoteCache, load_with_cache
from jobnotes.notefolders import folder_findings
from jobnotes.obsidian.graph import LinkGraph, build_graph
from jobnotes.schema import validate_application, validate_person
from jobnotes.settings import Settings, load_settings
from jobnotes.vault import decode_note, note_kind, note_rels, other_files


def slugify(stem: str) -> str:
    """A page name: "Jane Doe" -> "jane-doe", "Zoë's café" -> "zoe-s-cafe", "עדי כהן" ->
    "עדי-כהן" (see ``jobnotes.names``)."""
    return slug(stem)


def _stem(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    return name[:-3] if name.endswith(".md") else name


Loaded = tuple["Application | Person | None", list[Diagnostic]]


def _read_note(root: Path, path: Path, rel: str, settings: Settings, today: date,
               ) -> tuple[Application | Person | None, list[Diagnostic]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [_unreadable(rel, exc)]
    return _note_of(root, path, rel, data, settings, today)


def _unreadable(rel: str, exc: OSError) -> Diagnostic:
    reason = exc.strerror or str(exc)
    return error(rel, 0, 0, "read-error", f"the file could not be read ({reason})",
                 "check that the file exists and that you may read it")


def _note_of(root: Path, path: Path, rel: str, data: bytes, settings: Settings, today: date,
             ) -> tuple[Application | Person | None, list[Diagnostic]]:
    text, diagnostics = decode_note(rel, data)
    if text is None:
        return None, diagnostics
    parsed = parse_note(rel, text)
    diagnostics += parsed.diagnostics
    validate = (validate_application if note_kind(root, path, settings) == "application"
                else validate_person)
    note, found = validate(rel, _stem(rel), parsed, settings, today)
    return note, diagnostics + found


def _checked_note(root: Path, path: Path, rel: str, data: bytes, settings: Settings,
                  today: date) -> tuple[Loaded, date | None]:
    """A note read and checked, and the first day from which that check holds on every
    later day (None: on ``today`` only; see ``jobnotes.checkday``)."""
    day = CheckDay(today)
    loaded = _guarded(rel, lambda: _note_of(root, path, rel, data, settings, day))
    return loaded, holds_from(loaded[1], day)


def _assign_slugs(notes: list[Application | Person]) -> None:
    slugs = unique_slugs(sorted(note.rel for note in notes))
    for note in notes:
        note.slug = slugs[note.rel]


def unique_slugs(rels: Iterable[str]) -> dict[str, str]:
    """Each note's page name by path, unique across all notes, given in path order:
    "acme", then "acme-2", "acme-3"."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for rel in rels:
        base = _base_slug(rel)
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs[rel] = slug
    return slugs


@functools.lru_cache(maxsize=1 << 17)    # a vault's paths, asked again on every serve load
def _base_slug(rel: str) -> str:
    return slugify(_stem(rel))


def load_vault(root: Path, *, today: date, settings: Settings | None = None,
               settings_diagnostics: list[Diagnostic] | None = None,
               cache: NoteCache | None = None, dirty: set[str] | None = None,
               store: NoteStore | None = None,
               progress: Callable[[int, int], None] | None = None,
               skill_hints: bool = True) -> Vault:
    """Every note read, checked and typed; never raises because of what a note contains.

    Without ``settings``, ``jobnotes.toml`` is read here and its findings included.
    With a ``cache``, unchanged notes are reused; ``dirty`` names vault-relative
    paths that must be read again whatever their time stamps say. A ``store`` (the
    persistent cache, see ``jobnotes.cache``) is used when there is no ``cache``.
    ``progress(done, total)`` is told every few hundred notes. ``skill_hints=False``
    leaves out the info findings about skills a job description names that ``skills:``
    lacks, for a command that reports only errors: finding them reads every description.
    """
    started_ns = time.time_ns()
    root = Path(root)
    diagnostics = list(settings_diagnostics or [])
    if settings is None:
        settings, found = load_settings(root)
        diagnostics += found
    diagnostics += folder_findings(root, settings)
    if cache is not None:
        return load_with_cache(root, settings, today, diagnostics, cache, dirty or (), progress)
    vault = Vault(root=root, settings=settings, today=today)
    try:
        rels = note_rels(root, settings, problems=diagnostics)
    except OSError as exc:
        rels = []
        diagnostics.append(error(".", 0, 0, "read-error",
                                 f"the vault folder could not be read ({exc.strerror or exc})"))
    paths = [root / rel for rel in rels]
    ready = _read_in_parallel(root, paths, rels, settings, today, store, started_ns)
    for number, (path, rel) in enumerate(zip(paths, rels, strict=True), start=1):
        if progress is not None and (number % 250 == 0 or number == len(paths)):
            progress(number, len(paths))
        if rel in ready:
            note, found = ready.pop(rel)
        elif store is not None:
            note, found = _read_stored(root, path, rel, settings, today, store, started_ns)
        else:
            note, found = _read_one(root, path, rel, settings, today)
        diagnostics += found
        if isinstance(note, Application):
            vault.applications.append(note)
        elif isinstance(note, Person):
            vault.people.append(note)
        else:
            vault.skipped.append(rel)
    vault.files_checked = len(paths)
    _assign_slugs([*vault.applications, *vault.people])
    vault.link_graph = _link_graph(root, settings, vault)
    diagnostics += cross_check(vault.applications, vault.people, settings, vault.link_graph)
    if skill_hints:
        diagnostics += _skill_hints(vault.applications, settings, store)
    vault.diagnostics = sort_diagnostics(diagnostics)
    return vault


def _skill_hints(apps: list[Application], settings: Settings,
                 store: NoteStore | None = None) -> list[Diagnostic]:
    """Info findings for skills a job description names that ``skills:`` lacks; with a
    ``store``, what each description names is kept in its cache folder too."""
    from jobnotes.jd.extract import unlisted_skill_diagnostics

    kept_in = store.path.parent if store is not None else None
    return unlisted_skill_diagnostics(apps, settings, kept_in)


def _link_graph(root: Path, settings: Settings, vault: Vault) -> LinkGraph:
    """Every other file by name (nothing read), and the notes the site links to."""
    try:
        others = other_files(root, settings)
    except OSError:
        others = []
    return build_graph(root, [*vault.applications, *vault.people], others, vault.skipped)


def _read_stored(root: Path, path: Path, rel: str, settings: Settings, today: date,
                 store: NoteStore, now_ns: int) -> Loaded:
    """One note from the persistent cache when its file is unchanged, else read and kept."""
    try:
        stamp = stamp_of(os.stat(path))
    except OSError:
        return _read_one(root, path, rel, settings, today)
    known = store.by_stamp(rel, stamp)
    if known is not None:
        return known[1]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [_unreadable(rel, exc)]
    content = digest(data)
    loaded = store.by_content(rel, stamp, content, now_ns)
    if loaded is None:
        loaded, since = _checked_note(root, path, rel, data, settings, today)
        store.put(rel, stamp, content, now_ns, loaded, since=since)
    return loaded


# Notes read in two processes from this many notes to read on (see jobnotes.site.stream).
PARALLEL_FROM = 500


def _read_in_parallel(root: Path, paths: list[Path], rels: list[str], settings: Settings,
                      today: date, store: NoteStore | None, now_ns: int) -> dict[str, Loaded]:
    """The notes that must be parsed, half of them in a forked second process, when there
    are many and two cores; else nothing (the caller reads them one by one)."""
    if len(paths) < PARALLEL_FROM or not can_fork():
        return {}
    ready: dict[str, Loaded] = {}
    todo: list[tuple[Path, str]] = []
    for path, rel in zip(paths, rels, strict=True):
        try:
            known = store.by_stamp(rel, stamp_of(os.stat(path))) if store is not None else None
        except OSError:
            known = None
        if known is not None:
            ready[rel] = known[1]
        else:
            todo.append((path, rel))
    if len(todo) < PARALLEL_FROM:
        return ready
    for rel, stamp, content, encoded, since in _parse_in_two(root, todo, settings, today):
        loaded = decode_loaded(encoded)
        if store is not None and stamp is not None and content is not None:
            known = store.by_content(rel, stamp, content, now_ns)
            if known is not None:
                loaded = known
            else:
                store.put(rel, stamp, content, now_ns, loaded, encoded, since=since)
        ready[rel] = loaded
    return ready


def parse_in_parallel(root: Path, rels: list[str], settings: Settings, today: date,
                      ) -> dict[str, tuple[Stamp | None, Loaded, CheckedOn]]:
    """Every note of ``rels`` read, half of them in a forked second process, with the
    stamp its file had when read and when its check holds (see ``jobnotes.checkday``);
    empty when there are too few notes or no second core (the caller then reads them one
    by one)."""
    if len(rels) < PARALLEL_FROM or not can_fork():
        return {}
    parsed = _parse_in_two(root, [(root / rel, rel) for rel in rels], settings, today)
    return {rel: (stamp, decode_loaded(encoded), (today, since))
            for rel, stamp, _, encoded, since in parsed}


def first_read(root: Path, rels: list[str], settings: Settings, today: date,
               persistent: bool) -> dict[str, tuple[Stamp | None, Loaded, CheckedOn]]:
    """What a first load can take without reading notes one by one: with ``persistent``
    (and the cache on), every note, from the persistent cache or read and kept there;
    else, on a vault of many notes, every note read in two processes."""
    from jobnotes import cache

    if persistent and cache.enabled(None):
        folder = cache.vault_folder(root)
        cache.touch_and_prune(folder)
        store = cache.NoteStore(folder, cache.text_digest(repr(settings)), today=today)
        return read_with_store(root, rels, settings, today, store)
    return parse_in_parallel(root, rels, settings, today)


def read_with_store(root: Path, rels: list[str], settings: Settings, today: date,
                    store: NoteStore) -> dict[str, tuple[Stamp | None, Loaded, CheckedOn]]:
    """For a first load of ``rels`` (``jobnotes serve``): each note from the persistent
    ``store`` when it knows the file (by its settled stamp, else by its contents), the
    rest read (half of them in a forked second process when many) and kept in it; with
    the stamp each file had when read and when its check holds (see
    ``NoteStore.checked``). The store is saved."""
    now_ns = time.time_ns()
    found: dict[str, tuple[Stamp | None, Loaded, CheckedOn]] = {}
    todo: list[tuple[Path, str]] = []
    for rel in rels:
        path = root / rel
        try:
            stamp = stamp_of(os.stat(path))
        except OSError:
            continue                    # read by the caller, which says what went wrong
        loaded = _stored(path, rel, stamp, store, now_ns)
        checked = store.checked(rel)
        if loaded is not None and checked is not None:
            found[rel] = (stamp, loaded, checked)
        else:
            todo.append((path, rel))
    if len(todo) >= PARALLEL_FROM and can_fork():
        parsed = _parse_in_two(root, todo, settings, today)
    else:
        parsed = [_parse_one(root, path, rel, settings, today) for path, rel in todo]
    for rel, stamp, content, encoded, since in parsed:
        loaded = decode_loaded(encoded)
        if stamp is not None and content is not None:
            store.put(rel, stamp, content, now_ns, loaded, encoded, since=since)
        found[rel] = (stamp, loaded, (today, since))
    store.save()
    return found


def _stored(path: Path, rel: str, stamp: Stamp, store: NoteStore, now_ns: int
            ) -> Loaded | None:
    """The note at ``path`` from ``store``: known by its settled stamp, else by its
    contents; None when not there (a note it has never kept is not read here: the caller
    reads it once, to parse it)."""
    known = store.by_stamp(rel, stamp)
    if known is not None:
        return known[1]
    if not store.knows(rel):
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return store.by_content(rel, stamp, digest(data), now_ns)


def _parse_in_two(root: Path, todo: list[tuple[Path, str]], settings: Settings, today: date,
                  ) -> list[tuple[str, Any, str | None, Any, date | None]]:
    """``_parse_one`` of every note, the second half in a forked process."""
    return in_two_processes(
        todo, lambda some: [_parse_one(root, path, rel, settings, today) for path, rel in some])


def _parse_one(root: Path, path: Path, rel: str, settings: Settings, today: date,
               ) -> tuple[str, Any, str | None, Any, date | None]:
    """(rel, stamp, content digest, encoded note and findings, the first day its check
    holds from) of one note file."""
    try:
        stamp = stamp_of(os.stat(path))
        data = path.read_bytes()
    except OSError as exc:
        return rel, None, None, encode_loaded((None, [_unreadable(rel, exc)])), None
    loaded, since = _checked_note(root, path, rel, data, settings, today)
    return rel, stamp, digest(data), encode_loaded(loaded), since


def _read_one(root: Path, path: Path, rel: str, settings: Settings, today: date) -> Loaded:
    """One note, with any unexpected exception turned into a finding for that note."""
    return _guarded(rel, lambda: _read_note(root, path, rel, settings, today))


def _guarded(rel: str, read: Callable[[], Loaded]) -> Loaded:
    try:
        return read()
    except Exception as exc:  # one broken note must never stop the rest
        summary = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return None, [error(rel, 0, 0, "internal",
                            f"could not read this note: {summary}; please report it",
                            "the rest of the vault was read; this note is left out")]


# --- with the persistent cache ------------------------------------------------------------------

def load_cached(root: Path, *, today: date, use_cache: bool | None = None,
                progress: Callable[[int, int], None] | None = None,
                skill_hints: bool = True) -> Vault:
    """``load_vault``, taking notes unchanged since an earlier run from the cache (when it
    is on: see ``jobnotes.cache``)."""
    from jobnotes import cache

    settings, found = load_settings(root)
    if not cache.enabled(use_cache):
        return load_vault(root, today=today, settings=settings, settings_diagnostics=found,
                          progress=progress, skill_hints=skill_hints)
    folder = cache.vault_folder(root)
    cache.touch_and_prune(folder)
    store = cache.NoteStore(folder, cache.text_digest(repr(settings)), today=today)
    vault = load_vault(root, today=today, settings=settings, settings_diagnostics=found,
                       store=store, progress=progress, skill_hints=skill_hints)
    store.save()
    return vault
