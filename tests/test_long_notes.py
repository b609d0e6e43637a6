"""Notes far longer than usual: a pasted paragraph as a skill, a note with thousands of
links. Every command still answers, with the right lines."""

from __future__ import annotations

import textwrap
from pathlib import Path

from click.testing import CliRunner

from jobnotes.cli import main
from jobnotes.obsidian.scan import scan

DAY = "2026-11-27"
NOTE = textwrap.dedent("""\
    ---
    company: Velomo
    role: Data Analyst
    status: applied
    applied: 2026-11-02
    channel: referral
    skills:
      - SQL
      - "{long}"
    ---
    Notes.
    """)


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--today", DAY])


def test_a_skill_as_long_as_a_paragraph_is_no_crash(vault, tmp_path: Path):
    long = ("communication " * 60).strip() + " " + "x" * 5000
    root = vault({"jobnotes.toml": "", "applications/velomo.md": NOTE.format(long=long)})
    checked = run("check", str(root))
    assert checked.exit_code == 0, checked.output
    assert "unexpected problem" not in checked.output
    built = run("build", str(root), "-o", str(tmp_path / "site"))
    assert built.exit_code == 0, built.output
    skills = run("skills", str(root))
    assert skills.exit_code == 0 and "unexpected problem" not in skills.output


def test_links_in_a_long_note_are_placed_on_their_lines():
    body = "".join(f"Line {n}: see [[Note {n}]] and [text](Other%20{n}.md).\n"
                   for n in range(1, 3001))
    links = scan(body).links
    assert len(links) == 6000
    assert [(ref.line, ref.column) for ref in links[:2]] == [(1, 13), (1, 28)]
    assert [(ref.line, ref.column) for ref in links[-2:]] == [(3000, 16), (3000, 34)]
    assert all(ref.line == n // 2 + 1 for n, ref in enumerate(links))


def test_a_broken_link_deep_in_a_long_note_is_reported_at_its_line(vault):
    filler = "".join(f"Line {n}: [[Velomo]] again.\n" for n in range(2000))
    text = NOTE.format(long="Excel").replace("Notes.\n", "") + filler.replace(
        "Line 1500: [[Velomo]]", "Line 1500: [[Missing note]]")
    root = vault({"jobnotes.toml": "", "applications/velomo.md": text,
                  "Velomo.md": "A company note.\n"})
    checked = run("check", str(root))
    body_start = text.count("\n", 0, text.index("Line 0:")) + 1
    assert f"applications/velomo.md:{body_start + 1500}:12:" in checked.output, checked.output
