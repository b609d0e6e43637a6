"""Read and validate a whole vault into one ``Vault``: one bad note never stops the rest."""

from __future__ import annotations

import copy
import re
import unicodedata
from datetime import date
from pathlib import Path

from jobnotes.crosscheck import cross_check
from jobnotes.diagnostics import Diagnostic, error, sort_diagnostics
from jobnotes.frontmatter import parse_note
from jobnotes.model import Application, Person, Vault
from jobnotes.obsidian.graph import LinkGraph, build_graph
from jobnotes.schema import validate_application, validate_person
from jobnotes.settings import Settings, load_settings
from jobnotes.vault import decode_note, note_kind, note_paths, other_files, relative_name


def slugify(stem: str) -> str:
    """A URL-safe page name: "Jane Doe" -> "jane-doe", "Zoë's café" -> "zoe-s-cafe"."""
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "note"


def _stem(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    return name[:-3] if name.endswith(".md") else name


Loaded = tuple["Application | Person | None", list[Diagnostic]]


class NoteCache:
    """Notes already read, so a rebuild re-reads only what changed on disk.

    An entry is reused only while the file's size and modification time are
    unchanged and the settings and date it was validated with are the same;
    paths reported as changed by the watcher are always read again.
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple[int, int], Loaded]] = {}
        self._context: tuple[object, ...] | None = None

    def get(self, rel: str, stamp: tuple[int, int]) -> Loaded | None:
        entry = self._entries.get(rel)
        if entry is None or entry[0] != stamp:
            return None
        note, found = entry[1]
        return (copy.copy(note), list(found))

    def put(self, rel: str, stamp: tuple[int, int], loaded: Loaded) -> None:
        note, found = loaded
        self._entries[rel] = (stamp, (copy.copy(note), list(found)))

    def use_context(self, settings: Settings, today: date) -> None:
        """Forget everything when the settings or the date change."""
        context = (repr(settings), today)
        if context != self._context:
            self._entries.clear()
            self._context = context

    def forget_missing(self, present: set[str]) -> None:
        for rel in set(self._entries) - present:
            del self._entries[rel]

    def discard(self, rel: str) -> None:
        self._entries.pop(rel, None)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size)


def _read_note(root: Path, path: Path, rel: str, settings: Settings, today: date,
               ) -> tuple[Application | Person | None, list[Diagnostic]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, [error(rel, 0, 0, "read-error", f"the file could not be read ({reason})",
                            "check that the file exists and that you may read it")]
    text, diagnostics = decode_note(rel, data)
    if text is None:
        return None, diagnostics
    parsed = parse_note(rel, text)
    diagnostics += parsed.diagnostics
    validate = (validate_application if note_kind(root, path, settings) == "application"
                else validate_person)
    note, found = validate(rel, _stem(rel), parsed, settings, today)
    return note, diagnostics + found


def _assign_slugs(notes: list[Application | Person]) -> None:
    """Unique across all notes, in path order: "acme", then "acme-2", "acme-3"."""
    taken: set[str] = set()
    for note in sorted(notes, key=lambda n: n.rel):
        base = slugify(_stem(note.rel))
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        note.slug = slug


def load_vault(root: Path, *, today: date, settings: Settings | None = None,
               settings_diagnostics: list[Diagnostic] | None = None,
               cache: NoteCache | None = None, dirty: set[str] | None = None) -> Vault:
    """Every note read, checked and typed; never raises because of what a note contains.

    Without ``settings``, ``jobnotes.toml`` is read here and its findings included.
    With a ``cache``, unchanged notes are reused; ``dirty`` names vault-relative
    paths that must be read again whatever their time stamps say.
    """
    root = Path(root)
    diagnostics = list(settings_diagnostics or [])
    if settings is None:
        settings, found = load_settings(root)
        diagnostics += found
    vault = Vault(root=root, settings=settings, today=today)
    try:
        paths = note_paths(root, settings)
    except OSError as exc:
        paths = []
        diagnostics.append(error(".", 0, 0, "read-error",
                                 f"the vault folder could not be read ({exc.strerror or exc})"))
    if cache is not None:
        cache.use_context(settings, today)
        for rel in dirty or ():
            cache.discard(rel)
    present: set[str] = set()
    for path in paths:
        rel = relative_name(root, path)
        present.add(rel)
        stamp = _stamp(path) if cache is not None else None
        cached = cache.get(rel, stamp) if cache is not None and stamp is not None else None
        if cached is not None:
            note, found = cached
        else:
            note, found = _read_one(root, path, rel, settings, today)
            if cache is not None and stamp is not None:
                cache.put(rel, stamp, (note, found))
        diagnostics += found
        if isinstance(note, Application):
            vault.applications.append(note)
        elif isinstance(note, Person):
            vault.people.append(note)
        else:
            vault.skipped.append(rel)
    if cache is not None:
        cache.forget_missing(present)
    vault.files_checked = len(paths)
    _assign_slugs([*vault.applications, *vault.people])
    vault.link_graph = _link_graph(root, settings, vault)
    diagnostics += cross_check(vault.applications, vault.people, settings, vault.link_graph)
    diagnostics += _skill_hints(vault.applications, settings)
    vault.diagnostics = sort_diagnostics(diagnostics)
    return vault


def _skill_hints(apps: list[Application], settings: Settings) -> list[Diagnostic]:
    """Info findings for skills a job description names that ``skills:`` lacks."""
    from jobnotes.jd.extract import unlisted_skill_diagnostics

    return unlisted_skill_diagnostics(apps, settings)


def _link_graph(root: Path, settings: Settings, vault: Vault) -> LinkGraph:
    """Every other file by name (nothing read), and the notes the site links to."""
    try:
        others = other_files(root, settings)
    except OSError:
        others = []
    return build_graph(root, [*vault.applications, *vault.people], others, vault.skipped)


def _read_one(root: Path, path: Path, rel: str, settings: Settings, today: date) -> Loaded:
    """One note, with any unexpected exception turned into a finding for that note."""
    try:
        return _read_note(root, path, rel, settings, today)
    except Exception as exc:  # one broken note must never stop the rest
        summary = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        return None, [error(rel, 0, 0, "internal",
                            f"could not read this note: {summary}; please report it",
                            "the rest of the vault was read; this note is left out")]
