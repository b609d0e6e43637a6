"""What the user's Obsidian settings say about how notes read, so pages show them alike.

Obsidian keeps its settings in ``.obsidian/app.json`` at the top of the vault; the
jobnotes vault may be that folder or one inside it. Only one setting changes what a note
says on the page: "Strict line breaks" (``strictLineBreaks``), off by default, under
which a single line break in a paragraph shows as a line break. Without an Obsidian
folder, notes read as CommonMark (a single line break joins the lines), as in other
editors and on GitHub.
"""

from __future__ import annotations

import os
from pathlib import Path

SETTINGS_FILE = os.path.join(".obsidian", "app.json")
_LEVELS = 8             # how far up from the jobnotes folder to look for the Obsidian vault


def obsidian_root(root: Path) -> Path | None:
    """The Obsidian vault holding ``root``: ``root`` itself or the nearest folder above it
    with an ``.obsidian`` folder; None when there is none."""
    folder = Path(os.path.abspath(root))
    for _ in range(_LEVELS):
        if (folder / ".obsidian").is_dir():
            return folder
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


def obsidian_settings(root: Path) -> dict[str, object] | None:
    """The Obsidian settings of the vault holding ``root``; None when there is none (an
    unreadable or damaged file reads as Obsidian's defaults)."""
    folder = obsidian_root(root)
    if folder is None:
        return None
    import json  # only for a vault inside an Obsidian one

    try:
        found = json.loads((folder / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return {}
    return found if isinstance(found, dict) else {}


def soft_breaks(root: Path) -> bool:
    """Whether a single line break in a paragraph shows as a line break, as in Obsidian
    with "Strict line breaks" off (its default)."""
    found = obsidian_settings(root)
    return found is not None and not bool(found.get("strictLineBreaks", False))
