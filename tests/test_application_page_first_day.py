"""An application page for a note just made: no empty cards, a running cooling-off is
not late, and the post-mortem card reads as a sentence."""

from __future__ import annotations

from tests.test_scale_pages import build, text

WISHLIST = "---\ncompany: Acme\nrole: Data Analyst\nstatus: wishlist\n---\n\n## Notes\n"
REJECTED = ("---\ncompany: Borealis\nrole: BI Developer\nstatus: rejected\nchannel: job-board\n"
            "applied: 2026-11-10\nrejected: 2026-11-26\n---\n\n## Post-mortem\n\n"
            "### Action plan\n\n- [ ] \n")


def test_a_new_wishlist_note_has_no_empty_details_card(vault):
    site = build(vault({"applications/acme.md": WISHLIST}))
    html = (site / "applications" / "acme.html").read_text(encoding="utf-8")
    assert 'aria-label="Details"' not in html and '<dl class="facts"></dl>' not in html
    full = build(vault({"applications/acme.md": WISHLIST.replace(
        "status: wishlist", "status: wishlist\nchannel: referral")}))
    html = (full / "applications" / "acme.html").read_text(encoding="utf-8")
    assert 'aria-label="Details"' in html and "<dt>Channel</dt><dd>Referral</dd>" in html


def test_a_running_cooling_off_says_until_when_and_is_not_late(vault):
    site = build(vault({"applications/borealis.md": REJECTED}))      # today: 27 November
    html = (site / "applications" / "borealis.html").read_text(encoding="utf-8")
    item = html[html.index("kind-cooling-off"):]
    item = item[:item.index("</li>")]
    assert "is-late" not in item
    assert "until today" in text(item)
    assert "[ ]" not in html                          # the template's empty task


def test_the_post_mortem_card_of_an_unwritten_review_reads_as_a_sentence(vault):
    site = build(vault({"applications/borealis.md": REJECTED}))
    html = (site / "applications" / "borealis.html").read_text(encoding="utf-8")
    card = text(html[html.index('<h2 id="review-title"'):])
    assert card.startswith("Post-mortem status Not started yet (its section is there to "
                           "fill in). Sections for the stages this application reached:")
    assert "reached:Read it" not in card
