"""Task states as Obsidian reads them: any one character in the box makes a task
(``- [/]`` in progress, ``- [-]`` cancelled...), on the page and in the action plans."""

from __future__ import annotations

import re
import textwrap
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobnotes import markdown
from jobnotes.analysis.postmortem import action_items, digest, post_mortem
from jobnotes.model import Application

TODAY = date(2025, 3, 10)
LIST = ("- [ ] open\n- [x] done\n- [X] done too\n- [/] in progress\n- [-] cancelled\n"
        "- [>] forwarded\n- [?] question\n- [!] important\n- [k] other\n")
# (class, checked) of each item of LIST
EXPECTED = [("open", False), ("done", True), ("done", True), ("in-progress", False),
            ("cancelled", True), ("forwarded", False), ("question", False),
            ("important", False), ("other", False)]


def items(html: str) -> list[tuple[str, bool, str]]:
    return [(cls, "checked" in box, text.strip()) for cls, box, text in re.findall(
        r'<li class="task-list-item task-([a-z-]+)">'
        r'<span class="visually-hidden">[^<]*</span>(<input[^>]*>)([^<]*)</li>', html)]


def spoken(html: str) -> list[str]:
    return re.findall(r'<span class="visually-hidden">([^<]*): </span><input', html)


def test_every_box_state_renders_as_a_task_with_its_class():
    html = markdown.render_markdown(LIST)
    assert [(cls, checked) for cls, checked, _ in items(html)] == EXPECTED
    assert [text for *_, text in items(html)][3:5] == ["in progress", "cancelled"]
    assert "[/]" not in html and "[-]" not in html
    assert html.count('disabled="disabled"') == len(EXPECTED)


def test_a_screen_reader_hears_each_state_before_the_box():
    html = markdown.render_markdown(LIST)
    assert spoken(html) == ["Open", "Done", "Done", "In progress", "Cancelled", "Forwarded",
                            "Question", "Important", "Task"]
    loose = markdown.render_markdown("- [x] first\n\n- [/] second\n")
    assert spoken(loose) == ["Done", "In progress"]
    assert markdown.tasks("- [x] first\n")[0].text == "first"    # not part of the text


def test_the_stylesheet_draws_the_post_mortem_marks_with_a_hanging_indent():
    from jobnotes.site.render import shipped_templates

    css = (shipped_templates() / "static" / "obsidian.css").read_text(encoding="utf-8")
    box = re.search(r"\.prose \.task-list-item-checkbox \{([^}]*)\}", css)
    assert box and "appearance: none" in box.group(1) and "position: absolute" in box.group(1)
    assert re.search(r"li\.task-list-item \{[^}]*padding-left", css)        # hanging indent
    assert re.search(r"checkbox:checked::before \{[^}]*content: \"✓\"", css)
    assert re.search(r"\.task-list-item-checkbox:checked \{[^}]*var\(--ok\)", css)


def test_tasks_know_their_state_on_both_reading_paths():
    fast = markdown.tasks(LIST)
    assert markdown.scan_blocks(LIST) is not None          # the line scanner read it
    parsed = markdown.tasks(LIST + "\n```\ncode\n```\n")    # this one needs the parser
    for found in (fast, parsed):
        assert [t.state for t in found] == [" ", "x", "X", "/", "-", ">", "?", "!", "k"]
        assert [t.done for t in found] == [checked for _, checked in EXPECTED]
        assert [t.cancelled for t in found] == [False] * 4 + [True] + [False] * 4
        assert [t.line for t in found] == list(range(1, 10))


@pytest.mark.parametrize("text", [
    "- [`] a `b`\n",          # a code span starts in the box: no task, as the page shows
    "- [*] a* b\n",           # emphasis starts in the box
    "- [/]\n",                # nothing after the box
    "- [ab] two characters\n",
    "- [\\] escaped\n",
])
def test_what_is_not_a_task_is_not_one_on_either_path(text):
    html = markdown.render_markdown(text)
    assert "checkbox" not in html
    assert markdown.tasks(text) == []
    assert markdown.tasks(text + "\n```\nx\n```\n") == []


def test_cancelled_tasks_are_struck_through_by_the_stylesheet():
    from jobnotes.site.render import shipped_templates

    css = (shipped_templates() / "static" / "obsidian.css").read_text(encoding="utf-8")
    assert re.search(r"\.task-cancelled\s*\{[^}]*line-through", css)
    assert ".task-in-progress" in css


PLAN = """
    ## Post-mortem

    ### Action plan

    - [ ] Practise STAR answers
    - [/] Rewrite the project summary
    - [-] Learn Scala after all
    - [x] Ask for feedback
    - [>] Mock interview, moved to next month
"""


def rejected(body: str) -> Application:
    return Application(rel="applications/acme.md", slug="acme", stem="acme", company="Acme",
                       role="Analyst", status="rejected", applied=date(2025, 2, 1),
                       rejected=date(2025, 3, 1), body=textwrap.dedent(body).lstrip("\n"))


def test_action_plans_count_in_progress_as_open_and_leave_cancelled_out():
    app = rejected(PLAN)
    found = action_items(app)
    assert [(a.text, a.done) for a in found] == [
        ("Practise STAR answers", False), ("Rewrite the project summary", False),
        ("Ask for feedback", True), ("Mock interview, moved to next month", False)]
    review = post_mortem(app, TODAY)
    assert (review.open_actions, review.done_actions) == (3, 1)
    assert [a.text for a in digest([app], TODAY).open_actions] == [
        "Practise STAR answers", "Rewrite the project summary",
        "Mock interview, moved to next month"]


def test_an_empty_box_of_any_state_is_no_content():
    from jobnotes.analysis.postmortem import has_content

    assert not has_content("- [/]\n- [-]\n- [ ]\n")
    assert has_content("- [/] started\n")


TASK_LINES = ["- [/] started", "- [-] dropped", "- [?] ask", "- [k] key", "- [*] star *x*",
              "- [*] a* b", "- [`] c `d`", "- [!] now", "- [>] later", "- [x] done",
              "- [ ] open", "  - [/] nested", "- [/]", "- [é] accent", "text", "",
              "## Action plan", "1. [-] numbered", "* [<] star list", "lazy line"]


def parsed_tasks(text: str) -> list[tuple[str, str, int]]:
    """(state, text, line) of every task, as the parser reads them."""
    tokens = markdown.parse(text)
    return [(token.meta["task"], " ".join(tokens[i + 2].content.split()),
             tokens[i + 2].map[0] + 1)
            for i, token in enumerate(tokens)
            if token.type == "list_item_open" and (token.meta or {}).get("task")]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TASK_LINES), max_size=10))
def test_the_line_scanner_reads_task_states_as_the_parser_does(lines):
    text = "\n".join(lines) + "\n"
    assert [(t.state, t.text, t.line) for t in markdown._tasks(text)] == parsed_tasks(text)


def test_an_empty_open_box_is_an_empty_task_not_text():
    # The note templates end with "- [ ] " under ### Action plan: a placeholder.
    html = markdown.render_markdown("- [ ] \n- [ ]\n- [1]\n")
    assert "[ ]" not in html
    assert html.count('class="task-list-item task-open"') == 2
    assert "<li>[1]</li>" in html                 # only the open box, alone, is a task
    assert [(t.text, t.done) for t in markdown.tasks("- [ ]\n")] == [("", False)]
