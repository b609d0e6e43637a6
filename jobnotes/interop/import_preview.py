"""The text ``jobnotes import`` prints: the preview of a plan, or after ``--write`` the
summary of what was created. Advice that holds for every row (no source column, contacts
without a person note) is said once, in the header, not on each row."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobnotes.interop.importer import ImportPlan

_DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}


def preview_text(plan: ImportPlan, *, written: list[Path] | None = None) -> str:
    """The preview (or, after writing, the summary) as lines of text for the terminal."""
    out = _header(plan)
    verb = "Created" if written is not None else "Would create"
    out.append("")
    made = len(plan.notes) if written is None else len(written)
    out.append(f"{verb} {count(made, 'note')} in {plan.folder}/" + (":" if made else "."))
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
        out.append(f"Skipped {count(len(plan.skipped), 'row')}:")
        out += [f"  line {s.line}: {s.reason}" for s in plan.skipped]
    out.append("")
    if written is None:
        out.append("Nothing was written. Run again with --write to create these notes."
                   if plan.notes else "Nothing to create.")
    elif written:
        out.append("Run `jobnotes check` to see them validated.")
    return "\n".join(out)


def _header(plan: ImportPlan) -> list[str]:
    table = plan.table
    out = [f"{table.name}: {table.encoding}, {_DELIMITERS[table.delimiter]}-separated, "
           f"{count(len(table.rows), 'row')} after the header on line {table.header_line}."]
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
    given = sorted({n.channel for n in plan.notes if n.channel})
    if plan.no_source_column and given:
        out.append(f"No source column: every application sent gets channel: {given[0]} — set "
                   "each note's channel for the channel figures.")
    if plan.unknown_contacts:
        names = plan.unknown_contacts
        out.append(
            f"Contacts with no note in {plan.people}/: {', '.join(names)}. jobnotes check "
            f"warns contact-unknown until each has one; make one with "
            f'jobnotes new --person "NAME" (e.g. jobnotes new --person "{names[0]}").')
    return out


def count(number: int, thing: str) -> str:
    """"1 note", "2 notes", "no notes"."""
    if number == 0:
        return f"no {thing}s"
    return f"{number} {thing}" + ("" if number == 1 else "s")
