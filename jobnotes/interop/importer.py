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
  already exists for another note is skipped too. A row skipped for a tracked note whose
  status the spreadsheet now gives differently says so (the note is not updated);
- rows written differently (``Acme Inc``, ``"Acme, Inc."``; see ``loose_key``) with the
  same date applied are one application, imported once; with another date, each is a
  note and the preview names the other line;
- summary rows under the data (``Total applications,3``) are skipped;
- a status whose stage date the row does not give (Rejected without a rejection date,
  Interviewing without an interview date, ...) is kept, and the preview says the date
  is missing, as ``check`` will; a status past wishlist with no date applied is
  imported as wishlist (``applied`` is required once applied), and the note says so.
  A missing or unrecognised status is the furthest stage the row's dates give;
- an unknown or missing source becomes channel ``other`` (a channel is needed once
  applied); a file without a source column has this said once, in the preview's header;
- a follow-up date without a next action gets the next action "Follow up";
- every note is checked with the rules of ``jobnotes check`` before anything is
  written; a row whose note would still have an error (a date after today, dates out
  of order) is skipped with the reason, so an import never leaves a broken note.
Values that could not be mapped and columns that were not recognised are kept as text
in the note's ``## Notes`` section, never lost.

Reading the rows is ``import_rows``'s job; mapping cell values, ``import_fields``'s;
the note's text, ``import_text``'s; the preview, ``import_preview``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from jobnotes.create import InitResult, one_line, person_file_name, slugify, write_once
from jobnotes.create_templates import note_template, render_note, yaml_text
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
from jobnotes.interop.import_preview import preview_text as preview_text
from jobnotes.interop.import_rows import DATE_FIELDS as DATE_FIELDS
from jobnotes.interop.import_rows import (
    Row,
    loose_key,
    read_dayfirst,
    read_rows,
    status_from_dates,
    summary_row,
)
from jobnotes.interop.import_text import add_job_description, add_notes, block, set_raw
from jobnotes.interop.table import Table, read_table
from jobnotes.interop.values import map_status, map_type
from jobnotes.load import load_vault
from jobnotes.model import STATUSES, Application
from jobnotes.schema import no_one_to_ask, validate_application
from jobnotes.settings import Settings

TEXT_FIELDS = ("location", "salary", "resume", "next_action")
FOLLOW_UP = "Follow up"     # the next action of a row that gives only its date


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
    people: str = "people"     # the people folder, vault-relative
    no_source_column: bool = False
    unknown_contacts: list[str] = field(default_factory=list)   # no note in people/ yet


@dataclass(slots=True)
class _Context:
    settings: Settings
    today: date
    dayfirst: bool | None
    template: str
    origin: str
    source: str
    no_source_column: bool = False


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
    ctx = _Context(settings, today, asked, template, origin, source.name,
                   "channel" not in fields)
    plan = ImportPlan(source, root, settings.folders.applications, table, how,
                      people=settings.folders.people, no_source_column=ctx.no_source_column)
    plan.skipped += [SkippedRow(line, "blank row") for line in table.blank_lines]

    folder = root / settings.folders.applications
    existing = {p.name.casefold() for p in folder.iterdir()} if folder.is_dir() else set()
    # Company and role -> the applications tracked: (the note, where it is: a path, or
    # "line N" of this file for a row planned above). ``tracked`` is keyed as ``check``
    # keys duplicates; ``loose`` also matches ``Acme Inc`` with ``"Acme, Inc."``.
    tracked: dict[tuple[str, str], list[tuple[Application, str]]] = {}
    loose: dict[tuple[str, str], list[tuple[Application, str]]] = {}
    for app in vault.applications:
        tracked.setdefault((_fold(app.company), _fold(app.role)), []).append((app, app.rel))
        loose.setdefault(loose_key(app.company, app.role), []).append((app, app.rel))
    taken: set[str] = set()
    for row in rows:
        company = one_line(row.values.get("company"))
        role = one_line(row.values.get("role"))
        summary = summary_row(row)
        if summary is not None:
            plan.skipped.append(SkippedRow(row.line, summary))
            continue
        if not company or not role:
            absent = " and ".join(n for n, v in (("company", company), ("role", role)) if not v)
            plan.skipped.append(SkippedRow(row.line, f"no {absent}"))
            continue
        key, near_key = (_fold(company), _fold(role)), loose_key(company, role)
        base = slugify(f"{company} {role}")
        if (key not in tracked and near_key not in loose
                and f"{base}.md".casefold() in existing):
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
        near = [pair for pair in loose.get(near_key, [])
                if all(pair[0] is not app for app, _ in known)]
        same_day = [pair for pair in near if pair[0].applied == note.applied]
        if same_day:
            plan.skipped.append(SkippedRow(row.line, _near_reason(note, *same_day[0])))
            continue
        if known and note.app is not None:
            note.changes.append(_again_change(note.app, known))
        note.changes += [_near_change(note, *pair) for pair in near]
        entry = (note.app or _stub(note), f"line {row.line}")
        tracked.setdefault(key, []).append(entry)
        loose.setdefault(near_key, []).append(entry)
        taken.add(f"{stem}.md".casefold())
        plan.notes.append(note)
    plan.skipped.sort(key=lambda s: s.line)
    plan.unknown_contacts = _unknown_contacts(plan.notes, [p.name for p in vault.people])
    return plan


def _unknown_contacts(notes: list[PlannedNote], people: list[str]) -> list[str]:
    """The contacts of ``notes`` with no person note, in the order first named."""
    known = {name.casefold() for name in people}
    found: dict[str, str] = {}
    for note in notes:
        for name in note.app.contacts if note.app is not None else []:
            if name.casefold() not in known:
                found.setdefault(name.casefold(), name)
    return list(found.values())


def _stub(note: PlannedNote) -> Application:
    return Application(rel=note.rel, slug="", stem="", company=note.company, role=note.role,
                       status=note.status, applied=note.applied)


def _repeats(note: PlannedNote, known: list[tuple[Application, str]]
             ) -> tuple[Application, str] | None:
    """The tracked application ``note`` is a second record of (``check`` would call the
    two a duplicate), preferring one applied for on the same day; None when it is new."""
    app = note.app or _stub(note)
    exact = [pair for pair in known if pair[0].applied == app.applied]
    if exact:       # the same day (or both without one) is the same application
        return min(exact, key=lambda pair: age(pair[0]))
    same = [(other, where) for other, where in known if not reapplication(other, app)]
    return min(same, key=lambda pair: age(pair[0])) if same else None


def _repeat_reason(note: PlannedNote, other: Application, where: str) -> str:
    if where.startswith("line "):
        if other.applied == note.applied:
            return f"same company, role and date applied as {where}"
        return (f"repeats {where} ({other.title}, {stage_label(other)}): one application is "
                f"imported once; if that one ended before this went out, give {where} its "
                "status and date")
    reason = f"{note.company} — {note.role} is already tracked in {where} ({stage_label(other)})"
    if note.status != other.status and _rank(note.status) >= _rank(other.status):
        reason += f"; the spreadsheet now says {note.status}: update the note by hand"
    return reason


def _rank(status: str) -> int:
    """How far a status is: wishlist 0 ... offer 4, every end 5. A spreadsheet behind
    its note (applied, for a note since moved to interviewing) says nothing new."""
    return min(STATUSES.index(status), 5) if status in STATUSES else 0


def _near_reason(note: PlannedNote, other: Application, where: str) -> str:
    """Why a row written differently from a tracked one (``Acme Inc`` and ``ACME INC.``)
    with the same date applied is skipped."""
    if not where.startswith("line "):
        return _repeat_reason(note, other, where)
    return f"same as {where} ({other.title}, {stage_label(other)}), written differently"


def _near_change(note: PlannedNote, other: Application, where: str) -> str:
    return (f"{note.company} — {note.role} looks like {where} ({other.title}, "
            f"{stage_label(other)}) but with another date applied; imported as a separate "
            "application: if they are one, delete one note")


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
    # "none" (no one to ask for feedback), as export csv writes it, is kept as such.
    no_one = no_one_to_ask(values.get("feedback_requested"))
    if no_one:
        values = {key: value for key, value in values.items() if key != "feedback_requested"}
    dates = {key: cell_date(values.get(key), key, ctx.dayfirst, changes, kept)
             for key in DATE_FIELDS}
    followed = sorted({day for text in cell_items(values.get("followed_up"))
                       if (day := cell_date(text, "follow-up", ctx.dayfirst, changes, kept))})
    interviews = sorted(day for text in row.interviews
                        if (day := cell_date(text, "interview", ctx.dayfirst, changes, kept)))
    raw_status = values.get("status", "")
    status = map_status(raw_status) if raw_status else None
    if status is None:
        status = _status_from_dates(raw_status, dates, interviews, changes)
        if raw_status:
            kept.append(f"Status in the spreadsheet: {raw_status}")
    else:
        status = supported_status(status, raw_status, dates, interviews, changes, kept)
    job_type = map_type(values["type"]) if values.get("type") else None
    if values.get("type") and job_type is None:
        changes.append(f'type "{values["type"]}" not recognised; left out')
        kept.append(f"Type in the spreadsheet: {values['type']}")
    said = len(changes)
    channel = cell_channel(values.get("channel"), status, job_type, ctx.settings, changes, kept)
    if ctx.no_source_column:
        del changes[said:]         # said once, in the preview's header
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
    if dates["next_action_date"] and not keys.get("next_action"):
        keys["next_action"] = FOLLOW_UP
    raw_lines = {
        "interviews": block([day.isoformat() for day in interviews]),
        "contacts": block([yaml_text(f"[[{n}]]") for n in cell_items(values.get("contacts"))
                            if person_file_name(n)]),
        "skills": block([yaml_text(s) for s in cell_items(values.get("skills"))]),
        "tags": block([yaml_text(t) for t in cell_items(values.get("tags"))]),
        "excitement": [str(excitement)] if excitement else [],
        "followed_up": block([day.isoformat() for day in followed]),
        "feedback_requested": ["none"] if no_one else [],
    }
    notes = [f"Imported from {ctx.source} (line {row.line}) on {ctx.today.isoformat()}."]
    notes += [f"To check: {change}." for change in changes]
    if values.get("notes"):
        notes.append(values["notes"])
    notes += kept + [f"{header}: {value}" for header, value in row.extra]

    rel = f"{folder}/{stem}.md"
    text = render_note(ctx.template, ctx.origin, {**keys, "date": ctx.today, "title": stem}, keys)
    text = add_notes(set_raw(text, raw_lines), notes)
    if values.get("job_description"):
        text = add_job_description(text, values["job_description"])
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


def _status_from_dates(raw: str, dates: dict[str, date | None], interviews: list[date],
                       changes: list[str]) -> str:
    """The status of a row whose status is missing or not recognised: the furthest stage
    its dates give (see ``status_from_dates``), said in ``changes`` unless it is plain
    (applied with a date applied, or wishlist without one and no status given)."""
    status, because = status_from_dates(dates, interviews)
    said = f'status "{raw}" not recognised' if raw else "no status given"
    if status != "wishlist" and dates["applied"] is None:
        changes.append(f"{said}; {because} says {status}, but there is no date applied: "
                       f"imported as wishlist: add `applied:` and set `status: {status}`")
        return "wishlist"
    if raw or status not in ("applied", "wishlist"):
        changes.append(f"{said}; imported as {status}"
                       + (f", from {because}" if because else ""))
    return status


# --- writing ----------------------------------------------------------------------------------

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
