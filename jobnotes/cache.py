"""The build cache: kept outside the vault, in the user's cache folder, one folder per vault.

Every entry is keyed by what it was made from: the file's contents (or its size, times
and inode, trusted only once the file has been left alone for a while, as git does), the
code of jobnotes and of the libraries that shape its output, the settings and the date
(a checked note is also kept for the later days its check holds on: see
``jobnotes.checkday``). A stale entry is therefore never used, only missed. The
folder is safe to delete at any time (the next build is slower, nothing else), a cache
file that cannot be read is ignored, and ``JOBNOTES_CACHE=off`` (or ``build
--no-cache``) turns it off.

Where: ``$JOBNOTES_CACHE_DIR``, else ``$XDG_CACHE_HOME/jobnotes``, else
``~/.cache/jobnotes``.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import stat
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from jobnotes.checkday import CheckedOn, holds_on

try:
    # hashlib's own blake2b, without the OpenSSL library ``import hashlib`` loads first:
    # a tenth of the start-up of a check or a build with nothing to do.
    from _blake2 import blake2b
except ImportError:     # not CPython
    from hashlib import blake2b

ENV_SWITCH = "JOBNOTES_CACHE"          # "off" (or 0, no, false) turns the cache off
ENV_FOLDER = "JOBNOTES_CACHE_DIR"      # the cache folder itself
FORMAT = 1                             # bump when the layout of the files below changes
KEEP_VAULTS = 24                       # folders of the most recently built vaults kept
# A file changed this recently may change again within the same clock tick without its
# size or times showing it: its entry is trusted only by content until it has settled.
SETTLE_NS = 2_000_000_000
KEEP_TEMPLATES_DAYS = 30      # compiled templates of other jobnotes versions, unused this long

# Libraries whose versions change what a build writes.
_LIBRARIES = ("markdown_it", "mdit_py_plugins", "linkify_it", "jinja2", "markupsafe", "nh3",
              "yaml")


def enabled(flag: bool | None = None) -> bool:
    """Whether to use the cache: ``flag`` (the command-line switch) when given, else the
    environment (on unless ``JOBNOTES_CACHE`` says off)."""
    if flag is not None:
        return flag
    return os.environ.get(ENV_SWITCH, "").strip().lower() not in ("off", "0", "no", "false")


def cache_root() -> Path:
    explicit = os.environ.get(ENV_FOLDER)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "jobnotes"


def digest(data: bytes) -> str:
    return hasher(data).hexdigest()


def hasher(data: bytes = b"") -> Any:
    """What ``digest`` uses, to be fed in pieces: ``hasher(a).update(b)`` ends with the
    ``digest`` of ``a + b``."""
    return blake2b(data, digest_size=16)


def text_digest(*parts: object) -> str:
    return digest("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass"))


# --- what the output depends on besides the vault ---------------------------------------------

def _files_under(folder: str, prefix: str = "") -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every file under ``folder`` as (path relative to it, entry), in name order,
    without byte code."""
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name != "__pycache__":
                yield from _files_under(entry.path, prefix + entry.name + "/")
        elif not entry.name.endswith((".pyc", ".pyo")):
            yield prefix + entry.name, entry


def folder_digest(folder: Path) -> str:
    """Names and states of every file under ``folder`` ("" when there is none): a file's
    stamp once it has settled (writing to a file always changes its stamp, ctime
    included), its contents while it changed too recently for the stamp to tell. Reading
    every file's contents instead would cost each run tens of milliseconds."""
    if not folder.is_dir():
        return ""
    hasher = blake2b(digest_size=16)
    now_ns = time.time_ns()
    try:
        files = list(_files_under(str(folder)))
    except OSError:
        return "\0unlistable"
    for rel, entry in files:
        try:
            stamp = stamp_of(entry.stat())
            state = (repr(stamp) if settled(stamp, now_ns) else
                     digest(Path(entry.path).read_bytes()))
        except OSError:
            state = "\0unreadable"
        hasher.update(f"{rel}\0{state}".encode())
    return hasher.hexdigest()


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """jobnotes' own code and shipped templates, the Python and library versions."""
    import importlib.util

    import jobnotes

    package = Path(jobnotes.__file__).resolve().parent
    parts = [str(FORMAT), jobnotes.__version__, sys.version, folder_digest(package),
             folder_digest(package.parent / "site-templates")]
    places: set[str] = set()
    for name in _LIBRARIES:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        parts.append(f"{name}={origin}")
        if origin:
            places.add(str(Path(origin).resolve().parent.parent))
    for place in sorted(places):
        try:
            parts += sorted(n for n in os.listdir(place) if n.endswith(".dist-info"))
        except OSError:
            parts.append(place)
    return text_digest(*parts)


# --- the cache folder of one vault -----------------------------------------------------------

def vault_folder(vault_root: Path) -> Path:
    key = text_digest(os.path.realpath(vault_root))[:20]
    return cache_root() / f"vault-{key}"


def read_pickle(path: Path, key: str) -> Any:
    """The value saved under ``key`` at ``path``; None when missing, stale or unreadable."""
    try:
        with open(path, "rb") as handle:
            saved_key, value = pickle.load(handle)
    except Exception:  # a damaged or foreign cache file is only a miss
        return None
    return value if saved_key == key else None


def write_pickle(path: Path, key: str, value: Any) -> None:
    """Save atomically (a reader sees the old file or the new one); errors are ignored:
    a cache that cannot be written only makes the next build slower."""
    tmp = path.with_name(f"{path.name}.tmp-{os.urandom(4).hex()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as handle:
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except Exception:  # noqa: BLE001 - see above
        tmp.unlink(missing_ok=True)


_PARTS = "parts"      # what a ``PartsFile`` writes after its key


class PartsFile:
    """A cache file of dictionaries saved a part at a time, so that a build need not hold
    all it saves until it ends (``read_parts`` merges them). The file at ``path`` is
    replaced only by ``commit``, at once; ``discard`` leaves it as it was. Nothing stays
    open between parts, so a process forked meanwhile shares no file with this one."""

    def __init__(self, path: Path, key: str) -> None:
        self.path, self.key = path, key
        self.tmp = path.with_name(f"{path.name}.tmp-{os.urandom(4).hex()}")
        self._started = self._failed = False

    def add(self, part: dict[Any, Any]) -> None:
        if self._failed:
            return
        try:
            if not self._started:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.tmp, "ab" if self._started else "wb") as handle:
                if not self._started:
                    pickle.dump((self.key, _PARTS), handle, protocol=pickle.HIGHEST_PROTOCOL)
                    self._started = True
                pickle.dump(part, handle, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - a cache that cannot be written is only slower
            self._failed = True
            self.tmp.unlink(missing_ok=True)

    def commit(self) -> None:
        if not self._started:
            self.add({})
        if self._failed:
            return
        try:
            os.replace(self.tmp, self.path)
        except OSError:
            self.discard()

    def discard(self) -> None:
        self.tmp.unlink(missing_ok=True)


def read_parts(path: Path, key: str) -> dict[Any, Any] | None:
    """What a ``PartsFile`` saved under ``key`` at ``path``, merged; None when missing,
    stale or unreadable."""
    merged: dict[Any, Any] = {}
    try:
        with open(path, "rb") as handle:
            if pickle.load(handle) != (key, _PARTS):
                return None
            while True:
                try:
                    merged.update(pickle.load(handle))
                except EOFError:
                    return merged
    except Exception:  # a damaged or foreign cache file is only a miss
        return None


def compiled_templates() -> Path:
    """Where compiled templates are kept for every vault: compiling jobnotes' templates
    takes about a second, which a first build or a starting ``serve`` would otherwise
    spend again for each vault. One folder per version of jobnotes' code (the compiled
    form depends on how jobnotes sets Jinja up), and Jinja checks each template against
    its source, by name and file, before using it. Folders of other versions not used
    for ``KEEP_TEMPLATES_DAYS`` are removed."""
    root = cache_root()
    current = root / f"templates-{code_fingerprint()[:16]}"
    try:
        if current.is_dir():
            os.utime(current)
        old_before = time.time() - KEEP_TEMPLATES_DAYS * 86400
        for other in root.glob("templates-*"):
            if other != current and other.stat().st_mtime < old_before:
                _remove_tree(other)
    except OSError:
        pass
    return current


def _remove_tree(folder: Path) -> None:
    import shutil  # seldom needed: not imported by every run

    shutil.rmtree(folder, ignore_errors=True)


def touch_and_prune(folder: Path, keep: int = KEEP_VAULTS) -> None:
    """Mark ``folder`` as just used and delete the folders of vaults not built for longest,
    so the cache stays bounded however many vaults (or test folders) are built."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)
        siblings = [p for p in folder.parent.iterdir()
                    if p.is_dir() and p.name.startswith("vault-")]
    except OSError:
        return
    if len(siblings) <= keep:
        return
    siblings.sort(key=lambda p: p.stat().st_mtime if p.exists() else 0, reverse=True)
    for old in siblings[keep:]:
        _remove_tree(old)


# --- file states -------------------------------------------------------------------------------

Stamp = tuple[int, int, int, int]        # size, mtime_ns, ctime_ns, inode


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def settled(stamp: Stamp, now_ns: int) -> bool:
    """Whether a file with this stamp, seen at ``now_ns``, can be recognised by its stamp
    alone from now on (it was last changed long enough ago)."""
    return max(stamp[1], stamp[2]) < now_ns - SETTLE_NS


@dataclass(slots=True)
class Snapshot:
    """Every file of a vault that can change what a build writes, with its stamp, and the
    contents' digest of files changed too recently to be recognised by their stamps.

    Hidden files and folders are left out (jobnotes never reads them), and so are the
    contents of skipped folders (the output folder).
    """

    files: dict[str, Stamp] = field(default_factory=dict)
    taken_ns: int = 0
    digests: dict[str, str] = field(default_factory=dict)
    paths: dict[str, str] = field(default_factory=dict)     # where each file is read

    def same_as(self, earlier: Snapshot) -> bool:
        """Whether no file has changed since ``earlier`` was taken."""
        if self.files != earlier.files:
            return False
        for rel, sha in earlier.digests.items():
            mine = self.digests.get(rel)
            if mine is None:
                mine = self.digests[rel] = _file_digest(self.paths.get(rel))
            if mine != sha:
                return False
        return True

    def kept(self) -> Snapshot:
        """This snapshot as saved for the next build (without the file locations)."""
        return Snapshot(self.files, self.taken_ns, self.digests)


def _file_digest(path: str | None) -> str:
    """The digest of a file's contents; only an ordinary file is read (opening a named
    pipe would wait forever for a writer)."""
    if path is None:
        return "\0unknown"
    try:
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return "\0not a file"
            return digest(handle.read())
    except OSError:
        return "\0unreadable"


SITE_MARKER = ".jobnotes-site"


def snapshot(root: Path, skip: Iterable[Path] = ()) -> Snapshot:
    """The stamps of every file under ``root`` (symbolic links: the link and its target),
    and every folder's path, ending in "/"."""
    taken = time.time_ns()
    skipped = {os.path.realpath(p) for p in skip}
    found = Snapshot(taken_ns=taken)
    files, paths = found.files, found.paths
    root_text = os.path.realpath(root)
    pending = [(root_text, "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            files[prefix + "\0unlistable"] = (0, 0, 0, 0)
            continue
        for entry in entries:
            name = entry.name
            rel = prefix + name
            if name == SITE_MARKER:
                files[rel] = (0, 0, 0, 0)
                continue
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.path not in skipped:
                        # Folders too, even empty: whether one is there (a note folder, or
                        # one named like a note) changes what a check reports.
                        files[rel + "/"] = (0, 0, 0, 0)
                        pending.append((entry.path, rel + "/"))
                    continue
                stamp = stamp_of(entry.stat(follow_symlinks=False))
                path = entry.path
                if entry.is_symlink():
                    path = os.path.realpath(entry.path)
                    rel += "\0->" + path
                    with contextlib.suppress(OSError):
                        target = stamp_of(os.stat(path))
                        stamp = (target[0], max(stamp[1], target[1]), max(stamp[2], target[2]),
                                 target[3])
                files[rel] = stamp
                paths[rel] = path
                if not settled(stamp, taken):
                    found.digests[rel] = _file_digest(path)
            except OSError:
                files[rel + "\0unreadable"] = (0, 0, 0, 0)
    return found


def vault_snapshot(root: Path, settings: Any, skip: Iterable[Path] = ()) -> Snapshot:
    """``snapshot`` of the vault, and of each configured folder (notes, site templates)
    that it does not cover: outside the vault, or hidden (jobnotes reads a configured
    folder whatever its name); and what is at each note folder's place (a folder, a
    file, nothing), which what a check reports depends on wherever the folder is."""
    from jobnotes.notefolders import folder_state

    skip = list(skip)
    found = snapshot(root, skip=skip)
    for place, state in folder_state(root, settings):
        found.files[f"\0folder\0{place}"] = (state, 0, 0, 0)
    real_root = Path(os.path.realpath(root))
    folders = settings.folders
    for name in (folders.applications, folders.people, folders.site_templates):
        place = Path(os.path.realpath(root / name))
        inside = place.is_relative_to(real_root)
        hidden = inside and any(part.startswith(".")
                                for part in place.relative_to(real_root).parts)
        if name and (not inside or hidden):
            extra = snapshot(place, skip=skip)
            for part in ("files", "digests", "paths"):
                getattr(found, part).update(
                    {f"{place}\0{rel}": value for rel, value in getattr(extra, part).items()})
    return found


# --- notes -------------------------------------------------------------------------------------

def _encode_note(note: Any) -> tuple[str, list[Any]]:
    """A note as plain values (far quicker to load than the objects themselves)."""
    values = []
    for name in _field_names(type(note)):
        value = getattr(note, name)
        if name == "positions":
            value = [(k, p.line, p.column) for k, p in value.items()]
        elif isinstance(value, list):
            value = list(value)
        values.append(value)
    return type(note).__name__, values


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


# A kept note: its file's stamp, whether that stamp had settled, the content digest, the
# encoded note and findings, and (the day it was checked, the first day that check holds
# from on every later day, or None: see ``jobnotes.checkday``).
StoredNote = tuple[Stamp, bool, str, Any, CheckedOn]


class NoteStore:
    """Notes read and checked by an earlier build, by path: reused while the file's
    contents (or its settled stamp), the settings and jobnotes are unchanged, on the day
    they were checked or on any later day their check holds for (most notes: those
    without findings, see ``jobnotes.checkday``), so that the first run of a new day does
    not read every note again.

    Kept in ``SHARDS`` files by path, so that saving after an edit rewrites the file
    holding that note, not the whole vault's (a third of a second at 10,000 notes)."""

    FILE = "notes.pickle"       # what earlier versions kept in one file: removed on save
    SHARDS = 16

    def __init__(self, folder: Path, context: str, *, today: date) -> None:
        self.path = folder / self.FILE
        self.key = text_digest(code_fingerprint(), context)
        self.today = today
        self._old: dict[str, StoredNote] = {}
        self._new: dict[str, StoredNote] = {}
        self._dirty: set[int] = set()      # shards whose notes were read or changed anew
        self.hits = 0
        for shard in range(self.SHARDS):
            loaded = read_pickle(self._shard_path(shard), self.key)
            if isinstance(loaded, dict):
                self._old.update(loaded)

    def _shard_path(self, shard: int) -> Path:
        return self.path.with_name(f"notes-{shard:02d}.pickle")

    def _shard(self, rel: str) -> int:
        return zlib.crc32(rel.encode("utf-8", "surrogatepass")) % self.SHARDS

    def by_stamp(self, rel: str, stamp: Stamp) -> tuple[str, Any] | None:
        """(content digest, loaded note) when the file is known by its settled stamp."""
        entry = self._old.get(rel)
        if entry is None or not entry[1] or entry[0] != stamp or not self._holds(entry):
            return None
        self._new[rel] = entry
        self.hits += 1
        return entry[2], decode_loaded(entry[3])

    def by_content(self, rel: str, stamp: Stamp, content: str, now_ns: int) -> Any | None:
        entry = self._old.get(rel)
        if entry is None or entry[2] != content or not self._holds(entry):
            return None
        kept = (stamp, settled(stamp, now_ns), content, entry[3], entry[4])
        if kept[:2] != entry[:2]:       # touched, or settled since: worth saving
            self._dirty.add(self._shard(rel))
        self._new[rel] = kept
        self.hits += 1
        return decode_loaded(entry[3])

    def knows(self, rel: str) -> bool:
        """Whether an earlier run kept a note at ``rel`` (as it was then, on any day)."""
        return rel in self._old

    def checked(self, rel: str) -> CheckedOn | None:
        """The day the note at ``rel`` taken from this store was checked, and the first day
        that check holds from (None: on that day only); None when it was not taken."""
        entry = self._new.get(rel)
        return entry[4] if entry is not None else None

    def _holds(self, entry: StoredNote) -> bool:
        return holds_on(self.today, *entry[4])

    def put(self, rel: str, stamp: Stamp, content: str, now_ns: int, loaded: Any,
            encoded: Any = None, *, since: date | None = None) -> None:
        """Keep a note just read and checked today (``encoded``: ``encode_loaded(loaded)``,
        when known; ``since``: the first day that check holds from, if any)."""
        encoded = encoded if encoded is not None else encode_loaded(loaded)
        self._new[rel] = (stamp, settled(stamp, now_ns), content, encoded, (self.today, since))
        self._dirty.add(self._shard(rel))

    def save(self) -> None:
        """Write the shards that differ from what was read: changed notes, or notes gone."""
        changed = set(self._dirty)
        if self._new.keys() != self._old.keys():
            changed.update(self._shard(rel) for rel in self._new.keys() ^ self._old.keys())
        if not changed:
            return
        parts: dict[int, dict[str, StoredNote]] = {n: {} for n in changed}
        for rel, entry in self._new.items():
            part = parts.get(self._shard(rel))
            if part is not None:
                part[rel] = entry
        for shard, part in parts.items():
            write_pickle(self._shard_path(shard), self.key, part)
        self.path.unlink(missing_ok=True)
        self._old, self._dirty = self._new, set()

    def close(self) -> None:
        """Save, then let go of the notes kept: the caller holds the notes themselves."""
        self.save()
        self._old, self._new = {}, {}


def encode_loaded(loaded: Any) -> Any:
    """A loaded note and its findings as plain values, quick to save and to load; with
    the links of its body (scanning them again costs more than loading them)."""
    note, found = loaded
    if note is None:
        return None, list(found)
    from jobnotes.obsidian.scan import encode_scan

    return _encode_note(note), list(found), encode_scan(note.body)


def decode_loaded(encoded: Any) -> Any:
    """The (note, findings) ``encode_loaded`` was given: new objects every time."""
    from jobnotes.model import Application, Person, position

    note_data, found = encoded[0], encoded[1]
    if note_data is None:
        return None, list(found)
    kind, values = note_data
    cls: Callable[..., Any] = Application if kind == "Application" else Person
    args = [list(value) if type(value) is list else value for value in values]
    at = _field_names(cls).index("positions")
    args[at] = {sys.intern(key): position(line, column) for key, line, column in values[at]}
    note = cls(*args)
    if len(encoded) > 2:
        from jobnotes.obsidian.scan import remember_scan

        remember_scan(note.body, encoded[2])
    return note, list(found)

