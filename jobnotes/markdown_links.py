"""Links as a reader of the site can follow them.

Bare web addresses (``https://…``, ``http://…``, ``www.…``) and e-mail addresses become
links, as in Obsidian; a bare host name such as ``notes.md`` or ``example.com`` stays text,
and so does anything in code. A link the site will not follow (``javascript:``,
``file:``, ``obsidian://``, a ``data:`` page, ...) shows its label as plain text rather
than its raw Markdown or an ``<a>`` that leads nowhere. The sanitizer still has the last
word on every URL: this module only decides how a refused link looks.
"""

from __future__ import annotations

import re

from linkify_it import LinkifyIt
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

# Schemes a link may use on the site; anything else with a scheme is shown as text.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
_DATA_IMAGE = re.compile(r"\s*data:image/[a-z0-9.+-]+[;,]", re.IGNORECASE)
# What a bare address must start with to become a link (e-mail addresses aside).
_BARE_WEB = ("http://", "https://", "www.")


def scheme(url: str) -> str | None:
    """The lower-case scheme of ``url``, or None for a relative one."""
    match = _SCHEME.match(url)
    return match.group(1).lower() if match else None


def followed_href(href: str) -> bool:
    """Whether a link to ``href`` stays a link: relative, or http(s) or mailto."""
    found = scheme(href)
    return found is None or found in LINK_SCHEMES


def shown_src(src: str) -> bool:
    """Whether an image's ``src`` is one the site may show: relative, web or data:image."""
    found = scheme(src)
    return found is None or found in ("http", "https") or bool(_DATA_IMAGE.match(src))


def may_link(text: str) -> bool:
    """Whether ``text`` may hold an address a bare link is made of ("://", "www." in any
    case, "@"). Substring checks: a regular expression with these alternatives, asked of
    every line of every note, took five times as long."""
    return "://" in text or "@" in text or "www." in text.lower()


class _Linkifier(LinkifyIt):
    """linkify-it with a quick first look: its own pretest, one large pattern, would add
    about 40% to a plain note's render, and most lines hold no "://", "www." or "@"."""

    def pretest(self, text: str) -> bool:
        return may_link(text) and bool(super().pretest(text))


def linkifier() -> LinkifyIt:
    """Finds bare web and e-mail addresses; ``ftp:`` and ``//host`` are left as text.

    Any top-level domain of letters counts, as in Obsidian (linkify-it alone knows only
    a few, so ``www.acme.dev`` or ``jobs@acme.tech`` would stay text); the host names this
    lets through (``notes.md``) are turned back into text by ``refused_links_rule``."""
    found = _Linkifier(options={"fuzzy_link": True, "fuzzy_email": True, "fuzzy_ip": False})
    return found.tlds("[a-z]{2,63}", True).add("ftp:", None).add("//", None)


def _alt_text(tokens: list[Token]) -> str:
    parts = []
    for token in tokens:
        if token.type in ("text", "code_inline", "text_special"):
            parts.append(token.content)
        elif token.type == "image":
            parts.append(_alt_text(token.children or []))
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _keep_bare(children: list[Token], i: int) -> bool:
    """A linkified address stays a link if written as a web address or is an e-mail."""
    if str(children[i].attrGet("href") or "").lower().startswith("mailto:"):
        return True
    label = children[i + 1].content if i + 1 < len(children) else ""
    return label.lower().startswith(_BARE_WEB)


def _unlinked(children: list[Token]) -> list[Token] | None:
    """``children`` with refused links unwrapped (their label kept), or None if unchanged."""
    drop: set[int] = set()
    replace: dict[int, Token] = {}
    for i, token in enumerate(children):
        if token.type == "link_open":
            href = str(token.attrGet("href") or "")
            keep = (_keep_bare(children, i) if token.markup == "linkify"
                    else followed_href(href))
            if keep:
                continue
            drop.add(i)
            for j in range(i + 1, len(children)):
                if children[j].type == "link_close":
                    drop.add(j)
                    break
        elif token.type == "image" and not shown_src(str(token.attrGet("src") or "")):
            text = Token("text", "", 0)
            text.content = _alt_text(token.children or [])
            text.level = token.level
            replace[i] = text
    if not drop and not replace:
        return None
    return [replace.get(i, token) for i, token in enumerate(children) if i not in drop]


def may_hold_link(text: str) -> bool:
    """Whether inline ``text`` may hold a link or an image: "[", "<" or a bare address."""
    return "[" in text or "<" in text or may_link(text)


def refused_links_rule(state: StateCore) -> None:
    for token in state.tokens:
        if token.type == "inline" and token.children and may_hold_link(token.content):
            changed = _unlinked(token.children)
            if changed is not None:
                token.children = changed


def _any_link(url: str) -> bool:
    """Let every link through the parser: ``refused_links_rule`` shows the refused ones as
    text, and the sanitizer removes any URL it does not allow."""
    return True


def links_plugin(md: MarkdownIt) -> None:
    """Linkify bare addresses and show refused links as text (add after other link rules)."""
    md.linkify = linkifier()
    md.options["linkify"] = True
    md.enable("linkify")
    md.validateLink = _any_link  # type: ignore[method-assign]
    md.core.ruler.push("refused_links", refused_links_rule)


# --- after sanitizing ---------------------------------------------------------------------

# The sanitizer escapes "<" and ">" in text and attribute values, so in its output every
# "<a" starts a real tag and every ">" inside one ends it.
_A_TAG = re.compile(r"<a(\s[^>]*)?>|</a>")
_HREF_OR_ID = re.compile(r"\s(?:href|id)=")


def unwrap_dead_anchors(html: str) -> str:
    """Sanitized ``html`` with every ``<a>`` that has neither an href nor an id (raw HTML
    whose URL the sanitizer dropped) replaced by its content."""
    if "<a" not in html:
        return html
    out: list[str] = []
    stack: list[bool] = []      # for each open <a>: whether its tags are dropped
    last = 0
    for match in _A_TAG.finditer(html):
        tag = match.group(0)
        if tag == "</a>":
            dropped = stack.pop() if stack else False
        else:
            dropped = not _HREF_OR_ID.search(match.group(1) or "")
            stack.append(dropped)
        if dropped:
            out.append(html[last:match.start()])
            last = match.end()
    if last == 0:
        return html
    out.append(html[last:])
    return "".join(out)

