"""Commands for working with other tools: ``export`` (csv, json, ics, report), ``import``
and ``schema``. Each is a thin layer over ``jobnotes.interop``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jobnotes.cli_common import (
    DATE,
    _today,
    _vault_root,
    errors_in_vault,
    require_vault,
    say,
    today_option,
    vault_argument,
)

if TYPE_CHECKING:
    from jobnotes.model import Vault


def _output_file(ctx: click.Context, param: click.Parameter, value: str | None) -> Path | None:
    """``-o FILE`` as a path; ``-o -`` is the terminal (standard output), as without -o."""
    return None if value is None or value == "-" else Path(value)


output_option = click.option(
    "-o", "--output", type=click.Path(allow_dash=True), default=None, metavar="FILE",
    callback=_output_file,
    help="Write to this file instead of the terminal (- for the terminal); a link is written "
    "through, a pipe or device such as /dev/null written into. Never into the notes, "
    "templates or .obsidian folders, nor over a file in the vault.")


def _load(vault: Path | None, today: date | None, command: str) -> Vault:
    """The vault, read; a folder that is not a vault is refused (exit 2), as by ``build``,
    rather than exported as an empty one (``command``: "export csv"...)."""
    from jobnotes.load import load_cached

    root = _vault_root(vault)
    require_vault(root, command)
    loaded = load_cached(root, today=_today(today))
    errors = errors_in_vault(loaded.diagnostics)
    if errors:
        click.echo(f"Note: {errors} of your vault; what they are about may be incomplete or "
                   "left out here. Run jobnotes check to see them.", err=True)
    return loaded


def _emit(data: str | bytes, output: Path | None, vault: Vault, what: str,
          suffix: str) -> None:
    """To stdout, or whole into ``output`` (refused among the user's own files, see
    ``check_export_path``); ``suffix`` is the usual extension of such a file (".csv")."""
    from jobnotes.errors import JobnotesError, UsageError
    from jobnotes.interop.output import check_export_path, write_export

    if output is None:
        click.echo(data, nl=False)
        return
    check_export_path(output, vault.root, vault.settings, suffix)
    try:
        write_export(data.encode("utf-8") if isinstance(data, str) else data, output)
    except JobnotesError as exc:    # exit 2, as for any place jobnotes may not write
        raise UsageError(str(exc)) from exc
    click.echo(f"Wrote {what} to {output}", err=True)


@click.group("export", short_help="Export the notes as csv, json, ics or a report.")
def export() -> None:
    """Export the notes: a spreadsheet (csv), everything (json), reminders as a calendar
    (ics), or a printable list of applications (report).

    Output goes to the terminal, or to a file with -o.
    """


@export.command("csv")
@vault_argument
@today_option
@output_option
@click.option("--bom", is_flag=True,
              help="Start the file with a byte order mark, so Excel reads it as UTF-8.")
def export_csv(vault: Path | None, today: date | None, output: Path | None, bom: bool) -> None:
    """One row per application: every stage date, channel, contacts and outcome."""
    from jobnotes.interop.export_csv import export_csv as make_csv

    loaded = _load(vault, today, "export csv")
    text = make_csv(loaded, bom=bom)
    count = len(loaded.applications)
    _emit(text, output, loaded, f"{count} application{'s' if count != 1 else ''}", ".csv")


@export.command("json")
@vault_argument
@today_option
@output_option
@click.option("--no-body", is_flag=True, help="Leave out the Markdown text of the notes.")
def export_json(vault: Path | None, today: date | None, output: Path | None,
                no_body: bool) -> None:
    """The whole model: applications, people, findings and figures (schema_version 1)."""
    from jobnotes.interop.export_json import export_json as make_json

    loaded = _load(vault, today, "export json")
    text = json.dumps(make_json(loaded, body=not no_body), indent=2, ensure_ascii=False)
    _emit(text + "\n", output, loaded, "the notes as JSON", ".json")


@export.command("ics")
@vault_argument
@today_option
@output_option
def export_ics(vault: Path | None, today: date | None, output: Path | None) -> None:
    """Reminders as all-day calendar events; exporting again updates, never duplicates."""
    from jobnotes.interop.export_ics import export_ics as make_ics

    loaded = _load(vault, today, "export ics")
    _emit(make_ics(loaded), output, loaded, "the reminders calendar", ".ics")


@export.command("report")
@vault_argument
@today_option
@output_option
@click.option("--from", "start", type=DATE, default=None,
              help="Only applications sent on or after this date (YYYY-MM-DD).")
@click.option("--to", "end", type=DATE, default=None,
              help="Only applications sent on or before this date (YYYY-MM-DD).")
def export_report(vault: Path | None, today: date | None, output: Path | None,
                  start: date | None, end: date | None) -> None:
    """A printable HTML list of applications with dates and outcomes.

    Open it in a browser and print it (or save it as PDF), e.g. as proof of
    applications for a job centre.
    """
    from jobnotes.interop.report import render_report

    loaded = _load(vault, today, "export report")
    _emit(render_report(loaded, start=start, end=end), output, loaded, "the report",
          ".html")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--vault", "vault", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="The vault (default: the nearest one from here).")
@today_option
@click.option("--write", is_flag=True, help="Create the notes (without it: only a preview).")
@click.option("--dayfirst/--monthfirst", default=None,
              help="How to read dates like 05/03/2026 when the file does not settle it.")
def import_(file: Path, vault: Path | None, today: date | None, write: bool,
            dayfirst: bool | None) -> None:
    """Create application notes from a spreadsheet saved as CSV.

    Shows what it would create and what it could not map; writes only with --write,
    and never overwrites a note.
    """
    from jobnotes.interop.importer import plan_import, preview_text, write_import

    root = _vault_root(vault)
    require_vault(root, "import FILE --vault")     # never notes written into the wrong folder
    plan = plan_import(root, file, today=_today(today), dayfirst=dayfirst)
    if not write:
        say(preview_text(plan))
        return
    created, late = write_import(plan)
    plan.skipped += late
    say(preview_text(plan, written=created))


@click.command("schema", short_help="Print a JSON Schema of the front matter.")
@vault_argument
@click.option("--note", type=click.Choice(["application", "person"]), default=None,
              help="Print the schema of one kind of note only.")
@click.option("--obsidian-types", is_flag=True,
              help="Print property types for .obsidian/types.json instead (merge them in "
              "yourself; jobnotes never writes there).")
def schema(vault: Path | None, note: str | None, obsidian_types: bool) -> None:
    """Print a JSON Schema of the front matter, for editors that check YAML."""
    from jobnotes.interop.jsonschema import frontmatter_schema
    from jobnotes.interop.jsonschema import obsidian_types as types
    from jobnotes.settings import load_settings

    if obsidian_types:
        click.echo(json.dumps(types(), indent=2))
        return
    settings, _ = load_settings(_vault_root(vault), skill_checks=False)
    click.echo(json.dumps(frontmatter_schema(settings, note), indent=2, ensure_ascii=False))
