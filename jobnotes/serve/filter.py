"""Which file-system events matter: editor droppings and output folders never rebuild."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

from jobnotes.obsidian.appconfig import SETTINGS_FILE as OBSIDIAN_SETTINGS
from jobnotes.settings import SETTINGS_FILE, Settings

# Temporary and backup files editors write next to the file being saved.
_EDITOR_TEMP = re.compile(
    r"""(
        \.sw[a-p]$ | \.swp$ | \.swx$       # vim swap files
      | ^4913$                             # vim's write-permission probe
      | ~$                                 # backups (vim, emacs, gedit)
      | ^\#.*\#$ | ^\.\#                   # emacs auto-save and lock files
      | ___jb_(tmp|old|bak)___$            # JetBrains safe-write
      | \.tmp$ | \.temp$ | \.crswap$       # generic and Chrome's File System Access
      | \.part$ | \.bak$ | \.orig$
      | ^\.DS_Store$ | ^Thumbs\.db$ | ^desktop\.ini$
      | ^\.goutputstream-                  # GNOME/GIO atomic save
      | \.kate-swp$
    )""",
    re.VERBOSE,
)


class ChangeKind(StrEnum):
    NOTE = "note"            # a Markdown note: re-read that note alone
    SETTINGS = "settings"    # jobnotes.toml, or Obsidian's app.json: rebuild everything
    TEMPLATE = "template"    # a site template or asset: re-render everything
    OTHER = "other"          # another note or an attachment: links and embeds may change
    DAY = "day"              # the date changed while serving: every page about today


@dataclass(frozen=True, slots=True)
class Change:
    kind: ChangeKind
    path: Path


def is_editor_temp(name: str) -> bool:
    return bool(_EDITOR_TEMP.search(name))


class EventFilter:
    """Classifies a changed path, or returns None when it must not trigger a build."""

    def __init__(self, vault_root: Path, settings: Settings,
                 template_dirs: list[Path], ignored_dirs: list[Path]) -> None:
        self.vault_root = vault_root.resolve()
        self.settings = settings
        self.template_dirs = [d.resolve() for d in template_dirs]
        self.ignored_dirs = [d.resolve() for d in ignored_dirs]
        self._note_dirs = (settings.folders.applications, settings.folders.people)

    def classify(self, path: str | Path) -> Change | None:
        path = Path(path)
        if not path.is_absolute():
            path = self.vault_root / path
        if is_editor_temp(path.name):
            return None
        if any(_is_within(path, ignored) for ignored in self.ignored_dirs):
            return None
        for template_dir in self.template_dirs:
            if _is_within(path, template_dir):
                rel = PurePosixPath(path.relative_to(template_dir).as_posix())
                if any(part.startswith(".") for part in rel.parts):
                    return None
                return Change(ChangeKind.TEMPLATE, path)
        if _obsidian_settings(path, self.vault_root):
            return Change(ChangeKind.SETTINGS, path)
        if not _is_within(path, self.vault_root):
            return None
        rel = PurePosixPath(path.relative_to(self.vault_root).as_posix())
        if any(part.startswith(".") for part in rel.parts):
            return None          # .git/, .obsidian/, .trash/, hidden files
        if rel.parts and rel.parts[0] in (self.settings.folders.output,
                                          self.settings.folders.templates):
            return None
        if str(rel) == SETTINGS_FILE:
            return Change(ChangeKind.SETTINGS, path)
        in_note_dirs = bool(rel.parts) and rel.parts[0] in self._note_dirs
        if path.suffix.lower() == ".md" and in_note_dirs:
            return Change(ChangeKind.NOTE, path)
        # A renamed or deleted folder of notes: treat it as a note change so it is re-scanned.
        if not path.suffix and in_note_dirs:
            return Change(ChangeKind.NOTE, path)
        # Other notes and attachments: a linked note's page or an embedded image may change.
        return Change(ChangeKind.OTHER, path)


def _obsidian_settings(path: Path, vault_root: Path) -> bool:
    """Whether ``path`` is the settings file of an Obsidian vault at or above the vault
    (how its notes read, line breaks included, follows it)."""
    folder = path.parent.parent
    return (path.parent.name == ".obsidian" and path.name == Path(OBSIDIAN_SETTINGS).name
            and (folder == vault_root or _is_within(vault_root, folder)))


def _is_within(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True
