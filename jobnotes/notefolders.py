"""Whether the application and people folders are there: a renamed folder, or a typo in
jobnotes.toml, must be an error, never a vault that silently lost its notes."""

from __future__ import annotations

import os
from pathlib import Path

from jobnotes.diagnostics import Diagnostic, error
from jobnotes.settings import SETTINGS_FILE, Folders, Settings
from jobnotes.suggest import did_you_mean
from jobnotes.vault import link_target

_NOTE_FOLDERS = (("applications", "application"), ("people", "person"))


def folder_findings(root: Path, settings: Settings) -> list[Diagnostic]:
    """Errors for a note folder that is not there, or not a folder: without them a
    renamed folder, or a typo in jobnotes.toml, would silently leave its notes out.

    The applications folder must be there (``jobnotes init`` makes it). The people folder
    may be left out by a vault without contact notes, unless jobnotes.toml names it or a
    folder of a close name is there (then it was renamed, or misspelt). A folder that
    cannot be listed is reported by ``note_rels``.
    """
    root = Path(root)
    folders = settings.folders
    names = [getattr(folders, key) for key, _ in _NOTE_FOLDERS]
    # No note folder and no settings: most likely not a vault at all (the wrong folder).
    stray = not os.path.lexists(root / SETTINGS_FILE) and not any(
        os.path.lexists(root / name) for name in names)
    found = []
    for key, noun in _NOTE_FOLDERS:
        problem = _folder_problem(root, settings, key, noun, stray)
        if problem is not None:
            found.append(problem)
        if stray:
            break               # one finding says it: this is not a vault
    return found


def _folder_problem(root: Path, settings: Settings, key: str, noun: str, stray: bool
                    ) -> Diagnostic | None:
    name = getattr(settings.folders, key)
    path = root / name
    if os.path.isdir(path):
        return None
    setting = f"folders.{key}"
    configured = name != getattr(Folders(), key)
    where = f"{name}/ ({setting} in {SETTINGS_FILE})" if configured else f"{name}/"
    lost = f"no {noun} notes were read"
    if os.path.lexists(path):
        if os.path.islink(path):
            message = (f"the folder {where} is a link to {link_target(path)}, which does not "
                       f"exist, so {lost}")
            hint = (f"fix the link, or set {setting} in {SETTINGS_FILE} to the folder that "
                    f"holds your {noun} notes")
        else:
            message = f"{name} is a file, not the folder {where}, so {lost}"
            hint = (f"move the file away and create the folder {name}/, or set {setting} in "
                    f"{SETTINGS_FILE} to the folder that holds your {noun} notes")
        return error(name, 0, 0, "notes-folder", message, hint)
    close = _close_folder(root, settings, name)
    if close is not None:
        if configured:
            fix = f'If so, set {setting} = "{close}" in {SETTINGS_FILE} (it says "{name}")'
        else:
            fix = f'If so, rename it to {name}/, or set {setting} = "{close}" in {SETTINGS_FILE}'
        return error(name, 0, 0, "notes-folder", f"the folder {where} does not exist, so "
                     f"{lost}", f"did you mean {close}/? {fix}")
    if stray:
        inner = [path.name for path in vaults_inside(root)]
        hint = (f"the folder {inner[0]}/ inside it is a vault: did you mean `jobnotes check "
                f"{inner[0]}` (or `cd {inner[0]}` first)?" if inner else
                "run jobnotes from the vault's folder or give its path (jobnotes check "
                "PATH); to start a new vault here, run jobnotes init")
        return error(name, 0, 0, "notes-folder",
                     f"there is no {name}/ folder, no {settings.folders.people}/ folder and "
                     f"no {SETTINGS_FILE} here, so this does not look like a jobnotes vault",
                     hint)
    if configured:
        hint = f'{setting} in {SETTINGS_FILE} says "{name}": correct it, or create the folder'
    elif key == "people":
        return None             # a vault without contact notes
    else:
        hint = (f"create the folder {name}/ for your {noun} notes, or set {setting} in "
                f"{SETTINGS_FILE} to the folder that holds them")
    return error(name, 0, 0, "notes-folder", f"the folder {where} does not exist, so {lost}",
                 hint)


def _close_folder(root: Path, settings: Settings, name: str) -> str | None:
    """A folder next to where ``name`` should be with a name like it (the same but for
    case first), as a vault path; None when there is none."""
    parent_rel, _, last = name.rpartition("/")
    parent = root / parent_rel if parent_rel else root
    folders = settings.folders
    taken = {os.path.abspath(root / other) for other in (
        folders.applications, folders.people, folders.templates, folders.output,
        folders.site_templates) if other}
    try:
        with os.scandir(parent) as listing:
            names = [entry.name for entry in listing if not entry.name.startswith(".")
                     and os.path.isdir(entry.path)
                     and os.path.abspath(entry.path) not in taken]
    except OSError:
        return None
    same = sorted(other for other in names if other.casefold() == last.casefold())
    close = same[0] if same else did_you_mean(last, sorted(names))
    if close is None:
        return None
    return f"{parent_rel}/{close}" if parent_rel else close


def folder_state(root: Path, settings: Settings) -> list[tuple[str, int]]:
    """Each note folder's name with what is at its place: 1 a folder, 2 something else, 3 a
    broken link, 0 nothing (for caches: ``folder_findings`` depends on it)."""
    states = []
    for key, _ in _NOTE_FOLDERS:
        name = getattr(settings.folders, key)
        path = Path(root) / name
        state = (1 if os.path.isdir(path) else 2 if os.path.exists(path)
                 else 3 if os.path.lexists(path) else 0)
        states.append((name, state))
    return states


def looks_like_vault(folder: Path) -> bool:
    """The one rule for "this is a vault": jobnotes.toml, an applications/ or a people/
    folder is there (``init`` makes all three, so an empty new vault is one)."""
    defaults = Settings()
    names = (SETTINGS_FILE, defaults.folders.applications, defaults.folders.people)
    return any(os.path.lexists(folder / name) for name in names)


def vaults_inside(root: Path, limit: int = 2000) -> list[Path]:
    """The folders just inside ``root`` that are vaults, by name (hidden ones left out;
    at most ``limit`` entries looked at, so a huge folder costs little)."""
    found = []
    try:
        with os.scandir(root) as listing:
            for number, entry in enumerate(listing):
                if number >= limit:
                    break
                if entry.name.startswith(".") or not entry.is_dir():
                    continue
                if looks_like_vault(Path(entry.path)):
                    found.append(Path(entry.path))
    except OSError:
        return []
    return sorted(found, key=lambda path: path.name.casefold())
