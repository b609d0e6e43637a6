"""How the site words what a person reads: one way of writing a date, plain words instead
of note keys and internal terms, counts against totals that read right, link texts that say
where they lead, and activity-calendar labels large enough to read on a phone."""

from __future__ import annotations

import re
import textwrap
from collections import defaultdict
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from jobnotes.site.render import against_goal, day, long_day

# Pages made of figures and lists only: no note body, whose dates are the user's own words.
OVERVIEW_PAGES = ("index.html", "applications/index.html", "alternatives.html", "channels.html",
                  "skills.html", "postmortems.html", "people/index.html", "problems.html")
SHORT_WEEKDAY_DATE = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d{4}")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


class _Text(HTMLParser):
    """The text a reader meets (visually hidden text included), without scripts, styles
    and, unless asked, charts; plus every link's text and target."""

    def __init__(self, charts: bool) -> None:
        super().__init__()
        self.charts, self.skip, self.parts = charts, 0, []
        self.links: list[tuple[str, list[str]]] = []
        self.open_links: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style") or (tag == "svg" and not self.charts):
            self.skip += 1
        if tag == "a":
            self.open_links.append((dict(attrs).get("href") or "", []))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") or (tag == "svg" and not self.charts):
            self.skip -= 1
        if tag == "a" and self.open_links:
            self.links.append(self.open_links.pop())

    def handle_data(self, data: str) -> None:
        for _, words in self.open_links:
            words.append(data)
        if not self.skip:
            self.parts.append(data)


def parse(html: str, charts: bool = False) -> _Text:
    parser = _Text(charts)
    parser.feed(html)
    return parser


def text_of(html: str, charts: bool = False) -> str:
    return " ".join(" ".join(parse(html, charts).parts).split())


def link_names(html: str) -> dict[str, set[str]]:
    """Each link text (its accessible name here) -> the targets it leads to."""
    names: dict[str, set[str]] = defaultdict(set)
    for href, words in parse(html).links:
        names[" ".join("".join(words).split())].add(href)
    return names


def page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def build(root: Path, out: Path, today: str) -> Path:
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out), "--today", today,
                                       "--no-cache"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A rejection with feedback asked for and not yet answered, whose job description lists
    only nice-to-have skills; a rejection the day before, in its cooling-off; a contact with
    no dates at all."""
    root = tmp_path_factory.mktemp("vault")
    files = {
        "jobnotes.toml": """
            title = "Test search"
            [skills]
            have = ["SQL"]
        """,
        "applications/acme.md": """
            ---
            company: Acme
            role: Data Analyst
            status: rejected
            channel: referral
            applied: 2024-02-20
            rejected: 2024-03-01
            feedback_requested: 2024-03-02
            contacts:
              - "[[Jane Doe]]"
            ---
            ## Job description

            ### Nice to have

            - SQL
            - Python
        """,
        "applications/globex.md": """
            ---
            company: Globex
            role: Analyst
            status: rejected
            channel: job-board
            applied: 2024-03-01
            rejected: 2024-03-09
            ---
        """,
        "people/Jane Doe.md": """
            ---
            company: Acme
            ---
            Recruiter.
        """,
    }
    for rel, body in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body).lstrip(), encoding="utf-8")
    return build(root, tmp_path_factory.mktemp("site"), "2024-03-10")


# --- 1. one short and one long way of writing a date ---------------------------------------

def test_a_date_has_one_short_form_and_one_long_form() -> None:
    assert day(date(2026, 11, 27)) == "27 Nov 2026"
    assert day(date(2027, 1, 4)) == "4 Jan 2027"
    assert long_day(date(2026, 11, 27)) == "Friday 27 November 2026"
    assert long_day(date(2024, 3, 5)) == "Tuesday 5 March 2024"


def test_the_dashboard_heading_has_the_long_date_and_the_footer_the_short(
        example_site: Path) -> None:
    html = page(example_site, "index.html")
    assert '<time datetime="2026-11-27">Friday 27 November 2026</time>' in html
    assert "built for 27 Nov 2026 · jobnotes" in text_of(html)
    assert "built for 27 Nov 2026 · jobnotes" in text_of(page(example_site, "skills.html"))


@pytest.mark.parametrize("rel", OVERVIEW_PAGES)
def test_no_iso_date_and_no_abbreviated_weekday_in_the_text(example_site: Path,
                                                            rel: str) -> None:
    text = text_of(page(example_site, rel))
    assert not ISO_DATE.findall(text)
    assert not SHORT_WEEKDAY_DATE.findall(text)


def test_iso_dates_stay_in_attributes(example_site: Path) -> None:
    html = page(example_site, "applications/index.html")
    assert 'data-applied="2026-' in html and '<time datetime="2026-' in html


def test_the_cooling_off_line_writes_its_days_short(small_site: Path) -> None:
    text = text_of(page(small_site, "index.html"))
    assert re.search(r"Cooling-off through 10 Mar 2024 ?; new applications feel better "
                     r"from 11 Mar 2024 ?\.", text)


# --- 2. words a job seeker uses ---------------------------------------------------------------

def test_the_skills_page_speaks_of_a_demand_score_not_a_weight(example_site: Path) -> None:
    html = page(example_site, "skills.html")
    text = text_of(html)
    assert not re.search(r"\bweight\b", text, re.I)
    assert "Snowflake is the skill you lack that matters most: asked by 14 applications, " \
           "6 of them reaching an interview or further. After that:" in text
    assert "Skill Demand score Asked by Status SQL 87 40 Yours" in text
    assert ("Demand score: each application asking for the skill adds 1, or 2 if it got a "
            "response, 3 to 5 after its first to third interview, 6 with an offer.") in text


def test_waiting_for_feedback_says_what_to_do_in_plain_words(small_site: Path) -> None:
    text = text_of(page(small_site, "applications/acme.html"))
    assert ("Requested on 2 Mar 2024 ; no reply recorded yet. When they reply, add the date "
            "as feedback_received in the note.") in text
    assert "Set feedback_received" not in text


def test_a_contact_without_dates_is_told_how_to_add_them(small_site: Path) -> None:
    text = text_of(page(small_site, "people/jane-doe.html"))
    assert ("no date recorded yet: add the day you met as met , or the days you were in "
            "touch under touches , in the note") in text


def test_the_network_page_says_what_a_touch_is(example_site: Path) -> None:
    text = text_of(page(example_site, "people/index.html"))
    # "Touches on time" as the scorecard says it, and as the notes' touches key.
    assert "A check-in is due every" in text and "Touches on time so far:" in text


# --- 3. counts against totals ----------------------------------------------------------------

def test_a_count_against_its_goal_never_reads_seven_of_two() -> None:
    assert against_goal(2, 5) == "2 of 5"
    assert against_goal(5, 5) == "5 of 5"
    assert against_goal(7, 2) == "7, goal 2"
    assert against_goal(3, 0) == "3, no goal"


def test_a_goal_done_beyond_its_target_on_the_dashboard(example_site: Path) -> None:
    goals = text_of(page(example_site, "index.html").split('id="goals"', 1)[1]
                    .split("</section>", 1)[0])
    assert "Networking conversations 7, goal 2 · done" in goals
    assert "Applications sent 2 of 5" in goals
    assert "7 of 2" not in goals


def test_a_job_with_no_required_skill_is_not_counted_against_zero(small_site: Path) -> None:
    text = text_of(page(small_site, "applications/acme.html"))
    assert "No skill is marked required; you have 1 of 2 nice to have." in text
    assert "of 0 required" not in text
    assert "Every required skill is one of yours" not in text


# --- 4. link texts that say where they lead -----------------------------------------------

def test_the_transferable_skill_counts_say_what_they_link_to(example_site: Path) -> None:
    names = link_names(page(example_site, "alternatives.html"))
    sql = [n for n, h in names.items() if h == {"skills.html#skill-sql"}]
    assert len(sql) == 1 and re.fullmatch(r"\d+ applications asking for SQL, on the Skills page",
                                          sql[0])
    assert not [n for n in names if re.fullmatch(r"\d+ applications?", n)]


def test_no_link_name_leads_to_two_places_on_the_dashboard(example_site: Path) -> None:
    names = link_names(page(example_site, "index.html"))
    pages = {n: {h.split("#")[0] for h in hrefs} for n, hrefs in names.items()}
    assert {n: h for n, h in pages.items() if len(h) > 1} == {}
    assert "Applied: applications that got this far" in names
    assert [n for n in names if re.fullmatch(r"\d+ notes: every application", n)]


def test_each_draft_request_link_names_its_application(example_site: Path) -> None:
    names = link_names(page(example_site, "postmortems.html"))
    drafts = [n for n in names if n.startswith("Draft a request")]
    assert drafts and all(n.startswith("Draft a request to ") for n in drafts)


def test_a_persons_applications_are_named_with_their_role(small_site: Path) -> None:
    names = link_names(page(small_site, "people/jane-doe.html"))
    assert "Acme — Data Analyst" in names


# --- in a browser: the filter line and the calendar's labels --------------------------------

@pytest.mark.browser
def test_the_applied_since_filter_writes_the_date_like_the_tables(example_site: Path,
                                                                  browser) -> None:
    tab = browser.new_page()
    tab.goto(example_site.as_uri() + "/applications/index.html#since=2026-11-23&reached=applied")
    line = tab.text_content(".filter-count") or ""
    assert "applied since 23 Nov 2026" in line and "2026-11-23" not in line
    tab.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 320])
def test_the_activity_calendar_labels_are_12px_or_more_on_a_phone(example_site: Path, browser,
                                                                 width: int) -> None:
    tab = browser.new_page(viewport={"width": width, "height": 900})
    tab.goto(example_site.as_uri() + "/index.html")
    sizes = tab.evaluate("""() => {
      const svg = document.querySelector('.activity-calendar svg');
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return Array.from(svg.querySelectorAll('text'), t =>
        [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]);
    }""")
    tab.close()
    labels = {name: size for name, size in sizes}
    assert {"Mon", "Wed", "Fri", "Nov"} <= labels.keys()
    assert min(labels.values()) >= 11.95, labels
