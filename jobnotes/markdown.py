"""Markdown as Obsidian users write it -> safe HTML; plus sections and tasks for analysis.

One MarkdownIt instance (CommonMark + tables, strikethrough, task lists, footnotes, bare
links and Obsidian's syntax from ``jobnotes.obsidian``: wikilinks, embeds, callouts, comments,
highlights, tags, block ids) is created lazily and reused. Raw HTML is allowed while
parsing, but every rendered fragment goes through nh3 with a small allow-list, so nothing
a note contains can run script or load anything from elsewhere.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from jobnotes.markdown_lean import needs_rare_rules, without_rare_rules
from jobnotes.markdown_links import links_plugin, unwrap_dead_anchors
from jobnotes.markdown_plugin_blocks import plugin_blocks_plugin
from jobnotes.markdown_scan import scan_blocks
from jobnotes.markdown_tables import table_align_plugin
from jobnotes.obsidian.anchors import HEADING_ID_PREFIX, heading_id, numbered_ids, slugify
from jobnotes.obsidian.blockids import blockids_plugin
from jobnotes.obsidian.callouts import callouts_plugin
from jobnotes.obsidian.comments import comments_plugin
from jobnotes.obsidian.highlights import highlights_plugin
from jobnotes.obsidian.linker import Linker, Resolver
from jobnotes.obsidian.mdlinks import mdlinks_plugin
from jobnotes.obsidian.tags import tags_plugin
from jobnotes.obsidian.tasks import CANCELLED, CHECKED, tasks_plugin
from jobnotes.obsidian.wikilinks import wikilinks_plugin

__all__ = ["HEADING_ID_PREFIX", "Linker", "Resolver", "Section", "Task", "heading_id",
           "render_markdown", "sanitize", "scan_blocks", "slugify", "split_sections", "tasks"]


class Section:
    """A ``##`` or ``###`` heading and the text under it, up to the next heading of the
    same or a higher level (so a ``##`` section includes its ``###`` sub-sections).

    The text is cut from the note's body when asked for, so that the sections of a whole
    vault, kept for the figures, do not hold a second copy of every body."""

    __slots__ = ("level", "title", "line", "_source", "_start", "_end")

    def __init__(self, level: int, title: str, text: str, line: int) -> None:
        self.level, self.title = level, title
        self.line = line     # 1-based line of the heading within the text given to split_sections
        self._source, self._start, self._end = text, 0, len(text)

    @classmethod
    def within(cls, level: int, title: str, source: str, start: int, end: int,
               line: int) -> Section:
        """The section whose text is ``source[start:end]``."""
        section = cls(level, title, source, line)
        section._start, section._end = start, end
        return section

    @property
    def text(self) -> str:
        return self._source[self._start:self._end]

    def _key(self) -> tuple[int, str, str, int]:
        return self.level, self.title, self.text, self.line

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Section) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (f"Section(level={self.level!r}, title={self.title!r}, text={self.text!r}, "
                f"line={self.line!r})")


@dataclass(frozen=True, slots=True)
class Task:
    """One task list item: ``- [ ]``, ``- [x]``, or another state Obsidian knows, such
    as ``- [/]`` (in progress) or ``- [-]`` (cancelled)."""

    done: bool     # its box is checked: done, or cancelled (see ``cancelled``)
    text: str
    line: int      # 1-based line within the text given to tasks()
    state: str = field(default="", compare=False)   # the character in the box

    @property
    def cancelled(self) -> bool:
        return self.state == CANCELLED


# --- the MarkdownIt instance ------------------------------------------------------------

@functools.cache
def _markdown() -> MarkdownIt:
    return _new_markdown()


@functools.cache
def _lean_markdown() -> MarkdownIt:
    return without_rare_rules(_new_markdown())


def _markdown_for(text: str) -> MarkdownIt:
    """The instance to parse ``text`` with: one without the rules it cannot need
    when it needs none of them (``markdown_lean``), the same tokens sooner."""
    return _markdown() if needs_rare_rules(text) else _lean_markdown()


def _new_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": True, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.use(table_align_plugin)
    md.use(plugin_blocks_plugin)   # Dataview and other plugins' blocks, named
    md.use(tasks_plugin)
    md.use(footnote_plugin)
    md.use(comments_plugin)        # these three run, in this order, before inline parsing
    md.use(callouts_plugin)
    md.use(blockids_plugin)
    md.use(wikilinks_plugin)
    md.use(highlights_plugin)
    md.use(tags_plugin)
    md.use(mdlinks_plugin)
    md.use(links_plugin)           # bare addresses; refused links shown as text
    md.core.ruler.push("heading_ids", _heading_ids)
    md.add_render_rule("softbreak", _softbreak)
    return md


def _softbreak(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    """A single line break in a paragraph: a line break when the vault's Obsidian shows
    it as one (``env["soft_breaks"]``, see ``obsidian.appconfig``), else a space."""
    return "<br>\n" if isinstance(env, dict) and env.get("soft_breaks") else "\n"


def parse(text: str, env: dict[str, Any] | None = None) -> list[Token]:
    """Tokens of ``text``; ``env`` (e.g. a ``Linker``'s) is filled in by the parse."""
    return _markdown_for(text).parse(text, env if env is not None else {})


def render_tokens(tokens: list[Token], env: dict[str, Any]) -> str:
    """Unsanitized HTML of tokens from ``parse`` (for fragments inside a larger render)."""
    md = _markdown()
    return md.renderer.render(tokens, md.options, env)


# --- heading ids -------------------------------------------------------------------------

def _heading_ids(state: Any) -> None:
    tokens = state.tokens
    headings = [i for i, token in enumerate(tokens)
                if token.type == "heading_open" and i + 1 < len(tokens)]
    ids = numbered_ids(heading_id(_plain_text(tokens[i + 1])) for i in headings)
    for i, anchor in zip(headings, ids, strict=True):
        tokens[i].attrSet("id", anchor)


def _plain_text(inline: Token) -> str:
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("wikilink", "embed"):
            parts.append(child.meta["target"].label())
        elif child.type == "tag":
            parts.append("#" + child.content)
    return "".join(parts) or inline.content


def inline_text(text: str) -> str:
    """The plain text of one line of inline Markdown, as a heading's id is made of."""
    tokens = _markdown().parseInline(text, {})
    return _plain_text(tokens[0]) if tokens else text


# --- sanitizing --------------------------------------------------------------------------

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "details", "div", "dd", "dl", "dt",
    "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "s", "section", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "audio", "video",
}
_ATTRIBUTES = {
    "*": {"class"},
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "audio": {"src", "controls"},
    "video": {"src", "controls", "width", "height"},
    "span": {"title", "aria-hidden"},
    "div": {"id"},
    "p": {"id"},
    "blockquote": {"id"},
    "table": {"id"},
    "ul": {"id"},
    "input": {"checked"},
    "li": {"id"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "ol": {"start", "id"},
    "details": {"open", "id"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}
_ID_RE = re.compile(r"(?:h-|b-|fn)[\w:.-]*")
_MEDIA = ("img", "audio", "video")
_DATA_IMAGE_RE = re.compile(r"data:image/[a-z0-9.+-]+[;,]", re.IGNORECASE)


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        # Only ids this module makes (headings, blocks, footnotes): never the page's own.
        return value if _ID_RE.fullmatch(value) else None
    url = value.strip().lower()
    if attr in ("href", "src") and url.startswith("data:"):
        return value if tag == "img" and _DATA_IMAGE_RE.match(url) else None
    remote = url.startswith(("http:", "https:")) or (len(url) > 1 and set(url[:2]) <= {"/", "\\"})
    if attr == "src" and remote:
        return None     # an image from elsewhere would be a request leaving the machine
    return value


# The media sources ``sanitize`` was given, for the filter the shared cleaner calls back
# (on the thread that called ``sanitize``, so each thread sees its own).
_sources: ContextVar[Collection[str] | None] = ContextVar("sanitize_sources", default=None)


def _keep_attribute(tag: str, attr: str, value: str) -> str | None:
    kept = _attribute_filter(tag, attr, value)
    if kept is None or attr != "src" or tag not in _MEDIA:
        return kept
    sources = _sources.get()
    if (sources is not None and not kept.strip().lower().startswith("data:")
            and kept not in sources):
        return None
    return kept


@functools.cache
def _cleaner() -> nh3.Cleaner:
    # Built once: ``nh3.clean`` converts these options on every call, a third of its time.
    return nh3.Cleaner(
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        url_schemes={"http", "https", "mailto", "data"},
        tag_attribute_values={"input": {"type": {"checkbox"}}},
        set_tag_attribute_values={"input": {"type": "checkbox", "disabled": "disabled"}},
        link_rel="noopener noreferrer",
    )


def sanitize(html: str, sources: Collection[str] | None = None) -> str:
    """Keep what Obsidian users write; drop scripts, event handlers and unsafe URLs (an
    ``<a>`` left without a URL is replaced by its text).

    With ``sources``, an image or media ``src`` survives only if it is one of them (the
    attachments the renderer itself resolved) or a ``data:image``: raw ``<img src=...>``
    in a note then loads nothing at all.
    """
    given = _sources.set(sources)
    try:
        cleaned = _cleaner().clean(html)
    finally:
        _sources.reset(given)
    return _without_empty_media(unwrap_dead_anchors(cleaned))


_EMPTY_IMG = re.compile(r"<img\b(?![^>]*\ssrc=)[^>]*>")
_ALT = re.compile(r'\salt="([^"]*)"')


def _without_empty_media(html: str) -> str:
    """Sanitized ``html`` with each ``<img>`` left with no ``src`` (an image from the web,
    or raw HTML whose source was refused) replaced by its alt text: a browser would draw
    it as a broken image."""
    if "<img" not in html:
        return html
    return _EMPTY_IMG.sub(lambda m: (alt.group(1) if (alt := _ALT.search(m.group(0)))
                                     else ""), html)


# --- public API --------------------------------------------------------------------------

def render_markdown(text: str, resolve: Resolver | None = None, *,
                    linker: Linker | None = None) -> str:
    """Render a note body to sanitized HTML.

    ``resolve(name)`` turns a wikilink target into a URL relative to the current page,
    or None when no page exists for it (the link is then shown as plain text). A
    ``linker`` (see ``jobnotes.obsidian``) replaces it and also resolves paths, headings,
    embeds, tags and attachments.
    """
    linker = linker if linker is not None else Linker(resolve)
    html = _markdown_for(text).render(text, linker.env())
    return sanitize(html, linker.sources if linker.strict_sources else None)


def split_sections(body: str) -> list[Section]:
    """Every ``##`` and ``###`` heading with its text (headings in code are not headings)."""
    return list(_sections(body))


@functools.lru_cache(maxsize=1 << 18)
def _sections(body: str) -> tuple[Section, ...]:
    # Cached: analysis asks for the same body's sections many times per build.
    scanned = scan_blocks(body)
    if scanned is not None:
        headings = [(level, title, start, start + 1) for level, title, start in scanned.headings]
    else:
        headings = _parsed_headings(body)
    offsets = [0]                   # where each line starts in ``body``, and its end
    for line in body.splitlines(keepends=True):
        offsets.append(offsets[-1] + len(line))
    last = len(offsets) - 1
    sections = []
    for n, (level, title, start, body_start) in enumerate(headings):
        if level not in (2, 3):
            continue
        end = last
        for other_level, _, other_start, _ in headings[n + 1:]:
            if other_level <= level:
                end = other_start
                break
        begin = offsets[min(body_start, last)]
        sections.append(Section.within(level, title, body, begin, max(begin, offsets[end]),
                                       start + 1))
    return tuple(sections)


def _parsed_headings(body: str) -> list[tuple[int, str, int, int]]:
    """(level, title, first line, body start) of every heading, from a full parse."""
    tokens = parse(body)
    headings = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and token.map is not None:
            level = int(token.tag[1])
            headings.append((level, tokens[i + 1].content.strip(), token.map[0], token.map[1]))
    return headings


def tasks(text: str) -> list[Task]:
    """Every task-list item in ``text``, in order."""
    return list(_tasks(text))


@functools.lru_cache(maxsize=1 << 18)
def _tasks(text: str) -> tuple[Task, ...]:
    scanned = scan_blocks(text)
    if scanned is not None:
        return tuple(Task(char in CHECKED, " ".join(words.split()), line + 1, char)
                     for char, words, line in scanned.tasks)
    tokens = parse(text)
    found = []
    for i, token in enumerate(tokens):
        if token.type != "list_item_open" or "task-list-item" not in str(token.attrGet("class")):
            continue
        inline = tokens[i + 2]
        char = (token.meta or {}).get("task", " ")
        line = (inline.map[0] if inline.map else 0) + 1
        words = " ".join(inline.content.split())
        found.append(Task(char in CHECKED, words, line, char))
    return tuple(found)
