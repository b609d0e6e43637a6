"""Spreadsheet cells as note values: each helper returns what the note gets and adds to
``changes`` (what the preview asks the user to check) and ``kept`` (text for the note's
``## Notes``), so nothing that could not be mapped is lost."""

from __future__ import annotations

import re
from datetime import date

from jobnotes.create import one_line
from jobnotes.interop.lists import split_items
from jobnotes.interop.values import map_channel, parse_date
from jobnotes.model import OUTCOME_DATE_KEYS
from jobnotes.settings import Settings

_OFFER = re.compile(r"\boffers?\b", re.I)
# "★★★★☆", "****", "⭐⭐⭐⭐": the filled stars count; "4/5", "4 out of 5": the number.
_STARS = re.compile(r"[★*⭐✩☆\ufe0f\s]+")
_FILLED = frozenset("★*⭐")
_OUT_OF = re.compile(r"(\d+(?:\.\d+)?)\s*(?:/|out of|of)\s*5(?:\s*stars?)?", re.I)


def cell_date(text: str | None, label: str, dayfirst: bool | None, changes: list[str],
              kept: list[str]) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text, dayfirst)
    except ValueError as exc:
        changes.append(f"{label} date {exc}; left out")
        kept.append(f"{label.capitalize().replace('_', ' ')} in the spreadsheet: {text}")
        return None


def supported_status(status: str, raw: str, dates: dict[str, date | None],
                     interviews: list[date], changes: list[str], kept: list[str]) -> str:
    """``status``, or wishlist when the row gives no date applied (every later status
    needs one). A missing stage date (Rejected without a rejection date) keeps the
    status: ``check`` says the date is missing, and the preview shows what it says.

    Declined with no offer date, and no word of an offer, is taken as rejected: a bare
    "Declined" in a tracker most often means the company declined the applicant, while
    jobnotes' ``declined`` is an offer the applicant turned down. A declined date the row
    gives then becomes the rejected date (``dates`` is updated)."""
    shown = raw or status
    if status == "declined" and dates.get("offer") is None and not _OFFER.search(raw):
        status = "rejected"
        if dates.get("rejected") is None and dates.get("declined") is not None:
            dates["rejected"], dates["declined"] = dates["declined"], None
        changes.append(f'status "{shown}" with no offer date: imported as rejected (the '
                       "company declined); if you turned down an offer, set `status: "
                       "declined` and add `offer: YYYY-MM-DD`")
    if ((status in OUTCOME_DATE_KEYS or status == "screening") and dates["applied"]
            and dates.get(status) is None):
        changes.append(f'status "{shown}" has no {status} date: add `{status}: YYYY-MM-DD` '
                       "(jobnotes check warns until it is there)")
    if status == "interviewing" and dates["applied"] and not interviews:
        changes.append(f'status "{shown}" has no interview date: add `interviews: '
                       "[YYYY-MM-DD]` (jobnotes check warns until it is there)")
    if status == "wishlist" or dates["applied"] is not None:
        return status
    changes.append(f'status "{shown}" but no date applied; imported as wishlist: add '
                   f"`applied:` and set `status: {status}`")
    line = f"Status in the spreadsheet: {shown}"
    if line not in kept:
        kept.append(line)
    return "wishlist"


def cell_channel(text: str | None, status: str, job_type: str | None, settings: Settings,
                 changes: list[str], kept: list[str]) -> str | None:
    channel = map_channel(text, settings.channels) if text else None
    if text and channel is None:
        kept.append(f"Source in the spreadsheet: {text}")
    if channel is None and status != "wishlist" and job_type != "informational":
        channel = "other" if "other" in settings.channels else settings.channels[0]
        changes.append(f'source "{text}" not recognised; channel set to {channel}' if text
                       else f"no source given; channel set to {channel}")
    return channel


def cell_excitement(text: str | None, changes: list[str], kept: list[str]) -> int | None:
    if not text:
        return None
    number = _excitement(text.strip())
    if 1 <= number <= 5:
        return number
    changes.append(f'excitement "{text}" is not a number from 1 to 5; left out')
    kept.append(f"Excitement in the spreadsheet: {text}")
    return None


def _excitement(text: str) -> int:
    """The number a cell gives, 0 when it gives none."""
    if _STARS.fullmatch(text):
        return sum(ch in _FILLED for ch in text)
    if match := _OUT_OF.fullmatch(text):
        text = match.group(1)
    try:
        return int(float(text))
    except ValueError:
        return 0


def cell_url(text: str) -> str:
    text = one_line(text)
    if re.match(r"^(?:www\.|[\w-]+(?:\.[\w-]+)+/)", text, re.I):
        return "https://" + text
    return text


def cell_items(text: str | None) -> list[str]:
    """A list cell's items, as ``export csv`` writes them (see ``interop.lists``)."""
    return [one_line(p) for p in split_items(text or "") if one_line(p)]
