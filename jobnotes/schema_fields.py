"""Reading typed values out of one note's front matter, with positions and findings.

``FieldReader`` turns what YAML gave (text, numbers, dates, lists) into the values the model
holds, reporting each value it cannot use and dropping it. Which keys a note has and which are
required is for ``schema``; how dates relate to each other is for ``schema_stages``.

Choice fields (status, type, channel, role) accept a listed choice written another way
(``Job_Board``) and say so with an ``enum-spelling`` hint: other tools read the text as written.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from jobnotes.diagnostics import Diagnostic, error, info, warning
from jobnotes.frontmatter import ParsedNote
from jobnotes.model import START, Pos
from jobnotes.schema_dates import (
    EARLIEST_DATE,
    ISO_DATE,
    LATEST_DATE,
    date_hint,
    is_plausible_date,
    real_date,
)
from jobnotes.suggest import did_you_mean

_LINK = re.compile(r"\[\[(.*)\]\]", re.S)
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
WEB_URL = re.compile(r"https?://[^\s/?#]+", re.I)     # what url: must start with
_NEEDS_QUOTES = re.compile(r"^[\[{&*!|>'\"%@`#-]|: | #|[\[\]{},]")  # in a [list]
_YES = ("yes", "y", "on", "true")
_NO = ("no", "n", "off", "false")


def _show(value: Any) -> str:
    """A value as the user wrote it, short enough for a message."""
    text = _as_written(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _as_written(value: Any) -> str:
    """YAML's way of writing a value (``[a, b]``, ``{date: 2026-03-05}``, ``true``), not
    Python's (``['a', 'b']``, ``{'date': datetime.date(2026, 3, 5)}``, ``True``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list):
        return "[" + ", ".join(_as_written(item) for item in value) + "]"
    if isinstance(value, dict):     # {a, b} is a mapping whose values are empty
        pairs = (_as_written(k) if v is None else f"{_as_written(k)}: {_as_written(v)}"
                 for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    return str(value)


def _date_inside(value: dict[Any, Any]) -> str | None:
    """The date a set of properties holds (``{date: 2026-03-05, kind: phone}``), if one."""
    for item in value.values():
        if isinstance(item, date):
            return (item.date() if isinstance(item, datetime) else item).isoformat()
        if isinstance(item, str) and ISO_DATE.fullmatch(item.strip()):
            return item.strip()
    return None


def _as_text_hint(key: str, item: Any) -> str:
    """How to write a list item YAML read as something else as text."""
    if not isinstance(item, dict):
        return f'put it in quotes: "{_show(item)}"'
    if all(value is None or value is True for value in item.values()):
        # skills: {SQL, dbt} or skills: {SQL: true}: names written as a mapping.
        names = ", ".join(_as_written(name) for name in item)
        return f"write the names as a list: {key}: [{names}]"
    # - SQL: advanced: a colon and a space make YAML read a property.
    quoted = ", ".join(f'"{_as_written(name)}: {_as_written(value)}"'
                       for name, value in item.items())
    return ("a colon followed by a space starts a property in YAML: put the text in "
            f"quotes: {quoted}")


def _yes_or_no(value: Any) -> bool | None:
    """True or False for a yes/no answer (``yes``, ``off``, ``true``, ...), else None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in _YES:
            return True
        if word in _NO:
            return False
    return None


def match_choice(value: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice ``value`` names, in its listed spelling: equal after trimming and
    case-folding, with ``_`` and spaces read as ``-`` ("Job_Board" is job-board)."""
    def fold(text: str) -> str:
        return re.sub(r"[\s_-]+", "-", text.strip()).casefold()

    if value in choices:
        return value
    folded = fold(value)
    return next((choice for choice in choices if fold(choice) == folded), None)


def split_commas(text: str) -> list[str]:
    """``SQL, dbt, Looker`` -> its items; commas inside brackets do not split
    (``Python (pandas, numpy)``, ``[[Doe, Jane]]``). Empty items are dropped."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(depth - 1, 0)
        elif char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _link_target(text: str) -> str:
    """``[[people/Jane Doe|Jane]]`` -> ``Jane Doe``: the note a wikilink names."""
    target = re.split(r"[|#]", text, maxsplit=1)[0]
    target = target.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return target[:-3] if target.lower().endswith(".md") else target


class FieldReader:
    """Reads typed values out of one note's front matter, collecting findings as it goes."""

    def __init__(self, rel: str, parsed: ParsedNote, today: date) -> None:
        assert parsed.front is not None
        self.rel = rel
        self.front = parsed.front
        self.data: dict[Any, Any] = parsed.front.data
        self.today = today
        self.diagnostics: list[Diagnostic] = []
        self.bad: set[str] = set()            # keys whose value was rejected here
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
        if (answer := _yes_or_no(value)) is not None:
            hint = self._yes_no_date_hint(answer, _show(value), label, key)
        elif isinstance(value, str):
            hint = date_hint(value, self.today)
        elif isinstance(value, dict):
            hint = self._date_alone_hint(value, label, key)
        else:
            hint = f"write it as YYYY-MM-DD, for example {self.today.isoformat()}"
        self.reject(key, pos, "type",
                    f"{label} must be a date written YYYY-MM-DD, not `{_show(value)}`", hint)
        return None

    def _date_alone_hint(self, value: dict[Any, Any], label: str, key: str) -> str:
        """Properties where a date goes (``applied:`` with ``date:`` and ``via:`` under
        it): the date alone, the rest in the body."""
        inside = _date_inside(value) or self.today.isoformat()
        written = f"{key}: {inside}" if label == key else f"- {inside}"
        return (f"write the date alone, as in `{written}`; "
                "put what else you know about it in the note's body")

    def _yes_no_date_hint(self, answer: bool, written: str, label: str, key: str) -> str:
        """A date written as yes or no: the date itself is what counts, or nothing yet."""
        example = self.today.isoformat()
        if label == key:
            if answer:
                return f"write the date itself instead of `{written}`, for example {key}: {example}"
            return (f"leave `{key}:` empty until it happens, then write its date, "
                    f"e.g. {key}: {example}")
        if answer:
            return f"write the date of {label} instead of `{written}`, for example {example}"
        return f"leave {label} out of the list until it happens, then write its date"

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

    def integer(self, key: str, low: int, high: int) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d{1,6}\s*", value):
            value = int(value)      # "5" in quotes, read like a quoted date
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
            if isinstance(item, list):
                self.reject(key, pos, "type", f"{noun} {number} must be a date, not a list",
                            f"write one date per item, for example {self.today.isoformat()}")
                continue
            if isinstance(item, dict):
                self.reject(key, pos, "type",
                            f"{noun} {number} must be a date, not `{_show(item)}`",
                            self._date_alone_hint(item, f"{noun} {number}", key))
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

    def texts(self, key: str, *, split: bool = False) -> list[tuple[str, Pos]]:
        """The key's text items. With ``split``, one text written with commas
        (``SQL, dbt, Looker``) is read as that many items, with an info hint."""
        found = []
        for item, pos in self._split(key) if split else self._items(key):
            if isinstance(item, list) and len(item) == 1 and isinstance(item[0], str):
                item = f"[[{item[0]}]]"   # an unquoted [[link]] that reached us as a list
            if isinstance(item, (bool, list, dict)):
                self.reject(key, pos, "type", f"each {key} item must be text, not "
                            f"`{_show(item)}`", _as_text_hint(key, item))
                continue
            text = item.isoformat() if isinstance(item, date) else str(item).strip()
            if text:
                found.append((text, pos))
        return found

    def _split(self, key: str) -> list[tuple[Any, Pos]]:
        value = self.data.get(key)
        parts = split_commas(value) if isinstance(value, str) else []
        if len(parts) < 2:
            return self._items(key)
        pos = self.pos(key)
        if key == "contacts":       # the list form that also links each person's note
            listed = ", ".join(f'"{part}"' if _LINK.fullmatch(part) else f'"[[{part}]]"'
                               for part in parts)
        else:
            listed = ", ".join(f'"{part}"' if _NEEDS_QUOTES.search(part) else part
                               for part in parts)
        self.diagnostics.append(info(
            self.rel, pos.line, pos.column, "list-spelling",
            f"{key} `{_show(value)}` is read as a list of {len(parts)}, split at the commas",
            f"write it as a list: {key}: [{listed}]"))
        return [(part, pos) for part in parts]

    def contacts(self, key: str = "contacts") -> list[tuple[str, Pos]]:
        found = []
        for text, pos in self.texts(key, split=True):
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
