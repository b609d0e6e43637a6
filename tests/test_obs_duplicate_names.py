"""A name several files share resolves as Obsidian resolves it: the path from the vault root,
then the file in the linking note's folder, then the shortest path. Only a tie between
equally short paths stays unlinked, with ``check``'s warning."""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from jobnotes.build import render_site
from jobnotes.cli import main
from jobnotes.load import load_vault

TODAY = date(2026, 11, 27)
SHARED = b"\x89PNG\r\n\x1a\nshared-board"
ARCHIVED = b"\x89PNG\r\n\x1a\narchived-board"
ROOT_LOGO = b"\x89PNG\r\n\x1a\nroot-logo"


def app(body: str) -> str:
    return f"---\ncompany: Acme\nrole: Analyst\nstatus: wishlist\n---\n{body}"


BODY = """\
![[whiteboard.png]]

![[chart.png|300]]

![[logo.png]]

Read [[Research]], then [[Dup]] and ![[Dup]].

![board](whiteboard.png)
"""

FILES: dict[str, str | bytes] = {
    "applications/acme.md": app(BODY),
    "attachments/whiteboard.png": SHARED,
    "archive/whiteboard.png": ARCHIVED,       # the shorter path: Obsidian shows this one
    "applications/chart.png": SHARED,         # next to the note: it wins over a/chart.png
    "a/chart.png": ARCHIVED,
    "logo.png": ROOT_LOGO,                    # at the vault root: it wins over the one
    "applications/logo.png": SHARED,          # next to the note
    "notes/Research.md": "# Research\nFindings.\n",
    "notes/old/archive/Research.md": "Old findings.\n",
    "x/Dup.md": "first\n",                    # equally short: no way to choose
    "y/Dup.md": "second\n",
}


def built(vault) -> tuple[dict[str, bytes], str]:
    loaded = load_vault(vault(FILES), today=TODAY)
    files = render_site(loaded).files
    return files, files["applications/acme.html"].decode()


def test_an_embedded_image_shows_the_file_obsidian_shows(vault):
    files, page = built(vault)
    assert ('<img class="embed-image" src="../attachments/archive/whiteboard.png" '
            'alt="whiteboard.png" loading="lazy">') in page
    assert files["attachments/archive/whiteboard.png"] == ARCHIVED
    assert "attachments/attachments/whiteboard.png" not in files
    assert '<img src="../attachments/archive/whiteboard.png" alt="board"' in page


def test_the_file_beside_the_note_wins_over_a_shorter_path(vault):
    files, page = built(vault)
    assert 'src="../attachments/applications/chart.png" alt="chart.png" width="300"' in page
    assert "attachments/a/chart.png" not in files


def test_the_path_from_the_vault_root_wins_over_the_file_beside_the_note(vault):
    files, page = built(vault)
    assert 'src="../attachments/logo.png" alt="logo.png"' in page
    assert files["attachments/logo.png"] == ROOT_LOGO
    assert "attachments/applications/logo.png" not in files


def test_a_note_link_goes_to_the_nearest_note_and_only_that_one_gets_a_page(vault):
    files, page = built(vault)
    assert 'href="../notes/research.html" rel="noopener noreferrer">Research</a>' in page
    assert sorted(p for p in files if p.startswith("notes/")) == ["notes/research.html"]
    assert "Findings." in files["notes/research.html"].decode()


def test_equally_short_paths_stay_unlinked(vault):
    _, page = built(vault)
    assert ('<span class="wikilink unresolved ambiguous" title="Dup matches several files: '
            'x/Dup.md, y/Dup.md">Dup</span>') in page
    assert '<span class="wikilink unresolved ambiguous embed"' in page
    assert "unresolved ambiguous embed\" title=\"whiteboard.png" not in page


def test_check_warns_only_where_obsidian_could_not_choose(vault):
    root = vault(FILES)
    result = CliRunner().invoke(main, ["check", str(root), "--today", TODAY.isoformat()])
    lines = result.output.splitlines()
    ambiguous = [line for line in lines if "[link-ambiguous]" in line]
    assert ambiguous == [
        "applications/acme.md:12:25: warning: [[Dup]] matches 2 files: x/Dup.md, y/Dup.md; "
        "none is in this note's folder or has a shorter path than the others, so it is "
        "shown unlinked [link-ambiguous]",
        "applications/acme.md:12:37: warning: ![[Dup]] matches 2 files: x/Dup.md, y/Dup.md; "
        "none is in this note's folder or has a shorter path than the others, so it is "
        "shown unlinked [link-ambiguous]",
    ]
    assert not any("whiteboard" in line or "Research" in line or "chart" in line
                   or "logo" in line for line in lines)
