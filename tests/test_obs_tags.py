"""The ``tags`` property as Obsidian reads it (a text of tags is split at commas and spaces),
and front-matter tags on application and person pages linking to their tag pages."""

from __future__ import annotations

from datetime import date

import pytest

from jobnotes.build import render_site
from jobnotes.load import load_vault

TODAY = date(2026, 11, 27)


def app(company: str, tags: str, body: str = "") -> str:
    return f"---\ncompany: {company}\nrole: Analyst\nstatus: wishlist\n{tags}\n---\n{body}"


FILES = {
    "applications/acme.md": app("Acme", "tags: remote, urgent", "See [[Diary]].\n"),
    "applications/globex.md": app("Globex", 'tags: "#fintech #Remote"'),
    "applications/initech.md": app("Initech", "tags: [on site, urgent]"),
    "people/Jane Doe.md": "---\nrole: recruiter\ntags: fintech,mentor\n---\nHi.\n",
    "notes/Diary.md": "---\ntags: journal, daily\n---\nA day.\n",
}


@pytest.fixture
def site(vault):
    loaded = load_vault(vault(FILES), today=TODAY)
    return loaded, render_site(loaded).files


def test_a_text_of_tags_is_split_at_commas_and_spaces(site):
    loaded, _ = site
    tags = {app.company: app.tags for app in loaded.applications}
    assert tags == {"Acme": ["remote", "urgent"], "Globex": ["fintech", "Remote"],
                    "Initech": ["on site", "urgent"]}       # a list keeps its items
    assert loaded.people[0].tags == ["fintech", "mentor"]


def test_each_tag_gets_its_own_page_listing_its_notes(site):
    _, files = site
    assert not any("remote-urgent" in path or "fintech-" in path for path in files)
    remote = files["tags/remote.html"].decode()
    assert "Acme — Analyst" in remote and "Globex — Analyst" in remote
    urgent = files["tags/urgent.html"].decode()
    assert "Acme — Analyst" in urgent and "Initech — Analyst" in urgent
    fintech = files["tags/fintech.html"].decode()
    assert "Globex — Analyst" in fintech and "Jane Doe" in fintech
    assert "Diary" in files["tags/daily.html"].decode()


def test_application_page_tags_link_to_their_pages(site):
    _, files = site
    acme = files["applications/acme.html"].decode()
    assert '<li><a class="tag" href="../tags/remote.html">#remote</a></li>' in acme
    assert '<li><a class="tag" href="../tags/urgent.html">#urgent</a></li>' in acme
    assert "<li>remote</li>" not in acme
    globex = files["applications/globex.html"].decode()
    assert '<a class="tag" href="../tags/remote.html">#Remote</a>' in globex
    # Not a valid tag (it has a space): shown, linked nowhere.
    initech = files["applications/initech.html"].decode()
    assert '<li><span class="tag">#on site</span></li>' in initech


def test_person_page_tags_link_to_their_pages(site):
    _, files = site
    jane = files["people/jane-doe.html"].decode()
    assert '<li><a class="tag" href="../tags/fintech.html">#fintech</a></li>' in jane
    assert '<li><a class="tag" href="../tags/mentor.html">#mentor</a></li>' in jane
    assert "people/jane-doe.html" in files["tags/mentor.html"].decode()
