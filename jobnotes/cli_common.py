"""Options and helpers shared by every command module (kept apart to avoid import cycles)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jobnotes.terminal_text import clean, one_line

if TYPE_CHECKING:
    from jobnotes.diagnostics import Diagnostic

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class DateParam(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        from jobnotes.schema_dates import is_plausible_date

        day = value if isinstance(value, date) else self._parse(str(value), param, ctx)
        if not is_plausible_date(day):
            self._implausible(day.isoformat(), param, ctx)
        return day

    def _parse(self, value: str, param, ctx) -> date:  # type: ignore[no-untyped-def]
        """The date, or a failure worded as ``check`` words a date in a note: what is
        wrong with it ("there is no month 13") and how to write it."""
        from jobnotes.schema_dates import date_hint, date_problem, real_date

        text = value.strip()
        if match := _ISO_SHAPED.fullmatch(text):
            year, month, day = (int(part) for part in match.groups())
            found = real_date(year, month, day)
            if found is not None:
                return found
            if real_date(max(year, 1), month, day) is not None:
                self._implausible(text, param, ctx)         # year 0000
            problem, fix = date_problem(text)
            self.fail(f"{problem}; {fix}.", param, ctx)
        self.fail(f"{one_line(value)!r} is not a date written YYYY-MM-DD; "
                  f"{date_hint(text, _given_today(ctx))}.", param, ctx)

    def _implausible(self, text: str, param, ctx) -> None:  # type: ignore[no-untyped-def]
        from jobnotes.schema_dates import EARLIEST_DATE, LATEST_DATE

        self.fail(f"{text} is not a plausible date: jobnotes works with dates from "
                  f"{EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}.", param, ctx)


_ISO_SHAPED = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _given_today(ctx: click.Context | None) -> date:
    """The command's ``--today`` when it is already read (an example date then matches the
    date the user works with), else the real today."""
    given = ctx.params.get("today") if ctx is not None else None
    return given if isinstance(given, date) else date.today()


DATE = DateParam()

today_option = click.option(
    "--today", type=DATE, default=None,
    help="Pretend today is this date (YYYY-MM-DD), for reproducible output.",
)
vault_argument = click.argument(
    "vault", required=False, type=click.Path(file_okay=False, path_type=Path),
)


def _today(value: date | None) -> date:
    return value or date.today()


def _vault_root(path: Path | None) -> Path:
    from jobnotes.vault import find_vault_root

    return find_vault_root(path)


def require_vault(root: Path, command: str) -> None:
    """Stop with a usage error (exit 2) when ``root`` is not a vault: no jobnotes.toml here
    or in a parent, and no note folder. Worded as ``check`` reports it, for commands that
    would otherwise answer as if the wrong folder were an empty vault (or write a site
    into it). ``command`` is the command as the user would type it, PATH standing for the
    vault; when a folder inside ``root`` is a vault (one ``init`` just made), the message
    asks whether that was meant."""
    from jobnotes.errors import UsageError
    from jobnotes.notefolders import folder_findings, looks_like_vault, vaults_inside
    from jobnotes.settings import Settings

    if looks_like_vault(root):
        return
    found = folder_findings(root, Settings())
    if not found:
        return
    message = f"{root}: {found[0].message}."
    if inner := vaults_inside(root):
        shown = shell_path(inner[0])
        also = f" ({len(inner) - 1} more inside it)" if len(inner) > 1 else ""
        typed = command.replace("PATH", shown) if "PATH" in command else f"{command} {shown}"
        raise UsageError(f"{message} The folder {shown}/ inside it is a vault{also}: did "
                         f"you mean `jobnotes {typed}` (or `cd {shown}` first)?")
    hint = (found[0].hint or "").replace("jobnotes check PATH",
                                         f"jobnotes {_with_path(command)}")
    raise UsageError(f"{message} {hint[:1].upper()}{hint[1:]}.")


def _with_path(command: str) -> str:
    return command if "PATH" in command else f"{command} PATH"


def shell_path(path: Path) -> str:
    """``path`` as the user would type it: relative to the current folder when inside it,
    quoted for the shell when it needs it."""
    import os
    import shlex

    try:
        shown = os.path.relpath(path, Path.cwd())
    except ValueError:          # another drive (Windows)
        shown = str(path)
    if shown.startswith(".."):
        shown = str(path)
    return shlex.quote(shown)


def say(text: object, *, err: bool = False, nl: bool = True, tabs: bool = True,
        visible: bool = False) -> None:
    """``click.echo`` for text meant for people that may hold note values: printed through
    ``terminal_text.clean``, so no escape sequence or control character in a note reaches
    the terminal (``visible``: written as escapes, for findings that quote values)."""
    click.echo(clean(text, tabs=tabs, visible=visible), err=err, nl=nl)


def errors_in_vault(diagnostics: Iterable[Diagnostic]) -> str | None:
    """"3 errors in 2 notes", the same count every command gives (None: no error)."""
    errors = [d for d in diagnostics if d.is_error]
    if not errors:
        return None
    notes = len({d.path for d in errors})
    return (f"{len(errors)} error{'s' if len(errors) != 1 else ''} in "
            f"{notes} note{'s' if notes != 1 else ''}")
