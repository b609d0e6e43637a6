"""Field rules for application and person notes: typed model objects out, findings with positions.

Only findings about the fields are produced here; the YAML traps (duplicate keys, tabs,
impossible dates, ...) are reported by ``frontmatter``. A key that ``frontmatter`` dropped
after reporting it is not reported a second time as missing.

Errors in one field drop that field and keep the note, except when ``company``, ``role`` or
``status`` is unusable: without them an application cannot be shown, so it is skipped.
Consistency findings (date order, future dates, status against dates) keep the values.

Besides one value position per key, ``positions`` holds one entry per kept list item,
``"contacts[0]"``, ``"interviews[1]"``, ..., indexed like the model's lists.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from jobnotes.diagnostics import Diagnostic, error, info, warning
from jobnotes.frontmatter import ParsedNote
from jobnotes.model import (
    JOB_TYPES,
    OUTCOME_DATE_KEYS,
    PERSON_ROLES,
    START,
    STATUSES,
    Application,
    Person,
    Pos,
)
from jobnotes.schema_dates import (
    EARLIEST_DATE,
    ISO_DATE,
    LATEST_DATE,
    date_hint,
    is_plausible_date,
    real_date,
)
from jobnotes.settings import Settings
from jobnotes.suggest import did_you_mean

APP_DATE_KEYS = ("applied", "screening", *OUTCOME_DATE_KEYS,
                 "feedback_requested", "feedback_received", "next_action_date")
APP_TEXT_KEYS = ("company", "role", "location", "salary", "resume", "next_action")
APP_KEYS = ("company", "role", "status", "channel", "type", "applied", "screening", "interviews",
            *OUTCOME_DATE_KEYS, "feedback_requested", "feedback_received", "followed_up",
            "contacts", "skills",
            "location", "url", "salary", "resume", "tags", "next_action", "next_action_date",
            "excitement")
PERSON_DATE_KEYS = ("met", "thanked", "connected", "informational")
PERSON_KEYS = ("company", "role", "linkedin", "email", *PERSON_DATE_KEYS, "touches", "tags")
# Obsidian's own properties and common note metadata: allowed, never reported.
IGNORED_KEYS = frozenset({"aliases", "alias", "cssclasses", "cssclass", "tags", "publish",
                          "created", "updated", "modified"})
# ``feedback_requested`` words for "there is no one to ask" (an automated, no-reply
# rejection): no request is due, and none is counted as made.
NO_ONE_TO_ASK = ("none", "no", "n/a", "not possible")
# Dates that may lie ahead: plans, not events.
FUTURE_OK = frozenset({"next_action_date", "informational"})
_APP_EXAMPLE = ('add these lines at the very top: "---", "company: Acme", '
                '"role: Data Analyst", "status: wishlist", "---"')
_PERSON_EXAMPLE = ('add these lines at the very top: "---", "company: Acme", '
                   '"role: recruiter", "---"')
_LINK = re.compile(r"\[\[(.*)\]\]", re.S)
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
WEB_URL = re.compile(r"https?://[^\s/?#]+", re.I)     # what url: must start with

_Dated = tuple[str, date, Pos]   # (label, date, position)


def _show(value: Any) -> str:
    """A value as the user wrote it, short enough for a message."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = value
    else:
        text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def match_choice(value: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice ``value`` names, in its listed spelling: equal after trimming and
    case-folding, with ``_`` and spaces read as ``-`` ("Job_Board" is job-board)."""
    def fold(text: str) -> str:
        return re.sub(r"[\s_-]+", "-", text.strip()).casefold()

    if value in choices:
        return value
    folded = fold(value)
    return next((choice for choice in choices if fold(choice) == folded), None)


def _link_target(text: str) -> str:
    """``[[people/Jane Doe|Jane]]`` -> ``Jane Doe``: the note a wikilink names."""
    target = re.split(r"[|#]", text, maxsplit=1)[0]
    target = target.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return target[:-3] if target.lower().endswith(".md") else target


class _Reader:
    """Reads typed values out of one note's front matter, collecting findings as it goes."""

    def __init__(self, rel: str, parsed: ParsedNote, today: date) -> None:
        assert parsed.front is not None
        self.rel = rel
        self.front = parsed.front
        self.data: dict[Any, Any] = parsed.front.data
        self.today = today
        self.diagnostics: list[Diagnostic] = []
        self.bad: set[str] = set()            # keys whose value was rejected here
        self.typos: dict[str, str] = {}       # known key -> unknown key that looks like it
        self.positions: dict[str, Pos] = {}
        for key in self.data:
            if isinstance(key, str):
                self.positions[key] = self.pos(key)

    # -- positions and findings ---------------------------------------------------------

    def pos(self, key: str) -> Pos:
        return self.front.value_pos.get(key) or self.key_pos(key)

    def key_pos(self, key: str) -> Pos:
        return self.front.key_pos.get(key) or START

    def item_pos(self, key: str, index: int) -> Pos:
        items = self.front.item_pos.get(key) or []
        return items[index] if index < len(items) else self.pos(key)

    def error(self, pos: Pos, rule: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(error(self.rel, pos.line, pos.column, rule, message, hint))

    def warning(self, pos: Pos, rule: str, message: str, hint: str | None = None) -> None:
        self.diagnostics.append(warning(self.rel, pos.line, pos.column, rule, message, hint))

    def reject(self, key: str, pos: Pos, rule: str, message: str, hint: str | None = None) -> None:
        """An error that drops the key's value."""
        self.bad.add(key)
        self.error(pos, rule, message, hint)

    def dropped(self, key: str) -> bool:
        """True when the key was written but its value was rejected (here or by frontmatter)."""
        return key in self.bad or (key in self.front.key_pos and key not in self.data)

    # -- keys ---------------------------------------------------------------------------

    def check_keys(self, known: tuple[str, ...]) -> None:
        for key in self.data:
            name = str(key)
            if name in known or name in IGNORED_KEYS or name.startswith("_"):
                continue
            suggestion = did_you_mean(name, known)
            if suggestion:
                self.typos.setdefault(suggestion, name)
                hint = f"did you mean `{suggestion}`?"
            else:
                hint = "remove it, or start its name with `_` to keep it for yourself"
            self.warning(self.key_pos(name), "unknown-key", f"unknown key `{name}`", hint)

    def required(self, key: str, value: Any, consequence: str) -> None:
        """Report a required key that is missing or empty (``value`` is None)."""
        if value is not None or self.dropped(key):
            return
        typo = self.typos.get(key)
        if key in self.data:
            pos, message = self.key_pos(key), f"{key} is empty; {consequence}"
        else:
            pos, message = START, f"missing required key `{key}`; {consequence}"
        hint = (f"`{typo}` looks like a misspelling of `{key}`" if typo
                else f"add `{key}: ...` to the front matter")
        self.error(pos, "required", message, hint)

    # -- scalar values ------------------------------------------------------------------

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, bool):
            self.reject(key, self.pos(key), "type", f"{key} must be text, not `{_show(value)}`",
                        f'put it in quotes: {key}: "{_show(value)}"')
            return None
        if isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, date):
            return value.isoformat()
        if not isinstance(value, str):
            kind = "a list" if isinstance(value, list) else "a nested block"
            self.reject(key, self.pos(key), "type", f"{key} must be text, not {kind}",
                        "write the value on the same line as the key")
            return None
        return value.strip() or None

    def enum(self, key: str, choices: list[str] | tuple[str, ...]) -> str | None:
        """One of ``choices`` (see ``match_choice``), returned in its listed spelling; a
        value written another way gets an info hint with the listed spelling."""
        value = self.text(key)
        if value is None:
            return None
        choice = match_choice(value, choices)
        if choice is not None:
            raw = self.data.get(key)
            if raw != choice:
                shown = f'"{raw}"' if isinstance(raw, str) and raw != raw.strip() else raw
                pos = self.pos(key)
                self.diagnostics.append(info(
                    self.rel, pos.line, pos.column, "enum-spelling",
                    f"{key} `{_show(shown)}` is read as `{choice}`",
                    f"write `{key}: {choice}`: other tools reading the vault see the "
                    "text as it is written"))
            return choice
        suggestion = did_you_mean(value, choices)
        self.reject(key, self.pos(key), "enum",
                    f"{key} `{value}` is not one of: {', '.join(choices)}",
                    f"did you mean `{suggestion}`?" if suggestion else None)
        return None

    def _to_date(self, value: Any, label: str, key: str, pos: Pos) -> date | None:
        if isinstance(value, datetime):
            return self._plausible(value.date(), label, key, pos)
        if isinstance(value, date):
            return self._plausible(value, label, key, pos)
        if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
            found = real_date(*(int(part) for part in value.strip().split("-")))
            if found:
                return self._plausible(found, label, key, pos)
            self.reject(key, pos, "type", f"{label} `{value.strip()}` is not a real date",
                        "check the day and the month")
            return None
        hint = (date_hint(value, self.today) if isinstance(value, str)
                else f"write it as YYYY-MM-DD, for example {self.today.isoformat()}")
        self.reject(key, pos, "type",
                    f"{label} must be a date written YYYY-MM-DD, not `{_show(value)}`", hint)
        return None

    def _plausible(self, day: date, label: str, key: str, pos: Pos) -> date | None:
        if is_plausible_date(day):
            return day
        unknown = (f"leave `{key}:` empty" if label == key
                   else f"leave this {label.rsplit(' ', 1)[0]} out")
        self.reject(key, pos, "date-range",
                    f"{label}: {day.isoformat()} is not a plausible date (jobnotes reads dates "
                    f"from {EARLIEST_DATE.year} to {LATEST_DATE.year})",
                    f"write the real date, for example {self.today.isoformat()}; "
                    f"if it is not known, {unknown}")
        return None

    def date_of(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        return self._to_date(value, key, key, self.pos(key))

    def feedback_requested(self) -> tuple[date | None, bool]:
        """(the date, whether there is no one to ask): a date, or one of ``NO_ONE_TO_ASK``."""
        key = "feedback_requested"
        value = self.data.get(key)
        if isinstance(value, str) and " ".join(value.split()).casefold() in NO_ONE_TO_ASK:
            return None, True
        seen = len(self.diagnostics)
        day = self.date_of(key)
        if len(self.diagnostics) > seen and self.diagnostics[-1].rule == "type":
            last = self.diagnostics[-1]
            self.diagnostics[-1] = replace(
                last, hint=f"{last.hint}; or `{key}: none` when there is no one to ask")
        return day, False

    def integer(self, key: str, low: int, high: int) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            self.reject(key, self.pos(key), "type",
                        f"{key} must be a whole number from {low} to {high}, "
                        f"not `{_show(value)}`", f"write a number, e.g. {key}: {high}")
            return None
        if not low <= value <= high:
            self.reject(key, self.pos(key), "range",
                        f"{key} {value} is outside {low} to {high}",
                        f"use a number from {low} to {high}")
            return None
        return value

    def url(self, key: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        squashed = re.sub(r"[\x00-\x20\x7f]+", "", value).lower()
        if squashed.startswith(_UNSAFE_SCHEMES):
            self.reject(key, self.pos(key), "url-unsafe",
                        f"{key} is a script link, which is never shown or followed",
                        "use the page's https:// address")
            return None
        if not WEB_URL.match(value):
            has_scheme = re.match(r"[a-z][a-z0-9+.-]*:", value, re.I)
            self.warning(self.pos(key), "url",
                         f"{key} `{_show(value)}` is not a web address starting with "
                         "http:// or https://",
                         None if has_scheme else f"write https://{value}")
        return value

    def email(self, key: str) -> str | None:
        value = self.text(key)
        if value is None:
            return None
        if value.lower().startswith("mailto:"):
            value = value[len("mailto:"):]
        if "@" not in value:
            self.warning(self.pos(key), "email",
                         f"{key} `{_show(value)}` does not look like an email address",
                         "write it as name@example.com")
        return value

    # -- lists --------------------------------------------------------------------------

    def _items(self, key: str) -> list[tuple[Any, Pos]]:
        """The key's items with positions; a single value counts as a one-item list."""
        value = self.data.get(key)
        if value is None or value == "":
            return []
        if not isinstance(value, list):
            return [(value, self.pos(key))]
        return [(item, self.item_pos(key, i)) for i, item in enumerate(value)
                if item is not None and item != ""]

    def dates_of(self, key: str, noun: str) -> list[tuple[date, Pos]]:
        found = []
        for number, (item, pos) in enumerate(self._items(key), 1):
            if isinstance(item, (list, dict)):
                self.reject(key, pos, "type", f"{noun} {number} must be a date, not a list",
                            f"write one date per item, for example {self.today.isoformat()}")
                continue
            seen = len(self.diagnostics)
            day = self._to_date(item, f"{noun} {number}", key, pos)
            if day is not None:
                found.append((day, pos))
            elif len(self.diagnostics) > seen and isinstance(item, str):
                parts = [part.strip() for part in re.split(r"[,;]", item) if part.strip()]
                if len(parts) > 1:      # "a, b" without brackets: one text, not a list
                    self.diagnostics[-1] = replace(
                        self.diagnostics[-1],
                        hint=f"write a list: {key}: [{', '.join(parts)}]")
        self._item_positions(key, [pos for _, pos in found])
        return found

    def texts(self, key: str) -> list[tuple[str, Pos]]:
        found = []
        for item, pos in self._items(key):
            if isinstance(item, list) and len(item) == 1 and isinstance(item[0], str):
                item = f"[[{item[0]}]]"   # an unquoted [[link]] that reached us as a list
            if isinstance(item, (bool, list, dict)):
                self.reject(key, pos, "type", f"each {key} item must be text, not "
                            f"`{_show(item)}`", f'put it in quotes: "{_show(item)}"')
                continue
            text = item.isoformat() if isinstance(item, date) else str(item).strip()
            if text:
                found.append((text, pos))
        return found

    def contacts(self, key: str = "contacts") -> list[tuple[str, Pos]]:
        found = []
        for text, pos in self.texts(key):
            match = _LINK.fullmatch(text)
            name = _link_target(match.group(1)) if match else text
            if not name:
                self.reject(key, pos, "type", f"`{text}` names no person",
                            'write the person\'s note name, e.g. "[[Jane Doe]]"')
                continue
            if not match:
                self.warning(pos, "contact-link",
                             f"contact `{text}` is not a link to a person note",
                             f'write it as "[[{name}]]" so it links to their note')
            found.append((name, pos))
        self._item_positions(key, [pos for _, pos in found])
        return found

    def _item_positions(self, key: str, positions: list[Pos]) -> None:
        for index, pos in enumerate(positions):
            self.positions[sys.intern(f"{key}[{index}]")] = pos

    # -- consistency --------------------------------------------------------------------

    def in_order(self, items: list[_Dated], after: _Dated | None = None) -> _Dated | None:
        """Report each date earlier than the latest one before it; return the latest."""
        latest = after
        for label, day, pos in items:
            if latest is not None and day < latest[1]:
                self.error(pos, "date-order",
                           f"{label} ({day.isoformat()}) is before {latest[0]} "
                           f"({latest[1].isoformat()})",
                           "check both dates: each stage happens on or after the one before it")
            else:
                latest = (label, day, pos)
        return latest

    def not_future(self, items: list[_Dated]) -> None:
        for label, day, pos in items:
            if day > self.today:
                self.error(pos, "future-date",
                           f"{label} ({day.isoformat()}) is after today "
                           f"({self.today.isoformat()})",
                           "dates record what already happened; "
                           "put plans in next_action and next_action_date")


def _missing_front(rel: str, parsed: ParsedNote, example: str) -> list[Diagnostic]:
    # A front matter block that is there but broken has already been reported.
    if any(d.is_error for d in parsed.diagnostics):
        return []
    return [error(rel, 1, 1, "frontmatter-missing",
                  "this note has no front matter block, so jobnotes cannot read it", example)]


def validate_application(rel: str, stem: str, parsed: ParsedNote, settings: Settings,
                         today: date) -> tuple[Application | None, list[Diagnostic]]:
    """Check one application note; None when it cannot be shown (findings say why)."""
    if parsed.front is None:
        return None, _missing_front(rel, parsed, _APP_EXAMPLE)
    r = _Reader(rel, parsed, today)
    r.check_keys(APP_KEYS)
    skipped = "the note is left out until it is set"
    company, role = r.text("company"), r.text("role")
    status = r.enum("status", STATUSES)
    r.required("company", company, skipped)
    r.required("role", role, skipped)
    r.required("status", status, skipped)
    job_type = r.enum("type", JOB_TYPES)
    channel = r.enum("channel", settings.channels)
    dates: dict[str, date | None] = {}
    no_one_to_ask = False
    for key in APP_DATE_KEYS:
        if key == "feedback_requested":
            dates[key], no_one_to_ask = r.feedback_requested()
        else:
            dates[key] = r.date_of(key)
    interviews = r.dates_of("interviews", "interview")
    followed_up = r.dates_of("followed_up", "follow-up")
    contacts = r.contacts()
    fields = {key: r.text(key) for key in APP_TEXT_KEYS if key not in ("company", "role")}
    url = r.url("url")
    excitement = r.integer("excitement", 1, 5)
    skills = [text for text, _ in r.texts("skills")]
    tags = [text.lstrip("#") for text, _ in r.texts("tags") if text.lstrip("#")]

    if status is not None and status != "wishlist":
        r.required("applied", dates["applied"], "every application past `wishlist` needs it")
        if job_type != "informational":
            r.required("channel", channel,
                       f"it is needed once applied (one of: {', '.join(settings.channels)})")
    _check_dates(r, dates, interviews)
    _check_follow_ups(r, dates["applied"], followed_up)
    if status is not None:
        _check_status(r, status, dates, interviews)

    if company is None or role is None or status is None:
        return None, r.diagnostics
    return Application(
        rel=rel, slug="", stem=stem, company=company, role=role, status=status,
        channel=channel, type=job_type, interviews=[day for day, _ in interviews],
        followed_up=[day for day, _ in followed_up],
        contacts=[name for name, _ in contacts], skills=skills, url=url, tags=tags,
        excitement=excitement, feedback_not_possible=no_one_to_ask, body=parsed.body,
        body_line=parsed.body_line, positions=r.positions, **dates, **fields,
    ), r.diagnostics


def _check_dates(r: _Reader, dates: dict[str, date | None],
                 interviews: list[tuple[date, Pos]]) -> None:
    def dated(*keys: str) -> list[_Dated]:
        return [(key, dates[key], r.pos(key)) for key in keys if dates[key] is not None]

    rounds = [(f"interview {i}", day, pos) for i, (day, pos) in enumerate(interviews, 1)]
    latest = r.in_order(dated("applied", "screening") + rounds)
    for outcome in dated(*OUTCOME_DATE_KEYS):
        r.in_order([outcome], latest)
    offer = dated("offer")
    for answer in dated("accepted", "declined"):
        r.in_order([answer], offer[0] if offer else None)
    r.in_order(dated("rejected", "feedback_requested", "feedback_received"))
    r.not_future(dated(*(key for key in APP_DATE_KEYS if key not in FUTURE_OK)))


def _check_follow_ups(r: _Reader, applied: date | None,
                      followed_up: list[tuple[date, Pos]]) -> None:
    """Follow-ups come after applying, in date order, and have already happened."""
    sent = [(f"follow-up {i}", day, pos) for i, (day, pos) in enumerate(followed_up, 1)]
    r.in_order(sent, None if applied is None else ("applied", applied, r.pos("applied")))
    r.not_future(sent)


def _check_status(r: _Reader, status: str, dates: dict[str, date | None],
                  interviews: list[tuple[date, Pos]]) -> None:
    # A stage date not yet written is a gap, not a broken note: the status still says
    # where the application stands (as for screening), so these are warnings.
    where = r.pos("status")
    if status in OUTCOME_DATE_KEYS and dates[status] is None and not r.dropped(status):
        r.warning(where, "status-dates", f"status is {status} but no `{status}` date is set",
                  f"add `{status}: YYYY-MM-DD` with the day it happened")
    if status == "interviewing" and not interviews and not r.dropped("interviews"):
        r.warning(where, "status-dates",
                  "status is interviewing but no interview date is set",
                  "add `interviews: [YYYY-MM-DD]` with the date of each round")
    if status == "screening" and dates["screening"] is None and not r.dropped("screening"):
        r.warning(where, "status-dates", "status is screening but no `screening` date is set",
                  "add `screening: YYYY-MM-DD` with the day of the first response")
    for key in OUTCOME_DATE_KEYS:
        day = dates[key]
        if day is None or key == status:
            continue
        if key == "offer" and status not in ("wishlist", "applied", "screening", "interviewing"):
            continue
        r.warning(r.pos(key), "status-dates",
                  f"{key} is set ({day.isoformat()}) but status is `{status}`",
                  f"set `status: {key}`, or remove `{key}:` if it did not happen")


def validate_person(rel: str, stem: str, parsed: ParsedNote, settings: Settings,
                    today: date) -> tuple[Person | None, list[Diagnostic]]:
    """Check one person note. A person is kept even with errors: the name is the file name."""
    if parsed.front is None:
        person = Person(rel=rel, slug="", name=stem, body=parsed.body, body_line=parsed.body_line)
        return person, _missing_front(rel, parsed, _PERSON_EXAMPLE)
    r = _Reader(rel, parsed, today)
    r.check_keys(PERSON_KEYS)
    company = r.text("company")
    role = r.enum("role", PERSON_ROLES)
    linkedin = r.url("linkedin")
    email = r.email("email")
    dates = {key: r.date_of(key) for key in PERSON_DATE_KEYS}
    touches = r.dates_of("touches", "touch")
    tags = [text.lstrip("#") for text, _ in r.texts("tags") if text.lstrip("#")]

    met = [("met", dates["met"], r.pos("met"))] if dates["met"] else []
    # Only the thank-you follows the meeting; a LinkedIn connection or a message may
    # come first (many contacts start online), so they are not ordered against met.
    thanked = [("thanked", dates["thanked"], r.pos("thanked"))] if dates["thanked"] else []
    r.in_order(thanked, met[0] if met else None)
    later = [(key, dates[key], r.pos(key)) for key in ("connected",) if dates[key]]
    later += [(f"touch {i}", day, pos) for i, (day, pos) in enumerate(touches, 1)]
    r.not_future(met + thanked + later)

    return Person(
        rel=rel, slug="", name=stem, company=company, role=role, linkedin=linkedin,
        email=email, touches=[day for day, _ in touches], tags=tags, body=parsed.body,
        body_line=parsed.body_line, positions=r.positions, **dates,
    ), r.diagnostics
