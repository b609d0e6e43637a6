"""Front matter: split it from the body, parse its YAML with positions, catch the traps.

The YAML is composed with libyaml into a node tree and turned into Python values
here rather than by PyYAML's constructor, so that every key, value and list item
keeps its line and column, and so that YAML 1.1's surprises (``no`` -> False,
``12:30`` -> 750, ``0755`` -> 493, unquoted ``[[links]]``, unfilled template
placeholders, impossible dates) become findings instead of silently wrong data.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import yaml

from jobnotes.diagnostics import Diagnostic, error, warning
from jobnotes.model import OUTCOME_DATE_KEYS, Pos, position
from jobnotes.schema_dates import date_problem
from jobnotes.yaml_errors import PLACEHOLDER_RE as _PLACEHOLDER_RE
from jobnotes.yaml_errors import comment_value as _comment_value
from jobnotes.yaml_errors import reader_error as _reader_error
from jobnotes.yaml_errors import syntax_error as _syntax_error

if yaml.__with_libyaml__:
    _SafeLoader: type = yaml.CSafeLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _SafeLoader = yaml.SafeLoader

# How a short plain value resolves (str, int, date...) by (node kind, text, implicit
# flags): the composer asks for every value of every note, and the answer depends on
# nothing else (the safe loader has no path resolvers), while statuses, channels, dates
# and numbers repeat. Long values rarely do: they are not kept.
_RESOLVED: dict[tuple[Any, str, Any], str] = {}
_RESOLVED_MAX = 1 << 14
_RESOLVED_LENGTH = 32


class _Loader(_SafeLoader):  # type: ignore[misc,valid-type]
    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if value is not None and len(value) > _RESOLVED_LENGTH:
            return super().resolve(kind, value, implicit)
        key = (kind, value, implicit)
        tag = _RESOLVED.get(key)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) < _RESOLVED_MAX:
                _RESOLVED[key] = tag
        return tag

_TAG = "tag:yaml.org,2002:"
_MAX_DEPTH = 50
_CONSTRUCTOR = yaml.constructor.SafeConstructor()

_FENCES = ("---", "...")
_INDENT_RE = re.compile(r"[ \t]*(?:-[ \t]+)*")
_OCTAL_RE = re.compile(r"[-+]?0[0-7_]+")
_SHORT_DATETIME_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)[Tt ](\d{1,2}):(\d\d)")
_TAB_WIDTH = 4
_SHARED_LENGTH = 80     # text values up to this long are kept once however many notes repeat them
_YAML11_BOOLS = ("yes", "no", "on", "off", "y", "n")
# Keys whose values are never free text: dates, lists of dates, choices, a number, addresses.
# A yes/no there is not fixed by quoting it: the schema's finding about the value, which
# says what to write instead, is the only one (no `yaml-boolean` warning).
NOT_TEXT_KEYS = frozenset({
    "applied", "screening", *OUTCOME_DATE_KEYS, "feedback_requested", "feedback_received",
    "next_action_date", "interviews", "followed_up",                  # application dates
    "met", "thanked", "connected", "informational", "touches",        # person dates
    "status", "type", "channel", "excitement", "url", "linkedin", "email",
})
# The tags a value may have: those YAML gives plain values (or a user writes as !!str).
_PLAIN_TAGS = frozenset(_TAG + name for name in
                        ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))


@dataclass
class FrontMatter:
    data: dict[str, Any]             # top-level key -> value
    key_pos: dict[str, Pos] = field(default_factory=dict)
    value_pos: dict[str, Pos] = field(default_factory=dict)    # key position if value empty
    item_pos: dict[str, list[Pos]] = field(default_factory=dict)  # sequence values only
    quoted: set[str] = field(default_factory=set)  # keys whose scalar value was quoted


@dataclass
class ParsedNote:
    """A note split and parsed. ``front`` is None when there is no usable front matter:
    none at all, never closed, a YAML syntax error, or not a mapping (``end_line`` > 0
    and the diagnostics tell these apart)."""

    front: FrontMatter | None
    body: str
    body_line: int                   # file line where the body starts
    end_line: int                    # line of the closing --- (0 if none)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def parse_note(rel: str, text: str) -> ParsedNote:
    """Split and parse one note's text; never raises (a crash becomes an ``internal`` finding)."""
    try:
        return _parse(rel, text)
    except Exception as exc:  # noqa: BLE001 - one bad note must not stop a build
        note = ParsedNote(None, text, 1, 0)
        note.diagnostics.append(error(
            rel, 1, 0, "internal",
            f"the front matter could not be read because of an internal error "
            f"({type(exc).__name__}: {exc})",
            "please report this, with the front matter of the note if you can"))
        return note


def _parse(rel: str, text: str) -> ParsedNote:
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines[0].rstrip(" \t") != "---":
        note = ParsedNote(None, text, 1, 0)
        late = _late_opening(lines)
        if late:
            blank = "the empty line" if late == 1 else f"the {late} empty lines"
            note.diagnostics.append(error(
                rel, late + 1, 1, "frontmatter-not-first",
                f"the front matter must start on line 1, but it starts on line {late + 1}, "
                "so it is not read as front matter",
                f"delete {blank} above the --- line"))
        return note
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip(" \t") in _FENCES), None)
    if end is None:
        note = ParsedNote(None, text, 1, 0)
        note.diagnostics.append(error(
            rel, 1, 1, "frontmatter-unclosed",
            "the front matter opened on line 1 is never closed",
            "add a line with --- after the last property"))
        return note
    note = ParsedNote(None, "\n".join(lines[end + 1:]), end + 2, end + 1)
    note.front = _YamlReader(rel, lines[1:end], note.diagnostics).read()
    return note


class _YamlReader:
    """Turns the YAML lines of one front matter block into a FrontMatter, or None."""

    def __init__(self, rel: str, lines: list[str], diagnostics: list[Diagnostic]) -> None:
        self.rel = rel
        self.diagnostics = diagnostics
        self.lines, self.column_maps = self._untab(lines)
        self.poisoned = False                  # the current top-level value must be dropped
        self.memo: dict[int, tuple[Any, bool]] = {}   # aliases share nodes: build them once
        self.active: set[int] = set()
        self.aliases = False                   # the YAML may use aliases (*name)
        self.top_key = ""                      # the top-level key whose value is being read

    # -- positions --------------------------------------------------------------------

    def pos(self, line: int, column: int) -> Pos:
        """File position of a 0-based (line, column) in the untabbed YAML text."""
        back = self.column_maps.get(line)
        if back is not None:
            column = back[column] if column < len(back) else column - len(back) + back[-1] + 1
        return position(line + 2, column + 1)

    def mark_pos(self, mark: Any) -> Pos:
        return self.pos(mark.line, mark.column)

    def node_text(self, node: yaml.Node) -> str:
        start, end = node.start_mark, node.end_mark
        if start.line == end.line:
            return self.lines[start.line][start.column:end.column]
        parts = [self.lines[start.line][start.column:]]
        parts += self.lines[start.line + 1:end.line]
        if end.line < len(self.lines):
            parts.append(self.lines[end.line][:end.column])
        return "\n".join(parts)

    # -- tabs ---------------------------------------------------------------------------

    def _untab(self, lines: list[str]) -> tuple[list[str], dict[int, list[int]]]:
        """Replace tabs used for indentation by spaces, reporting each line that had one."""
        if not any("\t" in line for line in lines):
            return lines, {}
        out: list[str] = []
        maps: dict[int, list[int]] = {}
        for index, line in enumerate(lines):
            indent = _INDENT_RE.match(line).group()
            if "\t" not in indent:
                out.append(line)
                continue
            tab = indent.index("\t")
            self.diagnostics.append(error(
                self.rel, index + 2, tab + 1, "yaml-tab",
                "a tab is used for indentation; YAML allows only spaces there",
                "replace the tab with spaces (the note was read with tab stops every "
                f"{_TAB_WIDTH} columns)"))
            back: list[int] = []
            for offset, char in enumerate(indent):   # tabs stop every _TAB_WIDTH columns
                width = _TAB_WIDTH - len(back) % _TAB_WIDTH if char == "\t" else 1
                back.extend([offset] * width)
            maps[index] = back
            out.append(indent.expandtabs(_TAB_WIDTH) + line[len(indent):])
        return out, maps

    # -- reading ------------------------------------------------------------------------

    def read(self) -> FrontMatter | None:
        text = "\n".join(self.lines) + "\n"
        self.aliases = "*" in text
        loader = _Loader(text) if _encodable(text) else None
        if loader is None:
            self.report(0, 0, "yaml-syntax",
                        "YAML syntax error: the front matter contains an invalid character")
            return None
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            self.diagnostics.append(_syntax_error(self, exc))
            return None
        except yaml.YAMLError as exc:
            self.diagnostics.append(_reader_error(self, exc))
            return None
        finally:
            loader.dispose()
        if root is None:
            return FrontMatter({})
        if root.tag not in _PLAIN_TAGS:
            self.unknown_tag(root)
            return None
        if not isinstance(root, yaml.MappingNode):
            kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
            where = self.mark_pos(root.start_mark)
            self.diagnostics.append(error(
                self.rel, where.line, where.column, "frontmatter-not-mapping",
                f"the front matter is {kind}, not a set of properties",
                "write one property per line, as key: value"))
            return None
        return self.top_level(root)

    def report(self, line: int, column: int, rule: str, message: str,
               hint: str | None = None, *, severe: bool = True) -> None:
        where = self.pos(line, column)
        make = error if severe else warning
        self.diagnostics.append(make(self.rel, where.line, where.column, rule, message, hint))

    def report_at(self, node: yaml.Node, rule: str, message: str, hint: str | None = None,
                  *, severe: bool = True) -> None:
        mark = node.start_mark
        self.report(mark.line, mark.column, rule, message, hint, severe=severe)

    def top_level(self, root: yaml.MappingNode) -> FrontMatter:
        front = FrontMatter({})
        for key_node, value_node in root.value:
            key = self.key(key_node, front.key_pos)
            if key is None:
                continue
            front.key_pos[key] = key_pos = self.mark_pos(key_node.start_mark)
            empty = _is_empty(value_node)
            front.value_pos[key] = key_pos if empty else self.mark_pos(value_node.start_mark)
            if empty and (found := _comment_value(self, key, key_node)):
                self.diagnostics.append(found)
            self.poisoned = False
            self.top_key = key
            if self.aliases and self.repeats_collections(key, value_node):
                continue
            value = self.value(value_node, 1)
            if isinstance(value, list) and isinstance(value_node, yaml.SequenceNode):
                front.item_pos[key] = [self.mark_pos(item.start_mark)
                                       for item in value_node.value]
            if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("'", '"'):
                front.quoted.add(key)
            if not self.poisoned:
                front.data[key] = value
        return front

    def key(self, node: yaml.Node, seen: dict[str, Any]) -> str | None:
        """The key's text as written (``yes:`` is the key "yes"), or None to skip the pair."""
        if not isinstance(node, yaml.ScalarNode):
            self.report_at(node, "yaml-syntax", "a property name must be plain text",
                           "write the property as name: value")
            return None
        if node.tag not in _PLAIN_TAGS and node.tag != _TAG + "merge":
            self.unknown_tag(node)
            return None
        key = sys.intern(node.value)     # the same few names in every note: kept once
        if key in seen:
            first = seen[key]
            first_line = first.line if isinstance(first, Pos) else first
            self.report_at(node, "yaml-duplicate-key",
                           f"`{key}` is set twice: it was first set on line {first_line}; "
                           "this second value is ignored",
                           "keep only one of the two lines")
            return None
        return key

    def value(self, node: yaml.Node, depth: int) -> Any:
        key = id(node)
        if key in self.memo:
            value, poisoned = self.memo[key]
            self.poisoned = self.poisoned or poisoned
            return value
        if key in self.active or depth > _MAX_DEPTH:
            self.report_at(node, "yaml-syntax", "the front matter is nested too deeply "
                           "(or an alias refers to itself)", "keep properties flat")
            self.poisoned = True
            return None
        was_poisoned, self.poisoned = self.poisoned, False
        self.active.add(key)
        try:
            value = self.build(node, depth)
        finally:
            self.active.discard(key)
        self.memo[key] = (value, self.poisoned)
        self.poisoned = self.poisoned or was_poisoned
        return value

    def build(self, node: yaml.Node, depth: int) -> Any:
        if node.tag not in _PLAIN_TAGS:
            self.unknown_tag(node)
            self.poisoned = True
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        link = _unquoted_link(node)
        if link is not None:
            self.report_at(node, "yaml-unquoted-link",
                           f"the link {link} must be quoted, or YAML reads it as a nested list",
                           f'write it in quotes: "{link}"')
            return link
        if isinstance(node, yaml.SequenceNode):
            return [self.value(item, depth + 1) for item in node.value]
        if node.flow_style:
            placeholder = _PLACEHOLDER_RE.search(self.node_text(node))
            if placeholder and placeholder.group().startswith("{{"):
                self.placeholder(node, placeholder.group())
                return placeholder.group()
        result: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self.key(key_node, seen)
            if key is not None:
                seen[key] = key_node.start_mark.line + 2
                result[key] = self.value(value_node, depth + 1)
        return result

    def unknown_tag(self, node: yaml.Node) -> None:
        """``!!python/object/apply:...``: a tag asks for a kind of value front matter has not."""
        tag = node.tag
        written = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
        if len(written) > 40:
            written = written[:39] + "…"
        self.report_at(node, "yaml-tag",
                       f"YAML tags such as {written} are not allowed in front matter",
                       "delete the tag (the word starting with !) and write the value itself")

    def repeats_collections(self, key: str, node: yaml.Node) -> bool:
        """Report and drop a value in which aliases repeat a list or mapping (an "alias
        bomb": a few lines that expand to millions of values)."""
        expanded = _alias_expansion(node)
        if expanded is None:
            return False
        self.report_at(node, "yaml-alias",
                       f"`{key}` repeats a list through YAML aliases (*name): it would hold "
                       f"{expanded:,} values; it is not read",
                       "write the values out instead of repeating & and * aliases")
        return True

    def placeholder(self, node: yaml.Node, text: str) -> None:
        name = text.strip("{}<%= ").lower()
        if "date" in name or "time" in name or "now" in name:
            hint = "replace it with a value, e.g. 2026-03-05"
        else:
            hint = "replace it with a value, or delete the line"
        self.report_at(node, "yaml-template-placeholder",
                       f"unfilled template placeholder {text}", hint)
        self.poisoned = True

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, text = node.tag.removeprefix(_TAG), node.value
        plain = node.style in (None, "")
        if tag == "str":
            placeholder = _PLACEHOLDER_RE.search(text)
            if placeholder:
                self.placeholder(node, placeholder.group())
                return text
            match = _SHORT_DATETIME_RE.fullmatch(text) if plain else None
            if match:
                return self.short_datetime(node, match)
            # Statuses, channels, companies and contacts repeat across notes: kept once.
            return sys.intern(text) if len(text) <= _SHARED_LENGTH else text
        if tag == "null":
            return None
        if tag == "bool":
            if plain and text.lower() in _YAML11_BOOLS:
                if self.top_key in NOT_TEXT_KEYS:
                    return text         # the schema says what to write instead
                meaning = str(text.lower() in ("yes", "on", "y")).lower()
                self.report_at(node, "yaml-boolean", f"`{text}` is read as the boolean "
                               f"{meaning}", f'write "{text}" in quotes', severe=False)
                return text
            return _construct(_CONSTRUCTOR.construct_yaml_bool, node)
        if tag in ("int", "float"):
            return self.number(node, tag)
        if tag == "timestamp":
            try:
                return _CONSTRUCTOR.construct_yaml_timestamp(node)
            except Exception:  # noqa: BLE001 - ValueError, or AttributeError on !!timestamp
                self.invalid_date(node)
                return text
        return text

    def number(self, node: yaml.ScalarNode, tag: str) -> Any:
        text = node.value
        construct = (_CONSTRUCTOR.construct_yaml_int if tag == "int"
                     else _CONSTRUCTOR.construct_yaml_float)
        if ":" in text:
            self.report_at(node, "yaml-sexagesimal", f"`{text}` is read as the base-60 number "
                           f"{_construct(construct, node)}", f'write "{text}" in quotes')
            return text
        if tag == "int" and node.style in (None, "") and _OCTAL_RE.fullmatch(text):
            self.report_at(node, "yaml-octal", f"`{text}` is read as the octal number "
                           f"{_construct(construct, node)}",
                           f'write "{text}" in quotes, or drop the leading zero',
                           severe=False)
            return text
        return _construct(construct, node)

    def short_datetime(self, node: yaml.ScalarNode, match: re.Match[str]) -> Any:
        """``2026-03-05 10:00`` (no seconds): not a YAML timestamp, but clearly meant as one."""
        try:
            return datetime(*(int(part) for part in match.groups()))
        except ValueError:
            self.invalid_date(node)
            return node.value

    def invalid_date(self, node: yaml.ScalarNode) -> None:
        message, hint = date_problem(node.value)
        self.report_at(node, "yaml-invalid-date", message, hint)
        self.poisoned = True


def _construct(construct: Any, node: yaml.ScalarNode) -> Any:
    try:
        return construct(node)
    except (ValueError, TypeError, OverflowError, KeyError, yaml.YAMLError):
        return node.value


def _late_opening(lines: list[str]) -> int:
    """How many empty lines come before a complete front matter block (0 if none do, or
    if what follows them is not a block opened and closed by fences)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if first == 0 or lines[first].rstrip(" \t") != "---":
        return 0
    closed = any(line.rstrip(" \t") in _FENCES for line in lines[first + 1:])
    return first if closed else 0


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_empty(node: yaml.Node) -> bool:
    return (isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "null"
            and node.value == "" and node.style in (None, ""))


def _alias_expansion(node: yaml.Node) -> int | None:
    """How many single values ``node`` holds with its aliases expanded, when an alias repeats a
    list or mapping within it; None when none does. Each node is counted once however
    often it is repeated, so this is quick however large the expansion."""
    sizes: dict[int, int] = {}
    repeated = False

    def size(current: yaml.Node, depth: int, path: set[int]) -> int:
        nonlocal repeated
        if isinstance(current, yaml.ScalarNode):
            return 1
        key = id(current)
        if key in sizes:
            repeated = True
            return sizes[key]
        if key in path or depth > _MAX_DEPTH:
            return 0                     # a self-reference or too deep: reported when built
        path.add(key)
        children = (current.value if isinstance(current, yaml.SequenceNode)
                    else [part for pair in current.value for part in pair])
        total = sum(size(child, depth + 1, path) for child in children)
        path.discard(key)
        sizes[key] = total
        return total

    total = size(node, 0, set())
    return total if repeated else None


def _unquoted_link(node: yaml.Node) -> str | None:
    """``[[Jane Doe]]`` unquoted is a flow list holding a flow list holding one text."""
    if not (isinstance(node, yaml.SequenceNode) and node.flow_style and len(node.value) == 1):
        return None
    inner = node.value[0]
    if not (isinstance(inner, yaml.SequenceNode) and inner.flow_style
            and len(inner.value) == 1 and isinstance(inner.value[0], yaml.ScalarNode)
            and inner.value[0].value):
        return None
    return f"[[{inner.value[0].value}]]"
