"""What the last build of a vault into an output folder read and wrote.

With it, a rebuild when nothing the build reads has changed (the vault's files, the
templates, the settings, the date, jobnotes itself) and the output folder is as that build
left it returns the recorded result without reading a note: the site is already right.
Any other rebuild uses it to know which files of the output folder are still those it
wrote, so it writes only the files whose content changed.

The record lives in the cache folder (``jobnotes.cache``), one per output folder, in two
files: what the build read and reported, and what it wrote. The second, the larger, is
read and compared with the output folder by the process that lists that folder
(``check_output``), while the first lists the vault.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
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
    token: str = ""         # the same in both files of one record (see ``save_record``)


@dataclass(slots=True)
class OutputCheck:
    """The output folder compared with what the last build wrote."""

    token: str | None       # of the written files compared with (None: none were kept)
    same: bool              # the folder holds exactly those files, each as written
    state: dict[str, OutStamp] | None = None    # the listing when not the same, if any


def _record_paths(folder: Path, out: Path) -> tuple[Path, Path]:
    base = f"site-{cache.text_digest(os.path.realpath(out))[:20]}"
    return folder / f"{base}.pickle", folder / f"{base}-written.pickle"


def load_record(folder: Path, out: Path) -> Record | None:
    """The last build's record, without the files it wrote (``written`` is empty: see
    ``check_output`` and ``load_written``)."""
    found = cache.read_pickle(_record_paths(folder, out)[0], cache.code_fingerprint())
    return found if isinstance(found, Record) else None


def save_record(folder: Path, out: Path, record: Record) -> None:
    """Keep ``record``: the files written first, so that a run stopped between the two
    leaves files whose tokens differ, which no later build trusts."""
    token = os.urandom(8).hex()
    main, written = _record_paths(folder, out)
    cache.write_pickle(written, cache.code_fingerprint(), (token, record.written))
    cache.write_pickle(main, cache.code_fingerprint(), replace(record, written={}, token=token))


def _kept_written(folder: Path, out: Path) -> tuple[str, dict[str, tuple[str, OutStamp]]] | None:
    found = cache.read_pickle(_record_paths(folder, out)[1], cache.code_fingerprint())
    if (isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], str)
            and isinstance(found[1], dict)):
        return found
    return None


def load_written(folder: Path, out: Path, record: Record | None
                 ) -> dict[str, tuple[str, OutStamp]] | None:
    """What the build of ``record`` wrote; None when not kept with it."""
    kept = _kept_written(folder, out)
    if record is None or kept is None or kept[0] != record.token:
        return None
    return kept[1]


def check_output(folder: Path, out: Path) -> OutputCheck:
    """List the output folder and compare it with the files the last build wrote."""
    state = output_state(out)
    kept = _kept_written(folder, out)
    if kept is None:
        return OutputCheck(None, False, state)
    token, written = kept
    same = (state is not None and len(state) == len(written)
            and all(state.get(rel) == stamp for rel, (_, stamp) in written.items()))
    return OutputCheck(token, same, None if same else state)


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


def still_written(written: dict[str, tuple[str, OutStamp]] | None,
                  state: dict[str, OutStamp] | None) -> dict[str, str]:
    """Output file -> content digest, for the files the folder still holds as written."""
    if written is None or state is None:
        return {}
    return {rel: sha for rel, (sha, stamp) in written.items() if state.get(rel) == stamp}


def unchanged(record: Record | None, inputs: str, snapshot: cache.Snapshot,
              check: OutputCheck | None) -> bool:
    """Whether the folder holds exactly what a build from these inputs writes."""
    if record is None or record.outcome is None or check is None:
        return False
    return (check.same and check.token == record.token and record.inputs == inputs
            and snapshot.same_as(record.snapshot))


def previous_output(folder: Path, out: Path, record: Record | None,
                    check: OutputCheck | None
                    ) -> tuple[dict[str, str], dict[str, OutStamp] | None]:
    """For a build that writes: the files of the folder still as the last build wrote
    them (output file -> content digest), and the folder's listing (None: not listed)."""
    if check is None:
        return {}, None
    written = load_written(folder, out, record)
    if not check.same:
        return still_written(written, check.state), check.state
    if written is None or record is None or check.token != record.token:
        state = output_state(out)       # what was compared is not this record's: list again
        return still_written(written, state), state
    return ({rel: sha for rel, (sha, _) in written.items()},
            {rel: stamp for rel, (_, stamp) in written.items()})
