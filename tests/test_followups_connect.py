"""A LinkedIn connection more than 30 days late leaves the agenda and the network page on
the same day; the periodic check-in covers the contact from then on."""

from __future__ import annotations

import re
from pathlib import Path

from tests.test_dashboard import text_of
from tests.test_followups_ghosted import SETTINGS, agenda, note, site

# Met on 1 October: with connect_days = 3 the connection is due on 4 October.
NOTES = {**SETTINGS, "applications/cobalt.md": note(status="wishlist"),
         "people/Felix Aronsson.md": "---\ncompany: Cobalt\nrole: peer\n"
                                     "met: 2026-10-01\nthanked: 2026-10-01\n---\n"}


def network_row(out: Path, name: str) -> str:
    """The text of ``name``'s row in the network page's table of contacts."""
    html = (out / "people/index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>.*?</tr>", html, flags=re.S)
    return text_of(next(row for row in rows if f">{name}</a>" in row))


def test_a_connection_30_days_late_is_still_listed_in_both(vault, tmp_path):
    root = vault(NOTES)
    output = agenda(root, "2026-11-03")
    assert "• Connect with Felix Aronsson on LinkedIn — due 4 weeks ago." in output
    assert "error" not in output
    out = site(root, tmp_path / "site", "2026-11-03")
    assert "Next: Connect on LinkedIn due since 4 Oct 2026" in network_row(
        out, "Felix Aronsson")
    due_now = text_of((out / "people/index.html").read_text(encoding="utf-8"))
    assert "Felix Aronsson · Connect on LinkedIn" in due_now


def test_a_connection_more_than_30_days_late_leaves_both(vault, tmp_path):
    root = vault(NOTES)
    output = agenda(root, "2026-11-04")
    assert "Connect with Felix" not in output and "error" not in output
    out = site(root, tmp_path / "site", "2026-11-04")
    row = network_row(out, "Felix Aronsson")
    assert "Connect" not in row
    assert "Next: Get back in touch from 30 Dec 2026" in row      # met + 90 days
    page = text_of((out / "people/index.html").read_text(encoding="utf-8"))
    assert "Connect on LinkedIn" not in page
    person = text_of((out / "people/felix-aronsson.html").read_text(encoding="utf-8"))
    assert "Connect on LinkedIn" not in person
