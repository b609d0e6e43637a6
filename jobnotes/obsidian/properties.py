"""A note's properties (its front matter) as Obsidian shows them above the note: each key
with its values as text, a list as several values, in the order written.

Only what the page shows elsewhere or Obsidian itself hides is left out (``tags`` have
their own card, ``cssclasses`` only style a note in Obsidian). A value written as one
``[[link]]`` is kept as a link target, and an ``https://`` address as an address, for the
page to link them as Obsidian does; a date reads as every date on the site (5 Mar 2024).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jobnotes.day_text import short_day

HIDDEN = frozenset({"tags", "tag", "cssclasses", "cssclass"})

# A whole value that is one wiki link: [[Target]], [[Target#Heading]], [[Target|Shown]].
_WIKI_LINK = re.compile(r"\[\[([^\[\]|#]+)(#[^\[\]|]*)?(?:\|([^\[\]]+))?\]\]")
_ADDRESS = re.compile(r"https?://\S+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Value:
    text: str                       # what the page shows
    target: str | None = None       # a note the value links to, as written ("Acme")
    address: str | None = None      # a web address the value is


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    values: tuple[Value, ...]


def shown_properties(data: Mapping[Any, Any]) -> tuple[Property, ...]:
    """Every property worth showing, with at least one value, in the order written."""
    found = []
    for key, raw in data.items():
        name = str(key)
        if name.casefold() in HIDDEN:
            continue
        items = raw if isinstance(raw, list) else [raw]
        values = tuple(value for item in items if (value := _value(item)) is not None)
        if values:
            found.append(Property(name, values))
    return tuple(found)


def _value(item: Any) -> Value | None:
    if item is None:
        return None
    if isinstance(item, bool):
        return Value("Yes" if item else "No")
    if isinstance(item, datetime):
        return Value(f"{short_day(item.date())} {item:%H:%M}")
    if isinstance(item, date):
        return Value(short_day(item))
    if isinstance(item, Mapping):
        text = ", ".join(f"{k}: {v}" for k, v in item.items())
        return Value(text) if text else None
    if isinstance(item, list):
        text = ", ".join(str(v) for v in item if v is not None)
        return Value(text) if text else None
    text = str(item).strip()
    if not text:
        return None
    link = _WIKI_LINK.fullmatch(text)
    if link is not None:
        target = link.group(1).strip()
        return Value((link.group(3) or target).strip(), target=target)
    if _ADDRESS.fullmatch(text):
        return Value(text, address=text)
    return Value(text)
