"""``jobnotes check``: every finding about a vault, answered from the last check when no
file has changed since (a pre-commit hook runs it on every commit), else from a load.

The note reader is imported only when notes must be read: the unchanged case needs
only the cache, the settings and a listing of the vault.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jobnotes import cache, gcpolicy
from jobnotes.diagnostics import Diagnostic, sort_diagnostics
from jobnotes.settings import Settings, load_settings

CHECK_FILE = "check.pickle"     # the last check's findings, in the vault's cache folder


def check_vault(root: Path, *, today: date, use_cache: bool | None = None,
                ) -> tuple[list[Diagnostic], int]:
    """Every finding about the vault, sorted, and how many files were checked.

    With the cache on, a vault where no file has changed since the last check on the
    same day is not read again: its findings are those of that check.
    """
    with gcpolicy.bulk_work():
        return _check_vault(root, today, cache.enabled(use_cache))


def _check_vault(root: Path, today: date, use_cache: bool) -> tuple[list[Diagnostic], int]:
    if not use_cache:
        from jobnotes.load import load_vault

        vault = load_vault(root, today=today)
        return sort_diagnostics(vault.diagnostics), vault.files_checked
    settings, _ = load_settings(root, skill_checks=False)
    folder = cache.vault_folder(root)
    inputs = check_inputs(today, settings)
    snap = cache.vault_snapshot(root, settings, skip=[root / settings.folders.output])
    kept = cache.read_pickle(folder / CHECK_FILE, cache.code_fingerprint())
    if (isinstance(kept, tuple) and len(kept) == 4 and kept[0] == inputs
            and snap.same_as(kept[1])):
        return list(kept[2]), kept[3]
    from jobnotes.load import load_cached

    vault = load_cached(root, today=today, use_cache=True)
    findings = sort_diagnostics(vault.diagnostics)
    remember_check(folder, inputs, snap, findings, vault.files_checked)
    return findings, vault.files_checked


def check_inputs(today: date, settings: Settings) -> str:
    """What a check's findings depend on besides the files: the date and the settings
    (read without the skills vocabulary's findings, which follow from the files)."""
    return cache.text_digest(today, repr(settings))


def remember_check(folder: Path, inputs: str, snapshot: cache.Snapshot,
                   findings: list[Diagnostic], files_checked: int) -> None:
    """Keep the findings about the vault's files as ``snapshot`` saw them, for the next
    ``check`` (a build keeps those it read too: a check right after it is answered at
    once, as when a pre-commit hook runs after a build)."""
    cache.write_pickle(folder / CHECK_FILE, cache.code_fingerprint(),
                       (inputs, snapshot.kept(), findings, files_checked))
