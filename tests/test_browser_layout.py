"""No page scrolls sideways because of its text: long unbreakable words wrap or are cut.

A vault puts a very long word in every field a user writes (company, role, skills, tags,
contacts, locations, notes, post-mortem themes and actions, settings); every page of its
site is then opened in a real browser at a phone's width and a desktop's width.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from tests.browser import chromium_browser
from tests.conftest import write_vault

pytestmark = pytest.mark.browser

LONG = "Supercalifragilisticexpialidocious"
SKILL = LONG + "DistributedStreamingFramework"
WORD = "Thisisaverylongunbreakablewordthatgoesonandonandonwithoutanyspacesatall"
COMPANY = "Donaudampfschifffahrtsgesellschaftskapitaenswitwenrentenversicherung"
PERSON = "Maximilianalexanderchristophersonwhitakerington Doe"
URL = "https://jobs.example.com/" + "a" * 40 + "/postings/" + "b" * 60

SETTINGS = f"""
title = "{LONG}{LONG}"
owner = "{LONG}"
[skills]
have = ["sql", "{LONG.lower()}havingskill"]
learning = ["{LONG.lower()}learningskill"]
"""


def _app(slug: str, status: str, dates: str, extra: str = "") -> tuple[str, str]:
    return f"applications/{slug}.md", f"""---
company: {COMPANY}
role: {WORD}
status: {status}
channel: job-board
{dates}
skills: [{SKILL}, sql, {LONG.lower()}learningskill]
tags: [{LONG.lower()}tag]
contacts: ["[[{PERSON}]]"]
location: {WORD}
salary: {WORD}
resume: {WORD}.pdf
url: {URL}
next_action: {WORD}
next_action_date: 2026-11-30
{extra}
---

## Job description

We want {SKILL} and SQL, and {WORD}.

## Notes

{WORD} and some more text after it. See {URL} and [[Research {LONG}]].

## Feedback

{WORD}

## Post-mortem

### Job description match

{WORD} #improve/{LONG.lower()}{LONG.lower()} #strength/{LONG.lower()}

### Resume and cover letter

{WORD}

### Screening

{WORD}

### Interviews

{WORD}

### What went well

{WORD}

### What to improve

{WORD}

### Action plan

- [ ] {WORD}
- [x] {WORD} done
"""


VAULT: dict[str, str] = dict([
    _app("long-rejected", "rejected", "applied: 2026-10-02\nscreening: 2026-10-05\n"
         "interviews: [2026-10-10]\nrejected: 2026-10-20"),
    _app("long-interviewing", "interviewing", "applied: 2026-11-02\nscreening: 2026-11-05\n"
         "interviews: [2026-11-10, 2026-12-01]"),
    _app("long-wishlist", "wishlist", ""),
    _app("long-informational", "accepted", "applied: 2026-11-01\naccepted: 2026-11-03",
         "type: informational"),
    _app("long-contract", "offer", "applied: 2026-09-01\noffer: 2026-09-20", "type: contract"),
    (f"people/{PERSON}.md", f"""---
company: {COMPANY}
role: interviewer
email: {LONG.lower()}@{COMPANY.lower()}.example.com
linkedin: {URL}
met: 2026-10-10
---

{WORD}
"""),
    (f"Research {LONG}.md", f"# {WORD}\n\n{WORD} {URL}\n\n| {WORD} | b |\n|---|---|\n"
     f"| {WORD} | {LONG} |\n\n```\n{WORD} {WORD}\n```\n\n> {WORD}\n\n- {WORD}\n"),
    ("jobnotes.toml", SETTINGS),
    ("Home.md", f"# {WORD}\n\n[[{WORD}]]\n"),
])


@pytest.fixture(scope="module")
def long_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("layout")
    root = write_vault(base / "vault", VAULT)
    out = base / "_site"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    return out


# The elements that stick out past the right edge, outside any box that scrolls or clips.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const clipped = el => {
    for (let p = el; p; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1 && !clipped(node.parentElement)) {
      out.push(node.parentElement.tagName.toLowerCase() + '.' + node.parentElement.className
               + ': ' + node.textContent.trim().slice(0, 40));
    }
  }
  return out;
}"""


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


@pytest.mark.parametrize("width", [390, 1280])
def test_no_page_scrolls_sideways_with_long_words(long_site: Path, width: int) -> None:
    pages = _pages(long_site)
    assert {"index.html", "applications/long-rejected.html", "skills.html"} <= set(pages)
    wide: dict[str, object] = {}
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": width, "height": 800})
        for name in pages:
            page.goto((long_site / name).as_uri())
            scroll, client = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            sticking = page.evaluate(STICKING_OUT)
            if scroll > client or sticking:
                wide[name] = (scroll, sticking[:3])
        page.close()
    assert wide == {}, f"pages wider than {width} px: {wide}"


def test_long_words_stay_readable_in_full(long_site: Path) -> None:
    """Wrapping, not hiding: the long skill and the note's word are there to read."""
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto((long_site / "applications/long-rejected.html").as_uri())
        assert page.locator(".skills-card .skill-name", has_text=SKILL).first.is_visible()
        assert WORD in page.locator("article.prose").inner_text()
        box = page.locator("article.prose").bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390
        page.close()


# Each empty chart's message: its box, and the visible part of every box that clips it.
EMPTY_MESSAGES = """() => [...document.querySelectorAll('svg.chart text.empty')].map(t => {
  const box = t.getBoundingClientRect();
  let left = 0, right = document.documentElement.clientWidth;
  for (let p = t.closest('svg').parentElement; p; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') {
      const clip = p.getBoundingClientRect();
      left = Math.max(left, clip.left); right = Math.min(right, clip.right);
    }
  }
  return {text: t.textContent, left: box.left, right: box.right, height: box.height,
          visibleLeft: left, visibleRight: right};
})"""


def test_empty_charts_show_their_whole_message_on_a_phone(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "vault", {"applications/acme.md": (
        "---\ncompany: Acme\nrole: Analyst\nstatus: wishlist\n---\n")})
    out = tmp_path / "_site"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    seen: list[str] = []
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        for name in ("index.html", "channels.html", "skills.html", "postmortems.html"):
            page.goto((out / name).as_uri())
            for message in page.evaluate(EMPTY_MESSAGES):
                seen.append(message["text"])
                assert message["left"] >= message["visibleLeft"] - 1, (name, message)
                assert message["right"] <= message["visibleRight"] + 1, (name, message)
                assert message["height"] >= 12, (name, message)      # still readable
        page.close()
    assert "No applications yet" in seen            # the dashboard's "Where applications go"
    assert len(seen) >= 5
