"""What `jobnotes serve` shows, shared by its threads: the current state of the site
(``BuildState``) and the holder that swaps it in whole and wakes the tabs' event streams
(``LiveSite``)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field

from jobnotes.serve.ondemand import page_digest


@dataclass
class BuildState:
    """What the server shows: the pages of the last good build and the current findings."""

    # A mapping of site path -> bytes: a dict, or an OnDemandSite that renders on request.
    files: Mapping[str, bytes] = field(default_factory=dict)
    build: int = 0
    findings: list[dict[str, object]] = field(default_factory=list)
    failure: str | None = None          # why the last build failed, if it did
    changed: list[str] | None = None    # pages changed by the last build (None: all)
    built: bool = True                  # False while no build has succeeded yet
    title: str | None = None            # the overlay's heading for ``failure``, if not the usual
    advice: str | None = None           # and what to do about it, if not "fix and save"
    static: str | None = None           # digest of the static files: a change reloads every tab


class LiveSite:
    """Thread-safe holder of the current build, with a condition to wake event streams."""

    def __init__(self) -> None:
        self.run_id = uuid.uuid4().hex[:12]
        self._state = BuildState()
        self._cond = threading.Condition()
        self.closing = False
        self.clients = 0        # open event streams, i.e. visible tabs

    @property
    def state(self) -> BuildState:
        return self._state

    def publish(self, state: BuildState) -> None:
        with self._cond:
            state.build = self._state.build + 1
            self._state = state
            self._cond.notify_all()

    def wait_for_change(self, build: int, timeout: float) -> BuildState:
        with self._cond:
            self._cond.wait_for(lambda: self._state.build != build or self.closing, timeout)
            return self._state

    def add_client(self, delta: int) -> None:
        with self._cond:
            self.clients += delta

    def close(self) -> None:
        with self._cond:
            self.closing = True
            self._cond.notify_all()

    def status(self, page: str | None = None, state: BuildState | None = None
               ) -> dict[str, object]:
        """What a tab needs after a build (``state``, default the current one); with
        ``page``, the digest of that page in it (a tab reloads when it differs from the
        page it shows)."""
        state = state or self._state
        found: dict[str, object] = {}
        if page is not None:
            found["page"] = page
            found["digest"] = file_digest(state.files, page)
        return {
            "run": self.run_id,
            "build": state.build,
            # Only errors: the overlay shows nothing else, and a large vault's hints
            # would make every message to every tab hundreds of kilobytes.
            "findings": [f for f in state.findings if f.get("severity", "error") == "error"],
            # A page that failed to render on request reports itself on its files.
            "failure": state.failure or getattr(state.files, "failure", None),
            "changed": state.changed,
            "built": state.built,
            "title": state.title,
            "advice": state.advice,
            "static": state.static,
            "clients": self.clients,
            **found,
        }


def file_digest(files: Mapping[str, bytes], rel: str) -> str | None:
    """The digest of the file at ``rel`` in a build's files (None: there is none)."""
    digest = getattr(files, "digest", None)
    if digest is not None:
        return digest(rel)
    return page_digest(files.get(rel))
