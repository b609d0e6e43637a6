"""Task list items as Obsidian reads them: any one character in the box makes a task.

``- [ ]`` is open and ``- [x]`` done, as on GitHub; Obsidian (and the themes and plugins
people use with it) also gives meaning to other characters: ``- [/]`` in progress,
``- [-]`` cancelled, ``- [>]`` forwarded, ``- [?]`` a question... Each renders as a
disabled checkbox, checked for the states that are closed (done and cancelled), after a
visually hidden word naming the state for screen readers ("In progress: "); its list item
gets a class naming the state (``task-in-progress``) for the stylesheet, which draws the
marks.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# The box at the start of a list item's text, followed by whitespace (as on GitHub).
BOX_RE = re.compile(r"\[([^\t\n\v\f\r\[\]\\])\][ \t\n\v\f\r]+")
# An open box with nothing after it (``- [ ]``, as a note template leaves it): an empty
# task, as Obsidian shows it, rather than the text "[ ]".
EMPTY_BOX_RE = re.compile(r"\[( )\]$")

STATES = {" ": "open", "x": "done", "X": "done", "/": "in-progress", "-": "cancelled",
          ">": "forwarded", "<": "scheduled", "?": "question", "!": "important",
          "*": "star"}
# What a screen reader says before the task's text; the box alone cannot tell these apart.
SPOKEN = {"open": "Open", "done": "Done", "in-progress": "In progress",
          "cancelled": "Cancelled", "forwarded": "Forwarded", "scheduled": "Scheduled",
          "question": "Question", "important": "Important", "star": "Starred",
          "other": "Task"}
CHECKED = frozenset("xX-")     # closed: done, or cancelled
CANCELLED = "-"


def state_name(char: str) -> str:
    """``"/"`` -> ``"in-progress"``; a character with no common meaning -> ``"other"``."""
    return STATES.get(char, "other")


def _checkbox(char: str) -> Token:
    token = Token("html_inline", "", 0)
    checked = ' checked="checked"' if char in CHECKED else ""
    # One token, the word first: callers read the box as the item's first child.
    token.content = (f'<span class="visually-hidden">{SPOKEN[state_name(char)]}: </span>'
                     f'<input class="task-list-item-checkbox"{checked} disabled="disabled" '
                     'type="checkbox">')
    return token


def _parent(tokens: list[Token], index: int) -> int:
    level = tokens[index].level - 1
    return next((i for i in range(index - 1, -1, -1) if tokens[i].level == level), -1)


def tasks_rule(state: StateCore) -> None:
    tokens = state.tokens
    for i in range(2, len(tokens) - 1):
        inline = tokens[i]
        if not (inline.type == "inline" and tokens[i - 1].type == "paragraph_open"
                and tokens[i - 2].type == "list_item_open" and inline.children):
            continue
        match = BOX_RE.match(inline.content) or EMPTY_BOX_RE.match(inline.content)
        first = inline.children[0]
        # The box must be plain text: "[`] a `b`" starts with a code span, not a box.
        if match is None or first.type != "text" or not first.content.startswith(
                match.group(0)[:3]):
            continue
        char = match.group(1)
        first.content = first.content[3:]
        inline.content = inline.content[3:]
        inline.children.insert(0, _checkbox(char))
        item = tokens[i - 2]
        item.attrSet("class", f"task-list-item task-{state_name(char)}")
        item.meta = {**(item.meta or {}), "task": char}
        parent = _parent(tokens, i - 2)
        if parent >= 0:
            tokens[parent].attrSet("class", "contains-task-list")


def tasks_plugin(md: MarkdownIt) -> None:
    md.core.ruler.after("inline", "obsidian_tasks", tasks_rule)
