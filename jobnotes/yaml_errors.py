"""YAML syntax errors of front matter as findings: where the mistake was made (not where
YAML gave up) and a guess at the fix from the offending line. Also a value YAML reads as
a comment (``tags: #urgent``), which is valid YAML but surely not what was meant."""

from __future__ import annotations

import re
from typing import Protocol

import yaml

from jobnotes.diagnostics import Diagnostic, error, warning
from jobnotes.model import Pos

PLACEHOLDER_RE = re.compile(r"\{\{[^{}\n]*\}\}|<%.*?%>", re.S)
_LINK_RE = re.compile(r"\[\[([^\[\]\n]+)\]\]")
# After a key with no value: ": #urgent", a comment that looks like a value. "# recruiter,
# hiring-manager" (a space after the #) is a real comment, as in the note templates.
_COMMENT_VALUE_RE = re.compile(r"[ \t]*:[ \t]+(#\S.*?)[ \t]*$")
_LIST_KEYS = ("tags", "skills", "contacts", "aliases", "cssclasses")
# A "#" right after "[" or a comma in a list written on one line: a comment to YAML.
_FLOW_COMMENT_RE = re.compile(r"^\s*[^\s:#][^:]*:\s*\[[^\]]*?(?<=[\[,])\s*(#)")
_KEY_VALUE_RE = re.compile(r"(\s*(?:-\s+)?)([^\s:#][^:#]*?):\s+(\S.*?)\s*$")


class Reader(Protocol):
    """What is read: the note's path, its front matter lines, and their file positions."""

    rel: str
    lines: list[str]

    def pos(self, line: int, column: int) -> Pos: ...


def _flow_comment(reader: Reader, upto: int) -> tuple[int, int] | None:
    """(line, column) of a ``#`` right after ``[`` or a comma in a list written on one
    line (``tags: [#urgent, remote]``), at or above line ``upto``: YAML reads it as the
    start of a comment, so the list never closes."""
    for number in range(min(upto, len(reader.lines) - 1), -1, -1):
        found = _FLOW_COMMENT_RE.match(reader.lines[number])
        if found:
            return number, found.start(1)
    return None


def syntax_error(reader: Reader, exc: yaml.MarkedYAMLError) -> Diagnostic:
    problem = (exc.problem or "invalid YAML").replace(" in this context", " here")
    mark, context = exc.problem_mark, exc.context_mark
    if mark is not None and ((exc.context or "").startswith("while parsing a flow")
                             or "expected node content" in problem):
        hashed = _flow_comment(reader, mark.line)
        if hashed is not None:
            where = reader.pos(*hashed)
            return error(reader.rel, where.line, where.column, "yaml-syntax",
                         "YAML syntax error: this # starts a comment, so the rest of the "
                         "line is lost and the list is never closed",
                         'quote each item that starts with # ("#urgent"), or leave out the #')
    at_end = mark is None or mark.line >= len(reader.lines)
    if (at_end or "end of stream" in problem) and context is not None:
        mark = context
    flow = (exc.context or "").startswith("while parsing a flow")
    opened_earlier = flow and context is not None and mark is not None and (
        context.line != mark.line)
    if opened_earlier:
        mark = context   # point at the bracket that was never closed, not where YAML gave up
    line = min(mark.line, max(len(reader.lines) - 1, 0)) if mark is not None else 0
    column = mark.column if mark is not None and mark.line == line else 0
    message = f"YAML syntax error: {problem}"
    if opened_earlier:
        bracket = "[" if "sequence" in (exc.context or "") else "{"
        closing = "]" if bracket == "[" else "}"
        message = (f"YAML syntax error: the {bracket} opened here is never closed "
                   f"(YAML then found: {problem})")
        source_line = reader.lines[line] if line < len(reader.lines) else ""
        where = reader.pos(line, column)
        hint = _syntax_hint(problem, exc.context or "", source_line, column) or (
            f"close it with {closing} on the same line, or put the whole value in quotes")
        return error(reader.rel, where.line, where.column, "yaml-syntax", message, hint)
    if "quoted scalar" in (exc.context or "") and "end of stream" in problem:
        message = "YAML syntax error: a quoted value is never closed"
    elif (exc.context or "").startswith("while scanning") and context is not None and (
            context.line != line):
        message += f" ({exc.context} that starts on line {context.line + 2})"
    source_line = reader.lines[line] if line < len(reader.lines) else ""
    where = reader.pos(line, column)
    return error(reader.rel, where.line, where.column, "yaml-syntax", message,
                 _syntax_hint(problem, exc.context or "", source_line, column))


def reader_error(reader: Reader, exc: yaml.YAMLError) -> Diagnostic:
    """libyaml refuses some characters (control characters) before parsing anything."""
    code = getattr(exc, "character", None)
    line = column = 0
    if isinstance(code, int):
        for index, text in enumerate(reader.lines):
            found = text.find(chr(code))
            if found >= 0:
                line, column = index, found
                break
        what = f"the character U+{code:04X}"
    else:
        what = "a character"
    where = reader.pos(line, column)
    return error(reader.rel, where.line, where.column, "yaml-syntax",
                 f"YAML syntax error: {what} is not allowed in front matter",
                 "delete it (it is usually invisible in an editor)")


def comment_value(reader: Reader, key: str, key_node: yaml.Node) -> Diagnostic | None:
    """A warning for an empty value whose line goes on with a #word: ``tags: #urgent``
    is read as the key and a comment, so the value is empty; None when it does not."""
    end = key_node.end_mark
    line = reader.lines[end.line] if end.line < len(reader.lines) else ""
    match = _COMMENT_VALUE_RE.match(line, end.column)
    if match is None:
        return None
    written = match.group(1)
    words = [word for word in re.split(r"[,\s]+", written) if word]
    if key.strip().casefold() in _LIST_KEYS:
        quoted = ", ".join(f'"{word}"' if word.startswith("#") else word for word in words)
        bare = ", ".join(word.lstrip("#") for word in words)
        hint = f"write {key}: [{quoted}] or {key}: [{bare}]"
    else:
        escaped = written.replace("\\", "\\\\").replace('"', '\\"')
        hint = f'write {key}: "{escaped}" in quotes, or {key}: {written.lstrip("#")}'
    where = reader.pos(end.line, match.start(1))
    return warning(reader.rel, where.line, where.column, "yaml-comment-value",
                   f"the value of `{key}` starts with #, which YAML reads as the start of "
                   f"a comment, so `{key}` is empty", hint)


def _syntax_hint(problem: str, context: str, line: str, column: int) -> str | None:
    """A guess at the fix from the offending line; None when there is no good guess."""
    links = _LINK_RE.findall(line)
    if links:
        quoted = ", ".join(f'"[[{link}]]"' for link in links)
        if len(links) == 1:
            return f"write it in quotes: {quoted}"
        match = _KEY_VALUE_RE.match(line)
        prefix = f"{match.group(2)}: " if match else ""
        return f"quote each link and put them in brackets: {prefix}[{quoted}]"
    placeholder = PLACEHOLDER_RE.search(line)
    if placeholder:
        return f"replace the template placeholder {placeholder.group()} with a value"
    if "quoted scalar" in context and "end of stream" in problem:
        return "a quote is opened and never closed: add the closing quote"
    for closing in ("]", "}"):
        if f"expected ',' or '{closing}'" in problem:
            return (f"close it with {closing} at the end of the line, items separated by "
                    "commas, or put the whole value in quotes")
    if "mapping values" in problem and line.find(":") == column:
        return ("check the indentation: this line is indented more than the property above, "
                "which already has a value")
    if "mapping values" in problem or "cannot start any token" in problem or (
            "alias" in problem or "anchor" in problem):
        match = _KEY_VALUE_RE.match(line)
        if match:
            indent, key, value = match.groups()
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            return f'quote the value: {indent}{key}: "{escaped}"'
        return "quote the value"
    return None
