"""Where an export may be written (anywhere but over the user's own files in the vault) and
how: a file is replaced whole, a link is written through, a pipe or device is written into."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
from pathlib import Path

from jobnotes.errors import JobnotesError, UsageError
from jobnotes.settings import Settings


def check_export_path(path: Path, vault_root: Path, settings: Settings,
                      suffix: str = "") -> None:
    """Refuse an output file that is a folder, that lies in a folder of the user's own files
    (the notes, the templates, ``.obsidian``), or that is an existing file in the vault.

    The vault is the user's data: an export written into ``applications/`` would be read
    back as a (broken) note, and one over ``jobnotes.toml`` would replace the settings.
    A new file elsewhere in the vault, a file of the export's own kind there (exported
    before: ``suffix``), and any file outside it, may be written.
    A link is judged by the file it leads to, which is what gets written; a link in the
    vault must lead to a file the vault may hold, never out of it (a vault copied from
    elsewhere could otherwise aim an export at any of the user's files).
    ``suffix`` (".csv", ...) is the extension of the file name the refusal suggests.
    """
    from jobnotes.site.output import user_folder_clash

    target = _resolved(path)
    if target.is_dir():
        raise UsageError(f"{path} is a folder; give a file name, e.g. "
                         f"{path / ('export' + (suffix or '.csv'))}.")
    root = vault_root.resolve()
    # Where the name itself lies (a link there is written through, not replaced).
    placed = path.expanduser().absolute().parent.resolve() / path.name
    name = f"{target.stem or 'export'}{suffix or target.suffix}"
    fresh = vault_root / "exports" / name
    if fresh.exists():
        fresh = root.parent / name
    elsewhere = f"Write the export elsewhere, e.g. {fresh}."
    for where in (target, placed):
        clash = user_folder_clash(where, root, settings.folders)
        if clash is not None:
            raise UsageError(f"{path} {clash}; jobnotes never writes among your notes, "
                             f"templates or settings. {elsewhere}")
    if placed.is_relative_to(root) and placed.is_symlink() and not target.is_relative_to(root):
        raise UsageError(f"{path} is an existing file in the vault {vault_root}: a link to "
                         f"{target}, outside the vault; jobnotes never writes through a link "
                         f"out of the vault. {elsewhere}")
    if (target.is_relative_to(root) and (target.exists() or target.is_symlink())
            and not _earlier_export(target, suffix)):
        shown = path if target == placed else f"{path} (a link to {target})"
        raise UsageError(f"{shown} is an existing file in the vault {vault_root}; jobnotes "
                         f"never overwrites your files. {elsewhere}")
    blocker = next(p for p in target.parents if p.exists())
    if not blocker.is_dir():
        raise UsageError(f"Could not write {path}: {blocker} is a file, not a folder.")


def _resolved(path: Path) -> Path:
    """``path`` with every link followed; a link that leads back to itself is refused."""
    try:
        return path.expanduser().resolve()
    except (OSError, RuntimeError) as exc:    # RuntimeError: a link loop (Python 3.11)
        raise UsageError(f"Could not write {path}: it is a link that leads back to "
                         "itself.") from exc


# What an export may replace in the vault: a file of its own kind, as when the calendar is
# exported again to update it. Never notes or settings, whatever the export.
NEVER_REPLACED = (".md", ".toml", "")


def _earlier_export(target: Path, suffix: str) -> bool:
    """Whether the existing vault file ``target`` (links followed) is, by its name, an
    export of this kind (a regular file)."""
    kind = target.suffix.lower()
    return (kind == suffix.lower() and kind not in NEVER_REPLACED and not target.is_symlink()
            and target.is_file())


# Names of an already open descriptor (the shell's redirections), written into as they are.
_DESCRIPTOR = re.compile(r"/dev/(?:std(out|err)|fd/(\d+))|/proc/self/fd/(\d+)")


def write_export(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path`` whole.

    A regular file (or a new one) gets a temporary sibling renamed over it, so a reader
    never sees half an export; through a link, that is the file the link leads to, and
    the link stays. A path that is neither a file nor a folder (a pipe, ``/dev/null``,
    ``/dev/stdout``) is opened and written into: replacing it would cut off its reader.
    A link whose file does not exist yet creates that file when its folder exists.
    """
    path = path.expanduser()
    try:
        info = os.stat(path)                    # follows links
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _cannot(path, exc) from exc
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise JobnotesError(f"{path} is a folder; give a file name.")
    if info is not None and stat.S_ISBLK(info.st_mode):
        raise JobnotesError(f"{path} is a disk device; an export is written only to a file, "
                            "a pipe or a device such as /dev/null.")
    descriptor = _descriptor(path)
    if descriptor is not None:
        _write_all(descriptor, data, path)
    elif info is not None and not stat.S_ISREG(info.st_mode):
        _write_into(data, path, info)
    else:
        _replace(data, path, info)


def _descriptor(path: Path) -> int | None:
    """The descriptor number ``/dev/stdout``, ``/dev/fd/3`` or ``/proc/self/fd/3`` names."""
    match = _DESCRIPTOR.fullmatch(os.path.abspath(path))
    if match is None:
        return None
    std, *numbers = match.groups()
    if std is not None:
        return 1 if std == "out" else 2
    return int(next(n for n in numbers if n is not None))


def _write_into(data: bytes, path: Path, info: os.stat_result) -> None:
    """Open the pipe or device at ``path`` and write ``data`` into it (a pipe waits for
    its reader, as with ``cat > pipe``)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY)
    except OSError as exc:
        if stat.S_ISSOCK(info.st_mode):
            raise JobnotesError(f"Could not write {path}: it is a socket, which cannot be "
                                "opened as a file.") from exc
        raise _cannot(path, exc) from exc
    try:
        _write_all(fd, data, path)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes, path: Path) -> None:
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view):]
    except OSError as exc:
        raise _cannot(path, exc) from exc


def _replace(data: bytes, path: Path, info: os.stat_result | None) -> None:
    """Write a temporary file beside the real file ``path`` leads to and rename it over
    that file; nothing is left behind when it fails."""
    made = False
    try:
        if not path.is_symlink():               # a new file: its folders are made
            path.parent.mkdir(parents=True, exist_ok=True)
        real = Path(os.path.realpath(path))
        if not real.parent.is_dir():            # a link to a file in a missing folder
            raise JobnotesError(f"Could not write {path}: it is a link to {real}, and the "
                                f"folder {real.parent} does not exist.")
        temporary = real.with_name(f".{real.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        made = True
        try:
            if info is not None:                # keep the file's permissions
                os.fchmod(fd, stat.S_IMODE(info.st_mode))
            _write_all(fd, data, path)
        finally:
            os.close(fd)
        os.replace(temporary, real)
        made = False
    except OSError as exc:
        raise _cannot(path, exc) from exc
    finally:
        if made:                                # failed or interrupted: no file left over
            with contextlib.suppress(OSError):
                temporary.unlink()


def _cannot(path: Path, exc: OSError) -> JobnotesError:
    return JobnotesError(f"Could not write {path}: {exc.strerror or exc}.")
