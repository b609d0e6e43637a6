"""File-system watching with watchdog: raw paths out, filtering is the caller's job."""

from __future__ import annotations

import stat
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from jobnotes.obsidian.appconfig import obsidian_root

# Events that say a file's content or existence changed. "opened" and
# "closed_no_write" are noise; "closed" follows a write on Linux.
_RELEVANT = {"created", "modified", "deleted", "moved", "closed"}


class _Forward(FileSystemEventHandler):
    def __init__(self, on_paths: Callable[[list[str]], None]) -> None:
        self.on_paths = on_paths

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in _RELEVANT:
            return
        if event.is_directory and event.event_type in ("modified", "closed"):
            return   # a folder "modified" only echoes a change to a file inside it
        paths = [_text(event.src_path)]
        dest = getattr(event, "dest_path", "")
        if dest:
            paths.append(_text(dest))   # atomic saves: temp file renamed over the note
        self.on_paths(paths)


def _text(path: str | bytes) -> str:
    return path.decode(errors="surrogateescape") if isinstance(path, bytes) else path


class Watcher:
    """Watches the vault and the template folders; ``poll`` for network drives."""

    def __init__(self, root: Path, template_dirs: list[Path],
                 on_paths: Callable[[list[str]], None], *, poll: bool = False) -> None:
        self.observer = PollingObserver(timeout=0.5) if poll else Observer()
        handler = _Forward(on_paths)
        watched: list[Path] = []
        for folder in [root, *template_dirs]:
            folder = folder.resolve()
            if not folder.is_dir() or any(_inside(folder, w) for w in watched):
                continue
            watched.append(folder)
            self.observer.schedule(handler, str(folder), recursive=True)
        # The Obsidian vault holding this one keeps the settings its notes read by.
        outer = obsidian_root(root)
        if outer is not None and not any(_inside(outer / ".obsidian", w) for w in watched):
            self.observer.schedule(handler, str(outer / ".obsidian"), recursive=False)

    def start(self) -> None:
        _quiet_rewatch_warning()
        self.observer.start()

    def stop(self) -> None:
        try:
            self.observer.stop()
            self.observer.join(timeout=5)
        except RuntimeError:
            pass   # never started


def _quiet_rewatch_warning() -> None:
    """watchdog's inotify observer, seeing a new folder inside a watched one, may add the
    same watch twice (once while it walks the new folder, once for the folder's own
    "created" event) and warns that it overwrote a callback with itself. Nothing is lost:
    the watch stays, with the same callback. Users would only see a puzzling message."""
    warnings.filterwarnings("ignore", message=r"Callback with id .* already exists for watch",
                            category=RuntimeWarning)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def stamps(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """(time, size) of each file at or under ``paths`` (folders are looked into): taken
    twice, they tell whether any of these files changed, came or went in between."""
    found: dict[str, tuple[int, int]] = {}
    for path in paths:
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            try:
                info = file.stat()
            except OSError:
                continue        # missing now: if it shows up later, that differs all the same
            if stat.S_ISREG(info.st_mode):
                found[str(file)] = (info.st_mtime_ns, info.st_size)
    return found
