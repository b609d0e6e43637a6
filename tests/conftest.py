"""Shared test helpers: small vaults written into tmp_path."""

from __future__ import annotations

import hashlib
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_VAULT = REPO / "example-vault"


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


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
                   ) -> None:
    """Builds in tests keep their cache in a temporary folder, never in ~/.cache."""
    monkeypatch.setenv("JOBNOTES_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
