"""Which parts of a job description are "nice to have".

Two kinds of signal, both giving character spans of the description text:

- a part: a heading or label line such as ``### Nice to have``, ``**Bonus points**``,
  ``Preferred qualifications:`` or ``Nice to have: dbt, Snowflake`` starts an optional
  part, which lasts until the next heading or label (``Requirements:``, ``## About
  us``). A part opened by a label line also ends at a plain paragraph after a blank
  line (the list under the label is over);
- a phrase inside a sentence: "BigQuery a plus", "Python (Django preferred)",
  "experience in retail, preferably grocery", "Bonus: Kafka", "Tableau or Looker is
  a plus" (the whole enumeration), "healthcare data is helpful but not required".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

from jobnotes.jd.vocabulary import lowered

Span = tuple[int, int]

_CUE_WORDS = (
    r"nice[\s-]*to[\s-]*haves?|good[\s-]*to[\s-]*haves?|preferred|preferably|preferable|"
    r"bonus|pluses|plus|desirable|desired|optional|optionally|extra\s+credit|ideally|"
    r"would\s+be\s+(?:great|nice)|even\s+better|stand\s+out|advantageous|an\s+advantage|"
    r"not\s+required|not\s+essential|not\s+a\s+must|nice\s+if"
)
_CUE_RE = re.compile(rf"\b(?:{_CUE_WORDS})\b", re.IGNORECASE)
# A word each of _CUE_WORDS starts with (in lower case): a title without any has no cue.
_CUE_HINT_RE = re.compile(
    r"n(?:ice|ot)|good|p(?:refer|lus)|bonus|desir|option|e(?:xtra|ven)|ideally|would|stand|"
    r"advantage"
)

_HEADING_RE = re.compile(r"\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_BOLD_LINE_RE = re.compile(r"\s{0,3}(\*\*|__)(.+?)\1\s*:?\s*$")
_LIST_ITEM_RE = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
_LABEL_RE = re.compile(
    r"\s{0,3}(?:\*\*|__)?([^\s:][^:]{0,60}?)(?:\*\*|__)?\s*:(?:\*\*|__)?\s*(.*)$"
)
_BARE_RE = re.compile(r"\s{0,3}([A-Za-z][\w'’&/ -]*?)\s*")
_OPTIONAL_START_RE = re.compile(
    rf"(?:it'?s\s+a\s+|an?\s+|what\s+would\s+(?:make\s+you\s+)?)?(?:{_CUE_WORDS})\b",
    re.IGNORECASE,
)
_SECTION_START_RE = re.compile(
    r"(?:requirements?|qualifications?|responsibilities|about|you|your|what|who|must|"
    r"minimum|basic|key|skills|experience|the|benefits|perks|how|tech|our|we|why|duties|"
    r"role|job|position|essential|required)\b",
    re.IGNORECASE,
)

# Phrases inside a sentence.
_START_CUE_RE = re.compile(
    r"[\s*_>\-+\d.)]*(?:bonus(?:\s+points)?|nice[\s-]*to[\s-]*have|good[\s-]*to[\s-]*have|"
    r"preferred|preferably|ideally|optional(?:ly)?|desirable|a\s+plus|plus\s*:|"
    r"extra\s+credit|even\s+better|it'?s\s+a\s+(?:big\s+|huge\s+)?plus|we'?d\s+love|"
    r"would\s+be\s+(?:great|nice))\b",
    re.IGNORECASE,
)
_END_CUE_RE = re.compile(
    r"(?:\b(?:is|are|would\s+be|will\s+be)\s+)?(?:\ban?\s+)?"
    r"(?:(?:big|huge|strong|definite|real|major|great|nice)\s+)?"
    r"(?:plus|bonus|advantage|nice[\s-]*to[\s-]*have|preferred|desirable|desired|"
    r"advantageous|welcome|appreciated|helpful|beneficial|optional|not\s+required|"
    r"not\s+essential|not\s+a\s+must|(?<=would be )(?:great|ideal|useful|good))"
    r"(?:\s*(?:,\s*)?but\s+not\s+(?:required|essential|a\s+must))?[\s.!*_)]*$",
    re.IGNORECASE,
)
_AS_IS_RE = re.compile(r"\s*(?:as\s+(?:is|are|does|do)|and\s+also|or)\b", re.IGNORECASE)
# A word each _END_CUE_RE match holds (in lower case): a piece without any ends in no cue.
_END_HINT_RE = re.compile(
    r"plus|bonus|advantage|nice|preferred|desir|welcome|appreciated|helpful|beneficial|"
    r"optional|not|great|ideal|useful|good"
)
_MID_CUE_RE = re.compile(r"\b(?:preferably|ideally|optionally)\b", re.IGNORECASE)
_MID_CUES = ("preferably", "ideally", "optionally")
_ENUMERATION_RE = re.compile(r"\S\s+(?:or|and|and/or)\s+\S", re.IGNORECASE)
_ONLY_CUE_RE = re.compile(
    rf"\s*(?:(?:is|are)\s+)?(?:an?\s+)?(?:(?:big|huge|strong|real|definite)\s+)?"
    rf"(?:{_CUE_WORDS})(?:\s+points)?(?:\s*,?\s*but\s+not\s+required)?\s*[.!]?\s*",
    re.IGNORECASE,
)
_PAREN_RE = re.compile(r"\(([^()\n]*)\)")
# Every word a phrase cue contains: blocks without any are skipped quickly.
_CUE_STEMS = (
    "plus", "bonus", "prefer", "ideally", "option", "desir", "nice", "good", "advantage",
    "welcome", "appreciated", "helpful", "beneficial", "required", "essential", "must",
    "credit", "better", "love", "great",
)
_ANY_CUE_RE = re.compile(
    r"\b(?:plus|bonus|prefer\w*|ideally|option\w*|desir\w*|nice|good|advantage\w*|welcome|"
    r"appreciated|helpful|beneficial|required|essential|must|credit|better|love|great)\b",
    re.IGNORECASE,
)
_SENTENCE_END_RE = re.compile(r"(?<=[.!?;])\s+")


class _Header(NamedTuple):
    optional: bool
    label: bool          # a "Label:" line (vs a heading or a bold line)
    content_start: int   # offset within the line where inline content starts, -1 if none


_OPTIONAL_BARE = _Header(True, True, -1)
_SECTION_BARE = _Header(False, True, -1)


@lru_cache(maxsize=1 << 12)    # a few headings and labels recur in most descriptions
def _header(line: str, before_list: bool) -> _Header | None:
    """The part a heading / label line opens, or None for an ordinary line (one that does
    not start a list item).

    A bare line ("Nice to have", "Requirements") is a heading when it is short, has no
    final punctuation and starts like one; one that does not open a nice-to-have part
    must also be followed by a list (``before_list``). Each pattern is tried only where
    the line holds a character it needs ("#", "**" or "__", ":").
    """
    if (("#" in line and (match := _HEADING_RE.match(line)))
            or (("**" in line or "__" in line) and (match := _BOLD_LINE_RE.match(line)))):
        title = match.group(match.lastindex or 1)
        return _Header(_cued(title), False, -1)
    match = _LABEL_RE.match(line) if ":" in line else None
    if match is None:
        # A bare heading has at most 6 words: its words are the line's.
        if len(line.split(None, 6)) > 6:
            return None
        bare = _BARE_RE.fullmatch(line)
        if bare is None or len(bare.group(1).split()) > 6:
            return None
        if _OPTIONAL_START_RE.match(bare.group(1)):
            return _OPTIONAL_BARE
        if before_list and _SECTION_START_RE.match(bare.group(1)):
            return _SECTION_BARE
        return None
    label, rest = match.group(1), match.group(2)
    words = len(label.split())
    if not rest.strip():
        if words > 12:
            return None
        return _Header(_cued(label), True, -1)
    if words > 5 or "http" in label.casefold():
        return None
    return _Header(_cued(label), True, match.start(2))


def _cued(title: str) -> bool:
    """Whether ``_CUE_RE`` finds a cue in ``title``: not where a word it needs is missing
    (see ``vocabulary.lowered``)."""
    lower = lowered(title)
    if lower is not None and _CUE_HINT_RE.search(lower) is None:
        return False
    return _CUE_RE.search(title) is not None


class _Line(NamedTuple):
    offset: int
    text: str
    blank: bool
    listed: bool              # starts a list item
    header: _Header | None


def _lines(text: str) -> list[_Line]:
    raw_lines, pos = [], 0
    list_item = _LIST_ITEM_RE.match
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        blank = not line.strip()
        raw_lines.append((pos, line, blank, not blank and list_item(line) is not None))
        pos += len(raw)
    lines: list[_Line] = []
    next_listed = False      # whether the next non-blank line starts a list item
    for offset, line, blank, listed in reversed(raw_lines):
        header = None if blank or listed else _header(line, next_listed)
        lines.append(_Line(offset, line, blank, listed, header))
        if not blank:
            next_listed = listed
    lines.reverse()
    return lines


def part_spans(text: str, lines: list[_Line] | None = None) -> list[Span]:
    """Spans of the optional parts opened by headings and label lines."""
    spans: list[Span] = []
    optional = label_part = seen = blank = False
    start = 0
    for line in lines if lines is not None else _lines(text):
        if line.blank:
            blank = True
            continue
        header = line.header
        if header is not None:
            if optional:
                spans.append((start, line.offset))
            optional, label_part = header.optional, header.label
            seen, blank = header.content_start >= 0, False
            start = line.offset + max(header.content_start, 0)
            continue
        if (optional and label_part and seen and blank and not line.listed
                and not line.text.startswith((" ", "\t"))):
            spans.append((start, line.offset))
            optional = False
        seen, blank = True, False
    if optional:
        spans.append((start, len(text)))
    return spans


def _blocks(lines: list[_Line]) -> list[Span]:
    """Paragraphs and list items: the units sentences live in."""
    blocks: list[Span] = []
    start = end = -1
    for line in lines:
        if (line.blank or line.listed or line.header is not None) and start >= 0:
            blocks.append((start, end))
            start = -1
        if not line.blank:
            if start < 0:
                start = line.offset
            end = line.offset + len(line.text)
    if start >= 0:
        blocks.append((start, end))
    return blocks


def _sentences(text: str, start: int, end: int) -> list[Span]:
    spans, pos = [], start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, end))
    return spans


def _pieces(text: str, start: int, end: int) -> list[Span]:
    """Comma-separated pieces of a sentence."""
    spans, pos = [], start
    for i in range(start, end):
        if text[i] == ",":
            spans.append((pos, i))
            pos = i + 1
    spans.append((pos, end))
    return spans


def _sentence_spans(text: str, start: int, end: int) -> list[Span]:
    spans: list[Span] = []
    # Parentheses first, then blank them so "Python (Django preferred)" leaves Python alone.
    chars = list(text[start:end])
    for paren in _PAREN_RE.finditer(text, start, end):
        inner = paren.group(1)
        if _ONLY_CUE_RE.fullmatch(inner):
            before = text.rfind(",", start, paren.start()) + 1 or start
            spans.append((before, paren.end()))
        elif _CUE_RE.search(inner):
            spans.append((paren.start(1), paren.end(1)))
        chars[paren.start() - start:paren.end() - start] = " " * (paren.end() - paren.start())
    plain = "".join(chars)
    if _START_CUE_RE.match(plain):
        return [*spans, (start, end)]
    pieces = _pieces(plain, 0, len(plain))
    previous = False
    # The pattern cues are looked for only where a word of theirs is (see ``lowered``).
    lower = lowered(plain)
    for piece_start, piece_end in pieces:
        piece = plain[piece_start:piece_end]
        if ((lower is None or _END_HINT_RE.search(lower, piece_start, piece_end))
                and _END_CUE_RE.search(piece)):
            # "Tableau, Looker or Power BI is a plus": the whole enumeration.
            body = re.sub(r"^\s*(?:and|or)\s+", "", piece, flags=re.IGNORECASE)
            first = 0 if _ENUMERATION_RE.search(body) else piece_start
            spans.append((start + first, start + piece_end))
            previous = True
        elif previous and _AS_IS_RE.match(piece):      # "..., as is Looker"
            spans.append((start + piece_start, start + piece_end))
        else:
            previous = False
    if lower is not None and not any(cue in lower for cue in _MID_CUES):
        return spans
    for cue in _MID_CUE_RE.finditer(plain):
        piece_end = next(e for s, e in pieces if s <= cue.start() <= e)
        spans.append((start + cue.start(), start + piece_end))
    return spans


def _stem_starts(text: str) -> list[int] | None:
    """Sorted offsets of every ``_CUE_STEMS`` in ``text`` in any case (a word
    ``_ANY_CUE_RE`` finds starts at one of them), or None when they cannot be told by
    ``str.lower`` (see ``vocabulary.lowered``)."""
    lower = lowered(text)
    if lower is None:
        return None
    starts = []
    find = lower.find
    for stem in _CUE_STEMS:
        at = find(stem)
        while at >= 0:
            starts.append(at)
            at = find(stem, at + 1)
    starts.sort()
    return starts


def phrase_spans(text: str, lines: list[_Line] | None = None) -> list[Span]:
    """Spans made optional by a phrase inside a sentence ("BigQuery a plus")."""
    spans: list[Span] = []
    stems = _stem_starts(text)
    for block_start, block_end in _blocks(lines if lines is not None else _lines(text)):
        if stems is not None:
            i = bisect_left(stems, block_start)
            if i == len(stems) or stems[i] >= block_end:
                continue        # no cue word can be in the block
        if not _ANY_CUE_RE.search(text, block_start, block_end):
            continue
        for start, end in _sentences(text, block_start, block_end):
            spans += _sentence_spans(text, start, end)
    return spans


def optional_spans(text: str) -> list[Span]:
    """Every optional span of a job description, merged and sorted."""
    lines = _lines(text)
    spans = sorted(part_spans(text, lines) + phrase_spans(text, lines))
    merged: list[Span] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
