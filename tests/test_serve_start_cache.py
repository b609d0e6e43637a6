"""`jobnotes serve` starts from what earlier builds and checks kept in the cache: after a
`check`, it reads no note and searches no job description again, and it serves exactly
what it serves without any cache."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import jobnotes.jd.extract
from jobnotes.cli import main
from jobnotes.serve.session import ServeSession
from tests.conftest import copy_example

TODAY = date(2026, 11, 27)
PAGES = ("index.html", "applications/index.html", "problems.html", "skills.html",
         "applications/ashgrove-media-bi-developer.html")
NOTE = "applications/ashgrove-media-bi-developer.md"


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, notes_read: list[str]) -> dict[str, list[str]]:
    """The notes read and the descriptions searched for skills, from now on."""
    seen: dict[str, list[str]] = {"notes": notes_read, "descriptions": []}
    extract = jobnotes.jd.extract._extract

    def search(text, vocab, first_line):  # type: ignore[no-untyped-def]
        seen["descriptions"].append(text)
        return extract(text, vocab, first_line)

    monkeypatch.setattr(jobnotes.jd.extract, "_extract", search)
    jobnotes.jd.extract.FOUND.clear()
    jobnotes.jd.extract.DESCRIPTIONS.clear()
    return seen


def _served(root: Path) -> tuple[list[object], dict[str, bytes | None]]:
    session = ServeSession(root, today=TODAY, echo=lambda line: None)
    try:
        session.rebuild()
        state = session.site.state
        return list(state.findings), {page: state.files.get(page) for page in PAGES}
    finally:
        session.close()


def _check(root: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(root), "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output


def test_after_a_check_serve_reads_no_note_and_serves_what_it_would_without_cache(
        tmp_path: Path, counted, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_example(tmp_path / "vault")
    _check(root)
    counted["notes"].clear()
    counted["descriptions"].clear()
    jobnotes.jd.extract.FOUND.clear()
    findings, pages = _served(root)
    assert counted["notes"] == []
    assert counted["descriptions"] == []
    assert all(page is not None for page in pages.values())
    monkeypatch.setenv("JOBNOTES_CACHE", "off")
    assert _served(root) == (findings, pages)


def test_a_note_changed_since_the_check_is_read_again_and_shown(tmp_path: Path,
                                                                 counted) -> None:
    root = copy_example(tmp_path / "vault")
    _check(root)
    note = root / NOTE
    note.write_text(note.read_text(encoding="utf-8").replace("role: ", "role: Lead ", 1),
                    encoding="utf-8")
    counted["notes"].clear()
    _, pages = _served(root)
    assert counted["notes"] == [NOTE]
    assert b"Lead " in (pages["applications/ashgrove-media-bi-developer.html"] or b"")


def test_a_first_serve_keeps_what_it_read_for_the_next(tmp_path: Path, counted) -> None:
    root = copy_example(tmp_path / "vault")
    first = _served(root)
    assert len(counted["notes"]) > 50
    counted["notes"].clear()
    counted["descriptions"].clear()
    jobnotes.jd.extract.FOUND.clear()
    assert _served(root) == first
    assert counted["notes"] == [] and counted["descriptions"] == []


def test_a_first_start_with_an_empty_cache_opens_each_note_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing kept yet: each note is read once, to be parsed, not first looked up."""
    root = copy_example(tmp_path / "vault")
    opened: list[Path] = []
    read_bytes = Path.read_bytes

    def counted(path: Path) -> bytes:
        if path.suffix == ".md" and root in path.parents:
            opened.append(path)
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", counted)
    _served(root)
    notes = [p for p in root.rglob("*.md") if p.parent.name in ("applications", "people")]
    assert notes and all(opened.count(p) == 1 for p in notes)
