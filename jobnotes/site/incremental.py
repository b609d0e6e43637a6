"""What the last build of a vault into an output folder read and wrote.

With it, a rebuild when nothing the build reads has changed (the vault's files, the
templates, the settings, the date, jobnotes itself) and the output folder is as that build
left it returns the recorded result without reading a note: the site is already right.
Any other rebuild uses it to know which files of the output folder are still those it
wrote, so it writes only the files whose content changed.

The record lives in the cache folder (``jobnotes.cache``), one per output folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jobnotes import cache
from jobnotes.diagnostics import Diagnostic

OutStamp = tuple[int, int, int]     # size, mtime_ns, inode of an output file


@dataclass(slots=True)
class Outcome:
    """What a build reports, kept so an unchanged rebuild can report it again."""

    pages: int
    files: list[str]
    diagnostics: list[Diagnostic]
    files_checked: int


@dataclass(slots=True)
class Record:
    inputs: str                                  # digest of the settings of the build
    snapshot: cache.Snapshot                     # the vault's files when it read them
    written: dict[str, tuple[str, OutStamp]]     # output file -> (content digest, stamp)
    outcome: Outcome | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _record_path(folder: Path, out: Path) -> Path:
    return folder / f"site-{cache.text_digest(os.path.realpath(out))[:20]}.pickle"


def load_record(folder: Path, out: Path) -> Record | None:
    found = cache.read_pickle(_record_path(folder, out), cache.code_fingerprint())
    return found if isinstance(found, Record) else None


def save_record(folder: Path, out: Path, record: Record) -> None:
    cache.write_pickle(_record_path(folder, out), cache.code_fingerprint(), record)


def forget_record(folder: Path, out: Path) -> None:
    _record_path(folder, out).unlink(missing_ok=True)


def output_state(out: Path) -> dict[str, OutStamp] | None:
    """Every file in the output folder with its stamp; None when it cannot be listed."""
    found: dict[str, OutStamp] = {}
    pending = [(str(out), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return None
        for entry in entries:
            rel = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, rel + "/"))
                    continue
                info = entry.stat(follow_symlinks=False)
            except OSError:
                return None
            found[rel] = (info.st_size, info.st_mtime_ns, info.st_ino)
    return found


def still_written(record: Record | None, state: dict[str, OutStamp] | None) -> dict[str, str]:
    """Output file -> content digest, for the files the folder still holds as written."""
    if record is None or state is None:
        return {}
    return {rel: sha for rel, (sha, stamp) in record.written.items() if state.get(rel) == stamp}


def unchanged(record: Record | None, inputs: str, snapshot: cache.Snapshot,
              state: dict[str, OutStamp] | None) -> bool:
    """Whether the folder holds exactly what a build from these inputs writes."""
    if record is None or record.outcome is None or state is None:
        return False
    if record.inputs != inputs or not snapshot.same_as(record.snapshot):
        return False
    written = {rel: stamp for rel, (_, stamp) in record.written.items()}
    return written == state
