"""The rows of an imported spreadsheet: each row's cells by field, and how its day/month
dates are to be read."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobnotes.errors import UsageError
from jobnotes.interop.table import Table
from jobnotes.interop.values import detect_dayfirst, numeric_date
from jobnotes.model import OUTCOME_DATE_KEYS

DATE_FIELDS = ("applied", "screening", *OUTCOME_DATE_KEYS, "feedback_requested",
               "feedback_received", "next_action_date")
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")   # undo ``export csv``'s escaping


@dataclass(slots=True)
class Row:
    line: int
    values: dict[str, str]              # field -> text (non-empty only)
    interviews: list[str]
    extra: list[tuple[str, str]]        # (header, value) of columns not recognised


def _cell(cells: list[str], index: int) -> str:
    value = cells[index].strip() if index < len(cells) else ""
    return _FORMULA_GUARD.sub("", value)


def read_rows(table: Table) -> list[Row]:
    fields = table.fields()
    unmapped = table.unmapped()
    rows = []
    for line, cells in table.rows:
        values = {name: _cell(cells, indexes[0]) for name, indexes in fields.items()
                  if name != "interviews"}
        interviews = [part for index in fields.get("interviews", [])
                      for part in re.split(r"\s*[;\n]\s*", _cell(cells, index)) if part]
        extra = [(c.header.strip(), _cell(cells, c.index)) for c in unmapped
                 if _cell(cells, c.index)]
        rows.append(Row(line, {k: v for k, v in values.items() if v}, interviews, extra))
    return rows


def read_dayfirst(rows: list[Row], asked: bool | None, source: str) -> tuple[bool | None, str]:
    """(whether day/month dates put the day first, how the preview says it): as asked,
    else as the file's dates show; None when no date needs it."""
    texts = [(row.line, text) for row in rows
             for text in [*(row.values.get(k, "") for k in DATE_FIELDS), *row.interviews]
             if text]
    if asked is not None:
        return asked, "day first (--dayfirst)" if asked else "month first (--monthfirst)"
    found, example = detect_dayfirst(text for _, text in texts)
    if found is not None:
        return found, f"{'day' if found else 'month'} first, as `{example}` shows"
    for line, text in texts:
        parts = numeric_date(text)
        if parts is not None and parts.ambiguous:
            raise UsageError(
                f"{source}, line {line}: the date `{text}` could be day/month or month/day, "
                "and no date in the file settles it. Run again with --dayfirst (05/03 is "
                "5 March) or --monthfirst (05/03 is May 3).")
    return None, "no day/month dates to decide"
