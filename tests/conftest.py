"""Shared test helpers: small vaults written into tmp_path."""

from __future__ import annotations

import hashlib
import shutil
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_VAULT = REPO / "example-vault"
# A clean application note's front matter: applied on 2 November 2026 through a job board.
APPLIED_NOTE = """\
---
company: Acme
role: Data Analyst
status: applied
channel: job-board
applied: 2026-11-02
---
"""


def write_vault(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (vault-relative path -> text or bytes) under ``root``.

    Text is dedented, so tests can write notes as indented triple-quoted strings.
    """
    root.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def copy_example(dest: Path) -> Path:
    """A copy of the example vault at ``dest`` (without a site built into it)."""
    shutil.copytree(EXAMPLE_VAULT, dest, ignore=shutil.ignore_patterns("_site"))
    return dest


@contextmanager
def running_serve(root: Path, **options: Any) -> Iterator[list[str]]:
    """``jobnotes serve`` of ``root`` in a thread, from ready until the block ends; what
    it printed. It must have stopped when the block is left."""
    from jobnotes.serve.session import run

    ready, stop = threading.Event(), threading.Event()
    lines: list[str] = []
    thread = threading.Thread(target=run, args=(root,), daemon=True, kwargs=dict(
        port=0, explicit_port=True, today=date(2026, 11, 27), echo=lines.append,
        ready=ready, stop=stop, **options))
    thread.start()
    try:
        assert ready.wait(30), lines
        yield lines
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()


def hash_tree(root: Path) -> dict[str, str]:
    """Every file under ``root`` with the SHA-256 of its bytes."""
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def vault(tmp_path: Path):
    """A factory: ``vault({"applications/a.md": "..."})`` returns the vault root."""

    def make(files: dict[str, str | bytes]) -> Path:
        return write_vault(tmp_path / "vault", files)

    return make


@pytest.fixture
def notes_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The notes read and checked from now on (not taken from a cache), in order."""
    import jobnotes.load

    seen: list[str] = []
    original = jobnotes.load._note_of

    def counted(root, path, rel, data, settings, today):  # type: ignore[no-untyped-def]
        seen.append(rel)
        return original(root, path, rel, data, settings, today)

    monkeypatch.setattr(jobnotes.load, "_note_of", counted)
    return seen


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                   ) -> None:
    """Builds in tests keep their cache in a temporary folder, never in ~/.cache."""
    monkeypatch.setenv("JOBNOTES_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example vault built for 2026-11-27, once per run; tests only read it."""
    from click.testing import CliRunner

    from jobnotes.cli import main

    out = tmp_path_factory.mktemp("example") / "_site"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE_VAULT), "-o", str(out),
                                       "--today", "2026-11-27", "--no-cache"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless chromium for one test module (see ``tests.browser``)."""
    from tests.browser import chromium_browser

    with chromium_browser() as launched:
        yield launched
