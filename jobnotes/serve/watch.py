"""File-system watching with watchdog: raw paths out, filtering is the caller's job."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

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

    def start(self) -> None:
        self.observer.start()

    def stop(self) -> None:
        try:
            self.observer.stop()
            self.observer.join(timeout=5)
        except RuntimeError:
            pass   # never started


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def written_since(folders: Iterable[Path], since_ns: int, skip: Iterable[Path] = ()) -> list[str]:
    """Every file and folder under ``folders`` whose time is ``since_ns`` or later: what a
    watcher would have reported had it been watching since then (a folder's time tells
    that a file in it came or went). Hidden folders and ``skip`` are not looked into."""
    skipped = {os.path.abspath(p) for p in skip}
    found: list[str] = []
    stack = [os.path.abspath(folder) for folder in folders if folder.is_dir()]
    while stack:
        folder = stack.pop()
        try:
            if os.stat(folder).st_mtime_ns >= since_ns:
                found.append(folder)
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if not entry.name.startswith(".") and entry.path not in skipped:
                        stack.append(entry.path)
                elif entry.stat().st_mtime_ns >= since_ns:
                    found.append(entry.path)
            except OSError:
                continue
    return found
