"""Reading a spreadsheet's CSV: its encoding, its delimiter, its rows with their line
numbers, and which column holds which jobnotes field."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from jobnotes.create import one_line
from jobnotes.errors import UsageError

# Normalised header (lowercase words) -> field. Every front matter key is recognised by
# its own name too (so a CSV from ``jobnotes export csv`` reads back).
_ALIASES: dict[str, tuple[str, ...]] = {
    "company": ("company", "company name", "employer", "organisation", "organization",
                "organisation name", "organization name", "firm", "business"),
    "role": ("role", "position", "title", "job title", "job", "position title", "job position",
             "job role", "position applied for", "job name", "vacancy"),
    "status": ("status", "application status", "stage", "current status", "state", "result",
               "outcome", "list", "pipeline stage", "stage name", "pipeline", "job status",
               "application stage"),
    "applied": ("applied", "date applied", "applied date", "applied on", "application date",
                "date of application", "date", "submitted", "submitted on", "date submitted",
                "date sent", "sent on", "applied at", "application sent"),
    "url": ("url", "link", "job link", "job url", "posting", "job posting", "posting url",
            "listing", "job listing", "job ad", "ad", "link to posting"),
    "location": ("location", "city", "place", "job location", "office", "where"),
    "salary": ("salary", "pay", "compensation", "salary range", "wage", "pay range"),
    "channel": ("channel", "source", "via", "how applied", "applied via", "applied through",
                "found via", "found on", "platform", "job board", "job site", "where applied",
                "where found", "application method", "method", "how found"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "details"),
    "type": ("type", "job type", "employment type", "contract type"),
    "screening": ("screening", "screening date", "phone screen", "phone screen date",
                  "first response", "response date", "recruiter call", "screening at",
                  "screened at", "screened on"),
    "interviews": ("interviews", "interview", "interview date", "interview dates",
                   "interview at", "interviewed at", "interviewed on", "interview on"),
    "offer": ("offer", "offer date", "offer received", "offer at", "offered at", "offered on",
              "offer on"),
    "rejected": ("rejected", "rejection", "rejection date", "rejected on", "date rejected",
                 "rejected date", "rejected at", "rejection at", "date of rejection"),
    "withdrawn": ("withdrawn", "withdrawn on", "withdrawal date", "withdrawn at",
                  "withdrawn date"),
    "accepted": ("accepted", "accepted on", "offer accepted", "accepted at", "accepted date"),
    "declined": ("declined", "declined on", "offer declined", "declined at", "declined date"),
    "feedback_requested": ("feedback requested",),
    "followed_up": ("followed up", "follow ups", "follow ups sent", "followed up on"),
    "feedback_received": ("feedback received",),
    "contacts": ("contacts", "contact", "contact person", "contact persons", "contact name",
                 "contact names", "contact people", "people", "point of contact",
                 "recruiter", "recruiter name", "recruiters", "hiring manager",
                 "hiring manager name"),
    "skills": ("skills", "required skills"),
    "job_description": ("job description", "description", "jd", "job description text",
                        "role description", "posting text"),
    "tags": ("tags",),
    "next_action": ("next action", "next step", "next steps", "to do", "todo"),
    "next_action_date": ("next action date", "next step date", "follow up date",
                         "follow up on"),
    "excitement": ("excitement", "interest level"),
    "resume": ("resume", "cv", "resume version", "cv version"),
}
HEADERS: dict[str, str] = {alias: name for name, aliases in _ALIASES.items()
                           for alias in aliases}
# "Interview 2", "Round 3 date", "Second interview", "Final interview" (one column each).
_INTERVIEW_N = re.compile(
    r"(?:(?:interview|round|interview round) ?\d+|(?:first|second|third|fourth|fifth|sixth|"
    r"final|last|\d+(?:st|nd|rd|th)) (?:interview|round|interview round))(?: date| at| on)?")
# Columns ``export csv`` computes from the others: read back, they are ignored.
COMPUTED = frozenset({"furthest stage", "interview count", "note file"})
MULTI = frozenset({"interviews", "contacts"})    # fields that may take several columns
HEADER_SEARCH = 10                   # how many rows may sit above the header (a title, ...)
_SEP_LINE = re.compile(r"sep=(.)\s*", re.I)          # Excel's first line naming the delimiter
_NOTION_LINK = re.compile(r"\s*\((?:https?://)?(?:www\.)?notion\.so/[^\s()]*\)")


def normalise(header: str) -> str:
    """"Date Applied:" -> "date applied", "next_action_date" -> "next action date"."""
    return " ".join(re.findall(r"[a-z0-9]+", header.lower()))


@dataclass(slots=True)
class Column:
    index: int
    header: str
    field: str | None          # the jobnotes field, None when not recognised
    why: str = ""              # why a recognised-looking column is not used


@dataclass(slots=True)
class Table:
    name: str
    encoding: str              # "UTF-8", "Windows-1252", ...
    delimiter: str
    columns: list[Column]
    header_line: int
    rows: list[tuple[int, list[str]]]            # (line where the row starts, cells)
    blank_lines: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def fields(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for column in self.columns:
            if column.field and column.field != "-":
                found.setdefault(column.field, []).append(column.index)
        return found

    def unmapped(self) -> list[Column]:
        return [c for c in self.columns if c.field is None and c.header.strip()]


def decode(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """(text, encoding name, notes): UTF-8 (with or without BOM), UTF-16 with a BOM,
    else Windows-1252, the usual encoding of spreadsheets saved on Windows."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16", []
    try:
        return data.decode("utf-8-sig"), "UTF-8", []
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
    note = (f"{name} is not UTF-8 (line {line} has a byte UTF-8 does not allow); it was read "
            "as Windows-1252, the usual encoding of spreadsheets saved on Windows. Check "
            "accented letters in the preview.")
    try:
        return data.decode("cp1252"), "Windows-1252", [note]
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1", [note.replace("Windows-1252", "Latin-1")]


def _delimiter(text: str) -> str:
    """The delimiter of the header line: comma, semicolon (European Excel) or tab."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def map_columns(headers: list[str]) -> list[Column]:
    """Which field each header names; the first column for a field wins."""
    columns: list[Column] = []
    used: dict[str, str] = {}
    ours = "furthest stage" in {normalise(h) for h in headers}
    for index, header in enumerate(headers):
        key = normalise(header)
        name = HEADERS.get(key) or ("interviews" if _INTERVIEW_N.fullmatch(key) else None)
        if key in COMPUTED or (ours and key == "outcome"):
            columns.append(Column(index, header, "-", "computed by jobnotes"))
        elif name is not None and name in used and name not in MULTI:
            columns.append(Column(index, header, None, f"{used[name]!r} is already read as "
                                                       f"{name}"))
        else:
            columns.append(Column(index, header, name))
            if name is not None:
                used.setdefault(name, header)
    return columns


def read_table(path: Path) -> Table:
    """The CSV at ``path``; UsageError when it cannot be read or has no header.

    The header is the first row (of the first ten) that names a company and a role
    column, so a title row above it is skipped and said in ``notes``; without one, the
    first row that is not blank. Excel's ``sep=;`` first line sets the delimiter. Notion's
    links after related pages' names are dropped from every cell."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"Could not read {path}: {exc.strerror or exc}.") from exc
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise UsageError(f"{path.name} is a spreadsheet workbook (Excel or similar), not CSV. "
                         "Save it as CSV (File > Save as > CSV UTF-8) and import that file.")
    text, encoding, notes = decode(data, path.name)
    first_line = text.split("\n", 1)[0].rstrip("\r")
    if match := _SEP_LINE.fullmatch(first_line):
        delimiter, skip = match.group(1), 1
    else:
        delimiter, skip = _find_delimiter(text), 0
    records = _records(text, delimiter, path.name, skip)
    found = _header_index(records)
    filled = [i for i, (_, cells) in enumerate(records) if _filled(cells)]
    if not filled:
        raise UsageError(f"{path.name} is empty: there is no header row to read.")
    at = filled[0] if found is None else found
    header_line, header = records[at]
    above = [records[i] for i in filled if i < at]
    if above:
        notes.append(_skipped_note(header_line, above))
    rows: list[tuple[int, list[str]]] = []
    blank: list[int] = []
    for start, cells in records[at + 1:]:
        if _filled(cells):
            rows.append((start, [strip_notion_links(cell) for cell in cells]))
        else:
            blank.append(start)
    notes += _swallowed(rows, len(header), delimiter)
    return Table(path.name, encoding, delimiter, map_columns(header), header_line, rows,
                 blank, notes)


def _swallowed(rows: list[tuple[int, list[str]]], width: int, delimiter: str) -> list[str]:
    """Cells that took in lines looking like rows of their own: a quote opened in a cell
    and never closed makes the reader take every line after it into that cell."""
    found = []
    needed = max(2, width - 1)
    for start, cells in rows:
        for cell in cells:
            lines = cell.split("\n")
            like_rows = [n for n, line in enumerate(lines[1:], 1)
                         if line.count(delimiter) >= needed]
            if like_rows:
                shown = one_line(lines[0])[:40]
                found.append(
                    f"line {start}: the cell starting `{shown}` takes in {len(lines) - 1} "
                    f"more lines, {len(like_rows)} of them like rows of their own (from line "
                    f"{start + like_rows[0]}): a quote in it is probably never closed. Close "
                    "it in the file before importing with --write")
                break
    return found


def strip_notion_links(cell: str) -> str:
    """``Elin Qvist (https://www.notion.so/Elin-Qvist-1a2b?pvs=21)`` -> ``Elin Qvist``:
    Notion exports each related page as its name and link; the name is what counts."""
    return _NOTION_LINK.sub("", cell)


def _filled(cells: list[str]) -> bool:
    return any(cell.strip() for cell in cells)


def _records(text: str, delimiter: str, name: str, skip: int,
             limit: int | None = None) -> list[tuple[int, list[str]]]:
    """(line where the row starts, cells) of every row, blank ones too, after the first
    ``skip`` lines; at most ``limit`` rows."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if start > skip:
                records.append((start, cells))
            if limit is not None and len(records) >= limit:
                break
    except csv.Error as exc:
        raise UsageError(f"{name}, line {reader.line_num}: not valid CSV ({exc}).") from exc
    return records


def _header_index(records: list[tuple[int, list[str]]]) -> int | None:
    """The index of the first of the first ``HEADER_SEARCH`` non-blank rows that maps
    both company and role; else of the first that maps three fields or more (so that a
    header lacking a role column is still the one named in the error); else None."""
    seen = 0
    fallback = None
    for index, (_, cells) in enumerate(records):
        if not _filled(cells):
            continue
        fields = {column.field for column in map_columns(cells)} - {None, "-"}
        if {"company", "role"} <= fields:
            return index
        if fallback is None and len(fields) >= 3:
            fallback = index
        seen += 1
        if seen >= HEADER_SEARCH:
            break
    return fallback


def _find_delimiter(text: str) -> str:
    """The delimiter of the first line, unless another one is what finds the header (the
    first line is a title with no delimiter in it, say)."""
    guess = _delimiter(text)
    best, score = guess, 0
    for delimiter in (guess, *(d for d in (",", ";", "\t") if d != guess)):
        try:
            records = _records(text, delimiter, "", 0, limit=HEADER_SEARCH * 3)
        except UsageError:
            continue
        at = _header_index(records)
        if at is None:
            continue
        fields = {column.field for column in map_columns(records[at][1])}
        found = 2 if {"company", "role"} <= fields else 1
        if found > score:
            best, score = delimiter, found
    return best


def _skipped_note(header_line: int, above: list[tuple[int, list[str]]]) -> str:
    """The preview's words for rows above the header, e.g. a title."""
    shown = ", ".join(f"`{' '.join(c.strip() for c in cells if c.strip())[:60]}`"
                      for _, cells in above[:3])
    lines = [str(start) for start, _ in above]
    where = (f"line {lines[0]}" if len(lines) == 1
             else f"lines {', '.join(lines[:-1])} and {lines[-1]}")
    verb = "was" if len(lines) == 1 else "were"
    return (f"the header is on line {header_line}; {where} above it ({shown}) {verb} "
            "skipped, as not part of the table")
