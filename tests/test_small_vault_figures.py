"""A search of 0 to 3 notes: no percentage, median or "most" from one or two notes, no
good news the notes do not hold, and a first wishlist note flags nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobnotes.cli import main
from tests.test_dashboard import dashboard_html, section, text_of

TODAY = "2026-11-27"
TOML = 'title = "First search"\n'
# A vault as `jobnotes init` leaves it: the settings and two empty folders.
EMPTY = {"jobnotes.toml": TOML, "applications/.keep": "", "people/.keep": ""}


def note(company: str, status: str, **fields: str) -> str:
    """An application note; ``fields`` are front matter keys with their values."""
    lines = [f"company: {company}", "role: Data Analyst", f"status: {status}"]
    lines += [f"{key}: {value}" for key, value in ({"channel": "job-board"} | fields).items()
              if status != "wishlist" or key != "channel"]
    return "---\n" + "\n".join(lines) + "\n---\n"


REJECTED = note("Borealis", "rejected", applied="2026-11-16",
                rejected="2026-11-26")
WISHLIST = note("Acme", "wishlist")


def build(root: Path, today: str = TODAY) -> dict[str, str]:
    """Every page of the site built from ``root``, as text, by path."""
    out = root.parent / "site"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out), "--today", today,
                                       "--no-cache"])
    assert result.exit_code == 0, result.output
    return {p.relative_to(out).as_posix(): text_of(p.read_text(encoding="utf-8"))
            for p in out.rglob("*.html")}


def stat(html: str, label: str) -> str:
    """The text of the headline card labelled ``label`` on the dashboard."""
    cards = re.findall(r'<a class="stat".*?</a>', html, flags=re.S)
    found = [text_of(c) for c in cards if f'<span class="stat-label">{label}</span>' in c]
    assert len(found) == 1, label
    return found[0]


def words(html: str) -> str:
    """The text as it reads on screen: links inline, screen-reader-only text left out."""
    html = re.sub(r'<span class="visually-hidden">.*?</span>', "", html)
    return text_of(re.sub(r"</?a\b[^>]*>", "", html))


def practice(html: str, title: str) -> str:
    """A scorecard line: "Resilience Keep going Weekly goal streak: ..."."""
    lines = [text_of(li) for li in re.findall(r'<li class="practice .*?</li>',
                                              section(html, "scorecard"), flags=re.S)]
    found = [t for t in lines if t.startswith(title + " ")]
    assert len(found) == 1, (title, lines)
    return found[0]


# --- headline rates ----------------------------------------------------------------------

def test_one_rejection_gives_counts_not_a_100_percent_response_rate(vault):
    html = dashboard_html(vault({"jobnotes.toml": TOML, "applications/a.md": REJECTED}),
                          TODAY)
    response = stat(html, "Response rate")
    assert "1 of 1" in response and "too early for a rate" in response
    assert "%" not in response
    interviews = stat(html, "Interviews")
    assert "0 of 1" in interviews and "%" not in interviews


def two_applications_one_sent_today(vault) -> str:
    """The dashboard of two applications, one of them sent today."""
    return dashboard_html(vault({
        "jobnotes.toml": TOML,
        "applications/a.md": note("Borealis", "applied", applied="2026-11-16"),
        "applications/b.md": note("Cobalt", "applied", applied=TODAY),
    }), TODAY)


def test_two_applications_one_sent_today_show_no_zero_percent(vault):
    html = two_applications_one_sent_today(vault)
    response = stat(html, "Response rate")
    assert "0 of 2" in response and "0 %" not in response
    assert "1 sent in the last 7 days may still answer" in response


def test_five_applications_are_enough_for_percentages(vault):
    files = {"jobnotes.toml": TOML, "applications/r.md": REJECTED}
    for n in range(4):
        files[f"applications/a{n}.md"] = note(f"Company {n}", "applied",
                                              applied=f"2026-11-0{n + 2}")
    html = dashboard_html(vault(files), TODAY)
    assert stat(html, "Response rate").startswith("Response rate 20 % 1 of 5 applications")
    assert stat(html, "Interviews").startswith("Interviews 0 % 0 of 5 reached")


# --- where applications go ---------------------------------------------------------------

def test_open_applications_are_not_a_drop(vault):
    html = two_applications_one_sent_today(vault)
    flow = text_of(section(html, "flow"))
    assert "drop" not in flow and "did not get further" not in flow
    assert "ended" not in flow.split("Swipe")[0]


def test_a_rejection_without_screening_is_named_as_the_chart_draws_it(vault):
    html = dashboard_html(vault({"jobnotes.toml": TOML, "applications/a.md": REJECTED,
                                 "applications/w.md": WISHLIST}), TODAY)
    flow = section(html, "flow")
    text = words(flow)
    assert "So far 1 of 1 application ended at the Applied stage: 1 rejected." in text
    assert "Too early to say where most drop." in text
    assert "biggest" not in text and "interview" not in text.split("Swipe")[0].lower()
    chart = re.search(r"<svg.*?</svg>", flow, flags=re.S).group(0)
    assert ">Applied · 1<" in chart and ">Rejected · 1<" in chart
    assert "Screening" not in chart


def test_the_biggest_drop_counts_closed_applications_only(vault):
    files = {"jobnotes.toml": TOML}
    for n in range(3):                  # rejected with no screening: end at Applied
        files[f"applications/r{n}.md"] = note(f"Rej {n}", "rejected", applied="2026-10-01",
                                              rejected="2026-10-20")
    for n in range(4):                  # screened, still open: waiting, not a drop
        files[f"applications/s{n}.md"] = note(f"Scr {n}", "screening", applied="2026-11-01",
                                              screening="2026-11-20")
    files["applications/g.md"] = note("Gone", "rejected", applied="2026-10-01",
                                      screening="2026-10-10", rejected="2026-10-15")
    html = dashboard_html(vault(files), TODAY)
    text = words(section(html, "flow"))
    assert ("The biggest drop is at the Applied stage: 3 of 8 ended there (3 rejected)."
            in text)
    assert "still open" not in text
    # Each outcome named links to the same applications as the chart's end node.
    assert 'href="applications/index.html#exit=rejected@applied"' in section(html, "flow")


# --- empty states that claimed good news -------------------------------------------------

def test_an_empty_vault_claims_no_skills_and_no_good_scorecard(vault):
    root = vault(EMPTY)
    html = dashboard_html(root, TODAY)
    learn = text_of(section(html, "learn"))
    assert "No skills found in your applications yet" in learn
    assert "skills:" in learn and "## Job description" in learn
    assert "No skill gaps" not in learn
    card = text_of(section(html, "scorecard"))
    assert "On track" not in card
    for title in ("Process the disappointment", "Ask for feedback", "Post-mortem"):
        assert practice(html, title).startswith(f"{title} Too early ")
    skills = build(root)["skills.html"]
    assert "Gaps 0 no skills found in your applications yet" in skills
    assert "nothing missing" not in skills


def test_contacts_without_dates_are_not_called_warm(vault):
    root = vault({**EMPTY,
                  "people/Ana Perez.md": "---\nrole: peer\n---\n",
                  "people/Bo Li.md": "---\nrole: peer\n---\n"})
    people = build(root)["people/index.html"]
    assert "Nobody is going cold" not in people
    assert "your 2 contacts have no dates yet" in people
    assert "met:" in people
    network = practice(dashboard_html(root, TODAY), "Network")
    assert network == "Network Too early 2 contacts with no dates yet"


def test_one_undated_contact_among_dated_ones_is_counted(vault):
    root = vault({"jobnotes.toml": TOML,
                  "people/Ana Perez.md": "---\nmet: 2026-11-20\n---\n",
                  "people/Bo Li.md": "---\nrole: peer\n---\n"})
    people = build(root)["people/index.html"]
    assert "Nobody with a date is going cold" in people
    assert "1 contact has no dates yet" in people


@pytest.mark.parametrize("files", [{}, {"applications/w.md": WISHLIST}])
def test_a_first_wishlist_note_does_not_turn_resilience_red(vault, files):
    html = dashboard_html(vault({**EMPTY, **files}), TODAY)
    assert practice(html, "Resilience").startswith("Resilience Keep going ")


def test_one_application_is_too_early_to_judge_the_channel_mix(vault):
    html = dashboard_html(vault({"jobnotes.toml": TOML, "applications/a.md": REJECTED}),
                          TODAY)
    line = practice(html, "Channels")
    assert line.startswith("Channels Too early 1 application sent so far (job boards 1)")
    assert "%" not in line


# --- the insight pages -------------------------------------------------------------------

def test_post_mortems_of_one_rejection_name_no_majority_or_share(vault):
    page = build(vault({"jobnotes.toml": TOML, "applications/a.md": REJECTED}))
    text = page["postmortems.html"]
    assert "Most rejections come" not in text and "100 %" not in text
    assert "1 rejection so far, after applying. Too early to say where most come." in text
    assert "Furthest stage Rejections Applications Applied 1 Borealis" in text


def test_channels_give_no_median_from_one_answer(vault):
    page = build(vault({"jobnotes.toml": TOML, "applications/a.md": REJECTED}))
    text = page["channels.html"]
    assert "Half of the answers" not in text
    assert "1 answer so far, after 10 days; 0 still waiting. Too early for a typical time" \
        in text


# --- copy --------------------------------------------------------------------------------

def test_the_empty_activity_chart_speaks_in_weeks_like_its_title(vault):
    html = dashboard_html(vault(EMPTY), TODAY)
    activity = section(html, "activity")
    assert "The last 16 weeks" in text_of(activity)
    shown = re.findall(r'<text class="empty[^"]*"[^>]*>([^<]*)</text>', activity)
    assert shown == ["No activity in the last 16 weeks yet"]


def test_the_streak_strip_of_a_new_search_says_so(vault):
    html = dashboard_html(vault({"jobnotes.toml": TOML,
                                 "applications/a.md": note("A", "applied", applied=TODAY)}),
                          TODAY)
    goals = text_of(section(html, "goals"))
    assert "This week, outlined, is the first of your search" in goals
    assert "The last 12 weeks" not in goals


def test_nothing_for_today_is_not_written_as_zero_things(vault):
    html = dashboard_html(vault({"jobnotes.toml": TOML,
                                 "applications/a.md": note("A", "applied",
                                                           applied="2026-11-10")}), TODAY)
    lede = text_of(re.search(r'<p class="lede">.*?</p>', html, flags=re.S).group(0))
    assert "0 things" not in lede
    assert lede.startswith("1 thing carried over from earlier")
    assert lede.endswith("nothing new for today.")


def test_the_network_leaves_wishlist_notes_out_of_nobody_there(vault):
    people = build(vault({
        "jobnotes.toml": TOML, "applications/w.md": WISHLIST, "applications/a.md": REJECTED,
        "people/Ana Perez.md": "---\nmet: 2026-11-20\n---\n",
    }))["people/index.html"]
    assert "Nobody there 1 companies applied to" in people
    nobody = people.split("Applied, but you know nobody there", 1)[1]
    assert "Borealis" in nobody and "Acme" not in nobody


def test_an_empty_network_says_how_to_add_a_contact(vault):
    people = build(vault(EMPTY))["people/index.html"]
    assert 'jobnotes new --person "Jane Doe"' in people


def test_the_channels_page_of_one_application_does_not_compare_shares(vault, tmp_path):
    from click.testing import CliRunner

    from jobnotes.cli import main

    root = vault({"applications/a.md": "---\ncompany: A\nrole: B\nstatus: rejected\n"
                  "channel: job-board\napplied: 2026-11-02\nrejected: 2026-11-10\n---\n"})
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(root), "-o", str(out),
                                       "--today", "2026-11-27", "--no-cache"])
    assert result.exit_code == 0, result.output
    html = (out / "channels.html").read_text(encoding="utf-8")
    short = html[html.index('aria-label="In short"'):html.index("</section>")]
    assert "too early to compare the mix with your targets" in short
    assert "% of your applications" not in short and "against a 40" not in short
