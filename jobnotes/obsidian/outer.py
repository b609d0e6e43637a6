"""Notes of the Obsidian vault around the jobnotes folder.

The jobnotes vault can be one folder of a larger Obsidian vault. A link to a note
elsewhere in it is not missing (Obsidian opens it), but the site has no page for it: the
finding says where the note is instead of "not in the vault", and the link is shown as
text. The larger vault is listed once, only when some link is missing, and never read.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from jobnotes.obsidian.appconfig import obsidian_root
from jobnotes.obsidian.links import LinkIndex

MAX_FILES = 50_000          # a larger vault is not listed further: links are then "missing"


class OuterVault:
    """The files of the Obsidian vault at ``top`` outside the jobnotes folder ``inner``."""

    def __init__(self, top: Path, inner: Path) -> None:
        self.top = top
        self.prefix = Path(os.path.relpath(inner, top)).as_posix() + "/"
        self._index: LinkIndex | None = None

    def find(self, path: str, source: str) -> str | None:
        """The file outside the jobnotes folder that ``path`` in the note ``source`` (a
        jobnotes vault path) leads to in Obsidian, as a path from the Obsidian vault."""
        if self._index is None:
            self._index = LinkIndex(self._files())
        path = path.strip().replace("\\", "/")
        seen_from = self.prefix + source
        if path.startswith(("./", "../")):
            path = posixpath.normpath(posixpath.join(posixpath.dirname(seen_from), path))
            if path.startswith("../"):
                return None
        found = self._index.resolve(path, seen_from).rel
        return None if found is None or found.startswith(self.prefix) else found

    def _files(self) -> list[str]:
        found: list[str] = []
        pending = [(str(self.top), "")]
        inner = self.prefix.rstrip("/")
        while pending and len(found) < MAX_FILES:
            folder, rel = pending.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = rel + entry.name
                try:
                    if entry.is_dir(follow_symlinks=False):
                        if path != inner:
                            pending.append((entry.path, path + "/"))
                    elif entry.is_file(follow_symlinks=False):
                        found.append(path)
                except OSError:
                    continue
        return found


def outer_vault(root: Path) -> OuterVault | None:
    """The Obsidian vault around ``root``, when ``root`` is a folder inside one."""
    top = obsidian_root(root)
    if top is None or top == Path(os.path.abspath(root)):
        return None
    return OuterVault(top, Path(os.path.abspath(root)))
