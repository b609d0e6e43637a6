"""Insight pages of a long job search stay readable: old rejections are counted rather than
listed, long link runs and company lists fold, the weekly chart keeps to recent weeks, and a
channel without a target is never "over target"."""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.analysis.channels import channel_mix
from jobnotes.analysis.reminders import reminders
from jobnotes.cli import main
from jobnotes.settings import Settings
from tests.builders import app

TODAY = date(2026, 11, 27)


def note(company: str, status: str = "applied", channel: str = "job-board",
         applied: date = date(2026, 9, 1), **extra: object) -> str:
    lines = [f"company: {company}", "role: Analyst", f"status: {status}",
             f"channel: {channel}", f"applied: {applied.isoformat()}"]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"


def build(root: Path) -> Path:
    out = root.parent / "site"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out),
                                       "--today", TODAY.isoformat(), "--no-cache"])
    assert result.exit_code == 0, result.output
    return out


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def between(html: str, start: str, end: str) -> str:
    at = html.index(start)
    return html[at:html.index(end, at)]


# --- post-mortems ------------------------------------------------------------------------

@pytest.fixture
def rejections(vault) -> Path:
    """Rejected 2 to 40 days ago by 14 companies (all after applying), none asked."""
    files = {f"applications/company-{n:02}.md": note(
        f"Company {n:02}", "rejected", applied=date(2026, 8, 1),
        rejected=(TODAY - timedelta(days=ago)).isoformat())
        for n, ago in enumerate(range(2, 42, 3))}
    return vault(files)


def test_only_rejections_still_worth_asking_get_a_draft(rejections: Path) -> None:
    html = (build(rejections) / "postmortems.html").read_text(encoding="utf-8")
    listed = between(html, "Rejections without a request", "</section>")
    drafted = re.findall(r"Draft a request<span class=\"visually-hidden\"> to ([^<]+)<", listed)
    # The agenda's rule: a request falls due 48 hours after the rejection and is dropped
    # 14 days after that, i.e. asking stops 16 days after the rejection.
    fresh = [f"Company {n:02}" for n, ago in enumerate(range(2, 42, 3)) if ago <= 16]
    assert [d.split(" ")[0] + " " + d.split(" ")[1] for d in drafted] == fresh
    assert ("9 older rejections without a request are not listed: asking stops making "
            "sense 14 days after a request was due.") in text(listed)


def test_the_drafts_match_the_agendas_feedback_reminders(rejections: Path) -> None:
    from jobnotes.load import load_vault

    loaded = load_vault(rejections, today=TODAY)
    due = {r.title.removeprefix("Ask ").removesuffix(" for feedback")
           for r in reminders(loaded.applications, loaded.people, loaded.settings, TODAY)
           if r.kind == "feedback-request"}
    html = (build(rejections) / "postmortems.html").read_text(encoding="utf-8")
    listed = text(between(html, "Rejections without a request", "</section>"))
    assert due and all(company in listed for company in due)
    assert len(re.findall(r"Draft a request to", listed)) == len(due)


def test_a_long_stage_lists_twelve_companies_and_folds_the_rest(rejections: Path) -> None:
    html = (build(rejections) / "postmortems.html").read_text(encoding="utf-8")
    cell = between(html, '<td class="inline-refs">', "</td>")
    shown, _, folded = cell.partition("<details")
    assert len(re.findall(r"<a ", shown)) == 12
    assert "<summary>2 more</summary>" in folded
    assert len(re.findall(r"<a ", folded)) == 2        # every company still one click away
    assert "Company 00" in shown and "Company 13" in folded   # most recent first


def test_with_only_old_rejections_no_draft_is_offered(vault) -> None:
    root = vault({"applications/old.md": note("Oldco", "rejected", applied=date(2026, 1, 5),
                                              rejected="2026-02-01")})
    html = (build(root) / "postmortems.html").read_text(encoding="utf-8")
    assert "Draft a request" not in html
    assert "Feedback was asked for after every rejection" not in html
    assert "1 older rejection without a request is not listed" in text(html)


# --- channels ----------------------------------------------------------------------------

TARGETS = """\
[channels]
list = ["job-board", "networking", "referral"]

[channels.targets]
job-board = 50
networking = 50
"""


def test_a_channel_without_a_target_is_not_over_target(vault) -> None:
    counts = {"job-board": 6, "referral": 3, "networking": 1}
    files = {f"applications/{ch}-{n}.md": note(f"{ch} {n}", channel=ch)
             for ch, count in counts.items() for n in range(count)}
    root = vault({**files, "jobnotes.toml": TARGETS})
    callout = text(between((build(root) / "channels.html").read_text(encoding="utf-8"),
                           'class="callout"', "</section>"))
    assert "Job board: 60 % of your applications, against a 50 % target" in callout
    assert "against a 0 % target" not in callout
    assert "networking: 10 % against 50 %" in callout


def test_only_untargeted_channels_above_zero_means_nothing_is_over() -> None:
    settings = Settings(channels=["job-board", "referral"], channel_targets={"job-board": 100})
    apps = [app(f"a{n}", channel=ch) for n, ch in enumerate(["job-board", "referral"])]
    mix = channel_mix(apps, settings)
    assert mix.most_over is None
    assert mix.most_under == "job-board"
    assert [r.targeted for r in mix.rows] == [True, False]


LAST_WEEK = date(2026, 11, 23)                                  # a Monday


def weekly(vault, weeks: int) -> str:
    first = LAST_WEEK - timedelta(weeks=weeks - 1)
    files = {f"applications/w{n:02}.md": note(f"Week {n:02}", applied=first + timedelta(weeks=n))
             for n in range(weeks)}
    return (build(vault(files)) / "channels.html").read_text(encoding="utf-8")


def test_the_weekly_chart_shows_the_last_26_weeks_and_says_so(vault) -> None:
    html = weekly(vault, 30)
    card = between(html, 'id="weeks-title"', "</section>")
    chart = between(card, "<svg", "</svg>")
    assert "Applications per week, the last 26" in chart
    columns = re.findall(r"<title>(\d+ \w+) · Applications: 1</title>", chart)
    oldest = LAST_WEEK - timedelta(weeks=25)
    assert len(columns) == 26
    assert columns[0] == f"{oldest.day} {oldest:%b}" and columns[-1] == "23 Nov"
    assert "The chart shows the last 26 weeks; the table lists all 30." in text(card)
    assert card.count('<th scope="row" class="cell-date">') == 30


def test_a_short_search_charts_every_week_without_a_caption(vault) -> None:
    card = between(weekly(vault, 5), 'id="weeks-title"', "</section>")
    assert "the last" not in card and "chart-caption" not in card


# --- network -----------------------------------------------------------------------------

def person(name: str, company: str) -> str:
    return f"---\ncompany: {company}\nrole: peer\n---\n{name} works at {company}.\n"


def test_companies_with_most_contacts_come_first_and_the_rest_fold(vault) -> None:
    files = {f"people/Person {n:02}.md": person(f"Person {n:02}", f"Firm {n:02}")
             for n in range(22)}
    files |= {f"people/Big {n}.md": person(f"Big {n}", "Zeta Big") for n in range(3)}
    files |= {f"people/Two {n}.md": person(f"Two {n}", "Mid Two") for n in range(2)}
    html = (build(vault(files)) / "people" / "index.html").read_text(encoding="utf-8")
    section = between(html, 'id="companies-title"', "</section>\n</section>") \
        if "</section>\n</section>" in html else html
    grid, _, rest = section.partition('<details class="more company-more">')
    heads = re.findall(r"<h3>([^<]+)</h3>", grid)
    assert heads[:3] == ["Zeta Big", "Mid Two", "Firm 00"]
    assert len(heads) == 20
    assert "<summary>4 more companies</summary>" in rest
    for n in range(18, 22):                         # folded, each with a link to its person
        assert re.search(rf'Firm {n}</span>: <a href="[^"]+">Person {n}</a>', rest)


def test_companies_where_you_know_nobody_fold_after_twenty(vault) -> None:
    files = {f"applications/c{n:02}.md": note(f"Cold {n:02}") for n in range(23)}
    html = (build(vault(files)) / "people" / "index.html").read_text(encoding="utf-8")
    part = html[html.index("Applied, but you know nobody there"):]
    shown, _, folded = part.partition('<details class="more company-more">')
    assert shown.count('<span class="nobody-company">') == 20
    assert "<summary>3 more companies</summary>" in folded
    assert folded.count('<span class="nobody-company">') == 3


def test_the_post_mortem_list_shows_twenty_rejections_and_folds_the_earlier(vault) -> None:
    files = {f"applications/r{n:02}.md": note(f"Reject {n:02}", status="rejected",
                                               rejected=date(2026, 9, 2 + n).isoformat())
             for n in range(24)}
    html = (build(vault(files)) / "postmortems.html").read_text(encoding="utf-8")
    part = between(html, 'id="complete-title"', "</section>")
    shown, _, folded = part.partition('<details class="more card-pad pm-more">')
    assert shown.count('<li class="pm-') == 20
    assert "<summary>4 earlier rejections</summary>" in folded
    assert folded.count('<li class="pm-') == 4
    assert "Reject 23" in shown and "Reject 00" in folded            # newest first
