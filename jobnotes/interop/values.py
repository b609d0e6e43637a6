"""Spreadsheet values -> jobnotes values: dates in the common formats, free-text
statuses, channels and job types. Pure functions, no files."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from jobnotes.model import JOB_TYPES, STATUSES

_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), 1) for name in names}
_WEEKDAYS = re.compile(r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|"
                       r"rsday|urday)?\b\.?", re.I)
# A time after the date, with its zone: "9:30 AM (GMT+1)", "09:32 UTC", "T09:30:00+02:00".
_ZONE = (r"(?:Z|[+-]\d{2}:?\d{2})?(?:\s*\(?(?:(?:GMT|UTC)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?|"
         r"CET|CEST|BST|WET|WEST|EET|EEST|IST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AEST|AEDT|"
         r"JST)\)?)?")
_TIME = re.compile(r"(?:[T ]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?"
                   + _ZONE + r")$", re.I)
_RANGE = re.compile(r"\s*(?:→|->|–>|=>)\s*")     # Notion's "start → end": the start counts
_ISO = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*([-/.])\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b", re.I)


@dataclass(frozen=True, slots=True)
class NumericDate:
    """``a/b/year`` as written: which of ``a`` and ``b`` is the day is not yet known."""

    a: int
    b: int
    year: int
    separator: str

    @property
    def ambiguous(self) -> bool:
        return self.a <= 12 and self.b <= 12 and self.a != self.b


def _year(text: str) -> int:
    number = int(text)
    return number + 2000 if len(text) == 2 else number


def _clean(text: str) -> str:
    text = _RANGE.split(" ".join(text.split()), maxsplit=1)[0]
    text = _TIME.sub("", text)
    return _WEEKDAYS.sub(" ", text).strip(" ,")


def numeric_date(text: str) -> NumericDate | None:
    """``03/05/2026``, ``5.3.26``, ``03-05-2026``: the parts, or None for another form."""
    match = _NUMERIC.fullmatch(_clean(text))
    if not match:
        return None
    a, separator, b, year = match.groups()
    return NumericDate(int(a), int(b), _year(year), separator)


def _real(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"`{text}` is not a real date") from None


def _month(word: str) -> int | None:
    return _MONTHS.get(word.lower().rstrip("."))


def parse_date(text: str, dayfirst: bool | None = None) -> date:
    """A date in a common format; ValueError (a sentence) when it is not one.

    ``2026-03-05``, ``2026/3/5``, ``05/03/2026`` (day first when ``dayfirst``, month first
    when False; refused when None and it could be either), ``5 Mar 2026``,
    ``March 5, 2026``, ``Thursday, 5th March 2026``, ``05-Mar-26``; a time after the date
    (with its zone: ``9:30 AM (GMT+1)``, ``09:32 UTC``, ``T09:30:00+02:00``) is ignored,
    and of a range (``November 10, 2026 → November 12, 2026``, as Notion writes one) the
    start is read. Month names are English.
    """
    original = text.strip()
    text = _clean(original)
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _real(year, month, day, original)
    if parts := numeric_date(text):
        if parts.ambiguous and dayfirst is None:
            raise ValueError(f"`{original}` could be day/month or month/day")
        day, month = (parts.a, parts.b) if dayfirst or parts.a > 12 else (parts.b, parts.a)
        return _real(parts.year, month, day, original)
    words = re.split(r"[\s,/.-]+", _ORDINAL.sub(r"\1", text))
    words = [w for w in words if w and w.lower() != "of"]
    months = [(i, _month(w)) for i, w in enumerate(words) if _month(w)]
    numbers = [(i, w) for i, w in enumerate(words) if w.isdigit()]
    if len(months) == 1 and len(numbers) == 2 and len(words) == 3:
        at, month = months[0]
        years = [(i, w) for i, w in numbers if len(w) == 4]
        if len(years) == 1:
            year_text = years[0][1]
            day_text = next(w for i, w in numbers if (i, w) != years[0])
        else:   # "05-Mar-26": day before the month, year after
            before = [w for i, w in numbers if i < at]
            after = [w for i, w in numbers if i > at]
            if len(before) != 1 or len(after) != 1:
                raise ValueError(f"`{original}` is not a date jobnotes can read")
            day_text, year_text = before[0], after[0]
        if len(day_text) <= 2 and len(year_text) in (2, 4):
            assert month is not None
            return _real(_year(year_text), month, int(day_text), original)
    if len(months) == 1 and len(numbers) == 1 and len(words) == 2:
        raise ValueError(f"`{original}` has no year")
    raise ValueError(f"`{original}` is not a date jobnotes can read")


# --- statuses -------------------------------------------------------------------------------

# (phrases, status), tried in order; a phrase matches whole words anywhere in the text.
_STATUS_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    # Someone else was hired: the applicant was rejected, whatever "hired" says.
    (("hired someone else", "hired someone", "hired another", "someone else hired",
      "someone else was hired", "another candidate", "other candidate", "went with someone",
      "went with another", "position filled", "role filled", "position was filled",
      "role was filled", "position has been filled", "role has been filled", "job filled",
      "vacancy filled", "position closed", "role closed"),
     "rejected"),
    (("not applied", "not yet applied", "to apply", "wish list", "wishlist", "saved",
      "bookmarked", "planning to apply", "draft", "researching"), "wishlist"),
    (("offer declined", "declined offer", "declined the offer", "turned down offer",
      "turned down the offer", "i declined", "offer rejected", "rejected offer",
      "rejected the offer", "offer turned down", "turned offer down", "offer refused",
      "refused offer", "refused the offer", "said no to offer", "said no to the offer"),
     "declined"),
    (("offer accepted", "accepted offer", "accepted the offer", "hired", "signed",
      "accepted"), "accepted"),
    (("no response", "no reply", "no answer", "never heard back", "no news", "ghosted",
      "silence", "unanswered"), "ghosted"),
    (("rejected", "rejection", "not selected", "unsuccessful", "turned down", "no offer",
      "not progressed", "not moving forward", "declined", "denied", "refused",
      "position filled", "closed"), "rejected"),
    (("withdrawn", "withdrew", "withdraw", "retracted", "not interested", "cancelled",
      "canceled"), "withdrawn"),
    (("offer", "offered", "negotiating", "negotiation", "negotiations"), "offer"),
    (("interview", "interviewing", "interviews", "interviewed", "on site", "onsite", "final round",
      "second round", "first round", "technical", "assessment", "take home", "case study"),
     "interviewing"),
    # Still waiting for the first answer: applied, though "response" is in the words.
    (("waiting for response", "waiting for a response", "awaiting response",
      "awaiting a response", "pending response", "response pending", "waiting for reply",
      "awaiting reply", "waiting to hear back", "waiting to hear", "hear back",
      "waiting on response", "waiting for an answer", "awaiting answer"), "applied"),
    (("phone screen", "screen", "screening", "recruiter call", "hr call", "intro call",
      "responded", "response", "contacted"), "screening"),
    (("applied", "submitted", "sent", "in progress", "pending", "waiting", "under review",
      "in review", "application sent", "open", "active", "awaiting"), "applied"),
)


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9]+", text.lower())) + " "


def map_status(text: str) -> str | None:
    """A free-text status ("Interview scheduled", "No response") -> a jobnotes status."""
    words = _words(text)
    if words.strip() in STATUSES:
        return words.strip()
    for phrases, status in _STATUS_RULES:
        if any(f" {phrase} " in words for phrase in phrases):
            return status
    return None


# --- channels and job types -----------------------------------------------------------------

_CHANNEL_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("referral", "referred", "employee referral", "referred by"), "referral"),
    (("recruiter", "recruitment", "agency", "headhunter", "head hunter", "staffing",
      "talent partner"), "recruiter"),
    (("networking", "network", "meetup", "event", "career fair", "job fair", "conference",
      "alumni", "contact", "friend", "coffee chat"), "networking"),
    (("company website", "company site", "careers page", "career page", "careers site",
      "career site", "website", "direct", "cold email", "cold outreach", "outreach",
      "email", "company"), "direct-outreach"),
    (("linkedin", "indeed", "glassdoor", "monster", "stepstone", "ziprecruiter",
      "careerbuilder", "dice", "wellfound", "angellist", "otta", "seek", "reed",
      "totaljobs", "xing", "jobindex", "finn", "welcome to the jungle", "job board",
      "jobboard", "job site", "job portal", "jobs site", "easy apply", "board",
      "platsbanken", "arbetsformedlingen", "jobsite"), "job-board"),
    (("other",), "other"),
)


def map_channel(text: str, channels: Iterable[str]) -> str | None:
    """A free-text source ("LinkedIn", "Company website") -> one of ``channels``."""
    known = list(channels)
    words = _words(text)
    for channel in known:
        if words.strip() == " ".join(re.findall(r"[a-z0-9]+", channel.lower())):
            return channel
    for phrases, channel in _CHANNEL_RULES:
        if channel in known and any(f" {phrase} " in words for phrase in phrases):
            return channel
    return None


_TYPE_RULES = {"full time": "full-time", "fulltime": "full-time", "permanent": "full-time",
               "part time": "part-time", "parttime": "part-time", "contract": "contract",
               "contractor": "contract", "temporary": "contract", "temp": "contract",
               "fixed term": "contract", "freelance": "freelance", "freelancer": "freelance",
               "consulting": "freelance", "internship": "internship", "intern": "internship",
               "trainee": "internship", "informational": "informational",
               "informational interview": "informational", "info interview": "informational"}


def map_type(text: str) -> str | None:
    """"Full time", "Contract", "Internship" -> a jobnotes job type."""
    words = _words(text).strip()
    if words.replace(" ", "-") in JOB_TYPES:
        return words.replace(" ", "-")
    return _TYPE_RULES.get(words)
