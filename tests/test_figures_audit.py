"""Figures worked out by hand from the example vault, against what the pages say."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE_VAULT

from jobnotes.build import build_vault
from jobnotes.cli import main

DAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("audit") / "site"
    build_vault(EXAMPLE_VAULT, out, today=DAY, use_cache=False)
    return out


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\u00a0", " ").split())


def test_the_funnel_table_rates_each_stage_against_the_row_above(site: Path):
    html = (site / "channels.html").read_text(encoding="utf-8")
    table = _text(html[html.index("Funnel, all channels"):html.index("</table>",
                                                                      html.index("Funnel, all"))])
    # 38 applied, 26 answered, 12 interviewed, 3 offers: 3 of 12 is 25 %, as the chart says.
    assert "Interview 12 46 % 32 %" in table
    assert "Offer 3 25 % 8 %" in table


def test_an_informational_chat_is_held_not_ghosted(site: Path):
    page = _text((site / "applications" / "ravenmoor-informational-chat.html")
                 .read_text(encoding="utf-8"))
    assert "Chat held" in page and "Ghosted" not in page
    csv = CliRunner().invoke(main, ["export", "csv", str(EXAMPLE_VAULT), "--today",
                                    DAY.isoformat()]).output
    chats = [line for line in csv.splitlines() if "Informational chat" in line]
    assert len(chats) == 2 and all(",Chat held," in line for line in chats)


def test_headlines_say_what_they_count(site: Path):
    dashboard = _text((site / "index.html").read_text(encoding="utf-8"))
    assert "6 things for today , 17 more in the next 7 days" in dashboard
    skills = _text((site / "skills.html").read_text(encoding="utf-8"))
    assert "skills asked for by 41 applications (their job descriptions and skills lists)" \
        in skills


def test_due_now_says_a_cold_contact_is_counted_apart(site: Path):
    people = _text((site / "people" / "index.html").read_text(encoding="utf-8"))
    # Felix and Johan to connect, Beatrice and Amir to thank; Mattias, overdue for a
    # check-in, is the one contact going cold.
    assert ("Due now 4 thank-yous, connections and check-ins; a cold contact counts under "
            "Going cold") in people
    assert "Going cold 1 no contact for over 90 days" in people
