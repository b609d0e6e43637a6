"""The rows of an imported spreadsheet: each row's cells by field, how its day/month
dates are to be read, which rows are summaries rather than applications, the status its
dates tell, and the loose key under which differently written rows are one application."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from jobnotes.errors import UsageError
from jobnotes.interop.lists import join_items, split_items
from jobnotes.interop.table import Table
from jobnotes.interop.values import NumericDate, numeric_date
from jobnotes.model import OUTCOME_DATE_KEYS

DATE_FIELDS = ("applied", "screening", *OUTCOME_DATE_KEYS, "feedback_requested",
               "feedback_received", "next_action_date")
_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")   # undo ``export csv``'s escaping
_NUMBER = re.compile(r"[-+]?\d(?:[\d,.' ]*\d)?(?:\s*%)?")     # 3, 1,200, 33 %
# Stage dates, furthest first, and how the preview names each.
_STAGE_DATES = (("accepted", "the date accepted"), ("declined", "the date declined"),
                ("withdrawn", "the withdrawal date"), ("rejected", "the rejection date"),
                ("offer", "the offer date"))
# Company name endings that do not tell two companies apart: "Acme Inc" is "ACME".
_SUFFIXES = frozenset({
    "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "corp",
    "corporation", "co", "gmbh", "ag", "kg", "ab", "as", "asa", "aps", "oy", "oyj", "bv",
    "nv", "sa", "sas", "sarl", "srl", "spa", "pty", "pte", "bhd"})


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
        if len(fields.get("contacts", [])) > 1:     # "Contact" and "Recruiter" columns
            values["contacts"] = join_items(item for index in fields["contacts"]
                                            for item in split_items(_cell(cells, index)))
        interviews = [part for index in fields.get("interviews", [])
                      for part in re.split(r"\s*[;\n]\s*", _cell(cells, index)) if part]
        extra = [(c.header.strip(), _cell(cells, c.index)) for c in unmapped
                 if _cell(cells, c.index)]
        rows.append(Row(line, {k: v for k, v in values.items() if v}, interviews, extra))
    return rows


def read_dayfirst(rows: list[Row], asked: bool | None, source: str) -> tuple[bool | None, str]:
    """(whether day/month dates put the day first, how the preview says it): as asked,
    else as the file's dates show; None when no date needs it.

    Only a date with a part above 12 (``13/02/2026``) settles the order. Without one, dots
    (``3.9.2026``) are taken as day first, the usual meaning, and the preview says that this
    is a guess and which option reads the dates the other way; with neither, the user is
    asked to choose."""
    texts = [(row.line, text) for row in rows
             for text in [*(row.values.get(k, "") for k in DATE_FIELDS), *row.interviews]
             if text]
    if asked is not None:
        return asked, "day first (--dayfirst)" if asked else "month first (--monthfirst)"
    dated = [(line, text.strip(), parts) for line, text in texts
             if (parts := numeric_date(text)) is not None]
    day_shown = next((text for _, text, p in dated if p.a > 12 >= p.b), None)
    month_shown = next((text for _, text, p in dated if p.b > 12 >= p.a), None)
    ambiguous = [(line, text, p) for line, text, p in dated if p.ambiguous]
    dotted = next((text for _, text, p in ambiguous if p.separator == "."), None)
    if day_shown and not month_shown:
        return True, f"day first, as `{day_shown}` shows"
    if month_shown and not day_shown and not dotted:
        return False, f"month first, as `{month_shown}` shows"
    if not ambiguous:
        return None, "no day/month dates to decide"
    if dotted and not month_shown:
        example = next((a for a in ambiguous if a[2].separator != "."), ambiguous[0])
        return True, _guess(dotted, example[1], example[2])
    line, text, _ = ambiguous[0]
    if day_shown:
        why = (f"the file's dates disagree (`{day_shown}` puts the day first, "
               f"`{month_shown}` the month)")
    elif month_shown:
        why = (f"the file's dates disagree (`{month_shown}` puts the month first, but dots "
               f"as in `{dotted}` usually put the day first)")
    else:
        why = "no date in the file settles it"
    raise UsageError(
        f"{source}, line {line}: the date `{text}` could be day/month or month/day, "
        f"and {why}. Run again with --dayfirst (05/03 is 5 March) or --monthfirst "
        "(05/03 is May 3).")


def _guess(dotted: str, text: str, parts: NumericDate) -> str:
    """The preview's words for day first taken as a guess, naming the option that
    switches it, with ``text`` read both ways."""
    first, second = parts.a, parts.b
    as_month_first = f"{calendar.month_name[first]} {second}"
    as_day_first = f"{first} {calendar.month_name[second]}"
    return (f"day first, a guess: no date in the file has a day above 12 to settle it, and "
            f"dots as in `{dotted}` usually put the day first. If `{text}` is "
            f"{as_month_first} (not {as_day_first}), run again with --monthfirst")


def summary_row(row: Row) -> str | None:
    """The reason a row is skipped as a summary under the data (``Total applications,3``,
    ``Response rate,33%``): its role cell is a number or percentage and it has nothing
    else; None for any other row."""
    role = row.values.get("role", "")
    if not _NUMBER.fullmatch(role):
        return None
    if set(row.values) - {"company", "role"} or row.interviews or row.extra:
        return None
    label = row.values.get("company", "")
    shown = f"{label}: {role}" if label else role
    return f"a summary row ({shown}), not an application"


def status_from_dates(dates: dict[str, date | None], interviews: list[date]
                      ) -> tuple[str, str]:
    """(status, the date that tells it) for a row without a status: the furthest stage
    the row gives a date for; ("wishlist", "") when it gives none."""
    for key, words in _STAGE_DATES:
        if dates.get(key) is not None:
            return key, words
    if interviews:
        return "interviewing", "the interview date"
    if dates.get("screening") is not None:
        return "screening", "the screening date"
    if dates.get("applied") is not None:
        return "applied", "the date applied"
    return "wishlist", ""


def loose_key(company: str, role: str) -> tuple[str, str]:
    """Company and role with case, punctuation and company-form endings (Inc, Ltd, GmbH,
    AB, ...) left out: ``Acme Inc``, ``"Acme, Inc."`` and ``ACME INC.`` share one."""
    words = re.findall(r"\w+", company.casefold())
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return " ".join(words), " ".join(re.findall(r"\w+", role.casefold()))
