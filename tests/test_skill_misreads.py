"""Mentions that do not ask for a skill: a team worked with ("our customer success
teams") and "PR" meaning a pull request; and the figures built on the skills found: the
learning list leaves out skills you have, and the Skills and Alternatives pages count
the applications asking for a skill the same way (wishlist notes included)."""

from __future__ import annotations

import re
import textwrap
from datetime import date
from html import unescape

import pytest
from click.testing import CliRunner

from jobnotes.build import render_site
from jobnotes.cli import JobnotesGroup
from jobnotes.cli_skills import skills
from jobnotes.jd.extract import extract_skills
from jobnotes.jd.vocabulary import base_vocabulary
from jobnotes.load import load_vault

TODAY = date(2024, 6, 14)


def names(text: str) -> set[str]:
    return {f.name for f in extract_skills(textwrap.dedent(text), base_vocabulary())}


# --- teams worked with are not skills ----------------------------------------------------

@pytest.mark.parametrize("text", [
    "You will work with our customer success teams.",
    "Define metrics with revenue, customer success and finance teams",
    "Define metrics with revenue, customer success, and finance teams",
    "Support the CRM team with campaign evaluation",
    "With revenue, customer success and finance teams you define the metrics.",
    "Analytics Engineer to work with the pricing and customer\nteams.",
    "You will report to the Marketing Analytics department.",
    "Partner with Customer Success to reduce churn.",
    "Partner closely with Account Management and Sales on renewals.",
    "Work alongside customer success on onboarding.",
    "Sit alongside our Public Relations colleagues.",
    # The groups a deliverable serves, named in a list.
    "Create analyses for product, sales and customer success.",
    "Deliver insights for Sales and Customer Success.",
    "Reports for finance, sales and customer success leaders.",
    "Self-serve tools for customer success and finance.",
])
def test_a_team_worked_with_is_not_a_skill(text):
    assert names(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Experience in customer success.", {"Customer success"}),
    ("A passion for customer success.", {"Customer success"}),
    # One topic after "for", not a list of groups: still asked.
    ("Build tools for data quality monitoring.", {"Data quality"}),
    ("Build reports for customer success.", {"Customer success"}),
    ("3+ years in customer success or account management",
     {"Customer success", "Account management"}),
    ("Join our customer success team.", {"Customer success"}),
    # A sentence about the team itself is most often about the one hiring.
    ("Our BI team builds the reporting.", {"Business intelligence"}),
    ("Our Credit Risk team is looking for a Risk Data Analyst.", {"Credit analysis"}),
    ("- The CRM team owns the campaigns.", {"CRM"}),
    ("You will lead the customer success team.", {"Customer success"}),
    ("Experience managing customer success teams", {"Customer success"}),
    ("Strong CRM skills; you will work with our CRM team.", {"CRM"}),
    ("Own the dbt project and analytics teams", {"dbt"}),
    ("Python alongside SQL", {"Python", "SQL"}),
    ("Partner with stakeholders using SQL and Python.", {"SQL", "Python"}),
    ("Work with SQL, Python and dbt.", {"SQL", "Python", "dbt"}),
    ("Proven people management of teams of 20+", {"People management"}),
    ("Design and evaluate A/B tests with game teams", {"A/B testing"}),
    ("Build Tableau dashboards for the management team", {"Tableau", "Dashboards"}),
])
def test_a_skill_asked_of_the_candidate_is_still_found(text, expected):
    assert names(text) == expected


def test_a_team_mention_does_not_hide_the_skill_asked_elsewhere():
    found = extract_skills("Partner with our CRM team.\n\nRequirements:\n- CRM experience\n",
                           base_vocabulary())
    assert [(f.name, f.line, f.written, f.mentions) for f in found] == [("CRM", 4, "CRM", 1)]


# --- "PR": pull request or public relations ------------------------------------------------

@pytest.mark.parametrize("text", [
    "Open a PR for every change.",
    "PR reviews within a day",
    "You review PRs and pull requests from the team.",
    "Code review and PR etiquette",
    "Live code review of a dbt PR",
    "We expect a PR for each change, reviewed by a teammate.",
    "Merge the PR once CI passes",
])
def test_pr_meaning_a_pull_request_is_not_public_relations(text):
    assert "Public relations" not in names(text)


@pytest.mark.parametrize("text", [
    "You will own PR campaigns.",
    "Press and PR experience",
    "Experience in PR",
    "PR, events and social media",
    "Manage PR and communications for launches",
    "Public relations and media relations",
])
def test_pr_in_a_communications_sentence_stays_public_relations(text):
    assert names(text) == {"Public relations"}


# --- what the user sees --------------------------------------------------------------------

SETTINGS = """\
[skills]
have = ["SQL", "Python", "dbt"]
learning = ["dbt", "Looker"]
"""

ORRERY = """\
---
company: Orrery
role: Analytics Engineer
status: interviewing
channel: referral
applied: 2024-05-20
interviews: [2024-06-03]
---

## Job description

Our data team works with revenue, customer success and finance teams. You will open a
PR for each change and take part in PR reviews.

- SQL and dbt every day
- Looker for dashboards
"""

WISH = """\
---
company: Moss
role: Product Analyst
status: wishlist
---

## Job description

Strong SQL, some Python and Looker.
"""

SENT = """\
---
company: Fern
role: Data Analyst
status: applied
channel: job-board
applied: 2024-06-01
skills: [SQL, Excel]
---

## Job description

You will partner with Customer Success and write SQL and Python.
"""

PRESS = """\
---
company: Quill
role: Communications Lead
status: applied
channel: job-board
applied: 2024-06-02
---

## Job description

Lead press and PR campaigns with our agency.
"""


@pytest.fixture
def root(vault):
    return vault({"jobnotes.toml": SETTINGS, "applications/orrery.md": ORRERY,
                  "applications/moss.md": WISH, "applications/fern.md": SENT,
                  "applications/quill.md": PRESS})


@pytest.fixture
def site(root) -> dict[str, str]:
    return {path: data.decode() for path, data
            in render_site(load_vault(root, today=TODAY)).files.items()
            if path.endswith(".html")}


def cli(*args: str) -> str:
    group = JobnotesGroup(commands={"skills": skills})
    result = CliRunner().invoke(group, ["skills", *args, "--today", TODAY.isoformat()])
    assert result.exit_code == 0, result.output
    return result.output


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_skills_of_an_application_leave_out_teams_and_pull_requests(root):
    out = cli(str(root), "orrery")
    assert "SQL" in out and "dbt" in out and "Looker" in out
    assert "Customer success" not in out
    assert "Public relations" not in out
    assert "Public relations" in cli(str(root), "quill")
    fern = cli(str(root), "fern")
    assert "Python" in fern and "Customer success" not in fern


def skills_rows(html: str) -> dict[str, int]:
    """Skill name -> "Asked by" count, from the skills page's full table."""
    rows = {}
    for row in re.findall(r'<tr class="skill-row-[^"]*".*?</tr>', html, re.S):
        name = text_of(re.search(r'<span class="skill-name">(.*?)</span>', row).group(1))
        count = re.search(r"<summary>\s*(\d+) applications?", row).group(1)
        rows[name] = int(count)
    return rows


def transferable_rows(html: str) -> dict[str, int]:
    """Skill name -> applications count, from the Alternatives page's transferable list."""
    rows = {}
    for head in re.findall(r'<div class="transfer-head">.*?</div>', html, re.S):
        name = text_of(re.search(r"<strong>(.*?)</strong>", head).group(1))
        rows[name] = int(re.search(r"(\d+) applications?", text_of(head)).group(1))
    return rows


def test_the_skills_page_counts_no_team_and_no_pull_request(site):
    rows = skills_rows(site["skills.html"])
    assert "Customer success" not in rows
    assert rows["Public relations"] == 1        # the press one only
    assert rows["SQL"] == 3                     # the wishlist note counts, with weight 0


def test_a_skill_you_have_is_not_listed_as_learning(site):
    page = site["skills.html"]
    learning = text_of(re.search(r'<ul class="learning-list">.*?</ul>', page, re.S).group(0))
    assert "Looker" in learning
    assert "dbt" not in learning
    assert "You are learning 1 skill;" in text_of(page)


def test_skills_and_alternatives_pages_give_the_same_counts(site):
    asked = skills_rows(site["skills.html"])
    transferable = transferable_rows(site["alternatives.html"])
    assert transferable["SQL"] == asked["SQL"] == 3
    assert transferable["Looker"] == asked["Looker"] == 2   # one of them on the wishlist
    assert transferable == {name: asked[name] for name in transferable}
