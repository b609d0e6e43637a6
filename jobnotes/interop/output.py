"""Where an export may be written: anywhere except among the notes themselves."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from jobnotes.errors import JobnotesError, UsageError
from jobnotes.settings import Settings


def check_export_path(path: Path, vault_root: Path, settings: Settings) -> None:
    """Refuse an output file that is a folder, or that lies in the notes folders.

    The vault is the user's data: an export written into ``applications/`` or
    ``people/`` would be read back as a (broken) note on the next check.
    """
    target = path.expanduser().resolve()
    if target.is_dir():
        raise UsageError(f"{path} is a folder; give a file name, e.g. {path / 'export.csv'}.")
    root = vault_root.resolve()
    for folder in (settings.folders.applications, settings.folders.people):
        notes = root / folder
        if target.is_relative_to(notes):
            raise UsageError(
                f"{path} is inside the notes folder {folder}/; jobnotes never writes among "
                f"your notes. Write the export elsewhere, e.g. {root / 'exports' / target.name}."
            )


def write_export(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path`` whole: a temporary sibling file renamed over it."""
    path = path.expanduser()
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise JobnotesError(f"Could not write {path}: {exc.strerror or exc}.") from exc
