"""The watcher: changes inside folders made while serving are seen, without noise."""

from __future__ import annotations

import threading
import time
import warnings
from pathlib import Path

from jobnotes.serve.watch import Watcher


def _wait_for(seen: list[str], lock: threading.Lock, suffix: str) -> bool:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with lock:
            if any(p.endswith(suffix) for p in seen):
                return True
        time.sleep(0.02)
    return False


def test_folders_made_at_once_inside_the_vault_are_watched_without_a_warning(
        tmp_path: Path) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for n in range(5):
            root = tmp_path / f"vault-{n}"
            root.mkdir()
            seen: list[str] = []
            lock = threading.Lock()

            def on_paths(paths: list[str], seen: list[str] = seen,
                         lock: threading.Lock = lock) -> None:
                with lock:
                    seen.extend(paths)

            watcher = Watcher(root, [], on_paths)
            watcher.start()
            try:
                static = root / "site-templates" / "static"
                static.mkdir(parents=True)                # two new folders in one go
                time.sleep(0.1)
                (static / "style.css").write_text("body {}", encoding="utf-8")
                assert _wait_for(seen, lock, "site-templates/static/style.css")
            finally:
                watcher.stop()
        # watchdog may add the same watch twice for such folders and say so; it is
        # harmless (the watch stays) and not for users' eyes.
        warnings.warn("Callback with id 'x' already exists for watch <w>. It will be "
                      "Overwritten.", RuntimeWarning, stacklevel=1)
    assert not [w for w in caught if "already exists for watch" in str(w.message)]
