"""Ids a note's headings and blocks get on a page; prefixed so they never clash with the
page's own ids."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

HEADING_ID_PREFIX = "h-"
BLOCK_ID_PREFIX = "b-"


def slugify(text: str) -> str:
    """Lower-case words joined by hyphens, keeping letters of any script."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_-]+", "-", text).strip("-")


def heading_id(title: str) -> str:
    return HEADING_ID_PREFIX + (slugify(title) or "section")


def numbered_ids(bases: Iterable[str]) -> list[str]:
    """The ids of a page's headings, in order, from their ``heading_id``s: a repeated one
    gets "-2", "-3"... whatever the headings' levels."""
    seen: dict[str, int] = {}
    ids = []
    for base in bases:
        n = seen[base] = seen.get(base, 0) + 1
        ids.append(base if n == 1 else f"{base}-{n}")
    return ids


def block_id(name: str) -> str:
    """``^quote-1`` (written ``name`` without the caret) -> ``b-quote-1``."""
    return BLOCK_ID_PREFIX + name.lstrip("^").casefold()
