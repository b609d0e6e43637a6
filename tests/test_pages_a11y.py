"""Application and person pages read well for everyone: the excitement stars as one image,
task marks with a hanging indent and a spoken state, the match score explained in words,
e-mail addresses that wrap only at "@" and ".", and one "Post-mortem" heading per meaning."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from tests.conftest import write_vault

FILES = {
    "jobnotes.toml": """
        [skills]
        have = ["SQL", "Python", "Statistics"]
    """,
    "applications/acme.md": """
        ---
        company: Acme
        role: Data Analyst
        status: rejected
        channel: referral
        applied: 2024-06-01
        interviews: [2024-06-10]
        rejected: 2024-06-12
        excitement: 4
        contacts: [Jonas Berg]
        skills: [SQL, dbt, Snowflake]
        ---

        ## Job description

        We need SQL, Python, dbt, Snowflake, Airflow and Looker every day.

        Nice to have:
        - Statistics
        - Tableau
        - Excel
        - Spark

        ## Notes

        - [ ] Send a thank-you note to the whole panel, naming the case study we discussed
        - [x] Ask Jonas for a referral
        - [-] Learn Scala after all
        - [/] Rewrite the project summary

        ## Post-mortem

        ### What to improve

        Talked too long. #improve/salary-negotiation
    """,
    "applications/beta.md": """
        ---
        company: Beta
        role: Analyst
        status: applied
        channel: job-board
        applied: 2024-06-02
        skills: [SQL, Looker]
        ---
    """,
    "people/Jonas Berg.md": """
        ---
        company: Acme
        role: recruiter
        email: jonas.berg@orrerylabs.example
        ---
    """,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("a11y")
    root = write_vault(tmp / "vault", FILES)
    out = tmp / "site"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out),
                                       "--today", "2024-06-14"])
    assert result.exit_code == 0, result.output
    return out


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_excitement_is_one_image_with_a_name(site):
    html = read(site, "applications/acme.html")
    [stars] = re.findall(r'<span class="stars"[^>]*>', html)
    assert 'role="img"' in stars and 'aria-label="Excitement 4 of 5"' in stars
    inner = html[html.index(stars) + len(stars):]
    assert inner.startswith('<span aria-hidden="true">★★★★<span class="stars-off">★</span>')


def test_tasks_say_their_state_and_keep_their_state_classes(site):
    html = read(site, "applications/acme.html")
    tasks = re.findall(r'<li class="task-list-item task-([a-z-]+)"><span class="visually-hidden">'
                       r'([^<]*)</span><input[^>]*>([^<]*)</li>', html)
    assert [(cls, said) for cls, said, _ in tasks] == [
        ("open", "Open: "), ("done", "Done: "), ("cancelled", "Cancelled: "),
        ("in-progress", "In progress: ")]
    assert tasks[1][2].strip() == "Ask Jonas for a referral"


def test_the_match_score_names_nice_to_haves_in_visible_text_and_the_tooltip(site):
    page = read(site, "applications/acme.html")
    facts = page[page.index('<dl class="facts">'):page.index("</dl>")]
    # 2 of 6 required + 1 of 4 nice-to-have: (2 + 0.25) / (6 + 1) = 32 %
    assert "Match 32 % 2 of 6 required + 1 of 4 nice-to-have" in text_of(facts)
    table = read(site, "applications/index.html")
    titles = {}
    for row in table.split("<tr")[1:]:
        found = re.search(r'data-label="Match"[^>]*title="([^"]*)"', row)
        name = re.search(r'cell-main"><a href="\.\./applications/([a-z]+)\.html"', row)
        if found and name:
            titles[name.group(1)] = found.group(1)
    assert unescape(titles["acme"]).startswith("2 of 6 required + 1 of 4 nice-to-have → 32 %")
    # No nice-to-have at all: just the required ones, as before.
    assert unescape(titles["beta"]).startswith("1 of 2 required skills → 50 %")
    beta = text_of(read(site, "applications/beta.html"))
    assert "Match 50 % 1 of 2 required skills" in beta and "nice-to-have" not in beta


def test_email_addresses_wrap_only_after_at_signs_and_dots(site):
    wrapped = ('<span class="email-address">jonas.<wbr>berg@<wbr>orrerylabs.<wbr>example'
               '</span>')
    person = read(site, "people/jonas-berg.html")
    assert f'<a href="mailto:jonas.berg@orrerylabs.example">{wrapped}</a>' in person
    assert wrapped in read(site, "applications/acme.html")            # the contacts card
    css = read(site, "static/pages.css")
    assert re.search(r"\.email-address \{[^}]*overflow-wrap: break-word", css)


def test_the_status_card_and_the_notes_section_have_different_headings(site):
    html = read(site, "applications/acme.html")
    assert '<h2 id="review-title">Post-mortem status</h2>' in html
    headings = re.findall(r"<h2[^>]*>([^<]*)</h2>", html)
    assert headings.count("Post-mortem") == 1 and headings.count("Post-mortem status") == 1


def test_the_feedback_draft_on_the_page_keeps_private_themes_private(site):
    html = unescape(read(site, "applications/acme.html"))
    draft = html[html.index('<pre class="draft-body">'):]
    draft = draft[:draft.index("</pre>")]
    assert "salary" not in draft.casefold() and "Talked too long" not in draft
    assert "such as dbt or Snowflake," in draft        # the role's skills the user lacks


def test_scrolling_tables_and_line_links_say_what_they_are(tmp_path: Path):
    from conftest import EXAMPLE_VAULT

    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE_VAULT), "-o", str(out),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    channels = read(out, "channels.html")
    regions = re.findall(r'<div class="table-wrap table-scroll-y"([^>]*)>', channels)
    assert regions and all('role="region"' in r and 'tabindex="0"' in r
                           and 'aria-label="' in r for r in regions)
    # "line 119" alone does not say which note: the link names it for screen readers.
    links = re.findall(r'<a class="ref-line"[^>]*>(.*?)</a>', read(out, "postmortems.html"))
    assert links and all(re.fullmatch(r'line \d+<span class="visually-hidden"> of [^<]+</span>',
                                      link) for link in links)
