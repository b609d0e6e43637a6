"""Names made from what the user wrote: the page and file names of notes.

A name is lowercase words joined by "-". Latin letters lose their accents ("Zoë's café"
gives "zoe-s-cafe", as a URL would have it); letters of other scripts are kept as they
are ("شركة", "עדי-כהן", "東京"), so a note whose name is not in Latin letters still has
a name of its own, one that stays the same when other notes come and go.
"""

from __future__ import annotations

import re
import unicodedata

# UTF-8 bytes a name may take: file systems allow 255 for a whole file name.
MAX_BYTES = 200


_NOT_ASCII_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, fallback: str = "note") -> str:
    """``text`` as a name (``fallback`` when nothing of it is a letter or digit)."""
    if text.isascii():
        # What the loop below gives for ASCII (no accents to drop, nothing to compose),
        # in half the time: a vault's notes are named on every run.
        ascii_name = "-".join(w for w in _NOT_ASCII_ALNUM.split(text.lower()) if w)
        return ascii_name[:MAX_BYTES].rstrip("-") or fallback
    return _any_script_slug(text, fallback)


def _any_script_slug(text: str, fallback: str) -> str:
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(char):
            if kept and not kept[-1].isascii():
                kept.append(char)       # a mark on a letter of another script stays
            continue
        if char.isalnum():
            kept.append(char.lower())
        elif char.isascii():
            kept.append("-")            # other punctuation is left out, as it always was
    name = unicodedata.normalize("NFC", "".join(kept))
    words = [word for word in name.split("-") if word]
    result = "-".join(words)
    while len(result.encode("utf-8")) > MAX_BYTES:
        result = result[:-1]
    return result.rstrip("-") or fallback
