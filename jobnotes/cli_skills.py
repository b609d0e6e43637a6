"""``jobnotes skills``: the skills a job description names, and the match, in the
terminal (text) or for tools (JSON)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from jobnotes.cli_common import _today, _vault_root, require_vault, say, today_option
from jobnotes.terminal_text import json_for_terminal

if TYPE_CHECKING:
    from jobnotes.jd.match import JobSkill, Match, Payoff
    from jobnotes.jd.prep import PrepPanel
    from jobnotes.model import Application, Vault


# Why no application has a score before the user lists their own skills.
YOURS_UNKNOWN = "list your own skills in jobnotes.toml ([skills] have = [...]) to get one"


@click.command()
@click.argument("vault", required=False, type=click.Path(path_type=Path))
@click.argument("note", required=False)
@today_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format: text for people, json for tools.")
def skills(vault: Path | None, note: str | None, today: date | None, fmt: str) -> None:
    """Show the skills each job description names and how well you match.

    With NOTE (a path or a file name without .md), one application in detail,
    with its interview prep when an interview is coming up; without, every
    application by match score, and whether better matches get further.
    A single argument that is not a folder is taken as NOTE.
    """
    from jobnotes.jd.match import match_all, match_application, match_payoff
    from jobnotes.jd.prep import prep_panel
    from jobnotes.jd.vocabulary import vocabulary_for
    from jobnotes.load import load_cached

    if vault is not None and note is None and not vault.is_dir():
        vault, note = None, str(vault)
    root = _note_vault(vault, note)
    require_vault(root, "skills")
    day = _today(today)
    loaded = load_cached(root, today=day)
    vocab = vocabulary_for(loaded.applications, loaded.settings)
    if note is not None:
        app = find_note(loaded, note)
        match = match_application(app, vocab, loaded.settings)
        panel = prep_panel(app, loaded.applications, loaded.settings, day, vocab)
        if fmt == "json":
            data = {"today": day.isoformat(), "optional_weight": _weight(),
                    "match": match.as_dict(), "prep": panel.as_dict() if panel else None}
            click.echo(json_for_terminal(json.dumps(data, indent=2, ensure_ascii=False)))
        else:
            say(render_note(match, panel), tabs=False)
    else:
        matches = match_all(loaded.applications, loaded.settings, vocab)
        matches.sort(key=_by_score)
        payoff = match_payoff(loaded.applications, loaded.settings, day, matches=matches)
        if fmt == "json":
            data = {"today": day.isoformat(), "optional_weight": _weight(),
                    "applications": [m.as_dict() for m in matches],
                    "payoff": payoff.as_dict()}
            click.echo(json_for_terminal(json.dumps(data, indent=2, ensure_ascii=False)))
        else:
            say(render_all(matches, payoff), tabs=False)
    _warn_left_out(loaded)


def _weight() -> float:
    from jobnotes.jd.match import OPTIONAL_WEIGHT

    return OPTIONAL_WEIGHT


def _by_score(match: Match) -> tuple[int, str, str]:
    return (-(match.percent if match.percent is not None else -1), match.title.casefold(),
            match.rel)


def _note_vault(vault: Path | None, note: str | None) -> Path:
    """The vault: given, else the one holding NOTE's file, else the nearest one."""
    from jobnotes.settings import SETTINGS_FILE

    if vault is not None or note is None:
        return _vault_root(vault)
    path = Path(note).expanduser()
    if not path.is_file():
        return _vault_root(None)
    path = path.resolve()
    for folder in path.parents:
        if (folder / SETTINGS_FILE).is_file():
            return folder
    root = _vault_root(None)
    if root in path.parents:
        return root
    return path.parent.parent if path.parent.name == "applications" else path.parent


def find_note(loaded: Vault, note: str) -> Application:
    """The application NOTE names: a path (from here or from the vault), a file name
    with or without .md, or a page name (slug)."""
    from jobnotes.errors import UsageError
    from jobnotes.suggest import did_you_mean

    wanted = note.replace("\\", "/").strip()
    path = Path(note).expanduser()
    rels = {wanted}
    root = loaded.root.resolve()
    if path.exists() and path.resolve().is_relative_to(root):
        rels.add(path.resolve().relative_to(root).as_posix())
    stem = Path(wanted).name.removesuffix(".md").casefold()
    for app in loaded.applications:
        if app.rel in rels:
            return app
    for app in loaded.applications:
        if stem in (app.stem.casefold(), app.slug):
            return app
    broken = _broken_note(loaded, rels, stem)
    if broken is not None:
        raise UsageError(f"the application note {broken} has errors, so it cannot be shown; "
                         "run `jobnotes check` to see them and fix the note.")
    prefixed = [a for a in loaded.applications if a.stem.casefold().startswith(stem)]
    if len(prefixed) == 1:
        return prefixed[0]
    stems = sorted(a.stem for a in loaded.applications)
    if prefixed:
        hint = " It could be " + ", ".join(sorted(a.stem for a in prefixed)) + "."
    else:
        guess = did_you_mean(stem, stems) or did_you_mean(
            stem, {s[:len(stem) + 2]: s for s in stems})
        if guess is not None and guess not in stems:
            guess = next(s for s in stems if s.startswith(guess))
        hint = f" Did you mean {guess}?" if guess else ""
    raise UsageError(f"no application note named {note} in {loaded.root}.{hint}")


def _broken_note(loaded: Vault, rels: set[str], stem: str) -> str | None:
    """The note NOTE names when it is one left out for its errors (by path or name)."""
    read = {a.rel for a in loaded.applications}
    broken = set(loaded.skipped) | {d.path for d in loaded.diagnostics if d.is_error}
    broken = {rel for rel in broken if rel.endswith(".md") and rel not in read}
    if found := sorted(rels & broken):
        return found[0]
    folder = loaded.settings.folders.applications.strip("/") + "/"
    named = sorted(rel for rel in broken if rel.startswith(folder)
                   and Path(rel).stem.casefold() == stem)
    return named[0] if named else None


def _warn_left_out(loaded: Vault) -> None:
    read = {a.rel for a in loaded.applications} | {p.rel for p in loaded.people}
    broken = {d.path for d in loaded.diagnostics
              if d.is_error and d.path.endswith(".md") and d.path not in read}
    if broken:
        count = len(broken)
        click.echo(f"{count} note{'s' if count != 1 else ''} with errors left out; "
                   "run `jobnotes check` to see them.", err=True)


# --- text --------------------------------------------------------------------------------

def _percent(match: Match) -> str:
    return f"{match.percent} %" if match.percent is not None else "—"


def _counts(match: Match) -> str:
    parts = [f"{match.required_have} of {len(match.required)} required"]
    if match.optional:
        parts.append(f"{match.optional_have} of {len(match.optional)} nice to have")
    return ", ".join(parts)


def _names(skills: tuple[JobSkill, ...]) -> str:
    return ", ".join(s.name + (" (learning)" if s.status == "learning" else "")
                     for s in skills)


def render_all(matches: list[Match], payoff: Payoff) -> str:
    """One line per application, best match first, then the bands."""
    if not matches:
        return "No application notes found."
    width = min(max(len(m.title) for m in matches), 48)
    lines = []
    for match in matches:
        title = match.title if len(match.title) <= width else match.title[:width - 1] + "…"
        if match.score is None:
            why = (YOURS_UNKNOWN if match.yours_unknown
                   else "no known skill in the job description" if match.has_description
                   else "no job description and no skills:")
            lines.append(f"{_percent(match):>5}  {title:<{width}}  {why}")
            continue
        line = f"{_percent(match):>5}  {title:<{width}}  {_counts(match)}"
        if match.missing:
            line += f"; missing: {_names(match.missing)}"
        lines.append(line)
    lines += _implied(matches)
    lines += ["", "Stage reached by match score (applications sent):"]
    if payoff.yours_unknown:
        lines.append(f"  No scores yet: {YOURS_UNKNOWN}.")
        return "\n".join(lines)
    for band in payoff.bands:
        n = band.applications
        if not n:
            lines.append(f"  {band.label:<11}  no applications")
            continue
        lines.append(f"  {band.label:<11}  {n:>3} sent   response {_rate(band.response, n)}"
                     f"   interview {_rate(band.interview, n)}   offer {_rate(band.offer, n)}")
    if payoff.unscored:
        lines.append(f"  {payoff.unscored} sent without any known skill are not counted.")
    lines.append(_formula())
    return "\n".join(lines)


def _implied(matches: list[Match]) -> list[str]:
    """The skills asked for that are yours through a more specific one, once each."""
    found: dict[str, JobSkill] = {}
    asked: dict[str, int] = {}
    for match in matches:
        for skill in match.skills:
            if skill.through:
                found.setdefault(skill.key, skill)
                asked[skill.key] = asked.get(skill.key, 0) + 1
    if not found:
        return []
    width = max(len(s.name) for s in found.values())
    rows = sorted(found.values(), key=lambda s: (-asked[s.key], s.name.casefold()))
    return ["", "Yours through a more specific skill (counted as yours):"] + [
        f"  {s.name:<{width}}  {s.reason}; asked by {asked[s.key]} "
        f"application{'s' if asked[s.key] != 1 else ''}" for s in rows]


def _rate(count: int, total: int) -> str:
    return f"{count} ({round(100 * count / total)} %)"


def _formula() -> str:
    from jobnotes.jd.match import OPTIONAL_WEIGHT

    return (f"Score: skills you have / skills asked for; a nice-to-have skill counts "
            f"{OPTIONAL_WEIGHT:g} of a required one.")


def _skill_line(skill: JobSkill) -> str:
    where = f"line {skill.line}" if skill.extracted else "only listed"
    listed = "" if not skill.extracted or skill.listed else "   not listed"
    through = f"   yours {skill.reason}" if skill.through else ""
    return f"  {skill.name:<28} {skill.status:<9} {where}{listed}{through}"


def render_note(match: Match, panel: PrepPanel | None) -> str:
    """One application in detail, with its interview prep when one is coming up."""
    lines = [match.title, match.rel]
    if match.score is None and match.yours_unknown:
        lines.append(f"No score: {YOURS_UNKNOWN}.")
    elif match.score is None:
        lines.append("No score: " + ("the job description names no known skill and "
                                     "skills: is empty." if match.has_description
                                     else "no job description and no skills:."))
    else:
        lines.append(f"Match: {_percent(match)} ({_counts(match)})")
    for heading, group in (("Required", match.required), ("Nice to have", match.optional)):
        if group:
            lines += ["", heading] + [_skill_line(s) for s in group]
    if match.missing:
        lines += ["", f"Missing: {_names(match.missing)}"]
    if panel is not None:
        lines += ["", *render_prep(panel)]
    lines += ["", _formula()]
    return "\n".join(lines)


def render_prep(panel: PrepPanel) -> list[str]:
    from jobnotes.analysis.reminder import day_label

    when = "today" if panel.days == 0 else (
        "tomorrow" if panel.days == 1 else f"in {panel.days} days")
    lines = [f"Interview prep: interview {panel.round} on {day_label(panel.interview)} "
             f"({when})"]
    lines.append("  Prepare a story for: " + (_names(panel.stories) or "nothing yet"))
    lines.append("  Prepare an answer for: " + (_names(panel.gaps) or "no gap"))
    if panel.themes:
        lines.append("  From earlier post-mortems:")
        for theme in panel.themes:
            noun = "note" if theme.count == 1 else "notes"
            lines.append(f"    #{theme.tag} ({theme.count} {noun})")
            lines += [f"      {n.rel}:{n.line}  {n.title}" for n in theme.notes]
    return lines
