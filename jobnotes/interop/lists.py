"""List cells of a CSV (contacts, skills, tags): how ``export csv`` writes them and how
``import`` reads them back, so that an export imports to the same lists.

The rule, readable in any spreadsheet:
- items are separated by ``;`` (written ``"; "``); a cell with no ``;`` is split at
  commas instead, as spreadsheets made by hand often are (``SQL, Python``);
- a backslash makes the next ``;``, ``,`` or ``\\`` part of the item: the skill
  ``SQL; Python`` is written ``SQL\\; Python``, ``C:\\`` is written ``C:\\\\``;
- the export escapes every ``;`` and ``\\`` in an item, and a comma only in a list of one
  item (which has no ``;`` to split at): ``Communication\\, written``.
Line breaks in a cell separate items too. Spaces around items are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

ESCAPE = "\\"
_ESCAPED = frozenset(";,\\")


def join_items(items: Iterable[str]) -> str:
    """One cell for a list: ``["SQL; Python", "R"]`` -> ``SQL\\; Python; R``."""
    items = list(items)
    escaped = ";\\" if len(items) != 1 else ";,\\"
    return "; ".join("".join(ESCAPE + ch if ch in escaped else ch for ch in item)
                     for item in items)


def _chars(text: str) -> Iterator[tuple[str, bool]]:
    """(character, whether a backslash escaped it)."""
    index = 0
    while index < len(text):
        if text[index] == ESCAPE and text[index + 1:index + 2] in _ESCAPED:
            yield text[index + 1], True
            index += 2
        else:
            yield text[index], False
            index += 1


def split_items(text: str) -> list[str]:
    """The items of one cell, by the rule above; empty items are dropped."""
    chars = list(_chars(text))
    separators = (";\n" if any(ch in ";\n" and not escaped for ch, escaped in chars)
                  else ",\n")
    items: list[str] = []
    current: list[str] = []
    for ch, escaped in chars:
        if ch in separators and not escaped:
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return [item.strip() for item in items if item.strip()]
