"""Quick looks at a text find exactly what the regular expressions they replace found: the
line scanner's (is there anything it must hand to the parser; could inline syntax change
the text a tag is read from), the link rules' (may a line hold a link or a bare address)
and the wikilinks found when a note is read. (tests/test_perf_invariants.py checks the
scanner's answers against the parser.)"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from jobnotes import markdown_scan
from jobnotes.markdown_links import may_hold_link, may_link
from jobnotes.markdown_scan import _TEXT_CHANGES, _holds_any, _is_odd
from jobnotes.obsidian.scan import wikilink_spans

ODD_TEXT = re.compile(r"[^\S\n ]|\x00|```|~~~|%%|\]:|\||\^")
TEXT_CHANGES = re.compile(r"[`<&\\]|\]\(")
MAY_LINK = re.compile(r"://|www\.|@", re.IGNORECASE)
MAY_HOLD_LINK = re.compile(r"[\[<@]|://|www\.", re.IGNORECASE)
WIKILINK = re.compile(r"(?<!\\)!?\[\[([^\[\]\n]+?)\]\]")

# Characters and runs near those the checks look for, so that generated texts often hold
# them (or nearly).
NEAR = [*"\t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u200a\u200b\u2028\u202f\u205f\u3000",
        *" \x00`~%]:|^<&\\()[#*_-aéwW./@\u0130\u212a",
        "```", "``", "~~~", "%%", "]:", "](", "://", ":/", "www.", "WwW.", "ww.", "w\u0130w."]
texts = st.lists(st.sampled_from(NEAR), max_size=20).map("".join) | st.text(max_size=30)


def test_the_odd_spaces_are_every_space_but_a_space_and_a_line_break():
    spaces = [chr(n) for n in range(sys.maxunicode + 1) if re.fullmatch(r"[^\S\n ]", chr(n))]
    assert list(markdown_scan._ODD_SPACES) == spaces
    assert list(markdown_scan._ASCII_ODD_SPACES) == [c for c in spaces if c.isascii()]


@settings(max_examples=500, deadline=None)
@given(texts)
def test_the_quick_checks_find_what_the_expressions_found(text: str) -> None:
    assert _is_odd(text) == (ODD_TEXT.search(text) is not None)
    assert _holds_any(text, _TEXT_CHANGES) == (TEXT_CHANGES.search(text) is not None)


@settings(max_examples=500, deadline=None)
@given(texts)
def test_the_link_checks_find_what_the_expressions_found(text: str) -> None:
    assert may_link(text) == (MAY_LINK.search(text) is not None)
    assert may_hold_link(text) == (MAY_HOLD_LINK.search(text) is not None)


def test_a_web_address_in_any_case_may_be_a_link():
    assert may_link("see WwW.acme.dev") and may_link("https://x") and may_link("a@b.c")
    assert not may_link("www-acme dev") and not may_hold_link("plain words.")


WIKI_PIECES = ["[[", "]]", "[", "]", "![[", "\\[[", "\\![[", "!", "\\", "a", "Jane Doe",
               "|", "#", "^", " ", "\n"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(WIKI_PIECES), max_size=24).map("".join))
def test_the_wikilinks_found_are_those_the_expression_found(text: str) -> None:
    expected = [(m.start(), m.end(), m.group(1), m.group(0).startswith("!"))
                for m in WIKILINK.finditer(text)]
    assert list(wikilink_spans(text)) == expected


def test_an_escaped_wikilink_is_none_and_an_embed_says_so():
    assert list(wikilink_spans("\\[[A]] ![[B]] \\![[C]] [[[D]]")) == [
        (7, 13, "B", True), (16, 21, "C", False), (23, 28, "D", False)]
