"""``import FILE.csv``: application notes from a spreadsheet, previewed before written.

``plan_import`` reads the CSV and decides, row by row, the note it would create or why
the row is skipped; nothing is written. ``write_import`` then creates the notes with
exclusive creation, so an existing note is never overwritten.

Decisions, all shown in the preview:
- a row for an application already tracked in the vault, or on an earlier row, is
  skipped, naming the note (or line) it repeats; re-importing the same file therefore
  creates only what is missing. The rule is ``jobnotes check``'s (see
  ``crosscheck.reapplication``): a row for the same company and role that went out
  after the tracked application ended (rejected, ghosted, withdrawn, declined) is
  applying again: a new note (``-2``), flagged in the preview. A row whose note file
  already exists for another note is skipped too;
- a status whose stage date the row does not give (Rejected without a rejection date,
  Interviewing without an interview date, ...) is kept, and the preview says the date
  is missing, as ``check`` will; a status past wishlist with no date applied is
  imported as wishlist (``applied`` is required once applied), and the note says so;
- an unknown or missing source becomes channel ``other`` (a channel is needed once
  applied);
- every note is checked with the rules of ``jobnotes check`` before anything is
  written; a row whose note would still have an error (a date after today, dates out
  of order) is skipped with the reason, so an import never leaves a broken note.
Values that could not be mapped and columns that were not recognised are kept as text
in the note's ``## Notes`` section, never lost.

Reading the rows is ``import_rows``'s job; mapping cell values, ``import_fields``'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jobnotes.create import InitResult, one_line, person_file_name, slugify, write_once
from jobnotes.create_templates import note_template, render_note, set_key, yaml_text
from jobnotes.crosscheck import age, applies_again, reapplication, stage_label
from jobnotes.errors import UsageError
from jobnotes.frontmatter import parse_note
from jobnotes.interop.import_fields import (
    cell_channel,
    cell_date,
    cell_excitement,
    cell_items,
    cell_url,
    supported_status,
)
from jobnotes.interop.import_rows import DATE_FIELDS as DATE_FIELDS
from jobnotes.interop.import_rows import Row, read_dayfirst, read_rows
from jobnotes.interop.table import Table, read_table
from jobnotes.interop.values import map_status, map_type
from jobnotes.load import load_vault
from jobnotes.model import Application
from jobnotes.schema import validate_application
from jobnotes.settings import Settings

TEXT_FIELDS = ("location", "salary", "resume", "next_action")
_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}
_NOTES_HEADING = re.compile(r"^##[ \t]+notes[ \t#]*$", re.I | re.M)
_JD_HEADING = re.compile(r"^##[ \t]+job description[ \t#]*$", re.I | re.M)


@dataclass(slots=True)
class PlannedNote:
    line: int                  # CSV line where the row starts
    rel: str                   # "applications/acme-data-analyst.md"
    text: str
    company: str
    role: str
    status: str
    applied: date | None
    channel: str | None
    changes: list[str] = field(default_factory=list)    # what to check, for the user
    app: Application | None = None                      # the note as check reads it


@dataclass(slots=True)
class SkippedRow:
    line: int
    reason: str


@dataclass(slots=True)
class ImportPlan:
    source: Path
    root: Path
    folder: str                # the applications folder, vault-relative
    table: Table
    dates: str                 # how day/month dates were read, for the preview
    notes: list[PlannedNote] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)


@dataclass(slots=True)
class _Context:
    settings: Settings
    today: date
    dayfirst: bool | None
    template: str
    origin: str
    source: str


# --- the plan ----------------------------------------------------------------------------------

def plan_import(root: Path, source: Path, *, today: date,
                dayfirst: bool | None = None) -> ImportPlan:
    """What importing ``source`` into the vault at ``root`` would create; writes nothing."""
    vault = load_vault(root, today=today)
    settings = vault.settings
    table = read_table(source)
    fields = table.fields()
    missing = [name for name in ("company", "role") if name not in fields]
    if missing:
        headers = ", ".join(c.header for c in table.columns) or "none"
        raise UsageError(
            f"{source.name}: no column for {' and '.join(missing)} (the headers are: "
            f"{headers}). Name them e.g. Company and Position (or Title, Role).")
    rows = read_rows(table)
    asked, how = read_dayfirst(rows, dayfirst, source.name)
    template, origin = note_template(root, settings, "application.md")
    ctx = _Context(settings, today, asked, template, origin, source.name)
    plan = ImportPlan(source, root, settings.folders.applications, table, how)
    plan.skipped += [SkippedRow(line, "blank row") for line in table.blank_lines]

    folder = root / settings.folders.applications
    existing = {p.name.casefold() for p in folder.iterdir()} if folder.is_dir() else set()
    # Company and role -> the applications tracked: (the note, where it is: a path, or
    # "line N" of this file for a row planned above).
    tracked: dict[tuple[str, str], list[tuple[Application, str]]] = {}
    for app in vault.applications:
        tracked.setdefault((_fold(app.company), _fold(app.role)), []).append((app, app.rel))
    taken: set[str] = set()
    for row in rows:
        company = one_line(row.values.get("company"))
        role = one_line(row.values.get("role"))
        if not company or not role:
            absent = " and ".join(n for n, v in (("company", company), ("role", role)) if not v)
            plan.skipped.append(SkippedRow(row.line, f"no {absent}"))
            continue
        key = (_fold(company), _fold(role))
        base = slugify(f"{company} {role}")
        if key not in tracked and f"{base}.md".casefold() in existing:
            plan.skipped.append(SkippedRow(
                row.line, f"{plan.folder}/{base}.md already exists; it was left untouched"))
            continue
        stem, number = base, 1
        while f"{stem}.md".casefold() in taken or f"{stem}.md".casefold() in existing:
            number += 1
            stem = f"{base}-{number}"
        note = _plan_row(row, company, role, stem, plan.folder, ctx)
        if isinstance(note, SkippedRow):
            plan.skipped.append(note)
            continue
        known = tracked.get(key, [])
        repeat = _repeats(note, known)
        if repeat is not None:
            plan.skipped.append(SkippedRow(row.line, _repeat_reason(note, *repeat)))
            continue
        if known and note.app is not None:
            note.changes.append(_again_change(note.app, known))
        tracked.setdefault(key, []).append((note.app or _stub(note), f"line {row.line}"))
        taken.add(f"{stem}.md".casefold())
        plan.notes.append(note)
    plan.skipped.sort(key=lambda s: s.line)
    return plan


def _stub(note: PlannedNote) -> Application:
    return Application(rel=note.rel, slug="", stem="", company=note.company, role=note.role,
                       status=note.status, applied=note.applied)


def _repeats(note: PlannedNote, known: list[tuple[Application, str]]
             ) -> tuple[Application, str] | None:
    """The tracked application ``note`` is a second record of (``check`` would call the
    two a duplicate), preferring one applied for on the same day; None when it is new."""
    app = note.app or _stub(note)
    same = [(other, where) for other, where in known if not reapplication(other, app)]
    if not same:
        return None
    exact = [pair for pair in same if pair[0].applied == app.applied]
    return min(exact or same, key=lambda pair: age(pair[0]))


def _repeat_reason(note: PlannedNote, other: Application, where: str) -> str:
    if where.startswith("line "):
        if other.applied == note.applied:
            return f"same company, role and date applied as {where}"
        return (f"repeats {where} ({other.title}, {stage_label(other)}): one application is "
                f"imported once; if that one ended before this went out, give {where} its "
                "status and date")
    return f"{note.company} — {note.role} is already tracked in {where} ({stage_label(other)})"


def _again_change(app: Application, known: list[tuple[Application, str]]) -> str:
    """The preview line of a row that applies again (or, for an older row, before)."""
    later = all(applies_again(other, app) for other, _ in known)
    other, where = max(known, key=lambda pair: age(pair[0]))
    if later:
        return (f"{app.title} is also tracked in {where} ({stage_label(other)}): applied "
                "again, imported as a new application")
    return (f"{app.title} is also tracked in {where} ({stage_label(other)}), which went out "
            "after this one ended: imported as an earlier application")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _plan_row(row: Row, company: str, role: str, stem: str, folder: str,
              ctx: _Context) -> PlannedNote | SkippedRow:
    values = row.values
    changes: list[str] = []
    kept: list[str] = []       # text for ## Notes: what could not be mapped
    dates = {key: cell_date(values.get(key), key, ctx.dayfirst, changes, kept)
             for key in DATE_FIELDS}
    interviews = sorted(day for text in row.interviews
                        if (day := cell_date(text, "interview", ctx.dayfirst, changes, kept)))
    raw_status = values.get("status", "")
    status = map_status(raw_status) if raw_status else None
    if status is None:
        status = "applied" if dates["applied"] else "wishlist"
        if raw_status:
            changes.append(f'status "{raw_status}" not recognised; imported as {status}')
            kept.append(f"Status in the spreadsheet: {raw_status}")
    else:
        status = supported_status(status, raw_status, dates, interviews, changes, kept)
    job_type = map_type(values["type"]) if values.get("type") else None
    if values.get("type") and job_type is None:
        changes.append(f'type "{values["type"]}" not recognised; left out')
        kept.append(f"Type in the spreadsheet: {values['type']}")
    channel = cell_channel(values.get("channel"), status, job_type, ctx.settings, changes, kept)
    excitement = cell_excitement(values.get("excitement"), changes, kept)

    keys: dict[str, str | date | None] = {"company": company, "role": role, "status": status,
                                          "channel": channel, **dates}
    if job_type:
        keys["type"] = job_type
    if values.get("url"):
        keys["url"] = cell_url(values["url"])
    for key in TEXT_FIELDS:
        if values.get(key):
            keys[key] = one_line(values[key])
    raw_lines = {
        "interviews": _block([day.isoformat() for day in interviews]),
        "contacts": _block([yaml_text(f"[[{n}]]") for n in cell_items(values.get("contacts"))
                            if person_file_name(n)]),
        "skills": _block([yaml_text(s) for s in cell_items(values.get("skills"))]),
        "tags": _block([yaml_text(t) for t in cell_items(values.get("tags"))]),
        "excitement": [str(excitement)] if excitement else [],
    }
    notes = [f"Imported from {ctx.source} (line {row.line}) on {ctx.today.isoformat()}."]
    notes += [f"To check: {change}." for change in changes]
    if values.get("notes"):
        notes.append(values["notes"])
    notes += kept + [f"{header}: {value}" for header, value in row.extra]

    rel = f"{folder}/{stem}.md"
    text = render_note(ctx.template, ctx.origin, {**keys, "date": ctx.today, "title": stem}, keys)
    text = _add_notes(_set_raw(text, raw_lines), notes)
    if values.get("job_description"):
        text = _add_job_description(text, values["job_description"])
    parsed = parse_note(rel, text)
    app, found = validate_application(rel, stem, parsed, ctx.settings, ctx.today)
    found = [*parsed.diagnostics, *found]
    errors = [d.message for d in found if d.is_error]
    if errors:
        return SkippedRow(row.line, "the note would have errors: " + "; ".join(errors))
    # The missing stage date of the status is already said above, with what to add.
    gap = f"status is {status} but no "
    changes += [f"jobnotes check will say: {d.message}" for d in found
                if not d.is_error and not d.message.startswith(gap)]
    return PlannedNote(row.line, rel, text, company, role, status, dates["applied"], channel,
                       changes, app)


# --- the note text ------------------------------------------------------------------------------

def _block(items: list[str]) -> list[str]:
    return ["", *(f"  - {item}" for item in items)] if items else []


def _set_raw(text: str, raw: dict[str, list[str]]) -> str:
    """Set front matter keys to values written as given: ``{"k": ["", "  - a"]}`` gives
    ``k:`` then ``  - a``; ``{"k": ["4"]}`` gives ``k: 4``. Empty lists change nothing."""
    lines = text.split("\n")
    close = lines.index("---", 1)
    front = lines[1:close]
    for key, value in raw.items():
        if not value:
            continue
        set_key(front, key, None)
        at = front.index(f"{key}:")
        front[at:at + 1] = [f"{key}: {value[0]}".rstrip(), *value[1:]]
    return "\n".join(["---", *front, *lines[close:]])


def _add_notes(text: str, notes: list[str]) -> str:
    """Put ``notes`` as list items at the top of the body's ``## Notes`` (added if absent)."""
    items = []
    for note in notes:
        first, *rest = note.strip().splitlines() or [""]
        items.append(f"- {first}")
        items += [f"  {line}" if line.strip() else "" for line in rest]
    block = "\n".join(items) + "\n"
    end = text.index("\n---\n", 3) + 5
    body = text[end:]
    match = _NOTES_HEADING.search(body)
    if match is None:
        body = body.rstrip("\n") + ("\n\n" if body.strip() else "\n") + "## Notes\n\n" + block
    else:
        at = match.end() + 1
        body = body[:at] + "\n" + block + body[at:]
    return text[:end] + body


def _add_job_description(text: str, description: str) -> str:
    """Put the description under the body's ``## Job description`` (added before
    ``## Notes`` if absent), where the skills of the job are read from."""
    block = description.strip().replace("\r\n", "\n") + "\n"
    end = text.index("\n---\n", 3) + 5
    body = text[end:]
    match = _JD_HEADING.search(body)
    if match is not None:
        at = match.end() + 1
        body = body[:at] + "\n" + block + body[at:]
    else:
        notes = _NOTES_HEADING.search(body)
        at = notes.start() if notes is not None else len(body)
        section = "## Job description\n\n" + block + "\n"
        body = body[:at] + section + body[at:] if notes is not None else (
            body.rstrip("\n") + ("\n\n" if body.strip() else "\n") + section)
    return text[:end] + body


# --- writing and the preview --------------------------------------------------------------------

def write_import(plan: ImportPlan) -> tuple[list[Path], list[SkippedRow]]:
    """Create the planned notes; a file that appeared meanwhile is skipped, never replaced."""
    result = InitResult()
    created: list[Path] = []
    late: list[SkippedRow] = []
    for note in plan.notes:
        path = plan.root / note.rel
        write_once(path, note.text, result)
        if result.skipped and result.skipped[-1] == path:
            late.append(SkippedRow(note.line, f"{note.rel} appeared meanwhile; left untouched"))
        else:
            created.append(path)
    return created, late


def preview_text(plan: ImportPlan, *, written: list[Path] | None = None) -> str:
    """The preview (or, after writing, the summary) as lines of text for the terminal."""
    table = plan.table
    out = [f"{table.name}: {table.encoding}, {_DELIMITERS[table.delimiter]}-separated, "
           f"{_count(len(table.rows), 'row')} after the header on line {table.header_line}."]
    out += [f"Note: {note}" for note in table.notes]
    out.append("Columns:")
    for column in table.columns:
        if column.field == "-":
            out.append(f"  {column.header} -> ignored ({column.why})")
        elif column.field:
            out.append(f"  {column.header} -> {column.field}")
        elif column.why:
            out.append(f"  {column.header} -> kept in ## Notes ({column.why})")
        elif column.header.strip():
            out.append(f"  {column.header} -> not recognised; kept in each note's ## Notes")
    out.append(f"Dates: {plan.dates}.")
    verb = "Created" if written is not None else "Would create"
    out.append("")
    made = len(plan.notes) if written is None else len(written)
    out.append(f"{verb} {_count(made, 'note')} in {plan.folder}/" + (":" if made else "."))
    if made:
        width = max(len(n.rel) for n in plan.notes) - len(plan.folder) - 1
        out.append(f"  {'line':>5}  {'note':<{width}}  {'status':<12}  {'applied':<10}  channel")
        for n in plan.notes:
            name = n.rel[len(plan.folder) + 1:]
            applied = n.applied.isoformat() if n.applied else "-"
            out.append(f"  {n.line:>5}  {name:<{width}}  {n.status:<12}  {applied:<10}  "
                       f"{n.channel or '-'}")
    checks = [(n.line, change) for n in plan.notes for change in n.changes]
    if checks:
        out.append("")
        out.append(f"To check ({len(checks)}):")
        out += [f"  line {line}: {change}" for line, change in checks]
    if plan.skipped:
        out.append("")
        out.append(f"Skipped {_count(len(plan.skipped), 'row')}:")
        out += [f"  line {s.line}: {s.reason}" for s in plan.skipped]
    out.append("")
    if written is None:
        out.append("Nothing was written. Run again with --write to create these notes."
                   if plan.notes else "Nothing to create.")
    return "\n".join(out)


def _count(number: int, thing: str) -> str:
    """"1 note", "2 notes", "no notes"."""
    if number == 0:
        return f"no {thing}s"
    return f"{number} {thing}" + ("" if number == 1 else "s")
