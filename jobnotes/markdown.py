"""Markdown as Obsidian users write it -> safe HTML; plus sections and tasks for analysis.

One MarkdownIt instance (CommonMark + tables, strikethrough, task lists, footnotes and
``[[wikilinks]]``) is created lazily and reused. Raw HTML is allowed while parsing, but
every rendered fragment goes through nh3 with a small allow-list, so nothing a note
contains can run script or load anything from elsewhere.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

Resolver = Callable[[str], "str | None"]

HEADING_ID_PREFIX = "h-"


@dataclass(frozen=True, slots=True)
class Section:
    """A ``##`` or ``###`` heading and the text under it, up to the next heading of the
    same or a higher level (so a ``##`` section includes its ``###`` sub-sections)."""

    level: int
    title: str
    text: str
    line: int      # 1-based line of the heading within the text given to split_sections


@dataclass(frozen=True, slots=True)
class Task:
    """One ``- [ ]`` / ``- [x]`` list item."""

    done: bool
    text: str
    line: int      # 1-based line within the text given to tasks()


# --- the MarkdownIt instance ------------------------------------------------------------

_MD: MarkdownIt | None = None


def _markdown() -> MarkdownIt:
    global _MD
    if _MD is None:
        md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
        md.enable(["table", "strikethrough"])
        md.use(tasklists_plugin, enabled=False)
        md.use(footnote_plugin)
        md.inline.ruler.before("link", "wikilink", _wikilink_rule)
        md.add_render_rule("wikilink", _render_wikilink)
        md.core.ruler.push("heading_ids", _heading_ids)
        _MD = md
    return _MD


def slugify(text: str) -> str:
    """Lower-case words joined by hyphens, keeping letters of any script."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[^\w\s-]", "", text)
    return re.sub(r"[\s_-]+", "-", text).strip("-")


def heading_id(title: str) -> str:
    return HEADING_ID_PREFIX + (slugify(title) or "section")


# --- wikilinks ---------------------------------------------------------------------------

_WIKILINK_RE = re.compile(r"!?\[\[([^\[\]\n]+?)\]\]")


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    src = state.src
    pos = state.pos
    if not (src.startswith("[[", pos) or src.startswith("![[", pos)):
        return False
    match = _WIKILINK_RE.match(src, pos)
    if match is None:
        return False
    inner = match.group(1)
    # In a table cell the alias separator must be written "\|".
    target, sep, alias = inner.replace("\\|", "|").partition("|")
    target, alias = target.strip(), alias.strip()
    if not target:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {"target": target, "alias": alias if sep else ""}
        token.content = match.group(0)
    state.pos = match.end()
    return True


def _split_target(target: str) -> tuple[str, str]:
    """``"Jane Doe#Notes"`` -> ``("Jane Doe", "Notes")``; also drops a folder and ``.md``."""
    name, _, heading = target.partition("#")
    name = name.strip().rsplit("/", 1)[-1]
    if name.lower().endswith(".md"):
        name = name[:-3]
    return name, heading.strip()


def _render_wikilink(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    meta = tokens[idx].meta
    name, heading = _split_target(meta["target"])
    label = meta["alias"] or (f"{name} › {heading}" if name and heading else name or heading)
    resolve: Resolver | None = env.get("resolve") if isinstance(env, dict) else None
    href: str | None = None
    if not name:                           # [[#Heading]]: a heading on this page
        href = ""
    elif resolve is not None:
        href = resolve(name)
    if href is None:
        return f'<span class="wikilink unresolved">{escapeHtml(label)}</span>'
    if heading:
        href += "#" + heading_id(heading)
    return f'<a class="wikilink" href="{escapeHtml(href)}">{escapeHtml(label)}</a>'


# --- heading ids -------------------------------------------------------------------------

def _heading_ids(state: Any) -> None:
    seen: dict[str, int] = {}
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type != "heading_open" or i + 1 >= len(tokens):
            continue
        base = heading_id(_plain_text(tokens[i + 1]))
        n = seen.get(base, 0) + 1
        seen[base] = n
        token.attrSet("id", base if n == 1 else f"{base}-{n}")


def _plain_text(inline: Token) -> str:
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "wikilink":
            name, heading = _split_target(child.meta["target"])
            parts.append(child.meta["alias"] or name or heading)
    return "".join(parts) or inline.content


# --- sanitizing --------------------------------------------------------------------------

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "details", "div", "dd", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "s", "section", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "input": {"checked"},
    "li": {"id"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "details": {"open"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}
_ID_RE = re.compile(r"(?:h-|fn)[\w:.-]*")
_DATA_IMAGE_RE = re.compile(r"data:image/[a-z0-9.+-]+[;,]", re.IGNORECASE)


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        # Only ids this module makes (headings, footnotes): a note cannot clobber the page's.
        return value if _ID_RE.fullmatch(value) else None
    url = value.strip().lower()
    if attr in ("href", "src") and url.startswith("data:"):
        return value if tag == "img" and _DATA_IMAGE_RE.match(url) else None
    remote = url.startswith(("http:", "https:")) or (len(url) > 1 and set(url[:2]) <= {"/", "\\"})
    if attr == "src" and remote:
        return None     # an image from elsewhere would be a request leaving the machine
    return value


def sanitize(html: str) -> str:
    """Keep what Obsidian users write; drop scripts, event handlers and unsafe URLs."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto", "data"},
        tag_attribute_values={"input": {"type": {"checkbox"}}},
        set_tag_attribute_values={"input": {"type": "checkbox", "disabled": "disabled"}},
        link_rel="noopener noreferrer",
    )


# --- public API --------------------------------------------------------------------------

def render_markdown(text: str, resolve: Resolver | None = None) -> str:
    """Render a note body to sanitized HTML.

    ``resolve(name)`` turns a wikilink target into a URL relative to the current page,
    or None when no page exists for it (the link is then shown as plain text).
    """
    return sanitize(_markdown().render(text, {"resolve": resolve}))


def split_sections(body: str) -> list[Section]:
    """Every ``##`` and ``###`` heading with its text (headings in code are not headings)."""
    tokens = _markdown().parse(body)
    lines = body.splitlines(keepends=True)
    headings: list[tuple[int, str, int, int]] = []   # level, title, first line, body start
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map is not None:
            level = int(token.tag[1])
            headings.append((level, tokens[i + 1].content.strip(), token.map[0], token.map[1]))
    sections = []
    for n, (level, title, start, body_start) in enumerate(headings):
        if level not in (2, 3):
            continue
        end = len(lines)
        for other_level, _, other_start, _ in headings[n + 1:]:
            if other_level <= level:
                end = other_start
                break
        text = "".join(lines[body_start:end])
        sections.append(Section(level, title, text, start + 1))
    return sections


def tasks(text: str) -> list[Task]:
    """Every task-list item in ``text``, in order."""
    tokens = _markdown().parse(text)
    found = []
    for i, token in enumerate(tokens):
        if token.type != "list_item_open" or "task-list-item" not in str(token.attrGet("class")):
            continue
        inline = tokens[i + 2]
        checkbox = inline.children[0].content if inline.children else ""
        line = (inline.map[0] if inline.map else 0) + 1
        words = " ".join(inline.content.split())
        found.append(Task("checked" in checkbox, words, line))
    return found
