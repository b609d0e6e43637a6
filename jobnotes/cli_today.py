"""``jobnotes today``: the dashboard's agenda in the terminal."""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import click

from jobnotes.cli_common import _today, _vault_root, today_option, vault_argument


def _use_color() -> bool:
    """Colours on a terminal only, and never when NO_COLOR is set (no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@click.command()
@vault_argument
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for tools.")
def today(vault: Path | None, today: date | None, fmt: str) -> None:
    """What is due: overdue, today and this week, from the notes.

    The same agenda as the dashboard, in the same order: grouped by when it is
    due, overdue items the most pressing first. A post-mortem is listed once the
    cooling-off after its rejection is over. Colored on a terminal, plain when
    piped.
    """
    from jobnotes.analysis.agenda import agenda, agenda_json, format_agenda_text
    from jobnotes.analysis.reminders import reminders
    from jobnotes.load import load_cached

    loaded = load_cached(_vault_root(vault), today=_today(today))
    found = reminders(loaded.applications, loaded.people, loaded.settings, loaded.today)
    plan = agenda(found, loaded.today)
    if fmt == "json":
        click.echo(json.dumps(agenda_json(plan), indent=2, ensure_ascii=False))
    else:
        click.echo(format_agenda_text(plan, color=_use_color()), nl=False, color=None)
    errors = sum(1 for d in loaded.diagnostics if d.is_error)
    if errors:
        click.echo(f"{errors} error{'s' if errors != 1 else ''} in your vault: what they are "
                   "about may be missing here. Run jobnotes check to see them.", err=True)
