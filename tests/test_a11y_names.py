"""What a screen reader announces: each application page's heading names company and role,
every card has a heading, each skill's "N applications" names its skill, and the sort
arrows and unlit stars are decoration, not words."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from tests.conftest import write_vault
from tests.test_pages_a11y import read, text_of

STATIC = Path(__file__).resolve().parent.parent / "site-templates" / "static"

FILES = {
    "jobnotes.toml": """
        [skills]
        have = ["SQL"]
    """,
    "applications/acme-analyst.md": """
        ---
        company: Acme
        role: Data Analyst
        status: applied
        channel: referral
        applied: 2024-06-01
        excitement: 2
        skills: [SQL, dbt]
        ---
    """,
    "applications/acme-engineer.md": """
        ---
        company: Acme
        role: Analytics Engineer
        status: applied
        channel: job-board
        applied: 2024-06-03
        skills: [SQL, Looker]
        ---
    """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("a11y-names")
    root = write_vault(tmp / "vault", FILES)
    out = tmp / "site"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out),
                                       "--today", "2024-06-14"])
    assert result.exit_code == 0, result.output
    return out


def h1_of(html: str) -> str:
    """The heading's text as heard: its tags dropped, nothing added between them."""
    [h1] = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", h1)).split())


def test_two_applications_to_one_company_have_different_headings(site):
    analyst = h1_of(read(site, "applications/acme-analyst.html"))
    engineer = h1_of(read(site, "applications/acme-engineer.html"))
    assert analyst == "Acme, Data Analyst"
    assert engineer == "Acme, Analytics Engineer"


def test_the_role_is_a_second_line_of_the_heading(site):
    html = read(site, "applications/acme-analyst.html")
    [h1] = re.findall(r"<h1[^>]*>.*?</h1>", html, re.S)
    assert '<span class="h1-role">Data Analyst</span>' in h1
    # The comma is for the ear only; the eye sees two lines.
    assert '<span class="visually-hidden">, </span>' in h1
    lede = re.search(r'<p class="lede">(.*?)</p>', html, re.S).group(1)
    assert "Data Analyst" not in lede and 'class="badge' in lede


def test_the_details_card_has_a_heading(site):
    html = read(site, "applications/acme-analyst.html")
    card = re.search(r'<section class="card" aria-label="Details">(.*?)</section>', html, re.S)
    assert card, "the Details card is gone"
    assert re.search(r'<h2 class="visually-hidden">Details</h2>\s*<dl class="facts">',
                     card.group(1))


def test_each_skills_count_names_its_skill(site):
    html = read(site, "skills.html")
    table = html[html.index('class="itable itable-flush skills-table"'):]
    summaries = [text_of(s) for s in re.findall(
        r'<details class="asks">\s*<summary>(.*?)</summary>', table, re.S)]
    assert "2 applications asking for SQL" in summaries
    assert "1 application asking for dbt" in summaries
    assert "1 application asking for Looker" in summaries
    assert len(set(summaries)) == len(summaries)
    # The skill's name is heard, not seen: the count looks as it did.
    assert ('1 application<span class="visually-hidden"> asking for dbt</span></summary>'
            in table)


def test_sort_arrows_have_empty_alternative_text():
    css = (STATIC / "style.css").read_text(encoding="utf-8")
    rules = re.findall(r"([^{}]*\.sort-button::after\s*)\{([^}]*)\}", css)
    contents = [c for _, body in rules for c in re.findall(r"content:\s*([^;]+);", body)]
    arrows = [c for c in contents if c.strip() not in ('""', "none")]
    assert arrows, "no arrow rules found"
    # Each arrow comes with an empty alternative after "/", the last declaration winning.
    for selector, body in rules:
        values = re.findall(r"content:\s*([^;]+);", body)
        if values and values[-1].strip() not in ('""', "none"):
            assert re.fullmatch(r'"[↕↑↓]"\s*/\s*""', values[-1].strip()), selector


def test_unlit_stars_are_outlines(site):
    html = read(site, "applications/acme-analyst.html")
    assert '<span class="stars-off">★★★</span>' in html
    css = (STATIC / "style.css").read_text(encoding="utf-8")
    off = " ".join(body for body in re.findall(r"\.stars-off\s*\{([^}]*)\}", css))
    assert "-webkit-text-fill-color: transparent" in off
    assert re.search(r"-webkit-text-stroke:\s*1px currentColor", off)
