"""The line scanner's quick look at a whole text (is there anything it must hand to the
parser; could inline syntax change the text a tag is read from) finds exactly what the
regular expressions it replaces found. (tests/test_perf_invariants.py checks the scanner's
answers against the parser.)"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from jobnotes import markdown_scan
from jobnotes.markdown_scan import _TEXT_CHANGES, _holds_any, _is_odd

ODD_TEXT = re.compile(r"[^\S\n ]|\x00|```|~~~|%%|\]:|\||\^")
TEXT_CHANGES = re.compile(r"[`<&\\]|\]\(")

# Characters near those the checks look for, so that generated texts often hold them.
NEAR = "\t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u200a\u200b\u2028\u202f\u205f\u3000" \
       " \x00`~%]:|^<&\\()[#*_-aé"


def test_the_odd_spaces_are_every_space_but_a_space_and_a_line_break():
    spaces = [chr(n) for n in range(sys.maxunicode + 1) if re.fullmatch(r"[^\S\n ]", chr(n))]
    assert list(markdown_scan._ODD_SPACES) == spaces
    assert list(markdown_scan._ASCII_ODD_SPACES) == [c for c in spaces if c.isascii()]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(NEAR), max_size=30) | st.text(max_size=30))
def test_the_quick_checks_find_what_the_expressions_found(text: str) -> None:
    assert _is_odd(text) == (ODD_TEXT.search(text) is not None)
    assert _holds_any(text, _TEXT_CHANGES) == (TEXT_CHANGES.search(text) is not None)
