"""The activity calendar: a square per day on the dashboard, counted from the same events
as the weekly bars, so a week's days always add up to its bar, and networking counted as
the weekly networking goal counts it, so the bars agree with the goal ring."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest

from jobnotes.analysis import timing
from jobnotes.analysis.resilience import goal_events, weekly_goals
from jobnotes.analysis.timing import (
    ACTIVITY_KINDS,
    activity_by_day,
    activity_by_week,
    activity_days,
    activity_events,
    week_start,
)
from jobnotes.load import load_vault
from jobnotes.model import Application, Person
from jobnotes.settings import Settings
from jobnotes.site import render
from jobnotes.site.pages import SiteData, dashboard_pages
from tests.builders import app, d, person
from tests.conftest import EXAMPLE_VAULT

TODAY = d("2026-11-27")           # a Friday
MONDAY = Settings()
SUNDAY = Settings(week_starts="sunday")


def values(row: object) -> tuple[int, ...]:
    return tuple(getattr(row, kind) for kind in ACTIVITY_KINDS)


# Events on many days: applications, responses (a rejection too), interviews, an
# informational interview note, a person met, touches (one on a Sunday, one before the
# window, one still to come) and a person's informational interview.
APPS: list[Application] = [
    app("a", applied=d("2026-11-24")),
    app("b", applied=d("2026-11-24"), channel="referral"),
    app("c", applied=d("2026-11-02"), screening=d("2026-11-10"), status="interviewing",
        interviews=[d("2026-11-24"), d("2026-12-03")]),
    app("d", applied=d("2026-09-01"), rejected=d("2026-09-15"), status="rejected"),
    app("e", applied=d("2026-08-16"), screening=d("2026-08-22")),     # a Sunday, a Saturday
    app("old", applied=d("2026-05-04"), screening=d("2026-08-11")),   # response in window
    app("chat", type="informational", channel="networking", applied=d("2026-10-15"),
        interviews=[d("2026-10-20")]),
    app("wish", status="wishlist"),
]
PEOPLE: list[Person] = [
    person("Jane Doe", met=d("2026-10-05"), informational=d("2026-10-12"),
           touches=[d("2026-11-08"), d("2026-11-20"), d("2026-01-05"), d("2026-12-01")]),
    person("Omar Lind", met=d("2026-11-24"), touches=[d("2026-11-08")]),
]


def by_day(settings: Settings = MONDAY) -> dict[date, tuple[int, ...]]:
    return {row.day: values(row) for row in activity_by_day(APPS, PEOPLE, TODAY, settings)}


def test_each_day_counts_what_happened_that_day():
    days = by_day()
    # applications, responses, interviews, networking
    assert days[d("2026-11-24")] == (2, 0, 1, 1)
    assert days[d("2026-11-10")] == (0, 1, 0, 0)          # screening: a first response
    assert days[d("2026-09-15")] == (0, 1, 0, 0)          # a rejection is a response too
    assert days[d("2026-10-20")] == (0, 0, 0, 1)          # informational interview note
    assert days[d("2026-10-12")] == (0, 0, 0, 1)          # a person's informational
    assert days[d("2026-11-08")] == (0, 0, 0, 2)          # two touches on a Sunday
    assert days[d("2026-08-11")] == (0, 1, 0, 0)          # applied before the window
    assert days[d("2026-10-15")] == (0, 0, 0, 0)          # an informational is not applied
    assert sum(sum(v) for v in days.values()) == 17


def test_days_run_from_the_first_week_of_the_window_to_today():
    rows = activity_by_day(APPS, PEOPLE, TODAY, MONDAY)
    assert rows[0].day == d("2026-08-10") and rows[-1].day == TODAY   # 16 weeks, Monday
    assert len(rows) == 15 * 7 + 5
    assert [r.day for r in rows] == [rows[0].day + timedelta(days=n) for n in range(len(rows))]
    # Nothing after today, nothing before the window (a touch in January).
    assert d("2026-12-01") not in by_day() and d("2026-01-05") not in by_day()
    short = activity_by_day(APPS, PEOPLE, TODAY, MONDAY, weeks=1)
    assert [r.day for r in short] == [d("2026-11-23") + timedelta(days=n) for n in range(5)]
    assert activity_by_day(APPS, PEOPLE, TODAY, MONDAY, weeks=0) == []


@pytest.mark.parametrize("settings", [MONDAY, SUNDAY], ids=["monday", "sunday"])
def test_the_days_of_a_week_add_up_to_its_bar(settings: Settings):
    weeks = activity_by_week(APPS, PEOPLE, TODAY, settings)
    days = activity_by_day(APPS, PEOPLE, TODAY, settings)
    summed: dict[date, list[int]] = defaultdict(lambda: [0] * len(ACTIVITY_KINDS))
    for row in days:
        for index, value in enumerate(values(row)):
            summed[week_start(row.day, settings)][index] += value
    assert [w.week_start for w in weeks] == sorted(summed)
    for week in weeks:
        assert tuple(summed[week.week_start]) == values(week), week.week_start
    assert sum(w.total for w in weeks) == sum(r.total for r in days) == 17
    assert all(w.total for w in weeks if w.week_start >= d("2026-11-01"))


def test_both_views_come_from_one_walk_of_the_events():
    events = list(activity_events(APPS, PEOPLE, TODAY))
    assert all(day <= TODAY for _, day in events)
    in_window = [e for e in events if e[1] >= d("2026-08-10")]
    assert len(in_window) == sum(r.total for r in activity_by_day(APPS, PEOPLE, TODAY, MONDAY))
    assert ("networking", d("2026-10-20")) in events            # informational note
    assert ("applications", d("2026-10-15")) not in events


def test_week_start_decides_where_a_sunday_goes():
    monday = {w.week_start: w for w in activity_by_week(APPS, PEOPLE, TODAY, MONDAY)}
    sunday = {w.week_start: w for w in activity_by_week(APPS, PEOPLE, TODAY, SUNDAY)}
    # The two touches on Sunday 8 November end one week, or begin the next.
    assert monday[d("2026-11-02")].networking == 2
    assert d("2026-11-08") not in monday
    assert sunday[d("2026-11-08")].networking == 2
    assert sunday[d("2026-11-01")].networking == 0
    assert activity_by_day(APPS, PEOPLE, TODAY, SUNDAY)[0].day == d("2026-08-09")  # a Sunday
    assert activity_by_day(APPS, PEOPLE, TODAY, SUNDAY)[-1].day == TODAY


# --- on the dashboard --------------------------------------------------------------------

NOTES = {
    "applications/acme.md": """
        ---
        company: Acme
        role: Data Analyst
        status: applied
        channel: job-board
        applied: 2026-11-24
        ---
    """,
    "applications/globex.md": """
        ---
        company: Globex
        role: Analyst
        status: applied
        channel: referral
        applied: 2026-11-24
        ---
    """,
    "applications/initech.md": """
        ---
        company: Initech
        role: Analyst
        status: interviewing
        channel: networking
        applied: 2026-11-02
        screening: 2026-11-10
        interviews:
          - 2026-11-24
        ---
    """,
    "applications/ravenmoor.md": """
        ---
        company: Ravenmoor
        role: Informational chat
        status: applied
        channel: networking
        type: informational
        applied: 2026-10-15
        interviews:
          - 2026-10-20
        ---
    """,
    "people/Jane Doe.md": """
        ---
        company: Acme
        role: peer
        met: 2026-10-05
        touches:
          - 2026-11-08
          - 2026-11-16
        ---
    """,
}


def dashboard(root: Path, today: date) -> str:
    loaded = load_vault(root, today=today)
    dirs = render.template_dirs(loaded)
    pages = list(dashboard_pages(SiteData.of(loaded)))
    files = render.render_pages(render.make_environment(dirs), pages, dirs, root)
    return files["index.html"].decode()


def activity_card(html: str) -> str:
    start = html.rindex("<section", 0, html.index('id="activity"'))
    return html[start:html.index("</section>", start)]


def calendar(card: str) -> str:
    return card[card.index('<svg'):card.index("</svg>") + 6]


def day_tips(svg: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'<rect class="cell[^"]*"[^>]*><title>([^<]*)', svg)]


def plain(html: str) -> str:
    html = re.sub(r"<svg\b.*?</svg>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_dashboard_shows_a_square_per_day_with_what_happened(vault):
    card = activity_card(dashboard(vault(NOTES), TODAY))
    svg = calendar(card)
    assert 'class="chart chart-calendar' in svg and 'role="img"' in svg
    tips = day_tips(svg)
    assert len(tips) == 110                      # 10 Aug to 27 Nov: 16 weeks to Friday
    assert tips[0] == "Mon 10 Aug 2026: no activity"
    assert tips[-1] == "Fri 27 Nov 2026: no activity"
    assert "Tue 24 Nov 2026: 2 applications, 1 interview" in tips
    assert "Tue 10 Nov 2026: 1 response" in tips
    assert "Sun 8 Nov 2026: 1 networking conversation" in tips
    assert "Tue 20 Oct 2026: 1 networking conversation" in tips    # an informational interview
    # Its text alternative: the chart's own title and description, and a summary line.
    assert '<title id="activity-calendar-title">Activity calendar</title>' in svg
    assert "one column per week starting on Monday" in svg
    text = plain(card)
    assert "Active on 7 of the last 110 days; busiest day: Tue 24 Nov (3)." in text
    assert "Active on 7 of the last 110 days" in svg
    # The legend, then the weekly bars and their table, still there.
    assert ">Less</text>" in svg and ">More</text>" in svg
    assert card.index("chart-calendar") < card.index("chart-columns")
    assert "Show the figures as a table" in text
    assert len(re.findall(r'<tr><th scope="row">', card)) == 16


def test_calendar_columns_start_on_the_week_start_setting(vault):
    root = vault({**NOTES, "jobnotes.toml": 'week_starts = "sunday"\n'})
    svg = calendar(activity_card(dashboard(root, TODAY)))
    tips = day_tips(svg)
    assert tips[0].startswith("Sun 9 Aug 2026") and len(tips) == 111
    assert "starting on Sunday" in svg
    cells = re.findall(r'<rect class="cell[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*><title>', svg)
    sunday_8 = cells[tips.index("Sun 8 Nov 2026: 1 networking conversation")]
    monday_9 = cells[tips.index("Mon 9 Nov 2026: no activity")]
    assert sunday_8[0] == monday_9[0]                   # the same week's column
    assert float(sunday_8[1]) < float(monday_9[1])      # Sunday on the top row
    assert min(float(y) for _, y in cells) == float(sunday_8[1])


def test_an_empty_vault_gets_a_friendly_calendar(vault):
    root = vault({"jobnotes.toml": 'title = "Fresh start"\n'})
    card = activity_card(dashboard(root, TODAY))
    svg = calendar(card)
    assert "chart-empty" in svg and day_tips(svg) == []
    assert "No activity in the last 16 weeks yet" in svg and "Nothing logged yet." in svg
    assert "Each application, response, interview and contact will show up here as a square " \
           "on its day." in plain(card)
    assert "your last was" not in card
    assert "Active on" not in card
    # One calm message, not a second empty chart; the weeks stay listed in the table.
    assert "chart-columns" not in card and "By week" not in card
    assert len(re.findall(r'<tr><th scope="row">', card)) == 16


def test_activity_long_ago_leaves_the_calendar_empty_but_keeps_the_table(vault):
    card = activity_card(dashboard(vault(NOTES), d("2027-06-30")))
    svg = calendar(card)
    assert "chart-empty" in svg and "No activity in the last 16 weeks" in svg
    assert len(re.findall(r'<tr><th scope="row">', card)) == 16
    # It says when you last did something, not that nothing was ever logged.
    assert "No activity in the last 16 weeks; your last was on Tue 24 Nov 2026." in plain(card)
    assert "your last was on Tue 24 Nov 2026." in unescape(svg)
    assert "yet" not in unescape(card) and "Each application" not in card


def test_the_caption_is_true_in_light_and_dark_themes(vault):
    card = activity_card(dashboard(vault(NOTES), TODAY))
    assert "darker" not in card.lower()
    assert "the stronger the colour, the more you did." in plain(card)
    assert "the stronger a square's colour, the more applications" in unescape(calendar(card))


# --- networking: what the weekly goal counts ---------------------------------------------

def goal_done(report, key: str = "networking") -> list[int]:
    return [next(g.done for g in week.goals if g.key == key) for week in report.history]


def test_networking_counts_conversations_as_the_weekly_goal_does():
    apps = [
        app("halvard", company="Halvard", status="interviewing", applied=d("2026-11-02"),
            screening=d("2026-11-16"), interviews=[d("2026-11-24")],
            contacts=["[[Johan Eklund]]"]),
        app("chat", company="Ravenmoor", type="informational", channel="networking",
            applied=d("2026-11-10"), interviews=[d("2026-11-12")], contacts=["Lena Berg"]),
    ]
    people = [
        # The hiring manager, met at the interview: that is the interview, not networking;
        # the note to him the day after is.
        person("Johan Eklund", company="Halvard", role="hiring-manager", met=d("2026-11-24"),
               touches=[d("2026-11-25")]),
        # Met and touched base on one day: one conversation.
        person("Omar Lind", met=d("2026-11-18"), touches=[d("2026-11-18")]),
        # An informational interview noted on the person and on its application: one.
        person("Lena Berg", informational=d("2026-11-12")),
    ]
    days = {row.day: values(row) for row in activity_by_day(apps, people, TODAY, MONDAY)}
    # applications, responses, interviews, networking
    assert days[d("2026-11-24")] == (0, 0, 1, 0)
    assert days[d("2026-11-25")] == (0, 0, 0, 1)
    assert days[d("2026-11-18")] == (0, 0, 0, 1)
    assert days[d("2026-11-12")] == (0, 0, 0, 1)
    assert days[d("2026-11-10")] == (0, 0, 0, 0)          # reaching out is not the talk
    weeks = activity_by_week(apps, people, TODAY, MONDAY)
    report = weekly_goals(apps, people, MONDAY, TODAY, weeks=len(weeks))
    assert [w.networking for w in weeks] == goal_done(report)
    assert [w.networking for w in weeks][-3:] == [1, 1, 1]


def test_the_bars_count_networking_as_the_goal_every_week_of_the_example_vault():
    loaded = load_vault(EXAMPLE_VAULT, today=TODAY)
    apps, people, settings = loaded.applications, loaded.people, loaded.settings
    weeks = activity_by_week(apps, people, TODAY, settings)
    report = weekly_goals(apps, people, settings, TODAY, weeks=timing.ACTIVITY_WEEKS)
    assert len(weeks) == 16
    assert [w.week_start for w in weeks] == [week.start for week in report.history]
    assert [w.networking for w in weeks] == goal_done(report)
    assert [w.networking for w in weeks] == [0, 0, 0, 1, 5, 2, 4, 4, 2, 3, 4, 4, 2, 3, 4, 7]
    # The goal's own days, passed in, give the same figures as reading the notes.
    given = goal_events(apps, people, TODAY)["networking"]
    assert activity_by_week(apps, people, TODAY, settings, networking=given) == weeks


def test_the_dashboard_bar_and_goal_ring_agree_on_the_example_vault(monkeypatch):
    def read_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dashboard read the networking conversations twice")

    # The dashboard hands the goal's networking days to the activity card.
    monkeypatch.setattr(timing, "networking_conversations", read_again)
    html = dashboard(EXAMPLE_VAULT, TODAY)
    goals = plain(html[html.index('id="goals"'):])
    assert "Networking conversations 7, goal 2" in goals
    card = activity_card(html)
    newest = plain(card[card.index("<tbody"):])
    assert newest.startswith("23 Nov 2026 2 4 1 7 16 Nov 2026 5 2 4 4")


def test_the_example_vault_long_after_says_when_you_last_did_something():
    card = activity_card(dashboard(EXAMPLE_VAULT, d("2028-06-01")))
    text = plain(card)
    assert "No activity in the last 16 weeks; your last was on Thu 3 Dec 2026." in text
    assert "Nothing logged yet" not in unescape(card) and "Each application" not in text


def test_the_last_activity_comes_from_the_same_walk():
    found = activity_days(APPS, PEOPLE, d("2027-06-30"), MONDAY)
    assert found.last == d("2026-12-03")           # c's second interview
    assert not any(day.total for day in found.days)
    assert activity_days(APPS, PEOPLE, TODAY, MONDAY).last == d("2026-11-24")
    # Only plans and wishes: nothing dated has happened yet.
    future = [app("f", applied=d("2027-01-04")), app("w", status="wishlist")]
    assert activity_days(future, [], TODAY, MONDAY).last is None
    assert activity_days(APPS, PEOPLE, TODAY, MONDAY, weeks=0).last == d("2026-11-24")
