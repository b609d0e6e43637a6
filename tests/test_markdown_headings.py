"""Links to a line of a note (the job description, a cited post-mortem line) land on the
heading the page shows above it: the ids are the page's own, also for a heading with a
link in it or one repeated at another level."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings

from jobnotes.cli import main
from jobnotes.markdown import render_markdown
from jobnotes.markdown_headings import heading_ids, section_anchor
from tests.test_markdown_lean import (
    EVERYDAY_STARTS,
    RARE_STARTS,
    RARE_WORDS,
    WORDS,
    lines,
)

HEADING_ID = re.compile(r'<h[1-6] id="([^"]*)"')

BODY = """\
# Job description

Kept from the first call.

## Talk with [[Jane Doe|Jane]]

It went well.

## Job description

We need SQL.

#### Tools

dbt, too.

## See [the posting](https://example.com)
"""


def page_ids(body: str) -> list[str]:
    return HEADING_ID.findall(render_markdown(body))


def test_the_ids_are_those_the_page_gives_its_headings():
    assert [anchor for _, _, anchor in heading_ids(BODY)] == page_ids(BODY) == [
        "h-job-description", "h-talk-with-jane", "h-job-description-2", "h-tools",
        "h-see-the-posting"]


def test_a_line_belongs_to_the_section_heading_above_it():
    anchors = [section_anchor(BODY, n) for n in range(len(BODY.splitlines()))]
    assert anchors[:4] == [""] * 4                      # a "#" heading is not a section
    assert anchors[4:8] == ["h-talk-with-jane"] * 4
    assert anchors[8:16] == ["h-job-description-2"] * 8  # "####" stays in its section
    assert anchors[16] == "h-see-the-posting"


def test_a_heading_in_code_is_no_heading():
    body = "## Notes\n\n```\n## not a heading\n```\n\n## Notes\n"
    assert heading_ids(body) == ((2, 0, "h-notes"), (2, 6, "h-notes-2"))
    assert page_ids(body) == ["h-notes", "h-notes-2"]


@settings(max_examples=300, deadline=None)
@given(lines(EVERYDAY_STARTS + RARE_STARTS, WORDS + RARE_WORDS))
def test_any_body_gets_the_ids_its_page_shows(body: str) -> None:
    assert [anchor for _, _, anchor in heading_ids(body)] == page_ids(body)


def test_the_job_description_link_lands_on_its_heading(tmp_path: Path):
    root = tmp_path / "vault"
    (root / "applications").mkdir(parents=True)
    (root / "applications" / "acme.md").write_text(
        "---\ncompany: Acme\nrole: Data Analyst\nstatus: applied\napplied: 2026-11-02\n"
        "skills: [SQL]\n---\n" + BODY, encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out),
                                       "--today", "2026-11-27", "--no-cache"])
    assert result.exit_code == 0, result.output
    html = (out / "applications" / "acme.html").read_text(encoding="utf-8")
    assert 'Found in the <a href="#h-job-description-2">job description</a>' in html
    assert ' id="h-job-description-2"' in html
