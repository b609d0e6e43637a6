"""What a note body links to and which headings and blocks it has, from a quick scan.

Used when a vault is loaded (link findings, which other notes get a page) and to check
that ``[[Note#Heading]]`` exists. It is a scan, not a full Markdown parse, so ``check``
stays fast on large vaults: code fences, inline code, ``%%comments%%`` and HTML comments
are blanked out first (keeping every offset), then links and headings are matched line
by line, with exact lines and columns. Rendering uses the full parser.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from jobnotes.memo import Memo
from jobnotes.obsidian.anchors import block_id, heading_id
from jobnotes.obsidian.links import Target, is_local, parse_target, with_subpath


@dataclass(frozen=True, slots=True)
class LinkRef:
    """One link, embed or local Markdown link/image as written in a body."""

    target: Target
    text: str          # as written: "[[Jane Doe|Jane]]", "[Jane](../people/Jane%20Doe.md)"
    line: int          # 1-based within the body
    column: int        # 1-based
    markdown: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    title: str
    id: str            # without the "-2" suffix a repeated heading gets
    line: int


@dataclass(frozen=True, slots=True)
class NoteScan:
    links: tuple[LinkRef, ...]


@dataclass(frozen=True, slots=True)
class Anchors:
    """The headings and block ids of a note: what ``[[Note#...]]`` can point to."""

    headings: tuple[Heading, ...]
    blocks: frozenset[str]          # element ids: "b-quote-1"

    def has_heading(self, title: str) -> bool:
        wanted = heading_id(title)
        return any(h.id == wanted for h in self.headings)

    def has_block(self, name: str) -> bool:
        return block_id(name) in self.blocks

    def heading_titles(self) -> list[str]:
        return [h.title for h in self.headings]


def target_from_url(url: str, *, embed: bool = False) -> Target:
    """A local Markdown link's URL as a link target: ``../a%20b.md#Notes`` (with its
    backslash escapes and entities already decoded, as the parser gives it)."""
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1]
    path, _, frag = url.partition("#")
    sub = unquote(frag)
    return with_subpath(unquote(path) + (f"#{sub}" if sub else ""), embed=embed)


# --- blanking what is not prose ----------------------------------------------------------

_FENCE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)*[ \t]{0,3}(`{3,}|~{3,})")
# Read left to right as the parser does: a wikilink met before a code span keeps its
# backticks (``[[Note#Code `x`]]``), a code span met first hides the wikilink in it.
_WIKILINK_OR_CODE = re.compile(r"(?<!\\)!?\[\[[^\[\]\n]+?\]\]"
                               r"|(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.S)
_COMMENT = re.compile(r"%%.*?(?:%%|\Z)|<!--.*?(?:-->|\Z)", re.S)


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def _mask_fences(body: str) -> str:
    lines = body.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None:
            if match and not (match.group(1)[0] == "`" and "`" in line[match.end():]):
                fence = match.group(1)
                lines[i] = " " * len(line)
            continue
        lines[i] = " " * len(line)
        if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) \
                and not line[match.end():].strip():
            fence = None
    return "\n".join(lines)


def _blank_code(match: re.Match[str]) -> str:
    return _blank(match.group(0)) if match.group("ticks") else match.group(0)


def _masked(body: str, *, keep_code: bool) -> str:
    """``body`` with fenced code and comments blanked, and inline code too unless
    ``keep_code``."""
    text = _mask_fences(body) if ("```" in body or "~~~" in body) else body
    hidden = _WIKILINK_OR_CODE.sub(_blank_code, text) if "`" in text else text
    if "%%" in hidden or "<!--" in hidden:
        # comments are found with code hidden: no "%%" in code opens one
        spans = [m.span() for m in _COMMENT.finditer(hidden)]
        hidden = _blank_spans(hidden, spans)
        if keep_code:
            text = _blank_spans(text, spans)
    return text if keep_code else hidden


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    parts, last = [], 0
    for start, end in spans:
        parts += [text[last:start], _blank(text[start:end])]
        last = end
    return "".join(parts) + text[last:]


def prose(body: str) -> str:
    """``body`` with code and comments replaced by spaces (same length, same lines)."""
    return _masked(body, keep_code=False)


# --- links, headings, blocks -----------------------------------------------------------------

# A wikilink, "[[...]]" or "![[...]]", unless a backslash escapes it. Its "[[" is looked
# for first: the regex engine jumps from one to the next in C, where a pattern starting with
# the lookbehind and the optional "!" made it try every character of every note.
_WIKILINK_BRACKETS = re.compile(r"\[\[([^\[\]\n]+?)\]\]")
_MD_LINK = re.compile(r"(?<![\\\]])(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
                      r"\(\s*(<[^>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)(?:\s+[\"'(][^\n]*?)?\s*\)")
_HEADING = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)*[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$",
                      re.M)
_BLOCK_ID = re.compile(r"(?:^|\s)\^([A-Za-z0-9-]+)[ \t]*$", re.M)


_NEWLINE = re.compile("\n")


class _Where:
    """1-based line and column of offsets in ``text``. A note has few links, and counting
    the lines before each is quickest; past a few, the line starts are found once (a long
    note full of links would otherwise be counted over again for every one)."""

    COUNTED = 8

    def __init__(self, text: str) -> None:
        self.text = text
        self.asked = 0
        self.starts: list[int] | None = None

    def __call__(self, offset: int) -> tuple[int, int]:
        self.asked += 1
        if self.starts is None and self.asked <= self.COUNTED:
            line_start = self.text.rfind("\n", 0, offset) + 1
            return self.text.count("\n", 0, offset) + 1, offset - line_start + 1
        if self.starts is None:
            self.starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
        line = bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1


def _links(text: str, body: str) -> list[LinkRef]:
    """The links of ``text`` (``body`` as ``prose`` gives it), each quoted from ``body``."""
    found: list[tuple[int, LinkRef]] = []
    where = _Where(text)
    if "[[" in text:
        for start, end, inner, embed in wikilink_spans(text):
            target = parse_target(inner, embed=embed)
            if target.path or target.subpath:
                line, column = where(start)
                found.append((start, LinkRef(target, body[start:end], line, column)))
    if "](" in text:
        for match in _MD_LINK.finditer(text):
            url = _destination(match.group(3))
            if not is_local(url) or match.group(2).startswith("^"):
                continue
            line, column = where(match.start())
            target = target_from_url(url, embed=bool(match.group(1)))
            written = body[match.start():match.end()]
            found.append((match.start(), LinkRef(target, written, line, column, markdown=True)))
    return [ref for _, ref in sorted(found, key=lambda pair: pair[0])]


def wikilink_spans(text: str) -> Iterator[tuple[int, int, str, bool]]:
    """(start, end, text inside the brackets, embed) of each ``[[...]]`` or ``![[...]]``
    not escaped by a backslash (``\\[[``)."""
    pos = 0
    while (match := _WIKILINK_BRACKETS.search(text, pos)) is not None:
        start, end = match.span()
        before = text[start - 1] if start else ""
        if before == "!" and (start == 1 or text[start - 2] != "\\"):
            yield start - 1, end, match.group(1), True
        elif before == "\\":
            pos = start + 1
            continue
        else:
            yield start, end, match.group(1), False
        pos = end


def _destination(url: str) -> str:
    """A link destination as the parser reads it: ``<...>`` unwrapped, backslash escapes
    and entities decoded (``&#106;avascript:`` is a script link, not a note)."""
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1]
    if "&" not in url and "\\" not in url:
        return url
    from markdown_it.common.utils import unescapeAll  # (its package loads the parser)

    return unescapeAll(url)


# Characters that can make a heading's text differ from what it is written with.
_INLINE_MARKUP = re.compile(r"[`*_\[\]<>&\\=~%]")


def heading_text(written: str) -> str:
    """A heading as Obsidian matches links against it, and as its id is made on the
    page: its plain text, code text kept (``Code `x` and **bold**`` -> ``Code x and
    bold``)."""
    if _INLINE_MARKUP.search(written):
        from jobnotes.markdown import inline_text  # (it imports this package)

        written = inline_text(written)
    return " ".join(written.split())


def _headings(text: str) -> list[Heading]:
    """The headings of ``text``: a body with code blocks and comments blanked."""
    found = []
    if "#" not in text:
        return found
    where = _Where(text)
    for match in _HEADING.finditer(text):
        title = heading_text(match.group(2))
        line, _ = where(match.start())
        found.append(Heading(len(match.group(1)), title, heading_id(title), line))
    return found


def scan(body: str) -> NoteScan:
    """The links of a body (every note is scanned when a vault loads)."""
    found = SCANS.get(body)
    if found is None:
        found = NoteScan(tuple(_links(prose(body), body)))
        SCANS.keep(body, found)
    return found


# ``scan`` by note text (more than any vault holds); notes from the cache bring theirs.
SCANS = Memo(1 << 18)

EncodedScan = tuple[tuple[tuple[str, str, str, str, bool, str], str, int, int, bool], ...]


def encode_scan(body: str) -> EncodedScan:
    """``scan(body)`` as plain values, kept in the cache with the note."""
    encoded = []
    for ref in scan(body).links:
        t = ref.target
        encoded.append(((t.path, t.heading, t.block, t.alias, t.embed, t.size), ref.text,
                        ref.line, ref.column, ref.markdown))
    return tuple(encoded)


def remember_scan(body: str, encoded: EncodedScan) -> None:
    """Make ``scan(body)`` answer what ``encode_scan`` gave for the same text."""
    if body not in SCANS:
        SCANS.keep(body, NoteScan(tuple(
            LinkRef(Target(*target), text, line, column, markdown)
            for target, text, line, column, markdown in encoded)))


@functools.lru_cache(maxsize=1 << 18)   # per note text: more than any vault holds
def anchors(body: str) -> Anchors:
    """The headings and blocks of a body (only of notes something links into)."""
    text = prose(body)
    blocks = frozenset(block_id(m.group(1)) for m in _BLOCK_ID.finditer(text)) \
        if "^" in text else frozenset()
    return Anchors(tuple(_headings(_masked(body, keep_code=True))), blocks)
