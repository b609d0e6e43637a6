"""Text for the terminal: note values made safe to print, and words wrapped to a width.

A note is text anyone could have written (or imported from a spreadsheet): an escape
sequence in a company name could retitle the terminal window, hide lines, ring the bell
or rewrite what was printed before. ``clean`` is the one function every command passes
such text through before printing it for people; machine formats (JSON, CSV, calendar)
keep the values as they are (``json_for_terminal`` only escapes them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

# Escape sequences (ECMA-48), removed whole so that their parameters do not show as junk:
# CSI "ESC [ ... final" (colours, cursor moves, erasing), the control strings OSC, DCS, SOS,
# PM and APC with their terminator (BEL or ST; unterminated, only the opening goes and the
# rest shows as text), and the short "ESC intermediates final" forms (ESC 7, ESC c,
# ESC ( B, ...). The 8-bit C1 forms too.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)
# What is left of C0 (but tab and line feed), DEL and C1: removed. So are the bidirectional
# embeddings, overrides and isolates: a right-to-left override in a role reverses how the
# rest of the line shows ("Trojan source"); the plain marks (U+200E, U+200F) are harmless.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Line breaks of other systems, and the page and line tabulations, become line feeds.
_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x85]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")          # undecodable bytes read leniently
_JSON_UNESCAPED = re.compile(r"[\x7f-\x9f\u2028\u2029]")


def clean(text: object, *, tabs: bool = True, visible: bool = False) -> str:
    """``text`` safe to print: no escape sequence, no control character but line feeds
    (and tabs, unless ``tabs`` is false: then they become spaces).

    With ``visible``, control characters are written as escapes (a backslash, x and two
    hex digits) instead of removed: for findings that quote a value, which must show the
    character they are about (a status "appl" BEL "ied" is not "applied")."""
    text = str(text).replace("\r\n", "\n")
    if not visible:
        text = _BREAK.sub("\n", _SEQUENCE.sub("", text))
    if not tabs:
        text = text.replace("\t", " ")
    text = _CONTROL.sub(_escaped if visible else "", text)
    return _SURROGATE.sub("\ufffd", text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: object) -> str:
    """``clean`` text on one line: every run of white space (line breaks too) one space."""
    return " ".join(clean(text).split())


def json_for_terminal(data: str) -> str:
    """JSON text with DEL, C1 and the Unicode line separators written as ``\\u`` escapes:
    the same data, but nothing a terminal would act on (JSON escapes the C0 ones itself,
    and outside strings JSON is plain ASCII)."""
    return _JSON_UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", data)


# --- wrapping ----------------------------------------------------------------------------

def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (East Asian, emoji) characters two,
    combining marks and zero-width characters none."""
    if text.isascii():          # every ASCII character is one column: most text
        return len(text)
    total = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


Style = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Word:
    """What the wrapper keeps on one line when a line can hold it: a word, or a file path
    with its spaces, and the function that colours it (None: printed as it is)."""

    text: str
    style: Style | None = None


def words(text: str, style: Style | None = None) -> list[Word]:
    """``text`` split at white space, each word to be coloured by ``style``."""
    return [Word(part, style) for part in text.split()]


# A word too long for a line is broken after one of these (or at a space in a path), if
# that fills at least half the line; else where the line ends.
BREAK_AFTER = "/-"


def wrap(items: Iterable[Word], columns: int | None, first: str = "",
         rest: str = "") -> list[str]:
    """Lines of at most ``columns`` columns (one line when None), words joined by one
    space, starting with ``first`` then ``rest`` (a hanging indent). A word longer than a
    line starts a line of its own and is broken to fit, each piece under the indent (see
    ``pieces``): no line is wider than ``columns`` unless the indent leaves no room for
    one character. Neighbouring words of one style are coloured as one run, which ends
    with its line."""
    lines: list[list[Word]] = [[]]
    used = width(first)
    indent = width(rest)
    for word in items:
        size = width(word.text)
        if columns is not None and lines[-1] and used + 1 + size > columns:
            lines.append([])
            used = indent
        if columns is not None and used + size > columns:
            *full, last = pieces(word.text, columns - used, columns - indent)
            for piece in full:      # a space it was broken at goes, as between words
                lines[-1].append(Word(piece.rstrip(" "), word.style))
                lines.append([])
                used = indent
            word, size = Word(last, word.style), width(last)
        used += size + (1 if lines[-1] else 0)
        lines[-1].append(word)
    return [(first if n == 0 else rest) + _styled(line) for n, line in enumerate(lines)]


def pieces(text: str, room: int, then: int | None = None) -> list[str]:
    """``text`` in pieces of at most ``room`` columns, then ``then`` (default ``room``),
    that give ``text`` back when joined. A piece ends after the last "/" or "-" that
    lets it fill at least half its room, or after a space, else where the room ends.
    Spaces ending a piece do not count: a line breaks there. A piece holds at least one
    character, so only a character wider than the room can overflow it."""
    room = max(room, 1)
    then = room if then is None else max(then, 1)
    found: list[str] = []
    while width(text.rstrip(" ")) > room:
        cut = _cut(text, room)
        found.append(text[:cut])
        text = text[cut:]
        room = then
    return [*found, text] if text or not found else found


def _cut(text: str, room: int) -> int:
    """Where the first piece of ``text`` (wider than ``room``) ends; see ``pieces``."""
    end = used = 0
    for char in text:
        used += width(char)
        if used > room:
            break
        end += 1
    if end == 0:                                        # one character wider than the room
        end = 1
        while end < len(text) and width(text[end]) == 0:
            end += 1
        return end
    if text[end] == " ":
        return end + 1
    for cut in range(end, 0, -1):
        if text[cut - 1] == " " or text[cut - 1] in BREAK_AFTER:
            if 2 * width(text[:cut].rstrip(" ")) >= room:
                return cut
            break
    return end


def _styled(line: list[Word]) -> str:
    runs: list[tuple[Style | None, list[str]]] = []
    for word in line:
        if runs and runs[-1][0] is word.style:
            runs[-1][1].append(word.text)
        else:
            runs.append((word.style, [word.text]))
    return " ".join(style(" ".join(texts)) if style else " ".join(texts)
                    for style, texts in runs)
