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
from dataclasses import dataclass
from urllib.parse import unquote

from jobnotes.obsidian.anchors import block_id, heading_id
from jobnotes.obsidian.links import Target, parse_target, with_subpath
from jobnotes.obsidian.mdlinks import is_local


@dataclass(frozen=True, slots=True)
class LinkRef:
    """One link, embed or local Markdown link/image as written in a body."""

    target: Target
    text: str          # as written: "[[Jane Doe|Jane]]", "../people/Jane%20Doe.md"
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
    """A local Markdown link's URL as a link target: ``../a%20b.md#Notes``."""
    url = url.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1]
    path, _, frag = url.partition("#")
    sub = unquote(frag)
    return with_subpath(unquote(path) + (f"#{sub}" if sub else ""), embed=embed)


# --- blanking what is not prose ----------------------------------------------------------

_FENCE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)*[ \t]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
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


def prose(body: str) -> str:
    """``body`` with code and comments replaced by spaces (same length, same lines)."""
    text = _mask_fences(body) if ("```" in body or "~~~" in body) else body
    if "`" in text:
        text = _CODE_SPAN.sub(lambda m: _blank(m.group(0)), text)
    if "%%" in text or "<!--" in text:
        text = _COMMENT.sub(lambda m: _blank(m.group(0)), text)
    return text


# --- links, headings, blocks -----------------------------------------------------------------

_WIKILINK = re.compile(r"(?<!\\)!?\[\[([^\[\]\n]+?)\]\]")
_MD_LINK = re.compile(r"(?<![\\\]])(!?)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]"
                      r"\(\s*(<[^>\n]*>|[^\s()]+(?:\([^\s()]*\)[^\s()]*)*)(?:\s+[\"'(][^\n]*?)?\s*\)")
_HEADING = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)*[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$",
                      re.M)
_MD_LINK_TEXT = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_BLOCK_ID = re.compile(r"(?:^|\s)\^([A-Za-z0-9-]+)[ \t]*$", re.M)


def _where(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` (a note has few links: counting is quickest)."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _links(text: str) -> list[LinkRef]:
    found: list[tuple[int, LinkRef]] = []
    if "[[" in text:
        for match in _WIKILINK.finditer(text):
            embed = match.group(0).startswith("!")
            target = parse_target(match.group(1), embed=embed)
            if target.path or target.subpath:
                line, column = _where(text, match.start())
                found.append((match.start(), LinkRef(target, match.group(0), line, column)))
    if "](" in text:
        for match in _MD_LINK.finditer(text):
            url = match.group(3)
            if not is_local(url.strip("<>")) or match.group(2).startswith("^"):
                continue
            line, column = _where(text, match.start())
            target = target_from_url(url, embed=bool(match.group(1)))
            found.append((match.start(), LinkRef(target, url, line, column, markdown=True)))
    return [ref for _, ref in sorted(found, key=lambda pair: pair[0])]


def _headings(text: str) -> list[Heading]:
    found = []
    if "#" not in text:
        return found
    for match in _HEADING.finditer(text):
        title = _MD_LINK_TEXT.sub(r"\1", match.group(2)).strip()
        for wikilink in _WIKILINK.finditer(title):
            title = title.replace(wikilink.group(0), parse_target(wikilink.group(1)).label())
        line, _ = _where(text, match.start())
        found.append(Heading(len(match.group(1)), title, heading_id(title), line))
    return found


@functools.lru_cache(maxsize=1 << 18)   # per note text: more than any vault holds
def scan(body: str) -> NoteScan:
    """The links of a body (every note is scanned when a vault loads)."""
    text = prose(body)
    return NoteScan(tuple(_links(text)))


@functools.lru_cache(maxsize=1 << 18)   # per note text: more than any vault holds
def anchors(body: str) -> Anchors:
    """The headings and blocks of a body (only of notes something links into)."""
    text = prose(body)
    blocks = frozenset(block_id(m.group(1)) for m in _BLOCK_ID.finditer(text)) \
        if "^" in text else frozenset()
    return Anchors(tuple(_headings(text)), blocks)
