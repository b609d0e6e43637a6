"""The dashboard: what it shows on a small vault written in the test, and the exact agenda
of the example vault on a fixed date."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import escape

from jobnotes.analysis.agenda import agenda, agenda_json
from jobnotes.analysis.reminders import reminders
from jobnotes.cli import main
from jobnotes.load import load_vault
from jobnotes.site import render
from jobnotes.site.pages import SiteData, dashboard_pages
from tests.conftest import EXAMPLE_VAULT

D = date.fromisoformat

NOTES = {
    "jobnotes.toml": """
        title = "Sam's search"
        owner = "Sam Lee"

        [skills]
        have = ["SQL"]
        learning = ["dbt"]
    """,
    "applications/acme-analyst.md": """
        ---
        company: Acme
        role: Data Analyst
        status: rejected
        channel: referral
        applied: 2024-02-20
        screening: 2024-02-26
        interviews:
          - 2024-03-05
        rejected: 2024-03-13
        contacts:
          - "[[Jane Doe]]"
        skills:
          - SQL
          - dbt
          - Looker
        ---
        ## Notes

        Went well overall.
    """,
    "applications/globex-backend.md": """
        ---
        company: Globex
        role: Backend Engineer
        status: applied
        channel: job-board
        applied: 2024-03-01
        ---
    """,
    "applications/initech-analyst.md": """
        ---
        company: Initech
        role: Analyst
        status: interviewing
        channel: networking
        applied: 2024-03-04
        screening: 2024-03-06
        interviews:
          - 2024-03-12
          - 2024-03-18
        next_action: Send the portfolio
        next_action_date: 2024-03-14
        ---
    """,
    "people/Jane Doe.md": """
        ---
        company: Acme
        role: interviewer
        email: jane@acme.example
        met: 2024-03-05
        ---
    """,
}


def dashboard_html(root: Path, today: str) -> str:
    loaded = load_vault(root, today=D(today))
    assert [d for d in loaded.diagnostics if d.severity.value != "info"] == []
    dirs = render.template_dirs(loaded)
    pages = list(dashboard_pages(SiteData.of(loaded)))
    files = render.render_pages(render.make_environment(dirs), pages, dirs, root)
    return files["index.html"].decode()


def text_of(html: str) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", html, flags=re.S)
    text = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,.;:])", r"\1", text)


def section(html: str, ident: str) -> str:
    """The element holding ``id="ident"`` (a <section>, or the section of that heading)."""
    start = html.rindex("<section", 0, html.index(f'id="{ident}"'))
    depth = 0
    for tag in re.finditer(r"<section\b|</section>", html[start:]):
        depth += 1 if tag.group(0) == "<section" else -1
        if depth == 0:
            return html[start:start + tag.end()]
    raise AssertionError(f"unclosed section {ident}")


@pytest.fixture
def small(vault) -> Path:
    return vault(NOTES)


def test_agenda_lists_every_item_grouped_and_linked(small: Path):
    html = dashboard_html(small, "2024-03-14")
    agenda_html = section(html, "agenda")
    text = text_of(agenda_html)
    groups = [text.index(word) for word in ("Overdue 4", "Today 1", "Next 7 days 2")]
    assert groups == sorted(groups)
    overdue = text[text.index("Overdue"):text.index("Today 1")]
    # Initech lists no contacts: its interview of the 12th is thanked as a round.
    for title in ("Thank Jane Doe", "Follow up on Globex — Backend Engineer",
                  "Connect with Jane Doe on LinkedIn",
                  "Send a thank-you for the Initech interview (round 1)"):
        assert title in overdue
    assert "Send the portfolio" in text[text.index("Today 1"):text.index("Next 7 days")]
    week = text[text.index("Next 7 days"):]
    # The weekly goals' "This week" is the calendar week; the agenda looks 7 days ahead.
    assert "This week" not in text
    assert week.index("Ask Acme for feedback") < week.index("Interview with Initech")
    links = dict((unescape(t), h) for h, t in re.findall(
        r'<p class="reminder-title"><a href="([^"]+)">([^<]+)</a>', agenda_html))
    assert links == {
        "Thank Jane Doe": "people/jane-doe.html",
        "Follow up on Globex — Backend Engineer": "applications/globex-backend.html",
        "Connect with Jane Doe on LinkedIn": "people/jane-doe.html",
        "Send the portfolio": "applications/initech-analyst.html",
        "Ask Acme for feedback": "applications/acme-analyst.html#feedback",
        "Interview with Initech": "applications/initech-analyst.html#prep",   # its prep panel
        "Send a thank-you for the Initech interview (round 1)":
            "applications/initech-analyst.html",
    }
    assert "1 thing for today, 2 more in the next 7 days, and 4 carried over from earlier." in (
        text_of(html))


def test_cooling_off_banner_only_inside_the_window(small: Path):
    # Rejected on Wednesday 13 March with a 48-hour window: the 13th and the 14th.
    for day in ("2024-03-13", "2024-03-14"):
        html = dashboard_html(small, day)
        banner = text_of(section(html, "cooling-title"))
        assert "Cooling-off after Acme — Data Analyst through Thursday 14 March" in banner
        assert "Journaling prompt" in banner
        assert ("Cooling-off through 14 Mar 2024; new applications feel better from "
                "15 Mar 2024.") in banner
        assert "The post-mortem can wait until Friday 15 March." in banner
        assert "Write the post-mortem" not in text_of(section(html, "agenda"))
        assert 'href="applications/acme-analyst.html"' in section(html, "cooling-title")
    for day in ("2024-03-15", "2024-03-16"):
        assert 'id="cooling-title"' not in dashboard_html(small, day)


def test_scorecard_has_eight_practices_each_linked(small: Path):
    card = section(dashboard_html(small, "2024-03-14"), "scorecard")
    practices = re.findall(r'<a class="practice-title" href="([^"]+)">([^<]+)</a>', card)
    assert [title for _, title in practices] == [
        "Process the disappointment", "Ask for feedback", "Post-mortem", "Network", "Skills",
        "Channels", "Resilience", "Alternatives",
    ]
    assert all(href and not href.startswith(("/", "http")) for href, _ in practices)
    assert dict((t, h) for h, t in practices)["Network"] == "people/index.html"
    assert "No feedback requests due yet" in text_of(card)     # its window is still open


def test_sankey_is_an_accessible_svg_with_a_table_alternative(small: Path):
    flow = section(dashboard_html(small, "2024-03-14"), "flow")
    svg = re.search(r"<svg[^>]*class=\"chart chart-sankey[^>]*>", flow)
    assert svg and 'role="img"' in svg.group(0)
    assert "<title" in flow and "<desc" in flow
    table = flow[flow.index("<details"):]
    text = text_of(table)
    assert ("Stages reached" in text
            and "Applied: applications that got this far 3 100 %" in text)
    assert "Interview 1: applications that got this far 2 67 %" in text
    assert "Rejected after interview 1: applications that ended so 1" in text
    assert 'href="applications/index.html#reached=interview-1"' in table
    assert 'href="applications/index.html#exit=rejected@interview-1"' in table


def test_activity_by_week_and_goals(small: Path):
    html = dashboard_html(small, "2024-03-14")
    activity = section(html, "activity")
    assert re.search(r'<svg[^>]*chart-columns[^>]*role="img"', activity)
    rows = re.findall(r"<tr><th scope=\"row\">", activity)
    assert len(rows) == 16                          # the last 16 weeks, newest first
    # Columns: applications, responses, interviews, networking.
    newest = text_of(activity[activity.index("<tbody"):])
    # Jane is met on the day of her own interview: not networking, as the goal counts it.
    assert newest.startswith("11 Mar 2024 0 0 1 0 4 Mar 2024 1 1 1 0 26 Feb 2024 1 1 0 0")
    goals = text_of(section(html, "goals"))
    assert "Applications sent 0 of 5" in goals
    assert "Meet every goal this week to start a streak." in goals


def test_headline_figures_link_to_filtered_applications(small: Path):
    html = dashboard_html(small, "2024-03-14")
    stats = html[html.index('aria-label="Headline figures"'):html.index('id="agenda"')]
    assert 'href="applications/index.html#status=active"' in stats
    assert 'href="applications/index.html#since=2024-03-11&amp;reached=applied"' in stats
    assert 'href="applications/index.html#reached=answered"' in stats
    text = text_of(stats)
    assert "In progress 2" in text
    # Three applications are too few for a rate: the card gives the counts.
    assert "Response rate 2 of 3 answered so far (a rejection counts)" in text
    status = section(html, "status")
    assert 'href="applications/index.html#status=rejected"' in status


def test_wins_newest_first_and_skills_to_learn(small: Path):
    html = dashboard_html(small, "2024-03-14")
    wins = text_of(section(html, "wins"))
    assert wins.index("Interview 1 with Initech") < wins.index("Interview 1 with Acme") < (
        wins.index("Acme answered"))
    learn = text_of(section(html, "learn"))
    assert "Looker Gap" in learn and "dbt Learning" in learn and "SQL" not in learn


# --- the example vault ---------------------------------------------------------------------

# Overdue: the most urgent first, then the most recently due (dashboard and `today` alike).
OVERDUE = [
    # Beatrice, a recruiter, is thanked for meeting her (the screen on 16 November);
    # the interviews she arranged are thanked to the interviewers.
    ("2026-11-17", "thank-you", "Thank Beatrice Lund", "people/Beatrice Lund.md"),
    ("2026-11-15", "connect", "Connect with Felix Aronsson on LinkedIn",
     "people/Felix Aronsson.md"),
    ("2026-09-21", "post-mortem", "Write the post-mortem for Ashgrove Media — BI Developer",
     "applications/ashgrove-media-bi-developer.md"),
    ("2026-10-11", "suggest-ghosted", "Mark Ember & Alder — Data Analyst as ghosted?",
     "applications/ember-and-alder-data-analyst.md"),
    ("2026-08-18", "touch", "Check in with Mattias Krona", "people/Mattias Krona.md"),
]
DUE_TODAY = [
    # The note's own next actions stand for the reminders they cover (merge_planned).
    ("2026-11-27", "feedback-request", "Ask Felix for feedback (two questions, short)",
     "applications/cobaltline-analytics-engineer.md"),
    ("2026-11-27", "thank-you", "Thank Amir and ask about the team before applying",
     "people/Amir Sadeghi.md"),
    ("2026-11-27", "next-action", "Check in with Priya about next steps",
     "applications/sundrift-studios-product-analyst.md"),
    ("2026-11-27", "follow-up", "Follow up on Wayfarer Transit Authority — Data Analyst",
     "applications/wayfarer-transit-data-analyst.md"),
    ("2026-11-27", "post-mortem", "Write the post-mortem for Cobaltline — Analytics Engineer",
     "applications/cobaltline-analytics-engineer.md"),
    ("2026-11-27", "connect", "Connect with Johan Eklund on LinkedIn", "people/Johan Eklund.md"),
]
THIS_WEEK = [
    # Follow-ups coming due are listed ahead, as interviews and next actions are.
    ("2026-11-28", "next-action",
     "Message Mattias about the Gannet role (should have done it first)",
     "applications/gannet-freight-analytics-engineer.md"),
    ("2026-11-29", "connect", "Connect with Amir Sadeghi on LinkedIn", "people/Amir Sadeghi.md"),
    ("2026-11-30", "next-action", "Send back the SQL and modeling exercise",
     "applications/kestrel-logistics-analytics-engineer.md"),
    ("2026-11-30", "next-action", "Follow up with the head of data (short, one new thing to add)",
     "applications/lark-and-lantern-junior-analytics-engineer.md"),
    ("2026-11-30", "next-action", "Prepare for the Orrery final round (case + team lunch)",
     "applications/orrery-labs-analytics-engineer.md"),
    ("2026-11-30", "follow-up", "Follow up on Skerry Mobility — Analytics Engineer",
     "applications/skerry-mobility-analytics-engineer.md"),
    ("2026-12-01", "interview-upcoming", "Interview with Orrery Labs",
     "applications/orrery-labs-analytics-engineer.md"),
    ("2026-12-01", "next-action", "Wait for Viktor's take-home; nudge if nothing by then",
     "applications/copperwick-payments-analytics-engineer.md"),
    ("2026-12-01", "follow-up", "Follow up on Velomo — Data Analyst",
     "applications/velomo-data-analyst.md"),
    ("2026-12-02", "next-action", "If no feedback by then, one friendly nudge to Oskar",
     "applications/greyfen-security-analytics-engineer.md"),
    ("2026-12-02", "next-action", "Prepare the client case for Johan (dbt migration plan)",
     "applications/halvard-and-co-analytics-engineer-contract.md"),
    ("2026-12-02", "next-action", "Decide on the Tidewell offer and reply to Helena",
     "applications/tidewell-energy-analytics-engineer.md"),
    ("2026-12-02", "follow-up", "Follow up on Selkie Software — Analytics Engineer",
     "applications/selkie-software-analytics-engineer.md"),
    ("2026-12-03", "interview-upcoming", "Interview with Halvard & Co",
     "applications/halvard-and-co-analytics-engineer-contract.md"),
    ("2026-12-03", "follow-up", "Follow up on Harborlight Bank — Analytics Engineer",
     "applications/harborlight-bank-analytics-engineer.md"),
    ("2026-12-03", "follow-up", "Follow up on Juniper Row Health — Analytics Engineer",
     "applications/juniper-row-health-analytics-engineer.md"),
    ("2026-12-04", "next-action", "Reconnect with Oliver before asking about Kittiwake",
     "applications/kittiwake-maps-data-analyst.md"),
]
NOTES_SHOWN = [
    ("2026-11-26", "applied-in-cooling-off", "Applied during a cooling-off",
     "applications/harborlight-bank-analytics-engineer.md"),
]
# Applying again to Kestrel Logistics (10 November) was noted for three days then.
# Later: value touches falling due after this week, for 32 contacts (one per person).
# Greta Falk and Oliver Brandt are cooling: their touch falls due the week after.
LATER_TOUCHES = [
    ("2026-12-08", "Greta Falk"), ("2026-12-09", "Oliver Brandt"),
    ("2026-12-23", "Camilla Nyström"), ("2027-01-04", "Lukas Brenner"),
    ("2027-01-05", "Sam Whitfield"), ("2027-01-11", "Henrik Sjöberg"),
    ("2027-01-17", "Petra Lindahl"), ("2027-01-25", "Nadia Okafor"),
    ("2027-01-27", "Tomas Lind"), ("2027-01-28", "Erik Thorsen"),
    ("2027-02-02", "Ines Carvalho"), ("2027-02-08", "Ronja Berglund"),
    ("2027-02-08", "Sofia Marchetti"), ("2027-02-11", "Marcus Ekdahl"),
    ("2027-02-16", "Karin Bergqvist"), ("2027-02-16", "Leila Nordin"),
    ("2027-02-17", "Felix Aronsson"), ("2027-02-17", "Jonas Berg"),
    ("2027-02-17", "Noor Abadi"), ("2027-02-18", "Daniel Strand"),
    ("2027-02-18", "Priya Raman"), ("2027-02-19", "Ingrid Sandberg"),
    ("2027-02-19", "Saga Lindgren"), ("2027-02-22", "Beatrice Lund"),
    ("2027-02-22", "Helena Voss"), ("2027-02-22", "Johan Eklund"),
    ("2027-02-22", "Viktor Nyberg"), ("2027-02-23", "Anders Holm"),
    ("2027-02-23", "Lina Haddad"), ("2027-02-23", "Oskar Wiik"),
    ("2027-02-24", "Amir Sadeghi"), ("2027-02-24", "Elin Qvist"),
]


def example_agenda(today: str) -> dict:
    loaded = load_vault(EXAMPLE_VAULT, today=D(today))
    found = reminders(loaded.applications, loaded.people, loaded.settings, loaded.today)
    return agenda_json(agenda(found, loaded.today))


def items(group: list[dict]) -> list[tuple[str, str, str, str]]:
    return [(r["due"], r["kind"], r["title"], r["rel"]) for r in group]


def test_example_vault_agenda_on_27_november_2026():
    plan = example_agenda("2026-11-27")
    assert plan["today"] == "2026-11-27"
    assert plan["cooling_off"] is None      # Cobaltline's window closed at the end of the 26th
    assert items(plan["overdue"]) == OVERDUE
    assert items(plan["due_today"]) == DUE_TODAY
    assert items(plan["this_week"]) == THIS_WEEK
    assert items(plan["notes"]) == NOTES_SHOWN
    assert items(plan["later"]) == [
        (due, "touch", f"Check in with {name}", f"people/{name}.md")
        for due, name in LATER_TOUCHES
    ]


def test_example_vault_cooling_off_after_the_cobaltline_rejection():
    # Greyfen rejected on the 24th (window 24-25), Cobaltline on the 25th (window 25-26).
    for day, others in (("2026-11-25", 1), ("2026-11-26", 0)):
        banner = example_agenda(day)["cooling_off"]
        assert banner["subject"] == "Cobaltline — Analytics Engineer"
        assert (banner["rejected"], banner["last_day"], banner["ends"]) == (
            "2026-11-25", "2026-11-26", "2026-11-27")
        assert banner["others"] == others


def test_example_dashboard_shows_the_agenda_with_note_links():
    html = dashboard_html(EXAMPLE_VAULT, "2026-11-27")
    agenda_html = section(html, "agenda")
    for _, _, title, _ in OVERDUE + DUE_TODAY + THIS_WEEK + NOTES_SHOWN:
        assert f">{escape(title)}</a></p>" in agenda_html, title
    assert 'href="applications/cobaltline-analytics-engineer.html#feedback"' in agenda_html
    assert 'href="people/amir-sadeghi.html"' in agenda_html
    assert "Check in with Camilla Nyström" not in agenda_html    # later than this week


def test_a_long_agenda_group_lists_a_hundred_and_says_how_many_more(vault) -> None:
    notes = {
        f"applications/co{n:03d}.md": (f"---\ncompany: Company {n:03d}\nrole: Analyst\n"
                                       "status: applied\napplied: 2024-01-02\n"
                                       "channel: job-board\n---\n")
        for n in range(130)
    }
    html = dashboard_html(vault(notes), "2024-03-14")
    overdue = section(html, "agenda-overdue")
    assert "Overdue 130" in text_of(overdue)
    assert overdue.count('<p class="reminder-title">') == 100
    assert "… and 30 more: jobnotes today --all lists every one." in text_of(overdue)


def test_a_busy_week_shows_eight_items_and_folds_the_rest(vault) -> None:
    notes = {
        f"applications/co{n:02d}.md": (f"---\ncompany: Company {n:02d}\nrole: Analyst\n"
                                       "status: interviewing\napplied: 2024-03-01\n"
                                       "channel: job-board\n"
                                       f"interviews: [2024-03-{16 + n % 5}]\n---\n")
        for n in range(15)
    }
    html = dashboard_html(vault(notes), "2024-03-14")
    week = section(html, "agenda-week")
    assert "Next 7 days 15" in text_of(week)
    shown, folded = week.split("<details", 1)
    assert shown.count('<p class="reminder-title">') == 8
    assert folded.count('<p class="reminder-title">') == 7
    assert "<summary>7 more in the next 7 days</summary>" in folded


class _Ids(HTMLParser):
    """Every id="…" in a page, counted."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.ids.update(value for name, value in attrs if name == "id" and value)

    handle_startendtag = handle_starttag


def test_no_page_of_the_example_site_repeats_an_id(tmp_path: Path) -> None:
    """aria-labelledby and #links need unique ids: the dashboard's Activity heading and
    its weekly chart's <title> once shared one."""
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE_VAULT), "-o", str(out),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    repeated = {}
    for page in sorted(out.rglob("*.html")):
        parser = _Ids()
        parser.feed(page.read_text())
        twice = sorted(i for i, n in parser.ids.items() if n > 1)
        if twice:
            repeated[str(page.relative_to(out))] = twice
    assert len(list(out.rglob("*.html"))) > 50
    assert repeated == {}
    index = (out / "index.html").read_text()
    assert 'id="activity-title">Activity</h2>' in index
    assert '<title id="activity-weeks-title">Activity by week</title>' in index


def test_the_goals_card_says_what_counts_as_networking(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(EXAMPLE_VAULT), "-o", str(out),
                                       "--today", "2026-11-27"])
    assert result.exit_code == 0, result.output
    goals = section((out / "index.html").read_text(), "goals-title")
    rule = text_of(goals)
    assert "What counts as a networking conversation" in rule
    assert ("interview and offer days do not count for its own recruiter, hiring manager "
            "or interviewers.") in rule
