"""The insight pages (post-mortems, skills, channels, network, alternatives) on a vault
built by hand: the figures a user reads, the links behind them, and safety."""

from __future__ import annotations

import re
import textwrap
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

import pytest

from jobnotes.markdown import render_markdown
from jobnotes.model import Application, Person, Vault
from jobnotes.settings import Goals, Settings
from jobnotes.site import insights
from jobnotes.site.pages import SiteData, collect
from jobnotes.site.render import make_environment, template_dirs

D = date.fromisoformat
TODAY = D("2024-06-14")
INSIGHT_PAGES = ("postmortems.html", "skills.html", "channels.html", "alternatives.html",
                 "people/index.html")

ACME_BODY = """
## Notes

Two rounds.

## Post-mortem

### Job description match

Good match.

### Resume and cover letter

Tailored.

### Screening

Fine.

### Interviews

Ran out of time on the design question. #improve/system-design
Window functions went well. #strength/sql

### Follow-up

Sent a thank-you to both interviewers.

### What went well

Preparation.

### What to improve

Timing.

### Action plan

- [ ] Practise one design question with a timer
- [x] Read the modeling book
"""

GLOBEX_BODY = """
## Post-mortem

### Resume and cover letter

Too generic. #improve/system-design
"""

EVIL_BODY = """
## Post-mortem

### Action plan

- [ ] <script>alert('task')</script> fix it
"""


def application(name: str, company: str, role: str, status: str, body: str = "",
                **fields) -> Application:
    return Application(rel=f"applications/{name}.md", slug=name, stem=name, company=company,
                       role=role, status=status, body=textwrap.dedent(body).lstrip("\n"),
                       body_line=8, **fields)


def sample_vault(root: Path) -> Vault:
    apps = [
        application("acme", "Acme", "Data Analyst", "rejected", ACME_BODY, channel="referral",
                    applied=D("2024-05-01"), screening=D("2024-05-06"),
                    interviews=[D("2024-05-10"), D("2024-05-17")], rejected=D("2024-05-24"),
                    feedback_requested=D("2024-05-25"), feedback_received=D("2024-05-30"),
                    contacts=["Jane Doe"], skills=["SQL", "dbt", "Snowflake"]),
        application("globex", "Globex", "Backend Engineer", "rejected", GLOBEX_BODY,
                    channel="job-board", applied=D("2024-05-02"), rejected=D("2024-05-20"),
                    skills=["Snowflake", "Python"]),
        application("initech", "Initech", "Data Analyst", "screening", channel="job-board",
                    applied=D("2024-06-10"), screening=D("2024-06-12"), skills=["snowflake"],
                    contacts=["Bob Roe"]),
        application("evil", "<script>alert('co')</script>", "<b>Role</b>", "applied", EVIL_BODY,
                    channel="other", applied=D("2024-06-11"),
                    skills=["<img src=x onerror=alert(1)>"]),
        application("umbrella", "Umbrella", "Data Contractor", "applied", channel="recruiter",
                    type="contract", applied=D("2024-06-03"), skills=["SQL", "Excel"]),
        application("hooli-chat", "Hooli", "Informational chat", "applied", type="informational",
                    applied=D("2024-06-05"), interviews=[D("2024-06-07")],
                    contacts=["Jane Doe"]),
        application("wonka", "Wonka", "Analytics Engineer", "wishlist", skills=["Python"]),
    ]
    people = [
        Person(rel="people/Jane Doe.md", slug="jane-doe", name="Jane Doe", company="Acme",
               role="hiring-manager", met=D("2024-05-10"), thanked=D("2024-06-07"),
               connected=D("2024-05-12"), touches=[D("2024-06-01")]),
        Person(rel="people/Bob Roe.md", slug="bob-roe", name="Bob Roe", company="Initech",
               role="recruiter", met=D("2024-06-12")),
        Person(rel="people/Old Friend.md", slug="old-friend", name="Old Friend",
               company="Globex", role="peer", met=D("2024-01-02")),
        Person(rel="people/Eve.md", slug="eve", name="Eve", company="<i>Evil</i>"),
    ]
    settings = Settings(title="Test search", skills=["SQL"], learning=["dbt", "Rust"],
                        goals=Goals(applications=2))
    return Vault(root=root, settings=settings, today=TODAY, applications=apps, people=people)


def render_insights(vault: Vault) -> dict[str, str]:
    """Only the insight pages, rendered with the shipped templates."""
    site = SiteData.of(vault)
    env = make_environment(template_dirs(vault))
    pages = [page for builder in insights.PAGE_BUILDERS for page in builder(site)]
    return {page.path: env.get_template(page.template).render(page.context) for page in pages}


@pytest.fixture
def site(tmp_path: Path) -> dict[str, str]:
    return render_insights(sample_vault(tmp_path / "vault"))


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.:;])", r"\1", text)


def section(html: str, heading_id: str) -> str:
    """The text from the heading with this id up to the next ``<h2>``."""
    start = html.index(f'id="{heading_id}"')
    end = html.find("<h2", start)
    return text_of(html[html.rindex("<", 0, start):end if end > 0 else len(html)])


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if values.get("id"):
            self.ids.add(values["id"] or "")


def parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


# --- every page --------------------------------------------------------------------------

def test_every_insight_page_is_collected_once(tmp_path: Path):
    paths = [page.path for page in collect(sample_vault(tmp_path))]
    for path in (*INSIGHT_PAGES, "people/jane-doe.html", "people/eve.html"):
        assert paths.count(path) == 1, path


def test_links_resolve_to_pages_and_anchors_that_exist(tmp_path: Path):
    vault = sample_vault(tmp_path)
    pages = render_insights(vault)
    existing = {page.path for page in collect(vault)} | {"static/style.css"}
    ids = {path: parse(html).ids for path, html in pages.items()}
    by_page = {f"applications/{a.slug}.html": a for a in vault.applications}
    checked = 0
    for path, html in pages.items():
        for href in parse(html).hrefs:
            if href.startswith(("mailto:", "http:", "https:")):
                continue
            target, fragment = urldefrag(unquote(urljoin(path, href)))
            assert not href.startswith("/") and "://" not in href, (path, href)
            if not target:
                continue
            assert target in existing, f"{path}: {href} -> {target} is not a page"
            if fragment and target in ids:
                assert fragment in ids[target], f"{path}: {href}: no id {fragment}"
            elif fragment:
                body = render_markdown(by_page[target].body)
                assert f'id="{fragment}"' in body, f"{path}: {href}: no heading {fragment}"
            checked += 1
    assert checked > 50


def test_hostile_strings_are_escaped(site):
    for path, html in site.items():
        assert "<script>alert" not in html, path
        assert "<img src=x" not in html, path
        assert "<b>Role</b>" not in html and "<i>Evil</i>" not in html, path
        assert " style=" not in html, path
        assert not re.search(r"\son[a-z]+=", html.replace("onerror=alert", "")), path
    assert "&lt;script&gt;alert(&#39;task&#39;)&lt;/script&gt; fix it" in site["postmortems.html"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in site["skills.html"]
    assert "&lt;i&gt;Evil&lt;/i&gt;" in site["people/index.html"]


def test_every_chart_has_a_name_and_a_table_beside_it(site):
    for path in INSIGHT_PAGES:
        html = site[path]
        for figure in re.findall(r'<figure class="chart-figure.*?</figure>', html, re.S):
            svg = re.search(r"<svg[^>]*>", figure).group(0)
            assert 'role="img"' in svg and "aria-labelledby=" in svg, path
            assert "<desc " in figure and "<table" in figure, path
    assert site["channels.html"].count('<figure class="chart-figure') == 4
    assert site["skills.html"].count('<figure class="chart-figure') == 3   # with the payoff
    assert site["postmortems.html"].count('<figure class="chart-figure') == 1


def test_empty_vault_renders_every_page_calmly(tmp_path: Path):
    pages = render_insights(Vault(root=tmp_path, settings=Settings(), today=TODAY))
    assert set(pages) == set(INSIGHT_PAGES)
    assert "No rejections recorded" in pages["postmortems.html"]
    assert "No action items yet" in text_of(pages["postmortems.html"])
    assert "No skills listed yet." in text_of(pages["skills.html"])
    assert "No applications with a channel yet" in text_of(pages["channels.html"])
    assert "No contacts yet" in text_of(pages["people/index.html"])
    assert "None yet" in text_of(pages["alternatives.html"])


# --- post-mortems --------------------------------------------------------------------------

def test_postmortems_show_where_rejections_happen(site):
    html = site["postmortems.html"]
    text = text_of(html)
    assert "Rejections 2 1 of them after an interview" in text
    table = section(html, "stages-title")
    # Two rejections are too few for shares: the counts only.
    assert "Applied 1 Globex" in table and "Interview 2 1 Acme" in table
    assert "%" not in table
    assert 'href="applications/globex.html">Globex</a>' in html


def test_themes_count_notes_and_link_to_the_line(site):
    html = site["postmortems.html"]
    themes = section(html, "themes-title")
    assert re.search(r"system design 2 Acme — Data Analyst line \d+ Globex — Backend Engineer",
                     themes)
    assert re.search(r"sql 1 Acme — Data Analyst line \d+", themes)
    acme_line = ACME_BODY.lstrip("\n").splitlines().index(
        "Ran out of time on the design question. #improve/system-design") + 8
    assert f'href="applications/acme.html#h-interviews">Acme — Data Analyst</a> ' \
           f'<span class="ref-line">line {acme_line}</span>' in html


def test_action_plan_lists_open_items_before_done_ones(site):
    text = section(site["postmortems.html"], "actions-title")
    assert "2 open, 1 done" in text
    assert text.index("Practise one design question") < text.index("Done (1)") \
        < text.index("Read the modeling book")
    assert 'href="applications/acme.html#h-action-plan"' in site["postmortems.html"]


def test_completeness_per_rejection(site):
    text = section(site["postmortems.html"], "complete-title")
    assert re.search(r"Acme — Data Analyst Complete Rejected 24 May 2024 reached interview 2", text)
    assert "Globex — Backend Engineer 1 of 6 written" in text
    assert "missing: Job description match" in text and "written: Resume and cover letter" in text


def test_feedback_loop_figures_and_draft_request(site):
    html = site["postmortems.html"]
    text = section(html, "feedback-title")
    assert "Requested 1 after 2 rejections" in text
    assert "Received 1" in text and "Time to answer 5 d" in text
    assert "Response rate 1 of 1 requests answered; too early for a rate" in text
    # Globex's request fell due on 22 May, more than two weeks before: too late to ask.
    assert "Globex — Backend Engineer rejected" not in text
    assert ("1 older rejection without a request is not listed: asking stops making sense "
            "14 days after a request was due") in text


def test_a_recent_rejection_without_a_request_gets_a_draft(tmp_path: Path) -> None:
    vault = sample_vault(tmp_path / "vault")
    vault.today = D("2024-05-27")           # Globex's request fell due on 22 May
    html = render_insights(vault)["postmortems.html"]
    text = section(html, "feedback-title")
    assert "Rejections without a request Globex — Backend Engineer rejected 20 May 2024" in text
    assert re.search(r'href="mailto:\?subject=Thank%20you%20%E2%80%94%20Backend%20Engineer', html)


# --- skills --------------------------------------------------------------------------------

def test_skill_demand_is_weighted_and_gaps_marked(site):
    html = site["skills.html"]
    table = section(html, "all-title")
    assert re.search(r"Snowflake Gap 7 3 applications .* SQL Yours 5 2 applications .* "
                     r"dbt Learning 4 1 application", table)
    assert "Acme — Data Analyst · Interview 2" in table
    chart = html[html.index('class="chart chart-bar'):html.index("</svg>")]
    assert 'class="bar highlight"' in chart and "Snowflake: 7" in chart


def test_what_to_learn_next_names_the_top_gap(site):
    text = section(site["skills.html"], "next-title")
    assert ("Snowflake is the skill you lack that matters most: asked by 3 applications, "
            "1 of them reaching an interview or further.") in text


def test_learning_against_demand(site):
    text = section(site["skills.html"], "learning-title")
    assert "You are learning 2 skills; 1 of them is asked for" in text
    assert "dbt #3 of 6 in demand · asked by 1 application" in text
    assert "Rust not asked for in any application yet" in text


# --- channels ------------------------------------------------------------------------------

def test_channel_funnel_share_and_cards(site):
    html = site["channels.html"]
    text = text_of(html)
    # Globex's rejection email is a response (a rejection counts), so job boards answered
    # 2 of 2.
    assert ("Recruiter: 20 % of your applications, against a 10 % target; networking: 0 % "
            "against 30 %. Best response rate: job board, 2 of 2.") in text
    funnel = section(html, "funnel-title")
    assert "A response is any answer from the company" in funnel
    assert "Applied 5" in funnel and "Response 3 60 % 60 %" in funnel
    assert "Interview 1 33 % 20 %" in funnel and "Offer 0 0 % 0 %" in funnel
    cards = section(html, "per-channel-title")
    assert ("Job board 2 applications · 1 this week Job board: applications per stage "
            "Applied 2 Response 2 Interview 0 Offer 0") in cards      # too few for rates
    assert "Initech — Data Analyst · Screening" in cards
    mix = section(html, "mix-title")
    assert "Job board 2 40 % 40 % +0 pts" in mix and "Networking 0 0 % 30 % −30 pts" in mix


def test_days_to_first_response_per_channel_and_company(site):
    text = section(site["channels.html"], "times-title")
    # Three answers are too few for a median: the range, with the counts.
    assert "3 answers so far, within 2 to 18 days; 2 still waiting" in text
    assert "Job board 10 d 2" in text
    assert "Globex 18 d Backend Engineer · 18 days" in text
    assert "Initech 2 d Data Analyst · 2 days" in text


def test_applications_per_week(site):
    text = section(site["channels.html"], "weeks-title")
    assert "7 weeks since the first application; the goal of 2 a week was met in 2 weeks" in text
    assert "10 Jun 2024 2 ✓ Initech, <script>alert('co')</script>" in text
    assert "29 Apr 2024 2 ✓ Acme, Globex" in text


# --- network -------------------------------------------------------------------------------

def test_network_going_cold_first_then_dues(site):
    html = site["people/index.html"]
    text = text_of(html)
    assert text.index("Going cold") < text.index("Due now and in the next 7 days") \
        < text.index("Everyone") < text.index("Who do I know at")
    cold = section(html, "cold-title")
    assert "Old Friend · Globex Cold last contact 2 Jan 2024, 164 days ago" in cold
    # Jane's touch came 15 days after the interview; Old Friend's is overdue.
    assert "Touches on time so far: 1 of 2, each within 90 days of the contact before" in cold
    due = section(html, "due-title")
    assert "Bob Roe · Thank-you note was due by 13 Jun 2024 for the meeting on 12 Jun 2024" in due
    assert "Bob Roe · Connect on LinkedIn from 15 Jun 2024" in due
    # A connection more than 30 days late is dropped, as in the agenda.
    assert "Old Friend · Connect on LinkedIn" not in due
    assert "Get back in touch" not in due                    # Old Friend is in the cold list
    assert re.search(r"Due now 1\b", text)


def test_everyone_table_and_who_do_i_know(site):
    html = site["people/index.html"]
    everyone = section(html, "everyone-title")
    assert "Jane Doe Acme Hiring manager Last contact 7 Jun 2024 7 days ago Warm" in everyone
    assert "Eve <i>Evil</i> Last contact — No dates" in everyone
    companies = section(html, "companies-title")
    assert "Hooli Jane Doe Hiring manager met through an application" in companies
    assert "Applied, but you know nobody there" in companies
    assert re.search(r"Umbrella Data Contractor Applied", companies)
    assert 'href="../applications/umbrella.html"' in html


def test_person_page_shows_what_is_due(site):
    text = text_of(site["people/bob-roe.html"])
    assert "Keeping in touch Warm 2 days since the last contact" in text
    assert "Thank-you note was due by 13 Jun 2024" in text
    assert "Connect on LinkedIn from 15 Jun 2024" in text
    jane = site["people/jane-doe.html"]
    assert 'href="../applications/acme.html"' in jane
    assert 'href="../applications/hooli-chat.html"' in jane
    assert "Last contact 7 Jun 2024" in text_of(jane)


# --- alternatives ------------------------------------------------------------------------

def test_alternatives_track(site):
    html = site["alternatives.html"]
    talks = section(html, "talks-title")
    assert "7 Jun 2024 7 days ago Hooli — Informational chat · with Jane Doe" in talks
    assert 'href="people/jane-doe.html">Jane Doe</a>' in html
    roles = section(html, "roles-title")
    assert "Umbrella — Data Contractor Awaiting a response Contract Applied Applied" in roles
    skills = section(html, "transferable-title")
    assert re.search(r"Snowflake Gap 2 roles · 3 applications asking for Snowflake, on the "
                     r"Skills page Backend Engineer Data Analyst", skills)
    assert 'href="skills.html#skill-snowflake"' in html


def test_alternatives_linked_from_skills_and_channels(site):
    assert 'href="alternatives.html' in site["skills.html"]
    assert 'href="alternatives.html"' in site["channels.html"]
    assert 'id="skill-snowflake"' in site["skills.html"]
    assert 'href="skills.html"' in site["alternatives.html"]
    assert 'href="channels.html"' in site["alternatives.html"]


def test_the_contacts_figure_counts_companies_in_plain_english(tmp_path: Path):
    vault = sample_vault(tmp_path / "vault")
    assert "Contacts 4 5 companies covered" in text_of(
        render_insights(vault)["people/index.html"])
    vault.people = [p for p in vault.people if p.name == "Bob Roe"]
    vault.applications = [a for a in vault.applications if a.company == "Initech"]
    assert "Contacts 1 1 company covered" in text_of(
        render_insights(vault)["people/index.html"])


@pytest.mark.parametrize(("rejected", "lede"), [
    (1, "What 1 rejection says, and what you are doing about it."),
    (2, "What 2 rejections say, and what you are doing about it."),
])
def test_the_post_mortems_lede_agrees_with_its_count(tmp_path: Path, rejected: int,
                                                     lede: str):
    from jobnotes.load import load_vault
    from tests.conftest import write_vault

    note = ("---\ncompany: C{n}\nrole: Analyst\nstatus: rejected\nchannel: job-board\n"
            "applied: 2024-05-01\nrejected: 2024-05-20\n---\n")
    root = write_vault(tmp_path / "v", {f"applications/c{n}.md": note.format(n=n)
                                        for n in range(rejected)})
    pages = render_insights(load_vault(root, today=TODAY))
    assert lede in text_of(pages["postmortems.html"])
