"""Which files are notes, and their bytes turned into text.

Reading is strict about *what* notes contain (a note that is not UTF-8 is reported
with the exact byte, never guessed at) and says so when a note folder or a file that
looks like a note cannot be read: a renamed folder must never just make notes vanish.
"""

from __future__ import annotations

import codecs
import errno
import functools
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from jobnotes.cache import SETTLE_NS
from jobnotes.diagnostics import Diagnostic, error, warning
from jobnotes.errors import UsageError
from jobnotes.settings import SETTINGS_FILE, Settings

SITE_MARKER = ".jobnotes-site"   # written into every built site; such folders are never read

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_SAVE_AS_UTF8 = 'in your editor, save the file again with the encoding "UTF-8"'


@dataclass(frozen=True)
class Source:
    """One note file as read from disk; ``rel`` is the vault-relative posix path."""

    path: Path
    rel: str
    data: bytes


def find_vault_root(start: Path | None = None) -> Path:
    """The nearest folder, from ``start`` (default: cwd) upwards, holding jobnotes.toml.

    Without one anywhere above, ``start`` itself is the vault: a folder of notes
    works with no settings file.
    """
    if start is None:
        origin = Path.cwd()
    else:
        origin = Path(start).expanduser()
        if not origin.exists():
            raise UsageError(f"the vault folder {start} does not exist")
    origin = origin.resolve()
    if origin.is_file():
        origin = origin.parent
    for folder in (origin, *origin.parents):
        if (folder / SETTINGS_FILE).is_file():
            return folder
    return origin


def _norm(path: Path | str) -> str:
    return os.path.normpath(os.path.abspath(path))


def _skipped_folders(root: Path, settings: Settings) -> set[str]:
    folders = settings.folders
    return {_norm(root / name) for name in (folders.templates, folders.output,
                                             folders.site_templates) if name}


def _is_skipped_dir(full: str, name: str, skipped: set[str]) -> bool:
    """``name`` is "" for a configured folder, whose own name may start with a dot."""
    return (name.startswith(".") or full in skipped
            or os.path.exists(os.path.join(full, SITE_MARKER)))


def _note_folders(root: Path, settings: Settings) -> list[tuple[str, str]]:
    """The application and people folders (once if they are the same), with the kind
    of notes each holds."""
    tops: list[tuple[str, str]] = []
    for name, noun in ((settings.folders.applications, "application"),
                       (settings.folders.people, "person")):
        top = _norm(root / name)
        if all(top != known for known, _ in tops):
            tops.append((top, noun))
    return tops


_MISSING = "missing"     # a note folder that is not there
_SITE = "site"           # a folder skipped for the built site it holds
Names = tuple[frozenset[str], frozenset[str]]    # every entry, and those no plain file


class Seen:
    """What a walk of the vault looked at: each folder listed, with its modification time,
    when that was taken and the names it held (or why it was not listed), so that the
    listing can be checked later without walking again (see ``Listing``)."""

    __slots__ = ("folders", "uncertain")

    def __init__(self) -> None:
        self.folders: dict[str, tuple[int | None, int, Names | str]] = {}
        # A symlink was met (what it points to can change unseen), a folder could not be
        # listed, or one changed between the two walks: never take the listing as holding.
        self.uncertain = False

    def scan(self, folder: str) -> list[os.DirEntry[str]] | None:
        """The entries of ``folder``, remembered; None if it cannot be listed."""
        taken = time.time_ns()
        mtime = _mtime(folder)
        entries = _entries(folder)
        if entries is None:
            self.uncertain = True
            return None
        names = _names(entries)
        known = self.folders.get(folder)
        if known is None:
            self.folders[folder] = (mtime, taken, names)
        elif known[2] != names:
            self.uncertain = True
        return entries

    def mark(self, folder: str, why: str) -> None:
        """Remember a folder not listed: a built site's, or a note folder not there."""
        self.folders.setdefault(folder, (_mtime(folder), time.time_ns(), why))


def _entries(folder: str) -> list[os.DirEntry[str]] | None:
    try:
        with os.scandir(folder) as listing:
            return list(listing)
    except OSError:
        return None


def _names(entries: list[os.DirEntry[str]]) -> Names:
    return (frozenset(entry.name for entry in entries),
            frozenset(entry.name for entry in entries if not _is(entry.is_file, False)))


def _is(test: Callable[..., bool], follow: bool = True) -> bool:
    """A ``DirEntry`` test, False when the file system cannot tell (as ``os.walk`` does)."""
    try:
        return test(follow_symlinks=follow)
    except OSError:
        return False


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return False


def _scan(folder: str, seen: Seen | None) -> list[os.DirEntry[str]] | None:
    return seen.scan(folder) if seen is not None else _entries(folder)


def _mtime(full: str) -> int | None:
    try:
        return os.stat(full).st_mtime_ns
    except OSError:
        return None


def _rel_from(root_abs: str) -> Callable[[str], str]:
    """A fast ``relpath`` for paths under ``root_abs`` (one prefix cut), posix slashes."""
    prefix = root_abs if root_abs.endswith(os.sep) else root_abs + os.sep

    def rel(full: str) -> str:
        cut = full[len(prefix):] if full.startswith(prefix) else os.path.relpath(full, root_abs)
        return cut if os.sep == "/" else Path(cut).as_posix()

    return rel


Problem = tuple[str, str, str]    # (full path, what is wrong, detail): see ``_problem``


def _walk_notes(top: str, root_real: Path, skipped: set[str], seen: Seen | None,
                problems: list[Problem] | None = None) -> Iterator[str]:
    """The note files under ``top``; what is named like a note but cannot be read as one,
    and folders that cannot be listed, go to ``problems``."""
    if not os.path.isdir(top):
        if seen is not None:
            seen.mark(top, _MISSING)
        return      # reported by ``folder_findings``
    if _is_skipped_dir(top, "", skipped):
        if seen is not None and top not in skipped:
            seen.mark(top, _SITE)
        return
    tell = problems.append if problems is not None else lambda problem: None
    pending = [top]
    while pending:
        folder = pending.pop()
        entries = _scan(folder, seen)
        if entries is None:
            tell((folder, "unlistable", _listing_error(folder)))
            continue
        for entry in entries:
            name = entry.name
            link = _is_link(entry)
            if link:
                if seen is not None:
                    seen.uncertain = True
                if _is(entry.is_dir):
                    if name.endswith(".md") and not name.startswith("."):
                        tell((entry.path, "linked-folder", ""))
                    continue       # a linked folder is not walked into
            elif _is(entry.is_dir):
                if not _is_skipped_dir(entry.path, name, skipped):
                    pending.append(entry.path)
                    if name.endswith(".md"):
                        tell((entry.path, "folder", ""))
                elif seen is not None and not name.startswith(".") and entry.path not in skipped:
                    seen.mark(entry.path, _SITE)
                continue
            if name.startswith(".") or not name.endswith(".md"):
                continue
            if link and not os.path.exists(entry.path):
                kind = "link-loop" if _loops(entry.path) else "broken-link"
                tell((entry.path, kind, link_target(entry.path)))
                continue
            if link:
                target = Path(os.path.realpath(entry.path))
                if not target.is_relative_to(root_real):
                    continue
            if _is(entry.is_file):
                yield entry.path
            else:
                tell((entry.path, "special", ""))


def _listing_error(folder: str) -> str:
    try:
        os.scandir(folder).close()
    except OSError as exc:
        return exc.strerror or str(exc)
    return "it changed while it was read"


def link_target(path: str | Path) -> str:
    """Where the link at ``path`` points, as written in it ("?" when unreadable)."""
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def _loops(path: str) -> bool:
    """Whether the link at ``path`` leads back to itself through links."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def _problem(rel: str, kind: str, detail: str, noun: str | None) -> Diagnostic:
    """The finding for one ``Problem``; ``noun`` is set for a note folder itself."""
    if kind == "unlistable":
        lost = f"no {noun} notes were read" if noun else "the notes in it were not read"
        return error(rel, 0, 0, "notes-folder",
                     f"the folder {rel}/ could not be read ({detail}), so {lost}",
                     "check that you may open the folder (its permissions)")
    if kind == "broken-link":
        return warning(rel, 0, 0, "not-a-note",
                       f"{rel} is a broken link (it points to {detail}, which does not "
                       "exist), so it was not read", "fix the link or delete it")
    if kind == "link-loop":
        return warning(rel, 0, 0, "not-a-note",
                       f"{rel} is a link that leads back to itself (through {detail}), so it "
                       "was not read", "point the link at a note, or delete it")
    if kind == "folder":
        return warning(rel, 0, 0, "not-a-note",
                       f"{rel} is a folder, not a note; the notes inside it are read as usual",
                       "rename the folder so that its name does not end in .md")
    if kind == "linked-folder":
        return warning(rel, 0, 0, "not-a-note",
                       f"{rel} is a link to a folder, not a note, so it was not read",
                       "link each note file rather than the folder, or remove the link")
    return warning(rel, 0, 0, "not-a-note",
                   f"{rel} is not an ordinary file, so it was not read",
                   "save the note as an ordinary text file")


def note_rels(root: Path, settings: Settings, *, seen: Seen | None = None,
              problems: list[Diagnostic] | None = None) -> list[str]:
    """``note_paths`` as vault-relative posix paths (what ``relative_name`` gives).

    With ``problems``, findings are added to it for files named like notes that are not
    (broken links, folders) and for folders that cannot be listed."""
    root = Path(root)
    root_abs = _norm(root)
    root_real = Path(os.path.realpath(root))
    skipped = _skipped_folders(root, settings)
    rel = _rel_from(root_abs)
    found: set[str] = set()
    told: set[str] = set()      # a note folder inside the other one is walked twice
    for top, noun in _note_folders(root, settings):
        raw: list[Problem] = []
        found.update(_walk_notes(top, root_real, skipped, seen,
                                 raw if problems is not None else None))
        for full, kind, detail in raw:
            if problems is not None and full not in told:
                told.add(full)
                problems.append(_problem(rel(full), kind, detail, noun if full == top else None))
    return sorted(rel(full) for full in found)


def note_paths(root: Path, settings: Settings) -> list[Path]:
    """Every note file in the applications and people folders, sorted by path.

    Skipped: folders starting with "." (.obsidian, .trash, .git), the templates,
    output and site-templates folders, any folder holding a built site's marker
    file, hidden files, and symlinks pointing outside the vault.
    """
    root = Path(root)
    return [root / rel for rel in note_rels(root, settings)]


def other_files(root: Path, settings: Settings, *, seen: Seen | None = None) -> list[str]:
    """Vault paths of every file that is not an application or person note, sorted.

    Notes elsewhere and attachments, found from directory listings alone (nothing is
    read), so a vault with thousands of unrelated notes costs one walk. Skips what
    ``note_paths`` skips: hidden files and folders, the templates, output and
    site-templates folders, built sites, and symlinks pointing outside the vault.
    """
    root = Path(root)
    root_abs = _norm(root)
    root_real = Path(os.path.realpath(root))
    skipped = _skipped_folders(root, settings)
    note_tops = [top.rstrip(os.sep) + os.sep for top, _ in _note_folders(root, settings)]
    rel = _rel_from(root_abs)
    found: list[str] = []
    pending = [root_abs]
    while pending:
        folder = pending.pop()
        entries = _scan(folder, seen)
        if entries is None:
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if not _is_skipped_dir(entry.path, entry.name, skipped):
                    pending.append(entry.path)
                elif seen is not None and entry.path not in skipped:
                    seen.mark(entry.path, _SITE)
                continue
            if entry.is_symlink():
                if seen is not None:
                    seen.uncertain = True
                target = Path(os.path.realpath(entry.path))
                if not target.is_relative_to(root_real) or not target.is_file():
                    continue
            elif not entry.is_file(follow_symlinks=False):
                continue
            if entry.name.endswith(".md") and any(entry.path.startswith(top)
                                                  for top in note_tops):
                continue
            found.append(rel(entry.path))
    return sorted(found)


@dataclass(slots=True)
class Listing:
    """The note files and every other file of a vault, from one walk, and how to tell
    whether it still holds without walking again."""

    rels: list[str]            # note files, as ``note_rels``
    others: list[str]          # every other file, as ``other_files``
    seen: Seen
    # Files named like notes that are not, folders that could not be listed: what
    # ``note_rels`` adds to its ``problems``. They change only with the listing.
    problems: list[Diagnostic] = field(default_factory=list)

    def still_current(self) -> bool:
        """True when a walk now would find the same files.

        Creating, deleting or renaming a file changes the time of its folder. A folder
        whose time is the one it had, and older than when it was taken by more than a
        clock tick of any file system (a change within the same tick keeps the time),
        holds the same names; any other is listed again and its names compared (a
        rename over a note, as editors save, leaves them the same). Nothing is known
        of what symlinks point to, so with one the listing never holds.
        """
        seen = self.seen
        if seen.uncertain:
            return False
        for full, (mtime, taken, names) in seen.folders.items():
            now = _mtime(full)
            if now == mtime and (mtime is None or mtime < taken - SETTLE_NS):
                continue
            taken = time.time_ns()
            now = _mtime(full)
            if names == _MISSING:
                holds = not os.path.isdir(full)
            elif names == _SITE:
                holds = os.path.isdir(full) and os.path.exists(os.path.join(full, SITE_MARKER))
            else:
                entries = _entries(full)
                holds = entries is not None and _names(entries) == names
            if not holds:
                return False
            seen.folders[full] = (now, taken, names)
        return True


def list_vault(root: Path, settings: Settings) -> Listing:
    """``note_rels`` and ``other_files`` together, remembering the folders they listed."""
    seen = Seen()
    problems: list[Diagnostic] = []
    rels = note_rels(root, settings, seen=seen, problems=problems)
    others = other_files(root, settings, seen=seen)
    return Listing(rels, others, seen, problems)


def relative_name(root: Path, path: Path) -> str:
    """``path`` relative to the vault root, with forward slashes."""
    return _rel_from(_norm(root))(_norm(path))


def note_kind(root: Path, path: Path, settings: Settings) -> str:
    """"application" or "person", by the folder the note is in (the deeper folder wins)."""
    full = _norm(path)
    best: tuple[int, str] | None = None
    folders = settings.folders
    for top, kind in _kind_folders(os.path.abspath(root), folders.applications,
                                   folders.people):
        if (full == top or full.startswith(top.rstrip(os.sep) + os.sep)) and (
                best is None or len(top) > best[0]):
            best = (len(top), kind)
    if best is None:
        raise ValueError(f"{path} is in neither the applications nor the people folder")
    return best[1]


@functools.lru_cache(maxsize=64)
def _kind_folders(root: str, applications: str, people: str) -> tuple[tuple[str, str], ...]:
    """The applications and people folders as ``note_kind`` compares paths with them
    (asked for every note read: made once)."""
    return ((_norm(Path(root) / applications), "application"),
            (_norm(Path(root) / people), "person"))


def read_source(root: Path, path: Path) -> Source:
    """The bytes of one note (raises OSError if it cannot be read)."""
    return Source(path=Path(path), rel=relative_name(root, path), data=Path(path).read_bytes())


def read_sources(root: Path, settings: Settings) -> tuple[list[Source], list[Diagnostic]]:
    """Every note's bytes; a file that cannot be read becomes a finding, not a crash."""
    sources: list[Source] = []
    diagnostics: list[Diagnostic] = []
    for path in note_paths(root, settings):
        try:
            sources.append(read_source(root, path))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            diagnostics.append(error(relative_name(root, path), 0, 0, "unreadable",
                                     f"the file could not be read ({reason})"))
    return sources, diagnostics


def _line_and_column(prefix: str) -> tuple[int, int]:
    """1-based line and column just after ``prefix`` (CRLF and lone CR count as one break)."""
    text = prefix.replace("\r\n", "\n").replace("\r", "\n")
    line = text.count("\n") + 1
    return line, len(text) - (text.rfind("\n") + 1) + 1


def _invalid_utf8(rel: str, data: bytes, exc: UnicodeDecodeError, skipped: int) -> Diagnostic:
    offset = exc.start + skipped
    bad = data[offset]
    line, column = _line_and_column(data[skipped:offset].decode("utf-8", errors="replace"))
    try:
        data[skipped:].decode("cp1252")
        hint = ("it looks like Windows-1252 or Latin-1: reopen it with that encoding, "
                "then save it as UTF-8")
    except UnicodeDecodeError:
        hint = _SAVE_AS_UTF8
    return error(rel, line, column, "encoding",
                 f"the file is not valid UTF-8 (invalid byte 0x{bad:02X} at byte offset "
                 f"{offset}, line {line}); save it as UTF-8", hint)


def decode_note(rel: str, data: bytes) -> tuple[str | None, list[Diagnostic]]:
    """Strict UTF-8 text with LF line ends and no BOM, or None and a finding saying why."""
    for boms, name in ((_UTF32_BOMS, "UTF-32"), (_UTF16_BOMS, "UTF-16")):
        if data.startswith(boms):
            return None, [error(rel, 1, 1, "encoding",
                                f"the file is saved as {name} (it starts with a {name} byte "
                                "order mark); save it as UTF-8", _SAVE_AS_UTF8)]
    skipped = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    nul = data.find(b"\x00", skipped)
    if nul >= 0:
        line, column = _line_and_column(data[skipped:nul].decode("utf-8", errors="replace"))
        return None, [error(rel, line, column, "encoding",
                            f"the file contains a NUL byte at byte offset {nul} (line {line}): "
                            "it is a binary file or not saved as UTF-8", _SAVE_AS_UTF8)]
    try:
        text = data[skipped:].decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_invalid_utf8(rel, data, exc, skipped)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []
