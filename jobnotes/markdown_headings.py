"""The ids a body's headings get on its page, by line: where a link to a line of a note
lands (a cited post-mortem line, the job description of an application).

The page's ids come from the parse (``markdown._heading_ids``): every heading, of any
level, gets ``heading_id`` of its plain text, numbered by ``numbered_ids``. So the ids
here are made the same way, from the line scan when it can read the body and from the
parse itself when it cannot.
"""

from __future__ import annotations

import functools

from jobnotes.markdown import parse
from jobnotes.markdown_scan import scan_blocks
from jobnotes.obsidian.anchors import heading_id, numbered_ids
from jobnotes.obsidian.scan import heading_text

HeadingId = tuple[int, int, str]     # level, 0-based line in the body, id on the page


@functools.lru_cache(maxsize=1 << 18)   # per body text: more than any vault holds
def heading_ids(body: str) -> tuple[HeadingId, ...]:
    """Every heading of ``body`` in order, with the id the page gives it."""
    scanned = scan_blocks(body)
    if scanned is None:
        return tuple((int(token.tag[1]), token.map[0], str(token.attrGet("id")))
                     for token in parse(body)
                     if token.type == "heading_open" and token.map is not None)
    ids = numbered_ids(heading_id(heading_text(title)) for _, title, _ in scanned.headings)
    return tuple((level, line, anchor)
                 for (level, _, line), anchor in zip(scanned.headings, ids, strict=True))


def section_anchor(body: str, line: int) -> str:
    """The id of the ``##`` or ``###`` heading at or above 0-based ``line`` of ``body``
    ("" when there is none): the section the line belongs to."""
    return next((anchor for level, at, anchor in reversed(heading_ids(body))
                 if at <= line and level in (2, 3)), "")
