"""Job descriptions on the site and in ``check``: written and found skills side by side, the
match score and its column, interview prep, the payoff by match band, the agenda's link to
the prep panel, and the hint for skills a description names that ``skills:`` lacks."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.build import render_site
from jobnotes.cli import main
from jobnotes.diagnostics import Severity, summary_line
from jobnotes.load import load_vault

TODAY = date(2024, 6, 14)
TODAY_ARG = ["--today", TODAY.isoformat()]

FILES = {
    "jobnotes.toml": """
        [skills]
        have = ["SQL", "Python"]
        learning = ["dbt"]
    """,
    # An interview coming up; skills: written, and a description naming more.
    "applications/acme.md": """
        ---
        company: Acme
        role: Data Analyst
        status: interviewing
        channel: referral
        applied: 2024-06-01
        screening: 2024-06-05
        interviews:
          - 2024-06-10
          - 2024-06-18
        skills:
          - SQL
          - Tableau
        ---

        ## Job description

        We need SQL, Python and dbt every day.

        Nice to have:
        - Looker

        ## Notes

        Excel in the notes does not count.
    """,
    # Rejected after an interview, no skills: at all, a post-mortem with a theme.
    "applications/globex.md": """
        ---
        company: Globex
        role: Analyst
        status: rejected
        channel: job-board
        applied: 2024-05-01
        interviews:
          - 2024-05-10
        rejected: 2024-05-20
        ---

        ## Job description

        Python and Excel are required.

        ## Post-mortem

        ### Interviews

        Rambled on the conflict question. #improve/behavioral-answers
    """,
    # The interview is today: still coming up.
    "applications/hooli.md": """
        ---
        company: Hooli
        role: Platform Engineer
        status: interviewing
        channel: job-board
        applied: 2024-06-03
        interviews:
          - 2024-06-14
        ---

        ## Job description

        Go and Kubernetes in production.
    """,
    # Only a past interview, no description, no skills: no score, no prep.
    "applications/initech.md": """
        ---
        company: Initech
        role: Analyst
        status: interviewing
        channel: recruiter
        applied: 2024-06-01
        interviews:
          - 2024-06-05
        ---

        ## Notes

        Waiting to hear back.
    """,
}


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.;:)])", r"\1", text)


def element(html: str, ident: str, tag: str = "section") -> str:
    """The ``<tag id="ident">`` element, nested tags of the same name included."""
    start = html.index(f'id="{ident}"')
    start = html.rindex(f"<{tag}", 0, start)
    depth = 0
    for found in re.finditer(rf"<(/?){tag}\b[^>]*>", html[start:]):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return html[start:start + found.end()]
    raise AssertionError(f"unclosed {tag} {ident}")


def chips(html: str) -> list[tuple[str, str]]:
    """(name, classes) of every skill chip, in order."""
    return [(unescape(name), classes) for classes, name in re.findall(
        r'<li class="skill-chip ([^"]*)">.*?<span class="skill-name">([^<]+)</span>', html)]


@pytest.fixture
def root(vault) -> Path:
    return vault(FILES)


@pytest.fixture
def site(root: Path) -> dict[str, str]:
    loaded = load_vault(root, today=TODAY)
    return {path: data.decode() for path, data in render_site(loaded).files.items()
            if path.endswith(".html")}


# --- the application page ----------------------------------------------------------------

def test_application_page_shows_written_and_found_skills_side_by_side(site):
    card = element(site["applications/acme.html"], "skills")
    written, found = re.findall(r'<div class="skills-col">(.*?)</div>', card, re.S)
    assert chips(written) == [("SQL", "skill-have"), ("Tableau", "skill-gap is-unmatched")]
    assert "not in the description" in text_of(written)
    required, optional = found.split("Nice to have")
    assert chips(required) == [("SQL", "skill-have"), ("Python", "skill-have is-unmatched"),
                               ("dbt", "skill-learning is-unmatched")]
    assert chips(optional) == [("Looker", "skill-gap is-unmatched")]
    assert text_of(found).count("not listed") == 3
    assert "Excel" not in text_of(card)             # only the description section counts


def test_application_page_shows_the_score_and_the_missing_skills(site):
    text = text_of(element(site["applications/acme.html"], "skills"))
    # (SQL + Python) / (SQL, Python, dbt, Tableau + a quarter for Looker) = 2 / 4.25
    assert "47 % match" in text
    assert "You have 2 of 4 required skills and 0 of 1 nice to have." in text
    assert "Missing dbt Learning, Tableau" in text


def test_without_skills_list_nothing_is_marked_as_missing_from_it(site):
    card = element(site["applications/globex.html"], "skills")
    assert "not listed" not in card and "is-unmatched" not in card
    assert "This note has no skills: list" in text_of(card)
    assert "50 % match" in text_of(card)            # Python yes, Excel no


def test_no_score_without_description_or_skills(site):
    page = site["applications/initech.html"]
    assert "No score yet" in text_of(element(page, "skills"))


# --- interview prep ----------------------------------------------------------------------

def test_prep_panel_lists_stories_gaps_and_earlier_themes(site):
    panel = element(site["applications/acme.html"], "prep")
    text = text_of(panel)
    assert "Interview 2 · 18 Jun 2024 · in 4 days" in text
    stories, gaps = re.findall(r"<h3>Prepare (?:a story|an answer) for</h3>(.*?)</div>",
                               panel, re.S)
    assert [name for name, _ in chips(stories)] == ["SQL", "Python"]
    assert [name for name, _ in chips(gaps)] == ["dbt", "Tableau", "Looker"]
    assert "behavioral answers" in text and "#improve/behavioral-answers" in text
    link = re.search(r'<a href="([^"]+)">Globex — Analyst</a> <span class="ref-line">'
                     r"line (\d+)</span>", panel)
    assert link is not None
    assert link.group(1) == "../applications/globex.html#h-interviews"
    note = FILES["applications/globex.md"].strip("\n").splitlines()
    assert "#improve/behavioral-answers" in note[int(link.group(2)) - 1]


def test_prep_panel_only_while_an_interview_is_coming_up(site):
    assert 'id="prep"' in site["applications/acme.html"]
    hooli = element(site["applications/hooli.html"], "prep")      # the interview is today
    assert "Interview 1 · 14 Jun 2024 · today" in text_of(hooli)
    assert 'id="prep"' not in site["applications/initech.html"]    # interview in the past
    assert 'id="prep"' not in site["applications/globex.html"]     # rejected


def test_agenda_interviews_link_to_their_prep_panel(site):
    agenda = element(site["index.html"], "agenda")
    links = {unescape(t): h for h, t in re.findall(
        r'<p class="reminder-title"><a href="([^"]+)">([^<]+)</a>', agenda)}
    assert links["Interview with Acme"] == "applications/acme.html#prep"
    assert links["Interview with Hooli"] == "applications/hooli.html#prep"


# --- the applications table --------------------------------------------------------------

def test_applications_table_has_a_sortable_match_column(site):
    html = site["applications/index.html"]
    head = re.search(r"<thead>.*?</thead>", html, re.S).group(0)
    headers = [text_of(th) for th in re.findall(r"<th\b.*?</th>", head, re.S)]
    column = headers.index("Match")
    assert 'data-sort-first="descending"' in re.findall(r"<th\b[^>]*>", head)[column]
    cells = {}
    for row in re.findall(r"<tr data-status.*?</tr>", html, re.S):
        company = text_of(re.search(r'<td class="cell-main">.*?</td>', row, re.S).group(0))
        cell = re.findall(r"<td\b.*?</td>", row, re.S)[column]
        cells[company] = (re.search(r'data-sort="([^"]*)"', cell).group(1), text_of(cell))
    assert cells == {"Acme": ("047", "47 %"), "Globex": ("050", "50 %"),
                     "Hooli": ("000", "0 %"), "Initech": ("", "")}


def test_filters_still_cover_every_row(site):
    html = site["applications/index.html"]
    assert html.count("<tr data-status=") == 4
    assert 'data-filters="apps-table"' in html


# --- the skills page -------------------------------------------------------------------------

def test_payoff_table_counts_stage_reached_by_match_band(site):
    payoff = element(site["skills.html"], "payoff")
    rows = {}
    for key in ("below-50", "50-75", "above-75"):
        row = element(payoff, f"payoff-{key}", "tr")
        rows[key] = [int(n) for n in re.findall(r'<td class="num">(\d+)', row)]
    # below 50 %: Acme (47 %, interview 1 held) and Hooli (0 %, interview today);
    # 50–75 %: Globex (50 %, rejected after an interview). Initech has no score.
    assert rows == {"below-50": [2, 2, 2, 0], "50-75": [1, 1, 1, 0], "above-75": [0, 0, 0, 0]}
    text = text_of(payoff)
    assert "1 application sent without any known skill is left out" in text
    assert 'role="img"' in payoff and "<table" in payoff


def test_skill_demand_uses_the_descriptions_of_notes_without_skills(site):
    table = site["skills.html"][site["skills.html"].index('id="all-title"'):]
    rows = {text_of(m.group(1)): m.group(0) for m in re.finditer(
        r'<tr class="skill-row-\w+" id="[^"]+">\s*<th scope="row"><span class="skill-name">'
        r"([^<]+)</span>.*?</tr>", table, re.S)}
    # Excel and Kubernetes are only in descriptions of notes that have no skills: list.
    assert {"Excel", "Kubernetes", "Go", "Python", "SQL", "dbt", "Tableau", "Looker"} <= set(rows)
    assert "skill-row-gap" in rows["Excel"]
    assert "2 applications" in text_of(rows["Python"])       # Acme and Globex


def test_skill_demand_counts_written_and_found_skills_once_per_application():
    from jobnotes.analysis.skills import learning_progress, skill_demand
    from jobnotes.model import Application
    from jobnotes.settings import Settings

    def app(slug: str, **kw) -> Application:
        return Application(rel=f"applications/{slug}.md", slug=slug, stem=slug,
                           company=slug.title(), role="Analyst", status="applied",
                           channel="job-board", applied=date(2024, 6, 1), **kw)

    apps = [app("a", skills=["postgres"], body="## Job description\n\nPostgreSQL, Looker.\n"),
            app("b", body="## Job description\n\nWe use Postgres and dbt.\n")]
    settings = Settings(skills=["PostgreSQL"], learning=["DBT"])
    demand = {d.name: (d.count, d.status) for d in skill_demand(apps, TODAY, settings)}
    assert demand == {"PostgreSQL": (2, "have"), "Looker": (1, "gap"), "dbt": (1, "learning")}
    assert [(s.name, s.count) for s in learning_progress(apps, TODAY, settings)] == [("dbt", 1)]


# --- check ------------------------------------------------------------------------------------

def test_check_hint_is_one_info_finding_per_note_at_the_first_mention(root: Path):
    loaded = load_vault(root, today=TODAY)
    hints = [d for d in loaded.diagnostics if d.rule == "skill-not-listed"]
    assert len(hints) == 1                          # Globex and Hooli have no skills: list
    (hint,) = hints
    lines = (root / "applications/acme.md").read_text().splitlines()
    assert (hint.path, hint.severity) == ("applications/acme.md", Severity.INFO)
    assert lines[hint.line - 1] == "We need SQL, Python and dbt every day."
    assert lines[hint.line - 1][hint.column - 1:].startswith("Python")
    assert hint.message == ("the job description names 3 skills that `skills:` does not "
                            "list: Python, dbt, Looker (nice to have)")
    assert hint.hint is not None and "add them to `skills: [Python, dbt, Looker]`" in hint.hint


def test_check_prints_the_hint_and_still_passes_strict(root: Path):
    result = CliRunner().invoke(main, ["check", str(root), *TODAY_ARG, "--strict"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line for line in lines if "[skill-not-listed]" in line] == [
        line for line in lines if line.startswith("applications/acme.md:")]
    assert ": info: the job description names 3 skills" in result.output
    assert "hint: add them to `skills: [Python, dbt, Looker]`" in result.output
    assert lines[-1].endswith("no problems found (1 hint in 1 file).")


def test_summary_line_for_info_only_results(root: Path):
    loaded = load_vault(root, today=TODAY)
    assert summary_line(loaded.diagnostics, 5) == (
        "5 notes checked: no problems found (1 hint in 1 file).")


def test_application_page_leaves_the_hint_to_the_problems_page(site):
    assert "skill-not-listed" not in site["applications/acme.html"]
    assert "skill-not-listed" in site["problems.html"]
