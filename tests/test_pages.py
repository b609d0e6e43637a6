"""What each page of the site shows, from a vault built by hand (no files read)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path
from urllib.parse import unquote

import pytest

from jobnotes.build import render_site
from jobnotes.diagnostics import error, warning
from jobnotes.model import Application, Person, Vault
from jobnotes.settings import Settings
from jobnotes.site.pages import collect, external_url, linkedin_url, mailto_url

D = date.fromisoformat
TODAY = D("2024-03-14")


def sample_vault(root: Path) -> Vault:
    """3 applications, 2 people, 2 findings: the vault most site tests use."""
    apps = [
        Application(
            rel="applications/acme-analyst.md", slug="acme-analyst", stem="acme-analyst",
            company="Acme", role="Data Analyst", status="interviewing", channel="referral",
            type="full-time", applied=D("2024-03-11"), screening=D("2024-03-12"),
            interviews=[D("2024-03-13"), D("2024-03-14")], contacts=["Jane Doe", "Ghost Writer"],
            skills=["SQL", "Python"], tags=["remote"], url="https://acme.example/jobs/1",
            salary="60k", excitement=4, location="Berlin",
            body="## Notes\nMet [[jane doe]]; compare with [[globex-backend|Globex]]."
                 " Not [[Nobody]].\n\n- [ ] send thanks\n",
        ),
        Application(
            rel="applications/globex-backend.md", slug="globex-backend", stem="globex-backend",
            company="Globex", role="Backend Engineer", status="rejected", channel="job-board",
            applied=D("2024-02-20"), screening=D("2024-02-26"), rejected=D("2024-03-09"),
            feedback_requested=D("2024-03-10"), contacts=["Bob Roe"],
        ),
        Application(
            rel="applications/evil.md", slug="evil", stem="evil",
            company="<script>alert('co')</script>", role="<b>Role</b>", status="applied",
            channel="other", applied=D("2024-03-12"), url="javascript:alert(1)",
            body="<script>alert('body')</script>"
                 "<img src=https://evil.example/x.png onerror=alert(1)>",
        ),
    ]
    people = [
        Person(rel="people/Jane Doe.md", slug="jane-doe", name="Jane Doe", company="Acme",
               role="hiring-manager", email="jane@acme.example", linkedin="linkedin.com/in/jd",
               met=D("2024-03-13"), touches=[D("2024-03-14")], body="Knows [[acme-analyst]]."),
        Person(rel="people/Bob Roe.md", slug="bob-roe", name="Bob Roe", company="Globex",
               role="recruiter"),
    ]
    diagnostics = [
        error("applications/broken.md", 3, 9, "date", "'2024-02-30' is not a real date.",
              "February 2024 has 29 days."),
        warning("applications/globex-backend.md", 5, 1, "channel", "Unknown channel 'linkedln'.",
                "Did you mean 'linkedin'?"),
    ]
    return Vault(root=root, settings=Settings(title="Sam's search"), today=TODAY,
                 applications=apps, people=people, diagnostics=diagnostics, files_checked=6)


@pytest.fixture
def site(tmp_path: Path) -> dict[str, str]:
    rendered = render_site(sample_vault(tmp_path / "vault"))
    return {path: data.decode() for path, data in rendered.files.items()
            if path.endswith(".html")}


def text_of(html: str) -> str:
    """Visible text, whitespace collapsed (enough for content checks)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


NAV_PAGES = ["index.html", "applications/index.html", "postmortems.html", "skills.html",
             "channels.html", "people/index.html", "problems.html"]


def test_every_page_is_collected(tmp_path: Path):
    paths = [page.path for page in collect(sample_vault(tmp_path))]
    assert paths[:6] == [
        "index.html", "applications/index.html", "applications/acme-analyst.html",
        "applications/globex-backend.html", "applications/evil.html", "problems.html",
    ]
    for path in [*NAV_PAGES, "people/jane-doe.html", "people/bob-roe.html"]:
        assert path in paths
    assert len(paths) == len(set(paths))


def test_root_prefix_matches_page_depth(tmp_path: Path):
    roots = {page.path: page.context["root"] for page in collect(sample_vault(tmp_path))}
    assert roots["index.html"] == "" and roots["problems.html"] == ""
    assert roots["applications/acme-analyst.html"] == "../"
    assert roots["people/index.html"] == "../"


def test_dashboard_headline_figures(site):
    text = text_of(site["index.html"])
    assert "Interviewing 1" in text and "Rejected 1" in text and "Applied 1" in text
    assert "Offer 0" in text
    assert "This week 2 / 5" in text           # acme (11 Mar) and evil (12 Mar)
    assert "In progress 2" in text
    # Three applications are too few for rates: the cards give the counts.
    assert "Response rate 2 of 3 answered so far (a rejection counts)" in text
    assert "Interviews 1 of 3 reached an interview so far" in text
    assert "1 error in your vault" in text     # the banner
    assert 'href="problems.html"' in site["index.html"]


def test_dashboard_wins_newest_first(site):
    text = text_of(site["index.html"])
    wins = text[text.index("Wins Newest first"):]
    assert wins.index("Interview 2 with Acme") < wins.index("Interview 1 with Acme") < (
        wins.index("Acme answered"))


def test_no_error_banner_without_errors(tmp_path: Path):
    vault = sample_vault(tmp_path)
    vault.diagnostics = [d for d in vault.diagnostics if not d.is_error]
    html = render_site(vault).files["index.html"].decode()
    assert 'role="alert"' not in html


def test_applications_table_links_every_row(site):
    html = site["applications/index.html"]
    for slug in ("acme-analyst", "globex-backend", "evil"):
        assert f'href="../applications/{slug}.html"' in html
    assert 'class="badge status-interviewing"' in html
    text = text_of(html)
    assert text.index("Acme") < text.index("Globex")      # most recent activity first
    assert "Board by status" in text


def test_applications_table_has_stage_and_days_since_activity(site):
    html = site["applications/index.html"]
    rows = {m.group(1): m.group(0) for m in re.finditer(
        r'<tr data-status="(\w+)".*?</tr>', html, flags=re.S)}
    acme = rows["interviewing"]
    assert 'data-reached="applied answered response interview-1 interview-2"' in acme
    assert 'data-sort="3-02"' in acme and ">Interview 2<" in acme
    assert ">today ago<" not in acme and "today</time>" in acme
    globex = rows["rejected"]                 # rejected after screening keeps "Screening"
    assert ">Screening<" in globex and 'data-exit="rejected@response"' in globex
    assert "4 days ago</time>" in globex      # feedback requested 10 Mar, today 14 Mar
    assert 'data-sort="00004"' in globex


def test_applications_filters_need_the_script_and_list_what_exists(site):
    html = site["applications/index.html"]
    form = html[html.index("<form"):html.index("</form>")]
    assert re.search(r'<form class="table-tools" data-filters="apps-table" hidden>', form)
    assert '<option value="rejected">Rejected (1)</option>' in form
    assert '<option value="active">In progress (2)</option>' in form
    assert '<option value="referral">Referral (1)</option>' in form
    assert '<option value="globex">Globex</option>' in form
    assert '<option value="interview-2">Interview 2</option>' in form


def test_board_groups_applications_by_status(site):
    html = site["applications/index.html"]
    board = text_of(html[html.index('id="board"'):])
    assert board.index("Applied 1") < board.index("Interviewing 1") < board.index("Rejected 1")
    assert "Globex Backend Engineer Screening · active" in board


def test_application_page(site):
    html = site["applications/acme-analyst.html"]
    text = text_of(html)
    assert "Acme" in text and "Data Analyst" in text and "Referral" in text and "Berlin" in text
    assert "Furthest stage: Interview 2 · In process after interview 2" in text
    timeline = text[text.index("Timeline"):]
    assert re.search(r"Applied 11 Mar 2024 Screening 12 Mar 2024 Interview 1 13 Mar 2024 "
                     r"Interview 2 14 Mar 2024", timeline)
    assert '<a href="../people/jane-doe.html">Jane Doe</a>' in html
    assert "Ghost Writer (no note)" in text
    assert 'href="https://acme.example/jobs/1" rel="noopener noreferrer"' in html
    assert '<li><a class="tag" href="../tags/remote.html">#remote</a></li>' in html
    assert 'id="feedback"' not in html and 'id="post-mortem"' not in html   # not rejected


def test_application_skills_are_marked_against_your_skills(tmp_path: Path):
    vault = sample_vault(tmp_path)
    vault.settings.skills = ["sql"]
    vault.settings.learning = ["Python"]
    html = render_site(vault).files["applications/acme-analyst.html"].decode()
    assert ('<li class="skill-chip skill-have"><span class="have-mark" aria-hidden="true">✓'
            '</span><span class="skill-name">SQL</span>') in html
    assert ('<li class="skill-chip skill-learning"><span class="skill-name">Python</span> '
            '<span class="skill-mark skill-learning">Learning</span>') in html
    vault.settings.learning = []
    html = render_site(vault).files["applications/acme-analyst.html"].decode()
    assert ('<li class="skill-chip skill-gap"><span class="skill-name">Python</span> '
            '<span class="skill-mark skill-gap">Gap</span>') in html


def test_rejected_application_offers_the_feedback_draft(site):
    html = site["applications/globex-backend.html"]
    card = html[html.index('id="feedback"'):html.index("</section>", html.index('id="feedback"'))]
    [href] = re.findall(r'<a class="button[^"]*" href="(mailto:[^"]+)">Request feedback</a>', card)
    url = unquote(unescape(href))
    assert url.startswith("mailto:?subject=Thank you — Backend Engineer at Globex&body=Hi Bob,")
    assert "the Backend Engineer role at Globex" in url
    assert "Requested on 10 Mar 2024" in text_of(card)
    draft = text_of(card[card.index("<details"):])
    assert "Subject: Thank you — Backend Engineer at Globex" in draft
    assert "Hi Bob, Thank you for letting me know" in draft


def test_rejected_application_shows_post_mortem_completeness_and_reminders(site):
    html = site["applications/globex-backend.html"]
    review = text_of(html[html.index('<h2 id="review-title"'):])
    assert review.startswith("Post-mortem status Not started yet.")
    assert ("missing: Job description match missing: Resume and cover letter "
            "missing: Screening missing: Follow-up missing: What went well") in review
    due = html[html.index('id="due"'):html.index("</section>", html.index('id="due"'))]
    assert 'href="../applications/globex-backend.html#post-mortem"' in due
    assert "Write the post-mortem for Globex — Backend Engineer" in text_of(due)


def test_wikilinks_in_bodies_resolve_to_pages(site):
    app_html = site["applications/acme-analyst.html"]
    assert 'class="wikilink" href="../people/jane-doe.html"' in app_html
    assert 'class="wikilink" href="../applications/globex-backend.html"' in app_html
    assert '<span class="wikilink unresolved">Nobody</span>' in app_html
    person_html = site["people/jane-doe.html"]
    assert 'class="wikilink" href="../applications/acme-analyst.html"' in person_html


def test_person_page_lists_applications_naming_them(site):
    html = site["people/jane-doe.html"]
    assert 'href="../applications/acme-analyst.html"' in html
    assert 'href="mailto:jane@acme.example"' in html
    assert 'href="https://linkedin.com/in/jd"' in html
    assert "Last contact 14 Mar 2024" in text_of(html)
    assert "No application lists Bob Roe" not in text_of(site["people/bob-roe.html"])


def test_people_grouped_by_company(site):
    text = text_of(site["people/index.html"])
    known = text[text.index("Who do I know at"):]
    assert known.index("Acme") < known.index("Jane Doe") < known.index("Globex") < (
        known.index("Bob"))


def test_problems_page_lists_every_finding_with_links(site):
    html = site["problems.html"]
    text = text_of(html)
    assert "applications/broken.md" in text and "3:9" in text and "[date]" in text
    assert "February 2024 has 29 days." in text
    assert "Did you mean 'linkedin'?" in text and "[channel]" in text
    assert '<a href="applications/globex-backend.html">applications/globex-backend.md</a>' in html
    assert ('<a class="finding-loc" href="applications/globex-backend.html">'
            "applications/globex-backend.md:5:1</a>") in html
    assert '<span class="finding-loc">applications/broken.md:3:9</span>' in html
    assert 'href="applications/broken.html"' not in html       # that note produced no page


def test_findings_shown_on_their_note_page(site):
    assert "Unknown channel 'linkedln'." in text_of(site["applications/globex-backend.html"])
    assert "Unknown channel" not in site["applications/acme-analyst.html"]


def test_front_matter_values_are_escaped(site):
    for path, html in site.items():
        assert "<script>alert" not in html, path
        assert "<b>Role</b>" not in html, path
    assert "&lt;script&gt;alert(&#39;co&#39;)&lt;/script&gt;" in site["applications/evil.html"]


def test_unsafe_urls_from_front_matter_are_not_links(site):
    for html in site.values():
        assert "javascript:" not in html
    assert "onerror" not in site["applications/evil.html"]


def test_every_page_has_the_content_security_policy_and_no_inline_code(site):
    for path, html in site.items():
        assert 'http-equiv="Content-Security-Policy"' in html, path
        assert "default-src 'self'" in html and "script-src 'self'" in html
        assert " style=" not in html, path
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\son[a-z]+=", html), path


def test_nav_marks_current_page_and_counts_problems(site):
    html = site["people/index.html"]
    assert re.search(r'<a href="\.\./people/index\.html" aria-current="page">', html)
    assert re.search(r'class="count count-error"[^>]*>2</span>', html)


def test_page_names_never_collide(tmp_path: Path):
    vault = sample_vault(tmp_path)
    vault.applications.append(Application(
        rel="applications/index.md", slug="index", stem="index", company="I", role="R",
        status="wishlist"))
    vault.applications.append(Application(
        rel="applications/ACME-analyst.md", slug="ACME-analyst", stem="ACME-analyst",
        company="A2", role="R", status="wishlist"))
    vault.people.append(Person(rel="people/x.md", slug="../../etc", name="X"))
    paths = [page.path for page in collect(vault)]
    assert len(paths) == len(set(p.casefold() for p in paths))
    assert "applications/index-2.html" in paths
    assert "applications/index.html" in paths
    assert "people/etc.html" in paths


def test_url_helpers():
    assert external_url(" https://x.example/a ") == "https://x.example/a"
    assert external_url("javascript:alert(1)") is None
    assert external_url("http://") is None
    assert external_url("https://x.example/a b") is None
    assert linkedin_url("www.linkedin.com/in/jd") == "https://www.linkedin.com/in/jd"
    assert linkedin_url("jd") is None
    assert mailto_url("jane@acme.example") == "mailto:jane@acme.example"
    assert mailto_url("jane@acme.example?subject=x") is None


def test_dashboard_anchors_point_at_existing_ids(site):
    """Same-site links with a fragment land on an element that exists."""
    html = site["index.html"]
    targets = set(re.findall(r'href="([^"#:]*\.html)#([\w-]+)"', html))
    targets |= {("index.html", frag) for frag in re.findall(r'href="#([\w-]+)"', html)}
    for path, fragment in targets:
        if path.startswith("applications/index.html"):
            continue                      # a filter in the hash, read by site.js
        assert f'id="{fragment}"' in site[path], (path, fragment)
    assert ("postmortems.html", "feedback-title") in targets
