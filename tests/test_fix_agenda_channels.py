"""The channels page names the best response rate only for channels with enough
applications to compare (``MIN_APPLICATIONS_COMPARED``), and names every channel tied on
it."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from pathlib import Path

from click.testing import CliRunner

from jobnotes.analysis.channels import MIN_APPLICATIONS_COMPARED, best_response, channel_funnels
from jobnotes.cli import main
from jobnotes.load import load_vault

TODAY = "2026-11-27"


def note(channel: str, n: int, answered: bool) -> str:
    status, extra = ("rejected", "rejected: 2026-11-10") if answered else ("applied", "")
    return "\n".join(["---", f"company: {channel.title()} {n}", "role: Analyst",
                      f"status: {status}", f"channel: {channel}", "applied: 2026-11-02",
                      "feedback_requested: none", extra, "---", ""])


def vault_of(vault, counts: dict[str, tuple[int, int]]) -> Path:
    """A vault where each channel has (answered, applied) applications."""
    notes = {"jobnotes.toml": ""}
    for channel, (answered, applied) in counts.items():
        for n in range(applied):
            notes[f"applications/{channel}-{n}.md"] = note(channel, n, n < answered)
    return vault(notes)


def in_short(vault, counts: dict[str, tuple[int, int]], tmp_path: Path) -> str:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(vault_of(vault, counts)), "-o", str(out),
                                       "--today", TODAY, "--force"])
    assert result.exit_code == 0, result.output
    html = (out / "channels.html").read_text(encoding="utf-8")
    html = html[html.index('aria-label="In short"'):]
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html[:html.index("</p>")])).split())


def test_one_application_each_is_too_few_to_name_a_best(vault, tmp_path):
    assert MIN_APPLICATIONS_COMPARED == 2
    text = in_short(vault, {"job-board": (1, 1), "referral": (1, 1), "networking": (1, 1)},
                    tmp_path)
    assert "Best response rate" not in text
    # Three applications in all: too few to compare anything yet.
    assert "too early to compare the mix with your targets or the channels' response " \
        "rates" in text
    text = in_short(vault, {"job-board": (1, 1), "referral": (1, 1), "networking": (1, 1),
                            "recruiter": (1, 1), "other": (1, 1)}, tmp_path / "five")
    assert "Best response rate" not in text
    assert "Too few applications per channel yet to compare their response rates." in text


def test_a_tie_names_every_tied_channel(vault, tmp_path):
    text = in_short(vault, {"job-board": (2, 2), "referral": (2, 2), "networking": (2, 2),
                            "recruiter": (1, 3)}, tmp_path)
    assert "Best response rate: job board, networking and referral, 2 of 2 each." in text


def test_a_tie_on_different_counts_gives_each_count(vault, tmp_path):
    text = in_short(vault, {"job-board": (1, 2), "referral": (2, 4)}, tmp_path)
    assert "Best response rate: job board (1 of 2) and referral (2 of 4), 50 % each." \
        in text


def test_a_single_best_among_those_compared(vault, tmp_path):
    # Networking's 1 of 1 is too little to count; job board's 2 of 3 beats referral's 1 of 2.
    text = in_short(vault, {"job-board": (2, 3), "referral": (1, 2), "networking": (1, 1)},
                    tmp_path)
    assert "Best response rate: job board, 2 of 3." in text


def test_no_best_without_any_answer(vault, tmp_path):
    text = in_short(vault, {"job-board": (0, 2), "referral": (0, 3)}, tmp_path)
    assert "Best response rate" not in text and "Too few" not in text


def test_the_rule_the_page_follows(vault):
    root = vault_of(vault, {"job-board": (2, 2), "referral": (2, 2), "networking": (1, 1)})
    loaded = load_vault(root, today=date(2026, 11, 27))
    rows = channel_funnels(loaded.applications, loaded.today, loaded.settings)
    assert [r.channel for r in rows if r.compared] == ["job-board", "referral"]
    assert [r.channel for r in best_response(rows)] == ["job-board", "referral"]
    assert best_response([r for r in rows if r.channel == "networking"]) == []


def channels_page(vault, counts: dict[str, tuple[int, int]], tmp_path: Path) -> str:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", str(vault_of(vault, counts)), "-o", str(out),
                                       "--today", TODAY, "--force"])
    assert result.exit_code == 0, result.output
    return (out / "channels.html").read_text(encoding="utf-8")


def card(html: str, name: str) -> str:
    start = html.index(f"class=\"channel-name\">{name}") + len("class=\"channel-name\">")
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html[start:html.index("</table>",
                                                                           start)])).split())


def test_below_five_applications_the_funnel_and_channel_cards_show_counts_only(vault, tmp_path):
    html = channels_page(vault, {"job-board": (1, 2), "referral": (2, 2)}, tmp_path)
    funnel = html[html.index('id="funnel-title"'):html.index('id="mix-title"')]
    assert "%" not in unescape(re.sub(r"<[^>]+>", "", funnel))
    assert "Percentages show from 5 applications" in funnel
    # 1 answer of 2 is a count, not "50 %".
    assert card(html, "Job board") == ("Job board 2 applications Job board: applications per "
                                       "stage Applied 2 Response 1 Interview 0 Offer 0")
    assert "A channel with fewer than 5 applications shows its counts only." in html


def test_from_five_applications_a_channel_card_shows_its_rates(vault, tmp_path):
    html = channels_page(vault, {"job-board": (2, 5), "referral": (1, 1)}, tmp_path)
    assert "Response 2 40 %" in card(html, "Job board")
    assert "Response 1 Interview" in card(html, "Referral")
    funnel = unescape(html[html.index('id="funnel-title"'):html.index('id="mix-title"')])
    assert "Percentages show from" not in funnel and "50 %" in funnel     # 3 of 6 answered
