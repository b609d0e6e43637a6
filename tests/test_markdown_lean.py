"""A note body that needs none of the rare rules is parsed without them: the tokens, and so
the page, must be exactly those of a parse with every rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobnotes.markdown import _lean_markdown, _markdown, render_markdown
from jobnotes.markdown_lean import needs_rare_rules

# Line starts and contents of everyday notes (lists, headings, tasks, links, tags), and of
# the blocks only the rare rules read.
EVERYDAY_STARTS = ["", "", "- ", "* ", "+ ", "1. ", "2) ", "10. ", "  ", "   ", "  - ", "   1. ",
                   "# ", "## ", "### ", "#### ", "- [ ] ", "- [x] ", "-", "1.", "#", " - "]
RARE_STARTS = ["> ", "    ", "\t", "| ", "```", "~~~", "<div>", "[^1]: ", "[a]: /x", "---",
               "***", "___", "===", "- - -", "> [!note] ", "    - ", "--", "  ="]
WORDS = ["word", "Acme", "[[Jane Doe]]", "[[Jane Doe|Jane]]", "#tag", "#2026", "*em*",
         "**strong**", "_under_", "a_b", "https://example.com", "[text](https://x.y)",
         "[text]", "(paren)", "1.", "2)", "- x", "#", "##", "! ", "!", ":", "x:", "%%c%%",
         "^block", "[ ]", "[x]", "'", '"', "é", "www.example.com", "jane@example.com",
         "[[Jane Doe#Notes]]", "[[Jane Doe#^abc]]", "*a*b*", "__x__", "x!", "[a](b \"t\")",
         "(https://x.y)", "[a]()", "[[", "]]", ""]
RARE_WORDS = ["a | b", "`code`", "<b>x</b>", "&amp;", "Q&A", "\\*", "==hi==", "~~gone~~",
              "[^1]", "^[inline note]", "![alt](a.png)", "![[embed]]", "<https://x.y>",
              "x ] : y", "a ]: b", "a = b", "a --- b", "* * *", "a\tb", "x    y"]


def lines(starts: list[str], words: list[str]) -> st.SearchStrategy[str]:
    line = st.builds(lambda start, ws: start + " ".join(ws), st.sampled_from(starts),
                     st.lists(st.sampled_from(words), max_size=5))
    return st.lists(line, min_size=1, max_size=14).map("\n".join)


everyday = lines(EVERYDAY_STARTS, WORDS)
anything = lines(EVERYDAY_STARTS + RARE_STARTS, WORDS + RARE_WORDS)


def same_parse(text: str) -> None:
    assert _lean_markdown().parse(text, {}) == _markdown().parse(text, {})
    assert _lean_markdown().render(text, {}) == _markdown().render(text, {})


@settings(max_examples=400, deadline=None)
@given(everyday)
def test_an_everyday_note_parses_the_same_without_the_rare_rules(text: str) -> None:
    if not needs_rare_rules(text):
        same_parse(text)


@settings(max_examples=400, deadline=None)
@given(anything)
def test_any_text_the_check_lets_through_parses_the_same(text: str) -> None:
    if not needs_rare_rules(text):
        same_parse(text)


@pytest.mark.parametrize("text", [
    "Heading\n-", "Heading\n--", "Heading\n  -", "- item\n  --", "Heading\n===", "a\n=",
    "| a | b |\n| - | - |", "a | b\n--|--", "    code", "\tcode", "- item\n\n      code",
    "```\nx\n```", "~~~\nx\n~~~", "> quote", "- > quote", "<div>\nx\n</div>",
    "[^1]: note", "[a]: https://x.y", "***", "- ***", "___", "- - -", "* * *", "1. ---",
    "> [!note] callout",
])
def test_every_rare_block_keeps_every_rule(text: str) -> None:
    assert needs_rare_rules(text)


@pytest.mark.parametrize("text", [
    "a \\*b*", "`code`", "~~gone~~", "==hi==", "![alt](a.png)", "![[embed]]", "x^[note]",
    "x[^1]", "<https://x.y>", "<b>x</b>", "&amp;", "AT&T",
])
def test_every_rare_inline_keeps_every_rule(text: str) -> None:
    assert needs_rare_rules(text)


@pytest.mark.parametrize("text", [
    "## Notes\n\n- 2026-05-30: Applied.\n- 2026-06-04: Screening with [[Wiebke Ivanova]].\n",
    "Para one\nstill one\n\nPara two\n",
    "- a\n- b\n\n- c\n",                       # a loose list
    "1. a\n2. b\n3) c\n",                      # a new list at another delimiter
    "- a\n  - b\n   - c\n- d\n",               # nested
    "- a\ncontinued lazily\n- b\n",
    "# Title #\n## Sub ##\n",
    "- [ ] task\n- [x] done #tag\n",
    "1.\n2.\n* \n",                           # empty items
    "Text\n- item interrupting\n",
    "Text\n1. an ordered item that may interrupt\n2. and\n",
    "Text\n2. an ordered item that may not\n",
])
def test_everyday_notes_parse_the_same(text: str) -> None:
    assert not needs_rare_rules(text)
    same_parse(text)


def test_a_page_renders_the_same_either_way() -> None:
    body = ("## Notes\n\n- Met [[Jane Doe]] about the #analytics role.\n"
            "- [ ] Send the thank-you note\n\nSee https://example.com for more.\n")
    assert not needs_rare_rules(body)
    assert render_markdown(body) == render_markdown(body + "\n> quote\n").split(
        "<blockquote>")[0].rstrip("\n") + "\n"
