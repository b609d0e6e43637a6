"""The problems page: files with errors first, then warnings, then hints only; the
informational findings are called hints (as by ``jobnotes check``); files with hints only
share one card, folded while there are problems to fix."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from click.testing import CliRunner

from jobnotes.cli import main


def _app(company: str, extra: str = "") -> str:
    # A job description naming skills that skills: leaves out: one hint, no problem.
    return f"""---
company: {company}
role: Analyst
status: applied
channel: job-board
applied: 2026-11-02
skills: [SQL]
{extra}---

## Job description

We need SQL, Python and dbt every day.
"""


def _build(root: Path, out: Path) -> dict[str, str]:
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    return {name: (out / name).read_text() for name in ("problems.html", "index.html")}


def _cards(html: str) -> list[str]:
    return re.findall(r'<section class="card problem-file[^"]*" aria-label="([^"]+)"', html)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_broken_note_comes_first_among_many_hints(vault, tmp_path: Path) -> None:
    notes = {f"applications/a{i:02d}.md": _app(f"Alpha {i}") for i in range(12)}
    notes["applications/m-warned.md"] = _app("Mid", "mood: hopeful\n")
    notes["applications/zz-broken.md"] = _app("Zulu", "interviews: 2026-02-30\n")
    root = vault(notes)
    pages = _build(root, tmp_path / "site")
    html = pages["problems.html"]
    cards = _cards(html)
    assert cards == ["applications/zz-broken.md",           # error, though last by name
                     "applications/m-warned.md"]            # then the warning
    # The twelve files with hints only share one card, in path order, after the problems.
    hint_files = re.findall(r'<li class="hint-file" aria-label="([^"]+)"', html)
    assert hint_files == [f"applications/a{i:02d}.md" for i in range(12)]
    assert html.index('aria-label="applications/m-warned.md"') < html.index(
        'class="card problem-hint-files"')
    lede = _text(re.search(r'<p class="lede">(.*?)</p>', html, re.S).group(1))
    assert lede.startswith("1 error 1 warning 14 hints in 14 files.")
    assert not re.search(r"\b(notes?|suggestions?|info)\b", lede, re.I)
    # Every hint sits folded in a closed <details>; errors and warnings are in view.
    folded = re.findall(r'<details class="finding-hints"( open)?>(.*?)</details>', html, re.S)
    assert len(folded) == 3 and not any(is_open for is_open, _ in folded)
    assert _text(folded[-1][1]).startswith(
        "12 hints in 12 files with no problem, for information only")
    assert all("sev-info" not in body.split("<summary>")[0] for _, body in folded)
    inside = "".join(body for _, body in folded)
    assert inside.count('class="sev sev-info">hint<') == 14
    assert "sev-error" not in inside and "sev-warning" not in inside
    assert ">info<" not in html.lower()


def test_dashboard_counts_hints_by_that_name(vault, tmp_path: Path) -> None:
    root = vault({"applications/a.md": _app("Acme"),
                  "applications/b.md": _app("Bolt", "mood: hopeful\n")})
    check = _text(re.search(r'<p class="check-line">.*?</p>', _build(
        root, tmp_path / "site")["index.html"], re.S).group(0))
    assert check.startswith("1 warning 2 hints in your vault.")
    assert "note" not in check


def test_a_vault_with_hints_only_shows_them_in_one_open_card(vault, tmp_path: Path) -> None:
    root = vault({f"applications/a{i}.md": _app(f"Alpha {i}") for i in range(3)})
    html = _build(root, tmp_path / "site")["problems.html"]
    assert _cards(html) == []
    hints = re.findall(r'<details class="finding-hints"( open)?>(.*?)</details>', html, re.S)
    assert len(hints) == 1 and hints[0][0] == " open"
    assert _text(hints[0][1]).startswith("3 hints in 3 files, for information only")
    assert re.findall(r'<li class="hint-file" aria-label="([^"]+)"', html) == [
        "applications/a0.md", "applications/a1.md", "applications/a2.md"]
    # Under its file's name, each hint gives only its line.
    assert '<a class="finding-loc" href="applications/a0.html">line 12</a>' in html


def test_names_in_backticks_show_as_code_not_as_backticks(vault, tmp_path: Path) -> None:
    root = vault({"applications/a.md": _app("Acme", "status: intervewing\n").replace(
        "status: applied\n", "")})
    html = _build(root, tmp_path / "site")["problems.html"]
    assert "status <code>intervewing</code> is not one of" in html
    assert "did you mean <code>interviewing</code>?" in html
    assert "`" not in _text(re.search(r'<ul class="finding-list">.*?</ul>', html, re.S)
                                .group(0))
