"""``jobnotes today``: the dashboard's agenda in the terminal.

On a terminal each item is wrapped to its width under its bullet, between words (a file
path is one word), with colours unless NO_COLOR is set or TERM is dumb; a word or path
longer than a line is broken under the bullet, after a "/" or "-" where it can be.
Piped, one plain line per item, for scripts. Either way every note value is printed
through ``terminal_text.clean``.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jobnotes.cli_common import (
    _today,
    _vault_root,
    errors_in_vault,
    require_vault,
    today_option,
    vault_argument,
)
from jobnotes.day_text import ago
from jobnotes.terminal_text import Style, Word, json_for_terminal, one_line, words, wrap

if TYPE_CHECKING:
    from jobnotes.analysis.agenda import Agenda
    from jobnotes.analysis.reminders import Reminder

# An agenda with more items than this starts with a count of them.
SUMMARY_FROM = 6
# On a terminal a group lists this many items, then says how many more there are (what
# a screen holds; a coach's vault can have hundreds due): `--all` lists every one. A group
# of up to FOLD_FROM items is listed whole, rather than fold one or two away.
TERMINAL_SHOWN = 20
FOLD_FROM = TERMINAL_SHOWN + 5
_NARROWEST = 30          # below this, wrapping makes more harm than good

_SECTIONS = (
    ("overdue", "Overdue", "red", "overdue"),
    ("today", "Today", "yellow", "for today"),
    ("this_week", "Next 7 days", "cyan", "in the next 7 days"),
    ("notes", "Worth knowing", "blue", "worth knowing"),
)
_WHEN_COLORS = {"overdue": "red", "this_week": "cyan"}


def _is_terminal() -> bool:
    return sys.stdout.isatty()


def _use_color() -> bool:
    """Colours on a terminal only; never with NO_COLOR set (no-color.org) or TERM=dumb."""
    return (_is_terminal() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM", "") != "dumb")


def _columns() -> int:
    return max(shutil.get_terminal_size().columns, _NARROWEST)


@click.command(short_help="What is due: overdue, today and the next 7 days.")
@vault_argument
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for tools.")
@click.option("--all", "show_all", is_flag=True,
              help=f"On a terminal, list every item (by default a group shows its first "
                   f"{TERMINAL_SHOWN} and how many more there are).")
def today(vault: Path | None, today: date | None, fmt: str, show_all: bool) -> None:
    """What is due: overdue, today and in the next 7 days, from the notes.

    The same agenda as the dashboard, in the same order: grouped by when it is
    due, overdue items the most urgent first and then the most recently due
    (older ones have waited and can wait a little more), each with how late it
    is or when it comes. A post-mortem is listed once the cooling-off after its
    rejection is over. On a terminal: wrapped to its width and colored (not with
    NO_COLOR or TERM=dumb), a long group folded after its first items unless
    --all; piped: every item, one plain line each.
    """
    from jobnotes.analysis.agenda import agenda, agenda_json
    from jobnotes.analysis.reminders import reminders
    from jobnotes.load import load_cached

    root = _vault_root(vault)
    require_vault(root, "today")
    # Only errors are told here: the info findings about skills are not looked for.
    loaded = load_cached(root, today=_today(today), skill_hints=False)
    found = reminders(loaded.applications, loaded.people, loaded.settings, loaded.today)
    plan = agenda(found, loaded.today)
    if fmt == "json":
        data = json.dumps(agenda_json(plan), indent=2, ensure_ascii=False)
        click.echo(json_for_terminal(data))
    else:
        width = _columns() if _is_terminal() else None
        shown = None if show_all or width is None else TERMINAL_SHOWN
        click.echo(render(plan, width=width, color=_use_color(), shown=shown), nl=False,
                   color=None)
    errors = errors_in_vault(loaded.diagnostics)
    if errors:
        click.echo(f"Note: {errors} of your vault; what they are about may be missing here. "
                   "Run jobnotes check to see them.", err=True)


# --- the text ----------------------------------------------------------------------------

def render(plan: Agenda, width: int | None = None, color: bool = False,
           shown: int | None = None) -> str:
    """The agenda as text: one line per item when ``width`` is None, else wrapped to
    ``width`` columns, a count of the items first when there are many. ANSI colours
    only when ``color`` is true. ``shown``: a group of more than ``FOLD_FROM`` items
    lists that many, then says how many more (None: every item)."""
    from jobnotes.analysis.reminders import UPCOMING_DAYS

    def style(fg: str | None = None, **attrs: bool) -> Style | None:
        return (lambda text: click.style(text, fg=fg, **attrs)) if color else None

    blocks: list[str] = []
    summary = summary_line(plan)
    if width is not None and summary:
        blocks.append(click.style(summary, bold=True) if color else summary)
    banner = plan.cooling_off
    if banner is not None:
        lines = wrap(words(one_line(banner.message), style("magenta", bold=True)), width)
        lines += wrap(words(one_line(banner.prompt)), width, "  Journal: ", " " * 11)
        if banner.others:
            lines.append(f"  ({banner.others} other cooling-off window"
                         f"{'s' if banner.others != 1 else ''} also active.)")
        blocks.append("\n".join(lines))
    for field, title, fg, more_words in _SECTIONS:
        items: tuple[Reminder, ...] = getattr(plan, field)
        if items:
            lines = [click.style(title, fg=fg, bold=True) if color else title]
            listed = items if shown is None or len(items) <= FOLD_FROM else items[:shown]
            for reminder in listed:
                lines += wrap(_item_words(reminder, field, plan.as_of, style), width,
                              "• ", "  ")
            if len(listed) < len(items):
                more = (f"… and {len(items) - len(listed)} more {more_words}: "
                        "jobnotes today --all lists every one.")
                lines += wrap(words(more, style(dim=True)), width, "  ", "  ")
            blocks.append("\n".join(lines))
    if not (plan.overdue or plan.today or plan.this_week):
        blocks.append(f"Nothing due in the next {UPCOMING_DAYS} days.")
    return "\n\n".join(blocks) + "\n"


def summary_line(plan: Agenda) -> str:
    """``5 overdue, 6 today, 12 in the next 7 days`` for an agenda of ``SUMMARY_FROM`` items or
    more; "" for a shorter one, seen at a glance anyway."""
    counts = [(len(plan.overdue), "overdue"), (len(plan.today), "today"),
              (len(plan.this_week), "in the next 7 days")]
    if sum(n for n, _ in counts) < SUMMARY_FROM:
        return ""
    return ", ".join(f"{n} {label}" for n, label in counts if n)


def when(reminder: Reminder, field: str, today: date) -> str:
    """How late an overdue item is, or when a coming one is due, in the dashboard's words
    ("due 2 days ago", "due tomorrow"); "" for today's items and the notes."""
    if field not in _WHEN_COLORS:
        return ""
    if reminder.kind == "interview-upcoming":       # an interview comes; it is not "due"
        return ago(reminder.due, today)
    return f"due {ago(reminder.due, today)}"


def _item_words(reminder: Reminder, field: str, today: date,
                style: Callable[..., Style | None]) -> list[Word]:
    """``title — due 2 days ago. detail (path)``: the path one word, broken only when
    longer than a line, and "— due 2 days ago." too (a dash never ends a line before
    it)."""
    items = words(one_line(reminder.title), style(bold=True))
    late = when(reminder, field, today)
    if late:
        color = style(_WHEN_COLORS[field])
        items.append(Word(f"— {late}.", color and (lambda text: "— " + color(text[2:]))))
    else:
        items.append(Word("—"))
    items += words(one_line(reminder.detail))
    return items + [Word(f"({one_line(reminder.rel)})", style(dim=True))]
