"""Where an export may be written: anywhere but over the user's own files in the vault."""

from __future__ import annotations

import contextlib
import os
import secrets
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
    ``suffix`` (".csv", ...) is the extension of the file name the refusal suggests.
    """
    from jobnotes.site.output import user_folder_clash

    target = path.expanduser().resolve()
    if target.is_dir():
        raise UsageError(f"{path} is a folder; give a file name, e.g. "
                         f"{path / ('export' + (suffix or '.csv'))}.")
    root = vault_root.resolve()
    # Where the file itself goes: a link in the vault is replaced, not written through.
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
    if (placed.is_relative_to(root) and (placed.exists() or placed.is_symlink())
            and not _earlier_export(placed, suffix)):
        raise UsageError(f"{path} is an existing file in the vault {vault_root}; jobnotes "
                         f"never overwrites your files. {elsewhere}")
    blocker = next(p for p in placed.parents if p.exists())
    if not blocker.is_dir():
        raise UsageError(f"Could not write {path}: {blocker} is a file, not a folder.")


# What an export may replace in the vault: a file of its own kind, as when the calendar is
# exported again to update it. Never notes or settings, whatever the export.
NEVER_REPLACED = (".md", ".toml", "")


def _earlier_export(placed: Path, suffix: str) -> bool:
    """Whether the existing vault file ``placed`` is, by its name, an export of this kind
    (a regular file, not a link)."""
    kind = placed.suffix.lower()
    return (kind == suffix.lower() and kind not in NEVER_REPLACED and not placed.is_symlink()
            and placed.is_file())


def write_export(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path`` whole: a temporary sibling file renamed over it."""
    path = path.expanduser()
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):      # e.g. its folder could not be made
            temporary.unlink()
        raise JobnotesError(f"Could not write {path}: {exc.strerror or exc}.") from exc
