"""A line scanner for plain notes: headings, tasks and tags without the Markdown parser.

Most notes are headings, paragraphs and flat lists. For those, headings, tasks and the
text lines a tag can sit on follow from the lines alone, at a hundredth of the cost of a
parse. ``scan_blocks`` returns None as soon as a text holds anything whose reading needs
the parser (code, quotes, HTML, tables, comments, block ids, nested or unusual lists,
setext headings, rules, unusual whitespace); callers then parse. Its answers are the
parser's, which tests/test_perf_invariants.py checks on generated texts.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

# What makes a whole text odd: whitespace other than a space or a line break (regular
# expressions' "[^\S\n ]"; the ASCII ones first) and the runs below. Looked for with "in",
# a few times faster than one expression on a text of notes' length.
_ODD_SPACES = ("\t", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f",
               "\x85", "\xa0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004",
               "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200a", "\u2028",
               "\u2029", "\u202f", "\u205f", "\u3000")
_ASCII_ODD_SPACES = _ODD_SPACES[:8]
_ODD_RUNS = ("\x00", "```", "~~~", "%%", "]:", "|", "^")
_RULE_LINE = re.compile(r" *(?:=+|-+|(?:[-*_] *){3,}) *\Z")
_ATX = re.compile(r"#{1,6}(?= |\Z)")
_ITEM = re.compile(r"(?:[-+*]|(\d{1,9})[.)]) ")
_BOX = re.compile(r"\[[^\t\n\v\f\r\[\]\\]\]")
# Box characters the parser always reads as plain text (others may open emphasis or code).
_PLAIN_BOX = frozenset(" xX/-?!<>\"'@+{}")
_PARA, _ITEM_PARA, _OTHER = 1, 2, 3


# An Obsidian tag as ``find_tags`` reads it: "#" after a line start, a space or an opening
# bracket; letters, digits, "_", "-" and "/"; at least one character that is not a digit.
TAG_RE = re.compile(r"(?<![^\s(\[{,;])#([\w/-]*[^\W\d][\w/-]*)")
# Inline syntax that changes the text a tag is read from (code spans, HTML, entities,
# escapes, link destinations), anywhere in a text; and emphasis or strikethrough delimiters
# on a line holding a "#".
_TEXT_CHANGES = ("`", "<", "&", "\\", "](")
_LINE_CHANGES = re.compile(r"[*~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


@dataclass(frozen=True, slots=True)
class Blocks:
    """What ``scan_blocks`` read: 0-based line numbers throughout."""

    headings: tuple[tuple[int, str, int], ...]    # level, title (stripped), line
    tasks: tuple[tuple[str, str, int], ...]       # box character, raw text after it, line
    # Tags in the inline text (paragraphs, items, headings) as (lower-case tag, line), as
    # a parse without Obsidian syntax reads them; None when that needs the parser.
    tags: tuple[tuple[str, int], ...] | None


def _line_tags(inline: str, line: int, found: list[tuple[str, int]]) -> bool:
    """Add the tags of one line of inline text; False when the parser must read it."""
    if "#" not in inline:
        return True
    if _LINE_CHANGES.search(inline):
        return False
    for match in TAG_RE.finditer(inline):
        tag = match.group(1).rstrip("/").casefold()
        if tag:
            found.append((tag, line))
    return True


def _atx_content(rest: str) -> str:
    """A heading's inline content: ``rest`` (after the ``#`` run) without a closing run."""
    end = rest.rstrip(" ")
    cut = end.rstrip("#")
    if len(cut) < len(end) and cut and cut[-1] == " ":
        end = cut
    return end.strip(" ")


def _starts_block(text: str) -> bool:
    return (text.startswith((">", "<")) or _ATX.match(text) is not None
            or _ITEM.match(text) is not None)


def _holds_any(text: str, parts: tuple[str, ...]) -> bool:
    return any(part in text for part in parts)


def _is_odd(text: str) -> bool:
    spaces = _ASCII_ODD_SPACES if text.isascii() else _ODD_SPACES
    return _holds_any(text, _ODD_RUNS) or _holds_any(text, spaces)


@functools.lru_cache(maxsize=1 << 18)
def scan_blocks(text: str) -> Blocks | None:
    """Headings, tasks and inline lines of a plain text; None when it needs the parser."""
    if _is_odd(text):
        return None
    headings: list[tuple[int, str, int]] = []
    found: list[list[Any]] = []
    tags: list[tuple[str, int]] | None = None if _holds_any(text, _TEXT_CHANGES) else []
    prev = 0                        # what the last line was: 0 blank, or one of _PARA...
    kind = ""                       # marker of the list being read ("-", ".", ...)
    task: list[Any] | None = None   # the task whose first paragraph is being read
    for i, line in enumerate(text.split("\n")):
        stripped = line.lstrip(" ")
        if not stripped:
            prev, task = 0, None
            continue
        if _RULE_LINE.match(line):
            return None
        if len(stripped) < len(line):                  # indented: only a continuation
            if prev not in (_PARA, _ITEM_PARA) or _starts_block(stripped):
                return None
            if task is not None:
                task[1].append(stripped)
            if tags is not None and not _line_tags(stripped, i, tags):
                tags = None
            continue
        heading = _ATX.match(line)
        if heading is not None:
            content = _atx_content(line[heading.end():])
            headings.append((heading.end(), content.strip(), i))
            if tags is not None and not _line_tags(content, i, tags):
                tags = None
            prev, kind, task = _OTHER, "", None
            continue
        if line.startswith((">", "<")):
            return None
        item = _ITEM.match(line)
        if item is not None:
            number = item.group(1)
            marker = line[item.end() - 2]
            content = line[item.end():]
            if not content.strip(" ") or content[0] == " " or _starts_block(content):
                return None
            if number is not None and int(number) != 1 and (
                    prev == _PARA or (prev == _ITEM_PARA and marker != kind)):
                return None
            prev, kind, task = _ITEM_PARA, marker, None
            if _BOX.match(content):
                box = content[1]
                if content[3:4] != " " or not content[4:].strip(" ") or not (
                        box in _PLAIN_BOX or box.isalnum()):
                    return None
                task = [box, [content[3:]], i]
                found.append(task)
                content = content[3:]
            if tags is not None and not _line_tags(content, i, tags):
                tags = None
            continue
        if prev not in (_PARA, _ITEM_PARA):
            prev, kind, task = _PARA, "", None
        elif task is not None:
            task[1].append(line)
        if tags is not None and not _line_tags(line, i, tags):
            tags = None
    return Blocks(tuple(headings), tuple((t[0], "\n".join(t[1]), t[2]) for t in found),
                  tuple((tag, line + 1) for tag, line in tags) if tags is not None else None)
