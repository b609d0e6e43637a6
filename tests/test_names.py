"""Page and file names of notes: Latin letters lose their accents, other scripts stay."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobnotes import names
from jobnotes.names import MAX_BYTES, slug


@pytest.mark.parametrize(("text", "expected"), [
    ("Jane Doe", "jane-doe"),
    ("Zoë's café", "zoe-s-cafe"),
    ("acme-data_analyst (2)", "acme-data-analyst-2"),
    ("شركة", "شركة"),
    ("עדי כהן", "עדי-כהן"),
    ("東京 Café", "東京-cafe"),
    ("ガス会社", "ガス会社"),          # the voicing mark stays on its kana
    ("Straße", "straße"),
    ("", "note"),
    ("!!!", "note"),
])
def test_names(text: str, expected: str) -> None:
    assert slug(text) == expected


def _ascii_slug(text: str) -> str:
    """How names were made before other scripts were kept: ASCII only."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "note"


@given(st.text(alphabet=st.characters(max_codepoint=0x17F), max_size=60))
def test_latin_names_are_what_they_always_were(text: str) -> None:
    """Notes with Latin names keep their page addresses (bookmarks keep working), except
    where the old way dropped a letter outright (ß, ł, æ)."""
    dropped = [part for c in text if c.isalnum() for part in unicodedata.normalize("NFKD", c)
               if not part.isascii() and not unicodedata.combining(part) and part.isalnum()]
    if dropped:
        return
    assert slug(text) == _ascii_slug(text)


@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=260))
def test_ascii_names_take_a_shortcut_to_the_same_name(text: str) -> None:
    assert slug(text) == names._any_script_slug(text, "note")


@given(st.text(max_size=300))
def test_any_name_is_safe_short_and_stable(text: str) -> None:
    name = slug(text)
    assert name and not name.startswith("-") and not name.endswith("-")
    assert not set(name) & set("/\\\0.:*?\"<>| \t\n")
    assert len(name.encode("utf-8")) <= MAX_BYTES
    assert slug(name) == name


def _pages(root, tmp_path, name: str) -> dict[str, str]:
    """Page file -> its title, of a site built from ``root``."""
    from datetime import date

    from jobnotes.build import build_site
    from jobnotes.load import load_vault

    out = tmp_path / name
    build_site(load_vault(root, today=date(2026, 11, 27)), out)
    found = {}
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"#]+)', text):
            if "://" not in href and not href.startswith("mailto:"):
                assert (page.parent / href).resolve().is_file(), (page, href)
        title = re.search(r"<title>([^<·]*)", text)
        found[page.relative_to(out).as_posix()] = title.group(1).strip() if title else ""
    return found


def test_notes_in_other_scripts_keep_pages_of_their_own(tmp_path) -> None:
    from tests.conftest import write_vault

    note = ("---\ncompany: {0}\nrole: x\nstatus: applied\nchannel: job-board\n"
            "applied: 2026-11-20\ncontacts: [\"[[עדי כהן]]\"]\n---\n")
    root = write_vault(tmp_path / "v", {
        "applications/شركة.md": note.format("شركة"),
        "applications/مصرف.md": note.format("مصرف"),
        "people/עדי כהן.md": "---\ncompany: A\nrole: peer\n---\n",
    })
    before = _pages(root, tmp_path, "before")
    assert before["applications/شركة.html"].startswith("شركة")
    assert before["applications/مصرف.html"].startswith("مصرف")
    assert before["people/עדי-כהן.html"].startswith("עדי כהן")
    (root / "applications/أول.md").write_text(note.format("أول"), encoding="utf-8")
    after = _pages(root, tmp_path, "after")
    assert {page: after[page] for page in before} == before    # nothing else was renamed
