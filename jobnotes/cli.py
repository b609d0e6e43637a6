"""The command line: options in, one library call, an exit code out.

Heavy modules are imported inside each command so ``--help`` and ``check``
start fast.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import click

from jobnotes import __version__
from jobnotes.cli_common import (  # noqa: F401 - re-exported for sub-command modules
    DATE,
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    _today,
    _vault_root,
    require_vault,
    say,
    today_option,
    vault_argument,
)
from jobnotes.field_values import STATUSES


class JobnotesGroup(click.Group):
    """Turns library errors into clean messages: no traceback ever reaches the user."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands: dict[str, tuple[str, str]] = {}     # name -> (module, attribute)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            import importlib

            module, attribute = self.lazy_commands[cmd_name]
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        from jobnotes.errors import BuildError, JobnotesError, UsageError

        try:
            return super().invoke(ctx)
        except UsageError as exc:
            say(f"Error: {exc}", err=True, visible=True)
            ctx.exit(EXIT_USAGE)
        except (BuildError, JobnotesError) as exc:
            say(f"Error: {exc}", err=True, visible=True)
            ctx.exit(EXIT_FINDINGS)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            _quiet_stdout()     # the reader stopped (`| head`): nothing more to say
            ctx.exit(EXIT_BROKEN_PIPE)
        except Exception as exc:  # noqa: BLE001 - last line of defence
            say(
                f"Error: jobnotes hit an unexpected problem ({type(exc).__name__}: {exc}). "
                "Your notes were not changed. Please report this with the command you ran.",
                err=True, visible=True,
            )
            ctx.exit(EXIT_FINDINGS)


EXIT_BROKEN_PIPE = 141      # as a shell reports a command stopped by SIGPIPE


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit does not fail again."""
    import contextlib
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@click.group(cls=JobnotesGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="jobnotes")
def main() -> None:
    """Turn a folder of Markdown job-application notes into a dashboard site.

    VAULT defaults to the nearest folder (this one or a parent) holding
    jobnotes.toml, else the current folder.

    \b
    First day:
      jobnotes init my-search && cd my-search
      jobnotes new COMPANY ROLE      (one note per application)
      jobnotes serve                 (the dashboard in your browser)
    """


@main.command()
@vault_argument
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text",
              show_default=True, help="Output format: text for people, json for tools, "
              "github for CI annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too, not only errors.")
def check(vault: Path | None, today: date | None, fmt: str, strict: bool) -> None:
    """Validate every note and print all findings at once.

    Exit 0 when clean, 1 when there are errors (or warnings with --strict),
    2 on a usage error. Usable as a git pre-commit hook.
    """
    from jobnotes import diagnostics as diag
    from jobnotes.check import check_vault
    from jobnotes.terminal_text import json_for_terminal

    root = _vault_root(vault)
    findings, checked = check_vault(root, today=_today(today))
    if fmt == "json":
        click.echo(json_for_terminal(diag.render_json(findings, checked)))
    elif fmt == "github":
        prefix = _github_prefix(root)
        if findings:
            say(diag.render_github(findings, prefix), visible=True)
        click.echo(diag.summary_line(findings, checked))
    else:
        if findings:
            say(diag.render_text(findings), visible=True)
        click.echo(diag.summary_line(findings, checked))
    sys.exit(_exit_code(findings, strict))


def _github_prefix(root: Path) -> str:
    """Paths in annotations are relative to the repository, not the vault."""
    try:
        rel = root.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return ""
    return "" if str(rel) == "." else f"{rel.as_posix()}/"


def _exit_code(findings: list, strict: bool) -> int:
    from jobnotes.diagnostics import Severity

    if any(d.severity is Severity.ERROR for d in findings):
        return EXIT_FINDINGS
    if strict and any(d.severity is Severity.WARNING for d in findings):
        return EXIT_FINDINGS
    return EXIT_OK


@main.command()
@vault_argument
@click.option("-o", "--output", type=click.Path(allow_dash=True), default=None,
              help="Output folder (default: _site inside the vault). Never the notes, "
              "templates or .obsidian folders.")
@today_option
@click.option("--strict", is_flag=True,
              help="Refuse to build (exit 1) when any note has an error or warning.")
@click.option("--force", is_flag=True,
              help="Use an existing non-empty output folder that jobnotes did not create "
              "(it is moved aside, never deleted).")
@click.option("--redact", is_flag=True,
              help="Build a copy to share: contact names, emails, phone numbers, salaries and "
              "private sections removed, figures kept. Needs -o FOLDER, not your own site "
              "folder.")
@click.option("--no-cache", is_flag=True,
              help="Read and render everything again, without the build cache "
              "(also: JOBNOTES_CACHE=off).")
def build(vault: Path | None, output: str | None, today: date | None, strict: bool,
          force: bool, redact: bool, no_cache: bool) -> None:
    """Build the dashboard site from the notes.

    Notes with errors are reported and left out; the rest of the site is built.
    The previous site stays in place if the build fails.
    """
    from jobnotes import diagnostics as diag
    from jobnotes.build import build_vault
    from jobnotes.cli_progress import progress_bar
    from jobnotes.errors import UsageError
    from jobnotes.git_hint import untracked_site_tip
    from jobnotes.site.own_files import names

    if output == "-":
        raise UsageError("-o - would send the site to the terminal, but a site is a folder "
                         "of pages; give a folder, for example -o shared-site.")
    out = None if output is None else Path(output)
    root = _vault_root(vault)
    require_vault(root, "build")      # never a site written into the wrong folder
    if redact:
        _check_redacted_output(root, out)
    with progress_bar() as progress:
        result = build_vault(root, out, today=_today(today), force=force, strict=strict,
                             redact=redact, use_cache=False if no_cache else None,
                             progress=progress)
    findings = result.findings
    if result.refused:
        say(diag.render_text(findings), err=True, visible=True)
        click.echo(diag.summary_line(findings, result.files_checked), err=True)
        click.echo("Error: --strict: not building while there are findings.", err=True)
        sys.exit(EXIT_FINDINGS)
    _report_build_findings(findings, result.files_checked)
    if result.aside_reason and result.moved_aside is not None:
        say(f"{result.aside_reason} {result.moved_aside}.", visible=True)
    elif result.moved_aside is not None:
        click.echo(f"The folder that was at {result.out} was moved to {result.moved_aside}.")
    if result.yours:
        say(f"Kept {names(result.yours)} you put in {result.out}.", visible=True)
    click.echo(f"Built {result.pages} pages into {result.out}")
    click.echo(f"Open {(result.out / 'index.html').resolve().as_uri()}")
    if not redact and (tip := untracked_site_tip(root, result.out)):
        click.echo(tip)


def _check_redacted_output(root: Path, out: Path | None) -> None:
    """The shared copy (--redact) needs a folder of its own: never the vault's own site
    folder (folders.output), nor a folder that holds it or lies inside it."""
    from jobnotes.errors import UsageError
    from jobnotes.settings import load_settings, overlaps

    if out is None:
        raise UsageError("--redact needs an output folder (-o FOLDER), so the shared copy "
                         "never replaces your own site.")
    own = load_settings(root, skill_checks=False)[0].folders.output
    if overlaps(out.resolve().as_posix(), (root / own).resolve().as_posix()):
        raise UsageError(
            f"--redact -o {out} would put the shared copy over your own site folder "
            f"{own}/ (folders.output); the shared copy never replaces your own site. "
            f"Choose a folder of its own, for example -o {root / '_shared'}.")


def _report_build_findings(findings: list, files_checked: int) -> None:
    """Errors and warnings in full; informational hints only counted (check lists them)."""
    from jobnotes import diagnostics as diag

    serious = [d for d in findings if d.severity is not diag.Severity.INFO]
    if serious:
        say(diag.render_text(serious), err=True, visible=True)
    if findings:
        click.echo(diag.summary_line(findings, files_checked), err=True)
    hints = len(findings) - len(serious)
    if hints:
        click.echo(f"{hints} informational hint{'s' if hints != 1 else ''} not shown: "
                   "run jobnotes check to list them.", err=True)


@main.command()
@click.argument("directory", required=False, default=".",
                type=click.Path(file_okay=False, path_type=Path))
def init(directory: Path) -> None:
    """Lay out a new vault in DIRECTORY (default: here). Never overwrites a file."""
    from jobnotes.create import init_vault

    result = init_vault(directory)
    for path in result.created:
        click.echo(f"created  {path}")
    for path in result.skipped:
        click.echo(f"kept     {path} (already there)")
    for line in result.notes:
        click.echo(f"Note: {line}.")
    click.echo(f"Vault ready in {directory.resolve()}.")
    click.echo(_next_after_init(directory))


def _next_after_init(directory: Path) -> str:
    """The next commands, from where the user is: ``cd`` into the new vault first unless it
    is here or above (``find_vault_root`` looks upwards, never into a sub-folder)."""
    from jobnotes.cli_common import shell_path

    here = Path.cwd().resolve()
    target = directory.resolve()
    found_from_here = target == here or target in here.parents
    go = "" if found_from_here else f"cd {shell_path(target)}, then "
    return (f"Next: {go}jobnotes new COMPANY ROLE for each application, and jobnotes serve "
            "to see the dashboard. List your own skills in jobnotes.toml ([skills] have) for "
            "match scores.")


@main.command(short_help="Create an application note, or a person note.")
@click.argument("company", required=False)
@click.argument("role", required=False)
@click.option("--person", metavar="NAME", help="Create a person note instead.")
@click.option("--channel", help="How the application went out (job-board, referral, ...).")
@click.option("--url", help="The job posting's address.")
@click.option("--status", default="applied", show_default=True, metavar="STATUS",
              help=f"Status of the new application: {', '.join(STATUSES)}.")
@click.option("--again", is_flag=True,
              help="Applying again to a role you already have a note for: write a second "
                   "note (COMPANY-ROLE-2.md) instead of refusing.")
@click.option("--company", "person_company", metavar="COMPANY", default=None, hidden=True)
@click.option("--met", metavar="DATE", default=None,
              help="With --person: the day you met (YYYY-MM-DD, or 'today'). Left empty "
                   "without it, so an old contact gets no thank-you or connection reminder.")
@click.option("--vault", "vault", type=click.Path(file_okay=False, path_type=Path),
              default=None, help="The vault (default: the nearest one from here).")
@today_option
def new(company: str | None, role: str | None, person: str | None, channel: str | None,
        url: str | None, status: str, again: bool, person_company: str | None,
        met: str | None, vault: Path | None, today: date | None) -> None:
    """Create a note: `new COMPANY ROLE` or `new --person NAME [--met DATE]`. Never
    overwrites: a note that is already there is refused (for an application, unless
    --again)."""
    from jobnotes.create import new_application, new_person
    from jobnotes.errors import UsageError
    from jobnotes.settings import load_settings

    root = _vault_root(vault)
    # As `today` and the others: a folder that is not a vault is refused, not filled.
    require_vault(root, "new --person NAME --vault" if person is not None
                  else "new COMPANY ROLE --vault")
    settings, problems = load_settings(root)
    _warn_settings(problems)
    notices: list[str] = []
    if met is not None and person is None:
        raise UsageError("--met goes with --person NAME: it is the day you met that person.")
    if person is not None:
        if company or role:
            raise UsageError("give either COMPANY ROLE or --person NAME, not both.")
        if again:
            raise UsageError("--again goes with COMPANY ROLE (a second application to the "
                             "same role); a person has one note.")
        day, met_day = _today(today), None
        if met is not None and met.strip().casefold() == "today":
            met_day = day
        elif met is not None:
            ctx = click.get_current_context()
            option = next(p for p in ctx.command.params if p.name == "met")
            met_day = DATE.convert(met.strip(), option, ctx)
        path = new_person(root, settings, person, today=day, company=person_company,
                          met=met_day, notice=notices.append)
        edit = "Edit it (company, role, how you met)"
    else:
        if not company or not role:
            raise UsageError("give the company and the role, e.g. "
                             "jobnotes new \"Acme\" \"Data Analyst\" (or --person NAME).")
        path = new_application(root, settings, company, role, today=_today(today),
                               channel=channel, url=url, status=status, again=again,
                               notice=notices.append)
        edit = "Edit it (dates, channel, the job description)"
    say(f"created  {path}")
    for line in notices:
        say(line)
    say(f"{edit}, then run {_serve_command(root)} to see it.")


def _serve_command(root: Path) -> str:
    """``jobnotes serve``, with the vault's path when it is not the one found from here."""
    from jobnotes.cli_common import shell_path

    try:
        if _vault_root(None).resolve() == root.resolve():
            return "jobnotes serve"
    except OSError:         # the current folder is gone: name the vault
        pass
    return f"jobnotes serve {shell_path(root)}"


def _warn_settings(problems: list) -> None:
    """Settings findings, as warnings: ``new`` goes on with the defaults they fall back to."""
    from dataclasses import replace

    from jobnotes.diagnostics import Severity

    for problem in problems:
        if problem.severity is not Severity.INFO:
            say(replace(problem, severity=Severity.WARNING).as_text(), err=True,
                visible=True)


@main.command()
@vault_argument
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Keep the default unless you know why.")
@click.option("--port", type=click.IntRange(0, 65535), default=None,
              help="Port (default 8000, or the next free one).")
@today_option
@click.option("--poll", is_flag=True,
              help="Poll for changes instead of file-system events (network drives, containers).")
@click.option("--open", "open_browser", is_flag=True, help="Open the dashboard in a browser.")
def serve(vault: Path | None, host: str, port: int | None, today: date | None, poll: bool,
          open_browser: bool) -> None:
    """Build, serve and watch: every save shows in the open browser.

    The site is kept in memory; nothing is written to disk.
    """
    from jobnotes.serve.session import run

    root = _vault_root(vault)
    require_vault(root, "serve")      # an empty site for the wrong folder helps nobody
    run(root, host=host, port=8000 if port is None else port,
        explicit_port=port is not None, today=today, poll=poll, open_browser=open_browser,
        echo=lambda line: say(line, visible=True))


def _register_commands() -> None:
    """Commands kept in their own modules, imported only when one of them runs (or help
    lists them): the others start without them."""
    for name, module, attribute in (("today", "jobnotes.cli_today", "today"),
                                    ("export", "jobnotes.cli_interop", "export"),
                                    ("import", "jobnotes.cli_interop", "import_"),
                                    ("schema", "jobnotes.cli_interop", "schema"),
                                    ("skills", "jobnotes.cli_skills", "skills")):
        main.lazy_commands[name] = (module, attribute)


_register_commands()


def run() -> None:
    """The ``jobnotes`` command (console script and ``python -m jobnotes``)."""
    from jobnotes.quick_exit import run_then_exit

    run_then_exit(main)
