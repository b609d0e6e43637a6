"""A note's links come from the cache with the note: the same links, lines and columns as
reading its text again, and a check of a vault where one note changed reads only that
note's links."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from jobnotes.cache import decode_loaded, encode_loaded
from jobnotes.cli import main
from jobnotes.obsidian import scan as scan_module
from jobnotes.obsidian.scan import NoteScan, encode_scan, remember_scan, scan
from tests.conftest import write_vault

TODAY = ["--today", "2026-11-27"]

ACME = """\
---
company: Acme
role: Data Analyst
status: applied
applied: 2026-11-02
---

## Notes
Talked to [[Jane Doe#Background|Jane]] and [[Nobody Here]].
See [the offer](../notes/Offer.md) and ![[Missing picture.png|200]].
"""

JANE = """\
---
company: Acme
role: recruiter
met: 2026-11-01
---

## Background
Ten years in analytics hiring. Her [[Acme#Nowhere]] link.
"""

GLOBEX = """\
---
company: Globex
role: Analyst
status: applied
applied: 2026-11-03
---

Nothing linked yet.
"""


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBNOTES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("JOBNOTES_CACHE", raising=False)


def fresh_process() -> None:
    """Forget the links read so far, as a new ``jobnotes`` process starts without them."""
    scan_module.SCANS.clear()


def check(root: Path) -> str:
    return CliRunner().invoke(main, ["check", str(root), *TODAY]).output


def test_links_from_the_cache_give_the_same_findings_and_only_changed_notes_are_read(
        tmp_path, monkeypatch):
    root = write_vault(tmp_path / "vault", {"applications/acme.md": ACME,
                                           "applications/globex.md": GLOBEX,
                                           "people/Jane Doe.md": JANE})
    fresh_process()
    first = check(root)
    assert "applications/acme.md:9:44:" in first and "Nobody Here" in first
    assert "people/Jane Doe.md:8:36:" in first and "Nowhere" in first

    read: list[str] = []
    real_links = scan_module._links
    monkeypatch.setattr(scan_module, "_links",
                        lambda text, body: read.append(body) or real_links(text, body))
    (root / "applications/globex.md").write_text(
        GLOBEX.replace("Nothing linked yet.", "Met [[Jane Doe]]."), encoding="utf-8")
    fresh_process()
    second = check(root)
    assert [b for b in read if "Nobody Here" in b or "Nowhere" in b] == []
    assert any("Met [[Jane Doe]]." in b for b in read)
    finding_lines = [line for line in first.splitlines() if ".md:" in line]
    assert finding_lines
    for line in finding_lines:
        assert line in second


def test_a_cached_note_whose_file_changed_has_its_new_links(tmp_path):
    root = write_vault(tmp_path / "vault", {"applications/acme.md": ACME,
                                           "people/Jane Doe.md": JANE})
    fresh_process()
    assert "Nobody Here" in check(root)
    (root / "applications/acme.md").write_text(ACME.replace("[[Nobody Here]]", "Bob"),
                                               encoding="utf-8")
    fresh_process()
    assert "Nobody Here" not in check(root)


def test_an_encoded_note_carries_its_links():
    from jobnotes.load import _note_of
    from jobnotes.settings import load_settings

    root = Path("/nonexistent-vault")
    settings, _ = load_settings(root)
    loaded = _note_of(root, root / "applications/acme.md", "applications/acme.md",
                      ACME.encode(), settings, __import__("datetime").date(2026, 11, 27))
    expected = scan(loaded[0].body)
    fresh_process()
    note, _ = decode_loaded(encode_loaded(loaded))
    assert scan_module.SCANS[note.body] == expected
    assert [ref.target.path for ref in expected.links] == [
        "Jane Doe", "Nobody Here", "../notes/Offer.md", "Missing picture.png"]


# --- the encoding, for any text ------------------------------------------------------------

PIECES = st.sampled_from([
    "[[Jane Doe]]", "[[Jane Doe#Background|Jane]]", "![[pic.png|300x200]]", "[[#Local]]",
    "[[a#^block]]", "[x](Note%20B.md#Part)", "![img](<a b.png>)", "[ext](https://x.org)",
    "`[[code]]`", "```\n[[fenced]]\n```", "%%[[hidden]]%%", "\\[[escaped]]", "[[", "]]",
    "&amp;", "\n", " ", "text", "## Heading", "- item", "[a](b&amp;c.md)",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=25).map("".join))
def test_encoding_a_scan_gives_back_the_same_links(body):
    expected = NoteScan(tuple(scan_module._links(scan_module.prose(body), body)))
    encoded = encode_scan(body)
    fresh_process()
    remember_scan(body, encoded)
    assert scan(body) == expected
