"""Reading a spreadsheet's CSV: its encoding, its delimiter, its rows with their line
numbers, and which column holds which jobnotes field."""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from jobnotes.errors import UsageError

# Normalised header (lowercase words) -> field. Every front matter key is recognised by
# its own name too (so a CSV from ``jobnotes export csv`` reads back).
_ALIASES: dict[str, tuple[str, ...]] = {
    "company": ("company", "company name", "employer", "organisation", "organization",
                "organisation name", "organization name", "firm", "business"),
    "role": ("role", "position", "title", "job title", "job", "position title", "job position",
             "job role", "position applied for", "job name", "vacancy"),
    "status": ("status", "application status", "stage", "current status", "state", "result",
               "outcome"),
    "applied": ("applied", "date applied", "applied date", "applied on", "application date",
                "date of application", "date", "submitted", "submitted on", "date submitted",
                "date sent", "sent on"),
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
                  "first response", "response date", "recruiter call"),
    "interviews": ("interviews", "interview", "interview date", "interview dates"),
    "offer": ("offer", "offer date", "offer received"),
    "rejected": ("rejected", "rejection", "rejection date", "rejected on", "date rejected"),
    "withdrawn": ("withdrawn", "withdrawn on", "withdrawal date"),
    "accepted": ("accepted", "accepted on", "offer accepted"),
    "declined": ("declined", "declined on", "offer declined"),
    "feedback_requested": ("feedback requested",),
    "feedback_received": ("feedback received",),
    "contacts": ("contacts",),
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
_INTERVIEW_N = re.compile(r"(?:interview|round|interview round) ?\d+(?: date)?")
# Columns ``export csv`` computes from the others: read back, they are ignored.
COMPUTED = frozenset({"furthest stage", "interview count", "note file"})
MULTI = frozenset({"interviews"})    # fields that may take several columns


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
    """The CSV at ``path``; UsageError when it cannot be read or has no header."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"Could not read {path}: {exc.strerror or exc}.") from exc
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise UsageError(f"{path.name} is a spreadsheet workbook (Excel or similar), not CSV. "
                         "Save it as CSV (File > Save as > CSV UTF-8) and import that file.")
    text, encoding, notes = decode(data, path.name)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    header_line = 0
    rows: list[tuple[int, list[str]]] = []
    blank: list[int] = []
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                if header is not None:
                    blank.append(start)
                continue
            if header is None:
                header, header_line = cells, start
            else:
                rows.append((start, cells))
    except csv.Error as exc:
        raise UsageError(f"{path.name}, line {reader.line_num}: not valid CSV ({exc}).") from exc
    if header is None:
        raise UsageError(f"{path.name} is empty: there is no header row to read.")
    return Table(path.name, encoding, delimiter, map_columns(header), header_line, rows,
                 blank, notes)
