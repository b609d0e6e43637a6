"""Writing the built site: never over the vault, never over a folder jobnotes did not make,
and all at once (a failed write leaves the previous site as it was).

The site is written into a temporary sibling folder, then swapped in with two renames.
A folder jobnotes wrote carries the marker file ``.jobnotes-site``; only such folders are
ever deleted. With ``force``, a foreign folder is moved aside, never deleted.

The marker also lists the files that build made: the user's own files are carried over
into the new site, and whenever that cannot be done for sure the previous folder is kept
aside instead of deleted (see ``own_files``).
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Collection, Mapping
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from jobnotes.errors import UsageError
from jobnotes.settings import Folders, load_settings, overlaps
from jobnotes.site.own_files import (  # noqa: F401 - MARKER and made_files are used from here
    MARKER,
    MARKER_TEXT,
    Carried,
    carry_over,
    hard_link,
    made_files,
    marker_text,
)

OBSIDIAN_FOLDER = ".obsidian"


def user_folders(folders: Folders) -> list[tuple[str, str]]:
    """The vault's folders of the user's own files, jobnotes never writes in:
    (how a message names it, its path in the vault)."""
    return [
        (f"the notes folder {folders.applications}/", folders.applications),
        (f"the notes folder {folders.people}/", folders.people),
        (f"the templates folder {folders.templates}/", folders.templates),
        (f"the site templates folder {folders.site_templates}/", folders.site_templates),
        (f"Obsidian's settings folder {OBSIDIAN_FOLDER}/", OBSIDIAN_FOLDER),
    ]


def user_folder_clash(target: Path, vault_root: Path, folders: Folders) -> str | None:
    """How the resolved path ``target`` overlaps a folder of the user's own files, in words
    ("is inside the notes folder applications/"), or None when it does not.

    The folders are compared where they really are (a note folder may be a link to a
    folder elsewhere); any ``.obsidian`` folder counts, also one of a larger vault."""
    here = target.as_posix()
    root = vault_root.resolve()
    for name, rel in user_folders(folders):
        folder = (root / rel).resolve().as_posix()
        if overlaps(here, folder):
            how = ("is" if here == folder
                   else "is inside" if here.startswith(folder + "/") else "contains")
            return f"{how} {name}"
    inside = target.relative_to(root).parts if target.is_relative_to(root) else target.parts
    if OBSIDIAN_FOLDER in inside:
        return f"is inside an Obsidian settings folder ({OBSIDIAN_FOLDER}/)"
    repository = next((part for part in target.parts if part in VERSION_CONTROL), None)
    if repository is not None:
        return f"is inside a version-control folder ({repository}/)"
    return None


# Folders where version control keeps its history: a site written there would damage it.
VERSION_CONTROL = frozenset({".git", ".hg", ".svn"})


def _a_note_in(folder: Path, limit: int = 10_000) -> Path | None:
    """A Markdown note anywhere in ``folder`` (a look at its first ``limit`` entries)."""
    seen = 0
    for parent, dirs, files in os.walk(folder):
        for name in files:
            if name.lower().endswith(".md"):
                return Path(parent, name)
        seen += len(files) + len(dirs)
        if seen > limit:
            return None
    return None


def check_output(out: Path, vault_root: Path, *, force: bool = False,
                 folders: Folders | None = None) -> None:
    """Refuse, with a clear UsageError, an output folder that would harm the user's files.

    ``folders``: the vault's folder settings (default: read from its ``jobnotes.toml``).
    """
    try:
        _check_output(out, vault_root, force, folders)
    except OSError as exc:     # e.g. a parent folder that may not be looked into
        raise _write_error(out, exc) from exc


def _check_output(out: Path, vault_root: Path, force: bool, folders: Folders | None) -> None:
    target = out.resolve()
    vault = vault_root.resolve()
    if target == vault:
        raise UsageError(
            f"The output folder {out} is the vault itself; building there would replace "
            f"your notes. Choose another folder, for example {vault_root / '_site'}."
        )
    if vault.is_relative_to(target):
        raise UsageError(
            f"The output folder {out} contains the vault {vault_root}; building there would "
            f"replace your notes. Choose a folder inside or beside the vault instead."
        )
    if folders is None:
        folders = load_settings(vault_root, skill_checks=False)[0].folders
    if clash := user_folder_clash(target, vault_root, folders):
        raise UsageError(
            f"The output folder {out} {clash}; the site folder is replaced on every build, "
            f"so it may not be, hold or lie inside your notes, templates, .obsidian or "
            f".git folders. Choose a folder of its own, for example "
            f"{vault_root / folders.output}."
        )
    if target.exists() and not target.is_dir():
        raise UsageError(f"The output path {out} is an existing file, not a folder; "
                         f"choose another output folder.")
    blocker = next((p for p in target.parents if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise UsageError(f"Could not write the site to {out}: {blocker} is a file, "
                         f"not a folder.")
    if target.is_dir() and force and not is_ours(target) and (note := _a_note_in(target)):
        raise UsageError(
            f"The output folder {out} holds notes ({note.relative_to(target).as_posix()}), "
            f"and --force would move it aside: jobnotes never moves your notes. Choose "
            f"another folder, for example {vault_root / (folders.output)}."
        )
    if target.is_dir() and not force and not is_ours(target) and any(target.iterdir()):
        raise UsageError(
            f"The output folder {out} already exists, is not empty, and was not made by "
            f"jobnotes (it has no {MARKER} file). Choose another folder, empty it, or "
            f"build with --force to move it aside (it is kept, not deleted)."
        )


def _write_error(out: Path, exc: OSError) -> UsageError:
    return UsageError(f"Could not write the site to {out}: {exc.strerror or exc}.")


def is_ours(folder: Path) -> bool:
    return (folder / MARKER).is_file()


def _checked_rel(rel: str) -> PurePosixPath:
    path = PurePosixPath(rel)
    if (not rel or path.is_absolute() or "\\" in rel
            or any(part in ("", ".", "..") for part in rel.split("/"))):
        raise ValueError(f"unsafe output path: {rel!r}")
    return path


def write_site(files: Mapping[str, bytes], out: Path, vault_root: Path, *,
               force: bool = False, unchanged: Collection[str] = (),
               folders: Folders | None = None) -> SiteWriter:
    """Replace the folder ``out`` with ``files`` (relative path -> bytes) and the user's
    own files of the old site.

    ``unchanged`` names files whose bytes the folder at ``out`` already holds (the caller
    knows it from what it wrote last time): they are linked into the new folder, not
    written again. Returns the writer, which tells where a previous folder was kept
    (``moved_aside``: a foreign one, only with ``force``) and the user's files it found.
    ``folders``: as for ``check_output``.
    """
    for rel in files:
        _checked_rel(rel)
    writer = SiteWriter(out, vault_root, force=force, unchanged=unchanged, folders=folders)
    with writer:
        for rel in sorted(files):
            writer.add(rel, files[rel])
    return writer


class SiteWriter:
    """Writes a site file by file into a new folder beside ``out``, then swaps it in.

    Use it as a context manager: on leaving normally the new folder replaces ``out``
    (see ``write_site``); on an exception it is deleted and ``out`` stays as it was.
    Files named in ``unchanged`` (whose bytes ``out`` already holds) are linked from
    ``out`` instead of written, when ``add`` is given those same bytes' ``digest``.
    """

    def __init__(self, out: Path, vault_root: Path, *, force: bool = False,
                 unchanged: Collection[str] | Mapping[str, str] = (),
                 stamps: Mapping[str, tuple[int, int, int]] | None = None,
                 folders: Folders | None = None) -> None:
        check_output(out, vault_root, force=force, folders=folders)
        self.out = out
        self.target = out.resolve()
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _write_error(out, exc) from exc
        self.token = os.urandom(4).hex()
        self.tmp = self.target.with_name(f"{self.target.name}.tmp-{self.token}")
        self.keep = unchanged if unchanged and is_ours(self.target) else ()
        # (size, mtime_ns, inode) of the kept files as the caller knows them: a file
        # changed since is written, not linked.
        self.stamps = stamps
        self.moved_aside: Path | None = None
        # What became of the user's own files in the old site (see ``own_files``).
        self.carried = Carried()
        self._made: set[str] = set()
        self._added: set[str] = set()

    def __enter__(self) -> SiteWriter:
        try:
            self.tmp.mkdir()
            _same_access(self.tmp, self.target)
        except OSError as exc:
            raise _write_error(self.out, exc) from exc
        try:
            (self.tmp / MARKER).write_bytes(MARKER_TEXT)
        except BaseException as exc:
            self.discard()
            if isinstance(exc, OSError):
                raise _write_error(self.out, exc) from exc
            raise
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        """Swap the new site in; on an error, drop it. An OSError in writing the site
        becomes a plain sentence (a UsageError) naming the output folder."""
        if kind is not None:
            self.discard()
            if isinstance(exc, OSError) and self._about_output(exc):
                raise _write_error(self.out, exc) from exc
            return
        try:
            self._carry_over_yours()
            (self.tmp / MARKER).write_bytes(marker_text(self._added))
            self.moved_aside = _swap(self.tmp, self.target, self.token,
                                     keep_old=self.carried.keep_old)
        except OSError as exc:
            if self._about_output(exc):
                raise _write_error(self.out, exc) from exc
            raise

    def _carry_over_yours(self) -> None:
        """Carry the files the user put into the old site into the new one."""
        if not is_ours(self.target):
            return
        listing: Collection[str] | None = self.stamps
        if listing is None:
            from jobnotes.site.incremental import output_state

            listing = output_state(self.target)
        self.carried = carry_over(self.target, self.tmp, listing, self._added)

    @property
    def yours(self) -> list[str]:
        return self.carried.yours

    @property
    def clashes(self) -> list[str]:
        return self.carried.clashes

    def _about_output(self, exc: OSError) -> bool:
        """Whether ``exc`` is about writing the site (not, say, reading a note): it names
        the output folder, a folder beside it, or a folder on the way to it."""
        for name in (exc.filename, exc.filename2):
            if isinstance(name, str | bytes | os.PathLike):
                path = Path(os.fsdecode(name)).absolute()
                if self.target.is_relative_to(path):
                    return True
                if path.is_relative_to(self.target.parent):
                    first = path.relative_to(self.target.parent).parts[0]
                    if first == self.target.name or first.startswith(f"{self.target.name}."):
                        return True
        return False

    def add(self, rel: str, data: bytes, digest: str | None = None) -> None:
        """Put one file in the new site (``rel`` with "/"). With a ``digest`` of ``data``,
        a file the old site holds with that digest (see ``unchanged``) is linked."""
        path = self._place(rel)
        if self._kept(rel, path, digest):
            return
        path.write_bytes(data)

    def in_pieces(self, rel: str) -> Pieces:
        """``add`` of a file given piece by piece, written as the pieces come rather than
        held whole: ``with writer.in_pieces(rel) as file: file.write(piece)``, then
        ``file.digest``. The caller makes the pieces, so time spent making them is never
        counted as writing."""
        return Pieces(self, rel)

    def made_elsewhere(self, rels: Collection[str]) -> None:
        """Count files another process wrote into the new folder as made by this build
        (the marker lists them, so the next build does not take them for the user's)."""
        self._added.update(rels)

    def _place(self, rel: str) -> Path:
        """Where ``rel`` goes in the new folder, its parent made and nothing there."""
        path = self.tmp / _checked_rel(rel)
        parent = rel.rpartition("/")[0]
        if parent and parent not in self._made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(parent)
        if rel in self._added:
            path.unlink()       # never write through a link into the old site
        self._added.add(rel)
        return path

    def _kept(self, rel: str, path: Path, digest: str | None) -> bool:
        """Whether the old site's copy of ``rel``, the same bytes, is now linked at
        ``path``."""
        if rel not in self.keep:
            return False
        same = (digest is not None and self.keep[rel] == digest
                if isinstance(self.keep, Mapping) else True)
        return same and self._still(rel) and hard_link(self.target / rel, path)

    def _still(self, rel: str) -> bool:
        if self.stamps is None:
            return True
        try:
            info = os.stat(self.target / rel, follow_symlinks=False)
        except OSError:
            return False
        return self.stamps.get(rel) == (info.st_size, info.st_mtime_ns, info.st_ino)

    def discard(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


class Pieces:
    """One file of the site written piece by piece (``SiteWriter.in_pieces``). The first
    piece is held: a file of one piece, as most pages are, is ``add``ed like any other.
    From the second on they go to the file. A longer file the old site holds unchanged is
    then swapped for a link to it, so it keeps its time. ``digest`` (``cache.digest`` of
    all the bytes) is set when the block ends without an error."""

    def __init__(self, writer: SiteWriter, rel: str) -> None:
        self.writer, self.rel = writer, rel
        self.digest = ""
        self._first: bytes | None = None
        self._file: BinaryIO | None = None
        self._path: Path | None = None
        self._summed: Any = None

    def __enter__(self) -> Pieces:
        return self

    def write(self, piece: bytes) -> None:
        if self._file is None:
            if self._first is None:
                self._first = piece
                return
            from jobnotes.cache import hasher

            self._path = self.writer._place(self.rel)
            self._file = open(self._path, "wb")     # noqa: SIM115 - closed in __exit__
            self._summed = hasher(self._first)
            self._file.write(self._first)
            self._first = None
        self._summed.update(piece)
        self._file.write(piece)

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if self._file is not None:
            self._file.close()
        if kind is not None:
            return                  # the writer drops the whole new folder
        if self._file is None:
            from jobnotes.cache import digest

            data = self._first or b""
            self.digest = digest(data)
            self.writer.add(self.rel, data, self.digest)
            return
        assert self._path is not None
        self.digest = str(self._summed.hexdigest())
        beside = self._path.with_name(f"{self._path.name}.{self.writer.token}")
        if self.writer._kept(self.rel, beside, self.digest):
            os.replace(beside, self._path)


def _same_access(new: Path, old: Path) -> None:
    """The new site folder gets the permissions of the one it replaces: a site the user
    made private (``chmod 700``) stays private. Never less than the owner's full access,
    which the next build needs to replace it again."""
    try:
        mode = old.stat().st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        new.chmod(stat.S_IMODE(mode) | stat.S_IRWXU)


def _swap(tmp: Path, target: Path, token: str, *, keep_old: bool = False) -> Path | None:
    """Put ``tmp`` in place of ``target``; delete the previous folder only if it was ours
    and not ``keep_old``. Returns where a previous folder that was kept now is."""
    old: Path | None = None
    if target.exists():
        old = target.with_name(f"{target.name}.old-{token}")
        try:
            target.rename(old)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    try:
        tmp.rename(target)
    except BaseException:
        if old is not None:
            old.rename(target)
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is None:
        return None
    if is_ours(old) and not keep_old:
        shutil.rmtree(old, ignore_errors=True)
        return None
    if not any(old.iterdir()):
        old.rmdir()
        return None
    return old
