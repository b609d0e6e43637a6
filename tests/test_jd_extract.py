"""Skills found in job descriptions: punctuation in names, false-positive traps,
nice-to-have parts, the user's own vocabulary (realistic postings: test_jd_descriptions)."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from jobnotes.analysis.skills import ALIASES, skill_key
from jobnotes.diagnostics import Severity
from jobnotes.jd.extract import (
    RULE_NOT_LISTED,
    app_skills,
    extract_skills,
    job_description,
    unlisted_skill_diagnostics,
    unlisted_skill_findings,
    unlisted_skills,
)
from jobnotes.jd.vocabulary import base_vocabulary, parse_vocabulary, vocabulary_for
from jobnotes.load import load_vault
from jobnotes.model import Application
from jobnotes.settings import Settings
from tests.conftest import EXAMPLE_VAULT

TODAY = date(2024, 6, 14)


def split(text: str, vocab=None) -> tuple[set[str], set[str]]:
    """(required names, optional names) found in ``text``."""
    found = extract_skills(textwrap.dedent(text), vocab or base_vocabulary())
    return ({f.name for f in found if f.required}, {f.name for f in found if f.optional})


def names(text: str, vocab=None) -> set[str]:
    required, optional = split(text, vocab)
    return required | optional


# --- punctuation, aliases and traps ------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("C++ and C# on .NET", {"C++", "C#", ".NET"}),
    ("Node.js services, CI/CD and A/B testing", {"Node.js", "CI/CD", "A/B testing"}),
    ("ASP.NET Core and T-SQL, some PL/SQL", {"ASP.NET", "T-SQL", "PL/SQL"}),
    ("React Native apps", {"React Native"}),
    ("Python3 and Python-based tooling", {"Python"}),
    ("Excel-based reporting", {"Excel"}),
    ("postgres, MS Excel, JS, k8s and golang",
     {"PostgreSQL", "Excel", "JavaScript", "Kubernetes", "Go"}),
    ("REST APIs", {"REST APIs"}),
    ("data-modeling and scikit learn", {"Data modeling", "scikit-learn"}),
    ("Machine Learning, ML, machine-learning", {"Machine learning"}),
    ("SQL,Python", {"SQL", "Python"}),
    ("Python/SQL", {"Python", "SQL"}),
    ("(Tableau)", {"Tableau"}),
    ("**Snowflake**", {"Snowflake"}),
    ("EXCEL AND SQL", {"Excel", "SQL"}),
])
def test_names_with_punctuation_and_aliases(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Python, R and SQL", {"Python", "R", "SQL"}),
    ("experience in R", {"R"}),
    ("R programming", {"R"}),
    ("Python or R.", {"Python", "R"}),
    ("- R\n- SQL", {"R", "SQL"}),
    ("We invest 20% in R&D.", set()),
    ("R. Smith will call you", set()),
    ("Embedded C and C/C++", {"C", "C++"}),
    ("C or C++", {"C", "C++"}),
    ("Reporting to the C-level team", set()),
    ("Access to the C-suite", set()),
    ("You are our go-to person", set()),
    ("Go-to-market experience", {"Go-to-market strategy"}),
    ("Services written in Go", {"Go"}),
    ("Go, Rust or Java", {"Go", "Rust", "Java"}),
    ("Go the extra mile, let's go!", set()),
    ("a Go/No-Go decision", set()),
    ("You will excel here. Our last hire was Excel-lent.", set()),
    ("rest of the team", set()),
    ("react quickly to incidents", set()),
    ("Send us your CV and tell him", set()),
    ("We're hiring a team that loves social media", set()),
    ("Apply at https://jobs.example.org/python-developer/sql", set()),
    ("A graph node", set()),
    ("You will be the Node of the team.", set()),
    ("Node of the team.", set()),
    ("Express your ideas clearly and kindly.", set()),
    ("Work closely with the product manager and the product owner", set()),
    ("Node, Express and TypeScript", {"Node.js", "Express.js", "TypeScript"}),
    ("Backend services in Node", {"Node.js"}),
    ("Product management experience", {"Product management"}),
])
def test_single_letters_and_false_positive_traps(text, expected):
    assert names(text) == expected


def test_a_job_title_in_skills_still_merges_though_never_searched_in_text():
    # "with the product manager" names a colleague, not a skill asked for.
    vocab = base_vocabulary()
    assert vocab.key("product owner") == vocab.key("Product manager") == "product management"
    assert vocab.key("Node") == "node.js"


def test_no_description_text_finds_nothing():
    assert extract_skills("", base_vocabulary()) == ()
    assert extract_skills("   \n\n", base_vocabulary()) == ()


def test_mentions_and_first_spelling_are_kept():
    found = extract_skills("postgres here\nand PostgreSQL there, Postgres again", base_vocabulary())
    (skill,) = found
    assert skill.name == "PostgreSQL"
    assert skill.written == "postgres"
    assert skill.mentions == 3
    assert (skill.line, skill.column) == (1, 1)


# --- nice-to-have parts ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "required", "optional"), [
    ("Strong SQL, BigQuery a plus", {"SQL"}, {"BigQuery"}),
    ("Experience with Tableau, Looker or Power BI is a plus.", set(),
     {"Tableau", "Looker", "Power BI"}),
    ("Python (Django preferred)", {"Python"}, {"Django"}),
    ("- Snowflake (nice to have)\n- dbt", {"dbt"}, {"Snowflake"}),
    ("- Bonus: Kafka\n- Python", {"Python"}, {"Apache Kafka"}),
    ("2+ years of SQL, preferably with dbt", {"SQL"}, {"dbt"}),
    ("Python required; Scala preferred.", {"Python"}, {"Scala"}),
    ("Knowledge of Airflow is helpful but not required.", set(), {"Airflow"}),
    ("### Nice to have\n- Airflow\n\n### Requirements\n- Python", {"Python"}, {"Airflow"}),
    ("**Preferred qualifications**\n- Spark\n\n**What you'll do**\n- SQL", {"SQL"},
     {"Apache Spark"}),
    ("Nice to have:\n- Airflow\n\nWe offer Python training.", {"Python"}, {"Airflow"}),
    ("Nice to have:\n\n- Airflow\n- Kafka\n", set(), {"Airflow", "Apache Kafka"}),
    ("Bonus points\n- Rust\nRequirements\n- Go", {"Go"}, {"Rust"}),
    ("Nice to have: dbt, Snowflake.\nRequirements: SQL", {"SQL"}, {"dbt", "Snowflake"}),
    ("Must have: SQL\n\nNice to have:\n- SQL at scale\n- Looker", {"SQL"}, {"Looker"}),
    ("Strong SQL.\nTableau is a bonus, as is Looker.", {"SQL"}, {"Tableau", "Looker"}),
    ("Knowledge of SQL. Python would be great.", {"SQL"}, {"Python"}),
    ("Python is a must, Java is a plus.", {"Python"}, {"Java"}),
])
def test_optional_parts_and_phrases(text, required, optional):
    assert split(text) == (required, optional)


def test_a_skill_named_in_both_parts_is_required():
    text = "Requirements:\n- Python\n\nNice to have:\n- Python with pandas\n"
    assert split(text) == ({"Python"}, {"pandas"})


# --- the user's vocabulary ----------------------------------------------------------------

def app(slug: str = "a", **kw) -> Application:
    kw.setdefault("company", "Acme")
    kw.setdefault("role", "Analyst")
    kw.setdefault("status", "applied")
    return Application(rel=f"applications/{slug}.md", slug=slug, stem=slug, **kw)


def test_user_skills_from_settings_and_notes_extend_the_vocabulary():
    settings = Settings(skills=["retail analytics", "postgres"], learning=["Qt"])
    notes = [app("a", skills=["Inventory analytics", "SQL"]), app("b", skills=["GxP"])]
    vocab = vocabulary_for(notes, settings)
    text = ("You will own retail analytics and inventory analytics, in a GxP setting.\n"
            "Desktop apps in Qt and C++; quite a lot of Postgres.")
    found = {f.name: f for f in extract_skills(text, vocab)}
    assert set(found) == {"retail analytics", "Inventory analytics", "GxP", "Qt", "C++",
                          "PostgreSQL"}
    assert found["retail analytics"].field == "yours"
    assert found["PostgreSQL"].field == "data"
    assert "retail analytics" not in names(text)      # not in the shipped vocabulary


def test_a_short_user_skill_needs_a_clear_context():
    vocab = vocabulary_for([], Settings(learning=["Qt"]))
    assert names("Desktop apps in Qt", vocab) == {"Qt"}
    assert names("Qt is a plus", vocab) == set()       # no context: could be anything


def test_vocabulary_agrees_with_the_skills_page_merging():
    vocab = base_vocabulary()
    for spelling, canonical in ALIASES.items():
        assert vocab.key(spelling) == skill_key(spelling), spelling
        assert vocab.name(vocab.key(spelling)) == canonical, spelling


def test_shipped_vocabulary_spans_the_fields():
    vocab = base_vocabulary()
    assert len(vocab) >= 500
    per_field: dict[str, int] = {}
    for skill in vocab.skills:
        per_field[skill.field] = per_field.get(skill.field, 0) + 1
    for field in ("software", "data", "design", "marketing", "sales", "operations",
                  "finance", "healthcare", "education"):
        assert per_field[field] >= 30, field


def test_vocabulary_file_errors_name_the_line():
    with pytest.raises(ValueError, match=r"skills.tsv:3: the spelling 'pg' already"):
        parse_vocabulary("data\tPostgreSQL\tpg\n\ndata\tPlaygrounds\tpg\n")
    with pytest.raises(ValueError, match=r"skills.tsv:2: SQL is listed twice"):
        parse_vocabulary("data\tSQL\ndata\tSQL\n")


# --- notes: the section, lines, the check hint --------------------------------------------

NOTE = """\
---
company: Acme
role: Data Analyst
status: applied
channel: job-board
applied: 2024-06-01
skills:
  - SQL
  - postgres
---

## Job description

We need SQL and PostgreSQL.
Also Tableau and some Python.

Nice to have:
- Looker

## Notes

Python and Snowflake here do not count.
"""


def test_skills_come_from_the_job_description_section_only(vault):
    root = vault({"applications/acme.md": NOTE})
    loaded = load_vault(root, today=TODAY)
    (acme,) = loaded.applications
    description = job_description(acme)
    assert description is not None and description.heading_line == 12
    findings = unlisted_skill_findings(acme)
    assert [(d.line, d.column, d.message, d.hint) for d in findings] == [
        (15, 6, "the job description names 3 skills that `skills:` does not list: Tableau, "
                "Python, Looker (nice to have)",
         "add them to `skills: [Tableau, Python, Looker]` if this application asks for them "
         "(jobnotes never edits the note)"),
    ]
    assert all(d.severity is Severity.INFO and d.rule == RULE_NOT_LISTED for d in findings)
    assert all(d.path == "applications/acme.md" for d in findings)
    lines = (root / "applications/acme.md").read_text().splitlines()
    assert lines[14][5:12] == "Tableau"


def test_check_hints_use_the_users_vocabulary(vault):
    note = NOTE.replace("Also Tableau", "Also retail analytics, Tableau")
    root = vault({"applications/acme.md": note})
    loaded = load_vault(root, today=TODAY)
    settings = Settings(skills=["retail analytics"])
    found = unlisted_skill_diagnostics(loaded.applications, settings)
    assert "retail analytics" in found[0].message


def test_a_note_without_description_gets_no_hint():
    assert unlisted_skill_findings(app(body="## Notes\n\nSQL and Python.\n")) == []


def test_user_spellings_that_differ_in_case_or_hyphens_are_one_skill():
    notes = [app("a", skills=["Retail-Analytics"]), app("b", skills=["retail analytics"])]
    vocab = vocabulary_for(notes, Settings(learning=["retail analytics"]))
    assert vocab.key("RETAIL ANALYTICS") == vocab.key("retail-analytics")
    found = extract_skills("retail analytics, then Retail Analytics again", vocab)
    assert [(f.name, f.mentions) for f in found] == [("retail analytics", 2)]  # most used


def test_description_section_agrees_with_the_markdown_parser():
    from jobnotes.markdown import split_sections

    loaded = load_vault(EXAMPLE_VAULT, today=date(2026, 11, 25))
    assert loaded.applications
    for note in loaded.applications:
        sections = [s for s in split_sections(note.body) if s.title == "Job description"]
        found = job_description(note)
        if not sections:
            assert found is None, note.rel
            continue
        assert found is not None, note.rel
        assert found.text == sections[0].text, note.rel
        assert found.heading_line == note.body_line + sections[0].line - 1


def test_description_headings_in_code_and_deeper_levels():
    body = (
        "## Notes\n\n```\n## Job description\nPython\n```\n\n"
        "## Job Description (pasted)\n\nSQL\n\n### Nice to have\n\nKafka\n\n"
        "# Other\n\nTableau\n"
    )
    found = job_description(app(body=body, body_line=5))
    assert found is not None
    assert found.heading_line == 12
    assert found.text == "\nSQL\n\n### Nice to have\n\nKafka\n\n"
    assert split(found.text) == ({"SQL"}, {"Apache Kafka"})


def test_unlisted_skills_merge_spellings():
    note = app(skills=["postgres", "ms excel"],
               body="## Job description\n\nPostgreSQL, Excel and Looker.\n")
    assert [s.name for s in unlisted_skills(note)] == ["Looker"]


def _described(company: str, description: str) -> Application:
    return Application(rel="applications/a.md", slug="a", stem="a", company=company,
                       role="Analyst", status="applied",
                       body=f"## Job description\n\n{description}\n")


def test_a_skill_named_only_inside_the_company_name_is_not_asked_for():
    vocab = base_vocabulary()
    names = {s.name for s in app_skills(_described(
        "Kestrel Logistics", "Kestrel Logistics moves parcels. You know SQL."), vocab)}
    assert names == {"SQL"}
    # Asked for on its own as well: kept.
    names = {s.name for s in app_skills(_described(
        "Kestrel Logistics", "Kestrel Logistics moves parcels. SQL and a logistics "
        "background."), vocab)}
    assert names == {"SQL", "Logistics"}
    # A one-letter skill is not "inside" a name that merely contains the letter.
    names = {s.name for s in app_skills(_described(
        "Wayfarer Transit", "Wayfarer Transit: SQL, Python and R."), vocab)}
    assert {"SQL", "Python", "R"} <= names
