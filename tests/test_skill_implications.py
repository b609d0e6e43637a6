"""Implied skills: having Tableau means having Dashboards. The "<=" lines of skills.tsv,
the status "have" they give (with the skill it is yours through), the match score, the
skills page and ``jobnotes skills`` naming the reason, and caches that never keep a stale
status."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import date
from html import unescape
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.analysis import skills as analysis_skills
from jobnotes.analysis.notememo import NoteMemo
from jobnotes.build import build_vault
from jobnotes.cli import JobnotesGroup
from jobnotes.cli_skills import skills as skills_command
from jobnotes.jd import extract, vocabulary
from jobnotes.jd.match import HAVE, match_application, skill_status
from jobnotes.jd.vocabulary import base_vocabulary, parse_vocabulary, vocabulary_for
from jobnotes.load import load_vault
from jobnotes.settings import Settings
from jobnotes.site.jobskills import job_skills
from tests import builders
from tests.conftest import hash_tree, write_vault

TODAY = date(2026, 11, 27)

SMALL = (
    "data\tData visualization\tdataviz\n"
    "data\tDashboards\tdashboarding\n"
    "data\tTableau\n"
    "data\tPower BI\tPowerBI\n"
    "data\tSQL\n"
    "\n"
    "Dashboards\t<=\tTableau | powerbi\n"
    "dataviz\t<=\tDashboards\n"
)


# --- the skills.tsv form -------------------------------------------------------------------

def test_an_implication_line_names_the_skills_that_mean_a_broader_one():
    vocab = parse_vocabulary(SMALL)
    assert len(vocab) == 5                      # an implication line is not a skill
    assert vocab.implies("tableau") == ("dashboards", "data visualization")   # chained
    assert vocab.implies("power bi") == ("dashboards", "data visualization")
    assert vocab.implies("dashboards") == ("data visualization",)
    assert vocab.implies("data visualization") == vocab.implies("sql") == ()
    assert parse_vocabulary(SMALL).origin != parse_vocabulary(
        SMALL.replace("dataviz\t<=\tDashboards\n", "")).origin


@pytest.mark.parametrize(("line", "message"), [
    ("Dashboards\t<=", "skills.tsv:9: expected a skill, '<=' and the skills that imply it, "
                       "separated by tabs"),
    ("Dashboards\t<=\tTableau\tSQL", "skills.tsv:9: expected a skill, '<=' and the skills "
                                     "that imply it, separated by tabs"),
    ("\t<=\tTableau", "skills.tsv:9: expected a skill, '<=' and the skills that imply it, "
                      "separated by tabs"),
    ("Dashboards\t<=\tTablaeu", "skills.tsv:9: 'Tablaeu' is not a skill of the list"),
    ("Charts\t<=\tTableau", "skills.tsv:9: 'Charts' is not a skill of the list"),
    ("SQL\t<=\tsql", "skills.tsv:9: SQL cannot imply itself"),
    ("Tableau\t<=\tData visualization", "skills.tsv:9: Data visualization cannot imply "
                                        "Tableau: Tableau already implies Data visualization"),
])
def test_a_malformed_implication_line_is_reported_with_its_line(line, message):
    with pytest.raises(ValueError) as raised:
        parse_vocabulary(SMALL + line + "\n")
    assert str(raised.value) == message


def test_the_shipped_list_documents_the_form_in_its_header():
    text = resources.files("jobnotes.jd").joinpath("skills.tsv").read_text(encoding="utf-8")
    header = text[:text.index("\n\n")]
    assert "Dashboards\t<=\tTableau | Power BI | Looker" in header
    assert "Python does not mean pandas" in header
    assert "learning Tableau does not make Dashboards" in header


@pytest.mark.parametrize(("narrow", "broad"), [
    ("Tableau", "Dashboards"), ("Power BI", "Dashboards"), ("Looker", "Dashboards"),
    ("Google Data Studio", "Dashboards"), ("Metabase", "Dashboards"),
    ("Superset", "Dashboards"), ("Grafana", "Dashboards"), ("Tableau", "Data visualization"),
    ("Tableau", "Business intelligence"), ("postgres", "SQL"),
    ("MySQL", "Relational databases"), ("S3", "AWS"), ("S3", "Cloud computing"),
    ("BigQuery", "Data warehousing"), ("MongoDB", "NoSQL"),
    ("A/B testing", "Experimentation"), ("LLMs", "Generative AI"), ("LLMs", "AI"),
    ("pandas", "Python"), ("Next.js", "JavaScript"), ("GitHub", "Git"),
    ("GitHub Actions", "CI/CD"), ("PyTorch", "Machine learning"), ("Epic", "EHR"),
])
def test_the_shipped_list_implies_what_a_hiring_manager_accepts(narrow, broad):
    vocab = base_vocabulary()
    assert vocab.key(broad) in vocab.implies(vocab.key(narrow))


@pytest.mark.parametrize(("narrow", "broad"), [
    ("Python", "pandas"), ("SQL", "PostgreSQL"), ("Dashboards", "Tableau"),
    ("Excel", "VBA"), ("AWS", "Amazon S3"), ("Statistics", "A/B testing"),
    ("Python", "Machine learning"), ("Grafana", "Business intelligence"),
    ("Data visualization", "Dashboards"), ("Git", "GitHub"),
    # Neighbours, not the same skill: a hiring manager would not count them.
    ("Prompt engineering", "LLMs"), ("Prompt engineering", "Generative AI"),
    ("Prompt engineering", "AI"), ("BigQuery", "Google Cloud"), ("Redshift", "AWS"),
    ("Redshift", "Cloud computing"), ("Azure Synapse", "Azure"), ("Azure DevOps", "Azure"),
    ("Bootstrap", "CSS"), ("Microsoft Dynamics", "ERP"),
])
def test_never_the_reverse_nor_a_guess(narrow, broad):
    vocab = base_vocabulary()
    assert vocab.key(broad) not in vocab.implies(vocab.key(narrow))


def test_prompt_engineering_makes_no_llm_skill_yours():
    status = skill_status(base_vocabulary(), Settings(skills=["Prompt engineering"]))
    assert status("prompt engineering") == HAVE
    assert [status(key) for key in ("llms", "generative ai", "ai")] == ["gap"] * 3


# --- the status -----------------------------------------------------------------------------

def test_a_skill_one_of_yours_implies_is_yours_with_the_reason():
    settings = Settings(skills=["tableau", "PowerBI", "SQL"])
    status = skill_status(base_vocabulary(), settings)
    assert status("dashboards") == HAVE
    assert status.through("dashboards") == ("Tableau", "Power BI")   # your order, their names
    assert status.through("tableau") == ()                           # listed: no reason
    assert status("snowflake") == "gap"
    assert analysis_skills.skill_status("dashboarding", settings) == "have"


def test_learning_is_never_implied_and_your_own_word_wins():
    vocab = base_vocabulary()
    learning = skill_status(vocab, Settings(learning=["Tableau"]))
    assert learning("dashboards") == "gap"
    mixed = skill_status(vocab, Settings(skills=["Tableau"], learning=["Dashboards"]))
    assert mixed("dashboards") == "learning" and mixed.through("dashboards") == ()


def test_the_match_score_counts_a_skill_you_have_through_another():
    app = builders.app("a", body_line=9, body=(
        "## Job description\n\nBuild dashboards in Tableau on Snowflake, with SQL.\n"))
    settings = Settings(skills=["Tableau", "SQL"])
    match = match_application(app, vocabulary_for([app], settings), settings)
    dashboards = next(s for s in match.skills if s.name == "Dashboards")
    assert (dashboards.status, dashboards.through, dashboards.reason) == (
        "have", ("Tableau",), "through Tableau")
    assert match.required_have == 3 and match.percent == 75      # not 2 of 4: 50 %
    assert [s.name for s in match.missing] == ["Snowflake"]
    assert dashboards.as_dict()["through"] == ["Tableau"]


# --- where it shows ----------------------------------------------------------------------------

def note(company: str, description: str) -> str:
    return (f"---\ncompany: {company}\nrole: Data Analyst\nstatus: applied\n"
            f"channel: job-board\napplied: 2026-11-02\n---\n\n"
            f"## Job description\n\n{description}\n")


FILES = {
    "jobnotes.toml": '[skills]\nhave = ["Tableau", "SQL"]\nlearning = ["Python"]\n',
    "applications/acme.md": note("Acme", "Build dashboards in Tableau. Strong SQL and "
                                         "Snowflake."),
    "applications/globex.md": note("Globex", "Dashboards and data visualization for sales; "
                                             "Snowflake a must."),
    "applications/initech.md": note("Initech", "Looker and Python."),
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", FILES)


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def skill_rows(html: str) -> dict[str, tuple[str, str]]:
    """Skill name -> (row status class, row text) of the "Every skill asked for" table."""
    table = html[html.index('class="itable itable-flush skills-table"'):]
    return {text_of(name): (status, text_of(row)) for status, row, name in re.findall(
        r'<tr class="skill-row-(\w+)"[^>]*>((?:(?!</tr>).)*?<span class="skill-name">'
        r'([^<]+)</span>.*?)</tr>', table, flags=re.S)}


def built(root: Path, out: Path, use_cache: bool = True) -> str:
    fresh_run()
    build_vault(root, out, today=TODAY, use_cache=use_cache, force=True)
    return (out / "skills.html").read_text(encoding="utf-8")


def test_the_skills_page_names_the_reason_and_leads_with_repeated_gaps(root, tmp_path):
    html = built(root, tmp_path / "site")
    rows = skill_rows(html)
    assert rows["Dashboards"][0] == "have"
    assert "Dashboards Yours through Tableau" in rows["Dashboards"][1]
    assert "Data visualization Yours through Tableau" in rows["Data visualization"][1]
    assert rows["Tableau"] == ("have", rows["Tableau"][1]) and "through" not in rows["Tableau"][1]
    assert {name for name, (status, _) in rows.items() if status == "gap"} == {
        "Snowflake", "Looker"}
    stats = text_of(html[html.index('aria-label="Headline figures"'):].split("</section>")[0])
    assert "Yours 4 skills asked for that you have, 2 through a more specific one" in stats
    assert "Gaps 1 asked by 2+ applications; 1 more asked once" in stats


def test_the_application_page_says_why_a_skill_is_yours(root, tmp_path):
    built(root, tmp_path / "site")
    page = (tmp_path / "site" / "applications" / "globex.html").read_text(encoding="utf-8")
    chip = re.search(r'<li class="skill-chip skill-have"[^>]*>(?:(?!</li>).)*?'
                     r'<span class="skill-name">Dashboards</span>.*?</li>', page, flags=re.S)
    assert chip is not None
    assert 'title="Yours, through Tableau"' in chip.group(0)
    assert "(yours, through Tableau)" in text_of(chip.group(0))


def run_skills(*args: str):
    group = JobnotesGroup(commands={"skills": skills_command})
    return CliRunner().invoke(group, ["skills", *args, "--today", TODAY.isoformat()])


def test_jobnotes_skills_names_the_reason(root):
    fresh_run()
    every = run_skills(str(root))
    assert every.exit_code == 0, every.output
    assert " 75 %  Acme — Data Analyst" in every.output
    assert ("Yours through a more specific skill (counted as yours):\n"
            "  Dashboards          through Tableau; asked by 2 applications\n"
            "  Data visualization  through Tableau; asked by 1 application\n") in every.output
    one = run_skills(str(root), "acme")
    assert "  Dashboards                   have      line 11   not listed   yours through " \
           "Tableau\n" in one.output
    data = json.loads(run_skills(str(root), "acme", "--format", "json").output)
    found = {s["name"]: s["through"] for s in data["match"]["skills"]}
    assert found == {"Dashboards": ["Tableau"], "Tableau": [], "SQL": [], "Snowflake": []}


# --- caches --------------------------------------------------------------------------------------

def fresh_run() -> None:
    """Forget what this process found and built, as a new ``jobnotes`` run would."""
    extract.FOUND.clear()
    extract.DESCRIPTIONS.clear()
    vocabulary.vocabulary_of.cache_clear()
    vocabulary.base_vocabulary.cache_clear()


def test_changed_settings_skills_change_the_status_on_a_cached_rebuild(root, tmp_path):
    out = tmp_path / "site"
    first = skill_rows(built(root, out))
    assert first["Dashboards"][0] == "have"
    (root / "jobnotes.toml").write_text('[skills]\nhave = ["SQL"]\nlearning = ["Python"]\n',
                                        encoding="utf-8")
    again = skill_rows(built(root, out))
    assert again["Dashboards"] == ("gap", again["Dashboards"][1])
    assert "through" not in again["Dashboards"][1]
    fresh = tmp_path / "fresh"
    built(root, fresh, use_cache=False)
    assert hash_tree(out) == hash_tree(fresh)
    (root / "jobnotes.toml").write_text('[skills]\nhave = ["Power BI", "SQL"]\n',
                                        encoding="utf-8")
    assert "Dashboards Yours through Power BI" in skill_rows(built(root, out))["Dashboards"][1]


def test_kept_figures_follow_changed_settings_skills(root):
    """``jobnotes serve`` keeps the figures between rebuilds: the reason is kept right."""
    vault = load_vault(root, today=TODAY)
    memo = NoteMemo()

    def demand(v) -> dict[str, tuple[str, tuple[str, ...]]]:
        kept, plain = job_skills(v, memo), job_skills(v)
        assert kept.demand == plain.demand
        assert kept.matches == plain.matches
        return {d.name: (d.status, d.through) for d in kept.demand}

    assert demand(vault)["Dashboards"] == ("have", ("Tableau",))
    other = dataclasses.replace(vault, settings=Settings(skills=["Power BI"]))
    assert demand(other)["Dashboards"] == ("have", ("Power BI",))
    none = dataclasses.replace(vault, settings=Settings(skills=["SQL"]))
    assert demand(none)["Dashboards"] == ("gap", ())
